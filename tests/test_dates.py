"""Loose dates have one reader: the workbook, query parameters, status and networks agree.

"2025" is every day of 2025 wherever it is read. These tests hold the one reader in
:mod:`partnergraph.rdf.dates` to that, and check that the places which used to have their own
copy (query parameters, the network's date bounds, the workbook) now answer through it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Literal
from rdflib import namespace as ns

from partnergraph.authoring.sheets import build, export
from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import t
from partnergraph.network import projections
from partnergraph.query import library, status
from partnergraph.rdf import dates
from partnergraph.rdf.dates import (
    date_bounds,
    date_of_literal,
    is_date_shaped,
    long_date,
    parse_date,
)
from partnergraph.rdf.terms import from_ox


@pytest.mark.parametrize("text", ["2025", "2024-02", "2024-02-29", " 2025-09 "])
def test_a_written_date_and_its_bounds_are_the_same_days(text: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert date_bounds(text) == (parsed.earliest, parsed.latest)
    assert parsed.text == text.strip()


def test_the_data_may_carry_times_and_zones_but_a_person_writes_the_date_alone() -> None:
    assert date_bounds("2022-03-04T10:00:00+01:00") == (dt.date(2022, 3, 4), dt.date(2022, 3, 4))
    assert parse_date("2022-03-04T10:00:00") is None
    assert parse_date("2025Z") is None
    assert not is_date_shaped("2025Z")


@pytest.mark.parametrize("text", ["٢٠٢٥", "２０２５-０９", "2025-٠٩"])
def test_only_ascii_digits_make_a_date(text: str) -> None:
    """int() reads Arabic-Indic and full-width digits; XSD and SPARQL do not."""
    assert parse_date(text) is None
    assert date_bounds(text) is None
    assert not is_date_shaped(text)


@pytest.mark.parametrize(
    ("text", "shaped"), [("2025-02-30", True), ("2025-13", True), ("soon", False)]
)
def test_a_date_shape_without_such_a_day_is_told_apart_from_no_date(
    text: str, shaped: bool
) -> None:
    assert parse_date(text) is None
    assert is_date_shaped(text) is shaped


def test_a_literal_is_a_loose_date_only_with_the_datatype_of_its_precision() -> None:
    year = date_of_literal(Literal("2025", datatype=ns.XSD.gYear))
    assert year is not None and year.literal == Literal("2025", datatype=ns.XSD.gYear)
    assert date_of_literal(Literal("2025", datatype=ns.XSD.date)) is None
    assert date_of_literal(Literal("2025", lang="da")) is None
    assert date_of_literal("2025") is None


@pytest.mark.parametrize(
    ("value", "datatype"),
    [("2026", ns.XSD.gYear), ("2026-01", ns.XSD.gYearMonth), ("2026-01-31", ns.XSD.date)],
)
def test_a_query_parameter_keeps_the_precision_it_was_written_in(value: str, datatype: str) -> None:
    # Bound as Oxigraph's term; rdflib's store gets exactly rdflib's literal of the same text.
    assert from_ox(library._date_literal("before", value)) == Literal(value, datatype=datatype)


@pytest.mark.parametrize(
    ("value", "key"), [("soon", "param.date"), ("2026-02-30", "param.date.unreal")]
)
def test_a_query_parameter_that_is_no_date_says_which_way(value: str, key: str) -> None:
    with pytest.raises(ParameterError) as raised:
        library._date_literal("before", value)
    assert str(raised.value) == t(key, name="before", value=value)


def test_every_reader_of_loose_dates_is_the_one_in_rdf_dates() -> None:
    assert projections.date_bounds is dates.date_bounds
    assert status.parse_date is build.parse_date is dates.parse_date
    assert export.date_of_literal is dates.date_of_literal


@pytest.mark.parametrize(
    ("lang", "text"),
    [("da", "6. december 2026"), ("en", "6 December 2026")],
)
def test_a_date_is_written_the_way_a_committee_paper_writes_it(lang: str, text: str) -> None:
    assert long_date(dt.date(2026, 12, 6), lang) == text
