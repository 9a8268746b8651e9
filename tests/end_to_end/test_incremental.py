"""A run that reuses the cache gives, byte for byte, what a run with an empty cache gives.

A spec goes through a series of random edits (an operation added, a description changed, a
schema field added); after each one the generator runs twice in-process, `generate` into one
folder with a cache kept across the edits (black's, datamodel-code-generator's and the
validator's entries reused wherever their input did not change) and into another with an
empty cache (a copy of the first's output folder as it was before the run, since the
CHANGELOG.md there is that folder's history), and the two trees must be the same.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import cli

from ..helpers import ROOT, tree

SPEC = ROOT / "tests" / "golden" / "paged" / "spec"
EDITS = 4
Edit = Callable[[dict[str, Any], dict[str, Any], random.Random, int], None]


def _add_operation(spec: dict[str, Any], sdk: dict[str, Any], rng: random.Random, n: int) -> None:
    schema = rng.choice(["Book", "Author", "Loan"])
    spec["paths"][f"/extra{n}/{{id}}"] = {
        "get": {
            "operationId": f"extra{n}_retrieve",
            "summary": f"Retrieve a {schema.lower()}, edit {n}",
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {
                "200": {
                    "description": "The item.",
                    "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}
                    },
                }
            },
        }
    }
    sdk["methods"][f"extra{n}.retrieve"] = f"extra{n}_retrieve"


def _change_description(
    spec: dict[str, Any], sdk: dict[str, Any], rng: random.Random, n: int
) -> None:
    operations = [op for item in spec["paths"].values() for op in item.values()]
    rng.choice(operations)["summary"] = f"Changed by edit {n}: {rng.random():.6f}"


def _add_field(spec: dict[str, Any], sdk: dict[str, Any], rng: random.Random, n: int) -> None:
    schema = spec["components"]["schemas"][rng.choice(["Book", "Author", "Loan"])]
    kind = rng.choice(["string", "integer", "boolean"])
    schema["properties"][f"field{n}"] = {"type": kind, "description": f"Added by edit {n}."}


EDIT_KINDS: tuple[Edit, ...] = (_add_operation, _change_description, _add_field)


def _generate(spec: Path, out: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    assert cli.main(["generate", "--spec", str(spec), "--out", str(out)]) == 0


@pytest.mark.parametrize("seed", [15])
def test_warm_and_cold_runs_agree_after_each_random_edit(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    spec_folder = tmp_path / "spec"
    shutil.copytree(SPEC, spec_folder)
    spec = yaml.safe_load((spec_folder / "openapi.yaml").read_text())
    sdk = yaml.safe_load((spec_folder / "sdk.yaml").read_text())
    warm_cache = tmp_path / "warm-cache"
    _generate(spec_folder, tmp_path / "warm", warm_cache, monkeypatch)
    for n in range(EDITS):
        edit = EDIT_KINDS[n % len(EDIT_KINDS)] if n < len(EDIT_KINDS) else rng.choice(EDIT_KINDS)
        edit(spec, sdk, rng, n)
        (spec_folder / "openapi.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
        (spec_folder / "sdk.yaml").write_text(yaml.safe_dump(sdk, sort_keys=False))
        # The same output folder before the run (its CHANGELOG.md is its history), but no cache.
        cold = tmp_path / f"cold{n}"
        shutil.copytree(tmp_path / "warm", cold)
        _generate(spec_folder, tmp_path / "warm", warm_cache, monkeypatch)
        _generate(spec_folder, cold, tmp_path / f"cold-cache{n}", monkeypatch)
        assert tree(tmp_path / "warm") == tree(cold), f"after edit {n}: {edit.__name__}"
    # The warm cache was used: every kind of entry is there.
    kept = {path.name for path in (warm_cache / "openapi-sdk-generator").iterdir()}
    assert {"black", "models", "validated"} <= kept
