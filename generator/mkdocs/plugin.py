"""The `showcase` MkDocs plugin: a thin adapter over generator.site (no logic of its own)."""

from __future__ import annotations

import functools
import html
import logging
import os
from collections.abc import Callable, Mapping, MutableMapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from jinja2 import Environment, FileSystemLoader
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.theme import Theme
from mkdocs.utils.templates import TemplateContext

from generator import clock, content, images, languages, sharing, templatecache
from generator.bodylinks import scrub
from generator.catalogue import Catalogue, strategy_as_read
from generator.mkdocs import alternates, early, escaping, navcache, worker
from generator.mkdocs.config import ShowcaseConfig
from generator.mkdocs.escaping import escape_meta
from generator.mkdocs.incremental import (
    CollectorPause,
    PageEntries,
    SiteOutputs,
    append_brief_entries,
    fold_search_entries,
    generated_page,
    merge_search_entries,
    write_search_languages,
)
from generator.mkdocs.worker import Worker
from generator.problems import ShowcaseError
from generator.project import FOLDER_OPTIONS, Layout, outside_project
from generator.reading import stories
from generator.sanitize import clean, strip_comments
from generator.site import BriefEntry, Site, SiteOptions, generate, urls
from generator.site.builder import HOME, PageHead, add_charts
from generator.site.render import fill, in_language
from generator.site.sections import PAGE_TITLES, Place, mend_search_titles
from generator.siteconfig import THIRD_PARTY, language_advice, loads_remote, remote

if TYPE_CHECKING:  # `serve` only: a build does not import them
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.api import BaseObserver

PACKAGE = Path(__file__).resolve().parent.parent
THEME_DIR = PACKAGE / "theme"
WARNINGS = logging.getLogger("showcase.warnings")
TOLD_AT_MOST = 20
"""A build prints this many of check's warnings, then how many more (a large project's
thousands would bury the build's own messages and take a second to print)."""
"""check's warnings of the project built (see `ShowcasePlugin._tell_warnings`)."""
ASSETS = {"assets/showcase/showcase.css": PACKAGE / "assets" / "showcase.css",
          "assets/showcase/showcase.js": PACKAGE / "assets" / "showcase.js"}
"""The site's own stylesheet and script (keyboard access to Material's menu, search, tables)."""


