"""A pack's lead images carry no EXIF, XMP or GPS position: judges get the picture, not where it was taken."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pypdf

from tests.browser.test_images import assert_clean, photo
from tests.conftest import story
from tests.pack.conftest import READY_AWARD, build, write_project


def test_pack_images_lose_their_metadata(tmp_path: Path) -> None:
    root = write_project(tmp_path, {
        "awards/ready.yml": READY_AWARD,
        "stories/pic.md": story(slug="pic", image="{src: media/site.jpg, alt: A building site}"),
        "stories/media/site.jpg": photo("JPEG"),
    })
    pack = build(root, "ready", root / "dist")
    assert "images/pic.jpg" in pack.names()
    assert_clean(pack.read("images/pic.jpg"), "JPEG")


def _figures(node: object) -> Iterator[pypdf.generic.DictionaryObject]:
    """Every /Figure structure element under `node` of a PDF's structure tree."""
    node = node.get_object() if isinstance(node, pypdf.generic.IndirectObject) else node
    if isinstance(node, pypdf.generic.ArrayObject):
        for child in node:
            yield from _figures(child)
    elif isinstance(node, pypdf.generic.DictionaryObject):
        if node.get("/S") == "/Figure":
            yield node
        if "/K" in node:
            yield from _figures(node["/K"])


def test_a_decorative_lead_image_is_no_figure_without_alt_text_in_the_pdf(tmp_path: Path) -> None:
    """entry.pdf claims PDF/UA: every Figure it tags has alt text; a decorative picture
    (alt: "") stays in images/ and in entry.html (alt=""), not in the PDF's tags."""
    root = write_project(tmp_path, {
        "awards/ready.yml": READY_AWARD,
        "stories/pic.md": story(slug="pic", image="{src: media/site.jpg, alt: A building site}"),
        "stories/plain.md": story(slug="plain", image='{src: media/line.png, alt: ""}'),
        "stories/media/site.jpg": photo("JPEG"),
        "stories/media/line.png": photo("PNG"),
    })
    pack = build(root, "ready", root / "dist")
    assert {"images/pic.jpg", "images/plain.png"} <= set(pack.names())
    assert '<img src="images/plain.png" alt="">' in pack.text("entry.html")
    reader = pypdf.PdfReader(io.BytesIO(pack.read("entry.pdf")))
    figures = list(_figures(reader.trailer["/Root"]["/StructTreeRoot"]))
    assert [str(f.get("/Alt")) for f in figures] == ["A building site"]


def test_lead_images_count_as_attachments(tmp_path: Path) -> None:
    """The docs tell people to send lead images as attachments: the award's limits on
    number and format count them with the evidence files."""
    root = write_project(tmp_path, {
        "awards/ready.yml": READY_AWARD.replace("formats: [csv, pdf]", "formats: [csv, JPG]"),
        "stories/a.md": story(slug="a", date="2026-02-01", image="{src: media/a.jpeg, alt: A}",
                              evidence="\n  - id: sheet\n    path: sheet.csv\n    title: A sheet\n"),
        "stories/b.md": story(slug="b", date="2026-01-01", image="{src: media/b.png, alt: B}"),
        "stories/media/a.jpeg": photo("JPEG"),
        "stories/media/b.png": photo("PNG"),
        "evidence/sheet.csv": "a,b\n1,2\n",
    })
    pack = build(root, "ready", root / "dist")
    assert pack.result.exit_code == 1, pack.result.output
    blockers = [line[6:] for line in pack.text("CHECKLIST.md").splitlines()
                if line.startswith("- [ ] ")]
    assert blockers == [
        "attachments: 3 files to attach (1 evidence file, 2 lead images), the award allows 2",
        "attachments: images/b.png: .png files are not accepted (accepted: csv, JPG)",
    ]
