"""A story body as safe HTML, as plain text, and by section (comments never survive)."""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import markdown

from generator.sanitize import (
    MOST_UNCLOSED_TAGS,
    blank_code,
    blank_fences,
    clean,
    strip_comments,
    strip_comments_keep_lines,
    unclosed_fences,
    unclosed_tags,
)

_EXTENSIONS = ["extra", "sane_lists", "smarty"]
_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_DETAILS = re.compile(r"^ {0,3}<details(?=[\s>])(?![^>\n]*\bmarkdown\s*=)", re.MULTILINE | re.IGNORECASE)


@lru_cache(maxsize=32768)
def to_html(text: str) -> str:
    """Markdown as HTML cut to the allow-list; HTML comments removed first.

    Memoised by text: a story body is converted once per process and shared by its page,
    the feeds and the open data (and, under `showcase serve`, by every rebuild).
    """
    shown = strip_comments(text)
    if shown.count("[") > MOST_BRACKETS and deep_brackets(blank_code(shown)) is not None:
        return clean(_as_paragraphs(shown))  # its link patterns would take minutes: check refuses it
    if shown.count("<") > MOST_UNCLOSED_TAGS and unclosed_tags(blank_fences(shown)) is not None:
        return clean(_as_paragraphs(shown))  # its HTML parser would take minutes: check refuses it
    if unclosed_fences(shown) is not None:
        return clean(_as_paragraphs(shown))  # its fenced_code would take minutes: check refuses it
    try:
        html = _converter().reset().convert(markdown_in_details(shown))
    except RecursionError:  # lists nested hundreds deep: check refuses them (generator/nesting.py)
        _converter.cache_clear()  # a converter stopped half-way is not used again
        html = _as_paragraphs(shown)
    return clean(html)


MOST_BRACKETS = 50
"""The most `[` a paragraph may hold open at once (inside one another, or never closed):
Python-Markdown's link patterns take time by the square of their number once the body holds
a link (20,000 took a minute, round 36). `check` refuses more (generator/nesting.py), and
`to_html` shows such text as plain paragraphs rather than convert it."""

_BRACKET = re.compile(r"\\.|[\[\]]")  # a backslash escape (`\[` is text), or a bracket


def deep_brackets(text: str) -> tuple[int, int] | None:
    """(the most `[` open at once, the 0-based line where more than MOST_BRACKETS first are)
    in Markdown `text` (code blanked), or None when no paragraph holds more open at once.
    Escaped brackets (`\\[`) are text; a `]` closes the last `[` open; a blank line ends a
    paragraph, and with it every `[` left open (a link never spans one). Linear in `text`."""
    if text.count("[") <= MOST_BRACKETS:
        return None
    depth = deepest = 0
    first: int | None = None
    for index, line in enumerate(text.split("\n")):
        if "[" not in line and "]" not in line:
            if not line.strip():
                depth = 0
            continue
        for found in _BRACKET.finditer(line):
            mark = found.group()
            if mark == "[":
                depth += 1
                deepest = max(deepest, depth)
                if depth > MOST_BRACKETS and first is None:
                    first = index
            elif mark == "]":
                depth = max(0, depth - 1)
    return None if first is None else (deepest, first)


def _as_paragraphs(text: str) -> str:
    """`text` as escaped paragraphs of its words, for a body too deeply nested to convert:
    nothing is lost, nothing is read as markup."""
    blocks = (" ".join(block.split()) for block in re.split(r"\n[ \t]*\n", text))
    return "\n".join(f"<p>{html_module.escape(block)}</p>" for block in blocks if block)


def markdown_in_details(text: str) -> str:
    """`text` with each `<details>` that starts a line read as Markdown inside (its summary
    stays as written), as GitHub shows it: Python-Markdown leaves an HTML block's inside as
    written unless told with markdown="1", which is added here (and never published)."""
    if "<details" not in text.lower():
        return text
    places = [found.end() for found in _DETAILS.finditer(blank_code(text))]
    for place in reversed(places):  # code is blanked, never changed
        text = f'{text[:place]} markdown="1"{text[place:]}'
    return text


@cache
def _converter() -> markdown.Markdown:
    # one converter, reset per call: building one costs more than converting a story body
    return markdown.Markdown(extensions=_EXTENSIONS, output_format="html")


