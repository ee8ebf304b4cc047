"""The SHACL shapes (ontology/shapes.ttl) accept the bundled data and catch what they should.

Each rule has small Turtle cases: some that pass and some that violate, and each test asserts the
exact shape (sh:sourceShape) that reports its case and the focus node.

pyshacl re-parses a SPARQL constraint for every focus node, so validating each case on its own
(on top of the ontology and vocabularies) would take far too long. Instead every case is
registered with ``case()`` and given its own IRIs, and all of them are validated together in one
run, added to a copy of the ontology and the controlled vocabularies (not the whole bundled
data) with a shared CONTEXT (a memo, two organisations, a partnership between them and a forum).
A test then looks only at the results whose focus node its case mentions. Guard tests check that
the cases do not share subjects and that no result falls outside the cases.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

REPO = Path(__file__).absolute().parents[1]
SHAPES_FILE = REPO / "ontology" / "shapes.ttl"
BASE_FILES = [REPO / "ontology" / "partnergraph.ttl", REPO / "ontology" / "vocabularies.ttl"]
DATA_FILES = sorted((REPO / "data").glob("*.ttl"))

PGSH = Namespace("https://w3id.org/partnergraph/shapes#")
PGID = Namespace("https://w3id.org/partnergraph/id/")
EX = Namespace("https://example.org/")
SDG = Namespace("http://metadata.un.org/sdg/")
SHAPES_GRAPH_IRI = URIRef("https://w3id.org/partnergraph/shapes")

PREFIXES = """
@prefix pg: <https://w3id.org/partnergraph/ontology#> .
@prefix pgid: <https://w3id.org/partnergraph/id/> .
@prefix ex: <https://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix sdg: <http://metadata.un.org/sdg/> .
@prefix sdgo: <http://metadata.un.org/sdg/ontology#> .
"""

# Valid on its own (see test_context_of_the_cases_conforms); shared by the cases.
CONTEXT = """
pgid:memo a foaf:Document , prov:Entity ;
    skos:prefLabel "Notat om partnerskaber"@da ;
    dcterms:source pgid:memo .
pgid:org-a a org:Organization ;
    skos:prefLabel "Kommune A"@da , "Municipality A"@en ;
    dcterms:source pgid:memo .
pgid:org-b a org:Organization ;
    skos:prefLabel "Universitet B"@da ;
    dcterms:source pgid:memo .
pgid:partnership a pg:Partnership , org:OrganizationalCollaboration , org:Organization ;
    skos:prefLabel "Partnerskab mellem A og B"@da ;
    org:hasMember pgid:org-a , pgid:org-b ;
    pg:category pgid:category-formal ;
    dcterms:source pgid:memo .
pgid:forum a pg:Forum , org:Organization ;
    skos:prefLabel "Styregruppen"@da ;
    pg:forumOf pgid:partnership ;
    pg:meetingFrequency pgid:frequency-annual ;
    dcterms:source pgid:memo .
"""
CONTEXT_SUBJECTS = {PGID.memo, PGID["org-a"], PGID["org-b"], PGID.partnership, PGID.forum}

CASES: dict[str, str] = {}


def case(name: str, template: str, *edits: tuple[str, str]) -> str:
    """Register a case: ``template`` with each ``(old, new)`` edit applied (``old`` must
    occur), then every ``CASE`` replaced by ``name``. Returns the name."""
    assert name not in CASES, f"case {name!r} registered twice"
    snippet = template
    for old, new in edits:
        assert old in snippet, f"{old!r} not in case {name!r}"
        snippet = snippet.replace(old, new)
    snippet = snippet.replace("CASE", name)
    CASES[name] = snippet
    return name


@functools.cache
def case_graph(name: str) -> Graph:
    return Graph().parse(data=PREFIXES + CASES[name], format="turtle")


def mentioned_iris(name: str) -> set[Node]:
    """The IRIs a case mentions, as subject or object."""
    return {n for s, _, o in case_graph(name) for n in (s, o) if isinstance(n, URIRef)}


def case_subjects(name: str) -> set[Node]:
    return set(case_graph(name).subjects())


@dataclass(frozen=True)
class Result:
    shape: Node
    focus: Node
    severity: Node
    message: str


@dataclass(frozen=True)
class Report:
    conforms: bool
    results: tuple[Result, ...]
    text: str


def validate(data: Graph, shapes: Graph) -> Report:
    conforms, results_graph, text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=False,
    )
    assert isinstance(results_graph, Graph)
    results = tuple(
        Result(
            shape=results_graph.value(r, SH.sourceShape),
            focus=results_graph.value(r, SH.focusNode),
            severity=results_graph.value(r, SH.resultSeverity),
            message=" ".join(str(m) for m in results_graph.objects(r, SH.resultMessage)),
        )
        for r in results_graph.subjects(RDF.type, SH.ValidationResult)
    )
    return Report(conforms=bool(conforms), results=results, text=str(text))


Check = Callable[[str], set[tuple[Node, Node]]]


def assert_passes(found: set[tuple[Node, Node]]) -> None:
    assert found == set()


def assert_violation(found: set[tuple[Node, Node]], shape: URIRef, focus: Node) -> None:
    """Exactly one shape reports the case, on exactly one focus node."""
    assert found == {(shape, focus)}


# ---------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def bundled() -> Graph:
    """The union of the ontology, the controlled vocabularies and every data file."""
    graph = Graph()
    for path in [*BASE_FILES, *DATA_FILES]:
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def base() -> Graph:
    """The ontology and the controlled vocabularies, which the cases are added to."""
    graph = Graph()
    for path in BASE_FILES:
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def batch(base: Graph, shapes: Graph) -> Report:
    """CONTEXT and every registered case, added to a copy of ``base``, validated once."""
    data = Graph()
    data += base
    data.parse(data=PREFIXES + CONTEXT + "\n".join(CASES.values()), format="turtle")
    return validate(data, shapes)


@pytest.fixture(scope="module")
def check(batch: Report) -> Check:
    """(sh:sourceShape, sh:focusNode) of the results on the IRIs a case mentions."""

    def run(name: str) -> set[tuple[Node, Node]]:
        iris = mentioned_iris(name)
        return {(r.shape, r.focus) for r in batch.results if r.focus in iris}

    return run


# ---------------------------------------------------------------------------------------------
# The shapes graph, the bundled data and the test set-up
# ---------------------------------------------------------------------------------------------


def test_bundled_data_conforms(bundled: Graph, shapes: Graph) -> None:
    assert DATA_FILES, "no data files found"
    # How long this takes is measured by bench/benchmark.py (validate), not asserted here.
    report = validate(bundled, shapes)
    assert report.conforms, report.text


def test_ontology_and_vocabularies_alone_conform(base: Graph, shapes: Graph) -> None:
    report = validate(base, shapes)
    assert report.conforms, report.text


def test_context_of_the_cases_conforms(base: Graph, shapes: Graph) -> None:
    data = Graph()
    data += base
    data.parse(data=PREFIXES + CONTEXT, format="turtle")
    report = validate(data, shapes)
    assert report.conforms, report.text


def test_cases_describe_disjoint_subjects() -> None:
    for first, second in itertools.combinations(CASES, 2):
        shared = case_subjects(first) & case_subjects(second)
        assert not shared, f"cases {first!r} and {second!r} both describe {shared}"
    for name in CASES:
        assert not case_subjects(name) & CONTEXT_SUBJECTS, name


def test_every_result_of_the_batch_belongs_to_a_case(batch: Report) -> None:
    mentioned = set().union(*(mentioned_iris(name) for name in CASES))
    assert not batch.conforms
    for result in batch.results:
        assert result.focus in mentioned, result
        assert result.focus not in CONTEXT_SUBJECTS, result
        assert result.severity == SH.Violation, result


def test_shapes_graph_is_an_ontology_with_english_and_danish_labels_importing_nothing(
    shapes: Graph,
) -> None:
    assert (SHAPES_GRAPH_IRI, RDF.type, OWL.Ontology) in shapes
    languages = {
        label.language
        for label in shapes.objects(SHAPES_GRAPH_IRI, RDFS.label)
        if isinstance(label, Literal)
    }
    assert {"en", "da"} <= languages
    assert not set(shapes.objects(SHAPES_GRAPH_IRI, OWL.imports))


def named_shapes(shapes: Graph) -> set[URIRef]:
    found = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    return {s for s in found if isinstance(s, URIRef)}


def test_every_named_shape_has_a_name_a_label_a_plain_message_in_both_languages_and_is_a_violation(
    shapes: Graph,
) -> None:
    found = named_shapes(shapes)
    assert len(found) >= 30
    for shape in found:
        assert str(shape).startswith(str(PGSH)), shape
        assert shapes.value(shape, SH.name) is not None, shape
        assert shapes.value(shape, RDFS.label) is not None, shape
        messages = [m for m in shapes.objects(shape, SH.message) if isinstance(m, Literal)]
        # Staff read them: in Danish by default, in English on request, saying the same.
        assert sorted(str(m.language) for m in messages) == ["da", "en"], shape
        assert all(len(str(m)) > 40 for m in messages), shape
        slots = [sorted(re.findall(r"\{[?$]\w+\}", str(m))) for m in messages]
        assert slots[0] == slots[1], shape
        assert shapes.value(shape, SH.severity) == SH.Violation, shape


def test_every_named_shape_is_exercised_by_a_violating_case(shapes: Graph, batch: Report) -> None:
    assert {r.shape for r in batch.results} == named_shapes(shapes)


# ---------------------------------------------------------------------------------------------
# 1. Labels
# ---------------------------------------------------------------------------------------------

ORGANISATION = """
pgid:CASE a org:Organization ;
    skos:prefLabel "Fonden CASE"@da ;
    dcterms:source pgid:memo .
