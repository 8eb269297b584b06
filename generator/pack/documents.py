"""Text documents of the pack from Jinja templates: entry.html and CHECKLIST.md."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from generator import __version__, templatecache
from generator.markdown_text import inline_markdown
from generator.pack.pdf import css_string
from generator.pack.plan import PackPlan
from generator.pack.views import (
    METRICS_CAPTION,
    ChartView,
    answer_views,
    entry_facts,
    headings_from,
    metric_rows,
    right_to_left,
    story_views,
    title_of,
    total_view,
)


@cache
def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("generator", "templates/pack"),
                              autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                              keep_trailing_newline=True, trim_blocks=False)
    environment.filters["md"] = inline_markdown  # project text in Markdown documents
    environment.filters["css_string"] = css_string  # project text in the print CSS
    environment.filters["headings_from"] = headings_from  # an answer's, under its question
    return templatecache.keep(environment)


def render_entry_html(plan: PackPlan, built: datetime, *, charts: Mapping[str, ChartView],
                      decorative_images: bool = True) -> str:
    """The entry as one accessible HTML page with print CSS.

    `charts` are the stories' bar charts by slug (`views.chart_views`), each shown after its
    story's summary, where entry.docx has it.

    `decorative_images=False` leaves out lead images with empty alt text: the PDF is
    printed from this page, and WeasyPrint tags every <img> as a Figure, which PDF/UA
    requires to have alt text (it cannot mark a picture as an artifact).
    """
    return _environment().get_template("entry.html").render(
        decorative_images=decorative_images, charts=charts,
        title=title_of(plan), author=plan.entrant, version=__version__,
        built=built.strftime("%Y-%m-%dT%H:%M:%SZ"), award=plan.award.entry,
        facts=entry_facts(plan), right_to_left=right_to_left(plan),
        answers=answer_views(plan), metrics=metric_rows(plan), stories=story_views(plan),
        metrics_caption=METRICS_CAPTION)


def render_checklist(plan: PackPlan) -> str:
    """CHECKLIST.md: first line '# READY: <award>' or '# NOT READY: <award>'."""
    return _environment().get_template("CHECKLIST.md").render(
        checklist=plan.checklist, award=plan.award.entry, answers=answer_views(plan),
        total=total_view(plan),
        stories=story_views(plan), declarations=plan.award.entry.declarations)
