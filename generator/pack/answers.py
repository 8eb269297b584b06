"""Answers to an award's questions: drafted from the stories or written by hand."""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from generator import formatting
from generator.languages import comma, direction
from generator.markdown_text import inline_markdown, sections_named, to_html, to_plain
from generator.model.award import Compose, Question
from generator.model.story import Metric
from generator.pack.code_spans import outside_code
from generator.pack.footnotes import Numbering, with_notes
from generator.pack.html_tables import as_markdown, links_kept, outer_tables
from generator.pack.links import PackLinks, judged_links
from generator.reading.characters import without_unsafe_characters
from generator.reading.text import read_text
from generator.sanitize import strip_comments
from generator.story import Story

#: raw HTML that never reaches a pack: with its content when closed, else the tag alone
_DROPPED = re.compile(r"<(script|style|iframe|form|object|template)\b[^<>]*>(.*?)</\1\s*>"
                      r"|</?(script|style|iframe|form|object|template|embed)\b[^<>]*>",
                      re.DOTALL | re.IGNORECASE)
_HTML_IMAGE = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)
#: superscript and subscript: their text stays, on the line (E=mc2), and the checklist says so
_RAISED = re.compile(r"<(sup|sub)\b[^<>]*>", re.IGNORECASE)
_ALT_ATTRIBUTE = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
#: tags written one after another: removed together
_TAGS = re.compile(f"(?:{_TAG.pattern})+")
#: tags that stand between words on the page (a block's edge, a line break): removing one
#: leaves a space, or "FirstSecond" would count as one word where the site shows two
_BETWEEN_WORDS = re.compile(
    r"</?(?:address|article|aside|blockquote|br|caption|dd|details|dialog|div|dl|dt|"
    r"fieldset|figcaption|figure|footer|h[1-6]|header|hgroup|hr|li|main|nav|ol|option|p|"
    r"pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)\b", re.IGNORECASE)
_ALT = r"(?:\\.|[^\\\[\]]|\[(?:\\.|[^\\\[\]])*\])*"
#: ![alt](where "title"), ![alt][ref], ![alt][] and ![alt]: an image in Markdown.
_IMAGE = re.compile(r"!\[(" + _ALT + r")\](?:[ \t]?\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)"
                    r"|[ \t]?\[[^\]]*\])?")
_ESCAPED = re.compile(r"\\(.)")
#: the most columns entry.pdf prints readably: a wider table of figures goes on a landscape
#: page in print smaller than 5 points (pdf.py keeps every figure whole, shrinking the print
#: instead). Measured with figures like £12,345 under headings like Q10: up to 25 columns
#: in 6 pt print, 26 to 30 in 5 pt, 31 to 35 in 4 pt, up to 45 in 3 pt, then 2 pt
PDF_COLUMNS = 30
#: the most columns of figures like £12,345 (under headings like Q10) entry.pdf prints with
#: every figure whole, in its smallest print (2 points) on a landscape page; from 74 columns
#: every figure is broken across lines (£12,3 / 45). Measured with WeasyPrint's output read
#: back by pypdf (round 24); longer figures break at fewer columns
PDF_WHOLE_COLUMNS = 73
_TABLE_HTML = re.compile(r"<table\b.*?</table>", re.DOTALL | re.IGNORECASE)
_ROW = re.compile(r"<tr\b.*?</tr>", re.DOTALL | re.IGNORECASE)
_CELL = re.compile(r"<t[hd][\s>]", re.IGNORECASE)
#: a line break between words, not between blocks: a soft break of the Markdown
#: what Python-Markdown's smarty extension would turn typographic (quotes, "--", "..."),
#: unless escaped, each character of a run (a "." after it would make "..." again); a
#: character escaped already is left as it is
_SMART = re.compile(r"""(\\.)|["']|--+|\.\.+""")


