"""`build.schema_types`: the Python type of a parameter or body property, from its schema.

Pins scalars, enums and `const` as `Literal`, `anyOf`/`oneOf` as unions, both spellings of
nullable (3.1 `type: [x, "null"]`, 3.0 `nullable: true`), arrays as `Sequence`, named schemas
from `.params` inside a body and `.types` outside, inline objects (free-form in a body, a dict
of their properties' types in a query, header or cookie parameter, refused in a path), named
objects as their TypedDict in a query parameter and refused in a path with the error at the
`$ref`, and which schemas fit in a path segment.
"""

from __future__ import annotations

from typing import Any

import pytest

from generator.build.context import Context
from generator.build.schema_types import is_object, is_path_segment, python_type
from generator.errors import Location, SpecError
from generator.imports import Import
from generator.load import JSONPath, parse_document
from generator.pytypes import (
    NONE,
    Builtin,
    DictOf,
    LiteralOf,
    Named,
    PyType,
    SequenceOf,
    UnionOf,
)
from generator.refs import lookup
from generator.sdk_config import read_sdk_config

from ..helpers import ROOT

SPEC_TEXT = """\
openapi: 3.1.0
info: {title: Types, version: "1"}
paths:
  /v1/widgets:
    get:
      operationId: widgets_list
      parameters:
        - name: filter
          in: query
          schema:
            $ref: "#/components/schemas/Widget"  # one filter
        - name: filters
          in: query
          schema:
            type: array
            items:
              $ref: "#/components/schemas/Widget"  # filters
        - name: either
          in: query
          schema:
            anyOf:
              - type: string
              - type: object  # either
        - name: alias
          in: query
          schema:
            $ref: "#/components/schemas/WidgetAlias"  # alias
        - name: missing
          in: query
          schema:
            $ref: "#/components/schemas/Missing"  # missing
      responses:
        "200": {description: The widgets.}
components:
  schemas:
    Color: {type: string, enum: [red, green, blue]}
    ColorAlias: {$ref: "#/components/schemas/Color"}
    Id: {type: string}
    Count: {type: integer}
    Ratio: {type: number}
    Flag: {type: boolean}
    Widget:
      type: object
      properties:
        id: {type: string}
    WidgetAlias: {$ref: "#/components/schemas/Widget"}
    Untyped:
      properties:
        id: {type: string}
    Composed:
      allOf:
        - $ref: "#/components/schemas/Widget"
    Either:
      oneOf:
        - type: string
        - type: integer
    Shape:
      oneOf:
        - $ref: "#/components/schemas/Widget"
        - $ref: "#/components/schemas/Untyped"
    MaybeWidget:
      anyOf:
        - $ref: "#/components/schemas/Widget"
        - type: "null"
    Mixed:
      anyOf:
        - type: string
        - type: object  # mixed
"""

PARAMETERS: JSONPath = ("paths", "/v1/widgets", "get", "parameters")
STR, INT, FLOAT, BOOL, OBJECT = (Builtin(n) for n in ("str", "int", "float", "bool", "object"))


@pytest.fixture(scope="module")
def context() -> Context:
    spec = parse_document(SPEC_TEXT.encode(), "openapi.yaml")
    sdk_path = ROOT / "tests" / "golden" / "bearer_auth" / "spec" / "sdk.yaml"
    sdk = parse_document(sdk_path.read_bytes(), "sdk.yaml")
    return Context(spec=spec, sdk=sdk, config=read_sdk_config(sdk))


def ref(name: str) -> dict[str, object]:
    return {"$ref": f"#/components/schemas/{name}"}


def body_type(context: Context, schema: object) -> PyType:
    return python_type(context, schema, ("inline",), in_body=True)


def param_type(context: Context, schema: object) -> PyType:
    return python_type(context, schema, ("inline",), in_body=False)


def query_type(context: Context, schema: object) -> PyType:
    return python_type(context, schema, ("inline",), in_body=False, in_query=True)


def both(context: Context, schema: object) -> tuple[PyType, PyType]:
    return body_type(context, schema), param_type(context, schema)


