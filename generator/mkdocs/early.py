"""A small site read and made while MkDocs starts.

MkDocs spends the first part of a build importing itself and its theme and reading
mkdocs.yml, on one core. `showcase build` forks a process as it starts (`Speculation`),
before MkDocs has read anything, which reads mkdocs.yml as check does, works out the settings
the plugin will get from MkDocs (`guess`), and reads the project and makes its pages with
them (the build's own process makes the story editor's files meanwhile). When the plugin
starts (`on_config`), it sends the settings MkDocs read: the process answers with what it
made when its guess was right, and makes it again with MkDocs' settings when not (an `!ENV`
value, a hook changing them). Either way the site is the one those settings make.
`mkdocs build`, which runs no code of ours before the plugin, forks the same work in
`on_config` (`Worker.early`).

This module imports only what that process needs: not MkDocs, which the other one imports
meanwhile.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit, urlunsplit

from generator import clock, forked
from generator.catalogue import Catalogue
from generator.problems import Problem, ShowcaseError
from generator.project import CONFIG_FILE, Layout, discover, plugin_options
from generator.site import Site, SiteOptions, generate
from generator.site.builder import no_charts, without_charts
from generator.site.sections import TocStyle
from generator.siteconfig import extension_options

if TYPE_CHECKING:
    from generator.model.strategy import Strategy

LayoutArgs = tuple[str, dict[str, Any], str, dict[str, Any]]
"""What a layout is made of besides the project's folder (`layout_args`)."""
MadeWith = tuple[SiteOptions, LayoutArgs]
"""The site's options and the layout's settings a small site is made with."""
Prepared = tuple[Catalogue, Site] | str
"""A site made by another process without its charts (`add_charts` gives them), or why the
site is not built."""
OPTION_DEFAULTS: dict[str, Any] = {
    "stories_dir": "stories", "awards_dir": "awards", "data_dir": "data",
    "evidence_dir": "evidence", "per_page": 20, "now": None, "search_full_text_limit": 500,
    "feed_items": 50, "cms": True}
"""The plugin's options as MkDocs fills them in (`config.ShowcaseConfig`; a test compares)."""
MIN_PAGES = 200
"""Fewer stories than this are read and made into pages by one process, forked early: a
larger site's are read and made in parts, by two (`generate`'s `elsewhere`)."""


def few_stories(folder: Path) -> bool:
    """Whether `folder` holds fewer stories than MIN_PAGES (counted no further): a site small
    enough to be read and made in one process, forked early."""
    return sum(1 for _ in itertools.islice(folder.rglob("*.md"), MIN_PAGES)) < MIN_PAGES


class _Theme(Protocol):
    @property
    def custom_dir(self) -> str | None: ...


class Settings(Protocol):
    """What the layout and the site's options take of MkDocs' reading of mkdocs.yml (an
    `MkDocsConfig`, or `guess`'s reading of the same settings)."""

    @property
    def config_file_path(self) -> str | None: ...
    @property
    def site_name(self) -> str: ...
    @property
    def site_url(self) -> str | None: ...
    @property
    def repo_url(self) -> str | None: ...
    @property
    def use_directory_urls(self) -> bool: ...
    @property
    def docs_dir(self) -> str: ...
    @property
    def mdx_configs(self) -> Mapping[str, Any]: ...
    @property
    def theme(self) -> _Theme: ...


def site_options(config: Settings, options: Mapping[str, Any]) -> SiteOptions:
    """The site's options from MkDocs' settings and the plugin's options."""
    return SiteOptions(per_page=options["per_page"], site_url=config.site_url or "",
                       site_name=config.site_name, directory_urls=config.use_directory_urls,
                       search_full_text_limit=options["search_full_text_limit"],
                       toc=TocStyle.of(config.mdx_configs.get("toc")))


def layout_args(config: Settings, options: Mapping[str, Any]) -> LayoutArgs:
    """mkdocs.yml's name, what the layout holds of MkDocs' reading of it (the story editor
    saves to `repo_url`; the links of the theme's `custom_dir` are judged), the pages'
    folder and the plugin's options."""
    held = {"site_name": config.site_name, "site_url": config.site_url or "",
            "repo_url": config.repo_url or "",
            "theme": {"custom_dir": config.theme.custom_dir or ""}}
    return (Path(config.config_file_path or CONFIG_FILE).name, held, config.docs_dir,
            dict(options))


def layout(root: Path, name: str, mkdocs: dict[str, Any], docs_dir: str,
           options: dict[str, Any]) -> Layout:
    """The project's layout: mkdocs.yml (`name`) read as check reads it, then `mkdocs`."""
    settings, warnings = read_settings(root, name)  # read once, as check reads them
    return Layout.defaults(root, options, {**settings, **mkdocs}, content=docs_dir,
                           problems=warnings)


def read_settings(root: Path, name: str) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    """mkdocs.yml's settings as check reads them (its validation levels judge the pages'
    links), and check's warnings about it (the story editor not installed, say), for the build
    to print as check does; its errors are MkDocs' or the plugin's own refusals."""
    try:
        found = discover(root, name)
    except ShowcaseError:
        return {}, ()
    return found.site, tuple(problem for problem in found.problems if not problem.is_error)


