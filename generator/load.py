"""Read a YAML spec file into plain Python data, remembering where each node was written.

PyYAML's composer keeps a mark (line, column) on every node; we build the data from those nodes
ourselves so that each value's JSON-pointer path maps to the place it came from. Later stages
report errors by path, and `Document.locate` turns the path back into a `Location`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.errors import Location, SpecError

JSONPath = tuple[str | int, ...]

#: Larger specs than this are refused before parsing, to keep time and memory bounded.
MAX_SPEC_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """One parsed spec file: its data, where each value sits, and the bytes' digest."""

    path: str
    data: object
    positions: Mapping[JSONPath, Location] = field(repr=False)
    raw: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    def locate(self, path: JSONPath) -> Location:
        """The location of the node at `path`, or of its nearest ancestor that was written."""
        for end in range(len(path), -1, -1):
            location = self.positions.get(path[:end])
            if location is not None:
                return location
        return Location(self.path)


def section(value: object, *keys: str) -> dict[str, object]:
    """The mapping at `keys` below `value`, or an empty one where any step is missing.

    Validation has run before the stages that read optional sections use this.
    """
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, dict) else {}


def load_document(path: Path, display_name: str | None = None) -> Document:
    """Parse `path` as YAML; any problem becomes a located `SpecError`."""
    name = display_name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_SPEC_BYTES:
            raise SpecError.at(
                Location(name), f"file is {size} bytes; specs over {MAX_SPEC_BYTES} are refused"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError.at(Location(name), f"cannot read file: {exc.strerror or exc}") from None
    return parse_document(raw, name)


def parse_document(raw: bytes, name: str) -> Document:
    text = _decode(raw, name)
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _location(name, mark) if mark else Location(name)
        raise SpecError.at(where, f"invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise SpecError.at(Location(name), f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    if root is None:
        raise SpecError.at(Location(name), "the file is empty")
    builder = _Builder(name, loader)
    data = builder.build(root, ())
    return Document(name, data, builder.positions, raw)


def _decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SpecError.at(
            Location(name, line, column), f"not UTF-8 text (byte 0x{raw[exc.start]:02x})"
        ) from None
    nul = text.find("\x00")
    if nul != -1:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise SpecError.at(Location(name, line, column), "binary data (a NUL byte) in a text file")
    return text


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _location(name: str, mark: yaml.Mark) -> Location:
    return Location(name, mark.line + 1, mark.column + 1)


class _Builder:
    """Builds plain data from YAML nodes: dicts with string keys, lists, and scalars."""

    def __init__(self, name: str, loader: yaml.SafeLoader) -> None:
        self.name = name
        self.loader = loader
        self.positions: dict[JSONPath, Location] = {}
        self._active: set[int] = set()

    def build(self, node: yaml.Node, path: JSONPath) -> object:
        self.positions.setdefault(path, _location(self.name, node.start_mark))
        if isinstance(node, yaml.ScalarNode):
            value = self.loader.construct_object(node, deep=True)
            if isinstance(value, str) and _has_surrogate(value):
                raise SpecError.at(
                    self.positions[path],
                    "a string holds a lone UTF-16 surrogate (a `\\uD800`-`\\uDFFF` escape); "
                    "write the character itself or a `\\U` escape",
                )
            return value
        if id(node) in self._active:
            raise SpecError.at(self.positions[path], "a YAML alias refers to itself")
        self._active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            assert isinstance(node, yaml.MappingNode)
            return self._mapping(node, path)
        finally:
            self._active.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: JSONPath) -> dict[str, object]:
        self.loader.flatten_mapping(node)  # resolves `<<` merge keys in place
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                where = _location(self.name, key_node.start_mark)
                raise SpecError.at(where, "a mapping key must be a plain value")
            # YAML reads `200:` as an integer; OpenAPI means the string "200".
            key = str(self.loader.construct_object(key_node))
            if key in result:
                where = _location(self.name, key_node.start_mark)
                raise SpecError.at(where, f"duplicate key {key!r}")
            # A key's path points at the key itself: "unknown key" errors land on its line.
            self.positions[(*path, key)] = _location(self.name, key_node.start_mark)
            result[key] = self.build(value_node, (*path, key))
        return result
