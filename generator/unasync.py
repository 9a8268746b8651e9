"""Derive sync code from async code: the one way every sync/async twin is made.

Async code is the source. A module marks it between two comments, and the sync twin is written
above it, between the first two:

    # unasync: sync twin, derived from the async code below; do not edit
    ...derived...
    # unasync: async source
    ...written by hand (or by a template)...
    # unasync: end

The derivation works on tokens, not text: `async` before `def`/`for`/`with` and every
`await` are dropped, `Awaitable[T]` becomes `T`, and names in `VOCABULARY` (plus any the
caller adds, such as generated class names) are replaced. Only whole name tokens change, so a
name that merely contains `Async` is left alone. Strings and comments are left alone too,
unless `prose=True`, which the runtime uses so that its docstrings read right in both flavors;
generated code keeps spec text exactly as written.

The runtime's sync twins are committed; `python -m generator.unasync --check` (run by `make
test`) fails when one is not what its async source derives, and without `--check` rewrites
them. Generated modules are derived at generation time (`render`).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tokenize
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Async names and what their sync twins are called: httpx2's and the standard library's,
#: then the runtime's own. A generated module adds its own class names.
VOCABULARY: Mapping[str, str] = {
    "AsyncClient": "Client",
    "AsyncIterator": "Iterator",
    "AsyncIterable": "Iterable",
    "AsyncByteStream": "SyncByteStream",
    "StopAsyncIteration": "StopIteration",
    "aclose": "close",
    "aread": "read",
    "aiter_bytes": "iter_bytes",
    "aiter_raw": "iter_raw",
    "aiter_lines": "iter_lines",
    "aiter_text": "iter_text",
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "__anext__": "__next__",
    "AsyncAPIClient": "SyncAPIClient",
    "AsyncAPIResource": "SyncAPIResource",
    "AsyncPage": "SyncPage",
    "AsyncCursorPage": "SyncCursorPage",
    "AsyncCursorPager": "SyncCursorPage",
    "AsyncTokenPage": "SyncTokenPage",
    "AsyncTokenPager": "SyncTokenPage",
    "AsyncOffsetPage": "SyncOffsetPage",
    "AsyncOffsetPager": "SyncOffsetPage",
    "AsyncJSONLStream": "SyncJSONLStream",
    "AsyncStream": "Stream",
    "AsyncAPIResponse": "APIResponse",
    "AsyncResponseContextManager": "ResponseContextManager",
    "async_to_streamed_response": "to_streamed_response",
    "async_paginate": "paginate",
    "async_sleep": "sleep",
    "async_to_raw_response": "to_raw_response",
}

SYNC_MARKER = "# unasync: sync twin, derived from the async code below; do not edit"
ASYNC_MARKER = "# unasync: async source"
END_MARKER = "# unasync: end"

_DROPPED_BEFORE = frozenset({"def", "for", "with"})
#: Tokens holding prose: strings, comments, and (Python 3.12+) the text parts of f-strings.
_PROSE_TOKENS = frozenset(
    {tokenize.STRING, tokenize.COMMENT, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
)
_PROSE_KEYWORDS = re.compile(r"\basync (?=def\b|for\b|with\b)|\bawait ")
_F_STRING = re.compile(r"[rRbBuU]?[fF][rR]?['\"]")
_REPLACEMENT_FIELD = re.compile(r"\{([^{}]*)\}")


class UnasyncError(ValueError):
    """A module whose markers are missing, repeated or out of order."""


@dataclass(frozen=True)
class _Edit:
    row: int
    start: int
    end: int
    text: str


def sync_name(name: str, names: Mapping[str, str] | None = None) -> str:
    """The sync twin's name for `name`; names without a twin are their own."""
    return {**VOCABULARY, **(names or {})}.get(name, name)


def unasync(source: str, names: Mapping[str, str] | None = None, *, prose: bool = False) -> str:
    """`source` (async Python) as its sync twin; `names` extends `VOCABULARY`."""
    vocabulary = {**VOCABULARY, **(names or {})}
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    edits: list[_Edit] = []
    word = re.compile(r"\b(" + "|".join(map(re.escape, sorted(vocabulary, key=len)[::-1])) + r")\b")
    for index, token in enumerate(tokens):
        if token.type == tokenize.NAME:
            edits.extend(_name_edits(tokens, index, vocabulary))
        elif token.type == tokenize.STRING and _F_STRING.match(token.string):
            _refuse_code_in_f_string(token, word)
            if prose:
                edits.extend(_prose_edits(token, word, vocabulary))
        elif prose and token.type in _PROSE_TOKENS:
            edits.extend(_prose_edits(token, word, vocabulary))
    return _apply(source, edits)


