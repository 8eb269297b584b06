"""awards.ics: RFC 5545 lines, folding, escaping, stable UIDs, DTSTAMP from SOURCE_DATE_EPOCH."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import clock, project
from generator.calendar import awards_ics, escape, fold
from generator.catalogue import collect
from tests.conftest import NOW
from tests.pack.conftest import EPOCH


def test_example_calendar(example_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    now = clock.now(NOW)
    data = awards_ics(collect(project.discover(example_root), now), now)
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.decode().split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = data.decode().replace("\r\n ", "").split("\r\n")
    assert "UID:lgc-awards-2027@showcase" in unfolded
    assert "DTSTART:20270115T170000Z" in unfolded
    assert "DTSTART:20270528T225959Z" in unfolded  # 28 May 2027, end of the day UK time (BST)
    assert unfolded.count("DTSTAMP:20260101T000000Z") == 2
    assert ("SUMMARY:Deadline: UK IT Industry Awards 2027: Digital Transformation Project of "
            "the Year") in unfolded
    descriptions = [line for line in unfolded if line.startswith("DESCRIPTION:")]
    assert descriptions == [
        "DESCRIPTION:Entries close 15 January 2027 17:00 GMT for LGC Awards 2027: "
        "Technology\\, run by EMAP (LGC).",
        "DESCRIPTION:Entries close 28 May 2027 23:59 BST for UK IT Industry Awards 2027: "
        "Digital Transformation Project of the Year\\, run by BCS and Computing."]
    assert "URL:https://awards.lgcplus.com/" in unfolded


def test_the_public_calendar_names_no_internal_tool(example_root: Path) -> None:
    """awards.ics is published on the site: residents read it, not the comms team."""
    now = clock.now(NOW)
    text = awards_ics(collect(project.discover(example_root), now), now).decode()
    assert "showcase" not in text.replace("@showcase", "").replace("//Showcase//", "").lower()
    assert "pack" not in text.lower()


def test_text_escaping_and_folding_keep_characters_whole() -> None:
    assert escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    line = "SUMMARY:" + "é" * 60
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert all(len(p.encode()) <= 75 for p in parts[:1]) and all(len(p.encode()) <= 74 for p in parts[1:])
    assert "".join(parts) == line
