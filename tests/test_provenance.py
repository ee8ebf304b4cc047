"""Every triple that cites the memo should be something the memo says.

A memo-graph triple has evidence when the memo's own words back it: its subject carries
pg:sourceText (the memo's words for that thing), or its literal occurs in the memo, or it is the
translation of a Danish value that does. Types and dcterms:source are modelling, not claims.

Everything else is listed in tests/fixtures/provenance/memo-unevidenced.txt: facts that cite the
memo although it does not state them (identifiers, kinds and countries, memberships implied by
wording, ...), kept here so that they can be moved to the register or the editorial graph one
by one. The test fails when a triple without evidence is added to the memo graph; when one is
moved out or given evidence, delete its line (the test says which lines are stale).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from partnergraph.rdf.namespaces import PG, bind_prefixes

ROOT = Path(__file__).resolve().parents[1]
# The memo lives in the team's shared folder beside the checkout (CI lays it there too).
MEMO = ROOT.parent / "shared" / "seed" / "000_214d85550078f678.txt"
MEMO_GRAPH = ROOT / "data" / "norddjurs.ttl"
KNOWN = Path(__file__).parent / "fixtures" / "provenance" / "memo-unevidenced.txt"


def _memo_text() -> str:
    bundled = ROOT / "data" / "memo.txt"
    path = bundled if bundled.exists() else MEMO
    return path.read_text(encoding="utf-8").casefold() if path.exists() else ""


def unevidenced(graph: Graph, memo: str) -> set[str]:
    """The triples of ``graph`` the memo's words do not back, one N3-ish line each."""
    bind_prefixes(graph)

    def in_memo(value: Node) -> bool:
        return isinstance(value, Literal) and str(value).casefold() in memo

    def evidenced(s: Node, p: Node, o: Node) -> bool:
        if p in (RDF.type, DCTERMS.source) or (s, PG.sourceText, None) in graph:
            return True
        if in_memo(o):
            return True
        if isinstance(o, Literal) and o.language and o.language != "da":
            return any(
                isinstance(v, Literal) and v.language == "da" and in_memo(v)
                for v in graph.objects(s, p)
            )
        return False

    manager = graph.namespace_manager
    return {
        " ".join(term.n3(manager) for term in triple)
        for triple in graph
        if not evidenced(*triple) and not any(t.n3().startswith("_:") for t in triple)
    }


def test_no_new_memo_triple_without_the_memos_words() -> None:
    memo = _memo_text()
    if not memo:
        pytest.skip(f"the memo's text is not at {MEMO} (no shared/ beside the repository)")
    found = unevidenced(Graph().parse(MEMO_GRAPH), memo)
    known = set(KNOWN.read_text(encoding="utf-8").splitlines())
    new = sorted(found - known)
    assert not new, (
        f"{len(new)} triple(s) in the memo graph without the memo's words: cite the memo with "
        "pg:sourceText, or put them in the register or the editorial graph with a note:\n"
        + "\n".join(new)
    )
    stale = sorted(known - found)
    assert not stale, (
        "moved out or now evidenced: delete these lines from "
        + str(KNOWN)
        + (":\n" + "\n".join(stale))
    )


def test_official_identifiers_live_in_the_register_and_cite_it() -> None:
    import partnergraph
    from partnergraph.rdf.namespaces import PGID

    kg = partnergraph.load(store="memory")
    answer = kg.sparql(
        """SELECT ?id ?number ?g ?source WHERE {
            GRAPH ?g { ?org adms:identifier ?id . ?id skos:notation ?number ;
                           dcterms:source ?source } }"""
    )
    assert answer.rows  # type: ignore[union-attr]
    register = "https://w3id.org/partnergraph/graph/register"
    for _id, number, graph, source in answer.rows:  # type: ignore[union-attr]
        assert (str(graph), source) == (register, PGID["dataset-register"]), number
    numbers = {str(row[1]) for row in answer.rows}  # type: ignore[union-attr]
    assert numbers == {"0707", "29189986", "30773047"}  # only the verified ones
    memo_graph = Graph().parse(MEMO_GRAPH)
    assert not list(memo_graph.subject_objects(URIRef("http://www.w3.org/ns/adms#identifier")))


def test_no_fact_in_the_memo_graph_says_a_proposed_successor_replaces_anything() -> None:
    memo_graph = Graph().parse(MEMO_GRAPH)
    answer = memo_graph.query(
        """SELECT ?old ?new WHERE { ?old dcterms:isReplacedBy ?new .
             ?new pg:status ?s FILTER(?s IN (pgid:status-proposed, pgid:status-planned)) }""",
        initNs={
            "dcterms": "http://purl.org/dc/terms/",
            "pg": str(PG),
            "pgid": "https://w3id.org/partnergraph/id/",
        },
    )
    assert not list(answer)
    editorial = Graph().parse(ROOT / "data" / "norddjurs-editorial.ttl")
    planned = list(editorial.subject_objects(URIRef("http://purl.org/dc/terms/isReplacedBy")))
    assert len(planned) == 3  # kept, as a plan, with a note


def test_every_editorial_addition_says_what_it_rests_on() -> None:
    editorial = Graph().parse(ROOT / "data" / "norddjurs-editorial.ttl")
    note = URIRef("http://www.w3.org/2004/02/skos/core#editorialNote")
    for subject in set(editorial.subjects()):
        assert (subject, note, None) in editorial, subject
