"""`generate --bump`: the package version the changes call for, written into sdk.yaml.

The version lives in sdk.yaml (`package.version`), the source the package is generated from,
so that is where a bump is written: a generated `_version.py` that disagreed with sdk.yaml
would be stale at the next `check`, and the next `generate` would undo it. Only the scalar
itself is replaced, in its own quoting, so the file's comments and layout are kept.

Semantic versioning, with Cargo's reading of 0.x (the API is not stable yet, so the first
breaking change does not force a 1.0): from 1.0 on, breaking -> major, compatible -> minor,
patch -> patch; before it, breaking -> minor and anything else -> patch.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml

from generator.diff.rules import Bump
from generator.errors import Location, SpecError

_SEMVER = re.compile(r"(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.+-]*)?\Z")


def parse(version: str) -> tuple[int, int, int] | None:
    """MAJOR, MINOR and PATCH of `version` (a pre-release or build suffix is ignored)."""
    match = _SEMVER.match(version)
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def bumped(version: str, bump: Bump) -> str | None:
    """`version` bumped by `bump`; None when it is not MAJOR.MINOR.PATCH."""
    parts = parse(version)
    if parts is None:
        return None
    major, minor, patch = parts
    if bump == "none":
        return version
    if major == 0:
        return f"0.{minor + 1}.0" if bump == "major" else f"0.{minor}.{patch + 1}"
    if bump == "major":
        return f"{major + 1}.0.0"
    return f"{major}.{minor + 1}.0" if bump == "minor" else f"{major}.{minor}.{patch + 1}"


def newer(candidate: str, current: str) -> bool:
    """Whether `candidate` is a later version than `current` (both MAJOR.MINOR.PATCH)."""
    a, b = parse(candidate), parse(current)
    return a is not None and b is not None and a > b


def rewrite_version(sdk_path: Path, version: str) -> None:
    """Write `version` as sdk.yaml's `package.version`, changing nothing else in the file."""
    try:
        text = sdk_path.read_bytes().decode("utf-8")  # not read_text: keep `\r\n` as written
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError.at(Location(str(sdk_path)), f"cannot edit the version: {exc}") from None
    node = _version_node(text, str(sdk_path))
    start, end = node.start_mark.index, node.end_mark.index
    quote = {"'": "'", '"': '"'}.get(node.style or "", "")
    updated = f"{text[:start]}{quote}{version}{quote}{text[end:]}"
    handle = tempfile.NamedTemporaryFile(
        "w", dir=sdk_path.parent, delete=False, suffix=".tmp", encoding="utf-8", newline=""
    )
    with handle:
        handle.write(updated)
    os.replace(handle.name, sdk_path)


def _version_node(text: str, name: str) -> yaml.ScalarNode:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    package = _value(root, "package")
    version = _value(package, "version") if package is not None else None
    if not isinstance(version, yaml.ScalarNode):
        where = package.start_mark if package is not None else root.start_mark if root else None
        location = Location(name, where.line + 1, where.column + 1) if where else Location(name)
        raise SpecError.at(location, "no `package.version` to bump")
    if version.style not in (None, "", "'", '"'):
        raise SpecError.at(
            Location(name, version.start_mark.line + 1, version.start_mark.column + 1),
            "`package.version` is a block scalar; write it on one line to let --bump edit it",
        )
    return version


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if getattr(k, "value", None) == key), None)
