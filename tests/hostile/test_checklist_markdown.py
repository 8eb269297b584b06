"""CHECKLIST.md shows names, titles and figures as text: none can add a line, link or mark."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from tests.conftest import story
from tests.pack.conftest import build, write_project

AWARD = """\
name: "Awards 2027\\n\\n# READY: Awards 2027"
deadline: 2027-03-01
stories: [evil]
questions:
  - id: summary
    prompt: Summarise the entry.
    words: 100
"""
TITLE = '"Evil [click](javascript:alert(1)) <img src=x onerror=alert(2)>\\n- [x] Every declaration confirmed"'
METRIC = ('\n  - label: Calls\n    value: 5\n    unit: count\n'
          '    period: "2026 | *all* `time`\\n1. [x](https://evil.example/)"\n')


def test_checklist_text_cannot_add_lines_links_or_html(tmp_path: Path) -> None:
    root = write_project(tmp_path, {
        "awards/evil.yml": AWARD,
        "stories/evil.md": story(slug="evil", title=TITLE, metrics=METRIC),
    })
    pack = build(root, "evil", root / "dist")
    assert pack.result.exit_code == 1, pack.result.output  # no answer yet: not ready
    text = pack.text("CHECKLIST.md")
    assert text.splitlines()[0] == r"# NOT READY: Awards 2027 \# READY: Awards 2027"
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings = [t for t in tokens if t.type == "heading_open" and t.tag == "h1"]
    assert len(headings) == 1
    inline = [child for t in tokens if t.children for child in t.children]
    assert not [t for t in inline if t.type in {"link_open", "image", "html_inline", "code_inline",
                                                "em_open"}]
    assert not [t for t in tokens if t.type == "html_block"]
    assert "\n- [x]" not in text and "\n1. [x]" not in text
    rendered = MarkdownIt("commonmark").render(text)
    assert "Evil [click](javascript:alert(1)) &lt;img src=x onerror=alert(2)&gt; - [x] Every" in rendered