@dataclass(frozen=True)
class AnswerPart:
    """One story's part of a drafted answer, with the story's language (`language:`), or
    None when the part is in the entry's language: a story's summary, section or quotes are
    in the story's language; a metrics part is an English sentence around its labels."""

    language: str | None
    markdown: str
    shown: str | None = None
    """The part as the entry documents show it, when that is not `markdown`: a metrics part
    of a story in a language other than English, its title and each metric's label in a
    span of the story's language (`own_words`). The same words; never counted, never in
    answers/ (a form takes no markup)."""


@dataclass(frozen=True)
class Answer:
    """One question with its answer and how it measures against the limit."""

    question: Question
    markdown: str | None
    """The answer as Markdown; None when there is none yet."""
    origin: str
    """'hand-written', 'drafted' or 'none'."""
    used: int
    """Words (or characters) used."""
    parts: tuple[AnswerPart, ...] = ()
    """Its parts, in order, joined by a blank line in `markdown`: one a story, when drafted;
    the one file, when hand-written; none when there is no answer."""

    @property
    def languages(self) -> frozenset[str]:
        """The languages its parts are marked in (none: all in the entry's)."""
        return frozenset(part.language for part in self.parts if part.language)

    @property
    def shown(self) -> str | None:
        """The answer as entry.html, entry.pdf and entry.docx show it: `markdown`, with each
        part's `shown` in its place when a part has one (the same words, some marked in a
        story's language)."""
        if self.markdown is None or not any(part.shown for part in self.parts):
            return self.markdown
        return "\n\n".join(part.shown or part.markdown for part in self.parts)

    @property
    def plain(self) -> str:
        """The answer as plain text, the text its words (or characters) are counted in."""
        return plain_text(self.markdown) if self.markdown is not None else ""

    @property
    def unit(self) -> str:
        return "characters" if self.question.characters is not None else "words"

    @property
    def limit(self) -> int | None:
        return self.question.characters or self.question.words

    def allowed(self, tolerance: float) -> int | None:
        """The most the platform accepts: a word limit with the award's tolerance; a
        character limit as it is, as a form's box takes not one character more."""
        if self.limit is None:
            return None
        return self.limit if self.question.characters is not None else allowed(self.limit,
                                                                                 tolerance)

    def over(self, tolerance: float) -> bool:
        allowed = self.allowed(tolerance)
        return allowed is not None and self.used > allowed

    def status(self, tolerance: float) -> str:
        """'no answer yet', 'empty', 'over the limit' or 'ok', as the checklist tables say."""
        if self.markdown is None:
            return "no answer yet"
        if not self.markdown.strip():
            return "empty"
        allowed = self.allowed(tolerance)
        if self.limit is None or allowed is None:
            return "ok"
        return limit_status(self.used, self.limit, allowed, tolerance)

    def allowance(self, tolerance: float) -> str:
        """What its limit lets in, when the answer is over the limit itself:
        " (1100 allowed with the award's 10% tolerance)", or, for a character limit,
        " (the award's 10% tolerance is for words: a form's box takes no more characters)"."""
        if self.limit is None or self.used <= self.limit or not tolerance:
            return ""
        if self.question.characters is not None:
            return (f" (the award's {percent(tolerance)} tolerance is for words: a form's box "
                    "takes no more characters)")
        return f" ({self.allowed(tolerance)} allowed with the award's {percent(tolerance)} tolerance)"

    @property
    def counted(self) -> str:
        """e.g. '262 words', '1 word' or '13 characters'."""
        return f"{self.used} {self.unit.removesuffix('s') if self.used == 1 else self.unit}"

    @property
    def usage(self) -> str:
        """e.g. '262 words of 250' or '80 words' when there is no limit."""
        if self.limit is None:
            return self.counted
        return f"{self.counted} of {self.limit}"


@dataclass(frozen=True)
class ImageLeftOut:
    """An image in an answer's Markdown, replaced by its alt text in brackets."""

    question: str
    path: str
    """The file it was written in: the hand-written answer or the story."""
    alt: str


