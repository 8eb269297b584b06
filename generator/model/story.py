"""A success story's front-matter, as the comms team writes it (contract section 2)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from functools import cache
from types import UnionType
from typing import Annotated, Any, Literal, Self, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError
from slugify import slugify

from generator.model.common import (
    Date,
    DateTime,
    Flag,
    Language,
    Number,
    ShowcaseModel,
    Slug,
    Year,
    without_symbols,
)
from generator.model.units import Unit as Unit


def _without_comments(value: object) -> object:
    """Text without HTML comments, which are internal notes in a field as in a body (an
    unclosed one runs to the end): never shown on the site, in feeds or in a pack."""
    if not isinstance(value, str) or "<!--" not in value:
        return value
    return _COMMENT_AND_SPACE.sub(" ", value).strip()


_COMMENT_AND_SPACE = re.compile(r"[ \t]*<!--.*?(?:-->|\Z)[ \t]*", re.DOTALL)
"""A note as `sanitize.COMMENT` reads one (to the next `-->`, past a `--!>`), with its spaces."""
Text = Annotated[str, StringConstraints(min_length=1), BeforeValidator(_without_comments)]


def _one_line(value: object) -> object:
    """A name or heading on one line: a line break in YAML (`title: |`, "\\n") is a space
    (check warns of it: `line_breaks`)."""
    return " ".join(value.split()) if isinstance(value, str) else value


Line = Annotated[Text, BeforeValidator(_one_line)]
"""Text shown as a heading, a name or a label: on one line, single spaces. A line break
written in it is read as a space, and check warns of it (`line_breaks`): a folded YAML
scalar (`title: >`, or plain text over lines) is one line already and is not warned of."""


def line_breaks(model: type[BaseModel], data: object,
                path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Where the raw `data` of `model` (a front-matter mapping) has a line break inside a
    `Line` field (a trailing one, as `title: >` leaves, is no break)."""
    if not isinstance(data, dict):
        return
    for key, kind in _line_plan(model).items():
        value = data.get(key)
        if value is None:
            continue
        if kind is None:  # isprintable: a break is not, and most text is (at C speed)
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, str) and not item.isprintable() and _broken(item):
                        yield (*path, key, index)
            elif isinstance(value, str) and not value.isprintable() and _broken(value):
                yield (*path, key)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from line_breaks(kind, item, (*path, key, index))
        else:
            yield from line_breaks(kind, value, (*path, key))


def _broken(text: str) -> bool:
    return _BREAK.search(text.strip()) is not None


@cache
def _line_plan(model: type[BaseModel]) -> dict[str, type[BaseModel] | None]:
    """The keys of `model` to look in: None for a `Line` (or a list of them), else the
    nested model (or a list of them) that has one."""
    plan: dict[str, type[BaseModel] | None] = {}
    for name, info in model.model_fields.items():
        kind = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
        options = _options(kind)
        items = [o for k in options if get_origin(k) is list for o in _options(get_args(k)[0])]
        if _is_line(kind) or any(_is_line(get_args(k)[0]) for k in options if get_origin(k) is list):
            plan[info.alias or name] = None
        nested = next((k for k in options + items if isinstance(k, type) and issubclass(k, BaseModel)
                       and _line_plan(k)), None)
        if nested is not None:
            plan[info.alias or name] = nested
    return plan


_BREAK = re.compile("[\\n\\r\\x0b\\x0c\\x1c-\\x1e\\x85\\u2028\\u2029]")
"""What `str.split` takes as a line break."""


def _options(kind: Any) -> list[Any]:
    """`kind` without Annotated, each option of a union (`X | None`)."""
    if get_origin(kind) is Annotated:
        return _options(get_args(kind)[0])
    if get_origin(kind) in (Union, UnionType):
        return [option for arg in get_args(kind) for option in _options(arg)]
    return [kind]


def _is_line(kind: Any) -> bool:
    if get_origin(kind) is Annotated:
        if any(isinstance(m, BeforeValidator) and m.func is _one_line for m in get_args(kind)[1:]):
            return True
        return _is_line(get_args(kind)[0])
    return get_origin(kind) in (Union, UnionType) and any(_is_line(a) for a in get_args(kind))


def _not_only_a_note(value: object) -> object:
    """Text that may be empty, but not a note alone: `alt: "<!-- later -->"` is not the
    empty alt text of a decorative picture."""
    kept = _without_comments(value)
    if isinstance(value, str) and value.strip() and kept == "":
        raise PydanticCustomError("note", "holds only an internal note (<!-- ... -->), which is "
                                          'never shown: write the text (or "" on purpose)')
    return kept


Words = Annotated[str, BeforeValidator(_not_only_a_note)]
"""Text that may be empty (an alt text of a decorative picture)."""


class Status(StrEnum):
    """Where a story is in its life; only `published` is ever public."""

    DRAFT = "draft"
    REVIEW = "review"
    PUBLISHED = "published"


AwardOutcome = Literal["entered", "shortlisted", "highly-commended", "won"]


