"""Showcase at scale, side by side with a plain Material build of the same pages in one run.

    .venv/bin/python bench/scale.py [--sizes 1000 5000 10000] [--check 10000] [--preview 1000]

- build: for each size N, `showcase build` of N generated stories (bench/site_build.py's
  corpus) and `mkdocs build` of a plain Material site holding the same N pages, each as its
  own process: wall time, peak memory (the build's process and its workers together, by
  proportional set size), search index size.
- check: `showcase check` of N realistic stories (bench/check_bench.py's corpus) as a
  process, and the core collect in a fresh process, against a bare python-frontmatter
  parse of the same files.
- preview: edit-to-preview under `showcase serve`: the plugin's dirty rebuild after one story
  is saved, in process (what the live-reload server runs), against a full rebuild of the
  showcase project and of the plain site (what `mkdocs serve` does on every save).

Goals (issue 8): build at most 1.10x plain and linear; check at most 1.5x frontmatter;
edit-to-preview under 2 s at 1,000 stories; peak memory under 1 GB at 10,000.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import check_bench
import site_build

VENV = Path(sys.executable).parent
ENV = {**os.environ, "SHOWCASE_NOW": site_build.NOW, "SOURCE_DATE_EPOCH": "1767225600",
       "NO_MKDOCS_2_WARNING": "1", "SHOWCASE_CACHE_DIR": "off"}
"""Builds and checks read every story (no front-matter cache), as on a fresh CI machine;
`check` is also timed with a warm cache."""
SERVE_URL = "http://127.0.0.1:8000/"


def child(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run `command`; its wall time (s) and peak memory (MB): the most of its own peak
    resident set and the proportional set size (PSS: a page shared by n processes counts 1/n)
    of it and its children together (a build forks workers), sampled every 50 ms."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    peak = [0]
    sampler = threading.Thread(target=_sample, args=(process, peak), daemon=True)
    sampler.start()
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode()[-3000:]}")
    return elapsed, max(usage.ru_maxrss, peak[0]) / 1024


def _sample(process: subprocess.Popen[bytes], peak: list[int]) -> None:
    while process.returncode is None and Path(f"/proc/{process.pid}").exists():
        peak[0] = max(peak[0], sum(_pss_kb(pid) for pid in _tree(process.pid)))
        time.sleep(0.05)


def _tree(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(p for child in children for p in _tree(int(child)))]


def _pss_kb(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
    return int(found.group(1)) if found else 0


def index_size(site: Path) -> int:
    return (site / "search" / "search_index.json").stat().st_size


def build(size: int) -> dict[str, Any]:
    """One showcase build and one plain build of `size` stories."""
    with tempfile.TemporaryDirectory() as folder:
        showcase, plain = site_build.make_projects(Path(folder), size)
        plain_time, plain_mb = child([str(VENV / "mkdocs"), "build", "-q", "-d", "out"], plain)
        ours_time, ours_mb = child([str(VENV / "showcase"), "build", "--site-dir", "out"],
                                   showcase)
        return {"size": size, "showcase": ours_time, "plain": plain_time,
                "showcase_mb": ours_mb, "plain_mb": plain_mb,
                "showcase_index": index_size(showcase / "out"),
                "plain_index": index_size(plain / "out")}


_CORE = """
import sys, time
from pathlib import Path
sys.path.insert(0, {bench!r})
import check_bench
start = time.perf_counter()
check_bench.run_core(Path({root!r}))
print(time.perf_counter() - start)
"""


def check(size: int) -> dict[str, Any]:
    """`showcase check` (process, and core collect in a fresh process) against frontmatter."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        check_bench.write_corpus(root, size)
        start = time.perf_counter()
        check_bench.run_frontmatter(root)
        fm = time.perf_counter() - start
        script = _CORE.format(bench=str(Path(__file__).resolve().parent), root=str(root))
        done = subprocess.run([sys.executable, "-c", script], env=ENV, capture_output=True,
                              text=True, check=True)
        core = float(done.stdout.strip().splitlines()[-1])
        command = [str(VENV / "showcase"), "check", "-p", str(root), "--now", check_bench.NOW]
        cli, _ = child(command, root)
        warm_env = {**ENV, "SHOWCASE_CACHE_DIR": str(root / ".bench-cache")}
        child(command, root, warm_env)  # fills the front-matter cache
        warm, _ = child(command, root, warm_env)
        return {"size": size, "frontmatter": fm, "core": core, "cli": cli, "warm": warm}


