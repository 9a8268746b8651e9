"""What a method returns, from the operation's first 2xx response with a body.

- `application/json` with a named schema: its model, or a page when the response and query
  have the shape of a pagination scheme of sdk.yaml;
- JSON lines (`application/x-jsonl`...): a stream of models, one per line;
- `text/event-stream`: a stream of events (their union is the schema), either alone, or
  beside JSON, in which case the body's boolean `stream` flag (sdk.yaml `streaming.flag`)
  chooses, typed by overloads as the official SDK types `stream=`;
- binary content (`application/octet-stream`, or a `format: binary` string): the response,
  whose body is read whole or, under `with_streaming_response`, as the caller asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.build.context import Context
from generator.load import JSONPath, section
from generator.model import PageScheme, Parameter, ResponseShape
from generator.openapi import JSON_MEDIA_TYPES, JSONL_MEDIA_TYPES
from generator.pytypes import NONE, Builtin, Generic, Named, PyType
from generator.refs import SCHEMAS, resolve, schema_name

EVENT_STREAM = "text/event-stream"
BINARY_MEDIA_TYPES = ("application/octet-stream", "application/binary")
JSONL_STREAM = Named("AsyncJSONLStream", "._streaming")
EVENTS = Named("AsyncStream", "._sse")
BINARY = Generic(Named("AsyncAPIResponse", "._response"), (Builtin("bytes"),))


@dataclass(frozen=True)
class Response:
    """A method's response: its shape, and the events it can stream instead (by name)."""

    shape: ResponseShape
    events: str | None = None
    accept: str | None = None
    """The media type to ask for, when it is not JSON (bytes)."""


def build_response(
    context: Context, raw: dict[str, object], where: JSONPath, query: list[Parameter]
) -> Response:
    """The shape of the first 2xx response that has a body; no body means `None`."""
    for status, response in section(raw, "responses").items():
        if not (status.startswith("2") and len(status) == 3):
            continue
        response, response_where = resolve(context.spec, response, (*where, "responses", status))
        content = section(response, "content")
        if content:
            return _from_content(context, content, (*response_where, "content"), query)
    return Response(ResponseShape("none"))


def _from_content(
    context: Context, content: dict[str, object], where: JSONPath, query: list[Parameter]
) -> Response:
    events = _named(context, content, EVENT_STREAM, where) if EVENT_STREAM in content else None
    json_type = next((m for m in content if m in JSON_MEDIA_TYPES), None)
    if json_type is not None:
        model = _named(context, content, json_type, where)
        for scheme in context.config.pagination:
            item = _page_item(context, scheme, model, query)
            if item is not None:
                return Response(ResponseShape("page", model, item, scheme), events)
        return Response(ResponseShape("model", model), events)
    jsonl_type = next((m for m in content if m in JSONL_MEDIA_TYPES), None)
    if jsonl_type is not None:
        return Response(ResponseShape("jsonl", _named(context, content, jsonl_type, where)))
    if events is not None:
        return Response(ResponseShape("events", events))
    binary = [m for m in content if _is_binary(context, m, content[m])]
    if binary:
        return Response(ResponseShape("binary"), accept=binary[0] if "*" not in binary[0] else None)
    raise context.error(
        (*where, next(iter(content))),
        f"unsupported response media type(s) {', '.join(content)}: use application/json, "
        "application/x-jsonl for JSON lines, text/event-stream for events, or "
        "application/octet-stream for bytes",
    )


def _named(context: Context, content: dict[str, object], media_type: str, where: JSONPath) -> str:
    model = schema_name(section(content, media_type).get("schema"))
    if model is None:
        raise context.error(
            (*where, media_type, "schema"),
            "a response body must be a `$ref` to a named schema under components/schemas, "
            "so that it has a model class",
        )
    return model


def _is_binary(context: Context, media_type: str, value: object) -> bool:
    if media_type in BINARY_MEDIA_TYPES:
        return True
    schema, _ = resolve(context.spec, section(value).get("schema"), ())
    return section(schema).get("format") == "binary"


def _page_item(
    context: Context, scheme: PageScheme, model: str, query: list[Parameter]
) -> str | None:
    """The item type when `model` and the query have the shape of `scheme`: its response
    fields, an array of named items, and its query parameters."""
    properties = section(context.spec.data, *SCHEMAS, model, "properties")
    if not all(name in properties for name in scheme.response_fields):
        return None
    if not set(scheme.query_parameters) <= {p.wire_name for p in query}:
        return None
    items, _ = resolve(context.spec, properties[str(scheme.field("items"))], ())
    if section(items).get("type") != "array":
        return None
    return schema_name(section(items).get("items"))


def looks_like_list(context: Context, response: ResponseShape) -> bool:
    """Whether a response that is no page still looks like one: an array of named items under
    a name a declared scheme (or, with none, the usual `data`) keeps its items in."""
    if response.kind != "model" or response.model is None:
        return False
    names = {scheme.field("items") for scheme in context.config.pagination} or {"data"}
    properties = section(context.spec.data, *SCHEMAS, response.model, "properties")
    return any(
        section(properties.get(str(name))).get("type") == "array" for name in names if name
    )


def returns(response: ResponseShape) -> PyType:
    """What the async method returns for `response`."""
    if response.kind == "page":
        assert response.item is not None and response.scheme is not None
        pager = Named(response.scheme.pager, "._pagination")
        return Generic(pager, (Named(response.item, ".types"),))
    if response.kind == "jsonl":
        assert response.model is not None
        return Generic(JSONL_STREAM, (Named(response.model, ".types"),))
    if response.kind == "events":
        assert response.model is not None
        return Generic(EVENTS, (Named(response.model, ".types"),))
    if response.kind == "binary":
        return BINARY
    return Named(response.model, ".types") if response.model else NONE


def streams(events: str) -> PyType:
    """What the async method returns when its stream flag asks for `events`."""
    return Generic(EVENTS, (Named(events, ".types"),))
