"""A site's own theme templates (`theme.custom_dir`) never undo the escaping of story text:
a `main.html` extending Material's base.html printed `page.title | striptags`, which turned
an escaped `</title><script>` in a title back into tags (round 14)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import story
from tests.site.conftest import built_fine, site_project, write

TITLE = "Hi </title><script>alert(1)</script> <b>R&D</b>"


def test_a_custom_main_html_keeps_a_hostile_title_as_text(tmp_path: Path) -> None:
    files = site_project()
    files["mkdocs.yml"] = files["mkdocs.yml"].replace(
        "theme:\n", "theme:\n  custom_dir: overrides\n", 1)
    assert "custom_dir: overrides" in files["mkdocs.yml"]
    root = write(tmp_path / "p", {
        **files,
        "overrides/main.html": '{% extends "base.html" %}\n{% block announce %}HELLO{% endblock %}\n',
        "stories/a.md": story(slug="hostile", title=f'"{TITLE}"')})
    built = built_fine(root)
    page = built.html("stories/hostile/")
    assert "HELLO" in page  # the site's own main.html is the one used
    assert "<script>alert" not in page
    (title,) = re.findall(r"<title>(.*?)</title>", page, re.DOTALL)
    assert title.startswith("Hi &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; "
                            "&lt;b&gt;R&amp;D&lt;/b&gt; - ")


def test_a_custom_main_html_keeps_the_plugins_parts(tmp_path: Path) -> None:
    """Feed links, social metadata and a story's contents for narrow screens were in the
    plugin's main.html, which a site's own replaced: they live in its base.html now."""
    files = site_project()
    files["mkdocs.yml"] = files["mkdocs.yml"].replace(
        "theme:\n", "theme:\n  custom_dir: overrides\n", 1)
    body = "## Challenge\n\nA challenge.\n\n## Impact\n\nAn impact.\n"
    root = write(tmp_path / "p", {
        **files,
        "overrides/main.html": '{% extends "base.html" %}\n{% block announce %}HELLO{% endblock %}\n',
        "stories/a.md": story(slug="plain", body=body)})
    page = built_fine(root).html("stories/plain/")
    assert "HELLO" in page
    assert 'type="application/rss+xml"' in page
    assert '<meta property="og:title" content="A test story">' in page
    assert 'class="showcase-contents' in page


def test_a_site_on_mkdocs_own_theme_builds_story_pages_with_sections(tmp_path: Path) -> None:
    """A mkdocs.yml without a theme gets MkDocs' own theme: a story with sections (a table
    of contents) stopped the build with an internal error (Material's partials and `lang`)."""
    files = site_project()
    files["mkdocs.yml"] = re.sub(r"theme:\n(  .*\n)+", "", files["mkdocs.yml"])
    assert "theme" not in files["mkdocs.yml"]
    root = write(tmp_path / "p", {**files, "stories/a.md": story(slug="plain")})
    page = built_fine(root).html("stories/plain/")
    assert 'id="impact"' in page and "Table of contents" in page
