"""What the entry documents show, decided once for HTML, PDF, DOCX and the checklist."""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from generator import formatting, languages
from generator.clock import uk_time
from generator.markdown_text import to_html
from generator.model.story import Metric
from generator.pack.answers import Answer, allowed, limit_status, total_words
from generator.pack.charts import Chart
from generator.pack.plan import PackPlan
from generator.story import Story

_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)
#: a start tag, its attributes' quoted values whole (a value may hold `>`)
_START_TAG = re.compile(r"""<[A-Za-z][A-Za-z0-9-]*(?:[^<>"']|"[^"]*"|'[^']*')*>""")
_ID_ATTRIBUTE = re.compile(r"""\sid\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+)""", re.IGNORECASE)


def direction_of(language: str | None) -> str:
    """"rtl" for a story's language written right to left, else "ltr" (none: the entry's)."""
    return languages.direction(language) if language else "ltr"


class _InLanguage:
    """Words in a story's language (`language`, None: the entry's own, en-GB)."""

    language: str | None

    @property
    def direction(self) -> str:
        """"rtl" or "ltr", for `dir`, w:bidi and w:rtl."""
        return direction_of(self.language)


METRICS_CAPTION = "Every figure the stories claim"
"""The caption of the entry's metrics table, in entry.html (and so entry.pdf) and entry.docx."""

@dataclass(frozen=True)
class PartView(_InLanguage):
    """One story's part of an answer as HTML, marked with the story's language when it
    gives one; or the whole answer, when no part is in a language of its own."""

    language: str | None
    html: str


@dataclass(frozen=True)
class AnswerView:
    """A question and its answer as shown."""

    id: str
    prompt: str
    markdown: str | None
    html: str | None
    usage: str
    over: bool
    origin: str
    status: str
    """'no answer yet', 'empty', 'over the limit', 'ok' or 'ok, within the 10% tolerance'."""
    parts: tuple[PartView, ...] = ()
    """`html` in parts by language (`answer_parts`); none when there is no answer."""
    allowance: str = ""
    """For the entry's readers, what lets in an answer over its limit that is not over the
    limit: " (1100 allowed with the award's 10% tolerance)"; else ""."""


@dataclass(frozen=True)
class MetricRow(_InLanguage):
    """One metric with its figures formatted; its story's title and its label are in the
    story's `language`."""

    story: str
    label: str
    value: str
    baseline: str
    target: str
    period: str
    verified: str
    language: str | None = None


@dataclass(frozen=True)
class StoryView(_InLanguage):
    """A story's summary card: its title, summary and lead image's alt text are in its
    `language`."""

    slug: str
    title: str
    summary: str
    date: str
    """The date as the site writes it: 2 March 2026."""
    service: str
    path: str
    status: str
    image: str | None
    alt: str
    language: str | None = None
    iso_date: str = ""
    """The date as `YYYY-MM-DD`, for `<time datetime>`."""


@dataclass(frozen=True)
class ChartView:
    """A story's bar chart as an <img>: its source, text alternative and size in CSS pixels."""

    src: str
    alt: str
    width: int
    height: int


@dataclass(frozen=True)
class Fact:
    """One of the facts an entry opens with, e.g. Category: Technology."""

    label: str
    value: str


def title_of(plan: PackPlan) -> str:
    """The entry's title, e.g. 'LGC Awards 2027: Technology'."""
    entry = plan.award.entry
    return f"{entry.name}: {entry.category}" if entry.category else entry.name


def answer_views(plan: PackPlan) -> list[AnswerView]:
    return [_answer_view(a, plan.award.entry.tolerance) for a in plan.drafted.answers]


@dataclass(frozen=True)
class TotalView:
    """All answers' words against the award's `total_words` (a row of the checklist)."""

    usage: str
    status: str


def total_view(plan: PackPlan) -> TotalView | None:
    """The total row, when the award limits all answers together."""
    limit, tolerance = plan.award.entry.total_words, plan.award.entry.tolerance
    if limit is None:
        return None
    used = total_words(plan.drafted.answers)
    return TotalView(f"{used} words of {limit}",
                     limit_status(used, limit, allowed(limit, tolerance), tolerance))


def _answer_view(answer: Answer, tolerance: float) -> AnswerView:
    # as shown (`Answer.shown`): the counted words, a story's own marked in its language
    shown = answer.shown
    html = without_ids(to_html(shown)) if shown is not None else None
    return AnswerView(answer.question.id, answer.question.prompt, answer.markdown, html,
                      answer.usage, answer.over(tolerance), answer.origin,
                      answer.status(tolerance), answer_parts(answer, html),
                      "" if answer.over(tolerance) else answer.allowance(tolerance))


