"""The pack's checklist: ready or not, every blocker and warning (contract section 6)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from generator.catalogue import Award
from generator.clock import deadline_passed, uk_time
from generator.pack.answers import (
    Answer,
    Drafted,
    HtmlLeftOut,
    ImageLeftOut,
    LinkReduced,
    MissingSection,
    RepeatedSection,
)
from generator.pack.files import Gathered
from generator.pack.periods import overlaps, parse_period
from generator.pack.selection import Chosen
from generator.story import Story

_MB = 1024 * 1024
_SAME_FORMAT = {"jpeg": "jpg", "tif": "tiff"}


@dataclass(frozen=True)
class Checklist:
    """What stops the entry being submitted (blockers) and what to look at (warnings)."""

    blockers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.blockers


def make_checklist(award: Award, chosen: Chosen, drafted: Drafted, gathered: Gathered,
                   now: datetime) -> Checklist:
    """Every blocker and warning for this pack at `now`."""
    stories = chosen.stories
    blockers = [f"story left out: {line}" for line in chosen.blocked]
    blockers += _answer_blockers(award, drafted.answers)
    blockers += gathered.missing
    blockers += _attachment_blockers(award, gathered)
    if not stories:
        blockers.append("no stories: the award file selects no story in review or published")
    warnings = list(_metric_warnings(award, stories))
    warnings += [f"{q} left out (no consent: true)" for q in drafted.quotes_left_out]
    warnings += [_image_warning(image) for image in drafted.images_left_out]
    warnings += [_html_warning(markup) for markup in drafted.html_left_out]
    warnings += [_link_warning(reduced) for reduced in drafted.links_reduced]
    warnings += [_repeated_warning(repeated) for repeated in drafted.repeated_sections]
    warnings += [_missing_warning(missing) for missing in drafted.missing_sections]
    warnings += [f"story left out: {line}" for line in chosen.left_out]
    warnings += [f"file renamed: {line}" for line in gathered.renamed]
    warnings += [f"{line} is sent with its camera data (when and where it was taken, the camera): "
                 "its format keeps it; save it as JPEG or PNG to send it without"
                 for line in gathered.camera_data]
    warnings += [f"{line} is a file a browser runs (it may hold a script) when a judge opens "
                 "it: send a PDF or PNG of it instead" for line in gathered.active]
    deadline_blocker, deadline_warning = _deadline(award, now)
    blockers += deadline_blocker
    warnings += deadline_warning
    return Checklist(blockers, warnings)


def _answer_blockers(award: Award, answers: list[Answer]) -> Iterator[str]:
    tolerance = award.entry.tolerance
    for answer in answers:
        qid = answer.question.id
        if answer.markdown is None:
            yield f"{qid}: no answer yet: write {award.path.rsplit('.', 1)[0]}/{qid}.md"
        elif not answer.markdown.strip():
            yield f"{qid}: the answer is empty{_why_empty(answer)}"
        elif answer.over(tolerance):
            allowed = f" ({answer.allowed(tolerance)} with the {_percent(tolerance)} tolerance)" \
                if tolerance else ""
            yield f"{qid}: {answer.usage}{allowed}"


def _why_empty(answer: Answer) -> str:
    """What an empty drafted answer was drafted from, so the fix is plain."""
    compose = answer.question.compose
    if answer.origin != "drafted" or compose is None:
        return ""
    if compose.kind == "section":
        return f': no story in the pack has text under the heading "{compose.heading}"'
    found = {"summary": "a summary", "metrics": "metrics", "quotes": "a quote with consent"}
    return f": no story in the pack has {found.get(compose.kind, compose.kind)}"


def _image_warning(image: ImageLeftOut) -> str:
    shown = (f'its alt text "[{image.alt}]" stands in and counts towards the limit'
             if image.alt else "it had no alt text")
    return (f"{image.question}: image left out of the answer ({image.path}): {shown}; "
            "use the lead image or evidence instead")


def _html_warning(markup: HtmlLeftOut) -> str:
    tags = ", ".join(tag.strip("<>") for tag in markup.tags)
    return (f"{markup.question}: raw HTML left out of the answer ({markup.path}): {tags}; "
            "an entry form takes text: write what it showed as text")


def _link_warning(reduced: LinkReduced) -> str:
    links = "a link keeps its words" if reduced.count == 1 \
        else f"{reduced.count} links keep their words"
    return (f"{reduced.question}: {links} only ({reduced.path}): it leads to a story or "
            "file not in the entry, or to nothing a judge can open (no public page on the "
            "site); name what it showed in words, or link a public page")


def _repeated_warning(repeated: RepeatedSection) -> str:
    return (f'{repeated.question}: {repeated.path} has {repeated.count} sections headed '
            f'"{repeated.heading}": the answer holds all {repeated.count}, in order; '
            "if one should have another heading, rename it")


def _missing_warning(missing: MissingSection) -> str:
    what = (f'nothing under its heading "{missing.heading}"' if missing.empty
            else f'no section headed "{missing.heading}"')
    return f"{missing.question}: {missing.path} has {what}: it adds nothing to this answer"


def _percent(fraction: float) -> str:
    return f"{fraction * 100:g}%"


def _attachment_blockers(award: Award, gathered: Gathered) -> Iterator[str]:
    """The files the pack offers as attachments (evidence and lead images) against the
    award's limits: number, format and size."""
    limits = award.entry.attachments
    if limits is None:
        return
    files = gathered.evidence + gathered.images
    if limits.max_files is not None and len(files) > limits.max_files:
        yield (f"attachments: {len(files)} files to attach ({_count(len(gathered.evidence), 'evidence file')}, "
               f"{_count(len(gathered.images), 'lead image')}), the award allows {limits.max_files}")
    formats = {_format(f) for f in limits.formats}
    for item in files:
        suffix = item.member.rsplit(".", 1)[-1].lower() if "." in item.member.rsplit("/", 1)[-1] else ""
        if formats and _format(suffix) not in formats:
            yield (f"attachments: {item.member}: .{suffix} files are not accepted "
                   f"(accepted: {', '.join(limits.formats)})")
        if limits.max_mb_each is not None and item.size > limits.max_mb_each * _MB:
            yield f"attachments: {item.member}: {over_size(item.size, limits.max_mb_each)}"


