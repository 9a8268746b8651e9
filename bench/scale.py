"""Point the generator at two large real-world specs and record how it fares.

The generator needs an sdk.yaml naming a method for every operation, so one is written here:
spec/sdk.yaml's client settings, with each operationId mapped to `api.<snake_case name>`.
Nothing is worked around: whatever the generator does (reject the spec, crash, time out) is
the result, reported as its exit code, first error lines and time taken. One run each,
bounded by a timeout: a spec the generator accepted could take minutes to render.
"""

from __future__ import annotations

import keyword
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from bench import ROOT, SPEC
from bench.proc import Run, run
from bench.results import Section, Table
from bench.venv import PYTHON

#: shared/ sits beside the repository, on developers' machines and in CI alike.
SHARED_SPECS = ROOT.parent / "shared" / "specs"
SPECS = (SHARED_SPECS / "openai-openapi.yaml", SHARED_SPECS / "twilio_api_v2010.yaml")
TIMEOUT_SECONDS = 300.0
ERROR_LINES = 3
LINE_CHARS = 240
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _load(path: Path) -> Any:
    """Parsed with libyaml when present: this is set-up, not the thing being timed."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_bytes(), Loader=loader)


def _method_name(operation_id: str, taken: set[str]) -> str:
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", operation_id)
    name = re.sub(r"\W+", "_", name).strip("_").lower() or "operation"
    if name[0].isdigit() or keyword.iskeyword(name):
        name = f"op_{name}"
    unique, suffix = name, 2
    while unique in taken:
        unique, suffix = f"{name}_{suffix}", suffix + 1
    taken.add(unique)
    return unique


def sdk_config(document: Any) -> dict[str, Any]:
    """spec/sdk.yaml with its package renamed and one method per operation of `document`."""
    config: dict[str, Any] = _load(SPEC / "sdk.yaml")
    config["package"]["name"] = "scale_client"
    taken: set[str] = set()
    config["methods"] = {
        f"api.{_method_name(operation['operationId'], taken)}": operation["operationId"]
        for item in document["paths"].values()
        for method, operation in item.items()
        if method in HTTP_METHODS and isinstance(operation, dict) and "operationId" in operation
    }
    return config


def _error_lines(result: Run, folder: Path) -> list[str]:
    """The non-empty stderr lines, with the temporary folder's name cut out."""
    stderr = result.stderr.replace(f"{folder}/", "")
    return [line.strip() for line in stderr.splitlines() if line.strip()]


def _note(spec: Path, result: Run, lines: list[str]) -> str:
    """A markdown list item: what the run said, its first lines shown verbatim."""
    if result.timed_out:
        return f"{spec.name}: killed after {TIMEOUT_SECONDS:.0f} s; nothing to show."
    heading = f"{spec.name}: exit {result.returncode}"
    if not lines:
        return f"{heading}, nothing on stderr: {result.stdout.strip()[:LINE_CHARS]}"
    shown = "".join(
        f"\n  {number}. `` {line[:LINE_CHARS]}{'...' if len(line) > LINE_CHARS else ''} ``"
        for number, line in enumerate(lines[:ERROR_LINES], 1)
    )
    return f"{heading}, first {ERROR_LINES} of {len(lines)} stderr lines:{shown}"


def _try(spec: Path) -> tuple[tuple[str, ...], str]:
    """The spec's row of the table and its note."""
    document = _load(spec)
    folder = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        shutil.copyfile(spec, folder / "openapi.yaml")
        config = sdk_config(document)
        (folder / "sdk.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
        result = run(
            [
                str(PYTHON),
                "-m",
                "generator",
                "generate",
                "--spec",
                str(folder),
                "--out",
                str(folder / "out"),
            ],
            timeout=TIMEOUT_SECONDS,
        )
    finally:
        shutil.rmtree(folder)
    lines = _error_lines(result, folder)
    row = (
        spec.name,
        f"{spec.stat().st_size / 1e6:.2f}",
        str(len(config["methods"])),
        "killed" if result.timed_out else str(result.returncode),
        f"{result.seconds:.1f}",
        f"{result.peak_rss_mib:.0f}",
        str(len(lines)),
    )
    return row, _note(spec, result, lines)


def measure() -> Section:
    outcomes = [_try(spec) for spec in SPECS if spec.exists()]
    missing = [str(spec) for spec in SPECS if not spec.exists()]
    notes = [
        "One run each, `python -m generator generate --spec <copy> --out <tmp>`, with an "
        f"sdk.yaml mapping every operationId to a method; killed after {TIMEOUT_SECONDS:.0f} s.",
        "Exit codes: 0 written, 2 the spec was rejected (located errors), 3 a later stage failed.",
        *(note for _, note in outcomes),
    ]
    if missing:
        notes.append(f"Not measured, file absent: {', '.join(missing)}.")
    table = Table(
        title="Scale: the generator on large real-world specs",
        columns=("spec", "MB", "operations", "exit", "wall s", "peak RSS MiB", "stderr lines"),
        rows=tuple(row for row, _ in outcomes),
        notes=tuple(notes),
    )
    return Section(table)
