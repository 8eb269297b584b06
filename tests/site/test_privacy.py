"""Contract section 7 on a real build: a marker in every private place never reaches any byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import NOW, picture, story
from tests.site.conftest import Built, build, built_fine, site_project, write

EMBARGO = "2026-12-01T09:00:00+00:00"
MARKERS = {
    "zqxdraft": "a draft story",
    "zqxreview": "a review story",
    "zqxembargo": "a story under embargo",
    "zqxquote": "a quote without consent",
    "zqxcontact": "a contact",
    "zqxcomment": "an HTML comment",
    "zqxevfile": "a private evidence file's name",
    "zqxevcontent": "a private evidence file's content",
    "zqxevtitle": "a private evidence item's title",
    "zqximage": "a non-public story's image",
    "zqxscript": "a script in a story body",
    "zqxfieldnote": "an HTML comment in a front-matter field",
}
PNG = picture()


def _files() -> dict[str, str | bytes]:
    return {
        **site_project(),
        "stories/public.md": story(
            title="Public story <!-- zqxfieldnote -->", tags="[shared]",
            summary="'What happened. <!-- zqxfieldnote: ask legal --> Really.'",
            metrics="[{label: 'Calls <!-- zqxfieldnote -->', value: 5, unit: count, "
                    "period: '2025 <!-- zqxfieldnote'}]",
            contact="zqxcontact@example.gov.uk",
            quotes="[{text: 'Said with consent', by: A, consent: true}, "
                   "{text: 'zqxquote said this', by: B, consent: false}]",
            evidence="[{id: open, path: open.csv, title: Open data, public: true}, "
                     "{id: closed, path: zqxevfile.csv, title: zqxevtitle}]",
            body="## Challenge\n\nVisible text.\n<!-- zqxcomment internal -->\n\n"
                 "<script>alert('zqxscript')</script>\n\n## Impact\n\nDone.\n"),
        "content/about.md": ("# About\n\nSee [the next story]"
                             "(https://showcase.test.example/stories/zqxdraft-story/), "
                             "[its tag](https://showcase.test.example/tags/zqxdraft-tag/) and "
                             "[notes](https://showcase.test.example/evidence/zqxevfile.csv)"
                             ".\n"),
        "evidence/open.csv": "a,b\n1,2\n",
        "evidence/zqxevfile.csv": "secret,zqxevcontent\n",
        "stories/media/zqximage.png": PNG,
        "stories/draft.md": story(title="zqxdraft title", status="draft", slug="zqxdraft-story",
                                  service="zqxdraft service", tags="[zqxdraft-tag, shared]",
                                  image="{src: media/zqximage.png, alt: zqxdraft image}",
                                  awards="[{award: zqxdraft award, result: won}]"),
        "stories/review.md": story(title="zqxreview title", status="review", tags="[zqxreview]",
                                   metrics="[{label: zqxreview saving, value: 999, unit: GBP}]"),
        "stories/embargoed.md": story(title="zqxembargo title", embargo=EMBARGO,
                                      tags="[zqxembargo]", date="2026-11-30",
                                      summary="zqxembargo summary"),
    }


@pytest.fixture(scope="session")
def leak_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return built_fine(write(tmp_path_factory.mktemp("leak"), _files()), NOW)


def test_no_marker_in_any_byte(leak_site: Built) -> None:
    outputs = leak_site.every_byte()
    assert "search/search_index.json" in outputs
    assert "sitemap.xml" in outputs and "sitemap.xml.gz" in outputs
    leaks = [f"{name}: {MARKERS[marker]}" for name, data in outputs.items()
             for marker in MARKERS if marker.encode() in data.lower()]
    assert leaks == []


def test_public_parts_are_published(leak_site: Built) -> None:
    html = leak_site.html("stories/public/")
    assert "Said with consent" in html
    assert "Visible text." in html
    assert (leak_site.site / "stories/public/evidence/open.csv").read_text() == "a,b\n1,2\n"
    assert "1 story, newest first." in leak_site.html("tags/shared/")
    assert "Stories</dt> <dd>1</dd>" in leak_site.html("").replace("\n", "")


def _embargo_build(tmp: Path, now: str) -> Built:
    root = write(tmp, _files())
    built = build(root, root / "site", now)
    assert built.result.exit_code == 0, built.result.output
    return built


def test_embargo_to_the_second(tmp_path: Path) -> None:
    before = _embargo_build(tmp_path / "before", "2026-12-01T09:59:59+01:00")
    after = _embargo_build(tmp_path / "after", "2026-12-01T09:00:01+00:00")
    assert not any(b"zqxembargo" in data for data in before.every_byte().values())
    assert not (before.site / "stories/embargoed").exists()
    assert "zqxembargo title" in after.html("stories/embargoed/")
    assert "zqxembargo title" in after.html("stories/")
    assert "zqxembargo title" in (after.site / "search/search_index.json").read_text()
    assert b"stories/embargoed/" in after.every_byte()["sitemap.xml.gz"]
