"""`generator.build.responses`: what a method returns, for each media type and JSON shape.

Pins the rules: JSON first (a bare JSON string beside bytes excepted), a named model class
passed as the response type, any other JSON (a named union or enum alias, an inline array,
map or scalar) typed by a cast and the request's annotation; JSON lines, text as `str` and any
other media type as bytes, each asked for with `accept`; a multipart body, or events beside
bytes, served with a located warning. Each spec is a few lines, built with `build_operation`.
"""

from __future__ import annotations

import textwrap

import pytest

from generator.build.context import Context
from generator.build.operations import build_operation
from generator.errors import SpecError
from generator.load import parse_document
from generator.model import Operation
from generator.openapi import operations
from generator.sdk_config import read_sdk_config

from ..helpers import ROOT

SDK = ROOT / "tests" / "golden" / "bearer_auth" / "spec" / "sdk.yaml"
SCHEMAS = """\
    Cat:
      type: object
      properties:
        kind: {type: string, enum: [cat]}
    Dog:
      type: object
      properties:
        kind: {type: string, enum: [dog]}
    Pet:
      oneOf:
        - $ref: "#/components/schemas/Cat"
        - $ref: "#/components/schemas/Dog"
    Size: {type: string, enum: [small, large]}
    Composed:
      allOf:
        - $ref: "#/components/schemas/Cat"
        - properties: {name: {type: string}}
    Event:
      type: object
      properties:
        type: {type: string}
"""


def context(content: str) -> Context:
    text = (
        textwrap.dedent("""\
            openapi: 3.1.0
            info: {title: T, version: "1"}
            paths:
              /things:
                get:
                  operationId: things_get
                  responses:
                    "200":
                      description: ok
                      content:
            """)
        + textwrap.indent(textwrap.dedent(content), "            ")
        + "components:\n  schemas:\n"
        + SCHEMAS
    )
    sdk = parse_document(SDK.read_bytes(), "sdk.yaml")
    return Context(parse_document(text.encode(), "openapi.yaml"), sdk, read_sdk_config(sdk))


def built(content: str) -> tuple[Operation, Context]:
    ctx = context(content)
    (spec_operation,) = operations(ctx.spec)
    return build_operation(ctx, spec_operation), ctx


def operation(content: str) -> Operation:
    return built(content)[0]


def json(schema: str) -> Operation:
    return operation(f"application/json:\n  schema: {schema}\n")


# JSON ----------------------------------------------------------------------------------------


def test_a_named_model_is_passed_as_the_response_type() -> None:
    found = json('{$ref: "#/components/schemas/Cat"}')
    assert (found.response.kind, found.returns.annotation) == ("model", "Cat")
    assert (found.response_type, found.request_annotation) == ("Cat", None)


def test_an_allof_is_a_model_class_too() -> None:
    found = json('{$ref: "#/components/schemas/Composed"}')
    assert (found.response_type, found.request_annotation) == ("Composed", None)


@pytest.mark.parametrize("name", ["Pet", "Size"])
def test_a_named_alias_is_cast_and_the_request_annotated(name: str) -> None:
    found = json(f'{{$ref: "#/components/schemas/{name}"}}')
    assert found.returns.annotation == name
    assert found.response_type == f"any_type({name})"
    assert found.request_annotation == f"APIRequest[{name}]"


@pytest.mark.parametrize(
    ("schema", "annotation"),
    [
        ('{type: array, items: {$ref: "#/components/schemas/Pet"}}', "list[Pet]"),
        ("{type: array, items: {type: array, items: {type: integer}}}", "list[list[int]]"),
        ("{items: {type: string}}", "list[str]"),
        ("{type: string}", "str"),
        ("{type: number}", "float"),
        ("{type: [boolean, 'null']}", "bool | None"),
        ("{type: string, enum: [a, b]}", 'Literal["a", "b"]'),
        ("{type: object, additionalProperties: {type: integer}}", "dict[str, int]"),
        ("{type: object}", "dict[str, object]"),
        ("{}", "object"),
        ('{anyOf: [{$ref: "#/components/schemas/Cat"}, {type: "null"}]}', "Cat | None"),
    ],
)
def test_an_inline_value_is_typed_as_it_parses(schema: str, annotation: str) -> None:
    found = json(schema)
    assert (found.response.kind, found.returns.annotation) == ("model", annotation)
    assert found.request_annotation == f"APIRequest[{annotation}]"
    assert found.response_type == f"any_type({annotation})"


