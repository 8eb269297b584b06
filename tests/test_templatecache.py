"""Compiled templates kept between runs: used only while their source and settings are the same."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment, FileSystemLoader

from generator import templatecache


@pytest.fixture(autouse=True)
def _writing(monkeypatch: pytest.MonkeyPatch) -> None:
    """As Python runs by default (PYTHONDONTWRITEBYTECODE may be set where the tests run)."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def _environment(folder: Path, source: Path, **options: object) -> Environment:
    return templatecache.keep(Environment(loader=FileSystemLoader(source), **options),  # type: ignore[arg-type]
                              folder)


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from here on."""
    compiled: list[str] = []
    original = Environment.compile

    def counting(self: Environment, source: str, name: str | None = None,
                 *args: object, **kwargs: object) -> object:
        compiled.append(str(name))
        return original(self, source, name, *args, **kwargs)  # type: ignore[arg-type]
    monkeypatch.setattr(Environment, "compile", counting)
    return compiled


def test_a_template_compiled_once_is_loaded_by_the_next_run(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "page.html").write_text("{% for n in items %}<{{ n }}>{% endfor %}")
    compiled = _compiles(monkeypatch)
    first = _environment(tmp_path / "cache", source).get_template("page.html")
    assert first.render(items=["a", "b"]) == "<a><b>"
    assert compiled == ["page.html"]
    assert len(list((tmp_path / "cache").iterdir())) == 1
    again = _environment(tmp_path / "cache", source).get_template("page.html")
    assert again.render(items=[1, 2]) == "<1><2>"
    assert compiled == ["page.html"]  # the second environment (a new run) did not compile


def test_a_changed_template_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "page.html").write_text("old {{ x }}")
    _environment(tmp_path / "cache", source).get_template("page.html")
    (source / "page.html").write_text("new {{ x }}")
    compiled = _compiles(monkeypatch)
    assert _environment(tmp_path / "cache", source).get_template("page.html").render(x=1) == "new 1"
    assert compiled == ["page.html"]


def test_environments_that_compile_differently_never_share_code(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "page.html").write_text("{% if x %}\n  {{ x }}\n{% endif %}\n<{{ y }}>")
    folder = tmp_path / "cache"
    plain = _environment(folder, source).get_template("page.html").render(x=1, y="<i>")
    trimmed = _environment(folder, source, trim_blocks=True,
                           lstrip_blocks=True).get_template("page.html").render(x=1, y="<i>")
    escaped = _environment(folder, source, autoescape=True).get_template("page.html").render(x=1, y="<i>")
    assert plain == "\n  1\n\n<<i>>"
    assert trimmed == "  1\n<<i>>"
    assert escaped == "\n  1\n\n<&lt;i&gt;>"
    assert len(list(folder.iterdir())) == 3


def test_same_name_from_two_folders_is_two_templates(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    for word in ("one", "two"):
        (tmp_path / word).mkdir()
        (tmp_path / word / "page.html").write_text(word)
    assert _environment(folder, tmp_path / "one").get_template("page.html").render() == "one"
    assert _environment(folder, tmp_path / "two").get_template("page.html").render() == "two"
    assert _environment(folder, tmp_path / "one").get_template("page.html").render() == "one"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_folder_it_cannot_write_is_no_error(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        env = templatecache.keep(Environment(loader=DictLoader({"t": "{{ 1 + 1 }}"})), folder)
        assert env.get_template("t").render() == "2"
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_file_in_the_way_of_the_folder_is_no_error(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.write_text("not a folder")
    env = templatecache.keep(Environment(loader=DictLoader({"t": "{{ 1 + 1 }}"})), folder)
    assert env.get_template("t").render() == "2"


def test_damaged_code_is_compiled_again(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    source = tmp_path / "src"
    source.mkdir()
    (source / "page.html").write_text("{{ 6 * 7 }}")
    _environment(folder, source).get_template("page.html")
    (stored,) = folder.iterdir()
    stored.write_bytes(stored.read_bytes()[:20])
    assert _environment(folder, source).get_template("page.html").render() == "42"


def test_nothing_is_written_when_python_is_told_not_to(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    env = templatecache.keep(Environment(loader=DictLoader({"t": "x"})), tmp_path / "cache")
    assert env.get_template("t").render() == "x"
    assert not (tmp_path / "cache").exists()


def test_the_folder_is_beside_the_packages_compiled_modules() -> None:
    import generator

    folder = templatecache.FOLDER
    assert folder == Path(generator.__file__).parent / "__pycache__" / "templates"
