"""Links and images in a story body: where they lead on the site, in feeds and in open data.

A comms officer links one story to another by its file name, as any Markdown editor does
(`[GIS](2026-08-12-shared-gis-service.md#impact)`), and shows a photo kept beside the
stories (`![Webchat](media/ai-webchat.png)`). On the story's page the link leads to that
story's page and the photo is published under the page (without its metadata, like a lead
image); in feeds and open data every address is absolute. A link to a story that is not
public keeps its text and loses its address, so a draft's file name and slug never reach
any output (contract section 7). Relative links to anything else stay as written on the
page (they are relative to the page's address) and are made absolute in feeds.

`problems` says what `check` reports of a body's addresses, with their lines.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from html import escape
from pathlib import Path, PurePosixPath
from urllib.parse import SplitResult, quote, unquote, urljoin, urlsplit

from generator.images import Verdicts, is_photo, refusal
from generator.markdown_text import to_html
from generator.model.story import Status
from generator.paths import PathRefused, resolve_inside
from generator.problems import Problem, Severity
from generator.project import Layout
from generator.reading.stories import StoryRead, read_story
from generator.sanitize import URL_ATTRIBUTES, allowed, strip_comments_keep_lines
from generator.story import Story

IMAGES_FOLDER = "images"
"""Body images are published under `stories/<slug>/images/`, at the path written in the body."""
# Every story page is stories/<slug>/ (generator/site/urls.py), so a link from one to another,
# or to an image under it, needs no more than the two slugs. (Importing generator.site here
# would import the site builder into every `check`, and the catalogue that imports this.)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
#: in Markdown: an inline or reference link or image, or an HTML address, that is not absolute
_MAYBE_RELATIVE_MD = re.compile(
    r"(?:\]\(\s*<?|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?|(?:href|src|cite)\s*=\s*[\"']?)"
    r"(?![A-Za-z][A-Za-z0-9+.-]*:|//)", re.MULTILINE | re.IGNORECASE)
#: in sanitised HTML: an address that is not absolute (relative, #fragment or /path)
_NOT_ABSOLUTE_HTML = re.compile(r"(?:href|src|cite)=\"(?![A-Za-z][A-Za-z0-9+.-]*:|//)")
#: in sanitised HTML: an address a page changes (relative, not a #fragment or /path)
_RELATIVE_HTML = re.compile(r"(?:href|src|cite)=\"(?![A-Za-z][A-Za-z0-9+.-]*:|[#/])")


@dataclass(frozen=True)
class Reference:
    """One address in a body's HTML: the element, the attribute and the address as written."""

    element: str
    attribute: str
    address: str

    @property
    def is_image(self) -> bool:
        return self.element == "img" and self.attribute == "src"


@dataclass(frozen=True)
class PublicStories:
    """The stories a body may link to (the public ones at build time), by their files."""

    slugs: Mapping[str, str]
    """Project path of each public story's file (e.g. stories/x.md) to its slug."""
    site_url: str = ""
    """The site's address, if known: a body's link to it is judged like a relative one."""
    evidence: str = "evidence"
    """The evidence folder, relative to the project."""
    private_names: frozenset[str] = frozenset()
    """The names (case-folded) of the evidence folder's files that no public story publishes:
    a link into the site that names one keeps its words only, wherever it points."""

    @classmethod
    def of(cls, stories: Iterable[Story], site_url: str = "",
           evidence: str = "evidence") -> PublicStories:
        return cls({story.path: story.slug for story in stories}, site_url, evidence)

    @classmethod
    def for_site(cls, stories: Iterable[Story], layout: Layout,
                 site_url: str = "") -> PublicStories:
        """The public `stories` of the project at `layout`, with its evidence folder's
        private file names."""
        chosen = list(stories)
        return cls({story.path: story.slug for story in chosen}, site_url,
                   layout.relative(layout.evidence), private_names(layout.evidence, chosen))

    @cached_property
    def public_slugs(self) -> frozenset[str]:
        return frozenset(self.slugs.values())


