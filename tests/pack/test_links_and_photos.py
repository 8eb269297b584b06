"""An answer's links to stories left out keep their words only; evidence photos lose EXIF/GPS."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from generator.pack.archive import sha256
from tests.conftest import picture, story
from tests.pack.conftest import Pack, build, write_project

SITE = "https://council.example/"

AWARD = """\
name: Link Awards 2027
deadline: 2027-03-01
stories: [zqxreview, zqxpublic]
questions:
  - id: impact
    prompt: What was the impact?
    words: 400
    compose: "section: Impact"
  - id: statement
    prompt: Tell us more.
    words: 300
"""

REVIEW_BODY = """\
## Impact

It built on [the draft work](2026-09-09-zqxdraftfile.md) and [l2](../zqxdraftslug/).
See [our public story](2026-03-14-zqxpublic.md#impact) and [GOV.UK](https://www.gov.uk/).
Also <https://council.example/stories/zqxdraftslug/> and [the plan][plan].
Write to <team@council.example>. A [private note](../evidence/zqxsecretnote.pdf).

[plan]: 2026-09-09-zqxdraftfile.md
"""

PUBLIC_BODY = """\
## Impact

Back to [the review story](2026-05-01-zqxreview.md) and [an anchor](#impact).
"""

HAND_WRITTEN = """\
We refer to [the draft](https://council.example/stories/zqxdraftslug/) and
[a sibling](zqxdraftslug.md) and [the public one](https://council.example/stories/zqxpublic/).
"""


def _exif_photo() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (8, 8), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "ZqxCameraMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture(scope="module")
def link_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_project(tmp_path_factory.mktemp("links"), {
        "mkdocs.yml": f"site_name: Test council\nsite_url: {SITE}\n",
        "awards/link-awards.yml": AWARD,
        "awards/link-awards/statement.md": HAND_WRITTEN,
        "stories/2026-05-01-zqxreview.md": story(
            slug="zqxreview", status="review", date="2026-05-01", title="Review story",
            body=REVIEW_BODY,
            evidence=("\n  - id: note\n    path: zqxsecretnote.pdf\n    title: Note\n"
                      "  - id: broken\n    path: zqxbroken.png\n    title: Broken\n")),
        "stories/2026-03-14-zqxpublic.md": story(
            slug="zqxpublic", status="published", date="2026-03-14", title="Public story",
            body=PUBLIC_BODY,
            evidence=("\n  - id: photo\n    path: zqxpubphoto.jpg\n    title: Photo\n"
                      "    public: true\n  - id: plain\n    path: plain.png\n"
                      "    title: Plain\n")),
        "stories/2026-09-09-zqxdraftfile.md": story(slug="zqxdraftslug", status="draft",
                                                    date="2026-09-09", title="Draft"),
        "evidence/zqxsecretnote.pdf": b"%PDF-1.4 not really\n",
        "evidence/zqxpubphoto.jpg": _exif_photo(),
        "evidence/plain.png": picture(".png"),
        "evidence/zqxbroken.png": b"\x89PNG\r\n\x1a\n this is no picture",
    })
    return build(root, "link-awards", root / "dist")


def _documents(pack: Pack) -> dict[str, str]:
    from docx import Document
    from pypdf import PdfReader

    found = {name: pack.text(name) for name in pack.names()
             if name.startswith("answers/") or name == "entry.html"}
    document = Document(io.BytesIO(pack.read("entry.docx")))
    found["entry.docx"] = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        rel.target_ref for rel in document.part.rels.values() if rel.is_external)
    reader = PdfReader(io.BytesIO(pack.read("entry.pdf")))
    links = [str(annotation.get_object().get("/A", {}).get("/URI", ""))
             for page in reader.pages for annotation in page.get("/Annots") or []]
    found["entry.pdf"] = "\n".join(page.extract_text() for page in reader.pages) + \
        "\n".join(links)
    return found


def test_no_pack_document_names_the_left_out_story_or_private_file(link_pack: Pack) -> None:
    assert link_pack.result.exit_code in (0, 1), link_pack.result.output
    documents = _documents(link_pack)
    assert set(documents) >= {"answers/impact.md", "answers/impact.txt", "answers/statement.md",
                              "entry.html", "entry.pdf", "entry.docx"}
    for name, text in documents.items():
        for secret in ("zqxdraftfile", "zqxdraftslug", "zqxsecretnote", "pack.invalid"):
            assert secret not in text, (name, secret)


def test_links_keep_their_words_or_lead_to_the_public_site(link_pack: Pack) -> None:
    impact = link_pack.text("answers/impact.md")
    assert "It built on the draft work and l2.\n" in impact
    assert f"[our public story](<{SITE}stories/zqxpublic/#impact>)" in impact
    assert "[GOV.UK](<https://www.gov.uk/>)" in impact
    assert "Also  and the plan.\n" in impact  # the autolink's words were its address
    assert "Write to <team@council.example>. A private note." in impact
    # the review story is not on the site: its link keeps its words; the public story's
    # own #fragment leads to its page on the site
    assert (f"Back to the review story and [an anchor](<{SITE}stories/zqxpublic/#impact>)."
            in impact)
    statement = link_pack.text("answers/statement.md")
    assert statement == ("We refer to the draft and\na sibling and "
                         f"[the public one](<{SITE}stories/zqxpublic/>).\n")
    html = link_pack.text("entry.html")
    assert f'href="{SITE}stories/zqxpublic/#impact"' in html
    assert f'href="{SITE}stories/zqxpublic/"' in html


def test_the_checklist_names_the_story_and_question_not_the_hidden_name(link_pack: Pack) -> None:
    checklist = link_pack.text("CHECKLIST.md")
    assert ("impact: 5 links keep their words only (stories/2026-05-01-zqxreview.md): it "
            "leads to a story or file not in the entry") in checklist
    assert ("impact: a link keeps its words only (stories/2026-03-14-zqxpublic.md)"
            in checklist)
    assert "statement: 2 links keep their words only (awards/link-awards/statement.md)" \
        in checklist
    assert "zqxdraftslug" not in checklist and "zqxdraftfile" not in checklist


def test_evidence_photos_lose_their_metadata_and_the_manifest_sums_what_is_written(
        link_pack: Pack) -> None:
    from PIL import Image

    data = link_pack.read("evidence/zqxpubphoto.jpg")
    assert b"ZqxCameraMaker" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert dict(image.getexif()) == {}
        assert image.size == (8, 8)
    original = Path(link_pack.project, "evidence/zqxpubphoto.jpg").read_bytes()
    with Image.open(io.BytesIO(original)) as image:  # the test photo does carry GPS
        assert image.getexif().get_ifd(0x8825)
    listed = {m["name"]: m for m in json.loads(link_pack.text("manifest.json"))["members"]}
    for name in ("evidence/zqxpubphoto.jpg", "evidence/plain.png"):
        member = link_pack.read(name)
        assert listed[name] == {"name": name, "size": len(member), "sha256": sha256(member)}


def test_a_photo_that_cannot_be_decoded_is_left_out_with_a_blocker(link_pack: Pack) -> None:
    assert "evidence/zqxbroken.png" not in link_pack.names()
    checklist = link_pack.text("CHECKLIST.md")
    assert checklist.startswith("# NOT READY")
    assert ("- [ ] stories/2026-05-01-zqxreview.md: evidence broken: zqxbroken.png cannot be "
            "read as a picture, so its metadata (EXIF, XMP or a comment, which may say where "
            "it was taken) cannot be removed: it is left out of the pack; save it again as "
            "JPEG, PNG or WebP\n") in checklist


def test_the_pack_is_the_same_bytes_when_built_again(link_pack: Pack, tmp_path: Path) -> None:
    again = build(link_pack.project, "link-awards", tmp_path)
    assert again.path.read_bytes() == link_pack.path.read_bytes()
    with zipfile.ZipFile(again.path) as archive:
        assert archive.testzip() is None
