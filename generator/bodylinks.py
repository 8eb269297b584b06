"""Links and images in a story body: where they lead on the site, in feeds and in open data.

A comms officer links one story to another by its file name, as any Markdown editor does
(`[GIS](2026-08-12-shared-gis-service.md#impact)`), and shows a photo kept beside the
stories (`![Webchat](media/ai-webchat.png)`), or as the story editor writes a picture put into
the text, from the site's root (`![Webchat](/media/ai-webchat.png)`: the file
stories/media/ai-webchat.png, wherever the story is; `picture_file`). On the story's page the link leads to that
story's page and the photo is published under the page (without its metadata, like a lead
image); in feeds and open data every address is absolute. A link to a story that is not
public keeps its text and loses its address, so a draft's file name and slug never reach
any output (contract section 7). So does a link into the site written as a story page's
address, and one naming a file of the evidence folder that no public story publishes (`judge`
says what a link leads to). Relative links to anything else stay as written on the page (they
are relative to the page's address) and are made absolute in feeds. Every address is judged,
and written out, as a browser reads it (`browser_form`: `/\\host` is `//host`, another site's).

`generator.linkcheck` says what `check` reports of the same addresses, with their lines.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from html import escape, unescape
from itertools import pairwise
from pathlib import Path, PurePosixPath
from urllib.parse import SplitResult, quote, unquote, urljoin, urlsplit

from slugify import slugify

from generator.images import is_photo
from generator.markdown_text import to_html
from generator.paths import resolve_inside
from generator.project import MEDIA, Layout
from generator.sanitize import URL_ATTRIBUTES, allowed
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
class Hidden:
    """What the stories that are not public (drafts, review, embargo, unreadable) would give
    away in an address, case-folded: an address holding any of it keeps its words only,
    whatever its host, its form or its encoding."""

    slugs: frozenset[str] = frozenset()
    files: frozenset[str] = frozenset()
    """Their files' names without `.md` (2026-03-14-my-story)."""
    groups: frozenset[str] = frozenset()
    """The listing pages only they would fill: tags/<key>, services/<key>."""

    @classmethod
    def of(cls, hidden: Iterable[tuple[str, str]], groups: Iterable[str] = ()) -> Hidden:
        """`hidden` (slug, file path) of each story that is not public; `groups` (tags/x)."""
        pairs = list(hidden)
        return cls(frozenset(slug.casefold() for slug, _ in pairs),
                   frozenset(PurePosixPath(path).stem.casefold() for _, path in pairs),
                   frozenset(group.casefold() for group in groups))

    def __bool__(self) -> bool:
        return bool(self.slugs or self.files or self.groups)


@lru_cache(maxsize=65536)
def group_key(name: str) -> str:
    """A tag's or service's listing folder name, as the site makes it (`site.urls.key`)."""
    return slugify(name) or "other"


def groups_of(stories: Iterable[Story]) -> set[str]:
    """The tag and service listing folders the `stories` fill (tags/<key>, services/<key>)."""
    return ({f"tags/{group_key(tag)}" for story in stories for tag in story.meta.tags}
            | {f"services/{group_key(story.meta.service)}" for story in stories})


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
    an address into the site's evidence folder that names one keeps its words only."""
    hidden: Hidden = field(default_factory=lambda: Hidden())
    """What the project's stories that are not public would give away in an address."""
    published_evidence: frozenset[str] = frozenset()
    """The site paths (case-folded) of the public stories' published evidence copies."""
    directory_urls: bool = True
    """mkdocs.yml's use_directory_urls: a page's address is its folder (stories/x/), or its
    index.html (stories/x/index.html) when false, as feeds and open data write it."""

    @classmethod
    def of(cls, stories: Iterable[Story], site_url: str = "",
           evidence: str = "evidence") -> PublicStories:
        return cls({story.path: story.slug for story in stories}, site_url, evidence)

    @classmethod
    def for_site(cls, stories: Iterable[Story], layout: Layout, site_url: str = "",
                 hidden: Hidden | None = None) -> PublicStories:
        """The public `stories` of the project at `layout`, with its evidence folder's
        private file names and what its stories that are not public would give away."""
        chosen = list(stories)
        copies = frozenset(target.casefold() for story in chosen
                           for target in public_evidence_paths(story).values())
        return cls({story.path: story.slug for story in chosen}, site_url,
                   layout.relative(layout.evidence), private_names(layout.evidence, chosen),
                   hidden or Hidden(), copies,
                   layout.site.get("use_directory_urls", True) is not False)

    @cached_property
    def public_slugs(self) -> frozenset[str]:
        return frozenset(self.slugs.values())

    @cached_property
    def shared(self) -> dict[tuple[str, str, str, str], str]:
        """`shared_body`'s results, by body, story and site address (one build's)."""
        return {}


