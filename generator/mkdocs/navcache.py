"""Parts of Material's page template rendered once per place in the site, not once per page.

Material renders its navigation (`partials/nav.html`), its `config` block (a JSON script of
translations and addresses), its tabs, header and footer for every page. For a page outside
the nav (a story, a listing page: most pages of a large showcase) nothing in them depends on
the page except relative links and, in the header, the page's title: every such page whose
links to the nav's targets come out the same gets the same HTML (the header's around its
title). Showcase's `partials/nav.html` and `base.html` ask `NavCache` for that HTML and render
Material's own (the navigation through the `material-theme/` prefix) only on a miss; pages in
the nav, whose items are marked active, are rendered each time, and so is every part a site's
own templates override. A test builds sites with and without the cache and compares every
byte.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

PREFIX = "material-theme"
"""`material-theme/partials/nav.html` is Material's template, whatever overrides it."""
NAV_TEMPLATE = "partials/nav.html"
ENABLED = True
"""False renders every part for every page (tests compare the two)."""
PROBES = ("", "assets/", "assets/javascripts/", "assets/images/", "search/")
"""Paths whose relative links stand for any asset the navigation might link to."""


class NavCache:
    """The navigation's HTML by the page's relative links to every target in it."""

    def __init__(self, nav: Navigation, config: MkDocsConfig, partials: bool = True) -> None:
        """`partials`: whether the kept parts are Material's own (no template of the site's
        overrides a partial or the base template), and so may be kept at all."""
        self._in_nav = {id(page) for page in nav.pages}
        extra = dict(config.extra or {})
        theme = config.theme
        alternates = [str(alt.get("link", "")) for alt in extra.get("alternate") or []
                      if isinstance(alt, dict)]
        self._targets = sorted({
            *_urls(nav.items), *PROBES, *alternates,
            *(str(value) for value in (extra.get("homepage"), theme.get("logo"),
                                       theme.get("favicon")) if value),
            *([nav.homepage.url] if nav.homepage else []),
        })
        self._html: dict[tuple[str, tuple[str, ...]], str] = {}
        self._titled: dict[tuple[str, ...], tuple[str, str]] = {}
        self.partials = partials

    def key(self, page: Page | None) -> tuple[str, ...] | None:
        """What the kept parts depend on for `page`; None for a page in the nav, or in a site
        whose own templates override Material's partials (never kept)."""
        if not self.partials or page is None or id(page) in self._in_nav:
            return None
        return tuple(normalize_url(target, page=page) for target in self._targets)

    def get(self, part: str, key: tuple[str, ...] | None) -> str | None:
        """The HTML of `part` rendered for `key` earlier in this build, if any."""
        return None if key is None else self._html.get((part, key))

    def remember(self, part: str, key: tuple[str, ...] | None, html: str) -> str:
        """Keep the HTML of `part` for `key` (unless None) and return it."""
        if key is not None:
            self._html[(part, key)] = html
        return html

    def header(self, key: tuple[str, ...] | None, page: Page) -> str | None:
        """The header for `key` kept earlier, with `page`'s title in its place, if any."""
        around = None if key is None else self._titled.get(key)
        return None if around is None else _title(page).join(around)

    def remember_header(self, key: tuple[str, ...] | None, page: Page, html: str) -> str:
        """Keep the header around `page`'s title for `key` (when the title is in it once, so
        that its place is certain) and return it."""
        title = _title(page)
        if key is not None and title and html.count(title) == 1:
            before, after = html.split(title)
            self._titled[key] = (before, after)
        return html


def _title(page: Page) -> str:
    """The title as Material's header prints it: the meta title, or else the page's."""
    meta = page.meta.get("title") if page.meta else None
    return str(meta if meta else page.title)


def install(env: Environment, config: MkDocsConfig, nav: Navigation, ours: Path) -> None:
    """Give `env` Material's own navigation template under PREFIX and a fresh `showcase_nav`.

    The cache stays off (`showcase_nav` is None, each page renders the templates) when the
    theme has no `partials/nav.html` below ours to include.
    """
    dirs = [Path(d) for d in config.theme.dirs]
    below = dirs[dirs.index(ours) + 1:] if ours in dirs else []
    material = next((d for d in below if (d / NAV_TEMPLATE).is_file()), None)
    # the theme's own base.html, which the plugin's extends (another theme than Material too)
    theme = material or next((d for d in below if (d / "base.html").is_file()), None)
    env.globals["showcase_nav"] = None
    if theme is None or env.loader is None:
        return
    prefixed = PrefixLoader({PREFIX: FileSystemLoader(str(theme))})
    env.loader = ChoiceLoader([env.loader, prefixed])
    if material is None:
        return
    # the site's own templates (custom_dir) may print anything of the page in a partial
    others = [d for d in dirs[:dirs.index(material)] if d != ours]
    if ENABLED:
        env.globals["showcase_nav"] = NavCache(nav, config, partials=not any(
            (d / "partials").exists() or (d / "base.html").exists() for d in others))


def _urls(items: Iterable[StructureItem]) -> Iterator[str]:
    for item in items:
        if isinstance(item, Section):
            yield from _urls(item.children)
        elif (url := getattr(item, "url", None)) is not None:  # a page or a link
            yield str(url)