def is_relative(address: str) -> bool:
    """True for an address relative to the page (not a scheme, //host, /path or #fragment)."""
    text = address.strip()
    return bool(text) and not _SCHEME.match(text) and not text.startswith(("/", "#"))


def _on_this_site(address: str) -> bool:
    """An address from the site's root (`/media/x.jpg`), not another host's (`//host/x`)."""
    text = address.strip()
    return text.startswith("/") and not text.startswith(("//", "/\\"))


def _split(address: str) -> tuple[str, str]:
    """The path of a relative address (percent-decoded) and its ?query#fragment as written."""
    text = address.strip()
    cut = min((i for i in (text.find("?"), text.find("#")) if i >= 0), default=len(text))
    return unquote(text[:cut]), text[cut:]


def story_file(story: Story, address: str) -> str | None:
    """The project path of the story file a relative `.md` link names; None for other links."""
    if not is_relative(address):
        return None
    path, _ = _split(address)
    path = path.rstrip("/")  # "other.md/" names the same file (and must not publish its name)
    if not path.lower().endswith(".md"):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(story.path), path))


def image_source(address: str) -> str | None:
    """The path, relative to the story's file, of a relative image; None for full addresses."""
    if not is_relative(address):
        return None
    return _split(address)[0]


def _publishable(written: str) -> bool:
    """What `copies` can publish: a photo inside the story's folder (check refuses the rest)."""
    pure = PurePosixPath(written)
    return (is_photo(written) and "\\" not in written and not pure.is_absolute()
            and ".." not in pure.parts)


def image_target(story: Story, written: str) -> str:
    """Where a body image is published: stories/<slug>/images/<path as written>."""
    return _Target(story.slug, written, "").path()


def might_have_relative(body: str) -> bool:
    """A quick look: could the Markdown body hold a relative link or image?"""
    # a Markdown link or reference, or an HTML attribute: most bodies have none of them, and
    # these tests take a microsecond where the pattern takes a tenth of a millisecond
    if "](" not in body and "]:" not in body and "=" not in body:
        return False
    return _MAYBE_RELATIVE_MD.search(body) is not None


def references(html: str) -> list[Reference]:
    """Every address (href, src, cite) in sanitised HTML, in document order."""
    found: list[Reference] = []

    def note(element: str, attribute: str, value: str) -> str:
        if attribute in URL_ATTRIBUTES:
            found.append(Reference(element, attribute, value))
        return value

    allowed(html, note)
    return found


def _rewrite(html: str, change: Callable[[Reference], str | None]) -> str:
    """`html` with each address changed by `change` (None: the link keeps its words only).
    A link whose words are its own address (`<https://...>`) loses them too: they would
    publish what dropping the address keeps back."""
    dropped: list[str] = []

    def each(element: str, attribute: str, value: str) -> str | None:
        if attribute not in URL_ATTRIBUTES:
            return value
        changed = change(Reference(element, attribute, value))
        if changed is None and attribute == "href" and value.strip():
            dropped.append(value)
        return changed

    rewritten = allowed(html, each)
    if not dropped:
        return rewritten
    # the longest first: a shorter address may be a part of a longer one
    shown = sorted({escape(address, quote=False) for address in dropped}, key=len, reverse=True)

    def without(text: re.Match[str]) -> str:
        words = text.group(0)
        for address in shown:
            words = words.replace(address, "")
        return words

    return _TEXT.sub(without, rewritten)


_TEXT = re.compile(r"(?:(?<=>)|^)[^<]+")
"""The text between tags of serialised HTML."""


