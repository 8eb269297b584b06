"""A story body's section headings follow mkdocs.yml's `toc:` options as a hand-written page's
do (separator, slugify, permalink and its text and title) in the page's HTML, its contents,
its search locations and check's list of sections; a heading nested in a quote keeps no id
and no longer runs on into its section's title in the search index."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NOW, run_cli, story
from tests.site.conftest import EPOCH, IN_WORKERS, Built, built_fine, site_project, write

TOC = """\
markdown_extensions:
  - toc:
      permalink: true
      separator: "_"
"""

BODY = ("## Challenge\n\nSee [what we did](#what_we_did).\n\n## What we did\n\n### Sub part\n\n"
        "Steps.\n\n## Bins_now\n\nA clash with the title.\n\n## Related stories\n\nMine.\n\n"
        "## Intro\n\nBefore the quote.\n\n> ## Quoted\n>\n> Said in the quote.\n\n"
        "- ## Listed\n\nAfter the quote.\n")

METRICS = "[{label: Bins emptied, value: 10, unit: count, source: \"https://example.org/bins\"}]"


def _project(root: Path, toc: str) -> Path:
    files = site_project()
    files["mkdocs.yml"] = str(files["mkdocs.yml"]) + toc
    return write(root, {**files,
                        "content/about.md": "# About\n\n## Bins now\n\nAbout text.\n",
                        "stories/2026-03-14-bins.md": story(title="Bins now", slug="bins",
                                                            metrics=METRICS, body=BODY)})


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return built_fine(_project(tmp_path_factory.mktemp("toc-options"), TOC))


def _headings(html: str) -> list[str]:
    return re.findall(r"<h[23][^>]*>.*?</h[23]>", html.split('<article', 1)[1])


def test_ids_and_permalinks_follow_the_toc_options(site: Built) -> None:
    page = site.html("stories/bins")
    body = _headings(page)
    permalink = '<a class="headerlink" href="#{0}" title="Permanent link">&para;</a>'
    assert body[:6] == [
        '<h2 id="results_in_figures">Results in figures'
        f'{permalink.format("results_in_figures")}</h2>',
        f'<h2 id="challenge">Challenge{permalink.format("challenge")}</h2>',
        f'<h2 id="what_we_did">What we did{permalink.format("what_we_did")}</h2>',
        f'<h3 id="sub_part">Sub part{permalink.format("sub_part")}</h3>',
        f'<h2 id="bins_now_1">Bins_now{permalink.format("bins_now_1")}</h2>',
        f'<h2 id="related_stories_1">Related stories{permalink.format("related_stories_1")}</h2>',
    ]
    # the title's id is MkDocs' own, with the same options
    assert f'<h1 id="bins_now">Bins now{permalink.format("bins_now")}</h1>' in page
    assert 'id="what-we-did"' not in page and 'id="related-stories' not in page
    # a hand-written page under the same options, for comparison
    assert f'<h2 id="bins_now">Bins now{permalink.format("bins_now")}</h2>' in site.html("about")


def test_contents_entries_lead_to_the_ids(site: Built) -> None:
    page = site.html("stories/bins")
    toc = page.split('md-nav--secondary', 1)[1].split("<article", 1)[0]
    hrefs = re.findall(r'href="(#[^"]*)"', toc)
    # the body's sections come after "Results in figures", whose id has the separator too
    assert hrefs[:7] == ["#results_in_figures", "#challenge", "#what_we_did", "#sub_part",
                         "#bins_now_1", "#related_stories_1", "#intro"]
    assert all(f'id="{href[1:]}"' in page for href in hrefs)


def _search(site: Built) -> list[dict[str, str]]:
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [doc for doc in index["docs"] if doc["location"].startswith("stories/bins/")]


def test_search_sections_follow_the_ids_and_keep_their_titles(site: Built) -> None:
    found = {doc["location"]: doc for doc in _search(site)}
    assert [(loc, doc["title"]) for loc, doc in found.items() if "#" in loc][:7] == [
        ("stories/bins/#results_in_figures", "Results in figures"),
        ("stories/bins/#challenge", "Challenge"), ("stories/bins/#what_we_did", "What we did"),
        ("stories/bins/#sub_part", "Sub part"), ("stories/bins/#bins_now_1", "Bins_now"),
        ("stories/bins/#related_stories_1", "Related stories"), ("stories/bins/#intro", "Intro")]


def test_a_nested_heading_does_not_run_into_its_sections_search_title(site: Built) -> None:
    # the quoted and listed headings were run into the title ("IntroQuotedListed"): now
    # they are the section's text, still found by search
    found = {doc["location"]: doc for doc in _search(site)}
    assert found["stories/bins/#intro"]["title"] == "Intro"
    intro = found["stories/bins/#intro"]["text"]
    assert intro.startswith("Quoted Listed ")
    assert "Before the quote." in intro and "Said in the quote." in intro


def test_nested_headings_are_otherwise_unchanged(site: Built) -> None:
    page = site.html("stories/bins")
    assert "<blockquote>\n<h2>Quoted</h2>\n<p>Said in the quote.</p>\n</blockquote>" in page
    assert "<li>\n<h2>Listed</h2>\n</li>" in page


def test_check_judges_section_links_by_the_toc_options(site: Built) -> None:
    path = site.project / "stories/2026-03-14-bins.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nSee [a](#sub-part), [b](#related_stories_1), [c](#related_stories) "
                    "and [d](#related-stories).\n", encoding="utf-8")
    try:
        result = run_cli("check", "-p", str(site.project))
    finally:
        path.write_text(text, encoding="utf-8")
    sections = ("its sections are #bins_now, #challenge, #what_we_did, #sub_part, #bins_now_1, "
                "#related_stories_1, #intro")
    # the page's own "Related stories" is #related_stories under this separator
    assert [line for line in result.output.splitlines() if line.startswith("stories/")] == [
        'stories/2026-03-14-bins.md:41: warning: body: link "#related-stories" leads to no '
        f"section of the story's page (did you mean #related_stories_1?): {sections}",
        'stories/2026-03-14-bins.md:41: warning: body: link "#sub-part" leads to no section of '
        f"the story's page (did you mean #sub_part?): {sections}"]


def test_a_custom_slugify_is_followed_by_the_build_and_named_by_check(tmp_path: Path) -> None:
    toc = ("markdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:"
           "pymdownx.slugs.slugify {kwds: {case: lower, percent_encode: false}}\n")
    root = _project(tmp_path, toc)
    path = root / "stories/2026-03-14-bins.md"
    path.write_text(path.read_text(encoding="utf-8").replace("## Intro", "## Café Intro")
                    + "\n[c](#café-intro) [d](#nope)\n", encoding="utf-8")
    built = built_fine(root)
    page = built.html("stories/bins")
    assert '<h2 id="café-intro">Café Intro</h2>' in page  # Python-Markdown's: "cafe-intro"
    assert 'href="#café-intro"' in page.split('md-nav--secondary', 1)[1]
    result = run_cli("check", "-p", str(root))
    unsure = ("may lead to no section of the story's page: mkdocs.yml's toc slugify is a Python "
              "function, which check does not run, so it cannot tell (by Python-Markdown's own "
              "slugify, the sections would be #bins-now, #challenge, #what-we-did, #sub-part, "
              "#bins_now, #related-stories_1, #cafe-intro): try the link on the built page")
    assert [line for line in result.output.splitlines() if line.startswith("stories/")] == [
        f'stories/2026-03-14-bins.md:13: warning: body: link "#what_we_did" {unsure}',
        f'stories/2026-03-14-bins.md:41: warning: body: link "#café-intro" {unsure}',
        f'stories/2026-03-14-bins.md:41: warning: body: link "#nope" {unsure}']


def test_pages_rendered_in_the_worker_are_the_same(site: Built, tmp_path: Path) -> None:
    """The story page made and rendered in forked processes, its search entries mended here."""
    done = subprocess.run([sys.executable, "-c", IN_WORKERS, str(site.project),
                           str(tmp_path / "site"), NOW], capture_output=True, text=True,
                          check=False, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 0, done.stderr
    again = Built(site.result, site.project, tmp_path / "site")
    assert again.html("stories/bins") == site.html("stories/bins")
    assert _search(again) == _search(site)


@pytest.mark.parametrize("options", [
    {}, {"permalink": True}, {"permalink": "#", "permalink_title": ""},
    {"permalink": "§ <x>", "permalink_leading": True, "permalink_class": "anchor"},
    {"permalink": True, "permalink_title": 'Link "here"', "separator": "."},
])
def test_a_body_heading_is_marked_as_python_markdown_marks_it(options: dict[str, object]) -> None:
    import markdown

    from generator.site.sections import TocStyle, with_ids

    expected = markdown.markdown("## What we did", extensions=["toc"],
                                 extension_configs={"toc": options})
    made, _ = with_ids("<h2>What we did</h2>", "A title", TocStyle.of(options))
    assert made == expected.replace("&quot;", "&#34;")  # the same attribute, escaped alike
