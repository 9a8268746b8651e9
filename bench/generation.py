"""Whole-process time of generating a client from spec/, ours beside the two peers.

Each run is a fresh process writing into a fresh folder, because that is what a user waits
for: interpreter start-up and imports count as much as the work itself. The peers run from
the bench venv with its `bin/` on PATH, so openapi-python-client finds ruff and formats its
output as it does by default (ours runs black in-process). After timing, the peer's output is
searched for each operation of the spec: openapi-python-client exits 0 with only a warning
when it drops an endpoint.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench import SPEC
from bench.proc import Run, run
from bench.results import Section, Table, Target, ratio
from bench.venv import PYTHON, VENV

RUNS = 7
TARGET_CHECK_SECONDS = 0.3
OURS = "ours: generator generate (cold: empty cache)"
CACHED = "ours: generator generate (unchanged spec: cached)"
CHECK = "ours: generator check (unchanged spec)"
OPC = "openapi-python-client 0.29.1 generate"
DCG = "datamodel-codegen 0.89.0 (models only)"


@dataclass(frozen=True)
class Command:
    """A timed command; `argv` receives a fresh, empty output folder for each run."""

    argv: Callable[[Path], list[str]]
    allowed_exits: frozenset[int] = frozenset({0})


COMMANDS = {
    # A cache of its own in each fresh output folder: every run generates in full.
    OURS: Command(
        lambda out: [
            "/usr/bin/env",
            f"XDG_CACHE_HOME={out / 'cache'}",
            str(PYTHON),
            "-m",
            "generator",
            "generate",
            "--out",
            str(out),
        ]
    ),
    # The shared cache, warm after the first round: what regenerating an unchanged spec costs.
    CACHED: Command(lambda out: [str(PYTHON), "-m", "generator", "generate", "--out", str(out)]),
    # Exit 1 (generated/ is stale) costs the same work: time it, and say so in the notes.
    CHECK: Command(
        lambda out: [str(PYTHON), "-m", "generator", "check"], allowed_exits=frozenset({0, 1})
    ),
    OPC: Command(
        lambda out: [
            str(VENV / "bin" / "openapi-python-client"),
            "generate",
            "--path",
            str(SPEC / "openapi.yaml"),
            "--output-path",
            str(out / "client"),
            "--overwrite",
        ]
    ),
    DCG: Command(
        lambda out: [
            str(VENV / "bin" / "datamodel-codegen"),
            "--input",
            str(SPEC / "openapi.yaml"),
            "--input-file-type",
            "openapi",
            "--output",
            str(out / "models.py"),
        ]
    ),
}


def _environment() -> dict[str, str]:
    return {**os.environ, "PATH": f"{VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).replace("-", "_").lower()


def _document() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((SPEC / "openapi.yaml").read_text())
    return document


def _operation_ids() -> list[str]:
    document = _document()
    return [
        operation["operationId"]
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    ]


def _dropped_operations(out: Path) -> list[str]:
    """Operations of the spec with no module of their own in openapi-python-client's output."""
    modules = {path.stem for path in out.rglob("*.py")}
    return [op for op in _operation_ids() if _snake(op) not in modules]


def _warnings(result: Run) -> list[str]:
    return [
        line.strip()
        for line in (result.stdout + result.stderr).splitlines()
        if line.startswith("WARNING")
    ]


def _audit(dropped: list[str], warnings: list[str]) -> str:
    """What openapi-python-client left out, starting with the operation timed per call."""
    timed = "beta_message_batches_delete"
    verdict = "did not generate" if timed in dropped else "generated"
    text = f"openapi-python-client {verdict} `{timed}` (the call timed above)"
    if not dropped:
        return text + " and a module for every operation of the spec."
    shown = f"; first: {warnings[0]}" if warnings else ""
    return (
        f"{text}; it exited 0 yet wrote no module for {len(dropped)} of "
        f"{len(_operation_ids())} operations ({', '.join(dropped)}), with {len(warnings)} "
        f"warning(s){shown}"
    )


def _timed_runs() -> tuple[dict[str, list[Run]], list[str], list[str]]:
    """Each command's runs, interleaved, after a warm-up round; then openapi-python-client's
    dropped operations and warnings, read from its warm-up output."""
    runs: dict[str, list[Run]] = {name: [] for name in COMMANDS}
    dropped: list[str] = []
    warnings: list[str] = []
    environment = _environment()
    for round_number in range(RUNS + 1):
        for name, command in COMMANDS.items():
            out = Path(tempfile.mkdtemp(prefix="bench-gen-"))
            try:
                result = run(command.argv(out), env=environment)
                if result.returncode not in command.allowed_exits:
                    raise SystemExit(f"{name} exited {result.returncode}:\n{result.stderr}")
                if name == OPC and not round_number:
                    dropped, warnings = _dropped_operations(out), _warnings(result)
            finally:
                shutil.rmtree(out)
            if round_number:
                runs[name].append(result)
    return runs, dropped, warnings


def measure() -> Section:
    runs, dropped, warnings = _timed_runs()
    medians = {
        name: statistics.median(r.seconds for r in results) for name, results in runs.items()
    }
    peaks = {
        name: statistics.median(r.peak_rss_mib for r in results) for name, results in runs.items()
    }
    ours = medians[OURS]
    rows = tuple(
        (name, f"{seconds:.3f}", ratio(seconds, ours), f"{peaks[name]:.0f}")
        for name, seconds in medians.items()
    )
    stale = sum(r.returncode == 1 for r in runs[CHECK])
    freshness = (
        f"`generator check` found generated/ stale in {stale} of {RUNS} runs (exit 1): someone "
        "is editing the generator or templates; the work timed is the same either way."
        if stale
        else "`generator check` found generated/ up to date (exit 0) in every run."
    )
    schemas = len(_document().get("components", {}).get("schemas", {}))
    table = Table(
        title=(
            f"Generation: whole process on spec/ ({len(_operation_ids())} operations, "
            f"{schemas} schemas)"
        ),
        columns=("command", "wall s (median)", "vs ours", "peak RSS MiB"),
        rows=rows,
        notes=(
            f"Median of {RUNS} runs per command after a warm-up round, interleaved; each run "
            "is a fresh process writing into a fresh temporary folder.",
            freshness,
            _audit(dropped, warnings),
            "datamodel-codegen writes only the schemas' models: no client, no endpoints.",
        ),
    )
    check = medians[CHECK]
    targets = (
        Target(
            f"generation: `generator check` < {TARGET_CHECK_SECONDS} s",
            f"{check:.3f} s",
            check < TARGET_CHECK_SECONDS,
        ),
        Target(
            "generation: cold `generate` no slower than openapi-python-client",
            f"{ours:.3f} s vs {medians[OPC]:.3f} s",
            ours <= medians[OPC],
        ),
    )
    return Section(table, targets)
