"""`showcase import` of a hostile or odd partner file: its text is shown as written, on one
line, and what is wrong with the file is said in check's words."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from generator.markdown_text import to_html, to_plain
from tests.conftest import NOW, ProjectFactory, run_cli

STORY: dict[str, Any] = {
    "id": "webchat", "title": "Webchat cuts calls", "summary": "What happened.",
    "date": "2026-01-01", "published": "2026-01-01T00:00:00+00:00", "service": "Digital",
    "outcomes": ["earn-revenue"], "url": "https://evil.example/s/", "content_html": "<p>Body.</p>",
}
DATA: dict[str, Any] = {
    "version": 1, "publisher": "Evil Council\n---\nstatus: published",
    "site_url": "https://evil.example/", "generated": "2026-01-01T00:00:00Z", "stories": [STORY],
}
NEXT = " as drafts. Next: read each one, confirm quotes and figures, then run: showcase check"


def _import(make_project: ProjectFactory, tmp_path: Path, data: dict[str, Any],
            ) -> tuple[Path, list[str]]:
    partner = make_project({"mkdocs.yml": "site_name: Partner\nplugins:\n  - showcase\n"})
    file = tmp_path / "stories.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("import", str(file), "-p", str(partner), "--now", NOW)
    assert result.exit_code == 0, result.output
    return partner, result.output.splitlines()


def _body(text: str) -> str:
    return text.split("\n---\n", 1)[1]


def test_a_publisher_with_line_breaks_is_one_line_in_the_story_and_the_summary(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    partner, lines = _import(make_project, tmp_path, DATA)
    assert lines == ["created stories/2026-01-01-webchat.md",
                     "Imported 1 of 1 stories from Evil Council --- status: published" + NEXT]
    text = (partner / "stories/2026-01-01-webchat.md").read_text(encoding="utf-8")
    assert _body(text).startswith(
        "\n*First published by Evil Council --- status: published at <https://evil.example/s/> "
        "on 2026-01-01. Imported as a draft:")
    assert "\npartners:\n- 'Evil Council --- status: published'\n---\n" in text
    html = to_html(_body(text))
    assert html.startswith("<p><em>First published by Evil Council \u2014 status: published at "
                           '<a href="https://evil.example/s/" rel="noopener noreferrer">')
    assert html.count("<h2") == 1  # ## Source only
    checked = run_cli("check", "-p", str(partner), "--now", NOW)
    assert checked.exit_code == 0, checked.output
    assert "line break" not in checked.output


def test_markdown_in_partner_text_shows_as_written(make_project: ProjectFactory,
                                                   tmp_path: Path) -> None:
    data = copy.deepcopy(DATA)
    data["publisher"] = "*Bold* _it_ [x](https://evil.example) `c` <b>b</b> &amp; R&D {: #id}"
    story = data["stories"][0]
    story["url"] = None
    story["title"] = "# Not a heading\n---\nstatus: published"
    story["service"] = "Digital\r\nservices"
    story["tags"] = ["ai\ttools"]
    story["partners"] = ["Testshire\u2028Fire"]
    story["quotes"] = [{"text": "Two\nlines.", "by": "Jo\nBloggs"}]
    story["metrics"] = [{"id": "calls", "label": "Calls\nhandled", "value": 1, "unit": "count"}]
    story["evidence"] = [{"id": "e", "title": "[evil](javascript:x)\n# h",
                          "url": "https://evil.example/e.csv) <b>x"}]
    story["image"] = {"url": "https://evil.example/i.png> *x*", "alt": "A *chart*\n- of"}
    partner, lines = _import(make_project, tmp_path, data)
    assert lines[-1] == ("Imported 1 of 1 stories from *Bold* _it_ [x](https://evil.example) `c` "
                         "<b>b</b> &amp; R&D {: #id}" + NEXT)
    text = (partner / "stories/2026-01-01-webchat.md").read_text(encoding="utf-8")
    front = text.split("\n---\n", 1)[0]
    for line in ("title: '# Not a heading --- status: published'", "service: Digital services",
                 "- ai tools", "- Testshire Fire", "  label: Calls handled", "  by: Jo Bloggs",
                 "- text: 'Two\n\n    lines.'"):  # a quote's text keeps its lines
        assert f"\n{line}\n" in front + "\n", line
    plain = to_plain(_body(text)).splitlines()
    shown = "*Bold* _it_ [x](https://evil.example) `c` <b>b</b> &amp; R&D {: #id}"
    assert plain[0].startswith(f"First published by {shown} on 2026-01-01. Imported")
    assert plain[-3:] == [
        f"Original story: # Not a heading \u2014 status: published ({shown})",
        "Evidence: [evil](javascript:x) # h",
        "Lead image: https://evil.example/i.png%3E%20*x* (A *chart* - of)"]
    html = to_html(_body(text))
    assert html.count("<a ") == 2 and "javascript" not in html.split("<a ", 1)[1].split(">")[0]
    assert '<a href="https://evil.example/e.csv%29%20%3Cb%3Ex" rel="noopener noreferrer">' in html
    assert "<b>" not in html and "<strong>" not in html and "<h1" not in html
    checked = run_cli("check", "-p", str(partner), "--now", NOW)
    assert checked.exit_code == 0, checked.output
    assert "line break" not in checked.output


def test_a_file_that_is_not_utf8_is_told_in_checks_words(make_project: ProjectFactory,
                                                        tmp_path: Path) -> None:
    partner = make_project({"mkdocs.yml": "site_name: Partner\nplugins:\n  - showcase\n"})
    file = tmp_path / "u16.json"
    file.write_text(json.dumps(DATA), encoding="utf-16")
    result = run_cli("import", str(file), "-p", str(partner), "--now", NOW)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{file}:1: is not UTF-8 text (byte 0xFF cannot be read); save the file with UTF-8 "
        "encoding",
        f"showcase: {file} is not a stories.json file"]
    assert not (partner / "stories").exists()


def test_wrong_values_are_told_in_checks_words(make_project: ProjectFactory,
                                               tmp_path: Path) -> None:
    partner = make_project({"mkdocs.yml": "site_name: Partner\nplugins:\n  - showcase\n"})
    data = copy.deepcopy(DATA)
    story = data["stories"][0]
    story["metrics"] = [{"id": "a", "label": "A", "value": 1, "unit": "furlongs"},
                        {"id": "b", "label": "B", "value": 1, "unit": "pounds"},
                        {"id": "c", "label": "C", "value": "30%", "unit": "count",
                         "verified": "maybe"}]
    story["title"] = "x" * 121
    story["tags"] = "ai"
    story["image"] = ["a"]
    file = tmp_path / "stories.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("import", str(file), "-p", str(partner), "--now", NOW)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{file}: stories[0].title: is 121 characters long; at most 120 are allowed: shorten it",
        f'{file}: stories[0].tags: expected a list, [...], got "ai"',
        f"{file}: stories[0].image: expected an object, {{...}}, got [\"a\"]",
        f"{file}: stories[0].metrics[0].unit: expected one of GBP, percent, count, hours, days, "
        'minutes, score, people, tonnes-co2e; got "furlongs"',
        f"{file}: stories[0].metrics[1].unit: expected one of GBP, percent, count, hours, days, "
        'minutes, score, people, tonnes-co2e; got "pounds" (did you mean GBP?)',
        f'{file}: stories[0].metrics[2].value: expected a number, got "30%"',
        f'{file}: stories[0].metrics[2].verified: expected true or false, got "maybe"',
        f"showcase: {file} does not match the stories.json schema (see stories.schema.json): "
        "nothing was imported"]
