"""Published photos carry no EXIF, XMP or GPS position, and still show the right way up."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from generator.images import is_photo, published_bytes, refusal, strip_metadata
from generator.problems import ShowcaseError
from tests.conftest import run_cli, story
from tests.site.conftest import build, site_project, write

XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b"<rdf:Description>zqxwhere</rdf:Description></rdf:RDF></x:xmpmeta>")


def photo(fmt: str, orientation: int = 6) -> bytes:
    """A 40 x 20 photo, left half blue, right half red, with a camera, a GPS position and XMP."""
    image = Image.new("RGB", (40, 20), (200, 0, 0))
    image.paste((0, 0, 200), (0, 0, 20, 20))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "zqxcamera"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 40.0)
    out = BytesIO()
    image.save(out, fmt, exif=exif, xmp=XMP, **({"quality": 95} if fmt != "PNG" else {}))
    data = out.getvalue()
    with Image.open(BytesIO(data)) as check:  # the planted metadata is really there
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
    return data


def assert_clean(data: bytes, fmt: str) -> None:
    with Image.open(BytesIO(data)) as image:
        assert image.format == fmt
        assert dict(image.getexif()) == {}
        assert "xmp" not in image.info and "exif" not in image.info
        assert image.size == (20, 40)  # turned upright as orientation 6 asked
        rgb = image.convert("RGB")
        top, bottom = rgb.getpixel((10, 5)), rgb.getpixel((10, 35))
        assert isinstance(top, tuple) and isinstance(bottom, tuple)
        assert top[2] > 150 and top[0] < 50  # the blue half is now on top
        assert bottom[0] > 150 and bottom[2] < 50
    for marker in (b"zqxcamera", b"zqxwhere", b"Exif\x00", b"xmpmeta"):
        assert marker not in data


@pytest.mark.parametrize(("suffix", "fmt"), [(".jpg", "JPEG"), (".JPEG", "JPEG"), (".png", "PNG"),
                                             (".webp", "WEBP")])
def test_exif_xmp_and_gps_are_removed_and_orientation_applied(suffix: str, fmt: str) -> None:
    assert_clean(strip_metadata(photo(fmt), suffix), fmt)


def test_an_upright_photo_keeps_its_size_and_colours() -> None:
    with Image.open(BytesIO(strip_metadata(photo("JPEG", orientation=1), ".jpg"))) as image:
        assert image.size == (40, 20)
        assert dict(image.getexif()) == {}


def test_transparency_is_kept() -> None:
    image = Image.new("P", (4, 4), 1)
    image.putpalette([0, 0, 0, 255, 255, 255])
    out = BytesIO()
    image.save(out, "PNG", transparency=0)
    with Image.open(BytesIO(strip_metadata(out.getvalue(), ".png"))) as clean:
        assert clean.mode == "P"
        assert clean.info.get("transparency") == 0


def test_other_files_are_refused_or_published_as_they_are(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7")
    assert not is_photo("report.pdf") and is_photo("a.WebP")
    assert published_bytes(tmp_path / "report.pdf") is None
    with pytest.raises(ValueError, match=r"cannot strip metadata from a \.tif file: expected one of"):
        strip_metadata(b"II*\x00", ".tif")


def test_the_site_publishes_a_lead_photo_without_its_gps_position(tmp_path: Path) -> None:
    project = write(tmp_path / "project", {
        **site_project(),
        "stories/media/photo.jpg": photo("JPEG"),
        "stories/with-photo.md": story(title="With a photo",
                                       image="{src: media/photo.jpg, alt: Staff at the new service desk}"),
    })
    built = build(project, tmp_path / "site")
    assert built.result.exit_code == 0, built.result.output
    published = built.site / "stories" / "with-photo" / "photo.jpg"
    assert_clean(published.read_bytes(), "JPEG")
    assert 'alt="Staff at the new service desk"' in built.html("stories/with-photo/")


def test_a_photo_that_cannot_be_decoded_is_never_published(tmp_path: Path) -> None:
    """Whatever it holds: its metadata cannot be removed, and it may hold some in a form no
    marker finds (a text file named .jpg is not a picture either)."""
    for name, data in (("stub.png", b"\x89PNG\r\n\x1a\n"), ("notes.jpg", b"Met at 12 Acacia Ave")):
        stub = tmp_path / name
        stub.write_bytes(data)
        with pytest.raises(ShowcaseError, match="it is not a picture in a format the site can read"):
            published_bytes(stub)
    truncated = tmp_path / "truncated.jpg"
    truncated.write_bytes(photo("JPEG")[:400])  # the EXIF block, then the file stops
    with pytest.raises(ShowcaseError, match=r"truncated\.jpg: cannot read this image to remove its metadata"):
        published_bytes(truncated)


def test_check_refuses_the_photo_the_build_would_refuse(tmp_path: Path) -> None:
    """A pull request's check must not pass a lead image the build then stops on: a photo cut
    short after its EXIF block (or too large to decode) is a check error on its line."""
    files = dict(site_project())
    files["stories/media/cut.jpg"] = photo("JPEG")[:-200]
    files["stories/cut.md"] = story(title="With a cut photo", slug="with-cut-photo").replace(
        "status: published\n", "status: published\nimage:\n  src: media/cut.jpg\n  alt: A desk\n")
    root = write(tmp_path / "project", files)
    checked = run_cli("check", "-p", str(root))
    assert checked.exit_code == 1
    assert ('stories/cut.md:7: image.src: "media/cut.jpg": cannot read this image to remove its '
            "metadata (EXIF, XMP or a comment, which may say where it was taken): " in checked.output)
    assert "; save it again as JPEG, PNG or WebP" in checked.output
    built = build(root, tmp_path / "site")
    assert built.result.exit_code == 1 and not (tmp_path / "site").exists()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_an_unreadable_photo_with_a_comment_is_refused(fmt: str, tmp_path: Path) -> None:
    """A comment (JPEG) or text chunk (PNG) can say where and by whom a photo was taken: a
    photo cut short after one is refused."""
    image = Image.new("RGB", (64, 48), (0, 90, 0))
    out = BytesIO()
    if fmt == "JPEG":
        image.save(out, fmt, comment=b"Taken at 12 Acacia Avenue by J Smith")
    else:
        from PIL import PngImagePlugin

        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "Taken at 12 Acacia Avenue by J Smith")
        image.save(out, fmt, pnginfo=info)
    data = out.getvalue()
    cut = tmp_path / f"cut.{fmt.lower()}"
    cut.write_bytes(data[: data.index(b"Acacia") + 60])  # the comment, then the file stops
    assert b"Acacia" in cut.read_bytes()
    with pytest.raises(ShowcaseError, match="cannot read this image to remove its metadata"):
        published_bytes(cut)


def gif() -> bytes:
    """A two-frame looping GIF with a comment and an XMP block naming where it was made."""
    frames = [Image.new("P", (16, 8), index) for index in (1, 2)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 200, 0, 0, 0, 0, 200])
    out = BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], loop=0, duration=[100, 300],
                   comment=b"Made at 12 Acacia Avenue by zqxauthor")
    data = out.getvalue()
    xmp = b"<x:xmpmeta>zqxwhere</x:xmpmeta>"
    block = b"\x21\xff\x0bXMP DataXMP" + bytes([len(xmp)]) + xmp + b"\x00"
    header = 13 + 3 * 2 ** ((data[10] & 7) + 1) if data[10] & 0x80 else 13
    return data[:header] + block + data[header:]


def frames_of(data: bytes) -> list[tuple[bytes, int]]:
    with Image.open(BytesIO(data)) as image:
        assert image.info.get("loop") == 0
        found = []
        for number in range(image.n_frames):
            image.seek(number)
            found.append((image.convert("RGB").tobytes(), image.info["duration"]))
        return found


def test_a_gif_loses_its_comment_and_xmp_and_keeps_its_frames() -> None:
    """Decoding and encoding a GIF again would change its colours: only its metadata blocks
    are taken out, and every frame shows as before, with its timing and the loop."""
    original = gif()
    assert b"zqxwhere" in original and b"zqxauthor" in original
    clean = strip_metadata(original, ".GIF")
    assert b"zqxwhere" not in clean and b"zqxauthor" not in clean and b"XMP" not in clean
    assert frames_of(clean) == frames_of(original)
    assert [duration for _, duration in frames_of(clean)] == [100, 300]
    assert clean.endswith(b"\x3b") and strip_metadata(clean + b"zqx after the end", ".gif") == clean
    for broken in (original[:-40], b"GIF89a", b"Not a GIF at all"):
        with pytest.raises(ValueError):
            strip_metadata(broken, ".gif")


@pytest.mark.parametrize("name", ["whole.jpg", "cut.jpg", "whole.png", "cut.png", "text.jpg",
                                  "png-named.jpg", "whole.webp", "cut.webp", "whole.gif",
                                  "cut.gif", "text.gif"])
def test_check_and_build_agree_on_every_photo(name: str, tmp_path: Path) -> None:
    """check opens a photo more cheaply than the build strips it (a JPEG at an eighth of its
    size), and must still refuse exactly the photos the build refuses."""
    fmt = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF"}[name.rsplit(".", 1)[1]]
    data = gif() if fmt == "GIF" else photo("PNG" if name == "png-named.jpg" else fmt)
    if name.startswith("cut"):
        data = data[: len(data) * 2 // 3]
    if name.startswith("text"):
        data = b"Notes from 12 Acacia Avenue"
    path = tmp_path / name
    path.write_bytes(data)
    try:
        published_bytes(path)
        built = True
    except ShowcaseError:
        built = False
    assert (refusal(path) is None) == built
    assert built == (not name.startswith(("cut", "text")))


def test_the_sites_own_photos_and_public_gif_evidence_lose_their_metadata(tmp_path: Path) -> None:
    """content/ holds the site's own pictures (a team photo on the about page): they are
    published without camera data, as the stories' are; so is a public GIF evidence file."""
    files = dict(site_project())
    files["content/team.jpg"] = photo("JPEG")
    files["content/about.md"] = "# About\n\n![The team at the service desk](team.jpg)\n"
    files["content/animation.gif"] = gif()
    files["evidence/chart.gif"] = gif()
    files["stories/with-gif.md"] = story(
        title="With a GIF", evidence="\n  - id: chart\n    path: chart.gif\n    title: A chart\n"
                                      "    public: true\n")
    built = build(write(tmp_path / "project", files), tmp_path / "site")
    assert built.result.exit_code == 0, built.result.output
    assert_clean((built.site / "team.jpg").read_bytes(), "JPEG")
    for published in (built.site / "animation.gif", built.site / "stories/with-gif/evidence/chart.gif"):
        assert b"zqxwhere" not in published.read_bytes() and b"zqxauthor" not in published.read_bytes()
        assert frames_of(published.read_bytes()) == frames_of(gif())


