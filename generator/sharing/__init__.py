"""Sharing: feeds, open data and calendars that the site publishes beside its pages.

`site_outputs` is the one call the MkDocs plugin makes: every extra public file of the
site, by path under the site folder. `head_links` are the <link rel="alternate"> entries
every page's <head> carries. Only public stories reach any of them (contract section 7).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from generator.awardbook import AwardBook
from generator.bodylinks import PublicStories
from generator.calendar import awards_ics
from generator.catalogue import Catalogue
from generator.clock import build_time
from generator.sharing import feeds, urls
from generator.story import Story

FEEDS_FOLDER = "feeds/"
AWARDS_CALENDAR = "awards.ics"
OPEN_DATA_FOLDER = "data/"
"""The site's own data/ URL path (not the project's data/ folder, which is never published)."""
FEED_ITEMS = 50
"""How many of the newest public stories each feed carries (the `feed_items` plugin option);
the open data always holds every public story."""


@cache
def written_files() -> re.Pattern[str]:
    """The files the site writes after its pages (the feeds, site-wide and by outcome, the
    open data and the award calendar), by path under the site root, as the modules that
    write them name them: check knows them by this (a hand-written file at one of them, a
    story's link to one)."""
    feed = "|".join(re.escape(name) for name in (feeds.ATOM_FILE, feeds.RSS_FILE,
                                                  feeds.JSON_FILE))
    data = "|".join(re.escape(name) for name in (
        urls.STORIES_FILE, urls.METRICS_FILE, urls.STORIES_SCHEMA_FILE, urls.METRICS_SCHEMA_FILE))
    return re.compile(rf"{re.escape(FEEDS_FOLDER)}(?:outcomes/[^/]+/)?(?:{feed})"
                      rf"|{re.escape(OPEN_DATA_FOLDER)}(?:{data})"
                      rf"|{re.escape(AWARDS_CALENDAR)}")


@dataclass(frozen=True)
class HeadLink:
    """A <link rel="alternate"> for every page's head (feeds, open data)."""

    href: str
    """Path relative to the site root, e.g. feeds/rss.xml."""
    type: str
    title: str


@dataclass(frozen=True)
class FeedFormat:
    """One of the three formats each feed is published in."""

    name: str
    """Its name for people, e.g. RSS."""
    file: str
    """Its file in a feed's folder, e.g. rss.xml."""
    type: str
    """Its media type, for <link rel="alternate">."""


FEED_FORMATS = (
    FeedFormat("RSS", feeds.RSS_FILE, "application/rss+xml"),
    FeedFormat("Atom", feeds.ATOM_FILE, "application/atom+xml"),
    FeedFormat("JSON Feed", feeds.JSON_FILE, "application/feed+json"),
)


@dataclass(frozen=True)
class PublishedFeed:
    """A feed the site publishes (the site-wide one or an outcome's), in every format."""

    title: str
    outcome: str | None
    """The strategy outcome's id; None for the site-wide feed."""
    outcome_title: str | None
    folder: str
    """Its folder under the site root, e.g. feeds/ or feeds/outcomes/<id>/."""

    def files(self) -> list[tuple[FeedFormat, str]]:
        """Each format and its file's path under the site root."""
        return [(f, self.folder + f.file) for f in FEED_FORMATS]

    def links(self) -> list[HeadLink]:
        """Its alternate links, one per format."""
        return [HeadLink(path, f.type, f"{self.title} ({f.name})") for f, path in self.files()]


def feed_folder(outcome_id: str | None = None) -> str:
    """The folder of the site-wide feed, or of one outcome's feed."""
    return FEEDS_FOLDER if outcome_id is None else f"{FEEDS_FOLDER}outcomes/{outcome_id}/"


def published_feeds(catalogue: Catalogue) -> list[PublishedFeed]:
    """The feeds the site publishes, site-wide first then one per strategy outcome; none
    without a site_url (feeds need absolute addresses)."""
    if not catalogue.layout.site.get("site_url"):
        return []
    name = publisher(catalogue)
    outcomes = catalogue.strategy.outcomes if catalogue.strategy else []
    return [PublishedFeed(name, None, None, feed_folder()),
            *(PublishedFeed(f"{name}: {o.title}", o.id, o.title, feed_folder(o.id))
              for o in outcomes)]


def site_outputs(catalogue: Catalogue, now: datetime, site_url: str,
                 feed_items: int = FEED_ITEMS) -> dict[str, bytes]:
    """Every extra public file of the site, path under the site folder to bytes.

    Feeds need absolute addresses: without a site_url there are none, and the open
    data's `url` fields are null. Each feed carries the newest `feed_items` stories; the
    open data every public story. `awards.ics` holds the award deadlines.
    """
    return dict(iter_site_outputs(catalogue, now, site_url, feed_items))


def iter_site_outputs(catalogue: Catalogue, now: datetime, site_url: str,
                      feed_items: int = FEED_ITEMS) -> Iterator[tuple[str, bytes]]:
    """`site_outputs` one file after another (a large site's feeds need not all be held at
    once): the open data, the award calendar, then each feed in its three formats."""
    from generator.sharing import opendata  # its models: imported by the process writing it

    stories = catalogue.public_stories(now)
    updated = build_time()
    public = catalogue.linkable(stories, site_url)  # for the open data and every feed
    data = opendata.open_data(stories, publisher(catalogue), site_url or None, updated,
                              public=public, book=AwardBook(catalogue.awards),
                              council=council(catalogue))
    for name, content in opendata.open_data_files(data).items():
        yield OPEN_DATA_FOLDER + name, content
    del data
    yield AWARDS_CALENDAR, awards_ics(catalogue, now)
    if site_url:
        for feed in site_feeds(catalogue, stories, site_url, updated, feed_items, public):
            yield from feeds.feed_files(feed).items()


def head_links(catalogue: Catalogue, now: datetime) -> list[HeadLink]:
    """The alternate links each page's head carries: the site-wide feeds, when there are any."""
    found = published_feeds(catalogue)
    return found[0].links() if found else []


def publisher(catalogue: Catalogue) -> str:
    """The site's name, which names the feeds and the open data's publisher."""
    return str(catalogue.layout.site.get("site_name") or "Success stories")


def council(catalogue: Catalogue) -> str | None:
    """The council that publishes the stories: the strategy's `council:`; None when it names
    none (the open data's `council`, a feed's author)."""
    return (catalogue.strategy.council if catalogue.strategy else None) or None


def site_feeds(catalogue: Catalogue, stories: list[Story], site_url: str, updated: datetime,
               feed_items: int = FEED_ITEMS, public: PublicStories | None = None
               ) -> list[feeds.Feed]:
    """The site-wide feed and one per strategy outcome, of the newest `feed_items` of the
    public `stories` (newest first) in each (`public`: `catalogue.linkable(stories)`, made
    here when not given)."""
    name = publisher(catalogue)
    author = council(catalogue) or name
    home = urls.site_root(site_url)
    limit = max(0, feed_items)
    public = public or catalogue.linkable(stories, site_url)
    found = [feeds.Feed(name, f"Digital success stories from {name}", feed_folder(), site_url,
                        home, updated, stories[:limit], public, author)]
    outcomes = catalogue.strategy.outcomes if catalogue.strategy else []
    for outcome in outcomes:
        listing = urls.outcome_path(outcome.id, public.directory_urls)
        chosen = [s for s in stories if outcome.id in s.meta.outcomes][:limit]
        found.append(feeds.Feed(f"{name}: {outcome.title}",
                                f"Stories evidencing the outcome: {outcome.title}",
                                feed_folder(outcome.id), site_url,
                                urls.absolute(site_url, listing), updated,
                                chosen, public, author))
    return found
