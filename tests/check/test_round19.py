"""Round 19 (pack19): a series' rows are ordered by the periods check reads, not by the
numbers in their text; award packs that would share a file name; the web-address message of
an evidence path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.series_told import ORDER
from tests.check.series_told import told as _told
from tests.conftest import NOW, STRATEGY, ProjectFactory, run_cli, story


@pytest.mark.parametrize("periods", [
    ("Jun 2025", "Q2 2025-26"),  # June 2025, then July to September 2025
    ("2012-04", "2012-05", "Q2 2012-13"),
    ("2010-05", "Q2 2010-11"),
    ("2010-05", "2010-11 Q2"),
    ("Q1 2025-26", "Jul 2025", "Aug 2025", "Q3 2025-26", "2026 Q1", "Apr 2026"),
    ("year to March 2026", "year to June 2026"),
    ("2024-25", "2025-26 to date"),
    ("Mar 2026", "Q1 2026-27"),
])
def test_rows_in_time_order_pass_however_the_period_is_written(periods: tuple[str, ...]) -> None:
    assert _told(*periods) == []


@pytest.mark.parametrize(("periods", "line", "period", "before"), [
    (("Q3 2025-26", "Jul 2025"), 3, "Jul 2025", "Q3 2025-26"),  # October to December, then July
    (("Q3 2012-13", "2012-07"), 3, "2012-07", "Q3 2012-13"),
    (("Oct-Dec 2025", "Jul 2025"), 3, "Jul 2025", "Oct-Dec 2025"),  # as before
    (("2010-07", "2010-08", "Q1 2010-11"), 4, "Q1 2010-11", "2010-08"),
    (("Q2 2026-27", "2026 Q1"), 3, "2026 Q1", "Q2 2026-27"),
    (("2025-26", "2024-25"), 3, "2024-25", "2025-26"),  # as before
])
def test_rows_out_of_time_order_are_refused(periods: tuple[str, ...], line: int, period: str,
                                            before: str) -> None:
    assert _told(*periods) == [
        f"data/x.csv:{line}: period: " + ORDER.format(period=period, before=before)]


def test_a_period_check_cannot_read_is_left_out_of_the_order() -> None:
    # `2023-26` is not read (a warning says so): its order is not checked (round 20, pack20 #1)
    told = _told("2027", "2023-26")
    assert len(told) == 1 and "is not a period check can read" in told[0]
    assert _told("Wave 2", "Wave 1")[1:] == []  # no year: no order checked, only the warning


def _series_project(make_project: ProjectFactory, csv: str) -> list[str]:
    root = make_project({"data/strategy.yml": STRATEGY, "data/income.csv": csv})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    return [line for line in result.output.splitlines() if line.startswith("data/income.csv")]


def test_check_orders_a_series_by_its_periods(make_project: ProjectFactory) -> None:
    assert _series_project(make_project, "period,income\nJun 2025,1\nQ2 2025-26,2\n") == []
    assert _series_project(make_project, "period,income\nQ3 2025-26,1\nJul 2025,2\n") == [
        "data/income.csv:3: period: " + ORDER.format(period="Jul 2025", before="Q3 2025-26")]


# -- two awards whose packs would be written to one file (pack19 #2) ------------------------

SAME = ("showcase pack would write this award's pack and the pack of {other} both to "
        "{name}: one pack would replace the other; rename one of the two award files (until "
        "then neither pack is built)")


def _awards(root: Path, *ids: str) -> None:
    award = (root / "awards" / "lgc-awards-2027.yml").read_text(encoding="utf-8")
    for number, award_id in enumerate(ids):
        (root / "awards" / f"{award_id}.yml").write_text(
            award.replace("name:", f"name: Award {number} #", 1), encoding="utf-8")


def test_check_names_both_awards_whose_packs_share_a_file(example_project: Path) -> None:
    _awards(example_project, "con", "con-pack")
    result = run_cli("check", "-p", str(example_project), "--now", NOW)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "awards/con.yml: " + SAME.format(other="awards/con-pack.yml", name="con-pack.zip") \
        in lines
    assert "awards/con-pack.yml: " + SAME.format(other="awards/con.yml", name="con-pack.zip") \
        in lines


def test_pack_names_that_differ_only_in_letter_case_clash_too(example_project: Path) -> None:
    _awards(example_project, "Lpt9", "lpt9-pack")
    result = run_cli("check", "-p", str(example_project), "--now", NOW)
    assert ("awards/Lpt9.yml: showcase pack would write this award's pack to Lpt9-pack.zip and "
            "the pack of awards/lpt9-pack.yml to lpt9-pack.zip: the same file on Windows and "
            "macOS, which do not tell letter case or how an accent is written apart; one pack "
            "would replace the other; rename one of the two award files (until then neither "
            "pack is built)") in result.output.splitlines()


def test_awards_whose_packs_have_their_own_files_are_not_told(example_project: Path) -> None:
    _awards(example_project, "con", "con-pack-2")
    result = run_cli("check", "-p", str(example_project), "--now", NOW)
    assert "showcase pack would write" not in result.output
    # one id spelt two ways is told once, as before (neither file is used)
    _awards(example_project, "Pt", "pt")
    result = run_cli("check", "-p", str(example_project), "--now", NOW)
    assert "showcase pack would write" not in result.output
    assert "both give the award id pt" in result.output


def test_pack_refuses_rather_than_replace_another_awards_pack(example_project: Path) -> None:
    _awards(example_project, "con", "con-pack")
    dist = example_project / "dist"
    dist.mkdir()
    (dist / "con-pack.zip").write_bytes(b"the earlier pack")
    for award_id, other in (("con", "con-pack"), ("con-pack", "con")):
        result = run_cli("pack", award_id, "-p", str(example_project), "--now", NOW)
        assert result.exit_code == 2
        assert f"awards/{award_id}.yml: " + SAME.format(other=f"awards/{other}.yml",
                                                        name="con-pack.zip") in result.output
    assert (dist / "con-pack.zip").read_bytes() == b"the earlier pack"


# -- an address as an evidence path (pack19 #4) ----------------------------------------------

@pytest.mark.parametrize(("written", "told"), [
    ("https://example.org/x.csv",
     "is a web address: an evidence path names a file in evidence/ (download the file into "
     "evidence/ and write its name here, e.g. x.csv); a web address belongs in a metric's "
     "source (source: https://example.org/x.csv)"),
    ("http://example.org/y.csv",
     "is a web address: an evidence path names a file in evidence/ (download the file into "
     "evidence/ and write its name here, e.g. y.csv); a web address belongs in a metric's "
     "source (source: https://example.org/y.csv)"),
    ("file:///etc/passwd",
     "is a file address: an evidence path names a file in evidence/ (copy the file into "
     "evidence/ and write its name here)"),
    ("FTP://example.org/data/report.pdf",
     "is a web address: an evidence path names a file in evidence/ (download the file into "
     "evidence/ and write its name here, e.g. report.pdf); a web address belongs in a "
     "metric's source, as an https:// address"),
    ("mailto:a@b.c",
     "is an email address: an evidence path names a file in evidence/ (save the file, e.g. "
     "the email's attachment, into evidence/ and write its name here)"),
    ("data:text/plain,hi",
     "is a data address: an evidence path names a file in evidence/ (save what it holds as a "
     "file in evidence/ and write its name here)"),
    ("www.example.org/z.csv",
     "is a web address: an evidence path names a file in evidence/ (download the file into "
     "evidence/ and write its name here, e.g. z.csv); a web address belongs in a metric's "
     "source (source: https://www.example.org/z.csv)"),
])
def test_an_address_as_an_evidence_path_is_told_in_a_whole_sentence(
        make_project: ProjectFactory, written: str, told: str) -> None:
    evidence = f'[{{id: e1, path: "{written}", title: T}}]'
    root = make_project({"stories/2026-01-01-web.md": story(evidence=evidence)})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f'stories/2026-01-01-web.md:8: evidence[0].path: "{written}" {told}')


def test_a_file_named_like_an_address_is_a_file(make_project: ProjectFactory) -> None:
    # a colon is a character of a name on Linux and a Mac: a file that is there is used
    evidence = '[{id: e1, path: "data:v2.csv", title: T}, {id: e2, path: "www.x.org.csv", title: U}]'
    root = make_project({"stories/2026-01-01-web.md": story(evidence=evidence),
                         "evidence/data:v2.csv": "a\n1\n", "evidence/www.x.org.csv": "a\n1\n"})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    assert "address" not in result.output
    assert "evidence[" not in result.output
