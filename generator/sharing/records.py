"""The open-data records: what `stories.json` holds, declared once.

The same classes write the export, give its JSON Schema (`stories.schema.json`) and
validate a partner's file before `showcase import` reads it.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from generator.model.common import LANGUAGE, parse_slug
from generator.model.story import AwardOutcome, Unit

FORMAT_VERSION: Literal[1] = 1
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

URL_PATTERN = r"^https?://"

# parse_slug says what a slug is in the words of check's messages; the pattern is the schema's
Slug = Annotated[str, BeforeValidator(parse_slug), Field(pattern=SLUG_PATTERN)]
# exported as the story gives it, which check has written as a tag (cy, pt-BR)
Language = Annotated[str, Field(pattern=f"^{LANGUAGE.pattern}$")]
Url = Annotated[str, Field(pattern=URL_PATTERN, json_schema_extra={"format": "uri"})]
Text = Annotated[str, Field(min_length=1)]


def _number(value: Any) -> Any:
    """A number as given, but a negative zero (`-0.0`) as 0: the story page and the pack
    show 0, and stories.json and metrics.csv wrote -0.0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("number", "expected a number")
    return 0 if value == 0 and math.copysign(1.0, value) < 0 else value


Number = Annotated[float | int, BeforeValidator(_number)]


class Record(BaseModel):
    """Base of every open-data record: closed, immutable, documented (the docstring under a
    field describes it in stories.schema.json: `documented.json_schema`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class OpenImage(Record):
    """The story's lead image as published on the site."""

    url: Url | None
    """Address of the image on the site; null when the site has no site_url."""
    alt: str
    """Text alternative; empty only for a decorative image."""


class OpenMetric(Record):
    """One figure a story claims."""

    id: Slug
    """Stable id, unique in the story."""
    label: Text
    """What is counted."""
    value: Number
    """The figure."""
    unit: Unit
    """GBP, percent, count, hours, days, minutes, score, people or tonnes-co2e."""
    baseline: Number | None = None
    """The figure before the work."""
    target: Number | None = None
    """The figure aimed for."""
    period: str | None = None
    """When it was measured, e.g. 2025-26."""
    direction: Literal["up", "down"] = "up"
    """Which way is better."""
    source: str | None = None
    """An https:// address, or the id of one of the story's public evidence files."""
    verified: bool = False
    """Checked by the publishing council's finance or performance team."""


class OpenQuote(Record):
    """A quote whose speaker agreed to publication."""

    text: Text
    """What was said."""
    by: Text
    """Who said it."""
    role: str | None = None
    """Their role or organisation."""
    language: Language | None = Field(default=None, exclude_if=lambda value: value is None)
    """The quote's own language as a language tag (en, cy), when its story file gives one: else
    the story's. Left out when none is given."""


class OpenEvidence(Record):
    """A supporting file the publishing council made public."""

    id: Slug
    """The id metrics cite as their source."""
    title: Text
    """What the file is."""
    url: Url | None
    """Address of the file on the site; null when the site has no site_url."""


class OpenAward(Record):
    """An award result for the story's work."""

    award: Text
    """The award's name: its award file's, else as the story writes it."""
    result: AwardOutcome
    """entered, shortlisted, highly-commended or won."""
    national: bool | None = None
    """Whether the award is nationally recognised, where known."""
    year: int | None = None
    """The year of the result, where it differs from the story's date."""


class OpenStory(Record):
    """A published story, with only what is public (contract section 7)."""

    id: Slug
    """The story's slug: stable while its title changes."""
    title: Annotated[str, Field(min_length=1, max_length=120)]
    """Headline."""
    summary: Annotated[str, Field(min_length=1, max_length=300)]
    """One or two sentences."""
    date: dt.date
    """Publication date, YYYY-MM-DD."""
    published: dt.datetime
    """The instant it became public: the date at 00:00 UK time, or the embargo when later."""
    service: Text
    """Council service area that owns the work."""
    outcomes: list[Slug]
    """Outcome ids of the publishing council's strategy."""
    tags: list[Text] = []
    """Free topics."""
    partners: list[Text] = []
    """Suppliers, other councils, public bodies."""
    url: Url | None
    """The story's page; null when the site has no site_url."""
    image: OpenImage | None = None
    """Lead image."""
    metrics: list[OpenMetric] = []
    """The numbers."""
    quotes: list[OpenQuote] = []
    """Quotes cleared for publication."""
    evidence: list[OpenEvidence] = []
    """Public evidence files."""
    awards: list[OpenAward] = []
    """Award results."""
    language: Language | None = None
    """The story's language as a language tag (cy, ar), when it is not the site's."""
    content_html: str
    """The story body as sanitised HTML (internal notes removed)."""


class OpenData(Record):
    """stories.json: a council's public success stories."""

    version: Literal[1] = FORMAT_VERSION
    """Format version of this file."""
    publisher: Text
    """Who published the stories: the site's name."""
    council: Text | None = None
    """The council that published the stories: the strategy's `council:`; null when the strategy names none."""
    site_url: Url | None
    """The publishing site's address; null when it has none."""
    generated: dt.datetime
    """When the file was written."""
    partner: str | None = None
    """Set when the file holds only the stories naming this partner."""
    stories: list[OpenStory]
    """Public stories, newest first."""