class ShowcasePlugin(BasePlugin[ShowcaseConfig]):  # type: ignore[no-untyped-call]
    """Adds the generated story pages, listings, dashboard and public files to the site."""

    clock_text: str | None = None
    """Set by `showcase build --now`; wins over SHOWCASE_NOW and the `now` option."""
    dirty: bool = False
    """Rebuilds are dirty (`showcase serve`): remember each page to skip unchanged ones."""

    def __init__(self) -> None:
        self.layout: Layout | None = None
        self.now: datetime | None = None
        self.catalogue: Catalogue | None = None
        self.site: Site | None = None
        self.previous: dict[str, tuple[object, ...]] = {}
        """Each generated page as the last good build made it (dirty rebuilds skip the same)."""
        self.told: set[str] = set()
        """The warnings logged by the last build (`_tell_warnings`)."""
        self.states: dict[str, tuple[object, ...]] = {}
        """Each generated page as this build makes it: `previous` once the build succeeds (a
        failed build may not have written them)."""
        self.outputs = SiteOutputs()
        """The site's files that builds wrote: a dirty rebuild removes those it no longer makes."""
        self.made: set[str] = set()
        """The site paths of this build's files (a dirty rebuild)."""
        self.brief: dict[str, BriefEntry] = {}
        """Brief search entries by page URL (stories past search_full_text_limit)."""
        self.rendered: set[str] = set()
        """URLs of the pages this build rendered (a dirty rebuild skips unchanged ones)."""
        self.current: set[str] = set()
        """URLs of every page of this build (a dirty rebuild forgets the search entries of
        pages that are gone)."""
        self.pause = CollectorPause()
        self.nav: Navigation | None = None
        self.worker = Worker()
        """Charts, sharing files and a share of the pages: in forked processes for `showcase
        build` and `mkdocs build`, in this one under `serve`."""
        self.handed: set[str] = set()
        """Source paths of the pages the worker converts and renders (this process reads
        only their headings and renders them as nothing)."""
        self.handed_files: list[File] = []
        self.built: tuple[Files, Environment] | None = None
        self.events: BaseObserver | None = None
        """Under `serve`, the native observer of the stories, awards and data folders."""
        self.sharing: worker.Share | None = None
        self.hand: _HandWritten | None = None
        self.made_nav: list[str | dict[str, str]] | None = None
        """The nav Showcase made for a mkdocs.yml without one (`_default_nav`): made again
        for a rebuild of the same settings, never in place of a nav a later build's settings
        give (MkDocs keeps a plugin from one build to the next in one process)."""
        """The project's own files of the site folder, by address (`_hand_written`)."""
        self.entries = PageEntries()
        """The search entries of each page, to put those the worker made in their places."""
        self.early: _Early | None = None
        """The site a process forked by `showcase build` as it started, or by `on_config`,
        makes."""
        self.speculation: early.Speculation | None = None
        """The process `showcase build` forked as it started (`early.Speculation`)."""
        self.started: datetime | None = None
        """When `showcase build` started: the clock, unless one is set (the process it
        forked judged embargoes by the same instant)."""
        self.root = Path()
        self.later: set[str] = set()
        """Source paths of the pages whose fragments wait for another process (`Site.later`)."""
        self.layout_args: early.LayoutArgs | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # defined so that `mkdocs serve` keeps this instance, and `previous`, across rebuilds
        if command == "build" and dirty:  # a fresh process knows no earlier build's pages
            raise PluginError("mkdocs build --dirty would leave the pages of a story that is no "
                              "longer public (set to draft, say) in the site folder: build "
                              "without --dirty (showcase serve rebuilds quickly for a preview)")
        self.dirty = dirty
        stories.MEMO.enabled = dirty  # rebuilds re-read only the stories that changed

    def on_shutdown(self) -> None:
        stories.MEMO.disable()
        self.pause.end()
        self._stop_worker()
        if self.events is not None:
            self.events.stop()
            self.events = None

    def _tell_warnings(self, catalogue: Catalogue) -> None:
        """Log check's warnings (an internal note never closed hides the rest of a story) to
        `showcase.warnings`, which `showcase build` and `serve` print: under serve, only the
        ones the previous build did not have. Not MkDocs' logger: a strict build would fail."""
        found = [str(p) for p in catalogue.problems if not p.is_error]
        new = [line for line in found if line not in self.told]
        for line in new[:TOLD_AT_MOST]:
            WARNINGS.info(line)
        if len(new) > TOLD_AT_MOST:
            WARNINGS.info(f"... and {len(new) - TOLD_AT_MOST} more warnings: showcase check "
                          "lists them all")
        self.told = set(found)

    def _languages(self, config: MkDocsConfig) -> dict[str, tuple[str, str]]:
        """The address of each public story page in a language of its own, with it and its
        direction (`incremental.SEARCH_LANGUAGES`)."""
        assert self.catalogue is not None and self.now is not None
        return {urls.page_url(urls.story(story.slug), config.use_directory_urls):
                (story.meta.language, languages.direction(story.meta.language))
                for story in self.catalogue.public_stories(self.now) if story.meta.language}

    def _tell_left_out(self, left_out: list[tuple[File, str]]) -> None:
        """Warn of each hand-written file left out for a page or file Showcase makes at its
        address (content/stories.md is published at stories/, the list of all stories),
        with that address ('page /stories/')."""
        assert self.layout is not None
        for file, address in left_out:
            assert file.abs_src_path is not None
            line = (f"{self.layout.relative(Path(file.abs_src_path))}: warning: "
                    f"{content.left_out(address)}")
            if line not in self.told:  # check's warnings, told already, most often say it
                WARNINGS.info(line)

    def _stop_worker(self) -> None:
        self.worker.stop()
        if self.early is not None:  # a build that failed before it wanted the early site
            self.early.discard()
            self.early = None
        if self.speculation is not None:
            self.speculation.kill()
            self.speculation = None
        self.handed, self.handed_files, self.built = set(), [], None

    @event_priority(100)  # first: a small site's reading starts before the other plugins' set-up
    def _start(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.dirty and self.previous:  # a rebuild under `showcase serve`
            self.pause.start()
        elif not self.dirty:  # the modules and settings: the processes forked here inherit it
            self.pause.freeze()
        self.root = root = Path(config.config_file_path or ".").resolve().parent
        options = {name: self.config[name] for name in FOLDER_OPTIONS}
        for name, value in options.items():  # as check says; the layout would read nothing
            if outside_project(root / str(value), root):
                raise PluginError(f'mkdocs.yml: plugins.showcase.{name}: "{value}" is outside '
                                  "the project folder: keep the folder inside it")
        try:
            text = self.clock_text or os.environ.get("SHOWCASE_NOW") or self.config.now
            self.now = clock.now(text) if text or self.started is None else self.started
            clock.site_build_time()  # `mkdocs build` too: MkDocs stops on one with a traceback
        except ShowcaseError as exc:
            raise PluginError(str(exc)) from None
        _theme_has_its_language(config)
        self.early = None
        speculation, self.speculation = self.speculation, None
        if not self.dirty:
            self.worker.start(root)
            if early.few_stories(Layout.defaults(root, options).stories):
                # a small site is read and made by a process forked as `showcase build`
                # started, or now, while the other plugins set up and MkDocs reads its own
                # files; a larger one reads and makes its parts in two processes later
                # (`generate`'s `elsewhere`)
                made_with = (early.site_options(config, self.config),
                             early.layout_args(config, self.config))
                self.early = self._early(made_with, speculation)
                speculation = None
        if speculation is not None:
            speculation.kill()
        return config

    def _early(self, made_with: early.MadeWith,
               speculation: early.Speculation | None) -> _Early:
        assert self.now is not None
        if speculation is not None:
            return _Early(made_with, speculation.made(made_with, self.now), speculation.kill)
        return _Early(made_with, self.worker.early(functools.partial(
            early.prepare, functools.partial(early.layout, self.root, *made_with[1]), self.now,
            made_with[0])), self.worker.discard)

    @event_priority(-100)  # last: what every plugin and hook has set is read, and judged
    def _settle(self, config: MkDocsConfig) -> MkDocsConfig:
        # the layout as mkdocs.yml has it, before the build turns off what loads from elsewhere
        self.layout_args = early.layout_args(config, self.config)
        self.layout = early.layout(self.root, *self.layout_args)
        # before MkDocs walks docs_dir (after on_config), following links: out of the project,
        # into private folders, or round a loop without end (check says the same)
        refused = content.links_refused(self.layout)
        if refused:
            raise PluginError(early.refusal(ShowcaseError(
                f"the site was not built: {len(refused)} error{'s' * (len(refused) != 1)} in "
                "the site's own folders (run showcase check for details)", refused)))
        _nothing_from_elsewhere(config)
        # after the site's own custom_dir (which stays first), before Material's templates
        dirs = config.theme.dirs
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        _list_no_hidden_folders(config.theme)
        for target in ASSETS:
            listed: list[Any] = config.extra_javascript if target.endswith(".js") else config.extra_css
            if target not in [str(item) for item in listed]:
                listed.append(target)
        return config

    on_config = CombinedEvent(_start, _settle)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.layout is not None and self.now is not None
        if not self.dirty:
            self.pause.freeze()
        self.catalogue, self.site, editor = self._made(early.site_options(config, self.config))
        self._tell_warnings(self.catalogue)
        self.sharing = worker.Share(self.catalogue, self.now, config.site_url or "",
                                    self.config.feed_items)
        self.states = {}
        self.rendered = set()
        stamp = _stamp(config)
        hand = _hand_written(files, config)
        for src, page_text in self.site.pages.items():
            state = (page_text, self.site.fragments.get(src), self.site.heads.get(src), stamp)
            _replace(files, generated_page(config, src, page_text, self.previous.get(src) != state),
                     hand)
            if self.dirty:
                self.states[src] = state
        self.brief = {found.url: entry for src, entry in self.site.brief.items()
                      if (found := files.get_file_from_path(src)) is not None}
        self.current = {_page_url(file) for file in files.documentation_pages()}
        for target, source in {**self.site.copies, **ASSETS}.items():
            try:
                published = _published(config, target, source, self.layout.relative(source))
            except ShowcaseError as exc:  # a picture removed since the stories were read
                raise PluginError(str(exc)) from None
            _replace(files, published, hand)
        self._tell_left_out([(left, _address(made)) for left, made in hand.left_out
                             if left.src_uri != HOME])  # the home page's text: read, not lost
        self.hand = hand
        # the site's own photos (content/) lose their camera data too, like the stories'
        docs = Path(config.docs_dir)  # a file linked in from elsewhere is the site's too
        for file in list(files):
            if file.generated_by is not None or not file.abs_src_path:
                continue
            source = Path(file.abs_src_path)
            if not source.is_relative_to(docs) or not (
                    images.is_stripped(source) or images.picture_kind(source) is not None):
                continue  # the theme's own files, or no picture (by its name or its bytes)
            try:
                _replace(files, _published(config, file.src_uri, source,
                                           self.layout.relative(source)))
            except ShowcaseError as exc:
                raise PluginError(str(exc)) from None
        alternates.narrow(files, config)
        for target, data in editor.items():  # the story editor (admin/), if installed
            if files.get_file_from_path(target) is None:  # one written by `showcase cms` wins
                files.append(File.generated(config, target, content=data))
        if config.nav is None or config.nav is self.made_nav:  # no nav: not every story in it
            config.nav = self.made_nav = _default_nav(files, self.site.pages)
        return files

    def _made(self, options: SiteOptions) -> tuple[Catalogue, Site, dict[str, bytes]]:
        """The catalogue, the site and the story editor's files: from the process forked
        early (`on_config`) when there is one and the site's options have not changed since
        (another plugin's `on_config` may change them), or made here."""
        assert self.layout is not None and self.now is not None
        made_early, self.early = self.early, None
        if made_early is not None and made_early.made_with != (options, self.layout_args):
            made_early.discard()  # another plugin's or a hook's on_config changed them
            made_early = None
        if made_early is not None:
            # the editor's files while the other process works: its outcomes are the
            # strategy's, as the catalogue reads it when the build goes on
            editor = early.editor_files(self.layout, strategy_as_read(self.layout),
                                        self.config.cms)
            made = made_early.result()
            if isinstance(made, str):
                raise PluginError(made)
            catalogue, site = made
            add_charts(site, catalogue, self.now, options, self.worker.draw)
            return catalogue, site, editor
        try:
            catalogue, site = generate(self.layout, self.now, options, self.worker.draw,
                                       self.worker.elsewhere)
        except ShowcaseError as exc:
            raise PluginError(early.refusal(exc)) from None
        return catalogue, site, early.editor_files(self.layout, catalogue.strategy,
                                                   self.config.cms)

    @event_priority(-100)  # last: the worker forked here must see the finished navigation
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.site is not None and self.sharing is not None
        self.nav = nav
        if not self.dirty:
            self.pause.freeze()  # before the pages process is forked
        unsearched = self.site.unsearched | set(self.site.brief)
        # an indexed page may move only if its search entries can come back (Material's search);
        # the dashboard stays, as its charts come from a process this one started
        self.later = later = self.site.later  # a set made once: pages ask for each page
        movable = (set(self.site.pages) if _search_entries(config) else unsearched) - later
        for src in sorted(later):  # rendered last: their charts are drawn meanwhile
            found = files.get_file_from_path(src)
            if found is not None:
                files.remove(found)
                files.append(found)
        wanted = [] if self.dirty else worker.files_to_hand_over(files, movable, unsearched)
        self.handed_files = self.worker.hand_over(wanted, self.sharing, config, files, nav,
                                                  self.entries)
        self.handed = {file.src_uri for file in self.handed_files}
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        # HTML comments are internal notes, in hand-written pages as in stories
        markdown = strip_comments(markdown)
        if page.file.src_uri in self.handed and not worker.IN_CHILD:
            return worker.skeleton(markdown)  # the worker converts it in full
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        assert self.site is not None
        self.rendered.add(page.url)
        src = page.file.src_uri
        # a listing is never indexed; a brief story is indexed by its brief entry (on_post_build)
        handed = src in self.handed and not worker.IN_CHILD  # the worker renders it
        if src in self.site.unsearched or src in self.site.brief or handed:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        if handed:
            page.meta["template"] = worker.SKIP_TEMPLATE
            return html
        if worker.TITLES_ONLY:
            return html
        if src not in self.site.pages:  # a hand-written page: no link may give away a draft
            html = scrub(html, self.site.linkable)
        places = self.site.places.get(src)
        if places:
            _add_places(page, places, self.site.heads.get(src))
        if src in self.later:  # filled when rendered (`_fill_later`), not waited for now
            return html
        head = self.site.heads.get(src)
        if head is not None:
            html = in_language(html, head.language, head.direction)
        # popped: each page is filled once per build, and a large site's HTML adds up
        return fill(html, self.site.fragments.pop(src, {}))

    @event_priority(100)  # before the search plugin reads the page's content
    def _fill_later(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                    nav: Navigation) -> TemplateContext:
        """A page whose fragments wait for another process (the dashboard's charts) gets
        them as it is rendered, the last of the pages, not as MkDocs reads it."""
        assert self.site is not None
        src = page.file.src_uri
        if src in self.later and page.content is not None and not worker.TITLES_ONLY:
            page.content = fill(page.content, self.site.fragments.pop(src))
        return context

    def _escape_meta(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                     nav: Navigation) -> TemplateContext:
        # MkDocs renders theme templates without autoescaping, and Material puts the page's
        # meta title and description into <title> and <meta> as they are: escape them here.
        escape_meta(page.meta)
        return context

    on_page_context = CombinedEvent(_fill_later, _escape_meta)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        assert self.catalogue is not None and self.site is not None and self.now is not None
        assert self.nav is not None
        # again, before any template is rendered: a hook's on_config may run after this
        # plugin's last one (event_priority below -100)
        _nothing_from_elsewhere(config)
        env.globals["showcase_heads"] = self.site.heads
        env.globals["showcase_links"] = sharing.head_links(self.catalogue, self.now)
        env.globals["showcase_page_links"] = self.site.alternates
        env.globals["showcase_footer"] = [(found.url, text) for src, text in self.site.footer.items()
                                          if (found := files.get_file_from_path(src)) is not None]
        templatecache.keep(env)
        escaping.install(env)
        navcache.install(env, config, self.nav, THEME_DIR)
        self.built = (files, env)
        if self.dirty:  # the files this build writes; those of earlier builds go at the end
            self.made = {file.dest_uri for file in files}
            self.outputs.expect(self.made)
        self.entries.begin(_search_plugin(config))  # MkDocs' page loop comes next
        return env

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self.entries.page_done(page.file.src_uri)
        return output

    @event_priority(50)  # before the search plugin writes search/search_index.json
    def _gather(self, *, config: MkDocsConfig) -> None:
        """The worker's pages, files and search entries in; the search index in page order."""
        assert self.built is not None and self.nav is not None
        files, env = self.built
        elsewhere = self.worker.finish(Path(config.site_dir), self.handed_files, config, files,
                                       self.nav, env, redo=self.handed.clear)
        self._stop_worker()
        self.entries.put_back(elsewhere)
        search = _search_plugin(config)
        if search is not None:
            merge_search_entries(search, self.rendered, self.current, self.dirty)
            _mend_titles(search, files, self.site)
            fold_search_entries(search)

    @event_priority(-100)  # after the search plugin has written search/search_index.json
    def _write_outputs(self, *, config: MkDocsConfig) -> None:
        append_brief_entries(Path(config.site_dir), self.brief)
        write_search_languages(Path(config.site_dir), self._languages(config))
        if self.sharing is not None and self.hand is not None:  # feeds, open data: written last
            self._tell_left_out([(file, f"file /{name}") for name in self.sharing.names
                                 if (file := self.hand.files.get(name)) is not None])
        if self.dirty:
            shared = self.sharing.names if self.sharing is not None else []
            self.outputs.prune(Path(config.site_dir), self.made.union(shared))
            self.previous, self.states = self.states, {}
        self.pause.end()

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_worker()
        self.pause.end()

    on_post_build = CombinedEvent(_gather, _write_outputs)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Callable[..., Any]) -> LiveReloadServer:
        assert self.layout is not None
        folders = [folder for folder in (self.layout.stories, self.layout.awards, self.layout.data,
                                         self.layout.evidence) if folder.is_dir()]
        for folder in folders:
            server.watch(str(folder))
        from generator.mkdocs import livewatch

        self.events = livewatch.watch_natively(server, folders, config.docs_dir)
        livewatch.keep_serving(server, Path(config.config_file_path or "mkdocs.yml").resolve(),
                               self._next_embargo)
        return server

    def _next_embargo(self) -> tuple[datetime, str] | None:
        """Under `serve`, the next embargo to pass after the last build's clock, when it is
        the real one (a fixed clock never passes one)."""
        if (self.catalogue is None or self.now is None
                or self.clock_text or os.environ.get("SHOWCASE_NOW") or self.config.now):
            return None
        from generator.mkdocs import livewatch

        return livewatch.next_embargo(self.catalogue.stories, self.now)