@lru_cache(maxsize=4096)  # a link is judged by several tests, each asking (check at 10,000)
def browser_form(address: str) -> str:
    """`address` as a browser reads it, written so: in an address without a scheme, or an
    http(s) one, the tabs and line breaks it leaves out are left out, and each backslash
    before the ?query or #fragment is a slash (hostile34 F6: `/\\host` and `\\\\host` lead
    to another site, as `//host` does; `..\\about\\` is `../about/`). Any other address
    as it is."""
    text = address.strip()
    if "\\" not in text and not _SKIPPED.search(text):
        return text
    scheme = _SCHEME.match(text)
    if scheme is not None and scheme.group(0).lower() not in ("http:", "https:"):
        return text
    text = _SKIPPED.sub("", text)
    cut = min((i for i in (text.find("?"), text.find("#")) if i >= 0), default=len(text))
    return text[:cut].replace("\\", "/") + text[cut:]


_SKIPPED = re.compile(r"[\t\n\r]")
"""What a browser leaves out of an address wherever it is: tabs and line breaks."""


def is_relative(address: str) -> bool:
    """True for an address relative to the page (not a scheme, //host, /path or #fragment),
    as a browser reads it (`browser_form`)."""
    text = browser_form(address)
    return bool(text) and not _SCHEME.match(text) and not text.startswith(("/", "#"))


def on_this_site(address: str) -> bool:
    """An address from the site's root (`/media/x.jpg`), not another host's (`//host/x`,
    `/\\host/x`), as a browser reads it (`browser_form`)."""
    text = browser_form(address)
    return text.startswith("/") and not text.startswith("//")


def split_address(address: str) -> tuple[str, str]:
    """The path of a relative address (percent-decoded) and its ?query#fragment as written."""
    text = address.strip()
    cut = min((i for i in (text.find("?"), text.find("#")) if i >= 0), default=len(text))
    return unquote(text[:cut]), text[cut:]


def story_file(story: Story, address: str) -> str | None:
    """The project path of the story file a relative `.md` link names; None for other links."""
    if not is_relative(address):
        return None
    path, _ = split_address(address)
    path = path.rstrip("/")  # "other.md/" names the same file (and must not publish its name)
    if not path.lower().endswith(".md"):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(story.path), path))


def image_source(address: str) -> str | None:
    """The path, relative to the story's file, of a relative image; None for full addresses."""
    if not is_relative(address):
        return None
    return split_address(address)[0]


def editor_picture(written: str) -> str | None:
    """The path in the story editor's media folder that a picture's path written from the
    site's root names, as the editor writes it (`/media/pic.png`: `pic.png`, the file
    stories/media/pic.png); None for any other path."""
    prefix = f"/{MEDIA}/"
    return written[len(prefix):] if written.startswith(prefix) and written != prefix else None


def body_picture(address: str) -> str | None:
    """The path of a body picture as written (percent-decoded): relative to the story's file
    (`media/pic.png`), or the story editor's from the site's root (`/media/pic.png`); None for
    any other address (a full one, another path from the root)."""
    if is_relative(address):
        return split_address(address)[0]
    if not on_this_site(address):
        return None
    written = split_address(address)[0]
    return written if editor_picture(written) is not None else None


def publishable(written: str) -> bool:
    """What `copies` can publish: a photo inside the story's folder, or inside the editor's
    media folder for `/media/...` (check refuses the rest)."""
    inner = editor_picture(written)
    pure = PurePosixPath(written if inner is None else inner)
    return (is_photo(written) and "\\" not in written and not pure.is_absolute()
            and ".." not in pure.parts)


def published_as(written: str) -> str:
    """The path a body picture is published at under its story's images/: as written, and the
    editor's `/media/pic.png` as `media/pic.png` (as that path written in a story in stories/)."""
    return written[1:] if editor_picture(written) is not None else written


