"""What `check` says of the links and pictures in a story's body, each at its line.

The build side (where each address leads on the site, in feeds and in open data) is
`generator.bodylinks`; this module judges the same addresses for the comms officer: a
picture the build would refuse, a link to a story file that does not exist or is not
public, a link into the site (to a story page by its address, to the evidence folder, naming
a private file, to a page the site does not have), a link from the server's root that leaves
out the path of a site under one, and a metric's source there.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from generator.bodylinks import (
    Hidden,
    Judged,
    PublicStories,
    body_picture,
    browser_form,
    editor_picture,
    evidence_file,
    groups_of,
    is_relative,
    judge,
    might_have_relative,
    names_hidden,
    on_this_site,
    picture_file,
    publishable,
    published_picture,
    references,
    rooted_path,
    site_base,
    split_address,
    story_file,
    written_on_page,
)
from generator.images import Verdicts, refusal
from generator.markdown_text import to_html
from generator.model.story import Status
from generator.paths import PathRefused
from generator.problems import Problem, Severity
from generator.project import MEDIA, Layout
from generator.reading.stories import StoryRead, read_story
from generator.sanitize import strip_comments_keep_lines
from generator.siteconfig import extension_options
from generator.story import Story

if TYPE_CHECKING:  # generator.site is imported when a link is judged: it is slow to load
    from generator.site.sections import TocStyle


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
        editors = ref.is_image and body_picture(ref.address) is not None
        if ref.is_image and on_this_site(ref.address) and not editors:
            yield Problem(story.path, lines.of(ref.address), "body",
                          _site_address_image(ref.address, folder, layout), Severity.ERROR)
            continue
        if ref.attribute == "href" and ref.address.startswith("#") and len(ref.address) > 1:
            message = missing_section(ref.address, story, layout)
            if message:
                yield Problem(story.path, lines.of(ref.address), "body", message, Severity.WARNING)
            continue
        if not is_relative(ref.address) and not editors:
            continue
        if (ref.attribute == "href" and story_file(story, ref.address) is None
                and evidence_file(story, ref.address, "", layout.relative(layout.evidence))):
            continue  # said by `site_link_problems`, which knows every story's evidence
        if ref.is_image:
            message = _image_problem(ref.address, story, layout, verdicts)
            severity = Severity.ERROR
        elif story_file(story, ref.address) is not None:
            message, severity = _story_link_problem(story, ref.address, layout)
        else:  # a picture the story's page publishes (its lead image) is linked to there
            message = None if published_picture(story, ref.address) else _file_link_problem(
                ref.address, folder, layout)
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
    layout: Layout | None = None
    """The project, whose site's pages a link into the site may lead to (`site_pages`)."""
    published: tuple[Story, ...] = ()
    """The published stories, whose pages, listings and groups the site makes."""

    @cached_property
    def site_pages(self) -> frozenset[str]:
        """Every page's address under the site root (`content.site_addresses`), made when a
        story first links to a page of the site that is no story's."""
        if self.layout is None:
            return frozenset()
        from generator.content import site_addresses  # it imports this module

        return site_addresses(self.layout, self.published)

    @classmethod
    def of(cls, stories: Iterable[Story], unreadable: Iterable[tuple[str, str, str | None]],
           layout: Layout, now: datetime) -> KnownStories:
        """`stories` (valid), `unreadable` (path, slug, status of each story that cannot be
        read) of the project at `layout`, as they are at `now`."""
        chosen = list(stories)
        published = [s for s in chosen if s.is_public(now)]
        not_public = not_public_stories(chosen, unreadable, now)
        hidden = Hidden.of([(slug, path) for slug, (path, _) in not_public.items()],
                           groups_of([s for s in chosen if not s.is_public(now)])
                           - groups_of(published))
        public = PublicStories.for_site(published, layout, str(layout.site.get("site_url") or ""),
                                        hidden)
        evidence_of = {posixpath.normpath(item.path.strip()).casefold(): s.path
                       for s in published for item in s.meta.evidence if item.public}
        return cls(public, not_public, evidence_of, layout, tuple(published))


