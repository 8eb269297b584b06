"""Escaping what MkDocs' theme templates print without autoescaping."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from jinja2 import Environment
from jinja2.filters import do_striptags
from markupsafe import Markup, escape

#: page meta fields Material prints into the page head and header as they are
ESCAPED_META = ("title", "description")


def escape_meta(meta: MutableMapping[str, Any]) -> None:
    """Replace text meta values that themes print raw with their HTML-escaped form (idempotent)."""
    for key in ESCAPED_META:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = escape(value)


def text_only(value: Any) -> Markup:
    """Jinja's `striptags`, its text escaped again: Material prints `page.title | striptags`
    into `<title>` as it is, and striptags turns an escaped `&lt;script&gt;` in a title back
    into a tag. Markup, so a following `| e` does not escape it twice."""
    return escape(do_striptags(value))


def install(env: Environment) -> None:
    """Make the theme's `striptags` safe in every template, a site's own too (a `main.html`
    in `theme.custom_dir` replaces the plugin's, which escapes the title itself)."""
    env.filters["striptags"] = text_only