"""

case("org-with-danish-label", ORGANISATION)
# Outside partnergraph's namespace, so the Danish-label and provenance rules do not apply.
case("org-without-label", "ex:CASE a org:Organization .")
case("concept-without-label", "ex:CASE a skos:Concept .")
case("sdg-target-without-label", "sdg:17.17 a sdgo:Target , skos:Concept .")
case(
    "partnergraph-org-without-label",
    ORGANISATION,
    ('skos:prefLabel "Fonden CASE"@da ;', ""),
)
case(
    "org-with-labels-in-three-languages",
    ORGANISATION,
    ('"@da ;', '"@da , "Halmstad Municipality"@en , "Halmstads kommun"@sv ;'),
)
case("org-with-untagged-label", ORGANISATION, ('"@da ;', '"@da , "Fonden C" ;'))
case("external-thing-with-untagged-label", 'ex:CASE skos:prefLabel "Tyskland" .')
case("org-with-two-danish-labels", ORGANISATION, ('"@da ;', '"@da , "Real Dania"@da ;'))
case("org-with-english-label-only", ORGANISATION, ('"@da ;', '"@en ;'))
case("external-org-with-english-label-only", 'ex:CASE a org:Organization ; skos:prefLabel "C"@en .')
case("org-with-regional-danish-tag", ORGANISATION, ('"@da ;', '"@da-DK ;'))


def test_organisation_with_a_danish_label_passes(check: Check) -> None:
    assert_passes(check("org-with-danish-label"))


def test_organisation_without_label_is_a_violation(check: Check) -> None:
    assert_violation(
        check("org-without-label"), PGSH.PrefLabelRequiredShape, EX["org-without-label"]
    )


def test_concept_without_label_is_a_violation(check: Check) -> None:
    assert_violation(
        check("concept-without-label"), PGSH.PrefLabelRequiredShape, EX["concept-without-label"]
    )


def test_sdg_target_without_label_passes(check: Check) -> None:
    assert_passes(check("sdg-target-without-label"))


def test_partnergraph_thing_without_any_label_is_reported_by_both_label_rules(
    check: Check,
) -> None:
    focus = PGID["partnergraph-org-without-label"]
    assert check("partnergraph-org-without-label") == {
        (PGSH.PrefLabelRequiredShape, focus),
        (PGSH.DanishPrefLabelShape, focus),
    }


def test_labels_in_several_languages_pass(check: Check) -> None:
    assert_passes(check("org-with-labels-in-three-languages"))


def test_label_without_language_tag_is_a_violation(check: Check) -> None:
    assert_violation(
        check("org-with-untagged-label"),
        PGSH.PrefLabelLanguageTaggedShape,
        PGID["org-with-untagged-label"],
    )


def test_label_of_an_external_thing_without_language_tag_is_a_violation(check: Check) -> None:
    assert_violation(
        check("external-thing-with-untagged-label"),
        PGSH.PrefLabelLanguageTaggedShape,
        EX["external-thing-with-untagged-label"],
    )


def test_two_labels_in_the_same_language_is_a_violation(check: Check) -> None:
    assert_violation(
        check("org-with-two-danish-labels"),
        PGSH.PrefLabelOnePerLanguageShape,
        PGID["org-with-two-danish-labels"],
    )


def test_partnergraph_thing_with_only_an_english_label_is_a_violation(check: Check) -> None:
    assert_violation(
        check("org-with-english-label-only"),
        PGSH.DanishPrefLabelShape,
        PGID["org-with-english-label-only"],
    )


def test_external_thing_with_only_an_english_label_passes(check: Check) -> None:
    assert_passes(check("external-org-with-english-label-only"))


def test_danish_label_with_a_regional_tag_passes(check: Check) -> None:
    assert_passes(check("org-with-regional-danish-tag"))


# ---------------------------------------------------------------------------------------------
# 2. Agreements
# ---------------------------------------------------------------------------------------------

# Its period has only a start, like the decision's below: every period with an end runs the SPARQL
# start-not-after-end check once, so the period cases of section 3 are the ones with both.
AGREEMENT = """
pgid:CASE a pg:PartnershipAgreement , pg:Agreement , prov:Entity , foaf:Document ;
    skos:prefLabel "Partnerskabsaftale CASE"@da ;
    pg:governs pgid:partnership ;
    pg:party pgid:org-a , pgid:org-b ;
    pg:status pgid:status-in-force ;
    dcterms:temporal ex:CASE-period ;
    dcterms:source pgid:memo .
