"""openapi-spec-validator's findings on a spec that passed, kept by the spec's digest.

Validation against the OpenAPI schema takes seconds on a large spec and depends only on the
document and the validator's libraries: so once a document has passed, its findings (the
warnings the generator works around, if any) are recorded under a key over both, and an
unchanged document is not validated again, nor the validator even imported. A document that
failed is never recorded: each run validates it again, and prints its errors. An entry is
trusted only whole: filed under its own key, each finding a path, a message and a value.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path

from generator.load import JSONPath

Finding = tuple[JSONPath, str, object]
"""(path from the node the validator checked, message, the offending value)."""

_LIBRARIES = ("openapi-spec-validator", "openapi-schema-validator", "jsonschema", "referencing")


def key(data: object) -> str | None:
    """The document's digest with the validator's versions; None for data JSON cannot hold."""
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return None
    digest = hashlib.sha256()
    for library in _LIBRARIES:
        try:
            digest.update(f"{library}=={metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}\n".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _folder() -> Path:
    from generator.cache import cache_dir

    return cache_dir() / "validated"


def recorded(key: str | None) -> list[Finding] | None:
    """The findings recorded under `key`, if the entry is whole."""
    if key is None:
        return None
    try:
        entry = json.loads((_folder() / f"{key}.json").read_text(encoding="utf-8"))
        stored, raw = entry["key"], entry["findings"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if stored != key or not isinstance(raw, list):
        return None
    findings: list[Finding] = []
    for item in raw:
        if not (isinstance(item, list) and len(item) == 3):
            return None
        path, message, instance = item
        if not isinstance(path, list) or not isinstance(message, str):
            return None
        if not all(isinstance(part, str | int) for part in path):
            return None
        findings.append((tuple(path), message, instance))
    return findings


def record(key: str | None, findings: list[Finding]) -> None:
    """Remember that the document under `key` passed, with these findings; atomically, and
    a failure to write only costs the next run its validation."""
    if key is None:
        return
    entry = {
        "key": key,
        "findings": [[list(path), message, value] for path, message, value in findings],
    }
    try:
        folder = _folder()
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=folder, delete=False, suffix=".tmp", encoding="utf-8"
        ) as handle:
            json.dump(entry, handle, ensure_ascii=False)
        os.replace(handle.name, folder / f"{key}.json")
    except (OSError, TypeError, ValueError):
        pass
