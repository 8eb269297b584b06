"""The CMS config comes from the story model: every field, required ones required, controlled lists."""

from __future__ import annotations

import json
import subprocess
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import BaseModel

from generator import cms
from generator.cms import bundle
from generator.model import StoryMeta
from generator.model.documented import field_docstrings
from generator.model.story import AwardOutcome, Status, Unit
from generator.project import Layout, discover
from tests.conftest import REPO, ProjectFactory, run_cli, story
from tests.publishing.conftest import tool, tool_env

#: hints written for the comms team where the model's own description is for developers
HINTS = {"image.alt": "Describe what the image shows for people who cannot see it. "
                      "Leave empty only for a purely decorative image.",
         "embargo": "Not public before this time. Pick it in UK time: it is saved with its UTC offset, e.g. "
                    "2026-12-01T09:00:00+00:00 in winter (GMT) or 2026-06-01T09:00:00+01:00 in summer (BST).",
         # a choice of Yes, No or (None), whose hint says when to leave it (editor33 F1)
         "awards.national": "Leave it at (None) when the award has an award file, which says whether "
                            "it is national, or when you are not sure: check then reminds you. "
                            "Otherwise choose Yes for a nationally recognised award, No for one that is not."}
SVELTIA_SCHEMA = REPO / "node_modules" / "@sveltia" / "cms" / "schema" / "sveltia-cms.json"


@pytest.fixture(scope="module")
def example() -> tuple[Layout, Any]:
    from generator.catalogue import collect
    from generator.clock import now

    catalogue = collect(discover(REPO), now("2026-11-26T12:00:00+00:00"))
    return catalogue.layout, catalogue.strategy


def _config(example: tuple[Layout, Any]) -> dict[str, Any]:
    return cms.cms_config(*example)


