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
        "stories/x.md:2: is not UTF-8 text (byte 0xE9 cannot be read); save the file with UTF-8 encoding"
    ]
    assert gc.isenabled()