@dataclass(frozen=True)
class _Target:
    """Where a body address leads on the site: a public story's page or a published image."""

    slug: str
    image: str | None
    """The image's path as written (published under the story's images/), or None for a page."""
    rest: str
    """The address's ?query#fragment."""
    file: str | None = None
    """A published file's path under the site root (a public evidence file), if that."""

    def path(self, directory_urls: bool = True) -> str:
        """The target's path under the site root (stories/<slug>/...), unencoded."""
        if self.file is not None:
            return self.file
        if self.image is not None:
            return f"stories/{self.slug}/{IMAGES_FOLDER}/{PurePosixPath(self.image).as_posix()}"
        return f"stories/{self.slug}/" + ("" if directory_urls else "index.html")


def _target(story: Story, ref: Reference, public: PublicStories) -> _Target | str | None:
    """Where a relative story link or image leads; None to drop the address; the address
    itself when it is neither a story link nor an image."""
    if ref.is_image:
        written = image_source(ref.address)
        if written is None:
            return ref.address
        return _Target(story.slug, written, "") if _publishable(written) else None
    if ref.attribute != "href":
        return ref.address
    target = story_file(story, ref.address)
    if target is None:
        return _other_target(story, ref.address, public)
    slug = public.slugs.get(target)
    return _Target(slug, None, _split(ref.address)[1]) if slug else None


def _other_target(story: Story, address: str, public: PublicStories) -> _Target | str | None:
    """Where a link to something other than a story file leads: as written, to an evidence
    file's published copy, or nowhere (None: its words only)."""
    found = judge(story, address, public)
    if found.kind == "copy":
        return _Target(story.slug, None, _split(address)[1], found.path)
    return address if found.kind in ("elsewhere", "public story") else None


@dataclass(frozen=True)
class Judged:
    """What a link leads to, for the site and for `check`."""

    kind: str
    """"elsewhere" (another site, or a page of this one that is no story's); "public story";
    "copy" (public evidence of this story, at `path`); "story" (the page of a story that is
    not public, `slug`); "evidence" (a file of the evidence folder, `path`, that is not
    public evidence of this story); "private name" (an address into the site naming a
    private file, `path`)."""
    path: str = ""
    slug: str = ""


def judge(story: Story, address: str, public: PublicStories) -> Judged:
    """What the link `address` in `story`'s body leads to (not a story file's `.md` link)."""
    evidence = evidence_file(story, address, public.site_url, public.evidence)
    if evidence is not None:
        published = _public_evidence(story).get(evidence.casefold())
        return Judged("copy", published) if published else Judged("evidence", evidence)
    site_path = _site_path(story, address, public.site_url)
    if site_path is None:
        return Judged("elsewhere")
    name = PurePosixPath(site_path).name.casefold()
    if name and name in public.private_names:
        return Judged("private name", PurePosixPath(site_path).name)
    page = _STORY_PAGE.match(site_path)
    if page is None or page.group(1) == "page":
        return Judged("elsewhere")
    slug = page.group(1)
    return Judged("public story", slug=slug) if slug in public.public_slugs else \
        Judged("story", slug=slug)


def leads_to_public(story: Story, address: str, public: PublicStories) -> bool:
    """Whether a full address may be published as it is: it leads elsewhere, or to what the
    site publishes (a public story's page, a public evidence file's copy)."""
    return judge(story, address, public).kind in ("elsewhere", "public story", "copy")


def private_names(folder: Path, public: Iterable[Story]) -> frozenset[str]:
    """The names (case-folded) of the files in the evidence `folder` that none of the
    `public` stories publishes as its public evidence."""
    if not folder.is_dir():
        return frozenset()
    published = {posixpath.normpath(item.path.strip()).casefold()
                 for story in public for item in story.meta.evidence if item.public}
    return frozenset(file.name.casefold() for file in folder.rglob("*")
                     if file.relative_to(folder).as_posix().casefold() not in published
                     and not file.is_dir())


_STORY_PAGE = re.compile(r"^stories/([^/.]+)(?:/|$)")
"""A story page's address under the site root: stories/<slug>/ (not stories/index.html)."""


