"""mkdocs.yml as `showcase check` reads it: its settings, and what a build would refuse in it.

MkDocs validates the showcase plugin's options when it builds; check must say the same
first, without importing MkDocs (its config machinery alone costs a tenth of a second).
`OPTIONS` mirrors `generator/mkdocs/config.py` (`ShowcaseConfig`), and a test holds the two
to one verdict on every option. Values are read as MkDocs reads them (PyYAML's safe loader,
YAML 1.1: `yes` is true), MkDocs' own tags (`!ENV`, `!relative`, `!!python/name:`) stand for
values decided at build time and are not judged.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.palette import entry_problems
from generator.problems import Problem, Severity, ShowcaseError
from generator.reading.safe_yaml import YAML_ONLY_BREAKS, problem_of

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "showcase"


@dataclass(frozen=True)
class Option:
    """One option of the showcase plugin, as MkDocs validates it."""

    kind: type
    """str, int or bool (a bool is not an int here, as in `generator.mkdocs.config.Count`)."""
    default: str | int | bool | None
    minimum: int | None = None
    """For a whole number: the least allowed."""
    holds: str = ""
    """For a folder: what it holds, in words; empty for any other option."""


#: the plugin's options (generator/mkdocs/config.py's ShowcaseConfig, kept equal by a test)
OPTIONS: dict[str, Option] = {
    "stories_dir": Option(str, "stories", holds="the stories"),
    "awards_dir": Option(str, "awards", holds="the award files"),
    "data_dir": Option(str, "data", holds="strategy.yml and the data files"),
    "evidence_dir": Option(str, "evidence", holds="the evidence files"),
    "per_page": Option(int, 20, minimum=1),
    "now": Option(str, None),
    "search_full_text_limit": Option(int, 500, minimum=0),
    "feed_items": Option(int, 50, minimum=1),
    "cms": Option(bool, True),
}

#: MkDocs' own option of every plugin that has none of that name
ENABLED = "enabled"

#: folders a project cannot do without (strategy.yml is in data/): missing is an error
NEEDED_FOLDERS = frozenset({"data_dir"})


Source = tuple[str, yaml.Node | None]
"""A settings file's name (relative to the project) and its composed YAML."""


@dataclass(frozen=True)
class SiteConfig:
    """mkdocs.yml read: its settings (MkDocs' tags as None) and what is wrong in it."""

    settings: dict[str, Any]
    problems: tuple[Problem, ...]
    sources: tuple[Source, ...] = ()
    """The files the settings are written in (name, composed node): the file read first, then
    the one it INHERITs, and so on, to say where a merged setting is written."""


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does, except that MkDocs' own tags become None."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A date as PyYAML reads it, or a complaint at its line (not a bare ValueError)."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f'"{node.value}" is not a real date ({exc}): correct it, or put it in '
            "quotes", node.start_mark) from None


_IGNORED_TAGS = ("!", "tag:yaml.org,2002:python/")
for _prefix in _IGNORED_TAGS:
    ConfigLoader.add_multi_constructor(_prefix, _ignore_tag)
ConfigLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def read_config(text: str, root: Path, name: str = CONFIG_FILE) -> SiteConfig:
    """Read mkdocs.yml's `text` for the project at `root`; a ShowcaseError (naming the line)
    when it is not YAML or not settings, as then not even the project's folders are known.
    A setting that an INHERITed file writes is told of there (`base.yml:3`)."""
    read = _read_file(text, root, name, 0)
    if any(problem.field == "INHERIT" for problem in read.problems):
        return read  # a file it builds on is missing: MkDocs stops on that, the rest unknown
    merged = theme_problems(read.settings, read.sources, root) \
        + elsewhere_problems(read.settings, read.sources)
    return SiteConfig(read.settings, (*read.problems, *merged), read.sources)


