"""The clock: `--now` / SHOWCASE_NOW for embargoes and deadlines, SOURCE_DATE_EPOCH for outputs."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime

from generator.model.common import OUT_OF_RANGE, UK, in_range, parse_deadline
from generator.problems import UsageProblem


def now(explicit: str | None = None) -> datetime:
    """The instant that embargoes and deadlines are judged against: a date-time (UK time when
    it has no UTC offset), or a date meaning the end of that day, UK time."""
    text = explicit or os.environ.get("SHOWCASE_NOW")
    if not text:  # an empty --now is refused by the commands (`cli.common.NowText`)
        return datetime.now(UTC)
    try:
        moment = _instant(text.strip())
    except Exception:
        raise UsageProblem(
            f"{NOW_NAMED}expected a date-time like 2026-03-01T09:00 (UK time), "
            f'2026-03-01T09:00:00+00:00 (with its UTC offset) or a date, got "{text}"'
        ) from None
    if not in_range(moment):
        raise UsageProblem(f'{NOW_NAMED}"{text}" is out of range: {OUT_OF_RANGE}')
    return moment


NOW_NAMED = "--now / SHOWCASE_NOW: "
"""How `now`'s problems begin (mkdocs.yml's `now:` gives its own name instead)."""


def _instant(text: str) -> datetime:
    """A date alone (2027-01-15 or 20270115) is the end of that day; a week date
    (2027-W03-5) is refused, as award files refuse it."""
    compact = _COMPACT_DATE.fullmatch(text)
    if compact:
        text = "-".join(compact.groups())
    if "W" in text.upper().partition("T")[0]:
        raise ValueError("a week date")
    try:
        date.fromisoformat(text)
    except ValueError:
        return _aware(text)
    return parse_deadline(text)


_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")


def _aware(text: str) -> datetime:
    """A date-time as given; without a UTC offset, UK time (what a council officer means by
    --now 2026-07-15T23:30 in summer is 23:30 BST, not UTC)."""
    value = datetime.fromisoformat(text.strip())
    return value if value.tzinfo else value.replace(tzinfo=UK)


def build_time() -> datetime:
    """The timestamp written into outputs: SOURCE_DATE_EPOCH when set, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.strip():  # empty or blank: unset, as CI files often leave it
        try:
            seconds = int(epoch)
        except ValueError:
            raise UsageProblem(f'SOURCE_DATE_EPOCH must be whole seconds, got "{epoch}"') from None
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            raise UsageProblem(f'SOURCE_DATE_EPOCH must be a moment from the year 1 to 9999, got '
                               f'"{epoch}" (whole seconds since 1970-01-01: 1767225600 is '
                               '2026-01-01)') from None
    return datetime.now(UTC).replace(microsecond=0)


def site_build_time() -> datetime:
    """`build_time()` for a site: its sitemap.xml.gz records it in 32 bits (1970 to February
    2106); an empty SOURCE_DATE_EPOCH is taken as unset, which MkDocs itself cannot read, so
    it is removed from the environment."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.strip():
        del os.environ["SOURCE_DATE_EPOCH"]
    elif epoch is not None and _WHOLE.fullmatch(epoch) and not 0 <= int(epoch) <= GZIP_LAST:
        raise UsageProblem(f'SOURCE_DATE_EPOCH must be a moment from 1970 to 2106 for a site '
                           f'(its sitemap.xml.gz records it), got "{epoch}"')
    return build_time()


_WHOLE = re.compile(r"\s*[+-]?\d+\s*")


GZIP_LAST = 2**32 - 1
"""The last moment a gzip header holds (7 February 2106)."""

UK_ZONES = {"GMT", "BST"}


def uk_time(moment: datetime) -> datetime:
    """`moment` in UK time (named GMT or BST), or in UTC where UK time had no such name (before
    1847, "LMT"); as it is at the very ends of the calendar."""
    try:
        local = moment.astimezone(UK)
        return local if local.tzname() in UK_ZONES else moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return moment


def deadline_passed(deadline: datetime, now: datetime) -> bool:
    """Whether `deadline` is past at `now`: the deadline's own instant is still in time
    (a date's deadline is the end of that day, which `--now <that date>` is too)."""
    return now > deadline