def _theme_has_its_language(config: MkDocsConfig) -> None:
    """Stop, as check does, on a site language the theme has no words in (Material's
    templates look for partials/languages/en-GB.html, and its search plugin stopped the
    build with an internal error)."""
    language = config.theme.get("language")
    advice = language_advice(language, (Path(folder) / "partials" / "languages"
                                        for folder in config.theme.dirs)) \
        if isinstance(language, str) else None
    if advice is not None:
        raise PluginError(f'mkdocs.yml: theme.language: "{language}" is not a language the '
                          f"theme has its words in: {advice}")


def _list_no_hidden_folders(theme: Theme) -> None:
    """The theme's template environment lists no file in a hidden folder. MkDocs lists the
    theme's files to publish its static ones by walking every theme folder, Material's
    `.icons` too (14,000 icons: about 60 ms a build), then drops every path with a part that
    starts with a dot; it loads templates from those folders by name, as before."""
    if "get_env" in vars(theme):  # done for this configuration already (`serve` reloads it)
        return
    made = type(theme).get_env

    def get_env() -> Environment:
        env = made(theme)
        if type(env.loader) is FileSystemLoader:
            env.loader = _VisibleFolders(env.loader.searchpath, env.loader.encoding,
                                         env.loader.followlinks)
        return env
    theme.get_env = get_env  # type: ignore[method-assign]