@dataclass(frozen=True)
class HtmlLeftOut:
    """Raw HTML in an answer's Markdown that no entry form or pack document takes."""

    question: str
    path: str
    """The file it was written in: the hand-written answer or the story."""
    tags: tuple[str, ...]
    """The tags left out, in order, each once, e.g. ('<iframe>', '<script>')."""


@dataclass(frozen=True)
class LinkReduced:
    """Links in an answer's Markdown that keep their words only in the pack (`links.py`):
    they lead to a story or file not entered, or to nothing a judge can open."""

    question: str
    path: str
    """The file they were written in: the hand-written answer or the story."""
    count: int


@dataclass(frozen=True)
class WideTable:
    """A table with more columns than entry.pdf prints readably (`PDF_COLUMNS`)."""

    question: str
    path: str
    """The file it was written in: the hand-written answer or the story."""
    heading: str | None
    """The story's section it is in, for a drafted answer; None in a hand-written one."""
    columns: int
    number: int = 1
    """Its place among the tables of the file (or section): 1 for the first."""
    tables: int = 1
    """How many tables the file (or section) has."""


@dataclass(frozen=True)
class RepeatedSection:
    """A story with its `compose: "section: <heading>"` heading more than once: the drafted
    answer holds every one, in order."""

    question: str
    path: str
    heading: str
    count: int


@dataclass(frozen=True)
class MissingSection:
    """A story that adds nothing to a `compose: "section: <heading>"` answer: it has no
    section under that heading (`empty`: only empty ones)."""

    question: str
    path: str
    heading: str
    empty: bool = False


@dataclass(frozen=True)
class Drafted:
    """All answers, the quotes left out for lack of consent, the images and HTML left out."""

    answers: list[Answer]
    quotes_left_out: list[str]
    """e.g. 'stories/x.md: quote 2': the quote's place in the story, never the person."""
    images_left_out: list[ImageLeftOut]
    html_left_out: list[HtmlLeftOut] = field(default_factory=list)
    repeated_sections: list[RepeatedSection] = field(default_factory=list)
    missing_sections: list[MissingSection] = field(default_factory=list)
    links_reduced: list[LinkReduced] = field(default_factory=list)
    wide_tables: list[WideTable] = field(default_factory=list)


def compose_answers(questions: list[Question], stories: list[Story],
                    overrides: dict[str, Path], folder: str = "",
                    links: PackLinks | None = None) -> Drafted:
    """Each question's answer: the hand-written file if any, else drafted per `compose`.

    `folder` is where the hand-written answers are, as the checklist names it. An image in
    an answer is left out, its alt text in brackets standing in: an entry form takes text,
    and the entry documents load nothing from outside the pack. The alt text counts as
    words, the same in answers/, entry.html, entry.pdf and entry.docx. With `links`, each
    link leads where `PackLinks.destination` says, or keeps its words only.
    """
    images: list[ImageLeftOut] = []
    markup: list[HtmlLeftOut] = []
    reduced: list[LinkReduced] = []
    answers = [_answer(q, stories, overrides.get(q.id), folder, (images, markup),
                       (links, reduced)) for q in questions]
    # the quote by its place in the story: the checklist goes to judges with the pack, and
    # a person who did not consent to being quoted is not named to them
    left_out = [f"{s.path}: quote {number}" for s in stories
                for number, q in enumerate(s.meta.quotes, start=1) if not q.consent]
    repeated, missing = _sections_found(questions, stories, overrides)
    wide = _wide_tables(answers, stories, overrides, folder)
    return Drafted(answers, left_out, images, markup, repeated, missing, reduced, wide)


