"""Read YAML into plain JSON data, remembering where each node was written.

PyYAML's composer keeps a mark (line, column) on every node; we build the data from those nodes
ourselves so that each value's JSON-pointer path maps to the place it came from. Plain scalars
are resolved by the YAML 1.2 core schema, which OpenAPI recommends, not YAML 1.1's (PyYAML's):
`1e-05` is a number, `yes`, `on`, `2024-01-01`, `1:30` and `0755` keep the meaning JSON would
give them (strings, and the decimal 755). `.inf` and `.nan` stay strings, as JSON has no such
numbers. Explicit tags beyond the core ones (`!!binary`, `!!timestamp`, custom tags) are refused
where written: each asks for a value JSON cannot hold, and dropping the tag would hide that.
"""

from __future__ import annotations

import functools
import math
import re
from typing import TYPE_CHECKING, Any, cast

import yaml

from generator import limits
from generator.errors import Location, SpecError
from generator.limits import Budget, LimitError

if TYPE_CHECKING:
    from generator.load import JSONPath

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


def parse_yaml(text: str, name: str, budget: Budget) -> tuple[object, dict[JSONPath, Location]]:
    """The data of the YAML document `text` and the position of each of its values."""
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
    return data, builder.positions


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
            if depth > limits.MAX_DEPTH:
                raise SpecError.at(
                    _location(name, event.start_mark) if event.start_mark else Location(name),
                    f"values nest more than {limits.MAX_DEPTH} levels deep; refused to keep parsing bounded",
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
        if self._spent + self.expanded > limits.MAX_VALUES:
            problem = (
                f"the spec's files hold more than {limits.MAX_VALUES:,} values in all, YAML aliases "
                "expanded; refused"
                if self._spent
                else f"the document expands to more than {limits.MAX_VALUES:,} values through YAML "
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
