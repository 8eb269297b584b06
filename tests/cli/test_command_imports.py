"""A command's modules are imported with Python's cycle collector off, then frozen out of its
later passes (generator/cli/__init__.py): they live as long as the process, and passes over
them during the import freed nothing."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import gc, sys
import click
from generator.cli import cli
gc.unfreeze()
passes = []
gc.callbacks.append(lambda phase, info: passes.append(phase) if phase == "start" else None)
with click.Context(cli) as ctx:
    command = cli.get_command(ctx, sys.argv[1])
print(command.name, "generator.catalogue" in sys.modules, gc.isenabled(),
      gc.get_freeze_count() > 10000, len(passes))
gc.disable()
with click.Context(cli) as ctx:
    cli.get_command(ctx, "schema")
print(gc.isenabled())
"""


def test_a_command_is_imported_without_collector_passes_then_frozen() -> None:
    # a process of its own: this one has imported the commands already
    done = subprocess.run([sys.executable, "-c", SCRIPT, "build"], capture_output=True,
                          text=True, check=True)
    imported, left_off = done.stdout.splitlines()
    assert imported == "build True True True 0"
    assert left_off == "False"  # a caller's collector that is off stays off