def picture_file(layout: Layout, story: Story, written: str) -> Path:
    """The file a body picture's path (`body_picture`) names, checked as `resolve_inside`
    checks any path a person writes (it raises `PathRefused`, saying why): relative to the
    story's file, or the editor's `/media/<rest>` in the stories folder's media/ (for a story
    in a sub-folder of stories/ too), never leaving that folder (by `..` or a link)."""
    inner = editor_picture(written)
    folder = (layout.root / story.path).parent if inner is None else layout.media
    return resolve_inside(folder, written if inner is None else inner, layout.root,
                          layout.relative(folder))


def image_target(story: Story, written: str) -> str:
    """Where a body image is published: stories/<slug>/images/<path as written>."""
    return _Target(story.slug, published_as(written), "").path()


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
        written = body_picture(ref.address)
        if written is None:
            return ref.address
        return _Target(story.slug, published_as(written), "") if publishable(written) else None
    if ref.attribute != "href":
        return ref.address
    target = story_file(story, ref.address)
    if target is None:
        return _other_target(story, ref.address, public)
    slug = public.slugs.get(target)
    return _Target(slug, None, split_address(ref.address)[1]) if slug else None


def _other_target(story: Story, address: str, public: PublicStories) -> _Target | str | None:
    """Where a link to something other than a story file leads: as written, to an evidence
    file's published copy, or nowhere (None: its words only)."""
    found = judge(story, address, public)
    if found.kind == "copy":
        return _Target(story.slug, None, split_address(address)[1], found.path)
    if found.kind == "public story" and found.rooted:  # under the site's path, on the site
        return _rooted_target(address, found.slug, public.site_url)
    return address if found.kind in ("elsewhere", "public story") else None


def _rooted_target(address: str, slug: str, site_url: str) -> _Target:
    """Where a link to a public story's page (or a file under it) written from the server's
    root without the site's path leads once that path is put in front."""
    rooted = rooted_path(address, site_url) or ""
    path, rest = split_address(rooted)
    normal = posixpath.normpath(path)
    if normal.casefold() == f"stories/{slug}".casefold():
        return _Target(slug, None, rest)  # the page, at its address
    return _Target(slug, None, rest, normal + ("/" if path.endswith("/") else ""))


@dataclass(frozen=True)
class Judged:
    """What a link leads to, for the site and for `check`."""

    kind: str
    """"elsewhere" (another site, or a page of this one that is no story's); "public story";
    "copy" (public evidence of this story, at `path`); "story" (the page of a story that is
    not public, `slug`); "evidence" (a file of the evidence folder, `path`, that is not
    public evidence of this story); "private name" (an address into the site naming a
    private file, `path`); "story file" (a story's Markdown file by its name, `path`);
    "group" (a tag's or service's listing only stories that are not public fill, `path`);
    "unpublished" (a file under the story's own page, `path`, that the build does not publish:
    a file beside the story in stories/, which only evidence can publish, or none at all)."""
    path: str = ""
    slug: str = ""
    rooted: bool = False
    """Written from the server's root without the path of a site under one (`/stories/x/`
    on a site at https://host/digital/showcase/): what it leads to once that path is put in
    front (`rooted_path`); "elsewhere" then when that names no story or file of the site, and
    the link leads out of the site as written."""


def judge(story: Story, address: str, public: PublicStories) -> Judged:
    """What the link `address` in `story`'s body leads to (not a story file's `.md` link)."""
    address = _as_browsers_read(address)
    evidence = evidence_file(story, address, public.site_url, public.evidence)
    if evidence is not None:
        published = public_evidence_paths(story).get(evidence.casefold())
        return Judged("copy", published) if published else Judged("evidence", evidence)
    site_path = _site_path(story, address, public.site_url)
    secret = names_hidden(address, public, site_path)
    if secret is not None:
        return secret
    if site_path is None:
        rooted, base = rooted_path(address, public.site_url), site_base(public.site_url)
        if rooted is None:  # (base + rooted is under the site's path: judged once more)
            return Judged("elsewhere")
        return replace(judge(story, base + rooted, public), rooted=True)
    own = f"stories/{story.slug}/".casefold()
    if site_path.casefold().startswith(own) and site_path[len(own):] not in ("", "index.html"):
        picture = published_picture(story, address)
        if picture is not None:  # its lead image, or a picture its body shows
            return Judged("copy", picture)
        # a file beside the story's page that the build does not publish (its copies of
        # public evidence are judged before): a dead link, naming the file
        return Judged("unpublished", site_path[len(own):])
    name = PurePosixPath(site_path).name
    if name.casefold().endswith(".md") and site_path.casefold().startswith("stories/"):
        return Judged("story file", name)  # a story's file is never published by its name
    page = _STORY_PAGE.match(site_path)
    if page is None or page.group(1).casefold() in ("page", "index"):
        return Judged("elsewhere")
    slug = page.group(1)
    return Judged("public story", slug=slug) if slug in public.public_slugs else \
        Judged("story", slug=slug)


