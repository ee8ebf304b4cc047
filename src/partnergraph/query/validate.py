"""SHACL validation, reported in plain words grouped by the thing at fault.

Two engines give the same report: the shapes compiled to SPARQL and answered by Oxigraph (the
default, :mod:`partnergraph.query.shacl_sparql`: seconds at a million triples) and pySHACL (the
reference the tests hold the first to, and the fallback for shapes the compiler does not know).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from partnergraph.core import resources as _resources
from partnergraph.core.messages import t
from partnergraph.engine.memory import MemoryStore
from partnergraph.engine.oxigraph import SET_UNION
from partnergraph.engine.stores import Store
from partnergraph.io.loading import GRAPH_BASE
from partnergraph.query.blank_names import blanks_around
from partnergraph.query.foreign_ids import CHECK as FOREIGN_CHECK
from partnergraph.query.foreign_ids import ForeignId, foreign_ids
from partnergraph.query.labels import Labeller, label
from partnergraph.query.shacl_compile import Unsupported, compile_shapes
from partnergraph.query.shacl_sparql import (
    Finding,
    choose_message,
    oxigraph_copy,
    run_checks,
    subclassed,
    untagged_language,
)
from partnergraph.rdf.namespaces import compact

__all__ = [
    "ENGINES",
    "Issue",
    "ValidationReport",
    "shapes_graph",
    "validate_dataset",
    "validate_store",
]

ENGINES = ("sparql", "pyshacl")
"""``sparql``: the shapes as SPARQL on Oxigraph (default); ``pyshacl``: the reference."""


@dataclass(frozen=True)
class Issue:
    """One finding: which thing, which property, what is wrong."""

    focus: Node
    focus_label: str
    severity: str
    message: str
    path: str | None = None
    value: str | None = None
    shape: str | None = None
    path_iri: URIRef | None = field(default=None, compare=False, repr=False)
    """The property itself (``path`` is its label), to find which graphs state it."""
    value_node: Node | None = field(default=None, compare=False, repr=False)
    """The value itself (``value`` is its text), to name it."""
    value_label: str | None = None
    """The value's name for a reader when the value is a thing (an IRI or a blank node, whose
    ``value`` is a meaningless id); None for a literal."""

    @property
    def value_shown(self) -> str | None:
        """The value as the text report shows it: a blank node by its name, and not at all
        when it is the thing the finding is about (its heading names it already)."""
        if isinstance(self.value_node, BNode):
            return None if self.value_node == self.focus else self.value_label
        return self.value


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    issues: list[Issue] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The report as ``validate --format json`` gives it: one entry per finding."""
        return {
            "conforms": self.conforms,
            "issues": [
                {
                    "focus": str(i.focus),
                    "label": i.focus_label,
                    "severity": i.severity,
                    "path": i.path,
                    "value": i.value,
                    "value_label": i.value_label,
                    "message": i.message,
                    "shape": i.shape,
                }
                for i in self.issues
            ],
        }

    def by_focus(self) -> dict[str, list[Issue]]:
        """Issues grouped under the thing they concern, in a stable order: its label and IRI,
        or a blank node's name alone (its id means nothing to a reader), numbered when two
        blank nodes share a name."""
        grouped: dict[str, list[Issue]] = {}
        headings: dict[Node, str] = {}
        for issue in sorted(self.issues, key=lambda i: (i.focus_label, i.message)):
            heading = headings.get(issue.focus)
            if heading is None:
                if isinstance(issue.focus, BNode):
                    heading, n = issue.focus_label, 1
                    while heading in grouped:
                        n += 1
                        heading = f"{issue.focus_label} ({n})"
                else:
                    heading = f"{issue.focus_label} <{issue.focus}>"
                headings[issue.focus] = heading
            grouped.setdefault(heading, []).append(issue)
        return grouped


def shapes_graph(path: Path | None = None) -> Graph:
    return Graph().parse(path or _resources.ontology_dir() / _resources.SHAPES_FILE)


def validate_store(
    store: Store, lang: str = "da", shapes: Graph | None = None, engine: str = "sparql"
) -> ValidationReport:
    """Validate the union of all graphs: references cross files, so files are not checked alone.

    ``engine`` ``sparql`` runs the compiled shapes in Oxigraph; shapes it cannot compile, and
    ``engine`` ``pyshacl``, go through pySHACL on an rdflib copy of the data.
    """
    shapes = shapes if shapes is not None else shapes_graph()
    engine_store = oxigraph_copy(store)
    # Labels, classes, sources and foreign ids do not depend on how often a triple is stated:
    # none of them needs the overlap check of the files (see OxigraphStore.repeats_harmless).
    bag = engine_store.repeats_harmless()
    if engine == "sparql":
        try:
            checks = compile_shapes(shapes, subclassed(bag))
        except Unsupported:
            engine = "pyshacl"
    labeller = Labeller(bag, lang)
    if engine != "sparql":
        issues = _pyshacl_issues(store.to_dataset(), lang, shapes)[1]
    else:
        findings = run_checks(engine_store, checks)
        labeller.prefetch([n for f in findings for n in (f.focus, f.path) if n is not None])
        issues = [_finding_issue(finding, labeller, lang) for finding in findings]
    issues = _named(issues, bag, labeller, lang)
    issues = _with_sources(issues, bag, lang)
    issues += [_foreign_issue(found, labeller, lang) for found in foreign_ids(bag)]
    return ValidationReport(not any(i.severity == "Violation" for i in issues), issues)


