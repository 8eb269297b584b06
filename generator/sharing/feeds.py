"""Feeds of the public stories: RSS 2.0 and Atom (feedgen), JSON Feed 1.1 (json).

One site-wide feed and one per strategy outcome; every item's id is the story's page
address, so it stays the same when the title changes.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from generator import __version__, templatecache
from generator.bodylinks import PublicStories, shared_body
from generator.languages import direction
from generator.markdown_text import to_html
from generator.public import public_quotes
from generator.sanitize import clean
from generator.sharing import urls
from generator.sharing.dates import published_at
from generator.story import Story

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator

RSS_FILE = "rss.xml"
ATOM_FILE = "atom.xml"
JSON_FILE = "feed.json"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
LANGUAGE = "en-GB"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_templates = templatecache.keep(Environment(
    loader=PackageLoader("generator.sharing", "templates"),
    autoescape=select_autoescape(default=True), keep_trailing_newline=True))


@dataclass(frozen=True)
class Feed:
    """One feed: what it is called, where it lives and its stories (newest first)."""

    title: str
    description: str
    folder: str
    """Path of the feed's folder under the site root, e.g. feeds/ or feeds/outcomes/x/."""
    site_url: str
    home: str
    """The page the feed is the alternate of."""
    updated: datetime
    stories: Sequence[Story]
    public: PublicStories | None = None
    """The stories a body may link to: every public story (None: this feed's stories)."""
    author: str = ""
    """Who writes the stories (the council); Atom requires one (default: the feed's title)."""

    def url(self, file: str) -> str:
        return urls.absolute(self.site_url, self.folder + file)


class _Quote(NamedTuple):
    text: str
    by: str
    role: str | None
    language: str | None = None
    """The quote's own language, when not its story's (`language:`)."""
    direction: str = "ltr"


def item_html(story: Story, site_url: str, public: PublicStories | None = None) -> str:
    """A feed item's content: the safe body with every address absolute (a link to a story
    not among `public` keeps its text only), public quotes, a link to the page."""
    language = story.meta.language
    quotes = tuple(_Quote(q.text, q.by, q.role, *_own_language(q.language, language))
                   for q in public_quotes(story))
    public = public or PublicStories({})
    html = _item_html(story.body, quotes, _page(site_url, story, public),
                      language, direction(language) if language else "ltr")
    # after the allow-list, which takes out pictures from other sites: these are the site's own
    return shared_body(html, story, public, site_url)


def _page(site_url: str, story: Story, public: PublicStories) -> str:
    """The full address of `story`'s page, as the page itself gives it (its canonical)."""
    return urls.absolute(site_url, urls.story_path(story.slug, public.directory_urls))


def _own_language(quote: str | None, story: str | None) -> tuple[str | None, str]:
    """A quote's language and direction when it is in another language than its story."""
    if quote is None or quote == story:
        return None, "ltr"
    return quote, direction(quote)


@lru_cache(maxsize=32768)
def _item_html(body: str, quotes: tuple[_Quote, ...], story_url: str,
               language: str | None = None, way: str = "ltr") -> str:
    # memoised: a story is an item of several feeds in three formats each; a story in another
    # language has its words marked so, and the feed's own last line marked English
    html = _templates.get_template("feed-item.html").render(
        body=Markup(to_html(body)), quotes=quotes, story_url=story_url, language=language,
        direction=way)
    # XML 1.0 cannot hold control characters, which a body may carry; feeds drop them.
    return _NOT_XML.sub("", clean(html.strip()))


def rss(feed: Feed) -> bytes:
    """The feed as RSS 2.0."""
    return bytes(_generator(feed, RSS_FILE, "application/rss+xml").rss_str(pretty=True))


def atom(feed: Feed) -> bytes:
    """The feed as Atom 1.0."""
    return bytes(_generator(feed, ATOM_FILE, "application/atom+xml").atom_str(pretty=True))


