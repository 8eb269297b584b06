"""Round 22 (check22 #1, #3): a section whose text the page shows nothing of (a removed
script, a footnote or link definition, a lone `&nbsp;`) is empty, for check and for the
pack; a story's award that gives a name two award files share is told to give the id."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from generator.catalogue import collect
from generator.markdown_text import level2_sections, may_have_an_empty_section
from generator.pack.answers import compose_answers
from generator.project import Layout
from tests.conftest import NOW, ProjectFactory, run_cli, story

STORY = "stories/2026-03-14-a-test-story.md"


def _check(root: Path) -> list[str]:
    return run_cli("check", "-p", str(root), "--now", NOW).output.splitlines()


# 1. a section the page shows nothing of is empty

UNSEEN_BODY = ("## Only a script\n\n<script>alert(1)</script>\n\n"
               "## Only a footnote def\n\n[^1]: A footnote.\n\n"
               "## Only a link ref\n\n[ref]: https://example.org/\n\n"
               "## Only nbsp\n\n&nbsp;\n\n"
               "## A script over lines\n\n<script>\nalert(1)\n\nmore()\n</script>\n\n"
               "## An empty link\n\n[](https://example.org/)\n\n"
               "## Real\n\nSee[^1] text.\n")
SHOWN_BODY = ("## Picture\n\n![A chart](chart.png)\n\n## Table\n\n| a |\n|---|\n| 1 |\n\n"
              "## Quote\n\n> Said.\n\n## Rule\n\n***\n\n## Code\n\n```\nx = 1\n```\n\n"
              "## Autolink\n\n<https://example.org/>\n\n## Entity\n\n&#65;\n\n"
              "## List\n\n- [link](https://example.org/)\n")
HIDDEN = ["Only a script", "Only a footnote def", "Only a link ref", "Only nbsp",
          "A script over lines", "An empty link"]


def test_a_section_the_page_shows_nothing_of_is_empty() -> None:
    parts = level2_sections(UNSEEN_BODY)
    assert [(p.heading, p.text, p.unseen) for p in parts] == [
        *((heading, "", True) for heading in HIDDEN), ("Real", "See[^1] text.", False)]


def test_a_section_that_shows_a_picture_table_or_rule_is_not_empty() -> None:
    parts = level2_sections(SHOWN_BODY)
    assert [p.heading for p in parts if not p.text or p.unseen] == []
    assert len(parts) == 8


def test_check_warns_of_a_section_the_page_shows_nothing_of(make_project: ProjectFactory) -> None:
    root = make_project({STORY: story(status="review", body=UNSEEN_BODY)})
    told = [line for line in _check(root) if "has nothing under its heading" in line]
    rows = [9, 13, 17, 21, 25, 33]
    assert told == [
        f'{STORY}:{row}: warning: body: has nothing under its heading "{heading}" (only what '
        "the page does not show: a removed script, a footnote or link definition, a space): "
        "write the section, or remove the heading" for row, heading in zip(rows, HIDDEN, strict=True)]


AWARD = ("name: Invisible\ndeadline: 2027-06-30\nstories: [a-test-story]\nquestions:\n"
         "  - {id: linkref, prompt: Q, words: 100, compose: 'section: Only a link ref'}\n"
         "  - {id: footdef, prompt: Q, words: 100, compose: 'section: Only a footnote def'}\n"
         "  - {id: script, prompt: Q, words: 100, compose: 'section: Only a script'}\n"
         "  - {id: real, prompt: Q, words: 100, compose: 'section: Real'}\n")


def test_the_pack_drafts_nothing_from_a_section_the_page_shows_nothing_of(
        make_project: ProjectFactory) -> None:
    root = make_project({STORY: story(body=UNSEEN_BODY), "awards/invisible.yml": AWARD})
    catalogue = collect(Layout.defaults(root), datetime.fromisoformat(NOW))
    award = catalogue.award("invisible")
    assert award is not None
    drafted = compose_answers(award.entry.questions, catalogue.stories, award.overrides)
    assert [(a.question.id, a.markdown or "", a.used) for a in drafted.answers][:3] == [
        ("linkref", "", 0), ("footdef", "", 0), ("script", "", 0)]
    assert (drafted.answers[3].markdown or "").startswith("**A test story.**\n\nSee")
    told = [(p.field, p.message) for p in catalogue.problems if p.path == "awards/invisible.yml"]
    for index, heading in enumerate(["Only a link ref", "Only a footnote def", "Only a script"]):
        assert (f"questions[{index}].compose", f'no story entered has a section headed "{heading}", '
                "so the drafted answer would be empty: add the section to a story, or write the "
                f"answer in awards/invisible/{['linkref', 'footdef', 'script'][index]}.md") in told


# 3. two award files with one name

_QUESTIONS = "stories: [a-test-story]\nquestions:\n  - {id: why, prompt: Why?, words: 100}\n"
TWINS = {
    "awards/aaa-regional.yml": f'name: Digital Council Awards\nnational: false\nedition: "2026"\n{_QUESTIONS}',
    "awards/zzz-national.yml": f'name: Digital Council Awards\nnational: true\nedition: "2025"\n{_QUESTIONS}',
}


def test_a_name_two_award_files_share_is_told_to_be_an_id(make_project: ProjectFactory) -> None:
    root = make_project({**TWINS, STORY: story(
        awards="\n  - {award: Digital Council Awards, result: won}\n"
               "  - {award: ZZZ-National, result: shortlisted}")})
    told = [line for line in _check(root) if "same name" in line or "more than one" in line]
    assert told == [
        'awards/zzz-national.yml:1: warning: name: another award file, awards/aaa-regional.yml, '
        'has the same name "Digital Council Awards": a story\'s award: cannot tell them apart by '
        "it; give each award its own name",
        f'{STORY}:9: warning: awards[0].award: "Digital Council Awards" is the name of more than '
        "one award file (awards/aaa-regional.yml and awards/zzz-national.yml): write the file's "
        "id instead (award: aaa-regional, or zzz-national)",
    ]


def test_a_name_one_award_file_has_is_fine(make_project: ProjectFactory) -> None:
    root = make_project({"awards/aaa-regional.yml": TWINS["awards/aaa-regional.yml"],
                         STORY: story(awards="[{award: Digital Council Awards, result: won}]")})
    assert not [line for line in _check(root) if "same name" in line or "more than one" in line]


BODIES = [
    "## Challenge\n\nWords.\n\n## Impact\n\nMore words.\n",
    "## Challenge\n\n<!-- the template's note -->\n\n## Impact\n\nWords.\n",
    "## A\n\n<script>alert(1)</script>\n\n## B\n\nx\n",
    "## A\nHeading B\n---------\ntext\n",
    "## A\n\n[^1]: A footnote.\n\n## B\n\nSee[^1].\n",
    "Intro.\n\n## A\n\n```\n## not a heading\n```\n\n## B\n",
    "## A\n\n### Sub\n\n## B\n\n&nbsp;\n",
    "A\n=\n\nB\n-\n\nwords\n",
]


PLAIN_BODIES = [
    "## A\n\n## B\n\nwords\n",
    "## A\n\nwords\n\n## B\n",
    "## A\n\nwords\n\n## B\n\n\n",
    "## A\nHeading B\n---------\ntext\n",
    "A\n=\n\nB\n-\n\nwords\n",
    "Intro.\n\n## A\n\n# B\n\nwords\n",
    "## A\n\nwords\n\n## B\n\nmore words\n",
    "- item\n- item\n\n## A\n\n---\n\n## B\n\nx\n",
]


MARKUP_BODIES = [
    "## A\n\n<script>\nalert(1)\n</script>\n\n## B\n\nSee [x](y).\n",
    "## A\n\n[ref]: https://example.org/\n\n## B\n\nx &amp; y\n",
    "## A\n\nSee [the report](r.pdf).\n\n## B\n\n&nbsp;\n",
    "## A\n\n<div>\nwords\n</div>\n\n## B\n\n[^1]: note\n",
]


@pytest.mark.parametrize("body", BODIES + PLAIN_BODIES + MARKUP_BODIES)
def test_the_cheap_guess_never_misses_an_empty_section(body: str) -> None:
    """check converts a body to find its sections only when some section may be empty (one
    conversion per body doubled check's work at scale): the guess may be wrong only the safe
    way. Each body with markup has an empty section."""
    empty = [part.heading for part in level2_sections(body) if not part.text]
    assert may_have_an_empty_section(body) or not empty
    assert empty or body not in MARKUP_BODIES


def test_a_body_whose_sections_all_hold_words_is_not_converted() -> None:
    assert not may_have_an_empty_section(BODIES[0])
    assert not may_have_an_empty_section("## A\n\nSee [the report](report.pdf) & more.\n")
