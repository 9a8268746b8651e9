"""Method names from paths, for the operations sdk.yaml does not name, as well-known SDKs have them.

    POST   /v1/messages/batches                    messages.batches.create
    GET    /v1/messages/batches                    messages.batches.list
    GET    /v1/messages/batches/{id}               messages.batches.retrieve
    DELETE /v1/messages/batches/{id}               messages.batches.delete
    PUT    /v1/messages/batches/{id}               messages.batches.update (PATCH too)
    POST   /v1/messages/batches/{id}/cancel        messages.batches.cancel
    POST   /v1/messages/count_tokens               messages.count_tokens
    GET    /2010-04-01/Accounts/{Sid}/Calls.json   accounts.calls.list
    GET    /v1/models/{id}?beta=true               beta.models.retrieve

A version segment at the start (`v1`, `2010-04-01`) and a file extension (`.json`) are dropped;
each static segment is a resource, in snake case. The last one is a collection when some path
goes on to an item of it (`/batches/{id}`), or when nothing else is known of it; it is an
action on what precedes it (`cancel`, `results`, `count_tokens`) when it follows an item, or
follows a path that has operations of its own. Two operations that would share a name are told
apart by their operationIds, with a located warning: the order of the paths in the document
decides which keeps the plain name, so the result is the same on every run.
"""

from __future__ import annotations

import keyword
import re

from generator.build.context import Context
from generator.build.naming import RESERVED_ATTRIBUTES, snake_case
from generator.load import JSONPath
from generator.openapi import SpecOperation

_VERSION = re.compile(r"v\d+(\.\d+)*|\d{4}-\d{2}(-\d{2})?", re.IGNORECASE)
_ITEM_METHODS = {"get": "retrieve", "delete": "delete", "put": "update", "patch": "update"}
_COLLECTION_METHODS = {"get": "list", "post": "create", "put": "update", "patch": "update"}


def _segments(path_key: str) -> list[str]:
    """The path's segments, a leading version dropped and extensions stripped (`Calls.json`)."""
    path = path_key.partition("?")[0]
    parts = [part.split(".")[0] if not part.startswith("{") else part for part in path.split("/")]
    parts = [part for part in parts if part]
    while parts and _VERSION.fullmatch(parts[0]):
        parts.pop(0)
    return parts


def _is_parameter(segment: str) -> bool:
    return segment.startswith("{")


def _shape(segments: list[str]) -> tuple[str, ...]:
    """Segments with each parameter as `{}`: `/Accounts/{Sid}` and `/Accounts/{AccountSid}`
    are the same place."""
    return tuple("{}" if _is_parameter(segment) else segment for segment in segments)


def _identifier(name: str) -> str:
    """`name` as a Python name: snake case, a digit or keyword start guarded."""
    name = snake_case(name) or "root"
    if name[0].isdigit():
        name = f"n{name}"
    if keyword.iskeyword(name) or name in RESERVED_ATTRIBUTES:
        name = f"{name}_"
    return name


class _Paths:
    """What is known of all the document's paths: which prefixes have operations, and which
    segments are followed by an item."""

    def __init__(self, operations: list[SpecOperation]) -> None:
        self.with_operations = {_shape(_segments(op.path_key)) for op in operations}
        self.collections: set[tuple[str, ...]] = set()
        for op in operations:
            segments = _segments(op.path_key)
            for index in range(1, len(segments)):
                if _is_parameter(segments[index]) and not _is_parameter(segments[index - 1]):
                    self.collections.add(_shape(segments[:index]))


def derived_name(operation: SpecOperation, paths: _Paths) -> tuple[str, ...]:
    """The dotted method path `operation` gets from its path and HTTP method."""
    segments = _segments(operation.path_key)
    beta = ("beta",) if "beta=true" in operation.path_key.partition("?")[2] else ()
    statics = [_identifier(s) for s in segments if not _is_parameter(s)]
    method = operation.method
    if not segments:
        return (*beta, "root", _COLLECTION_METHODS.get(method, method))
    if _is_parameter(segments[-1]):
        return (*beta, *statics, _ITEM_METHODS.get(method, method))
    prefix = _shape(segments[:-1])
    is_action = bool(prefix) and (
        _is_parameter(prefix[-1]) or (prefix in paths.with_operations and len(statics) > 1)
    )
    if _shape(segments) in paths.collections or not is_action:
        return (*beta, *statics, _COLLECTION_METHODS.get(method, method))
    return (*beta, *statics)


def derived_names(
    context: Context, operations: list[SpecOperation], taken: set[tuple[str, ...]]
) -> dict[str, tuple[tuple[str, ...], JSONPath]]:
    """operationId -> (its dotted method path, where it is written) for each of `operations`;
    names in `taken` (sdk.yaml's) and each other's are kept apart."""
    paths = _Paths(operations)
    names: dict[str, tuple[tuple[str, ...], JSONPath]] = {}
    used = set(taken)
    for operation in operations:
        name = derived_name(operation, paths)
        if name in used:
            plain = name
            name = (*name[:-1], _identifier(operation.operation_id))
            while name in used:
                name = (*name[:-1], f"{name[-1]}_")
            context.warn(
                (*operation.where, "operationId"),
                f"{operation.method.upper()} {operation.path_key} would be "
                f"{'.'.join(plain)}, which another operation is; it is "
                f"{'.'.join(name)} (name it in sdk.yaml `methods`)",
            )
        used.add(name)
        names[operation.operation_id] = (name, operation.where)
    return names
