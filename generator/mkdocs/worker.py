"""The build's second core: work done beside MkDocs' page loop, in forked processes.

MkDocs renders pages on one core. On Linux, when the build runs in a single thread,
`showcase build` and `mkdocs build` use the other one up to five times:

- Charts: unless the project's charts are kept from its last build (`chartcache`), a process
  forked when the configuration is read imports matplotlib (most of a second) while the
  catalogue is read and the pages are made, then draws the charts it is sent.
- A small site (fewer than `early.MIN_PAGES` stories): a process forked when the configuration
  is read (under `showcase build`, as it starts: `early.Speculation`) reads the project and
  makes every page's Markdown (`early`), while this one reads the settings and MkDocs its own
  files; this one then draws (or waits for) the charts.
- A larger one: a process forked once the story files are listed reads and checks half of
  them while this one reads the other half (`collect`'s `elsewhere`); then a process forked
  once the catalogue is read makes the story pages' Markdown while this one makes the
  listings, home, awards and dashboard (`build_site`'s `elsewhere`).
- Pages: once MkDocs knows the site's files and navigation (`on_nav`), a second process
  writes the feeds, open data and award calendar into a folder of its own, then converts and
  renders a share of the generated pages through MkDocs' own page functions, and writes
  them; meanwhile MkDocs converts and renders the other pages, and gives the share only
  their headings (for its link checks) and renders them as nothing (a template that prints
  nothing, so no file is written twice). At the end the process's warnings are logged here
  (so `strict` counts them), its search entries go back in their pages' places, and its
  files are moved in.

A child works from the parent's memory as it was at the fork (only the charts' evaluations,
results, search entries and warnings cross a pipe), and never re-runs the caller's main
script, as a spawned one would. When a child cannot start, fails or dies, its work is done
in the main process: the site is the same bytes either way (tests compare), and an error is
raised by the main process as MkDocs would raise it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator import forked
from generator.catalogue import Catalogue
from generator.forked import Child, call
from generator.mkdocs import early
from generator.mkdocs.incremental import PageEntries
from generator.site import chartcache, charts
from generator.site.criteria import Evaluation

T = TypeVar("T")
ENABLED = True
"""False does everything in the main process (tests compare the two)."""
MIN_HANDED = 20
"""Fewer pages than this to hand over are rendered here (the pages process is forked for the
sharing files anyway)."""
SKIP_TEMPLATE = "showcase-elsewhere.html"
"""The theme template (it prints nothing) for pages another process renders."""
SAFE_PLUGINS = {"search", "material/search", "showcase"}
"""Plugins whose page events may run in another process: Material's search (which leaves the
handed-over pages out of its index anyway) and this one. With any other, every page is
rendered here, where that plugin can see it."""


class Worker:
    """The forked processes of one build; none under `serve` (its rebuilds reuse what this
    process has loaded, and its server runs threads)."""

    def __init__(self) -> None:
        self._charts: Child | None = None
        self._pages: Child | None = None
        self._share: Share | None = None
        self._active = False
        self._project: Path | None = None
        self._early: Child | None = None

    def start(self, project: Path) -> None:
        """Fork the charts process, which imports matplotlib now, unless the project's
        charts look kept from its last build (`chartcache`); later parts may fork too."""
        self.stop()
        self._active = _can_fork()
        self._project = project
        if self._active and not chartcache.looks_warm(project):
            self._charts = Child.fork(_draw_when_asked)

    def draw(self, evaluations: Sequence[Evaluation]) -> charts.Charts:
        """The charts kept from earlier builds, and the others sent to the charts process
        (forked now if it was not at the start); the returned function waits for them
        (drawn here if that process is not there or failed)."""
        child, self._charts = self._charts, None
        wanted = list(evaluations)
        if self._project is not None:
            chartcache.remember(self._project, wanted)
        kept = [chartcache.load(e) if e.points else None for e in wanted]
        missing = [e for e, chart in zip(wanted, kept, strict=True) if e.points and chart is None]
        if not missing:
            if child is not None:
                child.kill()
            return lambda: kept
        if child is None and self._active:
            child = Child.fork(_draw_when_asked)
        if child is not None and not child.send(missing):
            child = None

        def result() -> Sequence[charts.Svg | None]:
            drawn = child.result() if child is not None else None
            made = iter(drawn if isinstance(drawn, list) else charts.draw_all(missing))
            return [next(made) if e.points and chart is None else chart
                    for e, chart in zip(wanted, kept, strict=True)]
        return result

    def elsewhere(self, work: Callable[[], T], size: int, /) -> Callable[[], T]:
        """Do `work` in a process forked now (when its `size` is enough to be worth it); the
        returned function waits for its result (made here if that process failed)."""
        child = Child.fork(call, work) if self._active and size >= early.MIN_PAGES else None

        def result() -> T:
            made = child.result() if child is not None else None
            return made[0] if isinstance(made, tuple) else work()
        return result

    def early(self, work: Callable[[], T], /) -> Callable[[], T]:
        """Do `work` in a process forked now, whatever its size (a small site's reading and
        making, while MkDocs reads its own files); the returned function waits for its result
        (made here if that process failed). `discard` ends it unasked."""
        child = self._early = Child.fork(call, work) if self._active else None

        def result() -> T:
            made = child.result() if child is not None else None
            self._early = None
            return made[0] if isinstance(made, tuple) else work()
        return result

    def discard(self) -> None:
        """End the process `early` started, its result unwanted."""
        if self._early is not None:
            self._early.kill()
            self._early = None

    def hand_over(self, handed: Sequence[File], share: Share, config: MkDocsConfig,
                  files: Files, nav: Navigation, entries: PageEntries) -> list[File]:
        """Fork the pages process, which writes the sharing files and converts and renders the
        pages of `handed` (when they are enough, and only Material's search and this plugin
        see page events); the pages it took. Call it before MkDocs reads
        the pages: this process then gives each of those only its headings (`skeleton`), for
        MkDocs' link checks, and renders it as nothing (`SKIP_TEMPLATE`). `entries` records
        the search entries of each page the process renders; `finish` returns them."""
        self._share = share
        if not (self._active and _can_fork()):
            return []
        taken = list(handed) if len(handed) >= MIN_HANDED and _pages_may_move(config) else []
        share.folder = Path(tempfile.mkdtemp(prefix="showcase-share-"))
        self._pages = Child.fork(_render_and_share, taken, share, config, files, nav, entries)
        if self._pages is None:
            share.discard()
            return []
        _quiet_skips.pages = {file.src_uri for file in taken}
        return taken

    def finish(self, site_dir: Path, taken: Sequence[File], config: MkDocsConfig,
               files: Files, nav: Navigation, env: Environment,
               redo: Callable[[], None]) -> dict[str, list[Any]]:
        """Wait for the pages process; log its warnings, move its files in; the search entries
        of the pages it rendered, by source path. Whatever it did not do, do here: `redo()`
        (which makes this process read the handed pages in full again), then convert and
        render them, and write the sharing files."""
        child, self._pages = self._pages, None
        share, self._share = self._share, None
        outcome = child.result() if child is not None else None
        _quiet_skips.pages = set()
        if isinstance(outcome, dict):
            log = logging.getLogger("mkdocs.plugins.showcase")
            for level, message in outcome["logged"]:
                log.log(level, message)
        elif taken:
            redo()
            pages = _populate_here(list(taken), config, files)
            _render_here(pages, config, files, nav, env)
        if share is not None:
            if isinstance(outcome, dict):
                share.move_into(site_dir, outcome["names"])
            else:
                share.discard()
                share.write(site_dir)
        return outcome["entries"] if isinstance(outcome, dict) else {}

    def stop(self) -> None:
        """End any process still running (a failed build) and remove the sharing folder."""
        for child in (self._charts, self._pages, self._early):
            if child is not None:
                child.kill()
        self._charts = self._pages = self._early = None
        self._active = False
        if self._share is not None:
            self._share.discard()
            self._share = None
        _quiet_skips.pages = set()


class Share:
    """The sharing files of one build: what to write, and the folder a process wrote them to."""

    def __init__(self, catalogue: Catalogue, now: datetime, site_url: str,
                 feed_items: int) -> None:
        self.args = (catalogue, now, site_url, feed_items)
        self.folder: Path | None = None
        self.names: Sequence[str] = ()
        """The site paths of the files written (a preview's rebuild removes earlier ones
        that are gone, such as the feed of an outcome no longer in the strategy)."""

    def write(self, folder: Path) -> list[str]:
        """Write every sharing file under `folder`; their paths, relative to it."""
        from generator import sharing  # feedgen and lxml: imported by the process that needs them

        names = []
        for name, content in sharing.iter_site_outputs(*self.args):
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            names.append(name)
        self.names = names
        return names

    def move_into(self, site_dir: Path, names: Sequence[str]) -> None:
        """Move the files the pages process wrote into the site (after MkDocs' own files, so
        they win over a hand-written page at the same path, as when written here)."""
        assert self.folder is not None
        self.names = names
        for name in names:
            target = site_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(self.folder / name, target)  # a rename, or a copy across file systems
        self.discard()

    def discard(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def files_to_hand_over(files: Files, movable: set[str], unsearched: set[str]) -> list[File]:
    """Of the pages `movable` (generated ones), as many as leave both processes about equally
    busy: first those left out of the search index (`unsearched`), then indexed ones.

    Per page, converting and rendering takes about PAGE here or there, more (SEARCHED) for a
    page indexed for search, and a handed page still costs this process SKELETON (its
    headings converted, an empty render). The pages process starts with the sharing files
    and its own template environment (SETUP, and SETUP_PER_PAGE for each page of the site,
    as the sharing files grow with the stories, up to SETUP_MOST)."""
    pages = files.documentation_pages()
    cost = {file.src_uri: PAGE if file.src_uri in unsearched else SEARCHED for file in pages}
    here, there = sum(cost.values()), min(SETUP_MOST, SETUP + SETUP_PER_PAGE * len(pages))
    candidates = sorted((file for file in pages if file.src_uri in movable),
                        key=lambda file: file.src_uri not in unsearched)  # a stable sort
    taken = []
    for file in candidates:
        moved = cost[file.src_uri]
        if there + moved > here - moved + SKELETON:
            break
        taken.append(file)
        here, there = here - moved + SKELETON, there + moved
    return taken


PAGE, SEARCHED, SKELETON, SETUP, SETUP_PER_PAGE, SETUP_MOST = 1.8, 3.5, 0.2, 20.0, 0.15, 250.0
"""Milliseconds per page, and for the pages process's start (set so that both processes end
together at 100, 1,000 and 5,000 stories on the development machine: bench/README.md)."""
HEADING = re.compile(r"^#{1,6}[ \t]")


def skeleton(markdown: str) -> str:
    """A handed page's Markdown for this process: only its headings (MkDocs checks links to
    their anchors), blank lines between."""
    return "\n\n".join(line for line in markdown.splitlines() if HEADING.match(line))


def _draw_when_asked(orders: Connection) -> list[charts.Svg | None]:
    # the charts are wanted last (when the dashboard is filled): the story pages' process,
    # forked while this one may still be importing matplotlib, goes first
    with contextlib.suppress(OSError):
        os.nice(10)
    charts.warm()
    evaluations: list[Evaluation] = orders.recv()
    return charts.draw_all(evaluations)


IN_CHILD = False
"""True in the pages process (its plugin reads the handed pages in full)."""
TITLES_ONLY = False
"""True while the pages process reads the navigation's other pages, for their titles only
(their fragments are not put in: some, like the dashboard's charts, are not here)."""


def _render_and_share(orders: Connection, handed: list[File], share: Share,
                      config: MkDocsConfig, files: Files, nav: Navigation,
                      entries: PageEntries) -> dict[str, Any]:
    global IN_CHILD
    IN_CHILD = True
    logged = _keep_warnings()
    assert share.folder is not None
    names = share.write(share.folder)
    env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
    pages = _populate_here(handed, config, files)
    # the navigation shows its pages' titles, which come from their Markdown
    taken = {file.src_uri for file in handed}
    global TITLES_ONLY
    TITLES_ONLY = True
    said = len(logged)
    _populate_here([p.file for p in nav.pages if p.file.src_uri not in taken], config, files)
    del logged[said:]  # this process reads them again for titles only: the parent warns of them
    TITLES_ONLY = False
    _render_here(pages, config, files, nav, env)
    return {"logged": logged, "names": names, "entries": entries.by_page}


def _populate_here(handed: list[File], config: MkDocsConfig, files: Files) -> list[Page]:
    """Read and convert the handed pages, as MkDocs' page loop does."""
    from mkdocs.commands.build import _populate_page

    pages = []
    for file in handed:
        page = file.page if file.page is not None else Page(None, file, config)
        page.meta.pop("template", None)
        _populate_page(page, config, files)
        pages.append(page)
    return pages


def _render_here(pages: list[Page], config: MkDocsConfig, files: Files, nav: Navigation,
                 env: Environment) -> None:
    """Render and write `pages` with MkDocs' own page builder, as its page loop would."""
    from mkdocs.commands.build import _build_page

    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    for page in pages:
        _build_page(page, config, doc_files, nav, env)


def _keep_warnings() -> list[tuple[int, str]]:
    """In the child: MkDocs' warnings and errors kept for the parent, not printed here."""
    kept: list[tuple[int, str]] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            kept.append((record.levelno, record.getMessage()))

    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(Keep(logging.WARNING))
    logger.propagate = False
    return kept


class _QuietSkips(logging.Filter):
    """MkDocs says "Page skipped ... Generated empty output." for each page rendered as
    nothing here; for the pages another process renders, that is not news."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.pages or not record.getMessage().startswith("Page skipped: "):
            return True
        return record.getMessage().split("'")[1] not in self.pages


_quiet_skips = _QuietSkips()
logging.getLogger("mkdocs.commands.build").addFilter(_quiet_skips)


def _pages_may_move(config: MkDocsConfig) -> bool:
    if not set(config.plugins) <= SAFE_PLUGINS:
        return False
    try:
        from mkdocs.commands.build import _build_page, _populate_page  # noqa: F401 - here?
    except ImportError:
        return False
    return True


def _can_fork() -> bool:
    return ENABLED and forked.can_fork()