ex:CASE-period a dcterms:PeriodOfTime ; dcat:startDate "2018"^^xsd:gYear ; rdfs:label "2018"@da .
"""
TWO_PARTIES = "pg:party pgid:org-a , pgid:org-b"

case("agreement", AGREEMENT)
case("agreement-with-one-party", AGREEMENT, (TWO_PARTIES, "pg:party pgid:org-a"))
case(
    "agreement-with-a-document-as-party",
    AGREEMENT,
    (TWO_PARTIES, "pg:party pgid:org-a , pgid:memo"),
)
case(
    "action-plan",
    AGREEMENT,
    ("pg:PartnershipAgreement , pg:Agreement ,", "pg:ActionPlan ,"),
)
case(
    "action-plan-with-one-party",
    AGREEMENT,
    ("pg:PartnershipAgreement , pg:Agreement ,", "pg:ActionPlan ,"),
    (TWO_PARTIES, "pg:party pgid:org-a"),
)
case("agreement-governing-nothing", AGREEMENT, ("pg:governs pgid:partnership ;", ""))
case(
    "agreement-governing-an-org",
    AGREEMENT,
    ("pg:governs pgid:partnership", "pg:governs pgid:org-a"),
)
case(
    "agreement-governing-two-partnerships",
    AGREEMENT
    + """
    pgid:CASE-other a pg:Partnership , org:Organization ;
        skos:prefLabel "Et andet partnerskab"@da ; org:hasMember pgid:org-a , pgid:org-b ;
        dcterms:source pgid:memo .
    """,
    ("pg:governs pgid:partnership", "pg:governs pgid:partnership , pgid:CASE-other"),
)
case("agreement-without-status", AGREEMENT, ("pg:status pgid:status-in-force ;", ""))
case(
    "agreement-with-a-category-as-status",
    AGREEMENT,
    ("pgid:status-in-force", "pgid:category-formal"),
)
case(
    "agreement-with-two-statuses",
    AGREEMENT,
    ("pgid:status-in-force", "pgid:status-in-force , pgid:status-replaced"),
)
case(
    "agreement-with-its-period-stated-twice",
    AGREEMENT,
    (
        "ex:CASE-period ;",
        "ex:CASE-period , [ a dcterms:PeriodOfTime ; "
        'dcat:startDate "2018"^^xsd:gYear ; rdfs:label "2018"@da ] ;',
    ),
)
case(
    "agreement-with-two-periods",
    AGREEMENT
    + """
    ex:CASE-second-period a dcterms:PeriodOfTime ; dcat:startDate "2026-01-01"^^xsd:date .
    """,
    ("ex:CASE-period ;", "ex:CASE-period , ex:CASE-second-period ;"),
)


def test_agreement_with_two_parties_a_partnership_a_status_and_a_period_passes(
    check: Check,
) -> None:
    assert_passes(check("agreement"))


def test_agreement_with_one_party_is_a_violation(check: Check) -> None:
    assert_violation(
        check("agreement-with-one-party"),
        PGSH.AgreementPartiesShape,
        PGID["agreement-with-one-party"],
    )


def test_agreement_with_a_party_that_is_not_an_organisation_is_a_violation(
    check: Check,
) -> None:
    assert_violation(
        check("agreement-with-a-document-as-party"),
        PGSH.AgreementPartiesShape,
        PGID["agreement-with-a-document-as-party"],
    )


def test_action_plan_typed_only_as_action_plan_passes(check: Check) -> None:
    assert_passes(check("action-plan"))


def test_action_plan_typed_only_as_action_plan_with_one_party_is_a_violation(
    check: Check,
) -> None:
    assert_violation(
        check("action-plan-with-one-party"),
        PGSH.AgreementPartiesShape,
        PGID["action-plan-with-one-party"],
    )


def test_agreement_without_a_governed_partnership_is_a_violation(check: Check) -> None:
    assert_violation(
        check("agreement-governing-nothing"),
        PGSH.AgreementGovernsShape,
        PGID["agreement-governing-nothing"],
    )


def test_agreement_governing_an_organisation_instead_of_a_partnership_is_a_violation(
    check: Check,
) -> None:
    assert_violation(
        check("agreement-governing-an-org"),
        PGSH.AgreementGovernsShape,
        PGID["agreement-governing-an-org"],
    )


def test_agreement_governing_two_partnerships_is_a_violation(check: Check) -> None:
    assert_violation(
        check("agreement-governing-two-partnerships"),
        PGSH.AgreementGovernsShape,
        PGID["agreement-governing-two-partnerships"],
    )


def test_agreement_without_status_is_a_violation(check: Check) -> None:
    assert_violation(
        check("agreement-without-status"),
        PGSH.AgreementStatusShape,
        PGID["agreement-without-status"],
    )


def test_agreement_with_a_status_outside_the_status_list_is_a_violation(check: Check) -> None:
    assert_violation(
        check("agreement-with-a-category-as-status"),
        PGSH.AgreementStatusShape,
        PGID["agreement-with-a-category-as-status"],
    )


def test_agreement_with_two_statuses_is_a_violation(check: Check) -> None:
    assert_violation(
        check("agreement-with-two-statuses"),
        PGSH.AgreementStatusShape,
        PGID["agreement-with-two-statuses"],
    )


def test_agreement_with_two_periods_is_a_violation(check: Check) -> None:
    assert_violation(
        check("agreement-with-two-periods"),
        PGSH.AgreementPeriodShape,
        PGID["agreement-with-two-periods"],
    )


# ---------------------------------------------------------------------------------------------
# 3. Periods
# ---------------------------------------------------------------------------------------------


def period(name: str, start: str | None, end: str | None, label: str = '"kildens ord"@da') -> str:
    """Register a case: a period ex:<name> with the given Turtle date literals and label."""
    parts = ["ex:CASE a dcterms:PeriodOfTime"]
    if start is not None:
        parts.append(f"dcat:startDate {start}")
    if end is not None:
        parts.append(f"dcat:endDate {end}")
    if label:
        parts.append(f"rdfs:label {label}")
    return case(name, " ;\n    ".join(parts) + " .\n")


YEAR_2021, YEAR_2022, YEAR_2024, YEAR_2025, YEAR_2026 = (
    f'"{year}"^^xsd:gYear' for year in (2021, 2022, 2024, 2025, 2026)
)

period("period-with-start-and-end", YEAR_2021, YEAR_2024)
period("period-with-only-a-start", YEAR_2021, None)
period("period-with-only-an-end", None, YEAR_2025)
period("period-with-two-starts", f"{YEAR_2021} , {YEAR_2022}", YEAR_2024)
period("period-with-two-ends", YEAR_2021, f"{YEAR_2024} , {YEAR_2025}")
period("period-without-dates", None, None)
case(
    "temporal-without-dates",
    'ex:CASE-thing dcterms:temporal ex:CASE . ex:CASE rdfs:label "engang"@da .',
)
period("period-2026-to-2025", YEAR_2026, YEAR_2025)
period("period-2022-01-01-to-2025", '"2022-01-01"^^xsd:date', YEAR_2025)
period("period-2025-03-to-2025", '"2025-03"^^xsd:gYearMonth', YEAR_2025)
period("period-2018-08-to-2018-08", '"2018-08"^^xsd:gYearMonth', '"2018-08"^^xsd:gYearMonth')
period("period-2024-12-to-2025-01", '"2024-12"^^xsd:gYearMonth', '"2025-01"^^xsd:gYearMonth')
period("period-one-day", '"2024-11-30"^^xsd:date', '"2024-11-30"^^xsd:date')
period("period-2025-12-to-2025-11", '"2025-12"^^xsd:gYearMonth', '"2025-11"^^xsd:gYearMonth')
period("period-2025-to-2025-11", YEAR_2025, '"2025-11"^^xsd:gYearMonth')
period("period-2026-01-01-to-2025", '"2026-01-01"^^xsd:date', YEAR_2025)
period("period-2025-06-02-to-2025-06-01", '"2025-06-02"^^xsd:date', '"2025-06-01"^^xsd:date')


def test_period_with_a_start_and_an_end_passes(check: Check) -> None:
    assert_passes(check("period-with-start-and-end"))


def test_period_with_only_a_start_passes(check: Check) -> None:
    assert_passes(check("period-with-only-a-start"))


def test_period_with_only_an_end_passes(check: Check) -> None:
    assert_passes(check("period-with-only-an-end"))


def test_period_with_two_start_dates_is_a_violation(check: Check) -> None:
    assert_violation(
        check("period-with-two-starts"), PGSH.PeriodStartDateShape, EX["period-with-two-starts"]
    )


def test_period_with_two_end_dates_is_a_violation(check: Check) -> None:
    assert_violation(
        check("period-with-two-ends"), PGSH.PeriodEndDateShape, EX["period-with-two-ends"]
    )


def test_period_without_start_or_end_is_a_violation(check: Check) -> None:
    assert_violation(
        check("period-without-dates"), PGSH.PeriodHasStartOrEndShape, EX["period-without-dates"]
    )


def test_untyped_object_of_temporal_without_dates_is_a_violation(check: Check) -> None:
    assert_violation(
        check("temporal-without-dates"),
        PGSH.PeriodHasStartOrEndShape,
        EX["temporal-without-dates"],
    )


def test_period_with_start_after_end_is_a_violation(check: Check, batch: Report) -> None:
    focus = EX["period-2026-to-2025"]
    assert_violation(check("period-2026-to-2025"), PGSH.PeriodStartNotAfterEndShape, focus)
    (message,) = [r.message for r in batch.results if r.focus == focus]
    assert "2026" in message and "2025" in message


def test_period_with_year_end_and_exact_start_passes(check: Check) -> None:
    assert_passes(check("period-2022-01-01-to-2025"))


def test_period_with_month_start_and_year_end_in_the_same_year_passes(check: Check) -> None:
    assert_passes(check("period-2025-03-to-2025"))


def test_period_starting_and_ending_in_the_same_month_passes(check: Check) -> None:
    assert_passes(check("period-2018-08-to-2018-08"))


def test_period_over_new_year_passes(check: Check) -> None:
    assert_passes(check("period-2024-12-to-2025-01"))


def test_period_with_exact_dates_on_the_same_day_passes(check: Check) -> None:
    assert_passes(check("period-one-day"))


def test_period_with_month_start_after_month_end_is_a_violation(check: Check) -> None:
    assert_violation(
        check("period-2025-12-to-2025-11"),
        PGSH.PeriodStartNotAfterEndShape,
        EX["period-2025-12-to-2025-11"],
    )


def test_period_with_year_start_and_month_end_in_the_same_year_passes(check: Check) -> None:
    assert_passes(check("period-2025-to-2025-11"))


def test_period_with_exact_start_after_year_end_is_a_violation(check: Check) -> None:
    assert_violation(
        check("period-2026-01-01-to-2025"),
        PGSH.PeriodStartNotAfterEndShape,
        EX["period-2026-01-01-to-2025"],
    )


def test_period_with_exact_start_after_exact_end_is_a_violation(check: Check) -> None:
    assert_violation(
        check("period-2025-06-02-to-2025-06-01"),
        PGSH.PeriodStartNotAfterEndShape,
        EX["period-2025-06-02-to-2025-06-01"],
    )


# ---------------------------------------------------------------------------------------------
# 4. Dates in the precision the source gives
# ---------------------------------------------------------------------------------------------

period("start-with-time-of-day", '"2025-09-01T00:00:00"^^xsd:dateTime', None)
period("start-as-text", '"efterår 2025"', None)
period("end-as-text", YEAR_2024, '"2025"')
period("end-with-time-of-day", None, '"2025-12-31T23:59:59"^^xsd:dateTime')
case("date-as-year-month", 'ex:CASE dcterms:date "2024-11"^^xsd:gYearMonth .')
case("date-with-time-of-day", 'ex:CASE dcterms:date "2024-11-05T10:00:00"^^xsd:dateTime .')
case("date-as-text", 'ex:CASE dcterms:date "nov. 2024" .')
period("autumn-with-wording", '"2025-09"^^xsd:gYearMonth', '"2025-11"^^xsd:gYearMonth')
period("autumn-without-wording", '"2025-09"^^xsd:gYearMonth', '"2025-11"^^xsd:gYearMonth', "")
period("loose-end-without-wording", '"2022-01-01"^^xsd:date', YEAR_2025, "")
period("exact-dates-without-wording", '"2022-01-01"^^xsd:date', '"2025-12-31"^^xsd:date', "")


def test_start_date_with_a_time_of_day_is_a_violation(check: Check) -> None:
    assert_violation(
        check("start-with-time-of-day"),
        PGSH.StartDatePrecisionShape,
        EX["start-with-time-of-day"],
    )


def test_start_date_as_plain_text_is_a_violation(check: Check) -> None:
    assert_violation(check("start-as-text"), PGSH.StartDatePrecisionShape, EX["start-as-text"])


def test_end_date_as_plain_text_is_a_violation(check: Check) -> None:
    assert_violation(check("end-as-text"), PGSH.EndDatePrecisionShape, EX["end-as-text"])


def test_end_date_with_a_time_of_day_is_a_violation(check: Check) -> None:
    assert_violation(
        check("end-with-time-of-day"), PGSH.EndDatePrecisionShape, EX["end-with-time-of-day"]
    )


def test_date_as_year_month_passes(check: Check) -> None:
    assert_passes(check("date-as-year-month"))


def test_date_with_a_time_of_day_is_a_violation(check: Check) -> None:
    assert_violation(
        check("date-with-time-of-day"), PGSH.DatePrecisionShape, EX["date-with-time-of-day"]
    )


def test_date_as_plain_text_is_a_violation(check: Check) -> None:
    assert_violation(check("date-as-text"), PGSH.DatePrecisionShape, EX["date-as-text"])


def test_period_with_loose_dates_and_the_source_wording_passes(check: Check) -> None:
    assert_passes(check("autumn-with-wording"))


def test_period_with_loose_dates_without_the_source_wording_is_a_violation(check: Check) -> None:
    assert_violation(
        check("autumn-without-wording"),
        PGSH.LoosePeriodLabelShape,
        EX["autumn-without-wording"],
    )


def test_period_with_only_a_loose_end_and_no_wording_is_a_violation(check: Check) -> None:
    assert_violation(
        check("loose-end-without-wording"),
        PGSH.LoosePeriodLabelShape,
        EX["loose-end-without-wording"],
    )


def test_period_with_exact_dates_needs_no_wording(check: Check) -> None:
    assert_passes(check("exact-dates-without-wording"))


# ---------------------------------------------------------------------------------------------
# 5. Numbering unique within a scheme
# ---------------------------------------------------------------------------------------------

THEMES = """
pgid:CASE a skos:ConceptScheme ;
    skos:prefLabel "Nuværende temaer CASE"@da ; dcterms:source pgid:memo .
