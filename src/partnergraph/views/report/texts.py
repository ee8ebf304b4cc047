"""The report's own words in Danish and English (the data brings its own labels)."""

from __future__ import annotations

from partnergraph.rdf.dates import long_date

__all__ = ["join", "long_date", "quote", "t"]

_TEXTS: dict[str, dict[str, str]] = {
    "da": {
        "subtitle": "{owner} · status pr. {date}",
        "subtitle-no-owner": "Status pr. {date}",
        "no-source": "ikke angivet i datasættet",
        "provenance": (
            "Lavet med partnergraph {version} den {made} ud fra datasættet {dataset} "
            "({iri}), {edition}. Kilde: {source}. Datasættet har {triples} tripler; "
            "hvert udsagn har en note med kildens egne ord."
        ),
        "edition": "udgave {edition}",
        "no-edition": "udgave ikke angivet i datasættet",
        "notes": "Kilder og citater",
        "no-words": "(kilden citeres ikke ordret i datasættet)",
        "section.intro": "Indledning og formål",
        "section.typology": "Typer af samarbejder",
        "section.formal": "Formelle partnerskaber",
        "section.table": "Partnerskaber, temaer og tidsplan",
        "section.strategic": "Andre strategiske partnere og samarbejder",
        "section.action": "Kræver handling pr. {date}",
        "section.changes": "Ændringer siden forrige udgave",
        "section.figure": "Netværk",
        "intro.formal": "Oversigten tager afsæt i de {n} formelle partnerskaber med {names}.",
        "intro.strategic": "Udover disse arbejder {owner} i strategiske partnerskaber med {names}.",
        "intro.strategic-no-owner": "Udover disse er der strategiske partnerskaber med {names}.",
        "intro.builds-on": "Det sker gennem {names}.",
        "intro.involvement": "Inddragelse af borgere og interessenter sker eksempelvis ved: ",
        "intro.purpose": (
            "Denne udgave er dannet fra vidensgrafen og følger notatets opbygning. Den viser "
            "status pr. {date}: hvad der kræver handling{changes}, og et netværk over "
            "samarbejderne."
        ),
        "intro.changes": ", hvad der er ændret siden forrige udgave",
        "typology.example": "Eksempel: ",
        "typology.members": "I datasættet: ",
        "formal.status": "Status pr. {date}: {status}.",
        "formal.stated": "ifølge kilden: {stated}",
        "formal.purpose": "Formål: ",
        "formal.period": "Periode: ",
        "formal.none": "Ingen formelle partnerskaber er valgt.",
        "table.partnership": "Partnerskab og organisering",
        "table.themes": "Nuværende tema",
        "table.focus": "Forslag til fokusområde",
        "table.timeline": "Tidsplan",
        "table.as-of": "Pr. {date}",
        "strategic.name": "Partnerskab eller samarbejde",
        "strategic.kind": "Type",
        "strategic.parties": "Parter",
        "strategic.none": "Ingen andre partnere er valgt.",
        "action.what": "Hvad",
        "action.partnership": "Partnerskab",
        "action.when": "Hvornår (kildens ord)",
        "action.state": "Status pr. {date}",
        "action.none": "Intet kræver handling pr. {date} eller de næste seks måneder.",
        "action.coming": "{what} inden for seks måneder",
        "action.intro": (
            "Aftaler der er udløbet eller udløber, og behandlinger der er planlagt til før "
            "{date} eller de næste seks måneder. En løs dato (fx »efterår 2025«) regnes som "
            "overskredet først efter dens seneste mulige dag."
        ),
        "changes.previous": "Sammenlignet med: {previous}.",
        "changes.kind": "Ændring",
        "changes.what": "Hvad",
        "changes.none": (
            "Ingen ændringer i partnerskaber, aftaler, temaer, fora eller beslutninger."
        ),
        "figure.title": "Partnerskaber, parter og tværgående temaer",
        "figure.caption": (
            "Figur 1. Partnerskaber (ruder), organisationer (prikker) og de tværgående temaer "
            "de deler, pr. {date}. En linje er en relation i grafen; farve og form viser typen."
        ),
        "figure.source": "Kilde: {source} · partnergraph {version}",
        "list.and": "og",
    },
    "en": {
        "subtitle": "{owner} · status as of {date}",
        "subtitle-no-owner": "Status as of {date}",
        "no-source": "not stated in the dataset",
        "provenance": (
            "Made with partnergraph {version} on {made} from the dataset {dataset} ({iri}), "
            "{edition}. Source: {source}. The dataset holds {triples} triples; every statement "
            "has a note with the source's own words."
        ),
        "edition": "edition {edition}",
        "no-edition": "edition not stated in the dataset",
        "notes": "Sources and quotations",
        "no-words": "(the dataset does not quote the source verbatim)",
        "section.intro": "Introduction and purpose",
        "section.typology": "Types of collaboration",
        "section.formal": "Formal partnerships",
        "section.table": "Partnerships, themes and timetable",
        "section.strategic": "Other strategic partners and collaborations",
        "section.action": "Needs action as of {date}",
        "section.changes": "Changes since the previous edition",
        "section.figure": "Network",
        "intro.formal": "This overview starts from the {n} formal partnerships with {names}.",
        "intro.strategic": "Besides these, {owner} works in strategic partnerships with {names}.",
        "intro.strategic-no-owner": "Besides these, there are strategic partnerships with {names}.",
        "intro.builds-on": "This is done through {names}.",
        "intro.involvement": "Citizens and stakeholders are involved, for example, by: ",
        "intro.purpose": (
            "This edition was generated from the knowledge graph and follows the memo's "
            "structure. It shows the status as of {date}: what needs action{changes}, and a "
            "network of the collaborations."
        ),
        "intro.changes": ", what changed since the previous edition",
        "typology.example": "Example: ",
        "typology.members": "In the dataset: ",
        "formal.status": "Status as of {date}: {status}.",
        "formal.stated": "according to the source: {stated}",
        "formal.purpose": "Purpose: ",
        "formal.period": "Period: ",
        "formal.none": "No formal partnership is selected.",
        "table.partnership": "Partnership and organisation",
        "table.themes": "Current theme",
        "table.focus": "Proposed focus area",
        "table.timeline": "Timetable",
        "table.as-of": "As of {date}",
        "strategic.name": "Partnership or collaboration",
        "strategic.kind": "Type",
        "strategic.parties": "Parties",
        "strategic.none": "No other partner is selected.",
        "action.what": "What",
        "action.partnership": "Partnership",
        "action.when": "When (the source's words)",
        "action.state": "Status as of {date}",
        "action.none": "Nothing needs action as of {date} or in the next six months.",
        "action.coming": "{what} within six months",
        "action.intro": (
            "Agreements that have ended or are ending, and treatments planned before {date} or "
            "in the next six months. A loose date (such as “autumn 2025”) counts as overdue "
            "only after its latest possible day."
        ),
        "changes.previous": "Compared with: {previous}.",
        "changes.kind": "Change",
        "changes.what": "What",
        "changes.none": "No changes in partnerships, agreements, themes, forums or decisions.",
        "figure.title": "Partnerships, parties and cross-cutting themes",
        "figure.caption": (
            "Figure 1. Partnerships (diamonds), organisations (dots) and the cross-cutting "
            "themes they share, as of {date}. A line is a relation in the graph; colour and "
            "shape show the kind."
        ),
        "figure.source": "Source: {source} · partnergraph {version}",
        "list.and": "and",
    },
}


def t(lang: str, key: str, **values: object) -> str:
    """The report text ``key`` in ``lang`` (Danish when the language is unknown)."""
    table = _TEXTS.get(lang, _TEXTS["da"])
    return table[key].format(**values) if values else table[key]


def join(names: list[str], lang: str) -> str:
    """A, B og C."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t(lang, 'list.and')} {names[-1]}"


def quote(words: str, lang: str) -> str:
    """The source's words in the report language's quotation marks (a remark in parentheses
    stays as it is)."""
    if words.startswith("("):
        return words
    return f"»{words}«" if lang == "da" else f"“{words}”"
