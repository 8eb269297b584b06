"""A site's own copyright line (Material's guide: override partials/copyright.html in
theme.custom_dir) keeps Showcase's footer link to the feeds and open data on every page; a
site's own partials/footer.html, where that link now lives, is told of by check (adopter36 F1)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli, story
from tests.site.conftest import built_fine, site_project, write

LINK = '<p class="showcase-footer-link"><a href="{}">Feeds and open data</a></p>'
COPYRIGHT = '<div class="md-copyright">OVERRIDE-MARKER © Council</div>\n'


def _project(tmp_path: Path, overrides: dict[str, str]) -> Path:
    files = site_project()
    files["mkdocs.yml"] = str(files["mkdocs.yml"]).replace(
        "theme:\n", "theme:\n  custom_dir: overrides\n", 1)
    assert "custom_dir: overrides" in files["mkdocs.yml"]
    return write(tmp_path / "p", {**files, **overrides, "stories/a.md": story(slug="kiosks")})


def test_a_site_copyright_override_keeps_the_footer_link(tmp_path: Path) -> None:
    root = _project(tmp_path, {"overrides/partials/copyright.html": COPYRIGHT})
    assert "partials" not in run_cli("check", "-p", str(root)).output
    built = built_fine(root)
    for page, href in [("", "./open-data/"), ("stories/kiosks/", "../../open-data/")]:
        html = built.html(page)
        assert "OVERRIDE-MARKER © Council" in html, page  # the site's own copyright line
        assert LINK.format(href) in html, page
        footer = html[html.index('<footer class="md-footer">'):html.index("</footer>")]
        assert footer.index("OVERRIDE-MARKER") < footer.index("showcase-footer-link"), page


def test_check_warns_that_a_site_footer_override_drops_the_link(tmp_path: Path) -> None:
    footer = f'<footer class="md-footer">{COPYRIGHT}</footer>\n'
    root = _project(tmp_path, {"overrides/partials/footer.html": footer})
    result = run_cli("check", "-p", str(root))
    assert result.exit_code == 0, result.output
    assert ("overrides/partials/footer.html: warning: theme.custom_dir: replaces Material's "
            "footer, and Showcase's with it, so no page links to the feeds and open data "
            "(open-data/) from its footer any more: change the copyright line in "
            "partials/copyright.html instead, or add "
            '{% include "partials/showcase-footer-links.html" %} after the line that includes '
            '"partials/copyright.html"') in result.output
