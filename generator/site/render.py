"""The Jinja environment for generated pages: templates hold presentation, Python decisions."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from generator import formatting, templatecache
from generator.site import urls
from generator.site.views import StoryView

TOKEN = "SHOWCASEFRAGMENT"
CARD_TEMPLATE = "_card.html.j2"
_TOKEN_PARAGRAPH = re.compile(rf"<p>({TOKEN}\d+Z)</p>")
#: the characters Python-Markdown lets a backslash escape (with MkDocs' tables: `|`); a
#: backslash before any other character (`:`, `~`) would be shown
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def markdown_text(value: object) -> Markup:
    """Text safe inside a Markdown line: punctuation backslashed, `<` as an entity.

    Quotes and `&` stay as written: Markdown escapes them itself, and escaping them here
    would show as `&#39;` in the table of contents; but an `&` that starts what reads as an
    entity (`&amp;`, `&#60;`) is escaped, as Markdown would read it as that character (the
    story page showed "Fish & chips" for a title written "Fish &amp; chips", which listings
    and feeds show as written).
    """
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", _ENTITY_START.sub("&amp;", str(value)))
    return Markup(text.replace("<", "&lt;"))


_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def yaml_text(value: object) -> Markup:
    """`value` as a YAML double-quoted string that reads back as the same text (a page's
    front-matter). JSON's strings are YAML's, but for `tojson`'s escapes of characters beyond
    U+FFFF (pairs of surrogates, which YAML refuses) and raw line separators (which YAML
    folds into spaces): those two are escaped here."""
    text = json.dumps(str(value), ensure_ascii=False)
    return Markup(text.translate(_YAML_LINE_BREAKS))


_YAML_LINE_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}


def long_date(value: date) -> str:
    """14 March 2026 (GOV.UK style)."""
    return formatting.long_date(value)


@cache
def environment() -> Environment:
    """The shared, cached environment (autoescaping on, undefined names are errors)."""
    env = Environment(
        loader=PackageLoader("generator", "templates/site"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters["md"] = markdown_text
    env.filters["long_date"] = long_date
    env.filters["yaml_text"] = yaml_text
    return templatecache.keep(env)


class Cards:
    """Story cards for listings, each rendered once per (story, heading level) and reused.

    A story shows on up to a dozen listing pages (all stories, its outcome, service, tags and
    year, the home page, related stories); its card is the same HTML wherever it is at the
    same heading level, but for the link to it, which depends on the listing's place. The
    card is rendered once around a stand-in link (a NUL character, which no story text can
    hold: the reader refuses control characters) and each page's link put in its place.
    Keep one `Cards` for one build (a story edited between builds has a new card).
    """

    STAND_IN = "\x00"

    def __init__(self) -> None:
        self._around: dict[tuple[str, int], tuple[str, str] | None] = {}

    def card(self, view: StoryView, level: int, link: str) -> Markup:
        """The card of the story `view` under a heading `level`, linking to `link`."""
        key = (view.src, level)
        if key not in self._around:
            html = self._render(view, level, self.STAND_IN)
            parts = html.split(self.STAND_IN)
            self._around[key] = (parts[0], parts[1]) if len(parts) == 2 else None
        around = self._around[key]
        if around is None:  # the stand-in did not come out once: render with the link
            return Markup(self._render(view, level, link))
        return Markup(f"{around[0]}{escape(link)}{around[1]}")

    @staticmethod
    def _render(view: StoryView, level: int, link: str) -> str:
        return environment().get_template(CARD_TEMPLATE).render(v=view, level=level, link=link)


@dataclass(frozen=True)
class Rendered:
    """A generated page: Markdown for MkDocs, and the HTML fragments its tokens stand for."""

    markdown: str
    fragments: dict[str, str]


def render(template: str, page: str, directory_urls: bool, cards: Cards | None = None,
           **context: Any) -> Rendered:
    """Render `template` as the page at source path `page`; `href(target)` links relatively,
    `card(view, level)` is a story's card from `cards` (shared across the pages of a build).

    A `{% call fragment() %}...{% endcall %}` block leaves a token paragraph in the Markdown
    and its HTML in `fragments`: MkDocs then parses only headings and text, not the HTML
    (which is already safe and final), and `fill` puts the HTML back into the page.
    """
    fragments: dict[str, str] = {}
    shared = cards if cards is not None else Cards()

    def fragment(caller: Callable[[], str]) -> Markup:
        token = f"{TOKEN}{len(fragments) + 1}Z"
        fragments[token] = caller().strip()
        return Markup(f"\n{token}\n")

    href: Callable[[str], str] = lambda target: urls.relative(page, target, directory_urls)  # noqa: E731

    def card(view: StoryView, level: int) -> Markup:
        return shared.card(view, level, href(view.src))

    text = environment().get_template(template).render(href=href, page=page, fragment=fragment,
                                                       card=card, **context)
    return Rendered(text, fragments)


class Later(Mapping[str, str]):
    """A page's fragments, made when first asked for: the dashboard's wait for its charts,
    which another process may still be drawing while MkDocs reads the other pages."""

    def __init__(self, make: Callable[[], Mapping[str, str]]) -> None:
        self._make: Callable[[], Mapping[str, str]] | None = make
        self._made: Mapping[str, str] = {}

    def _fragments(self) -> Mapping[str, str]:
        if self._make is not None:
            self._made, self._make = self._make(), None
        return self._made

    def __getitem__(self, token: str) -> str:
        return self._fragments()[token]

    def __iter__(self) -> Iterator[str]:
        return iter(self._fragments())

    def __len__(self) -> int:
        return len(self._fragments())


def in_language(html: str, language: str | None, direction: str) -> str:
    """A story page whose title (its first `<h1>`, which Markdown makes from the template's
    `# title`) carries the story's language and direction, as its other words' elements do
    in the template; the page unchanged for a story in the site's language."""
    if not language:
        return html
    return _FIRST_TITLE.sub(f'<h1 lang="{escape(language)}" dir="{escape(direction)}"', html,
                            count=1)


_FIRST_TITLE = re.compile(r"<h1\b")


def fill(html: str, fragments: Mapping[str, str]) -> str:
    """The rendered page with each token paragraph replaced by its fragment (one pass)."""
    if not fragments:
        return html
    return _TOKEN_PARAGRAPH.sub(lambda m: fragments.get(m.group(1), m.group(0)), html)
