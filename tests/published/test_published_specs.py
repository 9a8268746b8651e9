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
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.load import load_document
from generator.openapi import operations

from ..helpers import ROOT
from .generation import SPECS, Generated

PYRIGHT = ROOT / "tools" / "node" / "node_modules" / ".bin" / "pyright"
NAMES = ["anthropic-openapi.json", "openai-openapi.yaml", "twilio_api_v2010.yaml"]
WARNING = re.compile(r"^(?P<file>[^:]+):\d+:\d+: warning: .+$")
API_LINE = re.compile(r"^- `(?P<method>[A-Z]+) (?P<path>[^`]+)`: `client\.")

pytestmark = pytest.mark.published


@pytest.fixture(scope="module", params=NAMES)
def generated(
    request: pytest.FixtureRequest, generate_published: Callable[[str], Generated]
) -> Generated:
    return generate_published(request.param)


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
