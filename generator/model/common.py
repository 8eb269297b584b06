"""Shared field types: each parses in one place and fails with words a person can act on."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, Strict
from pydantic_core import PydanticCustomError

from generator.model.units import Unit, split_rate, unit_meant

UK = ZoneInfo("Europe/London")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Lowercase letters and digits in words joined by single hyphens: story slugs, ids."""


class ShowcaseModel(BaseModel):
    """Base of every model: unknown keys are errors; the docstring under a field describes it
    in JSON Schemas (`documented.json_schema`)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        coerce_numbers_to_str=True,
        str_strip_whitespace=True,
        populate_by_name=True,
    )


def _fail(kind: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, context or None)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


def parse_date(value: Any) -> date:
    """`YYYY-MM-DD` text as a date."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    text = value if isinstance(value, str) else None
    match = _DATE.fullmatch(text.strip()) if text else None
    if match is None:
        raise _fail("date_format", f"expected a date written YYYY-MM-DD, got {_shown(value)}"
                                   f"{_british_date_hint(text)}")
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise _fail("date_impossible", f"{text} is not a real date{_why_impossible(year, month)}") from None


def _british_date_hint(text: str | None) -> str:
    """How to write a date written another way: 27/11/2026, 27 November 2026, 2026-5-1, or
    a date with a time (a date field takes the day only)."""
    text = (text or "").strip()
    found = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if found is not None:
        day, month = _day_and_month(int(found.group(1)), int(found.group(2)))
        return _written_as(int(found.group(3)), month, day)
    found = re.fullmatch(r"(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})", text)
    month_number = _MONTHS.get(found.group(2).casefold()) if found else None
    if found is not None and month_number is not None:
        return _written_as(int(found.group(3)), month_number, int(found.group(1)))
    found = re.fullmatch(r"(?:[A-Za-z]+,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", text)
    month_number = _MONTHS.get(found.group(1).casefold()) if found else None
    if found is not None and month_number is not None:  # November 27, 2026
        return _written_as(int(found.group(3)), month_number, int(found.group(2)))
    found = re.fullmatch(r"([A-Za-z]+)\.?,?\s+(\d{4})", text)
    month_number = _MONTHS.get(found.group(1).casefold()) if found else None
    if found is not None and month_number is not None:  # November 2026: which day?
        return (f" (a date needs its day too: write {found.group(2)}-{month_number:02d}-01 for "
                f"1 {calendar.month_name[month_number]} {found.group(2)}, or the day it "
                "happened)")
    found = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if found is not None:
        year, month, day = (int(part) for part in found.groups())
        return f" (write {year}-{month:02d}-{day:02d}, with two-digit month and day)"
    found = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ]\S.*", text)
    if found is not None:
        return f" (write the day only: {found.group(1)})"
    return ""


def _day_and_month(first: int, second: int) -> tuple[int, int]:
    """The day and month of a date written with its numbers first (27/11, 11/27): day first,
    as in the UK; month first when only that reading is a date (11/27/2026)."""
    return (second, first) if second > 12 >= first else (first, second)


def _written_as(year: int, month: int, day: int) -> str:
    """The hint for a date read as `day` `month` `year`: how to write it, and which day that
    is (so a reader who meant the other order sees it); nothing when no such day exists."""
    try:
        meant = date(year, month, day)
    except ValueError:
        return ""
    return f" (write {meant.isoformat()} for {day} {calendar.month_name[month]} {year})"


_MONTHS = {name.casefold(): number for names in (calendar.month_name, calendar.month_abbr)
           for number, name in enumerate(names) if name} | {"sept": 9}


def _why_impossible(year: int, month: int) -> str:
    if not 1 <= month <= 12:
        return f": there is no month {month}"
    days = calendar.monthrange(year, month)[1] if year >= 1 else 31
    return f": {calendar.month_name[month]} {year} has {days} days"


