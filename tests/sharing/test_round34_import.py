"""Round 34: `showcase import` reads at most MAX_EXPORT_BYTES of a file (hostile34 F1:
/dev/zero filled 22 GB of memory) and imports many stories in time that grows linearly
(F2: the summary loop looked each story up in a list). Timing is bench/'s; here, the
refusals' exact words and a 2,000-story import's exact output."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from generator.problems import ShowcaseError
from generator.sharing import importing
from tests.conftest import run_cli

LIMIT_WORDS = ("a stories.json file may be at most 200 MB (room for 10,000 long stories; an "
               "export takes about 4 KB a story). If it is a partner's export, ask them to "
               "export only the stories that name you (showcase export --partner): nothing "
               "was imported")


def _stories(project: Path) -> list[str]:
    return sorted(path.name for path in (project / "stories").glob("*.md"))


def test_dev_zero_is_refused_as_having_no_end(example_project: Path) -> None:
    before = _stories(example_project)
    result = run_cli("import", "-p", str(example_project), "/dev/zero")
    assert result.exit_code == 1
    assert result.output == ("showcase: /dev/zero is not a stories.json file: it is a device or "
                             "pipe, not a file, and has no end (it gave more than 200 MB), and "
                             f"{LIMIT_WORDS}\n")
    assert _stories(example_project) == before


def test_a_file_over_the_limit_is_refused_by_its_size(example_project: Path,
                                                      tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as out:  # sparse: no disk used, and import never reads it
        out.truncate(importing.MAX_EXPORT_BYTES + 1024 * 1024)
    result = run_cli("import", "-p", str(example_project), str(huge))
    assert result.exit_code == 1
    assert result.output == (f"showcase: {huge} is not a stories.json file: it is 201.0 MB, "
                             f"and {LIMIT_WORDS}\n")


def test_a_file_at_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exactly MAX_EXPORT_BYTES is read (and then judged as JSON); one byte more is not."""
    monkeypatch.setattr(importing, "MAX_EXPORT_BYTES", 10)
    file = tmp_path / "stories.json"
    file.write_text("[" + " " * 8 + "]")
    with pytest.raises(ShowcaseError, match="holds an empty list"):
        importing.read_export(file, "stories.json")
    file.write_text("[" + " " * 9 + "]")
    with pytest.raises(ShowcaseError, match=re.escape("it is 0.0 MB, and a stories.json file")):
        importing.read_export(file, "stories.json")


def test_a_pipe_over_the_limit_is_refused_after_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "MAX_EXPORT_BYTES", 1000)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    pid = os.fork()
    if pid == 0:  # the writer: more than the limit, then the end
        try:
            with fifo.open("wb") as out:
                out.write(b" " * 5000)
        finally:
            os._exit(0)
    try:
        with pytest.raises(ShowcaseError) as refused:
            importing.read_export(fifo, "pipe.json")
    finally:
        os.waitpid(pid, 0)
    assert str(refused.value).startswith(
        "pipe.json is not a stories.json file: it is a device or pipe, not a file, and has "
        "no end (it gave more than 0 MB)")


def test_two_thousand_stories_are_all_reported_in_order(example_project: Path,
                                                        tmp_path: Path) -> None:
    exported = run_cli("export", "-p", str(example_project), "--now", "2027-06-01",
                       "--out", str(tmp_path / "open"))
    assert exported.exit_code == 0, exported.output
    data = json.loads((tmp_path / "open" / "stories.json").read_text(encoding="utf-8"))
    base = data["stories"]
    stories = []
    for index in range(2000):
        story = dict(base[index % len(base)])
        story.update(id=f"{story['id']}-{index}", title=f"{story['title']} {index}",
                     url=f"{story['url'].rstrip('/')}-{index}/")
        stories.append(story)
    stories.append(stories[0])  # the same slug twice: the second is skipped
    data["stories"] = stories
    big = tmp_path / "big.json"
    big.write_text(json.dumps(data), encoding="utf-8")
    before = set(_stories(example_project))
    result = run_cli("import", "-p", str(example_project), str(big))
    assert result.exit_code == 0, result.output[-2000:]
    created = [line.removeprefix("created stories/") for line in result.output.splitlines()
               if line.startswith("created ")]
    expected = [f"{story['date']}-{story['id']}.md" for story in stories[:2000]]
    assert created == expected
    last = f"{stories[0]['date']}-{stories[0]['id']}.md"
    assert (f"skipped stories/{last}: a story with the slug \"{stories[0]['id']}\" already "
            "exists\n"
            "Imported 2000 of 2001 stories from") in result.output
    assert set(_stories(example_project)) == before | set(expected)