pgid:CASE-1 a pg:Theme , skos:Concept ; skos:inScheme pgid:CASE ;
    skos:notation "1" ; skos:prefLabel "Turisme"@da ; dcterms:source pgid:memo .
pgid:CASE-2 a pg:Theme , skos:Concept ; skos:inScheme pgid:CASE ;
    skos:notation "2" ; skos:prefLabel "Kompetencer"@da ; dcterms:source pgid:memo .
"""
FOCUS_AREAS = """
pgid:CASE-focus a skos:ConceptScheme ;
    skos:prefLabel "Forslag til fokusområder"@da ; dcterms:source pgid:memo .
pgid:CASE-focus-1 a pg:FocusArea , skos:Concept ; skos:inScheme pgid:CASE-focus ;
    skos:notation "1" ; skos:prefLabel "Turisme og natur"@da ; dcterms:source pgid:memo .
"""

case("themes", THEMES)
case("themes-numbered-1-and-1", THEMES, ('skos:notation "2"', 'skos:notation "1"'))
case("themes-and-focus-areas-numbered-1", THEMES + FOCUS_AREAS)
case(
    "status-with-a-taken-number",
    """
    ex:CASE a pg:Status , skos:Concept ; skos:inScheme pgid:scheme-status ;
        skos:notation "in-force" ; skos:prefLabel "i kraft"@da .
    """,
)
SDG_ITEMS = """
sdg:GOAL a sdgo:Goal , skos:Concept ; skos:inScheme SCHEME ;
    skos:notation "0GOAL"^^sdgo:SDGCode , "GOAL"^^sdgo:SDGCodeCompact .
sdg:GOAL.1 a sdgo:Target , skos:Concept ; skos:inScheme SCHEME ;
    skos:notation "0GOAL.01"^^sdgo:SDGCode , "GOAL.1"^^sdgo:SDGCodeCompact .
