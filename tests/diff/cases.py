"""Spec pairs of known effect for the diff: each case edits a copy of `base/` (the new spec,
and for some the old one too) and lists every change the diff must report, exactly.

An edit is a function over the two parsed documents (openapi, sdk), mutating them; the cases
are data, so adding one is a few lines. `test_classification` runs them all and checks that
together they reach every row of the classification table and every kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BASE = Path(__file__).resolve().parent / "base"

Spec = dict[str, Any]
Edit = Callable[[Spec, Spec], None]
#: (kind, where, breaking)
Expected = tuple[str, str, bool]


@dataclass(frozen=True)
class Case:
    name: str
    new: Edit
    expected: tuple[Expected, ...]
    old: Edit | None = field(default=None)
    """An edit of the old spec too, when the change is the reverse of an edit."""


def schema(openapi: Spec, name: str) -> Spec:
    found: Spec = openapi["components"]["schemas"][name]
    return found


def prop(openapi: Spec, name: str, key: str) -> Spec:
    found: Spec = schema(openapi, name)["properties"][key]
    return found


def operation(openapi: Spec, operation_id: str) -> Spec:
    for item in openapi["paths"].values():
        for value in item.values():
            if isinstance(value, dict) and value.get("operationId") == operation_id:
                return value
    raise KeyError(operation_id)


def parameter(openapi: Spec, operation_id: str, name: str) -> Spec:
    found: Spec = next(
        p for p in operation(openapi, operation_id)["parameters"] if p["name"] == name
    )
    return found


def move(openapi: Spec, old_key: str, new_key: str, method: str) -> None:
    """Move one operation to another path key."""
    paths = openapi["paths"]
    paths.setdefault(new_key, {})[method] = paths[old_key].pop(method)
    if not paths[old_key]:
        del paths[old_key]


def _ref(name: str) -> Spec:
    return {"$ref": f"#/components/schemas/{name}"}


# -- the edits ----------------------------------------------------------------------------


def add_method(o: Spec, s: Spec) -> None:
    o["paths"]["/widgets/{widget_id}"]["post"] = {
        "operationId": "widgets_archive",
        "parameters": [
            {"name": "widget_id", "in": "path", "required": True, "schema": {"type": "string"}}
        ],
        "responses": {"204": {"description": "Archived."}},
    }
    s["methods"]["widgets.archive"] = "widgets_archive"


def remove_method(o: Spec, s: Spec) -> None:
    del o["paths"]["/widgets/{widget_id}"]["delete"]
    del s["methods"]["widgets.delete"]


def deprecate(o: Spec, s: Spec) -> None:
    operation(o, "widgets_retrieve")["deprecated"] = True


def move_retrieve_and_delete(o: Spec, s: Spec) -> None:
    o["paths"]["/v2/widgets/{widget_id}"] = o["paths"].pop("/widgets/{widget_id}")


def idempotent_create(o: Spec, s: Spec) -> None:
    operation(o, "widgets_create")["x-idempotent"] = True


def reword_summary(o: Spec, s: Spec) -> None:
    operation(o, "widgets_create")["summary"] = "Make a widget"


def rewrap_summary(o: Spec, s: Spec) -> None:
    operation(o, "widgets_create")["summary"] = "  Create   a\nwidget "


def events_as_json(o: Spec, s: Spec) -> None:
    content = operation(o, "widgets_events")["responses"]["200"]["content"]
    content["application/json"] = content.pop("application/x-jsonl")


def events_as_server_sent(o: Spec, s: Spec) -> None:
    content = operation(o, "widgets_events")["responses"]["200"]["content"]
    content["text/event-stream"] = content.pop("application/x-jsonl")


def delete_returns_bytes(o: Spec, s: Spec) -> None:
    operation(o, "widgets_delete")["responses"] = {
        "200": {
            "description": "The archive of what was deleted.",
            "content": {"application/octet-stream": {"schema": {"type": "string"}}},
        }
    }


def stream_parts(o: Spec, s: Spec) -> None:
    content = operation(o, "widgets_create")["responses"]["200"]["content"]
    content["text/event-stream"] = {"schema": _ref("Part")}


def skip_pings(o: Spec, s: Spec) -> None:
    s["streaming"] = {"skip": ["ping"]}


def create_as_multipart(o: Spec, s: Spec) -> None:
    content = operation(o, "widgets_create")["requestBody"]["content"]
    content["multipart/form-data"] = content.pop("application/json")


def add_token_scheme(o: Spec, s: Spec) -> None:
    s["pagination"]["pages"] = {
        "kind": "token",
        "items": "data",
        "next": "next",
        "parameter": "page",
    }


def list_not_a_page(o: Spec, s: Spec) -> None:
    operation(o, "widgets_list")["parameters"] = [
        p for p in operation(o, "widgets_list")["parameters"] if p["name"] != "before_id"
    ]


def add_required_query(o: Spec, s: Spec) -> None:
    operation(o, "widgets_retrieve")["parameters"].append(
        {"name": "region", "in": "query", "required": True, "schema": {"type": "string"}}
    )


def add_optional_query(o: Spec, s: Spec) -> None:
    operation(o, "widgets_retrieve")["parameters"].append(
        {"name": "expand", "in": "query", "schema": {"type": "boolean"}}
    )


def remove_verbose(o: Spec, s: Spec) -> None:
    operation(o, "widgets_retrieve")["parameters"].pop()


def rename_verbose(o: Spec, s: Spec) -> None:
    parameter(o, "widgets_retrieve", "verbose")["x-python-name"] = "detailed"


def require_verbose(o: Spec, s: Spec) -> None:
    parameter(o, "widgets_retrieve", "verbose")["required"] = True


def name_optional(o: Spec, s: Spec) -> None:
    schema(o, "CreateWidgetParams")["required"] = []


def retrieve_by_query(o: Spec, s: Spec) -> None:
    move(o, "/widgets/{widget_id}", "/widgets/one", "get")
    parameter(o, "widgets_retrieve", "widget_id")["in"] = "query"


def swap_part_path(o: Spec, s: Spec) -> None:
    move(o, "/widgets/{widget_id}/parts/{part_id}", "/parts/{part_id}/widgets/{widget_id}", "get")


def verbose_as_header(o: Spec, s: Spec) -> None:
    parameter(o, "widgets_retrieve", "verbose")["in"] = "header"


def describe_verbose(o: Spec, s: Spec) -> None:
    parameter(o, "widgets_retrieve", "verbose")["description"] = "Say more."


def limit_number(o: Spec, s: Spec) -> None:
    parameter(o, "widgets_list", "limit")["schema"] = {"type": "number"}


def verbose_string(o: Spec, s: Spec) -> None:
    parameter(o, "widgets_retrieve", "verbose")["schema"] = {"type": "string"}


def size_nullable(o: Spec, s: Spec) -> None:
    prop(o, "CreateWidgetParams", "size")["type"] = ["integer", "null"]


def color_blue(o: Spec, s: Spec) -> None:
    schema(o, "Color")["enum"].append("blue")


def color_no_green(o: Spec, s: Spec) -> None:
    schema(o, "Color")["enum"].remove("green")


def finish_no_gloss(o: Spec, s: Spec) -> None:
    prop(o, "ShapeParam", "finish")["anyOf"][1]["enum"].remove("gloss")


def fill_integer(o: Spec, s: Spec) -> None:
    prop(o, "ShapeParam", "fill")["anyOf"].append({"type": "integer"})


def fill_no_string(o: Spec, s: Spec) -> None:
    prop(o, "ShapeParam", "fill")["anyOf"].pop(0)


def weight_number(o: Spec, s: Spec) -> None:
    prop(o, "Widget", "weight")["type"] = "number"


def name_integer(o: Spec, s: Spec) -> None:
    prop(o, "Widget", "name")["type"] = "integer"


def name_nullable(o: Spec, s: Spec) -> None:
    prop(o, "Widget", "name")["type"] = ["string", "null"]


def owner_not_null(o: Spec, s: Spec) -> None:
    prop(o, "Widget", "owner")["type"] = "string"


def status_deleted(o: Spec, s: Spec) -> None:
    prop(o, "Widget", "status")["enum"].append("deleted")


def status_no_archived(o: Spec, s: Spec) -> None:
    prop(o, "Widget", "status")["enum"].remove("archived")


def material_glass(o: Spec, s: Spec) -> None:
    prop(o, "Widget", "material")["anyOf"][1]["enum"].append("glass")


def label_boolean(o: Spec, s: Spec) -> None:
    prop(o, "Widget", "label")["anyOf"].append({"type": "boolean"})


def part_washer(o: Spec, s: Spec) -> None:
    schema(o, "Part")["oneOf"].append(_ref("Washer"))
    o["components"]["schemas"]["Washer"] = {
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"const": "washer"}},
    }


def part_no_nut(o: Spec, s: Spec) -> None:
    schema(o, "Part")["oneOf"].pop()


def add_gadget(o: Spec, s: Spec) -> None:
    o["components"]["schemas"]["Gadget"] = {"type": "object", "properties": {}}


def remove_legacy(o: Spec, s: Spec) -> None:
    del o["components"]["schemas"]["Legacy"]


def legacy_enum(o: Spec, s: Spec) -> None:
    o["components"]["schemas"]["Legacy"] = {"enum": ["a", "b"]}


def describe_widget(o: Spec, s: Spec) -> None:
    schema(o, "Widget")["description"] = "A widget."


def shape_depth_required(o: Spec, s: Spec) -> None:
    schema(o, "ShapeParam")["properties"]["depth"] = {"type": "integer"}
    schema(o, "ShapeParam")["required"].append("depth")


def widget_revision(o: Spec, s: Spec) -> None:
    schema(o, "Widget")["properties"]["revision"] = {"type": "integer"}
    schema(o, "Widget")["required"].append("revision")


def widget_color_and_shape_depth(o: Spec, s: Spec) -> None:
    schema(o, "Widget")["properties"]["color"] = _ref("Color")
    schema(o, "ShapeParam")["properties"]["depth"] = {"type": "integer"}


def widget_no_weight(o: Spec, s: Spec) -> None:
    del schema(o, "Widget")["properties"]["weight"]


def shape_label_required(o: Spec, s: Spec) -> None:
    schema(o, "ShapeParam")["required"].append("label")


def widget_weight_required(o: Spec, s: Spec) -> None:
    schema(o, "Widget")["required"].append("weight")


def shape_kind_optional(o: Spec, s: Spec) -> None:
    schema(o, "ShapeParam")["required"] = []


def widget_name_optional(o: Spec, s: Spec) -> None:
    schema(o, "Widget")["required"].remove("name")


def describe_widget_id(o: Spec, s: Spec) -> None:
    prop(o, "Widget", "id")["description"] = "Its id."


def dimensions_no_height(o: Spec, s: Spec) -> None:
    del prop(o, "Widget", "dimensions")["properties"]["height"]


def page_of_parts(o: Spec, s: Spec) -> None:
    prop(o, "WidgetPage", "data")["items"] = _ref("Part")


def rename_client(o: Spec, s: Spec) -> None:
    s["client"]["sync_class"] = "Gizmos"


def rename_package(o: Spec, s: Spec) -> None:
    s["package"]["name"] = "gizmos"


def add_bearer(o: Spec, s: Spec) -> None:
    o["components"]["securitySchemes"]["bearer"] = {"type": "http", "scheme": "bearer"}
    o["security"].append({"bearer": []})
    s["client"]["auth"]["bearer"] = {"argument": "auth_token", "env": "WIDGETS_TOKEN"}


def rename_key_variable(o: Spec, s: Spec) -> None:
    s["client"]["auth"]["key"]["env"] = "WIDGET_KEY"


def rename_base_url_variable(o: Spec, s: Spec) -> None:
    s["client"]["env"]["base_url"] = "WIDGET_URL"


def slower_timeout(o: Spec, s: Spec) -> None:
    s["client"]["timeout"] = 120
    s["client"]["default_headers"] = {"widgets-version": "2"}


def key_header(o: Spec, s: Spec) -> None:
    o["components"]["securitySchemes"]["key"]["name"] = "x-widget-key"


def describe_api(o: Spec, s: Spec) -> None:
    o["info"]["description"] = "The widgets API, version 2."


def add_conflict(o: Spec, s: Spec) -> None:
    s["errors"]["statuses"].append({"class": "ConflictError", "status": 409})


def remove_not_found(o: Spec, s: Spec) -> None:
    s["errors"]["statuses"].pop(0)


def not_found_is_gone(o: Spec, s: Spec) -> None:
    s["errors"]["statuses"][0]["status"] = 410


def not_found_under_server(o: Spec, s: Spec) -> None:
    not_found, server = s["errors"]["statuses"]
    s["errors"]["statuses"] = [server, {**not_found, "parent": "InternalServerError"}]


def rename_error_base(o: Spec, s: Spec) -> None:
    s["errors"]["base"] = "GizmoError"


def unavailable_outside_server(o: Spec, s: Spec) -> None:
    s["errors"]["statuses"].append({"class": "ServiceUnavailableError", "status": 503})


def unavailable_under_server(o: Spec, s: Spec) -> None:
    s["errors"]["statuses"].append(
        {"class": "ServiceUnavailableError", "status": 503, "parent": "InternalServerError"}
    )


def rename_has_more(o: Spec, s: Spec) -> None:
    s["pagination"]["cursor"]["has_more"] = "more"
    page = schema(o, "WidgetPage")
    page["properties"]["more"] = page["properties"].pop("has_more")
    page["required"] = ["data", "more", "first_id", "last_id"]


# -- the cases ----------------------------------------------------------------------------

RETRIEVE = "widgets.retrieve"
VERBOSE = "widgets.retrieve(verbose)"
B, C = True, False  # breaking, compatible


def case(name: str, new: Edit, *expected: Expected, old: Edit | None = None) -> Case:
    return Case(name, new, expected, old)


CASES: tuple[Case, ...] = (
    # Methods
    case("add-method", add_method, ("method.added", "widgets.archive", C)),
    case("remove-method", remove_method, ("method.removed", "widgets.delete", B)),
    case("deprecate", deprecate, ("method.deprecated", RETRIEVE, C)),
    case(
        "undeprecate",
        lambda o, s: None,
        ("method.undeprecated", RETRIEVE, C),
        old=deprecate,
    ),
    case(
        "move-path",
        move_retrieve_and_delete,
        ("method.route_changed", RETRIEVE, C),
        ("method.route_changed", "widgets.delete", C),
    ),
    case("idempotent-post", idempotent_create, ("method.retries_changed", "widgets.create", C)),
    case("reword-summary", reword_summary, ("method.docs_changed", "widgets.create", C)),
    case("rewrap-summary-is-no-change", rewrap_summary),
    case(
        "stream-becomes-model",
        events_as_json,
        ("return.kind_changed", "widgets.events() return", B),
    ),
    case(
        "stream-of-lines-becomes-events",
        events_as_server_sent,
        ("return.kind_changed", "widgets.events() return", B),
    ),
    case(
        "nothing-becomes-bytes",
        delete_returns_bytes,
        ("return.kind_changed", "widgets.delete() return", B),
    ),
    case(
        "streamed-events-retyped",
        stream_parts,
        ("type.changed", "widgets.create(stream=True) return", B),
    ),
    case("skip-pings", skip_pings, ("client.setting_changed", "client", C)),
    case(
        "json-body-to-multipart", create_as_multipart, ("method.route_changed", "widgets.create", C)
    ),
    case("add-page-scheme", add_token_scheme, ("pagination.scheme_changed", "pagination", C)),
    case(
        "page-becomes-model",
        list_not_a_page,
        ("return.kind_changed", "widgets.list() return", B),
        ("argument.removed", "widgets.list(before_id)", B),
    ),
    case(
        "page-item-retyped",
        page_of_parts,
        ("type.changed", "widgets.list() return", B),
        ("type.changed", "types.WidgetPage.data", B),
    ),
    # Arguments
    case(
        "add-required-argument",
        add_required_query,
        ("argument.added_required", "widgets.retrieve(region)", B),
    ),
    case(
        "add-optional-argument",
        add_optional_query,
        ("argument.added_optional", "widgets.retrieve(expand)", C),
    ),
    case("remove-argument", remove_verbose, ("argument.removed", VERBOSE, B)),
    case("rename-argument", rename_verbose, ("argument.renamed", "widgets.retrieve(detailed)", B)),
    case("require-argument", require_verbose, ("argument.made_required", VERBOSE, B)),
    case(
        "body-argument-optional",
        name_optional,
        ("argument.made_optional", "widgets.create(name)", C),
        ("field.made_optional", "params.CreateWidgetParams.name", C),
    ),
    case(
        "path-argument-to-query",
        retrieve_by_query,
        ("argument.became_keyword", "widgets.retrieve(widget_id)", B),
        ("argument.wire_changed", "widgets.retrieve(widget_id)", C),
        ("method.route_changed", RETRIEVE, C),
    ),
    case(
        "query-argument-to-path",
        lambda o, s: None,
        ("argument.became_positional", "widgets.retrieve(widget_id)", C),
        ("argument.wire_changed", "widgets.retrieve(widget_id)", C),
        ("method.route_changed", RETRIEVE, C),
        old=retrieve_by_query,
    ),
    case(
        "swap-path-arguments",
        swap_part_path,
        ("argument.reordered", "widgets.parts.retrieve(widget_id)", B),
        ("argument.reordered", "widgets.parts.retrieve(part_id)", B),
        ("method.route_changed", "widgets.parts.retrieve", C),
    ),
    case("query-to-header", verbose_as_header, ("argument.wire_changed", VERBOSE, C)),
    case("describe-argument", describe_verbose, ("argument.docs_changed", VERBOSE, C)),
    # Types on the request side (arguments, TypedDicts, and a `types` alias only sent)
    case("argument-widened", limit_number, ("type.widened", "widgets.list(limit)", C)),
    case(
        "argument-narrowed",
        lambda o, s: None,
        ("type.narrowed", "widgets.list(limit)", B),
        old=limit_number,
    ),
    case("argument-retyped", verbose_string, ("type.changed", VERBOSE, B)),
    case(
        "body-argument-nullable",
        size_nullable,
        ("nullable.added", "widgets.create(size)", C),
        ("nullable.added", "params.CreateWidgetParams.size", C),
    ),
    case(
        "body-argument-not-nullable",
        lambda o, s: None,
        ("nullable.removed", "widgets.create(size)", B),
        ("nullable.removed", "params.CreateWidgetParams.size", B),
        old=size_nullable,
    ),
    case("request-enum-value-added", color_blue, ("enum.value_added", "types.Color", C)),
    case("request-enum-value-removed", color_no_green, ("enum.value_removed", "types.Color", B)),
    case(
        "request-open-enum-value-removed",
        finish_no_gloss,
        ("enum.value_removed", "params.ShapeParam.finish", C),
    ),
    case(
        "request-union-member-added",
        fill_integer,
        ("union.member_added", "params.ShapeParam.fill", C),
    ),
    case(
        "request-union-member-removed",
        fill_no_string,
        ("union.member_removed", "params.ShapeParam.fill", B),
    ),
    # Types on the response side
    case("response-widened", weight_number, ("type.widened", "types.Widget.weight", B)),
    case(
        "response-narrowed",
        lambda o, s: None,
        ("type.narrowed", "types.Widget.weight", C),
        old=weight_number,
    ),
    case("response-retyped", name_integer, ("type.changed", "types.Widget.name", B)),
    case("response-nullable", name_nullable, ("nullable.added", "types.Widget.name", B)),
    case("response-not-nullable", owner_not_null, ("nullable.removed", "types.Widget.owner", C)),
    case(
        "response-enum-value-added",
        status_deleted,
        ("enum.value_added", "types.Widget.status", B),
    ),
    case(
        "response-open-enum-value-added",
        material_glass,
        ("enum.value_added", "types.Widget.material", C),
    ),
    case(
        "response-enum-value-removed",
        status_no_archived,
        ("enum.value_removed", "types.Widget.status", C),
    ),
    case(
        "response-union-member-added",
        label_boolean,
        ("union.member_added", "types.Widget.label", B),
    ),
    case(
        "response-open-union-member-added",
        part_washer,
        ("union.member_added", "types.Part", C),
        ("model.added", "types.Washer", C),
    ),
    case(
        "response-union-member-removed",
        part_no_nut,
        ("union.member_removed", "types.Part", C),
    ),
    # Models and fields
    case("add-model", add_gadget, ("model.added", "types.Gadget", C)),
    case("remove-model", remove_legacy, ("model.removed", "types.Legacy", B)),
    case("model-becomes-enum", legacy_enum, ("model.kind_changed", "types.Legacy", B)),
    case("describe-model", describe_widget, ("model.docs_changed", "types.Widget", C)),
    case(
        "request-field-added-required",
        shape_depth_required,
        ("field.added_required", "params.ShapeParam.depth", B),
    ),
    case(
        "response-field-added-required",
        widget_revision,
        ("field.added_required", "types.Widget.revision", C),
    ),
    case(
        "fields-added-optional",
        widget_color_and_shape_depth,
        ("field.added_optional", "types.Widget.color", C),
        ("field.added_optional", "params.ShapeParam.depth", C),
    ),
    case("response-field-removed", widget_no_weight, ("field.removed", "types.Widget.weight", B)),
    case(
        "request-field-made-required",
        shape_label_required,
        ("field.made_required", "params.ShapeParam.label", B),
    ),
    case(
        "response-field-made-required",
        widget_weight_required,
        ("field.made_required", "types.Widget.weight", C),
    ),
    case(
        "request-field-made-optional",
        shape_kind_optional,
        ("field.made_optional", "params.ShapeParam.kind", C),
    ),
    case(
        "response-field-made-optional",
        widget_name_optional,
        ("field.made_optional", "types.Widget.name", B),
    ),
    case("describe-field", describe_widget_id, ("field.docs_changed", "types.Widget.id", C)),
    case(
        "inline-object-field-removed",
        dimensions_no_height,
        ("field.removed", "types.Widget.dimensions.height", B),
    ),
    # The client
    case("rename-client", rename_client, ("client.class_renamed", "client.Gizmos", B)),
    case(
        "rename-package",
        rename_package,
        ("client.package_renamed", "package", B),
        ("client.setting_changed", "client", C),  # the log variable follows the package name
    ),
    case("add-credential", add_bearer, ("client.credential_added", "client(auth_token)", C)),
    case(
        "remove-credential",
        lambda o, s: None,
        ("client.credential_removed", "client(auth_token)", B),
        old=add_bearer,
    ),
    case("rename-key-variable", rename_key_variable, ("client.env_renamed", "client(api_key)", B)),
    case(
        "rename-base-url-variable",
        rename_base_url_variable,
        ("client.env_renamed", "client(base_url)", B),
    ),
    case(
        "change-defaults",
        slower_timeout,
        ("client.setting_changed", "client", C),
        ("client.setting_changed", "client", C),
    ),
    case(
        "credential-header",
        key_header,
        ("client.credential_sent_differently", "client(api_key)", C),
    ),
    case("describe-api", describe_api, ("client.docs_changed", "client", C)),
    # Errors
    case("add-error", add_conflict, ("error.added", "errors.ConflictError", C)),
    case("remove-error", remove_not_found, ("error.removed", "errors.NotFoundError", B)),
    case("error-status", not_found_is_gone, ("error.status_changed", "errors.404", B)),
    case(
        "error-parent",
        not_found_under_server,
        ("error.parent_changed", "errors.NotFoundError", B),
    ),
    case("rename-error-base", rename_error_base, ("error.base_renamed", "errors.GizmoError", B)),
    case(
        "error-takes-a-server-status",
        unavailable_outside_server,
        ("error.added", "errors.ServiceUnavailableError", C),
        ("error.status_changed", "errors.503", B),
    ),
    case(
        "error-refines-a-server-status",
        unavailable_under_server,
        ("error.added", "errors.ServiceUnavailableError", C),
    ),
    # Pagination
    case(
        "rename-cursor-field",
        rename_has_more,
        ("pagination.scheme_changed", "pagination", C),
        ("field.removed", "types.WidgetPage.has_more", B),
        ("field.added_required", "types.WidgetPage.more", C),
    ),
)
