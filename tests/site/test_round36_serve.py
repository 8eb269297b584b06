"""`showcase serve` says the address the site is at: MkDocs serves a site whose site_url has a
path under that path, not at the host's root (adopter36 F3)."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

from tests.conftest import NOW, ProjectFactory, story
from tests.site.conftest import site_project
from tests.site.test_serve import SHOWCASE, _get, _port, await_preview, serve_environment


def test_the_preview_says_the_address_under_the_site_urls_path(make_project: ProjectFactory,
                                                               tmp_path: Path) -> None:
    files = site_project()
    files["mkdocs.yml"] = str(files["mkdocs.yml"]).replace(
        "site_url: https://showcase.test.example/",
        "site_url: https://example.gov.uk/digital/showcase/")
    assert "/digital/showcase/" in files["mkdocs.yml"]
    root = make_project({**files, "stories/a.md": story(slug="a-story")})
    port = _port()
    server = subprocess.Popen(
        [str(SHOWCASE), "serve", "-p", str(root), "-a", f"127.0.0.1:{port}", "--now", NOW],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env=serve_environment(TMPDIR=str(tmp_path)))
    try:
        assert server.stderr is not None
        said = server.stderr.readline()
        site = f"http://127.0.0.1:{port}/digital/showcase/"
        assert said == (f"showcase: building the preview of {root}, then showing it at {site} "
                        "(it reloads when a file is saved; Ctrl+C to stop)\n")
        await_preview(server, site)
        assert "Home text of the test site." in _get(site)
        assert "A test story" in _get(site + "stories/a-story/")
        server.send_signal(signal.SIGTERM)
        assert server.wait(30) == 0
    finally:
        if server.poll() is None:
            server.kill()
        server.communicate(timeout=30)
