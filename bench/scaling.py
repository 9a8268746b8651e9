"""Generation time against spec size: ours (cold, warm after one edit, cached) beside the peers.

Synthetic specs of N operations (`surface_diff.synthetic_spec`, six operations and a dozen
schemas per resource; the sdk.yaml puts each resource's methods under its own name) and the
published specs of `tests/published_specs/` (no sdk.yaml, as `make published` runs them).
Each spec is timed, in interleaved rounds, as:
- ours cold: `generate` with an empty cache;
- ours after one edit: the spec with one description changed, with the cache a run of the
  unedited spec left (copied afresh each round, so every round sees the same cache);
- ours cached: the unedited spec again with that cache (nothing changed);
- openapi-python-client and datamodel-codegen (models only) on the unedited spec.
Medians of the rounds, wall and CPU (user + system, children included: our second core's work
counts), peak RSS; ours / opc for CPU and wall; the growth exponent of each tool fitted to
the synthetic sizes (time ~ N^k, least squares over log-log). A failure (a spec we refuse, a
peer that exits non-zero) is reported in the table, never raised.

`BENCH_QUICK=1` (or `make bench ONLY=scaling BENCH_QUICK=1`): sizes up to 1,000 and 3 rounds.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import statistics
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench import ROOT
from bench.proc import Run, run
from bench.results import Section, Table, Target
from bench.surface_diff import synthetic_spec
from bench.venv import PYTHON, VENV

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
SIZES = (10, 50, 200, 1000) if QUICK else (10, 50, 200, 1000, 3000)
ROUNDS = 3 if QUICK else 5
AUX_PER_RESOURCE = 4
PUBLISHED = ROOT / "tests" / "published_specs"
PUBLISHED_SPECS = ("anthropic-openapi.json", "twilio_api_v2010.yaml", "openai-openapi.yaml")
TIMEOUT_SECONDS = 900.0
COLD, EDITED, CACHED, OPC, DCG = "ours cold", "ours one edit", "ours cached", "opc", "dcg"
TOOLS = (COLD, EDITED, CACHED, OPC, DCG)


@dataclass(frozen=True)
class Case:
    """One spec: its name, its OpenAPI file (with sdk.yaml beside it when it has one), the
    same with one description changed, and N (operations) for synthetic ones."""

    name: str
    spec: Path
    edited: Path
    operations: int | None


def _synthetic(folder: Path, operations: int) -> Case:
    resources = max(1, round(operations / 6))
    document = synthetic_spec(resources, AUX_PER_RESOURCE)
    sdk: dict[str, Any] = yaml.safe_load((ROOT / "spec" / "sdk.yaml").read_text())
    sdk["package"]["name"] = "scale_client"
    sdk["methods"] = {
        f"things{r}.{verb}": f"things{r}_{verb}"
        for r in range(resources)
        for verb in ("create", "list", "retrieve", "update", "delete", "events")
    }
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    paths = []
    for variant in ("spec", "edited"):
        target = folder / f"n{operations}-{variant}"
        target.mkdir(parents=True)
        if variant == "edited":
            document["paths"]["/things0"]["post"]["summary"] = "Create a thing (edited)"
        (target / "openapi.yaml").write_text(yaml.dump(document, Dumper=dumper, sort_keys=False))
        (target / "sdk.yaml").write_text(yaml.safe_dump(sdk, sort_keys=False))
        paths.append(target / "openapi.yaml")
    return Case(f"N={operations}", paths[0], paths[1], resources * 6)


_DESCRIPTION = re.compile(r'("description": "|description: (?=[A-Za-z]))')


def _published(folder: Path, name: str) -> Case:
    """The published file as it is, and with "Edited " put before its first description."""
    text = (PUBLISHED / name).read_text(encoding="utf-8")
    paths = []
    for variant in ("spec", "edited"):
        target = folder / f"{name}-{variant}"
        target.mkdir(parents=True)
        body = _DESCRIPTION.sub(r"\1Edited ", text, count=1) if variant == "edited" else text
        (target / name).write_text(body, encoding="utf-8")
        paths.append(target / name)
    return Case(name, paths[0], paths[1], None)


def _ours(spec: Path, out: Path, cache: Path) -> list[str]:
    return [
        "/usr/bin/env",
        f"XDG_CACHE_HOME={cache}",
        str(PYTHON),
        "-m",
        "generator",
        "generate",
        "--spec",
        str(spec),
        "--out",
        str(out),
    ]


def _opc(spec: Path, out: Path) -> list[str]:
    return [
        str(VENV / "bin" / "openapi-python-client"),
        "generate",
        "--path",
        str(spec),
        "--output-path",
        str(out / "client"),
        "--overwrite",
    ]


def _dcg(spec: Path, out: Path) -> list[str]:
    return [
        str(VENV / "bin" / "datamodel-codegen"),
        "--input",
        str(spec),
        "--input-file-type",
        "openapi",
        "--output",
        str(out / "models.py"),
    ]


def _environment() -> dict[str, str]:
    return {**os.environ, "PATH": f"{VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}


def _round(case: Case, base_cache: Path, scratch: Path) -> dict[str, Run]:
    """One run of each tool on `case`, each into a fresh folder."""
    results: dict[str, Run] = {}
    environment = _environment()
    for tool in TOOLS:
        out = Path(tempfile.mkdtemp(prefix="out-", dir=scratch))
        if tool == COLD:
            argv = _ours(case.spec, out, out / "cache")
        elif tool == EDITED:
            shutil.copytree(base_cache, out / "cache")
            argv = _ours(case.edited, out, out / "cache")
        elif tool == CACHED:
            argv = _ours(case.spec, out, base_cache)
        else:
            argv = (_opc if tool == OPC else _dcg)(case.spec, out)
        results[tool] = run(argv, env=environment, timeout=TIMEOUT_SECONDS)
        shutil.rmtree(out, ignore_errors=True)
    return results


@dataclass(frozen=True)
class Summary:
    wall: float
    cpu: float
    rss: float
    failed: str | None


def _summary(runs: Sequence[Run]) -> Summary:
    bad = [r for r in runs if r.timed_out or r.returncode != 0]
    if bad:
        first = bad[0]
        why = "killed" if first.timed_out else f"exit {first.returncode}"
        errors = [line for line in first.stderr.splitlines() if "error" in line.lower()]
        detail = re.sub(r"\S*/", "", errors[0])[:100] if errors else ""
        return Summary(0.0, 0.0, 0.0, f"{why}: {detail}" if detail else why)
    return Summary(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.cpu_seconds for r in runs),
        statistics.median(r.peak_rss_mib for r in runs),
        None,
    )


def _measure_case(case: Case, scratch: Path) -> dict[str, Summary]:
    base_cache = scratch / f"cache-{case.name}"
    warm = run(_ours(case.spec, scratch / f"warm-{case.name}", base_cache), timeout=TIMEOUT_SECONDS)
    rounds = [
        _round(case, base_cache, scratch) for _ in range(ROUNDS if warm.returncode == 0 else 1)
    ]
    return {tool: _summary([r[tool] for r in rounds]) for tool in TOOLS}


def _cell(summary: Summary) -> str:
    if summary.failed is not None:
        return f"FAILED ({summary.failed.partition(':')[0]})"
    return f"{summary.wall:.2f} / {summary.cpu:.2f} / {summary.rss:.0f}"


def _ratio(ours: Summary, opc: Summary, field: str) -> str:
    if ours.failed is not None or opc.failed is not None:
        return "-"
    return f"{getattr(ours, field) / getattr(opc, field):.2f}x"


def growth_exponent(points: Sequence[tuple[int, float]]) -> float | None:
    """k in time ~ N^k, least squares over (log N, log time); None under two points."""
    usable = [(math.log(n), math.log(t)) for n, t in points if n > 0 and t > 0]
    if len(usable) < 2:
        return None
    mean_x = statistics.fmean(x for x, _ in usable)
    mean_y = statistics.fmean(y for _, y in usable)
    spread = sum((x - mean_x) ** 2 for x, _ in usable)
    return sum((x - mean_x) * (y - mean_y) for x, y in usable) / spread if spread else None


def measure() -> Section:
    scratch = Path(tempfile.mkdtemp(prefix="bench-scaling-"))
    try:
        cases = [_synthetic(scratch / "specs", n) for n in SIZES]
        cases += [_published(scratch / "specs", name) for name in PUBLISHED_SPECS]
        results = {case.name: _measure_case(case, scratch) for case in cases}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    rows = []
    for case in cases:
        found = results[case.name]
        cold, edited, opc = found[COLD], found[EDITED], found[OPC]
        rows.append(
            (
                case.name,
                _cell(cold),
                _cell(edited),
                _cell(found[CACHED]),
                _cell(opc),
                _cell(found[DCG]),
                _ratio(cold, opc, "cpu"),
                _ratio(cold, opc, "wall"),
                _ratio(edited, opc, "wall"),
            )
        )
    failures = [
        f"{case.name}, {tool}: {summary.failed}"
        for case in cases
        for tool, summary in results[case.name].items()
        if summary.failed is not None and tool != EDITED
    ]
    synthetic = [case for case in cases if case.operations is not None]
    exponents = []
    for tool in TOOLS:
        points = [
            (case.operations or 0, results[case.name][tool].cpu)
            for case in synthetic
            if results[case.name][tool].failed is None and (case.operations or 0) >= 50
        ]
        k = growth_exponent(points)
        exponents.append(f"{tool}: {'-' if k is None else f'{k:.2f}'}")
    table = Table(
        title="Scaling: generation time by spec size, ours beside openapi-python-client",
        columns=(
            "spec",
            "ours cold",
            "ours one edit",
            "ours cached",
            "openapi-python-client",
            "datamodel-codegen",
            "cold / opc CPU",
            "cold / opc wall",
            "edit / opc wall",
        ),
        rows=tuple(rows),
        notes=(
            "Cells: wall s / CPU s / peak RSS MiB, medians of "
            f"{ROUNDS} interleaved rounds ({'quick mode, ' if QUICK else ''}`BENCH_QUICK=1` "
            "for fewer sizes and rounds); CPU is user + system of the process and the children "
            "it waited for.",
            "Synthetic N: `bench/surface_diff.synthetic_spec` with "
            f"{AUX_PER_RESOURCE} auxiliary models per resource (six operations, about "
            f"{8 + AUX_PER_RESOURCE} schemas each); published specs as they are, no sdk.yaml.",
            "One edit: the first description (summary for synthetic specs) changed, with the "
            "cache left by a run of the unedited spec; cached: the unedited spec again.",
            "Growth exponent k (CPU ~ N^k, N >= 50): " + ", ".join(exponents) + ".",
            *failures,
        ),
    )
    return Section(table, _targets(cases, results))


def _targets(cases: Sequence[Case], results: dict[str, dict[str, Summary]]) -> tuple[Target, ...]:
    pairs = [(case.name, results[case.name][COLD], results[case.name][OPC]) for case in cases]
    measured = [(n, o.cpu / p.cpu) for n, o, p in pairs if o.failed is None and p.failed is None]
    failed = [n for n, o, _ in pairs if o.failed is not None]
    worst = max((r for _, r in measured), default=float("inf"))
    thousand = next((c for c in cases if c.operations == 1002 or c.name == "N=1000"), None)
    edit = ""
    edit_holds = False
    if thousand is not None:
        edited, opc = results[thousand.name][EDITED], results[thousand.name][OPC]
        if edited.failed is None and opc.failed is None:
            edit = f"{edited.wall:.2f} s vs opc {opc.wall:.2f} s ({edited.wall / opc.wall:.2f}x)"
            edit_holds = edited.wall <= 0.1 * opc.wall
    return (
        Target(
            "scaling: cold generation no slower than openapi-python-client (CPU) on every spec",
            f"worst {worst:.2f}x; "
            + ", ".join(f"{n} {r:.2f}x" for n, r in measured)
            + (f"; we fail on {', '.join(failed)}" if failed else ""),
            not failed and worst <= 1.0,
        ),
        Target(
            "scaling: one-edit regeneration at N=1,000 <= 0.1x openapi-python-client's run",
            edit or "not measured",
            edit_holds,
        ),
    )