_PREVIEW = """
import json, logging, re, sys, tempfile, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.getLogger("mkdocs").setLevel(logging.ERROR)
project, dirty = Path({project!r}), {dirty!r}
site = tempfile.mkdtemp()
def config():
    loaded = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site)
    loaded.site_url = {url!r}
    return loaded
first = config()
first.plugins.on_startup(command="serve", dirty=dirty)
start = time.perf_counter()
build(first, serve_url={url!r}, dirty=dirty)
initial = time.perf_counter() - start
folder = project / "stories" if (project / "stories").is_dir() else project / "content/stories"
stories = sorted(folder.glob("*.md"))
story = stories[len(stories) // 2]
page = Path(site) / "stories" / story.stem / "index.html"
times, shown = [], []
for n in range(3):
    title = f"Edited {{n}} at {{time.time()}}"
    text = story.read_text()
    story.write_text(re.sub(r"(?m)^title: .*$", "title: " + title, text, count=1)
                     if text.startswith("---") else "# " + title + text[text.index("\\n"):])
    start = time.perf_counter()
    build(config(), serve_url={url!r}, dirty=dirty)
    times.append(time.perf_counter() - start)
    shown.append(title in page.read_text())
print(json.dumps({{"initial": initial, "rebuilds": times, "shown": shown}}))
"""


def preview_run(project: Path, dirty: bool) -> dict[str, Any]:
    script = _PREVIEW.format(project=str(project), dirty=dirty, url=SERVE_URL)
    done = subprocess.run([sys.executable, "-c", script], env=ENV, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"preview failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def preview(size: int) -> dict[str, Any]:
    """Seconds from saving one story to its new page, dirty (showcase serve) and full."""
    with tempfile.TemporaryDirectory() as folder:
        showcase, plain = site_build.make_projects(Path(folder), size)
        return {"size": size, "dirty": preview_run(showcase, True),
                "full": preview_run(showcase, False), "plain": preview_run(plain, False)}


def report(builds: list[dict[str, Any]], checks: list[dict[str, Any]],
           previews: list[dict[str, Any]]) -> None:
    if builds:
        print("| stories | showcase build | plain Material | ratio | peak memory showcase / plain "
              "| search index showcase / plain |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        for b in builds:
            print(f"| {b['size']:,} | {b['showcase']:.1f} s | {b['plain']:.1f} s | "
                  f"{b['showcase'] / b['plain']:.2f}x | {b['showcase_mb']:.0f} MB / "
                  f"{b['plain_mb']:.0f} MB | {b['showcase_index'] / 1e6:.1f} MB / "
                  f"{b['plain_index'] / 1e6:.1f} MB |")
        for a, b in itertools.pairwise(builds):
            print(f"growth {a['size']:,} -> {b['size']:,} ({b['size'] / a['size']:.0f}x stories): "
                  f"showcase {b['showcase'] / a['showcase']:.2f}x, plain "
                  f"{b['plain'] / a['plain']:.2f}x")
    if checks:
        print("\n| stories | showcase check (process) | with a warm cache | core collect "
              "| frontmatter.load | process / fm | core / fm |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for c in checks:
            print(f"| {c['size']:,} | {c['cli']:.2f} s | {c['warm']:.2f} s | {c['core']:.2f} s | "
                  f"{c['frontmatter']:.2f} s | {c['cli'] / c['frontmatter']:.2f}x | "
                  f"{c['core'] / c['frontmatter']:.2f}x |")
    for p in previews:
        def line(run: dict[str, Any]) -> str:
            rebuilds = ", ".join(f"{t:.2f}" for t in run["rebuilds"])
            return (f"first build {run['initial']:.1f} s; after a save: {rebuilds} s; "
                    f"new page shown: {all(run['shown'])}")
        print(f"\nedit-to-preview at {p['size']:,} stories:")
        print(f"- showcase serve (dirty rebuild): {line(p['dirty'])}")
        print(f"- showcase, full rebuild:         {line(p['full'])}")
        print(f"- plain Material, full rebuild:   {line(p['plain'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 10000])
    parser.add_argument("--check", type=int, nargs="*", default=[10000])
    parser.add_argument("--preview", type=int, nargs="*", default=[1000])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    builds, checks, previews = [], [], []
    for size in args.sizes:
        builds.append(build(size))
        print(json.dumps(builds[-1]), flush=True)
    for size in args.check:
        checks.append(check(size))
        print(json.dumps(checks[-1]), flush=True)
    for size in args.preview:
        previews.append(preview(size))
        print(json.dumps(previews[-1]), flush=True)
    print()
    report(builds, checks, previews)
    if args.json:
        args.json.write_text(json.dumps({"builds": builds, "checks": checks,
                                         "previews": previews}, indent=2))


if __name__ == "__main__":
    main()