def test_a_site_photo_that_cannot_be_read_stops_the_build_by_its_name(tmp_path: Path) -> None:
    files = dict(site_project())
    files["content/cut.jpg"] = photo("JPEG")[:-300]
    built = build(write(tmp_path / "project", files), tmp_path / "site")
    assert built.result.exit_code == 1 and not (tmp_path / "site").exists()
    assert "content/cut.jpg: cannot read this image to remove its metadata" in built.result.output
    checked = run_cli("check", "-p", str(tmp_path / "project"))
    assert checked.exit_code == 1
    assert "content/cut.jpg: cannot read this image to remove its metadata" in checked.output


def test_pictures_are_told_by_their_bytes_not_their_names(tmp_path: Path) -> None:
    """A JPEG named .jfif, .jpe or .dat keeps its GPS position unless it is stripped as the
    JPEG it is; a TIFF named .png keeps its camera data whatever it is called: refused."""
    tiff, exif = BytesIO(), Image.Exif()
    exif[ExifTags.Base.Make] = "zqxcamera"
    Image.new("RGB", (8, 8)).save(tiff, "TIFF", exif=exif)
    files = dict(site_project())
    files["content/garden.jfif"] = photo("JPEG")
    files["content/about.md"] = "# About\n\n![The garden](garden.jfif)\n"
    files["evidence/figures.dat"] = photo("JPEG")
    files["stories/pics.md"] = story(
        title="Pictures", evidence="\n  - id: figures\n    path: figures.dat\n    title: Figures\n"
                                   "    public: true\n")
    root = write(tmp_path / "project", files)
    built = build(root, tmp_path / "site")
    assert built.result.exit_code == 0, built.result.output
    for published in (built.site / "garden.jfif", built.site / "stories/pics/evidence/figures.dat"):
        data = published.read_bytes()
        assert b"zqxcamera" not in data and b"zqxwhere" not in data
        with Image.open(BytesIO(data)) as image:
            assert image.format == "JPEG" and dict(image.getexif()) == {}
    (root / "content" / "scan.png").write_bytes(tiff.getvalue())
    (root / "evidence" / "letter.dat").write_bytes(tiff.getvalue())
    (root / "stories" / "pics.md").write_text(story(
        title="Pictures", evidence="\n  - id: letter\n    path: letter.dat\n    title: A letter\n"
                                   "    public: true\n"), encoding="utf-8")
    checked = run_cli("check", "-p", str(root))
    assert checked.exit_code == 1
    assert ("content/scan.png: it is a TIFF picture, whose camera data (when and where it was "
            "taken) cannot be removed: save it as JPEG or PNG to publish it") in checked.output
    assert 'evidence[0].path: "letter.dat": it is a TIFF picture' in checked.output


