"""A pack's lead images carry no EXIF, XMP or GPS position: judges get the picture, not where it was taken."""

from __future__ import annotations

from pathlib import Path

from tests.browser.test_images import assert_clean, photo
from tests.conftest import story
from tests.pack.conftest import READY_AWARD, build, write_project


def test_pack_images_lose_their_metadata(tmp_path: Path) -> None:
    root = write_project(tmp_path, {
        "awards/ready.yml": READY_AWARD,
        "stories/pic.md": story(slug="pic", image="{src: media/site.jpg, alt: A building site}"),
        "stories/media/site.jpg": photo("JPEG"),
    })
    pack = build(root, "ready", root / "dist")
    assert pack.result.exit_code == 0, pack.result.output
    assert "images/pic.jpg" in pack.names()
    assert_clean(pack.read("images/pic.jpg"), "JPEG")
