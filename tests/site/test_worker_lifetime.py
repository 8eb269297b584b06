"""A forked part of the build never outlives the build's process (round 19: a build killed
outright left its early process waiting forever to send its result, holding the caller's
output open, so `showcase build | tee log` never ended)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

_KILLED = """
import os, signal, sys, time
from generator.mkdocs.worker import Worker
worker = Worker()
worker._active = True  # as a build's on_config makes it
worker.early(lambda: "x" * 2_000_000)  # more than a pipe holds: its sender waits for a reader
assert worker._early is not None
print(worker._early._process.pid, flush=True)
time.sleep(1)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        return "State:\tZ" not in status.read_text(encoding="utf-8")
    except OSError:
        return False


def test_a_child_ends_when_the_build_is_killed_outright() -> None:
    running = subprocess.Popen([sys.executable, "-c", _KILLED], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    assert running.stdout is not None
    child = int(running.stdout.readline())
    assert running.wait(timeout=30) != 0
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert not _alive(child), "the child outlived the build's process"
    finally:
        if _alive(child):
            os.kill(child, 9)
        running.stdout.close()
