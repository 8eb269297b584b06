"""Which stories an award entry takes (contract sections 4 and 6)."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.catalogue import Award, Catalogue
from generator.model.award import Selection
from generator.model.story import Status
from generator.story import Story


@dataclass(frozen=True)
class Chosen:
    """The stories a pack includes, and those it leaves out with the reason."""

    stories: list[Story]
    """review or published stories, in the award's order (or newest first for select)."""
    left_out: list[str] = field(default_factory=list)
    """One line per story left out, e.g. 'stories/x.md (draft)'."""


def choose(catalogue: Catalogue, award: Award) -> Chosen:
    """The award's stories: listed ones in order, or selected ones newest first."""
    if award.entry.stories is not None:
        return _listed(catalogue, award.entry.stories)
    assert award.entry.select is not None
    matching = [s for s in catalogue.stories if _matches(s, award.entry.select)]
    return _split(matching, [])


def _listed(catalogue: Catalogue, slugs: list[str]) -> Chosen:
    stories: list[Story] = []
    left_out: list[str] = []
    unusable = {u.slug: u for u in catalogue.unusable}
    for slug in dict.fromkeys(slugs):
        story = catalogue.story(slug)
        if story is not None:
            stories.append(story)
        elif slug in unusable:
            left_out.append(f"{unusable[slug].path} (the file cannot be read: run showcase check)")
    return _split(stories, left_out)


def _split(stories: list[Story], left_out: list[str]) -> Chosen:
    kept = [s for s in stories if s.status is not Status.DRAFT]
    drafts = [f"{s.path} (draft)" for s in stories if s.status is Status.DRAFT]
    return Chosen(kept, drafts + left_out)


def _matches(story: Story, select: Selection) -> bool:
    """Any listed value in each given list; an empty list does not narrow."""
    meta = story.meta
    wanted = [(select.outcomes, set(meta.outcomes)), (select.tags, set(meta.tags)),
              (select.services, {meta.service})]
    given = [(values, have) for values, have in wanted if values]
    return bool(given) and all(set(values) & have for values, have in given)
