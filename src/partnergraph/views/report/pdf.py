"""The report as PDF, typeset with typst (a pip-installable typesetter that embeds its fonts).

The layout is ``report.typ`` beside this module; the content goes in as JSON, so no text from
the data is read as markup. Notes are real footnotes; a note used twice is numbered once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from partnergraph.core.errors import OutputError
from partnergraph.views.report.model import Bullets, Figure, Para, Report, Table
from partnergraph.views.report.texts import quote

__all__ = ["to_pdf", "to_typst_data"]

_LAYOUT = Path(__file__).with_name("report.typ")


def to_typst_data(report: Report) -> dict[str, Any]:
    """The report as the JSON the layout reads; each note marked where it is first used."""
    seen: set[int] = set()

    def spans(para: Para) -> list[dict[str, Any]]:
        out = []
        for span in para.spans:
            item: dict[str, Any] = {"t": span.text, "b": span.bold, "n": span.note}
            if span.note:
                item["first"] = span.note not in seen
                seen.add(span.note)
                note = report.notes[span.note - 1]
                words = quote(note.words, report.lang)
                item["note"] = f"{note.source}: {words}"
            out.append(item)
        return out

    sections = []
    for section in report.sections:
        blocks: list[dict[str, Any]] = []
        for block in section.blocks:
            if isinstance(block, Para):
                blocks.append({"kind": "para", "spans": spans(block)})
            elif isinstance(block, Bullets):
                blocks.append({"kind": "bullets", "items": [spans(i) for i in block.items]})
            elif isinstance(block, Table):
                blocks.append(
                    {
                        "kind": "table",
                        "header": block.header,
                        "widths": block.widths or [1.0] * len(block.header),
                        "rows": [[[spans(p) for p in cell] for cell in row] for row in block.rows],
                    }
                )
            elif isinstance(block, Figure):
                blocks.append(
                    {
                        "kind": "figure",
                        "svg": block.svg,
                        "alt": block.alt,
                        "caption": spans(block.caption),
                    }
                )
        sections.append({"title": section.title, "blocks": blocks})
    return {
        "title": report.title,
        "subtitle": report.subtitle,
        "lang": report.lang,
        "date": report.as_of.isoformat(),
        "provenance": spans(report.provenance),
        "sections": sections,
    }


def to_pdf(report: Report) -> bytes:
    try:
        import typst
    except ImportError:  # pragma: no cover - typst is a dependency
        raise OutputError.of("typst.missing", fmt="PDF") from None
    data = json.dumps(to_typst_data(report), ensure_ascii=False)
    try:
        pdf = typst.compile(
            str(_LAYOUT), format="pdf", sys_inputs={"data": data}, root=str(_LAYOUT.parent)
        )
    except RuntimeError as exc:  # typst reports layout errors as RuntimeError
        raise OutputError.of("report.pdf", why=exc) from None
    assert isinstance(pdf, bytes)
    return pdf
