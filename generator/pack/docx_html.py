"""An answer's HTML (the very HTML entry.html and entry.pdf show) as Word content: paragraphs,
headings, numbered and nested lists, tables with a header row, quotes, code and links.

The HTML is the sanitised output of `markdown_text.to_html`, so only the allow-list's tags
reach here; a tag this module does not know is read as inline text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from generator.languages import direction

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    Container = Document | _Cell

_BLOCKS = frozenset({"blockquote", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
                     "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre",
                     "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"})
_VOID = frozenset({"br", "hr", "img"})
_LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_HTML_SPACE = re.compile(r"[ \t\n\r\f\v]+")
#: characters XML 1.0 cannot hold (lxml refuses them): left out
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ALIGNMENTS = frozenset({"left", "right", "center"})
_DEEPEST_LIST = 3  # the template's List Bullet 3 and List Number 3
#: what follows w:bidi in a paragraph's properties (w:pPr), in the schema's order
_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
               "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
CODE_BLOCK_STYLE = "HTML Preformatted"
CODE_STYLE = "HTML Code"
LINK_STYLE = "Hyperlink"


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """HTML to a small tree: an end tag closes up to its own start tag, a stray one is ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {name: value or "" for name, value in attrs})
        self._open[-1].children.append(node)
        if tag not in _VOID:
            self._open.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)


@dataclass(frozen=True)
class _Format:
    """How a run of text looks."""

    flags: frozenset[str] = frozenset()
    """Of bold, italic, code, strike, underline, superscript and subscript."""
    href: str | None = None
    language: str | None = None
    """A span's `lang` (a story's title or label in an English sentence), None: the
    paragraph's."""


_BOLD = _Format(frozenset({"bold"}))
_INLINE_FLAGS = {"b": "bold", "strong": "bold", "em": "italic", "i": "italic", "cite": "italic",
                 "dfn": "italic", "var": "italic", "code": "code", "kbd": "code", "samp": "code",
                 "del": "strike", "s": "strike", "ins": "underline", "u": "underline",
                 "sup": "superscript", "sub": "subscript"}


@dataclass(frozen=True)
class _Piece:
    text: str
    look: _Format
    line_break: bool = False


@dataclass(frozen=True)
class _Context:
    """Where blocks are written: the container, the paragraph style, the list depth and
    the language of the words (None: the document's)."""

    container: Container
    style: str | None = None
    depth: int = 0
    language: str | None = None


def add_html(document: Document, html: str, heading_level: int,
             language: str | None = None) -> None:
    """Write `html` at the end of `document`.

    Headings inside it become Word headings no higher than `heading_level`. With a
    `language` (a story's), every paragraph's runs are marked in it (`mark_language`).
    """
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    _Writer(document, heading_level).blocks(_Context(document, language=language),
                                            builder.root.children)