def parameter_schema(context: Context, index: int) -> tuple[object, JSONPath]:
    """The schema of the `index`th parameter in SPEC_TEXT, and its path."""
    parameters = lookup(context.spec.data, PARAMETERS)
    assert isinstance(parameters, list)
    return parameters[index]["schema"], (*PARAMETERS, index, "schema")


def written(marker: str, token: str) -> Location:
    """Where `token` sits on the one line of SPEC_TEXT that holds `marker`."""
    (line,) = [n for n, text in enumerate(SPEC_TEXT.splitlines(), 1) if marker in text]
    return Location("openapi.yaml", line, SPEC_TEXT.splitlines()[line - 1].index(token) + 1)


def refusal(error: pytest.ExceptionInfo[SpecError]) -> tuple[Location, str]:
    (diagnostic,) = error.value.diagnostics
    return diagnostic.location, diagnostic.message


# Scalars


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "string"}, STR),
        ({"type": "string", "format": "date-time"}, STR),
        ({"type": "integer", "minimum": 0}, INT),
        ({"type": "number"}, FLOAT),
        ({"type": "boolean"}, BOOL),
        ({"type": "null"}, NONE),
    ],
)
def test_python_type_maps_each_scalar_to_its_builtin(
    context: Context, schema: dict[str, Any], expected: PyType
) -> None:
    assert both(context, schema) == (expected, expected)


# Enums and const


@pytest.mark.parametrize(
    ("schema", "values"),
    [
        ({"type": "string", "enum": ["a", "b"]}, ("a", "b")),
        ({"enum": [1, 2, 3]}, (1, 2, 3)),
        ({"enum": ["auto", 0]}, ("auto", 0)),
        ({"const": "message_batch"}, ("message_batch",)),
        ({"type": "integer", "const": 0}, (0,)),
    ],
)
def test_python_type_of_an_enum_or_const_is_a_literal(
    context: Context, schema: dict[str, Any], values: tuple[str | int, ...]
) -> None:
    assert both(context, schema) == (LiteralOf(values), LiteralOf(values))


def test_python_type_prints_enum_strings_escaped(context: Context) -> None:
    literal = param_type(context, {"enum": ['say "hi"', "a\\b"]})
    assert literal.annotation == 'Literal["say \\"hi\\"", "a\\\\b"]'


@pytest.mark.parametrize(
    "schema",
    [
        {"enum": [True, False]},
        {"enum": [None]},
        {"enum": [1.5]},
        {"enum": []},
        {"enum": "a"},
        {"const": None},
        {"const": {"a": 1}},
    ],
)
def test_python_type_refuses_other_enums(context: Context, schema: dict[str, Any]) -> None:
    with pytest.raises(SpecError, match="only string and integer enums are supported"):
        param_type(context, schema)


# Unions


@pytest.mark.parametrize("combinator", ["anyOf", "oneOf"])
def test_python_type_of_any_of_and_one_of_is_a_union(context: Context, combinator: str) -> None:
    schema = {combinator: [{"type": "string"}, {"type": "integer"}, ref("Color")]}
    assert param_type(context, schema) == UnionOf((STR, INT, Named("Color", ".types")))
    assert body_type(context, schema) == UnionOf((STR, INT, Named("Color", ".params")))


def test_python_type_union_flattens_drops_repeats_and_puts_none_last(context: Context) -> None:
    schema = {
        "anyOf": [
            {"type": "null"},
            {"type": "string"},
            {"oneOf": [{"type": "integer"}, {"type": "string"}]},
        ]
    }
    assert param_type(context, schema).annotation == "str | int | None"


def test_python_type_union_of_one_kind_is_that_kind(context: Context) -> None:
    assert param_type(context, {"anyOf": [{"type": "string"}, {"type": "string"}]}) == STR


def test_python_type_of_a_named_union_is_its_name(context: Context) -> None:
    assert both(context, ref("Either")) == (Named("Either", ".params"), Named("Either", ".types"))


# Nullable


