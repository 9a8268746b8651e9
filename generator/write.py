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

Whatever is at `OUT/<package>` (a folder, a file, a symbolic link: the link itself, never what
it points to) is replaced in one atomic step, an exchange of the old folder and the new where
the system has one (Linux, macOS), else two renames that the next run completes if a kill
falls between them. Runs on one output take turns, and each first cleans up what a killed
run left (`.<package>.new-*` staging folders, a retired `.<package>.old`). No name outside the
package folder and the files beside it is ever written (`unowned_name`).
"""

from __future__ import annotations

import ctypes
import difflib
import errno
import functools
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

from generator import GENERATED_MARKER
from generator.errors import ForeignFileError, StageError

#: Folders inside the package that tools make and generation does not own.
IGNORED_DIRS = frozenset({"__pycache__", ".mypy_cache"})
#: The files written beside the package, each from the template of the same name (`render`).
BESIDE_PACKAGE = ("api.md", "pyproject.toml", "README.md")
#: The changelog `generate` keeps beside the package (`generator.diff.changelog`).
CHANGELOG = "CHANGELOG.md"
_PACKAGE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
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


def unowned_name(package: str, name: str) -> str | None:
    """Why generation may not write the file `name` (a `/`-separated path under the output
    folder), or None when it may: a file inside the package folder, or one of the files
    beside it. Every name is checked before anything is written, so that none (one read
    back from the cache, say) reaches outside those."""
    if not _PACKAGE.match(package):
        return f"the package name {package!r} is not an identifier"
    if name in BESIDE_PACKAGE or name == CHANGELOG:
        return None
    parts = name.split("/")
    if (
        len(parts) > 1
        and parts[0] == package
        and all(part not in ("", ".", "..") for part in parts)
        and not any(character in name for character in "\\\0")
    ):
        return None
    return f"{name!r} is neither a file of the package folder {package!r} nor one beside it"


def write_package(out: Path, package: str, files: Mapping[str, str]) -> None:
    """Replace `out/package` with `files`, and the files beside it, all or nothing; refuse,
    writing nothing, when a file beside the package is not the generator's.

    Runs on one output folder take turns (a lock on the folder), and each begins by cleaning
    up what a killed one left. Everything is written to a staging folder beside the package
    first; then the files beside it are replaced (each in one rename, the previous ones kept
    until the end), and last the package folder, in one atomic exchange of the old folder
    and the new (`exchange`). A failure on the way puts back what was replaced."""
    for name in files:
        problem = unowned_name(package, name)
        if problem is not None:
            raise StageError("write", name, problem)
    foreign = foreign_files(out, files)
    if foreign:
        raise ForeignFileError(foreign)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StageError("write", str(out), str(exc)) from exc
    with _locked(out):
        foreign = foreign_files(out, files)  # again, now that no other run writes here
        if foreign:
            raise ForeignFileError(foreign)
        try:
            _recover(out, package)
            staging = Path(tempfile.mkdtemp(prefix=f".{package}.new-", dir=out))
        except OSError as exc:
            raise StageError("write", str(out), str(exc)) from exc
        try:
            for name, text in files.items():
                try:
                    write_file(staging / name, text)
                except (OSError, UnicodeError) as exc:
                    raise StageError("write", name, str(exc)) from exc
            try:
                _commit(out, package, staging, _top_level(files))
            except OSError as exc:
                raise StageError("write", str(out / package), str(exc)) from exc
        finally:
            discard(staging)


def _commit(out: Path, package: str, staging: Path, beside: list[str]) -> None:
    """Put the staged files in place: those beside the package, then the package in one
    step. When a step fails, what was replaced before it is put back."""
    previous = staging / ".previous"  # neither a package nor a file beside it can be named so
    previous.mkdir()
    replaced: list[str] = []
    try:
        for name in beside:
            if os.path.lexists(out / name):
                _keep(out / name, previous / name)
            replaced.append(name)
            replace_file(staging / name, out / name)
        new, target = staging / package, out / package
        if not os.path.lexists(target):
            rename(new, target)
        elif not exchange(new, target):
            _replace_in_two_steps(new, target, out / f".{package}.old")
    except BaseException:
        for name in reversed(replaced):
            if os.path.lexists(previous / name):
                os.replace(previous / name, out / name)
            elif os.path.lexists(out / name):
                os.unlink(out / name)
        raise


def _keep(path: Path, kept: Path) -> None:
    """A second name for the file at `path` (a link itself, not what it points to), so that it
    can be put back after `path` is replaced."""
    try:
        os.link(path, kept, follow_symlinks=False)
    except OSError:  # a filesystem without hard links
        shutil.copy2(path, kept, follow_symlinks=False)


def _replace_in_two_steps(new: Path, target: Path, retired: Path) -> None:
    """Where folders cannot be exchanged: the old package is renamed away, then the new one
    into place. A run killed between the two leaves `retired`, which the next run puts back
    before anything else (`_recover`); a failure of the second puts it back at once."""
    rename(target, retired)
    try:
        rename(new, target)
    except BaseException:
        os.replace(retired, target)
        raise
    discard(retired)


def _recover(out: Path, package: str) -> None:
    """Undo what a run killed part way left: a package retired and not replaced is put back;
    staging folders and a retired package (whatever they are now) are removed."""
    retired, target = out / f".{package}.old", out / package
    if os.path.lexists(retired) and not os.path.lexists(target):
        os.rename(retired, target)
    for path in out.iterdir():
        if path.name == retired.name or path.name.startswith(f".{package}.new-"):
            discard(path)


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold the output folder for this run alone: concurrent runs on it wait their turn (the
    lock goes with the process, however it ends). Without `fcntl` (Windows), runs do not wait
    for each other."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        descriptor = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise StageError("write", str(out), str(exc)) from exc
    try:
        with suppress(OSError):  # a filesystem without locks: runs do not wait for each other
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # which releases the lock


# The steps below are functions of their own so that a test can fail or kill a run at each.


def write_file(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def replace_file(source: Path, target: Path) -> None:
    os.replace(source, target)


def rename(source: Path, target: Path) -> None:
    os.rename(source, target)


def discard(path: Path) -> None:
    """Remove `path` whatever it is: a folder and all in it, or a file or a link itself."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with suppress(OSError):
            path.unlink()


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step, as `renameat2(RENAME_EXCHANGE)` on Linux and
    `renamex_np(RENAME_SWAP)` on macOS do; False where that is not available (another
    system, an old C library, a filesystem that does not support it)."""
    call = _exchange_call()
    if call is None:
        return False
    if call(os.fsencode(first), os.fsencode(second)) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(first), None, str(second))


@functools.cache
def _exchange_call() -> Callable[[bytes, bytes], int] | None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    if sys.platform == "linux" and hasattr(libc, "renameat2"):
        renameat2 = libc.renameat2
        renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
        renameat2.argtypes += [ctypes.c_uint]
        renameat2.restype = ctypes.c_int
        at_cwd, rename_exchange = -100, 2
        return lambda first, second: int(renameat2(at_cwd, first, at_cwd, second, rename_exchange))
    if sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        renamex_np = libc.renamex_np
        renamex_np.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        renamex_np.restype = ctypes.c_int
        rename_swap = 2
        return lambda first, second: int(renamex_np(first, second, rename_swap))
    return None