class _Writer:
    def __init__(self, document: Document, heading_level: int) -> None:
        self.document = document
        self.heading_level = heading_level

    def blocks(self, context: _Context, nodes: Iterable[_Node | str]) -> None:
        """Blocks in order; inline content between them is a paragraph of its own."""
        inline: list[_Node | str] = []
        for node in nodes:
            if isinstance(node, str) or node.tag not in _BLOCKS:
                inline.append(node)
                continue
            self._paragraph(context, inline, context.style, skip_empty=True)
            inline = []
            self._block(context, node)
        self._paragraph(context, inline, context.style, skip_empty=True)

    def _block(self, context: _Context, node: _Node) -> None:
        tag = node.tag
        if tag in ("p", "dt", "summary", "figcaption", "caption"):
            look = _BOLD if tag == "dt" else _Format()
            self._paragraph(context, node.children, context.style, look=look)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = min(max(int(tag[1]), self.heading_level), 6)
            self._paragraph(context, node.children, f"Heading {level}")
        elif tag in ("ul", "ol"):
            self._list(context, node)
        elif tag == "table":
            self._table(context, node)
        elif tag == "pre":
            self._code_block(context, node)
        elif tag == "blockquote":
            self.blocks(replace(context, style="Quote"), node.children)
        elif tag != "hr":  # a rule (before footnotes) is no content; div, dl, dd, li, ...
            self.blocks(context, node.children)

    def _paragraph(self, context: _Context, nodes: Iterable[_Node | str], style: str | None,
                   *, look: _Format = _Format(), skip_empty: bool = False) -> Paragraph | None:
        pieces = _normalised(list(_pieces(nodes, look)))
        if skip_empty and not pieces:
            return None
        paragraph = context.container.add_paragraph(style=style)
        _write_pieces(paragraph, pieces)
        mark_language(paragraph, context.language)
        return paragraph

    def _list(self, context: _Context, node: _Node) -> None:
        ordered = node.tag == "ol"
        level = min(context.depth + 1, _DEEPEST_LIST)
        suffix = f" {level}" if level > 1 else ""
        style = ("List Number" if ordered else "List Bullet") + suffix
        number = _restarted_numbering(self.document, style, _start(node)) if ordered else None
        inner = _Context(context.container, f"List Continue{suffix}", context.depth + 1,
                         context.language)
        for item in node.children:
            if isinstance(item, _Node) and item.tag == "li":
                self._item(inner, item, style, number)

    def _item(self, context: _Context, item: _Node, style: str, number: int | None) -> None:
        """The item's first paragraph carries the bullet or number; the rest continue it."""
        first: list[_Node | str] = []
        rest = list(item.children)
        while rest and (isinstance(rest[0], str) or rest[0].tag not in _BLOCKS):
            first.append(rest.pop(0))
        opening = rest[0] if rest else None
        if isinstance(opening, _Node) and opening.tag == "p" and not _normalised(
                list(_pieces(first, _Format()))):
            first = opening.children  # a loose list: <li><p>text</p>...
            rest.pop(0)
        paragraph = self._paragraph(context, first, style)
        if paragraph is not None and number is not None:
            _number(paragraph, number)
        self.blocks(context, rest)

    def _table(self, context: _Context, node: _Node) -> None:
        rows = list(_rows(node))
        for caption in (c for c in node.children if isinstance(c, _Node) and c.tag == "caption"):
            self._paragraph(context, caption.children, "Caption")
        width = max((len(cells) for _, cells in rows), default=0)
        if not width:
            return
        table = context.container.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for header, cells in rows:
            self._row(table, header, cells, context.language)

    def _row(self, table: Table, header: bool, cells: list[_Node], language: str | None,
             ) -> None:
        row = table.add_row()  # type: ignore[no-untyped-call]
        if header:
            mark_header_row(row)
        for cell, node in zip(row.cells, cells, strict=False):
            look = _BOLD if header or node.tag == "th" else _Format()
            self._paragraph(_Context(cell, language=language), node.children, None, look=look)
            _drop_first_paragraph(cell)
            align_cell(cell, _alignment(node))

    def _code_block(self, context: _Context, node: _Node) -> None:
        text = _NOT_XML.sub("", "".join(_text_of(node))).removesuffix("\n")
        paragraph = context.container.add_paragraph(style=CODE_BLOCK_STYLE)
        paragraph.add_run(text)  # python-docx writes "\n" as a line break and "\t" as a tab
        mark_language(paragraph, context.language)


def mark_language(paragraph: Paragraph, language: str | None) -> None:
    """Each run of `paragraph` (a link's too) in `language`, for Word's proofing and a
    screen reader's voice: w:lang's w:val for a language written left to right, its w:bidi
    for one written right to left, whose paragraph is then right to left too (w:bidi) and
    its runs (w:rtl). None (the document's language, en-GB in the styles) marks nothing; a
    run marked already (a span's `lang`) keeps its own."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if language is None:
        return
    if direction(language) == "rtl":
        paragraph._p.get_or_add_pPr().insert_element_before(OxmlElement("w:bidi"),
                                                              *_AFTER_BIDI)
    for run in paragraph._p.iter(qn("w:r")):
        if run.find(f"{qn('w:rPr')}/{qn('w:lang')}") is None:  # a span's own stays
            mark_run_language(run, language)


def mark_run_language(run: Any, language: str) -> None:
    """One run (its w:r element, or a python-docx Run) in `language`, as `mark_language`
    marks each run of a paragraph (w:lang, and w:rtl for a right-to-left language)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = getattr(run, "_r", run)
    right_to_left = direction(language) == "rtl"
    properties = element.get_or_add_rPr()
    if right_to_left:
        properties.get_or_add_rtl()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:bidi" if right_to_left else "w:val"), language)
    properties.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _pieces(nodes: Iterable[_Node | str], look: _Format) -> Iterator[_Piece]:
    for node in nodes:
        if isinstance(node, str):
            yield _Piece(node, look)
        elif node.tag == "br":
            yield _Piece("", look, line_break=True)
        elif node.tag == "img":
            yield _Piece(node.attrs.get("alt", ""), look)
        elif node.tag == "a" and "footnote-backref" in node.attrs.get("class", ""):
            continue  # the way back from a footnote (an arrow) is no text
        else:
            yield from _pieces(node.children, _look_of(node, look))


def _look_of(node: _Node, look: _Format) -> _Format:
    if node.tag == "span" and node.attrs.get("lang"):
        return replace(look, language=node.attrs["lang"])
    if node.tag == "a":
        href = node.attrs.get("href", "")
        return replace(look, href=href) if href.lower().startswith(_LINK_SCHEMES) else look
    flag = _INLINE_FLAGS.get(node.tag)
    return replace(look, flags=look.flags | {flag}) if flag else look


def _normalised(pieces: list[_Piece]) -> list[_Piece]:
    """White space as a browser shows it: runs of it one space, none at a line's ends."""
    out: list[_Piece] = []
    at_line_start = True
    for piece in pieces:
        if piece.line_break:
            _strip_end(out)
            out.append(piece)
            at_line_start = True
            continue
        text = _HTML_SPACE.sub(" ", _NOT_XML.sub("", piece.text))
        if at_line_start:
            text = text.lstrip(" ")
        if text:
            out.append(_Piece(text, piece.look))
            at_line_start = text.endswith(" ")
    _strip_end(out)
    return out


