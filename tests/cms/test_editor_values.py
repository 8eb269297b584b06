"""What the story editor saves, worked out by Sveltia CMS's own code (tests/cms/sveltia.mjs runs the
script the site serves, in node) from the generated config, and what `showcase check` makes of it.

since32 F1: an embargo picked in the editor was saved with no UTC offset (2026-12-01T09:00:00),
which check refuses. since32 F2: an uploaded image was saved as /media/pic.png, which check refuses.
A picture put into the story's text is still saved so (Sveltia offers no folder of its own for
a markdown field): every output reads it as the file stories/media/pic.png (round 32), so the
story passes check as saved (tests/site/test_round32_editor_pictures.py builds it).
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import cms
from generator.project import discover
from tests.conftest import NOW, REPO, ProjectFactory, picture, run_cli, story

HARNESS = Path(__file__).with_name("sveltia.mjs")
#: the tester's embargo (winter, GMT) and the same time in summer (BST)
WINTER, SUMMER = "2026-12-01T09:00", "2026-06-01T09:00"
#: the new story the tester saved, and one in a sub-folder of stories/
ENTRY, NESTED = "stories/2026-11-27-editor-test-story.md", "stories/2026/2026-11-27-editor-test-story.md"


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    from generator.catalogue import collect
    from generator.clock import now

    catalogue = collect(discover(REPO), now(NOW))
    return cms.cms_config(catalogue.layout, catalogue.strategy)


def sveltia(config: dict[str, Any], zone: str = "Europe/London", **request: Any) -> dict[str, Any]:
    """Sveltia's answer to `request` (see sveltia.mjs), its browser in the time zone `zone`."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: run scripts/setup-system.sh")
    result = subprocess.run([node, str(HARNESS)], input=json.dumps({"config": config, **request}),
                            capture_output=True, text=True, timeout=60, env={**os.environ, "TZ": zone})
    assert result.returncode == 0, result.stderr
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


def _picked(config: dict[str, Any], zone: str, *inputs: str) -> list[str]:
    answer = sveltia(config, zone, picked=[{"field": "embargo", "input": value} for value in inputs])
    assert {item["zone"] for item in answer["picked"]} == {"Europe/London"}
    return [item["value"] for item in answer["picked"]]


@pytest.mark.parametrize("zone", ["Europe/London", "UTC", "America/New_York"])
def test_an_embargo_picked_in_the_editor_is_saved_in_uk_time_with_its_offset(
        config: dict[str, Any], zone: str) -> None:
    """The officer picks UK time wherever the computer's clock is set; the offset is the one of
    that date in the UK (GMT or BST). The clocks change on 29 March and 25 October 2026."""
    assert _picked(config, zone, WINTER, SUMMER, "2026-03-29T00:30", "2026-03-29T02:30",
                   "2026-10-25T00:30", "2026-10-25T02:30") == [
        "2026-12-01T09:00:00+00:00", "2026-06-01T09:00:00+01:00", "2026-03-29T00:30:00+00:00",
        "2026-03-29T02:30:00+01:00", "2026-10-25T00:30:00+01:00", "2026-10-25T02:30:00+00:00"]


def test_without_the_time_zone_option_the_editor_saves_no_offset(config: dict[str, Any]) -> None:
    """The tester's finding, by the same code: the default (the computer's zone) leaves it out."""
    before = copy.deepcopy(config)
    embargo = next(field for field in before["collections"][0]["fields"] if field["name"] == "embargo")
    del embargo["input_timezone"]
    assert sveltia(before, picked=[{"field": "embargo", "input": WINTER}])["picked"] == [
        {"value": "2026-12-01T09:00:00", "zone": "Europe/London"}]


def test_a_saved_embargo_is_shown_again_as_the_uk_time(config: dict[str, Any]) -> None:
    stored = ["2026-06-01T09:00:00+01:00", "2026-12-01T09:00:00+00:00", "2026-12-01T09:00:00Z",
              "2026-06-01T08:00:00Z"]
    answer = sveltia(config, "America/New_York", shown=[{"field": "embargo", "stored": s} for s in stored])
    assert [item["input"] for item in answer["shown"]] == [SUMMER, WINTER, WINTER, SUMMER]


