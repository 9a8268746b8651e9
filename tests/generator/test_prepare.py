"""`prepare`: one spelling of each thing for the build, positions kept."""

from __future__ import annotations

from typing import Any

import pytest

from generator.load import Document, parse_document
from generator.prepare import Prepared, class_name, prepare
from generator.refs import lookup

RESERVED = frozenset({"BaseModel", "ThingsError"})


def prepared(text: str, reserved: frozenset[str] = RESERVED) -> Prepared:
    return prepare(parse_document(text.encode(), "openapi.yaml"), reserved)


def data(result: Prepared) -> Any:
    return result.document.data


# Class names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("BashTool_20250124", "BashTool20250124"),
        ("ListResponse_ModelInfo_", "ListResponseModelInfo"),
        ("Foo-Bar", "FooBar"),
        ("MessagePhase-2", "MessagePhase2"),
        ("class", "Class"),
        ("snake_case_name", "SnakeCaseName"),
        ("2fa", "Schema2fa"),
        ("a.b", "AB"),
        ("___", "Schema"),
        ("HTTPError", "HTTPError"),
    ],
)
def test_class_name_is_what_datamodel_code_generator_keeps(name: str, expected: str) -> None:
    assert class_name(name) == expected


SCHEMAS_SPEC = """\
openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /a:
    get:
      operationId: get_a
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/List_Thing_'}
components:
  schemas:
    List_Thing_:
      type: object
      properties:
        data: {type: array, items: {$ref: '#/components/schemas/Foo-Bar'}}
        pet: {$ref: '#/components/schemas/class/properties/kind'}
    Foo-Bar:
      oneOf: [{$ref: '#/components/schemas/class'}, {$ref: '#/components/schemas/FooBar'}]
      discriminator:
        propertyName: kind
        mapping: {a: '#/components/schemas/class', b: FooBar, c: 'Foo-Bar'}
    FooBar: {type: object, properties: {kind: {type: string}}}
    class:
      type: object
      properties: {kind: {type: string}}
      example: {$ref: '#/components/schemas/class'}
    BaseModel: {type: object}
"""


def test_each_schema_gets_its_class_name_and_every_ref_follows() -> None:
    result = prepared(SCHEMAS_SPEC)
    schemas = data(result)["components"]["schemas"]
    assert list(schemas) == ["ListThing", "FooBar2", "FooBar", "Class", "BaseModelModel"]
    assert result.renamed == {
        "List_Thing_": "ListThing",
        "Foo-Bar": "FooBar2",
        "class": "Class",
        "BaseModel": "BaseModelModel",
    }
    response = data(result)["paths"]["/a"]["get"]["responses"]["200"]["content"]
    assert response["application/json"]["schema"] == {"$ref": "#/components/schemas/ListThing"}
    properties = schemas["ListThing"]["properties"]
    assert properties["data"]["items"] == {"$ref": "#/components/schemas/FooBar2"}
    assert properties["pet"] == {"$ref": "#/components/schemas/Class/properties/kind"}
    assert schemas["FooBar2"]["oneOf"] == [
        {"$ref": "#/components/schemas/Class"},
        {"$ref": "#/components/schemas/FooBar"},
    ]
    assert schemas["FooBar2"]["discriminator"]["mapping"] == {
        "a": "#/components/schemas/Class",
        "b": "FooBar",
        "c": "FooBar2",
    }
    # An example is data: a `$ref` in it is no reference.
    assert schemas["Class"]["example"] == {"$ref": "#/components/schemas/class"}


def test_a_stable_name_is_never_lost_to_a_schema_renamed_onto_it() -> None:
    """`FooBar` comes after `Foo-Bar` in the file, and still keeps its name."""
    assert prepared(SCHEMAS_SPEC).renamed["Foo-Bar"] == "FooBar2"


