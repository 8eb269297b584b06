"""The raw-HTML allow-list (contract section 7): what may reach a page, feed or pack."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "u", "ul", "var",
})
_COMMON_ATTRS = {"class", "id", "lang", "title", "dir"}
ALLOWED_ATTRS: dict[str, set[str]] = {
    "*": _COMMON_ATTRS,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "time": {"datetime"},
    "abbr": {"title"},
    "ol": {"start", "reversed", "type"},
    # no `cite` on quotes and edits: no reader sees it, and an address nobody checks could
    # name a story that is not public (it went into feeds as written)
    "del": {"datetime"},
    "ins": {"datetime"},
    "details": {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
"""The attributes that hold an address."""
COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
"""An HTML comment (an internal note): it runs to the next `-->`, or to the end. A `--!>`
before it does not end the note (a browser would end it there and show the rest, but an
author who closes the note with `-->` meant it to run that far: check warns of it)."""
_EARLY_END = re.compile(r"--!>")
"""What a browser also takes as a comment's end, and Showcase does not."""
_FENCE_RUN = re.compile(r"`{3,}|~{3,}")
"""A fence, at the start of a row: a fenced code block as Python-Markdown's fenced_code reads
one (which converts every story body) starts and ends with one, the closing one written as
the opening one is (`blank_fences`)."""
_CLOSING_ROW = re.compile(r"(`{3,}|~{3,})[ \t]*\Z")
"""A row that can close a fenced code block: its fence alone, spaces after it."""
_MARKDOWN_OPENER = re.compile(r"(?:`{3,}|~{3,})[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*[ ]*)?"
                              r"(?:hl_lines=([\"'])[^\n]*?\1[ ]*)?\Z")
"""A row Python-Markdown's fenced_code reads as an opening fence: the fence, then a language
or {attributes}, nothing more."""
_INLINE_CODE = re.compile(r"`[^`\n]+`")
#: an autolink: `<https://…>`, `<name@example.org>` (a dot after the @, neither first nor
#: last). Each part is taken whole, the domain up to its first dot after its first character,
#: so no run is read again from each place it could split at (round 38: `<a@` and 4,000 dots
#: took 0.1 second, 16,000 over a second)
_AUTOLINK = re.compile(r"<(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.-]{1,31}):[^\s<>]*+"
                       r"|[^\s<>@/]++@[^\s<>@][^\s<>@.]*+\.[^\s<>@]++)>")
#: the address of a Markdown link or image: `](address` or a reference `[name]: address`
_MARKDOWN_TARGET = re.compile(r"(?:(?:(?<!\\)|(?<=\\\\))\]\(\s*<?"  # not `\](`: an escaped ] is text
                              r"|^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?)(?P<url>[^\s)>]+)",
                              re.MULTILINE)
#: an <img> as nh3 writes it, its src taken away (a picture from another site): to its alt text
_IMAGE_WITHOUT_SOURCE = re.compile(r'<img(?![^>]*\ssrc=)(?:[^>]*\salt="(?P<alt>[^"]*)")?[^>]*>')
#: a link as nh3 writes it, its href taken away, and its words
_LINK_WITHOUT_ADDRESS = re.compile(r'<a(?![^>]*\shref=)(?:\s[^>]*)?>(?P<words>.*?)</a>', re.DOTALL)
#: a Markdown picture from another site: `![alt](https://…` or `![alt](//…`; its alt text
#: holds no `[` (nor does a picture's that Python-Markdown reads), so each `![` is looked
#: at up to the next bracket, not to the end of the line (round 37: `![a ` runs)
_REMOTE_PICTURE = re.compile(r"!\[[^\[\]\n]*\]\(\s*<?(?P<url>(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^\s)>]*)")
#: a picture by reference: ![alt][name], ![alt][] or ![alt] (not followed by an address)
_PICTURE_REFERENCE = re.compile(r"!\[(?P<alt>[^\[\]\n]*)\](?!\()(?:\[(?P<name>[^\[\]\n]*)\])?")
#: a reference to another site: [name]: https://… or [name]: //… (not a footnote, [^name]:)
_REMOTE_REFERENCE = re.compile(r"^[ \t]{0,3}\[(?!\^)(?P<name>[^\]\n]+)\]:[ \t]*<?"
                               r"(?P<url>(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^\s>]*)", re.MULTILINE)
