"""`showcase import` of a partner's tables (round 18): a thead's rows are the header whatever
their cells, rows and columns without text are left out, merged cells are laid out under
their own headers (a spanned place blank), and a hostile table neither crashes nor hangs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator.markdown_text import to_html
from tests.conftest import INCOME, NOW, STRATEGY, ProjectFactory, run_cli, write_files

MKDOCS = "site_name: Partner\nplugins:\n  - showcase\n"


def _data(stories: dict[str, str]) -> dict[str, Any]:
    """A partner's stories.json holding one story a `{id: content_html}`."""
    return {"version": 1, "publisher": "Riverside Council", "site_url": "https://river.example/",
            "generated": "2026-01-01T00:00:00Z", "stories": [
                {"id": slug, "title": f"Story {slug}", "summary": "What happened.",
                 "date": "2026-01-01", "published": "2026-01-01T00:00:00+00:00",
                 "service": "Digital", "outcomes": ["earn-revenue"],
                 "url": f"https://river.example/{slug}/", "content_html": html}
                for slug, html in stories.items()]}


def _run_import(root: Path, file: Path, stories: dict[str, str]) -> list[str]:
    file.write_text(json.dumps(_data(stories)), encoding="utf-8")
    result = run_cli("import", str(file), "-p", str(root), "--now", NOW)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def _content(text: str) -> str:
    """The partner's content of an imported story (without the attribution and ## Source)."""
    body = text.split("\n---\n", 1)[1]
    return body.split("\n\n", 1)[1].split("\n\n## Source\n", 1)[0]


def _import(make_project: ProjectFactory, tmp_path: Path, html: str) -> tuple[str, list[str]]:
    """The imported content's Markdown and what import printed after `created`; the story
    passes `showcase check`."""
    partner = make_project({"mkdocs.yml": MKDOCS})
    lines = _run_import(partner, tmp_path / "stories.json", {"webchat": html})
    assert lines[0] == "created stories/2026-01-01-webchat.md", lines
    checked = run_cli("check", "-p", str(partner), "--now", NOW)
    assert checked.exit_code == 0, checked.output
    assert "webchat" not in checked.output, checked.output
    text = (partner / "stories/2026-01-01-webchat.md").read_text(encoding="utf-8")
    return _content(text), lines[1:-1]