@pytest.mark.parametrize(
    ("schema", "annotation"),
    [
        ({"type": ["string", "null"]}, "str | None"),
        ({"type": ["null", "integer"]}, "int | None"),
        ({"type": ["array", "null"], "items": {"type": "number"}}, "Sequence[float] | None"),
        ({"type": "string", "nullable": True}, "str | None"),
        (
            {"type": "array", "items": {"type": "boolean"}, "nullable": True},
            "Sequence[bool] | None",
        ),
        ({"type": "string", "nullable": False}, "str"),
    ],
)
def test_python_type_of_a_nullable_schema(
    context: Context, schema: dict[str, Any], annotation: str
) -> None:
    assert param_type(context, schema).annotation == annotation


def test_python_type_nullable_body_object_is_a_nullable_dict(context: Context) -> None:
    assert body_type(context, {"type": ["object", "null"]}) == UnionOf((DictOf(OBJECT), NONE))
    assert body_type(context, {"type": "object", "nullable": True}) == UnionOf(
        (DictOf(OBJECT), NONE)
    )


def test_python_type_of_a_nullable_enum_is_its_literal_or_none(context: Context) -> None:
    """3.1's spelling of a nullable enum (also what `prepare` makes of 3.0's `nullable`)."""
    schema = {"type": ["string", "null"], "enum": ["a", "b", None]}
    assert param_type(context, schema).annotation == 'Literal["a", "b"] | None'


def test_python_type_of_a_type_list_is_a_union_of_its_types(context: Context) -> None:
    schema = {"type": ["string", "integer", "null"]}
    assert param_type(context, schema).annotation == "str | int | None"


# Arrays


def test_python_type_of_an_array_is_a_sequence_of_its_items(context: Context) -> None:
    schema = {"type": "array", "items": {"type": "array", "items": {"enum": ["a", "b"]}}}
    assert param_type(context, schema) == SequenceOf(SequenceOf(LiteralOf(("a", "b"))))
    assert param_type(context, schema).annotation == 'Sequence[Sequence[Literal["a", "b"]]]'


def test_python_type_of_an_array_of_named_schemas(context: Context) -> None:
    schema = {"type": "array", "items": ref("Widget")}
    assert body_type(context, schema) == SequenceOf(Named("Widget", ".params"))
    assert param_type(context, {"type": "array", "items": ref("Id")}) == SequenceOf(
        Named("Id", ".types")
    )


def test_python_type_of_an_array_without_items_is_a_sequence_of_anything(
    context: Context,
) -> None:
    assert param_type(context, {"type": "array"}).annotation == "Sequence[object]"


@pytest.mark.parametrize(
    ("schema", "annotation"),
    [
        ({"items": {"type": "string"}}, "Sequence[str]"),
        ({}, "object"),
        ({"description": "anything"}, "object"),
    ],
)
def test_python_type_without_type_is_what_its_keywords_imply(
    context: Context, schema: dict[str, Any], annotation: str
) -> None:
    """A schema without `type` is an array when it has `items`, and else any JSON value."""
    assert param_type(context, schema).annotation == annotation


# Named schemas


@pytest.mark.parametrize("name", ["Color", "Id", "Count", "Ratio", "Flag", "ColorAlias", "Either"])
def test_python_type_of_a_named_schema_is_its_class_in_params_or_types(
    context: Context, name: str
) -> None:
    assert both(context, ref(name)) == (Named(name, ".params"), Named(name, ".types"))


@pytest.mark.parametrize("name", ["Widget", "WidgetAlias", "Untyped", "Composed"])
def test_python_type_of_a_named_object_in_a_body_is_its_typed_dict(
    context: Context, name: str
) -> None:
    named = body_type(context, ref(name))
    assert named == Named(name, ".params")
    assert named.imports == {Import(".params", name)}


@pytest.mark.parametrize("name", ["Widget", "WidgetAlias", "Untyped", "Composed"])
def test_python_type_refuses_a_named_object_in_a_path(context: Context, name: str) -> None:
    with pytest.raises(SpecError) as error:
        param_type(context, ref(name))
    _, message = refusal(error)
    assert message == (
        f"{name} is an object, which has no encoding as a path parameter; send it in the "
        "query or a JSON body"
    )