def test_the_embargo_hint_says_what_is_saved(config: dict[str, Any]) -> None:
    embargo = next(field for field in config["collections"][0]["fields"] if field["name"] == "embargo")
    assert embargo["input_timezone"] == "Europe/London"
    assert embargo["hint"] == (
        "Not public before this time. Pick it in UK time: it is saved with its UTC offset, e.g. "
        "2026-12-01T09:00:00+00:00 in winter (GMT) or 2026-06-01T09:00:00+01:00 in summer (BST).")


def test_an_uploaded_image_is_saved_beside_the_story_as_media_file(config: dict[str, Any]) -> None:
    answer = sveltia(config, uploads=[{"field": "image.src", "entry": entry, "file": "pic.png"}
                                      for entry in (ENTRY, NESTED)])
    assert answer["uploads"] == [{"value": "media/pic.png", "path": "stories/media/pic.png"},
                                 {"value": "media/pic.png", "path": "stories/2026/media/pic.png"}]
    # deleting a story leaves the other stories' pictures: the stories' folder is not entry-relative
    assert answer["deletesFilesWithStory"] is False


def test_with_only_the_site_wide_media_folder_an_upload_is_saved_as_an_absolute_path(
        config: dict[str, Any]) -> None:
    """The tester's finding, by the same code: Sveltia puts a slash before the top-level
    `public_folder`; and a collection-level entry-relative folder would take every picture
    below stories/ with any story deleted."""
    before = copy.deepcopy(config)
    image = next(field for field in before["collections"][0]["fields"] if field["name"] == "image")
    for key in ("media_folder", "public_folder"):
        del image["fields"][0][key]
    upload = [{"field": "image.src", "entry": ENTRY, "file": "pic.png"}]
    assert sveltia(before, uploads=upload)["uploads"] == [{"value": "/media/pic.png", "path": "stories/media/pic.png"}]
    before["collections"][0].update(media_folder="media", public_folder="media")
    answer = sveltia(before, uploads=upload)
    assert answer["uploads"] == [{"value": "media/pic.png", "path": "stories/media/pic.png"}]
    assert answer["deletesFilesWithStory"] is True


def test_a_story_saved_by_the_editor_passes_check(make_project: ProjectFactory) -> None:
    """The values Sveltia works out from the admin/config.yml `showcase cms` writes for this
    project, in a story with an upcoming embargo and an uploaded lead image, as the tester saved it."""
    root = make_project({})
    assert run_cli("cms", "-p", str(root), "--out", str(root / "out")).exit_code == 0
    config = yaml.safe_load((root / "out" / "admin" / "config.yml").read_text(encoding="utf-8"))
    answer = sveltia(config, picked=[{"field": "embargo", "input": WINTER}],
                     uploads=[{"field": "image.src", "entry": ENTRY, "file": "pic.png"}])
    [embargo], [upload] = answer["picked"], answer["uploads"]
    assert (embargo["value"], upload["value"]) == ("2026-12-01T09:00:00+00:00", "media/pic.png")
    (root / upload["path"]).parent.mkdir(parents=True)
    (root / upload["path"]).write_bytes(picture())
    (root / ENTRY).write_text(story(date="2026-11-27", embargo=embargo["value"],
                                    image=f"\n  src: {upload['value']}\n  alt: A chat window"), encoding="utf-8")
    result = run_cli("check", "-p", str(root), "--now", "2026-11-27T12:00")
    assert result.output == "ok: 0 errors, 0 warnings in 1 story and 0 award files\n"


def _inserted(config: dict[str, Any], *entries: str) -> list[dict[str, Any]]:
    answer = sveltia(config, inserted=[{"field": "body", "entry": entry, "file": "pic.png"} for entry in entries])
    inserted: list[dict[str, Any]] = answer["inserted"]
    return inserted


#: what Sveltia 0.221.1 saves for a picture put into the story's text, pasted (or dropped) and
#: with the toolbar's Image button alike: the site-wide folder, written from the site's root
SITE_WIDE = {"value": "/media/pic.png", "path": "stories/media/pic.png"}


