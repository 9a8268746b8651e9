"""A corpus of small messy specs the generator serves: each generates (exit 0), says what it
worked around in located warnings, and gives a package that imports with the methods expected.

Each folder under `tests/served_specs/` is one case: `openapi.yaml` (hand-written, minimal, with
a comment on line 1 saying what is messy and how it is served), usually no `sdk.yaml` (a bare
spec is enough), and `expected.txt`, whose lines are either

    method DOTTED.PATH                  a method api.md lists as `client.DOTTED.PATH(`
    warning FILE:LINE: SUBSTRING        a warning printed at that line of that file

Every warning printed must be expected: a case that starts to warn of something new fails, so
the warnings users see stay the ones meant.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..helpers import run_generator

CASES_DIR = Path(__file__).resolve().parent.parent / "served_specs"
WARNING_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):\d+: warning: (?P<message>.+)$")


@dataclass(frozen=True)
class Expected:
    methods: tuple[str, ...]
    warnings: tuple[tuple[str, int, str], ...]
    """(file, line, substring) of each warning."""


def _expected(folder: Path) -> Expected:
    methods, warnings = [], []
    for line in (folder / "expected.txt").read_text().splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "method":
            methods.append(rest)
        elif kind == "warning":
            where, _, message = rest.partition(": ")
            file, _, number = where.partition(":")
            warnings.append((file, int(number), message))
        else:
            assert kind in ("", "#"), f"{folder.name}/expected.txt: {line!r}"
    return Expected(tuple(methods), tuple(warnings))


CASES = sorted(folder for folder in CASES_DIR.iterdir() if folder.is_dir())


def test_the_corpus_has_cases() -> None:
    assert len(CASES) >= 2


@pytest.mark.parametrize("folder", CASES, ids=[folder.name for folder in CASES])
def test_served_spec(folder: Path, tmp_path: Path) -> None:
    expected = _expected(folder)
    out = tmp_path / "out"
    result = run_generator(
        "generate", "--spec", str(folder), "--out", str(out), env={"XDG_CACHE_HOME": str(tmp_path)}
    )
    assert result.returncode == 0, result.stderr
    printed = [match for line in result.stderr.splitlines() if (match := WARNING_LINE.match(line))]
    assert len(printed) == len(result.stderr.splitlines()), result.stderr
    unmatched = list(printed)
    for file, line, message in expected.warnings:
        found = [
            warning
            for warning in unmatched
            if warning["file"] == str(folder / file)
            and int(warning["line"]) == line
            and message in warning["message"]
        ]
        assert found, f"no warning at {file}:{line} with {message!r}:\n{result.stderr}"
        unmatched.remove(found[0])
    assert not unmatched, "unexpected warnings:\n" + "\n".join(w.group(0) for w in unmatched)

    api = (out / "api.md").read_text()
    for method in expected.methods:
        assert f"`client.{method}(" in api, f"{method} not in api.md:\n{api}"
    (package,) = [path.name for path in out.iterdir() if (path / "__init__.py").is_file()]
    imported = subprocess.run(
        [sys.executable, "-c", f"import {package}"],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert imported.returncode == 0, imported.stderr
