"""What changed between two editions of an overview (two memos, two workbooks, two datasets).

A portfolio is described again year after year; the reader of the new edition asks what is
different. :func:`diff` compares two graphs thing by thing (by IRI, so a workbook keeps its
ids): partnerships added, ended or removed; agreements added, renewed (a new one replaces an
old one), expired or changed status; themes, focus areas and action plan items added,
removed or reworded; governance (forums: who meets, how often); decisions made or added.

Renderers: :func:`format_table`, :func:`to_markdown`, :func:`to_json` and :func:`to_rdf`, a
change set that cites both editions' sources (``dcterms:source``) and datasets
(``prov:wasDerivedFrom``), so the change set is as traceable as the facts.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from partnergraph.core import messages
from partnergraph.core.errors import ParameterError
from partnergraph.engine.datasets import sources_only
from partnergraph.query.knowledge import Knowledge
from partnergraph.query.labels import Labeller
from partnergraph.query.status import collect, pick
from partnergraph.rdf.namespaces import bind_prefixes

__all__ = [
    "COLUMNS",
    "Change",
    "Changes",
    "column_titles",
    "diff",
    "format_table",
    "to_json",
    "to_markdown",
    "to_rdf",
]

CS = Namespace("http://purl.org/vocab/changeset/schema#")
DASH = "\u2013"

# kind -> its area (category); the words of both are the catalogue's (changes.kind.*,
# changes.category.*). The order is the order changes are listed in.
_KINDS: dict[str, str] = {
    "partnership-added": "partnership",
    "partnership-removed": "partnership",
    "partnership-ended": "partnership",
    "partnership-members": "partnership",
    "agreement-added": "agreement",
    "agreement-renewed": "agreement",
    "agreement-removed": "agreement",
    "agreement-expired": "agreement",
    "agreement-status": "agreement",
    "agreement-period": "agreement",
    "theme-added": "theme",
    "theme-removed": "theme",
    "theme-changed": "theme",
    "forum-added": "governance",
    "forum-removed": "governance",
    "forum-frequency": "governance",
    "forum-members": "governance",
    "decision-made": "decision",
    "decision-added": "decision",
    "decision-removed": "decision",
    "decision-status": "decision",
}

_CATEGORIES = ("partnership", "agreement", "theme", "governance", "decision")

COLUMNS = ("area", "change", "what", "partnership", "before", "after")
"""The change table's columns, as :func:`format_table` gives them."""


def column_titles(lang: str, columns: Iterable[str] = COLUMNS) -> list[str]:
    """The change table's column titles: said once for the CLI, the pages and the report."""
    return [messages.t(f"changes.column.{column}", lang) for column in columns]


_EXPIRED = {"status-replaced", "status-ended", "status-expired"}


@dataclass(frozen=True)
class Change:
    """One difference between the editions, in words a reader of the overview uses."""

    kind: str
    iri: str
    title: str
    partnership: str = ""
    before: str = ""
    after: str = ""
    lang: str = "da"
    sources: tuple[str, ...] = ()
    """The sources of the thing in the two editions: what the change rests on."""

    @property
    def category(self) -> str:
        return _KINDS[self.kind]

    @property
    def kind_label(self) -> str:
        return messages.t(f"changes.kind.{self.kind}", self.lang)

    @property
    def category_label(self) -> str:
        return messages.t(f"changes.category.{self.category}", self.lang)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "kind_label": self.kind_label,
            "category": self.category,
            "iri": self.iri,
            "title": self.title,
            "partnership": self.partnership,
            "before": self.before,
            "after": self.after,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Changes:
    """All changes from ``old`` to ``new``, with what each edition came from."""

    changes: tuple[Change, ...]
    old_sources: tuple[str, ...]
    """The sources the changed things cite in the old edition."""
    new_sources: tuple[str, ...]
    old_datasets: tuple[str, ...]
    new_datasets: tuple[str, ...]
    replaces: tuple[tuple[str, str], ...] = ()
    """(new dataset, the dataset it replaces) as the new edition states them."""
    lang: str = "da"

    def __len__(self) -> int:
        return len(self.changes)

    def kinds(self) -> list[str]:
        return [c.kind for c in self.changes]


