"""The files of the browser editor (`admin/`): the page, the generated config, a local CMS script.

The CMS script comes from the npm package `@sveltia/cms` in `node_modules/` (installed by
`npm install`); the site never loads it from a CDN. Sveltia CMS 0.221.1 would also fetch, before
anyone signs in, its fonts (cdn.jsdelivr.net), an update check (unpkg.com) and GitHub's status
(www.githubstatus.com): its fonts are published beside it from the Fontsource npm packages (the
script's font addresses rewritten to them), and the page's Content-Security-Policy lets it reach
nothing but this site and GitHub's API, so the rest are never sent. Its viewport is let zoom.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from generator.cms.config import cms_config, config_text
from generator.model import Strategy
from generator.problems import ShowcaseError
from generator.project import Layout

CMS_PACKAGE = "@sveltia/cms"
SCRIPT = "sveltia-cms.js"
ADMIN = "admin"
FONTS = "fonts"
#: a Fontsource CDN font in the script: family, ":vf" for a variable font, and the file
_CDN_FONT = re.compile(rb"https://cdn\.jsdelivr\.net/fontsource/fonts/"
                       rb"(?P<family>[a-z0-9-]+)(?P<vf>:vf)?@[0-9.]+/(?P<file>[a-z0-9-]+\.woff2)")
#: the editor's own viewport (set at run time) stops zooming: WCAG 1.4.4 wants pages to zoom
_NO_ZOOM = b"`maximum-scale=1`,"
#: where the editor may connect, load images from and so on; nothing else leaves the page
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "img-src 'self' data: blob: https://avatars.githubusercontent.com https://raw.githubusercontent.com",
    "media-src 'self' blob:",
    "connect-src 'self' data: blob: https://api.github.com",
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
])
INSTALL_HINT = ("the story editor's script is not installed: run `npm install` in the repository "
                f"(package.json lists {CMS_PACKAGE}), then run this again")


def cms_dist(layout: Layout) -> Path | None:
    """The package's `dist/` folder in the nearest `node_modules/` above the project or this code."""
    return dist_for(layout.root)


def dist_for(root: Path) -> Path | None:
    """The package's `dist/` folder for the project at `root` (see `cms_dist`)."""
    starts = [root, Path(__file__).resolve().parent]
    for start in starts:
        for folder in (start, *start.parents):
            dist = folder / "node_modules" / CMS_PACKAGE / "dist"
            if (dist / SCRIPT).is_file():
                return dist
    return None


def index_html(layout: Layout) -> str:
    """The editor's page: loads the local script, which reads `config.yml` beside it."""
    site_name = str(layout.site.get("site_name") or "Showcase")
    environment = Environment(loader=PackageLoader("generator.cms", "templates"), undefined=StrictUndefined,
                              autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True)
    return environment.get_template("index.html.j2").render(site_name=site_name, script=SCRIPT, csp=CSP)


def local_fonts(script: bytes, node_modules: Path) -> tuple[bytes, dict[str, bytes]]:
    """The script with its Fontsource CDN fonts pointed at `fonts/` beside the page, and those fonts.

    A font whose npm package is not installed keeps its address (the page's policy blocks it).
    """
    fonts: dict[str, bytes] = {}

    def local(match: re.Match[bytes]) -> bytes:
        family, file = match["family"].decode(), match["file"].decode()
        package = "@fontsource-variable" if match["vf"] else "@fontsource"
        name = f"{family}-{file}"
        source = node_modules / package / family / "files" / name
        if not source.is_file():
            return match[0]
        fonts[f"{FONTS}/{name}"] = source.read_bytes()
        return f"{FONTS}/{name}".encode()

    return _CDN_FONT.sub(local, script), fonts


def site_files(layout: Layout, strategy: Strategy | None) -> dict[str, bytes]:
    """`{"admin/index.html": ..., "admin/config.yml": ..., "admin/sveltia-cms.js": ...}` for the site.

    Empty when the CMS package is not installed (`npm install`): no half-working editor is published.
    """
    dist = cms_dist(layout)
    if dist is None:
        return {}
    script, fonts = local_fonts((dist / SCRIPT).read_bytes().replace(_NO_ZOOM, b""), dist.parent.parent.parent)
    files = {
        f"{ADMIN}/index.html": index_html(layout).encode("utf-8"),
        f"{ADMIN}/config.yml": config_text(cms_config(layout, strategy)).encode("utf-8"),
        f"{ADMIN}/{SCRIPT}": script,
        **{f"{ADMIN}/{name}": data for name, data in sorted(fonts.items())},
    }
    # chunks the script loads on demand, relative to itself (source maps left out)
    for chunk in sorted((dist / "chunks").glob("*.js")):
        files[f"{ADMIN}/chunks/{chunk.name}"] = chunk.read_bytes()
    return files


def write_admin(layout: Layout, strategy: Strategy | None, folder: Path) -> list[Path]:
    """Write the editor's files into `folder/admin/`; a ShowcaseError if the CMS is not installed."""
    files = site_files(layout, strategy)
    if not files:
        raise ShowcaseError(INSTALL_HINT)
    written = []
    for relative, data in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
