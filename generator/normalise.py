"""A copy of the spec that the Prism mock server can serve.

Prism matches requests against path keys literally, so `/v1/x?beta=true` never matches; and its
5.16 releases crash when an optional array-typed header is absent, and it has no serialiser
for JSON lines. The copy drops a path key's literal query (merging operations that then share
a path and method: the beta twin's extra parameters join the GA one), describes array headers
as the comma-joined string they are on the wire, and serves a JSON-lines response as one JSON
object (which is a one-line JSON-lines body). The field an `x-follow-url` operation takes its
URL from gets the path of that operation in its examples, so that the client's second
request goes back to Prism.

Prism cannot serve `text/event-stream` either: it has no serialiser for an object as text
("Cannot serialise complex objects as text"). An event stream's schema describes one event
(a union of them); the copy describes the body instead, a string, with an example body made
from the schema: one event per member of the union, named by its discriminator's value when
it has one, each a minimal instance of its member (required properties only, constants,
first enum values), which the client must parse as the member it was made from. Multipart
requests and binary responses need nothing: Prism validates a multipart body's parts against
its schema and serves a binary schema as bytes.

Everything else, schemas and security included, is kept, so Prism still validates each
request the generated client sends.
"""

from __future__ import annotations

import copy
import json
import re

from generator.load import Document, section
from generator.openapi import HTTP_METHODS, JSONL_MEDIA_TYPES, operations
from generator.refs import resolve, schema_name

EVENT_STREAM = "text/event-stream"
#: How deep an example follows nested schemas: far beyond any event, a stop for a cycle.
_EXAMPLE_DEPTH = 32


def prism_document(spec: Document) -> dict[str, object]:
    assert isinstance(spec.data, dict)
    data = copy.deepcopy(spec.data)
    merged: dict[str, dict[str, object]] = {}
    for path_key, item in section(data, "paths").items():
        target = merged.setdefault(path_key.partition("?")[0], {})
        for key, value in section(item).items():
            existing = target.get(key)
            if key not in HTTP_METHODS or not isinstance(existing, dict):
                target[key] = value
                continue
            kept = _list(existing.get("parameters"))
            names = {_parameter_key(spec, p) for p in kept}
            extra = [
                p
                for p in _list(section(value).get("parameters"))
                if _parameter_key(spec, p) not in names
            ]
            existing["parameters"] = [*kept, *extra]
    data["paths"] = merged
    _point_followed_urls_at_their_operations(spec, data)
    for response in _all_responses(data):
        content = section(response, "content")
        for media_type in [m for m in content if m in JSONL_MEDIA_TYPES]:
            content["application/json"] = content.pop(media_type)
    copied = Document(spec.path, data, spec.positions, spec.raw)
    for response in _all_responses(data):
        media = section(response, "content").get(EVENT_STREAM)
        if isinstance(media, dict) and isinstance(media.get("schema"), dict):
            example = event_stream_example(copied, media["schema"])
            section(response, "content")[EVENT_STREAM] = {
                "schema": {"type": "string"},
                "example": example,
            }
    for parameter in _all_parameters(copied):
        schema = parameter.get("schema")
        if parameter.get("in") == "header" and isinstance(schema, dict):
            resolved, _ = resolve(copied, schema, ())
            if isinstance(resolved, dict) and resolved.get("type") == "array":
                parameter["schema"] = {"type": "string"}
    return data


def event_stream_example(document: Document, schema: object) -> str:
    """A `text/event-stream` body with one event per member of `schema`'s union (or one event
    of `schema` itself), each named by its discriminator's value when it has one."""
    resolved, _ = resolve(document, schema, ())
    resolved = section(resolved)
    members = _list(resolved.get("oneOf")) or _list(resolved.get("anyOf")) or [resolved]
    tag = section(resolved, "discriminator").get("propertyName")
    events = []
    for member in members:
        data = _example(document, member, 0)
        name = data.get(tag) if isinstance(data, dict) and isinstance(tag, str) else None
        head = f"event: {name}\n" if isinstance(name, str) else ""
        events.append(f"{head}data: {json.dumps(data)}\n\n")
    return "".join(events)


def _example(document: Document, schema: object, depth: int) -> object:
    """A minimal instance of `schema`: what Prism itself would make of it, as plain data."""
    resolved, _ = resolve(document, schema, ())
    if not isinstance(resolved, dict) or depth > _EXAMPLE_DEPTH:
        return None
    if "const" in resolved:
        return resolved["const"]
    for key in ("example", "default"):
        if key in resolved:
            return resolved[key]
    if _list(resolved.get("examples")):
        return _list(resolved.get("examples"))[0]
    if _list(resolved.get("enum")):
        return _list(resolved.get("enum"))[0]
    for key in ("oneOf", "anyOf"):
        choices = [c for c in _list(resolved.get(key)) if section(c).get("type") != "null"]
        if choices:
            return _example(document, choices[0], depth + 1)
    if _list(resolved.get("allOf")):
        merged: dict[str, object] = {}
        for part in _list(resolved.get("allOf")):
            value = _example(document, part, depth + 1)
            merged.update(value if isinstance(value, dict) else {})
        return merged
    kind = resolved.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in resolved:
        properties = section(resolved, "properties")
        required = [name for name in _list(resolved.get("required")) if isinstance(name, str)]
        return {name: _example(document, properties.get(name), depth + 1) for name in required}
    if kind == "array":
        return []
    if kind == "string":
        return "2024-01-01T00:00:00Z" if resolved.get("format") == "date-time" else "string"
    if kind in ("integer", "number"):
        minimum = resolved.get("minimum")
        return minimum if isinstance(minimum, int | float) else 0
    if kind == "boolean":
        return True
    return None


def _point_followed_urls_at_their_operations(spec: Document, data: dict[str, object]) -> None:
    by_id = {op.raw.get("operationId"): op for op in operations(spec)}
    for operation in operations(spec):
        follow = section(operation.raw, "x-follow-url")
        source = by_id.get(follow.get("from"))
        if source is None:
            continue
        for response in section(source.raw, "responses").values():
            resolved, _ = resolve(spec, response, ())
            name = schema_name(section(resolved, "content", "application/json").get("schema"))
            schema = section(data, "components", "schemas", str(name))
            path = re.sub(r"\{[^{}]*\}", "example", operation.path)
            field = str(follow.get("field"))
            # Prism answers with the schema's own example where it has one, else the field's.
            examples = schema.get("examples")
            for example in [schema.get("example"), *(_list(examples))]:
                if isinstance(example, dict):
                    example[field] = path
            if isinstance(section(schema, "properties").get(field), dict):
                section(schema, "properties", field)["examples"] = [path]


def _parameter_key(spec: Document, parameter: object) -> tuple[object, object]:
    resolved, _ = resolve(spec, parameter, ())
    assert isinstance(resolved, dict)
    return resolved.get("in"), resolved.get("name")


def _all_parameters(document: Document) -> list[dict[str, object]]:
    data = document.data
    assert isinstance(data, dict)
    found = list(section(data, "components", "parameters").values())
    for item in section(data, "paths").values():
        found.extend(_list(section(item).get("parameters")))
        for method in HTTP_METHODS:
            found.extend(_list(section(item, method).get("parameters")))
    return [p for p in found if isinstance(p, dict) and "$ref" not in p]


def _all_responses(data: dict[str, object]) -> list[object]:
    found = list(section(data, "components", "responses").values())
    for item in section(data, "paths").values():
        for method in HTTP_METHODS:
            found.extend(section(item, method, "responses").values())
    return found


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []
