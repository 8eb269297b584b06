"""An award entry file: awards/<award-id>.yml (contract sections 4 and 6)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Self

from pydantic import BeforeValidator, ConfigDict, Field, PositiveInt, Strict, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from generator.model.common import (
    Date,
    Deadline,
    Flag,
    HttpsUrl,
    ShowcaseModel,
    Slug,
    _shown,
    fold_name,
    whole,
)
from generator.model.story import Line, Text

COMPOSE_KINDS = ("summary", "metrics", "quotes", "section")
"""What `compose:` drafts an answer from."""


class Compose(ShowcaseModel):
    """How an answer is drafted from the stories."""

    kind: Literal["summary", "metrics", "quotes", "section"]
    """summary, metrics, quotes, or a named section of each story."""
    heading: str | None = None
    """For section: the level-2 heading to take, e.g. Impact."""


class ComposeSection(ShowcaseModel):
    """`compose: {section: Impact}`: the same as `compose: "section: Impact"`."""

    section: str | None
    """The level-2 heading to take from each story, e.g. Impact."""


ComposeWord = Annotated[str, Strict(), Field(
    pattern=r"^\s*(?:(?:summary|metrics|quotes)\s*(?::\s*)?|section\s*:\s*\S[\s\S]*)$")]
"""`compose: summary` (metrics, quotes) or `compose: "section: Impact"`, as `_parse_compose`
reads them (JSON Schema only)."""


def _parse_compose(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"section"}:
        return {"kind": "section", "heading": value["section"]}
    if isinstance(value, str):
        kind, _, heading = value.partition(":")
        kind, heading = kind.strip(), heading.strip()
        if kind == "section" and heading:
            return {"kind": "section", "heading": heading}
        if kind in COMPOSE_KINDS and kind != "section" and not heading:
            return {"kind": kind}
    if isinstance(value, Compose):
        return value
    raise PydanticCustomError(
        "compose",
        "expected one of summary, metrics, quotes or 'section: <heading>' "
        "(e.g. compose: \"section: Impact\"), got {found}",
        {"found": _shown(value)},
    )


def _parse_tolerance(value: Any) -> float:
    """A word tolerance as a fraction: 10, "10" and "10%" are 10%, within 0% to 100%. A bare
    number between 0 and 1 (0.1) could mean a tenth or a tenth of one per cent: refused."""
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str) and (match := _TOLERANCE.fullmatch(value)):
        number = float(match.group(1))
    if number is not None and 0 < number < 1 and not (isinstance(value, str) and "%" in value):
        shown = f"{number:g}"
        raise PydanticCustomError(
            "tolerance", "{found} is unclear: write {tenth}% ({found} of the limit), or "
            "{found}% if you mean {found} of one per cent",
            {"found": shown, "tenth": f"{number * 100:g}"})
    if number is None or not 0 <= number <= 100:
        raise PydanticCustomError(
            "tolerance", "expected a percentage from 0% to 100%, like 10%, got {found}",
            {"found": _shown(value)})
    return number / 100


_TOLERANCE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*%?\s*")
Tolerance = Literal[0] | Annotated[float, Field(ge=1, le=100)] | Annotated[str, Strict(), Field(
    pattern=r"^\s*(?:0*(?:100(?:\.0+)?|[1-9]\d?(?:\.\d+)?|0(?:\.0+)?)"
            r"|0*(?:100(?:\.0+)?|\d{1,2}(?:\.\d+)?)\s*%)\s*$")]
"""What `_parse_tolerance` reads, for the JSON Schema: 0, or 1 to 100 (a bare number between
0 and 1 is unclear), as a number or text, or text from 0% to 100%."""


WholeAboveZero = Annotated[PositiveInt, Strict(), BeforeValidator(whole)]
"""A whole number above 0: 5000 or 5000.0, never 5000.5, "5000" or `true` (not 1)."""

Limit = Annotated[PositiveInt, Strict(), Field(le=1_000_000), BeforeValidator(whole)]
"""A word or character limit: a whole number above 0 (`true` is not 1), at most a million
(1e23 is a slip of the keyboard, not an entry form)."""


class Question(ShowcaseModel):
    """One question of the entry form."""

    model_config = ConfigDict(json_schema_extra={  # _one_limit; AwardFile._every_limit
        "not": {"required": ["words", "characters"],
                "properties": {"words": {"type": "integer"}, "characters": {"type": "integer"}}},
    })

    id: Slug
    """Name of the answer file, awards/<award-id>/<id>.md."""
    prompt: Text
    """The question as the award asks it."""
    words: Limit | None = None
    """Word limit."""
    characters: Limit | None = None
    """Character limit."""
    compose: Annotated[Compose, BeforeValidator(
        _parse_compose, json_schema_input_type=ComposeWord | ComposeSection)] | None = None
    """How to draft the answer: summary, metrics, quotes or 'section: <heading>'."""

    @model_validator(mode="after")
    def _one_limit(self) -> Self:
        if self.words is not None and self.characters is not None:
            raise PydanticCustomError("limit", "give either words or characters, not both")
        return self


class Selection(ShowcaseModel):
    """Stories chosen by what they evidence; any of the listed values matches."""

    outcomes: list[Slug] = []
    """Outcome ids."""
    tags: list[str] = []
    """Tags."""
    services: list[str] = []
    """Service areas."""

    def matches(self, outcomes: set[str], tags: set[str], services: set[str]) -> bool:
        """Any listed value in each given list (tags and services in any case or spacing, as
        the site lists them); an empty list does not narrow, and nothing listed matches none."""
        wanted = [(self.outcomes, outcomes), (self.tags, tags), (self.services, services)]
        given = [({fold_name(v) for v in values}, {fold_name(v) for v in have})
                 for values, have in wanted if values]
        return bool(given) and all(values & have for values, have in given)


def _parse_format(value: Any) -> Any:
    """A file type as an award lists it (pdf, .PDF, jpeg); anything else (a path, nothing)
    is no file type, and said."""
    if isinstance(value, str) and not _FORMAT.fullmatch(value):
        shown = value.strip()
        raise PydanticCustomError(
            "file_format", "expected a file type such as pdf, docx or png, got {value}",
            {"value": f'"{shown}"' if shown else "nothing"})
    return value


_FORMAT = re.compile(r"\s*\.?[A-Za-z0-9]{1,10}\s*")
FileType = Annotated[str, BeforeValidator(_parse_format, json_schema_input_type=Annotated[
    str, Strict(), Field(pattern=f"^{_FORMAT.pattern}$")])]
"""A file type an award accepts: its extension (pdf, .pdf, PDF)."""


class Attachments(ShowcaseModel):
    """The award's limits on supporting files."""

    max_files: WholeAboveZero | None = None
    """How many files may be attached."""
    max_mb_each: float | None = Field(default=None, gt=0, le=100_000)
    """Largest size of one file in MB (at most 100,000: 1e400 is no limit anyone wrote)."""
    formats: list[FileType] = []
    """Allowed file types, e.g. pdf, png; none listed (or []) allows any."""
    send: list[str] | None = None
    """The files to attach, when not all: evidence ids or file names (a lead image by its
    file name); the pack's other files stay in it, not to be sent."""


