"""Evidence goes into the zip in chunks: never read whole, the same bytes as before."""

from __future__ import annotations

import tracemalloc
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator import clock, project
from generator.catalogue import collect
from generator.pack import build_pack
from generator.pack.archive import Members, SourceChanged, manifest, write_zip, zip_bytes
from tests.conftest import NOW, story
from tests.pack.conftest import write_project

MOMENT = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("name", ["evidence/figures.csv", "evidence/report.pdf"])
def test_a_file_member_gives_the_bytes_its_content_gives(tmp_path: Path, name: str) -> None:
    """Deflated (.csv) and stored (.pdf) alike: the pack stays byte-identical."""
    data = b"year,calls\n" + b"".join(b"%d,%d\n" % (i, i * 7) for i in range(50_000))
    source = tmp_path / "source"
    source.write_bytes(data)
    as_bytes, as_file = Members(), Members()
    as_bytes.add(name, data)
    as_file.add_file(name, source)
    assert zip_bytes(as_file.items(), MOMENT) == zip_bytes(as_bytes.items(), MOMENT)
    assert manifest(as_file, {}) == manifest(as_bytes, {})
    assert as_file[name] == data


def test_a_large_file_is_summed_and_zipped_in_small_chunks(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as stream:  # 48 MB, sparse
        stream.truncate(48 * 1024 * 1024)
    members = Members()
    tracemalloc.start()
    try:
        members.add_file("evidence/big.pdf", big)
        with (tmp_path / "out.zip").open("wb") as out:
            write_zip(out, members.items(), MOMENT)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, f"{peak / 1024 / 1024:.1f} MB held at once"
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert archive.getinfo("evidence/big.pdf").file_size == 48 * 1024 * 1024
        assert archive.testzip() is None


def test_a_file_that_changes_before_it_is_zipped_stops_the_pack(tmp_path: Path) -> None:
    source = tmp_path / "figures.csv"
    source.write_bytes(b"a,b\n1,2\n")
    members = Members()
    members.add_file("evidence/figures.csv", source)
    source.write_bytes(b"a,b\n1,3\n")
    with pytest.raises(SourceChanged, match=r"figures\.csv changed while the pack was written"):
        zip_bytes(members.items(), MOMENT)


def test_the_pack_never_reads_an_evidence_file_whole(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_project(tmp_path / "project", {
        "awards/plain.yml": ("name: Plain Awards\nstories: [one]\nquestions:\n"
                             "  - {id: summary, prompt: Summary, words: 100, compose: summary}\n"),
        "stories/one.md": story(slug="one", evidence="\n  - {id: e, path: big.csv, title: Big}\n"),
        "evidence/big.csv": "n\n" + "1\n" * 100_000,
    })
    evidence = (root / "evidence").resolve()
    whole = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        assert evidence not in path.resolve().parents, f"{path} read whole"
        return whole(path)

    now = clock.now(NOW)
    catalogue = collect(project.discover(root), now)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    built = build_pack(catalogue, "plain", now, MOMENT, root / "dist")
    with zipfile.ZipFile(built.path) as archive:
        assert archive.read("evidence/big.csv") == b"n\n" + b"1\n" * 100_000
