"""A safe YAML reader that remembers the line of every value.

libyaml (C) parses; this module builds plain Python values from the node tree itself so
that it can reject what a comms officer never means (duplicate keys, anchors, aliases,
tags) and keep what they do mean: plain scalars follow the YAML 1.2 core schema, so `no`
stays text, `1:30` stays text and dates stay text for the model to parse with a
helpful message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from generator.reading.characters import DIRECTION_CONTROLS, UNSAFE_CHARACTERS, described

Path_ = tuple[str | int, ...]

_MAX_DEPTH = 40
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


class YamlProblem(Exception):
    """The text is not YAML this tool will read; `line` is 1-based in the file; `field`, the
    top-level field to blame where one is known (for text nested too deep)."""

    def __init__(self, line: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.field = field


TOO_DEEP = f"nested more than {_MAX_DEPTH} levels deep"
"""What `load` says of text nested deeper than it reads (with the top-level field to blame)."""


@dataclass
class Located:
    """Plain data read from YAML, with the line of each key or list item."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")
"""Line breaks to YAML that are no line break in a file (NEL and the Unicode separators)."""


def load(text: str, first_line: int = 1) -> Located:
    """Read one YAML document; `first_line` is the file line the text starts on."""
    offset = first_line - 1
    breaking = YAML_ONLY_BREAKS.search(text)
    if breaking is not None:  # YAML counts lines by them, files and people do not
        raise YamlProblem(first_line + text.count("\n", 0, breaking.start()),
                          f"holds U+{ord(breaking.group()):04X}, which YAML reads as a line "
                          "break: remove it (write a new line, or a space, instead)")
    if "&" in text or "*" in text or "!" in text or _may_nest_deeply(text):
        _screen(text, offset)
    loader = _NodeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _problem_from(exc, offset, text) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(first_line + _reader_line(exc, text), _plain(exc)) from None
    finally:
        loader.dispose()
    located = Located(None, {(): first_line})
    if node is not None:
        located.data = _Builder(located.lines, offset).build(node, (), 0)
    # only a double-quoted escape (like "\\f") can carry a control character; a text-direction
    # control is printable to YAML, and U+0085 (NEL) a line break
    if "\\" in text or "\x85" in text or DIRECTION_CONTROLS.search(text):
        _refuse_control_characters(located.data, (), located)
    return located


def problem_of(exc: yaml.YAMLError, text: str) -> YamlProblem:
    """PyYAML's complaint about `text` as this module words it, at its line (for YAML read by
    another loader, e.g. mkdocs.yml with MkDocs' own tags)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        return _problem_from(exc, 0, text)
    return YamlProblem(1 + _reader_line(exc, text), _plain(exc))


def _refuse_control_characters(value: Any, path: Path_, located: Located) -> None:
    if isinstance(value, str):
        found = UNSAFE_CHARACTERS.search(value)
        if found:
            advice = "remove it" if DIRECTION_CONTROLS.match(found.group()) else "remove the escape"
            raise YamlProblem(located.line_of(path), f"holds the control character "
                                                     f"{described(found.group())}: {advice}")
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_control_characters(item, (*path, key), located)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_control_characters(item, (*path, index), located)


class _NodeLoader(yaml.CSafeLoader):
    """libyaml's composer without PyYAML's tag resolution: `_scalar` types values itself.

    The resolver runs a Python regex search for every node, a third of the reading time,
    and its answer (YAML 1.1 tags) is never used here.
    """

    _TAGS: ClassVar[dict[type, str]] = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
        yaml.MappingNode: "tag:yaml.org,2002:map",
    }

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return self._TAGS[kind]


def _may_nest_deeply(text: str) -> bool:
    """Whether `text` could nest deeper than allowed (most front-matter cannot: a quick look).
    libyaml's composer recurses once per level, in C: ten thousand `[` crash the process, so
    such text is refused (`_screen`) before it is composed."""
    return (text.count("[") + text.count("{") > _MAX_DEPTH or "- -" in text
            or _DEEP_INDENT.search(text) is not None)


_DEEP_INDENT = re.compile(rf"^[ \t]{{{2 * _MAX_DEPTH},}}\S", re.MULTILINE)


def _screen(text: str, offset: int) -> None:
    """Refuse anchors, aliases, tags and nesting deeper than `_MAX_DEPTH`, reading the events
    of `text` (libyaml's parser does not recurse) before anything composes it."""
    loader = yaml.CSafeLoader(text)
    depth = 0
    # the top-level field whose value is being read: at depth 1 of a mapping at the top, nodes
    # are key, value, key, value...
    field: str | None = None
    in_fields = next_is_key = False
    try:
        while loader.check_event():
            event: Any = loader.get_event()
            line = int(event.start_mark.line) + 1 + offset
            if depth == 1 and in_fields and isinstance(event, _NODE_EVENTS):
                if next_is_key:
                    field = str(event.value) if isinstance(event, yaml.ScalarEvent) else None
                next_is_key = not next_is_key
            if isinstance(event, yaml.CollectionStartEvent):
                if depth == 0:
                    in_fields = next_is_key = isinstance(event, yaml.MappingStartEvent)
                depth += 1
                if depth > _MAX_DEPTH:
                    raise YamlProblem(line, TOO_DEEP, field)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.AliasEvent):
                raise YamlProblem(line, f"aliases (*{event.anchor}) are not allowed: write the value out in full")
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise YamlProblem(line, f"anchors (&{anchor}) are not allowed: write each value out in full")
            tag = getattr(event, "tag", None)
            if tag is not None and not _is_implicit(event):
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                raise YamlProblem(line, f"tags like {shown} are not allowed: remove the tag and write a plain value")
    except yaml.MarkedYAMLError as exc:
        raise _problem_from(exc, offset, text) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(offset + 1 + _reader_line(exc, text), _plain(exc)) from None
    finally:
        loader.dispose()