def evidence_target(story: Story, evidence_id: str, path: str) -> str:
    """Where a public evidence file is published."""
    return f"stories/{story.slug}/evidence/{evidence_id}{posixpath.splitext(path)[1].lower()}"


def _public_evidence(story: Story) -> dict[str, str]:
    """Each public evidence file of `story` (path in the evidence folder, case-folded) to its
    published path."""
    return {posixpath.normpath(item.path.strip()).casefold():
            evidence_target(story, item.id, item.path)
            for item in story.meta.evidence if item.public}


def evidence_file(story: Story, address: str, site_url: str = "",
                  folder: str = "evidence") -> str | None:
    """The path in the evidence `folder` (relative to the project) of the file a link names,
    written relative to the story's file (`../evidence/x.pdf`) or as a site address
    (`/evidence/x.pdf`); None for a link anywhere else."""
    prefix = folder.strip("/").casefold() + "/"
    # written from the story's file (as an editor previews it) or from its page on the site
    found = [_site_path(story, address, site_url) or ""]
    if is_relative(address):
        written = _split(address)[0]
        found.insert(0, posixpath.normpath(posixpath.join(posixpath.dirname(story.path), written)))
    for path in found:
        if path.casefold().startswith(prefix) and len(path) > len(prefix):
            return path[len(prefix):]
    return None


def _site_path(story: Story, address: str, site_url: str) -> str | None:
    """The path under the site's root a link leads to, when it leads into the site: relative
    to the story's page, from the root (`/stories/x/`), or under `site_url`; else None."""
    text = address.strip()
    path = _split(text)[0]
    if is_relative(text):
        found = posixpath.join(f"stories/{story.slug}/", path)
    else:
        root = urlsplit(site_url.strip()) if site_url.strip() else None
        base = (root.path if root else "").rstrip("/") + "/"
        if _on_this_site(text):
            found = path
        elif root is not None and root.netloc and _same_site(text, root):
            found = unquote(urlsplit(text).path) or "/"
        else:
            return None
        if not found.startswith(base):
            return None
        found = found[len(base):]
    normal = posixpath.normpath(found or ".")
    return None if normal == ".." or normal.startswith("../") else normal


def _same_site(address: str, site: SplitResult) -> bool:
    """Whether `address` (full, or from `//` on) is on the site's host: any case, with or
    without the scheme's usual port."""
    try:
        found = urlsplit(address.strip())
        return (found.scheme.lower() in ("", "http", "https") and bool(found.netloc)
                and found.hostname == site.hostname
                and found.port in (None, 80, 443, site.port))
    except ValueError:
        return False


def page_body(html: str, story: Story, public: PublicStories, directory_urls: bool = True) -> str:
    """The body HTML as the story's page shows it: story links and images relative to the
    page; a link to a story that is not public keeps its text only."""
    if _RELATIVE_HTML.search(html) is None and not _may_lead_here(html, public.site_url):
        return html
    here = f"stories/{story.slug}/"

    def change(ref: Reference) -> str | None:
        found = _target(story, ref, public)
        if not isinstance(found, _Target):
            return found
        return quote(_relative(found.path(directory_urls), here)) + found.rest

    return _rewrite(html, change)


def _may_lead_here(html: str, site_url: str) -> bool:
    """Whether sanitised HTML may hold an address into the site: from its root, or under
    `site_url`'s host."""
    if 'href="/' in html:
        return True
    host = urlsplit(site_url.strip()).netloc if site_url.strip() else ""
    return bool(host) and host.lower() in html.lower()


def _relative(path: str, folder: str) -> str:
    """`path` relative to `folder` (both under the site root), a folder keeping its slash."""
    found = posixpath.relpath(path, folder)
    if path.endswith("/"):
        return "./" if found == "." else found + "/"
    return found


