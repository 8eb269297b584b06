"""A story body as safe HTML, as plain text, and by section (comments never survive)."""

from __future__ import annotations

import html as html_module
import re
from functools import cache, lru_cache

import markdown

from generator.sanitize import clean, strip_comments

_EXTENSIONS = ["extra", "sane_lists", "smarty"]
_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


@lru_cache(maxsize=32768)
def to_html(text: str) -> str:
    """Markdown as HTML cut to the allow-list; HTML comments removed first.

    Memoised by text: a story body is converted once per process and shared by its page,
    the feeds and the open data (and, under `showcase serve`, by every rebuild).
    """
    html = _converter().reset().convert(strip_comments(text))
    return clean(html)


@cache
def _converter() -> markdown.Markdown:
    # one converter, reset per call: building one costs more than converting a story body
    return markdown.Markdown(extensions=_EXTENSIONS, output_format="html")


def to_plain(text: str) -> str:
    """Markdown as plain text, as an entry form's plain text box takes it (and an entry
    platform counts words in): a line per paragraph, list item, heading or table row; a line
    break inside a paragraph is a space, as in print."""
    # emphasis, code and links are inside a word ("**bold**text" is one word); other tags
    # (paragraphs, line breaks, list items, cells) stand between words
    html = to_html(text)
    if "footnote" in html:  # a reference reads " [1]"; the way back (an arrow) is no word
        html = _FOOTNOTE_REF.sub(r" [\1]", _FOOTNOTE_BACK.sub("", html))
    inline = _SOFT_BREAK.sub(" ", _INLINE_TAG.sub("", html))
    # every entity decoded once (&amp;a; is the text "&a;", not an entity to drop)
    plain = html_module.unescape(re.sub(r"<[^>]+>", " ", inline)).replace("\xa0", " ")
    lines = (" ".join(line.split()) for line in plain.splitlines())
    return "\n".join(line for line in lines if line)


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
    """Every section under `## heading` (case and spacing ignored), in order: a body may
    repeat a heading (two `## Impact`), which `sections` keeps once."""
    body = strip_comments(text)
    wanted = " ".join(heading.split()).casefold()
    matches = list(_HEADING.finditer(body))
    found = []
    for index, match in enumerate(matches):
        if " ".join(match.group(1).split()).casefold() == wanted:
            end = matches[index + 1].start() if index + 1 < len(matches) else len(body)
            found.append(body[match.end():end].strip())
    return found
