"""What the plugin needs for large sites: unchanged pages skipped by dirty rebuilds (and the
pages a rebuild no longer makes removed), and brief search entries for stories past the
full-text limit."""

from __future__ import annotations

import contextlib
import gc
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from generator.ordering import without_accents
from generator.site import BriefEntry

SEARCH_INDEX = Path("search") / "search_index.json"


class GeneratedPage(File):
    """A generated page that a dirty rebuild (`showcase serve`) skips when it is unchanged.

    MkDocs treats every in-memory file as modified; this one is modified only when its
    content differs from the previous build's, or its output is missing.
    """

    changed: bool = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


def generated_page(config: MkDocsConfig, src: str, content: str, changed: bool) -> GeneratedPage:
    """An in-memory page at `src`; `changed` says whether a dirty rebuild must render it."""
    page = GeneratedPage.generated(config, src, content=content)
    assert isinstance(page, GeneratedPage)
    page.changed = changed
    return page


def append_brief_entries(site_dir: Path, entries: Mapping[str, BriefEntry]) -> None:
    """Add one entry per brief story (by URL) to the search index the search plugin wrote.

    Material's index holds HTML-escaped text; entries go at the end in the given order, and
    nothing happens when there is no index (search disabled) or nothing to add.
    """
    path = site_dir / SEARCH_INDEX
    if not entries or not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = index.get("docs")
    if not isinstance(docs, list):
        return
    added = [{"location": url, "title": str(escape(entry.title)), "text": str(escape(entry.text))}
             for url, entry in entries.items()]
    if FOLDED in (index.get("config") or {}).get("fields", {}):
        for doc in added:
            _fold(doc)
    docs += added
    path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")


FOLDED = "folded"
"""A search entry's title and text without their accents, where they have any: a field
Material's search indexes (its `fields` option) and never shows, so that Llyn finds Llŷn
and ffon ffôn, as a reader types on a keyboard with no ŵ or ŷ (welsh28 #5)."""


def fold_search_entries(search: Any) -> None:
    """Give each entry of Material's search index with accents in its title or text the
    `FOLDED` field, and have Material index it (before it writes its index)."""
    index = getattr(search, "search_index", None)
    entries = getattr(index, "entries", None)
    fields = getattr(getattr(search, "config", None), "fields", None)
    if not isinstance(entries, list) or not isinstance(fields, dict):
        return
    fields.setdefault(FOLDED, {"boost": 1.0})
    for entry in entries:
        if isinstance(entry, dict):
            _fold(entry)


def _fold(entry: dict[str, Any]) -> None:
    words = f"{entry.get('title', '')} {entry.get('text', '')}"
    folded = without_accents(words)
    if folded != words:
        entry[FOLDED] = folded


SEARCH_LANGUAGES = "search/languages.json"
"""Beside Material's search index: each page of a story in a language of its own, by its
address under the site, as [language, direction]; showcase.js marks the story's search
results with them (WCAG 3.1.2)."""