def shared_body(html: str, story: Story, public: PublicStories, site_url: str | None) -> str:
    """The body HTML as feeds and open data carry it: every address absolute (resolved
    against the story page's address) when there is a `site_url`; else as on the page."""
    if not site_url:
        return page_body(html, story, public)
    if _NOT_ABSOLUTE_HTML.search(html) is None and not _may_lead_here(html, site_url):
        return html
    root = site_url.rstrip("/") + "/"
    page = root + quote(f"stories/{story.slug}/")
    public = replace(public, site_url=site_url)

    def change(ref: Reference) -> str | None:
        if _SCHEME.match(ref.address.strip()) or ref.address.strip().startswith("//"):
            if ref.attribute == "href" and _other_target(story, ref.address, public) is None:
                return None  # the address of a story page that is not public
            return ref.address
        found = _target(story, ref, public)
        if found is None:
            return None
        if isinstance(found, str):
            return urljoin(page, found.strip())
        return root + quote(found.path()) + found.rest

    return _rewrite(html, change)


def images(story: Story) -> dict[str, str]:
    """The body's publishable relative images: target path under the site to path as written."""
    if not might_have_relative(story.body):
        return {}
    found = {}
    for ref in references(to_html(story.body)):
        written = image_source(ref.address) if ref.is_image else None
        if written is not None and _publishable(written):
            found[image_target(story, written)] = written
    return found


def problems(story: Story, layout: Layout, verdicts: Verdicts | None = None) -> list[Problem]:
    """What `check` says of the body's relative links and images, each with its line
    (`verdicts`: photo verdicts kept between runs, as `images.refusal` takes)."""
    if not might_have_relative(story.body):
        return []
    return list(_problems(story, layout, verdicts))


def _problems(story: Story, layout: Layout, verdicts: Verdicts | None) -> Iterator[Problem]:
    folder = (layout.root / story.path).parent
    lines = _Lines(story)
    for ref in references(to_html(story.body)):
        if ref.is_image and _on_this_site(ref.address):
            yield Problem(story.path, lines.of(ref.address), "body",
                          f'image "{ref.address}" is an address on the site, where no picture of '
                          "the story is: keep the picture beside the story and write its path "
                          "from there (e.g. media/photo.jpg)", Severity.ERROR)
            continue
        if not is_relative(ref.address):
            continue
        if (ref.attribute == "href" and story_file(story, ref.address) is None
                and evidence_file(story, ref.address, "", layout.relative(layout.evidence))):
            continue  # said by `site_link_problems`, which knows every story's evidence
        if ref.is_image:
            message = _image_problem(ref.address, folder, layout, verdicts)
            severity = Severity.ERROR
        elif story_file(story, ref.address) is not None:
            message, severity = _story_link_problem(story, ref.address, layout)
        else:
            message = _file_link_problem(ref.address, folder, layout)
            severity = Severity.WARNING
        if message:
            yield Problem(story.path, lines.of(ref.address), "body", message, severity)


@dataclass(frozen=True)
class KnownStories:
    """Every story of the project as `check` judges links to them: whether each slug is a
    story's, and why one is not public; and the project as links to the site see it."""

    public: PublicStories
    """The published stories (their embargo is judged at build time) and the private names."""
    not_public: Mapping[str, tuple[str, str]]
    """The slug of each story that is not published: its file and why ("is still a draft")."""
    evidence_of: Mapping[str, str]
    """Each file of the evidence folder (case-folded) that a story publishes: that story's
    file."""

    @classmethod
    def of(cls, stories: Iterable[Story], unreadable: Iterable[tuple[str, str, str | None]],
           layout: Layout, now: datetime) -> KnownStories:
        """`stories` (valid), `unreadable` (path, slug, status of each story that cannot be
        read) of the project at `layout`, as they are at `now`."""
        chosen = list(stories)
        published = [s for s in chosen if s.is_public(now)]
        public = PublicStories.for_site(published, layout, str(layout.site.get("site_url") or ""))
        not_public = {s.slug: (s.path, _why_not(s, now)) for s in chosen if not s.is_public(now)}
        not_public.update({slug: (path, _WHY_NOT.get(status or "", "cannot be read"))
                           for path, slug, status in unreadable})
        evidence_of = {posixpath.normpath(item.path.strip()).casefold(): s.path
                       for s in published for item in s.meta.evidence if item.public}
        return cls(public, not_public, evidence_of)