def not_public_stories(stories: Iterable[Story], unreadable: Iterable[tuple[str, str, str | None]],
                       now: datetime) -> dict[str, tuple[str, str]]:
    """The slug of each story of `stories` (valid) and `unreadable` (path, slug, status) that
    is not public at `now`: its file and why ("is still a draft")."""
    found = {s.slug: (s.path, _why_not(s, now)) for s in stories if not s.is_public(now)}
    found.update({slug: (path, _WHY_NOT.get(status or "", "cannot be read"))
                  for path, slug, status in unreadable})
    return found


_WHY_NOT = {Status.DRAFT.value: "is still a draft", Status.REVIEW.value: "is still in review"}


def _why_not(story: Story, now: datetime) -> str:
    if story.status is Status.PUBLISHED and story.meta.embargo is not None:
        return f"is under embargo until {story.meta.embargo.isoformat(' ', 'minutes')}"
    return _WHY_NOT.get(story.status.value, "is not public")


def site_link_problems(story: Story, known: KnownStories, layout: Layout) -> list[Problem]:
    """What `check` says of the links in `story`'s body into the site (to a story page by its
    address, to the evidence folder, naming a private file) and of its metrics' sources."""
    found: list[Problem] = []
    if _may_link_here(story.body, known.public):
        lines = _Lines(story)
        for ref in references(to_html(story.body)):
            if ref.attribute != "href" or story_file(story, ref.address) is not None:
                continue
            message = _site_link_message(story, ref.address, known, layout)
            if message:
                found.append(Problem(story.path, lines.of(ref.address), "body",
                                     f'link "{ref.address}" {message}', Severity.WARNING))
    # a story with field errors (`StoryRead.partial`) may have no valid title or summary
    texts = [(("title",), "title", getattr(story.meta, "title", "")),
             (("summary",), "summary", getattr(story.meta, "summary", "")),
             *((("quotes", i, "text"), f"quotes[{i}].text", quote.text)
               for i, quote in story.numbered("quotes", story.meta.quotes))]
    for where, name, text in texts:
        words = [w.strip("<>()[]") for w in text.split() if "/" in w or ".md" in w]
        secret = next((judged for w in words if (judged := names_hidden(w, known.public))), None)
        if secret is not None:
            found.append(Problem(story.path, story.line_of(*where), name,
                                 f'names "{secret.slug or secret.path}", which is not public: '
                                 "the text is published as written, so take it out",
                                 Severity.WARNING))
    for index, metric in story.numbered("metrics", story.meta.metrics):
        source = metric.source or ""
        if source.startswith("https://"):
            message = _site_link_message(story, source, known, layout)
            if message:
                found.append(Problem(story.path, story.line_of("metrics", index, "source"),
                                     f"metrics[{index}].source", f'"{source}" {message}; open '
                                     "data leaves the source out", Severity.WARNING))
    return found


def _may_link_here(body: str, public: PublicStories) -> bool:
    """A quick look: could the Markdown body link into the site (relative, from its root or
    `//`, by the site's host, or written with entities), or name a hidden story's file on
    another host? Most bodies link only elsewhere, or nowhere."""
    if might_have_relative(body) or _FROM_THE_ROOT.search(body) or "&#" in body:
        return True
    lower = body.lower()
    host = urlsplit(public.site_url.strip()).hostname if public.site_url.strip() else None
    return (host is not None and host in lower) or any(
        stem in lower for stem in public.hidden.files)


_FROM_THE_ROOT = re.compile(r"(?:\]\(|\]:|=)\s*[\"']?<?/", re.IGNORECASE)