def to_plain(text: str, *, pasted: bool = False) -> str:
    """Markdown as plain text, as an entry form's plain text box takes it (and an entry
    platform counts words in): a line per paragraph, list item, heading or table cell; a line
    break inside a paragraph is a space, as in print.

    `pasted` keeps what the formatting meant, for text to paste into a form: a link's
    address after its words, `words (https://...)` (unless the words are the address or a
    `tel:` number); a numbered step's number, `1. `, and a bullet's `- `, a nested item
    indented by 4 spaces a level; a table row on one line, its cells between ` | ` (a `|`
    in a cell as `\\|`).
    """
    # emphasis, code and links are inside a word ("**bold**text" is one word); other tags
    # (paragraphs, line breaks, list items, cells) stand between words
    html = to_html(text)
    if "footnote" in html:  # a reference reads " [1]"; the way back (an arrow) is no word
        html = _FOOTNOTE_REF.sub(r" [\1]", _FOOTNOTE_BACK.sub("", html))
    if pasted:
        html = _ROW.sub(_row_line, _numbered(_LINK.sub(_with_address, html)))
    inline = _SOFT_BREAK.sub(" ", _INLINE_TAG.sub("", html))
    # every entity decoded once (&amp;a; is the text "&a;", not an entity to drop)
    plain = html_module.unescape(re.sub(r"<[^>]+>", " ", inline)).replace("\xa0", " ")
    lines = (" ".join(line.split()) for line in plain.splitlines())
    text = "\n".join(line for line in lines if line)
    # a nested item's indent, kept by the line's first word until now
    return text.replace(_INDENT, "    ") if pasted else text


_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)
_HREF = re.compile(r'\shref="([^"]*)"')
_LIST_TAG = re.compile(r"<(/?)(ol|ul|li)\b([^>]*)>")
_START = re.compile(r'\sstart="(\d+)"')
#: stands for 4 spaces of a nested item's indent until the text's spaces are tidied
_INDENT = "\x01"
_LOOSE_ITEM = re.compile(r"(<li\b[^>]*>)(\x01*(?:\d+\. |\[\d+\] |- ))(\s*<p>)")
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<t([hd])\b[^>]*>(.*?)</t\1>", re.DOTALL)
#: a `|` without a backslash before it
_BARE_PIPE = re.compile(r"(?<!\\)\|")


def _with_address(link: re.Match[str]) -> str:
    """A link as `words (address)`; its words alone when they say the address, or it leads
    within the page (#...)."""
    found = _HREF.search(link.group(1))
    address = html_module.unescape(found.group(1)).strip() if found else ""
    words = " ".join(html_module.unescape(re.sub(r"<[^>]+>", "", link.group(2))).split())
    shown = address.removeprefix("mailto:")
    if not shown or shown.casefold().startswith("tel:") or shown.startswith("#") or _same_address(words, shown):
        return link.group(0)
    return f"{link.group(0)} ({html_module.escape(shown)})"


def _same_address(words: str, address: str) -> bool:
    def bare(text: str) -> str:
        return re.sub(r"^[a-z]+://(www\.)?", "", text.casefold()).rstrip("/")
    return bare(words) == bare(address)


def _numbered(html: str) -> str:
    """Each item of a numbered list starting with its number, `1. `, as on the page, and of
    a bulleted list with `- `; a nested item indented (`_INDENT`) a level."""
    counters: list[int | None] = []

    def number(tag: re.Match[str]) -> str:
        closing, name, attributes = tag.groups()
        if name in ("ol", "ul"):
            if closing:
                counters.pop() if counters else None
            else:
                start = _START.search(attributes) if name == "ol" else None
                counters.append((int(start.group(1)) if start else 1) - 1 if name == "ol" else None)
            return tag.group(0)
        if closing or not counters:
            return tag.group(0)
        indent = _INDENT * (len(counters) - 1)
        count = counters[-1]
        if count is None:
            return f"{tag.group(0)}{indent}- "
        counters[-1] = count = count + 1
        if 'id="fn:' in attributes:  # a footnote, as its reference reads: [1]
            return f"{tag.group(0)}[{count}] "
        return f"{tag.group(0)}{indent}{count}. "

    # an item of a loose list holds paragraphs: its number goes into the first
    return _LOOSE_ITEM.sub(r"\1\3\2", _LIST_TAG.sub(number, html))


