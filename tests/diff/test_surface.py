"""`surface` and `schemas`: the surface a diff compares, read from the intermediate model.

Pins what each method records (positional path arguments, keyword ones, the return kind, the
route of a method that follows a URL), how schemas become fields as the printed classes type
them (`allOf` merged, OpenAPI 3.0 `nullable`, formats, inline objects named by where they
sit, enums with null, typed maps), that `Unknown` fallbacks are recorded rather than listed as
models, and the side each model is on.
"""

from __future__ import annotations

from generator.diff.schemas import read_models
from generator.diff.surface import ModelSurface, digest, surface_of
from generator.model import ModelModule
from generator.pipeline import build, load_spec
from generator.pytypes import (
    NONE,
    Builtin,
    DictOf,
    Generic,
    ListOf,
    LiteralOf,
    Named,
    nullable,
    union,
)

from ..helpers import SPEC
from .cases import BASE


def _models(schemas: dict[str, object], name: str = "types") -> dict[str, ModelSurface]:
    module = ModelModule(name, "", schemas, "3.1.0", {})
    return {m.name: m for m in read_models(module)}


def _fields(model: ModelSurface) -> dict[str, tuple[str, bool]]:
    return {f.name: (f.type.annotation, f.required) for f in model.fields or ()}


def test_docs_are_a_whitespace_blind_digest() -> None:
    assert digest("") == digest("  \n ") == ""
    assert digest("Create a\n  widget") == digest("Create a widget") != digest("Create widgets")
    assert len(digest("x")) == 12


def test_methods_record_what_a_call_looks_like() -> None:
    surface = surface_of(build(load_spec(BASE)))
    methods = {m.path: m for m in surface.methods}
    parts = methods["widgets.parts.retrieve"]
    assert [(a.name, a.position, a.required) for a in parts.arguments] == [
        ("widget_id", 0, True),
        ("part_id", 1, True),
    ]
    create = methods["widgets.create"]
    assert [(a.name, a.location, a.position) for a in create.arguments] == [
        ("name", "body", None),
        ("size", "body", None),
        ("shape", "body", None),
        ("stream", "body", None),
        ("dry_run", "header", None),
    ]
    assert create.returns == Named("Widget", ".types") and create.response == "model"
    assert create.streams == Generic(
        Named("AsyncStream", "._sse"), (Named("WidgetEvent", ".types"),)
    )
    assert methods["widgets.list"].response == "page"
    assert methods["widgets.events"].response == "jsonl"
    assert methods["widgets.delete"].returns == NONE
    assert methods["widgets.delete"].route == "DELETE /widgets/{widget_id}"
    assert not create.retried and methods["widgets.delete"].retried


def test_a_method_that_follows_a_url_records_both_requests() -> None:
    surface = surface_of(build(load_spec(SPEC)))
    results = next(m for m in surface.methods if m.path == "messages.batches.results")
    assert results.route == (
        "GET /v1/messages/batches/{message_batch_id}, then the URL in `results_url`"
    )


def test_fields_are_typed_as_the_printed_classes_type_them() -> None:
    models = _models(
        {
            "Thing": {
                "type": "object",
                "required": ["at", "tags"],
                "properties": {
                    "at": {"type": "string", "format": "date-time"},
                    "day": {"type": "string", "format": "date"},
                    "uid": {"type": "string", "format": "uuid"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "old_null": {"type": "integer", "nullable": True},
                    "mode": {"enum": ["a", "b", None]},
                    "flag": {"const": True},
                    "scores": {"type": "object", "additionalProperties": {"type": "number"}},
                    "free": {"type": "object"},
                    "anything": {},
                    "ref": {"$ref": "#/components/schemas/Other"},
                    "wrapped": {"allOf": [{"$ref": "#/components/schemas/Other"}]},
                },
            },
            "Other": {"type": "object", "properties": {}},
        }
    )
    assert _fields(models["Thing"]) == {
        "at": ("datetime", True),
        "day": ("date", False),
        "uid": ("UUID", False),
        "tags": ("list[str]", True),
        "old_null": ("int | None", False),
        "mode": ('Literal["a", "b"] | None', False),
        "flag": ("bool", False),
        "scores": ("dict[str, float]", False),
        "free": ("dict[str, Any]", False),
        "anything": ("Any", False),
        "ref": ("Other", False),
        "wrapped": ("Other", False),
    }


def test_all_of_merges_the_fields_of_its_parts() -> None:
    models = _models(
        {
            "Base": {
                "type": "object",
                "required": ["id"],
                "properties": {"id": {"type": "string"}},
            },
            "Child": {
                "allOf": [
                    {"$ref": "#/components/schemas/Base"},
                    {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}},
                ],
                "properties": {"extra": {"type": "boolean"}},
            },
        }
    )
    assert _fields(models["Child"]) == {
        "id": ("str", True),
        "n": ("int", True),
        "extra": ("bool", False),
    }


