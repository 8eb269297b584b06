"""mkdocs.yml read by check (generator/siteconfig.py) gives the verdict MkDocs gives.

The golden cases (tests/check/cases/config-*.yml) fix check's words; here every form is put
to MkDocs' own config loading too (strict, as `showcase build` loads it), so a form check
refuses that a build accepts, or the reverse, fails a test.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mkdocs.config import config_options as c
from mkdocs.config import load_config

from generator.mkdocs.config import Count, ShowcaseConfig
from generator.problems import ShowcaseError
from generator.project import FOLDER_OPTIONS, discover
from generator.siteconfig import OPTIONS, read_config

HEAD = "site_name: Test\ndocs_dir: content\ntheme: {name: material, font: false}\n"

#: (about, the plugins part of mkdocs.yml, whether a build accepts it)
FORMS = [
    ("bare name", "plugins:\n  - showcase\n", True),
    ("name with no options", "plugins:\n  - showcase:\n", True),
    ("empty options", "plugins:\n  - showcase: {}\n", True),
    ("mapping form", "plugins:\n  search: {}\n  showcase:\n    per_page: 5\n", True),
    ("least numbers", "plugins:\n  - showcase:\n      per_page: 1\n      feed_items: 1\n"
                      "      search_full_text_limit: 0\n", True),
    ("YAML 1.1 booleans", "plugins:\n  - showcase:\n      cms: no\n      enabled: yes\n", True),
    ("YAML 1.1 numbers", "plugins:\n  - showcase:\n      per_page: 0x10\n"
                         "      feed_items: 1_000\n", True),
    ("quoted date", 'plugins:\n  - showcase:\n      now: "2026-11-26"\n', True),
    ("quoted date-time", "plugins:\n  - showcase:\n      now: '2026-11-26T10:00:00+00:00'\n", True),
    ("empty values", "plugins:\n  - showcase:\n      per_page:\n      now:\n      cms:\n", True),
    ("!ENV", "plugins:\n  - showcase:\n      per_page: !ENV [SHOWCASE_TEST_UNSET, 5]\n", True),
    ("existing folders", "plugins:\n  - showcase:\n      stories_dir: stories\n"
                         "      awards_dir: awards\n      data_dir: data\n"
                         "      evidence_dir: evidence\n", True),
    ("no plugins", "", False),
    ("plugins without showcase", "plugins:\n  - search\n", False),
    ("plugins a name", "plugins: showcase\n", False),
    ("listed twice", "plugins:\n  - showcase\n  - showcase\n", False),
    ("turned off", "plugins:\n  - showcase:\n      enabled: false\n", False),
    ("enabled not a boolean", 'plugins:\n  - showcase:\n      enabled: "no"\n', False),
    ("two plugins in one item", "plugins:\n  - showcase:\n    per_page: 5\n", False),
    ("options a word", "plugins:\n  - showcase: lots\n", False),
    ("misspelt option", "plugins:\n  - showcase:\n      storys_dir: stories\n", False),
    ("per_page a word", "plugins:\n  - showcase:\n      per_page: lots\n", False),
    ("per_page 0", "plugins:\n  - showcase:\n      per_page: 0\n", False),
    ("per_page a fraction", "plugins:\n  - showcase:\n      per_page: 5.5\n", False),
    ("per_page quoted", 'plugins:\n  - showcase:\n      per_page: "5"\n', False),
    ("per_page true", "plugins:\n  - showcase:\n      per_page: true\n", False),
    ("per_page a list", "plugins:\n  - showcase:\n      per_page: [5]\n", False),
    ("feed_items 0", "plugins:\n  - showcase:\n      feed_items: 0\n", False),
    ("search limit -1", "plugins:\n  - showcase:\n      search_full_text_limit: -1\n", False),
    ("cms quoted", 'plugins:\n  - showcase:\n      cms: "yes"\n', False),
    ("cms a number", "plugins:\n  - showcase:\n      cms: 1\n", False),
    ("now a number", "plugins:\n  - showcase:\n      now: 5\n", False),
    ("now a date", "plugins:\n  - showcase:\n      now: 2026-11-26\n", False),
    ("now an unreal date", "plugins:\n  - showcase:\n      now: 2026-13-01\n", False),
    ("folder a number", "plugins:\n  - showcase:\n      stories_dir: 2026\n", False),
    ("tab", "plugins:\n\t- showcase\n", False),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("siteconfig")
    for folder in ("content", "stories", "awards", "data", "evidence"):
        (root / folder).mkdir()
    return root


def _check_accepts(text: str, root: Path) -> bool:
    try:
        read = read_config(text, root)
    except ShowcaseError:
        return False
    return not [p for p in read.problems if p.is_error]


def _mkdocs_accepts(text: str, root: Path) -> bool:
    """As `showcase build` loads mkdocs.yml (strict), and then needs the plugin (cli/build.py)."""
    config_file = root / "mkdocs.yml"
    config_file.write_text(text, encoding="utf-8")
    try:
        config = load_config(config_file=str(config_file), strict=True)
    except Exception:
        return False
    return "showcase" in config.plugins


@pytest.mark.parametrize(("about", "plugins", "accepted"), FORMS, ids=[f[0] for f in FORMS])
def test_check_and_mkdocs_give_one_verdict(about: str, plugins: str, accepted: bool,
                                           project: Path) -> None:
    text = HEAD + plugins
    assert _mkdocs_accepts(text, project) is accepted, about
    assert _check_accepts(text, project) is accepted, about


def test_a_now_mkdocs_loads_but_the_plugin_refuses_is_an_error(project: Path) -> None:
    text = HEAD + "plugins:\n  - showcase:\n      now: tomorrow\n"
    assert _mkdocs_accepts(text, project)  # a string: the plugin's on_config refuses it
    assert [p.message for p in read_config(text, project).problems] == [
        'expected a date-time like 2026-03-01T09:00 (UK time), 2026-03-01T09:00:00+00:00 '
        '(with its UTC offset) or a date, got "tomorrow"']


def test_options_are_the_plugins_own() -> None:
    schema = dict(ShowcaseConfig._schema)
    assert list(schema) == list(OPTIONS)
    defaults = ShowcaseConfig()
    defaults.load_dict({})
    assert defaults.validate() == ([], [])
    for name, option in OPTIONS.items():
        assert defaults[name] == option.default, name
        declared = schema[name]
        if isinstance(declared, c.Optional):
            declared = declared.option
        if isinstance(declared, Count):
            assert (int, declared.minimum) == (option.kind, option.minimum), name
        else:
            assert isinstance(declared, c.Type)
            assert (declared._type, None) == (option.kind, option.minimum), name
    assert FOLDER_OPTIONS == ("stories_dir", "awards_dir", "data_dir", "evidence_dir")


def test_discover_reads_the_folders_as_the_plugin_does(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(HEAD + textwrap.dedent("""\
        plugins:
          search: {}
          showcase:
            stories_dir: news
            awards_dir:
        """), encoding="utf-8")
    layout = discover(tmp_path)
    assert (layout.stories, layout.awards) == (tmp_path.resolve() / "news",
                                               tmp_path.resolve() / "awards")
    assert [(p.line, p.field, p.severity.value) for p in layout.problems] == [
        (7, "plugins.showcase.stories_dir", "warning")]


def test_check_imports_no_mkdocs() -> None:
    code = ("import sys, generator.catalogue, generator.siteconfig, generator.cli.check; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout
    assert found.strip() == "[]"


def test_cms_true_without_the_editor_installed_is_said(project: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The site was built without admin/ and nothing said so (round 13)."""
    from generator.cms import bundle

    text = HEAD + "plugins:\n  - showcase:\n      cms: true\n"
    assert not read_config(text, project).problems  # installed here (node_modules)
    monkeypatch.setattr(bundle, "CMS_PACKAGE", "@sveltia/not-installed")
    (found,) = read_config(text, project).problems
    assert (found.line, found.field, found.is_error) == (6, "plugins.showcase.cms", False)
    assert found.message == (
        "the story editor (admin/) will not be published: its script is not installed; run "
        "`npm install` in the repository (package.json lists @sveltia/not-installed), or "
        "write cms: false")
    assert not read_config(HEAD + "plugins:\n  - showcase:\n      cms: false\n", project).problems
