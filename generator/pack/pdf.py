"""entry.pdf: the entry HTML printed by WeasyPrint as a tagged PDF/UA-1 document."""

from __future__ import annotations

import io
import mimetypes
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, redirect_stdout
from typing import Any

from markupsafe import Markup

from generator.problems import ShowcaseError

#: PDF/UA-1 turns on tagging (pdf_tags); the language and title come from the HTML.
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True,
                               "pdf_identifier": True}
_BASE = "https://pack.invalid/"
#: the classes the print CSS gives a table too wide for the page, one at a time until it
#: fits: smaller print with its words whole, a landscape page (for many columns), then a
#: word broken anywhere it must be
FITTING = ("narrow", "landscape", "squeezed")
#: the fewest columns that make a table worth a landscape page of its own
LANDSCAPE_COLUMNS = 10
#: how far (in CSS pixels) a table may pass the page's content area: rounding, not text
_SLACK = 0.01
#: what a CSS string may not hold as itself: its quotes and backslash, line breaks and other
#: control characters, and `<` and `>` (the string is inside <style>, where `</style>` ends it)
_CSS_UNSAFE = re.compile(r"[\\\"'<>\x00-\x1f\x7f-\x9f\u2028\u2029]")


class RefusedUrl(ShowcaseError):
    """The entry asked for something that is not a member of the pack."""


def css_string(text: str) -> Markup:
    """`text` as a double-quoted CSS string for the print CSS (`content:` of a page margin).

    Each unsafe character is a CSS escape (a backslash, its code in hex and a space that
    ends the escape), never an HTML entity: <style> holds raw text, so `&amp;` would show
    as itself in the PDF's footer. The result is safe inside <style> as it is.
    """
    escaped = _CSS_UNSAFE.sub(lambda m: f"\\{ord(m.group()):x} ", text)
    return Markup(f'"{escaped}"')  # every character that could end the string is escaped


def render_pdf(html: str, members: Mapping[str, bytes]) -> bytes:
    """`html` as PDF; it may load only `members` (the pack's images and the stories' charts,
    by name), nothing from disk or network: not even a data: URL.

    A table too wide for the page is laid out again, one `FITTING` step at a time, until it
    fits: no text is cut off at the page's edge. A page with no such table is laid out once.
    """
    # imported here: WeasyPrint is slow to import and only packs need it
    _import_weasyprint()
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class MemberFetcher(URLFetcher):  # type: ignore[misc]
        """Serves pack members only; anything else is refused."""

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            name = url.removeprefix(_BASE)
            if not url.startswith(_BASE) or name not in members:
                raise RefusedUrl(f"not a pack member: {url}")
            mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, members[name], {"Content-Type": mime})

    def laid_out(fitted: Mapping[int, tuple[str, ...]]) -> tuple[Any, list[Any]]:
        document = HTML(string=html, base_url=_BASE,
                        url_fetcher=MemberFetcher(fail_on_errors=True))
        tables = list(document.etree_element.iter("table"))
        for number, steps in fitted.items():
            table = tables[number]
            table.set("class", " ".join([*filter(None, [table.get("class")]), *steps]))
        return document.render(**PDF_OPTIONS), tables

    try:
        fitted: dict[int, tuple[str, ...]] = {}
        pages, tables = laid_out(fitted)
        while wide := {n: step for n in sorted(_too_wide(pages, tables))
                       if (step := _next_step(tables[n], fitted.get(n, ()))) is not None}:
            fitted |= {n: (*fitted.get(n, ()), step) for n, step in wide.items()}
            pages, tables = laid_out(fitted)  # again, only for a table too wide for the page
        pdf = pages.write_pdf(**PDF_OPTIONS)
    except FatalURLFetchingError as exc:  # answers carry no images; this is the last guard
        refused = exc.__cause__ if isinstance(exc.__cause__, RefusedUrl) else exc
        raise RefusedUrl(f"entry.pdf cannot be printed: {refused}") from None
    assert isinstance(pdf, bytes)
    return pdf


def _next_step(table: Any, taken: tuple[str, ...]) -> str | None:
    """The `FITTING` step a table too wide for the page takes after those `taken` (None:
    none is left): a landscape page only for a table of `LANDSCAPE_COLUMNS` or more."""
    columns = max((len([c for c in row if c.tag in ("th", "td")]) for row in table.iter("tr")),
                  default=0)
    left = FITTING[FITTING.index(taken[-1]) + 1:] if taken else FITTING
    return next((step for step in left
                 if step != "landscape" or columns >= LANDSCAPE_COLUMNS), None)


def _too_wide(document: Any, tables: list[Any]) -> frozenset[int]:
    """The tables (by their place in `tables`, the page's <table> elements in order) that
    `document`, laid out by WeasyPrint, draws past the right edge of a page's content area
    (where the text would be cut off or run beyond the paper)."""
    from weasyprint.formatting_structure.boxes import TableBox

    wide: set[int] = set()
    for page in document.pages:
        box = page._page_box  # WeasyPrint keeps the laid out boxes there
        edge = box.content_box_x() + box.width
        for inner in box.descendants():
            if (isinstance(inner, TableBox) and inner.element in tables
                    and inner.border_box_x() + inner.border_width() > edge + _SLACK):
                wide.add(tables.index(inner.element))
    return frozenset(wide)


def _import_weasyprint() -> None:
    """Import WeasyPrint, skipping ctypes' slow library search on Linux when it can.

    WeasyPrint tries several names per library (Windows and macOS ones first); cffi passes
    each name dlopen refuses to `ctypes.util.find_library`, which on Linux runs ldconfig, gcc
    and ld every time (Kozea/WeasyPrint#1125): about 0.35 s in 22 subprocesses. Every list
    ends in the Linux soname (libpango-1.0.so.0), which dlopen finds by itself. Should that
    fail on some system, WeasyPrint is imported again with the search.
    """
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        return
    try:
        with _no_library_search(), redirect_stdout(io.StringIO()):  # its hint if it fails
            import weasyprint  # noqa: F401
    except OSError:
        for name in [n for n in sys.modules if n.split(".")[0] == "weasyprint"]:
            del sys.modules[name]


@contextmanager
def _no_library_search() -> Iterator[None]:
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search
