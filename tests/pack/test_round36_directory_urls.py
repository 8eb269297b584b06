"""Round 36 (adopter F2): with mkdocs.yml's `use_directory_urls: false` the site, feeds,
sitemap and open data give a story's page as `.../stories/<slug>/index.html`; an award
pack's answers (answers/*.md, *.txt, entry.html, entry.docx) give the same published
address, and keep `.../stories/<slug>/` with directory URLs on (the default)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.check.casefile import CONFIG
from tests.conftest import story
from tests.pack.conftest import Pack, build, write_project

SITE = "https://example.gov.uk/digital/showcase/"
AWARD = """\
name: Folder Awards 2027
deadline: 2027-06-30
stories: [parking, webchat]
questions:
  - {id: statement, prompt: Statement, words: 500, compose: "section: Impact"}
"""
BODY = "## Impact\n\nPayments moved online, as the [webchat](2026-03-01-webchat.md) did.\n"


def _pack(root: Path, settings: str) -> Pack:
    project = write_project(root / "project", {
        "mkdocs.yml": f"site_url: {SITE}\n{settings}" + CONFIG,
        "awards/folders.yml": AWARD,
        "stories/2026-04-01-parking.md": story(slug="parking", title="Parking", body=BODY),
        "stories/2026-03-01-webchat.md": story(slug="webchat", title="Webchat",
                                               body="## Impact\n\nAnswers in Welsh.\n"),
    })
    pack = build(project, "folders", root / "dist")
    assert pack.result.exit_code == 0, pack.result.output
    return pack


def _docx_targets(pack: Pack) -> str:
    with zipfile.ZipFile(io.BytesIO(pack.read("entry.docx"))) as docx:
        return docx.read("word/_rels/document.xml.rels").decode("utf-8")


@pytest.mark.parametrize(("settings", "address"), [
    ("use_directory_urls: false\n", f"{SITE}stories/webchat/index.html"),
    ("", f"{SITE}stories/webchat/"),
], ids=["index-html", "directory-urls"])
def test_a_story_link_gives_the_published_page_address(tmp_path: Path, settings: str,
                                                       address: str) -> None:
    pack = _pack(tmp_path, settings)
    answer = pack.text("answers/statement.md")
    assert f"[webchat](<{address}>)" in answer, answer
    assert address in pack.text("answers/statement.txt")
    entry = pack.text("entry.html")
    assert f'<a href="{address}" rel="noopener noreferrer">webchat</a>' in entry, entry
    assert f'Target="{address}"' in _docx_targets(pack)
    other = f"{SITE}stories/webchat/" + ("" if address.endswith("index.html") else "index.html")
    for name in ("answers/statement.md", "answers/statement.txt", "entry.html"):
        assert f"{other}\"" not in pack.text(name) and f"<{other}>" not in pack.text(name)
