"""awards.ics: RFC 5545 lines, folding, escaping, stable UIDs, DTSTAMP from SOURCE_DATE_EPOCH."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import clock, project
from generator.calendar import awards_ics, escape, fold
from generator.catalogue import collect
from generator.sharing import site_outputs
from tests.check.casefile import CONFIG
from tests.conftest import INCOME, NOW, STRATEGY, ProjectFactory, write_files
from tests.pack.conftest import EPOCH


def test_example_calendar(example_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    now = clock.now(NOW)
    data = awards_ics(collect(project.discover(example_root), now), now)
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.decode().split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = data.decode().replace("\r\n ", "").split("\r\n")
    assert "UID:lgc-awards-2027@showcase.example.gov.uk" in unfolded  # its site_url's host
    assert "DTSTART:20270115T170000Z" in unfolded
    assert "DTSTART:20270528T225959Z" in unfolded  # 28 May 2027, end of the day UK time (BST)
    assert unfolded.count("DTSTAMP:20260101T000000Z") == 2
    assert ("SUMMARY:Deadline: UK IT Industry Awards 2027: Digital Transformation Project of "
            "the Year") in unfolded
    descriptions = [line for line in unfolded if line.startswith("DESCRIPTION:")]
    assert descriptions == [
        "DESCRIPTION:Entries close 15 January 2027 17:00 GMT for LGC Awards 2027: "
        "Technology\\, run by EMAP (LGC).",
        "DESCRIPTION:Entries close 28 May 2027 23:59 BST for UK IT Industry Awards 2027: "
        "Digital Transformation Project of the Year\\, run by BCS and Computing."]
    assert "URL:https://awards.lgcplus.com/" in unfolded


def test_the_public_calendar_names_no_internal_tool(example_root: Path) -> None:
    """awards.ics is published on the site: residents read it, not the comms team."""
    now = clock.now(NOW)
    text = awards_ics(collect(project.discover(example_root), now), now).decode()
    site = "@showcase.example.gov.uk"  # the UIDs name the example council's site, not the tool
    assert "showcase" not in text.replace(site, "").replace("//Showcase//", "").lower()
    assert "pack" not in text.lower()


def test_text_escaping_and_folding_keep_characters_whole() -> None:
    assert escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    line = "SUMMARY:" + "é" * 60
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert all(len(p.encode()) <= 75 for p in parts[:1]) and all(len(p.encode()) <= 74 for p in parts[1:])
    assert "".join(parts) == line


AWARD = """\
name: LGC Awards 2027
deadline: 2027-01-15T17:00:00Z
stories: []
questions:
  - {id: q, prompt: Tell us., words: 10}
"""


def _uids(root: Path, site_url: str = "") -> list[str]:
    """The UID lines of the project's awards.ics, as the site publishes it (MkDocs' own
    `site_url`, the preview's address under `showcase serve`, is given to the site outputs)."""
    now = clock.now(NOW)
    text = site_outputs(collect(project.discover(root), now), now, site_url)["awards.ics"]
    return [line for line in text.decode().replace("\r\n ", "").split("\r\n")
            if line.startswith("UID:")]


@pytest.mark.parametrize(("settings", "uid"), [
    ("site_url: https://Example.gov.uk/digital/showcase/\n",
     "UID:lgc-awards-2027@example.gov.uk/digital/showcase"),
    ("site_url: https://example.gov.uk\n", "UID:lgc-awards-2027@example.gov.uk"),
    ("site_url: !ENV [SHOWCASE_TEST_SITE_URL, 'https://example.gov.uk/']\n",  # decided later
     "UID:lgc-awards-2027@cyngor-sir-ol-troed-and-digital"),
    ("", "UID:lgc-awards-2027@cyngor-sir-ol-troed-and-digital"),
], ids=["host-and-path", "host", "env", "site-name"])
def test_a_uid_names_the_publishing_site(make_project: ProjectFactory,
                                         monkeypatch: pytest.MonkeyPatch, settings: str,
                                         uid: str) -> None:
    """adopter36 F5: `<award>@showcase` was every council's UID for one award file; RFC 5545
    wants it unique everywhere, and the same in every build (a subscribed calendar would
    otherwise add the event again). Without a site_url the site's name, as a slug, names it."""
    config = CONFIG.replace("site_name: Test\n", "site_name: 'Cyngor Sir: ôl-troed & Digital'\n")
    root = make_project({"mkdocs.yml": settings + config, "awards/lgc-awards-2027.yml": AWARD})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = _uids(root, "http://127.0.0.1:8000/digital/showcase/")  # under `showcase serve`
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 86400))
    assert first == _uids(root, "https://example.gov.uk/digital/showcase/") == [uid]


def test_two_councils_entering_one_award_give_two_uids(tmp_path: Path,
                                                       make_project: ProjectFactory) -> None:
    ours = _uids(make_project({"mkdocs.yml": "site_url: https://a.gov.uk/showcase/\n" + CONFIG,
                               "awards/lgc-awards-2027.yml": AWARD}))
    theirs = tmp_path / "theirs"
    write_files(theirs, {"data/strategy.yml": STRATEGY, "data/income.csv": INCOME,
                         "mkdocs.yml": "site_url: https://b.gov.uk/showcase/\n" + CONFIG,
                         "awards/lgc-awards-2027.yml": AWARD})
    (theirs / "content").mkdir()
    assert (ours, _uids(theirs)) == (["UID:lgc-awards-2027@a.gov.uk/showcase"],
                                     ["UID:lgc-awards-2027@b.gov.uk/showcase"])
