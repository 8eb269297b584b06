"""Word-processor debris and markup in stories and answers still give a readable pack."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pypdf

from tests.conftest import story
from tests.pack.conftest import READY_AWARD, build, write_project


def test_control_characters_and_markup_give_a_readable_pack(tmp_path: Path) -> None:
    body = ("## Impact\n\nCalls fell\x0bby a fifth\x0c and a bell\x07 rang. "
            "<script>alert('x')</script>\n")
    root = write_project(tmp_path, {
        "awards/ready.yml": READY_AWARD,
        "awards/ready/summary.md": "A summary with a form feed\x0c and a <b>bold</b> word.\n",
        "stories/odd.md": story(slug="odd", title='"<i>Odd</i> story"', body=body),
    })
    pack = build(root, "ready", root / "dist")
    assert pack.result.exit_code == 0, pack.result.output
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(pack.read("entry.docx"))).paragraphs)
    assert "Calls fell" in text and "\x0c" not in text and "\x07" not in text
    pdf_text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pack.read("entry.pdf"))).pages)
    assert "A summary with a form feed" in pdf_text
    assert "<script>" not in pack.text("entry.html")
    assert "alert(" not in pack.text("entry.html")
