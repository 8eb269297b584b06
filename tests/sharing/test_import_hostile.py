"""`showcase import` of a hostile or odd partner file: its text is shown as written, on one
line, and what is wrong with the file is said in check's words."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

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
        f"{file}:1: is not UTF-8 text (byte 0xFF cannot be read: the file is saved as UTF-16 "
        "(Unicode)); save the file with UTF-8 encoding (Save As, Encoding: UTF-8; in Excel, CSV "
        "UTF-8)",
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


DEEP_TAGS = {"div": ("<div>", "</div>"), "blockquote": ("<blockquote>", "</blockquote>"),
             "list": ("<ul><li>", "</li></ul>"), "table": ("<table><tr><td>", "</td></tr></table>"),
             "bold": ("<b>", "</b>"), "p": ("<p>", "")}


def test_html_nested_400_or_5000_deep_imports_flattened_with_a_note(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    data = copy.deepcopy(DATA)
    data["stories"] = [{**STORY, "id": f"{name}-{levels}", "url": None,
                        "content_html": f"<p>Before.</p>{start * levels}Deep words{end * levels}"
                                        "<p>After.</p>"}
                       for name, (start, end) in DEEP_TAGS.items() for levels in (400, 5000)]
    partner, lines = _import(make_project, tmp_path, data)
    assert lines[:2] == [
        "created stories/2026-01-01-div-400.md",
        "  stories[0].content_html: its HTML is nested 400 levels deep; what lay deeper than 40 "
        "levels keeps its text but not its layout: check the story's layout"]
    assert [line for line in lines if line.startswith("created")] == [
        f"created stories/2026-01-01-{name}-{levels}.md"
        for name in DEEP_TAGS for levels in (400, 5000)]
    assert "  stories[5].content_html: its HTML is nested 10000 levels deep;" in "\n".join(lines)
    for file in sorted((partner / "stories").glob("*.md")):
        text = " ".join(to_plain(_body(file.read_text(encoding="utf-8"))).split())
        assert "Before. Deep words After." in text.replace("|", "").replace("  ", " "), file.name
    checked = run_cli("check", "-p", str(partner), "--now", NOW)
    assert checked.exit_code == 0, checked.output


def test_html_nested_40_deep_imports_as_it_is(make_project: ProjectFactory, tmp_path: Path) -> None:
    data = copy.deepcopy(DATA)
    data["stories"][0]["content_html"] = "<div>" * 30 + "<blockquote>" * 10 + "Deep" + \
        "</blockquote>" * 10 + "</div>" * 30
    partner, lines = _import(make_project, tmp_path, data)
    assert len(lines) == 2  # no note: 40 levels are kept
    text = (partner / "stories/2026-01-01-webchat.md").read_text(encoding="utf-8")
    assert "\n" + "> " * 10 + "Deep\n" in text


HOSTILE = "\u202eA\u2066B\u2069\u202a\u202b\u202c\u202d\u2067\u2068\x07\x1b\x85\x9f\x7f"
"""Each text-direction control (9) and five other control characters."""


def test_control_characters_are_removed_from_all_written_and_said(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    data = copy.deepcopy(DATA)
    data["publisher"] = "Evil \u202eCouncil\u2066"
    story = data["stories"][0]
    story.update({
        "title": f"Title {HOSTILE}", "summary": f"Sum\u202emary\nline two {HOSTILE}",
        "service": "Dig\u202eital", "tags": ["a\u202eb"], "partners": ["Fire\u2066 Service"],
        "metrics": [{"id": "calls", "label": "Calls\u202e", "value": 1, "unit": "count",
                     "period": "2025\u202e-26"}],
        "quotes": [{"text": "Said \u202ethis", "by": "Jo\u2066", "role": "Chief\u202e"}],
        "evidence": [{"id": "e", "title": "Data\u202e", "url": "https://evil.example/e\u202e.csv"}],
        "image": {"url": "https://evil.example/i.png", "alt": "Alt\u202e"},
        "content_html": "<p>Body \u202etext</p><table><tr><td>c\u2066ell</td></tr></table>"})
    partner, lines = _import(make_project, tmp_path, data)
    assert lines == [
        "created stories/2026-01-01-webchat.md",
        "  removed 44 control characters (34 of them text-direction controls) from the partner's "
        "publisher, title, summary, service, tags[0], partners[0], image.alt, metrics[0].label, "
        "metrics[0].period, quotes[0].text, quotes[0].by, quotes[0].role, evidence[0].title, "
        "evidence[0].url, content_html: check would refuse them in a story, and a "
        "text-direction control shows the text after it reversed",
        "Imported 1 of 1 stories from Evil Council" + NEXT]
    text = (partner / "stories/2026-01-01-webchat.md").read_text(encoding="utf-8")
    assert not [c for c in text if c in HOSTILE.replace("A", "").replace("B", "")], text
    assert "title: Title AB\n" in text and "- ab\n" in text and "  period: 2025-26\n" in text
    checked = run_cli("check", "-p", str(partner), "--now", NOW)
    assert checked.exit_code == 0, checked.output
    assert "control character" not in checked.output


def test_a_wrong_value_with_a_direction_control_is_printed_with_its_code(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    partner = make_project({"mkdocs.yml": "site_name: Partner\nplugins:\n  - showcase\n"})
    data = copy.deepcopy(DATA)
    data["stories"][0]["metrics"] = [{"id": "a", "label": "A", "value": 1, "unit": "furl\u202eongs"}]
    file = tmp_path / "stories.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("import", str(file), "-p", str(partner), "--now", NOW)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{file}: stories[0].metrics[0].unit: expected one of GBP, percent, count, hours, days, "
        'minutes, score, people, tonnes-co2e; got "furl<U+202E>ongs"')


def _visible(html: str) -> str:
    """The text a reader sees, with smarty's typography (the site's, for every story) undone."""
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    for typographic, typed in (("\u2013", "--"), ("\u2014", "---"), ("\u2018", "'"),
                               ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(typographic, typed)
    return " ".join(text.split())


PARTNER_HTML = (
    "<p>&lt;!-- not a comment --&gt; and &lt;b&gt;not bold&lt;/b&gt;, &amp;amp; R&amp;D, "
    "*stars* _under_ [x](https://evil.example) `tick` {: #id} back\\slash a|b</p>"
    "<p># not a heading</p><p>1. not a list</p><p>- nor this</p><p>&gt; nor a quote</p>"
    "<p>Title line\n===\nand a dash line\n---</p>"
    "<table><tr><td>a|b</td><td><code>c|d</code></td></tr>"
    "<tr><td>e <table><tr><td>inner</td><td>cells</td></tr></table></td><td>f</td></tr></table>")


def test_partner_text_in_the_body_shows_as_written(make_project: ProjectFactory,
                                                   tmp_path: Path) -> None:
    data = copy.deepcopy(DATA)
    data["stories"][0]["content_html"] = PARTNER_HTML
    partner, _ = _import(make_project, tmp_path, data)
    text = (partner / "stories/2026-01-01-webchat.md").read_text(encoding="utf-8")
    content = _body(text).split("\n\n", 1)[1].split("\n\n## Source\n", 1)[0]
    assert "| a\\|b | `c|d` |" in content
    html = to_html(content)
    assert "<th>a|b</th>" in html and "<th><code>c|d</code></th>" in html  # first row: header
    assert _visible(html) == _visible(PARTNER_HTML)
    assert "<h1" not in html and "<h2" not in html and "<ol" not in html and "<ul" not in html
    assert "<blockquote" not in html and "<b>" not in html and "<a " not in html
    checked = run_cli("check", "-p", str(partner), "--now", NOW)
    assert checked.exit_code == 0, checked.output


CODE = "````\n```\n<img src=x onerror=alert(1)>\n## heading from code\n| a | b |"
"""A partner's code holding fences of three and four backticks, HTML and Markdown."""


