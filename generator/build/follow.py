"""`x-follow-url`: a method that first calls another operation, then requests the URL that a
field of its response holds (batch results: retrieve the batch, stream its `results_url`).

    x-follow-url:
      from: message_batches_retrieve   # the operation called first, with this one's arguments
      field: results_url               # the field of its response that holds the URL
      unavailable: No results yet ...  # the error's message while that field is empty
      accept: application/binary       # optional: the followed request's `accept` header
"""

from __future__ import annotations

import dataclasses

from generator.build.context import Context
from generator.build.operations import BuiltOperations
from generator.errors import SpecError
from generator.load import JSONPath, section
from generator.model import Follow, Operation, Parameter
from generator.refs import SCHEMAS, lookup

EXTENSION = "x-follow-url"
_KEYS = frozenset({"from", "field", "unavailable", "accept"})


def with_follows(context: Context, operations: BuiltOperations) -> BuiltOperations:
    """`operations`, each one that declares `x-follow-url` with its `Follow`."""
    built = dict(operations.built)
    for operation_id, where in operations.where.items():
        declared = section(lookup(context.spec.data, where)).get(EXTENSION)
        if declared is None:
            continue
        try:
            follow = _follow(context, operations, built[operation_id], declared, (*where, EXTENSION))
        except SpecError as error:
            context.problems.extend(error.diagnostics)
            continue
        operation = built[operation_id]
        built[operation_id] = dataclasses.replace(
            operation, follow=follow, accept=follow.accept or operation.accept
        )
    return dataclasses.replace(operations, built=built)


def _follow(
    context: Context,
    operations: BuiltOperations,
    operation: Operation,
    declared: object,
    where: JSONPath,
) -> Follow:
    if not isinstance(declared, dict) or not {"from", "field", "unavailable"} <= set(declared):
        raise context.error(
            where, f"`{EXTENSION}` must be a mapping with `from`, `field` and `unavailable`"
        )
    for key in declared:
        if key not in _KEYS:
            raise context.error((*where, key), f"unknown key {key!r}; expected one of {sorted(_KEYS)}")
    source_id = declared["from"]
    if source_id not in operations.built:
        raise context.error(
            (*where, "from"), f"`from` must be the operationId of another operation, not {source_id!r}"
        )
    source = operations.built[source_id]
    field = declared["field"]
    if source.response.kind != "model" or field not in _properties(context, source):
        raise context.error(
            (*where, "field"),
            f"{source_id}'s response has no field {field!r} to take a URL from",
        )
    texts = {key: declared.get(key) for key in ("unavailable", "accept")}
    for key, text in texts.items():
        if text is not None and (not isinstance(text, str) or not text.strip() or "\n" in text):
            raise context.error((*where, key), f"`{key}` must be text on one line")
    return Follow(
        source=_called_with_arguments_of(context, source, operation, (*where, "from")),
        field=str(field),
        unavailable=str(texts["unavailable"]).strip(),
        accept=None if texts["accept"] is None else str(texts["accept"]),
    )


def _properties(context: Context, operation: Operation) -> dict[str, object]:
    return section(context.spec.data, *SCHEMAS, str(operation.response.model), "properties")


def _called_with_arguments_of(
    context: Context, source: Operation, operation: Operation, where: JSONPath
) -> Operation:
    """`source` with each argument taken from `operation`'s argument of the same wire name."""
    own = {(p.location, p.wire_name): p for p in operation.parameters}

    def renamed(parameters: tuple[Parameter, ...]) -> tuple[Parameter, ...]:
        kept = []
        for parameter in parameters:
            match = own.get((parameter.location, parameter.wire_name))
            if match is None and parameter.required:
                raise context.error(
                    where,
                    f"{source.operation_id} needs the {parameter.location} parameter "
                    f"{parameter.wire_name!r}, which {operation.operation_id} does not take",
                )
            if match is not None:
                kept.append(dataclasses.replace(parameter, python_name=match.python_name))
        return tuple(kept)

    if source.body_parameters:
        raise context.error(where, f"{source.operation_id} takes a body; it cannot be called first")
    return dataclasses.replace(
        source,
        path_parameters=renamed(source.path_parameters),
        query_parameters=renamed(source.query_parameters),
        header_parameters=renamed(source.header_parameters),
        cookie_parameters=renamed(source.cookie_parameters),
    )