"""


def sdg_items(goal: int, scheme: str) -> str:
    return SDG_ITEMS.replace("GOAL", str(goal)).replace("SCHEME", scheme)


case("sdg-codes", sdg_items(4, "<http://metadata.un.org/sdg>"))
case(
    "sdg-codes-equal-but-differently-typed",
    sdg_items(8, "ex:CASE"),
    ('"08"^^sdgo:SDGCode', '"8.1"^^sdgo:SDGCode'),
)
case(
    "sdg-codes-equal-and-equally-typed",
    sdg_items(9, "ex:CASE"),
    ('"09"^^sdgo:SDGCode', '"09.01"^^sdgo:SDGCode'),
)
case("theme-without-number", THEMES, ('skos:notation "2" ;', ""))
case("theme-with-two-numbers", THEMES, ('skos:notation "2"', 'skos:notation "2" , "3"'))
case(
    "action-plan-items",
    THEMES,
    (
        "pgid:CASE-2 a pg:Theme , skos:Concept",
        "pgid:CASE-2 a pg:ActionPlanItem",
    ),
)
case(
    "action-plan-item-without-number",
    THEMES,
    (
        "pgid:CASE-2 a pg:Theme , skos:Concept",
        "pgid:CASE-2 a pg:ActionPlanItem",
    ),
    ('skos:notation "2" ;', ""),
)
case(
    "theme-without-scheme",
    THEMES,
    (
        "pgid:CASE-2 a pg:Theme , skos:Concept ; skos:inScheme pgid:CASE ;",
        "pgid:CASE-2 a pg:Theme , skos:Concept ;",
    ),
)
case(
    "focus-area-in-two-schemes",
    THEMES + FOCUS_AREAS,
    (
        "skos:inScheme pgid:CASE-focus ;",
        "skos:inScheme pgid:CASE-focus , pgid:CASE ;",
    ),
    (
        'skos:notation "1" ; skos:prefLabel "Turisme og natur"@da',
        'skos:notation "9" ; skos:prefLabel "Turisme og natur"@da',
    ),
)


def test_themes_with_different_numbers_in_one_scheme_pass(check: Check) -> None:
    assert_passes(check("themes"))


def test_two_themes_with_the_same_number_in_one_scheme_is_a_violation(
    check: Check, batch: Report
) -> None:
    focus = PGID["themes-numbered-1-and-1"]
    assert_violation(check("themes-numbered-1-and-1"), PGSH.UniqueNotationInSchemeShape, focus)
    (message,) = [r.message for r in batch.results if r.focus == focus]
    assert '"1"' in message


def test_same_number_in_two_different_schemes_passes(check: Check) -> None:
    assert_passes(check("themes-and-focus-areas-numbered-1"))


def test_same_number_as_a_controlled_vocabulary_item_in_its_scheme_is_a_violation(
    check: Check,
) -> None:
    assert_violation(
        check("status-with-a-taken-number"),
        PGSH.UniqueNotationInSchemeShape,
        PGID["scheme-status"],
    )


def test_sdg_items_with_a_padded_and_a_compact_code_each_pass(check: Check) -> None:
    assert_passes(check("sdg-codes"))


def test_equal_codes_with_different_datatypes_do_not_clash(check: Check) -> None:
    assert_passes(check("sdg-codes-equal-but-differently-typed"))


def test_two_sdg_items_with_the_same_typed_code_is_a_violation(check: Check) -> None:
    assert_violation(
        check("sdg-codes-equal-and-equally-typed"),
        PGSH.UniqueNotationInSchemeShape,
        EX["sdg-codes-equal-and-equally-typed"],
    )


def test_theme_without_a_number_is_a_violation(check: Check) -> None:
    assert_violation(
        check("theme-without-number"),
        PGSH.NumberedConceptNotationShape,
        PGID["theme-without-number-2"],
    )


def test_theme_with_two_numbers_is_a_violation(check: Check) -> None:
    assert_violation(
        check("theme-with-two-numbers"),
        PGSH.NumberedConceptNotationShape,
        PGID["theme-with-two-numbers-2"],
    )


def test_action_plan_item_with_a_number_passes(check: Check) -> None:
    assert_passes(check("action-plan-items"))


def test_action_plan_item_without_a_number_is_a_violation(check: Check) -> None:
    assert_violation(
        check("action-plan-item-without-number"),
        PGSH.NumberedConceptNotationShape,
        PGID["action-plan-item-without-number-2"],
    )


def test_theme_without_a_scheme_is_a_violation(check: Check) -> None:
    assert_violation(
        check("theme-without-scheme"),
        PGSH.NumberedConceptSchemeShape,
        PGID["theme-without-scheme-2"],
    )


def test_focus_area_in_two_schemes_is_a_violation(check: Check) -> None:
    assert_violation(
        check("focus-area-in-two-schemes"),
        PGSH.NumberedConceptSchemeShape,
        PGID["focus-area-in-two-schemes-focus-1"],
    )


# ---------------------------------------------------------------------------------------------
# 6. Links to the UN Sustainable Development Goals
# ---------------------------------------------------------------------------------------------

OFFICIAL_SDG_IRIS = {
    "goal": "sdg:17",
    "target": "sdg:17.17",
    "single-digit-target": "sdg:4.4",
    "lettered-target": "sdg:4.a",
}
UNOFFICIAL_SDG_IRIS = {
    "https": "<https://metadata.un.org/sdg/17.17>",
    "zero-padded-goal": "<http://metadata.un.org/sdg/04>",
    "zero-padded-target": "<http://metadata.un.org/sdg/17.01>",
    "trailing-slash": "<http://metadata.un.org/sdg/17/>",
    "query-string": "<http://metadata.un.org/sdg/17?lang=en>",
    "indicator": "<http://metadata.un.org/sdg/C171701>",
    "upper-case-host": "<http://METADATA.UN.ORG/sdg/17>",
}
REFERENCES = {
    "builds-on": "pg:buildsOn",
    "theme": "dcat:theme",
    "related-match": "skos:relatedMatch",
}

for key, iri in OFFICIAL_SDG_IRIS.items():
    case(f"contributes-to-{key}", f"ex:CASE pg:contributesTo {iri} .")
for key, iri in UNOFFICIAL_SDG_IRIS.items():
    case(f"contributes-to-{key}", f"ex:CASE pg:contributesTo {iri} .")
case("contributes-to-a-theme", "ex:CASE pg:contributesTo pgid:theme-tourism .")
for ref, predicate in REFERENCES.items():
    # An official SDG IRI, partnergraph's own things, and other metadata.un.org vocabularies
    # (here a UNBIS Thesaurus concept) all pass.
    case(
        f"{ref}-sdg-or-other",
        f"ex:CASE {predicate} sdg:17.17 , pgid:memo , <http://metadata.un.org/thesaurus/1004850> .",
    )
    for key, iri in UNOFFICIAL_SDG_IRIS.items():
        case(f"{ref}-{key}", f"ex:CASE {predicate} {iri} .")
case("sdg-goal-and-target", "sdg:13 a sdgo:Goal . sdg:13.2 a sdgo:Target .")
case("sdg-target-over-https", "<https://metadata.un.org/sdg/16.7> a sdgo:Target .")
case("sdg-goal-zero-padded", "<http://metadata.un.org/sdg/09> a sdgo:Goal .")


@pytest.mark.parametrize("key", OFFICIAL_SDG_IRIS)
def test_contribution_to_an_official_sdg_iri_passes(check: Check, key: str) -> None:
    assert_passes(check(f"contributes-to-{key}"))


@pytest.mark.parametrize("key", UNOFFICIAL_SDG_IRIS)
def test_contribution_to_an_unofficial_sdg_iri_is_a_violation(check: Check, key: str) -> None:
    assert_violation(
        check(f"contributes-to-{key}"), PGSH.ContributesToSdgShape, EX[f"contributes-to-{key}"]
    )


def test_contribution_to_something_that_is_not_an_sdg_is_a_violation(check: Check) -> None:
    assert_violation(
        check("contributes-to-a-theme"), PGSH.ContributesToSdgShape, EX["contributes-to-a-theme"]
    )


@pytest.mark.parametrize("ref", REFERENCES)
def test_reference_to_an_official_sdg_iri_or_to_anything_else_passes(
    check: Check, ref: str
) -> None:
    assert_passes(check(f"{ref}-sdg-or-other"))


@pytest.mark.parametrize("key", UNOFFICIAL_SDG_IRIS)
@pytest.mark.parametrize("ref", REFERENCES)
def test_reference_to_an_unofficial_sdg_iri_is_a_violation(
    check: Check, ref: str, key: str
) -> None:
    assert_violation(check(f"{ref}-{key}"), PGSH.SdgReferenceShape, EX[f"{ref}-{key}"])


def test_sdg_goal_and_target_with_official_iris_pass(check: Check) -> None:
    assert_passes(check("sdg-goal-and-target"))


def test_sdg_target_with_an_https_iri_is_a_violation(check: Check) -> None:
    assert_violation(
        check("sdg-target-over-https"),
        PGSH.SdgItemIriShape,
        URIRef("https://metadata.un.org/sdg/16.7"),
    )


def test_sdg_goal_with_a_zero_padded_iri_is_a_violation(check: Check) -> None:
    assert_violation(
        check("sdg-goal-zero-padded"),
        PGSH.SdgItemIriShape,
        URIRef("http://metadata.un.org/sdg/09"),
    )


# ---------------------------------------------------------------------------------------------
# 7. Partnerships, forums, memberships and decisions
# ---------------------------------------------------------------------------------------------

PARTNERSHIP = """
pgid:CASE a pg:Partnership , org:OrganizationalCollaboration , org:Organization ;
    skos:prefLabel "Partnerskab CASE"@da ;
    org:hasMember pgid:org-a , pgid:org-b ;
    pg:category pgid:category-formal ;
    pg:collaborationType pgid:CASE-type-1 ;
    dcterms:source pgid:memo .
