"""entry.docx: the entry as a Word document with real headings, lists, tables and charts.

It says what entry.html and entry.pdf say: the same facts under the title, and each answer
written from the same HTML (`docx_html`), so a table stays a table and a numbered list
stays numbered.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from generator import __version__
from generator.pack.archive import rezip
from generator.pack.charts import Chart
from generator.pack.docx_html import (
    CODE_BLOCK_STYLE,
    CODE_STYLE,
    LINK_STYLE,
    add_html,
    align_cell,
    mark_header_row,
    mark_language,
    mark_run_language,
)
from generator.pack.plan import PackPlan
from generator.pack.views import (
    METRICS_CAPTION,
    AnswerView,
    answer_views,
    entry_facts,
    headings_from,
    metric_rows,
    story_views,
    title_of,
)
from generator.paths import pack_file_name

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.shared import Length

_APP_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_APP_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
LANGUAGE = "en-GB"
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_MONOSPACE = "Courier New"
_HEADERS = ("Story", "Metric", "Value", "Baseline", "Target", "Period", "Verified")
_FIGURES = (2, 3, 4)  # Value, Baseline, Target: right-aligned, as in entry.html
_STORY_WORDS = (0, 1, 5)  # Story, Metric, Period: in the story's language, as in entry.html
_LEAD_IMAGE_INCHES = 3.0  # at most as wide (about 60% of the column, as in the PDF) and as high
ANSWER_HEADING = 3
"""The Word heading level of an answer's highest heading (its question is Heading 2)."""
_DOCX_PICTURES = frozenset({"JPEG", "PNG", "GIF", "BMP", "TIFF"})  # what Word files hold


def render_docx(plan: PackPlan, built: datetime, charts: Mapping[str, Chart]) -> bytes:
    """The entry as DOCX bytes, the same for the same plan and `built`; `charts` are the
    stories' bar charts by slug (`charts.story_charts`), each after its story's summary."""
    from docx import Document
    from docx.shared import Inches

    document = Document()
    _a4(document)
    _properties(document, plan, built)
    _package_parts(document, plan.entrant)
    _styles(document)
    document.add_heading(title_of(plan), level=0)
    _facts(document, plan)
    document.add_heading("Questions and answers", level=1)
    for answer in answer_views(plan):
        _answer(document, answer)
    document.add_heading("Metrics", level=1)
    _metrics_table(document, plan)
    document.add_heading("The stories", level=1)
    images = _lead_images(plan)
    for view in story_views(plan):
        mark_language(document.add_heading(view.title, level=2), view.language)
        # its date and service under its title, as entry.html and entry.pdf give them
        facts = document.add_paragraph(f"{view.date} \u00b7 ", style="Caption")
        service = facts.add_run(view.service)
        if view.language:
            mark_run_language(service, view.language)
        if view.image is not None and view.alt and view.image in images:
            _picture(document, images[view.image], view.alt, f"Lead image: {view.title}",
                     Inches(_LEAD_IMAGE_INCHES), Inches(_LEAD_IMAGE_INCHES))
        mark_language(document.add_paragraph(view.summary), view.language)
        chart = charts.get(view.slug)
        if chart is not None:
            _picture(document, chart.png, chart.alt, f"Chart: {view.title}", Inches(6))
    out = io.BytesIO()
    document.save(out)
    return rezip(out.getvalue(), built)


def _lead_images(plan: PackPlan) -> dict[str, bytes]:
    """Each entered story's lead image as the pack sends it (without EXIF or GPS), by member
    name, in a format a Word file can hold (a WebP photo becomes a PNG)."""
    return {item.member: _for_word(item.data if item.data is not None else item.source.read_bytes())
            for item in plan.gathered.images}


def _for_word(data: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        if image.format in _DOCX_PICTURES:
            return data
        out = io.BytesIO()
        image.save(out, format="PNG")
    return out.getvalue()


def _picture(document: WordDocument, data: bytes, alt: str, title: str, width: Length,
             height: Length | None = None) -> None:
    """A picture in a paragraph of its own, its alt text the description a screen reader
    says (Word's Alt Text): at most `width` wide and `height` high, never larger than it is."""
    from docx.shared import Emu, Inches
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        natural_width, natural_height = Inches(image.width / 96), Inches(image.height / 96)
    scale = min(1.0, width / natural_width,
                height / natural_height if height is not None else 1.0)
    run = document.add_paragraph().add_run()
    picture = run.add_picture(io.BytesIO(data), width=Emu(round(natural_width * scale)))
    picture._inline.docPr.set("descr", alt)
    picture._inline.docPr.set("title", title)


def _a4(document: WordDocument) -> None:
    """A4 paper, as entry.pdf (the template is US Letter), with Word's usual 2.54 cm margins:
    the text is 6.27 inches wide, room for a chart's 6."""
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25.4)
        section.top_margin = section.bottom_margin = Mm(25.4)


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
    props.comments = (f"The entry of the evidence pack {pack_file_name(plan.award.id)}, made by "
                      f"Showcase {__version__}")
    props.identifier = plan.award.id
    props.language = LANGUAGE
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
    _no_template_leftovers(document)
    app = Part(PackURI("/docProps/app.xml"), _APP_CONTENT_TYPE, _app_xml(company), package)
    package.relate_to(app, RT.EXTENDED_PROPERTIES)


