"""The workbook's layout is a W3C CSVW metadata file, and every property it fills is a real term.

The sheets and columns of the template live in ``workbook.csv-metadata.json``; these tests keep
the file in the shape CSVW tools read (tables with a url and a schema of named, titled columns)
and keep its properties inside the ontology, so a typo in an IRI fails here rather than as data
with a property nobody defined.
"""

from __future__ import annotations

from typing import Any

import pytest
from rdflib import OWL, RDF, Graph, URIRef

from partnergraph.authoring.sheets import layout
from partnergraph.authoring.sheets.vocab import bundled_vocabularies
from partnergraph.core.resources import ONTOLOGY_FILES, ontology_dir
from partnergraph.rdf.namespaces import PG

METADATA = layout.read_metadata()
TABLES: list[dict[str, Any]] = METADATA["tables"]
COLUMNS = [(t["url"], c) for t in TABLES for c in t["tableSchema"]["columns"]]
CSVW_DATATYPES = {"string", "integer", "language", "boolean"}
PROPERTY_TYPES = {RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph(bind_namespaces="none")  # only the prefixes the ontology itself declares
    for name in ONTOLOGY_FILES:
        graph.parse(ontology_dir() / name)
    return graph


def _languages(values: list[dict[str, str]]) -> list[str]:
    return [v["@language"] for v in values if v.get("@value", "").strip()]


def test_metadata_is_a_csvw_table_group() -> None:
    assert METADATA["@context"][0] == "http://www.w3.org/ns/csvw"
    assert isinstance(METADATA["dialect"]["headerRowCount"], int)
    urls = [t["url"] for t in TABLES]
    assert urls and len(set(urls)) == len(urls)
    for table in TABLES:
        assert table["tableSchema"]["columns"], table["url"]
        assert sorted(_languages(table["dc:title"])) == ["da", "en"], table["url"]
        assert sorted(_languages(table["dc:description"])) == ["da", "en"], table["url"]


@pytest.mark.parametrize(("table", "column"), COLUMNS, ids=[f"{t}.{c['name']}" for t, c in COLUMNS])
def test_every_column_has_a_name_titles_and_explanations_in_danish_and_english(
    table: str, column: dict[str, Any]
) -> None:
    assert column["name"] and not column["name"].startswith("_")
    assert set(column["titles"]) == {"da", "en"}
    assert all(title.strip() for title in column["titles"].values())
    assert sorted(_languages(column["dc:description"])) == ["da", "en"]
    assert column["datatype"] in CSVW_DATATYPES
    assert isinstance(column.get("required", False), bool)


def test_column_names_are_unique_within_each_table() -> None:
    for table in TABLES:
        names = [c["name"] for c in table["tableSchema"]["columns"]]
        assert len(set(names)) == len(names), table["url"]


def _defined(term: URIRef, ontology: Graph, types: set[URIRef]) -> bool:
    """Our own terms must be declared in the ontology with one of ``types``; standard ones must
    come from a vocabulary the ontology names with a prefix (it reuses them, not defines them)."""
    if term.startswith(str(PG)):
        return bool(set(ontology.objects(term, RDF.type)) & types)
    data = ("pg", "pgid", "sdg", "country", "")
    return any(term.startswith(str(ns)) for p, ns in ontology.namespaces() if p not in data)


def test_every_property_a_column_fills_is_defined_in_the_ontology(ontology: Graph) -> None:
    undefined = [
        f"{table}.{column['name']}: {column['propertyUrl']}"
        for table, column in COLUMNS
        if "propertyUrl" in column
        and not _defined(URIRef(column["propertyUrl"]), ontology, PROPERTY_TYPES)
    ]
    assert not undefined, "properties the ontology does not define:\n" + "\n".join(undefined)


def test_columns_that_fill_a_property_say_which_and_those_that_do_not_say_none() -> None:
    """The id, the row kind and the extra statements' columns fill no property of their own."""
    own = {"id", "kind", "start", "end", "subject", "property", "value", "lang-tag", "datatype"}
    for table, column in COLUMNS:
        has_property = "propertyUrl" in column
        assert has_property != (column["pg:kind"] in {*own, "graph"}), f"{table}.{column['name']}"


def test_the_layout_module_builds_its_sheets_from_the_metadata() -> None:
    assert [s.key for s in layout.SHEETS] == [t["url"] for t in TABLES]
    for spec, table in zip(layout.SHEETS, TABLES, strict=True):
        assert [c.key for c in spec.columns] == [c["name"] for c in table["tableSchema"]["columns"]]
        for col, meta in zip(spec.columns, table["tableSchema"]["columns"], strict=True):
            assert col.headers()[0].startswith(meta["titles"]["da"])
            assert col.prop == (URIRef(meta["propertyUrl"]) if "propertyUrl" in meta else None)
            assert col.multi == ("separator" in meta)
    assert METADATA["dialect"]["headerRowCount"] == layout.HEADER_ROWS


def test_every_drop_down_and_reference_names_a_list_or_sheet_that_exists() -> None:
    """A misspelt ``pg:choices`` or ``pg:targets`` would only show when a user fills the cell."""
    lists = set(bundled_vocabularies().lists)
    urls = {t["url"]: t for t in TABLES}
    wrong = []
    for table, column in COLUMNS:
        if "pg:choices" in column and column["pg:choices"] not in lists:
            wrong.append(f"{table}.{column['name']}: no list {column['pg:choices']!r}")
        for target in column.get("pg:targets", ()):
            key, _, kind = target.partition(":")
            if key == "*":
                continue
            if key not in urls:
                wrong.append(f"{table}.{column['name']}: no sheet {key!r}")
            elif kind and kind not in bundled_vocabularies()[urls[key]["pg:kindChoices"]].values():
                wrong.append(f"{table}.{column['name']}: sheet {key!r} has no kind {kind!r}")
    for table in TABLES:
        if "pg:kindTypes" in table:
            kinds = bundled_vocabularies()[table["pg:kindChoices"]].values()
            assert [e["pg:kind"] for e in table["pg:kindTypes"]] == kinds, table["url"]
    kinds = {item.value for item in bundled_vocabularies()["organisation-kind"].items}
    wrong += [
        f"no organisation kind {e['pg:kind']!r}"
        for e in METADATA["pg:organisationKindTypes"]
        if e["pg:kind"] not in kinds
    ]
    assert not wrong, "\n".join(wrong)


def test_every_drop_down_list_has_a_name_and_titles_and_its_items_names(ontology: Graph) -> None:
    lists = METADATA["pg:lists"]
    names = [meta["pg:name"] for meta in lists]
    assert len(set(names)) == len(names)
    for meta in lists:
        assert sorted(_languages(meta["dc:title"])) == ["da", "en"], meta["pg:name"]
        for item in meta.get("pg:items", ()):
            assert item["pg:value"].strip(), meta["pg:name"]
            assert sorted(_languages(item["rdfs:label"])) == ["da", "en"], item["pg:value"]
        if "pg:membersOf" in meta:
            assert "pg:items" not in meta, meta["pg:name"]
            assert _defined(URIRef(meta["pg:membersOf"]), ontology, {OWL.Class}), meta["pg:name"]
    assert [spec.name for spec in layout.LISTS] == names
    assert [v.name for v in bundled_vocabularies()] == names