def over_size(size: int, limit_mb: float) -> str:
    """A file's size against a limit in MB, each shown precisely enough to tell them apart,
    e.g. '2.3 KB, over the 0.001 MB limit (1.0 KB)' or '5.01 MB, over the 5 MB limit'."""
    limit = limit_mb * _MB
    unit, name = (_MB, "MB") if size >= _MB else (1024, "KB") if size >= 1024 else (1, "bytes")
    for digits in (0,) if unit == 1 else (1, 2, 3):
        if round(size / unit, digits) > limit / unit:
            beside = "" if name == "MB" else f" ({limit / unit:,.{digits}f} {name})"
            return f"{size / unit:,.{digits}f} {name}, over the {limit_mb:g} MB limit{beside}"
    # a few bytes over: only the bytes tell them apart
    return f"{size:,} bytes, over the {limit_mb:g} MB limit ({math.floor(limit):,} bytes)"


def _format(name: str) -> str:
    """A format as an award lists it: lower case, no dot; jpeg is jpg, tif is tiff."""
    name = name.lower().lstrip(".")
    return _SAME_FORMAT.get(name, name)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _metric_warnings(award: Award, stories: list[Story]) -> Iterator[str]:
    period = award.entry.period
    qualifying = (period.start, period.end) if period else None
    for story in stories:
        for metric in story.meta.metrics:
            name = f"{story.path}: metric {metric.key}"
            if not metric.source:
                yield f"{name} has no source"
            if not metric.verified:
                yield f"{name} is not verified"
            if qualifying is None:
                continue
            if metric.period is None:
                yield (f"{name} has no period: judges cannot tell whether it falls in the "
                       f"qualifying period {qualifying[0].isoformat()} to "
                       f"{qualifying[1].isoformat()} (add period:, e.g. period: 2025-26)")
                continue
            span = parse_period(metric.period)
            if span is None:
                yield f'{name}: period "{metric.period}" could not be checked against the award\'s period'
            elif not overlaps(span, qualifying):
                yield (f'{name}: period "{metric.period}" is outside the qualifying period '
                       f"{qualifying[0].isoformat()} to {qualifying[1].isoformat()}")


def _deadline(award: Award, now: datetime) -> tuple[list[str], list[str]]:
    deadline = award.entry.deadline
    if deadline is None:
        return [], ["no deadline in the award file"]
    local = uk_time(deadline)  # as `showcase awards` shows it
    shown = f"{local.day} {local:%B} {local.year} {local:%H:%M} {local.tzname() or ''}".strip()
    if deadline_passed(deadline, now):
        return [f"deadline passed: {shown}"], []
    return [], [f"{time_to_go(deadline, now)} to the deadline ({shown})"]


def days_left(deadline: datetime, now: datetime) -> int:
    """Whole days from `now` to `deadline`, rounded up (0 on the day itself)."""
    return max(0, math.ceil((deadline - now).total_seconds() / 86400 - 1e-9)) if deadline > now else 0


def time_to_go(deadline: datetime, now: datetime) -> str:
    """"3 days", "1 day", or "less than a day" before a deadline that has not passed."""
    if deadline - now < timedelta(days=1):
        return "less than a day"
    days = days_left(deadline, now)
    return f"{days} day{'s' * (days != 1)}"
