"""The hand-written site folder (`content/`, MkDocs' docs_dir) must not lead into private folders.

MkDocs publishes every file under docs_dir. A docs_dir that is, holds or sits inside
stories/, awards/, data/ or evidence/, or a link under it into one of them, would publish
drafts, contacts and private evidence (contract section 7): both are refused, as is a link
under it out of the project (the server's own files), round a loop (MkDocs' walk would never
end, or it could not read the file) or to nothing (it could not read it): the build refuses
those before MkDocs walks the folder (`links_refused`). Its photos are
published without their camera data, so one that cannot be decoded is refused too.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from generator import images as photos
from generator.bodylinks import evidence_target, images, picture_file
from generator.linkcheck import anchors, missing_section, not_public_stories, toc_style
from generator.nesting import fences_unclosed, tags_unclosed
from generator.paths import PathRefused
from generator.problems import Problem, Severity
from generator.project import Layout, discover
from generator.public import public_evidence, public_quotes
from generator.sanitize import blank_code, strip_comments_keep_lines
from generator.story import Story, UnusableStory, default_slug


def private_folders(layout: Layout) -> dict[str, Path]:
    """The folders whose files only the rules of section 7 may publish, by their project path
    (and `dist/`, where `showcase pack` writes packs of private evidence by default)."""
    folders = (layout.stories, layout.awards, layout.data, layout.evidence, layout.root / PACKS)
    return {layout.relative(folder): folder.resolve() for folder in folders}


PACKS = "dist"
"""The folder `showcase pack` writes into unless told otherwise."""


def content_problems(layout: Layout, stories: Sequence[Story] = (),
                     unusable: Sequence[UnusableStory] = (),
                     now: datetime | None = None) -> list[Problem]:
    """Where the content folder would publish a private file, and its pages' links into the
    stories and to pages or files the site lacks (`stories` valid, `unusable` unreadable, judged
    public at `now`: without it, a published story is public) that the build would stop on or
    break."""
    content = layout.content.resolve()
    overlapping = _overlapping(layout)
    if overlapping:
        return overlapping
    if "docs_dir" in layout.site and not content.is_dir():  # the build stops on it; pack
        return [Problem("mkdocs.yml", None, "docs_dir",  # and export do not need it
                        f'"{layout.site["docs_dir"]}" is no folder, so the site cannot be built: '
                        "create it with the site's hand-written pages (index.md, the home page's "
                        "text, at least), or name the folder that holds them", Severity.WARNING)]
    known = _Known.of(stories, unusable, now, _per_page(layout))
    return [*_refused_links(layout),
            *_unreadable_photos(layout, content),
            *_remote_loads(layout, content),
            *_unclosed_tags(layout, content),
            *_story_links(layout, content, known),
            *_taken(layout, content, known)]


def links_refused(layout: Layout) -> list[Problem]:
    """What the build refuses before MkDocs walks docs_dir, following every link (check says
    it too): a docs_dir overlapping a private folder, and each link under docs_dir or the
    theme's own folder into a private folder, outside the project, or into a loop (which
    MkDocs would follow without end)."""
    return _overlapping(layout) or _refused_links(layout)


def _overlapping(layout: Layout) -> list[Problem]:
    """docs_dir, when it is, holds or sits inside a private folder."""
    content = layout.content.resolve()
    shown = layout.relative(layout.content) or "."
    for name, folder in private_folders(layout).items():
        if content == folder or folder.is_relative_to(content) or content.is_relative_to(folder):
            return [Problem("mkdocs.yml", None, "docs_dir",
                            f'"{shown}" overlaps {name}/, so MkDocs would publish its files as they '
                            "are: keep hand-written pages in their own folder, e.g. docs_dir: content")]
    return []


def _refused_links(layout: Layout) -> list[Problem]:
    """The links under docs_dir and the theme's own folder (custom_dir, published as docs_dir
    is) that MkDocs must not follow (`_links_not_followed`)."""
    theme = [layout.theme_folder] if layout.theme_folder is not None else []
    return [Problem(layout.relative(path), None, None, why)
            for folder in (layout.content.resolve(), *theme)
            for path, why in _links_not_followed(layout, folder)]


def left_out(address: str) -> str:
    """What check and the build say of a hand-written file at an address the site publishes
    its own page or file at (`address`: 'page /stories/', 'file /feeds/atom.xml')."""
    return (f"left out of the site: Showcase publishes its own {address} there; give the file "
            "another name, or move it into another folder")


def _shared() -> re.Pattern[str]:
    """The files the site writes after its pages (`sharing.written_files`)."""
    from generator import sharing  # slow to load: only for a site folder with other files

    return sharing.written_files()


def _taken(layout: Layout, content: Path, known: _Known) -> list[Problem]:
    """A warning for each hand-written file at an address the site publishes its own page or
    file at (content/stories.md, where the list of all stories is): the build leaves it out
    and says so too (hostile27 H1). content/index.md is the home page's text: not taken."""
    from generator.site import urls  # slow to load: only for a site folder with files

    directory_urls = layout.site.get("use_directory_urls", True) is not False
    generated: dict[str, str] | None = None
    found, later = [], []
    for folder, _, names in os.walk(content):
        for name in sorted(names):
            path = Path(folder, name)
            src = path.relative_to(content).as_posix()
            if not name.lower().endswith(".md"):
                if _shared().fullmatch(src):
                    found.append((path, f"file /{src}"))
                continue
            if generated is None:
                generated = {urls.page_url(page, directory_urls): page for page in known.pages}
            address = urls.page_url(src, directory_urls)
            if src != "index.md" and address in generated:
                found.append((path, f"page /{address}"))
            elif (waiting := _waiting_story(address, known)) is not None:
                later.append((path, waiting))
    return [*(Problem(layout.relative(path), None, None, left_out(address), Severity.WARNING)
              for path, address in sorted(found)),
            *(Problem(layout.relative(path), None, None, message, Severity.WARNING)
              for path, message in sorted(later))]


