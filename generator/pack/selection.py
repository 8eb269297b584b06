"""Which stories an award entry takes (contract sections 4 and 6)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from generator.catalogue import Award, Catalogue
from generator.model.award import Selection
from generator.model.story import Status
from generator.reading import frontmatter
from generator.reading.safe_yaml import YamlProblem
from generator.reading.text import read_text
from generator.story import Story, UnusableStory

#: A missing or refused file is a blocker of its own (files.py), not a reason to leave a story out.
FILE_FIELDS = re.compile(r"evidence\[\d+\]\.path|image\.src")


@dataclass(frozen=True)
class Chosen:
    """The stories a pack includes, those it leaves out, and those it needs but cannot take."""

    stories: list[Story]
    """review or published stories without errors, in the award's order (or newest first
    for select)."""
    left_out: list[str] = field(default_factory=list)
    """Drafts the award's `select` matched, e.g. 'stories/x.md (draft)': a warning each."""
    blocked: list[str] = field(default_factory=list)
    """Stories the entry needs that cannot go in, e.g. 'stories/x.md is a draft ...' or
    'stories/x.md has 2 errors: run showcase check': a blocker each."""


@dataclass(frozen=True)
class _Candidate:
    """A story the award takes, whether or not it could be read into the model."""

    path: str
    draft: bool
    story: Story | None


def choose(catalogue: Catalogue, award: Award) -> Chosen:
    """The award's stories: listed ones in order, or selected ones newest first."""
    if award.entry.stories is not None:
        candidates = _listed(catalogue, award.entry.stories)
        return _sort(candidates, _error_counts(catalogue), drafts_block=True)
    assert award.entry.select is not None
    candidates = _selected(catalogue, award.entry.select)
    return _sort(candidates, _error_counts(catalogue), drafts_block=False)


def _listed(catalogue: Catalogue, slugs: list[str]) -> list[_Candidate]:
    """The stories named by slug; a slug no file has is the award file's error (check)."""
    unusable = {u.slug: u for u in catalogue.unusable}
    candidates = []
    for slug in dict.fromkeys(slugs):
        story = catalogue.story(slug)
        if story is not None:
            candidates.append(_Candidate(story.path, story.status is Status.DRAFT, story))
        elif slug in unusable:
            candidates.append(_unusable(unusable[slug]))
    return candidates


def _selected(catalogue: Catalogue, select: Selection) -> list[_Candidate]:
    """Stories matching `select`, newest first; unreadable ones judged by their raw fields."""
    found = [_Candidate(s.path, s.status is Status.DRAFT, s)
             for s in catalogue.stories if select.matches(set(s.meta.outcomes),
                                                    set(s.meta.tags), {s.meta.service})]
    for unusable in sorted(catalogue.unusable, key=lambda u: u.path, reverse=True):
        raw = _raw_fields(catalogue, unusable)
        if select.matches(_strings(raw.get("outcomes")), _strings(raw.get("tags")),
                    _strings([raw.get("service")])):
            found.append(_unusable(unusable))
    return found


def _unusable(story: UnusableStory) -> _Candidate:
    return _Candidate(story.path, story.status == Status.DRAFT.value, None)


def _sort(candidates: list[_Candidate], errors: Counter[str], *, drafts_block: bool) -> Chosen:
    """Split into stories to include, drafts to name, and stories that block the entry."""
    chosen = Chosen([])
    for candidate in candidates:
        reason = _reason(candidate, errors[candidate.path], drafts_block=drafts_block)
        if candidate.story is not None and reason is None:
            chosen.stories.append(candidate.story)
        elif candidate.draft and not drafts_block:
            chosen.left_out.append(f"{candidate.path} (draft)")
        else:
            chosen.blocked.append(f"{candidate.path} {reason or 'cannot be read'}")
    return chosen


def _reason(candidate: _Candidate, errors: int, *, drafts_block: bool) -> str | None:
    """Why the story cannot go in, or None when it can."""
    if candidate.draft:
        return ("is a draft: set its status to review to enter it, or take it out of the "
                "award's stories") if drafts_block else "is a draft"
    if errors:
        return f"has {errors} error{'s' * (errors != 1)}: run showcase check"
    if candidate.story is None:
        return "cannot be read: run showcase check"
    return None


def _error_counts(catalogue: Catalogue) -> Counter[str]:
    """Errors per file, leaving out those about missing files (blockers of their own)."""
    return Counter(p.path for p in catalogue.errors
                   if not (p.field and FILE_FIELDS.fullmatch(p.field)))


def _raw_fields(catalogue: Catalogue, story: UnusableStory) -> dict[str, Any]:
    """The front-matter of a story the model could not take, as plain YAML values."""
    try:
        data = frontmatter.parse(read_text(catalogue.layout.root / story.path)).fields.data
    except (OSError, YamlProblem):
        return {}
    return data if isinstance(data, dict) else {}


def _strings(value: object) -> set[str]:
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()

