"""Ids of one dataset stated about in another dataset's graph: the check SHACL cannot make.

A dataset mints the ids of what it introduces in its own namespace (its ``void:uriSpace``,
``pgid:<dataset>/``, see :mod:`partnergraph.engine.datasets`), and only its own graphs should
describe them. When a second source states something about such an id (a workbook that copied
an id from another municipality's file), two descriptions of one thing meet by accident. SHACL
sees only the union of the graphs, so this is a SPARQL check over the named graphs.

Which graphs are a dataset's own: those it lists with ``void:subset``, and the files written
beside its description (``<stem>-dataset.ttl`` describes ``<stem>.ttl``, ``<stem>-mappings.ttl``
and ``<stem>-editorial.ttl``, so the graphs ``graph/<stem>`` and ``graph/<stem>-...``). Shared on
purpose and never reported: ids in the shared namespace (``pgid:<id>``, no dataset segment) and
whatever the register states.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Literal, URIRef

from partnergraph.engine.oxigraph import SET_UNION
from partnergraph.engine.stores import Store
from partnergraph.io.loading import GRAPH_BASE
from partnergraph.io.results import SelectResult
from partnergraph.rdf.namespaces import PGID

__all__ = ["CHECK", "ForeignId", "foreign_ids"]

CHECK = URIRef("https://w3id.org/partnergraph/shapes#ForeignNamespaceCheck")
"""What the report names as the rule of these findings (not a SHACL shape)."""

_SIBLINGS = ("", "-mappings", "-editorial", "-dataset")

_REGISTER = GRAPH_BASE + "register"


@dataclass(frozen=True)
class ForeignId:
    """The id ``subject`` of ``dataset`` (minted under ``namespace``) described in ``graph``."""

    subject: URIRef
    graph: URIRef
    dataset: URIRef
    namespace: str


def foreign_ids(store: Store) -> list[ForeignId]:
    """Every (id, graph) where a graph states something about another dataset's id."""
    owners, allowed = _datasets(store)
    if not owners:
        return []
    spaces = " ".join(Literal(space).n3() for space in sorted(owners))
    pairs = " ".join(
        f"({Literal(space).n3()} {URIRef(graph).n3()})"
        for space in sorted(allowed)
        for graph in sorted(allowed[space])
    )
    base = Literal(str(PGID)).n3()
    # One pass over the quads: the id's first path segment under pgid: names its namespace;
    # the graphs that namespace may be described in are taken away by MINUS.
    result = store.run(
        "SELECT DISTINCT ?s ?g ?space WHERE { "
        "GRAPH ?g { ?s ?p ?o } "
        f"FILTER (isIRI(?s) && STRSTARTS(STR(?s), {base})) "
        f"BIND (CONCAT({base}, STRBEFORE(STRAFTER(STR(?s), {base}), '/'), '/') AS ?space) "
        f"VALUES ?space {{ {spaces} }} "
        f"FILTER (?g NOT IN (<{SET_UNION}>, <{_REGISTER}>)) "
        f"MINUS {{ VALUES (?space ?g) {{ {pairs or '(UNDEF UNDEF)'} }} }} "
        "}"
    )
    assert isinstance(result, SelectResult)
    found = []
    for subject, graph, space in result.rows:
        if isinstance(subject, URIRef) and isinstance(graph, URIRef) and space is not None:
            found.append(ForeignId(subject, graph, owners[str(space)], str(space)))
    return sorted(found, key=lambda f: (str(f.subject), str(f.graph)))


def _datasets(store: Store) -> tuple[dict[str, URIRef], dict[str, set[str]]]:
    """The dataset namespaces (each with a dataset owning it) and the graphs each may be
    described in."""
    result = store.run(
        "SELECT ?d ?space ?home ?subset WHERE { "
        "GRAPH ?home { ?d <http://rdfs.org/ns/void#uriSpace> ?space } "
        "OPTIONAL { ?d <http://rdfs.org/ns/void#subset> ?subset } }"
    )
    assert isinstance(result, SelectResult)
    owners: dict[str, URIRef] = {}
    allowed: dict[str, set[str]] = defaultdict(set)
    for dataset, space, home, subset in sorted(result.rows, key=lambda row: tuple(map(str, row))):
        text = str(space)
        # Only a namespace of its own (pgid:<dataset>/): the shared one is shared on purpose.
        rest = text[len(str(PGID)) :] if text.startswith(str(PGID)) else ""
        if not isinstance(dataset, URIRef) or not rest.endswith("/") or "/" in rest[:-1]:
            continue
        owners.setdefault(text, dataset)
        allowed[text].add(str(home))
        if subset is not None:
            allowed[text].add(str(subset))
        if str(home).endswith("-dataset"):
            stem = str(home)[: -len("-dataset")]
            allowed[text].update(stem + suffix for suffix in _SIBLINGS)
    return owners, allowed
