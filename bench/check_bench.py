"""Time `showcase check` against merely parsing the same stories with python-frontmatter.

Run by hand (not a pytest test):

    .venv/bin/python bench/check_bench.py [--sizes 1000 10000] [--repeat 3] [--profile]

It writes a realistic project (stories with 3-4 metrics, quotes, evidence pointing at a few
shared evidence files that exist, ~300-word bodies) into a temporary folder for each size,
then reports the best of `--repeat` runs of:

- core: `generator.project.discover` + `generator.catalogue.collect` in this process;
- cli: the `showcase check` command as its own process (start-up included);
- frontmatter: `frontmatter.load` on every story file (PyYAML's C loader where present).

The goal is core at most 1.5x frontmatter. `--profile` prints a cProfile of one core run.
"""

from __future__ import annotations

import argparse
import cProfile
import platform
import pstats
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import frontmatter

from generator import catalogue, project
from generator.clock import now as parse_now

NOW = "2026-11-26T12:00:00+00:00"
SHOWCASE = Path(sys.executable).with_name("showcase")

STRATEGY = """\
name: Bench strategy
council: Benchshire Council
outcomes:
  - {id: earn-revenue, title: Technology that earns revenue, enabler: Traded services}
  - {id: shared-services, title: Shared services, enabler: Shared platforms}
  - {id: better-decisions, title: Data-led decisions, enabler: Data platform}
  - {id: happy-staff, title: Staff who like their tools, enabler: Modern workplace}
success_criteria:
  - {id: traded-income, title: Grow traded income, measure: series, file: income.csv,
     column: income, unit: GBP, goal: increase}
"""
INCOME = "period,income\n2023-24,80000\n2024-25,100000\n2025-26,150000\n"
EVIDENCE = ["call-volumes.csv", "business-case.pdf", "staff-survey.pdf", "income-2025-26.csv",
            "customer-feedback.csv"]
SERVICES = ["Digital services", "Customer services", "Planning", "Adult social care",
            "Revenues and benefits", "Waste and recycling"]
UNITS = ["GBP", "percent", "count", "hours", "days", "people"]
_VOCABULARY = ("the council residents service digital team platform shared partners data calls "
               "webchat savings staff hours income support planning officers cloud security new "
               "system users faster cheaper better across borough town parish answered online "
               "month year budget improved reduced increased delivered launched together")
WORDS = _VOCABULARY.split(" ")


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _paragraphs(rng: random.Random, words: int) -> str:
    parts = []
    while words > 0:
        size = min(words, rng.randint(40, 70))
        parts.append(_words(rng, size).capitalize() + ".")
        words -= size
    return "\n\n".join(parts)


def story_text(index: int, rng: random.Random) -> str:
    """One realistic published story (valid, so check does all its work)."""
    day = date(2024, 1, 1) + timedelta(days=index % 1000)
    metrics = []
    for m in range(rng.randint(3, 4)):
        source = "ev-1" if m % 2 == 0 else f"https://example.gov.uk/figures/{index}/{m}"
        metrics.append(
            f"  - label: Measure {index} {m} {_words(rng, 2)}\n"
            f"    value: {rng.randint(1, 500000)}\n    unit: {rng.choice(UNITS)}\n"
            f"    baseline: {rng.randint(0, 1000)}\n    period: 2025-26\n"
            f"    source: {source}\n    verified: {str(rng.random() < 0.5).lower()}\n")
    evidence = [rng.choice(EVIDENCE), rng.choice(EVIDENCE)]
    return (
        "---\n"
        f"title: Story {index} - {_words(rng, 6)}\n"
        f"summary: {_words(rng, 25).capitalize()}.\n"
        f"date: {day.isoformat()}\n"
        "status: published\n"
        f"service: {rng.choice(SERVICES)}\n"
        f"outcomes: [earn-revenue, {rng.choice(['shared-services', 'better-decisions'])}]\n"
        f"tags: [{_words(rng, 1)}, {_words(rng, 1)}]\n"
        "partners: [Example Ltd, Neighbouring District Council]\n"
        "authors: [Comms team]\n"
        "contact: comms@example.gov.uk\n"
        "metrics:\n" + "".join(metrics) +
        "quotes:\n"
        f'  - text: "{_words(rng, 15).capitalize()}."\n    by: A resident\n    consent: true\n'
        f'  - text: "{_words(rng, 12).capitalize()}."\n    by: Head of service\n'
        "    role: Benchshire Council\n    consent: false\n"
        "evidence:\n"
        f"  - id: ev-1\n    path: {evidence[0]}\n    title: {_words(rng, 3)}\n    public: true\n"
        f"  - id: ev-2\n    path: {evidence[1]}\n    title: {_words(rng, 3)}\n"
        "---\n"
        f"## Challenge\n\n{_paragraphs(rng, 90)}\n\n"
        f"## What we did\n\n{_paragraphs(rng, 90)}\n\n"
        f"## Impact\n\n{_paragraphs(rng, 80)}\n\n"
        f"## What's next\n\n{_paragraphs(rng, 40)}\n"
    )


CONFIG = ("site_name: Bench\ndocs_dir: content\ntheme:\n  name: material\n  font: false\n"
          "plugins:\n  - showcase\n")
"""The generated projects' mkdocs.yml: every command refuses a folder without one."""


def write_config(root: Path) -> None:
    """The mkdocs.yml and the empty site folder of a generated project at `root`."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")


def write_corpus(root: Path, size: int) -> None:
    """A project of `size` stories under `root`."""
    rng = random.Random(size)
    write_config(root)
    for folder in ("stories", "data", "evidence"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "data/strategy.yml").write_text(STRATEGY, encoding="utf-8")
    (root / "data/income.csv").write_text(INCOME, encoding="utf-8")
    for name in EVIDENCE:
        (root / "evidence" / name).write_text("bench evidence\n", encoding="utf-8")
    for index in range(size):
        path = root / "stories" / f"story-{index:05d}.md"
        path.write_text(story_text(index, rng), encoding="utf-8")


def run_core(root: Path) -> None:
    found = catalogue.collect(project.discover(root), parse_now(NOW))
    if found.errors or len(found.stories) == 0:
        raise SystemExit(f"the corpus should check clean: {found.errors[:3]}")


def run_cli(root: Path, command: str = str(SHOWCASE)) -> None:
    done = subprocess.run([*command.split(), "check", "-p", str(root), "--now", NOW],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"showcase check failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


def run_frontmatter(root: Path) -> None:
    for path in sorted((root / "stories").rglob("*.md")):
        frontmatter.load(str(path))


def best_of(repeat: int, func: Callable[[Path], None], root: Path) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func(root)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--cli", default=str(SHOWCASE),
                        help="the showcase command to time (default: this venv's)")
    args = parser.parse_args()
    loader = frontmatter.default_handlers.SafeLoader.__name__
    print(f"{platform.python_implementation()} {platform.python_version()}, "
          f"python-frontmatter loader: {loader}")
    print("| stories | core check (s) | CLI process (s) | frontmatter.load (s) | core / fm | CLI / fm |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_corpus(root, size)
            fm = best_of(args.repeat, run_frontmatter, root)
            core = best_of(args.repeat, run_core, root)
            cli = best_of(args.repeat, lambda r: run_cli(r, args.cli), root)
            print(f"| {size:,} | {core:.2f} | {cli:.2f} | {fm:.2f} | {core / fm:.2f}x | "
                  f"{cli / fm:.2f}x |", flush=True)
            if args.profile:
                profiler = cProfile.Profile()
                profiler.runcall(run_core, root)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    main()
