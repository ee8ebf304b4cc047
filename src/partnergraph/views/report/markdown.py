"""The report as Markdown: footnotes in the ``[^n]`` syntax, the figure as inline SVG."""

from __future__ import annotations

from partnergraph.views.report.model import Bullets, Figure, Para, Report, Span, Table
from partnergraph.views.report.texts import quote

__all__ = ["to_markdown"]

_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#"})


def _escape(text: str) -> str:
    """Data text cannot turn into Markdown or HTML markup."""
    return text.translate(_SPECIAL).replace("\n", " ")


def _span(span: Span) -> str:
    text = _escape(span.text)
    if span.bold and text.strip():
        # Markdown takes "**" as bold only next to text: spaces go outside.
        core = text.strip()
        text = text[: len(text) - len(text.lstrip())] + f"**{core}**" + text[len(text.rstrip()) :]
    return text + (f"[^{span.note}]" if span.note else "")


def _para(para: Para) -> str:
    return "".join(_span(s) for s in para.spans)


def to_markdown(report: Report) -> str:
    lines = [f"# {_escape(report.title)}", "", f"*{_escape(report.subtitle)}*", ""]
    lines += [f"> {_para(report.provenance)}", ""]
    for section in report.sections:
        lines += [f"## {_escape(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, Para):
                lines += [_para(block), ""]
            elif isinstance(block, Bullets):
                lines += [f"- {_para(item)}" for item in block.items] + [""]
            elif isinstance(block, Table):
                lines.append("| " + " | ".join(_escape(h) for h in block.header) + " |")
                lines.append("|" + " --- |" * len(block.header))
                for row in block.rows:
                    cells = ["<br>".join(_para(p) for p in cell) for cell in row]
                    lines.append("| " + " | ".join(cells) + " |")
                lines.append("")
            elif isinstance(block, Figure):
                lines += [block.svg.strip(), "", f"*{_para(block.caption)}*", ""]
    if report.notes:
        lines += [f"## {_escape(report.notes_title)}", ""]
        for number, note in enumerate(report.notes, start=1):
            quoted = quote(note.words, report.lang)
            lines.append(f"[^{number}]: {_escape(note.source)}: {_escape(quoted)}")
        lines.append("")
    return "\n".join(lines)
