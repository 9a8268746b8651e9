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
_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")


@dataclass(frozen=True)
class SpecOperation:
    """One operation as written: its path key, HTTP method, object and place in the document."""

    path_key: str
    method: str
    raw: dict[str, object]
    where: JSONPath
    operation_id: str
    """Its `operationId`, or one made from its method and path when it has none (or shares
    its own with an earlier operation): the handle sdk.yaml and the build use."""

    @property
    def path(self) -> str:
        """The path key without a literal query (`/v1/x?beta=true` -> `/v1/x`)."""
        return self.path_key.partition("?")[0]


def operations(document: Document) -> Iterator[SpecOperation]:
    """Every operation of the document, in the order it is written."""
    paths = document.data.get("paths") if isinstance(document.data, dict) else None
    if not isinstance(paths, dict):
        return
    seen: set[str] = set()
    for path_key, item in paths.items():
        if not isinstance(item, dict):
            continue
        for method, operation in item.items():
            if method in HTTP_METHODS and isinstance(operation, dict):
                given = operation.get("operationId")
                operation_id = given if isinstance(given, str) and given else None
                if operation_id is None or operation_id in seen:
                    operation_id = _unique(derived_operation_id(method, path_key), seen)
                seen.add(operation_id)
                where = ("paths", path_key, method)
                yield SpecOperation(path_key, method, operation, where, operation_id)


def derived_operation_id(method: str, path_key: str) -> str:
    """An operationId from `method` and `path_key`: `get_v1_models_model_id`."""
    words = _NOT_WORD.sub("_", path_key.partition("?")[0]).strip("_").lower()
    return f"{method}_{words}" if words else method


def _unique(name: str, seen: set[str]) -> str:
    candidate, number = name, 2
    while candidate in seen:
        candidate, number = f"{name}_{number}", number + 1
    return candidate


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