_NODE_EVENTS = (yaml.ScalarEvent, yaml.CollectionStartEvent, yaml.AliasEvent)


def _is_implicit(event: Any) -> bool:
    implicit = getattr(event, "implicit", None)
    if isinstance(implicit, tuple):  # scalars: (plain, quoted) resolvable without a tag
        return bool(implicit[0] or implicit[1])
    return bool(implicit)


class _Builder:
    def __init__(self, lines: dict[Path_, int], offset: int) -> None:
        self.lines = lines
        self.offset = offset

    def line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1 + self.offset

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        # scalars are most nodes: they are built inline by _mapping and _sequence, and here
        if type(node) is yaml.ScalarNode:
            return _scalar(node)
        if depth > _MAX_DEPTH:
            raise YamlProblem(self.line(node), TOO_DEEP,
                              path[0] if path and isinstance(path[0], str) else None)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, path, depth)
        return _scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        lines, first_line = self.lines, 1 + self.offset
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise YamlProblem(self.line(key_node), "a key must be a plain name, not a list or mapping")
            key = str(key_node.value)
            key_path = (*path, key)
            if key in result:
                raise YamlProblem(
                    self.line(key_node),
                    f'duplicate key "{key}": it is also on line {lines[key_path]}; keep one of them',
                )
            lines[key_path] = key_node.start_mark.line + first_line
            result[key] = (_scalar(value_node) if type(value_node) is yaml.ScalarNode
                           else self.build(value_node, key_path, depth + 1))
        return result

    def _sequence(self, node: yaml.SequenceNode, path: Path_, depth: int) -> list[Any]:
        items = []
        lines, first_line = self.lines, 1 + self.offset
        for index, item in enumerate(node.value):
            item_path = (*path, index)
            lines[item_path] = item.start_mark.line + first_line
            items.append(_scalar(item) if type(item) is yaml.ScalarNode
                         else self.build(item, item_path, depth + 1))
        return items


_CONSTANTS: dict[str, Any] = {
    **dict.fromkeys(_NULL, None), **dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)
}
_NUMBER_START = frozenset("-+.0123456789")


def _scalar(node: yaml.Node) -> Any:
    text = str(node.value)
    if getattr(node, "style", None):  # quoted or block scalar: always text
        return text
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    if text[0] not in _NUMBER_START:  # not "" (a constant): most text ends here
        return text
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def _problem_from(exc: yaml.MarkedYAMLError, offset: int, text: str = "") -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and any(w in (exc.context or "") for w in _OPENED_AT):
        mark = exc.context_mark  # an unclosed [ { or quote: the line that opened it
    curly = _closed_by_a_curly_quote(text, mark.line if mark is not None else 0)
    if curly is not None:  # the quote runs on to a later line, where the parser complains
        index, closing = curly
        straight = '"' if closing in "”“" else "'"
        return YamlProblem(index + 1 + offset, f"not valid YAML: a quote opened with {straight} "
                                               f"is closed with {closing}, a curly quote Word "
                                               f"types: close it with a straight {straight}")
    line = (mark.line + 1 if mark is not None else 1) + offset
    source = text.split("\n")[mark.line] if mark is not None and mark.line < text.count("\n") + 1 else ""
    if _TABBED.match(source) is None and exc.problem in _NOT_EXPECTED:
        return YamlProblem(line, "not valid YAML: " + _misplaced_line(
            exc.problem, text.split("\n"), mark.line if mark is not None else 0, offset))
    return YamlProblem(line, f"not valid YAML: {_plain(exc)}{_hint(exc, source)}")


_TABBED = re.compile(r"[ \t]*\t")
"""A line indented with a tab (the hint says to indent with spaces)."""

#: the parser's complaints of a line that is not what the lines above lead it to expect
_NOT_EXPECTED = {
    "did not find expected key": "this line is not a `field: value` line where one was expected",
    "did not find expected '-' indicator": "this line is not a `- ...` list item where one was "
                                           "expected",
}