def _site_link_message(story: Story, address: str, known: KnownStories,
                       layout: Layout) -> str | None:
    found = judge(story, address, known.public)
    if found.kind == "elsewhere" and (away := _another_site(address, known)):
        return away
    if found.rooted and (rooted := _rooted_message(story, address, found, known)):
        return rooted
    if found.kind == "elsewhere" and (is_relative(address) or _from_site_root(address, known)):
        return _missing_page(story, address, known)
    if found.kind in ("elsewhere", "public story", "copy"):
        return None  # most links and sources: nothing to say, no folder to name
    if found.kind == "unpublished":
        return _unpublished_message(story, found.path, known, layout)
    folder = layout.relative(layout.evidence)
    if found.kind == "evidence":
        own = next((item.id for item in story.meta.evidence
                    if posixpath.normpath(item.path.strip()).casefold() == found.path.casefold()),
                   None)
        if own is not None:  # listed here, without public: true
            return (f"leads to {folder}/{found.path}, which this story's evidence: lists as "
                    f"private (id {own}), so the site shows the link's text only: to publish "
                    "the file, add public: true to that entry")
        other = known.evidence_of.get(found.path.casefold())
        where = (f"is public evidence of {other}, not of this story" if other
                 else "is not public evidence of any published story")
        return (f"leads to {folder}/{found.path}, which {where}, so the site shows the link's "
                "text only: to publish the file here, list it under this story's evidence: "
                "with public: true")
    if found.kind == "story file":
        return (f"names {found.path}, a story's file, which the site never publishes: link to "
                "a story by its file name alone, as it is in stories/ (like "
                "2026-03-14-my-story.md)")
    if found.kind == "group":
        return (f"leads to {found.path}/, a listing that only stories that are not public would "
                "fill, so the site shows the link's text only")
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


def _another_site(address: str, known: KnownStories) -> str | None:
    """A link that looks like one into the site but that a browser reads as another site's
    `//host` (`/\\evil.example`: it reads \\ as /, and leaves out tabs and line breaks),
    with that site's full address; None for any other link (hostile34 F6)."""
    written, read = address.strip(), browser_form(address)
    if written.startswith("//") or not read.startswith("//"):
        return None
    scheme = urlsplit(known.public.site_url.strip()).scheme or "https"
    try:
        found = urlsplit(f"{scheme}:{read}")
        full = found._replace(path=found.path or "/").geturl()
    except ValueError:  # an address no browser takes (a bad port, say)
        full = f"{scheme}:{read}"
    why = r"reads \ as /" if "\\" in written else "leaves out tabs and line breaks"
    return (f"leads to another site, {full} (a browser {why}): if that site is meant, write "
            "its full https:// address")


def _rooted_message(story: Story, address: str, found: Judged,
                    known: KnownStories) -> str | None:
    """A link from the server's root, on a site under a path, that leaves out the site's path
    (`/stories/x/` on a site at /digital/showcase/): to a public story's page or a published
    file, the site writes it relative to the page; to anything else of the site it would
    lead out of the site. None for what other messages tell (a story that is not public)."""
    base = site_base(known.public.site_url)
    if found.kind in ("public story", "copy"):
        written = written_on_page(story, address, known.public, known.public.directory_urls)
        return (f"leaves out the site's path {base}, so the site writes it from this story's "
                f'page, "{written}": write it so (or link to a story by its file name)')
    if found.kind != "elsewhere":
        return None
    site = urlsplit(known.public.site_url.strip())
    rooted = rooted_path(address, known.public.site_url) or ""
    outside = f"{site.scheme}://{site.netloc}/{rooted}"  # as a browser reads it (/../x: /x)
    path = split_address(rooted)[0]
    target = posixpath.normpath(path or ".").removeprefix(".")
    if target in known.site_pages:
        return (f"leads to {outside}, outside the site, which is under {base}: the site's page "
                f'is "{_from_story(story, target, known)}" from this story\'s, so write that')
    if not path.endswith("/") and _site_file(target, known):
        shown = posixpath.relpath(target, f"stories/{story.slug}")
        return (f"leads to {outside}, outside the site, which is under {base}: the site's file "
                f'is "{shown}" from this story\'s, so write that')
    return (f"leads to {outside}, outside the site, which is under {base}, and the site has "
            "no page there: write a page of the site by its address from this story's page "
            '(like "../../about/"), or a page elsewhere by its full https:// address')


