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

from bench import files, generation, imports, percall, profiling, report, scale, sse, streaming
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
)


def main() -> None:
    if Path(sys.prefix).resolve() != VENV.resolve():
        raise SystemExit(f"run with the bench venv: `make bench` (or {PYTHON} -m bench)")
    load_before = report.load_average()
    started = datetime.datetime.now(datetime.UTC)
    clock = time.perf_counter()
    sections = []
    for name, measure in MEASUREMENTS:
        print(f"bench: {name}...", file=sys.stderr, flush=True)
        sections.append(measure())
    report.publish(report.render(sections, started, time.perf_counter() - clock, load_before))


main()
