"""A picture the story editor puts into a story's text: Sveltia saves it in stories/media/ and
writes `![alt](/media/pic.png)` (tests/cms/test_editor_values.py), for a story in stories/2026/
too. Every output reads it as the file stories/media/pic.png, as `media/pic.png` written in a
story in stories/: check passes it, the page shows its published copy (without camera data),
feeds and open data give that copy's full address, and a pack treats it as any body picture.
It never reaches outside stories/media/."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.browser.test_images import assert_clean, photo
from tests.conftest import NOW, ProjectFactory, picture, run_cli, story
from tests.pack.conftest import READY_AWARD, Pack
from tests.pack.conftest import build as build_pack
from tests.site.conftest import Built, built_fine, site_project, write

TOP, NESTED = "stories/2026-03-14-top.md", "stories/2026/2026-04-01-nested.md"
BODY = "## Challenge\n\nA challenge.\n\n## Impact\n\n![A chart](/media/pic.png)\n\nCalls fell.\n"
SITE = "https://showcase.test.example/"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("editor-pictures"), {
        **site_project(),
        "awards/ready.yml": READY_AWARD,
        TOP: story(slug="top", title="Top story", date="2026-03-14", body=BODY),
        NESTED: story(slug="nested", title="Nested story", date="2026-04-01", body=BODY),
        "stories/media/pic.png": photo("PNG"),
    })


@pytest.fixture(scope="module")
def built(project: Path) -> Built:
    return built_fine(project)


@pytest.fixture(scope="module")
def pack(project: Path) -> Pack:
    return build_pack(project, "ready", project / "dist")


def test_check_passes_the_editors_picture(project: Path) -> None:
    checked = run_cli("check", "-p", str(project), "--now", NOW)
    assert checked.exit_code == 0, checked.output
    assert [line for line in checked.output.splitlines() if line.startswith("stories/")] == []
    assert checked.output.splitlines()[-1].startswith("ok: 0 errors")


@pytest.mark.parametrize("slug", ["top", "nested"])
def test_the_page_shows_the_published_copy_without_camera_data(built: Built, slug: str) -> None:
    page = built.html(f"stories/{slug}/")
    assert '<img alt="A chart" src="images/media/pic.png"' in page
    assert '"/media/pic.png"' not in page
    assert_clean((built.site / f"stories/{slug}/images/media/pic.png").read_bytes(), "PNG")


def test_the_media_folder_itself_is_not_published(built: Built) -> None:
    assert not (built.site / "media").exists()
    assert not (built.site / "stories/media").exists()


def test_feeds_and_open_data_carry_the_full_address(built: Built) -> None:
    feeds = {name: (built.site / "feeds" / name).read_text(encoding="utf-8")
             for name in ("rss.xml", "atom.xml", "feed.json")}
    records = json.loads((built.site / "data/stories.json").read_text(encoding="utf-8"))
    for slug in ("top", "nested"):
        address = f"{SITE}stories/{slug}/images/media/pic.png"
        for name in ("rss.xml", "atom.xml"):  # the body escaped as text: its quotes as they are
            assert f'src="{address}"' in feeds[name], name
        items = json.loads(feeds["feed.json"])["items"]
        assert f'src="{address}"' in next(i for i in items if i["url"].endswith(f"/{slug}/"))[
            "content_html"]
        body = next(r for r in records["stories"] if r["id"] == slug)["content_html"]
        assert f'<img alt="A chart" src="{address}">' in body
    assert all("/media/pic.png" not in text.replace("images/media/pic.png", "")
               for text in feeds.values())


def test_a_pack_treats_it_as_any_picture_in_an_answer(pack: Pack) -> None:
    """A pack sends no picture of a story's text (only lead images, contract section 6): its
    alt text stands in, with the checklist's warning, as for `media/pic.png`."""
    assert pack.result.exit_code == 0, pack.result.output
    warned = [line[2:] for line in pack.text("CHECKLIST.md").splitlines()
              if "image left out" in line]
    assert warned == [
        f'impact: image left out of the answer ({path}): its alt text "\\[A chart\\]" stands in '
        "and counts towards the limit; use the lead image or evidence instead"
        for path in (NESTED, TOP)]
    assert pack.text("answers/impact.md") == (
        "**Nested story.**\n\n[A chart]\n\nCalls fell.\n\n**Top story.**\n\n[A chart]\n\nCalls fell.\n")


def _check(root: Path) -> list[str]:
    return run_cli("check", "-p", str(root), "--now", NOW).output.splitlines()


def test_a_missing_picture_names_the_file_looked_for(make_project: ProjectFactory) -> None:
    root = make_project({NESTED: story(body="\n![A chart](/media/gone.png)\n")})
    assert _check(root)[0] == (f'{NESTED}:10: body: image "/media/gone.png": '
                               "stories/media/gone.png does not exist")


def test_it_never_leaves_the_media_folder(make_project: ProjectFactory, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(picture())
    root = make_project({
        TOP: story(body="\n![a](/media/../../secret.png)\n\n![b](/media/out.png)\n\n"
                        "![c](/media/up.png)\n\n![d](/other/pic.png)\n"),
        "stories/beside.png": picture(),
        "stories/other/pic.png": picture(),
    })
    (root / "stories/media").mkdir()
    os.symlink(secret, root / "stories/media/out.png")
    os.symlink(root / "stories/beside.png", root / "stories/media/up.png")
    assert _check(root)[:4] == [
        f'{TOP}:10: body: image "/media/../../secret.png": "../../secret.png" goes outside '
        'stories/media/ with "..": keep the file inside stories/media/',
        f'{TOP}:12: body: image "/media/out.png": "out.png" is a link to a file outside the '
        "project: copy the file into stories/media/ instead",
        f'{TOP}:14: body: image "/media/up.png": "up.png" is a link to a file outside '
        "stories/media/: copy the file into stories/media/ instead",
        f'{TOP}:16: body: image "/other/pic.png" is an absolute path: write other/pic.png '
        "(relative to stories/)",
    ]
