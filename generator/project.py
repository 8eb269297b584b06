"""Where a showcase project keeps its files (contract section 1)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import siteconfig
from generator.problems import Problem, ShowcaseError
from generator.siteconfig import PLUGIN, read_config

CONFIG_FILE = siteconfig.CONFIG_FILE
FOLDER_OPTIONS = tuple(name for name, option in siteconfig.OPTIONS.items() if option.holds)


MEDIA = "media"
"""The story editor's media folder in the stories folder (stories/media/) and its public folder:
a picture put into a story's text is saved there and written /media/<file> (generator/cms/config.py),
which every output reads as that file (`bodylinks.picture_file`)."""

OUTSIDE = ".showcase-outside-the-project"
"""Where a folder option leading outside the project points instead (nothing is there)."""


def outside_project(path: Path, root: Path) -> bool:
    """Whether `path` (a folder option's folder) leads outside the project at `root`."""
    return not path.resolve().is_relative_to(root.resolve())


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
    problems: tuple[Problem, ...] = ()
    """What `showcase build` would refuse in mkdocs.yml (`siteconfig`), for check to report."""

    @property
    def theme_folder(self) -> Path | None:
        """The theme's own folder (mkdocs.yml's `theme: custom_dir:`), absolute, if one is
        named: MkDocs publishes its files other than templates as docs_dir's."""
        theme = self.site.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        return (self.root / custom).resolve() if isinstance(custom, str) and custom.strip() else None

    @property
    def media(self) -> Path:
        """The story editor's media folder (stories/media/): a picture put into a story's text
        is saved there and written from the site's root, /media/<file>."""
        return self.stories / MEDIA

    def relative(self, path: Path) -> str:
        """`path` relative to the project root, with forward slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    @classmethod
    def defaults(cls, root: Path, options: dict[str, Any] | None = None,
                 site: dict[str, Any] | None = None, content: str = "content",
                 problems: tuple[Problem, ...] = ()) -> Layout:
        root = root.resolve()
        opts = dict(options or {})

        def folder(option: str, default: str) -> Path:
            value = opts.get(option)
            path = root / str(default if value is None else value)  # None: MkDocs' default
            # a folder outside the project is refused (siteconfig says so) and never walked:
            # `stories_dir: /` would read the whole disk; this path holds nothing
            return path if not outside_project(path, root) else root / OUTSIDE / option

        return cls(
            root=root,
            content=root / content,
            stories=folder("stories_dir", "stories"),
            awards=folder("awards_dir", "awards"),
            data=folder("data_dir", "data"),
            evidence=folder("evidence_dir", "evidence"),
            options=opts,
            site=dict(site or {}),
            problems=problems,
        )


def discover(root: Path, config_file: str = CONFIG_FILE) -> Layout:
    """The layout of the project at `root`, read from its mkdocs.yml when there is one."""
    config_path = root / config_file
    if not config_path.is_file():
        return Layout.defaults(root)
    try:
        text = config_path.read_text(encoding="utf-8-sig")
    except (UnicodeDecodeError, OSError) as exc:
        raise ShowcaseError(f"{config_file} cannot be read: {exc}",
                            [Problem(config_file, None, None, f"cannot be read: {exc}")]) from None
    read = read_config(text, root, config_file)
    config = read.settings
    return Layout.defaults(root, plugin_options(config), config,
                           content=str(config.get("docs_dir", "docs")), problems=read.problems)


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The `showcase` plugin's options from a mkdocs.yml mapping."""
    plugins = config.get("plugins")
    entries = [plugins] if isinstance(plugins, dict) else plugins if isinstance(plugins, list) else []
    for entry in entries:  # MkDocs takes a list of plugins or a mapping of them
        if isinstance(entry, dict) and PLUGIN in entry:
            options = entry[PLUGIN]
            return dict(options) if isinstance(options, dict) else {}
    return {}
