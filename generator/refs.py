"""Local `$ref` resolution with the location of every hop kept for error messages."""

from __future__ import annotations

from generator.errors import SpecError
from generator.load import Document, JSONPath


def pointer_path(ref: str) -> JSONPath | None:
    """The path a local reference (`#/a/b`) names, or None for any other reference."""
    if not ref.startswith("#/"):
        return None
    return tuple(part.replace("~1", "/").replace("~0", "~") for part in ref[2:].split("/"))


def lookup(data: object, path: JSONPath) -> object | None:
    node = data
    for part in path:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, list) and (
            isinstance(part, int) or (isinstance(part, str) and part.isdigit())
        ):
            index = int(part)  # an int from a document path, digits from a JSON pointer
            if not 0 <= index < len(node):
                return None
            node = node[index]
        else:
            return None
    return node


def resolve(document: Document, node: object, where: JSONPath) -> tuple[object, JSONPath]:
    """Follow `$ref` until a node that is not a reference; return it and where it lives."""
    seen: set[JSONPath] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        target = pointer_path(node["$ref"])
        if target is None or target in seen:
            problem = "a `$ref` cycle" if target in seen else "a `$ref` that is not local"
            raise SpecError.at(document.locate((*where, "$ref")), problem)
        seen.add(target)
        resolved = lookup(document.data, target)
        if resolved is None:
            raise SpecError.at(
                document.locate((*where, "$ref")), f"`$ref` to nothing: {node['$ref']}"
            )
        node, where = resolved, _indexed(document.data, target)
    return node, where


def _indexed(data: object, path: JSONPath) -> JSONPath:
    """`path` with each step into a list as an int, as `load` records positions: a pointer
    names list items by their digits (`#/x/anyOf/1`)."""
    steps: list[str | int] = []
    node = data
    for part in path:
        if isinstance(node, list) and isinstance(part, str) and part.isdigit():
            steps.append(int(part))
            node = node[int(part)]
        else:
            steps.append(part)
            node = node.get(part) if isinstance(node, dict) else None
    return tuple(steps)


SCHEMAS = ("components", "schemas")


def schema_name(node: object) -> str | None:
    """The name of the `components/schemas` entry that `node` is a `$ref` to, or None."""
    ref = node.get("$ref") if isinstance(node, dict) else None
    target = pointer_path(ref) if isinstance(ref, str) else None
    if target is None or len(target) != 3 or target[:2] != SCHEMAS:
        return None
    return str(target[2])