_WHY_NOT = {Status.DRAFT.value: "is still a draft", Status.REVIEW.value: "is still in review"}


def _why_not(story: Story, now: datetime) -> str:
    if story.status is Status.PUBLISHED and story.meta.embargo is not None:
        return f"is under embargo until {story.meta.embargo.isoformat(' ', 'minutes')}"
    return _WHY_NOT.get(story.status.value, "is not public")


def site_link_problems(story: Story, known: KnownStories, layout: Layout) -> list[Problem]:
    """What `check` says of the links in `story`'s body into the site (to a story page by its
    address, to the evidence folder, naming a private file) and of its metrics' sources."""
    found: list[Problem] = []
    if _may_link_here(story.body, known.public.site_url):
        lines = _Lines(story)
        for ref in references(to_html(story.body)):
            if ref.attribute != "href" or story_file(story, ref.address) is not None:
                continue
            message = _site_link_message(story, ref.address, known, layout)
            if message:
                found.append(Problem(story.path, lines.of(ref.address), "body",
                                     f'link "{ref.address}" {message}', Severity.WARNING))
    for index, metric in story.numbered("metrics", story.meta.metrics):
        source = metric.source or ""
        if source.startswith("https://"):
            message = _site_link_message(story, source, known, layout)
            if message:
                found.append(Problem(story.path, story.line_of("metrics", index, "source"),
                                     f"metrics[{index}].source", f'"{source}" {message}; open '
                                     "data leaves the source out", Severity.WARNING))
    return found


def _may_link_here(body: str, site_url: str) -> bool:
    """A quick look: could the Markdown body link into the site (relative, from its root or
    `//`, or by the site's host)? Most bodies link only elsewhere, or nowhere."""
    if might_have_relative(body) or _FROM_THE_ROOT.search(body):
        return True
    host = urlsplit(site_url.strip()).hostname if site_url.strip() else None
    return host is not None and host in body.lower()


_FROM_THE_ROOT = re.compile(r"(?:\]\(|\]:|=)\s*[\"']?<?/", re.IGNORECASE)


