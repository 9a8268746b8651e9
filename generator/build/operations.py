"""One operation of the spec as a method's `Operation`: its arguments, body and response."""

from __future__ import annotations

from dataclasses import dataclass

from generator.build.context import Context
from generator.build.naming import argument_name
from generator.build.schema_types import is_path_segment, python_type
from generator.errors import SpecError
from generator.load import JSONPath, section
from generator.model import Operation, Parameter, ParameterLocation, ResponseShape
from generator.openapi import (
    JSON_MEDIA_TYPES,
    JSONL_MEDIA_TYPES,
    SpecOperation,
    merged_parameters,
    operations,
)
from generator.pytypes import NONE, Generic, Named, PyType
from generator.refs import resolve, schema_name

_PARAMETER_LOCATIONS: tuple[ParameterLocation, ...] = ("path", "query", "header")
PAGER = Named("AsyncCursorPager", "._pagination")
JSONL_STREAM = Named("AsyncJSONLStream", "._streaming")


@dataclass(frozen=True)
class BuiltOperations:
    """Every operation that could be built, by operationId, and the ids of those that could not
    (their problems are reported; methods mapped to them are not reported again)."""

    built: dict[str, Operation]
    where: dict[str, JSONPath]
    failed: frozenset[str]


def build_operations(context: Context) -> BuiltOperations:
    built: dict[str, Operation] = {}
    where: dict[str, JSONPath] = {}
    failed: set[str] = set()
    for spec_operation in operations(context.spec):
        try:
            operation = build_operation(context, spec_operation)
        except SpecError as error:
            failed.add(str(spec_operation.raw.get("operationId")))
            context.problems.extend(error.diagnostics)
            continue
        built[operation.operation_id] = operation
        where[operation.operation_id] = spec_operation.where
    return BuiltOperations(built, where, frozenset(failed))


def build_operation(context: Context, spec_operation: SpecOperation) -> Operation:
    raw, where = spec_operation.raw, spec_operation.where
    literal_query: tuple[tuple[str, str], ...] = ()
    literal = spec_operation.path_key.partition("?")[2]
    if literal and context.config.send_path_key_query:
        pairs = (pair.partition("=") for pair in literal.split("&") if pair)
        literal_query = tuple((name, value) for name, _, value in pairs)
    taken: dict[str, JSONPath] = {}
    parameters = _parameters(context, spec_operation, taken)
    body_parameters, has_body = _body(context, raw, where, taken)
    response = _response(context, raw, where, parameters["query"])
    idempotent = raw.get("x-idempotent", spec_operation.method not in ("post", "patch"))
    if not isinstance(idempotent, bool):
        raise context.error((*where, "x-idempotent"), "`x-idempotent` must be true or false")
    path = spec_operation.path
    return Operation(
        operation_id=str(raw["operationId"]),
        http_method=spec_operation.method,
        path=path,
        literal_query=literal_query,
        summary=str(raw.get("summary", "")),
        description=str(raw.get("description", "")),
        deprecated=bool(raw.get("deprecated", False)),
        # Path parameters in the order the path names them: they are positional.
        path_parameters=tuple(
            sorted(parameters["path"], key=lambda p: path.index("{" + p.wire_name + "}"))
        ),
        query_parameters=tuple(parameters["query"]),
        header_parameters=tuple(parameters["header"]),
        body_parameters=body_parameters,
        has_body=has_body,
        response=response,
        returns=_returns(response),
        idempotent=idempotent,
    )


def _parameters(
    context: Context, spec_operation: SpecOperation, taken: dict[str, JSONPath]
) -> dict[ParameterLocation, list[Parameter]]:
    """The path, query and header parameters, each with its argument name and type."""
    found: dict[ParameterLocation, list[Parameter]] = {loc: [] for loc in _PARAMETER_LOCATIONS}
    for (where_in, wire_name), listed in merged_parameters(context.spec, spec_operation).items():
        parameter, defined_at = listed.data, listed.defined_at
        location = next((loc for loc in _PARAMETER_LOCATIONS if loc == where_in), None)
        if location is None:
            raise context.error(
                (*defined_at, "in"),
                f"{where_in} parameters are not supported; use path, query or header",
            )
        name_key = "x-python-name" if "x-python-name" in parameter else "name"
        python_name = argument_name(
            context,
            f"parameter {wire_name!r}",
            wire_name,
            parameter.get("x-python-name"),
            (*defined_at, name_key),
            taken,
        )
        _check_serialisation(context, parameter, defined_at, location)
        schema = parameter.get("schema", {})
        kind = python_type(context, schema, (*defined_at, "schema"), in_body=False)
        if location == "path" and not is_path_segment(context, schema):
            raise context.error(
                (*defined_at, "schema"),
                f"path parameter {wire_name!r} is {kind.annotation}; a path segment can be a "
                "string or an integer (or an enum of strings)",
            )
        found[location].append(
            Parameter(
                wire_name=wire_name,
                python_name=python_name,
                location=location,
                required=bool(parameter.get("required", False)),
                type=kind,
                description=str(parameter.get("description", "")),
            )
        )
    return found


