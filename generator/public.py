"""What of a story may be public (contract section 7)."""

from __future__ import annotations

from generator.model.story import Evidence, Quote
from generator.story import Story


def public_quotes(story: Story) -> list[Quote]:
    """Quotes with consent; the rest never leave the project."""
    return [q for q in story.meta.quotes if q.consent]


def public_evidence(story: Story) -> list[Evidence]:
    """Evidence files marked public: true."""
    return [e for e in story.meta.evidence if e.public]
