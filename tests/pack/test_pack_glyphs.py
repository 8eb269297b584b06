"""Chinese, Japanese, Korean and emoji in a pack: entry.pdf and the charts draw them with fonts
that have them (fonts-wqy-microhei, fonts-symbola from scripts/setup-system.sh), not as boxes."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from pathlib import Path

import docx
import pypdf
import pytest
from PIL import Image, ImageChops

from generator.model.story import Metric
from generator.pack import charts
from tests.conftest import story
from tests.pack.conftest import Pack, build, write_project

TITLE = "数字服务 🚀 Café"
SUMMARY = "市民の声 한국어 서비스 ✅ summary"
QUOTE = "很好用 😀 정말 좋아요"
LABEL = "申请 处理 📈"
AWARD_NAME = "Glyph Awards 2027 数字 🏆"
AWARD = f"""\
name: "{AWARD_NAME}"
deadline: 2027-03-01
stories: [glyphs]
questions:
  - id: summary
    prompt: Summarise the entry.
    words: 100
    compose: summary
  - id: why
    prompt: Why should it win?
    words: 200
    compose: quotes
  - id: results
    prompt: What changed?
    words: 300
    compose: metrics
"""
GLYPH_STORY = story(
    slug="glyphs", title=f'"{TITLE}"', summary=f'"{SUMMARY}"', partners='["東京パートナー 🤝"]',
    metrics=f'\n  - label: "{LABEL}"\n    value: 1250\n    unit: count\n    baseline: 800\n',
    quotes=f'\n  - text: "{QUOTE}"\n    by: "田中 花子"\n    consent: true\n')
WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
SYMBOLA = "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.fixture(scope="session")
def glyph_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_project(tmp_path_factory.mktemp("glyphs"), {
        "awards/glyph.yml": AWARD, "stories/glyphs.md": GLYPH_STORY})
    pack = build(root, "glyph", root / "dist")
    assert pack.result.exit_code == 0, pack.result.output
    return pack


@pytest.fixture(scope="session")
def pdf(glyph_pack: Pack) -> Path:
    path = glyph_pack.project / "entry.pdf"
    path.write_bytes(glyph_pack.read("entry.pdf"))
    return path


def _embedded_fonts(pdf: Path) -> set[str]:
    """The fonts `pdffonts` lists as embedded, without their subset prefix (ABCDEF+)."""
    listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                             text=True).stdout.splitlines()[2:]
    return {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in listing
            if re.search(r"\byes\s+yes\s+yes\s+\d+\s+\d+$", line)}  # embedded, subset, Unicode


def test_entry_pdf_embeds_the_cjk_and_emoji_fonts(pdf: Path) -> None:
    fonts = _embedded_fonts(pdf)
    assert {"DejaVu-Sans", "DejaVu-Sans-Bold", "WenQuanYi-Micro-Hei"} <= fonts
    assert any(font.startswith("Symbola") for font in fonts), fonts


def test_entry_pdf_reads_back_every_character(pdf: Path) -> None:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    for words in (TITLE, SUMMARY, f"“{QUOTE}”", "— 田中 花子", f"{LABEL}: 1,250 (baseline 800",
                  AWARD_NAME):
        assert words in text


def test_entry_pdf_stays_tagged_pdf_ua(glyph_pack: Pack) -> None:
    reader = pypdf.PdfReader(io.BytesIO(glyph_pack.read("entry.pdf")))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB" and bool(root["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in root
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()


def test_entry_pdf_is_the_same_bytes_when_built_again(glyph_pack: Pack, tmp_path: Path) -> None:
    again = build(glyph_pack.project, "glyph", tmp_path / "again")
    assert again.read("entry.pdf") == glyph_pack.read("entry.pdf")


@pytest.mark.parametrize("text", [TITLE, SUMMARY, QUOTE, LABEL, "東京パートナー 🤝", "❤️ 👍🏽 é"])
def test_each_character_of_a_chart_is_drawn_with_a_font_that_has_it(text: str) -> None:
    runs = charts.text_runs(text)
    assert "".join(run.text for run in runs) == text
    for run in runs:
        assert run.file is not None
        for character in run.text:
            if unicodedata.category(character) not in ("Mn", "Me", "Cf"):  # drawn on its base
                assert ord(character) in charts.font_characters(run.file), (character, run)


def test_the_chart_fonts_are_chosen_in_order() -> None:
    assert charts.text_runs(TITLE) == [charts.Run("数字服务", WQY), charts.Run(" ", DEJAVU),
                                       charts.Run("🚀", SYMBOLA), charts.Run(" Café", DEJAVU)]
    assert charts.text_runs("😀") == [charts.Run("😀", DEJAVU)]  # DejaVu has a few emoji
    # U+10FFFF is in no font: it stays with the first font and is drawn as its box
    assert charts.text_runs("a\U0010ffff한") == [charts.Run("a\U0010ffff", DEJAVU),
                                                 charts.Run("한", WQY)]


def test_a_cjk_chart_is_not_drawn_with_dejavu_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    metrics = [Metric.model_validate({"id": "a", "label": LABEL, "value": 2, "unit": "count",
                                      "baseline": 1})]
    drawn = charts._draw(TITLE, metrics)
    monkeypatch.setattr(charts, "text_runs", lambda text: [charts.Run(text, DEJAVU)])
    boxes = charts._draw(TITLE, metrics)
    with Image.open(io.BytesIO(drawn)) as good, Image.open(io.BytesIO(boxes)) as bad:
        changed = ImageChops.difference(good.convert("RGB"), bad.convert("RGB")).getbbox()
    assert changed is not None and changed[3] < 100  # only the title and label lines differ


def test_the_pack_chart_is_the_one_drawn_with_the_fallback_fonts(glyph_pack: Pack) -> None:
    document = docx.Document(io.BytesIO(glyph_pack.read("entry.docx")))
    pictures = [part.blob for part in document.part.package.parts
                if part.partname.endswith(".png")]
    metrics = [Metric.model_validate({"label": LABEL, "value": 1250, "unit": "count",
                                      "baseline": 800})]
    assert pictures == [charts._draw(TITLE, metrics)]
