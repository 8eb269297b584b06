"""The typed model of a showcase project: stories, award files and the strategy."""

from __future__ import annotations

from generator.model.award import AwardFile, Compose, Question, Selection
from generator.model.story import (
    AwardResult,
    Evidence,
    Image,
    Metric,
    Quote,
    Status,
    StoryMeta,
    Unit,
)
from generator.model.strategy import Outcome, Strategy, SuccessCriterion

__all__ = [
    "AwardFile",
    "AwardResult",
    "Compose",
    "Evidence",
    "Image",
    "Metric",
    "Outcome",
    "Question",
    "Quote",
    "Selection",
    "Status",
    "StoryMeta",
    "Strategy",
    "SuccessCriterion",
    "Unit",
]
