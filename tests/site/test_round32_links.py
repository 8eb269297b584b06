"""adopter32: a site under a path of its host, and one without directory URLs.

F1: on a site at https://www.council.gov.uk/digital/showcase/, a story's link written from the
server's root (`/stories/chatbot/`) leaves out the site's path: to a public story's page the
build writes it relative to the page (as any link into the site), and check suggests that
form; to no place of the site, check says it leads out of the site. A site at its host's
root keeps such a link as written.
F2 (check's side: tests/check/cases/story-link-to-no-page*.yml): a story's link to a page the
site does not have is named.
F5: with `use_directory_urls: false`, feeds and open data give a story's page by the address
the page itself gives as its canonical one (…/index.html)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.bodylinks import PublicStories, page_body
from generator.markdown_text import to_html
from generator.reading.stories import read_story
from tests.conftest import NOW, run_cli, story
from tests.site.conftest import Built, built_fine, site_project, write

SITE = "https://www.council.gov.uk/digital/showcase/"
LINKS = ("[abs story](/stories/chatbot/#impact), [abs](/stories/nope/), "
         "[draft abs](/stories/secret/), [tag](/tags/ai/), [contact](/contact-us/), "
         "[full](/digital/showcase/stories/chatbot/)")
LINE = 15
"""The line of LINKS in stories/linker.md."""


def _files(site_url: str, directory_urls: bool) -> dict[str, str | bytes]:
    files = site_project()
    config = str(files["mkdocs.yml"]).replace("https://showcase.test.example/", site_url)
    if not directory_urls:
        config = config.replace("docs_dir: content\n", "docs_dir: content\nuse_directory_urls: false\n")
    return {**files, "mkdocs.yml": config,
            "stories/chatbot.md": story(title="Chatbot", tags="[ai]"),
            "stories/2026-03-10-secret.md": story(title="Secret plan", status="review"),
            "stories/linker.md": story(title="Linker", date="2026-03-15", body=(
                "## Challenge\n\nA challenge.\n\n## Impact\n\n" + LINKS + "\n"))}


@pytest.fixture(scope="module")
def under_a_path(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The site under /digital/showcase/ without directory URLs, built once."""
    root = write(tmp_path_factory.mktemp("round32") / "project", _files(SITE, False))
    return built_fine(root)


def test_check_names_each_link_that_leaves_out_the_site_path(tmp_path: Path) -> None:
    root = write(tmp_path / "project", _files(SITE, True))
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert result.exit_code == 0, result.output
    told = [line for line in result.output.splitlines() if line.startswith("stories/linker.md")]
    where = f"stories/linker.md:{LINE}: warning: body: link"
    assert told == [
        f'{where} "/contact-us/" leads to https://www.council.gov.uk/contact-us/, outside the '
        "site, which is under /digital/showcase/, and the site has no page there: write a page "
        "of the site by its address from this story's page (like \"../../about/\"), or a page "
        "elsewhere by its full https:// address",
        f'{where} "/stories/chatbot/#impact" leaves out the site\'s path /digital/showcase/, so '
        'the site writes it from this story\'s page, "../chatbot/#impact": write it so (or link '
        "to a story by its file name)",
        f'{where} "/stories/nope/" leads to stories/nope/, which is no story\'s page, so the '
        "site shows the link's text only",
        f'{where} "/stories/secret/" leads to the page of stories/2026-03-10-secret.md, which '
        "is still in review, so the site shows the link's text only until it is published; link "
        "to the story's file instead (2026-03-10-secret.md)",
        f'{where} "/tags/ai/" leads to https://www.council.gov.uk/tags/ai/, outside the site, '
        "which is under /digital/showcase/: the site's page is \"../../tags/ai/\" from this "
        "story's, so write that"]