def _wide_tables(answers: list[Answer], stories: list[Story], overrides: dict[str, Path],
                 folder: str) -> list[WideTable]:
    """The tables in the answers too wide for entry.pdf to print them readably: by
    the hand-written answer they are in, or by story and section."""
    wide = []
    parts: list[tuple[str, str | None, str]]
    for answer in answers:
        question, override = answer.question, overrides.get(answer.question.id)
        if override is not None and answer.markdown is not None:
            name = f"{folder}/{override.name}" if folder else override.name
            parts = [(name, None, answer.markdown)]
        elif question.compose is not None and question.compose.kind == "section":
            heading = question.compose.heading or ""
            parts = [(s.path, heading, _section(heading, s)) for s in stories]
        else:  # a summary, metrics or quotes: no table
            continue
        for path, section, text in parts:
            widths = table_widths(text)
            wide += [WideTable(question.id, path, section, columns, number, len(widths))
                     for number, columns in enumerate(widths, start=1) if columns > PDF_COLUMNS]
    return wide


def table_columns(markdown: str) -> int:
    """The most cells in a row of any table in `markdown`, as the entry shows it (0: none)."""
    return max(table_widths(markdown), default=0)


def table_widths(markdown: str) -> list[int]:
    """Each table's columns in `markdown`, in order, as the entry shows it: the most cells
    in one of its rows."""
    if "|" not in markdown and "<t" not in markdown.lower():
        return []
    return [max((len(_CELL.findall(row)) for row in _ROW.findall(table)), default=0)
            for table in _TABLE_HTML.findall(to_html(markdown))]


def _sections_found(questions: list[Question], stories: list[Story], overrides: dict[str, Path],
                    ) -> tuple[list[RepeatedSection], list[MissingSection]]:
    """For each drafted section answer: the stories with its heading more than once, and
    those with no section under it (or only empty ones), which add nothing to it."""
    repeated, missing = [], []
    for question in questions:
        compose = question.compose
        if question.id in overrides or compose is None or compose.kind != "section":
            continue
        heading = compose.heading or ""
        for story in stories:
            found = sections_named(story.body, heading)
            count = len([t for t in found if t])
            if count > 1:
                repeated.append(RepeatedSection(question.id, story.path, heading, count))
            elif count == 0:
                missing.append(MissingSection(question.id, story.path, heading, bool(found)))
    return repeated, missing


def _answer(question: Question, stories: list[Story], override: Path | None, folder: str,
            left_out: tuple[list[ImageLeftOut], list[HtmlLeftOut]],
            linked: tuple[PackLinks | None, list[LinkReduced]] = (None, [])) -> Answer:
    parts: list[_Draft]
    if override is not None:
        text = strip_comments(without_unsafe_characters(read_text(override))).strip()
        name = f"{folder}/{override.name}" if folder else override.name
        parts, origin = [_Draft(name, text, None)], "hand-written"
    elif question.compose is not None:
        parts, origin = _draft_parts(question.compose, stories), "drafted"
    else:
        return Answer(question, None, "none", 0)
    kept: list[AnswerPart] = []
    images, markup = left_out
    links, reduced = linked
    by_path = {story.path: story for story in stories}
    numbering = Numbering()
    for path, drafted, language, shown in parts:
        source = by_path[path].body if origin == "drafted" and _whole_body(question) else None
        part = with_notes(strip_comments(drafted),
                          strip_comments(source) if source is not None else None, numbering)
        cleaned, dropped = cleaned_markdown(part)
        text, alts = without_images(cleaned)
        if links is not None:
            text, count = judged_links(text, by_path.get(path) if origin == "drafted" else None,
                                       links)
            if count:
                reduced.append(LinkReduced(question.id, path, count))
                text = re.sub(r"\n{3,}", "\n\n", text).strip()  # where a definition was
        images += [ImageLeftOut(question.id, path, alt) for alt in alts]
        if dropped:
            markup.append(HtmlLeftOut(question.id, path, tuple(dict.fromkeys(dropped))))
        if text:
            # marked only when the pack took the part as drafted (as_written leaves nothing
            # to change); one it changed is shown as it is counted, unmarked
            kept.append(AnswerPart(language, text, shown if text == drafted else None))
    text = "\n\n".join(part.markdown for part in kept)
    return Answer(question, text, origin, measure(text, question), tuple(kept))


