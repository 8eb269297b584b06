"""A mkdocs.yml without `nav:` (the README's settings): MkDocs' own nav listed every story in
the sidebar, titled from its file name ("Shared it desk income"), and each listing as a
section of one page (officer27 O7). Showcase gives such a site the nav the example has."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ProjectFactory, story
from tests.site.conftest import NAV, build, site_project


def _nav_links(page: str) -> list[str]:
    primary = page.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>\n</div>", 1)[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in
            re.findall(r'<a href="[^"]*" class="md-nav__link[^"]*">(.*?)</a>', primary, re.S)]


def test_a_site_without_a_nav_lists_its_sections_and_pages_not_its_stories(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    files = site_project()
    config = str(files["mkdocs.yml"])
    files["mkdocs.yml"] = config.split(NAV)[0]
    assert "nav:\n" not in files["mkdocs.yml"].replace("validation:\n  nav:", "")
    root = make_project({**files, "content/guides/how-we-work.md": "# How we work\n\nText.\n",
                         "content/404.md": "# Not here\n\nText.\n",  # no tab (hostile29 M1)
                         "stories/2026-03-14-shared-it-desk-income.md": story(
                             title="Shared IT desk earns £240,000")})
    site = tmp_path / "site"
    built = build(root, site)
    assert built.result.exit_code == 0, built.result.output
    page = (site / "stories/shared-it-desk-income/index.html").read_text()
    assert _nav_links(page) == ["Home", "Stories", "Outcomes", "Services", "Tags", "Years",
                                "Awards", "Dashboard", "About", "Accessibility statement",
                                "How we work", "Challenge", "Impact"]  # then its contents
    assert "Shared it desk" not in page