def lead_image_target(story: Story) -> str:
    """Where a story's lead image is published: stories/<slug>/<its file name>."""
    assert story.meta.image is not None
    return f"stories/{story.slug}/{posixpath.basename(story.meta.image.src)}"


def published_picture(story: Story, address: str) -> str | None:
    """Where the site publishes the picture beside the story that a relative link names: its
    lead image, or one its body shows; None for any other address."""
    written = image_source(address)
    if written is None or not publishable(written):
        return None
    named = posixpath.normpath(written)
    image = story.meta.image
    if image is not None and posixpath.normpath(image.src) == named:
        return lead_image_target(story)
    return next((target for target, shown in images(story).items()
                 if posixpath.normpath(shown) == named), None)


def names_hidden(address: str, public: PublicStories, site_path: str | None = None) -> Judged | None:
    """What `address` gives away, however it is encoded: the dated file name of a story that
    is not public (on any host); and on this site (or an address of it inside another's
    query), such a story's page (stories/<slug>), a listing only such stories fill, or a
    private file of the evidence folder. None when it gives nothing away: a draft called
    "webchat" does not take out the site's #webchat anchor or a partner's /webchat/ page."""
    hidden, private = public.hidden, public.private_names
    if not (hidden or private):
        return None
    text = unquote(unquote(address)).casefold()
    words = set(_WORD_BREAKS.split(text))
    parts = [part for part in re.split(r"[/?#&=]+", text) if part]
    pairs = set(pairwise(parts))
    found: list[tuple[str, set[str] | frozenset[str]]] = [("story file", hidden.files & words)]
    if _into_site(address, public.site_url) or _names_site(text, public.site_url):
        evidence = public.evidence.strip("/").casefold().rsplit("/", 1)[-1]
        published = (site_path or "/".join(parts[-4:])).casefold() in public.published_evidence
        found += [("story", {slug.split(".")[0] for folder, slug in pairs if folder == "stories"}
                   & hidden.slugs),
                  ("group", hidden.groups & {f"{a}/{b}" for a, b in pairs}),
                  ("private name", set() if published else
                   {name for folder, name in pairs if folder == evidence} & private)]
    for kind, given in found:
        if given:
            first = min(given)
            return Judged(kind, f"{first}.md" if kind == "story file" else first,
                          first if kind == "story" else "")
    return None


def _names_site(text: str, site_url: str) -> bool:
    """Whether the (decoded, case-folded) address holds the site's own address, e.g. in a
    ?next= of another site's."""
    host = urlsplit(site_url.strip()).hostname if site_url.strip() else None
    return host is not None and f"//{host}" in text


def _into_site(address: str, site_url: str) -> bool:
    """Whether `address` is relative, from the site's root or on the site's host."""
    text = address.strip()
    if is_relative(text) or on_this_site(text) or text.startswith("#"):
        return True
    site = urlsplit(site_url.strip()) if site_url.strip() else None
    return site is not None and bool(site.netloc) and _same_site(text, site)


_WORD_BREAKS = re.compile(r"[^a-z0-9_-]+")
"""What separates the words of an address that a slug or a file's name may be."""
_NAME_BREAKS = re.compile(r"[^a-z0-9_.-]+")
"""The same, keeping dots: a file's name with its suffix (figures.csv)."""


def _as_browsers_read(address: str) -> str:
    """`address` as browsers read it: `browser_form`, and `https:host/x` and `https:/host/x`
    as https://host/x."""
    text = browser_form(address)
    found = _SLASHLESS.match(text)
    return f"{found.group(1)}://{found.group(2)}" if found else \
        text if text != address.strip() else address


_SLASHLESS = re.compile(r"^(https?):/?([^/].*)$", re.IGNORECASE | re.DOTALL)


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


_STORY_PAGE = re.compile(r"^stories/([^/.]+)(?:[/.]|$)", re.IGNORECASE)
"""A story page's address under the site root: stories/<slug>/, or stories/<slug>.html
(which the site does not have, but names the slug); stories/index.html is the listing."""


def evidence_target(story: Story, evidence_id: str, path: str) -> str:
    """Where a public evidence file is published."""
    return f"stories/{story.slug}/evidence/{evidence_id}{posixpath.splitext(path)[1].lower()}"


