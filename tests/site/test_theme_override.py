"""A site's own theme templates (`theme.custom_dir`) never undo the escaping of story text:
a `main.html` extending Material's base.html printed `page.title | striptags`, which turned
an escaped `</title><script>` in a title back into tags (round 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_cli, story
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


@pytest.mark.parametrize(("theme", "host"), [
    ("", "cdnjs.cloudflare.com"), ("theme: {name: mkdocs}\n", "cdnjs.cloudflare.com"),
    ("theme: {name: readthedocs}\n", "cdnjs.cloudflare.com"),
    ("theme: {name: material}\n", "fonts.googleapis.com")])
def test_a_theme_never_loads_files_from_another_host(tmp_path: Path, theme: str, host: str) -> None:
    """MkDocs' own themes load highlight.js from a CDN, Material its fonts from Google, on
    every page: the build turns them off and check says so (round 15)."""
    files = site_project()
    files["mkdocs.yml"] = re.sub(r"theme:\n(  .*\n)+", theme, files["mkdocs.yml"])
    root = write(tmp_path / "p", {**files, "stories/a.md": story(slug="plain")})
    built = built_fine(root)
    pages = [path for path in built.site.rglob("*.html") if "admin" not in path.parts]
    assert pages and not [path for path in pages if host in path.read_text(encoding="utf-8")]
    assert f"loads {'its fonts' if 'google' in host else 'highlight.js'} from {host}" in \
        run_cli("check", "-p", str(root)).output


SETTINGS = """\
repo_url: https://github.com/example-council/showcase
extra:
  analytics: {provider: google, property: G-XXXXXXX}
extra_css: [https://cdn.example.org/a.css, local.css]
extra_javascript: [{path: "https://cdn.example.org/b.js", type: module}]
"""


def test_settings_that_load_from_elsewhere_are_left_out_and_said(tmp_path: Path) -> None:
    """repo_url made every page ask api.github.com for the stars; analytics, a remote logo,
    favicon, style sheet or script loaded from their hosts (round 16)."""
    files = site_project()
    files["mkdocs.yml"] = files["mkdocs.yml"].replace(
        "theme:\n", "theme:\n  logo: https://cdn.example.org/logo.png\n"
                    "  favicon: //cdn.example.org/favicon.ico\n", 1) + SETTINGS
    root = write(tmp_path / "p", {**files, "content/local.css": "p {}\n", "stories/a.md": story()})
    built = built_fine(root)
    pages = [path.read_text(encoding="utf-8") for path in built.site.rglob("*.html")
             if "admin" not in path.parts]
    for host in ("example.org", "github.com", "googletagmanager", "G-XXXXXXX"):
        assert not [page for page in pages if host in page], host
    assert any('href="local.css"' in page or 'local.css"' in page for page in pages)
    said = run_cli("check", "-p", str(root)).output
    for field in ("repo_url", "extra.analytics", "theme.logo", "theme.favicon", "extra_css",
                  "extra_javascript"):
        assert f"warning: {field}: " in said, field
    config = built.site / "admin" / "config.yml"
    if config.exists():  # the story editor (its npm package installed) still saves to the repo
        assert "repo: example-council/showcase" in config.read_text(encoding="utf-8")


def test_a_copyright_picture_from_elsewhere_and_cdn_emoji_are_said(tmp_path: Path) -> None:
    """copyright: '<img src="https://...">' loaded it on every page; pymdownx.emoji's default
    pictures come from cdnjs (round 17)."""
    files = site_project()
    files["mkdocs.yml"] += ("copyright: 'Council <img src=\"https://track.example.org/c.gif\" "
                            "alt=\"logo\">'\nmarkdown_extensions: [pymdownx.emoji]\n")
    root = write(tmp_path / "p", {**files, "stories/a.md": story()})
    built = built_fine(root)
    pages = [path.read_text(encoding="utf-8") for path in built.site.rglob("*.html")
             if "admin" not in path.parts]
    assert not [page for page in pages if "track.example.org" in page]
    assert any("Council logo" in page or "Council" in page for page in pages)
    said = run_cli("check", "-p", str(root)).output
    assert "warning: copyright: loads a picture from another host" in said
    assert "warning: markdown_extensions: pymdownx.emoji draws emoji with pictures" in said