def _strip_end(pieces: list[_Piece]) -> None:
    while pieces and not pieces[-1].line_break:
        text = pieces[-1].text.rstrip(" \xa0")
        if text:
            pieces[-1] = _Piece(text, pieces[-1].look)
            return
        pieces.pop()


def _write_pieces(paragraph: Paragraph, pieces: list[_Piece]) -> None:
    from docx.enum.text import WD_BREAK
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    link: tuple[str, object] | None = None  # (href, its <w:hyperlink>)
    for piece in pieces:
        run = paragraph.add_run()
        if piece.line_break:
            run.add_break(WD_BREAK.LINE)
        else:
            run.text = piece.text
        _format(run, piece.look)
        if piece.look.language is not None:
            mark_run_language(run, piece.look.language)
        href = piece.look.href
        if href is None:
            link = None
            continue
        if link is None or link[0] != href:
            element = OxmlElement("w:hyperlink")
            element.set(qn("r:id"), paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK,
                                                              is_external=True))
            run._r.addprevious(element)
            link = (href, element)
        link[1].append(run._r)  # type: ignore[attr-defined]


def _format(run: object, look: _Format) -> None:
    from docx.text.run import Run

    assert isinstance(run, Run)
    if look.href is not None:
        run.style = LINK_STYLE
    elif "code" in look.flags:
        run.style = CODE_STYLE
    run.bold = "bold" in look.flags or None
    run.italic = "italic" in look.flags or None
    run.underline = "underline" in look.flags or None
    run.font.strike = "strike" in look.flags or None
    run.font.superscript = "superscript" in look.flags or None
    run.font.subscript = "subscript" in look.flags or None


def _text_of(node: _Node) -> Iterator[str]:
    for child in node.children:
        if isinstance(child, str):
            yield child
        elif child.tag == "br":
            yield "\n"
        else:
            yield from _text_of(child)


def _rows(table: _Node) -> Iterator[tuple[bool, list[_Node]]]:
    """(is a header row, its cells) of each row, in order: a row of <thead>, or one of
    <th> cells only, is a header row."""
    for child in table.children:
        if not isinstance(child, _Node):
            continue
        if child.tag == "tr":
            cells = _cells(child)
            yield bool(cells) and all(c.tag == "th" for c in cells), cells
        elif child.tag in ("thead", "tbody", "tfoot"):
            for row in (r for r in child.children if isinstance(r, _Node) and r.tag == "tr"):
                cells = _cells(row)
                yield child.tag == "thead" or (bool(cells) and all(c.tag == "th" for c in cells)), \
                    cells


def _cells(row: _Node) -> list[_Node]:
    return [c for c in row.children if isinstance(c, _Node) and c.tag in ("td", "th")]


def _alignment(cell: _Node) -> str | None:
    """'left', 'right' or 'center' for a cell of a column Markdown aligned (`| ---: |`):
    the sanitiser writes it as the class align-right (and so on)."""
    for name in cell.attrs.get("class", "").split():
        side = name.removeprefix("align-")
        if side != name and side in _ALIGNMENTS:
            return side
    return None


def align_cell(cell: object, side: str | None) -> None:
    """Every paragraph of the Word table cell aligned to `side` (None leaves them)."""
    from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
    from docx.table import _Cell

    assert isinstance(cell, _Cell)
    if side is None:
        return
    alignment = {"left": WD_PARAGRAPH_ALIGNMENT.LEFT, "right": WD_PARAGRAPH_ALIGNMENT.RIGHT,
                 "center": WD_PARAGRAPH_ALIGNMENT.CENTER}[side]
    for paragraph in cell.paragraphs:
        paragraph.alignment = alignment


def _start(node: _Node) -> int:
    start = node.attrs.get("start", "1")
    return int(start) if start.isdigit() else 1


def mark_header_row(row: object) -> None:
    """The row repeats on each page and is the table's header to a screen reader (w:tblHeader)."""
    from docx.oxml import OxmlElement
    from docx.table import _Row

    assert isinstance(row, _Row)
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))


def _drop_first_paragraph(cell: _Cell) -> None:
    """A new cell holds an empty paragraph; it goes once another one follows it."""
    paragraphs = cell.paragraphs
    if len(paragraphs) > 1 and not paragraphs[0].text:
        element = paragraphs[0]._p
        parent = element.getparent()
        assert parent is not None
        parent.remove(element)


def _restarted_numbering(document: Document, style: str, start: int) -> int:
    """A new numbering instance of `style`'s list that starts at `start`: each ordered list
    counts from its own start, not on from the list before it (all share the style's)."""
    from docx.oxml.ns import qn

    numbering = document.part.numbering_part.element
    style_element = document.styles[style].element
    num_id = style_element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(num_id).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return int(num.get(qn("w:numId")))


def _number(paragraph: Paragraph, num_id: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    numbering = properties.get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = num_id
