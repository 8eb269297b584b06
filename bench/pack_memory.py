"""Peak memory of `showcase pack` with one large evidence file, against a tiny one.

Run by hand (not a pytest test):

    .venv/bin/python bench/pack_memory.py [--mb 200] [--suffix pdf]

It writes a project into a temporary folder (one review story citing one evidence file of
`--mb` MB of random bytes; `.pdf` is stored in the zip as it is, `.csv` is deflated), runs
`showcase pack` as its own process twice (with that file, then with a 1 KB one) and reports
each run's peak resident memory (ru_maxrss of the child process) and time. A pack that
streams its evidence peaks at about the same memory either way; one that reads each file
whole peaks at two or three times the file's size above the small run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from check_bench import write_config  # run as bench/pack_memory.py: bench/ is on the path
from pack_bench import NOW, SHOWCASE, STRATEGY

AWARD = """\
name: Memory Awards 2027
deadline: 2027-01-15T17:00:00+00:00
stories: [big]
questions:
  - {id: summary, prompt: Summary, words: 200, compose: summary}
"""
STORY = """\
---
title: A story with a large file
summary: One story citing one large evidence file.
date: 2026-05-01
status: review
service: Digital
outcomes: [earn-revenue]
evidence:
  - {{id: big, path: {name}, title: Large}}
---
## Impact

It worked.
"""


def write_project(root: Path, name: str, size: int) -> None:
    write_config(root)
    for folder in ("data", "stories", "evidence", "awards"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "data" / "strategy.yml").write_text(STRATEGY)
    (root / "awards" / "memory.yml").write_text(AWARD)
    (root / "stories" / "big.md").write_text(STORY.format(name=name))
    with (root / "evidence" / name).open("wb") as stream:
        left = size
        while left:
            chunk = min(left, 8 * 1024 * 1024)
            stream.write(os.urandom(chunk))
            left -= chunk


def peak_of_pack(root: Path) -> tuple[float, float]:
    """(peak resident MB, seconds) of one `showcase pack` process."""
    start = time.perf_counter()
    child = subprocess.Popen([str(SHOWCASE), "pack", "memory", "-p", str(root), "--now", NOW],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    error = child.stderr.read().decode()
    _, _, usage = os.wait4(child.pid, 0)  # this child's own resource use, ru_maxrss its peak
    elapsed = time.perf_counter() - start
    child.returncode = 0  # reaped by wait4
    assert (root / "dist" / "memory.zip").exists(), error
    return usage.ru_maxrss / 1024, elapsed  # ru_maxrss is in KB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--suffix", default="pdf")
    args = parser.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    name = f"large.{args.suffix}"
    results = {}
    for label, size in (("large", args.mb * 1024 * 1024), ("small", 1024)):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder) / "project"
            write_project(root, name, size)
            results[label] = peak_of_pack(root)
    large, small = results["large"], results["small"]
    print(f"evidence/{name}: {args.mb} MB of random bytes")
    print(f"peak RSS with it: {large[0]:.0f} MB ({large[1]:.1f} s)")
    print(f"peak RSS with 1 KB instead: {small[0]:.0f} MB ({small[1]:.1f} s)")
    print(f"difference: {large[0] - small[0]:.0f} MB")


if __name__ == "__main__":
    main()
