"""`showcase serve` says when a save fixes what a failed build stopped on (round 23, finding
4): the last line of the terminal was the error long after the preview was good again."""

from __future__ import annotations

import time
from pathlib import Path

from tests.conftest import ProjectFactory, story
from tests.site.conftest import site_project
from tests.site.test_serve import FIXED, _get, _rebuilt, _serving

STILL = ("ERROR: showcase: the preview still shows the last good build; it is rebuilt when a "
         "file is saved again")
BROKEN = "---\ntitle: Good title\n\tsummary: indented with a tab\n---\n"


def _said(log: Path, line: str, times: int = 1, within: float = 10) -> list[str]:
    """The log's lines once `line` is among them `times` times (or `within` seconds passed)."""
    deadline = time.monotonic() + within
    while True:
        lines = log.read_text(encoding="utf-8").splitlines()
        if lines.count(line) >= times or time.monotonic() > deadline:
            return lines
        time.sleep(0.2)


def test_a_good_build_after_a_failed_one_says_the_preview_is_fixed(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project({**site_project(), "stories/good.md": story(title="Good title")})
    log = tmp_path / "serve.log"
    with _serving(root, log) as site:
        page = f"{site}stories/good/"
        html = _get(page)
        (root / "stories/good.md").write_text(story(title="Saved title"), encoding="utf-8")
        _rebuilt(site, html)
        html = _get(page)
        assert "Saved title" in html
        time.sleep(1)
        assert FIXED not in log.read_text(encoding="utf-8")  # nothing was broken

        (root / "stories/good.md").write_text(BROKEN, encoding="utf-8")
        lines = _said(log, STILL)
        assert lines[-1] == STILL
        assert any(line.startswith("stories/good.md:3: not valid YAML") for line in lines)

        (root / "stories/good.md").write_text(story(title="Mended title"), encoding="utf-8")
        _rebuilt(site, html)
        html = _get(page)
        assert "Mended title" in html
        lines = _said(log, FIXED)
        assert lines[-1] == FIXED
        assert lines.count(FIXED) == 1

        (root / "stories/good.md").write_text(story(title="Later title"), encoding="utf-8")
        _rebuilt(site, html)
        assert "Later title" in _get(page)
        time.sleep(1)
        assert log.read_text(encoding="utf-8").splitlines().count(FIXED) == 1  # said once
