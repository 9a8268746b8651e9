"""The parts of an OpenAPI document that validation and building both walk: operations, and
the parameters each one takes once the path item's are merged with its own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from generator.load import Document, JSONPath
from generator.refs import resolve

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
JSON_MEDIA_TYPES = ("application/json",)
JSONL_MEDIA_TYPES = ("application/x-jsonl", "application/jsonl", "application/x-ndjson")
_PATH_TEMPLATE_NAME = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class SpecOperation:
    """One operation as written: its path key, HTTP method, object and place in the document."""

    path_key: str
    method: str
    raw: dict[str, object]
    where: JSONPath

    @property
    def path(self) -> str:
        """The path key without a literal query (`/v1/x?beta=true` -> `/v1/x`)."""
        return self.path_key.partition("?")[0]


def operations(document: Document) -> Iterator[SpecOperation]:
    """Every operation of the document, in the order it is written."""
    paths = document.data.get("paths") if isinstance(document.data, dict) else None
    if not isinstance(paths, dict):
        return
    for path_key, item in paths.items():
        if not isinstance(item, dict):
            continue
        for method, operation in item.items():
            if method in HTTP_METHODS and isinstance(operation, dict):
                yield SpecOperation(path_key, method, operation, ("paths", path_key, method))


def path_template_names(path_key: str) -> list[str]:
    """The `{name}`s of a path key, in order."""
    return _PATH_TEMPLATE_NAME.findall(path_key.partition("?")[0])


def parameter_lists(
    document: Document, operation: SpecOperation
) -> Iterator[tuple[JSONPath, list[object]]]:
    """The path item's `parameters` list, then the operation's, each with where it is."""
    item = document.data["paths"][operation.path_key] if isinstance(document.data, dict) else {}
    for owner, where in ((item, operation.where[:2]), (operation.raw, operation.where)):
        entries = owner.get("parameters") if isinstance(owner, dict) else None
        if isinstance(entries, list):
            yield (*where, "parameters"), entries


class ListedParameter(NamedTuple):
    data: dict[str, object]
    defined_at: JSONPath
    """Where the parameter object is, past any `$ref`: errors about its fields point here."""
    listed_at: JSONPath
    """Its entry in the `parameters` list: errors about the operation point here."""


def merged_parameters(
    document: Document, operation: SpecOperation
) -> dict[tuple[str, str], ListedParameter]:
    """(in, name) -> the parameter, the operation's own overriding the path item's of the same
    key, as OpenAPI specifies."""
    merged: dict[tuple[str, str], ListedParameter] = {}
    for origin, entries in parameter_lists(document, operation):
        for index, entry in enumerate(entries):
            listed_at = (*origin, index)
            parameter, defined_at = resolve(document, entry, listed_at)
            if isinstance(parameter, dict):
                key = (str(parameter.get("in")), str(parameter.get("name")))
                merged[key] = ListedParameter(parameter, defined_at, listed_at)
    return merged