def test_a_root_site_says_nothing_of_a_link_from_the_root_to_a_page(tmp_path: Path) -> None:
    """...it has (the story, the tag); one to a page it lacks would be broken, and is told
    (regress33), as on a site under a path."""
    root = write(tmp_path / "project", _files("https://showcase.test.example/", True))
    result = run_cli("check", "-p", str(root), "--now", NOW)
    told = [line for line in result.output.splitlines() if line.startswith("stories/linker.md")]
    assert [line.split(" leads")[0] for line in told] == [
        f'stories/linker.md:{LINE}: warning: body: link "/contact-us/"',
        f'stories/linker.md:{LINE}: warning: body: link "/digital/showcase/stories/chatbot/"',
        f'stories/linker.md:{LINE}: warning: body: link "/stories/nope/"',
        f'stories/linker.md:{LINE}: warning: body: link "/stories/secret/"']
    assert "/contact-us/\" leads to contact-us/, which is no page of the site" in result.output


def test_the_page_writes_a_public_story_s_page_under_the_site_path(under_a_path: Built) -> None:
    html = under_a_path.html("stories/linker")
    assert '<a href="../chatbot/index.html#impact" rel="noopener noreferrer">abs story</a>' in html
    # no page of the site: the words only, as on a root site; elsewhere on the host: as written
    assert "abs</a>" not in html and ", abs, draft abs," in html
    assert '<a href="/contact-us/" rel="noopener noreferrer">contact</a>' in html
    assert '<a href="/tags/ai/" rel="noopener noreferrer">tag</a>' in html
    assert ('<a href="/digital/showcase/stories/chatbot/" rel="noopener noreferrer">full</a>'
            in html)


def _html(built: Built, page: str) -> str:
    return (built.site / page).read_text(encoding="utf-8")


def test_feeds_and_open_data_give_the_page_s_own_address(under_a_path: Built) -> None:
    page = f"{SITE}stories/chatbot/index.html"
    canonical = f'<link rel="canonical" href="{page}">'
    assert canonical in _html(under_a_path, "stories/chatbot/index.html")
    assert f"<link>{page}</link>" in _html(under_a_path, "feeds/rss.xml")
    atom = _html(under_a_path, "feeds/atom.xml")
    assert f"<id>{page}</id>" in atom and f'<link href="{page}"/>' in atom
    items = json.loads(_html(under_a_path, "feeds/feed.json"))["items"]
    assert {item["url"] for item in items} == {page, f"{SITE}stories/linker/index.html"}
    stories = json.loads(_html(under_a_path, "data/stories.json"))["stories"]
    assert {s["url"] for s in stories} == {page, f"{SITE}stories/linker/index.html"}
    linker = next(s for s in stories if s["id"] == "linker")
    assert f'<a href="{page}#impact" rel="noopener noreferrer">abs story</a>' in \
        linker["content_html"]
    outcome = _html(under_a_path, "feeds/outcomes/earn-revenue/rss.xml")
    assert f"<link>{SITE}outcomes/earn-revenue/index.html</link>" in outcome
    assert "stories/chatbot/<" not in _html(under_a_path, "feeds/rss.xml")


@pytest.mark.parametrize(("site_url", "expected"), [
    ("https://showcase.test.example/", "/stories/chatbot/"),
    ("https://www.council.gov.uk/digital/showcase/", "../chatbot/"),
    ("https://www.council.gov.uk/digital/showcase", "../chatbot/")])
def test_a_link_from_the_root_to_a_public_story(tmp_path: Path, site_url: str,
                                                 expected: str) -> None:
    """A root site keeps the link as written (its output as before); under a path, the
    story's page relative to the page."""
    file = write(tmp_path, {"stories/linker.md": story(body="[a](/stories/chatbot/)\n")})
    linker = read_story(file / "stories/linker.md", "stories/linker.md").story
    assert linker is not None
    public = PublicStories({"stories/chatbot.md": "chatbot", "stories/linker.md": "linker"},
                           site_url)
    assert page_body(to_html(linker.body), linker, public) == \
        f'<p><a href="{expected}" rel="noopener noreferrer">a</a></p>'