def public_evidence_paths(story: Story) -> dict[str, str]:
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
    address = browser_form(address)
    # written from the story's file (as an editor previews it) or from its page on the site
    found = [_site_path(story, address, site_url) or ""]
    if is_relative(address):
        written = split_address(address)[0]
        found.insert(0, posixpath.normpath(posixpath.join(posixpath.dirname(story.path), written)))
    for path in found:
        if path.casefold().startswith(prefix) and len(path) > len(prefix):
            return path[len(prefix):]
    return None


def _site_path(story: Story, address: str, site_url: str) -> str | None:
    """The path under the site's root a link leads to, when it leads into the site: relative
    to the story's page, from the root (`/stories/x/`), or under `site_url`; else None."""
    text = browser_form(address)
    path = split_address(text)[0]
    if is_relative(text):
        found = posixpath.join(f"stories/{story.slug}/", path)
    else:
        root = urlsplit(site_url.strip()) if site_url.strip() else None
        base = (root.path if root else "").rstrip("/") + "/"
        if on_this_site(text):
            found = root_path(text)
        elif root is not None and root.netloc and _same_site(text, root):
            found = unquote(_without_dots(urlsplit(text).path or "/"))
        else:
            return None
        if not found.startswith(base):
            return None
        found = found[len(base):]
    normal = posixpath.normpath(found or ".")
    return None if normal == ".." or normal.startswith("../") else normal


@lru_cache(maxsize=64)
def site_base(site_url: str) -> str:
    """The path of the site under its host, between slashes: / for a site at the host's root,
    /digital/showcase/ for https://host/digital/showcase/."""
    path = urlsplit(site_url.strip()).path if site_url.strip() else ""
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def rooted_path(address: str, site_url: str) -> str | None:
    """On a site under a path (site_url https://host/digital/showcase/), a link from the
    server's root that leaves that path out (/stories/x/?q#f), as the address under the
    site's root it names once the path is put in front (stories/x/?q#f); None for any other
    link, and on a site at its host's root."""
    text = browser_form(address)
    base = site_base(site_url)
    if base == "/" or not on_this_site(text):
        return None
    path = root_path(text)
    if path.startswith(base) or path == base.rstrip("/"):
        return None
    cut = min((i for i in (text.find("?"), text.find("#")) if i >= 0), default=len(text))
    return _without_dots(text[:cut])[1:] + text[cut:]


def root_path(address: str) -> str:
    """The path (percent-decoded) that an address from the server's root (`/x/../y/?q`)
    leads to, as a browser takes it: its dot segments (`..`, `.`, and `%2e%2e` and the like)
    removed, never above the root (hostile34 F7: `/%2e%2e/` is `/`)."""
    text = browser_form(address)
    cut = min((i for i in (text.find("?"), text.find("#")) if i >= 0), default=len(text))
    return unquote(_without_dots(text[:cut]))


def _without_dots(path: str) -> str:
    """A path from the root without its dot segments, as a browser removes them (WHATWG URL:
    `.` and `..` in any case of `%2e`), still percent-encoded."""
    kept: list[str] = []
    segments = path.split("/")[1:]
    for at, segment in enumerate(segments, 1):
        dots = segment.lower().replace("%2e", ".")
        if dots in (".", ".."):
            if dots == ".." and kept:
                kept.pop()
            if at == len(segments):
                kept.append("")  # /a/b/.. is /a/
        else:
            kept.append(segment)
    return "/" + "/".join(kept)


def _same_site(address: str, site: SplitResult) -> bool:
    """Whether `address` (full, or from `//` on) is on the site's host: any case, with or
    without the scheme's usual port."""
    try:
        found = urlsplit(address.strip())
        return (found.scheme.lower() in ("", "http", "https") and bool(found.netloc)
                and (found.hostname or "").rstrip(".") == (site.hostname or "").rstrip(".")
                and found.port in (None, 80, 443, site.port))
    except ValueError:
        return False


def page_body(html: str, story: Story, public: PublicStories, directory_urls: bool = True) -> str:
    """The body HTML as the story's page shows it: story links and images relative to the
    page; a link to a story that is not public keeps its text only."""
    if (_RELATIVE_HTML.search(html) is None and 'src="/' not in html
            and not _may_lead_here(html, public)):
        return html  # (a picture from the site's root may be the editor's: `body_picture`)
    here = f"stories/{story.slug}/"

    def change(ref: Reference) -> str | None:
        found = _target(story, ref, public)
        if not isinstance(found, _Target):  # as a browser reads it: /\\host is //host
            return None if found is None else browser_form(found)
        return quote(_relative(found.path(directory_urls), here)) + found.rest

    return _rewrite(html, change)


