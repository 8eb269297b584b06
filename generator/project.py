"""Where a showcase project keeps its files (contract section 1)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem, ShowcaseError

CONFIG_FILE = "mkdocs.yml"
FOLDER_OPTIONS = ("stories_dir", "awards_dir", "data_dir", "evidence_dir")


@dataclass(frozen=True)
class Layout:
    """The project's folders, all absolute."""

    root: Path
    content: Path
    stories: Path
    awards: Path
    data: Path
    evidence: Path
    options: dict[str, Any]
    """The showcase plugin's options from mkdocs.yml."""
    site: dict[str, Any]
    """site_name, site_url and other top-level settings from mkdocs.yml."""

    def relative(self, path: Path) -> str:
        """`path` relative to the project root, with forward slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    @classmethod
    def defaults(cls, root: Path, options: dict[str, Any] | None = None,
                 site: dict[str, Any] | None = None, content: str = "content") -> Layout:
        root = root.resolve()
        opts = dict(options or {})
        return cls(
            root=root,
            content=root / content,
            stories=root / str(opts.get("stories_dir", "stories")),
            awards=root / str(opts.get("awards_dir", "awards")),
            data=root / str(opts.get("data_dir", "data")),
            evidence=root / str(opts.get("evidence_dir", "evidence")),
            options=opts,
            site=dict(site or {}),
        )


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its folders only: MkDocs' own tags become None."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_multi_constructor("!", _ignore_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def discover(root: Path, config_file: str = CONFIG_FILE) -> Layout:
    """The layout of the project at `root`, read from its mkdocs.yml when there is one."""
    config_path = root / config_file
    if not config_path.is_file():
        return Layout.defaults(root)
    try:
        config = yaml.load(config_path.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader) or {}
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise ShowcaseError(f"{config_file} cannot be read: {exc}",
                            [Problem(config_file, None, None, f"cannot be read: {exc}")]) from None
    if not isinstance(config, dict):
        raise ShowcaseError(f"{config_file} must hold settings like 'site_name: ...'")
    return Layout.defaults(root, plugin_options(config), config,
                           content=str(config.get("docs_dir", "docs")))


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The `showcase` plugin's options from a mkdocs.yml mapping."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "showcase" in entry:
            options = entry["showcase"]
            return dict(options) if isinstance(options, dict) else {}
    return {}
