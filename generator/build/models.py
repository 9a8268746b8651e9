"""Which schemas become response models (`types`) and which request TypedDicts (`params`).

A schema a request body reaches gets a TypedDict, for building requests as plain dicts (what
users of the official SDK write), and so does one an object-valued parameter reaches; every other schema, and whatever one of them refers to,
gets a pydantic model on the package's own `BaseModel`.

A discriminated union (`oneOf` + `discriminator`) among the models gets one more variant,
`Unknown<Name>`, accepting any value of the discriminator *but the known ones* (a pattern
with a negative lookahead, which is why the models use Python's `re` engine): a variant added
by a newer API then parses instead of failing the whole response, while a known variant that
does not fit its schema still fails, rather than passing as unknown. Type checkers see the
fallback's tag as a placeholder literal that no known tag equals (`modelgen` prints it), so
`if result.type == "succeeded": result.message` narrows as with the official SDK.
"""

from __future__ import annotations

import re

from generator.build.context import Context
from generator.build.schema_types import is_object
from generator.load import section
from generator.model import ModelModule
from generator.openapi import merged_parameters, operations
from generator.pycode import visible
from generator.refs import SCHEMAS, pointer_path, schema_name

_PROSE_KEYS = ("description", "title")


def unknown_variant_name(union: str) -> str:
    return f"Unknown{union}"


def union_fallback_names(context: Context) -> set[str]:
    """The `Unknown<Name>` classes the models will define."""
    return {
        unknown_variant_name(name)
        for name, schema in section(context.spec.data, *SCHEMAS).items()
        if "discriminator" in section(schema) and "oneOf" in section(schema)
    }


def model_modules(context: Context) -> tuple[ModelModule, ModelModule | None]:
    """The schemas of `types` (response models) and of `params` (None without request bodies)."""
    every = section(_visible_prose(section(context.spec.data, *SCHEMAS)))
    requests = _request_schema_names(context)
    request_only = requests - _reachable(context, _non_body_parts(context))
    # What a kept schema refers to is kept too, request-only or not: an unused schema may
    # point at one.
    kept = {name for name in every if name not in request_only}
    kept |= _reachable(context, [every[name] for name in kept])
    openapi = str(section(context.spec.data).get("openapi", "3.1.0"))
    schemas, unknown = _with_unknown_variants({name: every[name] for name in every if name in kept})
    types = ModelModule(
        "types",
        "Response models: the schemas of the spec as pydantic models; request bodies are in "
        "params.py.",
        schemas,
        openapi,
        unknown,
    )
    if not requests:
        return types, None
    params = ModelModule(
        "params",
        "Request bodies: the schemas a request reaches, as TypedDicts.",
        {name: every[name] for name in every if name in requests},
        openapi,
        {},
    )
    return types, params


def _with_unknown_variants(
    schemas: dict[str, object],
) -> tuple[dict[str, object], dict[str, str]]:
    """`schemas` with a fallback variant added to each discriminated union, and each fallback
    with its placeholder tag."""
    result = dict(schemas)
    placeholders: dict[str, str] = {}
    for name, schema in schemas.items():
        discriminator = section(schema, "discriminator").get("propertyName")
        variants = section(schema).get("oneOf")
        if not isinstance(discriminator, str) or not isinstance(variants, list):
            continue
        fallback = unknown_variant_name(name)
        tags = list(dict.fromkeys(_tags(schemas, variants, discriminator) + _mapped_tags(schema)))
        known = "|".join(re.escape(tag) for tag in tags)
        placeholders[fallback] = _placeholder(tags)
        result[fallback] = {
            "type": "object",
            "description": f"A `{name}` of a kind this client does not know yet, from a newer "
            f"API. Its fields are kept as extra attributes. `{discriminator}` holds the new "
            f"kind's tag; type checkers see `{placeholders[fallback]!r}` instead, which no known "
            f"tag equals, so that comparing `{discriminator}` with a known tag narrows the union.",
            "required": [discriminator],
            # `\Z`, not `$`: `$` also matches before a final newline.
            "properties": {discriminator: {"type": "string", "pattern": f"^(?!(?:{known})\\Z)"}},
        }
        union = {key: value for key, value in section(schema).items() if key != "discriminator"}
        union["oneOf"] = [*variants, {"$ref": f"#/components/schemas/{fallback}"}]
        result[name] = union
    return result, placeholders


def _placeholder(tags: list[str]) -> str:
    """A tag that is none of `tags`: what type checkers see an unknown variant's tag as."""
    placeholder = "unknown"
    while placeholder in tags:
        placeholder += "_"
    return placeholder


def _tags(schemas: dict[str, object], variants: list[object], discriminator: str) -> list[str]:
    """The discriminator values the union's variants declare (`const` or `enum`)."""
    tags: list[str] = []
    for variant in variants:
        name = schema_name(variant)
        schema = section(schemas.get(name)) if name else section(variant)
        tag = section(schema, "properties", discriminator)
        values = [tag["const"]] if "const" in tag else tag.get("enum", [])
        if isinstance(values, list):
            tags += [str(value) for value in values]
    return tags


def _mapped_tags(union: object) -> list[str]:
    """The discriminator values the union's `discriminator.mapping` names."""
    return [str(tag) for tag in section(union, "discriminator", "mapping")]


def _visible_prose(node: object) -> object:
    """`node` with every description and title made `visible`: datamodel-code-generator prints
    them into docstrings, escaping quotes but not bidi controls or zero-width characters."""
    if isinstance(node, dict):
        return {
            key: (
                visible(value)
                if key in _PROSE_KEYS and isinstance(value, str)
                else _visible_prose(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_visible_prose(item) for item in node]
    return node


def _request_schema_names(context: Context) -> set[str]:
    """Named schemas reachable from any request body, or from an object a query, header or
    cookie parameter takes (built as a dict, as a body is), through `$ref`s at any depth."""
    roots = [op.raw.get("requestBody") for op in operations(context.spec)]
    roots += [
        listed.data.get("schema")
        for op in operations(context.spec)
        for (where_in, _), listed in merged_parameters(context.spec, op).items()
        if where_in != "path" and is_object(context, listed.data.get("schema"))
    ]
    return _reachable(context, [root for root in roots if root is not None])


def _non_body_parts(context: Context) -> list[object]:
    """Every part of every operation but its request body, and the path items' parameters."""
    parts = [
        value
        for op in operations(context.spec)
        for key, value in op.raw.items()
        if key != "requestBody"
    ]
    parts += [section(item).get("parameters") for item in section(context.spec.data, "paths").values()]
    return parts


def _reachable(context: Context, roots: list[object]) -> set[str]:
    """Named schemas reachable from `roots`, through `$ref`s at any depth."""
    pending = list(roots)
    seen_refs: set[str] = set()
    names: set[str] = set()
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref not in seen_refs:
                seen_refs.add(ref)
                name = schema_name(node)
                if name is not None:
                    names.add(name)
                resolved: object = context.spec.data
                for part in pointer_path(ref) or ():
                    resolved = section(resolved).get(str(part))
                pending.append(resolved)
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return names
