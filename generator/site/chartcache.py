"""The dashboard's charts kept between builds, beside the package's compiled modules.

Drawing the charts means importing matplotlib (about half a second of CPU) and drawing each
chart, on every build, though a dashboard's data seldom changes between two builds. This
cache keeps each chart's SVG in `generator/__pycache__/charts/`, where Python keeps the
package's compiled modules (as `templatecache` keeps compiled templates): a chart's SVG goes
into the page as it is, so it is trusted as code is, and whoever can write there can change
the package's code anyway. It is never put in a user's cache folder or the project.

- A chart is keyed by everything it is drawn from: the criterion's id (it salts the SVG's
  ids), kind, unit, series names and points, matplotlib's version and the source of the
  code that draws it (`charts`, `formatting`). Anything else changed draws it again.
- Each project's last set of charts is remembered (`looks_warm`), so a build can tell at its
  start whether it will need matplotlib at all; a wrong guess only costs time.
- Best effort and bounded: a read-only install (or `PYTHONDONTWRITEBYTECODE`) draws every
  time; a damaged entry is drawn again; beyond KEEP entries the oldest go.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from generator.site.criteria import Evaluation

if TYPE_CHECKING:
    from generator.site.charts import Svg

FOLDER = Path(__file__).resolve().parent.parent / "__pycache__" / "charts"
"""Where charts are kept (beside this package's compiled modules)."""
KEEP = 300
"""At most this many files; past it, the least recently used half goes."""
FORMAT = "1"
_SVG_FIELDS = ("width", "height", "view_box", "inner")


@functools.cache
def _code() -> str:
    """What the charts are drawn by: the drawing code's source and matplotlib's version."""
    from generator import formatting
    from generator.site import charts

    digest = hashlib.sha256(FORMAT.encode())
    for module in (charts, formatting):
        digest.update(Path(str(module.__file__)).read_bytes())
    try:
        digest.update(metadata.version("matplotlib").encode())
    except metadata.PackageNotFoundError:
        digest.update(b"-")
    return digest.hexdigest()


def key(evaluation: Evaluation) -> str:
    """The chart's name in the cache: a digest of everything it is drawn from."""
    criterion = evaluation.criterion
    drawn_from = (criterion.id, criterion.measure, evaluation.unit.value, evaluation.value_name,
                  evaluation.compare_name,
                  [(p.label, repr(p.value), repr(p.compare)) for p in evaluation.points])
    text = json.dumps([_code(), drawn_from], ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def load(evaluation: Evaluation, folder: Path | None = None) -> Svg | None:
    """The chart kept for `evaluation`, or None (never drawn, or its file damaged)."""
    from generator.site.charts import Svg

    path = (folder or FOLDER) / f"{key(evaluation)}.json"
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
        fields = [found[name] for name in _SVG_FIELDS]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if not all(isinstance(value, str) for value in fields):
        return None
    with contextlib.suppress(OSError):  # recently used: kept when the oldest go
        os.utime(path)
    return Svg(*fields)


def store(evaluation: Evaluation, svg: Svg, folder: Path | None = None) -> None:
    """Keep `svg` as the chart of `evaluation` (best effort)."""
    record = dict(zip(_SVG_FIELDS, (svg.width, svg.height, svg.view_box, svg.inner), strict=True))
    _write(folder or FOLDER, f"{key(evaluation)}.json", json.dumps(record))


def remember(project: Path, evaluations: Sequence[Evaluation], folder: Path | None = None) -> None:
    """Note the charts this project's dashboard has now (`looks_warm` reads it)."""
    keys = sorted(key(e) for e in evaluations if e.points)
    _write(folder or FOLDER, _project_file(project), json.dumps(keys))


def looks_warm(project: Path, folder: Path | None = None) -> bool:
    """Whether the charts of this project's last build are all kept: if so, its next build
    probably needs no drawing (its data unchanged)."""
    where = folder or FOLDER
    try:
        keys = json.loads((where / _project_file(project)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(keys, list) and all(
        isinstance(k, str) and (where / f"{k}.json").is_file() for k in keys)


def _project_file(project: Path) -> str:
    digest = hashlib.sha256(str(project.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return f"project-{digest[:32]}"


def _write(folder: Path, name: str, text: str) -> None:
    if sys.dont_write_bytecode:
        return
    written = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, prefix=name,
                                         suffix=".tmp", delete=False) as stored:
            written = stored.name
            stored.write(text)
        os.replace(written, folder / name)
        _prune(folder)
    except OSError:  # a read-only install, a full disk: drawn again next time
        if written is not None:
            with contextlib.suppress(OSError):
                os.remove(written)


def _prune(folder: Path) -> None:
    """Past KEEP files, remove the least recently used half."""
    entries = list(os.scandir(folder))
    if len(entries) <= KEEP:
        return
    by_age = sorted(entries, key=lambda entry: entry.stat().st_mtime)
    for entry in by_age[: len(entries) - KEEP // 2]:
        with contextlib.suppress(OSError):
            os.remove(entry.path)
