"""Skip regeneration when nothing that feeds the output has changed.

The key is a sha256 over everything that determines the generated files: the spec files,
the generator's own source and templates, the versions of the libraries that print code, and
the package name asked for. Under it we keep the files generation produced. `check` then
hashes only the files on disk: if they are exactly the recorded ones, the output is in sync,
without importing black or datamodel-code-generator (most of a full run's time); if not, it
prints its diff against the recorded files, still without a full run. `generate` writes the
recorded files. A missing or unreadable cache only costs time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from generator import NAME, templates_dir
from generator.spec_files import spec_files
from generator.write import IGNORED_DIRS

_SOURCES = Path(__file__).resolve().parent
_TEMPLATES = templates_dir()
_PRINTERS = ("black", "datamodel-code-generator", "jinja2", "pyyaml", "openapi-spec-validator")


def cache_dir() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / NAME


def cache_key(spec: Path, package_name: str | None) -> str | None:
    """The key for this spec and this generator, or None when a spec file cannot be read.

    `spec` is what `--spec` names (a folder, or its OpenAPI file); the key covers the two
    files' contents by their role, not their names, which do not reach the output."""
    digest = hashlib.sha256()
    digest.update(repr(package_name).encode())
    files = spec_files(spec)
    try:
        digest.update(b"openapi\0" + files.openapi.read_bytes() + b"\0")
        # No sdk.yaml is a spec of its own (the defaults), apart from an empty one.
        sdk = files.sdk.read_bytes() if files.sdk.exists() else None
        digest.update(b"sdk\0" + (b"-" if sdk is None else b"+" + sdk) + b"\0")
    except OSError:
        return None
    # A multi-file spec's other files count too: every file a `$ref` names, at any depth.
    referenced = _referenced_files(files.openapi)
    if referenced is None:
        return None
    for path in referenced:
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
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


_FILE_REF = re.compile(rb"""["']?\$ref["']?\s*:\s*["']?([^"'\s,}#][^"'\s,}#]*)""")


def _referenced_files(root: Path) -> list[Path] | None:
    """The files `root`'s `$ref`s name, and theirs, in order; None when one cannot be read
    (then nothing is cached: a stale output must never pass for a current one)."""
    found: list[Path] = []
    pending = [root]
    while pending:
        current = pending.pop()
        try:
            raw = current.read_bytes()
        except OSError:
            return None
        for match in _FILE_REF.finditer(raw):
            target = match.group(1).decode("utf-8", "replace")
            if "://" in target:
                continue  # a URL is never followed, so it never changes the output
            path = (current.parent / target).resolve()
            if path not in found and path != root.resolve():
                found.append(path)
                pending.append(path)
    return found


class Recorded(NamedTuple):
    """What one generation produced: its package, files, and the warnings it printed."""

    package: str
    files: dict[str, str]
    warnings: list[str]


def record(key: str, package: str, files: Mapping[str, str], warnings: Sequence[str] = ()) -> None:
    """Remember what generation under `key` produced; failures to write are ignored."""
    entry = {"package": package, "files": dict(files), "warnings": list(warnings)}
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=folder, delete=False, suffix=".tmp", encoding="utf-8"
        ) as handle:
            json.dump(entry, handle)
        os.replace(handle.name, folder / f"{key}.json")
    except OSError:
        pass


def recorded(key: str) -> Recorded | None:
    """What was recorded under `key`, if anything (whole and well formed)."""
    try:
        entry = json.loads((cache_dir() / f"{key}.json").read_text(encoding="utf-8"))
        package, files, warnings = entry["package"], entry["files"], entry.get("warnings", [])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not isinstance(package, str) or not isinstance(files, dict):
        return None
    if not all(isinstance(name, str) and isinstance(text, str) for name, text in files.items()):
        return None
    if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
        return None
    return Recorded(package, files, warnings)


def in_sync(key: str, out: Path) -> bool:
    """Whether `out` holds exactly the files recorded under `key`, byte for byte."""
    entry = recorded(key)
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
