"""Docstring prose for generated code: wrapped to fit black's width, markup left alone."""

from __future__ import annotations

import re
import textwrap

#: Width of prose in generated docstrings, which sit 8 columns in and must fit black's 100.
DOC_WIDTH = 88
CALL_OPTION_DOCS = (
    ("extra_headers", "Headers to add to this request, over the client's."),
    ("extra_query", "Query parameters to add to this request."),
    ("extra_body", "JSON properties to add to this request's body."),
    ("timeout", "Overrides the client's timeout for this call, in seconds."),
    ("max_retries", "Overrides the client's retry count for this call."),
)
# A paragraph is re-wrapped only when it is plain prose: not code, a list, a table or a heading.
_STRUCTURED = re.compile(r"^(\s|[-*+|#>]|\d+[.)]\s|```|Args:)", re.MULTILINE)


def fill(text: str, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """`text` wrapped to `DOC_WIDTH`, never breaking a word: not at a hyphen (`in-progress`),
    nor one longer than the width (a URL)."""
    return textwrap.fill(
        " ".join(text.split()),
        DOC_WIDTH,
        initial_indent=initial_indent,
        subsequent_indent=subsequent_indent,
        break_on_hyphens=False,
        break_long_words=False,
    )


def fill_paragraphs(text: str) -> str:
    """`text` with each plain-prose paragraph wrapped; markup is left as it is."""
    return "\n\n".join(
        paragraph if _STRUCTURED.search(paragraph) else fill(paragraph)
        for paragraph in text.split("\n\n")
    )
