"""The feeds and open data are found from the pages: a page lists them, every page's footer
links to it, and each outcome's listing links (and heads) its own feed; Material's script asks
for no sitemap beside a feed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import material

from generator import project
from generator.mkdocs import alternates
from generator.site import SiteOptions, charts, generate
from generator.site.criteria import Evaluation
from tests.conftest import NOW, ProjectFactory, story
from tests.site.conftest import Built
from tests.site.test_example_site import text

SHARED = re.compile(r"(feeds/.+|data/[^/]+|awards\.ics)")
"""The site's feeds, open data and calendar (sharing.site_outputs), by path."""


def _targets(built: Built, page: str, html: str) -> list[str]:
    """The site paths the article of `page` links to (links resolved against the page)."""
    article = html[html.index("<article"):html.index("</article>")]
    return [urljoin(page, href) for href in re.findall(r'<a href="([^"#]+)"', article)]


def test_the_page_links_every_feed_and_data_file_the_site_publishes(example_site: Built) -> None:
    html = example_site.html("open-data/")
    published = {path for path in example_site.every_byte() if SHARED.fullmatch(path)}
    linked = _targets(example_site, "open-data/", html)
    assert sorted(linked) == sorted(published)
    assert len(published) == 3 * 5 + 4 + 1  # the site's and 4 outcomes' feeds, data, calendar
    body = text(html)
    # the page's contents under its title (shown on narrow screens, where the sidebar is not)
    assert body.startswith("Feeds and open data Table of contents Feeds Open data Award deadlines "
                           "Follow our new success stories in a feed reader, "
                           "or download every published story")
    assert ("stories.json Every published story: its title, summary, dates, service, outcomes, "
            "figures, quotes, evidence, awards and web address JSON") in body
    assert ("Feed Stories Formats All stories Our newest stories RSS , Atom , JSON Feed "
            "Technology that earns revenue Our newest stories about this outcome RSS , Atom , "
            "JSON Feed") in body
    assert ("metrics.csv Every figure of every published story, one to a row, to open in a "
            "spreadsheet CSV") in body
    assert "awards.ics : the closing dates of the awards we are entering" in body
    assert '<a href="../feeds/rss.xml" type="application/rss+xml">RSS</a>' in html


def test_every_page_footer_links_to_the_page(example_site: Built) -> None:
    link = '<p class="showcase-footer-link"><a href="{}">Feeds and open data</a></p>'
    for page, href in [("", "./open-data/"), ("stories/", "../open-data/"),
                       ("open-data/", "../open-data/"),
                       ("stories/ai-webchat-reduces-call-volumes/", "../../open-data/")]:
        assert link.format(href) in example_site.html(page), page
    # the 404 page is served from any folder: its link starts at the site's root path
    assert link.format("/open-data/") in (example_site.site / "404.html").read_text("utf-8")


def test_an_outcome_listing_links_its_own_feed(example_site: Built) -> None:
    page = "outcomes/earn-revenue/"
    html = example_site.html(page)
    assert ("Follow new stories about this outcome in a feed reader: RSS feed , Atom or "
            "JSON Feed . All feeds and open data .") in text(html)
    assert _targets(example_site, page, html)[:4] == [
        "feeds/outcomes/earn-revenue/rss.xml", "feeds/outcomes/earn-revenue/atom.xml",
        "feeds/outcomes/earn-revenue/feed.json", "open-data/"]
    heads = re.findall(r'<link rel="alternate" href="([^"]+)" type="([^"]+)" title="([^"]+)"',
                       html)
    assert heads[0] == ("../../feeds/outcomes/earn-revenue/rss.xml", "application/rss+xml",
                        "Example Borough Council digital showcase: Technology that earns "
                        "revenue (RSS)")
    assert [href for href, _, _ in heads] == [
        *(f"../../feeds/outcomes/earn-revenue/{f}" for f in ("rss.xml", "atom.xml", "feed.json")),
        *(f"../../feeds/{f}" for f in ("rss.xml", "atom.xml", "feed.json"))]
    assert all((example_site.site / page / href).resolve().is_file() for href, _, _ in heads)
    # other listings carry the site-wide feeds only
    assert "showcase-feed" not in example_site.html("services/ict-and-digital/")
    assert example_site.html("stories/").count('rel="alternate"') == 3


def _no_charts(evaluations: Sequence[Evaluation]) -> charts.Charts:
    return lambda: [None] * len(evaluations)


def test_without_a_site_url_the_page_has_open_data_and_no_feeds(
        make_project: ProjectFactory) -> None:
    root: Path = make_project({"mkdocs.yml": "site_name: Testshire\nplugins:\n  - showcase\n",
                               "stories/a.md": story(outcomes="[earn-revenue]")})
    _, site = generate(project.discover(root), datetime.fromisoformat(NOW), SiteOptions(),
                       _no_charts)
    html = "".join(site.fragments["open-data/index.md"].values())
    page = site.pages["open-data/index.md"]
    assert re.findall(r"^#+ .*", page, re.M) == ["# Open data", "## Data files",
                                                  "## Award deadlines"]
    assert "feeds/" not in html and "feed" not in html.lower()
    assert ("<p>Download every published story and its figures as data to use in a spreadsheet "
            "or your own service. The files are made again each time the site is updated.</p>"
            ) in html
    # stories.json's url fields are null without a site_url: no web address is promised
    assert ("<td>Every published story: its title, summary, dates, service, outcomes, figures, "
            "quotes, evidence and awards</td>") in html
    assert "web address" not in html and "address" not in page
    assert '<a href="../data/stories.json" type="application/json">stories.json</a>' in html
    assert site.footer == {"open-data/index.md": "Open data"}
    assert site.alternates == {}
    assert "feed" not in "".join(site.fragments["outcomes/earn-revenue/index.md"].values())


def test_the_site_ships_materials_script_with_the_language_selector_narrowed(
        example_site: Built) -> None:
    """Feeds keep rel="alternate" for feed readers; Material's script leaves them alone."""
    [bundle] = (example_site.site / "assets/javascripts").glob("bundle.*.min.js")
    original = Path(material.__file__).parent / "templates/assets/javascripts" / bundle.name
    assert bundle.read_text("utf-8") == original.read_text("utf-8").replace(
        alternates.SELECTOR, alternates.NARROWED).replace(alternates.MERMAID, alternates.NO_MERMAID)
    assert alternates.NARROWED in bundle.read_text("utf-8")
    # the diagrams' script came from unpkg.com for any page holding a <pre class="mermaid">
    assert "pre.mermaid" not in bundle.read_text("utf-8")
    assert alternates.narrowed("querySelectorAll('link')") is None  # another Material: as it is
