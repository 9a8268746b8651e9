"""Pins `normalise`, the spec as Prism serves it, for what Prism cannot serve as written: an
event stream becomes a string whose example is one event per member of its union, named by
the discriminator's value and holding a minimal instance of the member; a lone event schema
gives one unnamed event; the JSON beside it, multipart bodies and binary responses are kept."""

from __future__ import annotations

import json
from typing import Any

from generator.load import load_document, parse_document
from generator.normalise import event_stream_example, prism_document

from ..helpers import SPEC

SPEC_TEXT = """
openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Event:
      oneOf:
        - $ref: "#/components/schemas/Start"
        - $ref: "#/components/schemas/Delta"
      discriminator: {propertyName: kind}
    Start:
      type: object
      required: [kind, at, item]
      properties:
        kind: {const: start}
        at: {type: string, format: date-time}
        item: {$ref: "#/components/schemas/Item"}
        optional: {type: string}
    Delta:
      type: object
      required: [kind, index, text, done, tags, size]
      properties:
        kind: {const: delta}
        index: {type: integer, minimum: 1}
        text: {anyOf: [{type: "null"}, {type: string}]}
        done: {type: boolean}
        tags: {type: array, items: {type: string}}
        size: {type: [number, "null"]}
    Item:
      type: object
      required: [name, colour]
      properties:
        name: {type: string, example: widget}
        colour: {enum: [red, blue]}
    Lone:
      type: object
      required: [n]
      properties:
        n: {type: integer}
"""


def _events(body: str) -> list[tuple[str | None, Any]]:
    """The events of a body as the example writes them: `event:` and `data:` lines, a blank
    line after each (the runtime's decoder, tested in tests/runtime, reads any other form)."""
    assert body.endswith("\n\n")
    events: list[tuple[str | None, Any]] = []
    for block in body.removesuffix("\n\n").split("\n\n"):
        *head, data = block.split("\n")
        assert data.startswith("data: ") and all(line.startswith("event: ") for line in head)
        name = head[0].removeprefix("event: ") if head else None
        events.append((name, json.loads(data.removeprefix("data: "))))
    return events


def test_an_event_union_becomes_one_named_event_per_member() -> None:
    document = parse_document(SPEC_TEXT.encode(), "openapi.yaml")
    body = event_stream_example(document, {"$ref": "#/components/schemas/Event"})
    assert _events(body) == [
        ("start", {"kind": "start", "at": "2024-01-01T00:00:00Z", "item": {"name": "widget", "colour": "red"}}),
        ("delta", {"kind": "delta", "index": 1, "text": "string", "done": True, "tags": [], "size": 0}),
    ]  # fmt: skip


def test_a_lone_event_schema_becomes_one_unnamed_event() -> None:
    document = parse_document(SPEC_TEXT.encode(), "openapi.yaml")
    body = event_stream_example(document, {"$ref": "#/components/schemas/Lone"})
    assert _events(body) == [(None, {"n": 0})]


def test_the_specs_message_stream_is_served_as_a_string_and_the_rest_is_kept() -> None:
    spec = load_document(SPEC / "openapi.yaml")
    data = prism_document(spec)
    content: Any = data["components"]["responses"]["Message"]["content"]  # type: ignore[index]
    assert set(content) == {"application/json", "text/event-stream"}
    stream = content["text/event-stream"]
    assert stream["schema"] == {"type": "string"}
    names = [name for name, _ in _events(stream["example"])]
    assert names == [
        "message_start",
        "message_delta",
        "message_stop",
        "content_block_start",
        "content_block_delta",
        "content_block_stop",
    ]
    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/Message"}
    upload: Any = data["paths"]["/v1/files"]["post"]["requestBody"]  # type: ignore[index]
    assert set(upload["content"]) == {"multipart/form-data"}
    download: Any = data["paths"]["/v1/files/{file_id}/content"]["get"]  # type: ignore[index]
    assert download["responses"]["200"]["content"]["application/binary"]["schema"] == {
        "type": "string",
        "format": "binary",
    }