def test_a_picture_put_into_the_story_text_is_saved_as_an_absolute_path(config: dict[str, Any]) -> None:
    """Sveltia puts a picture pasted into the text, or inserted with the toolbar, in the site-wide
    folder (stories/media/, for a story in stories/2026/ too) and writes /media/pic.png, which
    Showcase reads as that file (see the last test: check passes it)."""
    assert _inserted(config, ENTRY, NESTED) == [{"pasted": SITE_WIDE, "toolbar": SITE_WIDE}] * 2
    body = config["collections"][0]["fields"][-1]
    assert "media_folder" not in body
    assert body["hint"].endswith("A picture put into the text is saved in stories/media/ and written "
                                 "![alt](/media/pic.png), which the site shows as it is.")


def test_the_body_field_cannot_be_given_a_folder_of_its_own(config: dict[str, Any]) -> None:
    """A markdown field's own media_folder/public_folder (which works for image.src) is not read
    by Sveltia 0.221.1: its config parser collects the folders of file and image fields only, and
    the toolbar's image component has none. A collection-level folder would give media/pic.png,
    but then deleting any story deletes every picture below stories/ with it."""
    own = copy.deepcopy(config)
    body = own["collections"][0]["fields"][-1]
    assert body["name"] == "body"
    body.update(media_folder="media", public_folder="media")
    answer = sveltia(own, inserted=[{"field": "body", "entry": ENTRY, "file": "pic.png"}])
    assert answer["fieldFolders"] == ["image.src", "evidence.*.path"]
    assert answer["inserted"] == [{"pasted": SITE_WIDE, "toolbar": SITE_WIDE}]
    collection = copy.deepcopy(config)
    collection["collections"][0].update(media_folder="media", public_folder="media")
    answer = sveltia(collection, inserted=[{"field": "body", "entry": ENTRY, "file": "pic.png"}])
    relative = {"value": "media/pic.png", "path": "stories/media/pic.png"}
    assert answer["inserted"] == [{"pasted": relative, "toolbar": relative}]
    assert answer["deletesFilesWithStory"] is True


def test_check_passes_a_picture_put_into_the_text_as_saved(make_project: ProjectFactory) -> None:
    """The paths Sveltia works out from the admin/config.yml `showcase cms` writes for this
    project, in a story in stories/ and one in stories/2026/: both stories pass check as saved
    (/media/pic.png is read as stories/media/pic.png), and a picture not saved is named."""
    root = make_project({})
    assert run_cli("cms", "-p", str(root), "--out", str(root / "out")).exit_code == 0
    config = yaml.safe_load((root / "out" / "admin" / "config.yml").read_text(encoding="utf-8"))
    nested = "stories/2026/2026-11-27-webchat-for-blue-badges.md"  # another slug than ENTRY's
    titles = {ENTRY: "Webchat cuts call waiting times", nested: "Webchat for Blue Badges"}
    for entry, inserted in zip((ENTRY, nested), _inserted(config, ENTRY, nested), strict=True):
        value, saved = inserted["pasted"]["value"], root / inserted["pasted"]["path"]
        assert (value, inserted["pasted"]["path"]) == ("/media/pic.png", "stories/media/pic.png")
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_bytes(picture())
        (root / entry).parent.mkdir(parents=True, exist_ok=True)
        body = f"\n## Impact\n\n![A chat window]({value})\n"
        (root / entry).write_text(story(date="2026-11-27", title=titles[entry], body=body), encoding="utf-8")
    check = ("check", "-p", str(root), "--now", "2026-11-27T12:00")
    result = run_cli(*check)
    assert (result.exit_code, result.output) == (
        0, "ok: 0 errors, 0 warnings in 2 stories and 0 award files\n")
    (root / "stories/media/pic.png").unlink()
    assert run_cli(*check).output == (
        'stories/2026-11-27-editor-test-story.md:12: body: image "/media/pic.png": '
        "stories/media/pic.png does not exist\n"
        'stories/2026/2026-11-27-webchat-for-blue-badges.md:12: body: image "/media/pic.png": '
        "stories/media/pic.png does not exist\n"
        "errors found: 2 errors, 0 warnings in 2 stories and 0 award files\n")