def _read_file(text: str, root: Path, name: str, depth: int) -> SiteConfig:
    """One settings file and those it INHERITs, merged; its problems are the plugin's (the
    theme and the settings are judged once merged, by `read_config`)."""
    breaking = YAML_ONLY_BREAKS.search(text)
    if breaking is not None:  # YAML counts lines by them (errors would name a later line)
        raise ShowcaseError(f"{name} cannot be read (the problem above): the project's "
                            "folders are set there",
                            [Problem(name, 1 + text.count("\n", 0, breaking.start()), None,
                                     f"holds U+{ord(breaking.group()):04X}, which YAML reads as a "
                                     "line break: remove it (write a new line, or a space, "
                                     "instead)")])
    loader = ConfigLoader(text)
    try:
        node = loader.get_single_node()
        settings = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        found = problem_of(exc, text)
        raise ShowcaseError(f"{name} cannot be read (the problem above): the project's "
                            "folders are set there",
                            [Problem(name, found.line, None, found.message)]) from None
    finally:
        loader.dispose()
    if settings is None:
        settings = {}
    if not isinstance(settings, dict):
        raise ShowcaseError(f"{name} must hold settings like 'site_name: ...'")
    inherit = settings.get("INHERIT")
    if isinstance(inherit, str) and inherit.strip():
        return _inheriting(settings, node, inherit.strip(), root, name, depth)
    return SiteConfig(settings, tuple(config_problems(node, root.resolve(), name)),
                      ((name, node),))


def theme_problems(settings: dict[str, Any], sources: tuple[Source, ...],
                   root: Path) -> list[Problem]:
    """What the build stops on in the `theme:` of `settings` (merged, as MkDocs reads them),
    at the file and line of `sources` where it is written: a theme mapping that names no theme
    ("No theme name set"), a `custom_dir:` that names no folder (relative to the file read
    first, mkdocs.yml, as MkDocs reads it: "the path set in custom_dir does not exist")."""
    theme = settings.get("theme")
    if not isinstance(theme, dict) or not sources:
        return []
    return (_nameless_theme(theme, sources) + _custom_dir_problems(theme, sources, root)
            + _footer_override(theme, sources, root)
            + _site_language(theme, sources, root) + _palette_problems(theme, sources))


#: Showcase's footer partial, which adds its feeds and open data link after the copyright line
FOOTER_PARTIAL = "partials/footer.html"


def _footer_override(theme: dict[str, Any], sources: tuple[Source, ...],
                     root: Path) -> list[Problem]:
    """A warning, at the file, when the site's custom_dir overrides Material's footer partial,
    where Showcase puts every page's link to the feeds and open data (generator/theme): the
    site's copy replaces it, and the link is gone from every page."""
    value = theme.get("custom_dir")
    if theme_name(theme) != "material" or not isinstance(value, str) or not value.strip():
        return []
    override = (root / sources[0][0]).parent / value.strip() / FOOTER_PARTIAL
    if not override.is_file():
        return []
    return [Problem(_relative(override, root), None, "theme.custom_dir",
                    "replaces Material's footer, and Showcase's with it, so no page links to "
                    "the feeds and open data (open-data/) from its footer any more: change the "
                    "copyright line in partials/copyright.html instead, or add "
                    '{% include "partials/showcase-footer-links.html" %} after the line that '
                    'includes "partials/copyright.html"', Severity.WARNING)]


def _relative(path: Path, root: Path) -> str:
    """`path` from the project root, with forward slashes (as it is, if outside it)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _palette_problems(theme: dict[str, Any], sources: tuple[Source, ...]) -> list[Problem]:
    """A warning for each of Material's named colours in `theme.palette` (a mapping, or a list
    of them for a light/dark toggle) that gives text under WCAG 1.4.3's 4.5:1
    (`generator.palette`): it replaces Showcase's own colours."""
    listed = theme.get("palette")
    if theme_name(theme) != "material" or not listed:
        return []
    entries = [(None, listed)] if isinstance(listed, dict) else \
        list(enumerate(listed)) if isinstance(listed, list) else []
    found = []
    for index, entry in entries:
        if not isinstance(entry, dict):
            continue
        for key, message in entry_problems(entry):
            field = "theme.palette" + (f"[{index}]" if index is not None else "") + f".{key}"
            found.append(Problem(*_palette_place(sources, index, key), field, message,
                                 Severity.WARNING))
    return found