def _site_file(path: str, known: KnownStories) -> bool:
    """Whether the build writes a file at `path` (under the site root) besides its pages: the
    feeds, site-wide and by outcome, the open data and the award calendar (`generator.sharing`,
    by its own names), MkDocs' sitemap, and the search index with the search plugin."""
    plugins = known.layout.site.get("plugins") if known.layout is not None else None
    names = [next(iter(p)) if isinstance(p, dict) and p else p for p in plugins or []] \
        if isinstance(plugins, list) else list(plugins or []) if isinstance(plugins, dict) else []
    if path == "search/search_index.json":
        return "search" in names
    return path in ("sitemap.xml", "sitemap.xml.gz") or _shared_files().fullmatch(path) is not None


def _shared_files() -> re.Pattern[str]:
    """The files `generator.sharing` writes after the site's pages (`sharing.written_files`)."""
    from generator import sharing  # slow to load: only when a link names such a file

    return sharing.written_files()


def _from_site_root(address: str, known: KnownStories) -> bool:
    """Whether `address` is written from the server's root (/about/, not //host/) on a site
    at its host's root, where it names a place of the site (regress33: /no-such-page/ was
    published broken with nothing said). A site under a path: `_rooted_message`."""
    text = browser_form(address)
    return text.startswith("/") and not text.startswith("//") and \
        site_base(known.public.site_url) == "/"


def _missing_page(story: Story, address: str, known: KnownStories) -> str | None:
    """A link relative to the story's page (or from the root of a site at its host's root) to
    a page of the site (a folder, or a name without an extension) that the site neither makes
    nor has written: it would be broken. (A file is told of by `problems`, which looks beside
    the story's file.) Judged as a browser reads it (`..\\about\\` is `../about/`)."""
    path = split_address(browser_form(address))[0]
    if not path or (not path.endswith("/") and "." in PurePosixPath(path).name):
        return None
    target = posixpath.normpath(posixpath.join(f"stories/{story.slug}/", path))
    target = target.lstrip("/") or "." if target.startswith("/") else target  # from the root
    if target == ".." or target.startswith("../"):
        return None  # above the site's root: another site's on the host, or the root itself
    target = target.removeprefix(".")
    pages = known.site_pages
    if target in pages or not pages:
        return None
    same = sorted(p for p in pages if p.casefold() == target.casefold())
    # as content.py's `_no_page`: a page in the same folder (tags/...), not this story's own
    top = target.partition("/")[0] if "/" in target else ""
    near = sorted(p for p in pages if (p.partition("/")[0] if "/" in p else "") == top
                  and p != f"stories/{story.slug}")
    close = same or difflib.get_close_matches(target, near, n=1, cutoff=0.6)
    hint = f' (did you mean "{_from_story(story, close[0], known)}"?)' if close else ""
    shown = f"{target}/" if target else "the home page"
    return (f"leads to {shown}, which is no page of the site{hint}, so the link would be "
            "broken: link to a page of the site by its address from this story's page, or to "
            "a story by its file name")


def _from_story(story: Story, page: str, known: KnownStories) -> str:
    """A page's address under the site root (no end slashes) written from `story`'s page."""
    if not page.endswith(".html") and not known.public.directory_urls:
        page = posixpath.join(page, "index.html")  # the address MkDocs gives the page
    found = posixpath.relpath(page or ".", f"stories/{story.slug}")
    return found if page.endswith(".html") else found + "/"


