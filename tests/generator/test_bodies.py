"""`generator.build.bodies`: a request body as method arguments.

Pins the rules: an object's properties become keyword arguments, merged across `allOf` (with
`$ref`s followed at any depth, `required` merged, a later member's property winning), a
one-member `oneOf` flattened like its member, an `anyOf` of `required` lists requiring none;
anything else JSON holds is one `body` argument (a union of TypedDicts, an array, a scalar, or a
`Mapping` of arbitrary keys); another media type is one `content` argument of text or bytes,
sent with its `content-type`; JSON is preferred to multipart, multipart to a form, a form to
the rest. Each spec is a few lines, built with `build_operation`.
"""

from __future__ import annotations

import textwrap

import pytest

from generator.build.context import Context
from generator.build.operations import build_operation
from generator.errors import SpecError
from generator.imports import Import
from generator.load import parse_document
from generator.model import Operation, Parameter
from generator.openapi import operations
from generator.sdk_config import read_sdk_config

from ..helpers import ROOT

SDK = ROOT / "tests" / "golden" / "bearer_auth" / "spec" / "sdk.yaml"
SCHEMAS = """\
    Cat:
      type: object
      required: [kind, name]
      properties:
        kind: {type: string, enum: [cat]}
        name: {type: string}
    Dog:
      type: object
      required: [kind]
      properties:
        kind: {type: string, enum: [dog]}
    Base:
      type: object
      required: [name]
      properties:
        name: {type: string}
        note: {type: string}
    Composed:
      allOf:
        - $ref: "#/components/schemas/Base"
        - type: object
          required: [size]
          properties:
            size: {type: integer}
    Twice:
      allOf:
        - $ref: "#/components/schemas/Composed"
        - properties:
            note: {type: integer, description: An integer here.}
"""


def spec(body: str, *, parameters: str = "") -> str:
    """A document with one POST operation whose `requestBody` is `body` (YAML, indented as
    a requestBody's value)."""
    return (
        textwrap.dedent("""\
            openapi: 3.1.0
            info: {title: T, version: "1"}
            paths:
              /things:
                post:
                  operationId: things_create
            """)
        + textwrap.indent(parameters, "      ")
        + "      requestBody:\n"
        + textwrap.indent(textwrap.dedent(body), "        ")
        + '      responses:\n        "204": {description: ok}\n'
        + "components:\n  schemas:\n"
        + SCHEMAS
    )


def context(text: str) -> Context:
    sdk = parse_document(SDK.read_bytes(), "sdk.yaml")
    return Context(parse_document(text.encode(), "openapi.yaml"), sdk, read_sdk_config(sdk))


def built(body: str, **options: str) -> tuple[Operation, Context]:
    ctx = context(spec(body, **options))
    (spec_operation,) = operations(ctx.spec)
    return build_operation(ctx, spec_operation), ctx


def operation(body: str, **options: str) -> Operation:
    return built(body, **options)[0]


def arguments(body: str) -> dict[str, tuple[str, bool]]:
    """Each body argument's annotation and whether it is required, by Python name."""
    return {p.python_name: (p.annotation, p.required) for p in operation(body).body_parameters}


def refused(body: str, **options: str) -> str:
    with pytest.raises(SpecError) as caught:
        operation(body, **options)
    (diagnostic,) = caught.value.diagnostics
    return f"{diagnostic.location.line}: {diagnostic.message}"


def json_body(schema: str, required: bool = True) -> str:
    return (
        f"required: {str(required).lower()}\ncontent:\n  application/json:\n    schema: {schema}\n"
    )


# Objects of properties -----------------------------------------------------------------------


def test_allof_members_properties_and_required_are_merged_into_keyword_arguments() -> None:
    assert arguments(json_body('{$ref: "#/components/schemas/Composed"}')) == {
        "name": ("str", True),
        "note": ("str", False),
        "size": ("int", True),
    }


def test_an_allof_of_an_allof_is_followed_and_a_later_property_wins() -> None:
    found = operation(json_body('{$ref: "#/components/schemas/Twice"}'))
    assert {p.python_name: p.annotation for p in found.body_parameters} == {
        "name": "str",
        "note": "int",
        "size": "int",
    }
    assert found.whole_body is None and found.body_encoding == "json"
    note = next(p for p in found.body_parameters if p.python_name == "note")
    assert note.description == "An integer here."


def test_an_optional_body_makes_every_property_optional() -> None:
    assert arguments(json_body('{$ref: "#/components/schemas/Composed"}', required=False)) == {
        "name": ("str", False),
        "note": ("str", False),
        "size": ("int", False),
    }


def test_a_body_that_does_not_say_whether_it_is_required_has_its_properties_required() -> None:
    body = 'content:\n  application/json:\n    schema: {$ref: "#/components/schemas/Composed"}\n'
    assert arguments(body) == {"name": ("str", True), "note": ("str", False), "size": ("int", True)}


def test_properties_without_a_type_are_an_object_still() -> None:
    body = json_body(
        "{required: [items], properties: {items: {type: array, items: {type: string}}}}"
    )
    assert arguments(body) == {"items": ("Sequence[str]", True)}


def test_an_anyof_of_required_lists_requires_none_of_them() -> None:
    schema = (
        "{type: object, properties: {a: {type: string}, b: {type: string}}, "
        "anyOf: [{required: [a]}, {required: [b]}]}"
    )
    assert arguments(json_body(schema)) == {"a": ("str", False), "b": ("str", False)}


def test_a_one_member_oneof_is_its_member() -> None:
    schema = '{type: object, oneOf: [{$ref: "#/components/schemas/Cat"}]}'
    assert arguments(json_body(schema)) == {
        "kind": ('Literal["cat"]', True),
        "name": ("str", True),
    }