def _lower_scheme(value: object) -> object:
    """`HTTPS://x` as `https://x`: an address's scheme is the same in any case."""
    if isinstance(value, str) and value.strip()[:8].lower() == "https://":
        return "https://" + value.strip()[8:]
    return value


class Metric(ShowcaseModel):
    """One figure a story claims."""

    id: Slug | None = None
    """Stable name, unique in the story; defaults to the label as a slug."""
    label: Line
    """What is counted, e.g. 'Calls handled by the webchat'."""
    value: Number
    """The figure, as a plain number (30, not '30%')."""
    unit: Unit
    """How to read and format the value."""
    baseline: Number | None = None
    """The figure before the work."""
    target: Number | None = None
    """The figure aimed for."""
    period: Words | None = None
    """When it was measured, e.g. 2025-26."""
    direction: Literal["up", "down"] = "up"
    """Which way is better."""
    source: Annotated[str, BeforeValidator(_lower_scheme)] | None = None
    """An evidence id of the same story, or an https:// address."""
    verified: Flag = False
    """Checked by the finance or performance team."""

    @model_validator(mode="after")
    def _default_id(self) -> Self:
        if self.id is None:
            object.__setattr__(self, "id", _label_slug(self.label) or "metric")
        return self

    @property
    def key(self) -> str:
        return self.id or _label_slug(self.label)


_PLAIN_LABEL = re.compile(r"[A-Za-z0-9 ]+")


def _label_slug(label: str) -> str:
    """`slugify(label)`; a label of plain ASCII words (most) skips slugify's many passes."""
    if _PLAIN_LABEL.fullmatch(label):
        return "-".join(label.lower().split())
    return str(slugify(without_symbols(label)))  # "Saving £" is saving, not saving-ps


class Quote(ShowcaseModel):
    """A quote; public only with consent."""

    text: Text
    """What was said."""
    by: Line
    """Who said it."""
    role: Words | None = None
    """Their role or organisation."""
    consent: Flag = False
    """True only when the person agreed to publication."""
    language: Language | None = None
    """The quote's language when it is not the story's, as a language tag: cy (Welsh) for a
    Welsh quote in an English story. Its words (and role) say so; default: the story's."""


class Evidence(ShowcaseModel):
    """A supporting file in the evidence folder; private unless marked public."""

    id: Slug
    """Name that metrics cite as their source."""
    path: Text
    """Path relative to the evidence folder, e.g. call-volumes.csv."""
    title: Text
    """What the file is."""
    public: Flag = False
    """True to publish the file on the site."""


class AwardResult(ShowcaseModel):
    """How an award entry for this story went."""

    award: Text
    """An award id (file name in awards/) or the award's name."""
    result: AwardOutcome
    """entered, shortlisted, highly-commended or won."""
    national: Flag | None = None
    """Whether the award is nationally recognised, when no award file says so."""
    year: Year | None = None
    """The year of the result (e.g. 2025), when it differs from the story's date."""


class Image(ShowcaseModel):
    """A lead image beside the story."""

    src: Text
    """Path relative to the story file, e.g. media/chatbot.png."""
    alt: Words | None = None
    """Text alternative; write alt: "" only for a purely decorative image."""

    @model_validator(mode="after")
    def _alt_given(self) -> Self:
        if self.alt is None:
            raise PydanticCustomError(
                "alt_missing",
                "an image needs alt text describing it (or alt: \"\" if purely decorative)",
            )
        return self


class StoryMeta(ShowcaseModel):
    """The front-matter of a story file."""

    title: Annotated[Line, StringConstraints(max_length=120)]
    """Headline, at most 120 characters."""
    summary: Annotated[Text, StringConstraints(max_length=300)]
    """One or two sentences, at most 300 characters."""
    date: Date
    """Publication date, YYYY-MM-DD; orders listings."""
    status: Status
    """draft, review or published; only published is ever public."""
    embargo: DateTime | None = None
    """Not public before this instant; needs a UTC offset."""
    slug: Slug | None = None
    """URL part; defaults to the file name without a leading date."""
    service: Line
    """Council service area that owns the work."""
    outcomes: Annotated[list[Slug], Field(min_length=1)]
    """Strategy outcome ids this story evidences."""
    tags: list[Line] = []
    """Free topics."""
    partners: list[Line] = []
    """Suppliers, other councils, public bodies."""
    authors: list[Text] = []
    """Who wrote it."""
    contact: str | None = None
    """Internal contact; never public."""
    image: Image | None = None
    """Lead image."""
    metrics: list[Metric] = []
    """The numbers."""
    quotes: list[Quote] = []
    """Quotes; public only with consent."""
    evidence: list[Evidence] = []
    """Supporting files; private unless public: true."""
    awards: list[AwardResult] = []
    """Award results for this work."""
    language: Language | None = None
    """The story's language when it is not the site's, as a language tag: cy (Welsh), ar
    (Arabic). Its page and card say so, for screen readers' voices and right-to-left text."""
