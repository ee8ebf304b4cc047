"""The report as a Word document (python-docx): what municipalities edit and attach.

Notes are endnotes: a superscript number in the text and the numbered list of sources with the
source's own words at the end (python-docx writes no native footnotes). The figure is embedded
as a PNG made from the shared SVG figure, the SVG's title as its description.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from partnergraph.views.figure import svg_to_png
from partnergraph.views.report.model import Bullets, Figure, Para, Report, Table
from partnergraph.views.report.texts import quote

__all__ = ["to_docx"]

_A4 = (Cm(21.0), Cm(29.7))
_MARGIN = Cm(2.0)
_TEXT_WIDTH = Cm(17.0)


def _fill(paragraph: Paragraph, para: Para) -> None:
    for span in para.spans:
        if span.text:
            run = paragraph.add_run(span.text)
            run.bold = span.bold or None
        if span.note:
            mark = paragraph.add_run(str(span.note))
            mark.font.superscript = True


def _repeat_header(row: object) -> None:
    """Mark a table row as a header row, repeated on every page the table runs over."""
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def to_docx(report: Report) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = _A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, _MARGIN)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    _language(normal, "da-DK" if report.lang == "da" else "en-GB")
    document.core_properties.title = report.title
    document.core_properties.subject = report.subtitle
    document.core_properties.language = report.lang
    document.core_properties.keywords = f"partnergraph; {report.as_of.isoformat()}"

    document.add_heading(report.title, level=0)
    subtitle = document.add_paragraph()
    run = subtitle.add_run(report.subtitle)
    run.font.size = Pt(13)
    run.font.color.rgb = RGBColor(0x33, 0x4E, 0x68)
    provenance = document.add_paragraph()
    _fill(provenance, report.provenance)
    for run in provenance.runs:
        run.italic = True
        run.font.size = Pt(9)

    for part in report.sections:
        document.add_heading(part.title, level=1)
        for block in part.blocks:
            if isinstance(block, Para):
                _fill(document.add_paragraph(), block)
            elif isinstance(block, Bullets):
                for item in block.items:
                    _fill(document.add_paragraph(style="List Bullet"), item)
            elif isinstance(block, Table):
                _table(document, block)
            elif isinstance(block, Figure):
                picture = io.BytesIO(svg_to_png(block.svg, ppi=220))
                document.add_picture(picture, width=_TEXT_WIDTH)
                shape = document.inline_shapes[-1]
                shape._inline.docPr.set("descr", block.alt)
                caption = document.add_paragraph(style="Caption")
                _fill(caption, block.caption)

    if report.notes:
        document.add_heading(report.notes_title, level=1)
        for number, note in enumerate(report.notes, start=1):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(2)
            mark = paragraph.add_run(f"{number}. ")
            mark.bold = True
            paragraph.add_run(f"{note.source}: ")
            words = quote(note.words, report.lang)
            paragraph.add_run(words).italic = True
            for run in paragraph.runs:
                run.font.size = Pt(9)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _language(style: object, tag: str) -> None:
    """Spelling and hyphenation in Word follow the report's language, not the editor's."""
    r_pr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    for old in r_pr.findall(qn("w:lang")):
        r_pr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    r_pr.append(lang)


def _table(document: object, block: Table) -> None:
    table = document.add_table(rows=1, cols=len(block.header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = block.widths or [1.0] * len(block.header)
    total = sum(widths)
    for i, name in enumerate(block.header):
        cell = table.rows[0].cells[i]
        cell.text = ""
        run = cell.paragraphs[0].add_run(name)
        run.bold = True
    _repeat_header(table.rows[0])
    for row in block.rows:
        cells = table.add_row().cells
        for cell, paras in zip(cells, row, strict=True):
            first = True
            for para in paras:
                paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
                first = False
                _fill(paragraph, para)
                paragraph.paragraph_format.space_after = Pt(3)
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = int(_TEXT_WIDTH * widths[i] / total)