def _whole_body(question: Question) -> bool:
    """Whether an answer's part is a section of its story's body, whose notes may be
    defined anywhere in the body (often at its end)."""
    return question.compose is not None and question.compose.kind == "section"


def without_images(markdown: str) -> tuple[str, list[str]]:
    """`markdown` with each image replaced by its alt text in brackets, and the alts.

    Anything the pattern misses that Markdown would still read as an image loses its `!`.
    """
    found: list[str] = []
    text = outside_code(markdown, lambda rest: _replace_images(rest, found))
    return text, found


def _replace_images(markdown: str, alts: list[str]) -> str:
    alts += [_alt(match) for match in _IMAGE.finditer(markdown)]
    text = _IMAGE.sub(lambda match: _bracketed(_alt(match), "\\[", "\\]"), markdown)
    if alts:  # plain brackets read better pasted into a form; escaped where Markdown would
        # read them as a link (a "(" or a reference after them), which changes the HTML
        plain = _IMAGE.sub(lambda match: _bracketed(_alt(match), "[", "]"), markdown)
        text = plain if to_html(plain) == to_html(text) else text
    if "<img" in to_html(text):
        text = re.sub(r"!+(?=\[)", "", text)
    return text


def _alt(image: re.Match[str]) -> str:
    return " ".join(_ESCAPED.sub(r"\1", image.group(1)).split())


def _bracketed(alt: str, opening: str, closing: str) -> str:
    return f"{opening}{inline_markdown(alt)}{closing}" if alt else ""


def measure(markdown: str, question: Question) -> int:
    """Words (or characters, when the question has a character limit) of the plain text."""
    if question.characters is not None:
        return form_length(plain_text(markdown))
    return len(plain_text(markdown).split())


def form_length(text: str) -> int:
    """`text`'s characters as an online form counts them (HTML's maxlength, JavaScript's
    length): in UTF-16 code units, so an emoji beyond the first 65,536 characters is 2, a
    skin tone 2 more, a country's flag 4 (the Welsh flag 14) and an accent typed as a
    combining mark 1 (👍🏽 is 4)."""
    return len(text.encode("utf-16-le")) // 2


def allowed(limit: int, tolerance: float) -> int:
    """The most a platform accepts of `limit` with the award's tolerance (10% of 1000: 1100)."""
    return math.floor(limit * (1 + tolerance) + 1e-9)


def percent(tolerance: float) -> str:
    """A tolerance as the award file writes it: 0.1 is "10%"."""
    return f"{tolerance * 100:g}%"


def limit_status(used: int, limit: int, most: int, tolerance: float) -> str:
    """'over the limit', 'ok', or 'ok, within the 10% tolerance' for `used` words (or
    characters) of `limit`, when at most `most` are accepted."""
    if used > most:
        return "over the limit"
    return f"ok, within the {percent(tolerance)} tolerance" if used > limit else "ok"


def total_words(answers: list[Answer]) -> int:
    """The words of all answers together, as an award's `total_words` counts them."""
    return sum(len(answer.plain.split()) for answer in answers)


def plain_text(markdown: str) -> str:
    """The answer as pasted into an entry form's plain text box (`to_plain` with
    `pasted`: a link keeps its address, a numbered step its number, a table row its line):
    its whitespace-separated words are the words counted, its length the characters."""
    return to_plain(markdown, pasted=True)


def safe_markdown(markdown: str) -> str:
    """Markdown with comments and raw HTML tags removed: entry forms take plain text."""
    return cleaned_markdown(markdown)[0]