def _row_line(row: re.Match[str]) -> str:
    """A table row on one line: its cells between ` | `, a `|` in a cell as `\\|` (not
    read as the edge of a cell); one the cell shows as `\\|` already (in code, where
    Python-Markdown keeps the backslash) is left as shown."""
    cells = [" ".join(_BARE_PIPE.sub(r"\\|", cell.group(2)).split())
             for cell in _CELL.finditer(row.group(1))]
    return "<tr>" + " | ".join(cells) + "</tr>"


_FOOTNOTE_REF = re.compile(r'<sup id="fnref[^"]*"><a class="footnote-ref"[^>]*>([^<]*)</a></sup>')
_FOOTNOTE_BACK = re.compile(r'(?:&nbsp;|\xa0)?<a class="footnote-backref"[^>]*>[^<]*</a>')
_SOFT_BREAK = re.compile(r"(?<=[^>\n])\n(?=[^<\n])")


_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|cite|code|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|"
                         r"span|strong|sub|sup|time|u|var)\b[^>]*>")
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+[ \t]*")
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]>|#!])")
_TAG_OR_ENTITY = re.compile(r"&(?=#?\w+;)|<(?=[A-Za-z/!?])")
_BLOCK_START = re.compile(r"^(\d+(?=[.)])|)([-+.)])")


def inline_markdown(text: str) -> str:
    """Text as one line of Markdown that reads as the text itself.

    Line breaks become spaces (no text can start a heading, list item or task of its own)
    and the characters of links, images, HTML, code, emphasis, entities and table cells are
    backslash-escaped, so a title like `[x](javascript:...)` stays literal.
    """
    # `<` that could open a tag and `&` that could open an entity as entities: Python-Markdown
    # keeps a backslash before them, which then shows in the page, the PDF and the Word file
    one_line = _TAG_OR_ENTITY.sub(lambda m: "&amp;" if m.group() == "&" else "&lt;",
                                  _LINE_BREAKS.sub(" ", text).strip())
    escaped = _INLINE_MARKUP.sub(r"\\\1", one_line)
    # what would open a block where the text is written after "- " or "1. ": a list, a rule
    return _BLOCK_START.sub(r"\1\\\2", escaped, count=1)


def word_count(text: str) -> int:
    """Words as entry platforms count them: whitespace-separated, after markup is removed."""
    return len(to_plain(text).split())


def sections(text: str) -> dict[str, str]:
    """Level-2 sections of a body, heading to Markdown (comments removed), in order."""
    body = strip_comments(text)
    found: dict[str, str] = {}
    matches = list(_HEADING.finditer(body))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(body)
        found[match.group(1).strip()] = body[match.end():end].strip()
    return found


def section(text: str, heading: str) -> str | None:
    """The section under `## heading` (case and spacing ignored), or None."""
    wanted = " ".join(heading.split()).casefold()
    for name, content in sections(text).items():
        if " ".join(name.split()).casefold() == wanted:
            return content
    return None


def sections_named(text: str, heading: str) -> list[str]:
    """Every section under a level-2 heading whose words are `heading` (case and spacing
    ignored), in order: a body may repeat a heading (two `## Impact`), which `sections`
    keeps once. Headings match as `heading_key` says (`## What’s next:` is "What's next").
    A heading is what the page's Markdown parser (`to_html`) says is one:
    `## Impact` or `Impact` underlined with `---`, never a line of fenced or indented code.
    A section runs to the next heading of level 1 or 2."""
    wanted = heading_key(heading)
    return [part.text for part in level2_sections(text) if heading_key(part.heading) == wanted]


@dataclass(frozen=True)
class Section:
    """A level-2 section of a body: its heading's words, the row its heading starts on
    (0 = the body's first), its text without internal notes (stripped: "" when the section
    shows nothing on the page), and whether it held an internal note."""

    heading: str
    row: int
    text: str
    noted: bool
    unseen: bool = False
    """Whether the section holds text the page shows nothing of (a removed `<script>`, a
    footnote or link definition, a lone `&nbsp;`): its `text` is then ""."""


