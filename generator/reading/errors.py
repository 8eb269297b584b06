"""Turning pydantic's validation errors into problems a comms officer can fix."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.model.award import COMPOSE_KINDS
from generator.model.common import SCALES, _shown
from generator.model.units import unit_meant
from generator.problems import Problem, Severity
from generator.reading.safe_yaml import TOO_DEEP, Located, YamlProblem

Loc = tuple[int | str, ...]


def field_name(loc: Sequence[int | str]) -> str:
    """`('metrics', 1, 'value')` as `metrics[1].value`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def problems_from(
    exc: ValidationError, located: Located, path: str, model: type[BaseModel], what: str
) -> list[Problem]:
    """One problem per pydantic error, each with file, line and field."""
    found = []
    errors = exc.errors(include_url=False)
    meant = _meant_fields(errors, model)
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "missing" and loc in meant:
            continue  # the misspelt key's did-you-mean already says it
        message = _message(error, model, what)
        found.append(Problem(path, located.line_of(loc), field_name(loc) or None, message,
                             Severity.ERROR))
    return sorted(set(found), key=lambda p: (p.line or 0, p.field or ""))


def yaml_problem(exc: YamlProblem, path: str, model: type[BaseModel], what: str) -> Problem:
    """The problem of a file (`path`, of `model`, named `what`) that is not YAML this tool
    reads: a value nested too deep names its top-level field and how that field is written."""
    if exc.field is None or exc.message != TOO_DEEP:
        return Problem(path, exc.line, exc.field, exc.message)
    return Problem(path, exc.line, exc.field,
                   f"{exc.message}: {_how_to_write(model, exc.field, what)}")


def _how_to_write(model: type[BaseModel], name: str, what: str) -> str:
    """How the top-level field `name` of `model` is written, as a fix to suggest."""
    if name not in _fields_at(model, ()):
        return "remove it: it " + _unknown_field(name, _fields_at(model, ()), what)
    kind = _type_at(model, (name,))
    item = _item_type(kind)
    if item is not None:
        fields = _fields_at(model, (name, 0))
        if fields:
            items = (_what_at(model, (name, 0)) or "an item").split(" ", 1)[-1]
            return (f"write a list of {items}s: a line "
                    f"'- {fields[0]}: ...' each, its other fields lined up under it "
                    f"({', '.join(fields[1:3])} ...), each a plain value")
        return f"write a list of words, e.g. {name}: [a, b]"
    fields = _fields_at(model, (name,))
    if fields:
        return (f"write its fields as lines like '{fields[0]}: ...' indented under {name}:, "
                "each a plain value")
    return (f"write one value, e.g. {name}: ... (text that starts with [ or {{ goes in "
            "quotes)")


def plain_message(error: ErrorDetails, model: type[BaseModel], what: str) -> str:
    """One pydantic error of `model` (named `what`, e.g. "a story") in check's words."""
    return _message(error, model, what)


def _meant_fields(errors: list[ErrorDetails], model: type[BaseModel]) -> set[Loc]:
    """Where a misspelt key (`titel`) suggests a missing field (`title`), that field's loc."""
    meant: set[Loc] = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden":
            close = _closest(str(loc[-1]), _fields_at(model, loc[:-1]))
            if close:
                meant.add((*loc[:-1], close))
    return meant