pgid:CASE-types a skos:ConceptScheme ;
    skos:prefLabel "Samarbejdstyper"@da ; dcterms:source pgid:memo .
pgid:CASE-type-1 a pg:CollaborationType , skos:Concept ; skos:inScheme pgid:CASE-types ;
    skos:prefLabel "Partnerskabsaftale"@da ; dcterms:source pgid:memo .
pgid:CASE-type-2 a pg:CollaborationType , skos:Concept ; skos:inScheme pgid:CASE-types ;
    skos:prefLabel "Strategisk samarbejde"@da ; dcterms:source pgid:memo .
"""
MEMBERS = "org:hasMember pgid:org-a , pgid:org-b ;"

case("partnership-complete", PARTNERSHIP)
case("partnership-without-members", PARTNERSHIP, (MEMBERS, ""))
case(
    "partnership-with-a-document-as-member",
    PARTNERSHIP,
    (MEMBERS, "org:hasMember pgid:org-a , pgid:memo ;"),
)
case(
    "partnership-with-two-categories",
    PARTNERSHIP,
    ("pgid:category-formal", "pgid:category-formal , pgid:category-strategic"),
)
case(
    "partnership-with-a-status-as-category",
    PARTNERSHIP,
    ("pgid:category-formal", "pgid:status-in-force"),
)
case(
    "partnership-with-two-collaboration-types",
    PARTNERSHIP,
    (
        "pg:collaborationType pgid:CASE-type-1",
        "pg:collaborationType pgid:CASE-type-1 , pgid:CASE-type-2",
    ),
)
case(
    "partnership-with-a-category-as-collaboration-type",
    PARTNERSHIP,
    (
        "pg:collaborationType pgid:CASE-type-1",
        "pg:collaborationType pgid:category-strategic",
    ),
)

case("partnership-with-one-party", PARTNERSHIP, (MEMBERS, "org:hasMember pgid:org-a ;"))
case(
    "partnership-operated-by-a-company",
    PARTNERSHIP,
    (
        MEMBERS,
        MEMBERS + " pg:operatedBy pgid:CASE-company ;",
    ),
    (
        "pgid:CASE-types a",
        "pgid:CASE-company a org:FormalOrganization , org:Organization ;\n"
        '    skos:prefLabel "Selskab CASE"@da ; dcterms:source pgid:memo .\npgid:CASE-types a',
    ),
)
case(
    "partnership-operated-by-a-partnership",
    PARTNERSHIP,
    (MEMBERS, MEMBERS + " pg:operatedBy pgid:partnership ;"),
)
case(
    "partnership-with-one-named-party-flagged-incomplete",
    PARTNERSHIP,
    (MEMBERS, "org:hasMember pgid:org-a ; pg:partiesIncomplete true ;"),
)
PERIOD = (
    'dcterms:temporal [ a dcterms:PeriodOfTime ; dcat:startDate "2018"^^xsd:gYear ; '
    'rdfs:label "2018"@da ] ;'
)
case("partnership-with-one-start", PARTNERSHIP, (MEMBERS, MEMBERS + PERIOD))
case(
    "partnership-with-a-start-in-two-precisions",
    PARTNERSHIP,
    (MEMBERS, MEMBERS + PERIOD + PERIOD.replace('"2018"^^xsd:gYear', '"2018-03"^^xsd:gYearMonth')),
)
case(
    "partnership-with-conflicting-starts",
    PARTNERSHIP,
    (MEMBERS, MEMBERS + PERIOD + PERIOD.replace("2018", "2019")),
)
UNIT = """
pgid:CASE a org:OrganizationalUnit , org:Organization ;
    skos:prefLabel "Økonomiudvalget CASE"@da ;
    org:unitOf pgid:org-a ;
    dcterms:source pgid:memo .
"""
case("unit-of-one-organisation", UNIT)
case(
    "unit-of-two-organisations",
    UNIT,
    ("org:unitOf pgid:org-a", "org:unitOf pgid:org-a , pgid:org-b"),
)


def test_partnership_with_members_one_category_and_one_collaboration_type_passes(
    check: Check,
) -> None:
    assert_passes(check("partnership-complete"))


def test_partnership_without_members_is_a_violation(check: Check) -> None:
    assert_violation(
        check("partnership-without-members"),
        PGSH.PartnershipMemberShape,
        PGID["partnership-without-members"],
    )


def test_partnership_with_a_member_that_is_not_an_organisation_is_a_violation(
    check: Check,
) -> None:
    assert_violation(
        check("partnership-with-a-document-as-member"),
        PGSH.PartnershipMemberShape,
        PGID["partnership-with-a-document-as-member"],
    )


def test_partnership_with_one_party_is_a_violation(check: Check) -> None:
    assert_violation(
        check("partnership-with-one-party"),
        PGSH.PartnershipPartiesShape,
        PGID["partnership-with-one-party"],
    )


def test_collaboration_operated_by_a_company_passes(check: Check) -> None:
    assert_passes(check("partnership-operated-by-a-company"))


def test_collaboration_operated_by_another_collaboration_is_a_violation(check: Check) -> None:
    assert_violation(
        check("partnership-operated-by-a-partnership"),
        PGSH.PartnershipOperatorShape,
        PGID["partnership-operated-by-a-partnership"],
    )


def test_partnership_whose_source_names_one_party_passes_when_flagged_incomplete(
    check: Check,
) -> None:
    assert_passes(check("partnership-with-one-named-party-flagged-incomplete"))


def test_one_start_date_or_one_start_in_two_precisions_passes(check: Check) -> None:
    assert_passes(check("partnership-with-one-start"))
    assert_passes(check("partnership-with-a-start-in-two-precisions"))


def test_two_sources_with_different_start_years_is_a_violation(check: Check) -> None:
    assert_violation(
        check("partnership-with-conflicting-starts"),
        PGSH.StartDatesAgreeShape,
        PGID["partnership-with-conflicting-starts"],
    )


def test_unit_of_one_organisation_passes(check: Check) -> None:
    assert_passes(check("unit-of-one-organisation"))


def test_unit_of_two_organisations_is_a_violation(check: Check) -> None:
    assert_violation(
        check("unit-of-two-organisations"),
        PGSH.UnitOfOneOrganisationShape,
        PGID["unit-of-two-organisations"],
    )


def test_partnership_with_two_categories_is_a_violation(check: Check) -> None:
    assert_violation(
        check("partnership-with-two-categories"),
        PGSH.PartnershipCategoryShape,
        PGID["partnership-with-two-categories"],
    )


def test_partnership_with_a_category_outside_the_category_list_is_a_violation(
    check: Check,
) -> None:
    assert_violation(
        check("partnership-with-a-status-as-category"),
        PGSH.PartnershipCategoryShape,
        PGID["partnership-with-a-status-as-category"],
    )


def test_partnership_with_two_collaboration_types_is_a_violation(check: Check) -> None:
    assert_violation(
        check("partnership-with-two-collaboration-types"),
        PGSH.PartnershipCollaborationTypeShape,
        PGID["partnership-with-two-collaboration-types"],
    )


def test_partnership_with_a_collaboration_type_that_is_not_one_is_a_violation(
    check: Check,
) -> None:
    assert_violation(
        check("partnership-with-a-category-as-collaboration-type"),
        PGSH.PartnershipCollaborationTypeShape,
        PGID["partnership-with-a-category-as-collaboration-type"],
    )


FORUM = """
pgid:CASE a pg:Forum , org:Organization ;
    skos:prefLabel "Styregruppe CASE"@da ;
    pg:forumOf pgid:partnership ;
    pg:meetingFrequency pgid:frequency-twice-yearly ;
    pg:meetingsPerYear 2 ;
    dcterms:source pgid:memo .
