"""Print (or with --write, record) the actual output of golden cases, for a person to judge.

    .venv/bin/python -m tests.check.regen [--write] [case-name ...]

--write replaces everything from a case file's `expected:` line on. Read every diff before
committing: a golden file is only as good as the eye that checked it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml

from tests.check.casefile import all_cases, build, read_case
from tests.conftest import NOW, run_cli


class _Dumper(yaml.SafeDumper):
    """Multi-line text as a literal block, so a golden output reads like the terminal."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _expected_block(exit_code: int, output: str) -> str:
    return yaml.dump({"expected": {"exit": exit_code, "output": output}}, Dumper=_Dumper,
                     allow_unicode=True, width=10_000, sort_keys=False)


def main(argv: list[str]) -> None:
    write = "--write" in argv
    names = {a for a in argv if not a.startswith("--")}
    for path in all_cases():
        if names and path.stem not in names:
            continue
        case = read_case(path)
        with tempfile.TemporaryDirectory() as tmp:
            root = build(case, Path(tmp) / "project")
            result = run_cli("check", "-p", str(root), "--now", NOW, *case.args)
        print(f"=== {path.stem} (exit {result.exit_code})\n{result.output}")
        if write:
            text = path.read_text(encoding="utf-8")
            head = text.split("\nexpected:", 1)[0].rstrip("\n")
            path.write_text(head + "\n" + _expected_block(result.exit_code, result.output),
                            encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
