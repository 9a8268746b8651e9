"""A corpus of small broken specs: each gives exit 2 and a located error, and writes nothing.

Each folder under `tests/bad_specs/` is one case: `openapi.yaml` (hand-written, minimal, with a
comment on line 1 saying what is wrong), optionally its own `sdk.yaml` (otherwise
`_default_sdk.yaml`, which maps `things.delete` to the operation `things_delete`), and
`expected.txt`, one line `FILE:LINE: MESSAGE-SUBSTRING`: some stderr line must be
`<spec dir>/FILE:LINE:COL: error: ...` and contain the substring. A case may hold other files
that its `$ref`s name (`ref-*`, `other-file-*`); FILE is then whichever file the error is in. Exceptions to the comment
rule: `empty-file` (no bytes at all) and `missing-openapi` (no openapi.yaml). Cases too large to
commit are made at test time (`GENERATED_CASES`), and so are the cases of `spec_edits`, each one
line changed in a copy of the real spec.

Every folder case departs from `BASELINE`, which with the default sdk.yaml is a valid spec
(checked by `test_the_baseline_spec_is_valid`), so that each case has only the problem it is
named after.

The cases run a few at a time, each `generate` in its own subprocess with a timeout and a cap on
its address space, so a spec that hangs the generator or blows up its memory fails its case
instead of the machine.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..helpers import GENERATED, IGNORED, ROOT, tree
from .spec_edits import edit_cases

CASES_DIR = Path(__file__).resolve().parent.parent / "bad_specs"
DEFAULT_SDK = CASES_DIR / "_default_sdk.yaml"
TIMEOUT_SECONDS = 60
#: `generate` on BASELINE runs within 250 MiB of address space; twice that is the cap, so a
#: spec that makes the generator grow without bound (a YAML alias bomb) fails in seconds.
MEMORY_LIMIT_BYTES = 512 << 20
WORKERS = max(2, os.cpu_count() or 2)
ERROR_LINE = re.compile(r"^.+:\d+:\d+: error: .+$")
EXPECTED_LINE = re.compile(r"^([\w./-]+\.(?:yaml|json)):(\d+): (.+)$")

BASELINE = """\
# A valid tiny spec: every case departs from it in one way.
openapi: 3.1.0
info: {title: Things, version: "1"}
paths:
  /things:
    delete:
      operationId: things_delete
      responses:
        "204": {description: Deleted.}
components:
  securitySchemes:
    api_key: {type: apiKey, in: header, name: x-api-key}
  schemas:
    Thing: {type: object}
"""


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    line: int
    message: str
    folder: Path | None = None
    make: Callable[[Path], None] | None = None

    @property
    def expected(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def _baseline_with(comment: str, line: int | None = None, text: str = "") -> str:
    """BASELINE with `comment` on line 1 and, when given, `text` inserted as line `line`."""
    lines = BASELINE.splitlines(keepends=True)
    lines[0] = f"# {comment}\n"
    if line is not None:
        lines.insert(line - 1, text)
    return "".join(lines)


def _huge_file(spec: Path) -> None:
    padding = ("# " + "x" * 77 + "\n") * (40 * 1024 * 1024 // 80)
    text = _baseline_with("40 MiB (a valid spec padded with comments): refused before parsing.")
    (spec / "openapi.yaml").write_text(text + padding)


def _deep_nesting(spec: Path) -> None:
    depth = 100_000
    deep = "x-deep: " + "[" * depth + "]" * depth + "\n"
    text = _baseline_with(
        "100,000 nested YAML lists on line 4: a recursive parser overflows.", 4, deep
    )
    (spec / "openapi.yaml").write_text(text)


GENERATED_CASES = [
    Case("huge-file", "openapi.yaml", 1, "refused", make=_huge_file),
    Case("yaml-deep-nesting", "openapi.yaml", 4, "nest", make=_deep_nesting),
]


def _folder_case(folder: Path) -> Case:
    expected = (folder / "expected.txt").read_text().strip()
    match = EXPECTED_LINE.match(expected)
    assert match, f"{folder.name}/expected.txt: {expected!r} is not FILE:LINE: MESSAGE"
    return Case(folder.name, match[1], int(match[2]), match[3], folder=folder)


CASES = [
    *(
        _folder_case(f)
        for f in sorted(CASES_DIR.iterdir())
        if f.is_dir() and not f.name.startswith("_")
    ),
    *GENERATED_CASES,
    *(
        Case(f"spec-edit-{name}", file, line, message, make=make)
        for name, file, line, message, make in edit_cases()
    ),
]

Snapshot = tuple[list[str], dict[str, bytes]]


def _snapshot(folder: Path) -> Snapshot:
    """Every entry under `folder` (folders too, so an empty leftover shows) and each file's bytes."""
    entries = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    return entries, tree(folder)


