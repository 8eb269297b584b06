"""Material's named palette colours (mkdocs.yml's `theme.palette`) and their text contrast.

A named `primary` or `accent` replaces Showcase's own colours (assets/showcase.css, all over
7:1): Material sets them on `<body>`. Several give text under the 4.5:1 WCAG 1.4.3 asks
(`primary: teal`: the header's text and the links, 3.77:1), so `showcase check` warns of them.
The colours are Material's own, as its palette style sheet (palette.*.min.css, with
`--md-hue: 225deg` from main.*.min.css) gives them on `<body>` for each name and scheme;
a test holds this table to the installed Material's style sheets, so an upgrade that changes
them is caught. `primary: custom` (the site's own CSS) and names Material does not know are
not judged.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass

#: WCAG 1.4.3's least contrast for text
LEAST = 4.5

#: Material's hue for its greys (main.*.min.css: `--md-hue: 225deg`)
HUE = 225.0


@dataclass(frozen=True)
class Primary:
    """What a named primary colour makes of the page, as Material writes the colours."""

    header: str
    """The header's and tabs' background (`--md-primary-fg-color`)."""
    header_text: str
    """The header's and tabs' text (`--md-primary-bg-color`)."""
    link: str
    """The links on the default (light) scheme (`--md-typeset-a-color`)."""
    link_slate: str
    """The links on the slate (dark) scheme."""


#: the page's background in each scheme (`--md-default-bg-color`)
BACKGROUND: dict[str, str] = {
    "default": "#fff",
    "slate": "hsla(var(--md-hue), 15%, 14%, 1)",
}

_BLACK_TEXT = "#000000de"
_SLATE_GREY_LINK = "#5e8bde"

#: Material's named primary colours (palette.fb2fffe2.min.css of mkdocs-material 9.8.1)
PRIMARIES: dict[str, Primary] = {
    "red": Primary("#ef5552", "#fff", "#ef5552", "#ef5552"),
    "pink": Primary("#e92063", "#fff", "#e92063", "#ed5487"),
    "purple": Primary("#ab47bd", "#fff", "#ab47bd", "#c46fd3"),
    "deep-purple": Primary("#7e56c2", "#fff", "#7e56c2", "#a47bea"),
    "indigo": Primary("#4051b5", "#fff", "#4051b5", "#5488e8"),
    "blue": Primary("#2094f3", "#fff", "#2094f3", "#2094f3"),
    "light-blue": Primary("#02a6f2", "#fff", "#02a6f2", "#02a6f2"),
    "cyan": Primary("#00bdd6", "#fff", "#00bdd6", "#00bdd6"),
    "teal": Primary("#009485", "#fff", "#009485", "#00ccb8"),
    "green": Primary("#4cae4f", "#fff", "#4cae4f", "#71c174"),
    "light-green": Primary("#8bc34b", "#fff", "#72ad2e", "#8bc34b"),
    "lime": Primary("#cbdc38", _BLACK_TEXT, "#8b990a", "#cbdc38"),
    "yellow": Primary("#ffec3d", _BLACK_TEXT, "#b8a500", "#ffec3d"),
    "amber": Primary("#ffc105", _BLACK_TEXT, "#d19d00", "#ffc105"),
    "orange": Primary("#ffa724", _BLACK_TEXT, "#e68a00", "#ffa724"),
    "deep-orange": Primary("#ff6e42", "#fff", "#ff6e42", "#ff764d"),
    "brown": Primary("#795649", "#fff", "#795649", "#c1775c"),
    "grey": Primary("#757575", "#fff", "#4051b5", _SLATE_GREY_LINK),
    "blue-grey": Primary("#546d78", "#fff", "#4051b5", _SLATE_GREY_LINK),
    "black": Primary("hsla(var(--md-hue), 15%, 9%, 1)", "hsla(var(--md-hue), 15%, 100%, 1)",
                     "#4051b5", _SLATE_GREY_LINK),
    "white": Primary("hsla(var(--md-hue), 0%, 100%, 1)", "hsla(var(--md-hue), 0%, 0%, 0.87)",
                     "#4051b5", _SLATE_GREY_LINK),
}

#: Material's named accent colours (`--md-accent-fg-color`): the colour of a link under the
#: pointer or with keyboard focus, and of a navigation link then
ACCENTS: dict[str, str] = {
    "red": "#ff1a47",
    "pink": "#f50056",
    "purple": "#df41fb",
    "deep-purple": "#7c4dff",
    "indigo": "#526cfe",
    "blue": "#4287ff",
    "light-blue": "#0091eb",
    "cyan": "#00bad6",
    "teal": "#00bda4",
    "green": "#00c753",
    "light-green": "#63de17",
    "lime": "#b0eb00",
    "yellow": "hsl(50,100%,50%)",
    "amber": "#fa0",
    "orange": "hsl(34,100%,50%)",
    "deep-orange": "#ff6e42",
}

#: what Material uses when an entry of the palette names no primary or accent (base.html)
DEFAULT_NAME = "indigo"

RGBA = tuple[float, float, float, float]

_HSL = re.compile(r"hsla?\(\s*([-\d.]+)(?:deg)?\s*,\s*([\d.]+)%\s*,\s*([\d.]+)%\s*"
                  r"(?:,\s*([\d.]+)\s*)?\)")


def rgba(colour: str) -> RGBA:
    """A colour as Material writes it (`#fff`, `#000000de`, `hsl(50,100%,50%)`,
    `hsla(var(--md-hue), 15%, 9%, 1)`) as red, green, blue (0-255) and alpha (0-1)."""
    text = colour.strip().replace("var(--md-hue)", f"{HUE:g}")
    if text.startswith("#"):
        digits = text[1:]
        if len(digits) in (3, 4):
            digits = "".join(digit * 2 for digit in digits)
        channels = [int(digits[i:i + 2], 16) for i in range(0, len(digits), 2)]
        alpha = channels[3] / 255 if len(channels) == 4 else 1.0
        return float(channels[0]), float(channels[1]), float(channels[2]), alpha
    found = _HSL.fullmatch(text)
    if found is None:
        raise ValueError(f"not a colour Material writes: {colour}")
    hue, saturation, lightness, opacity = found.groups()
    red, green, blue = colorsys.hls_to_rgb(float(hue) % 360 / 360, float(lightness) / 100,
                                           float(saturation) / 100)
    return red * 255, green * 255, blue * 255, float(opacity) if opacity is not None else 1.0


def _over(top: RGBA, below: RGBA) -> RGBA:
    """`top` drawn over the opaque `below`."""
    alpha = top[3]
    return (top[0] * alpha + below[0] * (1 - alpha), top[1] * alpha + below[1] * (1 - alpha),
            top[2] * alpha + below[2] * (1 - alpha), 1.0)


def _luminance(colour: RGBA) -> float:
    """WCAG 2's relative luminance of an opaque colour."""
    def linear(channel: float) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour[0]) + 0.7152 * linear(colour[1]) + 0.0722 * linear(colour[2])