def test_a_property_whose_schema_says_nothing_takes_any_value() -> None:
    body = "content:\n  application/json:\n    schema: {properties: {Parameter: {description: Any JSON.}}}\n"
    assert arguments(body) == {"parameter": ("object", False)}


# One argument for the whole body -------------------------------------------------------------


def whole(body: str) -> Parameter:
    found = operation(body)
    assert found.whole_body is not None
    assert found.body_parameters == (found.whole_body,)
    return found.whole_body


def test_a_union_of_objects_is_one_body_argument_typed_by_their_typeddicts() -> None:
    schema = '{oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]}'
    body = whole(json_body(schema))
    assert (body.python_name, body.annotation, body.required) == ("body", "Cat | Dog", True)
    assert body.type.imports == {Import(".params", "Cat"), Import(".params", "Dog")}


def test_an_array_and_a_scalar_are_one_body_argument() -> None:
    assert whole(json_body("{type: array, items: {type: string}}")).annotation == "Sequence[str]"
    assert whole(json_body("{type: string}")).annotation == "str"


@pytest.mark.parametrize(
    ("schema", "annotation"),
    [
        ("{type: object, additionalProperties: {type: string}}", "Mapping[str, str]"),
        ("{type: object, additionalProperties: true}", "Mapping[str, object]"),
        ("{type: object}", "Mapping[str, object]"),
        ("{}", "Mapping[str, object]"),
    ],
)
def test_an_object_of_arbitrary_keys_is_a_mapping(schema: str, annotation: str) -> None:
    body = whole(json_body(schema, required=False))
    assert (body.annotation, body.required) == (annotation, False)


def test_x_python_name_on_the_request_body_renames_its_argument() -> None:
    body = "x-python-name: tags\n" + json_body("{type: array, items: {type: string}}")
    assert whole(body).python_name == "tags"


def test_a_body_argument_named_like_a_parameter_is_suffixed_with_its_location() -> None:
    """The parameters are named first; the body, which comes after, gives way (with a warning,
    as `naming.argument_name` does for every clash)."""
    parameters = "parameters:\n  - {name: body, in: query, schema: {type: string}}\n"
    found = operation(json_body("{type: string}"), parameters=parameters)
    assert {p.python_name: p.location for p in found.parameters} == {
        "body_body": "body",
        "body": "query",
    }


def test_a_form_body_that_is_no_object_is_refused() -> None:
    body = "content:\n  application/x-www-form-urlencoded:\n    schema: {type: array, items: {type: string}}\n"
    assert refused(body).startswith("10: a form body must be an object")


# Raw content ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("media_type", "schema", "annotation", "content_type"),
    [
        ("application/octet-stream", "{type: string, format: binary}", "FileContent", None),
        ("image/png", "{type: string, format: binary}", "FileContent", None),
        ("application/pdf", "{}", "FileContent", None),
        ("text/plain", "{type: string}", "str", None),
        ("application/xml", "{type: string}", "str", None),
        ("text/csv", "{type: string, format: binary}", "FileContent", None),
        ("*/*", "{}", "FileContent", "application/octet-stream"),
        ("text/*", "{type: string}", "str", "text/plain"),
    ],
)
def test_another_media_type_is_raw_content_sent_with_its_content_type(
    media_type: str, schema: str, annotation: str, content_type: str | None
) -> None:
    found = operation(f"required: true\ncontent:\n  '{media_type}':\n    schema: {schema}\n")
    assert found.whole_body is not None
    assert (found.whole_body.python_name, found.whole_body.annotation) == ("content", annotation)
    assert (found.body_encoding, found.content_type) == ("raw", content_type or media_type)


def test_json_is_preferred_then_multipart_then_a_form_then_the_first() -> None:
    def chosen(*media_types: str) -> str:
        content = "".join(
            f"  {m}:\n    schema: {{type: object, properties: {{a: {{type: string}}}}}}\n"
            for m in media_types
        )
        return operation(f"content:\n{content}").body_encoding

    assert chosen("multipart/form-data", "application/json") == "json"
    assert chosen("application/problem+json") == "json"
    assert chosen("application/x-www-form-urlencoded", "multipart/form-data") == "multipart"
    assert chosen("application/sdp", "application/x-www-form-urlencoded") == "form"
    assert chosen("application/sdp", "image/png") == "raw"


def test_no_request_body_is_no_argument() -> None:
    found, _ = built("content: {}\n")
    assert (found.has_body, found.body_parameters, found.whole_body) == (False, (), None)


# Files in a multipart body -------------------------------------------------------------------


def multipart(properties: str) -> str:
    return (
        "content:\n  multipart/form-data:\n    schema:\n      type: object\n"
        f"      properties: {properties}\n"
    )


@pytest.mark.parametrize(
    ("schema", "annotation"),
    [
        ("{type: string, format: binary}", "FileTypes"),
        ("{type: string, contentMediaType: image/png}", "FileTypes"),
        ("{type: array, items: {type: string, format: binary}}", "Sequence[FileTypes]"),
        (
            "{anyOf: [{type: array, items: {type: string, format: binary}}, {type: 'null'}]}",
            "Sequence[FileTypes] | None",
        ),
        ("{type: array, items: {type: string}}", "Sequence[str]"),
    ],
)
def test_a_multipart_property_of_files_takes_files(schema: str, annotation: str) -> None:
    """One file, or a list of them (Anthropic's skill uploads: `anyOf: [array of binary,
    null]`), each a part of its own; anything else is a form field."""
    (parameter,) = operation(multipart(f"{{files: {schema}}}")).body_parameters
    assert (parameter.annotation, parameter.file) == (annotation, annotation != "Sequence[str]")
