"""The files of the browser editor (`admin/`): the page, the generated config, a local CMS script.

The CMS script comes from the npm package `@sveltia/cms` in `node_modules/` (installed by
`npm install`); the site never loads it from a CDN.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from generator.cms.config import cms_config, config_text
from generator.model import Strategy
from generator.problems import ShowcaseError
from generator.project import Layout

CMS_PACKAGE = "@sveltia/cms"
SCRIPT = "sveltia-cms.js"
ADMIN = "admin"
INSTALL_HINT = ("the story editor's script is not installed: run `npm install` in the repository "
                f"(package.json lists {CMS_PACKAGE}), then run this again")


def cms_dist(layout: Layout) -> Path | None:
    """The package's `dist/` folder in the nearest `node_modules/` above the project or this code."""
    starts = [layout.root, Path(__file__).resolve().parent]
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
    return environment.get_template("index.html.j2").render(site_name=site_name, script=SCRIPT)


def site_files(layout: Layout, strategy: Strategy | None) -> dict[str, bytes]:
    """`{"admin/index.html": ..., "admin/config.yml": ..., "admin/sveltia-cms.js": ...}` for the site.

    Empty when the CMS package is not installed (`npm install`): no half-working editor is published.
    """
    dist = cms_dist(layout)
    if dist is None:
        return {}
    files = {
        f"{ADMIN}/index.html": index_html(layout).encode("utf-8"),
        f"{ADMIN}/config.yml": config_text(cms_config(layout, strategy)).encode("utf-8"),
        f"{ADMIN}/{SCRIPT}": (dist / SCRIPT).read_bytes(),
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
