"""Black's output for every printed module, running black only where it may change something.

black is the formatter, and what it prints is the output; but on a large spec it took most
of a run's time confirming modules that were already in its style. So a module reaches
black only when neither of these says what black would print:
- `black_style`: the templates print black's style (imports wrapped as black wraps them,
  empty literals as `{}`, docstrings closed as black closes them), and a module rendered
  from them is trusted unless a cheap scan finds what only spec text can bring and black
  would rewrite: a line over the length, trailing blanks, an escaped quote black would
  swap for single quotes, an empty bracket pair split over two lines, a one-line docstring
  closed on a line of its own. `tests/generator/test_formatting.py` runs black over every
  module so trusted, for every spec the tests have, and finds nothing to change.
- a content-addressed cache of black's output (`cache_dir()/black/`): keyed by the text
  handed to black, black's version, the target versions and the line length, so a module
  unchanged since any earlier run is never formatted again. An entry is trusted only when
  whole: it names its key and the sha256 of its text, and both must match.

datamodel-code-generator's modules always go through black (or its cache). black is
imported only on a cache miss: most incremental runs never load it.
"""

from __future__ import annotations

import re
from importlib import metadata
from typing import TYPE_CHECKING

from generator import store
from generator.errors import StageError
from generator.imports import LINE_LENGTH

if TYPE_CHECKING:
    import black

#: The target versions black is given, by name (black.mode.TargetVersion).
TARGET_VERSIONS = ("PY311",)
_ESCAPED_QUOTE = '\\"'
_OPENING = ("(", "[", "{")
_CLOSING = frozenset(")]}")
#: A line opening a docstring without closing it on the same line.
_DOCSTRING_OPENS = re.compile(r'\s*"""(?!.*""")')


def black_mode() -> black.Mode:
    import black
    from black.mode import TargetVersion

    return black.Mode(
        target_versions={TargetVersion[name] for name in TARGET_VERSIONS},
        line_length=LINE_LENGTH,
    )


def black_style(source: str) -> bool:
    """Whether a module printed by the templates can be trusted to be as black prints it: no
    line holds what spec text can bring into a template and black would rewrite (see above).
    Docstring lines may be long (black leaves them), but the least indented of them must be at
    the docstring's own indent, where black would re-indent them. False only sends the module
    to black."""
    previous = ""
    opened_at: int | None = None  # inside a docstring: the indent it opened at
    least: int | None = None  # the least indent of its lines after the first
    for line in source.split("\n"):
        quotes = line.count('"""')
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if line.endswith((" ", "\t")) or _ESCAPED_QUOTE in line or '""""' in line:
            return False
        if (opened_at is None or quotes) and len(line) > LINE_LENGTH:
            return False
        if stripped in _CLOSING and previous.endswith(_OPENING):
            return False
        if stripped == '"""' and _DOCSTRING_OPENS.match(previous):
            return False
        if opened_at is not None and stripped and stripped != '"""':
            least = indent if least is None else min(least, indent)
        if quotes % 2 and opened_at is None:
            opened_at, least = indent, None
        elif quotes % 2:
            if least is not None and least != opened_at:
                return False
            opened_at = None
        previous = line
    return opened_at is None


def format_module(source: str, target: str, *, trusted: bool = False) -> str:
    """`source` as black prints it, proved to compile. `trusted`: printed by the templates,
    so `black_style` may vouch for it without black."""
    if trusted and black_style(source):
        formatted = source
    else:
        formatted = _black(source, target)
    try:
        compile(formatted, target, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        raise StageError("compile", target, str(exc)) from exc
    return formatted


def _black(source: str, target: str) -> str:
    key = black_key(source)
    cached = store.read("black", key)
    if cached is not None:
        return cached
    import black

    try:
        formatted = black.format_str(source, mode=black_mode())
    except Exception as exc:  # black raises InvalidInput and others for code it cannot parse
        raise StageError("black", target, f"{type(exc).__name__}: {exc}") from exc
    store.write("black", key, formatted)
    return formatted


def black_key(source: str) -> str:
    """What black's output for `source` depends on: the text, black's version, its mode."""
    return store.digest((_black_version(), repr(TARGET_VERSIONS), str(LINE_LENGTH), source))


_VERSION: list[str] = []


def _black_version() -> str:
    """black's version from its metadata, read once: importing black itself costs more."""
    if not _VERSION:
        try:
            _VERSION.append(metadata.version("black"))
        except metadata.PackageNotFoundError:
            _VERSION.append("unknown")
    return _VERSION[0]
