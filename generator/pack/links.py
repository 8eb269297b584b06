"""Links in an answer: where they may lead in a pack that goes to judges.

A judge has the pack, not the project or the site: a link written relative to a story's
file (`other.md`, `../evidence/x.pdf`, `../other-slug/`) opens nothing, and would show
them the name of a story the entry leaves out (a draft). So in the pack, for the stories
entered (the pack's "public" set, as the site's public stories are the site's):

- a link to another entered story leads to its page on the public site (`site_url` of
  mkdocs.yml) when that story is public there; else it keeps its words only;
- a link to a story not entered, or one naming a hidden story's slug or file, a listing only
  such stories fill, or a private evidence file (`bodylinks.judge` / `names_hidden`) keeps
  its words only; a link whose words are its address loses them too;
- any other link relative to the story (a page of the site, a #fragment) leads to the
  site's address when the story is public there with a `site_url`; else words only;
- a full address that gives nothing away stays as written, unless its scheme is one no page
  may link to (`javascript:`, `vbscript:`, `data:`, however written: contract section 7):
  that link keeps its words only, and the checklist says so.

The rule is applied to the answer's Markdown, so answers/*.md, *.txt, entry.html, entry.pdf
and entry.docx all carry the same links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin

from generator.bodylinks import (
    PublicStories,
    browser_form,
    is_relative,
    judge,
    names_hidden,
    on_this_site,
    references,
    split_address,
    story_file,
)
from generator.markdown_text import inline_markdown, to_html, to_plain
from generator.pack.code_spans import outside_code
from generator.sanitize import URL_SCHEMES
from generator.sharing.urls import absolute, story_path
from generator.story import Story

_KEPT = ("elsewhere", "public story", "copy")
"""What `judge` says of a link that may keep an address."""

_BRACKETED = r"(?:\\.|[^\\\[\]]|\[(?:\\.|[^\\\[\]])*\])*"
_INSIDE = r"(?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*"
#: [words](address "title"): an inline link (images are gone before links are judged)
_INLINE = re.compile(r"(?<![\\!])\[(" + _BRACKETED + r")\]\((" + _INSIDE + r")\)")
#: [label]: address "title": a reference definition
_DEFINITION = re.compile(r"^[ ]{0,3}\[(?!\^)([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)([^\n]*)$", re.MULTILINE)
#: [words][label], [label][] and [label]: a reference link
_REFERENCE = re.compile(r"(?<![\\!])\[(" + _BRACKETED + r")\](?:[ ]?\[([^\]\n]*)\])?(?![(:])")
#: <https://...> or <name@host>: an autolink, whose words are its address
_AUTOLINK = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)|(?:[^<>\s@]+@[^<>\s@]+))>")


@dataclass(frozen=True)
class PackLinks:
    """The stories entered (`entered`) and the site's public ones (`site`), each with what
    the stories outside it would give away; `site.site_url` is the public site's address."""

    entered: PublicStories
    site: PublicStories

    def destination(self, story: Story | None, address: str) -> str | None:
        """Where a link in `story`'s text (None: a hand-written answer) leads in the pack:
        an address a judge can open that gives nothing away, or None (its words only)."""
        text = address.strip()
        if not text or not _safe_scheme(text):
            return None
        text = browser_form(text)  # /\\host is //host, as the site reads it (hostile34 F6)
        if story is None:  # written in the award's folder: only a full address means anything
            if self._relative(text):
                return None
            leaks = (names_hidden(text, self.entered), names_hidden(text, self.site))
            return text if leaks == (None, None) else None
        target = story_file(story, text)
        if target is not None:
            slug = self.entered.slugs.get(target)
            return self._page(slug, split_address(text)[1]) if slug else None
        in_pack, on_site = judge(story, text, self.entered), judge(story, text, self.site)
        if in_pack.kind not in _KEPT or on_site.kind not in _KEPT:
            return None
        if on_site.kind == "public story":
            return self._page(on_site.slug, split_address(text)[1]) \
                if self._relative(text) else text
        public_here = story.slug in self.site.public_slugs and bool(self.site.site_url)
        if on_site.kind == "copy":
            return self._root() + quote(on_site.path) if public_here else None
        if not self._relative(text):
            return text
        return urljoin(self._root() + quote(f"stories/{story.slug}/"), text) \
            if public_here else None

    @staticmethod
    def _relative(text: str) -> bool:
        return is_relative(text) or on_this_site(text) or text.startswith(("#", "/"))

    def _root(self) -> str:
        return self.site.site_url.strip().rstrip("/") + "/"

    def _page(self, slug: str, rest: str) -> str | None:
        """The story page's published address, as the site, feeds and open data give it
        (`.../index.html` with mkdocs.yml's `use_directory_urls: false`: round36 F2)."""
        if not self.site.site_url.strip() or slug not in self.site.public_slugs:
            return None
        return absolute(self.site.site_url.strip(), story_path(slug, self.site.directory_urls)) + rest