def test_an_inline_object_of_properties_needs_a_named_schema() -> None:
    with pytest.raises(SpecError) as caught:
        json("{type: object, properties: {id: {type: string}}}")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.location.line == 12  # the schema's
    assert "needs a named schema" in diagnostic.message


def test_json_is_chosen_over_every_other_media_type() -> None:
    found = operation("""\
        image/png:
          schema: {type: string, format: binary}
        application/json:
          schema: {$ref: "#/components/schemas/Cat"}
        """)
    assert (found.response.kind, found.accept) == ("model", None)


def test_a_json_string_beside_bytes_gives_way_to_the_bytes() -> None:
    found = operation("""\
        application/zip:
          schema: {type: string, format: binary}
        application/json:
          schema: {type: string}
        """)
    assert (found.response.kind, found.accept) == ("binary", "application/zip")


def test_a_json_enum_beside_bytes_is_still_json() -> None:
    found = operation("""\
        application/zip:
          schema: {type: string, format: binary}
        application/json:
          schema: {type: string, enum: [ok]}
        """)
    assert found.response.kind == "model"


# Text and bytes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "media_type",
    ["text/plain", "text/csv", "text/html; charset=utf-8", "application/xml", "application/sdp"],
)
def test_text_is_returned_as_str_and_asked_for(media_type: str) -> None:
    found = operation(f"'{media_type}':\n  schema: {{type: string}}\n")
    assert (found.response.kind, found.returns.annotation) == ("text", "str")
    assert (found.accept, found.response_type) == (media_type, "NoneType")


@pytest.mark.parametrize(
    ("media_type", "accept"),
    [
        ("application/octet-stream", "application/octet-stream"),
        ("image/png", "image/png"),
        ("application/pdf", "application/pdf"),
        ("video/*", None),
        ("*/*", None),
    ],
)
def test_any_other_media_type_is_bytes(media_type: str, accept: str | None) -> None:
    found = operation(f"'{media_type}':\n  schema: {{type: string}}\n")
    assert (found.response.kind, found.returns.annotation) == ("binary", "AsyncAPIResponse[bytes]")
    assert found.accept == accept


def test_text_whose_schema_says_binary_is_bytes() -> None:
    found = operation("text/csv:\n  schema: {type: string, format: binary}\n")
    assert (found.response.kind, found.accept) == ("binary", "text/csv")


def test_a_multipart_response_is_bytes_with_a_warning() -> None:
    found, ctx = built('multipart/mixed:\n  schema: {$ref: "#/components/schemas/Cat"}\n')
    assert found.response.kind == "binary"
    (warning,) = ctx.warnings
    assert (warning.location.line, warning.severity) == (11, "warning")
    assert "not decoded into its parts" in warning.message


def test_events_beside_bytes_give_the_bytes_with_a_warning() -> None:
    found, ctx = built("""\
        application/octet-stream:
          schema: {type: string, format: binary}
        text/event-stream:
          schema: {$ref: "#/components/schemas/Event"}
        """)
    assert (found.response.kind, found.events) == ("binary", None)
    (warning,) = ctx.warnings
    assert warning.location.line == 13
    assert "returns application/octet-stream" in warning.message


def test_events_alone_are_a_stream() -> None:
    found = operation('text/event-stream:\n  schema: {$ref: "#/components/schemas/Event"}\n')
    assert (found.response.kind, found.returns.annotation) == ("events", "AsyncStream[Event]")


@pytest.mark.parametrize("media_type", ["application/x-jsonl", "application/jsonl"])
def test_json_lines_are_asked_for_by_their_media_type(media_type: str) -> None:
    """Not as JSON: a server that negotiates answers a request for JSON with a 406."""
    found = operation(f'{media_type}:\n  schema: {{$ref: "#/components/schemas/Cat"}}\n')
    assert (found.response.kind, found.accept) == ("jsonl", media_type)
