"""Round 23 (judge23 #5-#8): the chart's figures as the rest of the pack writes them, the
checklist's attachment lines in good English and suggesting formats that suit the file,
`--verify` counting files, and character limits counted as an online form counts them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from generator import clock, formatting, project
from generator.catalogue import collect
from generator.model.award import Question
from generator.model.story import Metric, Unit
from generator.pack import charts, make_plan
from generator.pack.answers import form_length, measure
from generator.pack.checklist import over_size
from tests.conftest import NOW, REPO, picture, run_cli, story
from tests.pack.conftest import Pack, write_project

# --- 5: the chart's labels --------------------------------------------------------------

PCT = Metric.model_validate({"id": "pct", "label": "Share online", "value": 99.95,
                             "unit": "percent", "baseline": 0.05})


def _drawn(title: str, metrics: list[Metric], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every string the drawing code puts on the chart, in the order it draws them."""
    texts: list[str] = []
    real = charts._text

    def recording(draw: object, centre: tuple[int, int], text: str, points: int) -> None:
        texts.append(text)
        real(draw, centre, text, points)  # type: ignore[arg-type]

    monkeypatch.setattr(charts, "_text", recording)
    charts._draw(title, metrics)
    return texts


def test_the_chart_labels_a_percentage_as_the_table_and_alt_text_do(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """0.05% and 99.95%, not 0.1% and 100%: a judge saw a 100% claim in the chart."""
    assert charts.bar_labels(PCT) == ("0.05%", "99.95%")
    assert _drawn("Online", [PCT], monkeypatch) == [
        "Online", "Share online", "0.05%", "Before", "99.95%", "After"]
    assert "Share online: 0.05% before, 99.95% after" in charts._alt("Online", [PCT])


@pytest.mark.parametrize(("value", "unit", "shown"), [
    (99.95, "percent", "99.95%"), (99.999, "percent", "99.999%"), (100, "percent", "100%"),
    (0.004, "percent", "0.004%"), (1234567.89, "GBP", "£1,234,567.89"),
    (1250.5, "count", "1,250.5"), (0.25, "hours", "0.25 hours"),
])
def test_each_bar_s_figure_is_the_pack_s_formatted_figure_whole(
        value: float, unit: str, shown: str, monkeypatch: pytest.MonkeyPatch) -> None:
    metric = Metric.model_validate({"id": "m", "label": "M", "value": value, "unit": unit,
                                    "baseline": 1})
    assert charts.bar_labels(metric)[1] == formatting.full(value, Unit(unit)) == shown
    drawn = _drawn("T", [metric], monkeypatch)
    assert drawn[drawn.index("Before") + 1] == shown


def test_a_long_figure_is_smaller_or_on_two_lines_but_never_shortened(
        monkeypatch: pytest.MonkeyPatch) -> None:
    money = Metric.model_validate({"id": "m", "label": "Spend", "value": 123456789012.5,
                                   "unit": "GBP", "baseline": 1234567.89})
    assert _drawn("T", [money], monkeypatch)[2:] == [
        "£1,234,567.89", "Before", "£123,456,789,012.50", "After"]
    carbon = Metric.model_validate({"id": "c", "label": "Carbon", "value": 1234567,
                                    "unit": "tonnes-co2e", "baseline": 2000000})
    assert _drawn("T", [carbon], monkeypatch)[2:] == [
        "2,000,000", "tonnes CO2e", "Before", "1,234,567", "tonnes CO2e", "After"]


# --- 6: the checklist's attachment lines ------------------------------------------------

AWARD = """\
name: Files Awards 2027
deadline: 2027-06-30
stories: [files]
questions:
  - {{id: summary, prompt: Summary, words: 300, compose: summary}}
attachments: {{formats: [{formats}]}}
"""


def _attachment_lines(tmp_path: Path, formats: str, evidence: dict[str, bytes],
                      image: str = "lead.jpg") -> list[str]:
    listed = "".join(f"\n  - {{id: e{n}, path: {name}, title: File {n}}}"
                     for n, name in enumerate(evidence))
    files: dict[str, str | bytes] = {
        "awards/files.yml": AWARD.format(formats=formats),
        "stories/2026-05-01-files.md": story(
            slug="files", title="Files story", date="2026-05-01",
            image=f"{{src: media/{image}, alt: A team at work}}",
            **({"evidence": listed} if evidence else {})),
        f"stories/media/{image}": picture("." + image.rsplit(".", 1)[1]),
        **{f"evidence/{name}": data for name, data in evidence.items()},
    }
    root = write_project(tmp_path, files)
    now = clock.now(NOW)
    plan = make_plan(collect(project.discover(root), now), "files", now)
    return [line for line in plan.checklist.blockers + plan.checklist.warnings
            if line.startswith("attachments")]


def test_one_file_not_to_attach_is_said_in_the_singular(tmp_path: Path) -> None:
    assert _attachment_lines(tmp_path, "pdf", {}) == [
        "attachments: images/files.jpg is not to attach: the award does not accept .jpg files "
        "(accepted: pdf); to send it, save a copy as PDF and cite that copy as evidence",
        "attachments: the pack's one file is not to attach: it is in the pack for you, not "
        "for the entry form"]


def test_a_photo_is_suggested_picture_formats_a_table_table_formats(tmp_path: Path) -> None:
    """MJ-like: pdf, docx, csv, png and xlsx: a JPEG photo is not to be saved as CSV or XLSX."""
    lines = _attachment_lines(tmp_path, "pdf, docx, csv, png, xlsx", {
        "notes.odt": b"PK\x05\x06" + b"\0" * 18, "figures.ods": b"PK\x05\x06" + b"\0" * 18,
        "letter.pdf": b"%PDF-1.4\n%%EOF\n"})
    assert lines == [
        "attachments: evidence/notes.odt is not to attach: the award does not accept .odt "
        "files (accepted: pdf, docx, csv, png, xlsx); to send it, save a copy as PDF or DOCX "
        "and cite that copy as evidence",
        "attachments: evidence/figures.ods is not to attach: the award does not accept .ods "
        "files (accepted: pdf, docx, csv, png, xlsx); to send it, save a copy as CSV or XLSX "
        "and cite that copy as evidence",
        "attachments: images/files.jpg is not to attach: the award does not accept .jpg files "
        "(accepted: pdf, docx, csv, png, xlsx); to send it, save a copy as PNG and cite that "
        "copy as evidence",
        "attachments: attach 1 file of the pack's 4: evidence/letter.pdf; the others are in "
        "the pack for you, not for the entry form"]


def test_without_a_picture_format_a_photo_is_saved_as_pdf_and_a_table_as_a_document(
        tmp_path: Path) -> None:
    lines = _attachment_lines(tmp_path, "docx, pdf", {"sheet.csv": b"a,b\n1,2\n"},
                              image="lead.png")
    assert lines[:2] == [
        "attachments: evidence/sheet.csv is not to attach: the award does not accept .csv "
        "files (accepted: docx, pdf); to send it, save a copy as DOCX or PDF and cite that "
        "copy as evidence",
        "attachments: images/files.png is not to attach: the award does not accept .png files "
        "(accepted: docx, pdf); to send it, save a copy as PDF and cite that copy as evidence"]


def test_a_one_byte_file_is_one_byte() -> None:
    assert over_size(1, 0) == "1 byte, over the 0 MB limit (0 bytes)"


# --- 7: --verify counts files -----------------------------------------------------------

def test_verify_counts_a_changed_file_once(lgc_pack: Pack, tmp_path: Path) -> None:
    tampered = tmp_path / "j23-t.zip"
    with zipfile.ZipFile(lgc_pack.path) as source, zipfile.ZipFile(tampered, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data + b"!!" if name == "answers/summary.txt" else data)
    size = len(lgc_pack.read("answers/summary.txt"))
    result = run_cli("pack", "--verify", str(tampered))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{tampered}: answers/summary.txt: size {size + 2}, the manifest says {size}",
        f"{tampered}: answers/summary.txt: SHA-256 differs from the manifest",
        f"{tampered}: 1 file differs from the manifest"]


