"""Story text fields as the model keeps them: notes left out, names on one line."""

from __future__ import annotations

from generator.model.story import StoryMeta

BASE = {"summary": "What happened.", "date": "2026-01-01", "status": "published",
        "service": "Digital services", "outcomes": ["earn-revenue"]}


def _meta(**fields: object) -> StoryMeta:
    return StoryMeta.model_validate({"title": "A title", **BASE, **fields})


def test_a_title_over_two_lines_is_one_heading() -> None:
    meta = _meta(title="Webchat cuts\ncalls   by a fifth\n", tags=["GIS\nmapping"],
                 service="ICT and\n Digital", summary="Line one.\nLine two.")
    assert (meta.title, meta.tags, meta.service) == (
        "Webchat cuts calls by a fifth", ["GIS mapping"], "ICT and Digital")
    assert meta.summary == "Line one.\nLine two."  # a summary may keep its line break


def test_a_note_in_a_field_is_left_out() -> None:
    meta = _meta(title="Webchat <!-- check the name --> launch",
                 summary="Calls fell. <!-- unclosed note runs to the end",
                 metrics=[{"label": "Calls <!--x-->", "value": 1, "unit": "count",
                           "period": "2025-26 <!-- provisional -->"}])
    assert (meta.title, meta.summary) == ("Webchat launch", "Calls fell.")
    assert (meta.metrics[0].label, meta.metrics[0].period) == ("Calls", "2025-26")


def test_a_title_that_is_only_a_note_is_empty() -> None:
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="string_too_short"):
        _meta(title="<!-- to do -->")


def test_a_metric_id_from_a_label_with_symbols_leaves_them_out() -> None:
    """slugify spells £ "ps": a default id read saving-ps-e."""
    meta = _meta(metrics=[{"label": "Saving £ é", "value": 1, "unit": "GBP"}])
    assert meta.metrics[0].key == "saving-e"


def test_a_note_runs_to_its_end() -> None:
    """A note runs to the next `-->`: a `--!>` before it, which browsers take as the end, does
    not end it (fuzz36 F2: the author meant the note to run to the `-->`; check warns of it).
    A `--!>` with no `-->` after it is a note never closed."""
    from generator.sanitize import strip_comments, unclosed_comment

    body = "Before <!-- a note --!> private.\n\nMore <!-- another --> words."
    assert strip_comments(body) == "Before  words."
    assert unclosed_comment(body) is None
    assert unclosed_comment("Text <!-- never closed") == 5
    assert unclosed_comment("Text <!-- a note --!> private") == 5
    meta = _meta(summary="Calls fell. <!-- a note --!> private --> Really.")
    assert meta.summary == "Calls fell. Really."