@pytest.mark.parametrize("name", ["Shape", "MaybeWidget"])
def test_python_type_refuses_a_named_union_of_objects_in_a_path(
    context: Context, name: str
) -> None:
    with pytest.raises(SpecError, match="is an object"):
        param_type(context, ref(name))


@pytest.mark.parametrize(
    "name", ["Widget", "WidgetAlias", "Untyped", "Composed", "Shape", "MaybeWidget"]
)
def test_python_type_of_a_named_object_in_a_query_is_its_typed_dict(
    context: Context, name: str
) -> None:
    """Built as a dict, as a body is: what `models` puts in `params` for it."""
    assert query_type(context, ref(name)) == Named(name, ".params")


@pytest.mark.parametrize("name", ["Color", "Id", "Either"])
def test_python_type_of_a_named_scalar_in_a_query_is_still_its_type(
    context: Context, name: str
) -> None:
    assert query_type(context, ref(name)) == Named(name, ".types")


def test_python_type_of_an_array_of_named_objects_in_a_query(context: Context) -> None:
    schema, where = parameter_schema(context, 1)
    kind = python_type(context, schema, where, in_body=False, in_query=True)
    assert kind == SequenceOf(Named("Widget", ".params"))


def test_an_object_as_a_path_parameter_is_refused_at_its_ref(context: Context) -> None:
    schema, where = parameter_schema(context, 0)
    with pytest.raises(SpecError) as error:
        python_type(context, schema, where, in_body=False)
    location, message = refusal(error)
    assert location == written("# one filter", "$ref")
    assert message.startswith("Widget is an object")


def test_an_array_of_objects_as_a_path_parameter_is_refused_at_the_items_ref(
    context: Context,
) -> None:
    schema, where = parameter_schema(context, 1)
    with pytest.raises(SpecError) as error:
        python_type(context, schema, where, in_body=False)
    location, _ = refusal(error)
    assert location == written("# filters", "$ref")


def test_an_alias_of_an_object_as_a_path_parameter_is_refused_at_its_own_ref(
    context: Context,
) -> None:
    schema, where = parameter_schema(context, 3)
    with pytest.raises(SpecError) as error:
        python_type(context, schema, where, in_body=False)
    location, message = refusal(error)
    assert location == written("# alias", "$ref")
    assert message.startswith("WidgetAlias is an object")


def test_a_ref_to_nothing_is_refused_at_the_ref(context: Context) -> None:
    schema, where = parameter_schema(context, 4)
    with pytest.raises(SpecError) as error:
        python_type(context, schema, where, in_body=False)
    location, message = refusal(error)
    assert location == written("# missing", "$ref")
    assert message == "`$ref` to nothing: #/components/schemas/Missing"


def test_a_problem_under_a_ref_into_a_list_is_located_at_the_item(context: Context) -> None:
    with pytest.raises(SpecError) as error:
        param_type(context, {"$ref": "#/components/schemas/Mixed/anyOf/1"})
    location, _ = refusal(error)
    assert location == written("# mixed", "type")


# Inline objects


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object"},
        {"type": "object", "additionalProperties": True},
        {"type": "object", "properties": {"a": {"type": "string"}}},
    ],
)
def test_python_type_of_an_inline_object_in_a_body_is_a_free_form_dict(
    context: Context, schema: dict[str, Any]
) -> None:
    assert body_type(context, schema) == DictOf(OBJECT)
    assert body_type(context, schema).annotation == "dict[str, object]"


def test_python_type_refuses_an_inline_object_in_a_path(context: Context) -> None:
    with pytest.raises(SpecError, match=r"unsupported schema here \(type 'object'\)"):
        param_type(context, {"type": "object"})


RANGE = {"gt": {"type": "integer"}, "lte": {"type": "integer"}}