def test_verify_says_when_there_is_no_manifest_to_check_against(
        lgc_pack: Pack, tmp_path: Path) -> None:
    bare = tmp_path / "bare.zip"
    with zipfile.ZipFile(lgc_pack.path) as source, zipfile.ZipFile(bare, "w") as target:
        for name in source.namelist():
            if name != "manifest.json":
                target.writestr(name, source.read(name))
    result = run_cli("pack", "--verify", str(bare))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{bare}: manifest.json is missing", f"{bare}: it cannot be checked against a manifest"]


# --- 8: characters as a form counts them -----------------------------------------------

@pytest.mark.parametrize(("text", "units"), [
    ("\U0001F44D\U0001F3FD\U0001F468\u200d\U0001F469\u200d\U0001F467x", 13),  # judge23's
    ("\U0001F1EC\U0001F1E7", 4),  # the UK flag: two regional indicators
    ("\U0001F3F4\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F", 14),  # Wales's
    ("e\u0301te\u0301", 5),  # été typed with combining accents
    ("\u00e9t\u00e9", 3),  # été with its accented letters
    ("caf\u00e9 \u2014 \u00a31", 9),  # BMP letters and signs: 1 each
])
def test_characters_are_counted_in_utf16_code_units(text: str, units: int) -> None:
    assert form_length(text) == units
    assert measure(text, Question.model_validate(
        {"id": "q", "prompt": "Q", "characters": 10})) == units


