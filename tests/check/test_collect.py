"""The core's `collect` leaves the interpreter as it found it."""

from __future__ import annotations

import gc

from generator import project
from generator.catalogue import collect
from generator.clock import now
from tests.conftest import NOW, ProjectFactory, story


def test_collect_restores_the_cycle_collector(make_project: ProjectFactory) -> None:
    root = make_project({"stories/x.md": story()})
    layout = project.discover(root)
    assert gc.isenabled()
    assert [s.slug for s in collect(layout, now(NOW)).stories] == ["x"]
    assert gc.isenabled()
    gc.disable()
    try:
        collect(layout, now(NOW))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collect_restores_the_cycle_collector_with_unreadable_files(make_project: ProjectFactory) -> None:
    root = make_project({"stories/x.md": b"---\ntitle: \xe9\n---\n"})
    catalogue = collect(project.discover(root), now(NOW))
    assert [str(p) for p in catalogue.errors] == [
        'stories/x.md:2: is not UTF-8 text (byte 0xE9 cannot be read: it is "é" saved as '
        "Windows-1252); save the file with UTF-8 encoding (Save As, Encoding: UTF-8; in Excel, "
        "CSV UTF-8)"
    ]
    assert gc.isenabled()


def test_an_award_selects_tags_and_services_in_any_case_or_spacing(
        make_project: ProjectFactory) -> None:
    """The site lists "ICT and Digital" and "ict and digital" as one service: an award's
    selection does too (it used to match exact spellings only, and the pack had no story)."""
    from generator.pack.selection import choose

    root = make_project({
        "stories/a.md": story(title="Mapped", slug="a", service='"ICT and Digital"',
                              tags="[GIS mapping]"),
        "stories/b.md": story(title="Other", slug="b", service="Waste", tags="[GIS mapping]"),
        "awards/x.yml": ("name: X\norganiser: O\ncategory: C\ndeadline: 2027-05-28T17:00:00+01:00\n"
                         "select: {services: [ict and  digital], tags: [gis MAPPING]}\n"
                         "questions:\n  - {id: q, prompt: Q, words: 100, compose: summary}\n"),
    })
    catalogue = collect(project.discover(root), now(NOW))
    award = catalogue.award("x")
    assert award is not None
    assert [s.slug for s in choose(catalogue, award).stories] == ["a"]