def _unpublished_message(story: Story, path: str, known: KnownStories,
                         layout: Layout) -> str | None:
    """A link written as if to a file beside the story's page that is not there, which the
    site has nothing for (`2026-11-05-report`, a story's file name without .md, or a story's
    slug): the page shows its words only. (A file that is there is told of by `problems`.)"""
    name = path.strip("/")
    beside = (layout.root / story.path).parent
    if (beside / unquote(name)).exists() or "." in PurePosixPath(name).name:
        return None  # a file that is there, or one named with its extension: `problems` says
    if name and (beside / f"{name}.md").is_file():
        hint = f"to link that story, write its file name with .md ({name}.md)"
    elif name in known.public.public_slugs or name in known.not_public:
        hint = ("to link that story, write its file name, as it is in stories/ (like "
                "2026-03-14-my-story.md)")
    else:
        hint = ("link to a story by its file name (like 2026-03-14-my-story.md), to a picture "
                "or evidence file by its path, or to a web page by its https:// address")
    return f"leads to {name or path}, which the site has no page or file for, so the site " \
           f"shows the link's text only: {hint}"


def _site_address_image(address: str, folder: Path, layout: Layout) -> str:
    """What check says of a body picture written from the site's root other than the story
    editor's /media/x.png (read as stories/media/x.png, `bodylinks.picture_file`): the path
    relative to the story when its picture is there (/stories/media/x.png, written from the
    project's root), after moving it beside a story in a sub-folder of stories/; other such
    addresses are told where to keep the picture."""
    inner = PurePosixPath(split_address(address)[0].lstrip("/"))
    if inner.parts and ".." not in inner.parts:
        here, editors = folder / inner, layout.stories / inner
        relative = f"{inner.as_posix()} (relative to {layout.relative(folder)}/)"
        try:
            if here.is_file():
                return f'image "{address}" is an absolute path: write {relative}'
            if editors.is_file():
                return (f'image "{address}" is an absolute path: move {layout.relative(editors)} '
                        f"to {layout.relative(here)} and write {relative}")
        except OSError:  # a name too long for the disk, say
            pass
    return (f'image "{address}" is an address on the site, where no picture of the story is: '
            "keep the picture beside the story and write its path from there (e.g. media/photo.jpg)")


def _image_problem(address: str, story: Story, layout: Layout,
                   verdicts: Verdicts | None) -> str | None:
    written = split_address(address)[0]
    doubled = _doubled_slash(written, story, layout)
    if doubled:
        return f'image "{address}" has a doubled /: write {doubled}'
    try:
        file = picture_file(layout, story, written)
    except PathRefused as exc:  # most reasons start with the path as written: say it once
        said = str(exc)
        return f"image {said}" if said.startswith(f'"{written}"') else f'image "{address}": {said}'
    if not publishable(written):
        suffix = PurePosixPath(written).suffix.lower() or "suffixless"
        return (f'image "{address}" is a {suffix} file: a picture in a story must be a JPEG, '
                "PNG or WebP photo (save it as one of those)")
    refused = refusal(file, verdicts)  # the build publishes it without its metadata
    return f'image "{address}": {refused}' if refused else None


def _doubled_slash(written: str, story: Story, layout: Layout) -> str | None:
    """The story editor's picture path written with a doubled slash (`/media//pic.png`,
    which no browser reads as /media/pic.png) as it is meant: relative to a story in the
    stories folder (`media/pic.png`), from the site's root for one in a sub-folder
    (`/media/pic.png`); None for any other path (hostile34 F11)."""
    inner = editor_picture(written)
    if inner is None or not inner.startswith("/") or not inner.strip("/"):
        return None
    meant = f"{MEDIA}/{re.sub('/+', '/', inner.strip('/'))}"
    beside = PurePosixPath(story.path).parent.as_posix() == layout.relative(layout.stories)
    return meant if beside else f"/{meant}"


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
    read = read_story(file, target)
    why = _not_public(read)
    if why is None:
        return missing_section(address, read.story, layout), Severity.WARNING
    return (f'link "{address}": that story {why}, so the site shows this link\'s text without '
            "the link until the story is published"), Severity.WARNING


