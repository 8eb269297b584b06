"""The front-matter cache between runs (generator/reading/diskcache.py): the same reads, kept
safely outside the project, and nothing it holds skips the model's checks."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import images
from generator.reading import frontmatter
from generator.reading.diskcache import ENVIRONMENT, FrontMatterCache, _decode, _encode
from generator.reading.safe_yaml import YamlProblem
from tests.conftest import REPO, ProjectFactory, picture, run_cli, story
from tests.site.conftest import site_project

TEXTS = [path.read_text(encoding="utf-8") for path in sorted((REPO / "stories").glob("*.md"))]


def _twice(tmp_path: Path, text: str) -> tuple[FrontMatterCache, object, object]:
    """Read `text` through a cache, save it, and read it again through a new one."""
    path = tmp_path / "cache.json"
    first = FrontMatterCache(path)
    fresh = _read(first, text)
    first.save()
    second = FrontMatterCache(path)
    return second, fresh, _read(second, text)


def _read(cache: FrontMatterCache, text: str) -> object:
    """The document, or the problem's line and message."""
    try:
        return cache.parse(text)
    except YamlProblem as exc:
        return (exc.line, exc.message)


@pytest.mark.parametrize("text", [
    *TEXTS,
    "---\ntitle: x\n---\n",  # no body
    "---\n1: one\ntrue: yes\n2.5: [a, {b: .inf}]\nnested: {deep: [[1, 2], {k: null}]}\n---\nbody\n",
    "---\ntitle: [unclosed\n---\nbody\n",  # a YAML problem is kept too
    "no front-matter at all\n",
    "---\ntitle: \u00e9t\u00e9 \U0001f600 \u2028\n---\nbody \u00a0\n",
], ids=lambda text: text[:24])
def test_a_cached_read_is_the_same_as_a_fresh_one(tmp_path: Path, text: str) -> None:
    cache, fresh, cached = _twice(tmp_path, text)
    assert cache.hits == 1 and cache.misses == 0
    assert cached == fresh
    if isinstance(fresh, frontmatter.Document):  # the same types, not only equal values
        assert isinstance(cached, frontmatter.Document)
        assert _typed(cached.fields.data) == _typed(fresh.fields.data)
        assert cached.fields.lines == fresh.fields.lines


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(),
                     st.floats(allow_nan=False))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.text(), st.integers(), st.booleans()), inner, max_size=4)),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_any_plain_value_comes_back_as_it_was(value: object) -> None:
    back = _decode(json.loads(json.dumps(_encode(value))))
    assert _typed(back) == _typed(value)


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    first = FrontMatterCache(path)
    first.parse(story(title="Before"))
    first.save()
    second = FrontMatterCache(path)
    assert second.parse(story(title="After")).fields.data["title"] == "After"
    assert (second.hits, second.misses) == (0, 1)


def test_a_damaged_cache_is_read_again(tmp_path: Path) -> None:
    text = story(title="Kept")
    path = tmp_path / "cache.json"
    first = FrontMatterCache(path)
    first.parse(text)
    first.save()
    saved = json.loads(path.read_text(encoding="ascii"))
    for entry in saved["entries"].values():
        entry["lines"] = "not lines"
    path.write_text(json.dumps(saved), encoding="ascii")
    again = FrontMatterCache(path)
    assert again.parse(text).fields.data["title"] == "Kept"
    assert (again.hits, again.misses) == (0, 1)
    path.write_text("{not json", encoding="ascii")
    assert FrontMatterCache(path).parse(text).fields.data["title"] == "Kept"


