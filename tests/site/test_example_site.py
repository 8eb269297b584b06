"""The example project built with a real `showcase build`: pages, listings, totals, dashboard."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import NOW
from tests.site.conftest import EPOCH, Built, build, copy_example

WEBCHAT = "stories/ai-webchat-reduces-call-volumes/"
MJ = "stories/mj-awards-2026-digital-transformation-win/"
PUBLIC = [  # newest first; the review and the draft story are not public
    "shared-gis-service", "mj-awards-2026-digital-transformation-win",
    "microsoft-365-rollout-lifts-staff-satisfaction",
    "data-platform-shapes-adult-social-care-planning", "digital-planning-permission-service",
    "digital-consultancy-for-nhs-trust", "ai-webchat-reduces-call-volumes",
    "shared-cyber-security-operations-centre", "managed-service-desk-for-town-councils",
    "shared-revenues-and-benefits-platform",
]


def text(html: str) -> str:
    """The article's visible text, whitespace collapsed, charts left out."""
    article = html[html.index("<article"):html.index("</article>")]
    article = re.sub(r"<svg.*?</svg>", " ", article, flags=re.DOTALL)
    article = re.sub(r"<[^>]+>", " ", article)
    for entity, char in (("&#39;", "'"), ("&amp;", "&"), ("&quot;", '"'), ("&#34;", '"')):
        article = article.replace(entity, char)
    return " ".join(article.split())


def test_story_page(example_site: Built) -> None:
    html = example_site.html(WEBCHAT)
    body = text(html)
    assert html.count("<h1") == 1
    assert '<html lang="en-GB"' in html
    assert ("<h1 id=\"ai-assisted-webchat-answers-routine-questions-and-cuts-call-waiting-times\">"
            "AI-assisted webchat answers routine questions and cuts call waiting times</h1>") in html
    assert "Published 22 October 2025 Service Customer Services" in body
    assert "Strategy outcome Technology shapes every service's plan" in body
    assert "Partners Example District Council" in body
    assert "4 minutes Average wait to speak to an adviser (2025-26) 11 minutes → 4 minutes: " \
           "down 64% (better) Target: 5 minutes" in body
    assert "18% Reduction in calls to the contact centre (2025-26) 0% → 18%: up 18 percentage " \
           "points (better)" in body
    assert "The webchat deals with the simple questions" in body  # consent: true
    assert "bin collection date at eleven at night" not in html  # consent: false
    assert "gareth.lloyd@example.gov.uk" not in html  # contact
    assert "internal note" not in html  # HTML comment
    assert '<img src="ai-webchat.png" alt="Illustration titled &#34;Webchat answers' in html
    assert '<a href="evidence/call-volumes.csv" download>Contact centre call volumes and webchat ' \
           'use by month</a> (CSV)' in html
    assert (example_site.site / WEBCHAT / "evidence/call-volumes.csv").read_bytes() == \
        (example_site.project / "evidence/call-volumes.csv").read_bytes()
    assert '<a href="../../services/customer-services/">Customer Services</a>' in html


def test_story_social_metadata(example_site: Built) -> None:
    html = example_site.html(MJ)
    url = "https://showcase.example.gov.uk/" + MJ
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'<meta property="og:image" content="{url}mj-awards-2026.png">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert match is not None
    data = json.loads(match.group(1))
    assert data["@type"] == "Article"
    assert data["headline"] == ("Our Digitally capable programme wins Digital Transformation "
                                "at the MJ Awards 2026")
    assert data["datePublished"] == "2026-06-18"
    assert data["publisher"] == {"@type": "GovernmentOrganization", "name": "Example Borough Council"}
    assert data["award"] == ["MJ Awards 2026"]
    assert data["image"] == url + "mj-awards-2026.png"
    assert "Won MJ Awards 2026, national award" in text(html)


def test_all_stories_listing_newest_first(example_site: Built) -> None:
    html = example_site.html("stories/")
    found = re.findall(r'<h2 class="showcase-card__title"><a href="([^"]+)/">', html)
    assert found == PUBLIC
    assert "10 stories, newest first." in text(html)
    stories = sorted(p.name for p in (example_site.site / "stories").iterdir() if p.is_dir())
    assert stories == sorted(PUBLIC)  # no page for the review or the draft story


def test_home_totals(example_site: Built) -> None:
    body = text(example_site.html(""))
    assert body.startswith("Digital success stories Welcome to the digital showcase")
    # savings: 420,000 + 150,000 + 85,000 + 70,000; income: 96,000 + 145,000 (the award
    # story's £610,000 for the whole programme evidences national recognition only: resident27)
    assert "At a glance Savings £725k Traded income £241k Awards won 1 Stories 10" in body
    assert ("Not every one of our twelve traded-services customers has a story yet, so the "
            "traded income there is less than the contribution of the whole programme") in body
    assert "Latest stories A shared mapping service for three councils 12 August 2026" in body


def test_outcome_page(example_site: Built) -> None:
    body = text(example_site.html("outcomes/shared-services/"))
    assert body.startswith("A lower cost base through shared services We share systems, teams")
    assert "Enabler: Shared platforms and teams with neighbouring councils" in body
    assert "Stories 4 Savings £725k Traded income £0 Awards won 0 4 stories, newest first." in body
    revenue = text(example_site.html("outcomes/earn-revenue/"))
    assert "Stories 2 Savings £0 Traded income £241k Awards won 0" in revenue


