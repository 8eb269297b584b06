"""What a story page shows of facts written more than one way: an award result naming an
award file (by id or name) shows that file's name, is national and dated as the file says, on
the site and in open data; a tag listed twice in other capitals is one chip; the body's own
section headings are the page's (ids, table of contents, search sections)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import story
from tests.site.conftest import Built, built_fine, site_project, write

AWARD = """\
name: LGC Awards 2027
edition: "2027"
national: true
deadline: 2027-01-15T17:00:00+00:00
stories: [named-by-id]
questions:
  - {id: statement, prompt: Tell us about it., words: 100, compose: summary}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = write(tmp_path_factory.mktemp("award-names"), {
        **site_project(),
        "awards/lgc-awards-2027.yml": AWARD,
        "stories/media/zqnotes.docx": b"PK not really a docx",
        "stories/named.md": story(
            title="Named by id", slug="named-by-id", date="2026-07-07", tags="[Café, AI, café]",
            body="Before any heading.\n\n## Challenge\n\nA challenge.\n\n> ## A quoted heading\n\n"
                 "### What: we did & why\n\nSteps.\n\n## Impact\n\nSee [the challenge](#challenge), "
                 "[the notes](media/zqnotes.docx) and [the report](zqgone-report.pdf).\n\n"
                 "## Go [gov](https://www.gov.uk/ \"![x tabindex=0 autofocus onfocus=zqxss() y]"
                 "(media/a.png)\") and *more*\n\nText.\n\n"
                 "<h2 id='x\" tabindex=\"0\" autofocus onfocus=\"zqxss2()'>Raw id</h2>\n\n"
                 "## Sources {#what-we-did-why}\n\nMore.\n",
            awards="[{award: lgc-awards-2027, result: shortlisted},"
                   " {award: lgc awards 2027, result: won, year: 2028},"
                   " {award: A regional prize, result: entered}]"),
    })
    return built_fine(root)


def test_the_story_page_shows_the_award_files_name_edition_and_scope(site: Built) -> None:
    page = site.html("stories/named-by-id/")
    assert "lgc-awards-2027" not in page
    # the name says its year: no year in brackets beside it (officer27 O4)
    assert "</span> LGC Awards 2027, national award</li>" in page
    assert "</span> LGC Awards 2027 (2028), national award</li>" in page  # its own year wins
    assert "</span> A regional prize (2026)</li>" in page  # no file: as written, the story's year


def test_the_awards_page_and_open_data_agree_with_the_story_page(site: Built) -> None:
    awards = site.html("awards/")
    assert "<td>2027</td> <td>LGC Awards 2027 (national)</td>" in awards
    assert "lgc-awards-2027" not in awards.split("<table", 1)[1].split("</table>", 1)[0]
    data = json.loads((site.site / "data" / "stories.json").read_text(encoding="utf-8"))
    results = data["stories"][0]["awards"]
    assert results == [
        {"award": "LGC Awards 2027", "result": "shortlisted", "national": True, "year": 2027},
        {"award": "LGC Awards 2027", "result": "won", "national": True, "year": 2028},
        {"award": "A regional prize", "result": "entered", "national": None, "year": None},
    ]


def test_a_tag_listed_twice_in_other_capitals_is_one_chip(site: Built) -> None:
    page = site.html("stories/named-by-id/")
    assert page.count('href="../../tags/cafe/"') == 1
    assert page.index(">Café<") < page.index(">AI<")


def test_the_bodys_headings_are_the_pages_with_ids_in_its_contents_and_search(site: Built) -> None:
    page = site.html("stories/named-by-id/")
    assert '<h2 id="challenge">Challenge</h2>' in page
    assert '<h3 id="what-we-did-why">What: we did &amp; why</h3>' in page  # as written
    assert '<h2 id="impact">Impact</h2>' in page and 'href="#challenge"' in page
    toc = page.split('aria-label="Table of contents"', 1)[1].split('class="md-content"', 1)[0]
    assert [t in toc for t in ('href="#challenge"', 'href="#what-we-did-why"', 'href="#impact"')] \
        == [True, True, True]
    assert "<blockquote>\n<h2>A quoted heading</h2>" in page  # a heading inside a quote stays
    assert page.index("Before any heading.") < page.index('id="challenge"')
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"] for d in index["docs"]}
    assert {"stories/named-by-id/#challenge", "stories/named-by-id/#impact"} <= locations


def test_a_link_to_a_file_the_site_does_not_publish_keeps_its_words_only(site: Built) -> None:
    """A document beside the story (stories/media/) is never published, nor is a file that
    does not exist: the link would be dead and give its name away, on the page, in feeds and
    in open data."""
    page = site.html("stories/named-by-id/")
    assert "the notes" in page and "the report" in page
    for file in site.files():
        data = file.read_bytes()
        assert b"zqnotes" not in data and b"zqgone" not in data, file


def test_markup_in_a_headings_link_title_stays_text(site: Built) -> None:
    """A heading keeps its link and emphasis as the body's HTML has them: a link's title
    holding Markdown stays the title's text (it once became an element with an event
    handler, when headings were rebuilt as Markdown)."""
    from html.parser import HTMLParser

    class Handlers(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.found += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
            if tag == "img" and (dict(attrs).get("alt") or "").startswith("x tabindex"):
                self.found.append("img from the title")

    page = site.html("stories/named-by-id/")
    parser = Handlers()
    parser.feed(page)
    assert parser.found == []
    assert '<h2 id="go-gov-and-more">Go <a href="https://www.gov.uk/"' in page
    assert "and <em>more</em></h2>" in page


def test_every_id_on_a_story_page_is_unique_and_of_its_own_making(site: Built) -> None:
    """A heading's own id (raw HTML, attr_list's {#id}) is replaced by one made from its
    words: kept as written, it reached the page's contents with an event handler, or took an
    id the page already has."""
    import re

    page = site.html("stories/named-by-id/")
    ids = re.findall(r'\sid="([^"]*)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert '<h2 id="raw-id">Raw id</h2>' in page and 'href="#raw-id"' in page
    assert '<h2 id="sources">Sources</h2>' in page and "zqxss2" not in page


def test_search_finds_each_fact_and_table_cell_as_its_own_word(site: Built) -> None:
    """Material's search joins the text of neighbouring elements: a label and its value, or
    two table cells, written with nothing between them were one word ("ServiceHousing"), so
    searching the service, a tag or an award found nothing (round 23, resident23 #1)."""
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = {doc["location"]: doc["text"] for doc in index["docs"]}
    story_text = texts["stories/named-by-id/"]
    assert "Published 7 July 2026" in story_text
    assert "Service Digital services" in story_text
    assert "Tags Café" in story_text
    awards = " ".join(text for where, text in texts.items() if where.startswith("awards/"))
    assert "Year Award Result Story" in awards and "2027 LGC Awards 2027 (national)" in awards


@pytest.mark.parametrize(("award", "year"), [
    ("MJ Awards 2026", 2026), ("Digital Leaders 100 (2024-25)", 2024),
    ("A regional prize", 2025), ("Top 20000 teams", 2025),
    # a year too far from the story's is no edition (retest28 R3)
    ("Digital 2030 Vision Award", 2025), ("Awards 1999", 2025), ("2030 Vision Awards 2026", 2026)])
def test_a_result_named_by_text_is_dated_by_the_year_in_its_name(award: str, year: int) -> None:
    from datetime import date

    from generator.awardbook import AwardBook
    from generator.model.story import AwardResult

    result = AwardResult.model_validate({"award": award, "result": "won"})
    assert AwardBook().year(result, date(2025, 5, 1)) == year
