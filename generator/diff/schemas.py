"""The models of a `ModelModule` as the surface describes them: each field's type, whether it
is required, and each alias's type.

Read from the very schemas `build.models` hands to datamodel-code-generator, so a field is
typed as the printed class types it: `list[...]` for arrays, `datetime` for a `date-time`
string, `Literal[...]` for an enum or a `const`, `X | None` for a nullable value. An inline
object gets a model of its own named by where it sits (`MessageBatch.request_counts`), so a
change inside it is reported there. The `Unknown<Union>` fallbacks `build.models` adds are left
out: they are how a union is open, recorded in `Surface.fallbacks`.
"""

from __future__ import annotations

import keyword
import re

from generator.diff.surface import Field, ModelSurface, digest
from generator.model import ModelModule
from generator.pytypes import (
    NONE,
    Builtin,
    DictOf,
    ListOf,
    LiteralOf,
    Named,
    PyType,
    nullable,
    union,
)
from generator.refs import schema_name

ANY = Builtin("Any")
_SCALARS = {"integer": "int", "number": "float", "boolean": "bool", "null": "None"}
#: String formats datamodel-code-generator prints as another class than `str`.
_FORMATS = {
    "date-time": "datetime",
    "date": "date",
    "time": "time",
    "uuid": "UUID",
    "binary": "bytes",
}


def read_models(module: ModelModule) -> list[ModelSurface]:
    """Every model of `module`, inline objects included, each on no side yet."""
    return _Reader(module).read()


def _segment(name: str) -> str:
    """A property name as one part of a dotted model name (which `codec` parses as Python)."""
    segment = re.sub(r"\W", "_", name, flags=re.ASCII) or "_"
    if segment[0].isdigit():
        segment = f"_{segment}"
    return f"{segment}_" if keyword.iskeyword(segment) else segment


class _Reader:
    def __init__(self, module: ModelModule) -> None:
        self.module = module
        self.prefix = f".{module.name}"
        self.models: list[ModelSurface] = []

    def read(self) -> list[ModelSurface]:
        for name, schema in self.module.schemas.items():
            if name in self.module.unknown_variants:
                continue
            schema = schema if isinstance(schema, dict) else {}
            if _is_object(schema):
                self._object(name, schema)
            else:
                self.models.append(
                    ModelSurface(
                        self.module.name,
                        name,
                        None,
                        self.type(name, schema),
                        (),
                        digest(str(schema.get("description", ""))),
                    )
                )
        unique = {model.name: model for model in reversed(self.models)}
        return [model for model in self.models if unique[model.name] is model]

    def _object(self, name: str, schema: dict[str, object]) -> Named:
        """Record the object model `name` and return the type that names it."""
        properties, required = self._merged(schema, set())
        fields = tuple(
            Field(
                key,
                self.type(f"{name}.{_segment(key)}", value),
                key in required,
                digest(str(value.get("description", ""))) if isinstance(value, dict) else "",
            )
            for key, value in properties.items()
        )
        doc = digest(str(schema.get("description", "")))
        self.models.append(ModelSurface(self.module.name, name, fields, None, (), doc))
        return Named(name, self.prefix)

    def _merged(
        self, schema: dict[str, object], seen: set[str]
    ) -> tuple[dict[str, object], set[str]]:
        """The properties and required names of `schema` with those of its `allOf` parts:
        the fields of the class datamodel-code-generator prints, inherited ones included."""
        properties: dict[str, object] = {}
        required: set[str] = set()
        parts = schema.get("allOf")
        for part in parts if isinstance(parts, list) else ():
            name = schema_name(part)
            if name is not None:
                if name in seen:
                    continue
                seen = seen | {name}
                part = self.module.schemas.get(name)
            if isinstance(part, dict):
                more, needed = self._merged(part, seen)
                properties |= more
                required |= needed
        own = schema.get("properties")
        if isinstance(own, dict):
            properties |= own
        listed = schema.get("required")
        if isinstance(listed, list):
            required |= {str(item) for item in listed}
        return properties, required

    def type(self, owner: str, schema: object) -> PyType:
        """The type of values of `schema`; an inline object in it is the model `owner`."""
        if not isinstance(schema, dict):
            return ANY
        name = schema_name(schema)
        if name is not None:
            return Named(name, self.prefix)
        if "$ref" in schema:  # a pointer into a schema: not a class of its own
            return ANY
        if "enum" in schema or "const" in schema:
            return _literal(schema)
        for combinator in ("anyOf", "oneOf"):
            options = schema.get(combinator)
            if isinstance(options, list) and options:
                return union(
                    *(
                        self.type(f"{owner}.variant{index}" if len(options) > 1 else owner, option)
                        for index, option in enumerate(options, 1)
                    )
                )
        kind = schema.get("type")
        parts = schema.get("allOf")
        if isinstance(parts, list) and len(parts) == 1 and "properties" not in schema:
            return self.type(owner, parts[0])
        if isinstance(kind, list) and kind:
            return union(*(self.type(owner, {**schema, "type": each}) for each in kind))
        if schema.get("nullable") is True:  # OpenAPI 3.0
            rest = {key: value for key, value in schema.items() if key != "nullable"}
            return nullable(self.type(owner, rest))
        if kind == "array":
            return ListOf(self.type(owner, schema.get("items", {})))
        if kind == "string":
            return Builtin(_FORMATS.get(str(schema.get("format")), "str"))
        if isinstance(kind, str) and kind in _SCALARS:
            return Builtin(_SCALARS[kind])
        if _is_object(schema):
            properties = schema.get("properties")
            if properties or "allOf" in schema:
                return self._object(owner, schema)
            extra = schema.get("additionalProperties")
            return DictOf(self.type(owner, extra) if isinstance(extra, dict) and extra else ANY)
        return ANY


def _is_object(schema: dict[str, object]) -> bool:
    parts = schema.get("allOf")
    single_ref = isinstance(parts, list) and len(parts) == 1 and "properties" not in schema
    return (
        schema.get("type") == "object"
        or "properties" in schema
        or ("allOf" in schema and not single_ref)
    )


def _literal(schema: dict[str, object]) -> PyType:
    """An enum or `const`: `Literal[...]` of its strings and integers, and what its other
    values are (null, booleans, numbers)."""
    values = schema["enum"] if "enum" in schema else [schema.get("const")]
    if not isinstance(values, list):
        return ANY
    literals = tuple(v for v in values if isinstance(v, str | int) and not isinstance(v, bool))
    others = [
        NONE if v is None else Builtin("bool" if isinstance(v, bool) else type(v).__name__)
        for v in values
        if not (isinstance(v, str | int) and not isinstance(v, bool))
    ]
    return union(*((LiteralOf(literals),) if literals else ()), *others) if values else ANY