def _palette_place(sources: tuple[Source, ...], index: int | None,
                   key: str) -> tuple[str, int | None]:
    """Where a palette entry's `key` is written, else the entry (Material's default is then
    used), else `palette:`."""
    for name, node in sources:
        theme = _entry(node, "theme") if isinstance(node, yaml.MappingNode) else None
        if theme is None:
            continue
        palette = _entry(theme[1], "palette") if isinstance(theme[1], yaml.MappingNode) else None
        if palette is None:
            break
        entry: yaml.Node | None = palette[1]
        if index is not None:
            items = palette[1].value if isinstance(palette[1], yaml.SequenceNode) else []
            entry = items[index] if index < len(items) else None
        written = _entry(entry, key) if isinstance(entry, yaml.MappingNode) else None
        if written is not None:
            return name, _line(written[0])
        return name, _line(entry if entry is not None and index is not None else palette[0])
    return _place(sources, ("theme", "palette"))[:2]


def _site_language(theme: dict[str, Any], sources: tuple[Source, ...],
                   root: Path) -> list[Problem]:
    """An error when Material has no words in the site's language (theme.language: en-GB,
    which its templates look for as partials/languages/en-GB.html); a warning when it is not
    English: the pages Showcase makes (listings, facts, headings like "Results in figures")
    are written in English, and screen readers would speak them in the site's language."""
    language = theme.get("language")
    if not isinstance(language, str) or not language.strip():
        return []
    advice = language_advice(language, _material_language_folders(theme, root)) \
        if theme_name(theme) == "material" else None
    if advice is not None:
        return [Problem(*_place(sources, ("theme", "language"))[:2], "theme.language",
                        f'"{language}" is not a language Material for MkDocs has its words in, '
                        f"so the build would stop: {advice}")]
    if re.split(r"[-_]", language.strip().casefold())[0] == "en":
        return []
    return [Problem(*_place(sources, ("theme", "language"))[:2], "theme.language",
                    f'"{language}" marks every page as that language, but the pages Showcase '
                    "makes are written in English (its listings, facts and headings), which "
                    "screen readers would then speak in the wrong voice: keep language: en, and "
                    f"give each story written in {language} the line language: {language}",
                    Severity.WARNING)]


#: what a theme loads from another host unless an option of it is false: (option, what, host)
THIRD_PARTY = {
    "material": ("font", "its fonts", "fonts.googleapis.com"),
    "mkdocs": ("highlightjs", "highlight.js", "cdnjs.cloudflare.com"),
    "readthedocs": ("highlightjs", "highlight.js", "cdnjs.cloudflare.com"),
}


def elsewhere_problems(settings: dict[str, Any], sources: tuple[Source, ...]) -> list[Problem]:
    """A warning for each setting of `settings` (merged, as MkDocs reads them) that would make
    every page load something from another host: a page must load nothing from elsewhere (a
    visitor's address would reach it); the build leaves each out. Each is told of at the file
    of `sources` and the line where it is written."""
    return _theme_elsewhere(settings, sources) + _settings_elsewhere(settings, sources)


def remote(address: object) -> bool:
    """Whether `address` (a setting's value) is on another host: `https://…`, `//…`."""
    return isinstance(address, str) and re.match(r"\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|//)",
                                                  address) is not None


def remote_assets(listed: object) -> list[str]:
    """The remote addresses among extra_css or extra_javascript entries (text, or
    `{path: ...}`)."""
    entries = listed if isinstance(listed, list) else []
    paths = [entry.get("path") if isinstance(entry, dict) else entry for entry in entries]
    return [str(path) for path in paths if remote(path)]


