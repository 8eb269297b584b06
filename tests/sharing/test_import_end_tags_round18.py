"""`showcase import` of a partner's HTML that leaves out the end tags HTML lets it leave out
(round 18, pack18 finding 2): `</td>`, `</th>`, `</tr>`, `</thead>`, `</tbody>`, `</li>`,
`</p>`, `</dt>`, `</dd>`. Each is closed where a browser closes it, so the story holds the
same Markdown as from the HTML written with every end tag."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.markdown_text import to_html
from tests.conftest import NOW, ProjectFactory, run_cli
from tests.sharing.test_import_tables_round18 import MKDOCS, _cells, _content, _run_import

AROUND = "<h2>Impact</h2><p>Before.</p>{}<p>After.</p>"
"""Where the tester put each table: between a heading's paragraph and another."""

TWO_BY_TWO = "| A | B |\n| --- | --- |\n| 1 | 2 |"

# Each case: the partner's HTML without end tags, the same HTML with them all, and the
# Markdown import writes of both.
CASES: dict[str, tuple[str, str, str]] = {
    "cells-without-end-tags": (
        "<table><tr><td>A<td>B</tr><tr><td>1<td>2</tr></table>",
        "<table><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table>",
        TWO_BY_TWO),
    "rows-without-end-tags": (
        "<table><tr><td>A</td><td>B</td><tr><td>1</td><td>2</td></table>",
        "<table><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table>",
        TWO_BY_TWO),
    "thead-without-end-tag": (
        "<table><thead><tr><th>A</th><th>B</th></tr><tbody><tr><td>1</td><td>2</td></tr>"
        "</table>",
        "<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td>"
        "</tr></tbody></table>",
        TWO_BY_TWO),
    "no-end-tags-at-all": (
        "<table><tr><td>A<td>B<tr><td>1<td>2</table>",
        "<table><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table>",
        TWO_BY_TWO),
    "sections-without-end-tags": (
        "<table><tfoot><tr><td>Total<td>11<thead><tr><th>Month<th>Calls<tbody><tr><td>May"
        "<td>5<tr><td>June<td>6</table>",
        "<table><tfoot><tr><td>Total</td><td>11</td></tr></tfoot><thead><tr><th>Month</th>"
        "<th>Calls</th></tr></thead><tbody><tr><td>May</td><td>5</td></tr><tr><td>June</td>"
        "<td>6</td></tr></tbody></table>",
        "| Month | Calls |\n| --- | --- |\n| May | 5 |\n| June | 6 |\n| Total | 11 |"),
    "cells-holding-paragraphs-without-end-tags": (
        "<table><tr><th>Area<th>Note<tr><td>North<td><p>Busy<tr><td>South<td><p>Quiet</table>",
        "<table><tr><th>Area</th><th>Note</th></tr><tr><td>North</td><td><p>Busy</p></td></tr>"
        "<tr><td>South</td><td><p>Quiet</p></td></tr></table>",
        "| Area | Note |\n| --- | --- |\n| North | Busy |\n| South | Quiet |"),
    # a cell directly in a table or its section opens the row a browser opens for it
    "cells-without-a-row": (
        "<table><td>A<td>B<tr><td>1<td>2</table>",
        "<table><tbody><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></tbody>"
        "</table>",
        TWO_BY_TWO),
    "cells-directly-in-sections": (
        "<table><thead><th>Month<th>Calls</thead><tbody><td>May<td>5</tbody>"
        "<tfoot><td>Total<td>5</tfoot></table>",
        "<table><thead><tr><th>Month</th><th>Calls</th></tr></thead><tbody><tr><td>May</td>"
        "<td>5</td></tr></tbody><tfoot><tr><td>Total</td><td>5</td></tr></tfoot></table>",
        "| Month | Calls |\n| --- | --- |\n| May | 5 |\n| Total | 5 |"),
    # the inner table's implied closes close its own cells and rows, never the outer's
    "nested-table-without-end-tags": (
        "<table><tr><th>A<th>B<tr><td>x<table><tr><td>i<td>j<tr><td>k</table>y<td>z</table>",
        "<table><tr><th>A</th><th>B</th></tr><tr><td>x<table><tr><td>i</td><td>j</td></tr>"
        "<tr><td>k</td></tr></table>y</td><td>z</td></tr></table>",
        "| A | B |\n| --- | --- |\n| x i  j    k y | z |"),
    # a stray </td> or </tr> in the inner table closes nothing of the outer one
    "nested-table-with-stray-end-tags": (
        "<table><tr><th>A<th>B<tr><td>x<table><tr><td>i</td></td></tr></tr></table>y<td>z"
        "</table>",
        "<table><tr><th>A</th><th>B</th></tr><tr><td>x<table><tr><td>i</td></tr></table>y"
        "</td><td>z</td></tr></table>",
        "| A | B |\n| --- | --- |\n| x i y | z |"),
    "list-items-without-end-tags": (
        "<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>", "- a\n- b"),
    "nested-lists-without-end-tags": (
        "<ol><li>one<ul><li>x<li>y</ul><li>two</ol>",
        "<ol><li>one<ul><li>x</li><li>y</li></ul></li><li>two</li></ol>",
        "1. one\n   - x\n   - y\n2. two"),
    "list-item-holding-a-paragraph": (
        "<ul><li>a<p>more<li>b</ul>", "<ul><li>a<p>more</p></li><li>b</li></ul>",
        "- a\n\n  more\n- b"),
    "paragraphs-without-end-tags": (
        "<p>one<p>two<ul><li>three</ul>", "<p>one</p><p>two</p><ul><li>three</li></ul>",
        "one\n\ntwo\n\n- three"),
    "terms-without-end-tags": (
        "<dl><dt>Calls<dd>fewer<dt>Cost<dd>less</dl>",
        "<dl><dt>Calls</dt><dd>fewer</dd><dt>Cost</dt><dd>less</dd></dl>",
        "Calls\n:   fewer\n\nCost\n:   less"),
}