class Period(ShowcaseModel):
    """The qualifying period of the award."""

    start: Date = Field(alias="from")
    """First day that counts."""
    end: Date = Field(alias="to")
    """Last day that counts."""

    @model_validator(mode="before")
    @classmethod
    def _two_dates(cls, value: Any) -> Any:
        """A period written as one value (`period: "2025-26"`): show the fields it takes."""
        if not isinstance(value, str | int | float):
            return value
        year = re.fullmatch(r"\s*(\d{4})\s*[-/]\s*(\d{2}|\d{4})\s*", str(value))
        start = int(year.group(1)) if year else 2025
        raise PydanticCustomError(
            "period_fields", "expected from and to dates, got {value}: write {example}",
            {"value": f'"{value}"' if isinstance(value, str) else str(value),
             "example": f"period: {{from: {start}-04-01, to: {start + 1}-03-31}}"})

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        if self.end < self.start:
            raise PydanticCustomError(
                "period", "ends before it starts ({start} to {end}): swap from and to",
                {"start": self.start.isoformat(), "end": self.end.isoformat()})
        return self


class SelectedStories(ShowcaseModel):
    """`stories: {select: ...}`: the same as `select: ...`."""

    select: Selection
    """Choose stories by outcome, tag or service."""


def _as_written(value: Any) -> Any:
    """The value as it is: `stories: {select: ...}` became `select:` before (`_stories_select`)."""
    return value


