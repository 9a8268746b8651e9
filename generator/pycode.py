"""The one way text from a spec becomes Python source (and TOML, for pyproject.toml).

Descriptions, enum values, paths, header names and defaults are all written by someone else; a
quote, backslash, `\\x00`, a bidi control or a line break in them must not end a string early or
hide code. Names are checked to be identifiers instead (see `sdk_config.is_identifier`); every
other spec string reaches the generated code only through `python_string`.
"""

from __future__ import annotations

import ast
import re
import tomllib

# Characters that are printable but change how the source *reads*: bidi controls (CVE-2021-42574,
# "trojan source"), zero-width characters and the Unicode line and paragraph separators.
_DECEPTIVE = re.compile("[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _escape_char(char: str) -> str:
    code = ord(char)
    if char == "\t":
        return "\\t"
    if char == "\r":
        return "\\r"
    if char == "\n":
        return "\\n"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: str) -> str:
    """Prose with deceptive and unprintable characters spelled out (`\\u202e`), for doc text
    that a third-party generator prints into docstrings with its own escaping."""
    return "".join(
        (
            _escape_char(char)
            if (not char.isprintable() and char != "\n") or _DECEPTIVE.match(char)
            else char
        )
        for char in text
    )


def python_string(text: str, *, docstring: bool = False) -> str:
    """`text` as Python source: a double-quoted literal, or the body of a `\"\"\"` docstring.

    The docstring form keeps line breaks so generated docs stay readable; everything that could
    close the string or mislead a reader is escaped. The result is checked by parsing it back.
    """
    out = []
    for index, char in enumerate(text):
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            # In a docstring only a quote that could end the literal needs escaping.
            next_char = text[index + 1] if index + 1 < len(text) else None
            needs = not docstring or next_char in (None, '"') or (out and out[-1] == '"')
            out.append('\\"' if needs else '"')
        elif docstring and char == "\n":
            out.append("\n")
        elif not char.isprintable() or _DECEPTIVE.match(char):
            out.append(_escape_char(char))
        else:
            out.append(char)
    body = "".join(out)
    literal = f'"""{body}"""' if docstring else f'"{body}"'
    if ast.literal_eval(literal) != text:  # a guard on this function, never expected to fire
        raise AssertionError(f"python_string does not round-trip {text!r}")
    return body if docstring else literal


def toml_string(text: str) -> str:
    """`text` as a TOML basic string (`"..."`), for the generated pyproject.toml.

    Quotes and backslashes are escaped, and so is every unprintable or deceptive character
    (`\\uXXXX`, which TOML reads back as the character). Checked by parsing it back."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif not char.isprintable() or _DECEPTIVE.match(char):
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    literal = '"' + "".join(out) + '"'
    try:
        same = tomllib.loads(f"s = {literal}")["s"] == text
    except tomllib.TOMLDecodeError:  # a lone surrogate has no TOML escape
        same = False
    if not same:  # a guard: callers pass spec text through `visible` first
        raise AssertionError(f"toml_string does not round-trip {text!r}")
    return literal