def write_search_languages(site_dir: Path, languages: Mapping[str, tuple[str, str]]) -> None:
    """Write `SEARCH_LANGUAGES` beside the search index, when there is one (search on)."""
    if not (site_dir / SEARCH_INDEX).is_file():
        return
    (site_dir / SEARCH_LANGUAGES).write_text(
        json.dumps(dict(sorted(languages.items())), ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8")


def merge_search_entries(search: Any, rendered: set[str], current: set[str],
                         dirty: bool) -> None:
    """Before Material's search plugin writes its index: in a dirty rebuild, the previous
    build's entries of pages that still exist and were not rendered again, then this build's
    entries; in a full build, no previous entries at all.

    Material merges by the first new entry's page only, so with several pages rebuilt it
    repeats entries (and, when the home page is among them, drops all others), keeps the
    entries of pages that are gone (a story turned draft stayed searchable in the preview),
    and, as plugin instances outlive a build in one process, merges a full build with an
    earlier process-mate's index. A plugin without these attributes is left alone.
    """
    index = getattr(search, "search_index", None)
    previous = getattr(search, "search_index_prev", None)
    entries = getattr(index, "entries", None)
    old = getattr(previous, "entries", None)
    if previous is not None:
        search.search_index_prev = None
    if not dirty or index is None or not isinstance(entries, list) or not isinstance(old, list):
        return
    kept = [entry for entry in old
            if (page := _page_of(entry)) in current and page not in rendered]
    index.entries = kept + entries


class PageEntries:
    """Which entries each page added to Material's search index, in the order pages were
    built, so that the entries of pages another process rendered go back in their places.

    `begin` before the page loop, `page_done` after each page (its `post_page` event, which
    comes after every plugin's `page_context`, where the search plugin indexes the page).
    """

    def __init__(self) -> None:
        self.by_page: dict[str, list[Any]] = {}
        self._entries: list[Any] | None = None
        self._first = self._mark = 0

    def begin(self, search: Any) -> None:
        entries = getattr(getattr(search, "search_index", None), "entries", None)
        self._entries = entries if isinstance(entries, list) else None
        self._first = self._mark = len(entries) if isinstance(entries, list) else 0
        self.by_page = {}

    @property
    def recording(self) -> bool:
        """Whether the search index can be put back together (Material's search is on)."""
        return self._entries is not None

    def page_done(self, src: str) -> None:
        if self._entries is None:
            return
        # a page built again (its process failed) keeps its place: dicts keep first insertion
        self.by_page[src] = self._entries[self._mark:]
        self._mark = len(self._entries)

    def put_back(self, elsewhere: Mapping[str, list[Any]]) -> None:
        """Put the index in page order, with the entries of the pages another process
        rendered (`elsewhere`, by source path) and of pages built again after the loop (when
        that process failed) in their places. If an entry came from outside a page, there is
        no safe order: those of `elsewhere` go at the end."""
        if self._entries is None:
            return
        if sum(map(len, self.by_page.values())) != len(self._entries) - self._first:
            self._entries.extend(entry for page in elsewhere.values() for entry in page)
            return
        merged = {**self.by_page, **elsewhere}
        self._entries[self._first:] = [entry for page in merged.values() for entry in page]


def _page_of(entry: object) -> str:
    location = entry.get("location", "") if isinstance(entry, dict) else ""
    return str(location).split("#", 1)[0]


class CollectorPause:
    """Python's cycle collector kept off the build's long-lived objects.

    Between rebuilds `showcase serve` keeps the whole previous site in memory, and the
    collector's repeated passes over it took about 0.5 s of a 2 s rebuild of 1,000 stories
    (bench/README.md): a dirty rebuild pauses the collector (`start`), and one collection at
    the end frees the rebuild's cycles in ~0.1 s. A full build instead `freeze`s what exists
    when MkDocs has listed the files (the modules, the configuration) and again once the
    site is made (the catalogue, the generated pages, the navigation), so that collections
    pass over new objects only (at 1,000 stories 0.10 s of collection in the main process
    instead of 0.24 s), and forked workers do not touch the inherited ones; `end` returns
    them to the collector.
    """

    def __init__(self) -> None:
        self.paused = False
        self.frozen = False

    def start(self) -> None:
        if gc.isenabled():
            gc.disable()
            self.paused = True

    def freeze(self) -> None:
        gc.freeze()
        self.frozen = True

    def end(self) -> None:
        if self.frozen:
            self.frozen = False
            gc.unfreeze()
        if self.paused:
            self.paused = False
            gc.enable()
            gc.collect()


class SiteOutputs:
    """The site's files that builds in this process wrote, so that a dirty rebuild
    (`showcase serve`) removes those a full build would no longer make: a story set back
    to draft, a tag, service, year or outcome listing left empty, and their later pages.

    MkDocs' dirty build writes the files of this build and leaves every other file in the
    site, so the preview went on serving a page no build makes any more. Only paths a
    build here listed are ever removed, and only inside the site folder.
    """

    def __init__(self) -> None:
        self.written: set[str] = set()
        """Site paths (POSIX, relative to the site folder) a build may have written."""

    def expect(self, paths: Iterable[str]) -> None:
        """This build writes `paths` (a failed build may have written some of them)."""
        self.written.update(paths)

    def prune(self, site_dir: Path, current: Iterable[str]) -> list[str]:
        """After a build that made `current`: remove the other files earlier builds wrote,
        and the folders that leaves empty; the paths removed."""
        kept = set(current)
        removed = [path for path in sorted(self.written - kept) if _remove(site_dir, path)]
        self.written = kept
        return removed


def _remove(site_dir: Path, path: str) -> bool:
    """Remove the file at `path` in `site_dir`, if it is one there: never a folder, nor
    anything a path leads to outside the site (`..`, an absolute path, a linked folder)."""
    relative = PurePosixPath(path)
    if relative.is_absolute() or not relative.parts or ".." in relative.parts:
        return False
    root = site_dir.resolve()
    target = root.joinpath(*relative.parts)
    folder = target.parent.resolve()
    if folder != root and root not in folder.parents:
        return False
    target = folder / target.name
    if target.is_dir() and not target.is_symlink():
        return False
    try:
        target.unlink()
    except OSError:  # gone already, or not ours to remove
        return False
    with contextlib.suppress(OSError):  # a folder with other files stays
        while folder != root:
            folder.rmdir()
            folder = folder.parent
    return True
