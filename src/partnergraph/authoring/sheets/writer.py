"""Writing rows as an .xlsx workbook (or as CSV files, one per sheet).

The workbook opens with a guide; each data sheet has its headers in Danish (row 1) and English
(row 2), what goes in each column (row 3), required columns marked with ``*``, and drop-down
lists: controlled values come from a hidden ``lists`` sheet, references from the id column of
the sheet they point to. Every cell is text (format ``@``), so a spreadsheet program never turns
``2018-08`` into a date or ``0707`` into 707; text that starts with ``=`` stays text.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from partnergraph.authoring.sheets.layout import (
    GUIDE_NAMES,
    HEADER_ROWS,
    LISTS_SHEET,
    REGISTER_NAMES,
    SHEETS,
    Column,
    SheetSpec,
)
from partnergraph.authoring.sheets.table import SheetData
from partnergraph.authoring.sheets.vocab import Vocabularies, VocabularyList
from partnergraph.io.output import check_output_folder, making_folder, write_atomic, write_files
from partnergraph.io.tables import neutralise

__all__ = ["RegisterRow", "write_csv_folder", "write_workbook"]

RegisterRow = tuple[str, str, str, str]
"""One organisation of the register as its sheet shows it: id (``pgid:...``), Danish name,
English name, other names."""

_FILL = {
    "required": PatternFill("solid", fgColor="FCE4D6"),
    "mapping": PatternFill("solid", fgColor="E4DFEC"),
    "normal": PatternFill("solid", fgColor="DDEBF7"),
}
_HELP_FONT = Font(italic=True, color="595959", size=9)
_VALIDATION_ROWS = 2000


def _guide_lines(lang: str) -> list[str]:
    if lang == "en":
        return [
            "Fill in one sheet per kind of thing. Each row is one thing, with a short id in "
            "column A (e.g. via-university-college); other sheets refer to the row by that id. "
            "The id becomes the address https://w3id.org/partnergraph/id/<id>.",
            "Rows 1 and 2 are the column headers in Danish and English, row 3 says what goes in "
            "the column. Write data from row 4. Columns marked * are required. Columns may be "
            "moved, but do not change the headers.",
            "Dates keep the source's precision: a year (2018), a month (2018-08) or a day "
            "(2022-01-01). Put the source's own words for the time in Time as worded, e.g. "
            '"efterår 2025", and for a season give both start and end (2025-09 and 2025-11). '
            '"2025" as an end means 31 December 2025 at the latest.',
            "Several values in one cell are separated by ; (e.g. parties). In Purpose, write one "
            "purpose per line (Alt+Enter).",
            "Every row needs a Source: the id of a document on the Documents sheet. Wording in "
            "the source keeps the source's own words.",
            "Columns marked (mapping) are editorial mappings (cross-cutting themes, UN SDGs); "
            "they are kept apart from the facts from the source.",
            "Controlled values are picked from the drop-down lists; the lists are at the end of "
            "this guide.",
            "Anything that has no column goes on the Extra statements sheet: subject, property, "
            "value.",
            "Organisations that many sources mention (universities, municipalities, companies) "
            "are in the register: the Register sheet lists them with their ids, e.g. "
            "pgid:aarhus-universitet. Write that id wherever the organisation is named (Members, "
            "Parties, Member, Unit of, Publisher ...), with no row of your own on the "
            "Organisations sheet, so that every source means the same organisation. A new "
            "organisation whose name is close to a register entry's is pointed out on import.",
            "Import with: partnergraph import workbook.xlsx --output data/my-municipality.ttl. "
            "All problems are shown at once with sheet, row and column; nothing is written "
            "until they are fixed.",
        ]
    return [
        "Udfyld ét ark pr. slags ting. Hver række er én ting med et kort id i kolonne A (fx "
        "via-university-college); andre ark henviser til rækken med dette id. Id'et bliver til "
        "adressen https://w3id.org/partnergraph/id/<id>.",
        "Række 1 og 2 er kolonneoverskrifterne på dansk og engelsk, række 3 forklarer kolonnen. "
        "Skriv data fra række 4. Kolonner markeret med * skal udfyldes. Kolonnerne må flyttes, "
        "men overskrifterne må ikke ændres.",
        "Datoer skrives med kildens præcision: år (2018), måned (2018-08) eller dag "
        '(2022-01-01). Skriv kildens egne ord for tidspunktet i Tidsangivelse, fx "efterår '
        '2025", og for en årstid både start og slut (2025-09 og 2025-11). "2025" som slut '
        "betyder senest 31. december 2025.",
        "Flere værdier i samme celle adskilles med ; (fx parter). I Formål skrives ét formål pr. "
        "linje (Alt+Enter).",
        "Hver række skal have en Kilde: id'et på et dokument på arket Dokumenter. Kildens "
        "ordlyd gemmer kildens egne ord.",
        "Kolonner markeret (kobling) er redaktionelle koblinger (tværgående temaer, "
        "verdensmål); de gemmes adskilt fra fakta fra kilden.",
        "Kontrollerede værdier vælges i rullelisterne; listerne står sidst i denne vejledning.",
        "Alt som ikke har en kolonne, skrives på arket Øvrige udsagn: emne, egenskab, værdi.",
        "Organisationer, som mange kilder nævner (universiteter, kommuner, virksomheder), står "
        "i registeret: arket Register viser dem med deres id, fx pgid:aarhus-universitet. Skriv "
        "det id overalt, hvor organisationen nævnes (Parter, Deltager, Enhed af, Udgiver ...), "
        "uden en egen række på arket Organisationer, så alle kilder mener den "
        "samme organisation. En ny organisation, hvis navn ligner en i registeret, påpeges ved "
        "indlæsning.",
        "Indlæs med: partnergraph import projektmappe.xlsx --output data/min-kommune.ttl. Alle "
        "fejl vises på én gang med ark, række og kolonne; intet skrives før de er rettet.",
    ]


def _guide(workbook: Workbook, vocab: Vocabularies, lang: str) -> None:
    ws = workbook.create_sheet(GUIDE_NAMES.get(lang, GUIDE_NAMES["da"]))
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 40
    title = (
        "partnergraph: workbook for partnerships"
        if lang == "en"
        else "partnergraph: projektmappe til partnerskaber"
    )
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    for line in _guide_lines(lang):
        ws.append([line])
        cell = ws.cell(ws.max_row, 1)
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=3)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[ws.max_row].height = 48
    ws.append([])
    ws.append(["Arkene" if lang != "en" else "The sheets"])
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=12)
    for spec in SHEETS:
        ws.append([spec.name(lang), spec.help(lang)])
        ws.cell(ws.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=3)
    ws.append([])
    ws.append(["Kontrollerede lister" if lang != "en" else "Controlled lists"])
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=12)
    for vocabulary in vocab:
        ws.append([])
        ws.append([vocabulary.title(lang)])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        ws.append(
            [
                "værdi" if lang != "en" else "value",
                "dansk" if lang != "en" else "Danish",
                "engelsk" if lang != "en" else "English",
            ]
        )
        for c in range(1, 4):
            ws.cell(ws.max_row, c).font = Font(italic=True)
        for item in vocabulary.items:
            ws.append([item.value, item.labels.get("da", ""), item.labels.get("en", "")])


def _lists(workbook: Workbook, vocab: Vocabularies, lang: str = "da") -> dict[str, str]:
    """The hidden sheet of controlled values; each list's range for the drop-downs, which
    offer the values by name in ``lang`` (import reads names, values and IRIs alike)."""
    ws = workbook.create_sheet(LISTS_SHEET)
    ranges: dict[str, str] = {}
    for index, vocabulary in enumerate(vocab):
        col = index * 4 + 1
        ws.cell(1, col, vocabulary.name)
        ws.cell(1, col + 1, "da")
        ws.cell(1, col + 2, "en")
        ws.cell(1, col + 3, lang)
        for r, item in enumerate(vocabulary.items, start=2):
            ws.cell(r, col, item.value)
            ws.cell(r, col + 1, item.labels.get("da", ""))
            ws.cell(r, col + 2, item.labels.get("en", ""))
            ws.cell(r, col + 3, vocabulary.shown(item, lang))
        letter = get_column_letter(col + 3)
        last = max(2, len(vocabulary.items) + 1)
        ranges[vocabulary.name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${last}"
    ws.sheet_state = "hidden"
    return ranges


_REGISTER_TEXT = {
    "da": (
        "Registerets organisationer",
        "Skriv id'et (fx pgid:aarhus-universitet) hvor organisationen nævnes; den skal ikke have "
        "en række på arket Organisationer. Arket læses ikke ved indlæsning.",
        ("Id", "Navn (da)", "Name (en)", "Andre navne"),
    ),
    "en": (
        "The register's organisations",
        "Write the id (e.g. pgid:aarhus-universitet) wherever the organisation is named; it needs "
        "no row on the Organisations sheet. This sheet is not read on import.",
        ("Id", "Navn (da)", "Name (en)", "Other names"),
    ),
}

_REGISTER_PROMPT = {
    "da": " Eller et id fra arket Register (pgid:...).",
    "en": " Or an id from the Register sheet (pgid:...).",
}


def _register(workbook: Workbook, rows: list[RegisterRow], lang: str) -> None:
    """The register's organisations, to copy ids from (the import ignores the sheet)."""
    title, help_text, headers = _REGISTER_TEXT.get(lang, _REGISTER_TEXT["da"])
    ws = workbook.create_sheet(REGISTER_NAMES.get(lang, REGISTER_NAMES["da"]))
    for letter, width in zip("ABCD", (30, 30, 30, 24), strict=True):
        ws.column_dimensions[letter].width = width
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([help_text])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=4)
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 32
    ws.append(list(headers))
    for column in range(1, 5):
        ws.cell(3, column).font = Font(bold=True)
    for row in rows:
        ws.append(list(row))
        for column in range(1, 5):
            ws.cell(ws.max_row, column).data_type = "s"
    ws.freeze_panes = "A4"


