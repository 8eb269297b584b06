"""Round 16 (pack16) findings 4, 5, 7 and 9, read back with real readers.

- A list nested 20 or 50 levels deep in a hand-written answer (check allows 50) prints
  readably in entry.pdf: every item's text whole (poppler's pdftotext), a few pages, no
  word past the page's margins (`pdftotext -bbox`).
- Evidence file names Windows cannot extract (a line break, a tab, `: ? " | * < >`, a
  reserved name such as NUL or CON, a trailing dot) are renamed in the zip (zipfile), as
  the site names them, by their evidence id; CHECKLIST.md says so, and metrics.csv's
  source cell (csv) holds no line break.
- pack's own messages show an award id's control characters as codes.
- The advice given when --out is refused names a folder that is not refused.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import NOW, run_cli, story
from tests.pack.conftest import ENV, Pack, Word, build, pdf_words, write_project

MARGIN = 18 * 72 / 25.4  # the print CSS's left and right page margins (18mm), in points
SLACK = 0.5  # points: rounding in the PDF's text positions
DEPTHS = (20, 50)


def _deep_list(depth: int) -> str:
    return "".join("    " * i + f"- l{i}\n" for i in range(depth))


def _award(name: str) -> str:
    return (f"name: {name}\ndeadline: 2027-06-30\nstories: [s]\n"
            "questions:\n  - {id: q, prompt: Question Q, words: 500}\n")


@dataclass(frozen=True)
class Printed:
    """entry.pdf read back: its pages, its text and each word's box."""

    pages: int
    text: str
    words: list[Word]


def _printed(pdf: Path) -> Printed:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    match = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert match is not None
    return Printed(int(match.group(1)), text, pdf_words(pdf))


@pytest.fixture(scope="module")
def deep(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Printed]:
    root = tmp_path_factory.mktemp("round16-lists")
    files: dict[str, str | bytes] = {"stories/s.md": story(slug="s")}
    for depth in DEPTHS:
        files[f"awards/deep{depth}.yml"] = _award(f"Deep {depth}")
        files[f"awards/deep{depth}/q.md"] = _deep_list(depth)
    project = write_project(root / "project", files)
    printed = {}
    for depth in DEPTHS:
        built = build(project, f"deep{depth}", root / "dist")
        assert built.result.exit_code == 0, built.result.output
        pdf = root / f"deep{depth}.pdf"
        pdf.write_bytes(built.read("entry.pdf"))
        printed[depth] = _printed(pdf)
    return printed


@pytest.mark.parametrize("depth", DEPTHS)
def test_every_item_of_a_deep_list_is_printed_whole(deep: dict[int, Printed], depth: int) -> None:
    found = set(re.findall(r"\bl\d+\b", deep[depth].text))
    assert found == {f"l{i}" for i in range(depth)}


@pytest.mark.parametrize("depth", DEPTHS)
def test_a_deep_list_takes_a_few_pages(deep: dict[int, Printed], depth: int) -> None:
    assert deep[depth].pages <= 4


@pytest.mark.parametrize("depth", DEPTHS)
def test_no_word_of_a_deep_list_is_past_the_margins(deep: dict[int, Printed], depth: int) -> None:
    words = deep[depth].words
    assert [w.text for w in words if re.fullmatch(r"l\d+", w.text)] == \
        [f"l{i}" for i in range(depth)]  # each item once, whole, in order
    outside = [(w.page, w.text, w.x_min, w.x_max) for w in words
               if w.x_min < MARGIN - SLACK or w.x_max > w.page_width - MARGIN + SLACK]
    assert outside == []


#: evidence id, the path as the story writes it (YAML, double-quoted), the file's name on
#: disk, and its name in the zip
UNSAFE = [
    ("savings", r"sav\nings.csv", "sav\nings.csv", "evidence/savings.csv"),
    ("tabbed", r"tab\there.csv", "tab\there.csv", "evidence/tabbed.csv"),
    ("colon", "ab:c.csv", "ab:c.csv", "evidence/colon.csv"),
    ("asked", "x?y.csv", "x?y.csv", "evidence/asked.csv"),
    ("piped", r"q\"u|o<>.csv", 'q"u|o<>.csv', "evidence/piped.csv"),
    ("device", "nul.csv", "nul.csv", "evidence/device.csv"),
    ("con", "CON.csv", "CON.csv", "evidence/con-file.csv"),  # its id is a device's name too
    ("dotted", "dot.csv.", "dot.csv.", "evidence/dotted.csv"),
    ("spaced", "sub /x.csv", "sub /x.csv", "evidence/spaced.csv"),
    ("plain", "plain.csv", "plain.csv", "evidence/plain.csv"),
    ("plain-2", "plain*.csv", "plain*.csv", "evidence/plain-2.csv"),
    ("star", "Plain-2*.CSV", "Plain-2*.CSV", "evidence/star.csv"),
    ("taken", "a*b.csv", "a*b.csv", "evidence/taken-2.csv"),  # taken.csv is the next one's
    ("owner", "taken.csv", "taken.csv", "evidence/taken.csv"),  # valid as written: kept
]


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = tmp_path_factory.mktemp("round16-names")
    evidence = "".join(f'\n  - id: {i}\n    path: "{written}"\n    title: File {i}\n'
                       for i, written, _, _ in UNSAFE)
    metrics = ("\n  - label: Savings\n    value: 5\n    unit: count\n    source: savings\n"
               "    verified: true\n")
    files: dict[str, str | bytes] = {
        "stories/s.md": story(slug="s", evidence=evidence, metrics=metrics),
        "awards/names.yml": _award("Names"), "awards/names/q.md": "An answer.\n",
        **{f"evidence/{disk}": f"file {i}\n" for i, _, disk, _ in UNSAFE}}
    project = write_project(root / "project", files)
    built = build(project, "names", root / "dist")
    assert built.result.exit_code in (0, 1), built.result.output
    return built


