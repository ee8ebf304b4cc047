"""Running the compiled shapes (:mod:`partnergraph.query.shacl_compile`) on a store.

The store answers each check in its own engine, over the union of its graphs as a set (what
pySHACL sees when it is handed that union). A store that does not evaluate in Oxigraph (rdflib,
a remote server) is first copied into an in-memory Oxigraph store: rdflib's evaluator would be
slower than pySHACL itself, and a remote server need not allow these queries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from partnergraph.engine.oxigraph import OxigraphStore
from partnergraph.engine.stores import Store
from partnergraph.io.results import SelectResult
from partnergraph.query.shacl_compile import SUBCLASSED, Check

__all__ = [
    "Finding",
    "choose_message",
    "oxigraph_copy",
    "run_checks",
    "subclassed",
    "untagged_language",
]


@dataclass(frozen=True)
class Finding:
    """One validation result, as pySHACL would report it."""

    focus: Node
    shape: URIRef
    severity: URIRef
    messages: tuple[Literal, ...]
    path: Node | None
    value: Node | None
    bound: tuple[tuple[str, Node], ...] = ()

    def message(self, lang: str) -> str | None:
        """The shape's message in ``lang`` (else English, else any), slots filled."""
        text = choose_message(self.messages, lang)
        if text is None:
            return None
        for name, value in self.bound:
            slot = r"\{[?$]" + re.escape(name) + r"\}"
            text = re.sub(slot, _literally(str(value)), text)
        return text


def _literally(shown: str) -> Callable[[re.Match[str]], str]:
    """A replacement that is used as it is (no backslash escapes)."""
    return lambda _match: shown


def choose_message(messages: Iterable[Literal], lang: str) -> str | None:
    found = sorted(messages, key=str)
    for wanted in (lang, "en", None):
        for message in found:
            if wanted is None or (message.language or "en") == wanted:
                return str(message)
    return None


def untagged_language(text: str, templates: Iterable[Literal]) -> str | None:
    """The language of the template ``text`` was filled from (pySHACL drops the tag when it
    fills the ``{?name}`` slots of a SPARQL constraint's message)."""
    for template in templates:
        if template.language and _template_pattern(str(template)).fullmatch(text):
            return template.language
    return None


@lru_cache(maxsize=256)
def _template_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[?$]\w+\}", template)
    return re.compile("(?s)" + ".*?".join(re.escape(p) for p in parts))


def oxigraph_copy(store: Store) -> OxigraphStore:
    """``store`` itself when it evaluates in Oxigraph, else a copy in memory."""
    if isinstance(store, OxigraphStore):
        return store
    # Term by term, so blank nodes keep their ids: a caller that built the data (the workbook
    # import) finds its own blank nodes among the focus nodes.
    copy = ox.Store()
    convert = _to_ox()
    copy.extend(
        ox.Quad(
            convert(s),
            convert(p),
            convert(o),
            # Oxigraph's union of the graphs leaves out its default graph: a named one instead.
            convert(_graph_name(g)),
        )
        for s, p, o, g in store.to_dataset().quads((None, None, None, None))
    )
    return OxigraphStore(copy)


def _graph_name(graph: Node | Graph | None) -> Node:
    if isinstance(graph, Graph):
        return graph.identifier
    return DATASET_DEFAULT_GRAPH_ID if graph is None else graph


def _to_ox() -> Callable[[Node], Any]:
    memo: dict[Node, Any] = {}

    def convert(term: Node) -> Any:
        found = memo.get(term)
        if found is None:
            if isinstance(term, URIRef):
                found = ox.NamedNode(str(term))
            elif isinstance(term, BNode):
                found = ox.BlankNode(str(term))
            elif isinstance(term, Literal):
                if term.language:
                    found = ox.Literal(str(term), language=term.language)
                elif term.datatype is not None:
                    found = ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
                else:
                    found = ox.Literal(str(term))
            else:
                raise TypeError(f"unsupported term {term!r}")
            memo[term] = found
        return found

    return convert


def subclassed(store: Store) -> set[Node]:
    """The classes that have subclasses in the store's data."""
    result = store.run(SUBCLASSED)
    assert isinstance(result, SelectResult)
    return {row[0] for row in result.rows if row[0] is not None}


def run_checks(store: OxigraphStore, checks: Iterable[Check]) -> list[Finding]:
    """Every result of the compiled shapes on the store, in a stable order.

    The checks whose distinct rows do not depend on repeated triples (all the compiled ones)
    run over the union of the graphs as it is, without the overlap check and the set union
    (see :meth:`OxigraphStore.repeats_harmless`); rows are made distinct here."""
    bag = store.repeats_harmless()
    findings: list[Finding] = []
    for check in checks:
        # One result per row, rows that say the same thing once (as pySHACL); two constraints
        # failing on the same value are two results.
        on = bag if check.repeats_harmless else store
        findings.extend(sorted(set(_findings(on, check)), key=_order))
    return findings


def _findings(store: Store, check: Check) -> Iterator[Finding]:
    result = store.run(check.text)
    assert isinstance(result, SelectResult)
    columns = list(result.variables)
    for row in result.rows:
        cells = {name: cell for name, cell in zip(columns, row, strict=True) if cell is not None}
        focus = cells.get("this")
        if focus is None:
            continue
        value = cells.get("value")
        if value is None and check.value_is_focus:
            value = focus
        path = cells.get("path", check.path)
        bound: tuple[tuple[str, Node], ...] = ()
        if check.substitutes:
            named = {"this": focus, **({"value": value} if value is not None else {})}
            if "path" in cells:
                named["path"] = cells["path"]
            named.update((k, v) for k, v in cells.items() if k not in ("this", "path", "value"))
            bound = tuple(sorted(named.items()))
        elif check.extra:
            # Results that differ only in what the message does not show (the repeated
            # language of sh:uniqueLang) stay apart, as pySHACL reports one for each.
            bound = tuple((k, cells[k]) for k in check.extra if k in cells)
        yield Finding(focus, check.shape, check.severity, check.messages, path, value, bound)


def _order(finding: Finding) -> tuple[str, ...]:
    return (
        str(finding.focus),
        str(finding.shape),
        str(finding.path),
        str(finding.value),
        str(finding.bound),
    )
