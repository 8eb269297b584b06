"""Round 24 (pack24 #6): the checklist's attachment lines: "the other" for one file left;
a file whose kind the award takes no format of is not told to be saved as one (a photo is
never saved as CSV); evidence and lead images are worded alike."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import picture
from tests.pack.test_round23_charts_checklist import _attachment_lines

LEFT_OUT = ("leave it out of the entry (say what it shows in an answer if it matters), or ask "
            "the organiser how to send it")


def test_one_file_left_in_the_pack_is_the_other(tmp_path: Path) -> None:
    lines = _attachment_lines(tmp_path, "csv", {"data.csv": b"a,b\n1,2\n"})
    assert lines[-1] == ("attachments: attach 1 file of the pack's 2: evidence/data.csv; the "
                         "other is in the pack for you, not for the entry form")


def test_a_photo_and_a_document_are_not_told_to_be_saved_as_csv(tmp_path: Path) -> None:
    lines = _attachment_lines(tmp_path, "csv", {"report.docx": b"PK\x05\x06" + b"\0" * 18,
                                                "data.csv": b"a,b\n1,2\n"})
    assert lines == [
        "attachments: evidence/report.docx is not to attach: the award does not accept .docx "
        "files (accepted: csv), and none of those is a format a document can be saved in: "
        + LEFT_OUT,
        "attachments: images/files.jpg is not to attach: the award does not accept .jpg files "
        "(accepted: csv), and none of those is a format a picture can be saved in: " + LEFT_OUT,
        "attachments: attach 1 file of the pack's 3: evidence/data.csv; the others are in the "
        "pack for you, not for the entry form"]
    assert not [line for line in lines if "save a copy" in line or "save it" in line]


def test_a_table_is_not_told_to_be_saved_as_png_and_a_photo_is(tmp_path: Path) -> None:
    lines = _attachment_lines(tmp_path, "png", {"data.csv": b"a,b\n1,2\n",
                                                "photo.jpg": picture(".jpg")})
    assert lines[:3] == [
        "attachments: evidence/data.csv is not to attach: the award does not accept .csv "
        "files (accepted: png), and none of those is a format a table can be saved in: "
        + LEFT_OUT,
        # evidence and a lead image: the same words
        "attachments: evidence/photo.jpg is not to attach: the award does not accept .jpg "
        "files (accepted: png); to send it, save a copy as PNG and cite that copy as evidence",
        "attachments: images/files.jpg is not to attach: the award does not accept .jpg files "
        "(accepted: png); to send it, save a copy as PNG and cite that copy as evidence"]