# --- snapshots -----------------------------------------------------------------------------------

_PARTNERSHIPS = """
SELECT ?x ?start ?end ?member ?wording WHERE {
  ?x a pg:Partnership .
  OPTIONAL { ?x dcterms:temporal/dcat:startDate ?start }
  OPTIONAL { ?x dcterms:temporal/dcat:endDate ?end }
  OPTIONAL { ?x dcterms:temporal/rdfs:label ?wording }
  OPTIONAL { ?x org:hasMember ?member }
}"""

_AGREEMENTS = """
SELECT ?x ?status ?start ?end ?old ?p WHERE {
  { ?x a pg:Agreement } UNION { ?x a pg:PartnershipAgreement } UNION { ?x a pg:ActionPlan }
  OPTIONAL { ?x pg:status ?status }
  OPTIONAL { ?x dcterms:temporal/dcat:startDate ?start }
  OPTIONAL { ?x dcterms:temporal/dcat:endDate ?end }
  OPTIONAL { ?x dcterms:replaces ?old }
  OPTIONAL { ?x pg:governs ?p }
}"""

_THEMES = """
SELECT ?x ?type ?name ?definition ?notation ?p WHERE {
  { ?x a pg:Theme } UNION { ?x a pg:FocusArea } UNION { ?x a pg:ActionPlanItem }
  ?x a ?type . FILTER(?type IN (pg:Theme, pg:FocusArea, pg:ActionPlanItem))
  OPTIONAL { ?x skos:prefLabel ?name }
  OPTIONAL { ?x skos:definition ?definition }
  OPTIONAL { ?x skos:notation ?notation }
  OPTIONAL { { ?p pg:hasTheme ?x } UNION { ?p pg:hasFocusArea ?x }
             UNION { ?x skos:inScheme/dcterms:subject ?p } }
}"""

_FORUMS = """
SELECT ?x ?frequency ?perYear ?member ?role ?p WHERE {
  ?x a pg:Forum .
  OPTIONAL { ?x pg:meetingFrequency ?frequency }
  OPTIONAL { ?x pg:meetingsPerYear ?perYear }
  OPTIONAL { ?m org:organization ?x ; org:member ?member . OPTIONAL { ?m org:role ?role } }
  OPTIONAL { ?x pg:forumOf ?p }
}"""

_DECISIONS = """
SELECT ?x ?status ?start ?end ?used WHERE {
  ?x a pg:Decision .
  OPTIONAL { ?x pg:status ?status }
  OPTIONAL { ?x dcterms:temporal/dcat:startDate ?start }
  OPTIONAL { ?x dcterms:temporal/dcat:endDate ?end }
  OPTIONAL { ?x prov:used ?used }
}"""

_SOURCES = "SELECT DISTINCT ?x ?s WHERE { ?x dcterms:source ?s FILTER(isIRI(?s)) }"
_DATASETS = "SELECT DISTINCT ?d WHERE { ?d a dcat:Dataset }"
_REPLACES = "SELECT DISTINCT ?d ?old WHERE { ?d a dcat:Dataset ; dcterms:replaces ?old }"


def _snapshot(kg: Knowledge, query: str) -> dict[URIRef, dict[str, frozenset[Any]]]:
    return {
        f.subject: {k: frozenset(v) for k, v in f.values.items()} for f in collect(kg.store, query)
    }


def _sources(kg: Knowledge) -> dict[str, set[str]]:
    result = kg.sparql(_SOURCES)
    found: dict[str, set[str]] = {}
    for x, source in getattr(result, "rows", []):
        if x is not None and source is not None:
            found.setdefault(str(x), set()).add(str(source))
    return found


def _one_column(kg: Knowledge, query: str) -> tuple[str, ...]:
    result = kg.sparql(query)
    rows = getattr(result, "rows", [])
    return tuple(sorted(str(r[0]) for r in rows if r[0] is not None))


def _local(node: Any) -> str:
    return str(node).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