def _both(make_project: ProjectFactory, tmp_path: Path,
          name: str) -> tuple[tuple[str, list[str]], tuple[str, list[str]]]:
    """Case `name` imported by a real `showcase import` as two stories, without its end tags
    and with them: each one's content Markdown and the notes printed of it. Both pass check."""
    partner = make_project({"mkdocs.yml": MKDOCS})
    slugs = {"left-out": AROUND.format(CASES[name][0]), "written": AROUND.format(CASES[name][1])}
    lines = _run_import(partner, tmp_path / "stories.json", slugs)
    checked = run_cli("check", "-p", str(partner), "--now", NOW)
    assert checked.exit_code == 0 and "stories/" not in checked.output, checked.output
    created = [index for index, line in enumerate(lines) if line.startswith("created ")]
    assert [lines[index] for index in created] == [
        "created stories/2026-01-01-left-out.md", "created stories/2026-01-01-written.md"], lines
    texts = [(partner / f"stories/2026-01-01-{slug}.md").read_text(encoding="utf-8")
             for slug in slugs]
    return ((_content(texts[0]), lines[created[0] + 1:created[1]]),
            (_content(texts[1]), lines[created[1] + 1:-1]))


@pytest.mark.parametrize("name", list(CASES))
def test_html_without_optional_end_tags_imports_as_with_them(
        name: str, make_project: ProjectFactory, tmp_path: Path) -> None:
    (content, notes), (closed, closed_notes) = _both(make_project, tmp_path, name)
    expected = CASES[name][2]
    assert content == f"## Impact\n\nBefore.\n\n{expected}\n\nAfter."
    assert content == closed
    assert notes == closed_notes == []


@pytest.mark.parametrize("name", [name for name in CASES if "<table>" in CASES[name][0]])
def test_the_tables_equal_those_written_with_all_end_tags(
        name: str, make_project: ProjectFactory, tmp_path: Path) -> None:
    """As a page shows them: the same rows of the same cells, none as loose text."""
    (content, _), (closed, _) = _both(make_project, tmp_path, name)
    shown = _cells(to_html(content))
    assert shown == _cells(to_html(closed))
    assert len(shown) == 1 and len({len(row) for row in shown[0]}) == 1, shown
    assert to_html(content).index("Before.") < to_html(content).index("<table")