def _name_edits(
    tokens: Sequence[tokenize.TokenInfo], index: int, vocabulary: Mapping[str, str]
) -> list[_Edit]:
    """What the name token at `index` becomes: nothing (a dropped keyword), its argument (an
    `Awaitable[...]`), its sync twin's name, or itself."""
    token = tokens[index]
    row, col = token.start
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if token.string == "await" or (
        token.string == "async" and following is not None and following.string in _DROPPED_BEFORE
    ):
        # The keyword and the space after it, when the next token is on the same line.
        end = following.start[1] if following and following.start[0] == row else col + 5
        return [_Edit(row, col, end, "")]
    if token.string == "Awaitable" and following is not None and following.string == "[":
        start = col
        if (
            index >= 2
            and tokens[index - 1].string == "."
            and tokens[index - 2].type == tokenize.NAME
        ):
            start = tokens[index - 2].start[1]  # `typing.Awaitable[`: the module goes too
        close = _closing_bracket(tokens, index + 1)
        return [
            _Edit(row, start, following.end[1], ""),
            _Edit(close.start[0], close.start[1], close.end[1], ""),
        ]
    if token.string in vocabulary:
        return [_Edit(row, col, token.end[1], vocabulary[token.string])]
    return []


def _refuse_code_in_f_string(token: tokenize.TokenInfo, word: re.Pattern[str]) -> None:
    """Python 3.11 reads an f-string as one token, so code inside its braces cannot be
    derived there: refuse it rather than leave an `await` in sync code."""
    for field in _REPLACEMENT_FIELD.findall(token.string.replace("{{", "").replace("}}", "")):
        if re.search(r"\b(await|async)\b", field) or word.search(field):
            raise UnasyncError(
                f"line {token.start[0]}: an f-string holds async code ({field.strip()!r}); "
                "compute it before the f-string"
            )


def _prose_edits(
    token: tokenize.TokenInfo, word: re.Pattern[str], vocabulary: Mapping[str, str]
) -> list[_Edit]:
    """The same renaming in a string or comment, one line at a time (docstrings span many)."""
    edits = []
    lines = token.string.split("\n")
    for offset, line in enumerate(lines):
        text = word.sub(lambda m: vocabulary[m[1]], _PROSE_KEYWORDS.sub("", line))
        if text != line:
            row = token.start[0] + offset
            col = token.start[1] if offset == 0 else 0
            edits.append(_Edit(row, col, col + len(line), text))
    return edits


def _closing_bracket(tokens: Sequence[tokenize.TokenInfo], opening: int) -> tokenize.TokenInfo:
    depth = 0
    for token in tokens[opening:]:
        if token.string in "([{" and token.type == tokenize.OP:
            depth += 1
        elif token.string in ")]}" and token.type == tokenize.OP:
            depth -= 1
            if depth == 0:
                return token
    raise UnasyncError("`Awaitable[` without its closing bracket")


def _apply(source: str, edits: list[_Edit]) -> str:
    # Rows as the tokenizer counts them: only `\n` ends a line (not a form feed, nor U+2028).
    lines = source.split("\n")
    for edit in sorted(edits, key=lambda e: (e.row, e.start), reverse=True):
        line = lines[edit.row - 1]
        lines[edit.row - 1] = line[: edit.start] + edit.text + line[edit.end :]
    return "\n".join(lines)


def fill_twins(module: str, names: Mapping[str, str] | None = None, *, prose: bool = False) -> str:
    """`module` with its sync twin region rewritten from its async source region."""
    lines = module.splitlines(keepends=True)
    found = {
        marker: [i for i, line in enumerate(lines) if line.strip() == marker]
        for marker in (SYNC_MARKER, ASYNC_MARKER, END_MARKER)
    }
    if any(len(positions) != 1 for positions in found.values()):
        raise UnasyncError("a module needs each unasync marker exactly once")
    sync_at, async_at, end_at = (found[m][0] for m in (SYNC_MARKER, ASYNC_MARKER, END_MARKER))
    if not sync_at < async_at < end_at:
        raise UnasyncError("the unasync markers must come in the order sync, async, end")
    source = "".join(lines[async_at + 1 : end_at])
    derived = unasync(source, names, prose=prose)
    return "".join([*lines[: sync_at + 1], derived, *lines[async_at:]])


def runtime_modules() -> list[Path]:
    """The runtime modules that hold sync/async twins."""
    folder = Path(__file__).resolve().parent / "runtime"
    return [p for p in sorted(folder.glob("*.py")) if ASYNC_MARKER in p.read_text("utf-8")]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.unasync",
        description="Rewrite the runtime's sync twins from their async source.",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if any twin is stale")
    args = parser.parse_args(argv)
    from generator.formatting import format_module

    stale = []
    for path in runtime_modules():
        current = path.read_text("utf-8")
        derived = format_module(fill_twins(current, prose=True), str(path))
        if derived != current:
            stale.append(path)
            if not args.check:
                path.write_text(derived, "utf-8")
    for path in stale:
        verb = "stale" if args.check else "rewrote"
        print(f"{verb}: {path}", file=sys.stderr)
    if stale and args.check:
        print("run `python -m generator.unasync` to derive them again", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