def _prepare(case: Case, folder: Path) -> Path:
    """The case's spec folder under `folder`, with the default sdk.yaml when it has none."""
    spec = folder / case.name
    if case.folder is not None:
        shutil.copytree(case.folder, spec, ignore=shutil.ignore_patterns("expected.txt"))
    else:
        assert case.make is not None
        spec.mkdir()
        case.make(spec)
    if not (spec / "sdk.yaml").exists():
        shutil.copyfile(DEFAULT_SDK, spec / "sdk.yaml")
    return spec


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


@dataclass
class Outcome:
    """One `generate` run; `returncode` is None when it was killed at the timeout."""

    spec: Path
    out: Path
    before: Snapshot
    returncode: int | None = None
    stderr: str = ""


class _Run:
    """`generate` on one spec in a subprocess, its stdout and stderr going to files."""

    def __init__(self, outcome: Outcome, logs: Path) -> None:
        self.outcome = outcome
        self.stderr = logs / "stderr"
        self.timed_out = False
        with (logs / "stdout").open("wb") as stdout, self.stderr.open("wb") as stderr:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "generator",
                    "generate",
                    "--spec",
                    str(outcome.spec),
                    "--out",
                    str(outcome.out),
                ],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=stderr,
                # Started from the only thread there is (no thread pool), so this is safe.
                preexec_fn=_limit_memory,
            )
        self.started = time.monotonic()

    def finished(self) -> bool:
        """True once the process has ended, killing it at the timeout."""
        if self.process.poll() is not None:
            return True
        if time.monotonic() - self.started > TIMEOUT_SECONDS:
            self.process.kill()
            self.process.wait()
            self.timed_out = True
            return True
        return False

    def result(self) -> Outcome:
        self.outcome.returncode = None if self.timed_out else self.process.returncode
        self.outcome.stderr = self.stderr.read_text(errors="replace")
        return self.outcome


def _run_all(cases: list[Case], tmp: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Run the cases `WORKERS` at a time, each into its own copy of generated/."""
    # One copy of generated/ first: a `make generate` running meanwhile cannot tear the others.
    original = tmp.mktemp("generated") / "generated"
    shutil.copytree(GENERATED, original, ignore=IGNORED)
    pending = list(cases)
    running: dict[str, _Run] = {}
    done: dict[str, Outcome] = {}
    try:
        while pending or running:
            while pending and len(running) < WORKERS:
                case = pending.pop(0)
                folder = tmp.mktemp(case.name, numbered=True)
                spec, out, logs = _prepare(case, folder), folder / "out", folder / "logs"
                shutil.copytree(original, out)
                logs.mkdir()
                running[case.name] = _Run(Outcome(spec, out, _snapshot(out)), logs)
            time.sleep(0.02)
            for name in [name for name, run in running.items() if run.finished()]:
                done[name] = running.pop(name).result()
    finally:
        for run in running.values():  # only on an error here: leave no generator running
            run.process.kill()
            run.process.wait()
    return done


@pytest.fixture(scope="module")
def outcomes(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Outcome]:
    """The outcome of every case this session selected, run together up front."""
    selected = [
        item.callspec.params["case"]
        for item in request.session.items
        if isinstance(item, pytest.Function) and item.originalname == "test_bad_spec"
    ]
    return _run_all([case for case in CASES if case in selected], tmp_path_factory)


def _head(stderr: str, lines: int = 3) -> str:
    """The first lines of stderr, and the last one of a traceback (the exception)."""
    all_lines = stderr.splitlines()
    shown = all_lines[:lines] + (["...", all_lines[-1]] if "Traceback" in stderr else [])
    return "\n".join(line[:300] for line in shown) or "(no stderr)"


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 32


def test_the_baseline_spec_is_valid(tmp_path: Path) -> None:
    """BASELINE with the default sdk.yaml generates, within the same time and memory caps."""
    spec = tmp_path / "spec"
    spec.mkdir()
    (spec / "openapi.yaml").write_text(BASELINE)
    shutil.copyfile(DEFAULT_SDK, spec / "sdk.yaml")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        preexec_fn=_limit_memory,
    )
    assert result.returncode == 0, result.stderr
    assert (out / "things_client" / "resources" / "things.py").is_file()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_spec(case: Case, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[case.name]
    stderr = outcome.stderr
    assert (
        outcome.returncode is not None
    ), f"no answer within {TIMEOUT_SECONDS} s; expected {case.expected}"
    assert (
        outcome.returncode == 2
    ), f"exit {outcome.returncode}, expected 2 and {case.expected}; stderr:\n{_head(stderr)}"
    assert "Traceback" not in stderr, _head(stderr)
    lines = stderr.splitlines()
    assert lines, "exit 2 without any message on stderr"
    malformed = [line for line in lines if not ERROR_LINE.match(line)]
    assert not malformed, f"not FILE:LINE:COL: error: MESSAGE: {malformed[:3]}"
    location = re.compile(rf"^{re.escape(str(outcome.spec / case.file))}:{case.line}:\d+: error: ")
    assert any(
        location.match(line) and case.message in line for line in lines
    ), f"expected {case.expected}; stderr:\n{_head(stderr)}"
    assert _snapshot(outcome.out) == outcome.before, "the output folder changed"
