"""What a method returns, from the operation's first 2xx response with a body.

Of several media types, JSON is chosen first (a JSON string offered beside bytes excepted:
see `_from_content`); then JSON lines, server-sent events, text, and bytes:

- JSON: a `$ref` to a named schema is its model, or its alias (a union, an enum...) parsed
  through a pydantic `TypeAdapter`, or a page when the response and query have the shape of a
  pagination scheme of sdk.yaml; an inline array, map or scalar is typed as such (`list[Pet]`,
  `dict[str, str]`, `int`);
- JSON lines (`application/x-jsonl`...): a stream of models, one per line;
- `text/event-stream`: a stream of events (their union is the schema), either alone, or
  beside JSON, in which case the body's boolean `stream` flag (sdk.yaml `streaming.flag`)
  chooses, typed by overloads as the official SDK types `stream=`;
- text (`text/*`, XML, YAML...): a `str`, decoded per the response's charset;
- anything else (`application/octet-stream`, images, archives, or a `format: binary` string):
  the response, whose body is read whole or, under `with_streaming_response`, as the caller
  asks. Nothing a user could call is refused for its media type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeGuard

from generator.build.context import Context
from generator.build.media_types import is_json, is_range, is_text
from generator.load import JSONPath, section
from generator.model import PageScheme, Parameter, ResponseShape
from generator.openapi import JSONL_MEDIA_TYPES
from generator.pytypes import (
    NONE,
    Builtin,
    DictOf,
    Generic,
    ListOf,
    LiteralOf,
    Named,
    PyType,
    nullable,
    union,
)
from generator.refs import SCHEMAS, resolve, schema_name

EVENT_STREAM = "text/event-stream"
JSONL_STREAM = Named("AsyncJSONLStream", "._streaming")
EVENTS = Named("AsyncStream", "._sse")
BINARY = Generic(Named("AsyncAPIResponse", "._response"), (Builtin("bytes"),))
TEXT = Builtin("str")
_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


@dataclass(frozen=True)
class Response:
    """A method's response: its shape, and the events it can stream instead (by name)."""

    shape: ResponseShape
    events: str | None = None
    accept: str | None = None
    """The media type to ask for, when it is not JSON (text or bytes)."""


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
    others = [
        m
        for m in content
        if not is_json(m) and m not in JSONL_MEDIA_TYPES and m != EVENT_STREAM
    ]
    binary = [m for m in others if not _is_text(context, m, content[m])]
    json_type = next((m for m in content if is_json(m)), None)
    # A JSON string beside bytes is how specs say "the content" (OpenAI's video and skill
    # downloads offer `application/json: {type: string}` beside `video/mp4`, `application/zip`):
    # the API sends the bytes, as the official SDK reads them, so the bytes are chosen.
    if json_type is not None and not (binary and _is_bare_string(context, content[json_type])):
        return Response(_json(context, content, json_type, where, query), events)
    jsonl_type = next((m for m in content if m in JSONL_MEDIA_TYPES), None)
    if jsonl_type is not None:
        # Asked for by its own media type: a server that negotiates (Prism does) refuses a
        # request for the JSON it does not have with a 406.
        shape = ResponseShape("jsonl", _named(context, content, jsonl_type, where))
        return Response(shape, accept=jsonl_type)
    if events is not None and not others:
        return Response(ResponseShape("events", events))
    media_type = binary[0] if binary and json_type is not None else others[0]
    if events is not None:
        context.warn(
            (*where, EVENT_STREAM),
            f"the response can be {media_type} or a stream of events; the method returns "
            f"{media_type}, the response sent when no event stream is asked for",
        )
    accept = None if is_range(media_type) else media_type
    if media_type not in binary:
        return Response(ResponseShape("text"), accept=accept)
    if media_type.lower().startswith("multipart/"):
        context.warn(
            (*where, media_type),
            f"a {media_type} response is not decoded into its parts here; the method returns "
            "its bytes (read them with the `email` package, or a multipart parser)",
        )
    return Response(ResponseShape("binary"), accept=accept)


def _json(
    context: Context,
    content: dict[str, object],
    media_type: str,
    where: JSONPath,
    query: list[Parameter],
) -> ResponseShape:
    """The JSON body's shape: a named model (or page of them), an alias, or an inline value."""
    schema = section(content, media_type).get("schema", {})
    schema_where = (*where, media_type, "schema")
    model = schema_name(schema)
    if model is None:
        value = _json_value(context, schema, schema_where)
        return ResponseShape("model", value=value, is_class=False)
    for scheme in context.config.pagination:
        item = _page_item(context, scheme, model, query)
        if item is not None:
            return ResponseShape("page", model, item, scheme)
    return ResponseShape("model", model, is_class=is_model_class(context, model))