def level2_sections(text: str) -> list[Section]:
    """Every level-2 section of a body, in order, as `sections_named` reads them: a heading
    is what the page's Markdown parser says is one, and a section runs to the next heading of
    level 1 or 2. A section whose `text` is "" has nothing under its heading (an empty
    section: the pack leaves it out of an answer, check warns of it)."""
    raw_rows = text.split("\n")
    rows = strip_comments_keep_lines(text).split("\n")
    outline = [found for found in outline_of(rows) if found[0] <= 2]
    found = []
    for index, (level, words, row, first) in enumerate(outline):
        if level == 2:
            end = outline[index + 1][2] if index + 1 < len(outline) else len(rows)
            section_text = "\n".join(rows[first:end]).strip()
            unseen = bool(section_text) and shows_nothing(section_text)
            found.append(Section(words, row, "" if unseen else section_text,
                                 "<!--" in "\n".join(raw_rows[first:end]), unseen))
    return found


def may_have_an_empty_section(text: str) -> bool:
    """A cheap, generous guess for `level2_sections` (which converts the body to find its
    headings): False only when every stretch after a row that may be a heading (`#`s, an
    underline, `<h1>`/`<h2>`), up to the next such row, surely shows something. Most bodies
    are told apart here, without converting them."""
    plain = not any(mark in text for mark in _MARKUP_MARKS)  # no note, tag, link, entity
    tagged = "<" in text
    raw_heading = tagged and ("<h" in text or "<H" in text)
    rows = (strip_comments_keep_lines(text) if "<!--" in text else text).split("\n")
    heads = set()
    for index, row in enumerate(rows):
        if ((row[:1] in _HEADING_STARTS or (raw_heading and ("<h" in row or "<H" in row)))
                and _MAY_BE_A_HEADING.match(row)):  # most rows start with words: not tried
            heads.add(index)
            if index and _UNDERLINE.match(row):  # the row above is the heading's words
                heads.add(index - 1)
    starts = sorted(heads)
    for at, start in enumerate(starts):
        stretch = rows[start + 1:starts[at + 1] if at + 1 < len(starts) else len(rows)]
        if not any(row.strip() for row in stretch):
            return True
        # in plain text a row that is not blank shows something (words, punctuation)
        if plain:
            continue
        if not tagged and any(row[:1].isalnum() for row in stretch):
            continue  # a paragraph that starts with a word shows it (no HTML hides it)
        if _may_show_nothing("\n".join(stretch).strip()):
            return True
    return False


#: a row that may be a heading (`#`s, `<h1>`/`<h2>`), or the underline that makes the row
#: above one; and the characters such a row can start with
_MAY_BE_A_HEADING = re.compile(r"[ \t>*+\-0-9.)]*#{1,2}(?!#)|[ \t>]*(?:-+|=+)[ \t]*$|.*<h[12]\b",
                               re.IGNORECASE)
_UNDERLINE = re.compile(r"[ \t>]*(?:-+|=+)[ \t]*$")
_HEADING_STARTS = frozenset(" \t>*+-0123456789.)#=<")


def shows_nothing(text: str) -> bool:
    """Whether Markdown `text` (internal notes removed) shows nothing where it stands on the
    page: no visible words (spaces and no-break spaces aside) and no picture, table, list,
    quote, code or rule, once converted and sanitised as the site converts it (`to_html`).
    A footnote's definition shows at the page's end, not here.

    Only text that may show nothing is converted: text with a letter or digit outside
    markup (tags, entities, link addresses, definitions, indented lines) shows it."""
    if not _may_show_nothing(text):
        return False
    html = to_html(text)
    footnotes = html.find('<div class="footnote">')
    html = html[:footnotes] if footnotes >= 0 else html
    if _SHOWN_ELEMENT.search(html):
        return False
    return not html_module.unescape(re.sub(r"<[^>]+>", "", html)).strip()


def _may_show_nothing(text: str) -> bool:
    """A cheap, generous guess: False only for text that surely shows a word."""
    if not any(mark in text for mark in _MARKUP_MARKS):  # plain words, the usual section
        return not _WORD_CHARACTER.search(text)
    bare = _HIDDEN_ELEMENT.sub("", text)
    bare = _DEFINITION.sub("", _LINK_ADDRESS.sub("](", bare))
    # only up to the last `>`: a `<` after it is no tag, and would be read on to the end
    # of the text for one, at each `<` (round 37)
    closed = bare.rfind(">") + 1
    bare = _ENTITY.sub("", _ANY_TAG.sub("", bare[:closed]) + bare[closed:])
    return not _WORD_CHARACTER.search(bare)