def test_group_listings(example_site: Built) -> None:
    assert "ICT and Digital (6 stories)" in text(example_site.html("services/"))
    assert "2026 (5 stories) 2025 (5 stories)" in text(example_site.html("years/"))
    assert "1 story, newest first. A data platform helps adult social care" in \
        text(example_site.html("tags/social-care/"))


def test_dashboard(example_site: Built) -> None:
    html = example_site.html("dashboard/")
    body = text(html)
    assert ("Win at least one nationally recognised award for digital achievement "
            "Met when a story records") in body
    assert "Current value 1 Status ✓ Met" in body
    assert "Current value £610k Status ✓ Met Met when the latest value is higher than the first." in body
    assert "Current value 68% Status ✓ Met Met when the latest value is above the national " \
           "average." in body
    assert "Period Council (%) National average (%) 2022 58.5% 63% 2023 60% 63.5%" in body
    assert html.count('role="img"') == 3
    assert '<title id="chart-traded-income-title">Grow traded services' in html
    assert ("Contribution (£) by period: 2021-22 £180,000; 2022-23 £245,000; 2023-24 £330,000; "
            "2024-25 £455,000; 2025-26 £610,000.</desc>") in html


def test_awards_page(example_site: Built) -> None:
    body = text(example_site.html("awards/"))
    assert "Won 1 Highly commended 0 Shortlisted 1 Entered 0" in body
    assert ("2026 MJ Awards 2026 (national) Won Our Digitally capable programme wins Digital "
            "Transformation at the MJ Awards 2026") in body
    assert "LGC Awards 2027 (national) Technology EMAP (LGC) 15 January 2027" in body


def test_nav_lists_only_the_sections(example_site: Built) -> None:
    html = example_site.html("")
    tabs = re.findall(r'<li class="md-tabs__item[^"]*">\s*<a href="[^"]*" class="md-tabs__link">'
                      r'\s*(.*?)\s*</a>', html)
    assert tabs == ["Home", "Stories", "Outcomes", "Services", "Tags", "Years", "Awards",
                    "Dashboard", "About", "Accessibility"]


def test_only_public_files_copied(example_site: Built) -> None:
    copied = sorted(p.relative_to(example_site.site).as_posix()
                    for p in (example_site.site / "stories").rglob("*")
                    if p.is_file() and p.name != "index.html")
    assert copied == [
        "stories/ai-webchat-reduces-call-volumes/ai-webchat.png",
        "stories/ai-webchat-reduces-call-volumes/evidence/call-volumes.csv",
        "stories/data-platform-shapes-adult-social-care-planning/asc-data-platform.png",
        "stories/digital-consultancy-for-nhs-trust/evidence/traded-income.csv",
        "stories/digital-planning-permission-service/evidence/planning-kpis.csv",
        "stories/managed-service-desk-for-town-councils/evidence/customer-feedback.csv",
        "stories/managed-service-desk-for-town-councils/evidence/traded-income.csv",
        "stories/microsoft-365-rollout-lifts-staff-satisfaction/evidence/staff-survey.pdf",
        "stories/microsoft-365-rollout-lifts-staff-satisfaction/microsoft-365-rollout.png",
        "stories/mj-awards-2026-digital-transformation-win/evidence/traded-income.csv",
        "stories/mj-awards-2026-digital-transformation-win/mj-awards-2026.png",
        "stories/shared-gis-service/shared-gis-service.png",
        "stories/shared-revenues-and-benefits-platform/shared-revenues-benefits.png",
    ]
    private = ("award-letter-mj-2026.pdf", "shared-service-business-case.pdf", "strategy.yml",
               "lgc-awards-2027.yml", ".md")
    for path in example_site.files():
        assert not path.name.endswith(private), path


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def test_every_internal_link_resolves(example_site: Built) -> None:
    broken = []
    for page in example_site.site.rglob("*.html"):
        if page.name == "404.html":  # served from any folder, so its links are absolute
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.found:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(example_site.site)}: {link}")
    assert broken == []


def test_same_inputs_same_bytes(example_site: Built, tmp_path: Path) -> None:
    again = build(example_site.project, tmp_path / "again")
    assert again.result.exit_code == 0, again.result.output
    first, second = example_site.every_byte(), again.every_byte()
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_mkdocs_build_gives_the_same_site(example_site: Built, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    root = copy_example(tmp_path / "copy")
    monkeypatch.setenv("SHOWCASE_NOW", NOW)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "plain")))
    plain = Built(example_site.result, root, tmp_path / "plain").every_byte()
    assert plain == example_site.every_byte()


def test_related_stories_are_not_searched_as_this_pages_words(example_site: Built) -> None:
    """Searching a story's title finds that story, not every page that lists it as related."""
    index = json.loads((example_site.site / "search/search_index.json").read_text())
    related = [d for d in index["docs"] if d["location"].endswith("#related-stories")]
    assert related, "no story page with related stories in the example"
    assert [d["text"] for d in related] == [""] * len(related)
    html = example_site.html("stories/" + related[0]["location"].split("/")[1] + "/")
    assert '<ul class="showcase-cards" data-search-exclude>' in html


def test_the_search_dialog_has_a_name_on_every_page(example_site: Built) -> None:
    """Material's search box is a dialog without a name (axe-core: aria-dialog-name); the
    theme names it, on pages in the nav and outside it alike (the header is kept per place)."""
    pages = [p for p in example_site.files() if p.suffix == ".html"]
    unnamed = [p.relative_to(example_site.site).as_posix() for p in pages
               if 'role="dialog">' in p.read_text(encoding="utf-8")]
    assert unnamed == []
    assert 'role="dialog" aria-label="Search">' in example_site.html("stories/")