class AwardFile(ShowcaseModel):
    """awards/<award-id>.yml."""

    model_config = ConfigDict(json_schema_extra={
        "anyOf": [  # _chooses_stories
            {"required": ["stories"], "properties": {"stories": {"not": {"type": "null"}}}},
            {"required": ["select"], "properties": {"select": {"not": {"type": "null"}}}},
        ],
        "allOf": [
            {  # _stories_select: stories: {select: ...} only where no select: is given
                "if": {"required": ["stories"], "properties": {"stories": {"type": "object"}}},
                "then": {"not": {"required": ["select"]}},
            },
            {  # _every_limit: without total_words, each question has its own limit
                "if": {"not": {"required": ["total_words"],
                               "properties": {"total_words": {"type": "integer"}}}},
                "then": {"properties": {"questions": {"items": {"anyOf": [
                    {"required": ["words"], "properties": {"words": {"type": "integer"}}},
                    {"required": ["characters"],
                     "properties": {"characters": {"type": "integer"}}},
                ]}}}},
            },
        ],
    })

    name: Line
    """The award, e.g. LGC Awards 2027."""
    organiser: Line | None = None
    """Who runs it."""
    category: Line | None = None
    """The category entered."""
    edition: Line | None = None
    """The edition whose rules this file follows."""
    url: HttpsUrl | None = None
    """The award's web page."""
    national: Flag = False
    """True for a nationally recognised award."""
    deadline: Deadline | None = None
    """Date-time with offset, or a date meaning the end of that day, UK time."""
    stories: Annotated[list[Slug] | None, BeforeValidator(
        _as_written, json_schema_input_type=list[Slug] | SelectedStories | None)] = None
    """Story slugs to include, in order."""
    select: Selection | None = None
    """Or: choose stories by outcome, tag or service."""
    questions: list[Question] = Field(min_length=1)
    """The entry form's questions."""
    attachments: Attachments | None = None
    """Limits on supporting files."""
    tolerance: Annotated[float, BeforeValidator(_parse_tolerance, json_schema_input_type=Tolerance)] = 0.0
    """Allowance over a word limit, e.g. 10%."""
    total_words: Limit | None = None
    """A limit on the words of all answers together (e.g. 5000 across six sections); the
    tolerance applies to it too."""
    period: Period | None = None
    """The qualifying period."""
    declarations: list[Text] = []
    """Statements the entrant must confirm (partners named, consent held)."""

    @model_validator(mode="before")
    @classmethod
    def _stories_select(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("stories"), dict):
            inner = data["stories"]
            if set(inner) == {"select"} and "select" not in data:
                data = {**data, "select": inner["select"]}
                del data["stories"]
        return data

    @model_validator(mode="after")
    def _every_limit(self) -> Self:
        """A question without words: or characters: is limited only by total_words."""
        if self.total_words is not None:
            return self
        unlimited = [InitErrorDetails(
            type=PydanticCustomError(
                "limit", "give the answer's limit as the entry form says it: words: 250, or "
                         "characters: 1500 (or, when the award limits only the entry's words "
                         "in total, give the award total_words: 5000)"),
            loc=("questions", index), input=question.id)
            for index, question in enumerate(self.questions)
            if question.words is None and question.characters is None]
        if unlimited:
            raise ValidationError.from_exception_data("AwardFile", unlimited)
        return self

    @model_validator(mode="after")
    def _chooses_stories(self) -> Self:
        if self.stories is None and self.select is None:
            raise PydanticCustomError("stories", "list the stories (stories: [slug, ...]) or "
                                                 "choose them (select: {outcomes: [...]})")
        return self
