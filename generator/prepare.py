"""Rewrite a validated spec into the one spelling of each thing that the build reads.

Published specs say the same thing in several ways, and some of them the build, or
datamodel-code-generator after it, would read wrong:

- Schema names such as `BashTool_20250124`, `Foo-Bar` or `class`: datamodel-code-generator
  renames such a class by its own rules, and the modules that import it under the spec's name
  fail. Each schema gets a class name it keeps as it is (ASCII letters and digits, a capital
  first), and every `$ref` and discriminator mapping follows. A name that was no identifier,
  a keyword, a name the package uses, or one that two schemas come to share gets a warning.
- Inline schemas that need a class: a success response body that is an object or a union
  becomes `components/schemas/<OperationId>Response` (an array's inline items,
  `<OperationId>ResponseItem`), and a request body that is a union `<OperationId>Body`.
- `nullable: true` in a 3.1 document, where it means nothing: read as 3.0 meant it, a union
  with null (145 uses in Anthropic's published spec would otherwise be dropped).
- `allOf` of one `$ref` and annotations (`nullable`, `description`): the `$ref` itself, with
  the annotations beside it.
- `allOf` of a `$ref` and properties that redeclare some of the referenced schema's, or
  require what it leaves optional (OpenAI's `ComputerToolCallOutputResource` narrows
  `status`, its `Response` requires `model`): one object of both members' properties.
  datamodel-code-generator would write a subclass whose field overrides its base's with
  another type or without its default, which mypy or pyright refuses.

Positions follow every schema moved, so a later error points at the line that was written.
"""

from __future__ import annotations

import dataclasses
import keyword
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from generator.errors import Diagnostic, Location
from generator.load import Document, JSONPath, section
from generator.openapi import operations
from generator.refs import SCHEMAS, pointer_path

_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Za-z]+")
_STABLE_NAME = re.compile(r"[A-Z][0-9A-Za-z]*\Z")
_SCHEMA_POINTER = "#/components/schemas/"
#: Keys whose values are data, not schemas: copied as written, never rewritten.
_DATA_KEYS = frozenset({"example", "examples", "default", "const", "enum"})
#: What an `allOf` member may hold and still be only an annotation of its sibling `$ref`.
_ANNOTATIONS = frozenset(
    {"nullable", "description", "title", "default", "readOnly", "writeOnly", "deprecated"}
)
_SUCCESS = re.compile(r"2(\d\d|XX)\Z")


@dataclass(frozen=True)
class Prepared:
    """The rewritten spec, and what the rewriting warns of."""

    document: Document
    warnings: tuple[Diagnostic, ...]
    renamed: dict[str, str]
    """Each schema whose name changed: spec name -> class name."""


def prepare(document: Document, reserved: Collection[str]) -> Prepared:
    """`document` rewritten as the module docstring says; `reserved` are the names a schema
    may not take (the package's own classes and the names its modules import)."""
    warnings: list[Diagnostic] = []
    renamed = _class_names(document, reserved, warnings)
    taken = {*renamed.values(), *section(document.data, *SCHEMAS), *reserved}
    hoisted = dict(_inline_schemas(document, taken))
    rewriter = _Rewriter(renamed, str(section(document.data).get("openapi", "")).startswith("3.1"))
    data = rewriter.copy(document.data)
    assert isinstance(data, dict)  # validation refuses a document that is no mapping
    schemas = {renamed.get(name, name): schema for name, schema in section(data, *SCHEMAS).items()}
    for path, name in hoisted.items():
        schemas[name] = rewriter.copy(_at(document.data, path))
        _set(data, path, {"$ref": _SCHEMA_POINTER + name})
    for name, schema in schemas.items():
        if isinstance(schema, dict):
            schemas[name] = _flattened_overrides(schema, schemas)
    if schemas:
        components = data.setdefault("components", {})
        assert isinstance(components, dict)
        components["schemas"] = schemas
    positions = _moved_positions(document, renamed, hoisted)
    rewritten = dataclasses.replace(document, data=data, positions=positions)
    return Prepared(rewritten, tuple(warnings), renamed)


def class_name(name: str) -> str:
    """The class name for a schema name: `BashTool_20250124` -> `BashTool20250124`,
    `foo-bar` -> `FooBar`, `2fa` -> `Schema2fa`; what datamodel-code-generator keeps as is."""
    parts = [part for part in _NOT_ALPHANUMERIC.split(name.replace("_", " ")) if part]
    joined = "".join(part[:1].upper() + part[1:] for part in parts) or "Schema"
    return f"Schema{joined}" if joined[0].isdigit() else joined


