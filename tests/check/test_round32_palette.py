"""theme.palette's named colours (adopter32 F4): generator.palette's table is the installed
Material's, resolved from its own style sheets as a browser would for `<body>`; the measured
contrasts; which names pass."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from generator import palette

_MATERIAL = importlib.util.find_spec("material")
assert _MATERIAL is not None and _MATERIAL.origin is not None
STYLESHEETS = Path(_MATERIAL.origin).parent / "templates" / "assets" / "stylesheets"
SHOWCASE_CSS = Path(palette.__file__).parent / "assets" / "showcase.css"

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_PART = re.compile(r"\[data-md-color-(scheme|primary|accent)=([\w-]+)\]"
                   r"|:not\(\[data-md-color-(scheme)=([\w-]+)\]\)")
_VAR = re.compile(r"var\((--[\w-]+)\)")


def _rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """The innermost rules of a style sheet: (selector, custom properties)."""
    found = []
    for selector, body in _RULE.findall(css):
        props = {}
        for declaration in body.split(";"):
            name, _, value = declaration.partition(":")
            if name.strip().startswith("--"):
                props[name.strip()] = " ".join(value.split())
        found.append((selector.strip(), props))
    return found


def _matches(selector: str, body: dict[str, str]) -> int | None:
    """The specificity of the part of `selector` that matches `<body>` with the data
    attributes `body`, or None; `:root` (the html element) never matches body."""
    best: int | None = None
    for part in selector.split(","):
        part = part.strip()
        pieces = _PART.findall(part)
        if not pieces or "".join(
                (f"[data-md-color-{a}={b}]" if a else f":not([data-md-color-{c}={d}])")
                for a, b, c, d in pieces) != part:
            continue
        if all((body.get(a) == b) if a else (body.get(c) != d) for a, b, c, d in pieces):
            best = max(best or 0, len(pieces))
    return best


def _body(scheme: str, primary: str, accent: str) -> dict[str, str]:
    """`<body>`'s custom properties, resolved, for a palette entry: Material's main and
    palette style sheets (in that order), what html inherits (`:root`, Showcase's last)."""
    attributes = {"scheme": scheme, "primary": primary, "accent": accent}
    sheets = [next(STYLESHEETS.glob("main.*.min.css")), next(STYLESHEETS.glob("palette.*.min.css"))]
    root: dict[str, str] = {}
    chosen: dict[str, tuple[int, int, str]] = {}
    order = 0
    for sheet in sheets:
        for selector, props in _rules(sheet.read_text(encoding="utf-8")):
            order += 1
            if any(p.strip() == ":root" for p in selector.split(",")):
                root.update(props)
            specificity = _matches(selector, attributes)
            for name, value in props.items() if specificity is not None else ():
                if (specificity, order) >= chosen.get(name, (0, 0, ""))[:2]:
                    chosen[name] = (specificity or 0, order, value)
    for selector, props in _rules(SHOWCASE_CSS.read_text(encoding="utf-8")):
        if selector == ":root":
            root.update(props)

    def resolve(value: str, scope: dict[str, str]) -> str:
        return _VAR.sub(lambda m: m.group(0) if m.group(1) == "--md-hue"
                        else resolve(scope[m.group(1)], scope), value)

    html = {name: resolve(value, root) for name, value in root.items()}
    own = {name: value for name, (_, _, value) in chosen.items()}
    merged = {**html, **own}
    return {name: resolve(value, merged) for name, value in merged.items()}


def _same(written: str, resolved: str) -> bool:
    return written.replace(" ", "") == resolved.replace(" ", "")


@pytest.mark.parametrize("name", sorted(palette.PRIMARIES))
def test_primaries_are_the_installed_materials(name: str) -> None:
    colours = palette.PRIMARIES[name]
    light = _body("default", name, "indigo")
    dark = _body("slate", name, "indigo")
    assert _same(colours.header, light["--md-primary-fg-color"])
    assert _same(colours.header_text, light["--md-primary-bg-color"])
    assert _same(colours.link, light["--md-typeset-a-color"])
    assert _same(colours.link_slate, dark["--md-typeset-a-color"])
    assert _same(dark["--md-primary-fg-color"], light["--md-primary-fg-color"])
    assert _same(dark["--md-primary-bg-color"], light["--md-primary-bg-color"])


def test_every_name_material_styles_is_in_the_table() -> None:
    css = next(STYLESHEETS.glob("palette.*.min.css")).read_text(encoding="utf-8")
    assert set(re.findall(r"data-md-color-primary=([\w-]+)", css)) == set(palette.PRIMARIES)
    assert set(re.findall(r"data-md-color-accent=([\w-]+)", css)) == set(palette.ACCENTS)


@pytest.mark.parametrize("name", sorted(palette.ACCENTS))
def test_accents_are_the_installed_materials(name: str) -> None:
    for scheme in ("default", "slate"):
        body = _body(scheme, "indigo", name)
        assert _same(palette.ACCENTS[name], body["--md-accent-fg-color"])
        assert _same(palette.BACKGROUND[scheme], body["--md-default-bg-color"])


def test_material_uses_the_accent_for_link_text_under_the_pointer() -> None:
    css = next(STYLESHEETS.glob("main.*.min.css")).read_text(encoding="utf-8")
    assert ".md-typeset a:focus,.md-typeset a:hover{color:var(--md-accent-fg-color)" in css
    assert ".md-header{" in css and "color:var(--md-primary-bg-color);background-color:" \
        "var(--md-primary-fg-color)" in css.split(".md-header{", 1)[1].split("}", 1)[0]


def test_a_palette_without_primary_or_accent_is_indigo_in_material() -> None:
    base = (STYLESHEETS.parents[1] / "base.html").read_text(encoding="utf-8")
    assert 'palette.primary | d("indigo", true)' in base
    assert 'palette.accent  | d("indigo", true)' in base


def test_the_measured_contrasts() -> None:
    # adopter32 measured 3.77 in Chromium for teal's links and header; Showcase's own > 8
    assert f"{palette.header_contrast('teal'):.2f}" == "3.77"
    assert f"{palette.link_contrast('teal', 'default'):.2f}" == "3.77"
    assert palette.contrast("#1a4f8b", "#fff") > 8
    assert palette.contrast("#fff", "#1d4f91") > 8
    assert palette.contrast("#000", "#fff") == pytest.approx(21)
    assert palette.rgba("hsl(50,100%,50%)") == pytest.approx((255, 212.5, 0, 1))
    assert palette.rgba("#000000de")[3] == pytest.approx(0xDE / 255)


def test_which_names_pass() -> None:
    assert palette.passing_primaries("default") == [
        "purple", "deep-purple", "indigo", "brown", "grey", "blue-grey", "black", "white"]
    assert palette.passing_primaries("slate") == [
        "purple", "deep-purple", "indigo", "lime", "yellow", "amber", "orange", "brown", "grey",
        "blue-grey", "black", "white"]
    assert palette.passing_accents("default") == ["deep-purple"]
    assert palette.passing_accents("slate") == [
        "purple", "blue", "light-blue", "cyan", "teal", "green", "light-green", "lime", "yellow",
        "amber", "orange", "deep-orange"]


def _palette_warnings(theme: str, tmp_path: Path) -> list[tuple[int | None, str | None, str]]:
    from generator.siteconfig import read_config

    text = f"site_name: x\ntheme:\n{theme}plugins:\n  - showcase\n"
    return [(p.line, p.field, p.message) for p in read_config(text, tmp_path).problems
            if (p.field or "").startswith("theme.palette")]


def test_custom_and_passing_names_are_not_warned_of(tmp_path: Path) -> None:
    assert _palette_warnings("  name: material\n  palette: {primary: custom, accent: custom}\n",
                             tmp_path) == []
    assert _palette_warnings("  name: material\n  palette:\n    primary: indigo\n"
                             "    accent: deep purple\n", tmp_path) == []
    assert _palette_warnings("  name: mkdocs\n  palette: {primary: teal}\n", tmp_path) == []


def test_a_palette_mapping_is_told_of_at_its_line(tmp_path: Path) -> None:
    found = _palette_warnings("  name: material\n  palette:\n    primary: light green\n"
                              "    accent: deep purple\n", tmp_path)
    assert found == [(5, "theme.palette.primary", "light green gives the header's text a "
                      "contrast of 2.10:1 and the links 2.72:1, under the 4.5:1 WCAG 1.4.3 asks: "
                      "choose one of purple, deep purple, indigo, brown, grey, blue grey, black, "
                      "white, or leave palette out for Showcase's own colours")]
