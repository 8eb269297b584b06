"""The theme's environment lists no hidden folder (Material's 14,000 `.icons`, walked on every
build only for MkDocs to drop them): the static files MkDocs publishes from the theme are the
same, and templates in hidden folders still load by name."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files, get_files

from tests.conftest import REPO


def _theme_files(config_file: Path, site: Path, env_of: str) -> list[tuple[str, str | None]]:
    config = load_config(config_file=str(config_file), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        env = config.theme.get_env()
        if env_of == "mkdocs":  # the loader MkDocs' own Theme.get_env gives
            env.loader = jinja2.FileSystemLoader(config.theme.dirs)
        files: Files = get_files(config)
        files.add_files_from_theme(env, config)
        return [(file.src_uri, file.abs_src_path) for file in files]
    finally:
        config.plugins.on_shutdown()


def test_the_theme_files_published_are_mkdocs_own_list(tmp_path: Path) -> None:
    ours = _theme_files(REPO / "mkdocs.yml", tmp_path / "a", "plugin")
    theirs = _theme_files(REPO / "mkdocs.yml", tmp_path / "b", "mkdocs")
    assert ours == theirs
    assert len(ours) > 20 and any(src.startswith("assets/javascripts/") for src, _ in ours)


def test_hidden_folders_are_not_listed_but_load(tmp_path: Path) -> None:
    config = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(tmp_path), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        env = config.theme.get_env()
    finally:
        config.plugins.on_shutdown()
    listed = env.list_templates()
    assert listed and not [name for name in listed if "/." in f"/{name}"]
    assert "main.html" in listed and "partials/footer.html" in listed
    icon = env.get_template(".icons/material/github.svg").render()
    assert icon.startswith("<svg")
