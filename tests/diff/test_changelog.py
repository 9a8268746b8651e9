"""`changelog`: the CHANGELOG.md beside the package, and the changes `check` reports.

Pins the entry a first change writes, that a new version goes on top and the same version
again gains the new changes in its own entry, that text a user wrote above the first entry is
kept, and that nothing is written without a recorded surface or without a change.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.diff.changelog import HEADER, surface_changes, updated, with_changelog
from generator.diff.codec import FILE_NAME, dumps
from generator.diff.compare import Change
from generator.diff.rules import Bump
from generator.diff.surface import surface_of
from generator.pipeline import build, load_spec
from generator.write import CHANGELOG

from .cases import BASE

FIRST = HEADER.partition("\n")[0] + "\n"


def change(message: str, breaking: bool = False) -> Change:
    bump: Bump = "major" if breaking else "minor"
    return Change(breaking, "method.added", "w.m", message, "w.m", bump, False, ())


def test_a_first_entry_gets_the_header() -> None:
    assert updated(None, "0.2.0", (change("added"),)) == f"{HEADER}\n## 0.2.0\n\n- `w.m`: added\n"


def test_a_new_version_goes_on_top_below_what_the_user_wrote() -> None:
    existing = f"{FIRST}# Changelog\n\nOur notes.\n\n## 0.1.0\n\n- `w.m`: first\n"
    assert updated(existing, "0.2.0", (change("gone", breaking=True),)) == (
        f"{FIRST}# Changelog\n\nOur notes.\n\n## 0.2.0\n\n- **Breaking**: `w.m`: gone\n\n"
        "## 0.1.0\n\n- `w.m`: first\n"
    )


def test_the_same_version_again_gains_the_new_changes_first() -> None:
    existing = "# Changelog\n\n## 0.2.0\n\n- `w.m`: first\n\n## 0.1.0\n\n- `w.m`: old\n"
    assert updated(existing, "0.2.0", (change("second"),)) == (
        "# Changelog\n\n## 0.2.0\n\n- `w.m`: second\n- `w.m`: first\n\n## 0.1.0\n\n- `w.m`: old\n"
    )


def test_a_file_without_entries_gets_one_at_the_end() -> None:
    assert updated("# Notes\n", "1.0.0", (change("x"),)) == "# Notes\n\n## 1.0.0\n\n- `w.m`: x\n"


def _output(tmp_path: Path, version: str = "0.1.0") -> tuple[Path, dict[str, str]]:
    surface = surface_of(build(load_spec(BASE)))
    out = tmp_path / "out"
    (out / "widgets").mkdir(parents=True)
    (out / "widgets" / FILE_NAME).write_text(dumps(surface))
    changed = dataclasses.replace(surface, methods=surface.methods[1:], version=version)
    return out, {f"widgets/{FILE_NAME}": dumps(changed)}


def test_a_changed_surface_adds_an_entry(tmp_path: Path) -> None:
    out, files = _output(tmp_path, "0.2.0")
    written, found = with_changelog(out, "widgets", "0.2.0", files)
    assert found.changes is not None and [c.kind for c in found.changes] == ["method.removed"]
    assert written[CHANGELOG].endswith(
        "## 0.2.0\n\n- **Breaking**: `widgets.create`: method "
        "removed: `create(*, name, size=..., shape=..., "
        "stream=..., dry_run=...) -> Widget`\n"
    )


def test_nothing_is_written_without_a_change_or_a_recorded_surface(tmp_path: Path) -> None:
    out, files = _output(tmp_path)
    same = {f"widgets/{FILE_NAME}": (out / "widgets" / FILE_NAME).read_text()}
    assert with_changelog(out, "widgets", "0.1.0", same)[0] == same
    (out / "widgets" / FILE_NAME).unlink()
    written, found = with_changelog(out, "widgets", "0.1.0", files)
    assert written == files and found.changes is None
    assert found.why_not is not None and "does not exist" in found.why_not


def test_an_unreadable_recorded_surface_is_reported_not_fatal(tmp_path: Path) -> None:
    out, files = _output(tmp_path)
    (out / "widgets" / FILE_NAME).write_text("{ hand-edited")
    found = surface_changes(out, "widgets", files)
    assert found.changes is None and found.why_not is not None
    assert found.why_not.startswith(f"cannot read {out / 'widgets' / FILE_NAME}")


def test_a_changelog_the_generator_did_not_write_is_left_alone(tmp_path: Path) -> None:
    out, files = _output(tmp_path, "0.2.0")
    (out / CHANGELOG).write_text("# Our own changelog\n")
    written, found = with_changelog(out, "widgets", "0.2.0", files)
    assert written == files and found.foreign == out / CHANGELOG
    assert found.changes is not None and len(found.changes) == 1
    (out / CHANGELOG).write_text(f"{FIRST}# Changelog\n")
    written, found = with_changelog(out, "widgets", "0.2.0", files)
    assert written[CHANGELOG].startswith(f"{FIRST}# Changelog\n\n## 0.2.0\n") and not found.foreign
