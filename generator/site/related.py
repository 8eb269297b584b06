"""Related stories: public stories sharing tags or outcomes, found in linear time."""

from __future__ import annotations

from collections.abc import Sequence

from generator.story import Story

WINDOW = 6
"""How many neighbours by date to consider in each shared tag or outcome."""


def related(stories: Sequence[Story], count: int = 3) -> dict[str, list[Story]]:
    """For each story (newest first), up to `count` others sharing the most tags/outcomes.

    Only the nearest stories by date in each shared group are candidates, so a site of
    thousands of stories stays linear; ties go to the newer story, then the slug.
    """
    groups: dict[str, list[Story]] = {}
    for story in stories:
        for key in _keys(story):
            groups.setdefault(key, []).append(story)
    position = {key: {s.slug: i for i, s in enumerate(members)} for key, members in groups.items()}
    order = {s.slug: i for i, s in enumerate(stories)}
    found: dict[str, list[Story]] = {}
    for story in stories:
        scores: dict[str, tuple[int, Story]] = {}
        for key in _keys(story):
            members, at = groups[key], position[key][story.slug]
            for other in members[max(0, at - WINDOW): at + WINDOW + 1]:
                if other.slug != story.slug:
                    shared, _ = scores.get(other.slug, (0, other))
                    scores[other.slug] = (shared + 1, other)
        ranked = sorted(scores.values(), key=lambda pair: (-pair[0], order[pair[1].slug]))
        found[story.slug] = [other for _, other in ranked[:count]]
    return found


def _keys(story: Story) -> list[str]:
    return sorted({f"outcome:{o}" for o in story.meta.outcomes}
                  | {f"tag:{t.casefold()}" for t in story.meta.tags})
