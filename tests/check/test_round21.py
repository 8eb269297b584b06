"""Round 21 (newuser21 #1, #5 to #8): a story's award is the file its id names as packs
name files (straße is not strasse); two award files whose ids make one web address are told
to rename one; a link to evidence the story lists privately says so; a section with nothing
under its heading is warned of from review on; a source with no evidence listed says so."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from generator.awardbook import AwardBook
from generator.catalogue import collect
from generator.model.story import AwardResult
from generator.project import Layout
from tests.conftest import NOW, ProjectFactory, run_cli, story
from tests.site.conftest import built_fine, site_project, write

A_FILE = "awards/strasse-2027.yml"
B_FILE = "awards/straße-2027.yml"
_QUESTIONS = "stories: [a-test-story]\nquestions:\n  - {id: why, prompt: Why?, words: 100}\n"
AWARDS = {
    A_FILE: f'name: Strasse Award A\nnational: true\nedition: "2027"\n{_QUESTIONS}',
    B_FILE: f'name: Straße Award B\nedition: "2028"\n{_QUESTIONS}',
}
STORY = "stories/2026-03-14-a-test-story.md"


def _check(root: Path) -> list[str]:
    result = run_cli("check", "-p", str(root), "--now", NOW)
    return result.output.splitlines()


# 1. a story's award: the file whose id is the award's, as packs match names

def test_a_story_award_is_the_file_it_names_not_one_that_folds_to_it(
        make_project: ProjectFactory) -> None:
    root = make_project(AWARDS)
    book = AwardBook(collect(Layout.defaults(root), datetime.fromisoformat(NOW)).awards)
    b = book.find(AwardResult(award="straße-2027", result="won"))
    a = book.find(AwardResult(award="Strasse-2027", result="won"))  # letter case aside
    assert b is not None and b.name == "Straße Award B" and b.year == 2028 and not b.national
    assert a is not None and a.name == "Strasse Award A"
    assert book.name(AwardResult(award="STRASSE AWARD A", result="won")) == "Strasse Award A"
    assert book.year(AwardResult(award="straße-2027", result="won"), date(2026, 3, 14)) == 2028


def test_the_site_shows_the_award_the_story_names(tmp_path: Path) -> None:
    root = write(tmp_path, {**site_project(), **AWARDS,
                            STORY: story(awards="[{award: straße-2027, result: won}]")})
    built = built_fine(root)
    page = built.html("stories/a-test-story")
    assert "</span> Straße Award B (2028)</li>" in page and "Strasse Award A" not in page
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    assert script is not None
    linked = json.loads(script.group(1))
    assert linked["award"] == ["Straße Award B"]
    results = built.html("awards")
    assert "<td>2028</td> <td>Straße Award B</td> <td><span class=\"showcase-badge showcase-badge" \
           "--won\">Won</span>" in results
    assert "<td>Strasse Award A</td> <td><span" not in results
    opened = json.loads((built.site / "data" / "stories.json").read_text(encoding="utf-8"))
    told = next(s for s in opened["stories"] if s["id"] == "a-test-story")
    assert told["awards"] == [{"award": "Straße Award B", "result": "won", "national": False,
                               "year": 2028}]  # the name the page shows


# 5. two award files whose ids make one web address: rename one, with a plain name

def test_two_awards_with_one_address_are_told_to_rename_one(make_project: ProjectFactory) -> None:
    root = make_project({**AWARDS, STORY: story()})
    assert (f'{B_FILE}: warning: the award id "straße-2027" (the file name) is used in pack '
            "names and web addresses: strasse-2027.yml is taken, so "
            "rename this file another plain name, like strasse-b-2027.yml") in _check(root)


# 6. a link to evidence this story lists without public: true

def test_a_link_to_evidence_the_story_lists_privately_says_so(
        make_project: ProjectFactory) -> None:
    root = make_project({
        "evidence/calls.csv": "month,calls\n2026-01,5\n",
        "evidence/costs.csv": "month,cost\n2026-01,5\n",
        STORY: story(evidence="[{id: call-volume, path: calls.csv, title: Calls}]",
                     body="See [the raw data](../evidence/calls.csv).\n\n"
                          "And [the costs](../evidence/costs.csv).\n"),
        "stories/2026-03-15-other.md": story(
            title="Other", evidence="[{id: calls, path: calls.csv, title: Calls, public: true},"
                                    " {id: costs, path: costs.csv, title: Costs, public: true}]"),
    })
    told = _check(root)
    assert (f'{STORY}:10: warning: body: link "../evidence/calls.csv" leads to evidence/calls.csv, '
            "which this story's evidence: lists as private (id call-volume), so the site shows "
            "the link's text only: to publish the file, add public: true to that entry") in told
    assert (f'{STORY}:12: warning: body: link "../evidence/costs.csv" leads to evidence/costs.csv, '
            "which is public evidence of stories/2026-03-15-other.md, not of this story, so the "
            "site shows the link's text only: to publish the file here, list it under this "
            "story's evidence: with public: true") in told


# 7. a section with nothing under its heading, from review on

TEMPLATE_BODY = ("## Challenge\n\n<!-- What problem did residents or staff face? -->\n\n"
                 "## Impact\n\n   \n\n## What's next\n\nMore to come.\n")


@pytest.mark.parametrize("status", ["review", "published"])
def test_an_empty_section_is_warned_of_from_review_on(
        make_project: ProjectFactory, status: str) -> None:
    root = make_project({STORY: story(status=status, body=TEMPLATE_BODY)})
    told = [line for line in _check(root) if "has nothing under its heading" in line]
    assert told == [
        f'{STORY}:9: warning: body: has nothing under its heading "Challenge" (only an '
        "internal note): write the section, or remove the heading",
        f'{STORY}:13: warning: body: has nothing under its heading "Impact": write the '
        "section, or remove the heading",
    ]


def test_a_draft_may_have_empty_sections(make_project: ProjectFactory) -> None:
    root = make_project({STORY: story(status="draft", body=TEMPLATE_BODY)})
    assert not [line for line in _check(root) if "has nothing under its heading" in line]


def test_an_empty_section_is_one_the_pack_would_leave_out() -> None:
    from generator.markdown_text import level2_sections  # new in round 21
    parts = level2_sections(TEMPLATE_BODY)
    assert [(p.heading, p.row, p.text, p.noted) for p in parts] == [
        ("Challenge", 0, "", True), ("Impact", 4, "", False),
        ("What\u2019s next", 8, "More to come.", False)]


# 8. a metric's source when the story lists no evidence

def test_a_source_with_no_evidence_listed_says_so_plainly(make_project: ProjectFactory) -> None:
    root = make_project({STORY: story(
        metrics="[{label: Calls, value: 5, unit: count, source: call-volume}]")})
    assert [line for line in _check(root) if "metrics[0].source" in line] == [
        f'{STORY}:8: metrics[0].source: "call-volume" is neither an evidence id of '
        "this story nor an https:// address; this story lists no evidence yet: add it under "
        "evidence: with id: call-volume, or give an https:// address"]