def test_a_character_limit_is_checked_as_a_form_would(tmp_path: Path) -> None:
    """8 code points, 13 in a form's maxlength: over a limit of 10 everywhere it is shown."""
    answer = "\U0001F44D\U0001F3FD\U0001F468\u200d\U0001F469\u200d\U0001F467x\n"
    root = write_project(tmp_path, {
        "awards/chars.yml": "name: Chars 2027\ndeadline: 2027-06-30\nstories: [c]\n"
                            "questions:\n  - {id: tagline, prompt: Tagline, characters: 10}\n"
                            "  - {id: one, prompt: One, words: 10}\n",
        "awards/chars/tagline.md": answer,
        "awards/chars/one.md": "Done.\n",
        "stories/2026-05-01-c.md": story(slug="c", date="2026-05-01"),
    })
    result = run_cli("pack", "chars", "-p", str(root), "--now", NOW, "--out", str(root / "d"),
                     env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.exit_code == 1, result.output
    rows = [" ".join(line.strip("│ ").split()) for line in result.output.splitlines()
            if line.startswith(("│ tagline", "│ one"))]
    assert rows == ["tagline │ 13 characters │ 10 │ over the limit", "one │ 1 word │ 10 │ ok"]
    with zipfile.ZipFile(root / "d" / "chars.zip") as pack:
        checklist = pack.read("CHECKLIST.md").decode()
        html = pack.read("entry.html").decode()
    assert "- [ ] tagline: 13 characters of 10" in checklist.splitlines()
    assert "| tagline | 13 characters of 10 | over the limit |" in checklist.splitlines()
    assert "| one | 1 word of 10 | ok |" in checklist.splitlines()
    assert "13 characters of 10 (over the limit)" in html
    assert "an emoji as 2, a\ncountry's flag as 4 (the Welsh, Scottish and English flags as 14), " \
        "a line break as 1" in checklist


def test_the_docs_say_how_characters_are_counted() -> None:
    text = " ".join((REPO / "docs/entering-an-award.md").read_text(encoding="utf-8").split())
    assert "as an online entry form counts them for its limit (HTML's `maxlength`, in UTF-16 " \
        "code units)" in text
