"""Skip regeneration when nothing that feeds the output has changed.

The key is a sha256 over everything that determines the generated files: the spec files,
the generator's own source and templates, the versions of the libraries that print code, and
the package name asked for. Under it we keep the files generation produced. `check` then
hashes only the files on disk: if they are exactly the recorded ones, the output is in sync,
without importing black or datamodel-code-generator (most of a full run's time); if not, it
prints its diff against the recorded files, still without a full run. `generate` writes the
recorded files. A missing or unreadable cache only costs time, and so does an entry naming a
file generation does not write (outside the package folder and the files beside it): it is
ignored, never followed, and the run generates afresh.

A spec whose `$ref`s name other files depends on them too, and which ones only a full run
knows: the entry records each one's sha256 by its path from the OpenAPI file's folder, and is
used only while every one of them still has that digest.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from generator import NAME, store, templates_dir
from generator.spec_files import spec_files
from generator.write import IGNORED_DIRS, unowned_name

_SOURCES = Path(__file__).resolve().parent
_TEMPLATES = templates_dir()
_PRINTERS = ("black", "datamodel-code-generator", "jinja2", "pyyaml", "openapi-spec-validator")


def cache_dir() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / NAME


def cache_key(
    spec: Path, package_name: str | None, allow_external_refs: bool = False
) -> str | None:
    """The key for this spec and this generator, or None when a spec file cannot be read.

    `spec` is what `--spec` names (a folder, or its OpenAPI file); the key covers the two
    files' contents by their role, not their names, which do not reach the output."""
    digest = hashlib.sha256()
    digest.update(repr(package_name).encode())
    digest.update(repr(allow_external_refs).encode())
    files = spec_files(spec)
    try:
        digest.update(b"openapi\0" + files.openapi.read_bytes() + b"\0")
        # No sdk.yaml is a spec of its own (the defaults), apart from an empty one.
        sdk = files.sdk.read_bytes() if files.sdk.exists() else None
        digest.update(b"sdk\0" + (b"-" if sdk is None else b"+" + sdk) + b"\0")
    except OSError:
        return None
    for folder in dict.fromkeys((_SOURCES, _TEMPLATES)):  # one folder once installed
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".jinja"):
                digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    for distribution in _PRINTERS:
        try:
            digest.update(f"{distribution}=={metadata.version(distribution)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(distribution.encode())
    return digest.hexdigest()


class Recorded(NamedTuple):
    """What one generation produced: its package, files, and the warnings it printed."""

    package: str
    files: dict[str, str]
    warnings: list[str]


def includes_digests(sources: Iterable[tuple[str, bytes]]) -> dict[str, str]:
    """The sha256 of each file besides the two the key covers, by its relative path."""
    return {relative: hashlib.sha256(raw).hexdigest() for relative, raw in sources}


def record(
    key: str,
    package: str,
    files: Mapping[str, str],
    warnings: Sequence[str] = (),
    includes: Mapping[str, str] | None = None,
) -> None:
    """Remember what generation under `key` produced, and the digests of the other files
    it read (`includes_digests`); failures to write are ignored."""
    entry = {
        "package": package,
        "files": dict(files),
        "warnings": list(warnings),
        "includes": dict(includes or {}),
    }
    store.save(cache_dir(), f"{key}.json", json.dumps(entry))


def recorded(key: str, folder: Path | None = None) -> Recorded | None:
    """What was recorded under `key`, if anything (whole and well formed), while the other
    files it read, by their paths from `folder` (the OpenAPI file's), are as they were."""
    try:
        entry = json.loads((cache_dir() / f"{key}.json").read_text(encoding="utf-8"))
        package, files, warnings = entry["package"], entry["files"], entry.get("warnings", [])
        includes = entry.get("includes", {})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not _unchanged(includes, folder):
        return None
    if not isinstance(package, str) or not isinstance(files, dict):
        return None
    if not all(isinstance(name, str) and isinstance(text, str) for name, text in files.items()):
        return None
    if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
        return None
    if any(unowned_name(package, name) is not None for name in files):
        return None  # not what generation writes: a corrupt or planted entry, never followed
    return Recorded(package, files, warnings)


def _unchanged(includes: object, folder: Path | None) -> bool:
    """Whether each file in `includes` (relative path -> sha256) still has its digest."""
    if not isinstance(includes, dict):
        return False
    if not includes:
        return True
    if folder is None:
        return False
    try:
        return all(
            isinstance(digest, str)
            and hashlib.sha256((folder / relative).read_bytes()).hexdigest() == digest
            for relative, digest in includes.items()
        )
    except OSError:
        return False


def in_sync(key: str, out: Path, folder: Path | None = None) -> bool:
    """Whether `out` holds exactly the files recorded under `key`, byte for byte (`folder`
    as for `recorded`)."""
    entry = recorded(key, folder)
    if entry is None:
        return False
    package, expected, _ = entry
    on_disk = {
        path.relative_to(out).as_posix()
        for path in (out / package).rglob("*")
        if path.is_file() and not IGNORED_DIRS & set(path.parts)
    }
    on_disk |= {name for name in expected if "/" not in name and (out / name).is_file()}
    if on_disk != set(expected):
        return False
    try:
        return all((out / name).read_bytes() == text.encode() for name, text in expected.items())
    except OSError:
        return False
