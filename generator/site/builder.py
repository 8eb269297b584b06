"""The whole generated part of the site, built from a catalogue: pages, files, head metadata."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator import formatting, sharing
from generator.awardbook import AwardBook
from generator.bodylinks import PublicStories
from generator.catalogue import Catalogue, collect
from generator.elsewhere import Elsewhere, here
from generator.model.story import Unit
from generator.ordering import by_name
from generator.problems import ShowcaseError
from generator.project import Layout
from generator.reading import frontmatter
from generator.reading.safe_yaml import YamlProblem
from generator.reading.text import read_text
from generator.sanitize import strip_comments
from generator.sharing.urls import (
    METRICS_FILE,
    METRICS_SCHEMA_FILE,
    STORIES_FILE,
    STORIES_SCHEMA_FILE,
)
from generator.site import charts, urls, views
from generator.site.criteria import RESULT_RANK, Evaluation, evaluate_all
from generator.site.related import related
from generator.site.render import Cards, Later, Rendered, render
from generator.site.sections import DEFAULT, Place, TocStyle, with_ids
from generator.site.totals import Totals, totals
from generator.story import Story

HOME = "index.md"
OPEN_DATA = "open-data/index.md"
"""The page listing the site's feeds and open data (linked from every page's footer)."""
LATEST = 6
GROUP_KINDS = ("outcomes", "services", "tags", "years")


@dataclass(frozen=True)
class SiteOptions:
    """What the site needs from its configuration."""

    per_page: int = 20
    site_url: str = ""
    site_name: str = ""
    directory_urls: bool = True
    search_full_text_limit: int = 500
    """The newest this many public stories are indexed for search in full; older ones by
    title, summary, service and tags only, so a large site's search index stays small."""
    toc: TocStyle = DEFAULT
    """How mkdocs.yml's toc extension names and marks headings (its separator, slugify and
    permalink), which a story body's section headings follow."""


@dataclass(frozen=True)
class BriefEntry:
    """What the search index holds of a story past the full-text limit (plain text)."""

    title: str
    text: str


@dataclass(frozen=True)
class PageHead:
    """Social and search metadata of a page (OpenGraph, Twitter card, JSON-LD)."""

    title: str
    description: str
    url: str
    image: str
    image_alt: str
    json_ld: dict[str, Any]
    language: str | None = None
    """The story's language tag (`language:`), when it is not the site's."""
    direction: str = "ltr"
    """Which way that language runs: "rtl" or "ltr"."""


@dataclass
class Site:
    """The generated pages (source path to Markdown), files to copy and page metadata."""

    pages: dict[str, str] = field(default_factory=dict)
    fragments: dict[str, Mapping[str, str]] = field(default_factory=dict)
    """Source path of a page to its HTML fragments by token (see render.fill); the
    dashboard's are made when first asked for (`later`)."""
    copies: dict[str, Path] = field(default_factory=dict)
    """Site path to the project file to publish (public images and evidence only)."""
    heads: dict[str, PageHead] = field(default_factory=dict)
    """Source path of a page to its social metadata."""
    brief: dict[str, BriefEntry] = field(default_factory=dict)
    """Source path of a story page indexed for search by its brief entry only."""
    unsearched: set[str] = field(default_factory=set)
    """Source paths of the pages left out of the search index: every listing (all stories,
    outcomes, services, tags, years, their indexes and later pages), so that search leads
    to the stories themselves and the hand-written pages, not to "Stories, page 17"."""
    alternates: dict[str, list[sharing.HeadLink]] = field(default_factory=dict)
    """Source path of a page to the alternate links of its own (an outcome's listing: the
    outcome's feed), beside those every page has."""
    footer: dict[str, str] = field(default_factory=dict)
    """Source path of a generated page to link from every page's footer, to its link text."""
    places: dict[str, list[Place]] = field(default_factory=dict)
    """Source path of a story page to its body's section headings (ids in its fragment), for
    the page's table of contents and anchor checks (`sections`)."""
    linkable: PublicStories = field(default_factory=lambda: PublicStories({}))
    """What a page's links may lead to: hand-written pages are judged as stories' bodies are
    (`bodylinks.scrub`), so that none names a story or a file that is not public."""

    @property
    def later(self) -> set[str]:
        """Source paths of the pages whose fragments are made when first asked for (they
        wait for something this process started, such as the charts)."""
        return {src for src, found in self.fragments.items() if isinstance(found, Later)}


