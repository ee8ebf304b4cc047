"""Finding a thing from what a person typed: a name in Danish or English, an id, or an IRI.

People know the things in the graph by name ("Halmstad", "VIA University College"), not by
IRI. Every place that takes a thing (``describe``, ``viz --focus``, ``query -p``, the server's
forms and pages, the Python API) goes through :func:`find`, so a name works the same
everywhere. The rules, in order:

1. an IRI (``<...>``, ``https://...``), a prefixed name (``pgid:halmstad-kommun``) or a bare
   id (``halmstad-kommun``, as in the workbook) that is in the graph;
2. a name that is exactly what was typed (case aside), in any language: an exact name wins;
3. names that begin with what was typed ("Halmstad" → "Halmstad Kommune"), then names that
   contain it as a word, then anywhere;
4. several things at the same step are *ambiguous*: the person is shown each by name, type
   and source and asked to choose (never a guess);
5. nothing at all: the closest names by spelling are offered ("mente du ...?").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from rdflib import Literal as RDFLiteral
from rdflib import URIRef
from rdflib.namespace import ORG, RDF

from partnergraph.core.errors import AmbiguousNameError, UnknownEntityError
from partnergraph.core.messages import t
from partnergraph.io.results import SelectResult
from partnergraph.query.labels import ALT_LABEL_PROPERTIES, LABEL_PROPERTIES, Labeller
from partnergraph.rdf.namespaces import PREFIXES, compact, iri_from_text

if TYPE_CHECKING:
    from partnergraph.engine.stores import Store

__all__ = ["Candidate", "Match", "as_iri", "find", "resolve", "unique_names"]

SHOWN = 8
"""Most candidates listed in a one-line error (a web page lists them all)."""


@dataclass(frozen=True)
class Candidate:
    """One thing a name may mean, described so a person can tell it from the others."""

    iri: str
    label: str
    type: str
    source: str

    def __str__(self) -> str:
        extra = ", ".join(x for x in (self.type, self.source) if x)
        return f"{self.label} ({extra}; {compact(self.iri)})" if extra else self.label


@dataclass(frozen=True)
class Match:
    """The outcome of :func:`find`: exactly one of found, ambiguous or nothing."""

    text: str
    status: Literal["found", "ambiguous", "none"]
    iri: str | None = None
    candidates: list[Candidate] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)

    def error(self) -> UnknownEntityError:
        """The error to raise for an ambiguous or unknown name, in the current language."""
        if self.status == "ambiguous":
            shown = self.candidates[:SHOWN]
            more = len(self.candidates) - len(shown)
            message = t(
                "name.ambiguous",
                text=self.text,
                n=len(self.candidates),
                options="; ".join(str(c) for c in shown),
                more=f"; … (+{more})" if more else "",
                example=compact(shown[0].iri),
            )
            return AmbiguousNameError(self.text, self.candidates, message)
        return UnknownEntityError(self.text, self.suggestions)

    def iri_or_raise(self) -> URIRef:
        if self.status != "found" or self.iri is None:
            raise self.error()
        return URIRef(self.iri)


def resolve(store: Store, text: str, cls: str | None = None, lang: str = "da") -> URIRef:
    """The one thing ``text`` names (see the module's rules), or an error that helps choose."""
    return find(store, text, cls, lang).iri_or_raise()


def find(store: Store, text: str, cls: str | None = None, lang: str = "da") -> Match:
    """What ``text`` names; with ``cls`` (e.g. ``pg:Partnership``) only members of that class."""
    text = text.strip()
    cls_iri = None
    if cls is not None:
        cls_iri = as_iri(cls)
        if cls_iri is None:
            raise ValueError(t("name.class", cls=cls))
    membership = f"?s a {cls_iri.n3()} ." if cls_iri is not None else ""
    for iri in _written_as_iri(text):
        if _exists(store, iri, cls_iri):
            return Match(text, "found", str(iri))
    folded = _fold(text)
    if not folded:
        return Match(text, "none")
    names = _names(store, membership, folded.split()[0])
    for step in (_exact, _starts, _word, _anywhere):
        pool = sorted({node for name, node in names if step(_fold(name), folded)})
        if len(pool) == 1:
            return Match(text, "found", str(pool[0]))
        if pool:
            chosen = [URIRef(node) for node in pool]
            return Match(text, "ambiguous", candidates=describe_candidates(store, chosen, lang))
    return Match(text, "none", suggestions=_close(store, membership, text, lang))


def describe_candidates(store: Store, nodes: Iterable[URIRef], lang: str = "da") -> list[Candidate]:
    """Label, type and source of each node, sorted by label, for a person to choose from."""
    nodes = sorted(set(nodes))
    if not nodes:
        return []
    values = " ".join(n.n3() for n in nodes)
    result = store.run(
        f"SELECT ?s ?type ?kind ?g WHERE {{ VALUES ?s {{ {values} }} "
        f"OPTIONAL {{ ?s a ?type }} OPTIONAL {{ ?s {ORG.classification.n3()} ?kind }} "
        f"OPTIONAL {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
    )
    assert isinstance(result, SelectResult)
    types: dict[URIRef, set[URIRef]] = {n: set() for n in nodes}
    kinds: dict[URIRef, set[URIRef]] = {n: set() for n in nodes}
    graphs: dict[URIRef, set[str]] = {n: set() for n in nodes}
    for s, typ, kind, graph in result.rows:
        if not isinstance(s, URIRef):
            continue
        if isinstance(typ, URIRef):
            types[s].add(typ)
        if isinstance(kind, URIRef):
            kinds[s].add(kind)
        if isinstance(graph, URIRef):
            graphs[s].add(str(graph).rstrip("/").rsplit("/", 1)[-1])
    labeller = Labeller(store, lang)
    labeller.prefetch([*nodes, *(x for v in types.values() for x in v)])
    labeller.prefetch(x for v in kinds.values() for x in v)
    out = [
        Candidate(
            str(node),
            labeller(node),
            _kind_label(labeller, kinds[node], types[node]),
            ", ".join(sorted(graphs[node])),
        )
        for node in nodes
    ]
    return sorted(out, key=lambda c: (c.label.casefold(), c.iri))


def _kind_label(labeller: Labeller, kinds: set[URIRef], types: set[URIRef]) -> str:
    """The most telling type: the classification ("kommune"), else a labelled own type."""
    for kind in sorted(kinds):
        if labeller.has_label(kind):
            return labeller(kind)
    ranked = sorted(types, key=lambda x: (not str(x).startswith(PREFIXES["pg"]), str(x)))
    for typ in ranked:
        if labeller.has_label(typ):
            return labeller(typ)
    return compact(str(ranked[0])) if ranked else ""


def unique_names(store: Store, lang: str = "da") -> dict[str, str]:
    """Every name (label) that belongs to exactly one thing, mapped to that thing's IRI.

    Query answers hold names, not IRIs; a page links a name to the thing's page only when the
    name cannot mean anything else. Numbers and very short names are left out: "1" or "AU"
    in an answer is more likely a value than a reference.
    """
    labels = " ".join(p.n3() for p in LABEL_PROPERTIES)
    result = store.run(
        f"SELECT DISTINCT ?s ?name WHERE {{ VALUES ?p {{ {labels} }} ?s ?p ?name "
        "FILTER(isIRI(?s) && isLiteral(?name)) }"
    )
    assert isinstance(result, SelectResult)
    owners: dict[str, set[str]] = {}
    for s, name in result.rows:
        if s is None or name is None:
            continue
        text = str(name)
        if len(text) < 3 or text.replace("-", "").replace(".", "").isdigit():
            continue
        owners.setdefault(text, set()).add(str(s))
    return {name: next(iter(s)) for name, s in sorted(owners.items()) if len(s) == 1}


# --- the steps -----------------------------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _exact(name: str, typed: str) -> bool:
    return name == typed


def _starts(name: str, typed: str) -> bool:
    return name.startswith(typed) and (len(name) == len(typed) or not name[len(typed)].isalnum())


def _word(name: str, typed: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(typed)}(?!\w)", name) is not None


def _anywhere(name: str, typed: str) -> bool:
    return typed in name


def _close(store: Store, membership: str, text: str, lang: str) -> list[str]:
    """Names spelt like ``text``: whole names, and their beginnings of the same length, so
    "Halmsatd" finds "Halmstad Kommune"."""
    folded = _fold(text)
    typed_words = max(1, len(folded.split()))
    likeness = _likeness_to(folded)
    scores: dict[str, float] = {}
    for name, node in _names(store, membership, None):
        candidate = _fold(name)
        head = " ".join(candidate.split()[:typed_words])
        score = max(likeness(candidate, 0.7), likeness(head, 0.72) - 0.02)
        if score >= 0.7 and score > scores.get(node, 0.0):
            scores[node] = score
    best = sorted(scores, key=lambda n: (-scores[n], str(n)))[:3]
    labeller = Labeller(store, lang)
    labeller.prefetch(best)
    seen: list[str] = []
    for node in best:
        shown = labeller(node)
        if shown not in seen:
            seen.append(shown)
    return seen


def _likeness_to(typed: str) -> Callable[[str, float], float]:
    """difflib's ratio of ``typed`` and a name, or 0 when its cheap upper bounds (the lengths,
    then the letters shared) already fall short of ``least``: at a million triples there are
    some 200,000 names to weigh against a misspelt one, and most are nothing like it. The
    bounds are symmetric, so they are taken with ``typed``'s index built once; the ratio itself
    in the order it always was."""
    bounds = difflib.SequenceMatcher(None, "", typed)

    def likeness(name: str, least: float) -> float:
        if 2.0 * min(len(typed), len(name)) < least * (len(typed) + len(name)):
            return 0.0
        bounds.set_seq1(name)
        if bounds.quick_ratio() < least:
            return 0.0
        return difflib.SequenceMatcher(None, typed, name).ratio()

    return likeness


# --- reading the store ------------------------------------------------------------------------

_NAME_VALUES = " ".join(p.n3() for p in (*LABEL_PROPERTIES, *ALT_LABEL_PROPERTIES))


def _names(store: Store, membership: str, needle: str | None) -> list[tuple[str, str]]:
    """Names of things (labels, alternative labels, notations), those containing ``needle``,
    each with its thing's IRI; as plain text, since at a million triples there are some 200,000
    of them and an rdflib term for each cost more than the query."""
    contains = "FILTER(CONTAINS(LCASE(STR(?name)), ?needle))" if needle else ""
    _, rows = store.select_plain(
        f"SELECT ?s ?name WHERE {{ VALUES ?p {{ {_NAME_VALUES} }} ?s ?p ?name . {membership} "
        f"FILTER(isIRI(?s)) {contains} }}",
        {"needle": RDFLiteral(needle)} if needle else None,
        lexical=True,
    )
    return [
        (name[0] if isinstance(name, tuple) else str(name), s)
        for s, name in rows
        if s is not None and name is not None
    ]


def _exists(store: Store, iri: URIRef, cls: URIRef | None) -> bool:
    check = (
        f"ASK {{ {iri.n3()} {RDF.type.n3()} {cls.n3()} }}"
        if cls is not None
        else f"ASK {{ {{ {iri.n3()} ?p ?o }} UNION {{ ?s ?p {iri.n3()} }} }}"
    )
    return bool(store.run(check))


_BARE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _written_as_iri(text: str) -> list[URIRef]:
    """The IRIs ``text`` may be written as: itself, or a bare id in the ``pgid:`` space."""
    iri = as_iri(text)
    if iri is not None:
        return [iri]
    if _BARE_ID.match(text):
        return [URIRef(PREFIXES["pgid"] + text)]
    return []


def as_iri(text: str) -> URIRef | None:
    """``text`` as an IRI if it is written as one (``<...>``, ``http...``, ``pgid:...``)."""
    return iri_from_text(text)