def cleaned_markdown(markdown: str) -> tuple[str, list[str]]:
    """`markdown` without comments and raw HTML tags, and the tags it dropped with content.

    Code (spans, fenced and indented blocks) is left as written: a tag there is text. A
    script, style, iframe, form, object or template goes with its content up to its closing
    tag; one left open (or a void embed) loses its tag alone, never the text after it.
    Each is named in the list returned, e.g. ['<iframe>'], for the checklist to say.
    A table becomes a Markdown table (`html_tables.as_markdown`, its links kept), or, when
    none can show it (merged cells, a table inside a cell), its words, and `<table>` is
    named; `<sup>` and `<sub>` lose their tags (E=mc2), in a table's cell too, and are named.
    """
    dropped: list[str] = []

    def drop(match: re.Match[str]) -> str:
        dropped.append(f"<{(match.group(1) or match.group(3)).lower()}>")
        return ""

    def table(markup: str) -> str:
        markdown = as_markdown(markup)
        if markdown is None:  # its words stay, its rows and cells do not
            dropped.append("<table>")
            return links_kept(markup)
        dropped.extend(f"<{tag.lower()}>" for tag in _RAISED.findall(markup))
        return f"\n\n{markdown}\n\n"

    def clean(text: str) -> str:
        text = _DROPPED.sub(drop, text)
        text = _HTML_IMAGE.sub(_as_markdown_image, text)  # then left out with its alt, as ![…](…)
        text = outer_tables(text, table)
        dropped.extend(f"<{tag.lower()}>" for tag in _RAISED.findall(text))
        return without_tags(text)

    text = outside_code(strip_comments(markdown), clean)
    return re.sub(r"\n{3,}", "\n\n", text).strip(), dropped


def without_tags(text: str) -> str:
    """`text` with its tags removed, again while removing them makes new ones: a tag inside
    an attribute's value (`<p title="</noscript><b>x</b>">`, hostile31) leaves `<p title="x">`
    once the tags in it are gone. Each pass removes at least one tag; after TAG_PASSES, every
    `<` that could still open a tag is taken out, so no tag reaches an answer."""
    for _ in range(TAG_PASSES):
        shorter = _TAGS.sub(_without_tags, text)
        if shorter == text:
            return text
        text = shorter
    return _TAG_OPENING.sub("", text)


_TAG_OPENING = re.compile(r"<+(?=[/A-Za-z])")
"""A `<` (or a run of them: `<<p>` is `<p>` once one goes) before a letter or a slash."""


TAG_PASSES = 20
"""How often tags are removed from what removing tags left, at most (one pass, most often)."""


def _without_tags(match: re.Match[str]) -> str:
    """Nothing for tags inside a word (`<b>`, `<span>`); a space for those between words
    unless there is one already (a space added at a line's start could make code of it)."""
    text, start, end = match.string, match.start(), match.end()
    beside = text[start - 1:start] + text[end:end + 1]
    if not _BETWEEN_WORDS.search(match.group()) or len(beside) < 2 or not beside.strip() \
            or any(c.isspace() for c in beside):
        return ""
    return " "


def _as_markdown_image(match: re.Match[str]) -> str:
    found = _ALT_ATTRIBUTE.search(match.group(0))
    alt = html.unescape(next((g for g in found.groups() if g is not None), "")) if found else ""
    return "![" + re.sub(r"([\\\[\]])", r"\\\1", alt) + "](picture)"


def as_written(text: str) -> str:
    """A story's title or summary (or a metric's label) as one line of Markdown that reads as
    the text itself, as the site shows it: `# ` starts no heading, `<b>` is no tag, `&amp;`
    stays `&amp;`, and quotes stay straight (judges read what the public reads)."""
    return _SMART.sub(lambda m: m.group(1) or "".join(f"\\{c}" for c in m.group()),
                      inline_markdown(text))


class _Draft(NamedTuple):
    """A part of an answer before the pack takes it: where it was written, its Markdown, its
    language and, when it has one, the form the entry documents show (`AnswerPart.shown`)."""

    path: str
    markdown: str
    language: str | None
    shown: str | None = None


