"""A real `showcase build`: the sharing files land in the site, and every address they
give for a page, image or evidence file is a file the site really has."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import NOW, run_cli
from tests.sharing.conftest import EPOCH, FILES, SITE_URL, Shared, write_project

MKDOCS = f"""\
site_name: Testshire stories
site_url: {SITE_URL}
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - showcase
"""
CONTENT = {
    "content/index.md": "# Testshire stories\n",
    "content/accessibility.md": "# Accessibility statement\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(tmp_path_factory.mktemp("built") / "project",
                         {"mkdocs.yml": MKDOCS, **CONTENT, **FILES})
    result = run_cli("build", "-p", str(root), "--site-dir", str(root / "site"), "--now", NOW,
                     env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 0, result.output
    return root / "site"


def test_the_built_site_holds_the_sharing_files_as_made(site: Path, shared: Shared) -> None:
    for path, content in shared.outputs.items():
        assert (site / path).read_bytes() == content, path


def test_every_page_head_links_the_feeds(site: Path) -> None:
    html = (site / "stories/alpha/index.html").read_text(encoding="utf-8")
    links = re.findall(r'<link rel="alternate" href="([^"]+)" type="([^"]+)"', html)
    assert links == [("../../feeds/rss.xml", "application/rss+xml"),
                     ("../../feeds/atom.xml", "application/atom+xml"),
                     ("../../feeds/feed.json", "application/feed+json")]


def test_every_address_in_the_open_data_is_a_file_of_the_site(site: Path) -> None:
    text = (site / "data/stories.json").read_text(encoding="utf-8")
    addresses = set(re.findall(re.escape(SITE_URL) + r'[^"\s]*', text))
    assert f"{SITE_URL}stories/alpha/evidence/pub.csv" in addresses
    assert f"{SITE_URL}stories/alpha/alpha.png" in addresses
    for address in sorted(addresses):
        path = site / address.removeprefix(SITE_URL)
        assert (path / "index.html" if address.endswith("/") else path).is_file(), address
    feed = json.loads((site / "feeds/outcomes/earn-revenue/feed.json").read_text("utf-8"))
    assert (site / feed["home_page_url"].removeprefix(SITE_URL) / "index.html").is_file()
