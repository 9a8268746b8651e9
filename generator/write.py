"""Put generated files on disk, all or nothing, and compare them with what is there.

The generator owns the package folder (`OUT/<package>/`) whole: a file in it that the spec no
longer produces is removed on regeneration and reported stale by `check`, and whatever was in
a folder of that name before is replaced, since a package is rebuilt whole or not at all.
Beside it, it owns only the files it writes there (`api.md`, `pyproject.toml`, `README.md`),
and of those only the ones it wrote: each opens with a header whose first line carries
`GENERATED_MARKER`. A file of one of those names without it (the user's own README.md) is
never replaced: `write_package` raises `ForeignFileError` before writing anything, and
`check` reports it. `CHANGELOG.md` follows the same rule (`generator.diff.changelog`);
anything else in `OUT/` (a .gitignore) is never touched.
"""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from generator import GENERATED_MARKER
from generator.errors import ForeignFileError, StageError

#: Folders inside the package that tools make and generation does not own.
IGNORED_DIRS = frozenset({"__pycache__", ".mypy_cache"})
_DIFF_LINES = 12
#: How much of a file is read to find its first line: the header is short.
_FIRST_LINE_BYTES = 4096


def owned_files(out: Path, package: str, top_level: list[str]) -> dict[str, str | None]:
    """Files now on disk that generation owns: path -> text (None when not UTF-8 text)."""
    root = out / package
    found: dict[str, str | None] = {}
    for name in top_level:
        if (out / name).is_file():
            found[name] = _read(out / name)
    if not root.is_dir():
        return found
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in IGNORED_DIRS)
        for filename in filenames:
            path = Path(dirpath, filename)
            found[path.relative_to(out).as_posix()] = _read(path)
    return found


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None


def _top_level(files: Mapping[str, str]) -> list[str]:
    return sorted(name for name in files if "/" not in name)


def foreign_files(out: Path, files: Mapping[str, str]) -> list[Path]:
    """The files beside the package that writing `files` would replace, but that generation
    did not write: their first line lacks the marker (or they are not text files at all)."""
    return [
        out / name
        for name in _top_level(files)
        if os.path.lexists(out / name) and not _is_generated(out / name)
    ]


def _is_generated(path: Path) -> bool:
    """Whether the first line of the file at `path` carries the generator's marker."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(_FIRST_LINE_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError):  # a folder, a dangling link, not UTF-8
        return False
    return GENERATED_MARKER in first


def stale_report(out: Path, package: str, files: Mapping[str, str]) -> list[str]:
    """One entry per file that differs from what generation produces, with a short diff;
    a file beside the package that generation did not write is named as such instead."""
    on_disk = owned_files(out, package, _top_level(files))
    foreign = {path.name for path in foreign_files(out, files)}
    report = []
    for name in sorted(set(files) | set(on_disk)):
        if name in foreign:
            report.append(
                f"not written by the generator (generate refuses to replace it): {out / name}"
            )
        elif name not in on_disk:
            report.append(f"missing: {out / name}")
        elif name not in files:
            report.append(f"not produced by the spec (would be removed): {out / name}")
        elif on_disk[name] != files[name]:
            old = (on_disk[name] or "").splitlines(keepends=True)
            new = files[name].splitlines(keepends=True)
            diff = list(difflib.unified_diff(old, new, f"{name} (on disk)", f"{name} (from spec)"))
            shown = "".join(diff[: _DIFF_LINES + 2])
            more = (
                f"... {len(diff) - _DIFF_LINES - 2} more diff lines\n"
                if len(diff) > _DIFF_LINES + 2
                else ""
            )
            report.append(f"stale: {out / name}\n{shown}{more}".rstrip("\n"))
    return report


def write_package(out: Path, package: str, files: Mapping[str, str]) -> None:
    """Replace `out/package` with `files` in one rename, so a failure leaves the old one whole;
    refuse, writing nothing, when a file beside the package is not the generator's."""
    foreign = foreign_files(out, files)
    if foreign:
        raise ForeignFileError(foreign)
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{package}.new-", dir=out))
    except OSError as exc:
        raise StageError("write", str(out), str(exc)) from exc
    try:
        for name, text in files.items():
            path = staging / name
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", newline="\n")
            except (OSError, UnicodeError) as exc:
                raise StageError("write", name, str(exc)) from exc
        target = out / package
        retired = out / f".{package}.old"
        if retired.exists():
            shutil.rmtree(retired)
        if target.exists():
            target.rename(retired)
        (staging / package).rename(target)
        shutil.rmtree(retired, ignore_errors=True)
        for name in _top_level(files):
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