def test_renames_that_change_more_than_underscores_are_located_warnings() -> None:
    result = prepared(SCHEMAS_SPEC)
    found = {(w.location.line, w.message) for w in result.warnings}
    assert found == {
        (20, "schema name 'Foo-Bar' is the class 'FooBar2': 'FooBar' is another schema's"),
        (26, "schema name 'class' is the class 'Class': a class name must be an identifier"),
        (
            30,
            "schema name 'BaseModel' is the class 'BaseModelModel': the generated package "
            "uses 'BaseModel'",
        ),
    }
    assert all(w.severity == "warning" for w in result.warnings)


def test_positions_follow_a_renamed_schema() -> None:
    result = prepared(SCHEMAS_SPEC)
    where = ("components", "schemas", "FooBar2", "discriminator", "propertyName")
    assert result.document.locate(where).line == 23


# Inline schemas ----------------------------------------------------------------------------

INLINE_SPEC = """\
openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: string}}
        '404':
          description: not found
          content:
            application/json:
              schema: {type: object, properties: {error: {type: string}}}
    post:
      operationId: makeThings
      requestBody:
        content:
          application/json:
            schema:
              oneOf:
                - {type: object, properties: {a: {type: string}}}
                - {type: object, properties: {b: {type: string}}}
      responses:
        '201':
          description: made
          content:
            application/json:
              schema:
                type: array
                items: {type: object, properties: {id: {type: string}}}
  /plain:
    get:
      responses:
        '200':
          description: a string
          content:
            application/json:
              schema: {type: string}
components:
  schemas:
    ListThingsResponse: {type: object}
"""


def test_inline_success_bodies_that_need_a_class_are_named_from_their_operation() -> None:
    result = prepared(INLINE_SPEC)
    schemas = data(result)["components"]["schemas"]
    assert list(schemas) == [
        "ListThingsResponse",
        "ListThingsResponse2",
        "MakeThingsResponseItem",
        "MakeThingsBody",
    ]
    assert schemas["ListThingsResponse2"]["properties"]["data"]["items"] == {"type": "string"}
    things = data(result)["paths"]["/things"]
    content = things["get"]["responses"]["200"]["content"]["application/json"]
    assert content["schema"] == {"$ref": "#/components/schemas/ListThingsResponse2"}
    made = things["post"]["responses"]["201"]["content"]["application/json"]["schema"]
    assert made == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/MakeThingsResponseItem"},
    }
    body = things["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/MakeThingsBody"}
    assert len(schemas["MakeThingsBody"]["oneOf"]) == 2


def test_error_bodies_and_scalar_bodies_stay_inline() -> None:
    result = prepared(INLINE_SPEC)
    things = data(result)["paths"]["/things"]["get"]["responses"]
    assert "properties" in things["404"]["content"]["application/json"]["schema"]
    plain = data(result)["paths"]["/plain"]["get"]["responses"]["200"]["content"]
    assert plain["application/json"]["schema"] == {"type": "string"}


def test_a_hoisted_schema_keeps_the_positions_it_was_written_at() -> None:
    result = prepared(INLINE_SPEC)
    where = ("components", "schemas", "ListThingsResponse2", "properties", "data")
    assert result.document.locate(where).line == 15
    path = ("paths", "/things", "get", "responses", "200", "content", "application/json", "schema")
    assert result.document.locate(path).line == 12


# nullable and allOf ------------------------------------------------------------------------


