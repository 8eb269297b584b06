"""Open data: the public stories as `stories.json` and their figures as `metrics.csv`."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from generator import bodylinks
from generator.awardbook import AwardBook
from generator.bodylinks import PublicStories, shared_body
from generator.markdown_text import to_html
from generator.model.story import AwardResult, Metric
from generator.public import public_evidence, public_quotes
from generator.sharing import schemas, urls
from generator.sharing.dates import published_at
from generator.sharing.records import (
    OpenAward,
    OpenData,
    OpenEvidence,
    OpenImage,
    OpenMetric,
    OpenQuote,
    OpenStory,
)
from generator.sharing.urls import (
    METRICS_FILE,
    METRICS_SCHEMA_FILE,
    STORIES_FILE,
    STORIES_SCHEMA_FILE,
)
from generator.spreadsheet import csv_bytes
from generator.story import Story

METRICS_COLUMNS = ("story", "metric", "label", "value", "unit", "baseline", "target", "period",
                   "direction", "source", "verified")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def for_partner(stories: Sequence[Story], partner: str | None) -> list[Story]:
    """The stories whose partners name `partner` (case and spacing ignored); all when None."""
    if partner is None:
        return list(stories)
    wanted = _fold(partner)
    return [s for s in stories if any(_fold(p) == wanted for p in s.meta.partners)]


def partner_as_written(stories: Sequence[Story], partner: str) -> str:
    """`partner` as `stories` (those `for_partner` chose) write it under partners, whatever its
    case and spacing as typed: the spelling most of them use, the first of those in their
    order on a tie; `partner` as it is when none names it."""
    wanted = _fold(partner)
    spellings = Counter(p for s in stories for p in s.meta.partners if _fold(p) == wanted)
    return max(spellings, key=spellings.__getitem__) if spellings else partner


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def open_data(stories: Sequence[Story], publisher: str, site_url: str | None,
              generated: datetime, partner: str | None = None,
              public: PublicStories | None = None, book: AwardBook | None = None,
              council: str | None = None) -> OpenData:
    """The records of `stories`, which must already be the public ones; their bodies link
    as `public` allows (`Catalogue.linkable`; default: to `stories` only, judged by their
    slugs alone); their award results are read with the project's award files (`book`).
    `council` is the strategy's `council:` (`sharing.council`), None when it names none."""
    public = public if public is not None else PublicStories.of(stories, site_url or "")
    return OpenData(publisher=publisher, council=council or None,
                    site_url=urls.site_root(site_url) if site_url else None,
                    generated=generated, partner=partner,
                    stories=[story_record(s, site_url, public, book) for s in stories])


def story_record(story: Story, site_url: str | None,
                 public: PublicStories | None = None, book: AwardBook | None = None) -> OpenStory:
    """What of one public story is open data: never contact, comments or private parts.

    `content_html` has absolute addresses when there is a `site_url`; a link to a story
    not among `public` keeps its text only."""
    meta = story.meta
    return OpenStory(
        id=story.slug, title=meta.title, summary=meta.summary, date=meta.date,
        published=published_at(story), service=meta.service, outcomes=list(meta.outcomes),
        tags=list(meta.tags), partners=list(meta.partners),
        url=_url(site_url, urls.story_path(story.slug, public is None or public.directory_urls)),
        image=_image(story, site_url), metrics=[_metric(story, m, public) for m in meta.metrics],
        quotes=[OpenQuote(text=q.text, by=q.by, role=q.role, language=q.language)
                for q in public_quotes(story)],
        evidence=[OpenEvidence(id=e.id, title=e.title,
                               url=_url(site_url, urls.evidence_path(story.slug, e.id, e.path)))
                  for e in public_evidence(story)],
        awards=[_award(a, book or AwardBook()) for a in meta.awards],
        language=meta.language,
        content_html=shared_body(to_html(story.body), story, public or PublicStories({}),
                                 site_url),
    )


def _award(result: AwardResult, book: AwardBook) -> OpenAward:
    """A result with what its award file (if any) says: its name (as the site shows it, not
    the id or name in the story's own letter case), national, the year."""
    known = book.find(result)
    national = book.national(result) if known is not None else result.national
    year = result.year or (known.year if known is not None else None)
    return OpenAward(award=book.name(result), result=result.result, national=national,
                     year=year)


def _image(story: Story, site_url: str | None) -> OpenImage | None:
    image = story.meta.image
    if image is None:
        return None
    return OpenImage(url=_url(site_url, urls.image_path(story.slug, image.src)), alt=image.alt or "")


def _url(site_url: str | None, path: str) -> str | None:
    return urls.absolute(site_url, path) if site_url else None


def _metric(story: Story, metric: Metric, public: PublicStories | None) -> OpenMetric:
    return OpenMetric(id=metric.key, label=metric.label, value=metric.value, unit=metric.unit,
                      baseline=metric.baseline, target=metric.target, period=metric.period,
                      direction=metric.direction, source=public_source(story, metric, public),
                      verified=metric.verified)


def public_source(story: Story, metric: Metric, public: PublicStories | None = None) -> str | None:
    """The metric's source when it may be public: a public evidence id, or an https address
    (not one into the site that leads to what is not public, judged as a body's link is)."""
    source = metric.source
    if source is None:
        return None
    if source.startswith("https://"):
        return source if public is None or bodylinks.leads_to_public(story, source, public) \
            else None
    return source if source in {e.id for e in public_evidence(story)} else None


def stories_json(data: OpenData) -> bytes:
    """stories.json: UTF-8, two-space indent, keys in the schema's order."""
    payload = data.model_dump(mode="json")
    return _json_bytes(payload)


def metrics_csv(data: OpenData) -> bytes:
    """metrics.csv: one row per metric, RFC 4180 with CRLF, formulas neutralised, UTF-8 with
    a byte-order mark as the pack's (`spreadsheet.csv_bytes`: Excel keeps £, é and ŵ)."""
    rows = [list(METRICS_COLUMNS)]
    for story in data.stories:
        for metric in story.metrics:
            rows.append([_cell(value) for value in (
                story.id, metric.id, metric.label, metric.value, metric.unit.value,
                metric.baseline, metric.target, metric.period, metric.direction, metric.source,
                metric.verified)])
    return csv_bytes(rows)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def open_data_files(data: OpenData) -> dict[str, bytes]:
    """The four open-data files by name: the data and their schemas."""
    site_url = data.site_url
    return {
        STORIES_FILE: stories_json(data),
        METRICS_FILE: metrics_csv(data),
        STORIES_SCHEMA_FILE: _json_bytes(schemas.stories_schema(site_url)),
        METRICS_SCHEMA_FILE: _json_bytes(schemas.metrics_schema()),
    }


def _json_bytes(payload: dict[str, Any]) -> bytes:
    return (json.dumps(payload, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
