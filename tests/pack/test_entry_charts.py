"""Each story's bar chart is in entry.html and entry.pdf as in entry.docx: after the story's
summary, with the same text alternative, drawn once per pack."""

from __future__ import annotations

import base64
import io

import docx
import lxml.html
import pypdf
import pytest
from PIL import Image

from generator import clock, project
from generator.catalogue import collect
from generator.pack import charts
from generator.pack.build import assemble
from generator.pack.plan import make_plan
from tests.conftest import NOW
from tests.pack.conftest import Pack, pdf_figures

GOOD_ALT = ("Bar chart for Good story, baseline against current value. "
            "=SUM(A1:A2): 10% before, 12.5% after.")
DATA_PNG = "data:image/png;base64,"


def _articles(pack: Pack) -> dict[str, lxml.html.HtmlElement]:
    """entry.html's story cards by slug, parsed as a browser would (lxml's HTML parser)."""
    page = lxml.html.document_fromstring(pack.read("entry.html"))
    return {a.get("aria-labelledby").removeprefix("s-"): a
            for a in page.iter("article") if "story" in a.classes}


def _docx_charts(pack: Pack) -> list[tuple[str, bytes]]:
    """entry.docx's charts in order: each picture's alt text (Word's descr) and PNG bytes."""
    document = docx.Document(io.BytesIO(pack.read("entry.docx")))
    found = []
    for shape in document.inline_shapes:
        if shape._inline.docPr.get("title", "").startswith("Chart: "):
            blip = shape._inline.graphic.graphicData.pic.blipFill.blip
            found.append((shape._inline.docPr.get("descr"),
                          document.part.related_parts[blip.embed].blob))
    return found


def _html_charts(pack: Pack) -> list[tuple[str, bytes]]:
    """entry.html's charts in order: each <img>'s alt and the PNG of its data: URL."""
    found = []
    for article in _articles(pack).values():
        for img in article.iterfind("figure/img"):
            assert img.get("src").startswith(DATA_PNG)
            found.append((img.get("alt"), base64.b64decode(img.get("src")[len(DATA_PNG):])))
    return found


def _pdf(pack: Pack) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pack.read("entry.pdf")))


def _image_sizes(reader: pypdf.PdfReader) -> list[tuple[int, int]]:
    """The width and height of every image XObject a page draws (`/Name Do` in its content;
    WeasyPrint gives all pages the same resources)."""
    sizes = []
    for page in reader.pages:
        content = page.get_contents()
        drawn = content.get_data() if content is not None else b""
        for name, ref in page["/Resources"].get("/XObject", {}).items():
            xobject = ref.get_object()
            if xobject["/Subtype"] == "/Image" and f"{name} Do".encode() in drawn:
                sizes.append((int(xobject["/Width"]), int(xobject["/Height"])))
    return sizes


def test_the_html_shows_the_chart_after_the_story_s_summary(fixture_pack: Pack) -> None:
    articles = _articles(fixture_pack)
    good = articles["good"]
    assert [c.tag for c in good] == ["h3", "p", "p", "figure"]  # title, date, summary, chart
    figure = good[-1]
    assert figure.get("class") == "chart" and [c.tag for c in figure] == ["img"]
    img = figure[0]
    assert img.get("alt") == GOOD_ALT
    assert (img.get("width"), img.get("height")) == ("251", "230")  # its 192 dpi halved
    png = base64.b64decode(img.get("src").removeprefix(DATA_PNG), validate=True)
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.size == (502, 460)


def test_a_story_without_a_chart_has_no_figure(fixture_pack: Pack, ready_pack: Pack) -> None:
    """missing-file claims no figures; ready-one's figure has no baseline (story_chart: None)."""
    assert list(_articles(fixture_pack)["missing-file"].iter("figure", "img")) == []
    assert list(_articles(ready_pack)["ready-one"].iter("figure", "img")) == []
    reader = _pdf(ready_pack)
    assert list(pdf_figures(reader.trailer["/Root"]["/StructTreeRoot"])) == []
    assert _image_sizes(reader) == []


def test_the_html_stays_one_file_that_loads_nothing(fixture_pack: Pack) -> None:
    """Opened from the zip on disk, with no network: every picture is in the page itself
    or a member of the pack, and no Content-Security-Policy keeps a data: image out."""
    page = lxml.html.document_fromstring(fixture_pack.read("entry.html"))
    sources = [img.get("src") for img in page.iter("img")]
    assert sources and all(s.startswith(DATA_PNG) or s in fixture_pack.names() for s in sources)
    policies = [m.get("content", "") for m in page.iter("meta")
                if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    assert all("img-src" in p and "data:" in p.split("img-src", 1)[1].split(";")[0]
               for p in policies)


def test_the_pdf_tags_the_chart_as_a_figure_with_its_alt_text(fixture_pack: Pack) -> None:
    reader = _pdf(fixture_pack)
    figures = list(pdf_figures(reader.trailer["/Root"]["/StructTreeRoot"]))
    assert [str(f["/Alt"]) for f in figures] == [GOOD_ALT]
    assert _image_sizes(reader) == [(502, 460)]  # the chart's pixels, the story has no photo


def test_the_three_documents_show_the_same_charts_in_the_same_order(lgc_pack: Pack) -> None:
    in_word = _docx_charts(lgc_pack)
    assert len(in_word) >= 2
    assert _html_charts(lgc_pack) == in_word  # same alt text, same PNG bytes
    reader = _pdf(lgc_pack)
    alts = [str(f["/Alt"]) for f in pdf_figures(reader.trailer["/Root"]["/StructTreeRoot"])]
    assert [a for a in alts if a.startswith("Bar chart for ")] == [alt for alt, _ in in_word]
    sizes = _image_sizes(reader)
    for _, png in in_word:
        with Image.open(io.BytesIO(png)) as image:
            assert image.size in sizes


def test_each_chart_is_drawn_once_per_pack(fixture_pack: Pack,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[str] = []
    draw = charts._draw

    def counting(title: str, metrics: list[charts.Metric]) -> bytes:
        drawn.append(title)
        return draw(title, metrics)

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setattr(charts, "_draw", counting)
    now = clock.now(NOW)
    plan = make_plan(collect(project.discover(fixture_pack.project), now), "test-awards", now)
    members = assemble(plan, clock.build_time())
    assert drawn == ["Good story"]
    assert members["entry.html"] == fixture_pack.read("entry.html")  # the same bytes as the CLI's