def _by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {field["name"]: field for field in fields}


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside `X`, `X | None` or `list[X]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _nested_model(argument)
        if found is not None:
            return found
    return None


def _assert_mirrors(model: type[BaseModel], fields: list[dict[str, Any]], path: str) -> int:
    named = _by_name(fields)
    checked = 0
    for name, info in model.model_fields.items():
        where = f"{path}{name}"
        assert name in named, f"{where} is missing from the CMS config"
        field = named[name]
        assert field["required"] is info.is_required(), where
        assert field["hint"] == HINTS.get(where, field_docstrings(model).get(name)), where
        checked += 1
        inner = _nested_model(info.annotation)
        if inner is not None:
            assert field["widget"] in ("object", "list"), where
            checked += _assert_mirrors(inner, field["fields"], f"{where}.")
    assert set(named) == set(model.model_fields), f"{path}: fields the model does not have"
    return checked


def test_every_story_field_is_in_the_cms_recursively(example: tuple[Layout, Any]) -> None:
    collection = _config(example)["collections"][0]
    fields = collection["fields"]
    assert fields[-1] == {"name": "body", "label": "Story", "widget": "markdown", "required": False,
                          "hint": fields[-1]["hint"]}
    checked = _assert_mirrors(StoryMeta, fields[:-1], "")
    assert checked == 18 + 10 + 5 + 4 + 2 + 4  # story, metric, quote, evidence, image, award result


def _options(field: dict[str, Any]) -> list[str]:
    assert field["widget"] == "select"
    return [option["value"] for option in field["options"]]


def test_controlled_lists_are_selects_with_exactly_the_allowed_values(example: tuple[Layout, Any]) -> None:
    fields = _by_name(_config(example)["collections"][0]["fields"])
    metric = _by_name(fields["metrics"]["fields"])
    award = _by_name(fields["awards"]["fields"])
    strategy = yaml.safe_load((REPO / "data" / "strategy.yml").read_text(encoding="utf-8"))
    assert _options(fields["status"]) == [status.value for status in Status]
    assert fields["status"]["default"] == "draft"
    assert _options(metric["unit"]) == [unit.value for unit in Unit]
    assert _options(metric["direction"]) == ["up", "down"]
    assert _options(award["result"]) == list(typing.get_args(AwardOutcome))
    assert _options(fields["outcomes"]) == [outcome["id"] for outcome in strategy["outcomes"]]
    assert fields["outcomes"]["multiple"] is True and fields["outcomes"]["min"] == 1


def test_widgets_match_the_field_types(example: tuple[Layout, Any]) -> None:
    fields = _by_name(_config(example)["collections"][0]["fields"])
    widgets = {name: field["widget"] for name, field in fields.items()}
    assert widgets == {
        "title": "string", "summary": "text", "date": "datetime", "status": "select", "embargo": "datetime",
        "slug": "string", "service": "string", "outcomes": "select", "tags": "list", "partners": "list",
        "authors": "list", "contact": "string", "image": "object", "metrics": "list", "quotes": "list",
        "evidence": "list", "awards": "list", "language": "string", "body": "markdown",
    }
    assert fields["date"]["format"] == "YYYY-MM-DD" and fields["date"]["time_format"] is False
    assert fields["title"]["maxlength"] == 120 and fields["summary"]["maxlength"] == 300
    image = _by_name(fields["image"]["fields"])
    assert image["src"]["widget"] == "image"
    metric = _by_name(fields["metrics"]["fields"])
    assert {metric[n]["widget"] for n in ("value", "baseline", "target")} == {"number"}
    assert metric["verified"] == {**metric["verified"], "widget": "boolean", "default": False}
    assert _by_name(fields["quotes"]["fields"])["consent"]["default"] is False
    evidence = _by_name(fields["evidence"]["fields"])
    assert evidence["path"]["widget"] == "file" and evidence["path"]["media_folder"] == "/evidence"
    assert evidence["public"]["default"] is False


def test_collection_workflow_and_media(example: tuple[Layout, Any]) -> None:
    config = _config(example)
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github" and config["backend"]["branch"] == "main"
    assert (config["media_folder"], config["public_folder"]) == ("stories/media", "media")
    collection = config["collections"][0]
    assert {k: collection[k] for k in ("folder", "slug", "extension", "format", "create")} == {
        "folder": "stories", "slug": "{{year}}-{{month}}-{{day}}-{{slug}}", "extension": "md",
        "format": "frontmatter", "create": True}


def test_the_editor_leaves_an_empty_optional_field_out(example: tuple[Layout, Any]) -> None:
    """preview27 P2: Sveltia writes an optional field left empty as `slug: ""`, which check
    refuses, unless its output options say otherwise; the bundled editor reads them there."""
    assert _config(example)["output"] == {"omit_empty_optional_fields": True}
    bundled = (SVELTIA_SCHEMA.parents[1] / "dist" / "sveltia-cms.js").read_text(encoding="utf-8")
    read = bundled.split("omit_empty_optional_fields:", 2)  # the schema's, then the reader's
    assert len(read) == 3 and ".output??{}" in read[2][:60]


def test_the_config_is_valid_for_sveltia_cms_and_a_wrong_one_is_not(example: tuple[Layout, Any]) -> None:
    validator = jsonschema.Draft7Validator(json.loads(SVELTIA_SCHEMA.read_text(encoding="utf-8")))
    config = yaml.safe_load(cms.config_text(_config(example)))
    assert [error.message for error in validator.iter_errors(config)] == []
    config["collections"][0]["fields"][0]["widget"] = 42
    assert list(validator.iter_errors(config))


def test_the_repository_comes_from_mkdocs_repo_url(tmp_path: Path) -> None:
    layout = Layout.defaults(tmp_path, site={"repo_url": "https://github.com/example-council/showcase"})
    assert cms.cms_config(layout, None)["backend"]["repo"] == "example-council/showcase"
    assert cms.cms_config(Layout.defaults(tmp_path), None)["backend"]["repo"] == cms.PLACEHOLDER_REPO


def test_site_files_publish_a_local_copy_of_the_cms(example: tuple[Layout, Any]) -> None:
    files = cms.site_files(*example)
    assert set(files) == {"admin/index.html", "admin/config.yml", "admin/sveltia-cms.js",
                          "admin/chunks/react-dom.js",
                          "admin/fonts/material-symbols-outlined-latin-wght-normal.woff2",
                          "admin/fonts/noto-mono-latin-400-normal.woff2",
                          "admin/fonts/source-sans-3-latin-wght-normal.woff2"}
    dist = REPO / "node_modules" / "@sveltia" / "cms" / "dist"
    script = (dist / "sveltia-cms.js").read_bytes()  # its CDN fonts pointed at admin/fonts/
    assert b"cdn.jsdelivr.net" in script and b"cdn.jsdelivr.net" not in files["admin/sveltia-cms.js"]
    for font in ("material-symbols-outlined-latin-wght-normal.woff2", "noto-mono-latin-400-normal.woff2",
                 "source-sans-3-latin-wght-normal.woff2"):
        assert f"url(fonts/{font})".encode() in files["admin/sveltia-cms.js"]
    symbols = REPO / "node_modules/@fontsource-variable/material-symbols-outlined/files"
    assert files["admin/fonts/material-symbols-outlined-latin-wght-normal.woff2"] == (
        symbols / "material-symbols-outlined-latin-wght-normal.woff2").read_bytes()
    page = files["admin/index.html"].decode("utf-8")
    assert '<script src="sveltia-cms.js"></script>' in page
    assert '<link href="config.yml" type="application/yaml" rel="cms-config-url">' in page
    assert "http" not in page.split("<body>")[1]
    assert yaml.safe_load(files["admin/config.yml"]) == _config(example)


def test_without_the_npm_package_no_admin_files_and_cms_says_how_to_install(
        make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle, "CMS_PACKAGE", "@sveltia/not-installed")
    root = make_project({"mkdocs.yml": "site_name: Test\n"})
    assert cms.site_files(discover(root), None) == {}
    result = run_cli("cms", "-p", str(root), "--out", str(root / "out"))
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == f"showcase: {bundle.INSTALL_HINT}"
    assert "npm install" in bundle.INSTALL_HINT
    assert not (root / "out").exists()


def test_showcase_cms_writes_the_admin_folder(make_project: ProjectFactory) -> None:
    root = make_project({"mkdocs.yml": "site_name: Test\n"})
    result = run_cli("cms", "-p", str(root), "--out", str(root / "out"))
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(root / "out").as_posix() for p in (root / "out").rglob("*") if p.is_file())
    assert written == ["admin/chunks/react-dom.js", "admin/config.yml",
                       "admin/fonts/material-symbols-outlined-latin-wght-normal.woff2",
                       "admin/fonts/noto-mono-latin-400-normal.woff2",
                       "admin/fonts/source-sans-3-latin-wght-normal.woff2",
                       "admin/index.html", "admin/sveltia-cms.js"]
    config = yaml.safe_load((root / "out" / "admin" / "config.yml").read_text(encoding="utf-8"))
    outcomes = _by_name(config["collections"][0]["fields"])["outcomes"]
    assert _options(outcomes) == ["earn-revenue", "shared-services"]
    assert "add repo_url: https://github.com/<owner>/<name> to mkdocs.yml" in result.output


def test_the_example_site_builds_strict_with_the_admin_files(example_project: Path) -> None:
    files = cms.write_admin(discover(example_project), None, example_project / "content")
    result = subprocess.run([tool("mkdocs"), "build", "--strict", "-q"], cwd=example_project, capture_output=True,
                            text=True, env=tool_env({"NO_MKDOCS_2_WARNING": "1"}), timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    for path in files:
        published = example_project / "site" / path.relative_to(example_project / "content")
        assert published.read_bytes() == path.read_bytes()


def test_a_relative_out_is_in_the_project_wherever_the_command_runs(
        make_project: ProjectFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`cms -p ../project` wrote dist/admin/ into the folder it ran in, and `export --out x`
    wrote x there, while pack and schema put a relative --out in the project (round 13)."""
    root = make_project({"mkdocs.yml": "site_name: Test\nplugins: [showcase]\n", "stories/a.md": story()})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert run_cli("cms", "-p", str(root)).exit_code == 0
    assert run_cli("cms", "-p", str(root), "--out", "editor").exit_code == 0
    assert run_cli("export", "-p", str(root), "--out", "opendata").exit_code == 0
    assert (root / "dist/admin/config.yml").is_file()
    assert (root / "editor/admin/config.yml").is_file()
    assert (root / "opendata/stories.json").is_file()
    assert list(elsewhere.iterdir()) == []