# --- comparing -----------------------------------------------------------------------------------


def _differing(
    old: dict[str, frozenset[Any]], new: dict[str, frozenset[Any]], lang: str
) -> tuple[str, str]:
    """The name (else the definition) before and after, in ``lang`` if that is what changed,
    else in the language that did change, marked with its code ("... (da)")."""
    for key in ("name", "definition"):
        was, now = old.get(key, frozenset()), new.get(key, frozenset())
        if was == now:
            continue
        languages = [lang, "da", "en", *sorted({v.language or "" for v in was | now})]
        for code in dict.fromkeys(languages):
            before = next((str(v) for v in was if (v.language or "") == code), "")
            after = next((str(v) for v in now if (v.language or "") == code), "")
            if before != after:
                mark = "" if code == lang else f" ({code})" if code else ""
                return (before + mark if before else ""), (after + mark if after else "")
    return pick(old.get("name", ()), lang), pick(new.get("name", ()), lang)


def diff(old: Knowledge, new: Knowledge, *, lang: str = "da") -> Changes:
    """The changes from ``old`` to ``new`` (two editions), grouped by area, in a stable order."""
    if lang not in ("da", "en"):
        raise ParameterError(f"unknown language {lang!r}: use da or en")
    # what the sources say: the register and editorial additions belong to no edition
    old, new = Knowledge(sources_only(old.store)), Knowledge(sources_only(new.store))
    new_label, old_label = Labeller(new.store, lang), Labeller(old.store, lang)

    def label(node: Any) -> str:
        if not isinstance(node, URIRef):
            return str(node)
        text = new_label(node)
        return text if text != _local(node) else old_label(node)

    def labels(nodes: Iterable[Any]) -> str:
        return ", ".join(sorted(label(n) for n in nodes))

    def dates(values: dict[str, frozenset[Any]]) -> str:
        start = "/".join(sorted(str(v) for v in values.get("start", ())))
        end = "/".join(sorted(str(v) for v in values.get("end", ())))
        return f"{start}\u2013{end}" if start or end else ""

    def ending(values: dict[str, frozenset[Any]]) -> str:
        end = "/".join(sorted(str(v) for v in values.get("end", ())))
        wording = pick(values.get("wording", ()), lang)
        return f"{wording} ({end})" if wording and end and wording != end else end

    changes: list[Change] = []

    def add(
        kind: str, iri: Any, partnership: Iterable[Any] = (), before: str = "", after: str = ""
    ) -> None:
        changes.append(Change(kind, str(iri), label(iri), labels(partnership), before, after, lang))

    # partnerships
    a, b = _snapshot(old, _PARTNERSHIPS), _snapshot(new, _PARTNERSHIPS)
    for x in sorted(b.keys() - a.keys()):
        add("partnership-added", x, [x], after=labels(b[x].get("member", ())))
    for x in sorted(a.keys() - b.keys()):
        add("partnership-removed", x, [x], before=labels(a[x].get("member", ())))
    for x in sorted(a.keys() & b.keys()):
        if b[x].get("end", frozenset()) != a[x].get("end", frozenset()) and b[x].get("end"):
            add("partnership-ended", x, [x], before=ending(a[x]), after=ending(b[x]))
        if a[x].get("member", frozenset()) != b[x].get("member", frozenset()):
            add(
                "partnership-members",
                x,
                [x],
                labels(a[x].get("member", ())),
                labels(b[x].get("member", ())),
            )

    # agreements
    a, b = _snapshot(old, _AGREEMENTS), _snapshot(new, _AGREEMENTS)
    for x in sorted(b.keys() - a.keys()):
        replaced = [o for o in b[x].get("old", ()) if o in a]
        kind = "agreement-renewed" if replaced else "agreement-added"
        add(kind, x, b[x].get("p", ()), before=labels(replaced), after=dates(b[x]))
    for x in sorted(a.keys() - b.keys()):
        add("agreement-removed", x, a[x].get("p", ()), before=dates(a[x]))
    for x in sorted(a.keys() & b.keys()):
        was, now = a[x].get("status", frozenset()), b[x].get("status", frozenset())
        if was != now:
            expired = any(_local(s) in _EXPIRED for s in now)
            kind = "agreement-expired" if expired else "agreement-status"
            add(kind, x, b[x].get("p", ()), labels(was), labels(now))
        if dates(a[x]) != dates(b[x]):
            add("agreement-period", x, b[x].get("p", ()), dates(a[x]), dates(b[x]))

    # themes, focus areas, action plan items
    a, b = _snapshot(old, _THEMES), _snapshot(new, _THEMES)

    def wording(values: dict[str, frozenset[Any]]) -> str:
        return pick(values.get("name", ()), lang)

    for x in sorted(b.keys() - a.keys()):
        add("theme-added", x, b[x].get("p", ()), after=wording(b[x]))
    for x in sorted(a.keys() - b.keys()):
        add("theme-removed", x, a[x].get("p", ()), before=wording(a[x]))
    for x in sorted(a.keys() & b.keys()):
        fields = ("name", "definition", "notation", "type")
        if any(a[x].get(f, frozenset()) != b[x].get(f, frozenset()) for f in fields):
            before, after = _differing(a[x], b[x], lang)
            add("theme-changed", x, b[x].get("p", ()), before, after)

    # governance: forums, who meets, how often
    a, b = _snapshot(old, _FORUMS), _snapshot(new, _FORUMS)

    def frequency(values: dict[str, frozenset[Any]]) -> str:
        per_year = "".join(sorted(str(v) for v in values.get("perYear", ())))
        text = labels(values.get("frequency", ()))
        return (
            f"{text} ({per_year}/år)"
            if per_year and lang == "da"
            else (f"{text} ({per_year}/year)" if per_year else text)
        )

    for x in sorted(b.keys() - a.keys()):
        add("forum-added", x, b[x].get("p", ()), after=frequency(b[x]))
    for x in sorted(a.keys() - b.keys()):
        add("forum-removed", x, a[x].get("p", ()), before=frequency(a[x]))
    for x in sorted(a.keys() & b.keys()):
        if frequency(a[x]) != frequency(b[x]):
            add("forum-frequency", x, b[x].get("p", ()), frequency(a[x]), frequency(b[x]))
        if a[x].get("member", frozenset()) != b[x].get("member", frozenset()):
            add(
                "forum-members",
                x,
                b[x].get("p", ()),
                labels(a[x].get("member", ())),
                labels(b[x].get("member", ())),
            )

    # decisions
    a, b = _snapshot(old, _DECISIONS), _snapshot(new, _DECISIONS)
    for x in sorted(b.keys() - a.keys()):
        done = any(_local(s) == "status-done" for s in b[x].get("status", ()))
        add("decision-made" if done else "decision-added", x, after=dates(b[x]))
    for x in sorted(a.keys() - b.keys()):
        add("decision-removed", x, before=dates(a[x]))
    for x in sorted(a.keys() & b.keys()):
        was, now = a[x].get("status", frozenset()), b[x].get("status", frozenset())
        if was != now:
            done = any(_local(s) == "status-done" for s in now)
            add(
                "decision-made" if done else "decision-status",
                x,
                before=labels(was),
                after=labels(now),
            )

    order = list(_CATEGORIES)
    changes.sort(key=lambda c: (order.index(c.category), list(_KINDS).index(c.kind), c.title))
    # each change cites the sources of its thing in both editions
    cited_old, cited_new = _sources(old), _sources(new)
    changes = [
        replace(c, sources=tuple(sorted(cited_old.get(c.iri, set()) | cited_new.get(c.iri, set()))))
        for c in changes
    ]
    return Changes(
        tuple(changes),
        tuple(sorted({s for c in changes for s in cited_old.get(c.iri, set())})),
        tuple(sorted({s for c in changes for s in cited_new.get(c.iri, set())})),
        _one_column(old, _DATASETS),
        _one_column(new, _DATASETS),
        replaces=tuple(
            sorted((str(d), str(o)) for d, o in getattr(new.sparql(_REPLACES), "rows", []))
        ),
        lang=lang,
    )