def test_names_windows_cannot_extract_are_the_files_ids(named: Pack) -> None:
    members = [name for name in named.names() if name.startswith("evidence/")]
    assert sorted(members) == sorted(member for _, _, _, member in UNSAFE)
    for i, _, _, member in UNSAFE:
        assert named.text(member) == f"file {i}\n"  # each file under its own new name


def test_the_checklist_says_each_file_renamed(named: Pack) -> None:
    checklist = re.sub(r"\\(.)", r"\1", named.text("CHECKLIST.md"))  # Markdown's escapes
    assert (r'file renamed: "evidence/sav\nings.csv" is evidence/savings.csv in the pack: '
            r'Windows cannot extract a file named "sav\nings.csv" (it holds a control '
            r"character, \n), so it is named by its evidence id, as on the site") in checklist
    assert r'"evidence/tab\there.csv" is evidence/tabbed.csv' in checklist
    for _, _, disk, member in UNSAFE:
        if disk.casefold() not in ("plain.csv", "taken.csv"):
            assert f" is {member} in the pack: Windows cannot extract a " in checklist, member
    assert ('"evidence/a*b.csv" is evidence/taken-2.csv in the pack: Windows cannot extract a '
            'file named "a*b.csv" (it holds the character *), so it is named by its evidence '
            "id, as on the site, with -2 as evidence/taken.csv is another file in the pack"
            ) in checklist
    assert "has the same name" not in checklist


def test_metrics_csv_names_the_renamed_source_on_one_line(named: Pack) -> None:
    rows = list(csv.DictReader(io.StringIO(named.text("metrics.csv").lstrip("\ufeff"))))
    assert [row["source file"] for row in rows] == ["evidence/savings.csv"]
    assert "\n" not in named.text("metrics.csv").replace("\r\n", "")


def test_the_renamed_pack_verifies(named: Pack) -> None:
    result = run_cli("pack", "--verify", str(named.path))
    assert result.exit_code == 0, result.output


BAD_IDS = ["es\x1b[31mc", "ab\u202ecd", "c1\x9bx"]  # each an award file's name, less .yml
SHOWN = {"es\x1b[31mc": r"es\x1b[31mc", "ab\u202ecd": r"ab\u202ecd", "c1\x9bx": r"c1\x9bx"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("round16-cli") / "project"
    files: dict[str, str | bytes] = {
        "stories/s.md": story(slug="s"), "content/index.md": "# Home\n",
        "awards/good.yml": _award("Good"), "awards/good/q.md": "An answer.\n",
        **{f"awards/{name}.yml": _award("Bad") for name in BAD_IDS}}
    return write_project(root, files)


def _pack(project: Path, *args: str) -> str:
    result = run_cli("pack", *args, "-p", str(project), "--now", NOW, env=ENV)
    assert result.exit_code == 2, result.output
    return result.output


def _raw(text: str) -> list[str]:
    """The control characters printed as they are."""
    return [c for c in text if c not in "\n\t" and (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0
                                                    or 0x202A <= ord(c) <= 0x202E)]


@pytest.mark.parametrize("award_id", BAD_IDS)
def test_pack_names_an_unreadable_award_by_its_codes(project: Path, award_id: str) -> None:
    output = _pack(project, award_id)
    assert f"showcase: the award file for {SHOWN[award_id]} cannot be read: fix the errors " \
           "above\n" in output
    assert _raw(output) == []


def test_pack_lists_the_award_ids_by_their_codes(project: Path) -> None:
    output = _pack(project, "nope\u202ex")
    assert (r'showcase: no award file "nope\u202ex" in awards/; award ids: good; '
            r"awards/ab\u202ecd.yml, awards/c1\x9bx.yml, awards/es\x1b[31mc.yml could not be "
            "read (showcase check names the errors)\n") in output
    assert _raw(output) == []


def test_the_advice_names_a_folder_pack_does_not_refuse(project: Path) -> None:
    (project / "dist").symlink_to("content")
    try:
        output = _pack(project, "good")
        assert "dist" not in output.split("choose a folder of its own")[1]
        assert output.endswith("and a pack holds private evidence; choose a folder of its own, "
                               "e.g. --out packs\n")
        written = run_cli("pack", "good", "-p", str(project), "--now", NOW, "--out", "packs",
                          env=ENV)
        assert written.exit_code == 0, written.output
        assert (project / "packs" / "good.zip").is_file()
    finally:
        (project / "dist").unlink()
