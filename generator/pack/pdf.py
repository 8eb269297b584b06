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
    by name), nothing from disk or network: not even a data: URL."""
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

    document = HTML(string=html, base_url=_BASE, url_fetcher=MemberFetcher(fail_on_errors=True))
    try:
        pdf = document.write_pdf(**PDF_OPTIONS)
    except FatalURLFetchingError as exc:  # answers carry no images; this is the last guard
        refused = exc.__cause__ if isinstance(exc.__cause__, RefusedUrl) else exc
        raise RefusedUrl(f"entry.pdf cannot be printed: {refused}") from None
    assert isinstance(pdf, bytes)
    return pdf


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
