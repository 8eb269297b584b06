"""Remake docs/screenshots/*.png: builds the example site into a temporary folder, serves it on
localhost and photographs four pages in headless Chromium at 1280 x 900 (the top of each page).

    .venv/bin/python scripts/screenshots.py [--now 2026-11-26T12:00:00+00:00]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

REPO = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "",
    "story": "stories/ai-webchat-reduces-call-volumes/",
    "listing": "stories/",
    "dashboard": "dashboard/",
}
SIZE: ViewportSize = {"width": 1280, "height": 900}


def _build(site: Path, now: str) -> None:
    showcase = Path(sys.executable).with_name("showcase")
    subprocess.run([str(showcase), "build", "-p", str(REPO), "--site-dir", str(site), "--now", now],
                   check=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _photograph(site: Path, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium,
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport=SIZE, device_scale_factor=1)
            for name, address in PAGES.items():
                page.goto(base + address, wait_until="networkidle")
                page.screenshot(path=str(out / f"{name}.png"))
                print(f"wrote {out / name}.png ({base + address})")
            browser.close()
    finally:
        server.shutdown()


def main() -> None:
    """Build the example site and write the four screenshots into docs/screenshots/."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--now", default="2026-11-26T12:00:00+00:00")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        _build(site, args.now)
        _photograph(site, args.out)


if __name__ == "__main__":
    main()