def _settings_elsewhere(settings: dict[str, Any], sources: tuple[Source, ...]) -> list[Problem]:
    found: list[tuple[tuple[str, ...], str]] = []
    if settings.get("repo_url"):
        found.append((("repo_url",), "Material asks the repository's host for its stars and "
                      "forks on every page (api.github.com), which tells it who reads the site: "
                      "the build leaves the repository link out of the pages (the story editor "
                      "still uses repo_url)"))
    extra = settings.get("extra")
    if isinstance(extra, dict) and extra.get("analytics"):
        found.append((("extra", "analytics"), "the analytics script is loaded from another host "
                      "on every page (Google's), which tells it who reads the site: the build "
                      "leaves it out"))
    theme = settings.get("theme")
    for option in ("logo", "favicon"):
        if isinstance(theme, dict) and remote(theme.get(option)):
            found.append((("theme", option), f"{theme[option]} is on another host, which every "
                          "page would tell who reads the site: the build leaves it out; keep the "
                          "picture in docs_dir and name it by its path there"))
    copyright_text = settings.get("copyright")
    if isinstance(copyright_text, str) and loads_remote(copyright_text):
        found.append((("copyright",), "loads a picture from another host on every page, which "
                      "tells it who reads the site: the build shows its alt text instead"))
    for extension in _extensions(settings):
        options = extension[1] if isinstance(extension[1], dict) else {}
        if extension[0] == "pymdownx.emoji" and "emoji_generator" not in options:
            found.append((("markdown_extensions",), "pymdownx.emoji draws emoji with pictures "
                          "from cdnjs.cloudflare.com by default, which tells it who reads the "
                          "site: set emoji_generator: !!python/name:material.extensions.emoji."
                          "to_svg (and emoji_index: !!python/name:material.extensions.emoji."
                          "twemoji)"))
    for options in _plugins_on(settings, {"projects", "material/projects"}):
        folder = str(options.get("projects_dir") or "projects")
        found.append((("plugins",), f"the projects plugin builds each MkDocs project in "
                      f"{folder}/ with its own settings, which the build does not judge or turn "
                      "off (fonts, analytics, repo_url...): check each one's mkdocs.yml, or build "
                      "them as showcase sites of their own"))
    if settings.get("hooks"):
        found.append((("hooks",), "hooks are Python the build runs: what they change after the "
                      "build has turned off what loads from elsewhere (as pages are rendered) is "
                      "published as they set it: make sure no hook adds fonts, scripts, style "
                      "sheets, analytics or pictures from other sites"))
    for key in ("extra_css", "extra_javascript"):
        for address in remote_assets(settings.get(key)):
            found.append(((key,), f"{address} is on another host, which every page would tell "
                          "who reads the site: the build leaves it out; keep the file in "
                          "docs_dir and name it by its path there"))
    return [Problem(*_place(sources, keys)[:2], ".".join(keys), message, Severity.WARNING)
            for keys, message in found]


def _plugins_on(settings: dict[str, Any], names: set[str]) -> list[dict[str, Any]]:
    """The options of each plugin of `names` that mkdocs.yml turns on, also inside Material's
    group plugin (which turns on the plugins listed under it)."""
    found: list[dict[str, Any]] = []
    for name, options in _plugins(settings.get("plugins")):
        if options.get("enabled", True) is False:
            continue
        if name in names:
            if options.get(name.rpartition("/")[2], True) is not False:  # projects: false
                found.append(options)
        elif name in ("group", "material/group"):
            found += _plugins_on({"plugins": options.get("plugins")}, names)
    return found


def _plugins(listed: object) -> list[tuple[str, dict[str, Any]]]:
    """mkdocs.yml's plugins (a list of names and one-key mappings, or a mapping) as (name,
    options)."""
    if isinstance(listed, dict):
        entries: list[object] = [{name: options} for name, options in listed.items()]
    else:
        entries = list(listed) if isinstance(listed, list) else []
    found = []
    for entry in entries:
        if isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
            found.append((str(name), options if isinstance(options, dict) else {}))
        elif isinstance(entry, str):
            found.append((entry, {}))
    return found


_REMOTE_SOURCE = re.compile(r"""\bsrc\s*=\s*["']?\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|//)""", re.IGNORECASE)


def loads_remote(html: str) -> bool:
    """Whether `html` (a setting printed into every page) loads a picture from another host."""
    return _REMOTE_SOURCE.search(html) is not None


def _extensions(settings: dict[str, Any]) -> list[tuple[str, object]]:
    """mkdocs.yml's markdown_extensions as (name, options)."""
    listed = settings.get("markdown_extensions")
    entries = listed if isinstance(listed, list) else [listed] if isinstance(listed, dict) else []
    found: list[tuple[str, object]] = []
    for entry in entries:
        if isinstance(entry, str):
            found.append((entry, None))
        elif isinstance(entry, dict):
            found += [(str(key), value) for key, value in entry.items()]
    return found


