"""Round 14 (pack14) findings 3, 7 and 11: a SOURCE_DATE_EPOCH past what a zip's date holds
(2107) is held at the zip's last date, one past what a date holds is refused (exit 2); check
names a control character in a hand-written answer at its line; and the pack's messages say
what is wrong in plain words (an award file that cannot be read, a period written as a
year, a folder or a dangling link where the pack goes, an empty --out)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.conftest import NOW, run_cli, story
from tests.pack.conftest import build, write_project

AWARD = """\
name: Refusals
deadline: 2027-06-30
stories: [s]
questions:
  - {id: sum, prompt: Summary, words: 100, compose: summary}
  - {id: hand, prompt: Statement, words: 100}
"""
HAND = "First line.\n\nSecond a\u202eb\nthird \x00 and \x1b[31mred\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("refusals"), {
        "awards/pt.yml": AWARD, "awards/pt/hand.md": HAND, "stories/s.md": story(slug="s")})


@pytest.mark.parametrize(("epoch", "built"), [("4354819200", "2108-01-01T00:00:00Z"),
                                              ("17800000000", "2534-01-22T12:26:40Z")])
def test_a_date_past_2107_is_held_at_the_zips_last_date(
        project: Path, tmp_path: Path, epoch: str, built: str) -> None:
    result = run_cli("pack", "pt", "-p", str(project), "--now", NOW, "--out", str(tmp_path),
                     env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "pt.zip") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2107, 12, 31, 23, 59, 58)}
        assert json.loads(archive.read("manifest.json"))["built"] == built


@pytest.mark.parametrize("command", [["pack", "pt"], ["export"]])
def test_a_date_past_the_year_9999_is_refused_in_plain_words(
        project: Path, tmp_path: Path, command: list[str]) -> None:
    result = run_cli(*command, "-p", str(project), "--now", NOW, "--out", str(tmp_path),
                     env={"SOURCE_DATE_EPOCH": "99999999999999"})
    assert result.exit_code == 2, result.output
    assert ('SOURCE_DATE_EPOCH must be a moment from the year 1 to 9999, got "99999999999999"'
            in result.output)
    assert "internal error" not in result.output


@pytest.mark.parametrize("command", [["pack", "pt"], ["export"]])
def test_a_blank_build_time_is_unset_as_the_build_takes_it(
        project: Path, tmp_path: Path, command: list[str]) -> None:
    """" " was refused by pack and export while the build took it as unset (round 16)."""
    result = run_cli(*command, "-p", str(project), "--now", NOW, "--out", str(tmp_path),
                     env={"SOURCE_DATE_EPOCH": " "})
    assert "SOURCE_DATE_EPOCH" not in result.output


def test_export_takes_a_date_far_ahead(project: Path, tmp_path: Path) -> None:
    result = run_cli("export", "-p", str(project), "--now", NOW, "--out", str(tmp_path),
                     env={"SOURCE_DATE_EPOCH": "17800000000"})
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "stories.json").read_text())["generated"].startswith("2534-")


def test_check_names_each_control_character_in_an_answer_at_its_line(project: Path) -> None:
    result = run_cli("check", "-p", str(project), "--now", NOW)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("awards/pt/hand.md")]
    assert [line.split(": the control character ")[0] for line in lines] == [
        "awards/pt/hand.md:3: warning", "awards/pt/hand.md:4: warning",
        "awards/pt/hand.md:4: warning"]
    assert ["U+202E" in lines[0], "U+0000" in lines[1], "U+001B" in lines[2]] == [True] * 3


def test_an_unknown_id_names_the_award_file_that_cannot_be_read(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"awards/pt.yml": AWARD.replace("deadline: 2027-06-30",
                                                                   "deadline: soon"),
                                     "stories/s.md": story(slug="s")})
    result = run_cli("pack", "pt2", "-p", str(root), "--now", NOW)
    assert result.exit_code == 2
    assert ('no award file "pt2" in awards/; award ids: none; awards/pt.yml could not be read '
            "(showcase check names the errors)") in result.output


def test_a_period_written_as_a_year_gets_the_fields_it_takes(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"awards/pt.yml": AWARD + 'period: "2025-26"\n',
                                    "stories/s.md": story(slug="s")})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert ('awards/pt.yml:7: period: expected from and to dates, got "2025-26": write '
            "period: {from: 2025-04-01, to: 2026-03-31}") in result.output


def test_a_folder_where_the_pack_goes_is_named(project: Path, tmp_path: Path) -> None:
    (tmp_path / "pt.zip").mkdir()
    built = build(project, "pt", tmp_path)
    assert built.result.exit_code == 2
    assert (f"cannot write {tmp_path}/pt.zip: a folder of that name is where the pack goes "
            "(rename or remove the folder)") in built.result.output


def test_a_dangling_link_where_the_pack_goes_is_named(project: Path, tmp_path: Path) -> None:
    link = tmp_path / "dist"
    link.symlink_to(tmp_path / "gone")
    built = build(project, "pt", link)
    assert built.result.exit_code == 2
    assert (f"{link} is a link to {tmp_path}/gone, which does not exist (make that folder, "
            "or remove the link)") in built.result.output


@pytest.mark.parametrize("command", [["pack", "pt"], ["export"], ["schema"], ["cms"]])
def test_an_empty_out_is_a_usage_error(project: Path, command: list[str]) -> None:
    before = sorted(p.name for p in project.iterdir())
    result = run_cli(*command, "-p", str(project), "--now", NOW, "--out", "")
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--out': is empty" in result.output
    assert sorted(p.name for p in project.iterdir()) == before