def _no_template_leftovers(document: object) -> None:
    """The template's empty bibliography store (customXml/item1.xml, a list of sources for
    Word's citations) goes, and so does its w:proofState, which tells Word the spelling and
    grammar are already checked: Word checks the entry's text itself."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn

    rels = document.part.rels  # type: ignore[attr-defined]
    for rid in [rid for rid, rel in rels.items() if rel.reltype == RT.CUSTOM_XML]:
        rels.pop(rid)
    settings = document.settings.element  # type: ignore[attr-defined]
    for proof_state in settings.findall(qn("w:proofState")):
        settings.remove(proof_state)


def _app_xml(company: str) -> bytes:
    root = ElementTree.Element("Properties", xmlns=_APP_NAMESPACE)  # the default namespace
    for name, text in (("Application", "Showcase"), ("DocSecurity", "0"), ("Company", company)):
        ElementTree.SubElement(root, name).text = text
    xml: bytes = ElementTree.tostring(root, encoding="UTF-8", xml_declaration=True)
    return xml


def _styles(document: WordDocument) -> None:
    """The styles of code and links that the template lacks, under the names Word gives
    them; UK English for Word's proofing (the template says en-US)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    _uk_english(document)
    styles = document.styles
    code_block = styles.add_style(CODE_BLOCK_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    code_block.base_style = styles["Normal"]
    code_block.font.name = _MONOSPACE
    code_block.font.size = Pt(10)
    code = styles.add_style(CODE_STYLE, WD_STYLE_TYPE.CHARACTER)
    code.font.name = _MONOSPACE
    link = styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x1D, 0x70, 0xB8)
    link.font.underline = True


def _uk_english(document: WordDocument) -> None:
    """en-GB in the styles' defaults and the theme's fonts, as core.xml says.

    The template's stylesWithEffects part (a copy of the styles for Word 2010, which reads
    styles.xml without it) would say en-US again: it goes.
    """
    from docx.oxml.ns import qn

    for lang in document.styles.element.iter(qn("w:lang")):
        for attribute in ("w:val", "w:eastAsia"):
            if lang.get(qn(attribute)) is not None:
                lang.set(qn(attribute), LANGUAGE)
    for theme_lang in document.settings.element.iter(qn("w:themeFontLang")):
        theme_lang.set(qn("w:val"), LANGUAGE)
    rels = document.part.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype == _STYLES_WITH_EFFECTS]:
        rels.pop(rid)


def _facts(document: WordDocument, plan: PackPlan) -> None:
    """What entry.html opens with: who made it, the organiser, and the entry's facts."""
    organiser = plan.award.entry.organiser
    document.add_paragraph(f"Entered by {plan.entrant}"
                           + (f" \u00b7 organised by {organiser}" if organiser else ""),
                           style="Subtitle")
    for fact in entry_facts(plan):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{fact.label}: ").bold = True
        paragraph.add_run(fact.value)


def _answer(document: WordDocument, answer: AnswerView) -> None:
    document.add_heading(answer.prompt, level=2)
    document.add_paragraph(answer.usage + answer.allowance
                           + (" (over the limit)" if answer.over else ""),
                           style="Caption")
    if answer.html is None:
        document.add_paragraph("No answer yet.")
        return
    # under the question's Heading 2, as entry.html has them under its h3: the answer's
    # highest heading at Heading 3, each lower one a level further down, no level skipped;
    # a story's part in its own language marked in it, as in entry.html
    for part in answer.parts:
        add_html(document, headings_from(part.html, ANSWER_HEADING),
                 heading_level=ANSWER_HEADING, language=part.language)


def _metrics_table(document: object, plan: PackPlan) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rows = metric_rows(plan)
    if not rows:
        document.add_paragraph("The stories claim no figures.")  # type: ignore[attr-defined]
        return
    # the caption entry.html and entry.pdf give it, as text and as the table's own title
    document.add_paragraph(METRICS_CAPTION, style="Caption")  # type: ignore[attr-defined]
    table = document.add_table(rows=1, cols=len(_HEADERS))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), METRICS_CAPTION)
    table._tbl.tblPr.append(caption)
    mark_header_row(table.rows[0])
    for cell, text in zip(table.rows[0].cells, _HEADERS, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        values = (row.story, row.label, row.value, row.baseline, row.target, row.period,
                  row.verified)
        for column, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.text = text
            align_cell(cell, "right" if column in _FIGURES else None)
            if column in _STORY_WORDS and text:
                mark_language(cell.paragraphs[0], row.language)
