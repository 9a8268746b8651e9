"""One operation of the spec as a method's `Operation`: its arguments, body and response."""

from __future__ import annotations

from dataclasses import dataclass

from generator.build.bodies import build_body
from generator.build.context import Context
from generator.build.naming import argument_name
from generator.build.responses import Response, build_response, returns, streams
from generator.build.schema_types import is_path_segment, python_type
from generator.errors import SpecError
from generator.load import JSONPath, section
from generator.model import Operation, Parameter, ParameterLocation
from generator.openapi import ListedParameter, SpecOperation, merged_parameters, operations
from generator.refs import resolve

_PARAMETER_LOCATIONS: tuple[ParameterLocation, ...] = ("path", "query", "header", "cookie")
#: The styles OpenAPI allows in each location, the default first. `matrix` and `label` (path
#: parameters written `;id=5` or `.5`) are the ones not written here.
_STYLES: dict[ParameterLocation, tuple[str, ...]] = {
    "path": ("simple",),
    "query": ("form", "spaceDelimited", "pipeDelimited", "deepObject"),
    "header": ("simple",),
    "cookie": ("form",),
}


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
            failed.add(spec_operation.operation_id)
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
    body = build_body(context, raw, where, taken)
    response = build_response(context, raw, where, parameters["query"])
    stream_flag = _stream_flag(context, response, body.parameters, where)
    idempotent = raw.get("x-idempotent", spec_operation.method not in ("post", "patch"))
    if not isinstance(idempotent, bool):
        raise context.error((*where, "x-idempotent"), "`x-idempotent` must be true or false")
    path = spec_operation.path
    return Operation(
        operation_id=spec_operation.operation_id,
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
        cookie_parameters=tuple(parameters["cookie"]),
        body_parameters=body.parameters,
        has_body=body.encoding is not None,
        response=response.shape,
        returns=returns(response.shape),
        idempotent=idempotent,
        body_encoding=body.encoding or "json",
        whole_body=body.whole,
        content_type=body.content_type,
        stream_flag=stream_flag,
        streams=streams(response.events) if stream_flag and response.events else None,
        events=response.events if stream_flag else None,
        accept=response.accept,
    )


def _parameters(
    context: Context, spec_operation: SpecOperation, taken: dict[str, JSONPath]
) -> dict[ParameterLocation, list[Parameter]]:
    """The path, query, header and cookie parameters, each with its argument name and type."""
    found: dict[ParameterLocation, list[Parameter]] = {loc: [] for loc in _PARAMETER_LOCATIONS}
    listed = {
        key: each
        for key, each in merged_parameters(context.spec, spec_operation).items()
        if not context.sent_by_client(*key)  # a credential: the client sends it with every request
    }
    names = _argument_names(context, listed, taken)
    for (where_in, wire_name), (parameter, defined_at, _) in listed.items():
        location = next(loc for loc in _PARAMETER_LOCATIONS if loc == where_in)
        style = _style(context, parameter, defined_at, location)
        schema = parameter.get("schema", {})
        kind = python_type(
            context, schema, (*defined_at, "schema"), in_body=False, in_query=location != "path"
        )
        if location == "path" and not is_path_segment(context, schema):
            raise context.error(
                (*defined_at, "schema"),
                f"path parameter {wire_name!r} is {kind.annotation}; a path segment can be a "
                "string or an integer (or an enum of strings)",
            )
        found[location].append(
            Parameter(
                wire_name=wire_name,
                python_name=names[where_in, wire_name],
                location=location,
                required=bool(parameter.get("required", False)),
                type=kind,
                description=str(parameter.get("description", "")),
                always=_always_sent(context, schema, (*defined_at, "schema")),
                style=style,
            )
        )
    return found


def _argument_names(
    context: Context, listed: dict[tuple[str, str], ListedParameter], taken: dict[str, JSONPath]
) -> dict[tuple[str, str], str]:
    """Each parameter's argument name. Those the spec names with `x-python-name` are named
    first, so that a name derived from a wire name is the one to give way when they meet."""
    for (where_in, _), (_, defined_at, _) in listed.items():
        if where_in not in _PARAMETER_LOCATIONS:
            raise context.error(
                (*defined_at, "in"),
                f"{where_in} parameters are not supported; use path, query, header or cookie",
            )
    explicit = [key for key, each in listed.items() if "x-python-name" in each.data]
    names: dict[tuple[str, str], str] = {}
    for where_in, wire_name in [*explicit, *(key for key in listed if key not in explicit)]:
        parameter, defined_at, _ = listed[where_in, wire_name]
        name_key = "x-python-name" if "x-python-name" in parameter else "name"
        names[where_in, wire_name] = argument_name(
            context,
            f"{where_in} parameter {wire_name!r}",
            wire_name,
            parameter.get("x-python-name"),
            (*defined_at, name_key),
            taken,
            location=where_in,
        )
    return names


def _always_sent(context: Context, schema: object, where: JSONPath) -> tuple[str, ...]:
    """What an array parameter always sends (its `default`, with `x-extend-default: true`),
    before what the caller adds: the Files operations' `files-api-2025-04-14` beta."""
    resolved, where = resolve(context.spec, schema, where)
    if section(resolved).get("x-extend-default") is not True:
        return ()
    default = section(resolved).get("default")
    if not isinstance(default, list) or not all(isinstance(v, str) for v in default):
        raise context.error(
            (*where, "x-extend-default"),
            "`x-extend-default` needs a `default` that is a list of strings",
        )
    return tuple(default)


def _style(
    context: Context, parameter: dict[str, object], where: JSONPath, location: ParameterLocation
) -> tuple[str, bool] | None:
    """The `style` and `explode` a parameter is written in, or None for its location's
    default (query and cookie: `form`, exploded; path and header: `simple`, not exploded)."""
    if "content" in parameter:
        raise context.error(
            (*where, "content"),
            "a parameter described by `content` is not supported; describe it with `schema`",
        )
    styles = _STYLES[location]
    style = parameter.get("style", styles[0])
    if style not in styles:
        raise context.error(
            (*where, "style"),
            f"{location} parameter {parameter.get('name')!r} has `style: {style}`, which is not "
            f"supported; a {location} parameter can have `style: {', '.join(styles)}`",
        )
    explode = parameter.get("explode", style == "form")
    if not isinstance(explode, bool):
        raise context.error((*where, "explode"), "`explode` must be true or false")
    if style == "deepObject":
        explode = True  # the only way OpenAPI defines it; specs often leave `explode` out
    if location == "path" or (style, explode) == (styles[0], styles[0] == "form"):
        return None  # a path segment is a string or an integer: explode changes nothing
    return str(style), explode


def _stream_flag(
    context: Context, response: Response, body: tuple[Parameter, ...], where: JSONPath
) -> Parameter | None:
    """The body's boolean argument that asks for the events instead of the model, when the
    response offers both."""
    if response.events is None or response.shape.kind == "events":
        return None
    flag = context.config.streaming.flag
    found = next((p for p in body if p.wire_name == flag and p.type.annotation == "bool"), None)
    if found is None:
        context.warn(
            (*where, "responses"),
            f"the response can be JSON or a stream of events, but the body has no boolean "
            f"`{flag}` to choose with (sdk.yaml `streaming.flag`); the method returns JSON only",
        )
    return found
