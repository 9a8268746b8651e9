"""The diff on spec pairs of known effect (`cases`): each reports exactly its changes, classified
as the table says, and together they reach every row of the table and every kind.

Each pair goes the CLI's way (YAML on disk, validation, the build, the surface), and the old
surface also through `_surface.json` and back, as `check` reads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator.diff.codec import dumps, loads
from generator.diff.compare import Change, compare
from generator.diff.inputs import surface_at
from generator.diff.rules import KINDS, RULES

from .cases import BASE, CASES, Case, Edit, Spec


def _spec_with(folder: Path, *edits: Edit | None) -> Path:
    openapi: Spec = yaml.safe_load((BASE / "openapi.yaml").read_text())
    sdk: Spec = yaml.safe_load((BASE / "sdk.yaml").read_text())
    for edit in edits:
        if edit is not None:
            edit(openapi, sdk)
    folder.mkdir(parents=True)
    (folder / "openapi.yaml").write_text(yaml.safe_dump(openapi, sort_keys=False))
    (folder / "sdk.yaml").write_text(yaml.safe_dump(sdk, sort_keys=False))
    return folder


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Change]]:
    """Every case's changes, computed once for the tests below."""
    root = tmp_path_factory.mktemp("cases")
    base = surface_at(_spec_with(root / "base"))
    found: dict[str, list[Change]] = {}
    for case in CASES:
        old = (
            base if case.old is None else surface_at(_spec_with(root / case.name / "old", case.old))
        )
        new = surface_at(_spec_with(root / case.name / "new", case.new))
        recorded = loads(dumps(old))
        assert recorded == old, case.name
        found[case.name] = compare(recorded, new)
    return found


def _ids(cases: tuple[Case, ...]) -> Iterator[str]:
    return (case.name for case in cases)


def test_the_cases_are_many_and_named_once() -> None:
    names = [case.name for case in CASES]
    assert len(names) >= 25
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("case", CASES, ids=list(_ids(CASES)))
def test_each_edit_reports_exactly_its_changes(
    case: Case, results: dict[str, list[Change]]
) -> None:
    got = sorted((c.kind, c.where, c.breaking) for c in results[case.name])
    assert got == sorted(case.expected)


def test_every_row_of_the_table_is_reached(results: dict[str, list[Change]]) -> None:
    reached = {rule for changes in results.values() for c in changes for rule in c.rules}
    missing = [f"{r.kind} ({r.side}, open={r.open})" for r in RULES if r not in reached]
    assert not missing, f"rows no case reaches: {missing}"


def test_every_kind_is_reported(results: dict[str, list[Change]]) -> None:
    reported = {c.kind for changes in results.values() for c in changes}
    assert reported == KINDS


def test_a_breaking_change_bumps_major_and_a_docs_change_patch(
    results: dict[str, list[Change]],
) -> None:
    for changes in results.values():
        for change in changes:
            assert (change.bump == "major") == change.breaking, change
            if change.docs_only:
                assert change.bump == "patch", change