def test_an_edited_cache_cannot_skip_the_model(make_project: ProjectFactory, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the cache holds is validated again, as a fresh read is."""
    monkeypatch.setenv(ENVIRONMENT, str(tmp_path / "cache"))
    root = make_project({"stories/a.md": story(title="Fine")})
    assert run_cli("check", "-p", str(root)).exit_code == 0
    [cache_file] = (tmp_path / "cache").glob("*.json")
    saved = json.loads(cache_file.read_text(encoding="ascii"))
    for entry in saved["entries"].values():
        entry["plain"]["date"] = "not a date"
    cache_file.write_text(json.dumps(saved), encoding="ascii")
    result = run_cli("check", "-p", str(root))
    assert result.exit_code == 1
    assert "stories/a.md:4: date:" in result.output


def test_the_cache_is_outside_the_project_and_can_be_turned_off(
        make_project: ProjectFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project({"stories/a.md": story()})
    monkeypatch.setenv(ENVIRONMENT, str(tmp_path / "cache"))
    before = sorted(p for p in root.rglob("*"))
    assert run_cli("check", "-p", str(root)).exit_code == 0
    assert sorted(p for p in root.rglob("*")) == before
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1
    monkeypatch.setenv(ENVIRONMENT, "off")
    assert FrontMatterCache.for_project(root).path is None


def _typed(value: object) -> object:
    """`value` with each scalar paired with its type (True == 1 and 1 == 1.0 in Python)."""
    if isinstance(value, dict):
        return {_typed(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    if isinstance(value, float) and math.isinf(value):
        return (float, str(value))
    return (type(value), value)


def test_a_preview_rebuild_leaves_the_cache_alone(make_project: ProjectFactory, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `serve` the in-memory memo holds every unchanged story: a rebuild neither reads
    nor rewrites the cache (which would then keep only the edited file)."""
    from generator import clock
    from generator.catalogue import collect
    from generator.project import discover
    from generator.reading.stories import MEMO

    monkeypatch.setenv(ENVIRONMENT, str(tmp_path / "cache"))
    root = make_project({f"stories/s{n}.md": story(title=f"Story {n}") for n in range(3)})
    now = clock.now("2026-11-26T12:00:00+00:00")
    MEMO.enabled = True
    try:
        collect(discover(root), now)
        [cache_file] = (tmp_path / "cache").glob("*.json")
        before = cache_file.read_bytes()
        (root / "stories/s1.md").write_text(story(title="Edited"), encoding="utf-8")
        assert [s.meta.title for s in collect(discover(root), now).stories if
                s.path.endswith("s1.md")] == ["Edited"]
        assert cache_file.read_bytes() == before
    finally:
        MEMO.disable()


def _photo_project(make_project: ProjectFactory) -> Path:
    return make_project({
        **site_project(),
        "stories/a.md": story(image="{src: media/lead.jpg, alt: A lead photo}",
                              evidence="[{id: p, path: shot.png, title: A photo, public: true}]",
                              body="## Impact\n\n![A body photo](media/body.webp)\n"),
        "stories/media/lead.jpg": picture(".jpg"),
        "stories/media/body.webp": picture(".webp"),
        "evidence/shot.png": picture(".png"),
    })


def _counting_decodes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    decoded: list[int] = []
    real = images._unreadable

    def counted(data: bytes) -> str | None:
        decoded.append(len(data))
        return real(data)
    monkeypatch.setattr(images, "_unreadable", counted)
    return decoded


def test_check_decodes_a_photo_again_only_when_its_bytes_change(
        make_project: ProjectFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` decodes every lead, body and public evidence photo, as the build must; the
    verdicts are kept by each photo's hash, so the next run decodes only what changed."""
    monkeypatch.setenv(ENVIRONMENT, str(tmp_path / "cache"))
    root = _photo_project(make_project)
    decoded = _counting_decodes(monkeypatch)
    assert run_cli("check", "-p", str(root)).exit_code == 0
    assert len(decoded) == 3
    decoded.clear()
    assert run_cli("check", "-p", str(root)).exit_code == 0
    assert decoded == []
    (root / "stories/media/lead.jpg").write_bytes(picture(".jpg")[:-40])  # cut short
    result = run_cli("check", "-p", str(root))
    assert len(decoded) == 1
    assert result.exit_code == 1
    assert 'image.src: "media/lead.jpg":' in result.output
    decoded.clear()
    monkeypatch.setenv(ENVIRONMENT, "off")  # nothing kept: every photo decoded each run
    assert run_cli("check", "-p", str(root)).exit_code == 1
    assert len(decoded) == 3


def test_an_edited_photo_verdict_cannot_publish_a_photo_the_build_refuses(
        make_project: ProjectFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT, str(tmp_path / "cache"))
    root = _photo_project(make_project)
    (root / "stories/media/lead.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a photo")
    assert run_cli("check", "-p", str(root)).exit_code == 1
    [cache_file] = (tmp_path / "cache").glob("*.json")
    saved = json.loads(cache_file.read_text(encoding="ascii"))
    refused = [key for key, entry in saved["entries"].items() if entry.get("verdict")]
    assert len(refused) == 1 and refused[0].startswith("photo/")
    saved["entries"][refused[0]] = {"verdict": None}
    cache_file.write_text(json.dumps(saved), encoding="ascii")
    assert run_cli("check", "-p", str(root)).exit_code == 0  # the edit fools check only
    result = run_cli("build", "-p", str(root), "--site-dir", str(tmp_path / "site"))
    assert result.exit_code != 0
    assert "media/lead.jpg" in result.output
    assert not (tmp_path / "site").exists()