def _waiting_story(address: str, known: _Known) -> str | None:
    """What a page of content/ at the address of a story that is not public yet is told: that
    story's page takes the address once it is public (hostile29 W2)."""
    page = re.fullmatch(rf"{SECTION}/([^/]+)/", address)
    hidden = known.hidden.get(page.group(1)) if page else None
    if hidden is None:
        return None
    file, why = hidden
    return (f"is published at /{address}, the address of the story {file}, which {why}: once "
            "that story is public, its page takes the address and this page is left out; "
            "give this page another name, or move it into another folder")


_LOADS = re.compile(r"""<(script|iframe|img|link|video|audio|source|embed|object)\b"""
                    r"""(?:[^<>]|<(?![A-Za-z/!?]))*?"""
                    r"""\b(?:src|href|data|srcset)\s*=\s*["']?\s*((?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^\s"'>]+)""",
                    re.IGNORECASE)
"""An element of a hand-written page's own HTML that makes the page load from another host
(a link with <a href> is no load: a reader follows it or not). Each is read up to the next
tag, not on to the end of the page from every `<img` no `>` ends (round 38: 8,000 took 6
seconds)."""


def _remote_loads(layout: Layout, content: Path) -> list[Problem]:
    """A warning for each element of a hand-written page that loads something from another
    host: the site's own HTML is published as written (a story's is cut to the allow-list),
    and every reader of the page would be told to that host."""
    found = []
    for page, text in _pages(content):
        if "//" not in text:
            continue
        blanked = blank_code(strip_comments_keep_lines(text))
        for match in _LOADS.finditer(blanked):
            found.append(Problem(layout.relative(page), 1 + blanked.count("\n", 0, match.start()),
                                 None, f"<{match.group(1).lower()}> loads {match.group(2)} from "
                                 "another host, which every reader of the page would be told to: "
                                 "keep the file in the site (in docs_dir) and name it by its path",
                                 Severity.WARNING))
    return found


def _unclosed_tags(layout: Layout, content: Path) -> list[Problem]:
    """An error for each hand-written page holding more than MOST_UNCLOSED_TAGS `<` that start
    a tag no `>` ends (`nesting.tags_unclosed`), or more than MOST_UNCLOSED_FENCES fences no
    fence closes (`nesting.fences_unclosed`): MkDocs' Markdown would take minutes over it,
    so the build refuses it, as it does such a story."""
    return [found for page, text in _pages(content)
            for check in (fences_unclosed, tags_unclosed)
            if (found := check(text, layout.relative(page), 1, None)) is not None]


def _pages(content: Path) -> Iterator[tuple[Path, str]]:
    """Each readable Markdown page under `content` (not under a hidden folder), with its text."""
    for page in sorted(content.rglob("*.md")) if content.is_dir() else []:
        if any(part.startswith(".") for part in page.relative_to(content).parts):
            continue
        try:
            yield page, page.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue


_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]|$)",
                   re.MULTILINE)

SECTION = "stories"
"""The site's folder of story pages (`stories/<slug>/index.md`), whatever stories_dir is."""

