"""Listings count each story once, however its tags, outcomes or service are spelt."""

from __future__ import annotations

import re
from datetime import datetime

from generator import project
from generator.site.builder import SiteOptions, generate
from tests.conftest import NOW, ProjectFactory, story


def test_a_story_is_listed_once_under_tags_that_share_an_address(make_project: ProjectFactory) -> None:
    root = make_project({
        "stories/one.md": story(slug="one", title="One cloud story",
                                tags="[Cloud, cloud, ' CLOUD', C++, C#]",
                                outcomes="[earn-revenue, earn-revenue]"),
    })
    _, site = generate(project.discover(root), datetime.fromisoformat(NOW), SiteOptions())
    for page in ("tags/cloud/index.md", "tags/c/index.md", "outcomes/earn-revenue/index.md"):
        html = "".join(site.fragments.get(page, {}).values())
        assert len(re.findall(r'href="[./]*stories/one/"', html)) == 1, (page, html)
        assert "1 story," in html