def _place(sources: tuple[Source, ...], keys: tuple[str, ...]) -> tuple[str, int | None, int]:
    """Where the merged value at `keys` (a path of mapping keys) is written: the file, the line
    of the deepest of `keys` written, and how many are. MkDocs merges an INHERITed file's
    mappings key by key, and a value of any other kind in a nearer file replaces it, so the
    nearest file that writes a key decides it, and the farther ones only below a mapping."""
    found: tuple[str, int | None, int] = (sources[0][0] if sources else CONFIG_FILE, None, 0)
    live = [(name, node) for name, node in sources if isinstance(node, yaml.MappingNode)]
    for depth, key in enumerate(keys, start=1):
        entries = [(name, pair) for name, node in live
                   if isinstance(node, yaml.MappingNode) and (pair := _entry(node, key))]
        if not entries:
            break
        found = (entries[0][0], _line(entries[0][1][0]), depth)
        live = []
        for name, (_, value) in entries:
            if not isinstance(value, yaml.MappingNode):
                break  # replaces what the farther files write (a nearer one would be merged)
            live.append((name, value))
    return found


def theme_name(theme: object) -> str | None:
    """The theme a merged `theme:` setting names, as MkDocs reads it: its own (`mkdocs`) when
    none is set; None for a mapping without `name:` (which MkDocs refuses) or a name not text."""
    if theme is None:
        return "mkdocs"
    chosen = theme.get("name") if isinstance(theme, dict) else theme
    return chosen if isinstance(chosen, str) else None


def _theme_elsewhere(settings: dict[str, Any], sources: tuple[Source, ...]) -> list[Problem]:
    theme = settings.get("theme")
    options = theme if isinstance(theme, dict) else {}
    chosen = theme_name(theme)
    if chosen is None or chosen not in THIRD_PARTY:
        return []
    option, what, host = THIRD_PARTY[chosen]
    if options.get(option) is False:
        return []
    advice = (f"write {option}: false under theme:" if isinstance(theme, dict)
              else f"write theme: {{name: {chosen}, {option}: false}}" if theme is not None
              else "write theme: {name: material, font: false} (the site is made for Material "
                   "for MkDocs; MkDocs' own theme is used when no theme is named)")
    return [Problem(*_theme_place(sources, option), f"theme.{option}",
                    f"the {chosen} theme loads {what} from {host} on every page, which would "
                    f"tell that host who reads the site: the build turns it off; {advice}",
                    Severity.WARNING)]


def language_advice(language: str, folders: Iterable[Path]) -> str | None:
    """What to write instead of the site's `language` when the theme's translations (its
    partials/languages/<language>.html, in `folders`) have none of that name, else None (also
    for a theme without translations)."""
    found = [folder for folder in folders if folder.is_dir()]
    if not found or any((folder / f"{language}.html").is_file() for folder in found):
        return None
    known = sorted({page.stem for folder in found for page in folder.glob("*.html")})
    first = re.split(r"[-_]", language.strip().casefold())[0]
    return f"write language: {first}" if first in known else \
        f"write one of: {', '.join(known[:12])}…"


def _material_language_folders(theme: dict[str, Any], root: Path) -> list[Path]:
    """Where Material keeps its words in each language (partials/languages), and a
    custom_dir's own; none when Material is not installed here."""
    spec = importlib.util.find_spec("material")  # found, not imported (MkDocs' theme)
    if spec is None or not spec.submodule_search_locations:
        return []
    installed = Path(next(iter(spec.submodule_search_locations)))
    folders = [installed / "templates" / "partials" / "languages"]
    custom = theme.get("custom_dir")
    if isinstance(custom, str) and custom.strip():
        folders.append(root / custom.strip() / "partials" / "languages")
    return folders


def _theme_place(sources: tuple[Source, ...], option: str) -> tuple[str, int | None]:
    """Where a theme's `option` is written, else the `theme:` of the file that names the theme
    (a nearer file may add other options to it), else the nearest `theme:`."""
    name, line, depth = _place(sources, ("theme", option))
    if depth == 2:
        return name, line
    named, _, depth = _place(sources, ("theme", "name"))
    if depth == 2:
        return named, _place(tuple(s for s in sources if s[0] == named), ("theme",))[1]
    return _place(sources, ("theme",))[:2]