def parse_datetime(value: Any) -> datetime:
    """An ISO 8601 date-time with a UTC offset, e.g. `2026-03-01T09:00:00+00:00`."""
    if isinstance(value, datetime):
        found = value
    elif isinstance(value, str):
        found = _iso_datetime(value.strip())
    else:
        raise _fail("datetime_format", f"expected a date-time like 2026-03-01T09:00:00+00:00, "
                                       f"got {_shown(value)}")
    if found.tzinfo is None or found.utcoffset() is None:
        uk = found.replace(tzinfo=UK).isoformat(timespec="seconds")  # +01:00 in summer
        raise _fail("datetime_offset", f'"{value}" has no UTC offset: add one, e.g. {uk} '
                                       "for UK time")
    if not in_range(found):
        raise _fail("datetime_range", f'"{value}" is out of range: {OUT_OF_RANGE}')
    return found


OUT_OF_RANGE = ("a date-time must fall between the years 1 and 9999 in UK time; give a real "
                "one, like 2027-01-15T09:00:00+00:00")
"""Why a date-time at the very ends of the calendar is refused (`in_range`)."""


def in_range(moment: datetime) -> bool:
    """Whether `moment` (with an offset) is a moment in the years 1 to 9999 both in UTC and
    in UK time: 9999-12-31T23:59-12:00 is in the year 10000 in both, and every later sum or
    comparison in UK time or UTC would fail on it."""
    try:
        moment.astimezone(UTC)
        moment.astimezone(UK)
    except (OverflowError, ValueError):
        return False
    return True


def _iso_datetime(text: str) -> datetime:
    if _DATE.fullmatch(text):
        parse_date(text)
        raise _fail("datetime_offset", f'"{text}" has no time and UTC offset: write e.g. '
                                       f"{text}T09:00:00+00:00")
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        day = _DATE.match(text)
        if day is not None and re.match(r"\d{4}-\d{2}-\d{2}[T ]", text):
            parse_date(day.group())  # 2025-02-29T09:00: say the date is not a real one
        raise _fail("datetime_format", f'expected a date-time like 2026-03-01T09:00:00+00:00, '
                                       f'got "{text}"{_zone_hint(text)}') from None


def _zone_hint(text: str) -> str:
    """`2026-12-01 09:00 BST` or `01/12/2026 09:00`: the same moment (UK time, unless a zone
    is written) with its offset, as a date-time wants it."""
    found = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}),?\s*(?:at\s+)?(\d{1,2})[:.](\d{2})"
                         r"(?::(\d{2}))?\s*(BST|GMT|UTC|UK)?", text, re.IGNORECASE)
    if found is not None:
        day_of, month_of = _day_and_month(int(found.group(1)), int(found.group(2)))
        at, minutes, seconds, written_zone = found.groups()[3:]
        text = (f"{int(found.group(3)):04d}-{month_of:02d}-{day_of:02d} {at}:{minutes}"
                f"{':' + seconds if seconds else ''} {written_zone or 'UK'}")
    found = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(BST|GMT|UTC|UK)", text,
                         re.IGNORECASE)
    if found is None:
        return ""
    day, hour, minute, second, zone = found.groups()
    try:
        local = datetime.fromisoformat(f"{day}T{int(hour):02d}:{minute}:{second or '00'}")
    except ValueError:
        return ""
    offset = "+01:00" if zone.upper() == "BST" else "+00:00" if zone.upper() in ("GMT", "UTC") \
        else local.replace(tzinfo=UK).isoformat()[-6:]
    return f" (write {local.isoformat()}{offset})"


def parse_deadline(value: Any) -> datetime:
    """A date-time with offset, or a date meaning the end of that day, UK time."""
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        return datetime.combine(parse_date(value), time(23, 59, 59), tzinfo=UK)
    if isinstance(value, str) and not _looks_like_datetime(value):
        raise _fail("datetime_format", "expected a date YYYY-MM-DD (the end of that day, UK time) "
                                       "or a date-time like 2026-03-01T09:00:00+00:00, "
                                       f"got {_shown(value)}"
                                       f"{_british_date_hint(value) or _zone_hint(value.strip())}")
    return parse_datetime(value)


def _looks_like_datetime(text: str) -> bool:
    return re.match(r"\s*\d{4}-\d{2}-\d{2}[T ]", text) is not None


def without_symbols(text: str) -> str:
    """`text` with currency signs, modifier symbols (^, `) and other symbols (©, ™, °, emoji)
    made spaces, before it is made a slug: slugify would spell `£` "ps" and `©` "c"."""
    return "".join(" " if unicodedata.category(c) in _SYMBOLS else c for c in text)


