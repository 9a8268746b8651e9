"""Print the results and rewrite BENCHMARKS.md with them.

One markdown rendering serves both the terminal and the file, so what `make bench` prints is
exactly what gets committed. The file says when, on what machine and how it was measured,
because a number without those cannot be compared with the next run.
"""

from __future__ import annotations

import datetime
import os
import platform
from collections.abc import Sequence
from pathlib import Path

from bench import ROOT
from bench.results import Section, Table, Target

REPORT = ROOT / "BENCHMARKS.md"
COMMAND = "make bench"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine() -> str:
    return (
        f"{os.cpu_count()} cores (nproc), {_cpu_model()}, {platform.system()} "
        f"{platform.machine()}, Python {platform.python_version()}"
    )


def load_average() -> str:
    """The 1-minute load average: above ~0.5 something else shared the cores while timing."""
    return f"{os.getloadavg()[0]:.2f}"


def _markdown_table(table: Table) -> list[str]:
    widths = [
        max(len(cell) for cell in column) for column in zip(table.columns, *table.rows, strict=True)
    ]

    def line(cells: Sequence[str]) -> str:
        return (
            "| "
            + " | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
            + " |"
        )

    lines = [f"## {table.title}", "", line(table.columns), line(["-" * w for w in widths])]
    lines.extend(line(row) for row in table.rows)
    if table.notes:
        lines.append("")
        lines.extend(f"- {note}" for note in table.notes)
    return lines


def _target_lines(targets: Sequence[Target]) -> list[str]:
    lines = ["## Targets", ""]
    lines.extend(
        f"- **{'PASS' if t.holds else 'FAIL'}** {t.goal}: measured {t.measured}" for t in targets
    )
    return lines


def render(
    sections: Sequence[Section],
    started: datetime.datetime,
    seconds: float,
    load_before: str,
    command: str = COMMAND,
) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `python -m bench`; do not edit by hand, rerun it.",
        "",
        f"- Date: {started.strftime('%Y-%m-%d %H:%M UTC')} ({seconds:.0f} s to run)",
        f"- Machine: {machine()}",
        f"- Load average (1 min): {load_before} before, {load_average()} after; other work on "
        "the machine slows every row, and the interleaved ratios least",
        f"- Reproduce: `{command}` (sets up `.bench/venv` with the peers on first use)",
        "",
    ]
    lines.extend(_target_lines([t for section in sections for t in section.targets]))
    for section in sections:
        lines.append("")
        lines.extend(_markdown_table(section.table))
    return "\n".join(lines) + "\n"


def publish(text: str) -> None:
    print(text, end="", flush=True)
    REPORT.write_text(text)
    print(f"\nwrote {REPORT.relative_to(ROOT)}")