def _nameless_theme(theme: dict[str, Any], sources: tuple[Source, ...]) -> list[Problem]:
    """A `theme:` mapping without `name:`: MkDocs stops ("No theme name set"). A theme named
    as text in an INHERITed file (`theme: mkdocs`) is replaced by the mapping, not added to."""
    if "name" in theme:
        return []
    name, line, _ = _place(sources, ("theme",))
    replaced = _text_theme(sources)
    fix = (f'{replaced[0]} names the theme as text (theme: {replaced[1]}) on line {replaced[2]}, '
           "and MkDocs replaces it with this mapping rather than adding to it: write "
           f"name: {replaced[1]} under theme: here, or write theme: {{name: {replaced[1]}}} in "
           f"{replaced[0]}" if replaced is not None
           else "write name: material under theme: (with font: false), or the name of the "
                "theme the site is made with")
    return [Problem(name, line, "theme.name", 'names no theme, so the site cannot be built '
                    f'(MkDocs says "No theme name set"): {fix}')]


def _text_theme(sources: tuple[Source, ...]) -> tuple[str, str, int] | None:
    """The farther file, its theme and line, that names the theme as text (`theme: mkdocs`)
    which a nearer `theme:` mapping replaces."""
    for name, node in sources[1:]:
        pair = _entry(node, "theme") if isinstance(node, yaml.MappingNode) else None
        if pair is not None and isinstance(pair[1], yaml.ScalarNode):
            value = _scalar_value(pair[1])
            if isinstance(value, str) and value.strip():
                return name, value, _line(pair[0])
        if pair is not None:
            return None  # a mapping: merged with the nearer one (or replaced by it, if not one)
    return None


def _custom_dir_problems(theme: dict[str, Any], sources: tuple[Source, ...],
                         root: Path) -> list[Problem]:
    value = theme.get("custom_dir")  # None too for `!ENV`, decided at build time
    if not isinstance(value, str) or not value.strip():
        return []
    if ((root / sources[0][0]).parent / value).is_dir():
        return []
    name, line, _ = _place(sources, ("theme", "custom_dir"))
    return [Problem(name, line, "theme.custom_dir",
                    f'"{value}" is no folder, so the site cannot be built: create it with the '
                    "theme's template overrides (main.html and the like), or remove the line")]


def _inheriting(settings: dict[str, Any], node: yaml.Node | None, inherit: str, root: Path,
                name: str, depth: int) -> SiteConfig:
    """Settings that `INHERIT` another file, merged as MkDocs merges them (mappings key by
    key, the child's lists and values replacing the parent's); the showcase plugin's problems
    are judged in the file that lists it."""
    key = _entry(node, "INHERIT") if isinstance(node, yaml.MappingNode) else None
    line = _line(key[0]) if key is not None else None
    parent_file = (root / name).parent / inherit
    if depth > 10 or not parent_file.is_file():
        why = "inherits too deeply (a loop?)" if depth > 10 else f'"{inherit}" does not exist'
        return SiteConfig({k: v for k, v in settings.items() if k != "INHERIT"},
                          (Problem(name, line, "INHERIT", f"{why}: name the file of settings "
                                   f"this one builds on, relative to {name}"),), ((name, node),))
    try:
        text = parent_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ShowcaseError(f"{inherit} (inherited by {name}) cannot be read: {exc}") from None
    shown = Path(name).parent.joinpath(inherit).as_posix()
    parent = _read_file(text, root, shown, depth + 1)
    own = {k: v for k, v in settings.items() if k != "INHERIT"}
    problems = config_problems(node, root.resolve(), name) if "plugins" in own \
        else list(parent.problems)
    return SiteConfig(_merged(parent.settings, own), tuple(problems),
                      ((name, node), *parent.sources))


def _merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """`child` over `parent`: mappings merged key by key, anything else replaced."""
    merged = dict(parent)
    for key, value in child.items():
        below = merged.get(key)
        merged[key] = _merged(below, value) if isinstance(below, dict) and isinstance(value, dict) \
            else value
    return merged


