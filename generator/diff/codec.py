"""A surface as text and back: the `_surface.json` that `generate` writes into the package.

`check` and `generate --bump` have the old surface only as generated files; this file is what
they compare the new spec's surface with. It is deterministic (same surface, same bytes) and
diff-friendly: one JSON key per line, methods in tree order, models sorted, each type written
as its annotation with the module of every model spelled out (`list[types.MessageBatch]`),
which `ast` reads back. Non-ASCII is escaped, so no spec text can hide in it.
"""

from __future__ import annotations

import ast
import json
from typing import Any, cast

from generator.diff.surface import (
    Argument,
    ClientSurface,
    Credential,
    ErrorSurface,
    Field,
    MethodSurface,
    ModelSurface,
    Side,
    Surface,
)
from generator.pytypes import (
    NONE,
    Builtin,
    DictOf,
    Generic,
    ListOf,
    LiteralOf,
    MappingOf,
    Named,
    PyType,
    SequenceOf,
    UnionOf,
    union,
)

FILE_NAME = "_surface.json"
FORMAT = 1
ABOUT = (
    "The Python surface of this package, written by the generator so that `check` and "
    "`generate --bump` can tell what a new spec changes for callers. Do not edit."
)


class SurfaceFormatError(ValueError):
    """The text is not a surface this generator can read (hand-edited, or another format)."""


def qualified(kind: PyType) -> str:
    """`kind`'s annotation with each model's module spelled out: `types.MessageBatch`."""
    if isinstance(kind, Named):
        return f"{kind.module.lstrip('.')}.{kind.name}"
    if isinstance(kind, Generic):
        arguments = ", ".join(qualified(a) for a in kind.arguments)
        return f"{qualified(kind.base)}[{arguments}]"
    if isinstance(kind, UnionOf):
        return " | ".join(qualified(m) for m in kind.members)
    if isinstance(kind, SequenceOf):
        return f"Sequence[{qualified(kind.item)}]"
    if isinstance(kind, ListOf):
        return f"list[{qualified(kind.item)}]"
    if isinstance(kind, DictOf):
        return f"dict[str, {qualified(kind.value)}]"
    if isinstance(kind, MappingOf):
        return f"Mapping[str, {qualified(kind.value)}]"
    if isinstance(kind, Builtin):
        return kind.name  # never `builtins.list`: how a module prints it is no change
    return kind.annotation  # LiteralOf prints no module


def parse_type(text: str) -> PyType:
    """The type `qualified` wrote as `text`."""
    try:
        return _node(ast.parse(text, mode="eval").body)
    except (SyntaxError, ValueError, TypeError) as exc:
        raise SurfaceFormatError(f"not a type: {text!r} ({exc})") from None


def _node(node: ast.expr) -> PyType:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return union(_node(node.left), _node(node.right))
    if isinstance(node, ast.Constant) and node.value is None:
        return NONE
    if isinstance(node, ast.Name):
        return Builtin(node.id)
    if isinstance(node, ast.Attribute):
        return _named(node)
    if isinstance(node, ast.Subscript):
        items = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if isinstance(node.value, ast.Attribute):
            return Generic(_named(node.value), tuple(_node(item) for item in items))
        head = node.value.id if isinstance(node.value, ast.Name) else None
        if head == "Literal":
            values = tuple(ast.literal_eval(item) for item in items)
            if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values):
                raise ValueError("a Literal of strings and integers only")
            return LiteralOf(cast(tuple[str | int, ...], values))
        if head in ("Sequence", "list") and len(items) == 1:
            return (SequenceOf if head == "Sequence" else ListOf)(_node(items[0]))
        if head in ("dict", "Mapping") and len(items) == 2:
            return (DictOf if head == "dict" else MappingOf)(_node(items[1]))
    raise ValueError(f"unexpected {ast.unparse(node)}")


def _named(node: ast.Attribute) -> Named:
    """`types.Parent.field` -> Named("Parent.field", ".types")."""
    parts: list[str] = []
    current: ast.expr = node
    while isinstance(current, ast.Attribute):
        parts.insert(0, current.attr)
        current = current.value
    if not isinstance(current, ast.Name):
        raise ValueError(f"unexpected {ast.unparse(node)}")
    return Named(".".join(parts), f".{current.id}")


def dumps(surface: Surface) -> str:
    """The surface as the text of `_surface.json`."""
    client = surface.client
    data = {
        "about": ABOUT,
        "format": FORMAT,
        "package": surface.package,
        "version": surface.version,
        "client": {
            "sync_class": client.sync_class,
            "async_class": client.async_class,
            "base_url": client.base_url,
            "base_url_env": client.base_url_env,
            "log_env": client.log_env,
            "credentials": {
                c.argument: {"env": c.env, "header": c.header, "prefix": c.prefix}
                for c in client.credentials
            },
            "default_headers": dict(client.default_headers),
            "timeout": client.timeout,
            "connect_timeout": client.connect_timeout,
            "max_retries": client.max_retries,
            "doc": client.doc,
        },
        "errors": {
            "base": surface.error_base,
            "classes": {
                e.class_name: {"parent": e.parent, "status": e.status} for e in surface.errors
            },
        },
        "pagination": dict(surface.pagination) or None,
        "events": dict(surface.events) or None,
        "methods": {m.path: _method(m) for m in surface.methods},
        "models": {m.qualified: _model(m) for m in surface.models},
        "fallbacks": list(surface.fallbacks),
    }
    return _json(data, "") + "\n"


