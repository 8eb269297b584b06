"""Escaping what MkDocs' theme templates print without autoescaping."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from markupsafe import escape

#: page meta fields Material prints into the page head and header as they are
ESCAPED_META = ("title", "description")


def escape_meta(meta: MutableMapping[str, Any]) -> None:
    """Replace text meta values that themes print raw with their HTML-escaped form (idempotent)."""
    for key in ESCAPED_META:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = escape(value)