_LEVELS = {"not_found": "warn", "anchors": "info", "unrecognized_links": "info"}
"""MkDocs' own levels for a Markdown page's links (mkdocs.yml `validation: links:`)."""


@dataclass(frozen=True)
class _Known:
    """The project's stories as a hand-written page's links meet them."""

    public: dict[str, Story]
    """Each public story by its slug: it has a page."""
    hidden: dict[str, tuple[str, str]]
    """Each story that is not public, by its slug: its file and why ("is still a draft")."""
    slug_of: dict[str, str]
    """Each story file (project path) to its slug."""
    stories: Sequence[Story]
    per_page: int = 20
    """The stories a listing page holds (the plugin's per_page), which numbers its pages."""

    @cached_property
    def pages(self) -> frozenset[str]:
        """The generated pages' source paths (made when a link is first not found)."""
        return generated_pages(self.public.values(), self.per_page)

    @classmethod
    def of(cls, stories: Sequence[Story], unusable: Sequence[UnusableStory],
           now: datetime | None, per_page: int = 20) -> _Known:
        moment = now or datetime.max.replace(tzinfo=UTC)
        hidden = not_public_stories(stories, [(u.path, u.slug, u.status) for u in unusable],
                                    moment)
        return cls({s.slug: s for s in stories if s.slug not in hidden}, hidden,
                   {**{u.path: u.slug for u in unusable}, **{s.path: s.slug for s in stories}},
                   stories, per_page)


@dataclass(frozen=True)
class _Link:
    """One link of a hand-written page, as MkDocs reads it."""

    address: str
    """As written."""
    path: str
    """Its path, percent-decoded."""
    fragment: str
    """Its #fragment with the #, or ""."""
    here: str
    """The page's folder in the content folder ("." at its top)."""

    @property
    def target(self) -> str:
        """The site path it leads to, as MkDocs resolves it (`../` when out of the folder)."""
        return posixpath.normpath(posixpath.join(self.here, self.path)).lstrip("/")

    def to(self, site_path: str) -> str:
        """`site_path`, written from the page, with the link's #fragment."""
        return f"{posixpath.relpath(site_path, self.here)}{self.fragment}"


def _story_links(layout: Layout, content: Path, known: _Known) -> list[Problem]:
    """A hand-written page's Markdown links (and pictures) into the stories that MkDocs would
    stop the build on (at mkdocs.yml's validation levels) or leave broken: a story's file or
    picture (`stories/x.md`, `../stories/x.md`), a story page's folder, a section the page
    lacks, and the page of a story that is not public (an error whatever the levels: the
    link would publish its name); and any link MkDocs would find no file for: a page under
    the wrong letter case, a file of evidence/ (its public copy, or private: an error), of
    awards/, data/ or elsewhere outside the content folder, a listing no story fills, any
    other page neither written nor generated, a page's folder. Said by check, with the right
    link; a picture or document in the content folder that is not there is left to MkDocs."""
    if not content.is_dir():
        return []
    files = _Files.of(content)
    found = []
    for page in sorted(content.rglob("*.md")):
        try:
            text = page.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if "](" not in text and "]:" not in text:
            continue
        text = blank_code(text)
        here = posixpath.dirname(page.relative_to(content).as_posix()) or "."
        for match in _LINK.finditer(text):
            link = _read_link(match.group(1) or match.group(2) or "", here)
            judged = _judge(layout, files, page, known, link) if link else None
            if judged is not None:
                line = text.count("\n", 0, match.start()) + 1
                found.append(Problem(layout.relative(page), line, None, *judged))
    return found


def _read_link(address: str, here: str) -> _Link | None:
    """`address` as a link MkDocs checks (relative, with a path), or None."""
    if address.startswith(("/", "\\", "#")):
        return None
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return _Link(address, unquote(parts.path), f"#{parts.fragment}" if parts.fragment else "",
                 here)


def _judge(layout: Layout, files: _Files, page: Path, known: _Known,
           link: _Link) -> tuple[str, Severity] | None:
    target = link.target
    outside = target == ".." or target.startswith("../")
    if not outside and target in files.files:
        return None  # a file of the content folder: MkDocs finds it
    file = (page.parent / link.path if outside else layout.root / target).resolve()
    stories = layout.stories.resolve()
    site_page = target.startswith(f"{SECTION}/")  # generated, unless a file is there
    if file != stories and file.is_relative_to(stories) and (file.is_file() or (
            not site_page and file.suffix != "" and file.parent.is_dir())):
        return _stories_folder_link(layout, known, link, file)
    if site_page:
        judged = _story_page_link(layout, known, link, target[len(SECTION) + 1:])
        slug, _, within = target[len(SECTION) + 1:].partition("/")
        if judged is not None or (within == "index.md" and slug in known.public):
            return judged
    private = _private_folder(layout, file) if outside or file.exists() else None
    if private is not None:
        return _private_link(layout, known, link, file, private)
    if outside:
        return _outside_link(layout, link, file)
    return _no_page(layout, files, known, link)


