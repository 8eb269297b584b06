"""Compiled Jinja templates kept beside Python's own compiled modules, between runs.

Jinja compiles every template it loads to Python code, on every run: about an eighth of a
100-story build (Material's templates and this package's). This cache keeps that code where
Python keeps the package's compiled modules (`generator/__pycache__/`), so it is trusted
exactly as far as the package's own `.pyc` files are: whoever can write there can change the
package's code anyway. It is never put in a user's cache folder or the project.

- A template's code is used only when its source is unchanged (Jinja compares a checksum of
  the source) and it was compiled by this Python (Jinja's own magic header) and this Jinja.
- Templates are keyed by name, file and the environment's syntax settings, so two
  environments loading one file differently never share its code.
- Writing is best effort: a read-only install (or `PYTHONDONTWRITEBYTECODE`) just compiles
  as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from pathlib import Path

import jinja2
from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

FOLDER = Path(__file__).parent / "__pycache__" / "templates"
"""Where compiled templates are kept (beside this package's compiled modules)."""


class TemplateCache(BytecodeCache):
    """Jinja's bytecode cache in a folder, keyed by template and environment settings."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_bucket(self, environment: Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        text = f"{settings(environment, name)}\0{name}\0{filename or ''}"
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            with open(self.folder / bucket.key, "rb") as stored:
                bucket.load_bytecode(stored)
        except OSError:
            bucket.reset()
        except Exception:  # a damaged file (cut short, overwritten): compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        if sys.dont_write_bytecode:
            return
        written = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=self.folder, prefix=bucket.key,
                                             suffix=".tmp", delete=False) as stored:
                written = stored.name
                bucket.write_bytecode(stored)
            os.replace(written, self.folder / bucket.key)
        except OSError:  # a read-only install, a full disk: compile again next time
            if written is not None:
                with contextlib.suppress(OSError):
                    os.remove(written)


def settings(environment: Environment, name: str) -> str:
    """What of `environment` changes the code the template `name` compiles to."""
    autoescape = environment.autoescape
    return repr((
        jinja2.__version__, sorted(environment.extensions),
        bool(autoescape(name) if callable(autoescape) else autoescape),
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, environment.optimized, environment.is_async,
        environment.finalize is not None,
    ))


def keep(environment: Environment, folder: Path = FOLDER) -> Environment:
    """`environment`, its compiled templates kept in `folder` between runs."""
    environment.bytecode_cache = TemplateCache(folder)
    return environment
