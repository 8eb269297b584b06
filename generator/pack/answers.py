"""Answers to an award's questions: drafted from the stories or written by hand."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from generator import formatting
from generator.markdown_text import section, to_plain, word_count
from generator.model.award import Compose, Question
from generator.model.story import Metric
from generator.reading.characters import without_unsafe_characters
from generator.reading.text import read_text
from generator.sanitize import strip_comments
from generator.story import Story

_DROPPED_BLOCKS = re.compile(r"<(script|style|iframe|form|object|embed|template)\b.*?(?:</\1\s*>|\Z)",
                             re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


@dataclass(frozen=True)
class Answer:
    """One question with its answer and how it measures against the limit."""

    question: Question
    markdown: str | None
    """The answer as Markdown; None when there is none yet."""
    origin: str
    """'hand-written', 'drafted' or 'none'."""
    used: int
    """Words (or characters) used."""

    @property
    def unit(self) -> str:
        return "characters" if self.question.characters is not None else "words"

    @property
    def limit(self) -> int | None:
        return self.question.characters or self.question.words

    def allowed(self, tolerance: float) -> int | None:
        """The most the platform accepts, with the award's tolerance."""
        if self.limit is None:
            return None
        return math.floor(self.limit * (1 + tolerance) + 1e-9)

    def over(self, tolerance: float) -> bool:
        allowed = self.allowed(tolerance)
        return allowed is not None and self.used > allowed

    @property
    def usage(self) -> str:
        """e.g. '262 words of 250' or '80 words' when there is no limit."""
        if self.limit is None:
            return f"{self.used} {self.unit}"
        return f"{self.used} {self.unit} of {self.limit}"


@dataclass(frozen=True)
class Drafted:
    """All answers, and the quotes left out for lack of consent."""

    answers: list[Answer]
    quotes_left_out: list[str]
    """e.g. 'stories/x.md: quote by Jo Bloggs'."""


def compose_answers(questions: list[Question], stories: list[Story],
                    overrides: dict[str, Path]) -> Drafted:
    """Each question's answer: the hand-written file if any, else drafted per `compose`."""
    answers = [_answer(q, stories, overrides.get(q.id)) for q in questions]
    left_out = [f"{s.path}: quote by {q.by}" for s in stories for q in s.meta.quotes if not q.consent]
    return Drafted(answers, left_out)


def _answer(question: Question, stories: list[Story], override: Path | None) -> Answer:
    if override is not None:
        text, origin = strip_comments(without_unsafe_characters(read_text(override))).strip(), "hand-written"
    elif question.compose is not None:
        text, origin = draft(question.compose, stories), "drafted"
    else:
        return Answer(question, None, "none", 0)
    text = safe_markdown(text)
    return Answer(question, text, origin, measure(text, question))


def measure(markdown: str, question: Question) -> int:
    """Words (or characters, when the question has a character limit) of the plain text."""
    if question.characters is not None:
        return len(to_plain(markdown))
    return word_count(markdown)


def safe_markdown(markdown: str) -> str:
    """Markdown with comments and raw HTML tags removed: entry forms take plain text."""
    text = _DROPPED_BLOCKS.sub("", strip_comments(markdown))
    return re.sub(r"\n{3,}", "\n\n", _TAG.sub("", text)).strip()


def draft(compose: Compose, stories: list[Story]) -> str:
    """An answer drafted from the stories."""
    if compose.kind == "summary":
        return "\n\n".join(s.meta.summary for s in stories)
    if compose.kind == "section":
        return _sections(compose.heading or "", stories)
    if compose.kind == "metrics":
        return "\n\n".join(_metrics(s) for s in stories if s.meta.metrics)
    return "\n\n".join(_quotes(s) for s in stories if any(q.consent for q in s.meta.quotes))


def _sections(heading: str, stories: list[Story]) -> str:
    parts = []
    for story in stories:
        text = section(story.body, heading)
        if text:
            parts.append(f"**{story.title}.**\n\n{text}")
    return "\n\n".join(parts)


def _metrics(story: Story) -> str:
    lines = [f"**{story.title}**", ""]
    lines += [f"- {metric_sentence(m)}" for m in story.meta.metrics]
    return "\n".join(lines)


def metric_sentence(metric: Metric) -> str:
    """e.g. 'Calls handled by webchat: 12,000 (baseline 3,000, up 300%; 2025-26).'"""
    details = []
    if metric.baseline is not None:
        details.append(f"baseline {formatting.full(metric.baseline, metric.unit)}")
        moved = formatting.change(metric)
        if moved is not None:
            details.append(moved.text)
    if metric.target is not None:
        details.append(f"target {formatting.full(metric.target, metric.unit)}")
    tail = ", ".join(details)
    when = f"; {metric.period}" if metric.period else ""
    inner = f" ({tail}{when})" if tail else (f" ({metric.period})" if metric.period else "")
    return f"{metric.label}: {formatting.full(metric.value, metric.unit)}{inner}."


def _quotes(story: Story) -> str:
    blocks = []
    for quote in story.meta.quotes:
        if quote.consent:
            who = f"{quote.by}, {quote.role}" if quote.role else quote.by
            blocks.append(f"> \u201c{quote.text}\u201d\n>\n> \u2014 {who}")
    return "\n\n".join(blocks)
