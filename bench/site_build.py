"""Build time of the site for generated stories, against a plain Material build of the same pages.

    .venv/bin/python bench/site_build.py --sizes 100 1000 5000

For each size N, a temporary project of N published stories (two metrics, tags, a four-section
body each) is built twice as separate processes, best of --repeat:
- showcase: `showcase build` (the plugin generates story pages, listings, dashboard);
- plain: `mkdocs build` of a Material site whose docs hold the same N story pages as plain
  Markdown files (title, summary, body), no plugin.
Goals: showcase at most 1.10x plain; linear growth (5,000 costs at most 5.5x of 1,000).
Builds after the first use the compiled templates and charts that earlier builds kept, as a
comms officer's repeated builds do; --cold forgets them before every showcase build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VENV = Path(sys.executable).parent
NOW = "2026-11-26T12:00:00+00:00"
SERVICES = [f"Service {n}" for n in range(10)]
TAGS = [f"topic-{n}" for n in range(40)]
OUTCOMES = ["earn-revenue", "shared-services"]
STRATEGY = """\
name: Bench strategy
council: Benchshire Council
outcomes:
  - {id: earn-revenue, title: Technology that earns revenue, enabler: Traded services}
  - {id: shared-services, title: Shared services, enabler: Shared platforms}
success_criteria:
  - {id: wins, title: Win an award, measure: awards, target: 1}
  - {id: income, title: Grow income, measure: series, file: income.csv, column: income,
     unit: GBP, goal: increase}
"""
PARAGRAPH = ("We worked with residents and staff to understand what was not working, tested "
             "each change with the people who use the service and measured the difference. ")
NAV = """\
nav:
  - Home: index.md
{extra}  - About: about.md
validation:
  nav:
    omitted_files: info
"""


def _story(n: int) -> tuple[str, str, str]:
    title = f"Story number {n} about a digital service"
    summary = f"What story {n} changed for residents, in one sentence."
    body = "".join(f"## {h}\n\n{PARAGRAPH * 3}\n\n" for h in
                   ("Challenge", "What we did", "Impact", "What's next"))
    return title, summary, body


def _front_matter(n: int, title: str, summary: str) -> str:
    tags = sorted({TAGS[n % 40], TAGS[(n * 7) % 40]})
    return "\n".join([
        "---", f"title: {title}", f"summary: {summary}",
        f"date: {2020 + n % 7}-{1 + n % 12:02d}-{1 + n % 28:02d}", "status: published",
        f"service: {SERVICES[n % 10]}", f"outcomes: [{OUTCOMES[n % 2]}]", f"tags: [{', '.join(tags)}]",
        "metrics:",
        f"  - {{label: Annual saving, value: {1000 * (n % 50 + 1)}, unit: GBP, baseline: 0}}",
        f"  - {{label: Days to decide, value: {n % 20 + 1}, unit: days, baseline: 30, direction: down}}",
        "---", ""])


def make_projects(root: Path, size: int) -> tuple[Path, Path]:
    """A showcase project and a plain Material project with the same story pages."""
    showcase, plain = root / "showcase", root / "plain"
    for project in (showcase, plain):
        (project / "content").mkdir(parents=True)
        (project / "content/index.md").write_text("# Home\n\nThe bench site.\n")
        (project / "content/about.md").write_text("# About\n\nAbout the bench site.\n")
    (showcase / "data").mkdir()
    (showcase / "data/strategy.yml").write_text(STRATEGY)
    (showcase / "data/income.csv").write_text("period,income\n2024,1\n2025,2\n")
    (showcase / "stories").mkdir()
    for n in range(size):
        title, summary, body = _story(n)
        (showcase / f"stories/s{n:05d}.md").write_text(_front_matter(n, title, summary) + body)
        page = plain / f"content/stories/s{n:05d}.md"
        page.parent.mkdir(exist_ok=True)
        page.write_text(f"# {title}\n\n{summary}\n\n{body}")
    base = "site_name: Bench\ndocs_dir: content\ntheme: {name: material, font: false}\n"
    (plain / "mkdocs.yml").write_text(base + "plugins: [search]\n" + NAV.format(extra=""))
    sections = "".join(f"  - {name.capitalize()}: {name}/index.md\n" for name in
                       ("stories", "outcomes", "services", "tags", "years", "awards", "dashboard"))
    (showcase / "mkdocs.yml").write_text(base + "plugins: [search, showcase]\n"
                                         + NAV.format(extra=sections))
    return showcase, plain


CACHE = "off"
"""SHOWCASE_CACHE_DIR for the showcase builds: off (every build reads every story, as on a
fresh CI machine), or a folder (--warm: a first, untimed build fills it)."""
COLD = False
"""--cold: every showcase build starts without the compiled templates and the charts kept
by earlier builds (generator/__pycache__/templates and charts), as the first build after
installing does."""


def forget_kept() -> None:
    from generator import templatecache
    from generator.site import chartcache

    for folder in (templatecache.FOLDER, chartcache.FOLDER):
        shutil.rmtree(folder, ignore_errors=True)


def timed(command: list[str], cwd: Path) -> float:
    env = {**os.environ, "SHOWCASE_NOW": NOW, "SOURCE_DATE_EPOCH": "1767225600",
           "NO_MKDOCS_2_WARNING": "1", "SHOWCASE_CACHE_DIR": CACHE}
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def measure(size: int, repeat: int) -> tuple[float, float, float]:
    """Best of `repeat` for each, the two alternating, and the median of the ratios of the
    pairs (each pair runs back to back, so a slow spell of a shared machine slows both);
    every build writes a new folder (on this machine's disk, emptying an old site folder
    first costs up to a second at 1,000)."""
    ours: list[float] = []
    theirs: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        showcase, plain = make_projects(Path(folder), size)
        if CACHE != "off":
            timed([str(VENV / "showcase"), "build", "--site-dir", "out-warm-up"], showcase)
        for n in range(repeat):
            theirs.append(timed([str(VENV / "mkdocs"), "build", "-q", "-d", f"out-{n}"], plain))
            if COLD:
                forget_kept()
            ours.append(timed([str(VENV / "showcase"), "build", "--site-dir", f"out-{n}"],
                              showcase))
    ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
    return min(ours), min(theirs), statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--warm", action="store_true",
                        help="showcase builds with a front-matter cache filled by a first build")
    parser.add_argument("--cold", action="store_true",
                        help="showcase builds without compiled templates or charts kept from "
                             "earlier builds (the first build after installing)")
    args = parser.parse_args()
    global CACHE, COLD
    COLD = args.cold
    if args.warm:
        CACHE = tempfile.mkdtemp(prefix="showcase-bench-cache-")
    results = {size: measure(size, args.repeat) for size in args.sizes}
    print("| stories | showcase build | plain Material build | ratio of the best | "
          "median ratio of the pairs |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for size, (ours, theirs, paired) in results.items():
        print(f"| {size:,} | {ours:.2f} s | {theirs:.2f} s | {ours / theirs:.2f}x | "
              f"{paired:.2f}x |")
    if 1000 in results and 5000 in results:
        print(f"\ngrowth 1,000 -> 5,000: showcase {results[5000][0] / results[1000][0]:.2f}x, "
              f"plain {results[5000][1] / results[1000][1]:.2f}x")


if __name__ == "__main__":
    main()
