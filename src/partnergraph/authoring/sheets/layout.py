"""The sheets of a partnergraph workbook and their columns, read from CSVW metadata.

One declaration serves every direction: the template's headers, explanations and drop-downs,
reading a filled workbook, building RDF from it, writing the current graph back into it and
pointing SHACL findings at the cell to fix. Each column says which property it fills, in which
language, whether it holds several values (``;`` between ids and names, one per line for long
texts), what it may refer to and whether it belongs to the editorial mappings rather than the
facts from the source.

The declaration is data, not code: a W3C CSVW metadata file (one table a sheet, ``url`` the sheet's
key) beside this module, so a reviewer reads the schema without reading Python and any CSVW tool
can read the column titles, datatypes, languages and properties. What CSVW has no term for is kept
in common properties of our own (``pg:kind``, ``pg:choices``, ``pg:targets``, ``pg:width``, ...),
and so are the drop-down lists (``pg:lists``: their titles, fixed values or the class whose
members fill them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import URIRef

__all__ = [
    "EXTRA",
    "GUIDE_NAMES",
    "LISTS",
    "LISTS_SHEET",
    "REGISTER_NAMES",
    "SHEETS",
    "Column",
    "ListItem",
    "ListSpec",
    "SheetSpec",
    "list_by_name",
    "sheet_by_key",
]

METADATA_FILE = "workbook.csv-metadata.json"

LISTS_SHEET = "lists"
GUIDE_NAMES = {"da": "Vejledning", "en": "Guide"}
REGISTER_NAMES = {"da": "Register", "en": "Register"}
"""The sheet listing the register's organisations: for reference, never read back."""


@dataclass(frozen=True)
class Column:
    """One column of a sheet.

    ``kind`` is one of: ``id`` (the row's id), ``kind`` (what kind of row, from a workbook
    list), ``text`` (one language-tagged text), ``lines`` (texts, one per line), ``names``
    (language-tagged names separated by ``;``), ``plain`` / ``plains`` (untagged text, one or
    several), ``integer``, ``flag`` (yes, or empty for no), ``ref`` (ids of rows on
    ``targets``), ``vocab`` (values of the controlled list ``vocab``), ``language`` (a
    two-letter language code), ``start``, ``end``,
    ``wording`` (the period: dates in the source's precision and its wording), and on the extra
    statements sheet ``subject``, ``property``, ``value``, ``lang-tag``, ``datatype``, ``graph``.
    """

    key: str
    da: str
    en: str
    help_da: str
    help_en: str
    kind: str
    prop: URIRef | None = None
    lang: str | None = None
    multi: bool = False
    required: bool = False
    targets: tuple[str, ...] = ()
    sdg: bool = False
    vocab: str | None = None
    inverse: bool = False
    mapping: bool = False
    width: int = 18

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.da

    def help(self, lang: str) -> str:
        return self.help_en if lang == "en" else self.help_da

    def headers(self) -> tuple[str, str]:
        star = " *" if self.required else ""
        return self.da + star, self.en + star


@dataclass(frozen=True)
class SheetSpec:
    key: str
    da: str
    en: str
    help_da: str
    help_en: str
    columns: tuple[Column, ...]
    base_types: tuple[URIRef, ...] = ()
    kind_types: dict[str, tuple[URIRef, ...]] = field(default_factory=dict)
    kind_vocab: str | None = None

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.da

    def help(self, lang: str) -> str:
        return self.help_en if lang == "en" else self.help_da

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def has(self, key: str) -> bool:
        return any(c.key == key for c in self.columns)


@dataclass(frozen=True)
class ListItem:
    """A fixed value of a drop-down list, with its names; ``iri`` when it stands for a term."""

    value: str
    da: str
    en: str
    iri: URIRef | None = None


@dataclass(frozen=True)
class ListSpec:
    """A drop-down list: the members of a class in the graph (``members_of``), fixed ``items``,
    or neither, for the lists the vocabularies fill from the graph by name (countries, SDGs).
    An ``open`` list only suggests: values outside it are accepted."""

    name: str
    da: str
    en: str
    members_of: URIRef | None = None
    items: tuple[ListItem, ...] = ()
    open: bool = False


# --- reading the metadata --------------------------------------------------------------------


def _in(values: list[dict[str, str]], lang: str) -> str:
    """The value in ``lang`` of a CSVW natural-language common property (JSON-LD value objects)."""
    return next(v["@value"] for v in values if v["@language"] == lang)