def schema_after(schema: str, version: str = "3.1.0") -> object:
    text = (
        f"openapi: {version}\ninfo: {{title: T, version: '1'}}\npaths: {{}}\n"
        f"components:\n  schemas:\n    Ref: {{type: string}}\n    It: {schema}\n"
    )
    return lookup(data(prepared(text)), ("components", "schemas", "It"))


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ("{type: string, nullable: true}", {"type": ["string", "null"]}),
        ("{type: [string, 'null'], nullable: true}", {"type": ["string", "null"]}),
        (
            "{type: string, enum: [a, b], nullable: true}",
            {"type": ["string", "null"], "enum": ["a", "b", None]},
        ),
        (
            "{$ref: '#/components/schemas/Ref', nullable: true, description: d}",
            {"description": "d", "anyOf": [{"$ref": "#/components/schemas/Ref"}, {"type": "null"}]},
        ),
        (
            "{allOf: [{$ref: '#/components/schemas/Ref'}, {nullable: true}], description: d}",
            {"description": "d", "anyOf": [{"$ref": "#/components/schemas/Ref"}, {"type": "null"}]},
        ),
        (
            "{allOf: [{$ref: '#/components/schemas/Ref'}], description: d}",
            {"description": "d", "$ref": "#/components/schemas/Ref"},
        ),
        (
            "{oneOf: [{type: string}, {type: integer}], nullable: true}",
            {"anyOf": [{"oneOf": [{"type": "string"}, {"type": "integer"}]}, {"type": "null"}]},
        ),
        ("{type: string, nullable: false}", {"type": "string", "nullable": False}),
    ],
)
def test_3_1_reads_nullable_as_3_0_meant_it(schema: str, expected: object) -> None:
    assert schema_after(schema) == expected


def test_an_all_of_of_two_schemas_is_composition_and_stays() -> None:
    schema = "{allOf: [{$ref: '#/components/schemas/Ref'}, {type: object, properties: {a: {}}}]}"
    assert schema_after(schema) == {
        "allOf": [
            {"$ref": "#/components/schemas/Ref"},
            {"type": "object", "properties": {"a": {}}},
        ]
    }


def test_3_0_keeps_its_own_nullable() -> None:
    """datamodel-code-generator and the build read 3.0's `nullable` as it is."""
    assert schema_after("{type: string, nullable: true}", "3.0.3") == {
        "type": "string",
        "nullable": True,
    }


def test_a_spec_already_in_the_builds_spelling_is_unchanged() -> None:
    document = parse_document(SCHEMAS_SPEC.replace("3.1.0", "3.0.3").encode(), "openapi.yaml")
    stable = Document(document.path, {"openapi": "3.1.0", "info": {}, "paths": {}}, {}, b"")
    result = prepare(stable, RESERVED)
    assert result.document.data == stable.data and result.warnings == () and not result.renamed


OVERRIDING = """\
openapi: 3.1.0
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Status: {type: string, enum: [in_progress, completed]}
    Base:
      type: object
      required: [id]
      properties: {id: {type: string}, status: {$ref: '#/components/schemas/Status'}}
    Resource:
      description: A base with its status narrowed.
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          required: [status]
          properties: {status: {type: string, enum: [completed]}, extra: {type: integer}}
    Extended:
      allOf:
        - $ref: '#/components/schemas/Base'
        - {type: object, required: [more], properties: {more: {type: integer}}}
    Tightened:
      allOf:
        - $ref: '#/components/schemas/Base'
        - {type: object, required: [status]}
"""


def test_an_all_of_that_redeclares_a_base_property_differently_becomes_one_object() -> None:
    """A subclass overriding a field with an incompatible type fails `mypy --strict` (OpenAI's
    `ComputerToolCallOutputResource`): the members' properties are merged instead."""
    schemas = data(prepared(OVERRIDING))["components"]["schemas"]
    assert schemas["Resource"] == {
        "description": "A base with its status narrowed.",
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "status": {"type": "string", "enum": ["completed"]},
            "extra": {"type": "integer"},
        },
        "required": ["id", "status"],
    }


def test_an_all_of_that_requires_what_its_base_leaves_optional_becomes_one_object() -> None:
    """pyright strict refuses a field that overrides its base's without its default."""
    tightened = data(prepared(OVERRIDING))["components"]["schemas"]["Tightened"]
    assert "allOf" not in tightened
    assert tightened["required"] == ["id", "status"]
    assert set(tightened["properties"]) == {"id", "status"}


def test_an_all_of_that_only_adds_to_its_base_stays_composition() -> None:
    schemas = data(prepared(OVERRIDING))["components"]["schemas"]
    assert [member.get("$ref") for member in schemas["Extended"]["allOf"]] == [
        "#/components/schemas/Base",
        None,
    ]
