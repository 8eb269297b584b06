"""Text from the project reaches the terminal as written: rich markup is printed, never run."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import NOW, ProjectFactory, run_cli, story

MARKUP_NAME = "Evil [/bold] awards [link=https://evil.example/]click[/link] [bold red]loud[/bold red]"
AWARD = f"""\
name: '{MARKUP_NAME}'
deadline: 2027-03-01
stories: [marked]
questions:
  - id: summary
    prompt: Summarise the entry.
    words: 100
    compose: summary
"""


def _project(make_project: ProjectFactory) -> Path:
    return make_project({
        "awards/evil.yml": AWARD, "mkdocs.yml": "site_name: T\n",  # awards needs a project
        "stories/marked.md": story(slug="marked", title="'[bold]Marked[/bold] story'"),
    })


def test_awards_prints_markup_in_an_award_name_literally(make_project: ProjectFactory) -> None:
    result = run_cli("awards", "-p", str(_project(make_project)), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert MARKUP_NAME in result.output
    assert "\x1b]8;" not in result.output  # no terminal hyperlink was made


def test_pack_prints_markup_in_an_award_name_literally(make_project: ProjectFactory,
                                                      tmp_path: Path) -> None:
    root = _project(make_project)
    result = run_cli("pack", "evil", "-p", str(root), "--now", NOW, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert f"{MARKUP_NAME}: 1 story\n" in result.output
    assert (tmp_path / "out" / "evil.zip").is_file()