def contrast(text: str, background: str, page: str = "#fff") -> float:
    """WCAG 2's contrast ratio of `text` on `background` (either may be see-through: the
    background is drawn over `page` first)."""
    below = _over(rgba(background), rgba(page))
    top = _over(rgba(text), below)
    lighter, darker = sorted((_luminance(top), _luminance(below)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def scheme_of(name: object) -> str:
    """The scheme a palette entry's `scheme:` names, as Material reads it: slate, or the
    default one (light) for anything else."""
    return "slate" if isinstance(name, str) and name.strip() == "slate" else "default"


def material_name(value: object) -> str | None:
    """A `primary:`/`accent:` value as Material writes it into the page (`deep orange` is
    `deep-orange`); the default (indigo) when none is given."""
    if value is None or value == "" or value is False:
        return DEFAULT_NAME
    return str(value).strip().replace(" ", "-") if isinstance(value, str) else None


def header_contrast(primary: str) -> float:
    """The contrast of the header's (and tabs') text for a named primary colour."""
    colours = PRIMARIES[primary]
    return contrast(colours.header_text, colours.header)


def link_contrast(primary: str, scheme: str) -> float:
    """The contrast of the links on the page for a named primary colour in `scheme`."""
    colours = PRIMARIES[primary]
    link = colours.link_slate if scheme == "slate" else colours.link
    return contrast(link, BACKGROUND[scheme], BACKGROUND[scheme])


def accent_contrast(accent: str, scheme: str) -> float:
    """The contrast of a link under the pointer or keyboard focus for a named accent."""
    return contrast(ACCENTS[accent], BACKGROUND[scheme], BACKGROUND[scheme])


def passing_primaries(scheme: str) -> list[str]:
    """The named primary colours whose header text and links reach 4.5:1 in `scheme`."""
    return [name for name in PRIMARIES
            if min(header_contrast(name), link_contrast(name, scheme)) >= LEAST]


def passing_accents(scheme: str) -> list[str]:
    """The named accent colours a link under the pointer reaches 4.5:1 with in `scheme`."""
    return [name for name in ACCENTS if accent_contrast(name, scheme) >= LEAST]


def _shown_ratio(ratio: float) -> str:
    """A ratio to two places, never rounded up to a pass (4.499 is 4.49:1, not 4.50:1)."""
    return f"{min(round(ratio, 2), 4.49) if ratio < LEAST else round(ratio, 2):.2f}:1"


def _spoken(name: str) -> str:
    return name.replace("-", " ")


def _one_of(names: list[str]) -> str:
    return _spoken(names[0]) if len(names) == 1 else f"one of {', '.join(map(_spoken, names))}"


def _gives(parts: list[tuple[str, float]]) -> str:
    """`the header's text and the links a contrast of 3.77:1`, or each with its own."""
    shown = [(what, _shown_ratio(ratio)) for what, ratio in parts]
    if len({ratio for _, ratio in shown}) == 1:
        return f"{' and '.join(what for what, _ in shown)} a contrast of {shown[0][1]}"
    first, *rest = shown
    return f"{first[0]} a contrast of {first[1]}" + "".join(f" and {what} {ratio}"
                                                          for what, ratio in rest)


def _named(key: str, value: object, name: str) -> str:
    if value is None or value == "" or value is False:
        return f"no {key} is set, so Material uses {_spoken(name)}, which gives"
    return f"{value} gives"


_ASKS = f"under the {LEAST}:1 WCAG 1.4.3 asks"
_OWN = "or leave palette out for Showcase's own colours"


def entry_problems(entry: dict[str, object]) -> list[tuple[str, str]]:
    """What one entry of mkdocs.yml's `theme.palette` (a mapping: scheme, primary, accent)
    gives text under 4.5:1 with, as (its key, the message); a `custom` colour, a name
    Material does not know and a scheme of the site's own are not judged."""
    scheme_value = entry.get("scheme")
    scheme = str(scheme_value).strip() if isinstance(scheme_value, str) and scheme_value.strip() \
        else "default"
    on_slate = " on the dark (slate) scheme" if scheme == "slate" else ""
    found: list[tuple[str, str]] = []
    primary = material_name(entry.get("primary"))
    if primary in PRIMARIES:
        parts = [("the header's text", header_contrast(primary))]
        if scheme in BACKGROUND:
            parts.append((f"the links{on_slate}", link_contrast(primary, scheme)))
        failing = [(what, ratio) for what, ratio in parts if ratio < LEAST]
        if failing:
            passing = passing_primaries(scheme) if scheme in BACKGROUND else \
                [name for name in PRIMARIES if header_contrast(name) >= LEAST]
            found.append(("primary", f"{_named('primary', entry.get('primary'), primary)} "
                          f"{_gives(failing)}, {_ASKS}: choose {_one_of(passing)}, {_OWN}"))
    accent = material_name(entry.get("accent"))
    if accent in ACCENTS and scheme in BACKGROUND:
        ratio = accent_contrast(accent, scheme)
        if ratio < LEAST:
            found.append(("accent", f"{_named('accent', entry.get('accent'), accent)} a link "
                          f"under the pointer or keyboard focus{on_slate} a contrast of "
                          f"{_shown_ratio(ratio)}, {_ASKS}: choose {_one_of(passing_accents(scheme))}, "
                          f"{_OWN}"))
    return found
