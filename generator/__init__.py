"""Showcase: a council's digital success stories as a public site and award-entry packs."""

from __future__ import annotations

__version__ = "0.1.0"
