"""Wall time and peak RSS of importing each client in a fresh interpreter.

A fresh process per run is the only honest way: a second import in the same process costs
nothing. Interpreter start-up is a row of its own so the import cost above it can be read
off. Runs are interleaved across the commands, and the first round (which also writes
bytecode caches) is thrown away.
"""

from __future__ import annotations

import os
import statistics

from bench import GENERATED
from bench.proc import Run, run
from bench.results import Section, Table, Target, ratio
from bench.venv import PYTHON, official_sdk_missing

RUNS = 15
TARGET_SECONDS = 0.25
TARGET_MIB = 35.0
FLOOR = "floor: import httpx2, pydantic"
OURS = "ours: import anthropic_batches"
OFFICIAL = "official: import anthropic"


def _command(statement: str) -> list[str]:
    return [str(PYTHON), "-c", statement]


def _environment() -> dict[str, str]:
    """The caller's environment, with only generated/ on the path (as a vendoring user has)."""
    return {**os.environ, "PYTHONPATH": str(GENERATED)}


def _medians(runs: list[Run]) -> tuple[float, float]:
    for result in runs:
        if result.returncode != 0:
            raise SystemExit(f"import benchmark: a child failed: {result.stderr.strip()}")
    return (
        statistics.median(r.seconds for r in runs),
        statistics.median(r.peak_rss_mib for r in runs),
    )


def measure() -> Section:
    commands = {
        "python -c pass (interpreter only)": _command("pass"),
        FLOOR: _command("import httpx2, pydantic"),
        OURS: _command("import anthropic_batches"),
    }
    missing = official_sdk_missing()
    if missing is None:
        commands[OFFICIAL] = _command("import anthropic")
    environment = _environment()
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for round_number in range(RUNS + 1):
        for name, argv in commands.items():
            result = run(argv, env=environment)
            if round_number:
                runs[name].append(result)
    medians = {name: _medians(results) for name, results in runs.items()}
    floor_seconds, floor_mib = medians[FLOOR]
    rows = [
        (name, f"{seconds:.3f}", ratio(seconds, floor_seconds), f"{mib:.1f}", ratio(mib, floor_mib))
        for name, (seconds, mib) in medians.items()
    ]
    if missing is not None:
        rows.append((OFFICIAL, missing, "-", "-", "-"))
    table = Table(
        title="Import: a fresh `python -c` per run (PYTHONPATH=generated)",
        columns=("command", "wall s (median)", "vs floor", "peak RSS MiB (median)", "vs floor"),
        rows=tuple(rows),
        notes=(
            f"Median of {RUNS} runs per command after a warm-up round, commands interleaved. "
            "Wall time is the whole child process, start-up included; peak RSS is the child's "
            "own `ru_maxrss` from `os.wait4`, in MiB (KiB / 1024), as reaped by a ~8 MiB "
            "launcher (bench/proc.py says why).",
        ),
    )
    seconds, mib = medians[OURS]
    targets = (
        Target(
            f"import: ours <= {TARGET_SECONDS} s", f"{seconds:.3f} s", seconds <= TARGET_SECONDS
        ),
        Target(
            f"import: ours <= {TARGET_MIB:.0f} MiB peak RSS", f"{mib:.2f} MiB", mib <= TARGET_MIB
        ),
    )
    return Section(table, targets)
