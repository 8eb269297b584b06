"""What a page shows of a story: public parts only, figures formatted, links as source paths."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from generator import bodylinks, formatting, languages
from generator.awardbook import AwardBook
from generator.bodylinks import PublicStories
from generator.catalogue import Catalogue
from generator.markdown_text import to_html
from generator.model.story import Metric
from generator.paths import PathRefused, resolve_inside
from generator.public import public_evidence, public_quotes
from generator.site import urls
from generator.site.criteria import RESULT_RANK
from generator.story import Story

RESULT_WORDS = {"entered": "Entered", "shortlisted": "Shortlisted",
                "highly-commended": "Highly commended", "won": "Won"}


@dataclass(frozen=True)
class Link:
    """A named link to a generated page or file (a source path)."""

    text: str
    target: str


@dataclass(frozen=True)
class MetricView:
    """A metric card."""

    label: str
    value: str
    baseline: str | None
    change: str | None
    better: bool | None
    target: str | None
    period: str | None


@dataclass(frozen=True)
class AwardView:
    """An award result shown as a badge."""

    award: str
    result: str
    result_words: str
    national: bool
    year: int


@dataclass(frozen=True)
class StoryView:
    """Everything a page may show of one public story."""

    story: Story
    src: str
    outcomes: list[Link]
    service: Link
    tags: list[Link]
    image: Link | None
    metrics: list[MetricView]
    awards: list[AwardView]
    evidence: list[Link]

    @property
    def title(self) -> str:
        return self.story.title

    @property
    def summary(self) -> str:
        return self.story.meta.summary

    @property
    def language(self) -> str | None:
        """The story's language tag, when it is not the site's (`language:`)."""
        return self.story.meta.language

    @property
    def direction(self) -> str:
        """Which way the story's language runs: "rtl" or "ltr"."""
        return languages.direction(self.language) if self.language else "ltr"

    @property
    def comma(self) -> str:
        """What joins a quote's speaker and role in the story's language: ", " or "، "."""
        return languages.comma(self.language)


def metric_view(metric: Metric) -> MetricView:
    """A metric formatted for a card (£1.4m, 68%, 4 minutes) with its change from baseline."""
    change = formatting.change(metric)
    shown = formatting.figures(metric, compact=True)
    return MetricView(
        label=metric.label,
        value=shown.value,
        baseline=shown.baseline,
        change=change.text if change else None,
        better=change.better if change else None,
        target=shown.target,
        period=metric.period,
    )


def image_target(story: Story) -> str:
    """Where a story's lead image is published."""
    return bodylinks.lead_image_target(story)


evidence_target = bodylinks.evidence_target
"""Where a public evidence file is published (a body's link to the file leads there too)."""


def story_view(catalogue: Catalogue, story: Story, outcome_titles: dict[str, str],
               book: AwardBook) -> StoryView:
    """The public view of a public story."""
    meta = story.meta
    return StoryView(
        story=story,
        src=urls.story(story.slug),
        outcomes=[Link(outcome_titles.get(o, o), urls.listing(urls.group("outcomes", o)))
                  for o in meta.outcomes],
        service=Link(meta.service, urls.listing(urls.group("services", meta.service))),
        tags=_tag_links(meta.tags),
        image=Link(meta.image.alt or "", image_target(story)) if meta.image else None,
        metrics=[metric_view(m) for m in meta.metrics],
        awards=sorted((AwardView(book.name(a), a.result, RESULT_WORDS[a.result],
                                 book.national(a), book.year(a, story.date))
                       for a in meta.awards), key=lambda a: (-RESULT_RANK[a.result], a.award)),
        evidence=[Link(e.title, evidence_target(story, e.id, e.path))
                  for e in public_evidence(story)],
    )


def _tag_links(tags: Sequence[str]) -> list[Link]:
    """One link per tag page, in the story's order: "Café" and "café" are one tag."""
    links: dict[str, Link] = {}
    for tag in tags:
        page = urls.group("tags", tag)
        links.setdefault(page, Link(tag, urls.listing(page)))
    return list(links.values())


def copies(catalogue: Catalogue, stories: Sequence[Story]) -> dict[str, Path]:
    """Public images (lead and body) and public evidence files of public stories, target to
    source; the MkDocs adapter strips every photo's metadata as it publishes it."""
    layout = catalogue.layout
    found: dict[str, Path] = {}
    for story in stories:
        story_folder = (layout.root / story.path).parent
        if story.meta.image is not None:
            _add(found, image_target(story), story_folder, story.meta.image.src, layout.root)
        for target, written in bodylinks.images(story).items():
            with suppress(PathRefused):  # `check` reports it as an error, which stops the build
                found[target] = bodylinks.picture_file(layout, story, written)
        for evidence in public_evidence(story):
            _add(found, evidence_target(story, evidence.id, evidence.path), layout.evidence,
                 evidence.path, layout.root)
    return found


def _add(found: dict[str, Path], target: str, folder: Path, written: str, root: Path) -> None:
    try:
        found[target] = resolve_inside(folder, written, root, folder.name)
    except PathRefused:  # `check` reports it as an error, which stops the build
        return


def body_html(story: Story, public: PublicStories | None = None,
              directory_urls: bool = True) -> str:
    """The story body as sanitised HTML, comments removed, for its page: links to `public`
    stories' files lead to their pages, images to their published copies, and a link to any
    other story keeps its text only (without `public`, no story is linked)."""
    return bodylinks.page_body(to_html(story.body), story, public or PublicStories({}),
                               directory_urls)


@dataclass(frozen=True)
class QuoteView:
    """A quote with consent, and the language it is in when not its story's (`language:`)."""

    text: str
    by: str
    role: str | None
    language: str | None
    """The quote's own language tag, when it differs from its story's; else None."""
    direction: str
    """Which way the quote's words run: "rtl" or "ltr"."""
    comma: str
    """What joins the speaker and role in the quote's language: ", " or "، "."""


def quotes(story: Story) -> list[QuoteView]:
    """Quotes with consent only, each in its own language (default: the story's)."""
    return [_quote_view(q.text, q.by, q.role, q.language or story.meta.language,
                        story.meta.language) for q in public_quotes(story)]


def _quote_view(text: str, by: str, role: str | None, language: str | None,
                around: str | None) -> QuoteView:
    way = languages.direction(language) if language else "ltr"
    return QuoteView(text, by, role, language if language != around else None, way,
                     languages.comma(language))