# --- renderers -----------------------------------------------------------------------------------


def format_table(changes: Changes) -> tuple[list[str], list[list[str]]]:
    """Headers and rows, one row per change."""
    headers = column_titles(changes.lang)
    rows = [
        [c.category_label, c.kind_label, c.title, c.partnership, c.before, c.after]
        for c in changes.changes
    ]
    return headers, rows


def to_markdown(changes: Changes) -> str:
    """A heading per area and one line per change."""
    lang = changes.lang
    lines = ["# " + ("What changed" if lang == "en" else "Ændringer"), ""]
    for edition, previous in changes.replaces:
        lines.append(
            messages.t("changes.replaces", lang, new=_local(edition), old=_local(previous))
        )
    if not changes.changes:
        lines.append(messages.t("changes.none", lang))
    current = ""

    def esc(text: str) -> str:
        return "".join("\\" + ch if ch in "\\`*_[]<>|#" else ch for ch in text)

    for c in changes.changes:
        if c.category_label != current:
            current = c.category_label
            lines += ["", f"## {current.capitalize()}", ""]
        text = f"- **{esc(c.kind_label)}**: {esc(c.title)}"
        if c.partnership and c.partnership != c.title:
            text += f" ({esc(c.partnership)})"
        if c.before or c.after:
            text += f": {esc(c.before) or DASH} \u2192 {esc(c.after) or DASH}"
        lines.append(text)
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def to_json(changes: Changes) -> str:
    return json.dumps(
        {
            "old": {"sources": list(changes.old_sources), "datasets": list(changes.old_datasets)},
            "new": {"sources": list(changes.new_sources), "datasets": list(changes.new_datasets)},
            "replaces": [{"dataset": d, "replaces": o} for d, o in changes.replaces],
            "changes": [c.to_dict() for c in changes.changes],
        },
        ensure_ascii=False,
        indent=2,
    )