def written_on_page(story: Story, address: str, public: PublicStories,
                    directory_urls: bool = True) -> str | None:
    """What `story`'s page writes for its body's link `address` (`page_body`): as written, a
    story's page or a published file relative to the page, or None (its words only)."""
    found = _target(story, Reference("a", "href", address), public)
    if not isinstance(found, _Target):
        return None if found is None else browser_form(found)
    return quote(_relative(found.path(directory_urls), f"stories/{story.slug}/")) + found.rest


def _may_lead_here(html: str, public: PublicStories, site_url: str | None = None) -> bool:
    """Whether sanitised HTML may hold an address to judge: into the site (from its root, or
    under the site's host), or one that names stories/ (a hidden story's, on any host)."""
    if 'href="/' in html:
        return True
    if (public.hidden or public.private_names) and ("href=" in html or "src=" in html):
        return True  # any address may give away what is not public
    site = public.site_url if site_url is None else site_url
    host = urlsplit(site.strip()).netloc if site.strip() else ""
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
    if _NOT_ABSOLUTE_HTML.search(html) is None and not _may_lead_here(html, public, site_url):
        return html
    key = (html, story.path, story.slug, site_url)
    if key not in public.shared:  # a story is an item of several feeds, in three formats
        judged = public if public.site_url == site_url else replace(public, site_url=site_url)
        public.shared[key] = _absolute(html, story, judged, site_url)
    return public.shared[key]


def _absolute(html: str, story: Story, public: PublicStories, site_url: str) -> str:
    root = site_url.rstrip("/") + "/"
    page = root + quote(f"stories/{story.slug}/")

    def change(ref: Reference) -> str | None:
        read = browser_form(ref.address)  # /\\host is //host, as on the page
        if _SCHEME.match(read) or read.startswith("//"):
            if ref.attribute == "href" and _other_target(story, ref.address, public) is None:
                return None  # the address of a story page that is not public
            return ref.address if read == ref.address.strip() else read
        found = _target(story, ref, public)
        if found is None:
            return None
        if isinstance(found, str):
            return urljoin(page, browser_form(found))
        return root + quote(found.path(public.directory_urls)) + found.rest

    return _rewrite(html, change)


def scrub(html: str, public: PublicStories) -> str:
    """A hand-written page's HTML with every address that gives away what is not public
    (`names_hidden`) reduced to its link's words; other addresses as they are."""
    written = [unescape(found) for found in _ANY_ADDRESS.findall(html)]
    if not any(_gives_away(address, public) for address in written):
        return html  # as MkDocs made it: the page's own HTML is not put through the allow-list

    def change(ref: Reference) -> str | None:
        return None if _gives_away(ref.address, public) else ref.address

    return _rewrite(html, change)


def _gives_away(address: str, public: PublicStories) -> bool:
    """Whether a hand-written page's `address` names what is not public: `names_hidden`, or
    a file of the stories folder itself (stories/media/photo.jpg): the site publishes story
    pages and their copies under stories/<slug>/, never the folder's own files, so such an
    address is dead and may name a hidden story's picture or document."""
    if names_hidden(address, public) is not None:
        return True
    if not _into_site(address, public.site_url) or "stories" not in address.casefold():
        return False
    parts = [p for p in re.split(r"[/?#]+", unquote(split_address(address)[0]).casefold()) if p]
    return any(first == "stories" and second not in public.public_slugs
               and second not in _STORIES_PAGES for first, second in pairwise(parts))


_STORIES_PAGES = frozenset({"page", "index.html", ".", ".."})
"""What may follow stories/ on the site besides a story's slug: the listing's pages."""

_ANY_ADDRESS = re.compile(r"""\b(?:href|src|cite|action|data|poster|srcset)\s*=\s*["']([^"']*)""",
                          re.IGNORECASE)


def images(story: Story) -> dict[str, str]:
    """The body's publishable pictures (`body_picture`: relative, or the editor's /media/...):
    target path under the site to path as written (its file: `picture_file`)."""
    if not might_have_relative(story.body):
        return {}
    found = {}
    for ref in references(to_html(story.body)):
        written = body_picture(ref.address) if ref.is_image else None
        if written is not None and publishable(written):
            found[image_target(story, written)] = written
    return found
