"""Typed access to sdk.yaml's mappings, for every section's reader.

Unknown keys and wrong types are errors at their location, not silently ignored: a typo in a
config key must not produce a client that quietly lacks what the user asked for. Problems are
collected, so that one run reports them all.
"""

from __future__ import annotations

import keyword
import math
import re

from generator.errors import Diagnostic
from generator.load import Document, JSONPath

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
#: What a shell can set (POSIX names, lower case allowed): a name with `=`, a space or a quote
#: could never be exported, so the client would silently never find its value.
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class Reader:
    """Typed access to a YAML mapping that collects located problems instead of raising."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Diagnostic] = []

    def fail(self, where: JSONPath, message: str) -> None:
        self.problems.append(Diagnostic(self.document.locate(where), message))

    def mapping(self, where: JSONPath, value: object, keys: set[str]) -> dict[str, object]:
        if not isinstance(value, dict):
            self.fail(where, "expected a mapping")
            return {}
        for key in value:
            if key not in keys:
                self.fail((*where, key), f"unknown key {key!r}; expected one of {sorted(keys)}")
        return value

    def string(self, where: JSONPath, data: dict[str, object], key: str, default: str = "") -> str:
        value = data.get(key, default)
        if isinstance(value, str) and value:
            return value
        self.fail((*where, key), f"`{key}` must be a non-empty string")
        return default

    def env_name(
        self, where: JSONPath, data: dict[str, object], key: str, default: str = ""
    ) -> str:
        value = self.string(where, data, key, default)
        if key in data and value and not _ENV_NAME.match(value):  # a default is the package's
            self.fail(
                (*where, key),
                f"{value!r} is not an environment variable name "
                "(letters, digits and `_`, not starting with a digit)",
            )
        return value

    def identifier(
        self, where: JSONPath, data: dict[str, object], key: str, default: str = ""
    ) -> str:
        value = self.string(where, data, key, default)
        if value and not is_identifier(value):
            self.fail((*where, key), f"{value!r} is not a valid Python identifier")
        return value

    def number(self, where: JSONPath, data: dict[str, object], key: str, default: float) -> float:
        value = data.get(key, default)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value <= 0
        ):
            self.fail((*where, key), f"`{key}` must be a positive number")
            return default
        return float(value)


def is_identifier(name: str) -> bool:
    """A name usable as a Python identifier that is not a keyword."""
    return bool(_IDENTIFIER.match(name)) and not keyword.iskeyword(name)
