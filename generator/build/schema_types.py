"""The Python type of a parameter or body property, from its schema.

Named schemas become the package's own classes: response models in `types` for parameters,
TypedDicts in `params` inside a request body. Inline objects are allowed in a body only: a
query or header has no encoding for them here.
"""

from __future__ import annotations

from generator.build.context import Context
from generator.load import JSONPath
from generator.pytypes import (
    NONE,
    Builtin,
    DictOf,
    LiteralOf,
    Named,
    PyType,
    SequenceOf,
    nullable,
    union,
)
from generator.refs import resolve, schema_name

_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def python_type(context: Context, schema: object, where: JSONPath, in_body: bool) -> PyType:
    """The type of values of `schema`, written at `where`."""
    name = schema_name(schema)
    if name is not None:
        named, _ = resolve(context.spec, schema, where)
        if not in_body and is_object(context, named):
            raise context.error(
                (*where, "$ref"),
                f"{name} is an object, which has no encoding as a query, header or path "
                "parameter here; send it in a JSON body",
            )
        return Named(name, ".params" if in_body else ".types")
    resolved, where = resolve(context.spec, schema, where)
    if not isinstance(resolved, dict):
        raise context.error(where, "a schema must be a mapping")
    if "enum" in resolved or "const" in resolved:
        return _literal(context, resolved, where)
    for combinator in ("anyOf", "oneOf"):
        options = resolved.get(combinator)
        if isinstance(options, list):
            return union(
                *(
                    python_type(context, option, (*where, combinator, index), in_body)
                    for index, option in enumerate(options)
                )
            )
    kind = resolved.get("type")
    if isinstance(kind, list) and "null" in kind and len(kind) == 2:
        other = next(k for k in kind if k != "null")
        return nullable(python_type(context, {**resolved, "type": other}, where, in_body))
    if resolved.get("nullable") is True:  # OpenAPI 3.0's spelling of the same
        rest = {k: v for k, v in resolved.items() if k != "nullable"}
        return nullable(python_type(context, rest, where, in_body))
    if kind == "array" or (kind is None and "items" in resolved):  # `items` says array
        return SequenceOf(python_type(context, resolved.get("items", {}), (*where, "items"), in_body))
    if isinstance(kind, str) and kind in _SCALARS:
        return Builtin(_SCALARS[kind])
    if kind == "null":
        return NONE
    if kind == "object" and in_body:
        # An inline object has no class of its own to name; a named schema gets one.
        return DictOf(Builtin("object"))
    raise context.error(
        where,
        f"unsupported schema here (type {kind!r}): use a string, integer, number, boolean, "
        "enum, array or free-form object, or `$ref` a named schema",
    )


def _literal(context: Context, schema: dict[str, object], where: JSONPath) -> PyType:
    values = schema["enum"] if "enum" in schema else [schema["const"]]
    if (
        not isinstance(values, list)
        or not values
        or not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values)
    ):
        raise context.error(where, "only string and integer enums are supported here")
    return LiteralOf(tuple(values))


def is_object(context: Context, schema: object) -> bool:
    """Whether values of `schema` can be objects: an object, or a union with one among its
    members (a model that may be null is still a model)."""
    schema, _ = resolve(context.spec, schema, ())
    if not isinstance(schema, dict):
        return False
    if schema.get("type") == "object" or "properties" in schema or "allOf" in schema:
        return True
    members = [*(schema.get("oneOf") or []), *(schema.get("anyOf") or [])]
    return any(is_object(context, member) for member in members)


def is_path_segment(context: Context, schema: object) -> bool:
    """Whether values of `schema` fit in a path segment: strings, integers, their enums."""
    resolved, _ = resolve(context.spec, schema, ())
    if not isinstance(resolved, dict):
        return False
    options = resolved.get("anyOf") or resolved.get("oneOf")
    if isinstance(options, list):
        return all(is_path_segment(context, option) for option in options)
    kind = resolved.get("type")
    values = resolved.get("enum", [resolved.get("const", "")])
    return kind in ("string", "integer") or (
        kind is None
        and isinstance(values, list)
        and all(isinstance(v, str | int) and not isinstance(v, bool) for v in values)
    )
