"""The Python type of a parameter or body property, from its schema.

Named schemas become the package's own classes: response models in `types` for parameters,
TypedDicts in `params` inside a request body. Objects are allowed in a body, and in a query,
header or cookie parameter (`in_query`), which OpenAPI's styles write (`form`, exploded:
`gt=1&lte=2`; `deepObject`: `metadata[k]=v`): a named one is its TypedDict in `params`, as a
body's would be, so callers build both alike; an inline one is a `dict[str, ...]` of its
properties' types, having no class of its own to name. A path segment has no room for one.
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


def python_type(
    context: Context, schema: object, where: JSONPath, in_body: bool, *, in_query: bool = False
) -> PyType:
    """The type of values of `schema`, written at `where`; `in_query`: of a query, header or
    cookie parameter, which may be an object."""
    name = schema_name(schema)
    if name is not None:
        return _named_type(context, name, schema, where, in_body, in_query)
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
                    python_type(
                        context, option, (*where, combinator, index), in_body, in_query=in_query
                    )
                    for index, option in enumerate(options)
                )
            )
    kind = resolved.get("type", _implied_type(resolved))
    if isinstance(kind, list) and kind:  # 3.1's `type: [string, "null"]`, or several types
        return union(
            *(
                python_type(context, {**resolved, "type": one}, where, in_body, in_query=in_query)
                for one in kind
            )
        )
    if kind is None:  # no type and nothing that implies one: any JSON value
        return Builtin("object")
    return _typed(context, resolved, kind, where, in_body, in_query)


def _named_type(
    context: Context, name: str, schema: object, where: JSONPath, in_body: bool, in_query: bool
) -> PyType:
    """The type of a `$ref` to the named schema `name`: its model, or its TypedDict in a body
    or a query; an object has no encoding as a path parameter."""
    named, _ = resolve(context.spec, schema, where)
    if not in_body and is_object(context, named):
        if in_query:
            return Named(name, ".params")
        raise context.error(
            (*where, "$ref"),
            f"{name} is an object, which has no encoding as a path parameter; send it in "
            "the query or a JSON body",
        )
    return Named(name, ".params" if in_body else ".types")


def _typed(
    context: Context,
    resolved: dict[str, object],
    kind: object,
    where: JSONPath,
    in_body: bool,
    in_query: bool,
) -> PyType:
    """The type of an inline schema of one `type`, `kind`."""
    if resolved.get("nullable") is True:  # OpenAPI 3.0's spelling of the same
        rest = {k: v for k, v in resolved.items() if k != "nullable"}
        return nullable(python_type(context, rest, where, in_body, in_query=in_query))
    if kind == "array":
        items = resolved.get("items", {})
        return SequenceOf(
            python_type(context, items, (*where, "items"), in_body, in_query=in_query)
        )
    if isinstance(kind, str) and kind in _SCALARS:
        return Builtin(_SCALARS[kind])
    if kind == "null":
        return NONE
    if kind == "object" and in_body:
        # An inline object has no class of its own to name; a named schema gets one.
        return DictOf(Builtin("object"))
    if in_query and kind == "object":
        return DictOf(_property_values(context, resolved, where))
    raise context.error(
        where,
        f"unsupported schema here (type {kind!r}): use a string, integer, number, boolean, "
        "enum, array or free-form object, or `$ref` a named schema",
    )


def _property_values(context: Context, schema: dict[str, object], where: JSONPath) -> PyType:
    """What the values of an inline object parameter can be: its properties' types and its
    `additionalProperties`' (`object` for a free-form one)."""
    properties = schema.get("properties")
    values = [
        python_type(context, value, (*where, "properties", key), False, in_query=True)
        for key, value in (properties.items() if isinstance(properties, dict) else ())
    ]
    extra = schema.get("additionalProperties", not values)
    if isinstance(extra, dict) and extra:
        values.append(
            python_type(context, extra, (*where, "additionalProperties"), False, in_query=True)
        )
    elif extra is not False:
        values.append(Builtin("object"))
    return union(*values) if values else Builtin("object")


def _implied_type(schema: dict[str, object]) -> str | None:
    """The type a schema without `type` implies by its keywords (`items`: an array)."""
    if "items" in schema:
        return "array"
    if "properties" in schema or "additionalProperties" in schema or "allOf" in schema:
        return "object"
    return None


def _literal(context: Context, schema: dict[str, object], where: JSONPath) -> PyType:
    values = schema["enum"] if "enum" in schema else [schema["const"]]
    if isinstance(values, list) and None in values and len(values) > 1:  # a nullable enum
        rest = [value for value in values if value is not None]
        return nullable(_literal(context, {"enum": rest}, where))
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
