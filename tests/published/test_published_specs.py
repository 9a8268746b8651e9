"""Specs nobody here wrote, generated as they are published: no sdk.yaml, no edits.

Each of `tests/published_specs/` generates (exit 0), with every operation it declares in
`api.md`, every warning located, and a package that passes `mypy --strict` and pyright
strict (the generator itself has imported every module before writing). These run under
`make published`, which `make test` runs too; `-m published` selects them.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.load import load_document
from generator.openapi import operations

from ..helpers import ROOT, run_generator

PYRIGHT = ROOT / "tools" / "node" / "node_modules" / ".bin" / "pyright"
SPECS = Path(__file__).resolve().parent.parent / "published_specs"
NAMES = ["anthropic-openapi.json", "openai-openapi.yaml", "twilio_api_v2010.yaml"]
WARNING = re.compile(r"^(?P<file>[^:]+):\d+:\d+: warning: .+$")
API_LINE = re.compile(r"^- `(?P<method>[A-Z]+) (?P<path>[^`]+)`: `client\.")

pytestmark = pytest.mark.published


@dataclass(frozen=True)
class Generated:
    spec: Path
    out: Path
    package: str
    stderr: str


@pytest.fixture(scope="module", params=NAMES)
def generated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Generated:
    name: str = request.param
    folder = tmp_path_factory.mktemp(name.partition(".")[0])
    spec = folder / name
    spec.write_bytes((SPECS / name).read_bytes())  # alone: no sdk.yaml beside it
    out = folder / "out"
    result = run_generator(
        "generate", "--spec", str(spec), "--out", str(out), env={"XDG_CACHE_HOME": str(folder)}
    )
    assert result.returncode == 0, result.stderr[-5000:]
    (package,) = [path.name for path in out.iterdir() if (path / "__init__.py").is_file()]
    return Generated(spec, out, package, result.stderr)


def test_the_specs_are_the_published_files_unchanged() -> None:
    for line in (SPECS / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert hashlib.sha256((SPECS / name).read_bytes()).hexdigest() == digest, name


def test_every_operation_is_in_api_md(generated: Generated) -> None:
    """One api.md line per operation, under its method and path as the spec writes them."""
    declared = Counter(
        (operation.method.upper(), operation.path)
        for operation in operations(load_document(generated.spec))
    )
    listed = Counter(
        (match["method"], match["path"])
        for line in (generated.out / "api.md").read_text().splitlines()
        if (match := API_LINE.match(line))
    )
    assert listed == declared


def test_every_warning_is_located_in_the_spec(generated: Generated) -> None:
    matches = [(line, WARNING.match(line)) for line in generated.stderr.splitlines()]
    assert not [line for line, match in matches if match is None][:5]
    assert {match["file"] for _, match in matches if match} <= {str(generated.spec)}


def test_the_package_passes_mypy_strict(generated: Generated, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(tmp_path / "mypy"),
            generated.package,
        ],
        cwd=generated.out,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-5000:]


def test_the_package_passes_pyright_strict(generated: Generated, tmp_path: Path) -> None:
    """As users who vendor the package check it: pyright in strict mode, with the project's
    environment (pydantic, httpx2) for the imports."""
    config = tmp_path / "pyrightconfig.json"
    config.write_text(
        json.dumps(
            {
                "include": [str(generated.out / generated.package)],
                "typeCheckingMode": "strict",
                "pythonVersion": "3.11",
                "venvPath": str(ROOT),
                "venv": ".venv",
            }
        )
    )
    result = subprocess.run(
        [str(PYRIGHT), "--project", str(config)],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-5000:]