def extension_options(settings: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The options mkdocs.yml's `markdown_extensions` give the extension `name` (`toc`), as
    MkDocs takes them (a list of names and `{name: options}`, or one mapping); None when it
    is not listed. A Python function in them (`!!python/name:`) is None."""
    listed = settings.get("markdown_extensions")
    entries = [listed] if isinstance(listed, dict) else listed if isinstance(listed, list) else []
    found: dict[str, Any] | None = None
    for entry in entries:
        if entry == name:
            found = found if found is not None else {}
        elif isinstance(entry, dict) and name in entry:
            options = entry[name]
            found = dict(options) if isinstance(options, dict) else {}
    return found


def config_problems(node: yaml.Node | None, root: Path, name: str = CONFIG_FILE) -> list[Problem]:
    """What `showcase build` would refuse in mkdocs.yml's showcase plugin (its `node`, composed
    by `ConfigLoader`), and plugin folders missing or outside the project at `root`."""
    plugins = _entry(node, "plugins") if isinstance(node, yaml.MappingNode) else None
    if plugins is not None and _decided_later(plugins[1]):
        return []
    listed = _Listing(name)
    if plugins is not None:
        listed.read(plugins[1])
    if not listed.mine and not listed.problems:
        line = _line(plugins[0]) if plugins is not None else None
        return [Problem(name, line, "plugins", "does not list the showcase plugin, so the site "
                        "would have no stories: add '- showcase' under 'plugins:'")]
    found = list(listed.problems)
    first = _line(listed.mine[0][0]) if listed.mine else 0
    found += [Problem(name, _line(key), "plugins", "lists the showcase plugin again (also on "
                      f"line {first}): keep one") for key, _ in listed.mine[1:]]
    if listed.mine:
        found += _option_problems(listed.mine[0][1], root, name)
    return found


class _Listing:
    """The plugins a `plugins:` value lists: the showcase entries (name node, options node)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.mine: list[tuple[yaml.Node, yaml.Node | None]] = []
        self.problems: list[Problem] = []

    def read(self, value: yaml.Node) -> None:
        if isinstance(value, yaml.MappingNode):
            for key, options in value.value:
                self._add(key, options)
        elif isinstance(value, yaml.SequenceNode):
            for index, item in enumerate(value.value):
                self._item(index, item)
        elif _scalar_value(value) is not None:
            self.problems.append(Problem(self.name, _line(value), "plugins",
                                         "expected a list of plugins, one a line: - search, "
                                         "- showcase"))

    def _item(self, index: int, item: yaml.Node) -> None:
        if isinstance(item, yaml.ScalarNode):
            self._add(item, None)
        elif isinstance(item, yaml.MappingNode) and len(item.value) == 1:
            self._add(*item.value[0])
        elif isinstance(item, yaml.MappingNode):
            names = ", ".join(str(key.value) for key, _ in item.value)
            self.problems.append(Problem(
                self.name, _line(item), f"plugins[{index}]",
                f"names {len(item.value)} plugins in one item ({names}): indent a plugin's "
                "options further than its name, under '- showcase:'"))
        else:
            self.problems.append(Problem(self.name, _line(item), f"plugins[{index}]",
                                         "expected a plugin's name, e.g. - showcase"))

    def _add(self, key: yaml.Node, options: yaml.Node | None) -> None:
        if isinstance(key, yaml.ScalarNode) and key.value == PLUGIN:
            self.mine.append((key, options))


def _option_problems(options: yaml.Node | None, root: Path, name: str) -> list[Problem]:
    field = f"plugins.{PLUGIN}"
    if options is None or _decided_later(options) or _scalar_value(options) is None:
        return []
    if not isinstance(options, yaml.MappingNode):
        return [Problem(name, _line(options), field, "expected the plugin's options under "
                        f"it, one a line like per_page: 20, got {_shown(options)}")]
    found = []
    for key, value in options.value:
        option = str(key.value)
        where = (name, _line(key), f"{field}.{option}")
        if option != ENABLED and option not in OPTIONS:
            found.append(Problem(*where, _unknown(option)))
        elif not _decided_later(value):
            found += [Problem(*where, message, severity)
                      for message, severity in _value_problems(option, value, root)]
    return found


def _unknown(option: str) -> str:
    from generator.checks import did_you_mean  # checks imports project, which imports this

    return (f"the showcase plugin has no option {option}{did_you_mean(option, OPTIONS)}; "
            f"its options are {', '.join(OPTIONS)}")


