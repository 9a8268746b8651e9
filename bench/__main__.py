"""`python -m bench`: run every measurement in turn, then print and save the report.

It must run on the bench venv's interpreter (`make bench` sees to that), because the per-call
comparison imports the official SDK into this very process, and the official SDK exists
only there. The order keeps the cheap, noise-sensitive measurements first.
"""

from __future__ import annotations

import datetime
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench import (
    files,
    generation,
    imports,
    percall,
    profiling,
    report,
    scale,
    scaling,
    sse,
    streaming,
    surface_diff,
)
from bench.results import Section
from bench.venv import PYTHON, VENV

MEASUREMENTS: tuple[tuple[str, Callable[[], Section]], ...] = (
    ("per call", percall.measure),
    ("import", imports.measure),
    ("generation", generation.measure),
    ("profile", profiling.measure),
    ("sse throughput", sse.measure_throughput),
    ("streaming", streaming.measure),
    ("sse memory", sse.measure_memory),
    ("files", files.measure),
    ("scale", scale.measure),
    ("scaling", scaling.measure),
    ("diff", surface_diff.measure),
)


def main(only: list[str]) -> None:
    """Every measurement, or those named in `only` (`make bench ONLY=diff`); a partial run is
    printed but not written to BENCHMARKS.md, which holds whole runs only."""
    if Path(sys.prefix).resolve() != VENV.resolve():
        raise SystemExit(f"run with the bench venv: `make bench` (or {PYTHON} -m bench)")
    names = [name for name, _ in MEASUREMENTS]
    unknown = [name for name in only if name not in names]
    if unknown:
        raise SystemExit(f"no measurement {', '.join(unknown)}; there are: {', '.join(names)}")
    load_before = report.load_average()
    started = datetime.datetime.now(datetime.UTC)
    clock = time.perf_counter()
    sections = []
    for name, measure in MEASUREMENTS:
        if only and name not in only:
            continue
        print(f"bench: {name}...", file=sys.stderr, flush=True)
        sections.append(measure())
    command = f'{report.COMMAND} ONLY="{" ".join(only)}"' if only else report.COMMAND
    text = report.render(sections, started, time.perf_counter() - clock, load_before, command)
    if only:
        print(text, end="")
        print(f"\n(a partial run: {report.REPORT.name} is left as it was)")
    else:
        report.publish(text)


main(sys.argv[1:])