def _json(value: object, indent: str) -> str:
    """JSON with one key per line, except that an object of plain values (an argument, a
    field, an error class) sits on one line: a change to it is a one-line diff."""
    if isinstance(value, dict) and value and not all(_plain(v) for v in value.values()):
        inner = indent + " "
        items = (f"{inner}{json.dumps(key)}: {_json(v, inner)}" for key, v in value.items())
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    return json.dumps(value, ensure_ascii=True)


def _plain(value: object) -> bool:
    if isinstance(value, list):
        return all(_plain(item) for item in value)
    return value is None or isinstance(value, str | int | float | bool)


def _method(method: MethodSurface) -> dict[str, object]:
    return {
        "route": method.route,
        "retried": method.retried,
        "deprecated": method.deprecated,
        "doc": method.doc,
        "response": method.response,
        "returns": qualified(method.returns),
        "streams": qualified(method.streams) if method.streams is not None else None,
        "arguments": {
            a.name: {
                "wire_name": a.wire_name,
                "in": a.location,
                "position": a.position,
                "required": a.required,
                "type": qualified(a.type),
                "doc": a.doc,
            }
            for a in method.arguments
        },
    }


def _model(model: ModelSurface) -> dict[str, object]:
    shape: dict[str, object] = {"sides": list(model.sides), "doc": model.doc}
    if model.fields is None:
        shape["alias"] = qualified(model.alias) if model.alias is not None else None
    else:
        shape["fields"] = {
            f.name: {"type": qualified(f.type), "required": f.required, "doc": f.doc}
            for f in model.fields
        }
    return shape


def loads(text: str) -> Surface:
    """The surface `dumps` wrote as `text`; `SurfaceFormatError` for anything else."""
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise SurfaceFormatError(f"format {data.get('format')!r}, not {FORMAT}")
        return _surface(data)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        if isinstance(exc, SurfaceFormatError):
            raise
        raise SurfaceFormatError(f"{type(exc).__name__}: {exc}") from None


def _surface(data: Any) -> Surface:
    client = data["client"]
    errors = data["errors"]
    return Surface(
        package=str(data["package"]),
        version=str(data["version"]),
        client=ClientSurface(
            sync_class=client["sync_class"],
            async_class=client["async_class"],
            base_url=client["base_url"],
            base_url_env=client["base_url_env"],
            log_env=client["log_env"],
            credentials=tuple(
                Credential(argument, c["env"], c["header"], c["prefix"])
                for argument, c in client["credentials"].items()
            ),
            default_headers=tuple(client["default_headers"].items()),
            timeout=float(client["timeout"]),
            connect_timeout=float(client["connect_timeout"]),
            max_retries=int(client["max_retries"]),
            doc=client["doc"],
        ),
        error_base=errors["base"],
        errors=tuple(
            ErrorSurface(name, e["parent"], e["status"]) for name, e in errors["classes"].items()
        ),
        pagination=tuple((data["pagination"] or {}).items()),
        events=tuple((data.get("events") or {}).items()),
        methods=tuple(
            MethodSurface(
                path=path,
                arguments=tuple(
                    Argument(
                        name,
                        a["wire_name"],
                        a["in"],
                        a["position"],
                        bool(a["required"]),
                        parse_type(a["type"]),
                        a["doc"],
                    )
                    for name, a in m["arguments"].items()
                ),
                returns=parse_type(m["returns"]),
                streams=parse_type(m["streams"]) if m.get("streams") is not None else None,
                response=m["response"],
                route=m["route"],
                retried=bool(m["retried"]),
                deprecated=bool(m["deprecated"]),
                doc=m["doc"],
            )
            for path, m in data["methods"].items()
        ),
        models=tuple(_read_model(name, m) for name, m in data["models"].items()),
        fallbacks=tuple(data["fallbacks"]),
    )


def _read_model(qualified_name: str, data: Any) -> ModelSurface:
    module, _, name = qualified_name.partition(".")
    sides = tuple(cast(Side, side) for side in data["sides"] if side in ("request", "response"))
    if "fields" in data:
        fields = tuple(
            Field(key, parse_type(f["type"]), bool(f["required"]), f["doc"])
            for key, f in data["fields"].items()
        )
        return ModelSurface(module, name, fields, None, sides, data["doc"])
    alias = parse_type(data["alias"]) if data.get("alias") is not None else None
    return ModelSurface(module, name, None, alias, sides, data["doc"])