def _closest(name: str, allowed: list[str]) -> str | None:
    close = difflib.get_close_matches(name.lower(), allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _message(error: ErrorDetails, model: type[BaseModel], what: str) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f'is required but missing: add a line "{loc[-1]}: ..."'
    if kind == "extra_forbidden":
        return _unknown_field(str(loc[-1]), _fields_at(model, loc[:-1]),
                              _what_at(model, loc[:-1]) or what)
    if kind == "string_too_long" or (kind == "too_long" and isinstance(value, str)):
        return (f"is {len(str(value))} characters long; at most {ctx.get('max_length')} are "
                f"allowed: shorten it")
    if kind == "string_too_short":
        return "is empty: write some text"
    if kind in {"string_type", "str_type"}:
        hint = " (put it in quotes)" if isinstance(value, bool) else ""
        return f"expected text, got {_shown(value)}{hint}"
    if kind == "list_type":
        return f"expected a list, got {_shown(value)} (write [a, b] or one '- item' per line)"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"expected fields (like 'name: value' lines), got {_shown(value)}"
    if kind in {"enum", "literal_error"}:
        return _choice(str(ctx.get("expected", "")), value)
    if kind == "too_short":
        return "needs at least one item"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        text = str(value) if isinstance(value, str) else ""
        counted = re.fullmatch(r"\s*([\d,\s\u00a0\u202f]*\d)\s*(?:words?|characters?)\s*", text,
                               re.IGNORECASE)
        figure = counted.group(1) if counted else text
        digits = re.sub(r"[,\s\u00a0\u202f]", "", figure)
        gap = "comma" if "," in figure else "space" if digits != figure.strip() else ""
        without = [part for part in (gap and f"the {gap}", counted and "the word") if part]
        hint = f" (write {digits}, without {' and '.join(without)})" if without and \
            digits.isascii() and digits.isdigit() else ""
        return f"expected a whole number, got {_shown(value)}{hint}"
    if kind in {"greater_than", "greater_than_equal"}:
        bound = ctx.get("ge", ctx.get("gt"))
        if isinstance(bound, int | float) and bound > 1:  # a year: 1900 or later
            return f"expected at least {bound:g}, got {_shown(value)}: check the figure"
        return f"expected a number above zero, got {_shown(value)}"
    if kind in {"less_than", "less_than_equal"}:
        bound = ctx.get("le", ctx.get("lt"))
        shown = f"{int(bound):,}" if isinstance(bound, int | float) and bound == int(bound) else bound
        return f"expected at most {shown}, got {_shown(value)}: check the figure"
    if kind in {"float_type", "float_parsing"}:
        return f"expected a number, got {_shown(value)}"
    if kind == "compose" and isinstance(value, str):
        written = value.partition(":")[0].strip()
        close = _closest(written, list(COMPOSE_KINDS))
        return str(error["msg"]) + (f" (did you mean {close}?)" if close and close != written else "")
    if kind.startswith(("date", "datetime", "slug", "number", "bool", "url", "alt_", "compose",
                        "tolerance", "series", "compare", "target", "limit", "stories",
                        "period", "note", "language", "file_format")):
        return str(error["msg"])
    return f"{error['msg']}, got {_shown(value)}"


def _choice(expected: str, value: Any) -> str:
    options = [part.strip(" '\"") for part in expected.replace(" or ", ", ").split(",")]
    options = [o for o in options if o]
    text = f"expected one of {', '.join(options)}; got {_shown(value)}"
    if isinstance(value, str) and value.strip(_QUOTES) in options and value.strip() != value.strip(_QUOTES):
        return text + f" (write {value.strip(_QUOTES)} without the quotes around it)"
    if isinstance(value, str):
        if value.strip().lower() in OTHER_CURRENCIES and "GBP" in options:
            return text + " (figures of money are in pounds: convert it and write GBP)"
        if value.strip().lower() in SCALES and "GBP" in options:
            return text + (" (a unit says what is counted, not how many: write the value in "
                           "full, e.g. 1400000 for 1.4 million, and the unit, e.g. GBP)")
        close = difflib.get_close_matches(value.lower(), options, n=1, cutoff=0.6)
        meant = (unit_meant(value), CHOICE_SYNONYMS.get(value.strip().lower()))
        close = [str(m) for m in meant if m and m in options][:1] or close
        if close:
            text += f" (did you mean {close[0]}?)"
    return text


#: quotes people type around a value (Word's curly ones too)
_QUOTES = " \"'“”‘’"

#: words people write for a choice, and the choice they mean
CHOICE_SYNONYMS = {
    "winner": "won", "win": "won", "winning": "won", "shortlist": "shortlisted",
    "finalist": "shortlisted", "commended": "highly-commended", "enter": "entered",
    "above": "above-compare", "more": "increase", "up": "increase", "grow": "increase",
    "atleast": "at-least", "minimum": "at-least", "publish": "published", "live": "published",
    "higher": "up", "increase": "up", "rise": "up", "lower": "down", "decrease": "down",
    "reduce": "down", "fall": "down", "fewer": "down", "less": "down",
}

OTHER_CURRENCIES = {"€", "eur", "euro", "euros", "$", "usd", "dollar", "dollars"}
"""Currencies people may write for money, which the model takes in pounds only ("euros" is
not "hours", however close the letters)."""


def _unknown_field(name: str, allowed: list[str], what: str) -> str:
    text = f"is not a field of {what}"
    elsewhere = _FIELDS_OF_AWARD_QUESTIONS.get(name.strip().casefold())
    if what == "a story" and elsewhere:  # a limit written into a story: not a misspelling
        return f"{text}: {elsewhere}"
    close = _closest(name, allowed)
    if close:
        return f"{text}; did you mean {close}?"
    if allowed:
        return f"{text}; the fields are {', '.join(allowed)}"
    return text


_QUESTION = ("a question's limit, which goes in the award file (awards/<award-id>.yml, "
             "under questions:); a story holds no limits")
_FIELDS_OF_AWARD_QUESTIONS = {
    "words": _QUESTION, "characters": _QUESTION, "total_words": _QUESTION,
    "prompt": "an award question's, which goes in the award file (awards/<award-id>.yml)",
    "compose": "an award question's, which goes in the award file (awards/<award-id>.yml)",
    "deadline": "an award's, which goes in the award file (awards/<award-id>.yml)",
}
"""Fields of an award file written into a story: where they belong, not a close spelling."""

#: how a nested model is named in "is not a field of ..."
NESTED_NAMES = {
    "Metric": "a metric", "Quote": "a quote", "Evidence": "an evidence item",
    "AwardResult": "an award result", "Image": "an image", "Question": "a question",
    "Selection": "select", "Attachments": "attachments", "Period": "period",
    "Outcome": "an outcome", "SuccessCriterion": "a success criterion",
}


def _what_at(model: type[BaseModel], loc: Loc) -> str | None:
    """The name of the nested model at `loc` (e.g. "a metric"), or None at the top."""
    if not loc:
        return None
    found = _model_in(_type_at(model, loc))
    return NESTED_NAMES.get(found.__name__) if found is not None else None


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    found = _model_in(_type_at(model, loc))
    if found is None:
        return []
    return [info.alias or name for name, info in found.model_fields.items()]


def _type_at(model: type[BaseModel], loc: Loc) -> Any:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            current = _item_type(current)
            continue
        fields = _model_in(current)
        if fields is None or part not in fields.model_fields:
            return None
        current = fields.model_fields[part].annotation
    return current


def _unwrap(tp: Any) -> Iterator[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        yield from _unwrap(typing.get_args(tp)[0])
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            yield from _unwrap(arg)
    else:
        yield tp


def _model_in(tp: Any) -> type[BaseModel] | None:
    for option in _unwrap(tp):
        if isinstance(option, type) and issubclass(option, BaseModel):
            return option
    return None


def _item_type(tp: Any) -> Any:
    for option in _unwrap(tp):
        if typing.get_origin(option) is list:
            return typing.get_args(option)[0]
    return None
