"""`showcase awards` and `pack` refuse an award id two files give, and a folder that is no
project (round 14)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import NOW, ProjectFactory, run_cli, story

AWARD = """\
name: {name}
deadline: 2027-01-15
stories: [a-test-story]
questions:
  - id: why
    prompt: Why?
    words: 100
    compose: summary
"""

TWICE = ("awards/pt.yaml and awards/pt.yml both give the award id pt: keep one of them "
         "(rename or remove the other); until then neither is used")


def _twins(make_project: ProjectFactory) -> Path:
    return make_project({"stories/a.md": story(slug="a-test-story"), "mkdocs.yml": "site_name: T\n",
                         "awards/pt.yml": AWARD.format(name="Period Test"),
                         "awards/pt.yaml": AWARD.format(name="YAML variant")})


def test_awards_lists_an_id_two_files_give_once_and_names_both(make_project: ProjectFactory) -> None:
    """pt.yml and pt.yaml were two rows "pt", each with its own deadline."""
    result = run_cli("awards", "-p", str(_twins(make_project)), "--now", NOW)
    assert result.exit_code == 1
    rows = [line for line in result.stdout.splitlines() if "│ pt" in line]
    assert len(rows) == 1 and "cannot be read: see the errors below" in rows[0]
    assert "Period Test" not in result.stdout and "YAML variant" not in result.stdout
    assert result.stderr.splitlines()[:2] == [f"awards/pt.yaml: {TWICE}", f"awards/pt.yml: {TWICE}"]


def test_pack_refuses_an_id_two_files_give(make_project: ProjectFactory, tmp_path: Path) -> None:
    """The pack silently built the .yaml one."""
    result = run_cli("pack", "pt", "-p", str(_twins(make_project)), "--now", NOW,
                     "--out", str(tmp_path / "dist"))
    assert result.exit_code == 2
    assert f"awards/pt.yml: {TWICE}" in result.stderr
    assert not (tmp_path / "dist" / "pt.zip").exists()


def test_awards_refuses_a_folder_that_is_no_project(make_project: ProjectFactory) -> None:
    """A mistyped -p printed an empty "Award entries" table and exit 0, as if all were well."""
    root = make_project({"awards/x.yml": AWARD.format(name="X")}, base=False)
    result = run_cli("awards", "-p", str(root), "--now", NOW)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (f"showcase: {root.resolve() / 'mkdocs.yml'} not found: a showcase project needs a "
            "mkdocs.yml listing the showcase plugin (see the example project); give the project "
            "folder with -p") in result.stderr


def test_check_refuses_a_folder_without_mkdocs_yml_as_every_command_does(
        make_project: ProjectFactory) -> None:
    """check blamed data/strategy.yml, or said ok, where build refused (round 27, cli27 C2);
    tests/cli/test_round27_cli.py has the rest."""
    root = make_project({"stories/a.md": story(slug="a-test-story")})
    assert run_cli("check", "-p", str(root)).exit_code == 0
    (root / "mkdocs.yml").unlink()
    assert run_cli("check", "-p", str(root)).exit_code == 2
