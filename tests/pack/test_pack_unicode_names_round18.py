"""Round 18 (pack18 finding 4): evidence files whose names differ only in how an accent is
written, é as one character (NFC) or as e and a combining accent (NFD), are one name on a
Mac, whose file system keeps one of the two. A pack treats them as letter case is treated:
the later file cited is renamed, and CHECKLIST.md says why in plain words. Every name in the
zip is written NFC (as Windows, Linux and the web write it; a Mac shows it the same)."""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_cli, story
from tests.pack.conftest import Pack, build, write_project

NFC = unicodedata.normalize("NFC", "café")
NFD = unicodedata.normalize("NFD", "café")
UPPER_NFD = unicodedata.normalize("NFD", "CAFÉ")
NAIVE_NFD = unicodedata.normalize("NFD", "naïve")

#: evidence id, path as the story writes it (and the file is called), its name in the zip
EVIDENCE = [
    ("composed", f"{NFC}.csv", f"evidence/{NFC}.csv"),
    ("combining", f"{NFD}.csv", f"evidence/{NFC}-2.csv"),
    ("shouted", f"{UPPER_NFD}.csv", f"evidence/{unicodedata.normalize('NFC', 'CAFÉ')}-3.csv"),
    ("alone", f"{NAIVE_NFD}.txt", f"evidence/{unicodedata.normalize('NFC', 'naïve')}.txt"),
]


@pytest.fixture(scope="module")
def accents(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = tmp_path_factory.mktemp("round18-accents")
    evidence = "".join(f'\n  - id: {i}\n    path: "{written}"\n    title: File {i}\n'
                       for i, written, _ in EVIDENCE)
    project = write_project(root / "project", {
        "stories/files.md": story(slug="files", evidence=evidence),
        "awards/accents.yml": ("name: Accents\ndeadline: 2027-06-30\nstories: [files]\n"
                               "questions:\n  - {id: q, prompt: Question, words: 500}\n"),
        "awards/accents/q.md": "An answer.\n",
        **{f"evidence/{written}": f"file {i}\n" for i, written, _ in EVIDENCE}})
    assert len(list((project / "evidence").iterdir())) == len(EVIDENCE)  # four files on Linux
    built = build(project, "accents", root / "dist")
    assert built.result.exit_code in (0, 1), built.result.output
    return built


def _renamed(pack: Pack) -> list[str]:
    checklist = re.sub(r"\\(.)", r"\1", pack.text("CHECKLIST.md"))  # Markdown's escapes undone
    return [line for line in checklist.splitlines() if line.startswith("- file renamed: ")]


def test_names_equal_but_for_how_accents_are_written_are_renamed(accents: Pack) -> None:
    evidence = [name for name in accents.names() if name.startswith("evidence/")]
    assert sorted(evidence) == sorted(member for _, _, member in EVIDENCE)
    for i, _, member in EVIDENCE:
        assert accents.text(member) == f"file {i}\n"
    folded = [unicodedata.normalize("NFD", name).casefold() for name in accents.names()]
    assert len(set(folded)) == len(folded)  # a Mac keeps every file


def test_every_member_name_is_written_with_single_character_accents(accents: Pack) -> None:
    with zipfile.ZipFile(accents.path) as archive:
        names = [info.filename for info in archive.infolist()]
        assert all(info.flag_bits & 0x800 for info in archive.infolist() if not info.filename.isascii())
    assert names == [unicodedata.normalize("NFC", name) for name in names]
    assert f"evidence/{NFD}.csv" not in names and f"evidence/{NAIVE_NFD}.txt" not in names


def test_the_checklist_says_why_in_plain_words(accents: Pack) -> None:
    assert _renamed(accents) == [
        f'- file renamed: evidence/{NFD}.csv (evidence id "combining") is '
        f"evidence/{NFC}-2.csv in the pack: it is the same name as evidence/{NFC}.csv "
        '(evidence id "composed") written with other accent characters (a Mac keeps only one '
        "of two such files)",
        f'- file renamed: evidence/{UPPER_NFD}.csv (evidence id "shouted") is '
        f"evidence/{unicodedata.normalize('NFC', 'CAFÉ')}-3.csv in the pack: it is the same "
        f'name as evidence/{NFC}.csv (evidence id "composed") written with other accent '
        "characters and letter case (a Mac keeps only one of two such files)"]


def test_the_manifest_and_metrics_name_the_files_as_in_the_zip(accents: Pack) -> None:
    listed = [m["name"] for m in json.loads(accents.text("manifest.json"))["members"]]
    assert sorted(listed) == sorted(n for n in accents.names() if n != "manifest.json")
    assert run_cli("pack", "--verify", str(accents.path)).exit_code == 0


def test_names_equal_ignoring_case_are_still_said_so(tmp_path: Path) -> None:
    evidence = ('\n  - {id: lower, path: data.csv, title: Lower}'
                '\n  - {id: upper, path: Data.csv, title: Upper}')
    project = write_project(tmp_path / "project", {
        "stories/files.md": story(slug="files", evidence=evidence),
        "awards/case.yml": ("name: Case\ndeadline: 2027-06-30\nstories: [files]\n"
                            "questions:\n  - {id: q, prompt: Question, words: 500}\n"),
        "awards/case/q.md": "An answer.\n",
        "evidence/data.csv": "lower\n", "evidence/Data.csv": "upper\n"})
    built = build(project, "case", tmp_path / "dist")
    assert built.result.exit_code in (0, 1), built.result.output
    assert _renamed(built) == ['- file renamed: evidence/Data.csv (evidence id "upper") is '
                               'evidence/Data-2.csv in the pack: evidence/data.csv (evidence id '
                               '"lower") has the same name (ignoring case)']
    assert built.text("evidence/Data-2.csv") == "upper\n"
