"""The in-memory story memo: off unless enabled, keyed by path and exact text, one pass back."""

from __future__ import annotations

from generator.cache import Memo


def test_disabled_memo_always_makes_a_new_value() -> None:
    memo: Memo[list[str]] = Memo()
    first = memo.get("stories/a.md", "text", lambda: ["a"])
    assert memo.get("stories/a.md", "text", lambda: ["a"]) is not first
    memo.end_pass()
    assert (memo.hits, memo.misses) == (0, 0)


def test_same_path_and_text_reuse_the_last_pass_value() -> None:
    memo: Memo[list[str]] = Memo()
    memo.enabled = True
    first = memo.get("stories/a.md", "text", lambda: ["a"])
    memo.end_pass()
    assert memo.get("stories/a.md", "text", lambda: ["b"]) is first
    assert memo.get("stories/a.md", "edited", lambda: ["c"]) == ["c"]
    assert memo.get("stories/b.md", "text", lambda: ["d"]) == ["d"]  # same text, other file
    assert (memo.hits, memo.misses) == (1, 3)


def test_a_pass_forgets_files_it_did_not_meet() -> None:
    memo: Memo[list[str]] = Memo()
    memo.enabled = True
    memo.get("stories/a.md", "text", lambda: ["a"])
    memo.end_pass()
    memo.end_pass()  # a pass without a.md (deleted)
    assert memo.get("stories/a.md", "text", lambda: ["new"]) == ["new"]


def test_disable_forgets_everything() -> None:
    memo: Memo[list[str]] = Memo()
    memo.enabled = True
    memo.get("stories/a.md", "text", lambda: ["a"])
    memo.end_pass()
    memo.disable()
    memo.enabled = True
    assert memo.get("stories/a.md", "text", lambda: ["new"]) == ["new"]