def _check_serialisation(
    context: Context, parameter: dict[str, object], where: JSONPath, location: ParameterLocation
) -> None:
    """Only OpenAPI's default serialisations are implemented: refuse the others by name."""
    if "content" in parameter:
        raise context.error(
            (*where, "content"),
            "a parameter described by `content` is not supported; describe it with `schema`",
        )
    default_style = "form" if location == "query" else "simple"
    style = parameter.get("style", default_style)
    explode = parameter.get("explode", style == "form")
    if style != default_style or explode != (style == "form"):
        key = "style" if style != default_style else "explode"
        raise context.error(
            (*where, key),
            f"{location} parameter {parameter.get('name')!r} has `style: {style}`, "
            f"`explode: {str(explode).lower()}`, which is not supported; the generator sends "
            f"{location} parameters as `style: {default_style}`, "
            f"`explode: {str(default_style == 'form').lower()}`",
        )


def _body(
    context: Context, raw: dict[str, object], where: JSONPath, taken: dict[str, JSONPath]
) -> tuple[tuple[Parameter, ...], bool]:
    """One keyword argument per top-level property of the JSON request body."""
    if "requestBody" not in raw:
        return (), False
    body, body_where = resolve(context.spec, raw["requestBody"], (*where, "requestBody"))
    content = section(body, "content")
    if "application/json" not in content:
        first = next(iter(content), None)
        raise context.error(
            (*body_where, "content", *([first] if first else [])),
            f"unsupported request media type(s) {', '.join(content)}: only application/json "
            "is supported",
        )
    schema, schema_where = resolve(
        context.spec,
        section(content, "application/json").get("schema", {}),
        (*body_where, "content", "application/json", "schema"),
    )
    properties = section(schema, "properties")
    if section(schema).get("type") != "object" or not properties:
        raise context.error(
            schema_where,
            "a request body must be an object with `properties`: each becomes a keyword argument",
        )
    required = section(schema).get("required", [])
    body_required = bool(section(body).get("required", False))
    parameters = []
    for name, property_schema in properties.items():
        property_where = (*schema_where, "properties", name)
        parameters.append(
            Parameter(
                wire_name=name,
                python_name=argument_name(
                    context,
                    f"body property {name!r}",
                    name,
                    section(property_schema).get("x-python-name"),
                    property_where,
                    taken,
                ),
                location="body",
                required=body_required and isinstance(required, list) and name in required,
                type=python_type(context, property_schema, property_where, in_body=True),
                description=str(section(property_schema).get("description", "")),
            )
        )
    return tuple(parameters), True


def _response(
    context: Context, raw: dict[str, object], where: JSONPath, query: list[Parameter]
) -> ResponseShape:
    """The shape of the first 2xx response that has a body; no body means `None`."""
    for status, response in section(raw, "responses").items():
        if not (status.startswith("2") and len(status) == 3):
            continue
        response, response_where = resolve(context.spec, response, (*where, "responses", status))
        content = section(response, "content")
        if not content:
            continue
        media_type = next((m for m in content if m in JSON_MEDIA_TYPES + JSONL_MEDIA_TYPES), None)
        if media_type is None:
            raise context.error(
                (*response_where, "content", next(iter(content))),
                f"unsupported response media type(s) {', '.join(content)}: use application/json, "
                "or application/x-jsonl for a stream of JSON lines",
            )
        schema = section(content, media_type).get("schema")
        model = schema_name(schema)
        if model is None:
            raise context.error(
                (*response_where, "content", media_type, "schema"),
                "a response body must be a `$ref` to a named schema under components/schemas, "
                "so that it has a model class",
            )
        if media_type in JSONL_MEDIA_TYPES:
            return ResponseShape("jsonl", model)
        item = _page_item(context, model, query)
        return ResponseShape("page", model, item) if item else ResponseShape("model", model)
    return ResponseShape("none")


def _page_item(context: Context, model: str, query: list[Parameter]) -> str | None:
    """The item type when `model` and the query have the cursor shape of sdk.yaml."""
    cursor = context.config.pagination
    if cursor is None:
        return None
    schema, _ = resolve(context.spec, {"$ref": f"#/components/schemas/{model}"}, ())
    properties = section(schema, "properties")
    fields = (cursor.items, cursor.has_more, cursor.first_id, cursor.last_id)
    query_names = {p.wire_name for p in query}
    if not all(f in properties for f in fields) or not {cursor.after, cursor.before} <= query_names:
        return None
    items = section(properties[cursor.items])
    if items.get("type") != "array":
        return None
    return schema_name(items.get("items"))


def _returns(response: ResponseShape) -> PyType:
    """What the async method returns for `response`."""
    if response.kind == "page":
        assert response.item is not None
        return Generic(PAGER, (Named(response.item, ".types"),))
    if response.kind == "jsonl":
        assert response.model is not None
        return Generic(JSONL_STREAM, (Named(response.model, ".types"),))
    return Named(response.model, ".types") if response.model else NONE
