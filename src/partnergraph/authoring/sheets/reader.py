"""Reading a filled workbook (.xlsx) or a folder of CSV files (one per sheet) into rows.

Sheets are found by name (Danish, English or the stable key, in any letter case), columns by
header (Danish or English, with or without the ``*`` that marks a required column), so columns
may be reordered. Row 1 holds the headers; the rows after it that only repeat headers or the
explanations are skipped. A sheet or column the layout does not know is reported when it holds
data, so nothing typed into the workbook is silently lost.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from partnergraph.authoring.sheets.cells import cell_text
from partnergraph.authoring.sheets.layout import (
    GUIDE_NAMES,
    LISTS_SHEET,
    REGISTER_NAMES,
    SHEETS,
    Column,
    SheetSpec,
)
from partnergraph.authoring.sheets.problems import Problem, text
from partnergraph.authoring.sheets.table import Row, SheetData
from partnergraph.core.errors import DataError
from partnergraph.io.bounds import check_xlsx
from partnergraph.io.tables import unneutralise

__all__ = ["find_sheet", "read_path"]


def _norm(name: str) -> str:
    return re.sub(r"[\s_]+", " ", name.replace("*", "")).strip().casefold()


def find_sheet(name: str) -> SheetSpec | None:
    wanted = _norm(name)
    for spec in SHEETS:
        if wanted in {_norm(spec.da), _norm(spec.en), _norm(spec.key)}:
            return spec
    return None


def _ignored(name: str) -> bool:
    ignored = (*GUIDE_NAMES.values(), *REGISTER_NAMES.values(), LISTS_SHEET)
    return _norm(name) in {_norm(n) for n in ignored}


def read_path(path: Path, lang: str) -> tuple[list[SheetData], list[Problem]]:
    """The sheets of an .xlsx workbook or of a folder of CSV files."""
    if path.is_dir():
        return _read_csv_folder(path, lang)
    if not path.is_file():
        raise DataError(
            "no such file or folder: give an .xlsx workbook or a folder of CSV files",
            path=str(path),
        )
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise DataError(
            "not a workbook: give an .xlsx file (Excel, LibreOffice, Google Sheets can save one) "
            "or a folder of CSV files",
            path=str(path),
        )
    return _read_xlsx(path, lang)


def _read_xlsx(path: Path, lang: str) -> tuple[list[SheetData], list[Problem]]:
    check_xlsx(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise DataError(
            f"cannot read the workbook ({exc}): is it an .xlsx file?", path=str(path)
        ) from None
    sheets: list[tuple[str, list[list[str]]]] = []
    try:
        for worksheet in workbook.worksheets:
            values = [[cell_text(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
            sheets.append((worksheet.title, values))
    finally:
        workbook.close()
    return _parse(sheets, lang)


def _read_csv_folder(folder: Path, lang: str) -> tuple[list[SheetData], list[Problem]]:
    sheets: list[tuple[str, list[list[str]]]] = []
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
    if not files:
        raise DataError(
            "folder holds no CSV files: save each sheet as <sheet name>.csv", path=str(folder)
        )
    for file in files:
        try:
            content = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise DataError("CSV file is not UTF-8: save it as CSV UTF-8", path=str(file)) from None
        first_line = content.split("\n", 1)[0]
        delimiter = max((",", ";", "\t"), key=first_line.count)
        rows = [
            [cell_text(unneutralise(v)) for v in row]
            for row in csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
        ]
        sheets.append((file.stem, rows))
    return _parse(sheets, lang)


def _parse(
    sheets: Iterable[tuple[str, Sequence[Sequence[str]]]], lang: str
) -> tuple[list[SheetData], list[Problem]]:
    found: list[SheetData] = []
    problems: list[Problem] = []
    known_names = ", ".join(spec.name(lang) for spec in SHEETS)
    for title, values in sheets:
        if _ignored(title):
            continue
        spec = find_sheet(title)
        if spec is None:
            if any(any(v for v in row) for row in values):
                problems.append(
                    Problem(
                        title,
                        1,
                        "",
                        title,
                        text("unknown-sheet", lang, value=title, known=known_names),
                        code="unknown-sheet",
                    )
                )
            continue
        first = next((s for s in found if s.spec is spec), None)
        if first is not None:
            problems.append(
                Problem(
                    title,
                    1,
                    "",
                    title,
                    text("duplicate-sheet", lang, value=title, first=first.title),
                    code="duplicate-sheet",
                )
            )
            continue
        data, sheet_problems = _parse_sheet(spec, title, values, lang)
        found.append(data)
        problems.extend(sheet_problems)
    return found, problems


def _parse_sheet(
    spec: SheetSpec, title: str, values: Sequence[Sequence[str]], lang: str
) -> tuple[SheetData, list[Problem]]:
    data = SheetData(spec, title)
    problems: list[Problem] = []
    if not values:
        return data, problems
    by_header: dict[str, Column] = {}
    for spec_column in spec.columns:
        for name in (spec_column.da, spec_column.en, f"{spec_column.da} / {spec_column.en}"):
            by_header[_norm(name)] = spec_column
    headers = list(values[0])
    positions: dict[int, str] = {}
    unknown: list[tuple[int, str]] = []
    for index, header in enumerate(headers):
        if not header:
            unknown.append((index, ""))
            continue
        column = by_header.get(_norm(header))
        if column is None:
            unknown.append((index, header))
        elif column.key in data.letters:
            problems.append(
                Problem(
                    title,
                    1,
                    column.header(lang),
                    header,
                    text("duplicate-column", lang, value=header),
                    cell=f"{get_column_letter(index + 1)}1",
                    code="duplicate-column",
                )
            )
        else:
            positions[index] = column.key
            data.letters[column.key] = get_column_letter(index + 1)

    # Rows after the first that only repeat headers or explanations are header rows.
    known_texts: dict[int, set[str]] = {}
    for index, key in positions.items():
        column = spec.column(key)
        known_texts[index] = {
            _norm(t) for t in (column.da, column.en, column.help_da, column.help_en)
        }
    start = 1
    while start < len(values):
        row = values[start]
        filled = [(i, v) for i, v in enumerate(row) if v]
        if filled and all(_norm(v) in known_texts.get(i, set()) for i, v in filled):
            start += 1
            continue
        break

    used_unknown: set[int] = set()
    for offset, row_values in enumerate(values[start:], start=start + 1):
        cells = {positions[i]: v for i, v in enumerate(row_values) if i in positions and v}
        for index, _header in unknown:
            if index < len(row_values) and row_values[index]:
                used_unknown.add(index)
        if cells:
            data.rows.append(Row(offset, cells))
    known = ", ".join(c.header(lang) for c in spec.columns)
    for index, header in unknown:
        if index in used_unknown:
            shown = header or f"({get_column_letter(index + 1)})"
            problems.append(
                Problem(
                    title,
                    1,
                    shown,
                    header,
                    text("unknown-column", lang, value=shown, known=known),
                    cell=f"{get_column_letter(index + 1)}1",
                    code="unknown-column",
                )
            )
    if data.rows:
        for column in spec.columns:
            if column.required and column.key not in data.letters:
                problems.append(
                    Problem(
                        title,
                        1,
                        column.header(lang),
                        column.header(lang),
                        text("missing-column", lang, value=column.header(lang)),
                        code="missing-column",
                    )
                )
    return data, problems