def _value_problems(option: str, node: yaml.Node, root: Path) -> Iterator[tuple[str, Severity]]:
    value: Any = _scalar_value(node) if isinstance(node, yaml.ScalarNode) else node
    if value is None:
        return  # MkDocs uses the default
    if option == ENABLED:
        if not isinstance(value, bool):
            yield f"expected true or false, got {_shown(node)}{_unquote(node, bool)}", Severity.ERROR
        elif not value:
            yield ("turns the showcase plugin off, so the site would have no stories: remove "
                   "it"), Severity.ERROR
        return
    spec = OPTIONS[option]
    wrong = _kind_problem(spec, value, node)
    if wrong:
        yield wrong, Severity.ERROR
    elif option == "now" and value.strip():
        yield from _now_problems(value)
    elif option == "cms" and value is True:
        yield from _cms_problems(root)
    elif spec.holds:
        yield from _folder_problems(option, spec, value, root)


def _kind_problem(spec: Option, value: Any, node: yaml.Node) -> str | None:
    shown = _shown(node)
    if spec.kind is bool and not isinstance(value, bool):
        return f"expected true or false, got {shown}{_unquote(node, bool)}"
    if spec.kind is int and (isinstance(value, bool) or not isinstance(value, int)
                             or value < (spec.minimum or 0)):
        return f"expected a whole number of at least {spec.minimum}, got {shown}{_unquote(node, int)}"
    if spec.kind is str and not isinstance(value, str):
        what = "a folder name" if spec.holds else "a date-time like 2026-03-01T09:00:00+00:00"
        hint = f' (put it in quotes: "{node.value}")' if isinstance(node, yaml.ScalarNode) else ""
        return f"expected {what}, got {shown}{hint}"
    return None


def _now_problems(value: str) -> Iterator[tuple[str, Severity]]:
    from generator import clock  # the model's date parsing: only when `now` is set

    try:
        clock.now(value)
    except ShowcaseError as problem:  # the clock's words, which --now gets too
        yield str(problem).removeprefix(clock.NOW_NAMED), Severity.ERROR


def _cms_problems(root: Path) -> Iterator[tuple[str, Severity]]:
    from generator.cms.bundle import CMS_PACKAGE, dist_for  # only when cms: true is written

    if dist_for(root) is None:
        yield ("the story editor (admin/) will not be published: its script is not installed; "
               f"run `npm install` in the repository (package.json lists {CMS_PACKAGE}), or "
               "write cms: false"), Severity.WARNING


def _folder_problems(option: str, spec: Option, value: str,
                     root: Path) -> Iterator[tuple[str, Severity]]:
    folder = root / value
    if not folder.resolve().is_relative_to(root):
        yield (f'"{value}" is outside the project folder: keep {spec.holds} inside it, '
               f"e.g. {option}: {spec.default}"), Severity.ERROR
    elif folder.is_file():
        yield f'"{value}" is a file: name the folder that holds {spec.holds}', Severity.ERROR
    elif not folder.is_dir():
        from generator.checks import did_you_mean  # checks imports project, which imports this

        folders = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
        severity = Severity.ERROR if option in NEEDED_FOLDERS else Severity.WARNING
        yield (f'there is no folder "{value}" in the project{did_you_mean(value, folders)}: '
               f"create it, or name the folder that holds {spec.holds}"), severity


def _entry(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The last `key: value` pair of `mapping` (as PyYAML keeps the last of a repeated key)."""
    pairs = [(k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key]
    return pairs[-1] if pairs else None


def _decided_later(node: yaml.Node) -> bool:
    """A value MkDocs decides at build time (`!ENV [VAR, default]`): not judged here."""
    return str(node.tag).startswith(_IGNORED_TAGS)


def _scalar_value(node: yaml.Node) -> Any:
    """A node's value as MkDocs' loader makes it (YAML 1.1: `yes` is true, 2026-01-01 a date)."""
    loader = ConfigLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _shown(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a set of fields"
    value = _scalar_value(node)
    if isinstance(value, str):
        return f'"{node.value}"'
    return str(node.value)


def _unquote(node: yaml.Node, kind: type) -> str:
    """" (remove the quotes)" when a quoted value would be right without them."""
    if not (isinstance(node, yaml.ScalarNode) and node.style in ("'", '"')):
        return ""
    loader = ConfigLoader("")
    tag = loader.resolve(yaml.ScalarNode, node.value, (True, False))  # type: ignore[no-untyped-call]
    loader.dispose()
    unquoted = _scalar_value(yaml.ScalarNode(tag, node.value))
    return " (remove the quotes)" if isinstance(unquoted, kind) else ""


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1
