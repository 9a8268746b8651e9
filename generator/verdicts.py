"""openapi-spec-validator's findings on a spec that passed, kept by the spec's digest.

Validation against the OpenAPI schema takes seconds on a large spec and depends only on the
document and the validator's libraries: so once a document has passed, its findings (the
warnings the generator works around, if any) are recorded under a key over both, and an
unchanged document is not validated again, nor the validator even imported. A document that
failed is never recorded: each run validates it again, and prints its errors. An entry is
trusted only whole: filed under its own key, each finding a path, a message and a value.

An edited document is validated part by part (`validate_parts`): each part that passed (a path
item, a component schema, a schema checked against its dialect) is remembered by its digest in
`Passed`, and not checked again while it comes back unchanged.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from importlib import metadata
from pathlib import Path

from generator import store
from generator.load import JSONPath

Finding = tuple[JSONPath, str, object]
"""(path from the node the validator checked, message, the offending value)."""

_LIBRARIES = ("openapi-spec-validator", "openapi-schema-validator", "jsonschema", "referencing")


@functools.cache
def _versions() -> bytes:
    lines = []
    for library in _LIBRARIES:
        try:
            lines.append(f"{library}=={metadata.version(library)}\n")
        except metadata.PackageNotFoundError:
            lines.append(f"{library}\n")
    return "".join(lines).encode()


def key(data: object, *context: str) -> str | None:
    """The digest of `data` and `context` with the validator's versions; None for data JSON
    cannot hold. Without `context`, a whole document's."""
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        return None
    digest = hashlib.sha256(_versions())
    for part in context:
        digest.update(f"{len(part)}:{part}\n".encode("utf-8", "surrogatepass"))
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
        text = json.dumps(entry, ensure_ascii=False)
    except (TypeError, ValueError):  # a value JSON cannot hold: not remembered
        return
    store.save(_folder(), f"{key}.json", text)


#: Digests kept at most: past it, the file is rewritten with those of the last run only.
_PASSED_LIMIT = 200_000
_DIGEST = re.compile(r"[0-9a-f]{64}\Z")


class Passed:
    """The digests (`key`, with a context naming the check) of the parts of documents that
    passed their check. A line that is not a digest is ignored; a failure to read or write
    only costs time. Only passes are kept: a part that failed is checked again every time."""

    def __init__(self, known: set[str]) -> None:
        self.known = known
        self.seen: set[str] = set()
        self.added = False

    @classmethod
    def load(cls) -> Passed:
        try:
            lines = (_folder() / "parts.txt").read_text(encoding="ascii").split()
        except (OSError, ValueError):
            lines = []
        return cls({line for line in lines if _DIGEST.match(line)})

    def __contains__(self, digest: str | None) -> bool:
        if digest is None or digest not in self.known:
            return False
        self.seen.add(digest)
        return True

    def add(self, digest: str | None) -> None:
        if digest is not None:
            self.known.add(digest)
            self.seen.add(digest)
            self.added = True

    def save(self) -> None:
        """Write the digests back, atomically, if this run added any."""
        if not self.added:
            return
        kept = self.known if len(self.known) <= _PASSED_LIMIT else self.seen
        store.save(_folder(), "parts.txt", "".join(f"{digest}\n" for digest in sorted(kept)))
