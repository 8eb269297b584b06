"""A new story file from the template (`showcase new`)."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.catalogue import STRATEGY_FILE
from generator.model.common import without_symbols
from generator.model.strategy import Strategy
from generator.problems import ShowcaseError, UsageProblem
from generator.project import Layout
from generator.sanitize import COMMENT
from generator.story import make_slug


def new_story(layout: Layout, title: str, today: date, strategy: Strategy | None,
              taken: Collection[str] = (), strategy_broken: bool = False) -> Path:
    """Write `stories/YYYY-MM-DD-<slug>.md` as a draft; refuse to overwrite a file. A slug
    another story has (`taken`) gets -2, -3 ...: two stories cannot share a web address.
    `strategy_broken`: the strategy file has errors, so its outcomes cannot be listed."""
    clean_title = " ".join(title.split())
    if not clean_title:
        raise ShowcaseError('the title is empty: write showcase new "A title for the story"')
    if not _shown_title(clean_title):
        raise UsageProblem("the title is only an HTML comment (an internal note, never shown): "
                           'write showcase new "A title for the story"')
    slug = file_slug(clean_title)
    path = layout.stories / f"{today.isoformat()}-{slug}.md"
    if path.exists():
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


def file_slug(title: str) -> str:
    """The slug a new story's file is named by (its default web address): the title as shown,
    without HTML comments (internal notes), currency signs or other symbols (`£` would read
    "ps", `©` "c"), at most 60 characters on a word boundary."""
    return make_slug(without_symbols(_shown_title(title)), max_length=60) or "story"


def _shown_title(title: str) -> str:
    """The title as the site shows it: HTML comments are internal notes, never shown."""
    return " ".join(COMMENT.sub(" ", title).split())




def _environment() -> Environment:
    return Environment(loader=PackageLoader("generator", "templates"), undefined=StrictUndefined,
                       keep_trailing_newline=True, autoescape=False)
