"""Where one generation of spec/ spends its time, by pipeline stage, under cProfile.

The stages are the generator's own entry points (see generator/pipeline.py); their cumulative
times come from one profiled run in a fresh process, so module imports are part of the
picture. A stage that imports lazily counts that import in both its own row and `imports`,
and cProfile's overhead inflates every row alike: read the shares, not the absolute seconds.
"""

from __future__ import annotations

import pstats
import shutil
import tempfile
from pathlib import Path

from bench.proc import run
from bench.results import Section, Table
from bench.venv import PYTHON

#: Stage -> (a suffix of the defining file, the function's name).
STAGES = {
    "imports (all modules, nested)": ("<frozen importlib._bootstrap>", "_find_and_load"),
    "load (YAML with positions)": ("generator/load.py", "load_document"),
    "validate (own checks + openapi-spec-validator)": ("generator/validate.py", "validate_openapi"),
    "read sdk.yaml": ("generator/sdk_config.py", "read_sdk_config"),
    "build (intermediate model)": ("generator/build/__init__.py", "build_api"),
    "render (Jinja templates)": ("generator/render.py", "render_package"),
    "datamodel-code-generator + black (types, params; in a forked child when it can)": (
        "generator/pipeline.py",
        "_formatted_models",
    ),
    "black + compile (the templates' modules)": ("generator/formatting.py", "format_module"),
    "write (files to disk)": ("generator/write.py", "write_package"),
}


def _cumulative(stats: pstats.Stats, file_suffix: str, function: str) -> float:
    """Summed cumulative seconds of every function so named (several share a name in importlib)."""
    table: dict[tuple[str, int, str], tuple[int, int, float, float, object]] = stats.stats  # type: ignore[attr-defined]
    return sum(
        cumulative
        for (filename, _, name), (_, _, _, cumulative, _) in table.items()
        if name == function and filename.endswith(file_suffix)
    )


def measure() -> Section:
    folder = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    try:
        output = folder / "generate.prof"
        # An empty cache of its own, so the profiled run generates in full.
        argv = [
            "/usr/bin/env",
            f"XDG_CACHE_HOME={folder / 'cache'}",
            str(PYTHON),
            "-m",
            "cProfile",
            "-o",
            str(output),
        ]
        result = run([*argv, "-m", "generator", "generate", "--out", str(folder / "out")])
        # cProfile swallows the generator's SystemExit and exits 0: judge by the output.
        if not (folder / "out").is_dir():
            raise SystemExit(f"profiled generation wrote nothing:\n{result.stderr}")
        stats = pstats.Stats(str(output))
    finally:
        shutil.rmtree(folder)
    total: float = stats.total_tt  # type: ignore[attr-defined]
    stages = sorted(
        ((name, _cumulative(stats, *where)) for name, where in STAGES.items()),
        key=lambda stage: stage[1],
        reverse=True,
    )
    rows = tuple((name, f"{seconds:.3f}", f"{seconds / total:.0%}") for name, seconds in stages)
    table = Table(
        title="Profile: one `generator generate` of spec/ under cProfile, by stage",
        columns=("stage", "cumulative s", "share of profiled run"),
        rows=(*rows, ("whole profiled run", f"{total:.3f}", "100%")),
        notes=(
            "Cumulative time of each stage's entry point in one profiled run (a fresh process). "
            "Lazy imports inside a stage count in that stage and in `imports`; cProfile slows "
            "every row down, so compare shares with the unprofiled times above.",
        ),
    )
    return Section(table)
