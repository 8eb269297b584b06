"""Edit-to-preview as an author sees it: from saving a story to `showcase serve` serving it.

    .venv/bin/python bench/preview.py [--size 1000] [--edits 6]

A generated project of --size stories (bench/site_build.py's) is served by a real
`showcase serve` process. Each edit rewrites one story's title while a client waits as the
browser's live-reload script does (one long-polling request to /livereload/, answered when
the rebuilt site is ready), then fetches the story's page: the time from the write to the page
with the new title is what an author waits for. Goal (issue #8): under 2 s at 1,000 stories.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import site_build

VENV = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


EPOCH = re.compile(r"livereload\((\d+), (\d+)\)")


def reloaded(base: str, page: str, text: str, written: float) -> float:
    """Seconds from `written` until the page, fetched once the live-reload request answers
    (as the browser's script does), contains `text`."""
    html = fetch(base + page)
    while text not in html:
        found = EPOCH.search(html)
        if found is None:
            raise SystemExit("the page has no live-reload script")
        fetch(f"{base}/livereload/{found.group(1)}/{found.group(2)}")  # returns on a new site
        html = fetch(base + page)
        if time.perf_counter() - written > 60:
            raise SystemExit(f"{page} did not show {text!r} within 60 s")
    return time.perf_counter() - written


def wait_for(url: str, text: str, limit: float) -> float:
    """Seconds until the page at `url` contains `text` (polled every 20 ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise SystemExit(f"{url} did not show {text!r} within {limit} s")


def measure(size: int, edits: int, extra: list[str]) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        project, _ = site_build.make_projects(Path(folder), size)
        port = free_port()
        env = {**os.environ, "SHOWCASE_NOW": site_build.NOW, "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen(
            [str(VENV / "showcase"), "serve", "-p", str(project), "-a", f"127.0.0.1:{port}",
             *extra], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            story = project / f"stories/s{size // 2:05d}.md"
            base, page = f"http://127.0.0.1:{port}", f"/stories/s{size // 2:05d}/"
            wait_for(base + page, "Story number", 600)
            time.sleep(2)  # the watcher has taken its first look at the folders
            times = []
            for n in range(edits):
                title = f"Edited title {n} {time.time():.0f}"
                text = re.sub(r"(?m)^title: .*$", f"title: {title}", story.read_text(), count=1)
                old = fetch(base + page)  # the page as the browser has it, with its epoch
                written = time.perf_counter()
                story.write_text(text)
                times.append(reloaded(base, page, title, written) if old else wait_for(
                    base + page, title, 60))
                time.sleep(1)
            return times
        finally:
            server.terminate()
            server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=6)
    parser.add_argument("extra", nargs="*", help="further `showcase serve` options")
    args = parser.parse_args()
    times = measure(args.size, args.edits, args.extra)
    print(f"save to served page at {args.size:,} stories, {len(times)} edits: "
          + ", ".join(f"{t:.2f}" for t in times)
          + f" s (median {statistics.median(times):.2f} s, worst {max(times):.2f} s)")


if __name__ == "__main__":
    main()
