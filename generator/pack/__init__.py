"""Award evidence packs (contract section 6): plan, compose, check, render, archive, verify."""

from __future__ import annotations

from generator.pack.build import BuiltPack, build_pack
from generator.pack.plan import PackPlan, UnknownAward, make_plan
from generator.pack.verify import verify_pack

__all__ = ["BuiltPack", "PackPlan", "UnknownAward", "build_pack", "make_plan", "verify_pack"]
