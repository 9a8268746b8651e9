"""Read a spec file into plain JSON data, remembering where each node was written.

Later stages report errors by path, and `Document.locate` turns the path back into a
`Location`. The data is JSON-typed whatever the file says (str, int, float, bool, None, list,
dict), since an OpenAPI document is JSON data and later stages (the validator,
datamodel-code-generator) serialise it as JSON. A JSON file is read as JSON (`load_json`),
anything else as YAML by the YAML 1.2 core schema (`load_yaml`); both within `limits`.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator import limits
from generator.errors import Location, SpecError
from generator.limits import Budget, LimitError
from generator.load_json import parse_json
from generator.load_yaml import parse_yaml

JSONPath = tuple[str | int, ...]

_BYTE_ORDER_MARKS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


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
            raw = handle.read(limits.MAX_SPEC_BYTES + 1)
    except OSError as exc:
        raise SpecError.at(Location(name), f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > limits.MAX_SPEC_BYTES:
        size = max(len(raw), _size(path))
        raise LimitError.at(
            Location(name), f"file is {size} bytes; specs over {limits.MAX_SPEC_BYTES} are refused"
        )
    if budget.bytes + len(raw) > limits.MAX_SPEC_BYTES:
        raise LimitError.at(
            Location(name),
            f"the spec's files come to {budget.bytes + len(raw)} bytes with this one; "
            f"specs over {limits.MAX_SPEC_BYTES} in all are refused",
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
            data, positions = parse_json(text, name, limits.MAX_DEPTH)
        except SpecError:
            if name.lower().endswith(".json"):
                raise
        else:
            budget.spend_values(len(positions), Location(name))
            return Document(name, data, positions, raw)
    data, positions = parse_yaml(text, name, budget)
    return Document(name, data, positions, raw)


def _read_as_json(text: str, name: str) -> bool:
    """A `.json` file is JSON; so is text that opens with `{` or `[` and parses as JSON
    (valid JSON means the same in YAML 1.2, and other text falls back to YAML's flow style).
    Anthropic's published spec is JSON in a file named `openapi.yaml`."""
    return name.lower().endswith(".json") or text.lstrip(" \t\r\n")[:1] in ("{", "[")


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