def _typed(entries: list[dict[str, Any]]) -> dict[str, tuple[URIRef, ...]]:
    return {e["pg:kind"]: tuple(URIRef(t) for t in e["pg:types"]) for e in entries}


def _column(meta: dict[str, Any]) -> Column:
    prop = meta.get("propertyUrl")
    return Column(
        meta["name"],
        meta["titles"]["da"],
        meta["titles"]["en"],
        _in(meta["dc:description"], "da"),
        _in(meta["dc:description"], "en"),
        meta["pg:kind"],
        URIRef(prop) if prop else None,
        lang=meta.get("lang"),
        multi="separator" in meta,
        required=meta.get("required", False),
        targets=tuple(meta.get("pg:targets", ())),
        sdg=meta.get("pg:sdg", False),
        vocab=meta.get("pg:choices"),
        inverse=meta.get("pg:inverse", False),
        mapping=meta.get("pg:mapping", False),
        width=meta["pg:width"],
    )


def _sheet(meta: dict[str, Any]) -> SheetSpec:
    return SheetSpec(
        meta["url"],
        _in(meta["dc:title"], "da"),
        _in(meta["dc:title"], "en"),
        _in(meta["dc:description"], "da"),
        _in(meta["dc:description"], "en"),
        tuple(_column(c) for c in meta["tableSchema"]["columns"]),
        base_types=tuple(URIRef(t) for t in meta.get("pg:types", ())),
        kind_types=_typed(meta.get("pg:kindTypes", [])),
        kind_vocab=meta.get("pg:kindChoices"),
    )


def _list(meta: dict[str, Any]) -> ListSpec:
    members_of = meta.get("pg:membersOf")
    items = tuple(
        ListItem(
            item["pg:value"],
            _in(item["rdfs:label"], "da"),
            _in(item["rdfs:label"], "en"),
            URIRef(item["@id"]) if "@id" in item else None,
        )
        for item in meta.get("pg:items", ())
    )
    return ListSpec(
        meta["pg:name"],
        _in(meta["dc:title"], "da"),
        _in(meta["dc:title"], "en"),
        URIRef(members_of) if members_of else None,
        items,
        meta.get("pg:open", False),
    )


def read_metadata() -> dict[str, Any]:
    """The workbook's CSVW metadata as JSON (the package's own file, read once at import)."""
    text = Path(__file__).with_name(METADATA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


_METADATA = read_metadata()

HEADER_ROWS: int = _METADATA["dialect"]["headerRowCount"]
"""Row 1: Danish headers, row 2: English headers, row 3: what goes in the column."""

SHEETS: tuple[SheetSpec, ...] = tuple(_sheet(t) for t in _METADATA["tables"])
"""The sheets in workbook order (the guide comes first, the hidden lists last)."""

EXTRA = next(sheet for sheet in SHEETS if sheet.key == "extra")
"""The extra statements: everything that has no column, one statement a row."""

ROW_SHEETS = tuple(sheet for sheet in SHEETS if sheet is not EXTRA)
"""The sheets whose rows are things with ids."""

KIND_TYPES: dict[str, tuple[URIRef, ...]] = _typed(_METADATA["pg:organisationKindTypes"])
"""Standard types an organisation of a kind also has (schema.org, the EU Core Vocabularies)."""

LISTS: tuple[ListSpec, ...] = tuple(_list(m) for m in _METADATA["pg:lists"])
"""The drop-down lists in the order of the workbook's lists sheet."""


def sheet_by_key(key: str) -> SheetSpec:
    for sheet in SHEETS:
        if sheet.key == key:
            return sheet
    raise KeyError(key)


def list_by_name(name: str) -> ListSpec:
    for spec in LISTS:
        if spec.name == name:
            return spec
    raise KeyError(name)


def target_names(targets: tuple[str, ...], lang: str) -> str:
    """The sheets a reference column points to, in words ("Temaer (samarbejdstype)")."""
    names: list[str] = []
    for target in targets:
        if target == "*":
            return "et vilkårligt ark" if lang != "en" else "any sheet"
        key, _, kind = target.partition(":")
        sheet = sheet_by_key(key)
        name = sheet.name(lang)
        if kind and sheet.kind_vocab:
            for item in list_by_name(sheet.kind_vocab).items:
                if item.value == kind:
                    name += f" ({item.en if lang == 'en' else item.da})"
        names.append(name)
    joiner = " or " if lang == "en" else " eller "
    return joiner.join(names)
