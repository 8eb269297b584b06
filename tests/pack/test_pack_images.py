"""A pack's lead images carry no EXIF, XMP or GPS position: judges get the picture, not where it was taken."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from generator.pack.checklist import over_size
from tests.browser.test_images import assert_clean, photo
from tests.conftest import run_cli, story
from tests.pack.conftest import READY_AWARD, build, pdf_figures, write_project


def test_pack_images_lose_their_metadata(tmp_path: Path) -> None:
    root = write_project(tmp_path, {
        "awards/ready.yml": READY_AWARD,
        "stories/pic.md": story(slug="pic", image="{src: media/site.jpg, alt: A building site}"),
        "stories/media/site.jpg": photo("JPEG"),
    })
    pack = build(root, "ready", root / "dist")
    assert "images/pic.jpg" in pack.names()
    assert_clean(pack.read("images/pic.jpg"), "JPEG")


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
    figures = list(pdf_figures(reader.trailer["/Root"]["/StructTreeRoot"]))
    assert [str(f.get("/Alt")) for f in figures] == ["A building site"]


def test_lead_images_count_as_attachments(tmp_path: Path) -> None:
    """The docs tell people to send lead images as attachments: the award's limits on
    number and format count them with the evidence files."""
    root = write_project(tmp_path, {
        "awards/ready.yml": READY_AWARD.replace("formats: [csv, pdf]", "formats: [csv, JPG, png]")
        .replace("max_mb_each: 1,", "max_mb_each: 0.001,"),
        "stories/a.md": story(slug="a", date="2026-02-01", image="{src: media/a.jpeg, alt: A}",
                              evidence="\n  - id: sheet\n    path: sheet.csv\n    title: A sheet\n"),
        "stories/b.md": story(slug="b", date="2026-01-01", image="{src: media/b.png, alt: B}"),
        "stories/media/a.jpeg": photo("JPEG"),
        "stories/media/b.png": _noise_png(),
        "evidence/sheet.csv": "a,b\n1,2\n",
    })
    pack = build(root, "ready", root / "dist")
    assert pack.result.exit_code == 1, pack.result.output
    blockers = [line[6:] for line in pack.text("CHECKLIST.md").splitlines()
                if line.startswith("- [ ] ")]
    # the limits judge the copies sent, without their metadata: a.jpeg's camera data made
    # it 1.1 KB in the story, and the copy in the pack is under the 1 KB limit
    story_a = (root / "stories/media/a.jpeg").stat().st_size
    sent = [len(pack.read(f"images/{name}")) for name in ("a.jpeg", "b.png")]
    assert sent[0] < 1024 < story_a and 2048 < sent[1] < 100 * 1024, (story_a, sent)
    assert blockers == [
        "attachments: 3 files to attach (1 evidence file, 2 lead images), the award allows 2: "
        "list the ones to send in the award file's attachments, as send: with their evidence "
        "ids or file names",
        f"attachments: images/b.png: {sent[1] / 1024:.1f} KB, over the 0.001 MB limit (1.0 KB)",
    ]


def _noise_png() -> bytes:
    """A 40 x 40 PNG of random pixels: some KB that no compression makes smaller."""
    out = io.BytesIO()
    Image.frombytes("RGB", (40, 40), random.Random(7).randbytes(40 * 40 * 3)).save(out, "PNG")
    return out.getvalue()


def test_a_size_over_the_limit_is_shown_precisely_enough_to_be_over() -> None:
    assert over_size(2400, 0.001) == "2.3 KB, over the 0.001 MB limit (1.0 KB)"
    assert over_size(1100, 0.001) == "1.1 KB, over the 0.001 MB limit (1.0 KB)"
    assert over_size(500, 0.0001) == "500 bytes, over the 0.0001 MB limit (105 bytes)"
    assert over_size(3 * 2**20, 1) == "3.0 MB, over the 1 MB limit"
    assert over_size(int(5.04 * 2**20), 5) == "5.04 MB, over the 5 MB limit"
    assert over_size(5 * 2**20 + 1, 5) == \
        "5,242,881 bytes, over the 5 MB limit (5,242,880 bytes)"


def test_gif_evidence_loses_its_metadata_and_a_tiff_is_named_in_the_checklist(tmp_path: Path) -> None:
    """A GIF is sent without its comment and XMP; a TIFF's camera data cannot be removed, so
    the checklist says it goes with it and how to send it without."""
    from tests.browser.test_images import frames_of, gif

    tiff = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "zqxcamera"
    Image.new("RGB", (8, 8), (0, 90, 0)).save(tiff, "TIFF", exif=exif)
    evidence = ("\n  - id: chart\n    path: chart.gif\n    title: A chart\n"
                "  - id: scan\n    path: scans/letter.TIFF\n    title: A letter\n")
    root = write_project(tmp_path, {
        "awards/ready.yml": READY_AWARD,
        "stories/pic.md": story(slug="pic", evidence=evidence),
        "evidence/chart.gif": gif(),
        "evidence/scans/letter.TIFF": tiff.getvalue(),
    })
    pack = build(root, "ready", root / "dist")
    sent = pack.read("evidence/chart.gif")
    assert b"zqxwhere" not in sent and b"zqxauthor" not in sent
    assert frames_of(sent) == frames_of(gif())
    assert pack.read("evidence/scans/letter.TIFF") == tiff.getvalue()
    assert ("- stories/pic.md: evidence scan: evidence/scans/letter.TIFF is sent with its camera "
            "data (when and where it was taken, the camera): its format keeps it; save it as "
            "JPEG or PNG to send it without") in pack.text("CHECKLIST.md").splitlines()


def test_check_warns_of_private_evidence_pictures_a_pack_would_leave_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pack strips every evidence photo, private ones too: check says first which it could
    not (a blocker of the pack, a warning of check: the site never publishes them), and a
    picture with too many pixels is called that, not unreadable."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 100 x 100 is then a "bomb"
    big = io.BytesIO()
    Image.new("1", (100, 100)).save(big, "PNG")
    evidence = "".join(f"\n  - id: {name.split('.')[0]}\n    path: {name}\n    title: {name}"
                       for name in ("notes.jpg", "cut.png", "big.png"))
    root = write_project(tmp_path, {
        "awards/ready.yml": READY_AWARD,
        "stories/pic.md": story(slug="pic", evidence=evidence + "\n"),
        "evidence/notes.jpg": b"Met at 12 Acacia Avenue",
        "evidence/cut.png": photo("PNG")[:len(photo("PNG")) * 2 // 3],
        "evidence/big.png": big.getvalue(),
    })
    checked = run_cli("check", "-p", str(root))
    assert checked.exit_code == 0, checked.output
    warnings = [line for line in checked.output.splitlines() if "an award pack leaves it out" in line]
    assert [line.split(": warning: ")[1].split(":")[0] for line in warnings] == [
        "evidence[0].path", "evidence[1].path", "evidence[2].path"]
    assert "this picture is too large to open safely (more than 1,000 pixels)" in warnings[2]
    pack = build(root, "ready", root / "dist")
    assert pack.result.exit_code == 1
    blockers = pack.text("CHECKLIST.md")
    assert ("stories/pic.md: evidence big: big.png is too large to open safely, so its metadata "
            "(EXIF, XMP or a comment) cannot be removed: it is left out of the pack; save a copy "
            "with fewer pixels as JPEG, PNG or WebP") in blockers
    assert "stories/pic.md: evidence notes: notes.jpg cannot be read as a picture" in blockers


def test_a_file_a_browser_runs_is_named_in_the_checklist(tmp_path: Path) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    root = write_project(tmp_path, {
        "awards/ready.yml": READY_AWARD,
        "stories/pic.md": story(slug="pic", evidence="\n  - id: diagram\n    path: diagram.svg\n"
                                                     "    title: A diagram\n"),
        "evidence/diagram.svg": svg,
    })
    pack = build(root, "ready", root / "dist")
    assert ("- stories/pic.md: evidence diagram: evidence/diagram.svg is a file a browser runs "
            "(it may hold a script) when a judge opens it: send a PDF or PNG of it instead"
            ) in pack.text("CHECKLIST.md").splitlines()
