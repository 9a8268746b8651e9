"""Read a spec file into plain JSON data, remembering where each node was written.

PyYAML's composer keeps a mark (line, column) on every node; we build the data from those nodes
ourselves so that each value's JSON-pointer path maps to the place it came from. Later stages
report errors by path, and `Document.locate` turns the path back into a `Location`.

The data is JSON-typed whatever the file says (str, int, float, bool, None, list, dict), since
an OpenAPI document is JSON data and later stages (the validator, datamodel-code-generator)
serialise it as JSON. A JSON file is read as JSON (`load_json`). YAML plain scalars are resolved
by the YAML 1.2 core schema, which OpenAPI recommends, not YAML 1.1's (PyYAML's): `1e-05` is a
number, `yes`, `on`, `2024-01-01`, `1:30` and `0755` keep the meaning JSON would give them
(strings, and the decimal 755). `.inf` and `.nan` stay strings, as JSON has no such numbers.
Explicit tags beyond the core ones (`!!binary`, `!!timestamp`, custom tags) are refused where
written: each asks for a value JSON cannot hold, and dropping the tag would hide that.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from generator.errors import Location, SpecError
from generator.load_json import parse_json

JSONPath = tuple[str | int, ...]

#: Larger specs than this are refused before parsing, to keep time and memory bounded.
MAX_SPEC_BYTES = 32 * 1024 * 1024
#: Deeper nesting than this is refused before composing (PyYAML composes recursively).
MAX_DEPTH = 200
#: Values the document may expand to once aliases are followed ("billion laughs" guard);
#: a 3 MB real-world spec has about 300,000.
MAX_VALUES = 5_000_000

# libyaml's parser when PyYAML was built with it (the wheels are): about 10x faster on a
# large spec, with the same nodes and marks as the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + kind for kind in ("str", "int", "float", "bool", "null"))
_MAP, _SEQ, _MERGE = _TAG + "map", _TAG + "seq", _TAG + "merge"

#: The YAML 1.2 core schema's plain scalars (yaml.org/spec/1.2.2, 10.3.2), less `.inf` and
#: `.nan`, by the first characters they can start with.
_CORE_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")
_CORE_BOOL = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_CORE_INT = re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_NUMBER_STARTS = frozenset("-+.0123456789")
_WORD_STARTS = frozenset("~nNtTfF")
#: The tag the loader gives a plain scalar without one: resolved by `_plain`, not by PyYAML's
#: YAML 1.1 resolvers. No tag written in a file can be this (it is not a URI).
_PLAIN = "?plain"

_BYTE_ORDER_MARKS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


class LimitError(SpecError):
    """A spec over one of the limits that keep loading bounded: stops loading at once, where
    other problems in a file that a `$ref` names are collected first."""


@dataclass(frozen=True)
class SourceFile:
    """A file besides the root that a bundled document holds nodes of (`generator.bundle`)."""

    name: str
    """As errors name it: the root's folder as given, joined with `relative`."""
    relative: str
    """Its path from the root file's folder, `/`-separated: how the spec's digest and the
    cache know it, wherever the spec folder lives."""
    raw: bytes = field(repr=False)


@dataclass(frozen=True)
class Document:
    """A parsed spec: its data, where each value sits, and the bytes' digest.

    A spec written as several files is bundled into one document (`generator.bundle`): then
    `path` and `raw` are the root file's, `includes` the other files, and each position names
    the file its node was written in, so `locate` needs nothing more to report it there.
    """

    path: str
    data: object
    positions: Mapping[JSONPath, Location] = field(repr=False)
    raw: bytes = field(repr=False)
    includes: tuple[SourceFile, ...] = field(default=(), repr=False)
    unresolved: Mapping[JSONPath, str] = field(default_factory=dict, repr=False)
    """Why each `$ref` bundling could not follow was left as written, by the path of that
    `$ref` key; validation reports them with the rest."""

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