# editor33 F1: an award result's `national` was a yes/no switch, which Sveltia saves as
# `national: false` when untouched, so check's "add national: true" reminder never fired and the
# dashboard's national-award criterion did not count the award. It is now a choice of Yes, No or
# (None), which round-trips: (None) saves nothing, Yes and No the YAML booleans true and false.

#: a new story with one award result, as the tester filled it in (the required fields and the award)
TYPED = {"title": "Webchat cuts waits", "summary": "Residents' calls fell.", "date": "2026-11-20",
         "status": "published", "service": "Customer Services", "outcomes.0": "earn-revenue",
         "awards.0.award": "lgc-awards-2026", "awards.0.result": "won", "awards.0.year": 2026}
NATIONAL = "awards.0.national"
FRONT = ("---\ntitle: Webchat cuts waits\nsummary: Residents' calls fell.\ndate: 2026-11-20\n"
         "status: published\nservice: Customer Services\noutcomes:\n  - earn-revenue\nawards:\n"
         "  - award: lgc-awards-2026\n    result: won\n")


def _saved(config: dict[str, Any], *choices: str | None, typed: dict[str, Any] = TYPED) -> list[dict[str, Any]]:
    """The files the editor writes for a new story with one award result, its National left
    alone (None) or set by clicking the option with that label (in turn, for several)."""
    saves = [{"values": typed, "added": {"awards": 1},
              "chosen": {} if choice is None else {NATIONAL: choice}} for choice in choices]
    saved: list[dict[str, Any]] = sveltia(config, saved=saves)["saved"]
    return saved


def _reopened(config: dict[str, Any], *lines: str) -> list[dict[str, Any]]:
    """The National value and the option shown checked when a story whose award result has
    `lines` is opened in the editor."""
    texts = [f"{FRONT}{line}    year: 2026\n---\n" for line in lines]
    answer = sveltia(config, reopened=[{"text": text, "fields": [NATIONAL]} for text in texts])
    return [item[NATIONAL] for item in answer["reopened"]]


def _national_field(config: dict[str, Any]) -> dict[str, Any]:
    awards = next(field for field in config["collections"][0]["fields"] if field["name"] == "awards")
    national: dict[str, Any] = next(field for field in awards["fields"] if field["name"] == "national")
    return national


def test_a_national_left_alone_is_saved_as_nothing_and_a_choice_as_true_or_false(
        config: dict[str, Any]) -> None:
    """The whole file the editor writes: no `national:` line when left alone (or set back to
    (None)), `national: true` for Yes and `national: false` for No, unquoted YAML booleans."""
    untouched, yes, no, cleared = _saved(config, None, "Yes", "No", "(None)")
    assert untouched == {"text": f"{FRONT}    year: 2026\n---\n", "options": {}}
    assert yes == {"text": f"{FRONT}    national: true\n    year: 2026\n---\n",
                   "options": {NATIONAL: ["(None)", "Yes", "No"]}}
    assert no["text"] == f"{FRONT}    national: false\n    year: 2026\n---\n"
    assert cleared["text"] == untouched["text"]
    assert [yaml.safe_load(item["text"].split("---")[1])["awards"][0].get("national", "unsaid")
            for item in (untouched, yes, no)] == ["unsaid", True, False]


def test_a_saved_national_is_shown_again_when_the_story_is_opened(config: dict[str, Any]) -> None:
    """Reopening shows the saved choice; a story without `national` (hand-written, or saved with
    it left alone) shows (None) and holds nothing, so saving it again adds no line."""
    assert _reopened(config, "", "    national: true\n", "    national: false\n") == [
        {"value": None, "shown": ["(None)"]}, {"value": True, "shown": ["Yes"]},
        {"value": False, "shown": ["No"]}]


