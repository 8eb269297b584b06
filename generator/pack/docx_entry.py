"""entry.docx: the entry as a Word document with real headings, tables and charts."""

from __future__ import annotations

import io
import re
from datetime import datetime
from xml.etree import ElementTree

from generator import __version__
from generator.markdown_text import to_plain
from generator.pack.archive import rezip
from generator.pack.charts import story_chart
from generator.pack.plan import PackPlan
from generator.pack.views import AnswerView, answer_views, metric_rows, story_views, title_of

_APP_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_APP_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADERS = ("Story", "Metric", "Value", "Baseline", "Target", "Period", "Verified")


def render_docx(plan: PackPlan, built: datetime) -> bytes:
    """The entry as DOCX bytes, the same for the same plan and `built`."""
    from docx import Document
    from docx.shared import Inches

    document = Document()
    _properties(document, plan, built)
    _package_parts(document, plan.entrant)
    document.add_heading(title_of(plan), level=0)
    document.add_heading("Questions and answers", level=1)
    for answer in answer_views(plan):
        _answer(document, answer)
    document.add_heading("Metrics", level=1)
    _metrics_table(document, plan)
    document.add_heading("The stories", level=1)
    for story, view in zip(plan.stories, story_views(plan), strict=True):
        document.add_heading(view.title, level=2)
        document.add_paragraph(view.summary)
        chart = story_chart(story)
        if chart is not None:
            picture = document.add_paragraph().add_run().add_picture(io.BytesIO(chart.png),
                                                                    width=Inches(6))
            picture._inline.docPr.set("descr", chart.alt)
            picture._inline.docPr.set("title", f"Chart: {view.title}")
    out = io.BytesIO()
    document.save(out)
    return rezip(out.getvalue(), built)


def _properties(document: object, plan: PackPlan, built: datetime) -> None:
    """Core properties of the entry, none left from python-docx's template."""
    entry = plan.award.entry
    props = document.core_properties  # type: ignore[attr-defined]
    props.title = title_of(plan)
    props.subject = f"Award entry: {entry.name}" + (f", organised by {entry.organiser}"
                                                   if entry.organiser else "")
    props.author = plan.entrant
    props.last_modified_by = plan.entrant
    props.category = entry.category or ""
    props.keywords = "; ".join(k for k in ("award entry", entry.name, entry.category) if k)
    props.comments = f"The entry of the evidence pack {plan.award.id}.zip, made by Showcase {__version__}"
    props.identifier = plan.award.id
    props.language = "en-GB"
    props.created = built.replace(tzinfo=None)
    props.modified = built.replace(tzinfo=None)
    props.last_printed = built.replace(tzinfo=None)
    props.revision = 1
    props.version = __version__


def _package_parts(document: object, company: str) -> None:
    """The template's thumbnail (a blank page) goes; app.xml says Showcase made the file.

    The template's app.xml claims "Microsoft Macintosh Word", 0 words and 1 page; the new one
    holds no counts, which Word works out itself when it opens the file.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package  # type: ignore[attr-defined]
    for rid, rel in list(package.rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            package.rels.pop(rid)
    app = Part(PackURI("/docProps/app.xml"), _APP_CONTENT_TYPE, _app_xml(company), package)
    package.relate_to(app, RT.EXTENDED_PROPERTIES)


def _app_xml(company: str) -> bytes:
    root = ElementTree.Element("Properties", xmlns=_APP_NAMESPACE)  # the default namespace
    for name, text in (("Application", "Showcase"), ("DocSecurity", "0"), ("Company", company)):
        ElementTree.SubElement(root, name).text = text
    xml: bytes = ElementTree.tostring(root, encoding="UTF-8", xml_declaration=True)
    return xml


def _answer(document: object, answer: AnswerView) -> None:
    doc = document
    doc.add_heading(answer.prompt, level=2)  # type: ignore[attr-defined]
    doc.add_paragraph(answer.usage + (" (over the limit)" if answer.over else ""),  # type: ignore[attr-defined]
                      style="Caption")
    if answer.markdown is None:
        doc.add_paragraph("No answer yet.")  # type: ignore[attr-defined]
        return
    for block in re.split(r"\n\s*\n", answer.markdown):
        _block(doc, block)


def _block(document: object, block: str) -> None:
    lines = block.strip().splitlines()
    if not lines:
        return
    if all(_BULLET.match(line) for line in lines):
        for line in lines:
            document.add_paragraph(to_plain(_BULLET.sub("", line)), style="List Bullet")  # type: ignore[attr-defined]
    elif all(line.lstrip().startswith(">") for line in lines):
        text = to_plain("\n".join(re.sub(r"^\s*>\s?", "", line) for line in lines))
        document.add_paragraph(text.replace("\n", " "), style="Quote")  # type: ignore[attr-defined]
    else:
        document.add_paragraph(to_plain(block).replace("\n", " "))  # type: ignore[attr-defined]


def _metrics_table(document: object, plan: PackPlan) -> None:
    rows = metric_rows(plan)
    if not rows:
        document.add_paragraph("The stories claim no figures.")  # type: ignore[attr-defined]
        return
    table = document.add_table(rows=1, cols=len(_HEADERS))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, _HEADERS, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        values = (row.story, row.label, row.value, row.baseline, row.target, row.period,
                  row.verified)
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
