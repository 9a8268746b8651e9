"""Texts kept under the cache folder by a digest of what produced them (`cache_dir()/KIND/`).

black's output and datamodel-code-generator's are pure functions of their input and their
version: each is kept under a key over both, so that a module whose input did not change is
not printed again. An entry is trusted only whole: it names its own key and the sha256 of its
text, and both must match; anything else reads as a miss. Writes are atomic, and a failure
to read or write only costs the time of doing the work again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def digest(parts: Iterable[str]) -> str:
    """One sha256 over `parts`, each length-prefixed so that no two sequences collide."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)
    return hashed.hexdigest()


def _folder(kind: str) -> Path:
    from generator.cache import cache_dir

    return cache_dir() / kind


def read(kind: str, key: str) -> str | None:
    """The text kept under `key`, if its entry is whole."""
    try:
        entry = json.loads((_folder(kind) / f"{key}.json").read_text(encoding="utf-8"))
        stored, sha256, text = entry["key"], entry["sha256"], entry["text"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if stored != key or not isinstance(text, str):
        return None
    if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() != sha256:
        return None
    return text


def write(kind: str, key: str, text: str) -> None:
    """Keep `text` under `key`."""
    sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    save(_folder(kind), f"{key}.json", json.dumps({"key": key, "sha256": sha256, "text": text}))


def save(folder: Path, name: str, text: str) -> None:
    """Write `folder/name` in one step (a reader sees the old file or the new, whole), as
    every cache file is written; a failure only costs the next run the work it saved."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=folder, delete=False, suffix=".tmp", encoding="utf-8"
        ) as handle:
            handle.write(text)
        os.replace(handle.name, folder / name)
    except (OSError, ValueError):  # no room, no rights; text that is no UTF-8
        pass