def answer_parts(answer: Answer, html: str | None) -> tuple[PartView, ...]:
    """The answer's HTML by language: when a story's part is in a language of its own,
    each story's part apart (the entry marks it with the story's lang and dir); else the
    whole answer as one part, `html` itself (the same bytes as an entry without
    languages). The words are the same either way: parts only ever stand apart in
    Markdown (a blank line between, each footnote numbered within its part)."""
    if html is None:
        return ()
    if not answer.languages:
        return (PartView(None, html),)
    return tuple(PartView(part.language, without_ids(to_html(part.shown or part.markdown)))
                 for part in answer.parts)


def without_ids(html: str) -> str:
    """An answer's HTML without the ids its writer gave (`## Results {#metrics}`): they
    would repeat the entry's own (`metrics`, `q-<question>`, `stories`) or another
    answer's, and a region would take the answer's heading as its name. Nothing in a pack
    links to them: a `#fragment` link in an answer keeps its words only (`links.py`)."""
    if "id" not in html:
        return html
    return _START_TAG.sub(lambda tag: _ID_ATTRIBUTE.sub("", tag.group()), html)


def headings_from(html: str, top: int) -> str:
    """An answer's HTML with its headings under its question, at `top` and below: each
    heading one level below the nearest one before it that is higher in the Markdown
    (`##`, `####`, `##` are h4, h5, h4), so no level is skipped, h6 at most. `## The project`
    under a question's h3 is an h4, never an h2 beside "Questions and answers"."""
    above: list[int] = []  # the Markdown levels of the headings this one is under, and its own
    shown = [top]

    def nested(tag: re.Match[str]) -> str:
        if not tag.group(1):  # an opening tag: its closing tag follows before the next one
            level = int(tag.group(2))
            while above and above[-1] >= level:
                above.pop()
            above.append(level)
            shown[0] = min(top + len(above) - 1, 6)
        return f"<{tag.group(1)}h{shown[0]}"

    return _HEADING_TAG.sub(nested, html)


def metric_rows(plan: PackPlan) -> list[MetricRow]:
    return [_metric_row(s, m) for s in plan.stories for m in s.meta.metrics]


def _metric_row(story: Story, metric: Metric) -> MetricRow:
    shown = formatting.figures(metric)
    return MetricRow(story.title, metric.label, shown.value, shown.baseline or "",
                     shown.target or "", metric.period or "", "yes" if metric.verified else "no",
                     story.meta.language)


def right_to_left(plan: PackPlan) -> bool:
    """Whether a story of the entry is in a language written right to left."""
    return any(direction_of(s.meta.language) == "rtl" for s in plan.stories)


def story_views(plan: PackPlan) -> list[StoryView]:
    images = {f.member.split("/", 1)[1].rsplit(".", 1)[0]: f.member for f in plan.gathered.images}
    return [StoryView(s.slug, s.title, s.meta.summary, formatting.long_date(s.date),
                      s.meta.service, s.path, s.status.value, images.get(s.slug),
                      s.meta.image.alt or "" if s.meta.image else "", s.meta.language,
                      s.date.isoformat())
            for s in plan.stories]


def chart_member(slug: str) -> str:
    """The name entry.pdf's printer fetches a story's chart by (not a member of the zip)."""
    return f"charts/{slug}.png"


def chart_views(charts: Mapping[str, Chart], *, inline: bool) -> dict[str, ChartView]:
    """Each chart by its story's slug: `inline`, its PNG in a data: URL, so that entry.html
    stays one file that shows it opened from disk; else by `chart_member`, for the PDF."""
    def src(slug: str, chart: Chart) -> str:
        if inline:
            return "data:image/png;base64," + base64.b64encode(chart.png).decode("ascii")
        return chart_member(slug)

    return {slug: ChartView(src(slug, chart), chart.alt, *chart.css_size)
            for slug, chart in charts.items()}


def entry_facts(plan: PackPlan) -> list[Fact]:
    """What the entry says under its title in every document: category, deadline, the
    number of stories, the words of all answers against the award's total, and whether it is
    ready."""
    entry = plan.award.entry
    deadline = deadline_text(plan)
    ready = "Ready to submit" if plan.checklist.ready else "Not ready: see CHECKLIST.md"
    total = total_view(plan)
    return [*([Fact("Category", entry.category)] if entry.category else []),
            *([Fact("Deadline", deadline)] if deadline else []),
            Fact("Stories", str(len(plan.stories))),
            *([Fact("Words in all answers", f"{total.usage} ({total.status})")] if total else []),
            Fact("Status", ready)]


def deadline_text(plan: PackPlan) -> str | None:
    deadline = plan.award.entry.deadline
    return _when(deadline) if deadline else None


def _when(moment: datetime) -> str:
    """The moment in UK time, as the checklist and `showcase awards` show it, e.g.
    "Wednesday 15 July 2026, 16:00 BST" (a deadline written +02:00 at 17:00)."""
    local = uk_time(moment)
    return f"{local:%A} {local.day} {local:%B} {local.year}, {local:%H:%M} {local.tzname() or ''}".rstrip()
