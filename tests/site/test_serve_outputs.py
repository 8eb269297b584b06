"""A dirty rebuild removes the site files earlier builds wrote and it no longer makes, and
nothing else: no folder, nothing outside the site, nothing no build listed."""

from __future__ import annotations

from pathlib import Path

from generator.mkdocs.incremental import SiteOutputs


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_only_the_files_a_build_wrote_and_the_next_does_not_make_are_removed(
        tmp_path: Path) -> None:
    site, outside = tmp_path / "site", tmp_path / "outside"
    for path in ("stories/gone/index.html", "stories/kept/index.html", "tags/x/page/2/index.html",
                 "tags/x/index.html", "sitemap.xml", "linked/.keep"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(path, encoding="utf-8")
    (outside / "secret").mkdir(parents=True)
    (outside / "secret" / "index.html").write_text("not the site's", encoding="utf-8")
    (outside / "file.txt").write_text("not the site's", encoding="utf-8")
    (site / "through").symlink_to(outside / "secret", target_is_directory=True)
    outputs = SiteOutputs()
    outputs.expect(["stories/gone/index.html", "stories/kept/index.html", "tags/x/index.html",
                    "tags/x/page/2/index.html", "../outside/file.txt", str(outside / "file.txt"),
                    "through/index.html", "stories", "linked"])
    removed = outputs.prune(site, ["stories/kept/index.html", "tags/x/index.html"])
    assert removed == ["stories/gone/index.html", "tags/x/page/2/index.html"]
    assert _files(site) == ["linked/.keep", "sitemap.xml", "stories/kept/index.html",
                            "tags/x/index.html"]
    assert sorted(p.name for p in (site / "tags" / "x").iterdir()) == ["index.html"]
    assert not (site / "stories" / "gone").exists()
    assert _files(outside) == ["file.txt", "secret/index.html"]
    assert outputs.written == {"stories/kept/index.html", "tags/x/index.html"}
    assert outputs.prune(site, []) == ["stories/kept/index.html", "tags/x/index.html"]
    assert _files(site) == ["linked/.keep", "sitemap.xml"]