_SYMBOLS = frozenset({"Sc", "Sk", "So"})


def fold_name(name: str) -> str:
    """A tag, service or outcome as an award's selection compares them: "ICT and  Digital"
    is "ict and digital"."""
    return " ".join(name.split()).casefold()


def parse_slug(value: Any) -> str:
    if not isinstance(value, str) or not SLUG.fullmatch(value):
        raise _fail("slug", f"expected lowercase letters, digits and single hyphens "
                            f"(like my-story-2026), got {_shown(value)}{_slug_hint(value)}")
    return value


def _slug_hint(value: Any) -> str:
    """How `value` is written as one (`Service planning` as service-planning), when words
    and spaces, capitals or underscores are all that keep it from being one."""
    if not isinstance(value, str):
        return ""
    written = "-".join(re.split(r"[\s_-]+", value.strip().lower()))
    return f" (write {written})" if written != value and SLUG.fullmatch(written) else ""


def parse_number(value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail("number", f"expected a number, got {_shown(value)}{_number_hint(value)}")
    if value != value:
        raise _fail("number", f"expected a number, got {value}")
    if value in (float("inf"), float("-inf")):
        raise _fail("number", "is too large to be a real figure (at most "
                    f"{LARGEST - 1:,}): check for extra zeros")
    if abs(value) >= LARGEST:
        shown = f"{value:,}" if isinstance(value, int) else f"{value:g}"
        raise _fail("number", f"{shown} is too large to be a real figure (at most "
                    f"{LARGEST - 1:,}): check for extra zeros")
    if 0 < abs(value) < SMALLEST:
        raise _fail("number", f"{value!r} is too small to be a real figure (nearer 0 than "
                    f"{SMALLEST:f}): write 0, or the figure in a smaller unit")
    return value


LARGEST = 10**15
"""No council figure reaches a thousand million million; beyond it, a typing slip."""
SMALLEST = 1e-6
"""Nor is one a millionth or nearer 0 (charts and sums of such figures lose all precision)."""


def _number_hint(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if text == "":
        return " (the figure is missing: write it, digits only)"
    based = _BASED.fullmatch(text)
    if based is not None:  # 0x1F is 31, not 0 and a unit "x1F"
        try:
            figure = int(based.group(3), _BASES[based.group(2).lower()])
        except ValueError:  # 0b12, 0o9: no figure in any base
            return ""
        return f" (write {based.group(1)}{figure}: a figure is written in decimal digits)"
    with_words = re.fullmatch(r"(£?)\s*(-?\d+(?:\.\d+)?)\s*([A-Za-z][\w /.-]*)", text)
    if with_words is not None:
        return _words_hint(with_words.group(2), with_words.group(3), money=bool(with_words.group(1)))
    if re.fullmatch(r"\d{1,3}(?:_\d{3})+", text):
        return f" (write {text.replace('_', '')})"
    if re.fullmatch(r"\d+:\d{2}", text):
        hours, minutes = text.split(":")
        return f" (write it in one unit: {int(hours) * 60 + int(minutes)} and unit: minutes)"
    digits = digits_meant(text)
    if digits is None:
        return ""
    if text.endswith("%"):
        return f" (write {digits} and unit: percent)"
    if text.startswith("£"):
        return f" (write {digits} and unit: GBP, digits only)"
    return f" (write {digits} without quotes or commas)"


_BASED = re.compile(r"(-?)0([xob])([0-9a-f]+)", re.IGNORECASE)
"""A figure as a programmer writes it in another base: 0x1F (hexadecimal), 0o17, 0b101."""
_BASES = {"x": 16, "o": 8, "b": 2}

_GROUP_SPACES = re.compile(r"(?<=\d)[ \u00a0\u2009\u202f](?=\d{3}\b)")
"""A space between groups of digits (180 000), plain, no-break or thin."""


def digits_meant(text: str) -> str | None:
    """The figure `text` writes with £, %, commas, grouping spaces, a thousand or million
    (180k, £1.25m), a minus sign (U+2212) or an accountant's brackets for a negative
    ((5000)), as the digits a figure is written in (180000, -5000); None when it is not one
    of those."""
    digits = _GROUP_SPACES.sub("", text.strip()).replace("\u2212", "-")
    negative = re.fullmatch(r"\((.*)\)", digits)
    if negative is not None:
        digits = "-" + negative.group(1).strip()
    digits = digits.strip().strip("£%").strip()  # £-5,000 and -£5,000
    sign = "-" if digits.startswith("-") else ""
    digits = digits.removeprefix("-").strip().strip("£%").strip()
    if "," in digits:  # commas between thousands (1,234.50), or a decimal comma (1.234,50)
        if _THOUSANDS.fullmatch(digits):
            digits = digits.replace(",", "")
        elif _DECIMAL_COMMA.fullmatch(digits):
            digits = digits.replace(".", "").replace(",", ".")
        else:
            return None
    if not re.fullmatch(r"\d+(\.\d+)?[mkMK]?", digits):
        return None
    if digits[-1] in "mkMK":  # £1.25m is 1250000: the model takes digits only
        scale = Decimal(1_000_000 if digits[-1] in "mM" else 1_000)
        digits = format((Decimal(digits[:-1]) * scale).normalize(), "f")
    return sign + digits


_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?[mkMK]?")
"""A figure written with commas between its thousands (180,000, 1,234.50)."""
_DECIMAL_COMMA = re.compile(r"\d{1,3}(?:\.\d{3})*,\d+|\d+,\d+")
"""A figure written the European way, a point between thousands and a decimal comma
(1.234,50, 180.000,5, 2,5); a comma before three digits is read as thousands first."""


def _words_hint(figure: str, words: str, money: bool) -> str:
    """How `1.4 million pounds` or `14 hours a week` is written: the number in full, and the
    unit as one of the units a metric takes (the period it is counted in, said elsewhere)."""
    scale, _, rest = words.strip().partition(" ")
    full = ""
    if scale.lower() in SCALES:
        figure = format((Decimal(figure) * SCALES[scale.lower()]).normalize(), "f")
        words, full = rest, ", the number in full"
    unit = Unit.GBP if money else unit_meant(words)
    named, rate = split_rate(words)
    where = f'; say "{rate}" in period: or the label' if rate else ""
    if unit is not None:
        return f" (write {figure} and unit: {unit}, digits only{where})"
    if not named:
        return f" (write {figure}{full}, digits only{where})"
    return (f" (write {figure}{full}, digits only, and the unit on its own line, one of "
            f"{', '.join(Unit)}{where})")


SCALES = {"k": Decimal(1_000), "thousand": Decimal(1_000), "m": Decimal(1_000_000),
           "mn": Decimal(1_000_000), "million": Decimal(1_000_000),
           "bn": Decimal(1_000_000_000), "billion": Decimal(1_000_000_000)}
"""Words for a thousand, a million and a billion, written after a figure (1.4m, 2 million)."""


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    hint = ""
    if isinstance(value, str) and value.lower() in {"yes", "no", "y", "n", "on", "off"}:
        hint = f" (write {'true' if value.lower() in {'yes', 'y', 'on'} else 'false'})"
    elif isinstance(value, str) and value.strip().strip("\"'“”‘’").lower() in {"true", "false"}:
        hint = f" (write {value.strip().strip(chr(34) + chr(39) + '“”‘’').lower()} without quotes)"
    raise _fail("bool", f"expected true or false, got {_shown(value)}{hint}")


LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
"""A language tag (BCP 47): a language (cy, ar, pl), then any script or region (en-GB)."""
LANGUAGE_AS_WRITTEN = r"^\s*[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*\s*$"
"""What a file may hold for one (cy_GB, " cy"): `parse_language` writes it as a tag."""


def parse_language(value: Any) -> str:
    """A language tag as BCP 47 writes it (langcodes): cy, ar, pt-BR; a three-letter code
    with a two-letter one is written so (wel and cym are cy, ara is ar), an old one as now
    (iw is he), a region in capitals; a two-letter code is never made a longer one (tl,
    Tagalog, stays tl: CLDR writes it fil, Filipino, another language in ISO 639); a tag of
    no language (zz) is refused."""
    text = value.strip().replace("_", "-") if isinstance(value, str) else None
    if text is not None and LANGUAGE.fullmatch(text):
        import langcodes  # only for a story that gives its language

        if langcodes.tag_is_valid(text):
            tag = str(langcodes.standardize_tag(text))
            first, *rest = tag.split("-")
            given = text.split("-")[0].lower()
            if len(given) == 2 and len(first) > 2:  # tl-PH is tl-PH, not fil-PH
                first, tag = given, "-".join([given, *rest])
            # undetermined, no language, uncoded, private use: no voice to speak it in
            if first not in ("und", "zxx", "mis") and not "qaa" <= first <= "qtz":
                return tag
    named = _LANGUAGE_NAMES.get(text.casefold()) if text else None
    hint = f" (write {named} for {text.title()})" if named and text else ""
    raise _fail("language", "expected a language tag, like cy (Welsh), ar (Arabic), pl "
                            f"(Polish) or pt-BR, got {_shown(value)}{hint}")


_LANGUAGE_NAMES = {
    "english": "en", "welsh": "cy", "cymraeg": "cy", "gaelic": "gd", "scottish gaelic": "gd",
    "irish": "ga", "cornish": "kw", "polish": "pl", "romanian": "ro", "arabic": "ar",
    "urdu": "ur", "punjabi": "pa", "bengali": "bn", "gujarati": "gu", "portuguese": "pt",
    "spanish": "es", "french": "fr", "italian": "it", "lithuanian": "lt", "chinese": "zh",
    "somali": "so", "turkish": "tr", "tamil": "ta", "farsi": "fa", "persian": "fa",
    "ukrainian": "uk", "russian": "ru", "hebrew": "he", "pashto": "ps", "kurdish": "ku",
    "british english": "en-GB", "العربية": "ar", "اردو": "ur", "polski": "pl",
    "gàidhlig": "gd", "gaeilge": "ga", "kernewek": "kw", "română": "ro", "español": "es"}
"""Names of the languages most spoken in England, Wales and Scotland, for a hint when a
story names its language instead of giving its tag."""


def parse_https(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"https://[^\s/]+\.[^\s]+", value.strip()):
        raise _fail("url", f"expected a web address starting https://, got {_shown(value)}")
    return value.strip()


Date = Annotated[date, BeforeValidator(parse_date), PlainSerializer(date.isoformat, return_type=str)]
DateTime = Annotated[
    datetime,
    BeforeValidator(parse_datetime),
    PlainSerializer(lambda v: v.isoformat(), return_type=str),
    Field(json_schema_extra={"format": "date-time"}),
]
Deadline = Annotated[
    datetime,
    BeforeValidator(parse_deadline, json_schema_input_type=date | datetime),
    PlainSerializer(lambda v: v.isoformat(), return_type=str),
]
# a json_schema_input_type says what a file may hold where the validator reads more than the
# type shows, or less: text that only text matches is Strict (documented.json_schema)
Slug = Annotated[str, BeforeValidator(parse_slug, json_schema_input_type=Annotated[
    str, Strict(), Field(pattern=f"^{SLUG.pattern}$")]), Field(pattern=f"^{SLUG.pattern}$")]
Language = Annotated[str, BeforeValidator(parse_language, json_schema_input_type=Annotated[
    str, Strict(), Field(pattern=LANGUAGE_AS_WRITTEN)]), Field(pattern=f"^{LANGUAGE.pattern}$")]
Number = Annotated[float | int, BeforeValidator(parse_number, json_schema_input_type=Annotated[
    float, Field(gt=-LARGEST, lt=LARGEST)])]
Flag = Annotated[bool, BeforeValidator(parse_bool)]
HttpsUrl = Annotated[str, BeforeValidator(parse_https, json_schema_input_type=Annotated[
    str, Strict(), Field(pattern=r"^\s*https://[^\s/]+\.\S+\s*$")]), Field(pattern=r"^https://")]


def whole(value: Any) -> Any:
    """A whole number written with a point (5000.0) as that number, as JSON Schema's
    integer takes it; 5000.5, "5000" and true are left for a strict check to refuse."""
    if isinstance(value, float) and value.is_integer() and abs(value) <= 2**53:
        return int(value)
    return value


Year = Annotated[int, Strict(), Field(ge=1900, le=2200), BeforeValidator(whole)]
"""A year, written as a number: 2025 (not "2025", and `true` is not year 1)."""