def _class_names(
    document: Document, reserved: Collection[str], warnings: list[Diagnostic]
) -> dict[str, str]:
    """Spec name -> class name for each schema whose name must change. Names already stable
    are claimed first, so a schema never loses its name to one renamed onto it; the rest are
    named in document order, a number telling apart two that come out the same."""
    names = list(section(document.data, *SCHEMAS))
    taken = {name for name in names if _STABLE_NAME.match(name) and name not in reserved}
    renamed: dict[str, str] = {}
    for name in names:
        if name in taken:
            continue
        plain = class_name(name)
        candidate = f"{plain}Model" if plain in reserved else plain
        number = 2
        while candidate in taken:
            candidate, number = f"{plain}{number}", number + 1
        taken.add(candidate)
        renamed[name] = candidate
        if candidate != plain or not name.isidentifier() or keyword.iskeyword(name):
            warnings.append(
                Diagnostic(
                    document.locate((*SCHEMAS, name)),
                    f"schema name {name!r} is the class {candidate!r}"
                    f"{_why(name, plain, candidate, reserved)}",
                    "warning",
                )
            )
    return renamed


def _why(name: str, plain: str, candidate: str, reserved: Collection[str]) -> str:
    if plain in reserved:
        return f": the generated package uses {plain!r}"
    if candidate != plain:
        return f": {plain!r} is another schema's"
    return ": a class name must be an identifier"


def _inline_schemas(document: Document, taken: set[str]) -> Iterator[tuple[JSONPath, str]]:
    """(where, class name) of each inline body schema that needs a class of its own."""
    for operation in operations(document):
        stem = class_name(operation.operation_id)
        for status, response in section(operation.raw, "responses").items():
            if not _SUCCESS.match(str(status)):
                continue
            for media_type, content in section(response, "content").items():
                where = (*operation.where, "responses", status, "content", media_type, "schema")
                yield from _hoist(section(content).get("schema"), where, f"{stem}Response", taken)
        body = section(operation.raw, "requestBody")
        for media_type, content in section(body, "content").items():
            schema = section(content).get("schema")
            where = (*operation.where, "requestBody", "content", media_type, "schema")
            if isinstance(schema, dict) and ("oneOf" in schema or "anyOf" in schema):
                yield where, _unique(f"{stem}Body", taken)
            elif isinstance(schema, dict) and schema.get("type") == "array":
                if _needs_class(schema.get("items")):
                    yield (*where, "items"), _unique(f"{stem}BodyItem", taken)


def _hoist(
    schema: object, where: JSONPath, name: str, taken: set[str]
) -> Iterator[tuple[JSONPath, str]]:
    """`schema` under `name` when it needs a class, or its items when it is an array."""
    if _needs_class(schema):
        yield where, _unique(name, taken)
    elif isinstance(schema, dict) and schema.get("type") == "array":
        if _needs_class(schema.get("items")):
            yield (*where, "items"), _unique(f"{name}Item", taken)


def _needs_class(schema: object) -> bool:
    """Whether an inline schema is one the package must name: an object, or a composition."""
    if not isinstance(schema, dict) or "$ref" in schema:
        return False
    if any(key in schema for key in ("properties", "allOf", "oneOf", "anyOf")):
        return True
    return schema.get("type") == "object" and isinstance(schema.get("additionalProperties"), dict)


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}{number}", number + 1
    taken.add(candidate)
    return candidate


class _Rewriter:
    """Copies the document's data, each schema in the build's spelling (module docstring)."""

    def __init__(self, renamed: dict[str, str], is_31: bool) -> None:
        self.renamed = renamed
        self.is_31 = is_31

    def copy(self, node: object) -> object:
        if isinstance(node, list):
            return [self.copy(item) for item in node]
        if not isinstance(node, dict):
            return node
        copied: dict[str, object] = {}
        for key, value in node.items():
            if key in _DATA_KEYS or (isinstance(key, str) and key.startswith("x-")):
                copied[key] = value
            elif key == "$ref" and isinstance(value, str):
                copied[key] = self.ref(value)
            elif key == "mapping" and isinstance(value, dict):
                copied[key] = {tag: self.ref(target, bare=True) for tag, target in value.items()}
            else:
                copied[key] = self.copy(value)
        copied = _unwrapped_all_of(copied)
        # A member of annotations alone (`allOf: [$ref, {nullable: true}]`) waits for its
        # parent's `allOf` to be unwrapped, which then carries the `nullable`.
        if self.is_31 and copied.get("nullable") is True and not set(copied) <= _ANNOTATIONS:
            copied = _nullable_31(copied)
        return copied

    def ref(self, ref: object, bare: bool = False) -> object:
        """`ref` pointing at the renamed schema; a mapping may name a schema bare (`Dog`)."""
        if not isinstance(ref, str):
            return ref
        if bare and ref in self.renamed:
            return self.renamed[ref]
        path = pointer_path(ref)
        if path is None or len(path) < 3 or path[:2] != SCHEMAS or path[2] not in self.renamed:
            return ref
        rest = ref[len(_SCHEMA_POINTER) :].partition("/")[2]
        return _SCHEMA_POINTER + self.renamed[str(path[2])] + (f"/{rest}" if rest else "")


