"""Round 20 (pack20 #1 to #4): a series' order is judged between the periods check reads,
skipping the ones it cannot; an award id whose part before its first dot is a device's name
(con.2027) gets a pack name Windows can save; award files whose pack names differ only in how
an accent is written are told apart; straße and strasse, ﬁle and file are not one file."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.attachment_names import accents_shown, device_marked, same_name, windows_problem
from generator.paths import pack_file_name, pack_name_key, pack_name_problem
from tests.check.series_told import ORDER
from tests.check.series_told import told as _told
from tests.conftest import NOW, run_cli


def _unread(line: int, label: str) -> str:
    return f'data/x.csv:{line}: period: "{label}" is not a period check can read'


@pytest.mark.parametrize(("periods", "line", "period", "before", "unread"), [
    (("2024-25", "Wave 2", "2023-24"), 4, "2023-24", "2024-25", (3, "Wave 2")),
    (("2024-25", "n/a", "2023-24", "2025-26"), 4, "2023-24", "2024-25", (3, "n/a")),
    (("Wave 1", "2025-26", "2024-25"), 4, "2024-25", "2025-26", (2, "Wave 1")),
])
def test_a_period_check_cannot_read_does_not_hide_the_order_of_the_others(
        periods: tuple[str, ...], line: int, period: str, before: str,
        unread: tuple[int, str]) -> None:
    told = _told(*periods)
    assert told[0] == f"data/x.csv:{line}: period: " + ORDER.format(period=period, before=before)
    assert len(told) == 2 and told[1].startswith(_unread(*unread))


@pytest.mark.parametrize(("periods", "unread"), [
    (("Jan 2025", "Summer 2025"), (3, "Summer 2025")),
    (("Q1 2024-25", "Christmas 2024"), (3, "Christmas 2024")),
    (("2025-03", "Spring 2025 survey"), (3, "Spring 2025 survey")),
    (("Christmas 2024", "Q1 2024-25"), (2, "Christmas 2024")),
    (("2027", "2023-26"), (3, "2023-26")),  # read by its numbers before: not now
    (("Wave 2", "Wave 1"), (2, "Wave 2")),
    (("2023-24", "Wave 2", "2024-25"), (3, "Wave 2")),
])
def test_a_period_check_cannot_read_is_never_called_out_of_order(
        periods: tuple[str, ...], unread: tuple[int, str]) -> None:
    told = _told(*periods)
    assert len(told) == 1 and told[0].startswith(_unread(*unread))
    assert "order and overlaps with the other rows cannot be checked" in told[0]


def test_check_refuses_a_series_out_of_order_around_an_unread_row(example_project: Path) -> None:
    (example_project / "data" / "traded-income.csv").write_text(
        "period,income\n2024-25,10\nWave 2,11\n2023-24,12\n", encoding="utf-8")
    result = run_cli("check", "-p", str(example_project), "--now", NOW)
    assert result.exit_code == 1
    assert ("data/traded-income.csv:4: period: "
            + ORDER.format(period="2023-24", before="2024-25")) in result.output.splitlines()


# --- #2: a device's name before the first dot --------------------------------------------

@pytest.mark.parametrize(("award_id", "name"), [
    ("con.2027", "con-pack.2027.zip"), ("nul.tar", "nul-pack.tar.zip"),
    ("CON .txt", "CON -pack.txt.zip"), ("con", "con-pack.zip"), ("aux ", "aux -pack.zip"),
    ("console.2027", "console.2027.zip"), ("a.con", "a.con.zip"),
])
def test_a_pack_of_an_id_with_a_dot_after_a_device_name_is_named_for_windows(
        award_id: str, name: str) -> None:
    assert pack_file_name(award_id) == name
    assert windows_problem(name) is None
    assert (pack_name_problem(award_id) is None) == (name == f"{award_id}.zip")


def test_the_mark_goes_after_the_device_name() -> None:
    assert device_marked("con.2027", "file") == "con-file.2027"
    assert device_marked("con", "image", ".png") == "con-image.png"
    assert device_marked("x.", "file") == "x.-file"  # no device: after the name, as before
    assert windows_problem("CON .txt") == "CON is the name of a device on Windows"


def test_check_warns_at_an_award_named_con_2027(example_project: Path) -> None:
    award = (example_project / "awards" / "lgc-awards-2027.yml").read_text(encoding="utf-8")
    (example_project / "awards" / "con.2027.yml").write_text(award, encoding="utf-8")
    result = run_cli("check", "-p", str(example_project), "--now", NOW)
    assert ('awards/con.2027.yml: warning: the award id "con.2027" (the file name) would name '
            "its pack con.2027.zip, which Windows cannot save (CON is the name of a device on "
            "Windows): showcase pack writes con-pack.2027.zip instead; rename the file to keep "
            "the usual name") in result.output.splitlines()


# --- #3 and #4: pack names that look alike -------------------------------------------------

def _awards(root: Path, *ids: str) -> None:
    award = (root / "awards" / "lgc-awards-2027.yml").read_text(encoding="utf-8")
    for number, award_id in enumerate(ids):
        (root / "awards" / f"{award_id}.yml").write_text(
            award.replace("name:", f"name: Award {number} #", 1), encoding="utf-8")


def test_accent_written_two_ways_is_shown() -> None:
    assert accents_shown("cafe\u0301.yml") == " (é written as e + U+0301)"
    assert accents_shown("caf\u00e9.yml") == ""
    assert accents_shown("\u212aelvin") == " (K written as U+212A KELVIN SIGN)"


def test_award_files_named_with_accents_written_two_ways_are_told_apart(
        example_project: Path) -> None:
    composed, decomposed = "caf\u00e9", "cafe\u0301"
    _awards(example_project, composed, decomposed)
    result = run_cli("check", "-p", str(example_project), "--now", NOW)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    advice = ("one pack would replace the other; rename one of the two award files (until then "
              "neither pack is built)")
    macos = "the same file on macOS, which does not tell apart how an accent is written"
    assert (f"awards/{composed}.yml: showcase pack would write this award's pack to "
            f"{composed}.zip and the pack of awards/{decomposed}.yml (é written as e + U+0301) "
            f"to {decomposed}.zip: {macos}; {advice}") in lines
    assert (f"awards/{decomposed}.yml: showcase pack would write this award's pack to "
            f"{decomposed}.zip (é written as e + U+0301) and the pack of "
            f"awards/{composed}.yml to {composed}.zip: {macos}; {advice}") in lines


@pytest.mark.parametrize(("one", "other"), [("strasse", "straße"), ("file", "ﬁle")])
def test_names_full_case_folding_joins_are_two_files(one: str, other: str) -> None:
    assert pack_name_key(one) != pack_name_key(other)
    assert same_name(f"{one}.csv") != same_name(f"{other}.csv")


def test_names_simple_case_joins_are_one_file() -> None:
    assert pack_name_key("Con") == pack_name_key("con")
    assert pack_name_key("STRAẞE") == pack_name_key("straße")
    assert pack_name_key("ΑΣ") == pack_name_key("ας") == pack_name_key("ασ")
    assert pack_name_key(unicodedata.normalize("NFD", "Café")) == pack_name_key("café")
    assert same_name("\u212a.csv") == same_name("k.csv")  # the Kelvin sign, as before


def test_check_takes_strasse_and_strasse_with_sharp_s_as_two_awards(
        example_project: Path) -> None:
    _awards(example_project, "strasse", "straße", "file", "ﬁle")
    result = run_cli("check", "-p", str(example_project), "--now", NOW)
    assert "both give the award id" not in result.output
    assert "showcase pack would write" not in result.output
    mine = ("awards/strasse.yml", "awards/straße.yml", "awards/file.yml", "awards/ﬁle.yml")
    assert [line for line in result.output.splitlines()
            if line.startswith(mine) and ": warning: " not in line] == []
    result = run_cli("pack", "strasse", "-p", str(example_project), "--now", NOW,
                     "--out", str(example_project / "dist"))
    assert result.exit_code != 2, result.output
    assert (example_project / "dist" / "strasse.zip").is_file()
