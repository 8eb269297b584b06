"""Round 18: names in an evidence pack that Windows can extract, and plain words about them.

- A lead image is named by its story's slug; where Windows keeps the slug for a device (CON,
  NUL, COM1, LPT1 ...) it is <slug>-image in the zip, and CHECKLIST.md says so; an answer
  whose question's id is such a name is <id>-answer. A folder of that name (evidence/con/)
  is renamed as a file is.
- A name valid as written keeps it: a file renamed for Windows takes a free name, never
  another file's, and the checklist line names both names and why.
- The zip's file dates held at 1980 or 2107 are said once on the terminal.
- A path naming a Windows drive (a:b.csv, C:\\x) is refused in those words; a colon
  elsewhere (notes:v2.pdf) is a character of the name, renamed in the pack.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import NOW, run_cli, story
from tests.pack.conftest import ENV, Pack, build, write_project

#: story slug (a device's name on Windows, or one its renamed image could take) to the
#: lead image's name in the zip
IMAGES = {
    "con": "images/con-image-2.png",  # images/con-image.png is the next story's own
    "con-image": "images/con-image.png",
    "nul": "images/nul-image.png",
    "com1": "images/com1-image.png",
    "lpt1": "images/lpt1-image.png",
    "aux": "images/aux-image.png",
    "plain": "images/plain.png",
}

#: evidence id, path as written, its name in the zip
EVIDENCE = [
    ("taken", "a*b.csv", "evidence/taken-2.csv"),  # taken.csv is the next file's own name
    ("owner", "taken.csv", "evidence/taken.csv"),
    ("folder", "con/report.csv", "evidence/folder.csv"),
    ("lpt", "Lpt1.Data.csv", "evidence/lpt.csv"),
    ("notes", "notes:v2.pdf", "evidence/notes.pdf"),
    ("one", "1:b.csv", "evidence/one.csv"),
]

#: a device's name on Windows, in the forms a zip's name could take it
DEVICE = re.compile(r"(con|prn|aux|nul|com\d|lpt\d)(\..*)?", re.IGNORECASE)


def _award(name: str, slugs: list[str], question: str = "q") -> str:
    return (f"name: {name}\ndeadline: 2027-06-30\nstories: [{', '.join(slugs)}]\n"
            f"questions:\n  - {{id: {question}, prompt: Question, words: 500}}\n"
            "  - {id: other, prompt: Other, words: 500}\n")


def _picture(path: Path, colour: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), colour).save(path)


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = tmp_path_factory.mktemp("round18-names")
    evidence = "".join(f'\n  - id: {i}\n    path: "{written}"\n    title: File {i}\n'
                       for i, written, _ in EVIDENCE)
    files: dict[str, str | bytes] = {
        **{f"stories/{slug}.md": story(slug=slug, title=f"Story {slug}",
                                       image=f"{{src: media/{slug}.png, alt: A picture}}")
           for slug in IMAGES},
        "stories/files.md": story(slug="files", evidence=evidence),
        "awards/names.yml": _award("Names", [*IMAGES, "files"], question="prn"),
        "awards/names/prn.md": "An answer.\n", "awards/names/other.md": "Another.\n",
        **{f"evidence/{written}": f"file {i}\n" for i, written, _ in EVIDENCE}}
    project = write_project(root / "project", files)
    for number, slug in enumerate(IMAGES):
        _picture(project / "stories" / "media" / f"{slug}.png", f"#{number:02x}8040")
    built = build(project, "names", root / "dist")
    assert built.result.exit_code in (0, 1), built.result.output
    return built


def _checklist(pack: Pack) -> str:
    return re.sub(r"\\(.)", r"\1", pack.text("CHECKLIST.md"))  # Markdown's escapes undone


def test_no_member_has_a_name_windows_keeps_for_a_device(named: Pack) -> None:
    names = named.names()
    assert [n for n in names if any(DEVICE.fullmatch(part) for part in n.split("/"))] == []
    assert sorted(n for n in names if n.startswith("images/")) == sorted(IMAGES.values())
    assert sorted(n for n in names if n.startswith("answers/")) == [
        "answers/other.md", "answers/other.txt", "answers/prn-answer.md", "answers/prn-answer.txt"]
    assert named.text("answers/prn-answer.md") == "An answer.\n"


def test_each_lead_image_is_its_own_story_s(named: Pack) -> None:
    with zipfile.ZipFile(named.path) as archive:
        for number, (slug, member) in enumerate(IMAGES.items()):
            with Image.open(archive.open(member)) as image:
                assert image.getpixel((0, 0))[0] == number, slug


def test_the_manifest_lists_the_names_in_the_zip(named: Pack) -> None:
    listed = [m["name"] for m in json.loads(named.text("manifest.json"))["members"]]
    assert sorted(listed) == sorted(n for n in named.names() if n != "manifest.json")
    assert run_cli("pack", "--verify", str(named.path)).exit_code == 0


def test_the_checklist_says_each_lead_image_and_answer_renamed(named: Pack) -> None:
    checklist = _checklist(named)
    assert ("- file renamed: stories/con.md's lead image is images/con-image-2.png in the pack, "
            "not images/con.png: a lead image is named by its story's slug, and Windows cannot "
            'extract a file named "con.png" (CON is the name of a device on Windows), so -image '
            "is added, with -2 as images/con-image.png is another file in the pack\n") in checklist
    assert ("- file renamed: stories/lpt1.md's lead image is images/lpt1-image.png in the pack, "
            "not images/lpt1.png: a lead image is named by its story's slug, and Windows cannot "
            'extract a file named "lpt1.png" (LPT1 is the name of a device on Windows), so '
            "-image is added\n") in checklist
    assert ("- file renamed: question prn's answer is answers/prn-answer.md and "
            "answers/prn-answer.txt in the pack, not answers/prn.md: an answer is named by its "
            'question\'s id, and Windows cannot extract a file named "prn.md" (PRN is the name '
            "of a device on Windows), so -answer is added\n") in checklist
    assert "con-image.md's lead image" not in checklist and "plain.md's lead image" not in checklist


def test_a_name_valid_as_written_keeps_it(named: Pack) -> None:
    evidence = sorted(n for n in named.names() if n.startswith("evidence/"))
    assert evidence == sorted(member for _, _, member in EVIDENCE)
    for i, _, member in EVIDENCE:
        assert named.text(member) == f"file {i}\n"  # taken.csv is the file of that name


def test_the_checklist_names_both_names_and_why(named: Pack) -> None:
    renamed = [line for line in _checklist(named).splitlines()
               if line.startswith("- file renamed: \"evidence/")]
    assert renamed == [
        '- file renamed: "evidence/a*b.csv" is evidence/taken-2.csv in the pack: Windows cannot '
        'extract a file named "a*b.csv" (it holds the character *), so it is named by its '
        "evidence id, as on the site, with -2 as evidence/taken.csv is another file in the pack",
        '- file renamed: "evidence/con/report.csv" is evidence/folder.csv in the pack: Windows '
        'cannot extract a folder named "con" (CON is the name of a device on Windows), so it is '
        "named by its evidence id, as on the site",
        '- file renamed: "evidence/Lpt1.Data.csv" is evidence/lpt.csv in the pack: Windows cannot '
        'extract a file named "Lpt1.Data.csv" (LPT1 is the name of a device on Windows), so it '
        "is named by its evidence id, as on the site",
        '- file renamed: "evidence/notes:v2.pdf" is evidence/notes.pdf in the pack: Windows '
        'cannot extract a file named "notes:v2.pdf" (it holds the character :), so it is named '
        "by its evidence id, as on the site",
        '- file renamed: "evidence/1:b.csv" is evidence/one.csv in the pack: Windows cannot '
        'extract a file named "1:b.csv" (it holds the character :), so it is named by its '
        "evidence id, as on the site"]
    assert "has the same name" not in _checklist(named)  # taken.csv was never moved aside


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("round18-dates") / "project"
    return write_project(root, {"stories/s.md": story(slug="s", evidence=(
        "\n  - id: a\n    path: a.csv\n    title: A\n  - id: b\n    path: b.csv\n    title: B\n")),
        "evidence/a.csv": "a\n", "evidence/b.csv": "b\n",
        "awards/dates.yml": _award("Dates", ["s"]), "awards/dates/q.md": "An answer.\n",
        "awards/dates/other.md": "Another.\n"})


@pytest.mark.parametrize(("epoch", "held", "said"), [
    ("5000000000", (2107, 12, 31, 23, 59, 58),
     "warning: the zip's file dates are 31 December 2107 23:59, the latest date a zip can "
     "hold: the pack's time, 2128-06-11 08:53 UTC (from SOURCE_DATE_EPOCH), is after 2107; "
     "manifest.json keeps the real time"),
    ("0", (1980, 1, 1, 0, 0, 0),
     "warning: the zip's file dates are 1 January 1980 00:00, the earliest date a zip can "
     "hold: the pack's time, 1970-01-01 00:00 UTC (from SOURCE_DATE_EPOCH), is before 1980; "
     "manifest.json keeps the real time"),
])
def test_dates_a_zip_cannot_hold_are_said_once(small: Path, tmp_path: Path, epoch: str,
                                               held: tuple[int, ...], said: str) -> None:
    result = run_cli("pack", "dates", "-p", str(small), "--now", NOW, "--out", str(tmp_path),
                     env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code in (0, 1), result.output
    assert [line for line in result.output.splitlines() if line.startswith("warning")] == [said]
    with zipfile.ZipFile(tmp_path / "dates.zip") as archive:
        assert {info.date_time for info in archive.infolist()} == {held}
        built = json.loads(archive.read("manifest.json"))["built"]
    assert built == ("2128-06-11T08:53:20Z" if epoch != "0" else "1970-01-01T00:00:00Z")


def test_dates_a_zip_holds_are_not_said(small: Path, tmp_path: Path) -> None:
    result = run_cli("pack", "dates", "-p", str(small), "--now", NOW, "--out", str(tmp_path),
                     env=ENV)
    assert result.exit_code in (0, 1), result.output
    assert [line for line in result.output.splitlines() if line.startswith("warning")] == []
    assert "1 warning in CHECKLIST.md" in result.output  # the checklist's, counted as before


@pytest.fixture(scope="module")
def drives(tmp_path_factory: pytest.TempPathFactory) -> Path:
    evidence = "".join(f'\n  - id: e{i}\n    path: "{written}"\n    title: File {i}\n'
                       for i, written in enumerate(
                           ["a:b.csv", "C:\\\\Users\\\\comms\\\\calls.csv", "z:/x.csv",
                            "notes:v2.pdf", "1:b.csv"]))
    root = tmp_path_factory.mktemp("round18-drives") / "project"
    return write_project(root, {"stories/s.md": story(slug="s", evidence=evidence),
                                "evidence/a:b.csv": "a\n", "evidence/notes:v2.pdf": "%PDF-1\n",
                                "evidence/1:b.csv": "one\n"})


def test_a_path_naming_a_drive_is_refused_in_those_words(drives: Path) -> None:
    result = run_cli("check", "-p", str(drives), "--now", NOW)
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        'stories/s.md:11: evidence[0].path: "a:b.csv" names a Windows drive (a:): write it '
        "relative to evidence/",
        'stories/s.md:15: evidence[1].path: "C:\\Users\\comms\\calls.csv" names a Windows drive '
        "(C:): write it relative to evidence/",
        'stories/s.md:19: evidence[2].path: "z:/x.csv" names a Windows drive (z:): write it '
        "relative to evidence/",
        "errors found: 3 errors, 0 warnings in 1 story and 0 award files"]
