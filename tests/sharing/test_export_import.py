"""`showcase export` and `showcase import`: open data out, a partner's drafts in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import NOW, ProjectFactory, run_cli, story
from tests.sharing.conftest import FILES, MKDOCS, PRIVATE_MARKERS, write_project

SITE = "https://showcase.example.gov.uk/"


def test_round_trip_example_export_then_import_into_a_partner_passes_check(
        example_project: Path, make_project: ProjectFactory, tmp_path: Path) -> None:
    out = tmp_path / "open-data"
    exported = run_cli("export", "-p", str(example_project), "--now", NOW, "--out", str(out))
    assert exported.exit_code == 0, exported.output
    assert sorted(p.name for p in out.iterdir()) == [
        "metrics.csv", "metrics.schema.json", "stories.json", "stories.schema.json"]
    data = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    assert len(data["stories"]) == 10
    partner = make_project({"mkdocs.yml": "site_name: Partner\nplugins:\n  - showcase\n"})
    imported = run_cli("import", str(out / "stories.json"), "-p", str(partner), "--now", NOW)
    assert imported.exit_code == 0, imported.output
    assert imported.output.splitlines()[-1].startswith("Imported 10 of 10 stories from ")
    lines = imported.output.splitlines()
    at = lines.index("created stories/2025-10-22-ai-webchat-reduces-call-volumes.md")
    assert lines[at + 1] == ('  outcomes: dropped "service-planning": this project\'s strategy '
                             "has no such outcome")
    checked = run_cli("check", "-p", str(partner), "--now", NOW)
    assert checked.exit_code == 0, checked.output
    assert " 0 errors, " in checked.output


def test_an_imported_story_is_a_draft_with_attribution_and_no_private_parts(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    source = write_project(tmp_path / "source", {"mkdocs.yml": MKDOCS, **FILES})
    out = tmp_path / "out"
    assert run_cli("export", "-p", str(source), "--now", NOW, "--out", str(out)).exit_code == 0
    partner = make_project({"mkdocs.yml": "site_name: Partner\nplugins:\n  - showcase\n"})
    result = run_cli("import", str(out / "stories.json"), "-p", str(partner), "--now", NOW)
    assert result.exit_code == 0, result.output
    text = (partner / "stories/2026-03-14-alpha.md").read_text(encoding="utf-8")
    assert "\nstatus: draft\n" in text
    assert "\noutcomes:\n- earn-revenue\n" in text
    # the partner credited is the council (the strategy's council:), not the site's name
    assert "\npartners:\n- Riverside District Council\n- Testshire Fire\n- Testshire Council\n" in text
    assert ("*First published by Testshire Council at <https://stories.testshire.gov.uk/stories/"
            "alpha/> on 2026-03-14.") in text
    assert "- Evidence: [Call volumes](https://stories.testshire.gov.uk/stories/alpha/evidence/pub.csv)" in text
    assert "  source: https://stories.testshire.gov.uk/stories/alpha/evidence/pub.csv\n" in text
    assert "consent: false" in text and "consent: true" not in text
    assert "verified: true" not in text
    assert "\n## Challenge\n" in text and "\n## Impact\n" in text
    for marker in PRIVATE_MARKERS:
        assert marker not in text
    assert sorted(p.name for p in (partner / "stories").iterdir()) == [
        "2026-03-14-alpha.md", "2026-05-01-beta.md"]


def test_import_never_overwrites_and_says_so(make_project: ProjectFactory, tmp_path: Path) -> None:
    source = write_project(tmp_path / "source", {"mkdocs.yml": MKDOCS, **FILES})
    out = tmp_path / "out"
    run_cli("export", "-p", str(source), "--now", NOW, "--out", str(out))
    mine = story(title="Our own beta", slug="beta")
    partner = make_project({"mkdocs.yml": "site_name: Partner\nplugins:\n  - showcase\n",
                            "stories/2026-03-14-alpha.md": "hand-written\n",
                            "stories/2026-01-01-ours.md": mine})
    result = run_cli("import", str(out / "stories.json"), "-p", str(partner), "--now", NOW)
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        'skipped stories/2026-05-01-beta.md: a story with the slug "beta" already exists',
        "skipped stories/2026-03-14-alpha.md: the file already exists (it was not overwritten)",
        "Imported 0 of 2 stories from Testshire Council as drafts. Next: read each one, confirm "
        "quotes and figures, then run: showcase check",
    ]
    assert (partner / "stories/2026-03-14-alpha.md").read_text(encoding="utf-8") == "hand-written\n"
    assert not (partner / "stories/2026-05-01-beta.md").exists()


def test_import_validates_the_file_first(make_project: ProjectFactory, tmp_path: Path) -> None:
    partner = make_project({"mkdocs.yml": "site_name: Partner\nplugins:\n  - showcase\n"})
    bad = tmp_path / "stories.json"
    bad.write_text(json.dumps({"version": 1, "publisher": "X", "site_url": None,
                               "generated": "2026-01-01T00:00:00Z",
                               "stories": [{"id": "Not A Slug",
                                            "metrics": [{"value": "30%"}]}]}),
                   encoding="utf-8")
    result = run_cli("import", str(bad), "-p", str(partner))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{bad}: stories[0].id: expected lowercase letters, digits and single hyphens " \
           "(like my-story-2026), got \"Not A Slug\" (write not-a-slug)" in lines
    assert f"{bad}: stories[0].title: is required but missing" in lines
    assert f'{bad}: stories[0].metrics[0].value: expected a number, got "30%"' in lines
    assert lines[-1] == (f"showcase: {bad} does not match the stories.json schema "
                         "(see stories.schema.json): nothing was imported")
    assert not (partner / "stories").exists()
    bad.write_text("{not json", encoding="utf-8")
    result = run_cli("import", str(bad), "-p", str(partner))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{bad}:1: is not a stories.json file (it is not JSON: a field name in double quotes "
        "was expected here, at column 2)")
    bad.write_text('{"version": 2, "stories": []}', encoding="utf-8")
    result = run_cli("import", str(bad), "-p", str(partner))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"showcase: {bad} is stories.json format version 2; this Showcase reads version 1: "
        "import it with a Showcase as new as the one that wrote it (nothing was imported)"]
    bad.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = run_cli("import", str(bad), "-p", str(partner))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"showcase: {bad} is not a stories.json file: its lists or objects are nested too "
        "deeply to read"]
    assert not (partner / "stories").exists()


def test_export_for_a_partner_keeps_only_the_stories_naming_it(tmp_path: Path) -> None:
    source = write_project(tmp_path / "source", {"mkdocs.yml": MKDOCS, **FILES})
    result = run_cli("export", "-p", str(source), "--now", NOW, "--partner",
                     "RIVERSIDE  district council")
    assert result.exit_code == 0, result.output
    # named as the stories write it, not as typed: beta and alpha spell it one way each, and
    # on a tie the first story's spelling is the one (adopter36 F4)
    assert result.output == ('Wrote 2 public stories naming the partner "riverside district '
                             f'council" to {source / "dist/open-data"}/ (stories.json, '
                             "metrics.csv and their schemas).\n")
    data = json.loads((source / "dist/open-data/stories.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["stories"]] == ["beta", "alpha"]
    assert data["partner"] == "riverside district council"
    result = run_cli("export", "-p", str(source), "--now", NOW, "--partner", "Testshire Fire",
                     "--out", str(tmp_path / "fire"))
    data = json.loads((tmp_path / "fire/stories.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["stories"]] == ["alpha"]


def test_export_names_the_partner_as_most_of_its_stories_write_it(tmp_path: Path) -> None:
    """The file sent to a partner names it as the stories do, not as --partner was typed
    (other case, two spaces): the spelling most of the chosen stories use (adopter36 F4)."""
    gamma = story(title="Gamma story", date="2026-04-01", partners="[Riverside District Council]")
    source = write_project(tmp_path / "source", {"mkdocs.yml": MKDOCS, **FILES,
                                                 "stories/2026-04-01-gamma.md": gamma})
    result = run_cli("export", "-p", str(source), "--now", NOW, "--partner",
                     "riverside  DISTRICT council")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        'Wrote 3 public stories naming the partner "Riverside District Council" to ')
    data = json.loads((source / "dist/open-data/stories.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["stories"]] == ["beta", "gamma", "alpha"]
    assert data["partner"] == "Riverside District Council"


def test_export_refuses_a_project_with_errors(make_project: ProjectFactory) -> None:
    root = make_project({"stories/2026-01-01-x.md": story(status="review", summary=None)})
    result = run_cli("export", "-p", str(root), "--now", NOW)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "showcase: 1 error(s): fix them (showcase check), then export again; nothing was written")
    assert not (root / "dist").exists()


def test_a_story_that_would_not_be_valid_here_is_skipped_with_the_reason(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    source = write_project(tmp_path / "source", {"mkdocs.yml": MKDOCS, **FILES})
    out = tmp_path / "out"
    run_cli("export", "-p", str(source), "--now", NOW, "--out", str(out))
    data = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    data["stories"][0]["service"] = "   "
    (out / "stories.json").write_text(json.dumps(data), encoding="utf-8")
    partner = make_project({"mkdocs.yml": "site_name: Partner\nplugins:\n  - showcase\n"})
    result = run_cli("import", str(out / "stories.json"), "-p", str(partner), "--now", NOW)
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "skipped stories/2026-05-01-beta.md: it would not be a valid story here "
        "(service: is empty: write some text)")
    assert result.output.count("stories/2026-05-01-beta.md") == 1
    assert (partner / "stories/2026-03-14-alpha.md").is_file()


def test_a_partners_export_keeps_links_to_public_stories_outside_its_set(
        tmp_path: Path) -> None:
    """A body's link to another public story keeps its address in a partner's export, even
    when that story does not name the partner."""
    alpha = str(FILES["stories/2026-03-14-alpha.md"])
    linked = alpha.replace("\n---\n", "\n---\nSee [the beta story](2026-05-01-beta.md).\n\n", 1)
    assert linked != alpha
    source = write_project(tmp_path / "source", {"mkdocs.yml": MKDOCS, **FILES,
                                                 "stories/2026-03-14-alpha.md": linked})
    result = run_cli("export", "-p", str(source), "--now", NOW, "--partner", "Testshire Fire")
    assert result.exit_code == 0, result.output
    data = json.loads((source / "dist/open-data/stories.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["stories"]] == ["alpha"]
    assert ('<a href="https://stories.testshire.gov.uk/stories/beta/" rel="noopener noreferrer">'
            "the beta story</a>" in data["stories"][0]["content_html"])


@pytest.mark.parametrize("partner", ["", "   "])
def test_export_for_an_empty_partner_name_is_a_usage_error(tmp_path: Path, partner: str) -> None:
    source = write_project(tmp_path / "source", {"mkdocs.yml": MKDOCS, **FILES})
    result = run_cli("export", "-p", str(source), "--now", NOW, "--partner", partner)
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [
        "showcase: --partner is empty: give the partner's name as the stories list it under "
        "partners, or leave --partner out to export every public story"]
    assert not (source / "dist").exists()


def test_export_for_part_of_a_partners_name_suggests_the_public_names(tmp_path: Path) -> None:
    draft = str(FILES["stories/2026-06-01-draft-story.md"]).replace(
        "Riverside District Council", "Testshire Secret Partner")
    source = write_project(tmp_path / "source", {"mkdocs.yml": MKDOCS, **FILES,
                                                 "stories/2026-06-01-draft-story.md": draft})
    kept = f"Nothing was written (any files already in {source / 'dist/open-data'}/ are kept)"
    result = run_cli("export", "-p", str(source), "--now", NOW, "--partner", "Testshire")
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        'showcase: no public story lists "Testshire" under partners. Did you mean '
        f'"Testshire Fire"? {kept}']
    result = run_cli("export", "-p", str(source), "--now", NOW, "--partner", "riverside distrct")
    assert result.output.splitlines()[-1] == (
        'showcase: no public story lists "riverside distrct" under partners. '
        f'Did you mean "Riverside District Council"? {kept}')
    result = run_cli("export", "-p", str(source), "--now", NOW, "--partner", "Nobody at all")
    assert result.output.splitlines()[-1] == (
        f'showcase: no public story lists "Nobody at all" under partners. {kept}')
    assert not (source / "dist").exists()