def to_rdf(changes: Changes, *, created: dt.datetime | None = None) -> Graph:
    """The changes as a change set (the changeset vocabulary, PROV): one ``cs:ChangeSet`` for
    the whole, one per change (``cs:subjectOfChange`` the thing, ``cs:changeReason`` what
    changed, in words), citing both editions' sources and datasets. IRIs are UUIDs derived
    from the content, so the same comparison gives the same change set."""
    graph = Graph()
    bind_prefixes(graph)
    graph.bind("cs", CS)
    lang = changes.lang
    key = "|".join([*changes.old_sources, "->", *changes.new_sources, *map(repr, changes.changes)])
    whole = URIRef(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}")
    graph.add((whole, RDF.type, CS.ChangeSet))
    graph.add((whole, RDF.type, PROV.Entity))
    title = "Ændringer mellem to udgaver" if lang == "da" else "Changes between two editions"
    graph.add((whole, RDFS.label, Literal(title, lang=lang)))
    stamp = (created or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    graph.add((whole, CS.createdDate, Literal(stamp.isoformat(), datatype=XSD.dateTime)))
    for source in (*changes.old_sources, *changes.new_sources):
        graph.add((whole, DCTERMS.source, URIRef(source)))
    for dataset in (*changes.old_datasets, *changes.new_datasets):
        graph.add((whole, PROV.wasDerivedFrom, URIRef(dataset)))
    for number, change in enumerate(changes.changes, 1):
        node = URIRef(f"{whole}#{number}")
        graph.add((whole, DCTERMS.hasPart, node))
        graph.add((node, RDF.type, CS.ChangeSet))
        graph.add((node, CS.subjectOfChange, URIRef(change.iri)))
        graph.add((node, DCTERMS.type, Literal(change.kind)))
        reason = f"{change.kind_label}: {change.title}"
        if change.before or change.after:
            reason += f" ({change.before or DASH} \u2192 {change.after or DASH})"
        graph.add((node, CS.changeReason, Literal(reason, lang=lang)))
        graph.add((node, RDFS.label, Literal(change.title, lang=lang)))
        for source in change.sources:
            graph.add((node, DCTERMS.source, URIRef(source)))
    return graph