_WORD_CHARACTER = re.compile(r"[^\W_]")
#: what may hide a word: a tag, an entity, a link, a definition, an indented line
_MARKUP_MARKS = ("<", "&", "[", "\n    ", "\t")
#: an element whose words the page may never show (the sanitiser removes some with their words)
_HIDDEN_ELEMENT = re.compile(r"<(script|style|iframe|noscript|template|textarea|title|xmp|noembed"
                             r"|noframes|object|svg|math|select|head)\b.*?(?:</\1\s*>|\Z)",
                             re.DOTALL | re.IGNORECASE)
_LINK_ADDRESS = re.compile(r"\]\([^)]*\)")
#: a link, footnote or abbreviation definition with the lines up to a blank one; an indented row
_DEFINITION = re.compile(r"^ {0,3}\*?\[[^\]\n]*\]:.*(?:\n[ \t]*\S.*)*|^(?: {4}|\t).*", re.MULTILINE)
_ANY_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&#?\w+;")
#: what the page shows without words
_SHOWN_ELEMENT = re.compile(r"<(?:img|table|ul|ol|dl|blockquote|pre|hr)\b")


def heading_key(words: str) -> str:
    """A heading's words as they are matched: case, spacing, the style of apostrophes, quotes
    and dashes (straight, or curly as Word and the page's "smarty" typography make them) and
    punctuation at the end (`Impact:`, `What next?`) ignored."""
    plain = re.sub("-+", "-", " ".join(words.translate(_TYPOGRAPHY).split()).casefold())
    return plain.rstrip(_TRAILING).rstrip() or plain


_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                             "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
                             "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
                             "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
                             "\u2013": "-", "\u2014": "-", "\u2026": "..."})
_TRAILING = " .,:;!?-\uff1a"


#: a row that may be a heading (after quote or list marks), up to its #s
_ATX_ROW = re.compile(r"^[ \t>*+\-0-9.)]*?#{1,6}(?!#)")
_SETEXT_ROW = re.compile(r"^[ \t>]*(?:=+|-+)[ \t]*$")
_FENCE_ROW = re.compile(r"^[ \t>]*(?:```|~~~)")
_HTML_HEADING_ROW = re.compile(r"<h[1-6]\b[^>]*>", re.IGNORECASE)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.DOTALL | re.IGNORECASE)


def outline_of(rows: list[str]) -> list[tuple[int, str, int, int]]:
    """(level, words, its first row, the row its section starts on) of each heading that
    the page's Markdown parser finds where the rows write one (`#`s, an underline, or raw
    `<h3>`), never a line of fenced or indented code, whose words are as they look.

    Each row that may be one is marked (private-use characters the body does not hold);
    the marks the parser puts inside an <h1> or <h2> tell which rows really are.
    """
    body = "\n".join(rows)
    free = (c for c in map(chr, range(0xE000, 0xF8FF)) if c not in body)
    opening, closing = next(free), next(free)
    marked = list(rows)
    places: list[tuple[int, int]] = []  # (the heading's first row, its section's first row)
    for index, row in enumerate(rows):
        mark = f"{opening}{len(places)}{closing}"
        atx = _ATX_ROW.match(row)
        tag = _HTML_HEADING_ROW.search(row, 0, row.rfind(">") + 1)  # not on to the end per `<h`
        if atx:
            marked[index] = row[:atx.end()] + mark + row[atx.end():]
            places.append((index, index + 1))
        elif tag:
            marked[index] = row[:tag.end()] + mark + row[tag.end():]
            places.append((index, index + 1))
        elif (index + 1 < len(rows) and _SETEXT_ROW.match(rows[index + 1]) and row.strip()
              and not _FENCE_ROW.match(row)):
            marked[index] = row + mark
            places.append((index, index + 2))
    if not places:
        return []
    mark_pattern = re.compile(f"{opening}(\\d+){closing}")
    outline = []
    for found in _HEADING.finditer(to_html("\n".join(marked))):
        numbers = mark_pattern.findall(found.group(2))
        if numbers:
            words = re.sub(r"<[^>]+>", "", mark_pattern.sub("", found.group(2)))
            outline.append((int(found.group(1)), " ".join(html_module.unescape(words).split()),
                            *places[int(numbers[0])]))
    return outline
