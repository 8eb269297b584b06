"""Pure pack helpers: member names, periods, safe answers, the checklist of a broken image."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator import clock, project
from generator.catalogue import collect
from generator.pack import make_plan
from generator.pack.answers import safe_markdown
from generator.pack.archive import MemberRefused, Members
from generator.reading.periods import parse_period
from tests.conftest import NOW, story
from tests.pack.conftest import READY_AWARD, write_project


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "a/../b", "a\\b", "", "a//b", "C:/x"])
def test_unsafe_member_names_are_refused(name: str) -> None:
    with pytest.raises(MemberRefused):
        Members().add(name, b"")


def test_a_second_write_to_a_member_is_refused_ignoring_case() -> None:
    members = Members()
    members.add("evidence/A.pdf", b"1")
    with pytest.raises(MemberRefused, match="already in the pack"):
        members.add("evidence/a.pdf", b"2")


@pytest.mark.parametrize(("text", "span"), [
    ("2026", (date(2026, 1, 1), date(2026, 12, 31))),
    ("2025-26", (date(2025, 4, 1), date(2026, 3, 31))),
    ("2099-2100", (date(2099, 4, 1), date(2100, 3, 31))),
    ("2026-02", (date(2026, 2, 1), date(2026, 2, 28))),
    ("2026-03-14", (date(2026, 3, 14), date(2026, 3, 14))),
    ("2026-13", None), ("2025-27", None), ("Q5 2026", None), ("Summer 2026", None),
    ("Q1 2026", (date(2026, 1, 1), date(2026, 3, 31))),
])
def test_periods(text: str, span: tuple[date, date] | None) -> None:
    assert parse_period(text) == span


def test_raw_html_and_comments_never_reach_an_answer() -> None:
    text = "Hello <script>alert(1)</script><b onclick='x'>bold</b> <!-- note --> <https://a.example>"
    assert safe_markdown(text) == "Hello bold  <https://a.example>"


def test_an_unreadable_lead_image_is_a_blocker(tmp_path: Path) -> None:
    root = write_project(tmp_path, {
        "awards/ready.yml": READY_AWARD,
        "stories/ready-one.md": story(slug="ready-one", image="{src: media/x.png, alt: A map}"),
        "stories/media/x.png": b"\x89PNG\r\n\x1a\nnot really",
    })
    now = clock.now(NOW)
    plan = make_plan(collect(project.discover(root), now), "ready", now)
    assert "stories/ready-one.md: image: media/x.png cannot be read as an image" in \
        plan.checklist.blockers
    assert plan.gathered.images == []
