"""The package's data types, written by datamodel-code-generator from `components/schemas`.

Two modules come out of one set of schemas:
- `types.py`: pydantic v2 models of every schema but those only request bodies use, for
  parsing responses and typing parameters. They sit on the package's own `BaseModel`, which
  keeps unknown fields and the response's request id.
- `params.py`: TypedDicts of the schemas a request body reaches, for building requests as
  plain dicts (what users of the official SDK write).

A discriminated union (`oneOf` + `discriminator`) in a response gets one more variant,
`Unknown<Name>`, accepting any value of the discriminator *but the known ones* (a pattern
with a negative lookahead, which is why the models use Python's `re` engine): a variant added
by a newer API then parses instead of failing the whole response, while a known variant that
does not fit its schema still fails, rather than passing as unknown.
datamodel-code-generator's formatter is off; black runs over every file later.
"""

from __future__ import annotations

import json
import re

import datamodel_code_generator as dcg
from datamodel_code_generator import InputFileType, LiteralType, PythonVersion
from datamodel_code_generator.enums import DataModelType

from generator.errors import StageError
from generator.load import section
from generator.pycode import visible
from generator.refs import pointer_path
from generator.validate import HTTP_METHODS

# datamodel-code-generator accepts only an absolute import path for the base class; it is
# printed under this placeholder and rewritten to the package-relative import afterwards.
_PLACEHOLDER_IMPORT = "from _generator_placeholder._models import BaseModel"
_RELATIVE_IMPORT = "from ._models import BaseModel"
_SCHEMA_REF = "#/components/schemas/"


def unknown_variant_name(union: str) -> str:
    return f"Unknown{union}"


_PROSE_KEYS = ("description", "title")


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


def generate_models(spec: dict[str, object], header: str) -> str:
    every = section(_visible_prose(section(spec, "components", "schemas")))
    request_only = request_only_schema_names(spec)
    # What a kept schema refers to is kept too, request-only or not: an unused schema may
    # point at one.
    kept = {name for name in every if name not in request_only}
    kept |= _reachable(spec, [every[name] for name in kept])
    schemas = {name: schema for name, schema in every.items() if name in kept}
    if not schemas:  # datamodel-code-generator refuses an input without models
        return f"{header}\n# The spec defines no schemas.\n"
    for name, schema in list(schemas.items()):
        discriminator = section(schema, "discriminator").get("propertyName")
        variants = section(schema).get("oneOf")
        if isinstance(discriminator, str) and isinstance(variants, list):
            fallback = unknown_variant_name(name)
            known = "|".join(re.escape(tag) for tag in _tags(schemas, variants, discriminator))
            schemas[fallback] = {
                "type": "object",
                "description": f"A `{name}` of a kind this client does not know yet, from a newer "
                "API. Its fields are kept as extra attributes.",
                "required": [discriminator],
                "properties": {discriminator: {"type": "string", "pattern": f"^(?!(?:{known})$)"}},
            }
            union = {key: value for key, value in section(schema).items() if key != "discriminator"}
            union["oneOf"] = [*variants, {"$ref": _SCHEMA_REF + fallback}]
            schemas[name] = union
    source = _generate(
        spec,
        schemas,
        header,
        "types.py",
        output_model_type=DataModelType.PydanticV2BaseModel,
        base_class="_generator_placeholder._models.BaseModel",
    )
    return source.replace(_PLACEHOLDER_IMPORT, _RELATIVE_IMPORT)


def _tags(schemas: dict[str, object], variants: list[object], discriminator: str) -> list[str]:
    """The discriminator values the union's variants declare (`const` or `enum`)."""
    tags: list[str] = []
    for variant in variants:
        target = pointer_path(str(section(variant).get("$ref", "")))
        schema = section(schemas.get(str(target[-1]))) if target else section(variant)
        tag = section(schema, "properties", discriminator)
        values = [tag["const"]] if "const" in tag else tag.get("enum", [])
        if isinstance(values, list):
            tags += [str(value) for value in values]
    return tags


def generate_params(spec: dict[str, object], header: str) -> str | None:
    """TypedDicts for every schema a request body reaches; None when no operation has a body."""
    schemas = section(_visible_prose(section(spec, "components", "schemas")))
    names = request_schema_names(spec)
    if not names:
        return None
    chosen = {name: schemas[name] for name in schemas if name in names}
    return _generate(
        spec, chosen, header, "params.py", output_model_type=DataModelType.TypingTypedDict
    )


def request_schema_names(spec: dict[str, object]) -> set[str]:
    """Named schemas reachable from any request body, through `$ref`s at any depth."""
    return _reachable(spec, [body for _, body in _operation_parts(spec) if body is not None])


def request_only_schema_names(spec: dict[str, object]) -> set[str]:
    """Schemas only request bodies use: they get TypedDicts, not response models."""
    rest = [part for operation, _ in _operation_parts(spec) for part in operation]
    rest += [section(item).get("parameters") for item in section(spec, "paths").values()]
    return request_schema_names(spec) - _reachable(spec, rest)


def _operation_parts(spec: dict[str, object]) -> list[tuple[list[object], object | None]]:
    """Each operation as (its parts other than the request body, its request body)."""
    found = []
    for item in section(spec, "paths").values():
        for method in HTTP_METHODS:
            operation = section(item, method)
            if operation:
                rest = [value for key, value in operation.items() if key != "requestBody"]
                found.append((rest, operation.get("requestBody")))
    return found


def _reachable(spec: dict[str, object], roots: list[object]) -> set[str]:
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
                target = pointer_path(ref)
                if target and len(target) == 3 and target[:2] == ("components", "schemas"):
                    names.add(str(target[2]))
                resolved: object = spec
                for part in target or ():
                    resolved = section(resolved).get(str(part))
                pending.append(resolved)
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return names


def _generate(
    spec: dict[str, object],
    schemas: dict[str, object],
    header: str,
    target: str,
    *,
    output_model_type: DataModelType,
    base_class: str | None = None,
) -> str:
    document = {
        "openapi": spec["openapi"],
        "info": {"title": "models", "version": "0"},
        "paths": {},
        "components": {"schemas": schemas},
    }
    options: dict[str, object] = {"base_class": base_class} if base_class else {}
    try:
        source = dcg.generate(
            json.dumps(document),
            input_file_type=InputFileType.OpenAPI,
            output_model_type=output_model_type,
            target_python_version=PythonVersion.PY_311,
            custom_file_header=header,
            disable_timestamp=True,
            use_annotated=True,
            use_union_operator=True,
            use_standard_collections=True,
            use_schema_description=True,
            use_field_description=True,
            use_type_alias=True,
            enum_field_as_literal=LiteralType.All,
            use_double_quotes=True,
            formatters=[],
            strict_refs=True,  # a dangling $ref is our bug: fail, never fall back to Any
            **options,  # type: ignore[arg-type]
        )
    except Exception as exc:  # the library raises many types; each is a stage failure here
        raise StageError(
            "datamodel-code-generator", target, f"{type(exc).__name__}: {exc}"
        ) from exc
    if not isinstance(source, str):
        raise StageError("datamodel-code-generator", target, "expected one module")
    return source
