"""Run one child process and measure it alone: wall time, its own peak RSS, its output.

Peak RSS needs care. `getrusage(RUSAGE_CHILDREN)` keeps the largest child ever waited for,
so it cannot tell one import from the next; and Linux carries a process's RSS high-water mark
across fork and exec, so a child forked straight from this harness (which has imported the
official SDK by then, ~75 MiB) would report at least the harness's size. Each command is
therefore started by a tiny isolated interpreter (`_LAUNCHER`, ~8 MiB) that spawns it, reaps
it with `os.wait4` for exactly its usage, and writes seconds, KiB, exit code and CPU seconds
to a file.
The launcher's clock starts after its own start-up, so it is not counted.

Output goes to temporary files rather than pipes, so a chatty child never blocks on a full
pipe. A command still running at `timeout` is killed with its whole session (launcher,
command, and anything it started, such as the ruff that openapi-python-client runs).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import ROOT

_LAUNCHER = """\
import os, sys, time
report, argv = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.posix_spawnp(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
with open(report, "w") as out:
    cpu = usage.ru_utime + usage.ru_stime
    out.write(f"{seconds!r} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} {cpu!r}")
"""


@dataclass(frozen=True)
class Run:
    """One finished command: `returncode` is negative for a signal, as in `subprocess`."""

    seconds: float
    peak_rss_mib: float
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool
    cpu_seconds: float = 0.0
    """User and system time of the command and every child it waited for (all cores)."""


def _kill_session(pid: int, fired: threading.Event) -> None:
    fired.set()
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    timeout: float = 300.0,
) -> Run:
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory(prefix="bench-run-") as scratch,
    ):
        report = Path(scratch, "usage")
        # -I -S: the launcher ignores PYTHONPATH and site-packages, and stays small.
        launcher = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _LAUNCHER, str(report), *argv],
            cwd=ROOT,
            env=None if env is None else dict(env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        fired = threading.Event()
        killer = threading.Timer(timeout, _kill_session, (launcher.pid, fired))
        killer.start()
        launcher.wait()
        killer.cancel()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
        if fired.is_set():
            return Run(timeout, 0.0, -signal.SIGKILL, stdout, stderr, timed_out=True)
        if not report.exists():
            raise SystemExit(f"could not start {argv[0]}:\n{stderr}")
        seconds, kib, returncode, cpu = report.read_text().split()
        return Run(
            float(seconds),
            int(kib) / 1024,
            int(returncode),
            stdout,
            stderr,
            timed_out=False,
            cpu_seconds=float(cpu),
        )