class _VisibleFolders(FileSystemLoader):
    """A file system loader whose list of templates leaves out hidden folders."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, folders, names in os.walk(searchpath, followlinks=self.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                for name in names:
                    found.add(os.path.relpath(os.path.join(folder, name), searchpath)
                              .replace(os.path.sep, "/"))
        return sorted(found)


class _Early(NamedTuple):
    """A small site made by another process (`early`)."""

    made_with: early.MadeWith
    """The site's options and the layout's settings it is made with."""
    result: Callable[[], early.Prepared]
    """Waits for the site (made here if that process failed)."""
    discard: Callable[[], None]
    """Ends that process, its site unwanted."""


def _search_plugin(config: MkDocsConfig) -> Any:
    """The search plugin, if on (Material's is "material/search")."""
    found = [p for name, p in config.plugins.items() if name.split("/")[-1] == "search"]
    return found[0] if found else None


def _search_entries(config: MkDocsConfig) -> bool:
    """Whether search is off, or on with an index whose entries can be put back in order."""
    search = _search_plugin(config)
    return search is None or isinstance(getattr(getattr(search, "search_index", None),
                                                 "entries", None), list)


def _nothing_from_elsewhere(config: MkDocsConfig) -> None:
    """Turn off what a theme or a setting would load from another host on every page
    (Material's Google Fonts, highlight.js from a CDN on MkDocs' own themes, the repository's
    stars, analytics, a remote logo, favicon, style sheet or script): a page loads nothing from
    another site, which would learn who reads it. check warns of each (siteconfig)."""
    elsewhere = THIRD_PARTY.get(str(config.theme.name))
    if elsewhere is not None and config.theme.get(elsewhere[0]) is not False:
        config.theme[elsewhere[0]] = False
    # Material asks the repository's host for its stars and forks on every page
    config.repo_url = config.repo_name = config.edit_uri = None
    if isinstance(config.extra, MutableMapping):
        config.extra.pop("analytics", None)
    if remote(config.theme.get("logo")):
        config.theme["logo"] = None
    if remote(config.theme.get("favicon")):
        config.theme["favicon"] = "assets/images/favicon.png"  # Material's own
    for listed in (config.extra_css, config.extra_javascript):
        listed[:] = [entry for entry in listed if not remote(str(entry))]
    if config.copyright and loads_remote(config.copyright):  # its alt text, as in a story
        config.copyright = clean(config.copyright)


def _mend_titles(search: Any, files: Files, site: Site | None) -> None:
    """The search entries whose title a heading nested in the section ran on into, mended
    (`sections.mend_search_titles`)."""
    entries = getattr(getattr(search, "search_index", None), "entries", None)
    if site is None or not isinstance(entries, list):
        return
    run_on = {f"{found.url}#{place.id}": place
              for src, places in site.places.items() for place in places if place.run_on
              if (found := files.get_file_from_path(src)) is not None}
    mend_search_titles(entries, run_on)


def _add_places(page: Page, places: list[Place], head: PageHead | None = None) -> None:
    """A story body's section headings (ids given in its fragment) into the page's table of
    contents, after "Results in figures" where the page has it, h3 under the h2 before, each
    in the story's language when it gives one (`showcase_lang`, `showcase_dir`: the theme's
    contents print them); and into the ids MkDocs checks links to the page's anchors
    against."""
    page.present_anchor_ids = {*(page.present_anchor_ids or ()), *(p.id for p in places)}
    top = page.toc.items[0].children if len(page.toc.items) == 1 else page.toc.items
    at = 1 if top and top[0].title == PAGE_TITLES[0] else 0  # its id follows mkdocs.yml's toc
    links: list[AnchorLink] = []
    for place in places:
        # Material prints the link's address unescaped; a slug is safe, unless mkdocs.yml's
        # toc separator or slugify gives it a quote
        link = AnchorLink(html.escape(place.text), html.escape(place.id), place.level)
        if head is not None and head.language:  # the story's words, not the site's
            link.showcase_lang, link.showcase_dir = head.language, head.direction  # type: ignore[attr-defined]
        if place.level == 3 and links:
            links[-1].children.append(link)
        else:
            links.append(link)
    top[at:at] = links


def _stamp(config: MkDocsConfig) -> bytes:
    """mkdocs.yml as it is now: when it changes (nav, theme), every generated page is rebuilt."""
    path = config.config_file_path
    return Path(path).read_bytes() if path and Path(path).is_file() else b""


def _page_url(file: File) -> str:
    """The URL MkDocs gives the file's page (the home page's is '', not './')."""
    return "" if file.url in ("./", ".") else file.url


NOT_FOUND = "404.md"
"""A page of content/ meant as the site's page for an address with none: no page of the nav."""
_SECTIONS = (("Stories", "stories/index.md"), ("Outcomes", "outcomes/index.md"),
             ("Services", "services/index.md"), ("Tags", "tags/index.md"),
             ("Years", "years/index.md"), ("Awards", "awards/index.md"),
             ("Dashboard", "dashboard/index.md"))
"""The generated pages of the nav Showcase gives a mkdocs.yml without one, in its order."""


def _default_nav(files: Files, pages: Mapping[str, object]) -> list[str | dict[str, str]]:
    """The nav of a mkdocs.yml without `nav:`: the home page, the listings, the awards page
    and the dashboard, then the site's own pages by path. MkDocs' own would list every page,
    every story included, each titled from its file name ("Shared it desk income"), with
    each section a folder of one page; and a nav of every story makes a build quadratic."""
    home = files.get_file_from_path(HOME) is not None
    nav: list[str | dict[str, str]] = [{"Home": HOME}] if home else []
    nav += [{title: src} for title, src in _SECTIONS if src in pages]
    nav += sorted(file.src_uri for file in files.documentation_pages()
                  if file.generated_by is None and file.src_uri not in (HOME, NOT_FOUND))
    return nav


def _address(file: File) -> str:
    """'page /stories/' or 'file /feeds/atom.xml'."""
    if file.is_documentation_page():
        return f"page /{_page_url(file)}"
    return f"file /{file.dest_uri}"


def _published(config: MkDocsConfig, target: str, source: Path, shown: str | None = None) -> File:
    """The file to publish at `target`: a photo without its metadata (EXIF, GPS), others as they
    are (`shown`: the file's name in an error, default its path)."""
    content = images.published_bytes(source, shown)
    if content is None:
        return File.generated(config, target, abs_src_path=str(source))
    return File.generated(config, target, content=content)


class _HandWritten:
    """The project's own files of the site folder (content/) by the address each is published
    at, and those a generated file has taken the place of."""

    def __init__(self, files: dict[str, File]) -> None:
        self.files = files
        self.left_out: list[tuple[File, File]] = []
        """(hand-written file, the generated file published in its place)."""


def _hand_written(files: Files, config: MkDocsConfig) -> _HandWritten:
    docs = Path(config.docs_dir)
    return _HandWritten({file.dest_uri: file for file in files
                         if file.generated_by is None and file.abs_src_path
                         and Path(file.abs_src_path).is_relative_to(docs)})


def _replace(files: Files, file: File, hand: _HandWritten | None = None) -> None:
    """Add `file`, dropping a file at the same path or published at the same address (the
    generated page wins, in every build: two files at one address were written in either
    order); a hand-written one of `hand` is noted in its `left_out`."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    if hand is not None:
        clash = hand.files.pop(file.dest_uri, None)
        if clash is not None:
            if clash is not existing:
                files.remove(clash)
            hand.left_out.append((clash, file))
        elif existing is not None and existing.generated_by is None:
            hand.left_out.append((existing, file))
    files.append(file)
