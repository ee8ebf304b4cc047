"""Two editions of one overview loaded together: validate reports what really differs, by source.

The three-source fixture (the memo data, Favrskov, Norddjurs edition 2) used to give 17 findings.
Fourteen were one modelling artefact: a period is a blank node, so the same period stated by both
editions was two nodes, and "at most one period" counted nodes. The shapes now compare periods by
their dates. What is left are the edition's real changes (a theme renamed, a forum's meeting
frequency changed): the two files disagree, and each finding names both sources.
"""

from __future__ import annotations

import pytest

import partnergraph
from partnergraph.query.diff import diff
from sources_fixture import FIXTURE, source_files

CHANGES_THAT_CONFLICT = ("theme-changed", "forum-frequency")
"""Changes an edition makes to a value that may be stated once (a name, a frequency)."""


@pytest.fixture(scope="module")
def both() -> partnergraph.PartnerGraph:
    return partnergraph.load(source_files())


@pytest.mark.slow
def test_the_findings_are_the_editions_real_changes_each_naming_both_sources(
    both: partnergraph.PartnerGraph,
) -> None:
    changes = diff(partnergraph.load(), partnergraph.load([FIXTURE / "norddjurs-2"])).changes
    changed = {str(c.iri) for c in changes if c.kind in CHANGES_THAT_CONFLICT}
    assert changed  # the edition changes a theme and a forum
    report = both.validate()
    assert {str(i.focus) for i in report.issues} == changed
    for issue in report.issues:
        assert "Angivet i flere kilder: norddjurs, norddjurs-2." in issue.message, issue


def test_the_same_period_in_two_editions_is_not_a_finding(
    both: partnergraph.PartnerGraph,
) -> None:
    report = both.validate(lang="en")
    assert not [i for i in report.issues if "dcterms:temporal" in i.message], report.issues
    assert all("Stated in several sources" in i.message for i in report.issues)


def test_one_edition_alone_names_no_sources() -> None:
    report = partnergraph.load().validate()
    assert report.conforms and report.issues == []