def _cells(html: str) -> list[list[list[str]]]:
    """Each table's rows' cell texts, header row first (`th` and `td` alike)."""
    page = BeautifulSoup(html, "html.parser")
    return [[[" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])]
             for row in table.find_all("tr")] for table in page.find_all("table")]


def _headers(html: str) -> list[list[str]]:
    page = BeautifulSoup(html, "html.parser")
    return [[" ".join(th.get_text().split()) for th in table.select("thead th")]
            for table in page.find_all("table")]


# Each case: the partner's HTML, the Markdown import writes, and the table as a page shows it.
CASES: dict[str, tuple[str, str, list[list[str]]]] = {
    "thead-of-td-cells-two-rows": (
        "<table><thead><tr><td><b>Area</b></td><td colspan=\"2\"><b>Calls</b></td></tr>"
        "<tr><td></td><td>2024</td><td>2025</td></tr></thead>"
        "<tbody><tr><td>North</td><td>5</td><td>6</td></tr></tbody></table>",
        "| **Area** | **Calls** 2024 | 2025 |\n| --- | --- | --- |\n| North | 5 | 6 |",
        [["Area", "Calls 2024", "2025"], ["North", "5", "6"]]),
    "thead-written-last-tfoot-first": (
        "<table><tfoot><tr><td>Total</td><td>9</td></tr></tfoot>"
        "<tbody><tr><td>May</td><td>9</td></tr></tbody>"
        "<thead><tr><td>Month</td><td>Calls</td></tr></thead></table>",
        "| Month | Calls |\n| --- | --- |\n| May | 9 |\n| Total | 9 |",
        [["Month", "Calls"], ["May", "9"], ["Total", "9"]]),
    "no-thead-no-th-bold-first-row": (
        "<table><caption>Savings</caption><tr><td><strong>Year</strong></td>"
        "<td><strong>Saving</strong></td></tr><tr><td>2025</td><td>£10k</td></tr></table>",
        "Savings\n\n| **Year** | **Saving** |\n| --- | --- |\n| 2025 | £10k |",
        [["Year", "Saving"], ["2025", "£10k"]]),
    "empty-first-row": (
        "<table><tr><td></td><td> </td></tr><tr><td>Year</td><td>Saving</td></tr>"
        "<tr><td>&nbsp;</td><td></td></tr><tr><td>2025</td><td>£10k</td></tr></table>",
        "| Year | Saving |\n| --- | --- |\n| 2025 | £10k |",
        [["Year", "Saving"], ["2025", "£10k"]]),
    "empty-th-row-in-thead": (
        "<table><thead><tr><th></th><th></th></tr></thead><tbody><tr><td>Year</td>"
        "<td>Saving</td></tr><tr><td>2025</td><td>£10k</td></tr></tbody></table>",
        "| Year | Saving |\n| --- | --- |\n| 2025 | £10k |",
        [["Year", "Saving"], ["2025", "£10k"]]),
    "rowspan-and-colspan": (
        "<table><tr><th>Area</th><th>Year</th><th>Calls</th></tr>"
        "<tr><td rowspan=\"2\">North</td><td>2024</td><td>5</td></tr>"
        "<tr><td>2025</td><td>6</td></tr>"
        "<tr><td colspan=\"2\">Both years</td><td>11</td></tr></table>",
        "| Area | Year | Calls |\n| --- | --- | --- |\n| North | 2024 | 5 |\n|  | 2025 | 6 |\n"
        "| Both years |  | 11 |",
        [["Area", "Year", "Calls"], ["North", "2024", "5"], ["", "2025", "6"],
         ["Both years", "", "11"]]),
    "rowspan-zero-and-header-colspan": (
        "<table><thead><tr><th colspan=\"2\">Team</th><th>Calls</th></tr></thead><tbody>"
        "<tr><td rowspan=\"0\">Webchat</td><td>Ann</td><td>3</td></tr>"
        "<tr><td>Bob</td><td>4</td></tr></tbody>"
        "<tfoot><tr><td>All</td><td></td><td>7</td></tr></tfoot></table>",
        "| Team |  | Calls |\n| --- | --- | --- |\n| Webchat | Ann | 3 |\n|  | Bob | 4 |\n"
        "| All |  | 7 |",
        [["Team", "", "Calls"], ["Webchat", "Ann", "3"], ["", "Bob", "4"], ["All", "", "7"]]),
    "pipes-in-a-link-and-alt-text": (
        "<table><tr><th>Link</th><th>Code</th><th>N</th></tr><tr><td>"
        "<a href=\"https://x.example/a|b\">l|m</a></td><td><code>c|d</code></td><td>1</td></tr>"
        "<tr><td><img src=\"https://x.example/i.png\" alt=\"p|q\"></td><td>x</td><td>2</td></tr>"
        "</table>",
        "| Link | Code | N |\n| --- | --- | --- |\n| [l\\|m](https://x.example/a\\|b) | `c|d` | 1 |\n"
        "| p\\|q | x | 2 |",
        [["Link", "Code", "N"], ["l|m", "c|d", "1"], ["p|q", "x", "2"]]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_partner_table_is_laid_out_as_its_page_shows_it(
        name: str, make_project: ProjectFactory, tmp_path: Path) -> None:
    html, markdown, shown = CASES[name]
    content, notes = _import(make_project, tmp_path, html)
    assert content == markdown
    assert notes == []
    assert _cells(to_html(content)) == [shown]


NOTE = ("  stories[0].content_html: {count} table cell spans taken as browsers take them "
        "({first} and others): a colspan over 1,000 as the table's width, a rowspan over 65,534 as 65,534, "
        "one that is not a number (or a colspan of 0) as 1: check the table's layout")


def test_out_of_range_and_unreadable_spans_are_taken_as_browsers_take_them_and_said(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    content, notes = _import(make_project, tmp_path, (
        "<table><tr><th>A</th><th>B</th></tr>"
        "<tr><td colspan=\"99999\">wide</td><td>after</td></tr>"
        "<tr><td colspan=\"-3\" rowspan=\"x\">n</td><td rowspan=\"-1\">m</td></tr>"
        "<tr><td colspan=\"1px\">two</td><td colspan=\"0\">z</td></tr>"
        f"<tr><td colspan=\"1{'0' * 5000}\" rowspan=\"99999999\">huge</td></tr></table>"))
    assert content == ("| A | B |  |\n| --- | --- | --- |\n| wide |  | after |\n"
                       "| n | m |  |\n| two | z |  |\n| huge |  |  |")
    assert notes == [NOTE.format(count=7, first='colspan="99999"')]


def test_a_table_of_1000_columns_keeps_every_column(make_project: ProjectFactory,
                                                    tmp_path: Path) -> None:
    content, notes = _import(make_project, tmp_path, (
        "<table><tr>" + "".join(f"<th>h{i}</th>" for i in range(1000)) + "</tr><tr>"
        + "".join(f"<td>{i}</td>" for i in range(1000)) + "</tr></table>"))
    assert content.splitlines() == ["| " + " | ".join(f"h{i}" for i in range(1000)) + " |",
                                    "| " + " | ".join(["---"] * 1000) + " |",
                                    "| " + " | ".join(str(i) for i in range(1000)) + " |"]
    assert notes == []


def test_nested_tables_a_caption_alone_and_text_outside_cells_keep_their_text(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    content, notes = _import(make_project, tmp_path, (
        "<table><tr><th>A</th><th>B</th></tr><tr><td><table><tr><td>in</td><td>"
        "<table><tr><td>deep</td></tr></table></td></tr></table></td><td>b</td></tr></table>"
        "<table><caption>Only a caption</caption></table>"
        "<table>loose<td>lonely</td><tr><td>x</td><td>y</td></tr><tr></tr></table>"))
    page = to_html(content)
    # the lonely cell is in the row a browser opens for it, above the written one
    assert _cells(page) == [[["A", "B"], ["in deep", "b"]], [["lonely", ""], ["x", "y"]]]
    assert [p.get_text() for p in BeautifulSoup(page, "html.parser").find_all("p")] == [
        "Only a caption", "loose"]
    assert notes == []


def test_a_table_too_large_for_a_story_skips_it_with_the_reason(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    partner = make_project({"mkdocs.yml": MKDOCS})
    lines = _run_import(partner, tmp_path / "stories.json", {
        "webchat": "<table>" + "<tr><td colspan=\"1000\">x</td></tr>" * 2001 + "</table>"})
    assert lines[0] == (
        "skipped stories/2026-01-01-webchat.md: stories[0].content_html: a table of 2001 rows "
        "lays out more than 2,000,000 cells, too large for a story: copy it in by hand, "
        "shortened")
    assert not (partner / "stories").exists() or not any((partner / "stories").iterdir())


SITE = {"data/strategy.yml": STRATEGY, "data/income.csv": INCOME,
        "mkdocs.yml": MKDOCS.replace("plugins:", "docs_dir: content\ntheme:\n  name: material\n"
                                                 "  font: false\nplugins:"),
        "content/index.md": "# Partner stories\n",
        "content/accessibility.md": "# Accessibility statement\n"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build of a project holding every case, imported then published."""
    root = write_files(tmp_path_factory.mktemp("tables") / "project", SITE)
    slugs = {name: html for name, (html, _, _) in CASES.items()}
    _run_import(root, root.parent / "stories.json", slugs)
    for path in (root / "stories").glob("*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace(
            "\nstatus: draft\n", "\nstatus: published\n", 1), encoding="utf-8")
    result = run_cli("build", "-p", str(root), "--site-dir", str(root / "site"), "--now", NOW)
    assert result.exit_code == 0, result.output
    return root / "site"


@pytest.mark.parametrize("name", list(CASES))
def test_the_built_page_shows_the_table_under_its_headers(name: str, built: Path) -> None:
    page = (built / f"stories/{name}/index.html").read_text(encoding="utf-8")
    article = str(BeautifulSoup(page, "html.parser").find("article"))
    shown = CASES[name][2]
    assert _cells(article) == [shown]
    assert _headers(article) == [shown[0]]