def _draft_parts(compose: Compose, stories: list[Story]) -> list[_Draft]:
    """Each story's part of a drafted answer, with the story's path and the part's language:
    the story's, but None for its figures (an English sentence around their labels:
    "baseline", "up", its title and labels shown marked in the story's own, `own_words`),
    and a quote's own for a run of quotes in another language."""
    if compose.kind == "summary":
        return [_Draft(s.path, as_written(s.meta.summary), s.meta.language) for s in stories]
    if compose.kind == "section":
        return [_Draft(s.path, text, s.meta.language) for s in stories
                if (text := _section(compose.heading or "", s))]
    if compose.kind == "metrics":
        return [_metrics_draft(s) for s in stories if s.meta.metrics]
    return [_Draft(s.path, text, language) for s in stories for language, text in _quotes(s)]


def _metrics_draft(story: Story) -> _Draft:
    """The story's figures: an English sentence (None), its own words shown marked."""
    language = own_words(story)
    return _Draft(story.path, _metrics(story), None,
                  _metrics(story, language) if language else None)


def own_words(story: Story) -> str | None:
    """The language a story's own words (its title, its metrics' labels) are marked in
    inside the entry's English sentences: the story's `language:`, unless that is English
    (en, en-GB, en-US: the entry's own voice reads them); None for a story without one."""
    language = story.meta.language
    if language is None or language.split("-")[0].lower() == "en":
        return None
    return language


def in_language(markdown: str, language: str | None) -> str:
    """`markdown` (one line, as `as_written` writes it) in a span of `language`, with its
    direction, for a screen reader's voice; as it is when `language` is None. Markdown
    still reads inside an inline span, so the words shown are the same."""
    if language is None:
        return markdown
    lang, way = html.escape(language), direction(language)
    return f'<span lang="{lang}" dir="{way}">{markdown}</span>'


def _section(heading: str, story: Story) -> str:
    """Every section of the story under `heading`, in order (a heading may repeat)."""
    text = "\n\n".join(t for t in sections_named(story.body, heading) if t)
    return f"**{as_written(story.title)}.**\n\n{text}" if text else ""


def _metrics(story: Story, language: str | None = None) -> str:
    """The story's figures under its title, its words marked in `language` when given."""
    lines = [f"**{in_language(as_written(story.title), language)}**", ""]
    lines += [f"- {metric_sentence(m, language)}" for m in story.meta.metrics]
    return "\n".join(lines)


def metric_sentence(metric: Metric, language: str | None = None) -> str:
    """e.g. 'Calls handled by webchat: 12,000 (baseline 3,000, up 300%; 2025-26).'; with a
    `language`, the label and period (the story's words) each in a span of it
    (`in_language`), as the metrics table marks them."""
    details = []
    shown = formatting.figures(metric)
    if shown.baseline is not None:
        details.append(f"baseline {shown.baseline}")
        moved = formatting.change(metric)
        if moved is not None:
            details.append(moved.text)
    if shown.target is not None:
        details.append(f"target {shown.target}")
    tail = ", ".join(details)
    period = in_language(as_written(metric.period), language) if metric.period else ""
    when = f"; {period}" if period else ""
    inner = f" ({tail}{when})" if tail else (f" ({period})" if period else "")
    return f"{in_language(as_written(metric.label), language)}: {shown.value}{inner}."


def _quotes(story: Story) -> list[tuple[str | None, str]]:
    """The story's consented quotes, each text, `by` and role plain text (`as_written`), as
    the site shows them: someone's words are never read as Markdown or HTML; one part per
    run of quotes in one language (a quote's `language:`, default the story's)."""
    runs: list[tuple[str | None, list[str]]] = []
    for quote in story.meta.quotes:
        if quote.consent:
            language = quote.language or story.meta.language
            by = as_written(quote.by)
            who = f"{by}{comma(language)}{as_written(quote.role)}" if quote.role else by
            block = f"> \u201c{as_written(quote.text)}\u201d\n>\n> \u2014 {who}"
            if runs and runs[-1][0] == language:
                runs[-1][1].append(block)
            else:
                runs.append((language, [block]))
    return [(language, "\n\n".join(blocks)) for language, blocks in runs]