@dataclass(frozen=True)
class Group:
    """A listing of stories sharing an outcome, service, tag or year."""

    kind: str
    key: str
    title: str
    stories: list[views.StoryView]
    totals: Totals
    intro: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"{self.kind}/{self.key}"


DASHBOARD = "dashboard/index.md"
Draw = Callable[[Sequence[Evaluation]], charts.Charts]
"""Starts drawing the dashboard's charts; the result is asked for once the pages are made."""
StoryPages = dict[str, tuple[str, dict[str, str], PageHead, list[Place]]]
"""Story pages by source path: Markdown, fragments, head metadata, the body's places."""


def build_site(catalogue: Catalogue, now: datetime, options: SiteOptions,
               draw: Draw = charts.draw_later, elsewhere: Elsewhere = here) -> Site:
    """Every generated page and published file for the public stories at `now`.

    `draw` gets the dashboard's charts going first and `elsewhere` the story pages, so that
    the MkDocs plugin's worker processes can make them while this one makes the rest.
    """
    evaluations, drawn = _drawing(catalogue, now, draw)
    stories = catalogue.public_stories(now)
    book = AwardBook(catalogue.awards)
    titles = {o.id: o.title for o in catalogue.strategy.outcomes} if catalogue.strategy else {}
    story_views = [views.story_view(catalogue, s, titles, book) for s in stories]
    site = Site(copies=views.copies(catalogue, stories),
                linkable=catalogue.linkable(stories, options.site_url))
    feeds = sharing.published_feeds(catalogue)
    builder = _Builder(catalogue, now, options, site,
                       {urls.key(f.outcome): f for f in feeds if f.outcome is not None})
    story_pages = elsewhere(lambda: builder.story_pages(story_views), len(story_views))
    site.brief = brief_entries(story_views[max(0, options.search_full_text_limit):])
    builder.listing("stories", "All stories", story_views, {})
    for kind in GROUP_KINDS:
        builder.groups(kind, _groups(catalogue, kind, story_views))
    builder.home(story_views)
    builder.awards(story_views)
    builder.dashboard(evaluations, drawn)
    builder.open_data(feeds)
    builder.add_first(story_pages())
    return site


