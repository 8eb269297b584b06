"""Round 33 (regress33): a link to a story whose file name holds spaces, written without <>
(`[the data story](partners/2026-05-01 data partnership.md)`), keeps its address in a pack
as it does on the site: Python-Markdown reads the spaces as the address's when no title in
quotes follows."""

from __future__ import annotations

from pathlib import Path

from tests.check.casefile import CONFIG
from tests.conftest import story
from tests.pack.conftest import build, write_project

AWARD = """\
name: Link Awards 2027
deadline: 2027-06-30
stories: [gis, data-partnership]
questions:
  - {id: impact, prompt: Impact, words: 500, compose: "section: Impact"}
"""
BODY = ("## Impact\n\nMore in [the data story](partners/2026-05-01 data partnership.md) and "
        '[again](partners/2026-05-01 data partnership.md "Its title").\n')


def test_a_link_to_a_file_name_with_spaces_keeps_its_address(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", {
        "mkdocs.yml": "site_url: https://showcase.test.example/\n" + CONFIG,
        "awards/links.yml": AWARD,
        "stories/2026-01-05-gis.md": story(slug="gis", title="GIS", body=BODY),
        "stories/partners/2026-05-01 data partnership.md": story(
            title="Data partnership", body="## Impact\n\nShared data.\n"),
    })
    pack = build(root, "links", tmp_path / "dist")
    answer = pack.text("answers/impact.md")
    site = "https://showcase.test.example/stories/data-partnership/"
    assert f"[the data story](<{site}>)" in answer, answer
    assert f'[again](<{site}> "Its title")' in answer, answer
    assert "a link keeps its words only" not in pack.text("CHECKLIST.md")
