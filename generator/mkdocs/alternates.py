"""Material's script, told that a feed is not a language version of the site, and never to
load its diagram script from another host.

Material's bundle (its `integrations/alternate`, for the language selector) takes every
`<link rel="alternate">` in the page for another language's site and fetches `sitemap.xml`
beside its address: for the feed `feeds/rss.xml` that is `feeds/sitemap.xml`, which does not
exist, three times on every page load (squidfunk/mkdocs-material#8576, zensical/ui#213).
Material's own language links always carry `hreflang`, so the selector narrowed to
`link[rel=alternate][hreflang]` keeps the language selector as it is and leaves feeds alone,
which keep their `rel="alternate"` for feed readers. The source map beside the bundle is left
as it is (the narrowed selector shifts later columns of its one line a little).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

SELECTOR = '"link[rel=alternate]"'
NARROWED = '"link[rel=alternate][hreflang]"'
BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")


MERMAID = '"pre.mermaid"'
"""What Material's bundle looks for to load its diagram script from unpkg.com (every page
that has one would tell unpkg.com who reads it): it looks for an element no page has."""
NO_MERMAID = '"pre.showcase-no-remote-diagrams"'


def narrowed(script: str) -> str | None:
    """`script` with the language selector's selector narrowed to links with `hreflang` and
    the diagrams' selector made to match nothing, or None when the script holds neither
    exactly once (another Material: left as it is)."""
    changed = script
    for old, new in ((SELECTOR, NARROWED), (MERMAID, NO_MERMAID)):
        if changed.count(old) == 1:
            changed = changed.replace(old, new)
    return changed if changed != script else None


def narrow(files: Files, config: MkDocsConfig) -> None:
    """Replace the theme's bundle in `files` by its narrowed copy, when there is one."""
    for file in list(files):
        if not BUNDLE.fullmatch(file.src_uri) or file.abs_src_path is None:
            continue
        script = narrowed(Path(file.abs_src_path).read_text(encoding="utf-8"))
        if script is not None:
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=script))