def _content_html(make_project: ProjectFactory, tmp_path: Path, content_html: str) -> str:
    """The imported body's partner content (without the attribution and ## Source), as HTML."""
    data = copy.deepcopy(DATA)
    data["stories"][0]["content_html"] = content_html
    partner, _ = _import(make_project, tmp_path, data)
    text = (partner / "stories/2026-01-01-webchat.md").read_text(encoding="utf-8")
    checked = run_cli("check", "-p", str(partner), "--now", NOW)
    assert checked.exit_code == 0, checked.output
    assert "body:" not in checked.output, checked.output
    return to_html(_body(text).split("\n\n", 1)[1].split("\n\n## Source\n", 1)[0])


def test_a_partners_code_holding_backtick_fences_shows_as_written(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    escaped = CODE.replace("`", "&#96;").replace("<", "&lt;").replace(">", "&gt;")
    html = _content_html(make_project, tmp_path, (
        f"<p>Sample:</p><pre><code>{escaped}\n</code></pre>"
        "<pre><code>```\n## not head\n```</code></pre>"
        "<p>after ~~~ <code>&#96;&#96;a&#96;&#96;</code></p>"))
    page = BeautifulSoup(html, "html.parser")
    assert [code.get_text() for code in page.select("pre > code")] == [
        CODE + "\n", "```\n## not head\n```\n"]
    assert [p.get_text() for p in page.find_all("p")] == ["Sample:", "after ~~~ ``a``"]
    assert page.find("img") is None and page.find("h2") is None and page.find("table") is None


def test_partner_lines_that_look_like_markdown_blocks_show_as_written(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    html = _content_html(make_project, tmp_path, (
        "<p>---</p><p>a<b>b</b>-- c</p><p>~~~</p><p>between</p><p>~~~</p>"
        "<p>Title<br>===</p><p>Term<br>: definition</p>"))
    page = BeautifulSoup(html, "html.parser")
    assert [" ".join(p.get_text().split()) for p in page.find_all("p")] == [
        "---", "ab-- c", "~~~", "between", "~~~", "Title ===", "Term : definition"]
    assert not page.find_all(["pre", "h1", "h2", "dl", "hr"])


def test_a_partner_table_without_header_cells_gets_its_first_row_as_header(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    html = _content_html(make_project, tmp_path, (
        "<p>Figures:</p><table><tr><td>Year</td><td>Saving</td></tr>"
        "<tr><td>2025</td><td>£10k</td></tr></table>"
        "<table><caption>Calls</caption><tbody><tr><td>Month</td><td>Calls</td></tr>"
        "<tr><td>May</td><td>3</td></tr></tbody></table>"))
    tables = BeautifulSoup(html, "html.parser").find_all("table")
    assert [[th.get_text() for th in table.select("thead th")] for table in tables] == [
        ["Year", "Saving"], ["Month", "Calls"]]
    assert [[td.get_text() for td in table.select("tbody td")] for table in tables] == [
        ["2025", "£10k"], ["May", "3"]]