def _json_value(context: Context, schema: object, where: JSONPath) -> PyType:
    """The Python type a JSON value of an inline `schema` parses into, as a return value: a
    list (what pydantic gives), a map, a scalar, an enum's literal, or a union of those."""
    name = schema_name(schema)
    if name is not None:
        return Named(name, ".types")
    resolved, where = resolve(context.spec, schema, where)
    if not isinstance(resolved, dict):
        raise context.error(where, "a schema must be a mapping")
    values = resolved["enum"] if "enum" in resolved else [resolved.get("const")]
    if ("enum" in resolved or "const" in resolved) and _literal_values(values):
        return LiteralOf(tuple(values))
    for combinator in ("oneOf", "anyOf"):
        options = resolved.get(combinator)
        if isinstance(options, list):
            return union(
                *(
                    _json_value(context, option, (*where, combinator, index))
                    for index, option in enumerate(options)
                )
            )
    kind = resolved.get("type")
    if isinstance(kind, list) and "null" in kind and len(kind) == 2:
        other = next(k for k in kind if k != "null")
        return nullable(_json_value(context, {**resolved, "type": other}, where))
    if resolved.get("nullable") is True:  # OpenAPI 3.0's spelling of the same
        rest = {k: v for k, v in resolved.items() if k != "nullable"}
        return nullable(_json_value(context, rest, where))
    if kind == "array" or (kind is None and "items" in resolved):
        return ListOf(_json_value(context, resolved.get("items", {}), (*where, "items")))
    if isinstance(kind, str) and kind in _SCALARS:
        return Builtin(_SCALARS[kind])
    if kind == "null":
        return NONE
    if "properties" in resolved or "allOf" in resolved:
        raise context.error(
            where,
            "a JSON response that is an object with `properties` (or an `allOf`) needs a named "
            "schema under components/schemas, so that it has a model class",
        )
    if kind in ("object", None):
        extra = resolved.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            return DictOf(_json_value(context, extra, (*where, "additionalProperties")))
        return DictOf(Builtin("object")) if kind == "object" else Builtin("object")
    raise context.error(where, f"unsupported schema here (type {kind!r})")


def _literal_values(values: object) -> TypeGuard[list[str | int]]:
    """Whether `values` can be a `Literal[...]`: strings and integers (not booleans)."""
    return (
        isinstance(values, list)
        and bool(values)
        and all(isinstance(v, str | int) and not isinstance(v, bool) for v in values)
    )


def is_model_class(context: Context, name: str) -> bool:
    """Whether datamodel-code-generator prints the named schema as a model class, which a
    request can name as its response type; anything else (a union, an enum, a list or a map
    alias) is a `TypeAliasType`, which only a cast can pass where a type is expected. When
    unsure, no: the cast is correct for a class too."""
    schema = section(context.spec.data, *SCHEMAS, name)
    if any(k in schema for k in ("oneOf", "anyOf", "enum", "const", "$ref", "items")):
        return False
    if schema.get("type") not in (None, "object"):
        return False
    if "properties" in schema:
        return True
    members = schema.get("allOf")
    if not isinstance(members, list) or not members:
        return False
    for member in members:
        resolved, _ = resolve(context.spec, member, ())
        if any(k in section(resolved) for k in ("oneOf", "anyOf", "enum", "items")):
            return False
    return True


def _named(context: Context, content: dict[str, object], media_type: str, where: JSONPath) -> str:
    model = schema_name(section(content, media_type).get("schema"))
    if model is None:
        raise context.error(
            (*where, media_type, "schema"),
            "a response body must be a `$ref` to a named schema under components/schemas, "
            "so that it has a model class",
        )
    return model


def _is_text(context: Context, media_type: str, value: object) -> bool:
    """A text media type, unless its schema says the body is binary (`format: binary`)."""
    if not is_text(media_type):
        return False
    schema, _ = resolve(context.spec, section(value).get("schema"), ())
    return section(schema).get("format") != "binary"


def _is_bare_string(context: Context, value: object) -> bool:
    """Whether a JSON body's schema is a plain string: no enum, no structure."""
    schema, _ = resolve(context.spec, section(value).get("schema"), ())
    schema_map = section(schema)
    return schema_map.get("type") == "string" and "enum" not in schema_map


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
    if response.kind == "text":
        return TEXT
    return response.parsed or NONE


def streams(events: str) -> PyType:
    """What the async method returns when its stream flag asks for `events`."""
    return Generic(EVENTS, (Named(events, ".types"),))
