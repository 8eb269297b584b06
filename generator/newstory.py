"""A new story file from the template (`showcase new`)."""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.catalogue import STRATEGY_FILE
from generator.model.common import without_symbols
from generator.model.strategy import Strategy
from generator.problems import ShowcaseError, UsageProblem
from generator.project import Layout
from generator.reading.characters import DIRECTION_CONTROLS, UNSAFE_CHARACTERS
from generator.sanitize import COMMENT
from generator.story import make_slug


def new_story(layout: Layout, title: str, today: date, strategy: Strategy | None,
              taken: Collection[str] = (), strategy_broken: bool = False) -> Path:
    """Write `stories/YYYY-MM-DD-<slug>.md` as a draft; refuse to overwrite a file. A slug
    another story has (`taken`), or a title-less one (`FALLBACK_SLUG`) a file of the day has,
    gets -2, -3 ...: two stories cannot share a web address.
    `strategy_broken`: the strategy file has errors, so its outcomes cannot be listed."""
    not_utf8 = _NOT_UTF8.search(title)
    if not_utf8:
        shown = not_utf8.group().encode("utf-8", "surrogateescape").hex(" ")
        raise UsageProblem(f"the title holds bytes that are not UTF-8 text ({shown}): set the "
                           "terminal to UTF-8 and write the title again (nothing was written)")
    clean_title, removed = title_without_controls(title)
    if not clean_title:
        held = " (it held only control characters)" if removed.count else ""
        raise ShowcaseError(f'the title is empty{held}: write showcase new "A title for the story"')
    if not _shown_title(clean_title):
        raise UsageProblem("the title is only an HTML comment (an internal note, never shown): "
                           'write showcase new "A title for the story"')
    slug = file_slug(clean_title)
    path = layout.stories / f"{today.isoformat()}-{slug}.md"
    if path.exists() and slug != FALLBACK_SLUG:  # a title of no letters ("!!!") numbers on
        raise ShowcaseError(f"{layout.relative(path)} already exists: choose another title or "
                            "edit that file")
    number, base = 1, slug
    while slug in taken or path.exists():
        number += 1
        slug = f"{base}-{number}"
        path = layout.stories / f"{today.isoformat()}-{slug}.md"
    strategy_file = layout.relative(layout.data / STRATEGY_FILE)
    outcome_ids = (", ".join(o.id for o in strategy.outcomes) if strategy
                   else f"(none: {strategy_file} has errors, see showcase check)"
                   if strategy_broken else "(none yet)")
    text = _environment().get_template("story.md.j2").render(
        title_yaml=json.dumps(clean_title, ensure_ascii=False),
        date=today.isoformat(),
        strategy_file=strategy_file,
        outcome_ids=outcome_ids,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return path


REMOVED = UNSAFE_CHARACTERS
"""What `new` takes out of a title: what check refuses in a story (control characters, C1
ones included, and text-direction controls)."""
_NOT_UTF8 = re.compile("[\ud800-\udfff]+")
"""Bytes of a command line that are not UTF-8, as Python reads them (no UTF-8 file holds them)."""


@dataclass(frozen=True)
class RemovedCharacters:
    """The characters taken out of a title: how many, and how many turn text around."""

    count: int = 0
    direction: int = 0

    def note(self) -> str | None:
        """What `new` says of them; None when nothing was removed."""
        if not self.count:
            return None
        plural = self.count != 1
        turned = (", and a text-direction control shows the text after it reversed"
                  if self.direction else "")
        return (f"Removed {self.count} control character{'s' if plural else ''} from the "
                f"title{self._kinds()}: check refuses {'them' if plural else 'it'} in a "
                f"story{turned}.")

    def _kinds(self) -> str:
        one = "a text-direction control" if self.direction == 1 else "text-direction controls"
        if not self.direction:
            return ""
        if self.direction == self.count:
            return f" ({one})"
        return f" ({self.direction} of them {one})"


def title_without_controls(title: str) -> tuple[str, RemovedCharacters]:
    """`title` on one line with single spaces, without the characters of REMOVED (a vertical
    tab or form feed is a space), and what was removed."""
    spaced = title.replace("\x0b", " ").replace("\x0c", " ")
    found = REMOVED.findall(spaced)
    removed = RemovedCharacters(len(found), sum(1 for c in found if DIRECTION_CONTROLS.match(c)))
    return " ".join(REMOVED.sub("", spaced).split()), removed


def file_slug(title: str) -> str:
    """The slug a new story's file is named by (its default web address): the title as shown,
    without HTML comments (internal notes), currency signs or other symbols (`£` would read
    "ps", `©` "c"), at most 60 characters on a word boundary."""
    return make_slug(without_symbols(_shown_title(title)), max_length=60) or FALLBACK_SLUG


FALLBACK_SLUG = "story"
"""The file slug of a title with no letters or digits to spell it ("!!!", "😀😀"): two such
titles on one day are different stories, so the second is numbered -2, not refused."""


def _shown_title(title: str) -> str:
    """The title as the site shows it: HTML comments are internal notes, never shown."""
    return " ".join(COMMENT.sub(" ", title).split())




def _environment() -> Environment:
    return Environment(loader=PackageLoader("generator", "templates"), undefined=StrictUndefined,
                       keep_trailing_newline=True, autoescape=False)
