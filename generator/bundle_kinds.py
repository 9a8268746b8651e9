"""What kind of OpenAPI object each place of a document holds, which decides whether a `$ref`
there is followed (it stands for an object) or is data (an example, an extension), and which
`components` section what it names is placed in.
"""

from __future__ import annotations

from generator.load import JSONPath

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SUBSCHEMA = (
    "items",
    "additionalItems",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
)

#: What each field of each OpenAPI object holds: an object kind, `map:KIND` for a mapping of
#: them or `list:KIND` for a list. A `$ref` is followed only where it stands for an object of a
#: kind `SECTIONS` names; anywhere else (an example, an extension) it is data.
_FIELDS: dict[str, dict[str, str]] = {
    "document": {"paths": "map:pathItem", "webhooks": "map:pathItem", "components": "components"},
    "components": {
        "schemas": "map:schema",
        "responses": "map:response",
        "parameters": "map:parameter",
        "examples": "map:example",
        "requestBodies": "map:requestBody",
        "headers": "map:header",
        "securitySchemes": "map:securityScheme",
        "links": "map:link",
        "callbacks": "map:callback",
        "pathItems": "map:pathItem",
    },
    "pathItem": {**{method: "operation" for method in _METHODS}, "parameters": "list:parameter"},
    "operation": {
        "parameters": "list:parameter",
        "requestBody": "requestBody",
        "responses": "map:response",
        "callbacks": "map:callback",
    },
    "callback": {"*": "pathItem"},
    "parameter": {"schema": "schema", "content": "map:mediaType", "examples": "map:example"},
    "header": {"schema": "schema", "content": "map:mediaType", "examples": "map:example"},
    "requestBody": {"content": "map:mediaType"},
    "mediaType": {"schema": "schema", "examples": "map:example", "encoding": "map:encoding"},
    "encoding": {"headers": "map:header"},
    "response": {"headers": "map:header", "content": "map:mediaType", "links": "map:link"},
    "schema": {
        **{key: "schema" for key in _SUBSCHEMA},
        **{key: "list:schema" for key in ("allOf", "anyOf", "oneOf", "prefixItems")},
        **{
            key: "map:schema" for key in ("properties", "patternProperties", "$defs", "definitions")
        },
        "dependentSchemas": "map:schema",
        "discriminator": "discriminator",
    },
}
#: The `components` section each kind of object is placed in.
SECTIONS = {
    "schema": "schemas",
    "response": "responses",
    "parameter": "parameters",
    "example": "examples",
    "requestBody": "requestBodies",
    "header": "headers",
    "securityScheme": "securitySchemes",
    "link": "links",
    "callback": "callbacks",
}
PATH_ITEM = "pathItem"


def child_kind(kind: str | None, key: str | int) -> str | None:
    """The kind of object at `key` below an object of `kind`; None where it is data."""
    if kind is None:
        return None
    if kind.startswith(("map:", "list:")):
        return kind.partition(":")[2]
    fields = _FIELDS.get(kind, {})
    found = fields.get(key if isinstance(key, str) else "") or fields.get("*")
    if found is None and isinstance(key, int) and kind == "schema":
        return "schema"  # `items` written as a list, as older JSON Schema drafts allow
    return found


def kind_at(path: JSONPath) -> str | None:
    """The kind of object at `path` from the root of an OpenAPI document."""
    kind: str | None = "document"
    for key in path:
        kind = child_kind(kind, key)
    return kind