def _generator(feed: Feed, file: str, media_type: str) -> FeedGenerator:
    from feedgen.feed import FeedGenerator  # with lxml, a tenth of a second: only when needed

    generator = FeedGenerator()
    generator.id(feed.url(ATOM_FILE))
    generator.title(feed.title)
    generator.subtitle(feed.description)
    generator.link(href=feed.url(file), rel="self", type=media_type)
    # feedgen gives RSS's <link> the last link added: the page, not the feed.
    generator.link(href=feed.home, rel="alternate")
    generator.language(LANGUAGE)
    generator.author(name=feed.author or feed.title)  # Atom's required author (RFC 4287)
    generator.generator("Showcase", __version__)
    generator.updated(feed.updated)
    generator.lastBuildDate(feed.updated)
    public = _public(feed)
    for story in feed.stories:
        _add_entry(generator, story, feed.site_url, public)
    return generator


def _public(feed: Feed) -> PublicStories:
    return feed.public if feed.public is not None else PublicStories.of(feed.stories)


def _add_entry(generator: FeedGenerator, story: Story, site_url: str,
               public: PublicStories) -> None:
    url = _page(site_url, story, public)
    entry = generator.add_entry(order="append")
    entry.id(url)
    entry.guid(url, permalink=True)
    entry.title(story.title)
    entry.link(href=url, rel="alternate")
    entry.summary(story.meta.summary)  # Atom: text
    # RSS's description is HTML to readers: the summary is text, so it is escaped once more
    entry.description(html.escape(story.meta.summary, quote=False))
    entry.content(item_html(story, site_url, public), type="html")
    entry.published(published_at(story))
    entry.updated(published_at(story))
    for tag in story.meta.tags:
        entry.category(term=tag)
    if story.meta.language:  # Atom: the entry's own xml:lang (RSS has the channel's only)
        entry.register_extension("language", _Language, atom=True, rss=False)
        entry.language.tag = story.meta.language


class _Language:
    """An Atom entry's xml:lang: the language of a story that gives its own (`language:`).
    A feedgen entry extension (its BaseEntryExtension's methods; feedgen is imported only
    when a feed is written)."""

    def __init__(self) -> None:
        self.tag: str | None = None

    def extend_ns(self) -> dict[str, str]:
        return {}

    def extend_rss(self, entry: Any) -> Any:
        return entry

    def extend_atom(self, entry: Any) -> Any:
        if self.tag:
            entry.set("{http://www.w3.org/XML/1998/namespace}lang", self.tag)
        return entry


def json_feed(feed: Feed) -> bytes:
    """The feed as JSON Feed 1.1."""
    payload: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home,
        "feed_url": feed.url(JSON_FILE),
        "description": feed.description,
        "language": LANGUAGE,
        "authors": [{"name": feed.author or feed.title}],
        "items": [_json_item(story, feed.site_url, _public(feed)) for story in feed.stories],
    }
    return (json.dumps(payload, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _json_item(story: Story, site_url: str, public: PublicStories) -> dict[str, Any]:
    url = _page(site_url, story, public)
    item: dict[str, Any] = {
        "id": url,
        "url": url,
        "title": story.title,
        "summary": story.meta.summary,
        "content_html": item_html(story, site_url, public),
        "date_published": published_at(story).isoformat(),
    }
    image = story.meta.image
    if image is not None:
        item["image"] = urls.absolute(site_url, urls.image_path(story.slug, image.src))
    if story.meta.tags:
        item["tags"] = list(story.meta.tags)
    if story.meta.language:  # JSON Feed 1.1: an item's own language
        item["language"] = story.meta.language
    return item


def feed_files(feed: Feed) -> dict[str, bytes]:
    """The feed in its three formats, by path under the site root."""
    return {feed.folder + RSS_FILE: rss(feed), feed.folder + ATOM_FILE: atom(feed),
            feed.folder + JSON_FILE: json_feed(feed)}