def test_the_national_field_is_a_choice_of_booleans_with_a_hint(config: dict[str, Any]) -> None:
    assert _national_field(config) == {
        "name": "national", "label": "National", "required": False, "widget": "select",
        "options": [{"label": "Yes", "value": True}, {"label": "No", "value": False}],
        "hint": "Leave it at (None) when the award has an award file, which says whether it is "
                "national, or when you are not sure: check then reminds you. Otherwise choose Yes "
                "for a nationally recognised award, No for one that is not."}
    assert config["output"] == {"omit_empty_optional_fields": True}
    # the other yes/no fields stay switches that mean `false` when left off, on purpose
    fields = {field["name"]: field for field in config["collections"][0]["fields"]}
    switches = {f"{name}.{sub['name']}": (sub["widget"], sub.get("default"))
                for name in ("metrics", "quotes", "evidence") for sub in fields[name]["fields"]
                if sub["widget"] == "boolean"}
    assert switches == {"metrics.verified": ("boolean", False), "quotes.consent": ("boolean", False),
                        "evidence.public": ("boolean", False)}


def test_a_yes_no_switch_cannot_leave_national_unsaid(config: dict[str, Any]) -> None:
    """The tester's finding, by the same code: a boolean switch saves `national: false` when left
    alone, with or without `default: null`, and fills in `false` when a story without it is opened
    (so saving that story again would add `national: false` too)."""
    switch = copy.deepcopy(config)
    national = _national_field(switch)
    for key in ("options", "hint"):
        del national[key]
    national["widget"] = "boolean"
    with_null = copy.deepcopy(switch)
    _national_field(with_null)["default"] = None
    for variant in (switch, with_null):
        [untouched] = _saved(variant, None)
        assert untouched["text"] == f"{FRONT}    national: false\n    year: 2026\n---\n"
        assert _reopened(variant, "") == [{"value": False, "shown": ["off"]}]


def test_string_yes_no_options_would_be_saved_as_quoted_text(config: dict[str, Any]) -> None:
    """Why the options' values are the booleans themselves: with the strings "true" and "false",
    Sveltia would write `national: 'true'`, which check refuses (a quoted "true" is text)."""
    strings = copy.deepcopy(config)
    _national_field(strings)["options"] = [{"label": "Yes", "value": "true"}, {"label": "No", "value": "false"}]
    [yes] = _saved(strings, "Yes")
    assert yes["text"] == f"{FRONT}    national: 'true'\n    year: 2026\n---\n"


def test_check_and_the_dashboard_read_national_as_the_editor_saves_it(make_project: ProjectFactory) -> None:
    """Three stories saved through the editor from the admin/config.yml `showcase cms` writes
    for this project, whose award lgc-awards-2026 has no award file: National left alone (check
    reminds the officer), Yes (the dashboard's national-award criterion counts it; check is
    silent) and No (not counted; check is silent)."""
    from generator.catalogue import collect
    from generator.clock import now
    from generator.site.criteria import evaluate_all

    root = make_project({})
    assert run_cli("cms", "-p", str(root), "--out", str(root / "out")).exit_code == 0
    config = yaml.safe_load((root / "out" / "admin" / "config.yml").read_text(encoding="utf-8"))
    stories = root / "stories"
    stories.mkdir(exist_ok=True)
    titles = {None: "Left alone", "Yes": "Said yes", "No": "Said no"}
    for choice, title in titles.items():
        [saved] = _saved(config, choice, typed={**TYPED, "title": title})
        (stories / f"2026-11-27-{title.lower().replace(' ', '-')}.md").write_text(
            saved["text"], encoding="utf-8")
    assert (stories / "2026-11-27-left-alone.md").read_text(encoding="utf-8").count("national") == 0
    result = run_cli("check", "-p", str(root), "--now", "2026-11-27T12:00")
    assert (result.exit_code, result.output) == (0, (
        'stories/2026-11-27-left-alone.md:10: warning: awards[0]: "lgc-awards-2026" has no award '
        'file, so the dashboard does not count it for "Win a national award", which counts national '
        "awards only: add national: true to this result if the award is national (or add an award "
        "file for it that says national: true)\n"
        "ok: 0 errors, 1 warning in 3 stories and 0 award files\n"))
    moment = now("2026-11-27T12:00:00+00:00")
    [award] = [item for item in evaluate_all(collect(discover(root), moment), moment)
               if item.criterion.id == "national-award"]
    assert (award.current, award.met) == (1.0, True)
    (stories / "2026-11-27-said-yes.md").unlink()
    [award] = [item for item in evaluate_all(collect(discover(root), moment), moment)
               if item.criterion.id == "national-award"]
    assert (award.current, award.met) == (0.0, False)
