"""The benchmark's synthetic spec (`bench/surface_diff.py`): it builds, and its edits have the
effect the benchmark's notes claim, so the figure is taken on the diff it says it is."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bench.surface_diff import EDITED_RESOURCES, edit, synthetic_spec, write_spec
from generator.diff.compare import compare
from generator.diff.inputs import surface_at


def test_the_synthetic_edits_have_their_known_effect(tmp_path: Path) -> None:
    document = synthetic_spec(resources=EDITED_RESOURCES + 1)
    old = surface_at(write_spec(tmp_path / "old", document))
    assert edit(document) == 6 * EDITED_RESOURCES
    changes = compare(old, surface_at(write_spec(tmp_path / "new", document)))
    per_resource = Counter((c.kind, c.breaking) for c in changes)
    assert per_resource == {
        (kind, breaking): count * EDITED_RESOURCES
        for kind, breaking, count in (
            ("field.added_optional", False, 1),
            ("field.removed", True, 1),
            ("enum.value_added", True, 2),  # Thing.status; ThingKind as responses read it
            ("enum.value_added", False, 1),  # ThingKind as requests send it (params)
            ("argument.made_required", True, 1),
            ("field.made_required", True, 1),
            ("method.docs_changed", False, 1),
        )
    }
    assert not any(f"Thing{EDITED_RESOURCES}" in c.where for c in changes)