"""
MEETINGS_PER_YEAR = {"zero": "0", "text": '"2"', "decimal": "1.5", "two-values": "2 , 3"}

case("forum-complete", FORUM)
case("forum-without-meetings-per-year", FORUM, ("pg:meetingsPerYear 2 ;", ""))
case("forum-without-partnership", FORUM, ("pg:forumOf pgid:partnership ;", ""))
case("forum-of-an-organisation", FORUM, ("pg:forumOf pgid:partnership", "pg:forumOf pgid:org-a"))
case(
    "forum-without-frequency",
    FORUM,
    ("pg:meetingFrequency pgid:frequency-twice-yearly ;", ""),
)
case(
    "forum-with-a-status-as-frequency",
    FORUM,
    ("pgid:frequency-twice-yearly", "pgid:status-planned"),
)
for key, value in MEETINGS_PER_YEAR.items():
    case(
        f"forum-meeting-{key}-times", FORUM, ("pg:meetingsPerYear 2", f"pg:meetingsPerYear {value}")
    )


def test_forum_of_one_partnership_with_a_frequency_and_meetings_per_year_passes(
    check: Check,
) -> None:
    assert_passes(check("forum-complete"))


def test_forum_without_meetings_per_year_passes(check: Check) -> None:
    assert_passes(check("forum-without-meetings-per-year"))


def test_forum_without_partnership_is_a_violation(check: Check) -> None:
    assert_violation(
        check("forum-without-partnership"),
        PGSH.ForumPartnershipShape,
        PGID["forum-without-partnership"],
    )


def test_forum_of_an_organisation_instead_of_a_partnership_is_a_violation(check: Check) -> None:
    assert_violation(
        check("forum-of-an-organisation"),
        PGSH.ForumPartnershipShape,
        PGID["forum-of-an-organisation"],
    )


def test_forum_without_meeting_frequency_is_a_violation(check: Check) -> None:
    assert_violation(
        check("forum-without-frequency"),
        PGSH.ForumMeetingFrequencyShape,
        PGID["forum-without-frequency"],
    )


def test_forum_with_a_frequency_outside_the_frequency_list_is_a_violation(check: Check) -> None:
    assert_violation(
        check("forum-with-a-status-as-frequency"),
        PGSH.ForumMeetingFrequencyShape,
        PGID["forum-with-a-status-as-frequency"],
    )


@pytest.mark.parametrize("key", MEETINGS_PER_YEAR)
def test_forum_meetings_per_year_other_than_one_whole_number_from_1_is_a_violation(
    check: Check, key: str
) -> None:
    assert_violation(
        check(f"forum-meeting-{key}-times"),
        PGSH.ForumMeetingsPerYearShape,
        PGID[f"forum-meeting-{key}-times"],
    )


MEMBERSHIP = """
pgid:CASE a org:Membership ;
    org:organization pgid:forum ;
    org:member pgid:org-a ;
    org:role pgid:role-mayor ;
    dcterms:source pgid:memo .
"""

case("membership", MEMBERSHIP)
case("membership-without-role", MEMBERSHIP, ("org:role pgid:role-mayor ;", ""))
case("membership-without-member", MEMBERSHIP, ("org:member pgid:org-a ;", ""))
case(
    "membership-with-two-members",
    MEMBERSHIP,
    ("org:member pgid:org-a", "org:member pgid:org-a , pgid:org-b"),
)
case("membership-of-a-document", MEMBERSHIP, ("org:member pgid:org-a", "org:member pgid:memo"))
case("membership-without-forum", MEMBERSHIP, ("org:organization pgid:forum ;", ""))
case(
    "membership-of-two-forums",
    MEMBERSHIP,
    ("org:organization pgid:forum", "org:organization pgid:forum , pgid:partnership"),
)
case("membership-with-a-status-as-role", MEMBERSHIP, ("pgid:role-mayor", "pgid:status-done"))
case(
    "membership-with-two-roles",
    MEMBERSHIP,
    ("pgid:role-mayor", "pgid:role-mayor , pgid:role-rector"),
)


def test_membership_of_one_organisation_in_one_forum_with_one_role_passes(check: Check) -> None:
    assert_passes(check("membership"))


def test_membership_without_role_passes(check: Check) -> None:
    assert_passes(check("membership-without-role"))


def test_membership_without_member_is_a_violation(check: Check) -> None:
    assert_violation(
        check("membership-without-member"),
        PGSH.MembershipMemberShape,
        PGID["membership-without-member"],
    )


def test_membership_with_two_members_is_a_violation(check: Check) -> None:
    assert_violation(
        check("membership-with-two-members"),
        PGSH.MembershipMemberShape,
        PGID["membership-with-two-members"],
    )


def test_membership_with_a_member_that_is_not_an_organisation_is_a_violation(
    check: Check,
) -> None:
    assert_violation(
        check("membership-of-a-document"),
        PGSH.MembershipMemberShape,
        PGID["membership-of-a-document"],
    )


def test_membership_without_forum_is_a_violation(check: Check) -> None:
    assert_violation(
        check("membership-without-forum"),
        PGSH.MembershipOrganizationShape,
        PGID["membership-without-forum"],
    )


def test_membership_of_two_forums_is_a_violation(check: Check) -> None:
    assert_violation(
        check("membership-of-two-forums"),
        PGSH.MembershipOrganizationShape,
        PGID["membership-of-two-forums"],
    )


def test_membership_with_a_role_outside_the_role_list_is_a_violation(check: Check) -> None:
    assert_violation(
        check("membership-with-a-status-as-role"),
        PGSH.MembershipRoleShape,
        PGID["membership-with-a-status-as-role"],
    )


def test_membership_with_two_roles_is_a_violation(check: Check) -> None:
    assert_violation(
        check("membership-with-two-roles"),
        PGSH.MembershipRoleShape,
        PGID["membership-with-two-roles"],
    )


DECISION = """
pgid:CASE a pg:Decision , prov:Activity ;
    skos:prefLabel "ØK behandlede partnerskabsaftalen (CASE)"@da ;
    dcterms:type pgid:decision-political-treatment ;
    prov:wasAssociatedWith pgid:org-a ;
    prov:used pgid:CASE-agreement ;
    pg:status pgid:status-done ;
    dcterms:temporal ex:CASE-period ;
    dcterms:source pgid:memo .
ex:CASE-period a dcterms:PeriodOfTime ;
    dcat:startDate "2018-08"^^xsd:gYearMonth ; rdfs:label "august 2018"@da .