def _unwrapped_all_of(schema: dict[str, object]) -> dict[str, object]:
    """`allOf: [{$ref}, {nullable: true}]` -> `{$ref, nullable: true}`."""
    members = schema.get("allOf")
    if not isinstance(members, list) or "$ref" in schema:
        return schema
    refs = [m for m in members if isinstance(m, dict) and "$ref" in m]
    notes = [m for m in members if isinstance(m, dict) and m and set(m) <= _ANNOTATIONS]
    if len(refs) != 1 or len(refs) + len(notes) != len(members) or len(refs[0]) != 1:
        return schema
    merged: dict[str, object] = {k: v for k, v in schema.items() if k != "allOf"}
    for note in notes:
        merged.update(note)
    merged["$ref"] = refs[0]["$ref"]
    return merged


def _flattened_overrides(
    schema: dict[str, object], schemas: dict[str, object]
) -> dict[str, object]:
    """`allOf: [{$ref: Base}, {properties}]` as one object when the second redeclares a
    property of Base's or requires one Base leaves optional; else `schema` as it is."""
    members = schema.get("allOf")
    if not isinstance(members, list) or not all(isinstance(m, dict) for m in members):
        return schema
    inherited: dict[str, object] = {}
    own: dict[str, object] = {}
    required: dict[str, bool] = {}  # each required property: whether a `$ref` requires it
    for member in members:
        by_ref = "$ref" in member
        (inherited if by_ref else own).update(_properties(member, schemas, 0))
        for key in _required(member, schemas, 0):
            if isinstance(key, str):
                required[key] = required.get(key, False) or by_ref
    tightened = any(key in inherited and not by_ref for key, by_ref in required.items())
    if not (set(own) & set(inherited)) and not tightened:
        return schema
    flat: dict[str, object] = {k: v for k, v in schema.items() if k != "allOf"}
    flat.update({"type": "object", "properties": {**inherited, **own}})
    if required:
        flat["required"] = list(required)
    return flat


#: How deep `$ref` and `allOf` chains are followed to find a schema's properties.
_MAX_DEPTH = 32


def _properties(schema: object, schemas: dict[str, object], depth: int) -> dict[str, object]:
    """The properties of `schema`, its `$ref`'s and its `allOf` members' together."""
    schema = _followed(schema, schemas)
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return {}
    found: dict[str, object] = {}
    for member in schema.get("allOf", []) if isinstance(schema.get("allOf"), list) else []:
        found.update(_properties(member, schemas, depth + 1))
    properties = schema.get("properties")
    if isinstance(properties, dict):
        found.update(properties)
    return found


def _required(schema: object, schemas: dict[str, object], depth: int) -> list[object]:
    """The required properties of `schema`, gathered as `_properties` gathers them."""
    schema = _followed(schema, schemas)
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return []
    found: list[object] = []
    for member in schema.get("allOf", []) if isinstance(schema.get("allOf"), list) else []:
        found += _required(member, schemas, depth + 1)
    required = schema.get("required")
    return found + (list(required) if isinstance(required, list) else [])


def _followed(schema: object, schemas: dict[str, object]) -> object:
    """The components schema `schema` refers to, or `schema` itself."""
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        ref = schema["$ref"]
        if ref.startswith(_SCHEMA_POINTER):
            return schemas.get(ref[len(_SCHEMA_POINTER) :], schema)
    return schema


def _nullable_31(schema: dict[str, object]) -> dict[str, object]:
    """3.0's `nullable: true` as 3.1 says it: `null` among the types, or a union with null."""
    rest = {key: value for key, value in schema.items() if key != "nullable"}
    kind = rest.get("type")
    if isinstance(kind, str | list) and "$ref" not in rest:
        kinds = [kind] if isinstance(kind, str) else list(kind)
        rest["type"] = kinds if "null" in kinds else [*kinds, "null"]
        enum = rest.get("enum")
        if isinstance(enum, list) and None not in enum:
            rest["enum"] = [*enum, None]
        return rest
    annotations = {key: rest.pop(key) for key in list(rest) if key in _ANNOTATIONS}
    return {**annotations, "anyOf": [rest, {"type": "null"}]}


def _at(data: object, path: JSONPath) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


def _set(data: object, path: JSONPath, value: object) -> None:
    _at(data, path[:-1])[path[-1]] = value  # type: ignore[index]


def _moved_positions(
    document: Document, renamed: dict[str, str], hoisted: dict[JSONPath, str]
) -> dict[JSONPath, Location]:
    """Each position under its path in the rewritten data: a renamed schema's under its new
    name, a hoisted schema's both where it was (now its `$ref`) and under components."""
    positions: dict[JSONPath, Location] = {}
    for path, location in document.positions.items():
        if len(path) >= 3 and path[:2] == SCHEMAS and path[2] in renamed:
            path = (*SCHEMAS, renamed[str(path[2])], *path[3:])
        positions[path] = location
        if path and path[0] == "paths" and "schema" in path:
            end = path.index("schema") + 1
            for cut in (end, end + 1):
                name = hoisted.get(path[:cut])
                if name is not None:
                    positions[(*SCHEMAS, name, *path[cut:])] = location
    return positions
