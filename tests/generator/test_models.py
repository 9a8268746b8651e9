"""`generator.build.models`: which schemas become response models and which request TypedDicts.

Pins the split: a schema a request body reaches goes to `params`, every other one to `types`,
one reachable from both to both, and a `types` schema keeps what it refers to even when only
requests use it; a discriminated union gets an `Unknown<Name>` variant whose pattern refuses
every known tag and accepts a new one; descriptions and titles with bidi or zero-width
characters are spelled out. Each spec is a few schemas, parsed with `parse_document`.
"""

from __future__ import annotations

import re

import pytest

from generator.build.context import Context
from generator.build.models import model_modules, union_fallback_names, unknown_variant_name
from generator.load import parse_document, section
from generator.model import ModelModule
from generator.sdk_config import read_sdk_config

from ..helpers import ROOT

SDK = ROOT / "tests" / "golden" / "bearer_auth" / "spec" / "sdk.yaml"

WIDGETS = """\
openapi: 3.1.0
info: {title: Widgets, version: "1"}
paths:
  /widgets:
    post:
      operationId: widgets_create
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/WidgetCreateParams"}
      responses:
        "201":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Widget"}
components:
  schemas:
    Widget:
      type: object
      properties:
        color: {$ref: "#/components/schemas/Color"}
    Color: {type: string, enum: [red, green]}
    WidgetCreateParams:
      type: object
      properties:
        color: {$ref: "#/components/schemas/Color"}
        parts: {type: array, items: {$ref: "#/components/schemas/PartParams"}}
    PartParams: {type: object, properties: {name: {type: string}}}
"""


def context(spec: str) -> Context:
    sdk = parse_document(SDK.read_bytes(), "sdk.yaml")
    return Context(parse_document(spec.encode(), "openapi.yaml"), sdk, read_sdk_config(sdk))


def modules(spec: str) -> tuple[ModelModule, ModelModule | None]:
    return model_modules(context(spec))


def names(spec: str) -> tuple[list[str], list[str] | None]:
    """The schema names of `types`, and of `params` (None when there is no such module)."""
    types, params = modules(spec)
    return list(types.schemas), None if params is None else list(params.schemas)


# The split -----------------------------------------------------------------------------------


def test_response_schemas_go_to_types_and_request_schemas_to_params() -> None:
    types, params = names(WIDGETS)
    assert types == ["Widget", "Color"]
    assert params == ["Color", "WidgetCreateParams", "PartParams"]


def test_the_modules_say_what_they_hold_and_which_openapi_reads_them() -> None:
    types, params = modules(WIDGETS)
    assert (types.name, types.openapi) == ("types", "3.1.0")
    assert params is not None and (params.name, params.openapi) == ("params", "3.1.0")
    assert types.schemas["Widget"] == {
        "type": "object",
        "properties": {"color": {"$ref": "#/components/schemas/Color"}},
    }


def test_a_schema_reachable_from_a_request_and_a_response_goes_to_both() -> None:
    spec = WIDGETS.replace(
        '        color: {$ref: "#/components/schemas/Color"}\n    Color:',
        '        color: {$ref: "#/components/schemas/Color"}\n'
        '        main_part: {$ref: "#/components/schemas/PartParams"}\n    Color:',
    )
    types, params = names(spec)
    assert types == ["Widget", "Color", "PartParams"]
    assert params == ["Color", "WidgetCreateParams", "PartParams"]


def test_a_schema_no_operation_uses_is_a_response_model() -> None:
    spec = WIDGETS + "    Unused: {type: object}\n"
    types, params = names(spec)
    assert types[-1] == "Unused"
    assert params is not None and "Unused" not in params


def test_a_response_model_keeps_what_it_refers_to_even_if_only_requests_use_it() -> None:
    spec = WIDGETS + (
        "    Audit:\n      type: object\n"
        "      properties: {request: {$ref: '#/components/schemas/WidgetCreateParams'}}\n"
    )
    types, params = names(spec)
    assert types == ["Widget", "Color", "WidgetCreateParams", "PartParams", "Audit"]
    assert params == ["Color", "WidgetCreateParams", "PartParams"]


def test_a_schema_a_parameter_uses_is_a_response_model_too() -> None:
    spec = WIDGETS.replace(
        "    post:\n",
        "    parameters:\n"
        "      - {name: color, in: query, schema: {$ref: '#/components/schemas/PartParams'}}\n"
        "    post:\n",
    )
    types, params = names(spec)
    assert types == ["Widget", "Color", "PartParams"]
    assert params == ["Color", "WidgetCreateParams", "PartParams"]


def test_a_request_body_reached_through_a_ref_counts_as_a_request() -> None:
    spec = WIDGETS.replace(
        "      requestBody:\n"
        "        content:\n"
        "          application/json:\n"
        '            schema: {$ref: "#/components/schemas/WidgetCreateParams"}\n',
        '      requestBody: {$ref: "#/components/requestBodies/Create"}\n',
    ).replace(
        "components:\n",
        "components:\n"
        "  requestBodies:\n"
        "    Create:\n"
        "      content:\n"
        "        application/json:\n"
        '          schema: {$ref: "#/components/schemas/WidgetCreateParams"}\n',
    )
    assert names(spec) == (["Widget", "Color"], ["Color", "WidgetCreateParams", "PartParams"])


def test_without_request_bodies_there_is_no_params_module() -> None:
    spec = WIDGETS.replace(
        "      requestBody:\n"
        "        content:\n"
        "          application/json:\n"
        '            schema: {$ref: "#/components/schemas/WidgetCreateParams"}\n',
        "",
    )
    types, params = names(spec)
    assert types == ["Widget", "Color", "WidgetCreateParams", "PartParams"]
    assert params is None