def _safe_scheme(address: str) -> bool:
    """Whether a browser reading `address` (its entities decoded, the tabs, line breaks and
    control characters it skips left out) finds no scheme, or one a page may link to
    (`sanitize.URL_SCHEMES`): `javascript:`, `vbscript:` and `data:` never reach a pack,
    however written (`JavaScript:`, `java&#115;cript:`, with a tab inside)."""
    read = _SKIPPED.sub("", html.unescape(address).strip(_EDGES))
    scheme = _SCHEME.match(read)
    return scheme is None or scheme.group(1).lower() in URL_SCHEMES


_EDGES = "".join(map(chr, range(0x21)))
"""What a browser strips from an address's ends: control characters and spaces."""
_SKIPPED = re.compile(r"[\t\n\r]+")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


@dataclass
class _Seen:
    """What a rewrite did: how many links kept their words only, and their addresses."""

    dropped: list[str] = field(default_factory=list)


def judged_links(markdown: str, story: Story | None, links: PackLinks) -> tuple[str, int]:
    """`markdown` with each link's address changed as `links.destination` says (its words
    only where it says None), and how many links lost their address."""
    if "[" not in markdown and "<" not in markdown:
        return markdown, 0
    seen = _Seen()

    def decide(address: str) -> str | None:
        found = links.destination(story, _unbracketed(address))
        if found is None:
            seen.dropped.append(_unbracketed(address))
        return found

    text = outside_code(markdown, lambda rest: _rewrite(rest, decide, seen))
    if _all_kept(text, story, links):
        return text, len(seen.dropped)
    # a link the patterns missed: the answer as plain text, without any address
    return _plain(text, seen.dropped), max(1, len(seen.dropped))


def _rewrite(text: str, decide: Callable[[str], str | None], seen: _Seen) -> str:
    dropped_labels: set[str] = set()
    changed_labels: dict[str, str] = {}

    def definition(match: re.Match[str]) -> str:
        found = decide(match.group(2))
        label = _label(match.group(1))
        if found is None:
            dropped_labels.add(label)
            return ""
        changed_labels[label] = found
        return f"{match.group(0)[:match.start(2) - match.start(0)]}<{found}>{match.group(3)}"

    text = _DEFINITION.sub(definition, text)

    def inline(match: re.Match[str]) -> str:
        address, title = _destination_and_title(match.group(2))
        found = decide(address)
        if found is None:
            return _words(match.group(1), seen.dropped)
        return f"[{match.group(1)}](<{found}>{title})"

    text = _INLINE.sub(inline, text)

    def reference(match: re.Match[str]) -> str:
        label = _label(match.group(2) or match.group(1))
        return _words(match.group(1), seen.dropped) if label in dropped_labels \
            else match.group(0)

    if dropped_labels:
        text = _REFERENCE.sub(reference, text)

    def autolink(match: re.Match[str]) -> str:
        written = match.group(1)
        email = ":" not in written
        found = decide(f"mailto:{written}" if email else written)
        if found is None:
            return ""
        return match.group(0) if email and found == f"mailto:{written}" else f"<{found}>"

    return _AUTOLINK.sub(autolink, text)


def _destination_and_title(inside: str) -> tuple[str, str]:
    """An inline link's address and its title as written (with the space before it)."""
    text = inside.strip()
    if text.startswith("<") and ">" in text:
        end = text.index(">") + 1
        return text[:end], text[end:]
    titled = _TITLED.fullmatch(text)
    if titled is None:  # spaces without a title are the address's, as the site reads it
        return text, ""  # (regress33: `other story.md` lost its link in packs only)
    return titled.group(1), " " + titled.group(2)


_TITLED = re.compile(r"""(.+?)\s+("[^"]*"|'[^']*'|\([^)]*\))""", re.DOTALL)
"""An inline link's address and its title in quotes or brackets, as Python-Markdown splits them."""


def _unbracketed(address: str) -> str:
    text = address.strip()
    return text[1:-1] if text.startswith("<") and text.endswith(">") else text


def _label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _words(words: str, dropped: list[str]) -> str:
    """A link's words without the addresses dropped (`[other.md](other.md)` says nothing)."""
    for address in sorted(set(dropped), key=len, reverse=True):
        words = words.replace(address, "")
    return words.strip()


def _all_kept(markdown: str, story: Story | None, links: PackLinks) -> bool:
    """Whether every address left in the answer's HTML is one `destination` keeps as it is."""
    page = _FOOTNOTE_LINK.sub("", to_html(markdown))  # a footnote's own links go nowhere else
    return all(links.destination(story, ref.address) == ref.address.strip()
               for ref in references(page) if ref.attribute == "href")


_FOOTNOTE_LINK = re.compile(r'<a class="footnote-(?:ref|backref)"[^>]*>')


def _plain(markdown: str, dropped: list[str]) -> str:
    lines = to_plain(markdown).splitlines()
    return "\n\n".join(inline_markdown(_words(line, dropped)) for line in lines)
