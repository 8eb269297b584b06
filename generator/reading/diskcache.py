"""Story front-matter read in earlier runs, kept on disk by the hash of the file's text.

Reading a large project is mostly parsing YAML: every command (check, build, pack, export)
reads every story. The parsed front-matter of each story file (its fields, the line of each,
the body) is kept between runs, keyed by the SHA-256 of the file's whole text, so a run
parses again only the files that changed.

Safe by construction:
- The cache lives in the user's cache folder (platformdirs; `SHOWCASE_CACHE_DIR` names
  another, `off` turns it off), one file per project, never in the project: a repository
  cannot plant one.
- It is plain JSON (never pickle), and what it gives back is only the YAML's data: the story
  model validates it again like a fresh read, and the checks run as before, so a damaged or
  edited cache can cost a re-read but cannot let a bad field through. An unreadable cache is
  ignored, and replaced.
- Each run keeps only the entries of the files it read, so it never outgrows the project; a
  new version of Showcase starts a new cache.

It also keeps `check`'s verdict on each photo (whether it can be decoded, as the build must to
strip its metadata), by the photo's hash (`verdict`). A wrong verdict read from an edited cache
can only make `check` pass a photo the build then refuses: the build decodes every photo it
publishes, whatever the cache says.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir

from generator import __version__
from generator.reading import frontmatter
from generator.reading.frontmatter import Document
from generator.reading.safe_yaml import Located, YamlProblem


def _reader_fingerprint() -> str:
    """The version and the source of the code that parses front-matter: any change to it
    (a fix in the YAML reader, say) starts a new cache."""
    from generator.reading import characters, safe_yaml

    digest = hashlib.sha256(__version__.encode())
    for module in (frontmatter, safe_yaml, characters):
        if module.__file__:
            digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


FORMAT = f"showcase-frontmatter-1/{_reader_fingerprint()}"
"""Written into the cache; a cache of another format, version or reader is not read."""
ENVIRONMENT = "SHOWCASE_CACHE_DIR"


class FrontMatterCache:
    """Parsed front-matter by text hash, loaded from `path` (None: nothing kept on disk)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._old: dict[str, Any] = _load(path) if path is not None else {}
        self._new: dict[str, Any] = {}
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_project(cls, root: Path) -> FrontMatterCache:
        """The cache of the project at `root`, in the user's cache folder."""
        folder = os.environ.get(ENVIRONMENT)
        if folder is not None and folder.strip().lower() in ("", "off", "0", "no"):
            return cls(None)
        base = Path(folder) if folder else Path(user_cache_dir("showcase", appauthor=False))
        name = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
        return cls(base / f"{name[:32]}.json")

    def parse(self, text: str) -> Document:
        """`frontmatter.parse(text)`, from the cache when this text was read before."""
        if self.path is None:
            return frontmatter.parse(text)
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        found = self._old.get(key)
        entry = None
        if found is not None:
            try:
                entry = _decode_entry(found, text)
                self.hits += 1
            except (KeyError, TypeError, ValueError, IndexError):
                entry = None
        if entry is None:
            self.misses += 1
            try:
                entry = frontmatter.parse(text)
            except YamlProblem as exc:
                entry = exc
            found = _encode_entry(entry)
        self._new[key] = found
        if isinstance(entry, YamlProblem):
            raise YamlProblem(entry.line, entry.message, entry.field)
        return entry

    def verdict(self, key: str, judge: Callable[[], str | None]) -> str | None:
        """The verdict (a reason to refuse, or None) kept under `key` by an earlier run, else
        `judge()`'s; kept for the next run either way (`images.refusal`'s photo verdicts)."""
        found = self._old.get(key, {}) if self.path is not None else {}
        kept = found.get("verdict", False) if isinstance(found, dict) else False
        verdict = kept if kept is None or isinstance(kept, str) else judge()
        self._new[key] = {"verdict": verdict}
        return verdict

    def taken(self) -> dict[str, Any]:
        """The entries this run used so far (another process's, for `adopt`)."""
        return dict(self._new)

    def adopt(self, entries: dict[str, Any], hits: int, misses: int) -> None:
        """Add the entries and counts of a copy of this cache used in another process."""
        self._new.update(entries)
        self.hits += hits
        self.misses += misses

    def save(self) -> None:
        """Write this run's entries (only when they differ from what was read)."""
        if self.path is None or self._new == self._old:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            data = json.dumps({"format": FORMAT, "entries": self._new},
                              separators=(",", ":"), ensure_ascii=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="ascii") as out:
                out.write(data)
            os.replace(temporary, self.path)
        except OSError:  # a read-only or full disk: the next run reads the files again
            return


def _load(path: Path) -> dict[str, Any]:
    try:
        loaded = json.loads(path.read_text(encoding="ascii"))
    except (OSError, ValueError):
        return {}
    if not isinstance(loaded, dict) or loaded.get("format") != FORMAT:
        return {}
    entries = loaded.get("entries")
    return entries if isinstance(entries, dict) else {}


def _encode_entry(entry: Document | YamlProblem) -> Any:
    if isinstance(entry, YamlProblem):
        return {"problem": [entry.line, entry.message, entry.field]}
    fields = entry.fields
    data = {"plain": fields.data} if _plain(fields.data) else {"data": _encode(fields.data)}
    return {**data, "lines": [[list(p), n] for p, n in fields.lines.items()],
            "body_line": entry.body_line}


def _decode_entry(found: Any, text: str) -> Document | YamlProblem:
    """The entry for `text` (whose body is the text from `body_line` on: not kept twice)."""
    if "problem" in found:
        line, message, field = found["problem"]
        return YamlProblem(_int(line), str(message), None if field is None else str(field))
    lines = {tuple(_path_part(part) for part in path): _int(line) for path, line in found["lines"]}
    data = found["plain"] if "plain" in found else _decode(found["data"])
    if not isinstance(data, dict):
        raise ValueError("not a front-matter entry")
    body_line = _int(found["body_line"])
    body = "\n".join(text.split("\n")[body_line - 1:]) if body_line >= 1 else ""
    return Document(Located(data, lines), body, body_line)


def _plain(value: Any) -> bool:
    """Whether JSON keeps `value` as it is: text keys only, finite numbers (most stories)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(item) for item in value)
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, (str, int))


def _encode(value: Any) -> Any:
    """JSON for YAML's plain values that keeps them apart: a list is {"L": [...]}, a mapping
    {"D": [[key, value], ...]} (its keys may be numbers or booleans), the rest as they are."""
    if isinstance(value, dict):
        return {"D": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return {"L": [_encode(item) for item in value]}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "D" in value:
            return {_decode(k): _decode(v) for k, v in value["D"]}
        return [_decode(item) for item in value["L"]]
    if isinstance(value, list):
        raise ValueError("a bare list")
    return value


def _path_part(part: Any) -> str | int:
    if isinstance(part, bool) or not isinstance(part, (str, int)):
        raise ValueError("a path part is text or a number")
    return part


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("not a whole number")
    return value
