"""``partnergraph report``: the partnership overview regenerated from the graph.

It follows the structure of the memo the graph was built from (introduction and purpose, the
typology of collaborations, the formal partnerships, the table of organisation, themes, focus
areas and timetable, the other strategic partners) and adds what only the graph can give as of
a date: what needs action, what changed since the previous edition, and a network figure.
Every statement has a note with its source and the source's own words. Formats: DOCX (to edit
and attach to an agenda), PDF (typeset with typst, fonts embedded) and Markdown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from partnergraph.core.errors import ParameterError
from partnergraph.io.output import write_atomic
from partnergraph.query.knowledge import Knowledge
from partnergraph.views.report.build import SECTIONS, build_report
from partnergraph.views.report.model import Report

__all__ = ["FORMATS", "SECTIONS", "Report", "build_report", "render", "report", "write_report"]

FORMATS = ("docx", "pdf", "md")


def render(doc: Report, fmt: str) -> bytes:
    """``doc`` as the bytes of a DOCX, PDF or Markdown (UTF-8) file."""
    if fmt == "md":
        # late: each format's writer loads only when that format is asked for
        from partnergraph.views.report.markdown import to_markdown

        return to_markdown(doc).encode("utf-8")
    if fmt == "docx":
        # late: python-docx loads only when a Word file is asked for
        from partnergraph.views.report.word import to_docx

        return to_docx(doc)
    if fmt == "pdf":
        # late: typst loads only when a PDF is asked for
        from partnergraph.views.report.pdf import to_pdf

        return to_pdf(doc)
    raise ParameterError.of(
        "format.unknown", value=fmt, command="report", choices=", ".join(FORMATS)
    )


def report(
    kg: Knowledge,
    fmt: str = "docx",
    *,
    lang: str = "da",
    as_of: dt.date | None = None,
    sections: Sequence[str] | None = None,
    partnerships: Sequence[str] | None = None,
    previous: Sequence[str | Path] | None = None,
) -> bytes:
    """The overview of ``kg`` as of ``as_of`` (default today) in ``fmt``.

    ``previous`` are the data files or folders of the previous edition; when given, the report
    says what changed since then.
    """
    if fmt not in FORMATS:
        raise ParameterError.of(
            "format.unknown", value=fmt, command="report", choices=", ".join(FORMATS)
        )
    before = None
    name = ""
    if previous:
        before = Knowledge.load(list(previous))
        name = ", ".join(Path(p).name for p in previous)
    doc = build_report(
        kg,
        lang=lang,
        as_of=as_of,
        sections=sections,
        partnerships=partnerships,
        previous=before,
        previous_name=name,
    )
    return render(doc, fmt)


def write_report(path: str | Path, data: bytes) -> Path:
    """Write a rendered report atomically: never half a file."""

    return write_atomic(path, data)
