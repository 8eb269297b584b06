"""When a story became public: what feeds and open data give as its date."""

from __future__ import annotations

from datetime import datetime, time

from generator.model.common import UK
from generator.story import Story


def published_at(story: Story) -> datetime:
    """The story's date at 00:00 UK time, or its embargo instant when that is later."""
    start = datetime.combine(story.date, time(0, 0), tzinfo=UK)
    embargo = story.meta.embargo
    return embargo if embargo is not None and embargo > start else start
