"""Put generated files on disk, all or nothing, and compare them with what is there.

The generator owns the package folder (`OUT/<package>/`) whole: a file in it that the spec no
longer produces is removed on regeneration and reported stale by `check`. Beside it, it owns
only the files it writes there (`api.md`); anything else in `OUT/` (a README, a .gitignore)
is the user's and never touched.
"""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from generator.errors import StageError

#: Folders inside the package that tools make and generation does not own.
IGNORED_DIRS = frozenset({"__pycache__", ".mypy_cache"})
_DIFF_LINES = 12


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


def stale_report(out: Path, package: str, files: Mapping[str, str]) -> list[str]:
    """One entry per file that differs from what generation produces, with a short diff."""
    on_disk = owned_files(out, package, _top_level(files))
    report = []
    for name in sorted(set(files) | set(on_disk)):
        if name not in on_disk:
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
    """Replace `out/package` with `files` in one rename, so a failure leaves the old one whole."""
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
