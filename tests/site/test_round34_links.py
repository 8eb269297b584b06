"""hostile34: a story's link is judged, and published, as a browser reads it.

F6: a browser reads each backslash of an http(s) or relative address (before its ?query) as a
slash, so `/\\evil.example` is `//evil.example`, another site. The page, feeds, open data and
packs write it so, as they write any `//host` link; check names the other site
(tests/check/cases/story-link-backslash-*.yml). F7: on a site under a path, a link from the
server's root is judged after its dot segments (`..`, `%2e%2e`) are taken out, as a browser
takes them out (tests/check/cases/story-link-climbs-out-of-a-path.yml). F8 and F11: check's
messages only (story-link-rooted-to-site-files.yml, picture-editor-double-slash.yml)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.bodylinks import (
    Judged,
    PublicStories,
    browser_form,
    judge,
    root_path,
    rooted_path,
)
from generator.pack.links import PackLinks
from generator.reading.stories import read_story
from generator.story import Story
from tests.conftest import story
from tests.site.conftest import Built, built_fine, site_project, write

SITE = "https://showcase.test.example/"
BODY = ("## Impact\n\nSee [partner](/\\evil.example), [login](/\\evil.example/login?next=a\\b), "
        "[other](//www.example.org/x/) and [secret](/stories\\secret/).\n\n"
        '<p><a href="..\\..\\about\\">about</a> and <a href="\\\\evil.example/y">two</a>.</p>\n')


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A site at its host's root whose story links with backslashes, built once."""
    files = {**site_project(),
             "stories/2026-03-10-secret.md": story(title="Secret plan", status="review"),
             "stories/linker.md": story(title="Linker", date="2026-03-15", body=BODY)}
    return built_fine(write(tmp_path_factory.mktemp("round34") / "project", files))


def test_the_page_writes_the_address_a_browser_reads(built: Built) -> None:
    html = built.html("stories/linker")
    assert '<a href="//evil.example" rel="noopener noreferrer">partner</a>' in html
    assert '<a href="//evil.example/login?next=a\\b" rel="noopener noreferrer">login</a>' in html
    assert '<a href="//www.example.org/x/" rel="noopener noreferrer">other</a>' in html
    assert '<a href="../../about/" rel="noopener noreferrer">about</a>' in html
    assert '<a href="//evil.example/y" rel="noopener noreferrer">two</a>' in html
    # /stories\secret/ is the page of a story in review: its words only, its slug nowhere
    assert ">secret</a>" not in html and " and secret." in html
    assert "\\evil" not in html and "stories\\secret" not in html


def test_feeds_and_open_data_write_it_as_any_other_host_s_link(built: Built) -> None:
    stories = json.loads((built.site / "data/stories.json").read_text(encoding="utf-8"))
    body = next(s for s in stories["stories"] if s["id"] == "linker")["content_html"]
    rss = (built.site / "feeds/rss.xml").read_text(encoding="utf-8")
    for shared in (body, rss.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')):
        assert '<a href="//evil.example" rel="noopener noreferrer">partner</a>' in shared
        assert '<a href="//www.example.org/x/" rel="noopener noreferrer">other</a>' in shared
        assert f'<a href="{SITE}about/" rel="noopener noreferrer">about</a>' in shared
        assert "\\evil" not in shared and "secret/" not in shared


def _linker(tmp_path: Path) -> Story:
    root = write(tmp_path, {"stories/linker.md": story(title="Linker", body="Text.\n")})
    read = read_story(root / "stories/linker.md", "stories/linker.md").story
    assert read is not None
    return read


def test_a_pack_takes_it_where_it_takes_a_link_to_another_host(tmp_path: Path) -> None:
    linker = _linker(tmp_path)
    public = PublicStories({"stories/linker.md": "linker"}, SITE)
    links = PackLinks(public, public)
    assert links.destination(linker, "/\\evil.example") == "https://evil.example"
    assert links.destination(linker, "//evil.example") == "https://evil.example"
    assert links.destination(None, "/\\evil.example") is None  # as //host in an answer


@pytest.mark.parametrize(("written", "read"), [
    ("/\\evil.example", "//evil.example"), ("\\\\evil.example/x?q=a\\b#c\\d", "//evil.example/x?q=a\\b#c\\d"),
    ("..\\about\\", "../about/"), ("/\t/evil.example", "//evil.example"),
    ("https:\\\\evil.example\\x", "https://evil.example/x"),
    ("mailto:a\\b@example.org", "mailto:a\\b@example.org"), ("C:\\x\\y.pdf", "C:\\x\\y.pdf"),
    ("/about/", "/about/")])
def test_browser_form(written: str, read: str) -> None:
    assert browser_form(written) == read


def test_a_link_with_backslashes_is_judged_where_a_browser_takes_it(tmp_path: Path) -> None:
    linker = _linker(tmp_path)
    public = PublicStories({"stories/linker.md": "linker"}, SITE)
    assert judge(linker, "/\\evil.example/login", public).kind == "elsewhere"
    # /stories\secret/ is the page of stories/secret, as /stories/secret/ is
    assert judge(linker, "/stories\\secret/", public) == Judged("story", slug="secret")
    assert judge(linker, "..\\..\\stories\\linker\\", public) == Judged("public story",
                                                                         slug="linker")


@pytest.mark.parametrize(("written", "path", "rooted"), [
    ("/%2e%2e/", "/", ""), ("/../../etc/passwd", "/etc/passwd", "etc/passwd"),
    ("/digital/showcase/../../etc/passwd?q=1", "/etc/passwd", "etc/passwd?q=1"),
    ("/digital/.%2E/showcase/about/", "/showcase/about/", "showcase/about/"),
    ("/x/../digital/showcase/about/", "/digital/showcase/about/", None),
    ("/data/a%20b/./c", "/data/a b/c", "data/a%20b/c"), ("/a/b/..", "/a/", "a/")])
def test_a_path_from_the_root_as_a_browser_takes_it(written: str, path: str,
                                                     rooted: str | None) -> None:
    assert root_path(written) == path
    assert rooted_path(written, "https://www.council.gov.uk/digital/showcase/") == rooted