def _site_link_message(story: Story, address: str, known: KnownStories,
                       layout: Layout) -> str | None:
    found = judge(story, address, known.public)
    folder = layout.relative(layout.evidence)
    if found.kind == "evidence":
        other = known.evidence_of.get(found.path.casefold())
        where = (f"is public evidence of {other}, not of this story" if other
                 else "is not public evidence of any published story")
        return (f"leads to {folder}/{found.path}, which {where}, so the site shows the link's "
                "text only: to publish the file here, list it under this story's evidence: "
                "with public: true")
    if found.kind == "private name":
        return (f"names {found.path}, a file in {folder}/ that is not public, so the site shows "
                "the link's text only")
    if found.kind != "story" or found.slug == story.slug:
        return None
    if found.slug in known.not_public:
        path, why = known.not_public[found.slug]
        return (f"leads to the page of {path}, which {why}, so the site shows the link's text "
                f"only until it is published; link to the story's file instead "
                f"({PurePosixPath(path).name})")
    slugs = known.public.public_slugs | set(known.not_public)
    close = [s for s in sorted(slugs) if s.casefold() == found.slug.casefold()] or \
        difflib.get_close_matches(found.slug, sorted(slugs), n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return (f"leads to stories/{found.slug}/, which is no story's page{hint}, so the site "
            "shows the link's text only")


def _image_problem(address: str, folder: Path, layout: Layout,
                   verdicts: Verdicts | None) -> str | None:
    written = _split(address)[0]
    try:
        resolve_inside(folder, written, layout.root, layout.relative(folder))
    except PathRefused as exc:  # most reasons start with the path as written: say it once
        said = str(exc)
        return f"image {said}" if said.startswith(f'"{written}"') else f'image "{address}": {said}'
    if not _publishable(written):
        suffix = PurePosixPath(written).suffix.lower() or "suffixless"
        return (f'image "{address}" is a {suffix} file: a picture in a story must be a JPEG, '
                "PNG or WebP photo (save it as one of those)")
    refused = refusal(folder / written, verdicts)  # the build publishes it without its metadata
    return f'image "{address}": {refused}' if refused else None


def _story_link_problem(story: Story, address: str, layout: Layout) -> tuple[str | None, Severity]:
    target = story_file(story, address)
    assert target is not None
    stories = layout.relative(layout.stories)
    file = layout.root / target
    inside = not target.startswith("../") and (file.parent.resolve()).is_relative_to(
        layout.stories.resolve())
    if not inside:
        return (f'link "{address}" leads to {target}, which is not a story in {stories}/: link '
                "to a story by its file name, or to any other page by its address"), Severity.ERROR
    if not file.is_file():
        hint = _close_name(file, layout.root / story.path)
        return (f'link "{address}": {target} does not exist{hint}; link to a '
                "story by its file name, like 2026-03-14-my-story.md"), Severity.ERROR
    why = _not_public(read_story(file, target))
    if why is None:
        return None, Severity.WARNING
    return (f'link "{address}": that story {why}, so the site shows this link\'s text without '
            "the link until the story is published"), Severity.WARNING


def _not_public(read: StoryRead) -> str | None:
    """Why a linked story is not published (its embargo is judged at build time), or None."""
    if read.story is not None:
        status: str | None = read.story.status.value
    else:
        status = read.unusable.status if read.unusable is not None else None
    if status == Status.PUBLISHED.value:
        return None
    return {Status.DRAFT.value: "is still a draft",
            Status.REVIEW.value: "is still in review"}.get(status or "", "cannot be read")


def _file_link_problem(address: str, folder: Path, layout: Layout) -> str | None:
    written = _split(address)[0]
    if not written or "\\" in written:
        return None
    candidate = folder / written
    if not candidate.is_file() or not candidate.resolve().is_relative_to(layout.root.resolve()):
        return None
    return (f'link "{address}" leads to a file in the project, which the site does not '
            "publish: make it public evidence of the story, or link to a full https:// address")


def _close_name(file: Path, linking: Path) -> str:
    """A name like `file`'s among the story files beside it, not the linking story's own."""
    if not file.parent.is_dir():
        return ""
    names = sorted(p.name for p in file.parent.glob("*.md")
                   if p.name.casefold() != linking.name.casefold() or p.parent != linking.parent)
    close = difflib.get_close_matches(file.name, names, n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


_ADDRESS_BEFORE = re.compile(r"(?:\]\(\s*<?|\]:\s*<?|<|=\s*[\"']?)$")
"""What comes just before an address written as one, in Markdown or HTML."""


class _Lines:
    """The line of each address in the body, in order: a repeated address is found again
    after its last place; one not found (written differently) is given the body's first line."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.text = strip_comments_keep_lines(story.body)
        self.after: dict[str, int] = {}

    def of(self, address: str) -> int:
        start = self.after.get(address, 0)
        at = self._written(address, start)
        if at < 0:
            at = self._written(address, 0)
        if at < 0:
            return self.story.body_line
        self.after[address] = at + len(address)
        return self.story.body_line + self.text.count("\n", 0, at)

    def _written(self, address: str, start: int) -> int:
        """Where `address` is first written as an address from `start` on (after `](`, `]:`,
        `<` or `="`), else where it is first written at all; -1 if nowhere."""
        first = -1
        for found in re.finditer(re.escape(address), self.text[start:]):
            at = start + found.start()
            if _ADDRESS_BEFORE.search(self.text, max(0, at - 8), at):
                return at
            first = at if first < 0 else first
        return first