def test_a_ref_cycle_among_schemas_is_walked_once() -> None:
    spec = (
        WIDGETS + "    Node:\n      type: object\n"
        "      properties: {next: {$ref: '#/components/schemas/Node'}}\n"
    ).replace(
        'schema: {$ref: "#/components/schemas/Widget"}',
        'schema: {$ref: "#/components/schemas/Node"}',
    )
    types, _ = names(spec)
    assert types == ["Widget", "Color", "Node"]


# Discriminated unions ------------------------------------------------------------------------

EVENTS = """\
openapi: 3.1.0
info: {title: Events, version: "1"}
paths:
  /events:
    get:
      operationId: events_get
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Event"}
components:
  schemas:
    Event:
      description: Something that happened.
      oneOf:
        - {$ref: "#/components/schemas/Created"}
        - {$ref: "#/components/schemas/Deleted"}
        - type: object
          required: [type]
          properties: {type: {type: string, const: message.sent}}
      discriminator: {propertyName: type}
    Created:
      type: object
      required: [type]
      properties: {type: {type: string, const: created}}
    Deleted:
      type: object
      required: [type]
      properties: {type: {type: string, enum: [deleted, removed]}}
"""


def unknown_pattern(spec: str, union: str = "Event") -> str:
    types, _ = modules(spec)
    fallback = section(types.schemas, unknown_variant_name(union))
    pattern = section(fallback, "properties", "type").get("pattern")
    assert isinstance(pattern, str)
    return pattern


def test_a_discriminated_union_gets_an_unknown_variant_last() -> None:
    types, params = modules(EVENTS)
    assert params is None
    assert list(types.schemas) == ["Event", "Created", "Deleted", "UnknownEvent"]
    event = types.schemas["Event"]
    assert isinstance(event, dict)
    assert "discriminator" not in event  # the fallback carries no tag of its own
    assert event["oneOf"][-1] == {"$ref": "#/components/schemas/UnknownEvent"}
    assert event["oneOf"][:2] == [
        {"$ref": "#/components/schemas/Created"},
        {"$ref": "#/components/schemas/Deleted"},
    ]
    assert event["description"] == "Something that happened."
    unknown = types.schemas["UnknownEvent"]
    assert isinstance(unknown, dict)
    assert (unknown["type"], unknown["required"]) == ("object", ["type"])


@pytest.mark.parametrize("tag", ["created", "deleted", "removed", "message.sent"])
def test_the_unknown_variant_refuses_every_known_tag(tag: str) -> None:
    assert re.match(unknown_pattern(EVENTS), tag) is None


@pytest.mark.parametrize(
    "tag", ["archived", "created_v2", "pre-created", "Created", "messageXsent", ""]
)
def test_the_unknown_variant_accepts_a_tag_it_does_not_know(tag: str) -> None:
    assert re.match(unknown_pattern(EVENTS), tag) is not None


def test_the_unknown_variant_accepts_a_known_tag_with_a_trailing_newline() -> None:
    assert re.match(unknown_pattern(EVENTS), "deleted\n") is not None


def test_union_fallback_names_are_the_unknown_variants_to_come() -> None:
    assert union_fallback_names(context(EVENTS)) == {"UnknownEvent"}
    assert union_fallback_names(context(WIDGETS)) == set()


def test_a_oneof_without_a_discriminator_gets_no_unknown_variant() -> None:
    spec = EVENTS.replace("      discriminator: {propertyName: type}\n", "")
    types, _ = modules(spec)
    assert list(types.schemas) == ["Event", "Created", "Deleted"]
    assert union_fallback_names(context(spec)) == set()


def test_tags_declared_in_the_discriminator_mapping_are_known_too() -> None:
    spec = (
        EVENTS.replace(
            "      discriminator: {propertyName: type}\n",
            "      discriminator:\n"
            "        propertyName: type\n"
            "        mapping:\n"
            "          created: '#/components/schemas/Created'\n"
            "          deleted: '#/components/schemas/Deleted'\n",
        )
        .replace("const: created", "pattern: ^c")
        .replace("enum: [deleted, removed]", "minLength: 1")
    )
    assert re.match(unknown_pattern(spec), "created") is None


# Prose -----------------------------------------------------------------------------------------


def test_bidi_and_zero_width_characters_in_descriptions_and_titles_are_spelled_out() -> None:
    spec = WIDGETS.replace(
        "    Widget:\n      type: object\n",
        '    Widget:\n      type: object\n      description: "admin\\u202e \\u2066only"\n'
        '      title: "Wid\\u200bget"\n',
    ).replace(
        "        parts: {type: array,",
        '        parts: {description: "x\\u200fy", type: array,',
    )
    types, params = modules(spec)
    widget = section(types.schemas, "Widget")
    assert widget["description"] == "admin\\u202e \\u2066only"
    assert widget["title"] == "Wid\\u200bget"
    assert params is not None
    parts = section(params.schemas, "WidgetCreateParams", "properties", "parts")
    assert parts["description"] == "x\\u200fy"


def test_prose_keeps_its_line_breaks_and_other_values_are_left_alone() -> None:
    spec = WIDGETS.replace(
        "    Color: {type: string, enum: [red, green]}\n",
        '    Color: {type: string, description: "Line one.\\nLine two.", '
        'enum: ["re\\u202ed", green]}\n',
    )
    color = section(modules(spec)[0].schemas, "Color")
    assert color["description"] == "Line one.\nLine two."
    assert color["enum"] == ["re\u202ed", "green"]  # a value, not prose: pycode quotes it
