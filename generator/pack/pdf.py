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
#: the classes the print CSS gives a table too wide for the page, until it fits: smaller
#: print with its words whole, a landscape page (for many columns), a long word broken
#: anywhere it must be (a figure never: class `whole`), then ever smaller print (`PRINT_SIZES`)
#: with its figures whole; `broken`, the last resort, breaks a figure too rather than cut
#: it off at the page's edge
FITTING = ("narrow", "landscape", "squeezed", "print-6", "print-5", "print-4", "print-3",
           "print-2", "broken")
#: the print sizes (in points) of the `print-N` steps, largest first
PRINT_SIZES = (6, 5, 4, 3, 2)
#: the print size (in points) of a table before its first `print-N` step: `narrow`'s
_NARROW_SIZE = 7
#: a cell the print CSS never breaks inside (class `whole`): a figure (digits and signs,
#: no letter or space, e.g. £12,345, +3.8%, 2024-25, 1,234,567) or one short word (Q10)
_FIGURE = re.compile(r"[^\sA-Za-z]*\d[^\sA-Za-z]*")
_FIGURE_LENGTH = 24
_SHORT_WORD = 8
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
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
        parents = {child: parent for parent in document.etree_element.iter() for child in parent}
        for number, steps in fitted.items():
            table = tables[number]
            _add_class(table, *steps)
            _mark_whole_cells(table)
            if "landscape" in steps:
                for lead in _leading(table, parents):
                    _add_class(lead, "with-landscape")
        return document.render(**PDF_OPTIONS), tables

    try:
        fitted: dict[int, tuple[str, ...]] = {}
        pages, tables = laid_out(fitted)
        while wide := {n: step for n, scale in sorted(_too_wide(pages, tables).items())
                       if (step := _next_step(tables[n], fitted.get(n, ()), scale)) is not None}:
            fitted |= {n: (*fitted.get(n, ()), step) for n, step in wide.items()}
            pages, tables = laid_out(fitted)  # again, only for a table too wide for the page
        with _languages_tagged():
            pdf = pages.write_pdf(**PDF_OPTIONS)
    except FatalURLFetchingError as exc:  # answers carry no images; this is the last guard
        refused = exc.__cause__ if isinstance(exc.__cause__, RefusedUrl) else exc
        raise RefusedUrl(f"entry.pdf cannot be printed: {refused}") from None
    assert isinstance(pdf, bytes)
    return pdf


@contextmanager
def _languages_tagged() -> Iterator[None]:
    """While WeasyPrint writes the PDF, each structure element of an HTML element with its
    own `lang` (a story's words in its language) carries it as /Lang, so a screen reader
    reads it in that language's voice, as it does the HTML; the document's own language is
    the catalog's /Lang (from <html lang>).

    WeasyPrint (70) writes only the catalog's: its tagging (`weasyprint.pdf.tags`) builds
    the structure tree one box at a time by `_build_box_tree`, which calls itself by its
    module's name; that name is wrapped for the one call. An entry with no `lang` below
    <html> gets the very same PDF.

    The same wrapper finishes its tables' tagging (a11ydocs28 F1, PDF/UA-1 7.5): WeasyPrint
    gives each header cell an /ID, which data cells name in /Headers, but no /IDTree, the
    index a reader finds them by, and no /Scope. Each TH gets its /Scope (/Row for
    `scope="row"`, else /Column, as the HTML's) and the structure root an /IDTree of them.
    """
    import pydyf  # type: ignore[import-untyped]
    from weasyprint.pdf import tags

    build = tags._build_box_tree
    headers: list[Any] = []  # the TH elements so far; their /ID is set once their table is

    def with_language(box: Any, *args: Any) -> Iterator[Any]:
        language = _own_language(box)
        for element in build(box, *args):
            if language is not None and "Lang" not in element:
                element["Lang"] = pydyf.String(language)
            if element["S"] == "/TH":
                element["A"]["Scope"] = "/Row" if _scope(box) == "row" else "/Column"
                headers.append(element)
            elif element["S"] == "/Table":
                _index_ids(args[1], headers)
            yield element

    tags._build_box_tree = with_language
    try:
        yield
    finally:
        tags._build_box_tree = build


def _scope(box: Any) -> str | None:
    element = getattr(box, "element", None)
    return None if element is None else element.get("scope")


