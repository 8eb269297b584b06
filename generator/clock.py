"""The clock: `--now` / SHOWCASE_NOW for embargoes and deadlines, SOURCE_DATE_EPOCH for outputs."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from generator.model.common import UK, parse_deadline
from generator.problems import UsageProblem


def now(explicit: str | None = None) -> datetime:
    """The instant that embargoes and deadlines are judged against."""
    text = explicit or os.environ.get("SHOWCASE_NOW")
    if not text:
        return datetime.now(UTC)
    try:
        return parse_deadline(text) if len(text.strip()) == 10 else _aware(text)
    except Exception:
        raise UsageProblem(
            f'--now / SHOWCASE_NOW: expected a date-time like 2026-03-01T09:00:00+00:00, got "{text}"'
        ) from None


def _aware(text: str) -> datetime:
    value = datetime.fromisoformat(text.strip())
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def build_time() -> datetime:
    """The timestamp written into outputs: SOURCE_DATE_EPOCH when set, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except ValueError:
            raise UsageProblem(f'SOURCE_DATE_EPOCH must be whole seconds, got "{epoch}"') from None
    return datetime.now(UTC).replace(microsecond=0)


UK_ZONES = {"GMT", "BST"}


def uk_time(moment: datetime) -> datetime:
    """`moment` in UK time (named GMT or BST), or in UTC where UK time had no such name (before
    1847, "LMT"); as it is at the very ends of the calendar."""
    try:
        local = moment.astimezone(UK)
        return local if local.tzname() in UK_ZONES else moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return moment
