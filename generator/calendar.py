"""awards.ics: the award deadlines as an iCalendar file (RFC 5545).

Each event's UID is `<award id>@<the site>`: the host and path of mkdocs.yml's `site_url`
(`lgc-awards-2027@example.gov.uk/digital/showcase`), else the site name as a slug
(`lgc-awards-2027@example-borough-council`). It names the publishing site, so two councils'
calendars entering one award by the same file name do not clash (RFC 5545 wants a UID
unique everywhere), and it is the same in every build, so a subscribed calendar updates its
event instead of adding another. It is read from mkdocs.yml as written, not from the address
a preview is served at.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from generator import clock
from generator.catalogue import Award, Catalogue
from generator.story import make_slug

PRODID = "-//Showcase//Award deadlines//EN"
_LIMIT = 75
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def awards_ics(catalogue: Catalogue, now: datetime) -> bytes:
    """One event per award with a deadline, by award id; a passed one is marked closed."""
    stamp = _utc(clock.build_time())
    domain = uid_domain(catalogue.layout.site)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", "X-WR-CALNAME:Award deadlines"]
    for award in sorted(catalogue.awards, key=lambda a: a.id):
        if award.entry.deadline is not None:
            lines += _event(award, domain, stamp, now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def uid_domain(site: Mapping[str, Any]) -> str:
    """What follows the `@` of each event's UID, from mkdocs.yml's settings `site`: the host
    (lower case, with its port if written) and path of `site_url` without the closing slash;
    without a usable one (none, or `!ENV`, decided at build time), `site_name` as a slug;
    "showcase" when that gives nothing."""
    split = urlsplit(_text(site.get("site_url")).strip())
    host = split.netloc.rpartition("@")[2].lower()  # never a user name or password
    if host:
        return host + split.path.rstrip("/")
    return make_slug(_text(site.get("site_name"))) or "showcase"


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _event(award: Award, domain: str, stamp: str, now: datetime) -> list[str]:
    entry = award.entry
    assert entry.deadline is not None
    closed = " (closed)" if entry.deadline < now else ""
    name = f"{entry.name}: {entry.category}" if entry.category else entry.name
    description = _description(award, name)
    event = ["BEGIN:VEVENT", f"UID:{escape(f'{award.id}@{domain}')}", f"DTSTAMP:{stamp}",
             f"DTSTART:{_utc(entry.deadline)}",
             f"SUMMARY:{escape(f'Deadline: {name}{closed}')}",
             f"DESCRIPTION:{escape(description)}"]
    if entry.url:
        event.append(f"URL:{entry.url}")
    return [*event, "END:VEVENT"]


def _description(award: Award, name: str) -> str:
    """What the public may read: the award, who runs it and when entries close (UK time).
    Nothing about the council's own tools or files: the calendar is published."""
    entry = award.entry
    assert entry.deadline is not None
    local = clock.uk_time(entry.deadline)
    when = f"{local.day} {local:%B} {local.year} {local:%H:%M} {local.tzname() or ''}".strip()
    by = f", run by {entry.organiser}" if entry.organiser else ""
    return f"Entries close {when} for {name}{by}."


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape(text: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma; every kind of line break as \\n.

    A lone CR, U+2028 and the other breaks Python's `splitlines` knows would otherwise end the
    line in some readers and start a property or event; other control characters are dropped.
    """
    escaped = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROL.sub("", _LINE_BREAK.sub("\\\\n", escaped))


def fold(line: str) -> str:
    """Lines longer than 75 octets folded (CRLF + space), never inside a UTF-8 character."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = _LIMIT if not parts else _LIMIT - 1
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)