def _names_organisations(column: Column) -> bool:
    return column.kind == "ref" and any(
        t == "*" or t.partition(":")[0] == "organisations" for t in column.targets
    )


def _short(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


@dataclass(frozen=True)
class _Book:
    """What every data sheet of one workbook points its drop-down lists at, in its language."""

    ranges: dict[str, str]
    """Each vocabulary's cells on the lists sheet."""
    titles: dict[str, str]
    """Each sheet's title, by key."""
    vocab: Vocabularies
    lang: str
    register: bool = False
    """Whether the workbook has a register sheet (organisations may be named by its ids)."""


def _validation(column: Column, letter: str, book: _Book) -> DataValidation | None:
    formula: str | None = None
    strict = not column.multi
    if column.vocab is not None and column.vocab in book.ranges:
        formula = book.ranges[column.vocab]
        vocabulary: VocabularyList = book.vocab[column.vocab]
        strict = strict and not vocabulary.open
    elif column.kind == "ref" and column.targets and column.targets[0] != "*":
        key = column.targets[0].partition(":")[0]
        if key in book.titles:
            sheet = quote_sheetname(book.titles[key])
            formula = f"{sheet}!$A${HEADER_ROWS + 1}:$A${_VALIDATION_ROWS}"
        strict = strict and len(column.targets) == 1 and not column.sdg
    prompt = column.help(book.lang)
    if book.register and _names_organisations(column):
        strict = False  # the register's ids are not on the Organisations sheet
        prompt += _REGISTER_PROMPT.get(book.lang, _REGISTER_PROMPT["da"])
    if formula is None:
        return None
    validation = DataValidation(type="list", formula1=f"={formula}", allow_blank=True)
    validation.showErrorMessage = strict
    validation.showInputMessage = True
    validation.promptTitle = _short(column.header(book.lang), 32)
    validation.prompt = _short(prompt, 250)
    validation.errorTitle = _short("Ugyldig værdi" if book.lang != "en" else "Invalid value", 32)
    validation.error = _short(column.help(book.lang), 220)
    validation.add(f"{letter}{HEADER_ROWS + 1}:{letter}{_VALIDATION_ROWS}")
    return validation


def _data_sheet(workbook: Workbook, data: SheetData, book: _Book) -> None:
    spec: SheetSpec = data.spec
    ws: Worksheet = workbook.create_sheet(book.titles[spec.key])
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        da, en = column.headers()
        fill = _FILL["required" if column.required else "mapping" if column.mapping else "normal"]
        for header_row, value in ((1, da), (2, en)):
            cell = ws.cell(header_row, index, value)
            cell.font = Font(bold=True, italic=header_row == 2)
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        help_cell = ws.cell(3, index, column.help(book.lang))
        help_cell.font = _HELP_FONT
        help_cell.alignment = Alignment(wrap_text=True, vertical="top")
        dimension = ws.column_dimensions[letter]
        dimension.width = column.width
        dimension.number_format = "@"
        validation = _validation(column, letter, book)
        if validation is not None:
            ws.add_data_validation(validation)
    ws.row_dimensions[3].height = 96
    keys = [c.key for c in spec.columns]
    for row_number, row in enumerate(data.rows, start=HEADER_ROWS + 1):
        for key, value in row.cells.items():
            if key not in keys or not value:
                continue
            cell = ws.cell(row_number, keys.index(key) + 1, value)
            cell.data_type = "s"  # text, even when it starts with "="
            cell.number_format = "@"
            if "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = f"B{HEADER_ROWS + 1}"


def write_workbook(
    path: Path,
    sheets: list[SheetData],
    vocab: Vocabularies,
    lang: str = "da",
    register: list[RegisterRow] | None = None,
) -> Path:
    """Write the workbook atomically (a temporary file beside ``path``, then renamed); with
    ``register``, a sheet of the register's organisations after the guide."""
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    titles = {spec.key: spec.name(lang) for spec in SHEETS}
    _guide(workbook, vocab, lang)
    if register:
        _register(workbook, register, lang)
    by_key = {data.spec.key: data for data in sheets}
    data_sheets = [by_key.get(spec.key) or SheetData(spec, spec.name(lang)) for spec in SHEETS]
    book = _Book(_lists(workbook, vocab, lang), titles, vocab, lang, bool(register))
    for data in data_sheets:
        _data_sheet(workbook, data, book)
    lists = workbook[LISTS_SHEET]
    workbook.move_sheet(lists, offset=len(workbook.sheetnames) - 1 - workbook.index(lists))
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomic(path, buffer.getvalue())
    return path


def write_csv_folder(
    folder: Path,
    sheets: list[SheetData],
    lang: str = "da",
    register: list[RegisterRow] | None = None,
) -> list[Path]:
    """One CSV file per sheet (UTF-8 with BOM, so spreadsheet programs read it right), and
    ``Register.csv`` with the register's organisations (not read on import)."""
    check_output_folder(folder)
    files: list[tuple[Path, str]] = []
    by_key = {data.spec.key: data for data in sheets}
    for spec in SHEETS:
        data = by_key.get(spec.key) or SheetData(spec, spec.name(lang))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([c.headers()[0] for c in spec.columns])
        writer.writerow([c.headers()[1] for c in spec.columns])
        writer.writerow([c.help(lang) for c in spec.columns])
        for row in data.rows:
            writer.writerow([neutralise(row.get(c.key)) for c in spec.columns])
        files.append((folder / f"{spec.name(lang)}.csv", "\ufeff" + out.getvalue()))
    if register:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(_REGISTER_TEXT.get(lang, _REGISTER_TEXT["da"])[2])
        writer.writerows([neutralise(cell) for cell in row] for row in register)
        name = REGISTER_NAMES.get(lang, REGISTER_NAMES["da"])
        files.append((folder / f"{name}.csv", "\ufeff" + out.getvalue()))
    with making_folder(folder):
        return write_files(files)