"""
POLITICAL = "pgid:decision-political-treatment"

case("decision", DECISION)
case("decision-without-date", DECISION, ("dcterms:temporal ex:CASE-period ;", ""))
case(
    "decision-with-two-dates",
    DECISION + 'ex:CASE-other a dcterms:PeriodOfTime ; dcat:startDate "2019-01-01"^^xsd:date .',
    (
        "dcterms:temporal ex:CASE-period ;",
        "dcterms:temporal ex:CASE-period , ex:CASE-other ;",
    ),
)
case(
    "decision-with-its-date-stated-twice",
    DECISION,
    (
        "dcterms:temporal ex:CASE-period ;",
        "dcterms:temporal ex:CASE-period , [ a dcterms:PeriodOfTime ; "
        'dcat:startDate "2018-08"^^xsd:gYearMonth ; rdfs:label "august 2018"@da ] ;',
    ),
)
case("decision-without-kind", DECISION, (f"dcterms:type {POLITICAL} ;", ""))
case(
    "decision-with-a-status-as-kind",
    DECISION,
    (f"dcterms:type {POLITICAL}", "dcterms:type pgid:status-done"),
)
case(
    "decision-without-agreement",
    DECISION,
    ("prov:used pgid:CASE-agreement ;", ""),
)
case(
    "decision-with-two-statuses",
    DECISION,
    ("pg:status pgid:status-done", "pg:status pgid:status-done , pgid:status-planned"),
)
case(
    "decision-with-a-frequency-as-status",
    DECISION,
    ("pg:status pgid:status-done", "pg:status pgid:frequency-annual"),
)
case("political-treatment-without-committee", DECISION, ("prov:wasAssociatedWith pgid:org-a ;", ""))
case("political-treatment-without-status", DECISION, ("pg:status pgid:status-done ;", ""))
case(
    "status-review-without-committee-or-status",
    DECISION,
    (POLITICAL, "pgid:decision-status-review"),
    ("prov:wasAssociatedWith pgid:org-a ;", ""),
    ("pg:status pgid:status-done ;", ""),
)


def test_political_treatment_with_committee_status_date_and_agreement_passes(
    check: Check,
) -> None:
    assert_passes(check("decision"))


def test_decision_without_date_is_a_violation(check: Check) -> None:
    assert_violation(
        check("decision-without-date"), PGSH.DecisionPeriodShape, PGID["decision-without-date"]
    )


def test_decision_with_two_dates_is_a_violation(check: Check) -> None:
    assert_violation(
        check("decision-with-two-dates"),
        PGSH.DecisionOnePeriodShape,
        PGID["decision-with-two-dates"],
    )


def test_one_period_stated_twice_is_one_period(check: Check) -> None:
    """Two sources (two editions) that state the same period give two blank nodes with the
    same dates: one period, not two."""
    assert_passes(check("decision-with-its-date-stated-twice"))
    assert_passes(check("agreement-with-its-period-stated-twice"))


def test_decision_without_kind_is_a_violation(check: Check) -> None:
    assert_violation(
        check("decision-without-kind"), PGSH.DecisionTypeShape, PGID["decision-without-kind"]
    )


def test_decision_with_a_kind_outside_the_decision_types_is_a_violation(check: Check) -> None:
    assert_violation(
        check("decision-with-a-status-as-kind"),
        PGSH.DecisionTypeShape,
        PGID["decision-with-a-status-as-kind"],
    )


def test_decision_without_the_agreement_it_treats_is_a_violation(check: Check) -> None:
    assert_violation(
        check("decision-without-agreement"),
        PGSH.DecisionUsedShape,
        PGID["decision-without-agreement"],
    )


def test_decision_with_two_statuses_is_a_violation(check: Check) -> None:
    assert_violation(
        check("decision-with-two-statuses"),
        PGSH.DecisionStatusShape,
        PGID["decision-with-two-statuses"],
    )


def test_decision_with_a_status_outside_the_status_list_is_a_violation(check: Check) -> None:
    assert_violation(
        check("decision-with-a-frequency-as-status"),
        PGSH.DecisionStatusShape,
        PGID["decision-with-a-frequency-as-status"],
    )


def test_political_treatment_without_committee_is_a_violation(check: Check) -> None:
    assert_violation(
        check("political-treatment-without-committee"),
        PGSH.PoliticalTreatmentCommitteeShape,
        PGID["political-treatment-without-committee"],
    )


def test_political_treatment_without_status_is_a_violation(check: Check) -> None:
    assert_violation(
        check("political-treatment-without-status"),
        PGSH.PoliticalTreatmentStatusShape,
        PGID["political-treatment-without-status"],
    )


def test_status_review_without_committee_or_status_passes(check: Check) -> None:
    assert_passes(check("status-review-without-committee-or-status"))


# ---------------------------------------------------------------------------------------------
# 8. Provenance
# ---------------------------------------------------------------------------------------------

STRATEGY = """
pgid:CASE a pg:StrategyDocument , foaf:Document ;
    skos:prefLabel "Klimaplan CASE"@da ;
    dcterms:source pgid:memo .
"""

case("strategy-with-source", STRATEGY)
case(
    "strategy-without-source",
    STRATEGY,
    ("dcterms:source pgid:memo", "dcterms:title 'Klimaplan'@da"),
)
case(
    "membership-without-source",
    MEMBERSHIP,
    ("org:role pgid:role-mayor ;\n    dcterms:source pgid:memo", "org:role pgid:role-mayor"),
)
case(
    "theme-without-source",
    THEMES,
    (
        'skos:prefLabel "Kompetencer"@da ; dcterms:source pgid:memo',
        'skos:prefLabel "Kompetencer"@da',
    ),
)
# Like the vocabularies: the scheme carries dcterms:creator, its concepts nothing more.
case(
    "vocabulary-without-source",
    """
    pgid:CASE a skos:ConceptScheme ; skos:prefLabel "Roller"@da ;
        dcterms:creator pgid:partnergraph-team .
    pgid:CASE-chair a org:Role , skos:Concept ; skos:inScheme pgid:CASE ;
        skos:notation "chair" ; skos:prefLabel "formand"@da .
    """,
)
case(
    "dataset-without-source",
    """
    pgid:CASE a dcat:Dataset , void:Dataset ; skos:prefLabel "Datasæt"@da ;
        dcat:distribution pgid:CASE-turtle .
    pgid:CASE-turtle a dcat:Distribution .
    """,
)
case("external-document-without-source", "ex:CASE a foaf:Document .")
case("untyped-partnergraph-iri-without-source", 'pgid:CASE skos:altLabel "A og B"@da .')


def test_memo_entity_with_a_source_passes(check: Check) -> None:
    assert_passes(check("strategy-with-source"))


def test_memo_entity_without_a_source_is_a_violation(check: Check) -> None:
    assert_violation(
        check("strategy-without-source"), PGSH.ProvenanceShape, PGID["strategy-without-source"]
    )


def test_memo_membership_without_a_source_is_a_violation(check: Check) -> None:
    assert_violation(
        check("membership-without-source"),
        PGSH.ProvenanceShape,
        PGID["membership-without-source"],
    )


def test_concept_in_a_memo_scheme_without_a_source_is_a_violation(check: Check) -> None:
    assert_violation(
        check("theme-without-source"), PGSH.ProvenanceShape, PGID["theme-without-source-2"]
    )


def test_controlled_vocabulary_without_a_source_passes(check: Check) -> None:
    assert_passes(check("vocabulary-without-source"))


def test_dataset_and_distribution_descriptions_without_a_source_pass(check: Check) -> None:
    assert_passes(check("dataset-without-source"))


def test_typed_thing_outside_partnergraph_namespace_needs_no_source(check: Check) -> None:
    assert_passes(check("external-document-without-source"))


def test_untyped_partnergraph_iri_needs_no_source(check: Check) -> None:
    assert_passes(check("untyped-partnergraph-iri-without-source"))
