"""The Jinja environment for generated pages: templates hold presentation, Python decisions."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator.site import urls

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:>])")


def markdown_text(value: object) -> Markup:
    """Text safe inside a Markdown line: punctuation backslashed, `<` as an entity.

    Quotes and `&` stay as written: Markdown escapes them itself, and escaping them here
    would show as `&#39;` in the table of contents.
    """
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))
    return Markup(text.replace("<", "&lt;"))


def long_date(value: date) -> str:
    """14 March 2026 (GOV.UK style)."""
    return f"{value.day} {value:%B %Y}"


@cache
def environment() -> Environment:
    """The shared, cached environment (autoescaping on, undefined names are errors)."""
    env = Environment(
        loader=PackageLoader("generator", "templates/site"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters["md"] = markdown_text
    env.filters["long_date"] = long_date
    return env


def render(template: str, page: str, directory_urls: bool, **context: Any) -> str:
    """Render `template` as the page at source path `page`; `href(target)` links relatively."""
    href: Callable[[str], str] = lambda target: urls.relative(page, target, directory_urls)  # noqa: E731
    return environment().get_template(template).render(href=href, page=page, **context)
