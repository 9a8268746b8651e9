"""Read a JSON spec file as JSON (RFC 8259), with the line and column of every value.

A JSON document read by a YAML 1.1 parser changes meaning (`1e-05` becomes a string, a
surrogate-pair escape is refused), so JSON gets a reader of its own. The standard library's
decoder keeps no positions, so this is a small recursive-descent reader over one token regex,
with the standard library's C string scanner for string literals. It records positions the way
`load`'s YAML builder does: a mapping value's path points at its key, a list item at the item.
"""

from __future__ import annotations

import bisect
import math
import re
from _json import scanstring  # the C string scanner `json` uses
from json.decoder import JSONDecodeError

from generator.errors import Location, SpecError

_Path = tuple[str | int, ...]

#: Whitespace, then the start of the next value. Numbers are matched whole, as JSON writes them.
_VALUE = re.compile(
    r"[ \t\n\r]*(?:"
    r'(?P<string>")|(?P<object>\{)|(?P<array>\[)'
    r"|(?P<number>-?(?:0|[1-9][0-9]*)(?P<fraction>\.[0-9]+)?(?P<exponent>[eE][-+]?[0-9]+)?)"
    r"|(?P<literal>true|false|null))"
)
_SPACE = re.compile(r"[ \t\n\r]*")
_LITERALS: dict[str, object] = {"true": True, "false": False, "null": None}
#: A `\uD800`-`\uDFFF` escape: only then can a decoded string hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


class JsonReader:
    """One JSON text into plain data and a position for every value's path."""

    def __init__(self, text: str, name: str, max_depth: int) -> None:
        self.text = text
        self.name = name
        self.max_depth = max_depth
        self.positions: dict[_Path, Location] = {}
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self._check_surrogates = _SURROGATE_ESCAPE.search(text) is not None

    def read(self) -> object:
        """The document's one value; anything but whitespace after it is refused."""
        value, end = self._value(0, (), 0)
        end = _space_end(self.text, end)
        if end != len(self.text):
            raise self._error(end, "invalid JSON: more data after the document's value")
        return value

    def location(self, index: int) -> Location:
        """The 1-based line and column of the character at `index`."""
        line = bisect.bisect_right(self._line_starts, index)
        return Location(self.name, line, index - self._line_starts[line - 1] + 1)

    def _error(self, index: int, message: str) -> SpecError:
        return SpecError.at(self.location(index), message)

    def _value(self, index: int, path: _Path, depth: int) -> tuple[object, int]:
        """The value starting at or after `index` (past whitespace), and where it ends."""
        match = _VALUE.match(self.text, index)
        if match is None or match.lastgroup is None:
            raise self._unexpected(_space_end(self.text, index), "a value")
        kind = match.lastgroup
        start = match.start(kind)
        self.positions.setdefault(path, self.location(start))
        if kind == "string":
            return self._string(match.end())
        if kind in ("object", "array"):
            if depth + 1 > self.max_depth:
                raise self._error(
                    start,
                    f"values nest more than {self.max_depth} levels deep; "
                    "refused to keep parsing bounded",
                )
            read = self._object if kind == "object" else self._array
            return read(start, path, depth + 1)
        if kind == "literal":
            return _LITERALS[match[kind]], match.end()
        return self._number(match, start), match.end()

    def _number(self, match: re.Match[str], start: int) -> int | float:
        """An integer where JSON writes one, else a float; one past a double's range is
        refused rather than read as infinity, which JSON cannot hold."""
        text = match["number"]
        if match["fraction"] is None and match["exponent"] is None:
            try:
                return int(text)
            except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
                raise self._error(start, f"a number of {len(text)} digits") from None
        number = float(text)
        if math.isinf(number):
            shown = text if len(text) <= 40 else text[:40] + "..."
            raise self._error(start, f"the number {shown} is out of range of a double")
        return number

    def _string(self, index: int) -> tuple[str, int]:
        """The string whose opening quote ends at `index`; control characters are refused
        raw, as JSON requires, and lone surrogate escapes because UTF-8 cannot hold them."""
        try:
            value, end = scanstring(self.text, index, True)
        except JSONDecodeError as exc:
            raise self._error(exc.pos, f"invalid JSON: {self._string_problem(exc)}") from None
        if self._check_surrogates and _has_surrogate(value):
            raise self._error(
                index - 1,
                "a string holds a lone UTF-16 surrogate (a `\\uD800`-`\\uDFFF` escape "
                "without its pair); write the character itself",
            )
        return value, end

    def _string_problem(self, exc: JSONDecodeError) -> str:
        """The standard library's message, worded as ours are."""
        if exc.msg.startswith("Invalid control character"):
            code = ord(self.text[exc.pos])
            return f"character U+{code:04X} is not allowed raw in a string; write it as an escape"
        if exc.msg.startswith("Unterminated string"):
            return "a string that is never closed"
        return exc.msg[:1].lower() + exc.msg[1:]

    def _object(self, start: int, path: _Path, depth: int) -> tuple[dict[str, object], int]:
        """The members of the object opened at `start`; a key written twice is refused at
        its second occurrence, as in YAML."""
        result: dict[str, object] = {}
        index = self._skip(start + 1, start)
        if self.text[index] == "}":
            return result, index + 1
        while True:
            if self.text[index] != '"':
                raise self._unexpected(index, "a string key")
            key_start = index
            key, index = self._string(index + 1)
            if key in result:
                raise self._error(key_start, f"duplicate key {key!r}")
            self.positions[(*path, key)] = self.location(key_start)
            index = self._skip(index, start)
            if self.text[index] != ":":
                raise self._unexpected(index, "`:` after a key")
            result[key], index = self._value(index + 1, (*path, key), depth)
            index = self._skip(index, start)
            if self.text[index] == "}":
                return result, index + 1
            if self.text[index] != ",":
                raise self._unexpected(index, "`,` or `}`")
            index = self._skip(index + 1, start)

    def _array(self, start: int, path: _Path, depth: int) -> tuple[list[object], int]:
        """The items of the array opened at `start`."""
        result: list[object] = []
        index = self._skip(start + 1, start)
        if self.text[index] == "]":
            return result, index + 1
        while True:
            value, index = self._value(index, (*path, len(result)), depth)
            result.append(value)
            index = self._skip(index, start)
            if self.text[index] == "]":
                return result, index + 1
            if self.text[index] != ",":
                raise self._unexpected(index, "`,` or `]`")
            index = self._skip(index + 1, start)

    def _skip(self, index: int, opened: int) -> int:
        """`index` past whitespace; the end of the text there means the container opened at
        `opened` is never closed, which is where an editor should take the user."""
        index = _space_end(self.text, index)
        if index >= len(self.text):
            bracket = self.text[opened]
            raise self._error(opened, f"invalid JSON: `{bracket}` that is never closed")
        return index

    def _unexpected(self, index: int, expected: str) -> SpecError:
        if index >= len(self.text):
            return self._error(index, f"invalid JSON: the file ends where {expected} is expected")
        found = self.text[index]
        shown = repr(found) if found.isprintable() else f"U+{ord(found):04X}"
        return self._error(index, f"invalid JSON: expected {expected}, found {shown}")


def _space_end(text: str, index: int) -> int:
    """The index past any JSON whitespace at `index`."""
    match = _SPACE.match(text, index)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def parse_json(text: str, name: str, max_depth: int) -> tuple[object, dict[_Path, Location]]:
    """`text` as JSON: the data, and the location of every value by its path."""
    reader = JsonReader(text, name, max_depth)
    return reader.read(), reader.positions
