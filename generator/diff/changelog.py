"""The CHANGELOG.md `generate` keeps beside the package, and what `check` says of a stale one.

Both compare the surface recorded in the output (`OUT/<package>/_surface.json`) with the new
spec's. When it changed, `generate` adds an entry for the version it writes, listing the
changes as `diff` does (breaking first); a second generation under the same version adds its
changes to that entry, newest first. Nothing is dated, so the file is a function of the spec's
history and `check` can tell whether it is up to date. Without a recorded surface (the first
generation, or output from before surfaces were recorded) there is nothing to compare, and the
file is left as it is.

The generator owns only a CHANGELOG.md it wrote: its first line says so (`MARKER`). One
without it is the user's, and is never touched.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator import GENERATED_MARKER
from generator.diff.codec import FILE_NAME, SurfaceFormatError, loads
from generator.diff.compare import Change, compare
from generator.diff.inputs import recorded_surface
from generator.diff.report import markdown
from generator.write import CHANGELOG

#: What the first line of a CHANGELOG.md the generator wrote says (the distribution's name).
MARKER = GENERATED_MARKER
HEADER = (
    f"<!-- {MARKER}; each generation that changes the package's surface adds to it. -->\n"
    "# Changelog\n\n"
    "What each generation changed for the client's users, newest first. Written by the "
    "generator (`python -m generator generate`) from the changes to the package's Python "
    "surface; `python -m generator diff` explains each kind.\n"
)


@dataclass(frozen=True)
class SurfaceChanges:
    """What the new output changes against the recorded one."""

    changes: tuple[Change, ...] | None
    """None when there is no recorded surface to compare with."""
    why_not: str | None
    """Why there is nothing to compare with."""
    foreign: Path | None = None
    """A CHANGELOG.md the generator did not write, and so left alone."""


def surface_changes(out: Path, package: str, files: Mapping[str, str]) -> SurfaceChanges:
    """The changes from the surface recorded under `out` to the one in `files`."""
    old, why_not = recorded_surface(out, package)
    text = files.get(f"{package}/{FILE_NAME}")
    if old is None or text is None:
        return SurfaceChanges(None, why_not or "the new output records no surface")
    try:
        new = loads(text)
    except SurfaceFormatError as exc:  # our own output: a generator bug
        return SurfaceChanges(None, f"the new surface does not read back: {exc}")
    return SurfaceChanges(tuple(compare(old, new)), None)


def with_changelog(
    out: Path, package: str, version: str, files: Mapping[str, str]
) -> tuple[dict[str, str], SurfaceChanges]:
    """`files` with CHANGELOG.md when the surface changed, and the changes."""
    found = surface_changes(out, package, files)
    if not found.changes:
        return dict(files), found
    path = out / CHANGELOG
    try:
        existing: str | None = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        existing = None
    except (OSError, UnicodeDecodeError):
        return dict(files), dataclasses.replace(found, foreign=path)
    if existing is not None and MARKER not in existing.partition("\n")[0]:
        return dict(files), dataclasses.replace(found, foreign=path)
    return {**files, CHANGELOG: updated(existing, version, found.changes)}, found


def updated(existing: str | None, version: str, changes: tuple[Change, ...]) -> str:
    """The changelog with `changes` entered under `version`."""
    items = markdown(changes)
    heading = f"## {version}\n"
    text = existing if existing is not None else HEADER
    lines = text.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if line.startswith("## ")), None)
    if first is None:
        return text.rstrip("\n") + f"\n\n{heading}\n{items}"
    if lines[first].strip() == heading.strip():
        # The same version again: its entry gains these changes, first.
        body = first + 1
        while body < len(lines) and not lines[body].strip():
            body += 1
        return "".join([*lines[:first], heading, "\n", items, *lines[body:]])
    return "".join([*lines[:first], heading, "\n", items, "\n", *lines[first:]])
