"""A copy of the spec that the Prism mock server can serve.

Prism matches requests against path keys literally, so `/v1/x?beta=true` never matches; and its
5.16 releases crash when an optional array-typed header is absent, and it has no serialiser
for JSON lines. The copy drops a path key's literal query (merging operations that then share
a path and method: the beta twin's extra parameters join the GA one), describes array headers
as the comma-joined string they are on the wire, and serves a JSON-lines response as one JSON
object (which is a one-line JSON-lines body). The field an `x-follow-url` operation takes its
URL from gets the path of that operation in its examples, so that the client's second
request goes back to Prism. Everything else, schemas and security included, is kept, so Prism still
validates each request the generated client sends.
"""

from __future__ import annotations

import copy
import re

from generator.load import Document, section
from generator.openapi import HTTP_METHODS, JSONL_MEDIA_TYPES, operations
from generator.refs import resolve, schema_name


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
    for parameter in _all_parameters(copied):
        schema = parameter.get("schema")
        if parameter.get("in") == "header" and isinstance(schema, dict):
            resolved, _ = resolve(copied, schema, ())
            if isinstance(resolved, dict) and resolved.get("type") == "array":
                parameter["schema"] = {"type": "string"}
    return data


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
