"""Bad specs made by editing one line of a copy of the real spec (spec/), for
`test_bad_specs`: the expected location is the line that holds `points_at` in the edited file,
so these check line numbers in a large spec written by hand, anchors and all."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..helpers import SPEC


@dataclass(frozen=True)
class BadSpec:
    id: str
    file: str
    old: str
    new: str
    points_at: str | None
    """Text on the line the error must point at; None for line 1 (the whole file)."""
    message: str
    error_file: str | None = None
    """The file the error is in, when it is not the edited one."""


CASES = [
    BadSpec(
        "yaml-syntax",
        "openapi.yaml",
        "operationId: message_batches_delete",
        "operationId: message_batches_delete: oops",
        "message_batches_delete: oops",
        "invalid YAML: mapping values are not allowed here",
    ),
    BadSpec(
        "swagger-2",
        "openapi.yaml",
        "openapi: 3.1.0",
        'swagger: "2.0"',
        'swagger: "2.0"',
        "a Swagger (OpenAPI 2.0) document",
    ),
    BadSpec(
        "openapi-2",
        "openapi.yaml",
        "openapi: 3.1.0",
        "openapi: 2.0.0",
        "openapi: 2.0.0",
        "not supported",
    ),
    BadSpec(
        "ref-to-nothing",
        "openapi.yaml",
        '$ref: "#/components/schemas/DeletedMessageBatch"',
        '$ref: "#/components/schemas/DeletedMessageBatchX"',
        "DeletedMessageBatchX",
        "`$ref` to nothing: #/components/schemas/DeletedMessageBatchX",
    ),
    BadSpec(
        "ref-to-other-file",
        "openapi.yaml",
        '$ref: "#/components/schemas/DeletedMessageBatch"',
        '$ref: "other.yaml#/DeletedMessageBatch"',
        "other.yaml",
        "`$ref` to a file that cannot be read (other.yaml#/DeletedMessageBatch)",
    ),
    BadSpec(
        "path-parameter-not-declared",
        "openapi.yaml",
        "  /v1/messages/batches/{message_batch_id}:\n",
        "  /v1/messages/batches/{batch_id}:\n",
        "/v1/messages/batches/{batch_id}:",
        "path parameter {batch_id} of DELETE /v1/messages/batches/{batch_id} is not declared",
    ),
    BadSpec(
        "schema-violation",
        "openapi.yaml",
        "      type: apiKey",
        "      type: apiKeys",
        "type: apiKeys",
        "invalid OpenAPI",
    ),
    BadSpec(
        "duplicate-yaml-key",
        "openapi.yaml",
        "  title: Anthropic Message Batches API",
        "  title: Anthropic Message Batches API\n  title: again",
        "title: again",
        "duplicate key 'title'",
    ),
    BadSpec("empty-openapi", "openapi.yaml", None, "", None, "the file is empty"),  # type: ignore[arg-type]
    BadSpec(
        "parameter-name-collision",
        "openapi.yaml",
        "x-python-name: betas",
        "x-python-name: timeout",
        "x-python-name: timeout",
        "becomes 'timeout', which another argument of this method",
    ),
    BadSpec(
        "parameter-name-not-identifier",
        "openapi.yaml",
        "x-python-name: betas",
        "x-python-name: class",
        "x-python-name: class",
        "becomes 'class', which is not a Python identifier",
    ),
    BadSpec(
        "schema-shadows-a-resource-class",
        "openapi.yaml",
        "    ErrorObject:\n",
        "    Batches: {type: object}\n    ErrorObject:\n",
        "Batches: {type: object}",
        "schema name 'Batches' is taken by a resource class",
    ),
    BadSpec(
        "schema-shadows-an-unknown-variant",
        "openapi.yaml",
        "    ErrorObject:\n",
        "    UnknownContentBlock: {type: object}\n    ErrorObject:\n",
        "UnknownContentBlock: {type: object}",
        "taken by the fallback variant of a union",
    ),
    BadSpec(
        "path-parameter-not-a-segment",
        "openapi.yaml",
        "      schema:\n        type: string\n      example: msgbatch_013Zva2CMHLNnXjNJJKqJ2EF",
        "      schema:\n        type: boolean\n      example: msgbatch_013Zva2CMHLNnXjNJJKqJ2EF",
        "      schema:\n        type: boolean",
        "path parameter 'message_batch_id' is bool; a path segment can be a string or an integer",
    ),
    BadSpec(
        "object-as-path-parameter",
        "openapi.yaml",
        "      schema:\n        type: string\n      example: msgbatch_013Zva2CMHLNnXjNJJKqJ2EF",
        '      schema:\n        $ref: "#/components/schemas/MessageBatch"\n'
        "      example: msgbatch_013Zva2CMHLNnXjNJJKqJ2EF",
        '$ref: "#/components/schemas/MessageBatch"\n      example: msgbatch_013Zva2C',
        "MessageBatch is an object, which has no encoding as a path parameter",
    ),
    BadSpec(
        "argument-shadows-the-runtime",
        "openapi.yaml",
        "x-python-name: betas",
        "x-python-name: path_with",
        "x-python-name: path_with",
        "becomes 'path_with', which another argument of this method or a name of the generated",
    ),
    BadSpec(
        "resource-shadows-a-client-method",
        "sdk.yaml",
        "  messages.batches.delete: message_batches_delete",
        "  request.delete: message_batches_delete",
        "  request.delete: message_batches_delete",
        "resource name 'request' clashes with a method or client attribute",
    ),
    BadSpec(
        "method-to-missing-operation",
        "sdk.yaml",
        "messages.batches.delete: message_batches_delete",
        "messages.batches.delete: message_batches_remove",
        "messages.batches.delete: message_batches_remove",
        "operation 'message_batches_remove' does not exist in openapi.yaml",
    ),
    BadSpec(
        "unknown-sdk-key",
        "sdk.yaml",
        "  max_retries: 2",
        "  max_retries: 2\n  max_retires: 3",
        "max_retires: 3",
        "unknown key 'max_retires'",
    ),
    BadSpec(
        "error-base-shadows-the-runtime",
        "sdk.yaml",
        "  base: AnthropicError",
        "  base: APIError",
        "base: APIError",
        "error class 'APIError' would shadow a name of the runtime's `_errors`",
    ),
    BadSpec(
        "error-class-shadows-the-root",
        "sdk.yaml",
        "{class: NotFoundError, status: 404}",
        "{class: AnthropicError, status: 404}",
        "{class: AnthropicError, status: 404}",
        "error class 'AnthropicError' would shadow the root error class (`errors.base`)",
    ),
    BadSpec(
        "package-name-of-the-standard-library",
        "sdk.yaml",
        "  name: anthropic_batches",
        "  name: json",
        "name: json",
        "package name 'json' is the name of a module of Python's standard library",
    ),
    BadSpec(
        "bad-error-status",
        "sdk.yaml",
        "{class: NotFoundError, status: 404}",
        "{class: NotFoundError, status: 4040}",
        "status: 4040",
        "`status` must be a code from 400 to 599",
    ),
]


def _edited(case: BadSpec) -> str:
    original = (SPEC / case.file).read_text()
    if case.old is None:
        return case.new
    assert original.count(case.old) >= 1, f"case {case.id} no longer applies to the spec"
    return original.replace(case.old, case.new, 1)


def _line_of(text: str, needle: str | None) -> int:
    if needle is None:
        return 1
    return text.count("\n", 0, text.index(needle)) + 1


def _maker(case: BadSpec) -> Callable[[Path], None]:
    def make(spec: Path) -> None:
        shutil.copytree(SPEC, spec, dirs_exist_ok=True)
        (spec / case.file).write_text(_edited(case))

    return make


def edit_cases() -> list[tuple[str, str, int, str, Callable[[Path], None]]]:
    """Each edit as (name, file the error is in, line, message, how to make its spec)."""
    found = []
    for case in CASES:
        error_file = case.error_file or case.file
        text = _edited(case) if error_file == case.file else (SPEC / error_file).read_text()
        found.append(
            (case.id, error_file, _line_of(text, case.points_at), case.message, _maker(case))
        )
    return found