@dataclass
class _Builder:
    catalogue: Catalogue
    now: datetime
    options: SiteOptions
    site: Site
    outcome_feeds: dict[str, sharing.PublishedFeed]
    """Each outcome's feed by the outcome's listing key."""
    cards: Cards = field(default_factory=Cards)

    def page(self, src: str, template: str, **context: Any) -> None:
        rendered = self._render(src, template, **context)
        self.site.pages[src] = rendered.markdown
        if rendered.fragments:
            self.site.fragments[src] = rendered.fragments

    def _render(self, src: str, template: str, **context: Any) -> Rendered:
        if src in self.site.pages:  # two outputs at one path would silently lose one
            raise ValueError(f"two generated pages at {src}")
        return render(template, src, self.options.directory_urls, self.cards,
                      council=self.council, **context)

    @property
    def council(self) -> str:
        strategy = self.catalogue.strategy
        return (strategy.council if strategy and strategy.council else "") or self.options.site_name

    def story_pages(self, story_views: list[views.StoryView]) -> StoryPages:
        linked = related([v.story for v in story_views])
        by_slug = {v.story.slug: v for v in story_views}
        public = self.site.linkable  # the same stories: story_views are the site's
        made: StoryPages = {}
        for view in story_views:
            body, places = with_ids(views.body_html(view.story, public, self.options.directory_urls),
                                    view.story.title, self.options.toc)
            page = render("story.md.j2", view.src, self.options.directory_urls, self.cards,
                          council=self.council, s=view, body=Markup(body),
                          quotes=views.quotes(view.story), partners=view.story.meta.partners,
                          related=[by_slug[o.slug] for o in linked[view.story.slug]])
            made[view.src] = (page.markdown, page.fragments, self.head(view), places)
        return made

    def add_first(self, pages: StoryPages) -> None:
        """Put the story pages before the others (the order MkDocs lists files in)."""
        clash = sorted(pages.keys() & self.site.pages.keys())
        if clash:  # two outputs at one path would silently lose one
            raise ValueError(f"two generated pages at {clash[0]}")
        self.site.pages = {**{src: page[0] for src, page in pages.items()}, **self.site.pages}
        self.site.fragments.update({src: page[1] for src, page in pages.items() if page[1]})
        self.site.heads.update({src: page[2] for src, page in pages.items()})
        self.site.places.update({src: page[3] for src, page in pages.items() if page[3]})

    def head(self, view: views.StoryView) -> PageHead:
        url = urls.absolute(self.options.site_url, view.src, self.options.directory_urls)
        image = urls.absolute(self.options.site_url, view.image.target) if view.image else ""
        json_ld: dict[str, Any] = {
            "@context": "https://schema.org", "@type": "Article", "headline": view.title,
            "datePublished": view.story.date.isoformat(), "description": view.summary,
            "publisher": {"@type": "GovernmentOrganization", "name": self.council},
        }
        if url:
            json_ld["url"] = url
        if image:
            json_ld["image"] = image
        won = [a.award for a in view.awards if a.result == "won"]
        if won:
            json_ld["award"] = won
        if view.language:
            json_ld["inLanguage"] = view.language
        return PageHead(view.title, view.summary, url, image,
                        view.image.text if view.image else "", json_ld, view.language,
                        view.direction)

    def listing(self, base: str, title: str, items: Sequence[views.StoryView],
                intro: dict[str, Any], group: Group | None = None) -> None:
        size = max(1, self.options.per_page)
        pages = max(1, -(-len(items) // size))
        feed = self.outcome_feeds.get(group.key) if group and group.kind == "outcomes" else None
        for number in range(1, pages + 1):
            chunk = items[(number - 1) * size: number * size]
            pager = {"number": number, "count": pages,
                     "previous": urls.listing(base, number - 1) if number > 1 else None,
                     "next": urls.listing(base, number + 1) if number < pages else None}
            src = urls.listing(base, number)
            self.page(src, "listing.md.j2", title=title, items=chunk, pager=pager,
                      total=len(items), intro=intro, group=group,
                      money=_money(group.totals) if group else [], feed=feed,
                      open_data=OPEN_DATA)
            self.site.unsearched.add(src)
            if feed:
                self.site.alternates[src] = feed.links()

    def groups(self, kind: str, groups: list[Group]) -> None:
        self.page(urls.listing(kind), "groups.md.j2", kind=kind, title=kind.capitalize(),
                  groups=groups)
        self.site.unsearched.add(urls.listing(kind))
        for group in groups:
            self.listing(group.base, group.title, group.stories, group.intro, group)

    def home(self, story_views: list[views.StoryView]) -> None:
        text = _home_text(self.catalogue.layout.content / HOME)
        overall = totals(v.story for v in story_views)
        self.page(HOME, "home.md.j2", text=Markup(text), totals=overall, money=_money(overall),
                  latest=story_views[:LATEST], note=self._note())

    def awards(self, story_views: list[views.StoryView]) -> None:
        results = sorted(((view, award) for view in story_views for award in view.awards),
                         key=lambda pair: (-pair[1].year, -RESULT_RANK[pair[1].result],
                                           pair[1].award, pair[0].title))
        counts = {words: sum(1 for _, a in results if a.result == result)
                  for result, words in reversed(views.RESULT_WORDS.items())}
        entries = sorted(self.catalogue.awards, key=lambda a: (
            a.entry.deadline.isoformat() if a.entry.deadline else "9999", a.entry.name))
        self.page("awards/index.md", "awards.md.j2", results=results, counts=counts,
                  entries=entries, now=self.now)

    def dashboard(self, evaluations: Sequence[Evaluation], drawn: charts.Charts) -> None:
        """The dashboard's Markdown now, its fragments (with the charts) when first asked
        for: the charts sit inside fragments, so the Markdown is the same without them."""
        first = self._render(DASHBOARD, "dashboard.md.j2", note=self._note(),
                             rows=_rows(evaluations, [None] * len(evaluations)))
        self.site.pages[DASHBOARD] = first.markdown
        self.charts(evaluations, drawn)

    def charts(self, evaluations: Sequence[Evaluation], drawn: charts.Charts) -> None:
        """The dashboard's fragments, with its charts, made when first asked for (`Later`)."""
        markdown = self.site.pages[DASHBOARD]

        def fragments() -> Mapping[str, str]:
            final = render("dashboard.md.j2", DASHBOARD, self.options.directory_urls,
                           self.cards, council=self.council, note=self._note(),
                           rows=_rows(evaluations, drawn()))
            if final.markdown != markdown:
                raise ValueError("the dashboard's charts changed its Markdown")
            return final.fragments

        self.site.fragments[DASHBOARD] = Later(fragments)

    def open_data(self, feeds: list[sharing.PublishedFeed]) -> None:
        """The page of the feeds (when the site has any), the open data and the calendar."""
        title = "Feeds and open data" if feeds else "Open data"
        folder = sharing.OPEN_DATA_FOLDER
        self.page(OPEN_DATA, "open-data.md.j2", title=title, feeds=feeds,
                  stories=folder + STORIES_FILE,
                  stories_schema=folder + STORIES_SCHEMA_FILE,
                  metrics=folder + METRICS_FILE,
                  metrics_schema=folder + METRICS_SCHEMA_FILE,
                  calendar=sharing.AWARDS_CALENDAR)
        self.site.footer[OPEN_DATA] = title

    def _note(self) -> str:
        strategy = self.catalogue.strategy
        return strategy.note if strategy and strategy.note else ""


DESCRIBED_UP_TO = 24
"""A chart's description lists each of its points when it has at most this many; past it,
it sums them up (`_summary`), the table beside it listing them all."""

TableRow = tuple[str, str, str | None]
"""A row of a criterion's table: its period, figure and comparison (or None)."""


def _rows(evaluations: Sequence[Evaluation],
          drawn: Sequence[charts.Svg | None]) -> list[dict[str, Any]]:
    """The dashboard's rows: each criterion, its current value, chart and figures."""
    return [_row(evaluation, chart) for evaluation, chart in zip(evaluations, drawn, strict=True)]


def _row(evaluation: Evaluation, chart: charts.Svg | None) -> dict[str, Any]:
    """One criterion's row of the dashboard (`_rows`)."""
    points = _table(evaluation)
    return {
        "e": evaluation,
        "current": "no data" if evaluation.current is None
        else formatting.apart([evaluation.current, _measured_against(evaluation)],
                              evaluation.unit, compact=True)[0],
        "chart": chart,
        "points": points,
        "summary": _summary(points, evaluation),
        "value_name": charts.human(evaluation.value_name, evaluation.criterion.unit),
        "compare_name": charts.human(evaluation.compare_name or "", evaluation.criterion.unit),
    }


def _table(evaluation: Evaluation) -> list[TableRow]:
    """The trend's rows (period, value, comparison), each figure with every decimal its file
    gives (`formatting.as_written`): so never two different figures written alike (two rows
    of "70%" never stand for a rise that meets "higher than the first"), and one figure
    written one way in every criterion's table, whatever figures are beside it."""
    unit = evaluation.unit
    return [(p.label, formatting.as_written(p.value, unit),
             None if p.compare is None else formatting.as_written(p.compare, unit))
            for p in evaluation.points]


def _summary(rows: list[TableRow], evaluation: Evaluation) -> list[tuple[str, TableRow]] | None:
    """For a chart of more than `DESCRIBED_UP_TO` points, its description's points: the
    first, the last, the lowest and the highest (the first of equal ones), each with its
    word; None for a chart whose description lists every point."""
    if len(rows) <= DESCRIBED_UP_TO:
        return None
    values = [point.value for point in evaluation.points]
    lowest = min(range(len(values)), key=values.__getitem__)
    highest = max(range(len(values)), key=values.__getitem__)
    return [("first", rows[0]), ("last", rows[-1]), ("lowest", rows[lowest]),
            ("highest", rows[highest])]


def _measured_against(evaluation: Evaluation) -> float | None:
    """The figure a criterion's current value is met against (its target, the latest
    comparison, or the first value), so that the two are never written alike when they are
    not alike: 49.9999999% is not shown as "50%" beside "Not met yet" at a 50% target."""
    goal, points = evaluation.criterion.goal, evaluation.points
    if goal == "increase":
        return points[0].value if points else None
    if goal == "above-compare":
        return points[-1].compare if points else None
    return evaluation.criterion.target


def brief_entries(story_views: Sequence[views.StoryView]) -> dict[str, BriefEntry]:
    """Search entries of title, summary, service and tags, by story page source path."""
    found = {}
    for view in story_views:
        parts = [view.summary, f"Service: {view.service.text}."]
        if view.tags:
            parts.append(f"Tags: {', '.join(t.text for t in view.tags)}.")
        found[view.src] = BriefEntry(view.title, " ".join(parts))
    return found


def _money(found: Totals) -> list[tuple[str, str]]:
    return [("Savings", formatting.short(found.savings, Unit.GBP)),
            ("Traded income", formatting.short(found.traded_income, Unit.GBP))]


def _home_text(path: Path) -> str:
    if not path.is_file():
        return ""
    text = read_text(path)
    if text.startswith("---"):
        with contextlib.suppress(YamlProblem):
            text = frontmatter.parse(text).body
    return strip_comments(text)


def _groups(catalogue: Catalogue, kind: str, story_views: list[views.StoryView]) -> list[Group]:
    members: dict[str, tuple[str, list[views.StoryView]]] = {}
    for view in story_views:
        # "Cloud" and "cloud" (or an outcome written twice) share one address: list it once
        for key, title in dict(reversed(_memberships(kind, view.story))).items():
            members.setdefault(key, (title, []))[1].append(view)
    intros = _outcome_intros(catalogue) if kind == "outcomes" else {}
    order = _outcome_order(catalogue) if kind == "outcomes" else {}
    groups = [Group(kind, key, intros.get(key, {}).get("title", title), found,
                    totals(v.story for v in found), intros.get(key, {}))
              for key, (title, found) in members.items()]
    if kind == "years":
        return sorted(groups, key=lambda g: g.key, reverse=True)
    return sorted(groups, key=lambda g: (order.get(g.key, len(order)), by_name(g.title)))


def _memberships(kind: str, story: Story) -> list[tuple[str, str]]:
    if kind == "outcomes":
        return [(urls.key(o), o) for o in story.meta.outcomes]
    if kind == "services":
        return [(urls.key(story.meta.service), story.meta.service)]
    if kind == "tags":
        return sorted({(urls.key(t), t) for t in story.meta.tags})
    return [(str(story.date.year), str(story.date.year))]


def _outcome_intros(catalogue: Catalogue) -> dict[str, dict[str, str]]:
    if catalogue.strategy is None:
        return {}
    return {urls.key(o.id): {"title": o.title, "enabler": o.enabler,
                             "description": o.description or ""}
            for o in catalogue.strategy.outcomes}


def _outcome_order(catalogue: Catalogue) -> dict[str, int]:
    outcomes = catalogue.strategy.outcomes if catalogue.strategy else []
    return {urls.key(o.id): index for index, o in enumerate(outcomes)}




def without_charts(site: Site) -> Site:
    """`site` without the fragments that wait for its charts (to send to another process,
    which `add_charts` gives them)."""
    site.fragments = {src: made for src, made in site.fragments.items()
                      if not isinstance(made, Later)}
    return site


def add_charts(site: Site, catalogue: Catalogue, now: datetime, options: SiteOptions,
               draw: Draw) -> None:
    """Give a site made by another process (`without_charts`) its dashboard's charts, drawn
    by `draw`: the same fragments as `build_site` makes."""
    if DASHBOARD in site.pages:
        builder = _Builder(catalogue, now, options, site, {})
        builder.charts(*_drawing(catalogue, now, draw))


def _drawing(catalogue: Catalogue, now: datetime,
             draw: Draw) -> tuple[list[Evaluation], charts.Charts]:
    evaluations = evaluate_all(catalogue, now)
    return evaluations, draw(evaluations)


def no_charts(evaluations: Sequence[Evaluation]) -> charts.Charts:
    """A `Draw` for a site whose charts are added later (`add_charts`): it draws nothing."""
    return lambda: [None] * len(evaluations)


def generate(layout: Layout, now: datetime, options: SiteOptions,
             draw: Draw = charts.draw_later,
             elsewhere: Elsewhere = here) -> tuple[Catalogue, Site]:
    """Read the project and build its site; a catalogue with errors is a ShowcaseError."""
    catalogue = collect(layout, now, elsewhere)
    errors = catalogue.errors
    if errors:
        count = len(errors)
        raise ShowcaseError(f"the site was not built: {count} error{'s' * (count != 1)} "
                            "(run showcase check for details)", errors)
    return catalogue, build_site(catalogue, now, options, draw, elsewhere)