def prepare(made_with: Callable[[], Layout], now: datetime, options: SiteOptions) -> Prepared:
    """Read the project and make its site: everything but the dashboard's charts, which the
    build's own process draws or has drawn (a process of their own)."""
    try:
        catalogue, site = generate(made_with(), now, options, no_charts)
    except ShowcaseError as exc:
        return refusal(exc)
    return catalogue, without_charts(site)


def refusal(exc: ShowcaseError) -> str:
    return "\n".join([str(exc), *map(str, exc.problems)])


def editor_files(project: Layout, strategy: Strategy | None, wanted: bool) -> dict[str, bytes]:
    """The story editor's files (admin/) when `cms` is on and its npm package installed."""
    if not wanted:
        return {}
    from generator import cms

    return cms.site_files(project, strategy)


def make(root: Path, made_with: MadeWith, now: datetime) -> Prepared:
    """What `Speculation` makes: the site, with the settings `made_with`."""
    options, args = made_with
    return prepare(functools.partial(layout, root, *args), now, options)


@dataclass(frozen=True)
class _Read:
    """`guess`'s reading of MkDocs' settings (`Settings`)."""

    config_file_path: str
    site_name: str
    site_url: str | None
    repo_url: str | None
    use_directory_urls: bool
    docs_dir: str
    mdx_configs: dict[str, Any]
    theme: _ReadTheme


@dataclass(frozen=True)
class _ReadTheme:
    custom_dir: str | None


def guess(config_file: str, project: Layout, now_text: str | None,
          started: datetime) -> tuple[MadeWith, datetime] | None:
    """The settings and clock the plugin will make a small site with, worked out from
    mkdocs.yml as check reads it (`project`) the way MkDocs reads the same values; None when
    they cannot be told (MkDocs will refuse them, or they come from elsewhere)."""
    settings = project.site
    config_dir = os.path.dirname(config_file)
    try:
        theme = settings.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        if custom is not None and not isinstance(custom, str):
            return None
        read = _Read(
            config_file_path=config_file,
            site_name=_text(settings.get("site_name")),
            site_url=_url(settings.get("site_url"), is_dir=True),
            repo_url=_url(settings.get("repo_url")),
            use_directory_urls=_flag(settings.get("use_directory_urls", True)),
            docs_dir=os.path.abspath(os.path.join(config_dir, _text(settings.get("docs_dir",
                                                                              "docs")))),
            mdx_configs={"toc": extension_options(settings, "toc") or {}},
            theme=_ReadTheme(custom if custom is None or os.path.isabs(custom)
                             else os.path.join(config_dir, custom)))
        options = {**OPTION_DEFAULTS, **plugin_options(settings)}
        text = now_text or os.environ.get("SHOWCASE_NOW") or options["now"]
        now = clock.now(text) if text else started
    except (ValueError, TypeError, ShowcaseError):
        return None
    return (site_options(read, options), layout_args(read, options)), now


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(value)
    return value


def _url(value: object, is_dir: bool = False) -> str | None:
    """A URL as MkDocs' `URL` option gives it (a folder's with a closing slash)."""
    if value is None or value == "":
        return value
    parts = urlsplit(_text(value))
    if not (parts.scheme and parts.netloc):
        raise ValueError(value)
    if is_dir and not parts.path.endswith("/"):
        parts = parts._replace(path=f"{parts.path}/")
    return urlunsplit(parts)


class Speculation:
    """The process `showcase build` forks as it starts (see the module's notes)."""

    def __init__(self, child: forked.Child, root: Path) -> None:
        self._child = child
        self.root = root

    @classmethod
    def start(cls, config_file: str, project: Layout, now_text: str | None,
              started: datetime) -> Speculation | None:
        """Fork the process, when this one may fork and the project's stories are few (a
        larger site is read in two processes later on); None otherwise."""
        if not (forked.can_fork() and few_stories(project.stories)):
            return None
        root = Path(config_file).resolve().parent
        child = forked.Child.fork(_speculate, root, guess(config_file, project, now_text,
                                                          started))
        return cls(child, root) if child is not None else None

    def made(self, made_with: MadeWith, now: datetime) -> Callable[[], Prepared]:
        """Tell the process the settings MkDocs read; the returned function waits for the
        site made with them (made here if that process failed)."""
        child = self._child if self._child.send((made_with, now)) else None

        def result() -> Prepared:
            got = child.result() if child is not None else None
            return got[0] if isinstance(got, tuple) else make(self.root, made_with, now)
        return result

    def kill(self) -> None:
        """End the process, its work unwanted."""
        self._child.kill()


def _speculate(orders: Connection, root: Path,
               guessed: tuple[MadeWith, datetime] | None) -> tuple[Prepared]:
    made = make(root, *guessed) if guessed is not None else None
    wanted: tuple[MadeWith, datetime] = orders.recv()
    if made is None or wanted != guessed:
        made = make(root, *wanted)
    return (made,)
