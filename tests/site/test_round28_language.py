"""A story's own words carry its language everywhere on the site (round 28, welsh28): its lead
image's alt text, its service, tags, partners and evidence titles on its page and card; a
quote may give a language of its own (`language:` on the quote); name-sorted lists set
accents and case aside (ffôn before ffurflenni, ŵyn before ymgysylltu)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.ordering import by_name
from tests.conftest import NOW, ProjectFactory, picture, run_cli, story
from tests.site.conftest import Built, built_fine, site_project, write

WELSH_ALT = "Llun o ddisgyblion ysgol ym Mhwllheli yn defnyddio llechen."
WELSH_QUOTE = "Mae'n braf cael ateb yn Gymraeg heb orfod gofyn."


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = write(tmp_path_factory.mktemp("round28"), {
        **site_project(),
        "stories/media/ysgol.png": picture(),
        "stories/media/english.png": picture(),
        "evidence/galwadau.csv": "mis,galwadau\nIonawr,10\n",
        "stories/2026-03-02-ysgol.md": story(
            title="Gwasanaeth ysgol ar-lein", summary="Roedd yr ysgol yn brysur.", slug="ysgol",
            date="2026-03-02", language="cy", service="Addysg a Dysgu Gydol Oes",
            tags="[ŵyn, ffôn, chwilio]", partners="[Cyngor Gwynedd]",
            image=f'{{src: media/ysgol.png, alt: "{WELSH_ALT}"}}',
            evidence="[{id: galwadau, path: galwadau.csv, title: Nifer y galwadau, "
                     "public: true}]",
            quotes="\n  - {text: Roedd yn wych, by: Siân, role: rhiant, consent: true}"
                   "\n  - {text: It was easy, by: Sam, role: parent, consent: true, "
                   "language: en}\n"),
        "stories/2026-03-03-urdu.md": story(
            title="کونسل ٹیکس کی معلومات", summary="ملخص القصة.", slug="urdu", language="ur",
            tags="[ترجمہ]"),
        "stories/2026-03-04-english.md": story(
            title="Welsh language chatbot", slug="english", date="2026-03-04",
            tags="[ffurflenni, ysgolion, ymgysylltu, Apps]",
            image="{src: media/english.png, alt: A resident using the chatbot.}",
            quotes=f'\n  - {{text: "{WELSH_QUOTE}", by: Gwyn, role: preswylydd, consent: true, '
                   "language: cy}\n  - {text: Very quick, by: Ann, consent: true}\n"),
    })
    return built_fine(root)


def _soup(site: Built, page: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(page), "html.parser")


def _marks(element: Tag | None) -> tuple[object, object]:
    assert element is not None
    return element.get("lang"), element.get("dir")


def test_the_lead_images_alt_text_is_in_the_storys_language(site: Built) -> None:
    welsh = _soup(site, "stories/ysgol/").select_one("figure.showcase-lead img")
    assert welsh is not None and welsh.get("alt") == WELSH_ALT
    assert _marks(welsh) == ("cy", "ltr")
    english = _soup(site, "stories/english/").select_one("figure.showcase-lead img")
    assert english is not None and _marks(english) == (None, None)


def test_service_tags_partners_and_evidence_carry_the_storys_language(site: Built) -> None:
    page = _soup(site, "stories/ysgol/")
    facts = page.select_one("dl.showcase-facts")
    assert facts is not None
    service = facts.find("a", string="Addysg a Dysgu Gydol Oes")
    assert isinstance(service, Tag) and _marks(service) == ("cy", "ltr")
    tags = facts.select("a.showcase-tag")
    assert [(t.get_text(), *_marks(t)) for t in tags] == [
        ("ŵyn", "cy", "ltr"), ("ffôn", "cy", "ltr"), ("chwilio", "cy", "ltr")]
    partners = facts.find("dd", string="Cyngor Gwynedd")
    assert isinstance(partners, Tag) and _marks(partners) == ("cy", "ltr")
    evidence = page.select_one("ul.showcase-downloads a")
    assert evidence is not None and evidence.get_text() == "Nifer y galwadau"
    assert _marks(evidence) == ("cy", "ltr")
    # the site's own words stay the site's
    assert all(dt.get("lang") is None for dt in facts.find_all("dt"))


def test_an_urdu_storys_tags_read_right_to_left(site: Built) -> None:
    tag = _soup(site, "stories/urdu/").select_one("a.showcase-tag")
    assert tag is not None and tag.get_text() == "ترجمہ" and _marks(tag) == ("ur", "rtl")


def test_an_english_storys_facts_are_unmarked(site: Built) -> None:
    page = _soup(site, "stories/english/")
    assert page.select("dl.showcase-facts [lang], ul.showcase-downloads [lang]") == []


def test_a_cards_service_is_in_its_storys_language(site: Built) -> None:
    listing = _soup(site, "stories/")
    metas = {" ".join(p.get_text().split()): p for p in listing.select("p.showcase-card__meta")}
    welsh = metas["2 March 2026 · Addysg a Dysgu Gydol Oes"]
    span = welsh.find("span")
    assert isinstance(span, Tag) and span.get_text() == "Addysg a Dysgu Gydol Oes"
    assert _marks(span) == ("cy", "ltr")
    assert welsh.find("time") is not None and welsh.find("time").get("lang") is None
    english = metas["4 March 2026 · Digital services"]
    assert english.select("[lang]") == []


def test_a_listing_of_a_tag_shared_by_languages_keeps_its_heading_the_sites(site: Built) -> None:
    for page in ("tags/", "services/", "tags/wyn/", "services/addysg-a-dysgu-gydol-oes/"):
        heading = _soup(site, page).find("h1")
        assert heading is not None and heading.get("lang") is None, page


def test_a_quote_in_another_language_is_marked_in_it(site: Built) -> None:
    figures = _soup(site, "stories/english/").select("figure.showcase-quote")
    assert [(" ".join(f.get_text().split()), *_marks(f)) for f in figures] == [
        (f"{WELSH_QUOTE} Gwyn, preswylydd", "cy", "ltr"), ("Very quick Ann", None, None)]
    quotes = _soup(site, "stories/ysgol/").select_one("div.showcase-quotes")
    assert quotes is not None and _marks(quotes) == ("cy", "ltr")
    assert [_marks(f) for f in quotes.select("figure.showcase-quote")] == [
        (None, None), ("en", "ltr")]


def test_feeds_mark_a_quote_in_another_language(site: Built) -> None:
    atom = BeautifulSoup((site.site / "feeds" / "atom.xml").read_text(encoding="utf-8"), "xml")
    entry = next(e for e in atom.find_all("entry")
                 if e.find("title").get_text() == "Welsh language chatbot")
    content = BeautifulSoup(entry.find("content").get_text(), "html.parser")
    marked = [(" ".join(b.get_text().split()), b.get("lang")) for b in content.find_all("blockquote")]
    assert marked == [(f"{WELSH_QUOTE} Gwyn, preswylydd", "cy"), ("Very quick Ann", None)]
    feed = json.loads((site.site / "feeds" / "feed.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if i["title"] == "Welsh language chatbot")
    assert '<blockquote lang="cy" dir="ltr">' in item["content_html"]


def test_the_tags_and_services_are_listed_with_accents_and_case_set_aside(site: Built) -> None:
    tags = [a.get_text() for a in _soup(site, "tags/").select("ul.showcase-groups a")]
    assert tags == ["Apps", "chwilio", "ffôn", "ffurflenni", "ŵyn", "ymgysylltu", "ysgolion",
                    "ترجمہ"]


def test_the_name_order() -> None:
    names = ["ysgolion", "ŵyn", "ffurflenni", "ffôn", "Écoles", "ecoles", "Zebra", "apps"]
    assert sorted(names, key=by_name) == [
        "apps", "ecoles", "Écoles", "ffôn", "ffurflenni", "ŵyn", "ysgolion", "Zebra"]


@pytest.mark.parametrize(("written", "message"), [
    ("cy", None),
    ("cym", None),
    ("Welsh", 'quotes[0].language: expected a language tag, like cy (Welsh), ar (Arabic), pl '
              '(Polish) or pt-BR, got "Welsh" (write cy for Welsh)'),
    ("zz", 'quotes[0].language: expected a language tag, like cy (Welsh), ar (Arabic), pl '
           '(Polish) or pt-BR, got "zz"'),
])
def test_check_reads_a_quotes_language(written: str, message: str | None,
                                       make_project: ProjectFactory) -> None:
    root = make_project({"stories/2026-03-14-x.md": story(
        quotes=f"\n  - {{text: Da iawn, by: Siân, consent: true, language: {written}}}\n")})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    if message is None:
        assert result.exit_code == 0, result.output
        assert "language" not in result.output
    else:
        assert result.exit_code == 1
        assert f"stories/2026-03-14-x.md:9: {message}" in result.output.splitlines()


def test_a_new_story_says_how_to_give_its_language(make_project: ProjectFactory) -> None:
    root = make_project({})
    result = run_cli("new", "Gwasanaeth ŵyl y banc", "-p", str(root), "--now", NOW)
    assert result.exit_code == 0, result.output
    written = next(Path(root, "stories").glob("*gwasanaeth-wyl-y-banc.md")).read_text("utf-8")
    front = written.split("---")[1]
    assert "\n# language: cy\n" in front
    assert "screen readers speak it in the right voice" in front
    # the comment changes nothing: the new story checks as before, in the site's language
    assert "language" not in run_cli("check", "-p", str(root), "--now", NOW).output
