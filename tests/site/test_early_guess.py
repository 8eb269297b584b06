"""`showcase build` reads a small site before MkDocs has read mkdocs.yml, with the settings
it works out from mkdocs.yml as check reads it (generator/mkdocs/early.py): they must be the
ones MkDocs gives the plugin, or the work is done twice (never wrongly: the plugin sends
MkDocs' settings, and a site made with others is made again)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator import clock, project
from generator.mkdocs import early
from generator.mkdocs.config import ShowcaseConfig
from tests.conftest import ProjectFactory, run_cli, story

STARTED = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)

PLAIN = """\
site_name: Testshire
docs_dir: content
theme: {name: material, font: false}
plugins: [search, showcase]
"""

EVERYTHING = """\
site_name: "Testshire Council: digital"
site_url: https://example.gov.uk/digital/showcase
repo_url: https://github.com/example/site
use_directory_urls: false
docs_dir: pages
theme:
  name: material
  font: false
  custom_dir: overrides
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
      separator: "_"
plugins:
  - search
  - showcase:
      per_page: 5
      stories_dir: tales
      cms: false
      now: "2026-01-01"
      feed_items: 3
"""

MAPPINGS = """\
site_name: T
site_url: https://example.gov.uk/
docs_dir: content
theme: {name: material, font: false}
markdown_extensions: {toc: {permalink: "#"}, attr_list: {}}
plugins: {search: {}, showcase: {search_full_text_limit: 0}}
"""

INHERITING = """\
INHERIT: base.yml
site_name: Inherited
plugins: [search, showcase]
"""

BASE = """\
site_url: https://base.example/showcase
docs_dir: content
theme: {name: material, font: false}
"""


def _project(root: Path, config: str, extra: dict[str, str] | None = None) -> Path:
    for folder in ("content", "pages", "overrides"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name, text in (extra or {}).items():
        (root / name).write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


def _mkdocs_reading(config_file: Path) -> early.MadeWith:
    """The settings the plugin gets from MkDocs, as it takes them in on_config."""
    config = load_config(config_file=str(config_file), strict=True)
    options = config.plugins["showcase"].config
    return early.site_options(config, options), early.layout_args(config, options)


@pytest.mark.parametrize("config, extra", [
    (PLAIN, None), (EVERYTHING, None), (MAPPINGS, None), (INHERITING, {"base.yml": BASE})],
    ids=["plain", "everything", "mappings", "inherit"])
def test_the_guess_is_what_mkdocs_reads(tmp_path: Path, config: str,
                                        extra: dict[str, str] | None) -> None:
    config_file = _project(tmp_path, config, extra)
    guessed = early.guess(str(config_file), project.discover(tmp_path), None, STARTED)
    assert guessed is not None
    assert guessed[0] == _mkdocs_reading(config_file)


def test_the_guess_takes_the_clock_as_the_plugin_does(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """--now, then SHOWCASE_NOW, then mkdocs.yml's `now:`, then when the build started."""
    monkeypatch.delenv("SHOWCASE_NOW", raising=False)
    plain = _project(tmp_path / "plain", PLAIN)
    dated = _project(tmp_path / "dated", EVERYTHING)

    def now(config_file: Path, now_text: str | None = None) -> datetime:
        guessed = early.guess(str(config_file), project.discover(config_file.parent), now_text,
                              STARTED)
        assert guessed is not None
        return guessed[1]

    assert now(plain) == STARTED
    assert now(dated) == clock.now("2026-01-01")
    assert now(dated, "2026-03-01T09:00") == clock.now("2026-03-01T09:00")
    monkeypatch.setenv("SHOWCASE_NOW", "2026-02-01")
    assert now(plain) == now(dated) == clock.now("2026-02-01")


def test_the_plugins_defaults_are_known(tmp_path: Path) -> None:
    options = ShowcaseConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    options.load_dict({})
    assert options.validate() == ([], [])
    assert dict(options) == early.OPTION_DEFAULTS


def test_settings_the_guess_cannot_know_are_mkdocs_own(make_project: ProjectFactory,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A site address from the environment (`!ENV`): check's reading does not have it, so
    the site made early is made again with MkDocs' settings; the pages carry that address."""
    monkeypatch.setenv("ZQX_SITE_URL", "https://from-the-environment.example/")
    root = make_project({
        "mkdocs.yml": PLAIN + 'site_url: !ENV [ZQX_SITE_URL, "https://fallback.example/"]\n',
        "content/index.md": "# Home\n",
        "stories/2026-01-05-a-story.md": story(title="A story", date="2026-01-05")})
    config_file = root / "mkdocs.yml"
    guessed = early.guess(str(config_file), project.discover(root), None, STARTED)
    assert guessed is not None and guessed[0] != _mkdocs_reading(config_file)
    result = run_cli("build", "-p", str(root), "--now", "2026-11-27")
    assert result.exit_code == 0, result.output
    page = (root / "site/stories/a-story/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://from-the-environment.example/stories/a-story/">' \
        in page
    assert "fallback.example" not in page
