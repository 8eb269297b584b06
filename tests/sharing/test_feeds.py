"""Feeds: RSS, Atom and JSON Feed of exactly the public stories, newest first."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import jsonschema
import pytest

from generator import clock, project
from generator.catalogue import collect
from generator.sharing import head_links, site_outputs
from tests.conftest import story
from tests.sharing.conftest import FILES, MKDOCS, NOW, SITE_URL, Shared, write_project

HERE = Path(__file__).parent
ALPHA = f"{SITE_URL}stories/alpha/"
BETA = f"{SITE_URL}stories/beta/"
FEEDS = {
    "feeds/": [BETA, ALPHA],
    "feeds/outcomes/earn-revenue/": [ALPHA],
    "feeds/outcomes/shared-services/": [BETA],
}


@pytest.mark.parametrize("folder", sorted(FEEDS))
@pytest.mark.parametrize("file", ["rss.xml", "atom.xml"])
def test_xml_feed_is_well_formed_and_lists_exactly_the_public_stories(
        shared: Shared, folder: str, file: str) -> None:
    parsed = feedparser.parse(shared.outputs[folder + file])
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert [entry.link for entry in parsed.entries] == FEEDS[folder]
    assert [entry.id for entry in parsed.entries] == FEEDS[folder]
    assert [link.href for link in parsed.feed.links if link.rel == "self"] == [
        f"{SITE_URL}{folder}{file}"]


@pytest.mark.parametrize("folder", sorted(FEEDS))
def test_every_feed_names_the_council_as_its_author(shared: Shared, folder: str) -> None:
    """Atom requires an author of the feed or of every entry (RFC 4287 4.1.1)."""
    from lxml import etree

    atom = etree.fromstring(shared.outputs[folder + "atom.xml"])
    names = atom.findall("{http://www.w3.org/2005/Atom}author/{http://www.w3.org/2005/Atom}name")
    assert [name.text for name in names] == ["Testshire Council"]
    assert feedparser.parse(shared.outputs[folder + "atom.xml"]).feed.author == "Testshire Council"
    feed = json.loads(shared.outputs[folder + "feed.json"])
    assert feed["authors"] == [{"name": "Testshire Council"}]


def test_atom_dates_are_the_day_at_midnight_uk_or_the_later_embargo(shared: Shared) -> None:
    parsed = feedparser.parse(shared.outputs["feeds/atom.xml"])
    assert [e.published for e in parsed.entries] == ["2026-05-01T10:00:00+01:00",
                                                     "2026-03-14T00:00:00+00:00"]
    assert parsed.feed.updated == "2026-09-21T14:13:20+00:00"
    rss = feedparser.parse(shared.outputs["feeds/rss.xml"])
    assert [e.published for e in rss.entries] == ["Fri, 01 May 2026 10:00:00 +0100",
                                                  "Sat, 14 Mar 2026 00:00:00 +0000"]


def test_feed_items_carry_summary_and_safe_content_with_public_quotes_only(shared: Shared) -> None:
    entry = feedparser.parse(shared.outputs["feeds/atom.xml"]).entries[1]
    assert entry.title == "Alpha story"
    assert entry.summary == "What happened, in one sentence."
    content = entry.content[0].value
    assert "<h2>Challenge</h2>" in content
    assert "<blockquote>\n<p>Public words</p>\n<p>Ann, Chief</p>\n</blockquote>" in content
    assert "<script" not in content
    assert [t.term for t in entry.tags] == ["ai", "customer-service"]


def test_json_feed_validates_against_the_json_feed_1_1_schema(shared: Shared) -> None:
    schema = json.loads((HERE / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
    for folder, expected in FEEDS.items():
        feed = json.loads(shared.outputs[folder + "feed.json"])
        jsonschema.Draft202012Validator(schema).validate(feed)
        assert [item["id"] for item in feed["items"]] == expected
        assert feed["feed_url"] == f"{SITE_URL}{folder}feed.json"
    feed = json.loads(shared.outputs["feeds/feed.json"])
    alpha = feed["items"][1]
    assert alpha["date_published"] == "2026-03-14T00:00:00+00:00"
    assert alpha["image"] == f"{SITE_URL}stories/alpha/alpha.png"
    assert feed["title"] == "Testshire stories"


def test_the_json_feed_schema_catches_a_broken_feed() -> None:
    schema = json.loads((HERE / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
    broken = {"version": "https://jsonfeed.org/version/1.1", "title": "x",
              "items": [{"url": "https://x.org/", "content_html": "<p>x</p>"}]}
    with pytest.raises(jsonschema.ValidationError, match="'id' is a required property"):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_an_item_id_stays_when_the_title_changes(tmp_path: Path) -> None:
    ids = []
    for index, title in enumerate(["Alpha story", "Alpha story, renamed"]):
        files = {**FILES, "stories/2026-03-14-alpha.md":
                 str(FILES["stories/2026-03-14-alpha.md"]).replace("Alpha story", title)}
        root = write_project(tmp_path / str(index), {"mkdocs.yml": MKDOCS, **files})
        now = clock.now(NOW)
        outputs = site_outputs(collect(project.discover(root), now), now, SITE_URL)
        feed = json.loads(outputs["feeds/feed.json"])
        assert feed["items"][1]["title"] == title
        ids.append(feed["items"][1]["id"])
    assert ids == [ALPHA, ALPHA]


def test_head_links_name_the_three_site_wide_feeds(shared: Shared) -> None:
    links = head_links(shared.catalogue, shared.now)
    assert [(link.href, link.type) for link in links] == [
        ("feeds/rss.xml", "application/rss+xml"),
        ("feeds/atom.xml", "application/atom+xml"),
        ("feeds/feed.json", "application/feed+json"),
    ]
    assert all(link.href in shared.outputs for link in links)


def test_without_a_site_url_there_are_no_feeds_and_no_links(tmp_path: Path) -> None:
    mkdocs = MKDOCS.replace(f"site_url: {SITE_URL}\n", "")
    root = write_project(tmp_path, {"mkdocs.yml": mkdocs, **FILES})
    now = clock.now(NOW)
    catalogue = collect(project.discover(root), now)
    outputs = site_outputs(catalogue, now, "")
    assert sorted(outputs) == ["awards.ics", "data/metrics.csv", "data/metrics.schema.json",
                               "data/stories.json", "data/stories.schema.json"]
    assert head_links(catalogue, now) == []
    assert json.loads(outputs["data/stories.json"])["stories"][0]["url"] is None


def test_outputs_are_the_same_bytes_for_the_same_inputs_and_epoch(
        shared: Shared, epoch: None) -> None:
    assert site_outputs(shared.catalogue, shared.now, SITE_URL) == shared.outputs


def test_example_outputs_keep_its_private_parts_out_and_add_the_calendar(
        example_project: Path) -> None:
    now = clock.now(NOW)
    outputs = site_outputs(collect(project.discover(example_project), now), now, SITE_URL)
    calendar = outputs["awards.ics"].decode("utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR\r\n")
    assert calendar.count("BEGIN:VEVENT") == 2
    assert len(feedparser.parse(outputs["feeds/rss.xml"]).entries) == 10
    private = ("shared-digital-apprenticeship-academy",  # draft
               "managed-cloud-hosting-for-fire-and-rescue",  # review
               "gareth.lloyd@",  # contact
               "bin collection date at eleven",  # quote without consent
               "internal note:")  # HTML comment
    for path, content in outputs.items():
        for marker in private:
            assert marker not in content.decode("utf-8"), f"{marker} in {path}"


def test_control_characters_in_a_body_do_not_break_the_xml_feeds(tmp_path: Path) -> None:
    body = "## Impact\n\nA \x0b vertical \x01 tab.\n"
    root = write_project(tmp_path, {"mkdocs.yml": MKDOCS, **FILES,
                                    "stories/2026-01-01-ctl.md": story(title="Ctl", body=body)})
    now = clock.now(NOW)
    outputs = site_outputs(collect(project.discover(root), now), now, SITE_URL)
    parsed = feedparser.parse(outputs["feeds/atom.xml"])
    assert parsed.bozo == 0
    assert parsed.entries[-1].content[0].value == (
        # the core reads a vertical tab (a word processor's line break) as a new line
        f'<h2>Impact</h2>\n<p>A \n vertical  tab.</p>\n<p><a href="{SITE_URL}stories/ctl/" '
        'rel="noopener noreferrer">Read the full story on our site</a></p>')