@pytest.mark.parametrize(
    ("schema", "annotation"),
    [
        # OpenAI's fine-tuning `metadata` (deepObject) and audit logs `effective_at`.
        ({"type": "object", "additionalProperties": {"type": "string"}}, "dict[str, str]"),
        ({"type": "object", "properties": RANGE}, "dict[str, int]"),
        ({"properties": RANGE}, "dict[str, int]"),
        (
            {"type": "object", "properties": RANGE, "additionalProperties": {"type": "string"}},
            "dict[str, int | str]",
        ),
        (
            {"type": "object", "properties": RANGE, "additionalProperties": True},
            "dict[str, int | object]",
        ),
        ({"type": "object"}, "dict[str, object]"),
        ({"type": "object", "additionalProperties": {}}, "dict[str, object]"),
        ({"type": "object", "additionalProperties": False}, "dict[str, object]"),
        (
            {"type": "object", "nullable": True, "additionalProperties": {"type": "string"}},
            "dict[str, str] | None",
        ),
        (
            {"type": "object", "properties": {"a": {"type": "object", "properties": RANGE}}},
            "dict[str, dict[str, int]]",
        ),
        (
            {
                "type": "object",
                "properties": {"ids": {"type": "array", "items": {"type": "string"}}},
            },
            "dict[str, Sequence[str]]",
        ),
        ({"type": "object", "properties": {"w": ref("Widget")}}, "dict[str, Widget]"),
        ({"anyOf": [{"type": "string"}, {"type": "object"}]}, "str | dict[str, object]"),
    ],
)
def test_python_type_of_an_inline_object_in_a_query_is_a_dict_of_its_values(
    context: Context, schema: dict[str, Any], annotation: str
) -> None:
    assert query_type(context, schema).annotation == annotation


def test_an_inline_object_in_a_path_union_is_refused_at_that_member(context: Context) -> None:
    schema, where = parameter_schema(context, 2)
    with pytest.raises(SpecError) as error:
        python_type(context, schema, where, in_body=False)
    location, message = refusal(error)
    assert location == written("# either", "type")
    assert message.startswith("unsupported schema here (type 'object'): use a string")


# Other schemas


@pytest.mark.parametrize("schema", [{"type": "file"}, {"type": "date"}])
def test_python_type_refuses_a_schema_it_has_no_type_for(
    context: Context, schema: dict[str, Any]
) -> None:
    with pytest.raises(SpecError, match="unsupported schema here"):
        both(context, schema)


@pytest.mark.parametrize("schema", ["string", ["string"], 3, None])
def test_python_type_refuses_a_schema_that_is_not_a_mapping(
    context: Context, schema: object
) -> None:
    with pytest.raises(SpecError, match="a schema must be a mapping"):
        param_type(context, schema)


# is_object and is_path_segment


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "object"}, True),
        ({"properties": {}}, True),
        ({"allOf": []}, True),
        ({"type": "string"}, False),
        ({"oneOf": [{"type": "object"}]}, True),
        ({"anyOf": [{"type": "string"}, {"type": "null"}]}, False),
        ({"anyOf": [{"$ref": "#/components/schemas/Widget"}, {"type": "null"}]}, True),
        ("object", False),
    ],
)
def test_is_object_for_an_object_or_a_union_with_one(
    context: Context, schema: object, expected: bool
) -> None:
    assert is_object(context, schema) is expected


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string"},
        {"type": "integer"},
        {"type": "string", "enum": ["a", "b"]},
        {"enum": ["a", 1]},
        {"const": "only"},
        {"const": 7},
        {"anyOf": [{"type": "string"}, {"type": "integer"}]},
        {"oneOf": [{"enum": ["a"]}, {"type": "integer"}]},
        ref("Color"),
        ref("ColorAlias"),
        ref("Id"),
        ref("Count"),
        ref("Either"),
    ],
)
def test_is_path_segment_for_strings_integers_and_their_enums(
    context: Context, schema: object
) -> None:
    assert is_path_segment(context, schema)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "number"},
        {"type": "boolean"},
        {"type": "null"},
        {"type": "object"},
        {"type": "array", "items": {"type": "string"}},
        {"type": ["string", "null"]},
        {"enum": [True]},
        {"enum": [1.5]},
        {"const": None},
        {"anyOf": [{"type": "string"}, {"type": "boolean"}]},
        ref("Widget"),
        ref("Ratio"),
        ref("Flag"),
        "string",
    ],
)
def test_is_path_segment_refuses_what_a_path_segment_cannot_hold(
    context: Context, schema: object
) -> None:
    assert not is_path_segment(context, schema)