def test_inline_objects_are_models_named_by_where_they_sit() -> None:
    models = _models(
        {
            "Order": {
                "type": "object",
                "properties": {
                    "lines": {
                        "type": "array",
                        "items": {"type": "object", "properties": {"sku": {"type": "string"}}},
                    },
                    "pay": {
                        "oneOf": [
                            {"type": "object", "properties": {"card": {"type": "string"}}},
                            {"type": "object", "properties": {"iban": {"type": "string"}}},
                        ]
                    },
                    "class": {"type": "object", "properties": {"x": {"type": "integer"}}},
                },
            }
        }
    )
    assert _fields(models["Order"]) == {
        "lines": ("list[Order.lines]", False),
        "pay": ("Order.pay.variant1 | Order.pay.variant2", False),
        "class": ("Order.class_", False),
    }
    assert _fields(models["Order.lines"]) == {"sku": ("str", False)}
    assert _fields(models["Order.pay.variant2"]) == {"iban": ("str", False)}


def test_aliases_and_unknown_fallbacks() -> None:
    module = ModelModule(
        "types",
        "",
        {
            "Color": {"enum": ["red", "green"]},
            "Pet": {
                "oneOf": [
                    {"$ref": "#/components/schemas/Cat"},
                    {"$ref": "#/components/schemas/UnknownPet"},
                ]
            },
            "Cat": {"type": "object", "properties": {"type": {"const": "cat"}}},
            "UnknownPet": {"type": "object", "properties": {"type": {"type": "string"}}},
        },
        "3.1.0",
        {"UnknownPet": "unknown"},
    )
    models = {m.name: m for m in read_models(module)}
    assert set(models) == {"Color", "Pet", "Cat"}
    assert models["Color"].alias == LiteralOf(("red", "green")) and models["Color"].fields is None
    assert models["Pet"].alias == union(Named("Cat", ".types"), Named("UnknownPet", ".types"))


def test_each_model_is_on_the_side_that_reaches_it() -> None:
    surface = surface_of(build(load_spec(BASE)))
    sides = {m.qualified: m.sides for m in surface.models}
    assert sides["types.Color"] == ("request",)  # a query parameter's enum
    assert sides["types.Widget"] == ("response",)
    assert sides["types.Widget.dimensions"] == ("response",)
    assert sides["types.Legacy"] == ("response",)  # reached by nothing: importable, parses
    assert sides["params.ShapeParam"] == ("request",)
    assert surface.fallbacks == ("types.UnknownPart",)
    widget = next(m for m in surface.models if m.qualified == "types.Widget")
    fields = {f.name: f for f in widget.fields or ()}
    assert fields["owner"].type == nullable(Builtin("str")) and not fields["owner"].required
    assert fields["dimensions"].type == Named("Widget.dimensions", ".types")
    page = next(m for m in surface.models if m.qualified == "types.WidgetPage")
    assert {f.name: f.type for f in page.fields or ()}["data"] == ListOf(Named("Widget", ".types"))
    assert DictOf(Builtin("Any")) not in [f.type for f in widget.fields or ()]
