"""Links and images in a story body, through a real build: the page, the feeds, the open data.

A body links another story by its file name and shows a photo kept beside the stories; the
page links the story's page and shows the published photo (no camera metadata), feeds and
open data carry full addresses, and a link to a story that is not public keeps its text
only: neither the draft's file name nor its slug reaches any byte (contract section 7).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from PIL import ExifTags, Image

from generator.bodylinks import Hidden, PublicStories, page_body, shared_body
from generator.markdown_text import to_html
from generator.reading.stories import parse_story
from generator.sharing.opendata import story_record
from generator.story import Story
from tests.conftest import NOW, run_cli, story
from tests.site.conftest import Built, built_fine, site_project, write

SITE = "https://showcase.test.example/"
PAGE = SITE + "stories/linker/"
PRIVATE = ("zqxdraftfile", "zqxdraftslug", "zqxdrafttitle", "zqxembargofile", "zqxembargoslug",
           "zqxprivatefile")
BODY = """\
## What we did

Read [the GIS story](other.md#impact), [the same](../stories/other.md) and [top](#impact).
Not yet: [a draft](2026-01-01-zqxdraftfile.md) and [an embargoed one](zqxembargofile.md#x).
By address: [one](/stories/zqxdraftslug/), [two](../zqxembargoslug/#x) and
[three](https://showcase.test.example/stories/zqxdraftslug/).
Files: [private](../evidence/zqxprivatefile.pdf), [also](/evidence/zqxprivatefile.pdf) and
[public](../evidence/open.pdf#page=2).
See [the tags](../../tags/) and [elsewhere](https://example.org/page).

![The team at work](media/team.jpg)
"""
ANCHORS = [
    '<a href="../other/#impact" rel="noopener noreferrer">the GIS story</a>',
    '<a href="../other/" rel="noopener noreferrer">the same</a>',
    '<a href="#impact" rel="noopener noreferrer">top</a>',
    "Not yet: a draft and an embargoed one.",  # words only: no link, no address
    "By address: one, two and\nthree.",  # a story page's address: the same
    "Files: private, also and\n",  # a file that is not public evidence of the story
    '<a href="evidence/open.pdf#page=2" rel="noopener noreferrer">public</a>',  # its copy
    '<a href="../../tags/" rel="noopener noreferrer">the tags</a>',
    '<a href="https://example.org/page" rel="noopener noreferrer">elsewhere</a>',
    '<img alt="The team at work" src="images/media/team.jpg">',
]
#: what feeds and open data carry of the body's addresses, in order
ABSOLUTE = [SITE + "stories/other/#impact", SITE + "stories/other/", PAGE + "#impact",
            PAGE + "evidence/open.pdf#page=2", SITE + "tags/", "https://example.org/page",
            PAGE + "images/media/team.jpg"]


def photo() -> bytes:
    """A small JPEG carrying a camera name and a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "zqxcamera"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 12.0)
    out = BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 200)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def _files() -> dict[str, str | bytes]:
    return {
        **site_project(),
        "stories/media/team.jpg": photo(),
        "stories/linker.md": story(title="The linking story", slug="linker", body=BODY,
                                   evidence="[{id: open, path: open.pdf, title: Open, public: true},"
                                            " {id: shut, path: zqxprivatefile.pdf, title: Shut}]"),
        "evidence/open.pdf": b"%PDF-1.4 open",
        "evidence/zqxprivatefile.pdf": b"%PDF-1.4 private",
        "stories/other.md": story(title="The other story", slug="other", date="2026-02-01"),
        "stories/2026-01-01-zqxdraftfile.md": story(title="zqxdrafttitle", slug="zqxdraftslug",
                                                    status="draft"),
        "stories/zqxembargofile.md": story(title="Under embargo", slug="zqxembargoslug",
                                           embargo='"2026-12-01T09:00:00+00:00"'),
    }


@pytest.fixture(scope="session")
def linked_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return built_fine(write(tmp_path_factory.mktemp("bodylinks"), _files()), NOW)


def _addresses(html: str) -> list[str]:
    return [m.group(2) for m in re.finditer(r'\b(href|src)="([^"]*)"', html)]


def test_the_page_links_story_pages_and_shows_the_published_photo(linked_site: Built) -> None:
    html = linked_site.html("stories/linker/")
    body = html[html.index("Read "):html.index("images/media/team.jpg") + 30]
    for anchor in ANCHORS:
        assert anchor in body
    for address in _addresses(body):  # every relative address leads to a file of the site
        found = urlsplit(urljoin("stories/linker/", address))
        if not found.scheme and found.path:
            assert (linked_site.site / found.path / ("index.html" if found.path.endswith("/")
                                                     else "")).is_file(), address


def test_the_body_photo_is_published_without_its_metadata(linked_site: Built) -> None:
    data = (linked_site.site / "stories/linker/images/media/team.jpg").read_bytes()
    with Image.open(BytesIO(data)) as image:
        assert image.format == "JPEG" and dict(image.getexif()) == {}
    assert b"zqxcamera" not in data and b"Exif\x00" not in data


def _feed_content(xml: bytes) -> str:
    """The text of the feed element holding the linking story's body (HTML, unescaped)."""
    found = [e.text for e in ET.fromstring(xml).iter() if e.text and "the GIS story" in e.text]
    assert len(found) == 1, found
    return found[0]


def test_feeds_and_open_data_carry_absolute_addresses(linked_site: Built) -> None:
    site = linked_site.site
    bodies = {
        "rss": _feed_content((site / "feeds/rss.xml").read_bytes()),
        "atom": _feed_content((site / "feeds/atom.xml").read_bytes()),
        "json feed": next(i["content_html"] for i in json.loads(
            (site / "feeds/feed.json").read_text())["items"] if i["id"] == PAGE),
        "stories.json": next(s["content_html"] for s in json.loads(
            (site / "data/stories.json").read_text())["stories"] if s["id"] == "linker"),
    }
    for name, html in bodies.items():
        addresses = _addresses(html)
        assert addresses[:len(ABSOLUTE)] == ABSOLUTE, name
        assert "Not yet: a draft and an embargoed one." in html, name
        assert "By address: one, two and\nthree." in html, name


def test_no_byte_names_a_story_that_is_not_public(linked_site: Built) -> None:
    leaks = [f"{name}: {marker}" for name, data in linked_site.every_byte().items()
             for marker in PRIVATE if marker.encode() in data.lower()]
    assert leaks == []
    assert "Under embargo" not in linked_site.html("stories/")


def test_check_says_which_links_the_site_keeps_as_text(tmp_path: Path) -> None:
    root = write(tmp_path, _files())
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert result.exit_code == 0
    # the embargo is judged at build time: check does not know when the site is built
    draft = ("leads to the page of stories/2026-01-01-zqxdraftfile.md, which is still a draft, "
             "so the site shows the link's text only until it is published; link to the "
             "story's file instead (2026-01-01-zqxdraftfile.md)")
    not_public = ("which this story's evidence: lists as private (id shut), so the site shows "
                  "the link's text only: to publish the file, add public: true to that entry")
    assert [line for line in result.output.splitlines() if "linker.md" in line] == [
        'stories/linker.md:13: warning: body: link "#impact" leads to no section of the story\'s '
        "page: its sections are #the-linking-story, #what-we-did",
        'stories/linker.md:14: warning: body: link "2026-01-01-zqxdraftfile.md": that story is '
        "still a draft, so the site shows this link's text without the link until the story "
        "is published",
        'stories/linker.md:14: warning: body: link "zqxembargofile.md#x" leads to no section of '
        "the story's page: its sections are #under-embargo, #challenge, #impact",
        'stories/linker.md:15: warning: body: link "../zqxembargoslug/#x" leads to the page of '
        "stories/zqxembargofile.md, which is under embargo until 2026-12-01 09:00+00:00, so "
        "the site shows the link's text only until it is published; link to the story's file "
        "instead (zqxembargofile.md)",
        f'stories/linker.md:15: warning: body: link "/stories/zqxdraftslug/" {draft}',
        'stories/linker.md:16: warning: body: link '
        f'"https://showcase.test.example/stories/zqxdraftslug/" {draft}',
        'stories/linker.md:17: warning: body: link "../evidence/zqxprivatefile.pdf" leads to '
        f"evidence/zqxprivatefile.pdf, {not_public}",
        'stories/linker.md:17: warning: body: link "/evidence/zqxprivatefile.pdf" leads to '
        f"evidence/zqxprivatefile.pdf, {not_public}",
    ]


@pytest.mark.parametrize(("directory_urls", "expected"), [
    (True, '<a href="../other/#impact" rel="noopener noreferrer">GIS</a> '
           '<img alt="T" src="images/media/t%20one.png">'),
    (False, '<a href="../other/index.html#impact" rel="noopener noreferrer">GIS</a> '
            '<img alt="T" src="images/media/t%20one.png">'),
])
def test_page_addresses_follow_the_url_style(directory_urls: bool, expected: str) -> None:
    linker, other = _stories()
    html = to_html("[GIS](other.md#impact) ![T](media/t%20one.png)")
    assert page_body(html, linker, PublicStories.of([linker, other]),
                     directory_urls) == f"<p>{expected}</p>"


def test_without_a_site_url_open_data_links_as_the_page_does() -> None:
    linker, other = _stories()
    record = story_record(linker, None, PublicStories.of([linker, other]))
    assert _addresses(record.content_html)[:2] == ["../other/#impact", "../other/"]
    assert shared_body(to_html("[x](nowhere.md)"), linker, PublicStories.of([linker]),
                       SITE) == "<p>x</p>"


def test_a_story_file_written_as_a_folder_is_the_same_story() -> None:
    """`other.md/` names the story's file too: it leads to the page, and to a story that is
    not public it keeps its words only (the file name is never published)."""
    linker, other = _stories()
    html = to_html("[GIS](other.md/) and [hidden](zqxhidden.md/#x)")
    assert page_body(html, linker, PublicStories.of([linker, other])) == (
        '<p><a href="../other/" rel="noopener noreferrer">GIS</a> and hidden</p>')
    assert "zqxhidden" not in shared_body(html, linker, PublicStories.of([linker, other]), SITE)


def _stories() -> tuple[Story, Story]:
    linker = parse_story(story(slug="linker", body=BODY), "stories/linker.md").story
    other = parse_story(story(slug="other"), "stories/other.md").story
    assert linker is not None and other is not None
    return linker, other


#: every way a tester found to write a draft's page or a private file's name into a link
HIDDEN = [
    "[a](//showcase.test.example/stories/zqxdraftslug/)",  # from // on
    "[b](https://SHOWCASE.test.example:443/stories/zqxdraftslug/)",  # host case, usual port
    "<https://showcase.test.example/stories/zqxdraftslug/>",  # an autolink: its words too
    "[c](../../evidence/zqxprivate.csv)",  # the evidence folder from the page
    "[d](../other/evidence/zqxprivate.csv)",  # a public story's folder, a private name
    "[e](//showcase.test.example/EVIDENCE/ZQXPRIVATE.csv?x=1)",
    "[f](/EVIDENCE/zqx%70rivate.csv)",  # the evidence folder, percent-encoded
    '<a href="../zqxdraftslug">g</a>',
]
KEPT = ["../index.html", "../../tags/x/", "/about/", "#impact", "mailto:a@example.org",
        "https://example.org/stories/zqxdraftslug/", "../other/?from=linker"]


@pytest.mark.parametrize("shared", [False, True], ids=["page", "feeds"])
def test_no_way_of_writing_a_link_publishes_what_is_not_public(shared: bool) -> None:
    linker, other = _stories()
    public = replace(PublicStories.of([linker, other], SITE),
                     private_names=frozenset({"zqxprivate.csv"}))
    html = to_html("\n\n".join(HIDDEN + [f"[kept]({address})" for address in KEPT]))
    out = shared_body(html, linker, public, SITE) if shared else page_body(html, linker, public)
    assert "zqx" not in out.lower().replace("example.org/stories/zqxdraftslug", "")
    assert out.count("<a ") == len(KEPT), out


def test_check_names_the_line_where_the_link_is_written(tmp_path: Path) -> None:
    """Not a longer address that starts the same, nor the address mentioned in prose."""
    body = ("Prose naming ../zqxdraftslug/ as text.\n\n"
            "[longer](/stories/zqxdraftslug/more/)\n\n"
            "[draft](/stories/zqxdraftslug)\n")
    root = write(tmp_path, {**_files(), "stories/linker.md": story(title="The linking story",
                                                                    slug="linker", body=body)})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    lines = [line.split(": warning")[0] for line in result.output.splitlines()
             if "linker.md" in line and '"/stories/zqxdraftslug"' in line]
    assert lines == ["stories/linker.md:14"]


@pytest.mark.parametrize("address", [
    "https:showcase.test.example/stories/zqxdraftslug/",  # browsers add the slashes
    "https:/showcase.test.example/stories/zqxdraftslug/",
    "https://showcase.test.example./stories/zqxdraftslug/",  # the host with its final dot
    "https://showcase.test.example/stories/2026-01-01-zqxdraftfile.md",  # the story's file
    "/Stories/ZQXDRAFTSLUG/",
    # round six: a story link changed a little, other suffixes, other hosts, in a query
    "2026-01-01-zqxdraftfile.md%20",
    "2026-01-01-zqxdraftfile",
    "../zqxdraftslug.html",
    "https://showcase.test.example/stories/zqxdraftslug.json",
    "https://github.com/council/repo/blob/main/stories/2026-01-01-zqxdraftfile.md",
    "https://example.org/?u=https%3A%2F%2Fshowcase.test.example%2Fstories%2Fzqxdraftslug%2F",
    "../../tags/zqxdrafttag/",
    "https://showcase.test.example/services/zqxdraftservice/",
])
def test_a_hidden_story_is_named_by_no_address(address: str) -> None:
    linker, other = _stories()
    hidden = Hidden.of([("zqxdraftslug", "stories/2026-01-01-zqxdraftfile.md")],
                       ["tags/zqxdrafttag", "services/zqxdraftservice"])
    public = replace(PublicStories.of([linker, other], SITE), hidden=hidden,
                     private_names=frozenset({"zqxprivate.csv"}))
    html = to_html(f"[the words]({address})")
    for out in (page_body(html, linker, public), shared_body(html, linker, public, SITE)):
        assert out == "<p>the words</p>"


@pytest.mark.parametrize("address", [
    "https://supplier.example/webchat/",  # another site: a slug is no word of it
    "https://partner.example/stories/webchat/",  # a partner's own showcase
    "#webchat",  # the page's own heading
    "../../search/?q=webchat",
    "../../tags/bins/",  # a tag a public story has too
    "../../open-data/",  # the site's own page, named like a draft
    "https://www.nao.org.uk/evidence/report.pdf",  # another site's report.pdf
    "../../data/metrics.csv",  # the site's open data, named like private evidence
    "../other/evidence/data.csv",  # another public story's published evidence
])
def test_an_address_that_only_shares_words_with_what_is_hidden_is_kept(address: str) -> None:
    """Drafts with common slugs (webchat, bins, open-data) and private evidence with common
    names (report.pdf, metrics.csv, data.csv) take no ordinary link out of a public story."""
    linker, other = _stories()
    other = parse_story(story(slug="other", evidence="[{id: data, path: d.csv, title: D, "
                              "public: true}]"), "stories/other.md").story
    assert other is not None
    public = replace(PublicStories.of([linker, other], SITE),
                     hidden=Hidden.of([("webchat", "stories/2026-01-01-webchat.md"),
                                       ("bins", "stories/2026-01-02-bins.md"),
                                       ("open-data", "stories/2026-01-03-open-data.md")],
                                      ["tags/recycling"]),
                     private_names=frozenset({"report.pdf", "metrics.csv", "data.csv"}),
                     published_evidence=frozenset({"stories/other/evidence/data.csv"}))
    html = to_html(f"[kept]({address})")
    assert page_body(html, linker, public).count("<a ") == 1