#: a table cell aligned as Python-Markdown writes it for `| ---: |`: the only style kept,
#: as a class (no style attribute passes the allow-list)
_ALIGNED_CELL = re.compile(r'<(?P<tag>t[dh]) style="text-align: (?P<side>left|right|center);">')
#: a quick look for a link address with a scheme other than http(s), mailto or tel
_SUSPECT_TARGET = re.compile(r"\](?:\(|:)[ \t]*<?(?!https?:|mailto:|tel:)[A-Za-z][A-Za-z0-9+.-]*:")


def clean(html: str) -> str:
    """HTML cut down to the allow-list: no scripts, handlers, iframes, forms, js: URLs, and
    no picture from another site (a page loads nothing from another host: a tracking pixel
    would tell it who reads the story): such a picture becomes its alt text."""
    cleaned = allowed(aligned_cells(html), _local_pictures)
    if "<img" not in cleaned:
        return cleaned
    return _IMAGE_WITHOUT_SOURCE.sub(lambda m: m.group("alt") or "", cleaned)


def aligned_cells(html: str) -> str:
    """Table cells aligned by Markdown (`| ---: |` gives `<td style="text-align: right;">`)
    with the class `align-right` (`-left`, `-center`) instead: the allow-list keeps classes,
    never a style, so a column of figures stays right-aligned in a page, PDF or Word file.
    Only that exact form is changed; the HTML is cleaned afterwards all the same."""
    if "text-align" not in html:
        return html
    return _ALIGNED_CELL.sub(lambda m: f'<{m.group("tag")} class="align-{m.group("side")}">', html)


def allowed(html: str, change: Callable[[str, str, str], str | None]) -> str:
    """The HTML through the allow-list, each attribute's value replaced by `change`'s (element,
    attribute, value; None drops the attribute): nh3 writes the HTML, nothing is escaped by
    hand. A link that lost its address (a `javascript:` one, or one to a story that is not
    public) becomes its words: an <a> without href may not carry the rel nh3 gives every
    link, and it is no link to a reader. Internal notes are taken out first as
    `strip_comments` reads them (to the next `-->`): nh3, as browsers, would end one at a
    `--!>` and keep what follows."""
    return _without_empty_links(nh3.clean(
        strip_comments(html), tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRS.items()},
        url_schemes=set(URL_SCHEMES), link_rel="noopener noreferrer", strip_comments=True,
        attribute_filter=change))


def _without_empty_links(html: str) -> str:
    if "<a " not in html:  # links do not nest: each one's words end at its </a>
        return html
    return _LINK_WITHOUT_ADDRESS.sub(lambda m: m.group("words"), html)