def test_a_gif_keeps_nothing_hidden_in_the_blocks_it_keeps() -> None:
    """Text can hide after a looping block's count, in a second sub-block of a frame's control
    block, in a plain-text block or an unknown one: only what draws the frames stays."""
    original = gif()
    header = 13 + 3 * 2 ** ((original[10] & 7) + 1)

    def sub(data: bytes) -> bytes:
        return bytes([len(data)]) + data

    planted = (b"\x21\xff" + sub(b"NETSCAPE2.0") + sub(b"zqxinsteadofaloop") + b"\x00"
               + b"\x21\x01" + sub(b"zqxplain text block") + b"\x00"
               + b"\x21\x99" + sub(b"zqxunknown") + b"\x00"
               + b"\x21\xff" + sub(b"NETSCAPE2.0") + sub(b"\x01\x00\x00") + sub(b"zqxafterloop")
               + b"\x00")
    body = original[header:]
    control = body.index(b"\x21\xf9\x04")  # the first frame's control block: add a sub-block
    body = body[:control + 7] + sub(b"zqxincontrol") + body[control + 7:]
    crafted = original[:header] + planted + body
    assert frames_of(crafted) == frames_of(original)  # Pillow reads it as the same picture
    clean = strip_metadata(crafted, ".gif")
    assert b"zqx" not in clean
    assert frames_of(clean) == frames_of(original)


def test_a_markdown_picture_without_alt_text_is_warned_about(tmp_path: Path) -> None:
    """`![](photo)` is taken as decorative without a word; raw alt="" is decorative on purpose."""
    files = dict(site_project())
    files["stories/media/photo.png"] = photo("PNG")
    files["stories/x.md"] = story(body='## Challenge\n\n![](media/photo.png)\n\n'
                                       '<img src="media/photo.png" alt="">\n')
    checked = run_cli("check", "-p", str(write(tmp_path / "project", files)))
    assert checked.exit_code == 0, checked.output
    said = [line for line in checked.output.splitlines() if "without alt text" in line]
    assert said == ["stories/x.md:11: warning: body: a picture without alt text is taken as "
                    "decorative: write what it shows between the brackets, like "
                    "![Staff at the new service desk](media/photo.jpg)"]