@dataclass(frozen=True)
class _Files:
    """The content folder's files (paths in it) as MkDocs lists them: through linked
    folders, names starting with a dot left out."""

    files: frozenset[str]

    @classmethod
    def of(cls, content: Path) -> _Files:
        files: list[str] = []
        seen: set[Path] = set()
        for directory, subdirs, names in os.walk(content, followlinks=True):
            seen.add(Path(directory).resolve())  # a folder linked into itself is left
            subdirs[:] = [d for d in subdirs if not d.startswith(".")
                          and (Path(directory) / d).resolve() not in seen]
            here = Path(directory).relative_to(content).as_posix()
            prefix = "" if here == "." else f"{here}/"
            files += [f"{prefix}{n}" for n in names if not n.startswith(".")]
        return cls(frozenset(files))


def generated_pages(public: Iterable[Story], per_page: int = 20) -> frozenset[str]:
    """The source paths of the pages the site makes for the `public` stories, as
    `site.builder.build_site` makes them: the home page, each story's page, the listings
    (all stories, each outcome, service, tag and year, page by page at `per_page`, and each
    kind's index), the awards, dashboard and open-data pages. Cheap: no page is rendered."""
    from generator.site import builder, urls  # slow to load: only when a link is not found

    chosen = list(public)
    sizes: dict[str, int] = {SECTION: len(chosen)}
    for story in chosen:
        meta = story.meta
        for kind, names in (("outcomes", meta.outcomes), ("services", [meta.service]),
                            ("tags", meta.tags)):
            for base in {urls.group(kind, name) for name in names}:
                sizes[base] = sizes.get(base, 0) + 1
        year = f"years/{story.date.year}"
        sizes[year] = sizes.get(year, 0) + 1
    size = max(1, per_page)
    listings = {urls.listing(base, number) for base, count in sizes.items()
                for number in range(1, max(1, -(-count // size)) + 1)}
    fixed = {builder.HOME, "awards/index.md", "dashboard/index.md", builder.OPEN_DATA,
             *(urls.listing(kind) for kind in builder.GROUP_KINDS)}
    return frozenset({*fixed, *(urls.story(story.slug) for story in chosen), *listings})


def site_addresses(layout: Layout, public: Iterable[Story]) -> frozenset[str]:
    """The address (under the site root, no slash at either end; "" for the home page) of
    every page the site publishes for the `public` stories of the project at `layout`: the
    generated pages (`generated_pages`), the content folder's own pages, as mkdocs.yml's
    use_directory_urls writes them (about.md is about/ or about.html; an index page also by
    its folder), and admin, the story editor, unless the plugin's `cms` is false."""
    from generator.site import urls  # slow to load: only when a story links into the site

    directory_urls = layout.site.get("use_directory_urls", True) is not False
    sources = set(generated_pages(public, _per_page(layout)))
    if layout.content.is_dir():
        sources |= {f for f in _Files.of(layout.content).files if f.endswith(".md")}
    found = {"admin"} if layout.options.get("cms", True) is not False else set()
    for src in sources:
        address = urls.page_url(src, directory_urls)
        found.add(address.strip("/"))
        if address == "index.html" or address.endswith("/index.html"):
            found.add(address.removesuffix("index.html").strip("/"))
    return frozenset(found)


_FIXED = frozenset({"index.md", "awards/index.md", "dashboard/index.md", "open-data/index.md",
                    f"{SECTION}/index.md", "outcomes/index.md", "services/index.md",
                    "tags/index.md", "years/index.md"})
"""The generated pages every site has, whatever its stories (`generated_pages` holds them)."""


def _per_page(layout: Layout) -> int:
    """The plugin's per_page (mkdocs.yml), 20 when it is not a whole number of 1 or more."""
    options = layout.options if "plugins" in layout.site else discover(layout.root).options
    found = options.get("per_page", 20)
    return found if isinstance(found, int) and not isinstance(found, bool) and found > 0 else 20


_KINDS = {"outcomes": "outcome", "services": "service", "tags": "tag", "years": "year"}
"""The listings' folders, by what each lists."""


def _no_page(layout: Layout, files: _Files, known: _Known,
             link: _Link) -> tuple[str, Severity] | None:
    """A link in the content folder to no file of it: fine when it names a generated page
    (its file), said when the build would not find it (a page under the wrong letter case,
    a listing that does not exist, another page that is not there, a page's folder)."""
    target, folder_only = link.target, not posixpath.splitext(link.path)[1]
    if not folder_only and not target.casefold().endswith(".md"):
        return None  # a picture or document the site may publish (check cannot know)
    if target in _FIXED:
        return None  # found without listing the stories' pages
    pages = known.pages | {f for f in files.files if f.endswith(".md")}
    level = "unrecognized_links" if folder_only else "not_found"
    if target in pages:
        return None
    index = "index.md" if target == "." else f"{target}/index.md"
    if folder_only and index in pages:
        return (f'link "{link.address}" names the folder of a page, which MkDocs does not '
                f'follow: link to the page\'s file, "{link.to(index)}"', _severity(layout, level))
    wanted = index if folder_only else target
    named = target if not folder_only else "the content folder" if target == "." else f"{target}/"
    said = f'link "{link.address}" leads to {named}, which is no page of the site'
    same = sorted(p for p in pages if p.casefold() == wanted.casefold())
    if same:
        return f'{said} (did you mean "{link.to(same[0])}"?)', _severity(layout, level)
    kind, _, rest = target.partition("/")
    if kind in _KINDS and rest.count("/") <= 1 and rest.partition("/")[2] in ("", "index.md"):
        return _no_listing(layout, known, link, kind, rest.partition("/")[0], level)
    top = target.partition("/")[0] if "/" in target else ""
    near = sorted(p for p in pages if (p.partition("/")[0] if "/" in p else "") == top
                  and not p.startswith(f"{SECTION}/"))
    if top == SECTION:
        near = sorted(p for p in pages if p.startswith(f"{SECTION}/"))
    close = difflib.get_close_matches(wanted, near, n=1, cutoff=0.6)
    hint = f' (did you mean "{link.to(close[0])}"?)' if close else ""
    return (f"{said}{hint}: neither a file of {layout.relative(layout.content) or '.'}/ nor a "
            "page made from the stories", _severity(layout, level))


def _no_listing(layout: Layout, known: _Known, link: _Link, kind: str, key: str,
                level: str) -> tuple[str, Severity]:
    """A link to the listing of an outcome, service, tag or year no public story has."""
    listed = sorted(p for p in known.pages if p.startswith(f"{kind}/") and p.count("/") == 2)
    keys = [p.split("/")[1] for p in listed]
    close = difflib.get_close_matches(key.casefold(), keys, n=1, cutoff=0.6)
    hint = f' (did you mean "{link.to(f"{kind}/{close[0]}/index.md")}"?)' if close else ""
    said = (f'link "{link.address}" leads to {kind}/{key}/, which is no {_KINDS[kind]}\'s '
            f"listing{hint}")
    if not listed:
        return (f"{said}: no public story has one, so the site lists none",
                _severity(layout, level))
    shown = ", ".join(f'"{link.to(p)}"' for p in listed[:_SHOWN])
    more = f" and {len(listed) - _SHOWN} more" if len(listed) > _SHOWN else ""
    return (f"{said}: the site's are {shown}{more}, all on \"{link.to(f'{kind}/index.md')}\"",
            _severity(layout, level))


_SHOWN = 8
"""The listings a message names at most."""


def _private_folder(layout: Layout, file: Path) -> str | None:
    """The private folder (evidence/, awards/, data/) `file` is in, by its project path."""
    for folder in (layout.evidence, layout.awards, layout.data):
        resolved = folder.resolve()
        if file == resolved or file.is_relative_to(resolved):
            return layout.relative(folder)
    return None


def _private_link(layout: Layout, known: _Known, link: _Link, file: Path,
                  folder: str) -> tuple[str, Severity]:
    """A link to a file of a private folder: the site publishes evidence only as a story's
    public evidence (`stories/<slug>/evidence/<id>.<ext>`), the others never."""
    name = layout.relative(file)
    said = f'link "{link.address}" names {name}'
    if folder != layout.relative(layout.evidence):
        return (f"{said}, a file of {folder}/, which is private and never published: remove "
                "the link", Severity.ERROR)
    said += (", a file of the evidence folder, which the site publishes only as a story's "
             "public evidence")
    if not file.is_file():
        return (f"{said}, and it does not exist: link a story's public evidence by its copy, "
                f'"{link.to(f"{SECTION}/<slug>/evidence/<id>.<suffix>")}"',
                _severity(layout, "not_found"))
    within = file.relative_to(layout.evidence.resolve()).as_posix().casefold()
    shown = [(story.slug, evidence_target(story, item.id, item.path)) for story in known.stories
             for item in public_evidence(story)
             if posixpath.normpath(item.path.strip()).casefold() == within]
    public = [target for slug, target in shown if slug in known.public]
    if public:
        return (f'{said}: link its copy on the story\'s page, "{link.to(min(public))}"',
                _severity(layout, "not_found"))
    if shown:
        path, why = known.hidden.get(shown[0][0], ("a story", "is not public"))
        return (f"{said}; it is public evidence of {path} only, which {why}: link its copy "
                "once that story is published", Severity.ERROR)
    return (f"{said}; no public story publishes it, so it is private and never on the site: "
            "remove the link", Severity.ERROR)


def _outside_link(layout: Layout, link: _Link, file: Path) -> tuple[str, Severity]:
    """A link out of the content folder, where MkDocs finds no file."""
    shown = layout.relative(layout.content) or "."
    where = layout.relative(file) if file.is_relative_to(layout.root.resolve()) else None
    named = (f"{where} of the project" if where not in (None, "", ".") else
             "the project's folder" if where is not None else "a file outside the project")
    level = "not_found" if posixpath.splitext(link.path)[1] else "unrecognized_links"
    if not file.exists():  # "../about.md" from content/: a page of the site, one folder too high
        return (f'link "{link.address}" leads to {named}, outside {shown}/, and there is no '
                f"such file: link a page of the site by its path from this page",
                _severity(layout, level))
    return (f'link "{link.address}" names {named}, outside {shown}/, which the site never '
            f"publishes: put the file in {shown}/, or link a page of the site",
            _severity(layout, level))


def _stories_folder_link(layout: Layout, known: _Known, link: _Link,
                         file: Path) -> tuple[str, Severity]:
    """A link to a file of the stories folder, which the site never publishes as it is."""
    name = layout.relative(file)
    said = f'link "{link.address}" names {name}'
    if not file.is_file():
        return (f"{said}, which does not exist (and a story's file is never published): link "
                f'a story\'s page as "{link.to(f"{SECTION}/<slug>/index.md")}"',
                _severity(layout, "not_found"))
    if file.suffix.casefold() == ".md":
        slug = known.slug_of.get(name) or default_slug(name)
        said = f"{said}, a story's file, which the site never publishes"
        if slug not in known.public:
            why = known.hidden.get(slug, (name, "is not public"))[1]
            return (f"{said}; that story {why}, so it has no page yet: link it once it is "
                    "published", Severity.ERROR)
        page = f"{SECTION}/{slug}/index.md"
        return (f'{said} by its name: link to the story\'s page, "{link.to(page)}"'
                f"{_section_note(layout, known, known.public[slug], link)}",
                _severity(layout, "not_found"))
    shown = _shown_at(layout, known, file)
    public = [(slug, path) for slug, path in shown if slug in known.public]
    said = f"{said}, a file beside the stories, which the site never publishes by that name"
    if public:
        return (f"{said}: it publishes a story's picture as its own copy, so link to that, "
                f'"{link.to(public[0][1])}"', _severity(layout, "not_found"))
    if shown:
        path, why = known.hidden.get(shown[0][0], ("a story", "is not public"))
        return (f"{said}; it is a picture of {path} only, which {why}: link it once that story "
                "is published", Severity.ERROR)
    return (f"{said}, and no public story shows it, so it is not on the site: link to a "
            "page, or put the file in the content folder", _severity(layout, "not_found"))


def _story_page_link(layout: Layout, known: _Known, link: _Link,
                     rest: str) -> tuple[str, Severity] | None:
    """A link to `stories/<rest>` on the site: a story page, its folder, or a story's."""
    slug, _, within = rest.partition("/")
    if slug in known.hidden:
        path, why = known.hidden[slug]
        return (f'link "{link.address}" leads to the page of {path}, which {why}, so the site '
                "has no such page: link it once it is published (and remove the link till "
                "then)", Severity.ERROR)
    folder_only = not posixpath.splitext(link.path)[1]  # MkDocs: an "unrecognized" link
    if slug in known.public:
        page = f"{SECTION}/{slug}/index.md"
        if folder_only:
            return (f'link "{link.address}" names the folder of a story\'s page, which MkDocs '
                    f'does not follow: link to the page\'s file, "{link.to(page)}"',
                    _severity(layout, "unrecognized_links"))
        if within == "index.md" and link.fragment:
            return _missing_anchor(layout, known, known.public[slug], link)
        return None
    if slug in ("", "page", "index.md") or not (folder_only or within == "index.md"):
        return None  # the stories listing, its pages, or a file the check cannot know
    close = difflib.get_close_matches(slug, sorted(known.public), n=1, cutoff=0.6)
    hint = f' (did you mean "{link.to(f"{SECTION}/{close[0]}/index.md")}"?)' if close else ""
    return (f'link "{link.address}" leads to {SECTION}/{slug}/, which is no story\'s page{hint}',
            _severity(layout, "unrecognized_links" if folder_only else "not_found"))


def _missing_anchor(layout: Layout, known: _Known, story: Story,
                    link: _Link) -> tuple[str, Severity] | None:
    """Why the link's #fragment is no place on `story`'s page (as MkDocs finds its ids), or
    None: its title, body sections, and those of the page's own sections it has."""
    style = toc_style(layout)
    if not style.runnable:  # check cannot tell: said as missing_section says it
        message = missing_section(link.address, story, layout)
        return (message, Severity.WARNING) if message else None
    fragment = unquote(link.fragment[1:])
    absent = _absent_sections(known, story, style.page_sections)
    ids = [i for i in anchors(story, style) if i not in absent]
    if not fragment or fragment in ids:
        return None
    close = difflib.get_close_matches(fragment, ids, n=1, cutoff=0.6)
    hint = f" (did you mean #{close[0]}?)" if close else ""
    return (f'link "{link.address}" leads to no section of the story\'s page{hint}: its '
            f"sections are {', '.join(f'#{i}' for i in ids)}", _severity(layout, "anchors"))


def _absent_sections(known: _Known, story: Story, ids: Sequence[str]) -> set[str]:
    """The page's own sections (`ids`: Results in figures, What people said, Evidence,
    Related stories) that `story`'s page lacks."""
    from generator.site.related import related  # slow to load: only for a section's link

    public = sorted(known.public.values(), key=lambda s: (s.date, s.slug), reverse=True)
    has = (bool(story.meta.metrics), bool(public_quotes(story)), bool(public_evidence(story)),
           bool(related(public).get(story.slug)))
    return {i for i, there in zip(ids, has, strict=True) if not there}


def _section_note(layout: Layout, known: _Known, story: Story, link: _Link) -> str:
    """What the advised link's #fragment lacks, after the advice."""
    judged = _missing_anchor(layout, known, story, link) if link.fragment else None
    return f" ({judged[0].split(' ', 2)[2]})" if judged else ""


def _shown_at(layout: Layout, known: _Known, file: Path) -> list[tuple[str, str]]:
    """The stories that show `file` as a picture (slug, site path of the copy), public first."""
    from generator.site.views import image_target  # slow to load: only for a picture's link

    found = []
    for story in known.stories:
        folder = (layout.root / story.path).parent
        if story.meta.image is not None and (folder / story.meta.image.src).resolve() == file:
            found.append((story.slug, image_target(story)))
        found += [(story.slug, target) for target, written in images(story).items()
                  if _picture_file(layout, story, written) == file]
    return sorted(found, key=lambda shown: (shown[0] not in known.public, shown))


def _picture_file(layout: Layout, story: Story, written: str) -> Path | None:
    """The file a body picture shows, resolved; None when check refuses its path."""
    try:
        return picture_file(layout, story, written).resolve()
    except PathRefused:
        return None


def _severity(layout: Layout, check: str) -> Severity:
    """An error when mkdocs.yml's validation level for `check` is warn, which stops the strict
    build (`showcase build`); a warning otherwise (the page would keep a broken link)."""
    site = layout.site
    if "plugins" not in site:  # the build's layout (the plugin's) holds no mkdocs.yml options
        site = discover(layout.root).site
    return Severity.ERROR if _level(site, check) == "warn" else Severity.WARNING


def _level(site: Mapping[str, Any], check: str) -> str:
    """mkdocs.yml's `validation: links: <check>`, or `validation: <check>` (which MkDocs
    gives to links and nav alike), or MkDocs' own default."""
    validation = site.get("validation")
    if isinstance(validation, Mapping):
        links = validation.get("links")
        if isinstance(links, Mapping) and check in links:
            return str(links[check])
        if check in validation:
            return str(validation[check])
    return _LEVELS[check]


def _unreadable_photos(layout: Layout, content: Path) -> list[Problem]:
    """The content folder's pictures (by their bytes or names) the build could not strip of
    their camera data (`images.published_bytes` would stop it: one cut short, or a TIFF or
    HEIF, whatever its name): said by check first."""
    found = []
    for directory, subdirs, files in os.walk(content):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        for name in sorted(files):
            path = Path(directory) / name
            if not name.startswith(".") and path.is_file():  # a picture by its bytes or name
                refused = photos.refusal(path)
                if refused:
                    found.append(Problem(layout.relative(path), None, None, refused))
    return found


def _links_not_followed(layout: Layout, top: Path) -> list[tuple[Path, str]]:
    """Links (at any depth under `top`, as MkDocs follows them) it must not follow, and why:
    into a private folder or to a folder holding one (their files would be published as they
    are), outside the project (the server's own files), or to a folder holding the link (a
    loop, which MkDocs would follow without end). None of them is entered, nor a folder twice.
    Only the links are judged: a folder's own files and folders stay where it is."""
    if not top.is_dir():
        return []
    refused = _Refused(layout, layout.relative(top) or ".")
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    waiting: list[tuple[Path, tuple[Path, ...]]] = [(top, (top.resolve(),))]
    while waiting:
        here, chain = waiting.pop()  # chain: the real folders the walk came through to here
        try:
            with os.scandir(here) as listed:
                entries = sorted(listed, key=lambda entry: entry.name, reverse=True)
        except OSError:  # unreadable: MkDocs' walk skips it too
            continue
        for entry in entries:  # reversed onto the stack: walked in name order
            linked = entry.is_symlink()
            target, why = _followed(here / entry.name, top, refused, chain) if linked \
                else (chain[-1] / entry.name, None)
            if why is not None:
                found.append((here / entry.name, why))
            elif entry.is_dir() and target not in seen:
                seen.add(target)
                waiting.append((here / entry.name, (*chain, target)))
    return sorted(found)


def _followed(link: Path, top: Path, refused: _Refused,
              chain: tuple[Path, ...]) -> tuple[Path, str | None]:
    """Where the link at `link` (under `top`, in the real folder `chain[-1]`) leads, and why
    MkDocs must not follow it: also a link round a loop of links, or to nothing, which MkDocs
    could not read (it would stop with an internal error), unless hidden (a name starting
    with "." on its way from `top`: MkDocs leaves those out unread, as Emacs' lock files)."""
    hidden = any(part.startswith(".") for part in link.relative_to(top).parts)
    try:
        target = link.resolve()
    except (RuntimeError, OSError):  # a link to itself, or links round in a loop
        return link, None if hidden else (
            "is a link that leads round in a loop (to itself, or through other links back to "
            "it), which MkDocs cannot read: remove the link")
    try:
        target.stat()
    except (FileNotFoundError, NotADirectoryError):
        return target, None if hidden else (
            "is a link to a file that is not there, which MkDocs cannot read: remove the "
            "link, or restore the file it leads to")
    return target, refused.why(target, chain)


@dataclass(frozen=True)
class _Refused:
    """Why a link under a site folder (`shown`, by its project path) must not be followed."""

    layout: Layout
    shown: str

    @cached_property
    def root(self) -> Path:
        return self.layout.root.resolve()

    @cached_property
    def folders(self) -> dict[str, Path]:
        return private_folders(self.layout)

    def why(self, target: Path, chain: tuple[Path, ...]) -> str | None:
        """What check says of a link to `target` in the real folder `chain[-1]`, reached
        through the others, or None when MkDocs may follow it."""
        if chain[-1].is_relative_to(self.root) and not target.is_relative_to(self.root):
            if target.is_dir():
                return (f"is a link to a folder outside the project, which would publish its "
                        f"files as they are: copy the files into {self.shown}/ if they are meant "
                        "to be public, and remove the link")
            return (f"is a link to a file outside the project, which would publish that file as "
                    f"it is: copy the file into {self.shown}/ if it is meant to be public, and "
                    "remove the link")
        into = [f"into {name}/" for name, folder in self.folders.items()
                if target == folder or target.is_relative_to(folder)]
        holding = [f"to a folder holding {name}/" for name, folder in self.folders.items()
                   if folder.is_relative_to(target)]
        if into or holding:
            return (f"is a link {(into or holding)[0]}, which would publish its files as they "
                    "are: remove the link (a story's public evidence and images are published "
                    "by the story)")
        if any(real.is_relative_to(target) for real in chain):
            return ("is a link to a folder that holds it (a loop), which MkDocs would follow "
                    "without end: remove the link")
        return None
