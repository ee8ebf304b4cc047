"""SHACL validation with pySHACL, reported in plain words grouped by the thing at fault."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from partnergraph.core import resources as _resources
from partnergraph.core.messages import t
from partnergraph.query.labels import label

__all__ = ["Issue", "ValidationReport", "shapes_graph", "validate_dataset"]


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
                    "message": i.message,
                    "shape": i.shape,
                }
                for i in self.issues
            ],
        }

    def by_focus(self) -> dict[str, list[Issue]]:
        """Issues grouped under the label of the thing they concern, in a stable order."""
        grouped: dict[str, list[Issue]] = {}
        for issue in sorted(self.issues, key=lambda i: (i.focus_label, i.message)):
            grouped.setdefault(f"{issue.focus_label} <{issue.focus}>", []).append(issue)
        return grouped


def shapes_graph(path: Path | None = None) -> Graph:
    return Graph().parse(path or _resources.ontology_dir() / _resources.SHAPES_FILE)


def validate_dataset(
    dataset: Dataset, lang: str = "da", shapes: Graph | None = None
) -> ValidationReport:
    """Validate the union of all graphs: references cross files, so files are not checked alone."""
    from pyshacl import validate  # heavy import, only when validating

    union = Graph()
    for triple in dataset.triples((None, None, None)):
        union.add(triple)
    conforms, report, _text = validate(
        union,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    assert isinstance(report, Graph)
    issues = [
        _issue(union, report, result, lang) for result in report.subjects(SH.resultSeverity, None)
    ]
    return ValidationReport(bool(conforms), issues)


def _issue(data: Graph, report: Graph, result: Node, lang: str) -> Issue:
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    severity = report.value(result, SH.resultSeverity)
    shape = report.value(result, SH.sourceShape)
    found = sorted(report.objects(result, SH.resultMessage), key=str)
    # The shapes say each message in Danish and English: the reader's language, else English.
    messages = [
        str(m)
        for wanted in (lang, "en", None)
        for m in found
        if not isinstance(m, Literal) or wanted is None or (m.language or "en") == wanted
    ]
    return Issue(
        focus=focus if focus is not None else Literal("?"),
        focus_label=label(data, focus, lang) if focus is not None else "?",
        severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        message=messages[0] if messages else t("validate.nonconform", lang),
        path=label(data, path, lang) if isinstance(path, URIRef) else None,
        value=str(value) if value is not None else None,
        shape=str(shape) if isinstance(shape, URIRef) else None,
    )