def _index_ids(pdf: Any, headers: list[Any]) -> None:
    """The structure root's /IDTree: every header cell's /ID, in the order of the keys."""
    import pydyf

    root = pdf.objects[int(pdf.catalog["StructTreeRoot"].split()[0])]  # b"12 0 R"
    named = sorted(((h["ID"].string, h) for h in headers if "ID" in h), key=lambda n: n[0])
    if named:
        root["IDTree"] = pydyf.Dictionary({"Names": pydyf.Array(
            [part for key, element in named for part in (pydyf.String(key), element.reference)])})


def _own_language(box: Any) -> str | None:
    """The `lang` of the HTML element a box was made for, below <html> and <body> (whose
    boxes make no structure element: their children come through them)."""
    element = getattr(getattr(box, "_box", box), "element", None)
    if element is None or element.tag in ("html", "body"):
        return None
    language = element.get("lang")
    return language if isinstance(language, str) and language else None


def whole(text: str) -> bool:
    """Whether a cell's `text` is printed whole, never broken across lines (class `whole`):
    a figure (£12,345, +3.8%, 2024-25) or one short word (Q10)."""
    words = text.split()
    if len(words) != 1:
        return False
    word = words[0]
    return len(word) <= _SHORT_WORD or (len(word) <= _FIGURE_LENGTH
                                         and _FIGURE.fullmatch(word) is not None)


def _add_class(element: Any, *names: str) -> None:
    element.set("class", " ".join([*filter(None, [element.get("class")]), *names]))


def _mark_whole_cells(table: Any) -> None:
    for cell in table.iter():
        if cell.tag in ("th", "td") and whole("".join(cell.itertext())):
            _add_class(cell, "whole")


def _leading(table: Any, parents: Mapping[Any, Any]) -> list[Any]:
    """What leads into a table printed on a landscape page, to go on that page with it (not
    alone at the foot of the upright page before): the paragraph just before it and the
    headings just before that (class `with-landscape`)."""
    parent = parents.get(table)
    if parent is None:
        return []
    siblings = list(parent)
    before = siblings[:siblings.index(table)]
    leading: list[Any] = []
    if before and before[-1].tag == "p" and not (before[-1].tail or "").strip():
        leading.append(before.pop())
    while before and before[-1].tag in _HEADINGS and not (before[-1].tail or "").strip():
        leading.append(before.pop())
    return leading


def _next_step(table: Any, taken: tuple[str, ...], scale: float) -> str | None:
    """The `FITTING` step a table too wide for the page takes after those `taken` (None:
    none is left): a landscape page only for a table of `LANDSCAPE_COLUMNS` or more; the
    first print size that makes it `scale` times as wide (the page's room over its width),
    or the smallest; `broken` when even the smallest did not fit."""
    columns = max((len([c for c in row if c.tag in ("th", "td")]) for row in table.iter("tr")),
                  default=0)
    left = [step for step in (FITTING[FITTING.index(taken[-1]) + 1:] if taken else FITTING)
            if step != "landscape" or columns >= LANDSCAPE_COLUMNS]
    if not left or not left[0].startswith("print-"):
        return left[0] if left else None
    size = min((int(step.removeprefix("print-")) for step in taken if step.startswith("print-")),
               default=_NARROW_SIZE)
    smaller = [step for step in left if step.startswith("print-")]
    return next((step for step in smaller if int(step.removeprefix("print-")) <= size * scale),
                smaller[-1] if smaller else "broken")


def _too_wide(document: Any, tables: list[Any]) -> dict[int, float]:
    """The tables (by their place in `tables`, the page's <table> elements in order) that
    `document`, laid out by WeasyPrint, draws past the right edge of a page's content area
    (where the text would be cut off or run beyond the paper), each with the scale that
    would make it fit (the room it has over its width, below 1)."""
    from weasyprint.formatting_structure.boxes import TableBox

    wide: dict[int, float] = {}
    for page in document.pages:
        box = page._page_box  # WeasyPrint keeps the laid out boxes there
        edge = box.content_box_x() + box.width
        for inner in box.descendants():
            if (isinstance(inner, TableBox) and inner.element in tables
                    and inner.border_box_x() + inner.border_width() > edge + _SLACK):
                number = tables.index(inner.element)
                scale = (edge - inner.border_box_x()) / inner.border_width()
                wide[number] = min(scale, wide.get(number, scale))
    return wide


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