@dataclass
class Budget:
    """What the files of one spec have used so far of the limits, which hold for the spec as
    a whole as well as for each file: a spec of many files must not get round them.

    `bytes` counts what was read from every file; `values` what was built from every file
    (YAML aliases expanded) plus what bundling places in the document, which later stages walk
    (`generator.bundle`)."""

    bytes: int = 0
    values: int = 0

    def spend_values(self, count: int, where: Location) -> None:
        """Count `count` more values; past `MAX_VALUES` in all, refused at `where`."""
        self.values += count
        if self.values > MAX_VALUES:
            raise LimitError.at(
                where, f"the spec's files hold more than {MAX_VALUES:,} values in all; refused"
            )


def load_document(
    path: Path, display_name: str | None = None, budget: Budget | None = None
) -> Document:
    """Parse `path` as JSON or YAML; any problem becomes a located `SpecError`.

    Only a regular file is read, and no more of it than the limit allows: a path to a device
    or a pipe (which a `$ref` may name) must not block or fill memory."""
    name = display_name or str(path)
    budget = budget if budget is not None else Budget()
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise SpecError.at(Location(name), "cannot read file: not a regular file")
        with path.open("rb") as handle:
            raw = handle.read(MAX_SPEC_BYTES + 1)
    except OSError as exc:
        raise SpecError.at(Location(name), f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > MAX_SPEC_BYTES:
        size = max(len(raw), _size(path))
        raise LimitError.at(
            Location(name), f"file is {size} bytes; specs over {MAX_SPEC_BYTES} are refused"
        )
    if budget.bytes + len(raw) > MAX_SPEC_BYTES:
        raise LimitError.at(
            Location(name),
            f"the spec's files come to {budget.bytes + len(raw)} bytes with this one; "
            f"specs over {MAX_SPEC_BYTES} in all are refused",
        )
    budget.bytes += len(raw)
    return parse_document(raw, name, budget)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def parse_document(raw: bytes, name: str, budget: Budget | None = None) -> Document:
    """`raw` as JSON when it is JSON (see `_read_as_json`), else as YAML."""
    budget = budget if budget is not None else Budget()
    text = _decode(raw, name)
    if not text.strip(" \t\r\n"):
        raise SpecError.at(Location(name), "the file is empty")
    if _read_as_json(text, name):
        try:
            data, positions = parse_json(text, name, MAX_DEPTH)
        except SpecError:
            if name.lower().endswith(".json"):
                raise
        else:
            budget.spend_values(len(positions), Location(name))
            return Document(name, data, positions, raw)
    return _parse_yaml(text, name, raw, budget)


def _read_as_json(text: str, name: str) -> bool:
    """A `.json` file is JSON; so is text that opens with `{` or `[` and parses as JSON
    (valid JSON means the same in YAML 1.2, and other text falls back to YAML's flow style).
    Anthropic's published spec is JSON in a file named `openapi.yaml`."""
    return name.lower().endswith(".json") or text.lstrip(" \t\r\n")[:1] in ("{", "[")


def _parse_yaml(text: str, name: str, raw: bytes, budget: Budget) -> Document:
    try:
        _check_depth(text, name)
        loader = _core_loader(_Loader)(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise SpecError.at(*_yaml_problem(_worded(text) or exc, name)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, by offset
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise SpecError.at(
            Location(name, line, column),
            f"invalid YAML: character U+{code:04X} is not allowed raw in YAML; "
            "write it as an escape in a double-quoted string",
        ) from None
    except yaml.YAMLError as exc:
        raise SpecError.at(Location(name), f"invalid YAML: {exc}") from None
    if root is None:
        raise SpecError.at(Location(name), "the file is empty")
    builder = _Builder(name, _Loader(""), budget.values)
    data = builder.build(root, ())
    budget.spend_values(builder.expanded, Location(name))
    return Document(name, data, builder.positions, raw)


@functools.cache
def _core_loader(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """`base` leaving plain scalars to `_plain` (the YAML 1.2 core schema) instead of
    resolving them by YAML 1.1's rules; `<<` stays a merge key.

    Made from the loader in use when called, which tests replace with the pure-Python one."""

    def resolve(
        self: yaml.SafeLoader, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]
    ) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return _STR  # quoted, or a block scalar
            return _MERGE if value == "<<" else _PLAIN
        return _SEQ if kind is yaml.SequenceNode else _MAP

    return cast(type[yaml.SafeLoader], type("CoreLoader", (base,), {"resolve": resolve}))


def _check_depth(text: str, name: str) -> None:
    """Refuse deep nesting from the event stream, which libyaml produces without recursion."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise SpecError.at(
                    _location(name, event.start_mark) if event.start_mark else Location(name),
                    f"values nest more than {MAX_DEPTH} levels deep; refused to keep parsing bounded",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _worded(text: str) -> yaml.MarkedYAMLError | None:
    """The same syntax error from PyYAML's pure-Python parser, whose messages name the
    offending character ("found character '\\t'") where libyaml's do not."""
    try:
        yaml.SafeLoader(text).get_single_node()
    except yaml.MarkedYAMLError as exc:
        return exc
    except (yaml.YAMLError, RecursionError):
        pass
    return None


def _yaml_problem(exc: yaml.MarkedYAMLError, name: str) -> tuple[Location, str]:
    """Where and what: at the end of the file, the construct left open (an unclosed quote or
    bracket) says more than the end itself."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark
    if exc.context_mark is not None and (mark is None or "end of stream" in problem):
        mark = exc.context_mark
        problem = f"{context} that is never closed ({problem})" if context else problem
    where = _location(name, mark) if mark else Location(name)
    return where, f"invalid YAML: {problem or context}"


def _decode(raw: bytes, name: str) -> str:
    for mark, encoding in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            raise SpecError.at(
                Location(name),
                f"the file is {encoding} (it starts with a byte-order mark); save it as UTF-8",
            )
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


_NOT_CORE = object()


def _plain(text: str) -> object:
    """A plain scalar as the YAML 1.2 core schema reads it; most are text, which their first
    character tells without a pattern."""
    first = text[:1]
    if first in _NUMBER_STARTS:
        if _CORE_INT.match(text):
            return _core_value(_INT, text)
        if _CORE_FLOAT.match(text):
            return float(text)
    elif not text or first in _WORD_STARTS:
        if _CORE_NULL.match(text):
            return None
        if _CORE_BOOL.match(text):
            return text.lower() == "true"
    return text


def _core_value(tag: str, text: str) -> object:
    """`text` read as the core-schema `tag` gives it, or `_NOT_CORE` when it does not fit:
    an explicit `!!int` on other text, or a tag the core schema does not have. Integers are
    decimal unless `0o` or `0x` says otherwise (YAML 1.1 read `0755` as octal)."""
    if tag == _NULL and text in ("~", "null", "Null", "NULL", ""):
        return None
    if tag == _BOOL and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if tag in (_INT, _FLOAT) and _CORE_INT.match(text):
        base = {"0o": 8, "0x": 16}.get(text[:2], 10)
        if base == 10 and tag == _FLOAT:
            return float(text)
        number = int(text[2:] if base != 10 else text, base)
        return number if tag == _INT else _as_float(number)
    if tag == _FLOAT and _CORE_FLOAT.match(text):
        return float(text)
    return _NOT_CORE


def _as_float(number: int) -> float:
    """`number` as a float, infinite past a double's range (refused by the caller)."""
    try:
        return float(number)
    except OverflowError:
        return math.inf


_TAG_WORDS = {_INT: "an integer", _FLOAT: "a number", _BOOL: "a boolean", _NULL: "null"}


def _shown(text: str, limit: int = 40) -> str:
    """`text` quoted for a message, cut short: a value can be megabytes long."""
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _unsupported_tag(tag: str) -> str:
    shown = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
    return (
        f"the YAML tag {shown} is not supported: an OpenAPI document holds JSON values "
        "(strings, numbers, booleans, null, lists and mappings); quote the value to keep its text"
    )


def _location(name: str, mark: yaml.Mark | Any) -> Location:
    return Location(name, mark.line + 1, mark.column + 1)


class _Builder:
    """Builds plain data from YAML nodes: dicts with string keys, lists, and scalars."""

    def __init__(self, name: str, loader: yaml.SafeLoader, spent: int = 0) -> None:
        self.name = name
        self.loader = loader
        self.positions: dict[JSONPath, Location] = {}
        self._active: set[int] = set()
        # An alias is built once and shared, so building stays linear in the file; the
        # budget counts what the value expands to, which later stages walk in full.
        self._built: dict[int, tuple[object, int]] = {}
        self.expanded = 0
        self._spent = spent  # by the spec's files read before this one

    def build(self, node: yaml.Node, path: JSONPath) -> object:
        self.positions.setdefault(path, _location(self.name, node.start_mark))
        known = self._built.get(id(node))
        if known is not None:
            value, size = known
            self._spend(size, path)
            return value
        before = self.expanded
        value = self._build_new(node, path)
        if not isinstance(node, yaml.ScalarNode):
            self._built[id(node)] = (value, self.expanded - before)
        return value

    def _spend(self, size: int, path: JSONPath) -> None:
        self.expanded += size
        if self._spent + self.expanded > MAX_VALUES:
            problem = (
                f"the spec's files hold more than {MAX_VALUES:,} values in all, YAML aliases "
                "expanded; refused"
                if self._spent
                else f"the document expands to more than {MAX_VALUES:,} values through YAML "
                "aliases; refused (an alias bomb?)"
            )
            raise LimitError.at(self.positions[path], problem)

    def _build_new(self, node: yaml.Node, path: JSONPath) -> object:
        self._spend(1, path)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if node.tag not in (_MAP, _SEQ):
            raise SpecError.at(self.positions[path], _unsupported_tag(node.tag))
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

    def _scalar(self, node: yaml.ScalarNode, path: JSONPath) -> object:
        """The JSON value of a scalar: plain ones by the core schema, tagged ones by their
        tag, which must be one the core schema has."""
        value: str = node.value
        tag = node.tag
        if tag == _STR:
            # Only an escape in a double-quoted scalar can make one: the text is UTF-8.
            if node.style == '"' and _has_surrogate(value):
                raise SpecError.at(
                    self.positions[path],
                    "a string holds a lone UTF-16 surrogate (a `\\uD800`-`\\uDFFF` escape); "
                    "write the character itself or a `\\U` escape",
                )
            return value
        try:
            converted = _plain(value) if tag == _PLAIN else _core_value(tag, value)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            raise SpecError.at(self.positions[path], f"a number of {len(value)} digits") from None
        if converted is _NOT_CORE:
            problem = (
                _unsupported_tag(tag)
                if tag not in _TAG_WORDS
                else f"{_shown(value)} is not {_TAG_WORDS[tag]} as YAML 1.2 writes one"
            )
            raise SpecError.at(self.positions[path], problem)
        if isinstance(converted, float) and not math.isfinite(converted):
            raise SpecError.at(
                self.positions[path], f"the number {_shown(value)} is out of range of a double"
            )
        return converted

    def _mapping(self, node: yaml.MappingNode, path: JSONPath) -> dict[str, object]:
        own = sum(1 for key, _ in node.value if key.tag != "tag:yaml.org,2002:merge")
        self.loader.flatten_mapping(node)  # resolves `<<` merge keys in place, merged pairs first
        merged = len(node.value) - own
        result: dict[str, object] = {}
        written: set[str] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            if not isinstance(key_node, yaml.ScalarNode):
                where = _location(self.name, key_node.start_mark)
                raise SpecError.at(where, "a mapping key must be a plain value")
            # The key as written: YAML reads `200:` as an integer and `on:` as a boolean; OpenAPI
            # means the strings "200" and "on".
            key = str(key_node.value)
            if index >= merged:
                if key in written:
                    where = _location(self.name, key_node.start_mark)
                    raise SpecError.at(where, f"duplicate key {key!r}")
                written.add(key)
            # A key's path points at the key itself: "unknown key" errors land on its line.
            self.positions[(*path, key)] = _location(self.name, key_node.start_mark)
            # A later pair replaces an earlier one: keys written here replace merged ones, and
            # PyYAML lists merged mappings last to first, so the earliest one written wins.
            result[key] = self.build(value_node, (*path, key))
        return result