def _misplaced_line(problem: str, rows: list[str], index: int, offset: int) -> str:
    """Why row `index` is not where the parser expected a field (or list item), in plain
    words: most often a list or indented lines under a field already given its value on its
    own line (`outcomes: [a]` and then `  - b`)."""
    above = next((i for i in range(index - 1, -1, -1) if rows[i].strip()
                  and not rows[i].lstrip().startswith("#")), None)
    given = _FIELD_WITH_VALUE.match(rows[above]) if above is not None else None
    row = rows[index] if index < len(rows) else ""
    item = _LIST_ITEM.match(row) is not None
    if above is None or given is None or not (item or _indent(row) > _indent(rows[above])):
        return f"{_NOT_EXPECTED[problem]}: check its indentation against the lines above"
    key, value = given.group("key"), given.group("value")
    line, key_line = index + 1 + offset, above + 1 + offset
    if item:
        return (f"line {line} is a list item under {key}:, which already has a value on line "
                f"{key_line} ({value}): write the list one way, either on line {key_line} in "
                "brackets or as - lines under it")
    return (f"line {line} is indented under {key}:, which already has a value on line {key_line} "
            f"({value}): give {key}: its value one way, either on line {key_line} or on indented "
            f"lines under it (if line {line} is a field of its own, line it up with {key}:)")


#: a `field: value` line (in a list item too), its value without a trailing comment
_FIELD_WITH_VALUE = re.compile(
    r"^[ ]*(?:-[ ]+)?(?P<key>[^\s#:'\"\[{-][^:#]*?):[ ]+(?P<value>[^\s#](?:.*?[^\s])?)"
    r"(?:[ ]+#.*)?[ ]*$")
_LIST_ITEM = re.compile(r"^[ ]*-(?:[ ]|$)")


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip(" "))


def _closed_by_a_curly_quote(text: str, last: int) -> tuple[int, str] | None:
    """The first line up to `last` (0-based) with a straight double quote left open and a
    curly one after it (`title: "Libraries”`, `- "Acme”`, `["one”, "two"]`), and that
    curly quote: YAML reads the ” as a letter and the quote runs on."""
    for index, row in enumerate(text.split("\n")[:last + 1]):
        for straight, after_open in (('"', _CURLY_AFTER_OPEN), ("'", _CURLY_AFTER_SINGLE)):
            if row.count(straight) % 2 and "#" not in row.split(straight, 1)[0]:
                found = after_open.search(row)
                if found is not None:
                    return index, found.group(1)
    return None


#: a straight quote opening a value (after ":", "-", "[" or ","), its text, then a curly one
_CURLY_AFTER_OPEN = re.compile(r'(?:^|[:\-\[,])\s*"[^"]*?([”“])')
_CURLY_AFTER_SINGLE = re.compile(r"(?:^|[:\-\[,])\s*'[^']*?([’‘])(?:\s*[,\]}]|\s*$)")

#: parser contexts whose problem is best shown where the thing was opened
_OPENED_AT = ("flow sequence", "flow mapping", "quoted scalar")

#: what usually causes a parser complaint, by words in it
_HINTS = (
    ("mapping values are not allowed", "a value holding ': ' needs double quotes around it"),
    ("did not find expected ',' or ']'", "a list written [a, b] needs its closing ]"),
    ("did not find expected ',' or '}'", "fields written {a: b} need their closing }"),
    ("expected <block end>", "check the indentation of this line"),
    ("found unexpected end of stream", "a quote is not closed"),
    ("expected a single document", "this file holds settings only: remove the '---' lines"),
    ("found unknown escape character", "in double quotes a backslash starts an escape: write a "
                                       "path with / (evidence/a.pdf), or in single quotes"),
)


def _hint(exc: yaml.MarkedYAMLError, source: str) -> str:
    if "\t" in source[: len(source) - len(source.lstrip())]:
        return " (indent with spaces, not tabs)"
    value = source.partition(": ")[2].strip()
    if value[:1] in _CURLY_QUOTES:  # Word's “ ” and ‘ ’ are letters to YAML, not quotes
        return (f" (the value starts with {value[0]}, a curly quote Word types: YAML reads it "
                "as a letter, not a quote: write straight double quotes \" around the value)")
    if value[:1] in "\"'" and value[-1:] in _CURLY_QUOTES:
        return (f" (the quote opened with {value[0]} is closed with {value[-1]}, a curly quote "
                f"Word types: close it with a straight {value[0]})")
    if value[:1] in _RESERVED_STARTS:
        return f" (a value cannot start with {value[0]}: put it in quotes{_RESERVED_STARTS[value[0]]})"
    words = f"{exc.context} {exc.problem}"
    return next((f" ({hint})" for key, hint in _HINTS if key in words), "")


_CURLY_QUOTES = frozenset("“”„‘’‚«»")

#: characters YAML reserves at the start of a plain value, and what people usually meant
_RESERVED_STARTS = {"%": ", or write unit: percent", "@": "", "`": ""}


def _plain(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        parts = [exc.context, exc.problem]
        return ", ".join(p for p in parts if p) or "cannot be read"
    if isinstance(exc, yaml.reader.ReaderError):
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        return f"the control character U+{char:04X} is not allowed: delete it"
    return str(exc).splitlines()[0] if str(exc) else "cannot be read"


def _reader_line(exc: yaml.YAMLError, text: str) -> int:
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        return text.count("\n", 0, position)
    return 0
