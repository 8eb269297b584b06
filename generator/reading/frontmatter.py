"""Splitting a Markdown file into its YAML front-matter and its body."""

from __future__ import annotations

from dataclasses import dataclass

from generator.reading import safe_yaml
from generator.reading.safe_yaml import Located, YamlProblem

_FENCE = "---"
_CLOSERS = ("---", "...")


@dataclass(frozen=True)
class Document:
    """A front-matter document: located fields and the body after them."""

    fields: Located
    body: str
    body_line: int
    """The file line the body starts on."""


def parse(text: str) -> Document:
    """Split and read `text`; a problem names the line to fix."""
    if not text.strip():
        raise YamlProblem(1, "the file is empty: it needs front-matter between two '---' lines")
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        first = next((n for n, line in enumerate(lines) if line.strip()), 0)
        if lines[first].rstrip() == _FENCE:  # blank lines before the fence
            raise YamlProblem(1, f"the file starts with {first} blank line{'s' * (first != 1)} "
                                 f"before '---' (line {first + 1}): remove "
                                 f"{'them' if first != 1 else 'it'}, so that '---' is the first line")
        if lines[first].rstrip() == "+++":
            raise YamlProblem(first + 1, "'+++' starts TOML front-matter, which is not read: "
                                         "write the fields as YAML between two '---' lines "
                                         "(title: ..., one per line)")
        raise YamlProblem(
            1, "no front-matter: the file must start with a line '---', then the fields, "
               "then another '---' line",
        )
    end = _closing_line(lines)
    fields = safe_yaml.load("\n".join(lines[1:end]), first_line=2)
    if not isinstance(fields.data, dict):
        found = ("nothing" if fields.data is None
                 else "a list" if isinstance(fields.data, list) else "a single value")
        raise YamlProblem(2, f"the front-matter must be fields like 'title: ...', found {found}")
    return Document(fields, "\n".join(lines[end + 1:]), end + 2)


def _closing_line(lines: list[str]) -> int:
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSERS:
            return index
    raise YamlProblem(
        1, "the front-matter is not closed: add a line '---' after the last field",
    )
