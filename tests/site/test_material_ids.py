"""A body heading never takes the id of one of Material's own parts (`__search`, `__drawer`:
the page had two of each, and the heading's contents entry opened the search; round 13)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli, story
from tests.site.conftest import built_fine, site_project, write

BODY = ("## __search\n\nWords.\n\n## __drawer\n\nMore words.\n\n## Impact\n\n"
        "See [the first](#search) and [the second](#drawer).\n")


def test_material_ids_stay_materials(tmp_path: Path) -> None:
    root = write(tmp_path / "p", {**site_project(), "stories/a.md": story(slug="ids", body=BODY)})
    built = built_fine(root)
    page = built.html("stories/ids/")
    assert page.count('id="__search"') == 1 and page.count('id="__drawer"') == 1
    assert '<h2 id="search">__search</h2>' in page and '<h2 id="drawer">__drawer</h2>' in page
    assert 'href="#search"' in page and 'href="#drawer"' in page
    checked = run_cli("check", "-p", str(root))
    assert "#search" not in checked.output and "#drawer" not in checked.output, checked.output
    write(root, {"stories/a.md": story(slug="ids", body=BODY + "\n[toggle](#__search)\n")})
    assert "#__search" in run_cli("check", "-p", str(root)).output


def test_a_raw_elements_theme_id_is_removed_and_said(tmp_path: Path) -> None:
    body = '## Impact\n\n<span id="__search">x</span> and <span id="mine">y</span>\n'
    root = write(tmp_path / "p", {**site_project(), "stories/a.md": story(slug="raw", body=body)})
    page = built_fine(root).html("stories/raw/")
    assert page.count('id="__search"') == 1 and '<span id="mine">y</span>' in page
    assert ('warning: body: id="__search" attribute on <span> (ids starting '
            "with __ are the theme's own) is removed from the published page") \
        in run_cli("check", "-p", str(root)).output


def test_a_diagram_class_never_makes_a_page_load_a_script(tmp_path: Path) -> None:
    """<pre class="mermaid"> made Material load mermaid from unpkg.com (round 16)."""
    body = '## Impact\n\n<pre class="mermaid big">graph TD; C-->D</pre>\n'
    root = write(tmp_path / "p", {**site_project(), "stories/a.md": story(slug="chart", body=body)})
    built = built_fine(root)
    page = built.html("stories/chart/")
    assert "mermaid" not in page and '<pre class="big">graph TD; C--&gt;D</pre>' in page
    assert "mermaid" not in (built.site / "feeds/rss.xml").read_text(encoding="utf-8")
    assert 'class="mermaid" on <pre> (Material would load a diagram script from unpkg.com' \
        in run_cli("check", "-p", str(root)).output