def _local_pictures(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and elsewhere(value):
        return None
    if attribute == "id" and value.startswith(THEME_IDS):
        return None
    if attribute == "class" and "mermaid" in value.split():
        return " ".join(name for name in value.split() if name != "mermaid") or None
    return value


THEME_IDS = "__"
"""How the ids of Material's own parts start (`__search`, `__drawer`): never a story's."""


def elsewhere(url: str) -> bool:
    """Whether `url` is on another host (`https://…`, `//…`), not a path in the site."""
    compact = re.sub(r"[\s\x00-\x1f]", "", url)
    return compact.startswith(("//", "\\/", "/\\")) or bool(_scheme(compact))


def strip_comments(markdown: str) -> str:
    """The Markdown without HTML comments (internal notes); an unclosed one runs to the end.
    Removing one can join what was around it into a new `<!--` (`<!<!-- a -->-- b -->`): that
    is removed too, so no comment is left for a browser or nh3 to end elsewhere."""
    return _without_comments(markdown, lambda _: "")


def _without_comments(text: str, instead: Callable[[str], str]) -> str:
    """`text` with each note (`COMMENT`) replaced by `instead(note)`, in one pass: where a
    removal leaves `<`, `<!` or `<!-` just before `--`, `-` or `!--`, that new `<!--` opens a
    note too (removed again and again, it would take time in the square of the text's size)."""
    if "<!--" not in text:
        return text
    kept: list[tuple[int, int] | str] = []  # spans of `text` kept, and notes' replacements
    at = 0
    while (start := text.find("<!--", at)) >= 0:
        _keep(kept, (at, start))
        at = _note_removed(text, start, 4, kept, instead)
        while (opened := _opened_by_removal(kept, text, at)) is not None:
            at = _note_removed(text, at, opened, kept, instead)
    _keep(kept, (at, len(text)))
    return "".join(text[part[0]:part[1]] if isinstance(part, tuple) else part for part in kept)


def _keep(kept: list[tuple[int, int] | str], part: tuple[int, int] | str) -> None:
    """`part` kept, unless empty: so the last three parts hold the last characters kept."""
    if (part[1] > part[0]) if isinstance(part, tuple) else part:
        kept.append(part)


def _note_removed(text: str, at: int, opener: int, kept: list[tuple[int, int] | str],
                  instead: Callable[[str], str]) -> int:
    """The note whose `<!--` ends `opener` characters after `at` taken out (its text from
    `at` replaced by `instead`'s); where `text` goes on after it."""
    end = text.find("-->", at + opener)
    stop = len(text) if end < 0 else end + 3
    _keep(kept, instead(text[at:stop]))
    return stop


def _opened_by_removal(kept: list[tuple[int, int] | str], text: str, at: int) -> int | None:
    """How many characters of `<!--` `text` gives from `at`, when the last ones kept start it
    (those are taken back out of `kept`); None when no note opens there."""
    tail = "".join(text[max(part[0], part[1] - 3):part[1]] if isinstance(part, tuple)
                   else part[-3:] for part in kept[-3:])[-3:]
    joined = (tail + text[at:at + 3]).find("<!--")
    if joined < 0 or joined >= len(tail):
        return None
    count = len(tail) - joined
    while count:
        last = kept.pop()
        size = last[1] - last[0] if isinstance(last, tuple) else len(last)
        if size > count:
            kept.append((last[0], last[1] - count) if isinstance(last, tuple) else last[:-count])
            break
        count -= size
    return 4 - (len(tail) - joined)


def unclosed_comment(markdown: str) -> int | None:
    """Where (0-based offset) the internal note `<!--` that is never closed starts, if one is:
    `strip_comments` leaves out everything from there to the end."""
    if "<!--" not in markdown:
        return None
    last = None
    for found in COMMENT.finditer(markdown):
        last = found
    return last.start() if last is not None and not last.group().endswith("-->") else None


def early_note_ends(markdown: str) -> list[int]:
    """Where (0-based offsets) a `--!>` stands inside an internal note that a later `-->`
    closes: a browser ends the note at the `--!>`, but everything to the `-->` is left out."""
    if "--!>" not in markdown:
        return []
    return [match.start() + early.start() for match in COMMENT.finditer(markdown)
            if match.group().endswith("-->")
            for early in _EARLY_END.finditer(match.group(), 4, len(match.group()) - 3)]


MOST_UNCLOSED_TAGS = 50
"""The most `<` a text may hold that start a tag (`<a`, `</a`, `<!x`, `<?x`) with no `>`
after them before the next: Python-Markdown's HTML parser reads on to the end of the text
from each of them, so the time grows by the square of their number (8,000 `<a ` took 20
seconds, round 37). `check` refuses more (generator/nesting.py), `markdown_text.to_html`
shows such text as plain paragraphs rather than convert it, and `removals` does not parse
its HTML (the standard library's parser reads on in the same way)."""

_TAG_OPENER = re.compile(r"<[A-Za-z/!?]")


def unclosed_tags(text: str) -> tuple[int, int] | None:
    """(how many `<` start a tag that no `>` ends before the next `<` that starts one, the
    0-based line of the first past MOST_UNCLOSED_TAGS) in `text` (fenced code blanked,
    notes removed), or None when there are no more than MOST_UNCLOSED_TAGS. A tag may run
    over lines (`<img` on one, its `alt="..." >` on the next). Linear in `text`."""
    openers = [found.start() for found in _TAG_OPENER.finditer(text)]
    if len(openers) <= MOST_UNCLOSED_TAGS:
        return None
    unclosed = [start for start, end in zip(openers, [*openers[1:], len(text)], strict=True)
                if text.find(">", start, end) < 0]
    if len(unclosed) <= MOST_UNCLOSED_TAGS:
        return None
    return len(unclosed), text.count("\n", 0, unclosed[MOST_UNCLOSED_TAGS])


@dataclass(frozen=True)
class Removal:
    """A piece of raw HTML in a body that the allow-list removes."""

    line: int
    what: str


def removals(markdown: str, first_line: int = 1) -> list[Removal]:
    """What `clean` would take out of a Markdown body (raw HTML and link targets), with lines."""
    suspect_link = _SUSPECT_TARGET.search(markdown) is not None
    if "<" not in markdown and not suspect_link and "//" not in markdown:
        return []
    text = blank_code(strip_comments_keep_lines(markdown))
    found = _link_removals(text) if suspect_link else []
    found += [(text.count("\n", 0, m.start()) + 1, _picture(m.group("url")))
              for m in _REMOTE_PICTURE.finditer(text)]
    found += _remote_picture_references(text)
    if "<" in text:
        text, autolinked = _autolinks(text)
        found += autolinked
    if "<" in text and unclosed_tags(blank_fences(text)) is None:  # check refuses the rest
        finder = _Finder()
        finder.feed(text)
        finder.close()
        found += finder.found
    return [Removal(line + first_line - 1, what) for line, what in sorted(found)]


def _link_removals(text: str) -> list[tuple[int, str]]:
    """Markdown links and images, inline or by reference, whose address the allow-list drops."""
    found = []
    for match in _MARKDOWN_TARGET.finditer(text):
        scheme = _scheme(match.group("url"))
        if scheme and scheme not in URL_SCHEMES:
            found.append((text.count("\n", 0, match.start()) + 1, f"{scheme}: link"))
    return found


def pictures_without_alt(markdown: str, first_line: int = 1) -> list[int]:
    """The lines of the raw HTML pictures (`<img>`) in a Markdown body that have no alt
    attribute: a screen reader cannot say what they show. (Markdown's `![](…)` has one.)"""
    if "<img" not in markdown.lower():
        return []
    text = blank_code(strip_comments_keep_lines(markdown))
    if unclosed_tags(text) is not None:  # its HTML would take minutes to read: check refuses it
        return []
    finder = _Finder()
    finder.feed(text)
    finder.close()
    return [line + first_line - 1 for line in finder.without_alt]


def _remote_picture_references(text: str) -> list[tuple[int, str]]:
    """Pictures by reference (`![alt][name]`, `![name][]`, `![name]`) whose reference
    (`[name]: https://…`) is on another site."""
    if "]:" not in text:
        return []
    remote = {_label(m.group("name")): m.group("url") for m in _REMOTE_REFERENCE.finditer(text)}
    found = []
    for match in _PICTURE_REFERENCE.finditer(text):
        url = remote.get(_label(match.group("name") or match.group("alt")))
        if url is not None:
            found.append((text.count("\n", 0, match.start()) + 1, _picture(url)))
    return found


def _label(name: str) -> str:
    return " ".join(name.casefold().split())


def _autolinks(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text with Markdown's autolinks (`<https://…>`, `<mailto:…>`, `<name@example.org>`)
    blanked out, as they are links, not HTML; and those whose scheme the allow-list drops."""
    found = []

    def blank(match: re.Match[str]) -> str:
        scheme = (match.group("scheme") or "").lower()
        if scheme and scheme not in URL_SCHEMES:
            found.append((text.count("\n", 0, match.start()) + 1, f"{scheme}: link"))
        return " " * len(match.group(0))

    return _AUTOLINK.sub(blank, text), found


def strip_comments_keep_lines(markdown: str) -> str:
    """`strip_comments`, each note's line breaks kept (so lines keep their numbers)."""
    return _without_comments(markdown, lambda note: "\n" * note.count("\n"))


def blank_code(markdown: str) -> str:
    """`markdown` with its fenced code and code spans made spaces (lines kept): what is code
    is never a link, a heading or a list."""
    return _INLINE_CODE.sub(_blank, blank_fences(markdown))


def blank_fences(markdown: str) -> str:
    """`markdown` with its fenced code made spaces (lines kept): Python-Markdown takes such
    code out before it reads the HTML around it. Linear in `markdown` (`_fences`)."""
    if "```" not in markdown and "~~~" not in markdown:
        return markdown
    pieces, done = [], 0
    for start, end in _fences(markdown)[0]:
        pieces += [markdown[done:start], _NOT_A_LINE_BREAK.sub(" ", markdown[start:end])]
        done = end
    return "".join([*pieces, markdown[done:]])


_NOT_A_LINE_BREAK = re.compile(r"[^\n]")

MOST_UNCLOSED_FENCES = 50
"""The most fences a text may open (a row such as ```` ```python ````) that no fence closes:
Python-Markdown's fenced_code reads on to the end of the text from each of them for a
closing one, so the time grows by the square of their number (4,000 rows of ```` ```a ````
took check 5 seconds and 16,000 over a minute, round 38). `check` refuses more
(generator/nesting.py), and `markdown_text.to_html` shows such text as plain paragraphs."""


def unclosed_fences(markdown: str) -> tuple[int, int] | None:
    """(how many rows open a fenced code block, as Python-Markdown reads an opening fence,
    that no later row closes, the 0-based row of the first past MOST_UNCLOSED_FENCES) in
    `markdown` (notes removed), or None when there are no more than MOST_UNCLOSED_FENCES. A
    row inside a closed block is its code, not an opening fence. Linear in `markdown`."""
    if markdown.count("```") + markdown.count("~~~") <= MOST_UNCLOSED_FENCES:
        return None
    rows = markdown.split("\n")
    unclosed = [index for index in _fences(markdown)[1] if _MARKDOWN_OPENER.match(rows[index])]
    if len(unclosed) <= MOST_UNCLOSED_FENCES:
        return None
    return len(unclosed), unclosed[MOST_UNCLOSED_FENCES]


def _fences(markdown: str) -> tuple[list[tuple[int, int]], list[int]]:
    """(the offsets (start, end) of each fenced code block in `markdown`, the 0-based rows
    that open a fence no later row closes), read as the pattern
    `^(`{3,}|~{3,}).*?^\\1[ \\t]*$` would find them, without its search to the end of the
    text from each fence left open: a block opens at a row that starts with a fence and
    runs to the first later row that is that fence alone (or, when none is, the longest
    shorter fence of its character that has one); a row it takes in is its code."""
    rows = markdown.split("\n")
    starts: list[int] = []
    closing: dict[str, list[int]] = {}
    offset = 0
    for index, row in enumerate(rows):
        starts.append(offset)
        offset += len(row) + 1
        if row[:3] in ("```", "~~~") and (found := _CLOSING_ROW.match(row)):
            closing.setdefault(found.group(1), []).append(index)
    lengths = {mark: sorted({len(fence) for fence in closing if fence[0] == mark})
               for mark in "`~"}
    blocks: list[tuple[int, int]] = []
    unclosed: list[int] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        if row[:3] not in ("```", "~~~"):
            index += 1
            continue
        end = _closing_row(closing, lengths[row[0]], _FENCE_RUN.match(row), index)
        if end is None:
            unclosed.append(index)
            index += 1
            continue
        blocks.append((starts[index], starts[end] + len(rows[end])))
        index = end + 1
    return blocks, unclosed


def _closing_row(closing: dict[str, list[int]], lengths: list[int],
                 fence: re.Match[str] | None, after: int) -> int | None:
    """The first row after `after` that closes `fence` (or the longest shorter fence of its
    character that one closes), from the rows that can close each fence (`closing`) and the
    lengths of those of its character, shortest first. At most as many looks as the fence
    is long, each a bisection."""
    if fence is None:
        return None
    for place in range(bisect.bisect_right(lengths, len(fence.group())) - 1, -1, -1):
        rows = closing[fence.group()[0] * lengths[place]]
        found = bisect.bisect_right(rows, after)
        if found < len(rows):
            return rows[found]
    return None


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.without_alt: list[int] = []

    def parse_html_declaration(self, i: int) -> int:
        # `<![` is a comment to the next `>` in HTML (as nh3 reads it, CDATA too): Python
        # before 3.13 stopped on `<![ x>` (gh-77057), and read each `<![CDATA[` on to the end
        # for a `]]>` (round 37)
        if self.rawdata.startswith("<![", i):
            return self.parse_bogus_comment(i)
        return super().parse_html_declaration(i)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag == "img" and "alt" not in dict(attrs):
            self.without_alt.append(line)
        if tag not in ALLOWED_TAGS:
            self.found.append((line, f"<{tag}> element"))
            return
        allowed = ALLOWED_ATTRS["*"] | ALLOWED_ATTRS.get(tag, set())
        for name, value in attrs:
            if name == "style" and len(attrs) == 1 and _ALIGNED_CELL.fullmatch(
                    f'<{tag} style="{value}">'):
                continue  # a cell's alignment, as Markdown writes it, is kept (as a class)
            if name == "markdown":
                continue  # Python-Markdown's own instruction (md_in_html), never published
            if name == "class" and value and "mermaid" in value.split():
                self.found.append((line, f'class="mermaid" on <{tag}> (Material would load a '
                                         "diagram script from unpkg.com for it)"))
            elif name == "id" and value and value.startswith(THEME_IDS):
                self.found.append((line, f'id="{value}" attribute on <{tag}> (ids starting with '
                                         f"{THEME_IDS} are the theme's own)"))
            elif name not in allowed:
                self.found.append((line, f'{name}="..." attribute on <{tag}>'))
            elif name in URL_ATTRIBUTES and value and _scheme(value) not in URL_SCHEMES | {""}:
                self.found.append((line, f"{_scheme(value)}: link on <{tag}>"))
            elif tag == "img" and name == "src" and value and elsewhere(value):
                self.found.append((line, _picture(value)))


def _picture(url: str) -> str:
    host = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*:", "", url.strip()).lstrip("/\\").split("/")[0]
    return f"picture from another site ({host or url})"


def _scheme(url: str) -> str:
    compact = re.sub(r"[\s\x00-\x1f]", "", url).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", compact)
    return match.group(1) if match else ""