def missing_section(address: str, story: Story | None, layout: Layout) -> str | None:
    """Why `address`'s #fragment leads to no place on `story`'s page (`link "..." leads to no
    section of the story's page...`), or None."""
    fragment = split_address(address)[1].partition("#")[2]
    if not fragment or story is None or _FOOTNOTE.match(fragment):
        return None
    style = toc_style(layout)
    ids = anchors(story, style)
    if unquote(fragment) in ids:
        return None
    sections = [i for i in ids if i not in style.page_sections]
    close = difflib.get_close_matches(unquote(fragment), sections, n=1, cutoff=0.6)
    hint = f" (did you mean #{close[0]}?)" if close else ""
    listed = ", ".join(f"#{i}" for i in sections) or "none"
    if not style.runnable:
        return (f'link "{address}" may lead to no section of the story\'s page: mkdocs.yml\'s '
                "toc slugify is a Python function, which check does not run, so it cannot tell "
                "(by Python-Markdown's own slugify, the sections would be "
                f"{listed}): try the link on the built page")
    return (f'link "{address}" leads to no section of the story\'s page{hint}: its sections are '
            f"{listed}")


_FOOTNOTE = re.compile(r"fn(?:ref\d*)?:")
"""A footnote's id, or its reference's, as Python-Markdown makes them (#fn:1, #fnref:1)."""

def anchors(story: Story, style: TocStyle | None = None) -> list[str]:
    """The ids of the places on `story`'s page a link can lead to (#impact), as the build
    names them (`site.sections`) under mkdocs.yml's toc `style`."""
    from generator.site.sections import DEFAULT
    from generator.site.sections import anchors as page_anchors

    return list(page_anchors(story.title, to_html(story.body), style or DEFAULT))


def toc_style(layout: Layout) -> TocStyle:
    """How the build names headings: mkdocs.yml's toc separator and slugify (`site.sections`)."""
    from generator.site.sections import TocStyle

    return TocStyle.of(extension_options(layout.site, "toc"))


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
    written = split_address(address)[0]
    if not written or "\\" in written:
        return None
    candidate = folder / written
    if not candidate.resolve().is_relative_to(layout.root.resolve()):
        return None
    if not candidate.exists():
        if written.endswith("/") or "." not in PurePosixPath(written).name:
            return None  # a page of the site, written relative to the story's page
        return (f'link "{address}" leads to no file (there is no {written} beside the story), '
                "so the site shows the link's words only")
    if not candidate.is_file():
        return None
    return (f'link "{address}" leads to a file in the project, which the site does not '
            "publish, so the site shows the link's words only: make it public evidence of "
            "the story, or link to a full https:// address")


def _close_name(file: Path, linking: Path) -> str:
    """A name like `file`'s among the story files beside it, not the linking story's own."""
    if not file.parent.is_dir():
        return ""
    names = sorted(p.name for p in file.parent.glob("*.md")
                   if p.name.casefold() != linking.name.casefold() or p.parent != linking.parent)
    # judged first by the words after the date (every story of a month shares "2026-11-"),
    # then by the whole name (a yearly story's files differ only in their dates)
    words = _words_of(file.name)
    scored = [(difflib.SequenceMatcher(None, words, _words_of(name)).ratio(),
               difflib.SequenceMatcher(None, file.name, name).ratio(), name) for name in names]
    best = max((score for score in scored if score[0] >= 0.6), default=None)
    return f" (did you mean {best[2]}?)" if best else ""


def _words_of(name: str) -> str:
    """A story file's name without its date and `.md` (2026-11-20-shared-gis.md: shared-gis)."""
    return _DATED.sub("", name.casefold()).removesuffix(".md")


_DATED = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}-")


_ADDRESS_BEFORE = re.compile(r"(?:\]\(\s*<?|\]:\s*<?|<|=\s*[\"']?)$")
"""What comes just before an address written as one, in Markdown or HTML."""
_ADDRESS_AFTER = frozenset(")>\"' \t\n")
"""What may come just after an address (a longer address goes on)."""


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
            after = self.text[at + len(address):at + len(address) + 1]
            if after and after not in _ADDRESS_AFTER:
                continue  # a part of a longer address
            if _ADDRESS_BEFORE.search(self.text, max(0, at - 8), at):
                return at
            first = at if first < 0 else first
        return first
