"""Round 19 (pack19 #3): the reason CHECKLIST.md gives for a renamed evidence file states how
the two names really differ (letter case, accent characters, a look-alike character, or
both), whichever file is cited first, and names each file by its evidence id too, so two
names that look the same can be told apart."""

from __future__ import annotations

import re
import unicodedata

import pytest

from generator.attachment_names import clash_reason
from tests.conftest import story
from tests.pack.conftest import Pack, build, write_project

NFC = unicodedata.normalize("NFC", "café")
NFD = unicodedata.normalize("NFD", "café")
KELVIN = "\u212a"
MAC = "(a Mac keeps only one of two such files)"

#: evidence id and the path the story writes (the file's name), in the order cited
EVIDENCE = [("cafe-nfd", f"{NFD}.csv"), ("cafe-nfc", f"{NFC}.csv"),
            ("latin-k", "K.csv"), ("kelvin", f"{KELVIN}.csv")]


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = tmp_path_factory.mktemp("round19-names")
    evidence = "".join(f'\n  - id: {i}\n    path: "{written}"\n    title: File {i}\n'
                       for i, written in EVIDENCE)
    project = write_project(root / "project", {
        "stories/files.md": story(slug="files", evidence=evidence),
        "awards/names.yml": ("name: Names\ndeadline: 2027-06-30\nstories: [files]\n"
                             "questions:\n  - {id: q, prompt: Question, words: 500}\n"),
        "awards/names/q.md": "An answer.\n",
        **{f"evidence/{written}": f"file {i}\n" for i, written in EVIDENCE}})
    built = build(project, "names", root / "dist")
    assert built.result.exit_code in (0, 1), built.result.output
    return built


def _renamed(pack: Pack) -> list[str]:
    checklist = re.sub(r"\\(.)", r"\1", pack.text("CHECKLIST.md"))  # Markdown's escapes undone
    return [line for line in checklist.splitlines() if line.startswith("- file renamed: ")]


def test_a_name_written_with_a_single_character_accent_cited_second_is_not_said_to_differ_in_case(
        renamed: Pack) -> None:
    assert _renamed(renamed)[0] == (
        f'- file renamed: evidence/{NFC}.csv (evidence id "cafe-nfc") is evidence/{NFC}-2.csv '
        f'in the pack: it is the same name as evidence/{NFD}.csv (evidence id "cafe-nfd") '
        f"written with other accent characters {MAC}")
    assert renamed.text(f"evidence/{NFC}-2.csv") == "file cafe-nfc\n"
    assert renamed.text(f"evidence/{NFC}.csv") == "file cafe-nfd\n"


def test_the_kelvin_sign_is_named_as_a_look_alike_character(renamed: Pack) -> None:
    assert _renamed(renamed)[1] == (
        f'- file renamed: evidence/{KELVIN}.csv (evidence id "kelvin") is evidence/K-2.csv in '
        'the pack: it is the same name as evidence/K.csv (evidence id "latin-k") written with '
        f"the look-alike character U+212A KELVIN SIGN for K {MAC}")
    assert len(_renamed(renamed)) == 2


@pytest.mark.parametrize(("first", "second", "reason"), [
    (NFD, NFC, f"it is the same name as {{holder}} written with other accent characters {MAC}"),
    ("Data", "data", "{holder} has the same name (ignoring case)"),
    (unicodedata.normalize("NFD", "CAFÉ"), NFC,
     f"it is the same name as {{holder}} written with other accent characters and letter case "
     f"{MAC}"),
    (unicodedata.normalize("NFD", "CAFÉ"), NFD, "{holder} has the same name (ignoring case)"),
    ("K", KELVIN, "it is the same name as {holder} written with the look-alike character "
                  f"U+212A KELVIN SIGN for K {MAC}"),
    ("k", KELVIN, "it is the same name as {holder} written with the look-alike character "
                  f"U+212A KELVIN SIGN for K and letter case {MAC}"),
])
def test_the_reason_is_the_same_whichever_name_comes_first(first: str, second: str,
                                                           reason: str) -> None:
    assert clash_reason(second, first) == reason.format(holder=first)
    assert clash_reason(first, second) == reason.format(holder=second)


def test_the_holder_is_shown_as_given() -> None:
    assert clash_reason("data", "Data", 'Data (evidence id "x")') == (
        'Data (evidence id "x") has the same name (ignoring case)')
