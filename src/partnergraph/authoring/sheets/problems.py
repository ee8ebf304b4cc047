"""Problems found in a workbook, and the texts that explain them in Danish and English."""

from __future__ import annotations

from dataclasses import dataclass

from partnergraph.core.errors import PartnergraphError

__all__ = ["LANGUAGES", "Problem", "SpreadsheetError", "text"]

LANGUAGES = ("da", "en")


@dataclass(frozen=True)
class Problem:
    """One thing to fix: where (sheet, row, column), the value found and what is expected.

    ``row`` is the row number the spreadsheet program shows (the line number in a CSV file);
    ``column`` the column's header in the workbook's language; ``cell`` its address (``H12``).
    ``code`` says what kind of problem it is (``required``, ``unknown-reference``,
    ``shacl:ForumMeetingFrequencyShape`` ...), for programs and tests.
    """

    sheet: str
    row: int
    column: str
    value: str
    message: str
    cell: str = ""
    code: str = ""

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.cell else f"{self.sheet}:{self.row}"
        column = f" ({self.column})" if self.column else ""
        value = f" [{self.value!r}]" if self.value else ""
        return f"{where}{column}{value}: {self.message}"


class SpreadsheetError(PartnergraphError):
    """A workbook has problems; nothing was written. ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem], *, source: str = "", lang: str = "da") -> None:
        self.problems = list(problems)
        self.source = source
        count = len(self.problems)
        head = text("error-head", lang, count=count, source=source or "-")
        super().__init__("\n".join([head, *(str(p) for p in self.problems)]))


_TEXTS: dict[str, dict[str, str]] = {
    # --- the error as a whole ------------------------------------------------------------------
    "error-head": {
        "da": "{count} problem(er) i {source}; intet er skrevet. Ret dem og prøv igen:",
        "en": "{count} problem(s) in {source}; nothing was written. Fix them and try again:",
    },
    # --- sheet-level checks --------------------------------------------------------------------
    "required": {
        "da": "Feltet skal udfyldes. Forventet: {expected}",
        "en": "This cell must be filled in. Expected: {expected}",
    },
    "unknown-reference": {
        "da": "Ukendt id {value!r}: det er ikke defineret på noget ark. Forventet: id'et på en "
        "række på {targets}.",
        "en": "Unknown id {value!r}: it is not defined on any sheet. Expected: the id of a row "
        "on {targets}.",
    },
    "register-reference": {
        "da": "Ukendt id {value!r}: det er ikke defineret på noget ark. Mener du registerets "
        "{shared}? Skriv {shared} (et id uden præfiks er projektmappens eget).",
        "en": "Unknown id {value!r}: it is not defined on any sheet. Do you mean the register's "
        "{shared}? Write {shared} (a bare id is the workbook's own).",
    },
    "wrong-reference": {
        "da": "{value!r} er defineret på arket {found} (række {found_row}), men her forventes "
        "id'et på en række på {targets}.",
        "en": "{value!r} is defined on the sheet {found} (row {found_row}), but this column "
        "expects the id of a row on {targets}.",
    },
    "bad-date": {
        "da": "{value!r} er ikke en dato. Skriv år (2025), år og måned (2025-09) eller dag "
        "(2025-09-15), med den præcision kilden giver.",
        "en": "{value!r} is not a date. Write a year (2025), a year and month (2025-09) or a day "
        "(2025-09-15), in the precision the source gives.",
    },
    "end-before-start": {
        "da": "Perioden slutter før den begynder: slut {value!r} (senest {latest}) ligger før "
        "start {start!r} (tidligst {earliest}). Ret start eller slut efter kilden.",
        "en": "The period ends before it starts: end {value!r} (at the latest {latest}) is "
        "before start {start!r} (at the earliest {earliest}). Correct the start or the end "
        "from the source.",
    },
    "duplicate-id": {
        "da": "Id'et {value!r} er allerede brugt på arket {first} række {first_row}. Hvert id "
        "må kun bruges én gang i hele projektmappen.",
        "en": "The id {value!r} is already used on the sheet {first}, row {first_row}. Each id "
        "may be used only once in the whole workbook.",
    },
    "bad-id": {
        "da": "{value!r} kan ikke bruges som id. Brug små og store bogstaver a-z, tal, "
        "bindestreg, punktum og understregning, fx via-university-college (eller en fuld IRI).",
        "en": "{value!r} cannot be used as an id. Use the letters a-z and A-Z, digits, hyphen, "
        "full stop and underscore, e.g. via-university-college (or a full IRI).",
    },
    "not-in-list": {
        "da": "{value!r} er ikke en tilladt værdi i denne kolonne. Forventet en af: {allowed}.",
        "en": "{value!r} is not an allowed value in this column. Expected one of: {allowed}.",
    },
    "bad-integer": {
        "da": "{value!r} er ikke et helt tal. Forventet et helt tal på mindst 1, fx 2.",
        "en": "{value!r} is not a whole number. Expected a whole number of at least 1, e.g. 2.",
    },
    "bad-flag": {
        "da": "{value!r} er hverken ja eller nej. Skriv ja, eller lad cellen være tom.",
        "en": "{value!r} is neither yes nor no. Write yes, or leave the cell empty.",
    },
    "bad-language": {
        "da": "{value!r} er ikke en sprogkode. Forventet en kode på to bogstaver, fx da, en "
        "eller sv.",
        "en": "{value!r} is not a language code. Expected a two-letter code such as da, en or sv.",
    },
    "one-value": {
        "da": "Kun én værdi er tilladt i denne kolonne; her er {count}.",
        "en": "Only one value is allowed in this column; there are {count}.",
    },
    "unknown-column": {
        "da": "Ukendt kolonne {value!r}. Omdøb den til en af arkets kolonner eller slet den "
        "(kendte kolonner: {known}).",
        "en": "Unknown column {value!r}. Rename it to one of the sheet's columns or delete it "
        "(known columns: {known}).",
    },
    "missing-column": {
        "da": "Kolonnen {value!r} mangler på arket. Tilføj den (kopiér overskriften fra "
        "skabelonen).",
        "en": "The column {value!r} is missing from the sheet. Add it (copy the header from "
        "the template).",
    },
    "unknown-sheet": {
        "da": "Ukendt ark {value!r}. Omdøb det til et af skabelonens ark ({known}) eller slet "
        "det; ellers ville dets indhold gå tabt.",
        "en": "Unknown sheet {value!r}. Rename it to one of the template's sheets ({known}) or "
        "delete it; otherwise its content would be lost.",
    },
    "duplicate-sheet": {
        "da": "Arket {value!r} findes to gange (også som {first!r}). Flet dem til ét ark.",
        "en": "The sheet {value!r} appears twice (also as {first!r}). Merge them into one sheet.",
    },
    "duplicate-column": {
        "da": "Kolonnen {value!r} findes to gange på arket. Slet den ene.",
        "en": "The column {value!r} appears twice on the sheet. Delete one of them.",
    },
    "bad-property": {
        "da": "{value!r} er ikke en egenskab. Skriv et præfiksnavn med et kendt præfiks (fx "
        "skos:note) eller en fuld IRI i <...>.",
        "en": "{value!r} is not a property. Write a prefixed name with a known prefix (e.g. "
        "skos:note) or a full IRI in <...>.",
    },
    "bad-subject": {
        "da": "{value!r} kan ikke være emne. Skriv et id, et præfiksnavn, en fuld IRI i <...> "
        "eller en blank knude _:navn.",
        "en": "{value!r} cannot be a subject. Write an id, a prefixed name, a full IRI in <...> "
        "or a blank node _:name.",
    },
    "bad-datatype": {
        "da": "{value!r} er ikke en datatype. Skriv fx xsd:integer, xsd:gYear eller tekst.",
        "en": "{value!r} is not a datatype. Write e.g. xsd:integer, xsd:gYear or text.",
    },
    "language-and-datatype": {
        "da": "En værdi kan ikke have både sprog og datatype. Slet den ene.",
        "en": "A value cannot have both a language and a datatype. Delete one of them.",
    },
    "bad-literal": {
        "da": "{value!r} er ikke en gyldig værdi af typen {datatype}.",
        "en": "{value!r} is not a valid value of type {datatype}.",
    },
    "bad-text": {
        "da": "Teksten begynder eller slutter med mellemrum eller indeholder et linjeskift "
        "hvor det ikke er tilladt.",
        "en": "The text begins or ends with spaces or holds a line break where none is allowed.",
    },
    "shacl": {
        "da": "{message}",
        "en": "{message}",
    },
    # --- words used inside messages ------------------------------------------------------------
    "or": {"da": "eller", "en": "or"},
    "sheet": {"da": "arket", "en": "the sheet"},
    "sdg-targets": {"da": "FN's verdensmål (fx 17.17)", "en": "the UN SDGs (e.g. 17.17)"},
}


def text(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang`` (Danish unless English is asked for), filled in."""
    entry = _TEXTS[key]
    template = entry.get(lang, entry["da"])
    return template.format(**values)
