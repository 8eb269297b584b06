"""Round 20 (pack20 #2, #4, #5, #6): an award id whose part before its first dot is a
device's name (con.2027) gets a pack name Windows can save; evidence files named straße.csv
and strasse.csv keep their own names (Windows and macOS keep them apart); keycap emoji are
drawn with a font that has the keycap; Chinese and Japanese chart labels break between
characters onto the second line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from generator.model.story import Metric
from generator.pack import charts
from generator.pack.charts import Run, _draw, _wrap, font_characters, text_runs
from tests.conftest import NOW, run_cli, story
from tests.pack.conftest import ENV, Pack, build, write_project

AWARD = ("name: Names\ndeadline: 2027-06-30\nstories: [files]\n"
         "questions:\n  - {id: q, prompt: Question, words: 500}\n")
EVIDENCE = [("sharp", "straße.csv"), ("double", "strasse.csv"), ("liga", "ﬁle.csv"),
            ("plain", "file.csv")]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("round20-names")
    evidence = "".join(f'\n  - id: {i}\n    path: "{written}"\n    title: File {i}\n'
                       for i, written in EVIDENCE)
    return write_project(root / "project", {
        "stories/files.md": story(slug="files", evidence=evidence),
        "awards/names.yml": AWARD, "awards/names/q.md": "An answer.\n",
        "awards/con.2027.yml": AWARD, "awards/con.2027/q.md": "An answer.\n",
        **{f"evidence/{written}": f"file {i}\n" for i, written in EVIDENCE}})


@pytest.fixture(scope="module")
def names(project: Path) -> Pack:
    built = build(project, "names", project.parent / "dist")
    assert built.result.exit_code in (0, 1), built.result.output
    return built


def test_an_award_id_with_a_device_name_before_its_dot_gets_a_name_windows_saves(
        project: Path) -> None:
    out = project.parent / "dist-con"
    result = run_cli("pack", "con.2027", "-p", str(project), "--now", NOW, "--out", str(out),
                     env=ENV)
    assert result.exit_code in (0, 1), result.output
    assert sorted(p.name for p in out.iterdir()) == ["con-pack.2027.zip"]
    assert ("note: the pack is named con-pack.2027.zip, not con.2027.zip, which Windows cannot "
            "save (CON is the name of a device on Windows)") in result.output.splitlines()


def test_straße_and_strasse_keep_their_own_names(names: Pack) -> None:
    members = names.names()
    for _, written in EVIDENCE:
        assert f"evidence/{written}" in members
    assert "is evidence/strasse-2.csv" not in names.text("CHECKLIST.md")
    assert "-2.csv" not in " ".join(members)


# --- charts ----------------------------------------------------------------------------------

SYMBOLA = charts.FONTS[2][0]
needs_fonts = pytest.mark.skipif(
    not all(Path(family[0]).is_file() for family in charts.FONTS),
    reason="the chart fonts are not installed (scripts/setup-system.sh)")


@needs_fonts
@pytest.mark.parametrize("keycap", ["1\ufe0f\u20e3", "#\ufe0f\u20e3", "2\u20e3"])
def test_a_keycap_is_drawn_whole_in_a_font_that_has_the_keycap(keycap: str) -> None:
    dejavu = charts.FONTS[0][0]
    assert 0x20E3 not in font_characters(dejavu) and 0x20E3 in font_characters(SYMBOLA)
    assert text_runs(f"Step {keycap} done") == [
        Run("Step ", dejavu), Run(keycap, SYMBOLA), Run(" done", dejavu)]


@needs_fonts
def test_marks_the_base_font_has_stay_with_it() -> None:
    dejavu = charts.FONTS[0][0]
    assert text_runs("cafe\u0301 \u260e\ufe0f ok") == [Run("cafe\u0301 \u260e\ufe0f ok", dejavu)]


@needs_fonts
@pytest.mark.parametrize(("label", "lines"), [
    ("地图图层公开数据数量非常多的一个很长的标签", ["地图图层公开数据数量非常多的一", "个很长的标签"]),
    ("データをオープンにするためのとても長いラベルです", ["データをオープンにするためのと", "ても長いラベルです"]),
])
def test_a_cjk_label_breaks_between_characters_onto_the_second_line(
        label: str, lines: list[str]) -> None:
    wrapped = _wrap(label, 10, 394)
    assert wrapped == lines
    assert "".join(wrapped) == label


@needs_fonts
def test_latin_words_are_not_broken_and_latin_wrapping_is_as_before() -> None:
    label = "Calls answered by the contact centre within the target time of the day"
    assert _wrap(label, 10, 394) == ["Calls answered by the contact",
                                     "centre within the target tim..."]
    assert _wrap("Supercalifragilisticexpialidocious" * 2, 10, 394)[0].endswith("...")
    assert _wrap("Mix 地图 Englishwords地图", 10, 394) == ["Mix 地图 Englishwords地图"]


@needs_fonts
def test_a_chart_with_a_cjk_label_uses_both_lines() -> None:
    metric = Metric.model_validate({"id": "a", "label": "地图图层公开数据数量非常多的一个很长的标签",
                                    "value": 5, "unit": "count", "baseline": 3})
    with Image.open(io.BytesIO(_draw("T", [metric]))) as image:
        grey = image.convert("L")
        # the second label line (its centre 52 points down, at twice the scale): ink there
        second = grey.crop((40, 2 * 52 - 12, 40 + 394, 2 * 52 + 12))
        assert second.getextrema()[0] < 128


def test_the_member_names_are_in_the_zip(names: Pack) -> None:
    with zipfile.ZipFile(names.path) as archive:
        assert archive.testzip() is None


@needs_fonts
@pytest.mark.parametrize("keycap", ["2\ufe0f\u20e3", "#\ufe0f\u20e3"])
def test_the_text_after_a_keycap_starts_after_its_box(keycap: str) -> None:
    """The keycap's box is wider than its digit's advance: it covered the space after it
    (round 21); the next run starts at the box's right edge."""
    font = charts._font(10, SYMBOLA)
    right = font.getbbox(keycap, anchor="ls")[2]
    assert font.getlength(keycap) < right  # what the digit alone advances
    assert charts._advance(Run(keycap, SYMBOLA), 10) == right
    plain = Run("Step ", charts.FONTS[0][0])
    assert charts._advance(plain, 10) == charts._font(10, plain.file).getlength("Step ")