def _named(issues: list[Issue], store: Store, labeller: Labeller, lang: str) -> list[Issue]:
    """Name the things a reader meets in the findings: a blank node by what it is and what
    points to it (see :mod:`partnergraph.query.blank_names`), a value that is a thing by its
    label. What surrounds the blank nodes is asked for only when a finding has one."""
    things = [i.value_node for i in issues if isinstance(i.value_node, URIRef | BNode)]
    blank = [i.focus for i in issues if isinstance(i.focus, BNode)]
    blank += [n for n in things if isinstance(n, BNode)]
    if not things and not blank:
        return issues
    blanks = blanks_around(store, nodes=blank) if blank else None
    if blanks is not None:
        blanks.teach(labeller, things)
    else:
        labeller.prefetch(things)

    def name(node: Node) -> str:
        return blanks.name(node, labeller, lang) if blanks is not None else labeller(node)

    out = []
    for issue in issues:
        if isinstance(issue.focus, BNode):
            issue = replace(issue, focus_label=name(issue.focus))
        if isinstance(issue.value_node, URIRef | BNode):
            issue = replace(issue, value_label=name(issue.value_node))
        out.append(issue)
    return out


def _with_sources(issues: list[Issue], store: Store, lang: str) -> list[Issue]:
    """Name the sources of a finding whose property more than one graph states: two editions
    of one overview, or two sources that describe the same thing, disagree there, and the
    reader must know which files to compare (``diff`` shows what changed between editions)."""
    wanted = sorted(
        {(i.focus, i.path_iri) for i in issues if isinstance(i.focus, URIRef) and i.path_iri},
        key=str,
    )
    if not wanted:
        return issues
    pairs = " ".join(f"({focus.n3()} {path.n3()})" for focus, path in wanted if path)
    result = store.run(
        f"SELECT DISTINCT ?s ?p ?g WHERE {{ VALUES (?s ?p) {{ {pairs} }} "
        f"GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{SET_UNION}>) }}"
    )
    graphs: dict[tuple[Node, Node], set[str]] = defaultdict(set)
    for focus, path, graph in getattr(result, "rows", []):
        graphs[(focus, path)].add(str(graph).removeprefix(GRAPH_BASE))
    out = []
    for issue in issues:
        names = graphs.get((issue.focus, issue.path_iri), set()) if issue.path_iri else set()
        if len(names) > 1:
            sources = t("validate.sources", lang, sources=", ".join(sorted(names)))
            issue = replace(issue, message=f"{issue.message} {sources}")
        out.append(issue)
    return out


def _foreign_issue(found: ForeignId, labeller: Labeller, lang: str) -> Issue:
    message = t(
        "validate.foreign",
        lang,
        dataset=labeller(found.dataset),
        namespace=found.namespace,
        graph=compact(str(found.graph)),
    )
    return Issue(
        focus=found.subject,
        focus_label=labeller(found.subject),
        severity="Violation",
        message=message,
        value=str(found.graph),
        shape=str(FOREIGN_CHECK),
    )


def _finding_issue(finding: Finding, labeller: Labeller, lang: str) -> Issue:
    message = finding.message(lang)
    return Issue(
        focus=finding.focus,
        focus_label=labeller(finding.focus),
        severity=str(finding.severity).rsplit("#", 1)[-1],
        message=message if message is not None else t("validate.nonconform", lang),
        path=labeller(finding.path) if isinstance(finding.path, URIRef) else None,
        value=str(finding.value) if finding.value is not None else None,
        shape=str(finding.shape),
        path_iri=finding.path if isinstance(finding.path, URIRef) else None,
        value_node=finding.value,
    )


def validate_dataset(
    dataset: Dataset, lang: str = "da", shapes: Graph | None = None
) -> ValidationReport:
    """Validate with pySHACL, the reference engine (the shapes only: :func:`validate_store`
    adds the check of ids across datasets)."""
    conforms, issues = _pyshacl_issues(dataset, lang, shapes)
    store = MemoryStore(dataset)
    return ValidationReport(conforms, _named(issues, store, Labeller(store, lang), lang))


def _pyshacl_issues(
    dataset: Dataset, lang: str = "da", shapes: Graph | None = None
) -> tuple[bool, list[Issue]]:
    """pySHACL's findings, each thing named as the data names it (a blank node is named by
    :func:`_named`)."""
    from pyshacl import validate  # heavy import, only when validating

    shapes = shapes if shapes is not None else shapes_graph()
    union = Graph()
    for triple in dataset.triples((None, None, None)):
        union.add(triple)
    conforms, report, _text = validate(
        union,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    assert isinstance(report, Graph)
    issues = [
        _issue(union, report, shapes, result, lang)
        for result in report.subjects(SH.resultSeverity, None)
    ]
    return bool(conforms), issues


def _issue(data: Graph, report: Graph, shapes: Graph, result: Node, lang: str) -> Issue:
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    severity = report.value(result, SH.resultSeverity)
    shape = report.value(result, SH.sourceShape)
    # The shapes say each message in Danish and English: the reader's language, else English.
    # pySHACL drops the language tag of a message whose {?slots} it filled: the shape's own
    # messages tell which language each such message is in.
    templates = [m for m in shapes.objects(shape, SH.message) if isinstance(m, Literal)]
    found = [
        m if m.language else Literal(str(m), lang=untagged_language(str(m), templates))
        for m in report.objects(result, SH.resultMessage)
        if isinstance(m, Literal)
    ]
    message = choose_message(found, lang)
    return Issue(
        focus=focus if focus is not None else Literal("?"),
        focus_label=label(data, focus, lang) if focus is not None else "?",
        severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        message=message if message is not None else t("validate.nonconform", lang),
        path=label(data, path, lang) if isinstance(path, URIRef) else None,
        value=str(value) if value is not None else None,
        shape=str(shape) if isinstance(shape, URIRef) else None,
        path_iri=path if isinstance(path, URIRef) else None,
        value_node=value,
    )
