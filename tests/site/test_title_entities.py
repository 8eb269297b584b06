"""A title is text: one written "Fish &amp; chips" reads so on its page too, as in listings,
feeds and social metadata (the page's heading, <title> and search showed "Fish & chips";
round 15)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import story
from tests.site.conftest import built_fine, site_project, write

SHOWN = "Fish &amp;amp; chips &amp;lt;3 &amp; more &amp;#60; &amp;#x3C;"
"""The title `Fish &amp; chips &lt;3 & more &#60; &#x3C;` as HTML that shows it as written."""


def test_an_entity_in_a_title_reads_as_written_everywhere(tmp_path: Path) -> None:
    root = write(tmp_path / "p", {**site_project(), "stories/a.md": story(
        slug="fish", title='"Fish &amp; chips &lt;3 & more &#60; &#x3C;"')})
    built = built_fine(root)
    page = built.html("stories/fish/")
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", page) == [SHOWN]
    assert re.findall(r"<title>(.*?) - ", page) == [SHOWN]
    assert re.findall(r'og:title" content="([^"]*)"', page) == [SHOWN]
    assert SHOWN in built.html("stories/")
    index = json.loads((built.site / "search/search_index.json").read_text(encoding="utf-8"))
    assert SHOWN in [doc["title"] for doc in index["docs"] if doc["location"] == "stories/fish/"]
