"""What a resource method asks for, and how its values are written on the wire."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeAlias, TypeVar, cast
from urllib.parse import quote

import httpx2

from ._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout

ResponseT = TypeVar("ResponseT")
BodyEncoding: TypeAlias = Literal["json", "multipart", "form", "raw"]

_PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9_.~-]+")


@dataclass(slots=True)
class APIRequest(Generic[ResponseT]):
    """One operation call as a resource method describes it, with the caller's options.

    `headers`, `query` and `body` map wire names to the caller's values; `NOT_GIVEN` ones are
    left out (so an omitted field is absent, while `None` is sent as JSON `null`). A `body`
    that is not a mapping is the whole body: a JSON array or scalar, or raw content. The
    caller's `extra_*` go over what the method sets, `extra_body` as JSON properties.
    `response_type` is what a 2xx body parses into, or `NoneType` for no body.
    """

    method: str
    path: str
    response_type: type[ResponseT]
    idempotent: bool = True
    headers: Mapping[str, object] = field(default_factory=dict[str, object])
    query: Mapping[str, object] = field(default_factory=dict[str, object])
    body: object = None
    extra_headers: Headers | None = None
    extra_query: Query | None = None
    extra_body: Body | None = None
    timeout: Timeout | NotGiven = NOT_GIVEN
    max_retries: int | NotGiven = NOT_GIVEN
    url: str | None = None
    """A whole URL to send to instead of `path` under the base URL: one the API gave back."""
    encoding: BodyEncoding = "json"
    """How `body` is sent: JSON, `multipart/form-data` (with `files`), a urlencoded form, or
    raw content (text, bytes, a file or a path; see `_files.raw_content`)."""
    files: Mapping[str, object] | None = None
    """The file fields of a multipart body (see `_files`)."""


def path_with(template: str, values: Mapping[str, object]) -> str:
    """`template` with each `{name}` replaced by its value, percent-encoded as one segment.

    An empty value would call a different endpoint (`/batches/` for `/batches/{id}`), so it
    raises `ValueError` before anything is sent; `.` and `..` are encoded too, because URL
    handling would otherwise resolve them as steps up the path. Values are checked at run
    time as well as typed: a caller without a type checker gets a clear error.
    """
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise TypeError(f"Expected a str for `{name}` but received {type(value).__name__}")
        text = str(value)
        if not text:
            raise ValueError(f"Expected a non-empty value for `{name}` but received {text!r}")
        if text in (".", ".."):
            segment = text.replace(".", "%2E")
        elif _PLAIN_SEGMENT.fullmatch(text):
            segment = text  # the common case, an id such as msgbatch_013Zva2C: nothing to encode
        else:
            segment = quote(text, safe="")
        template = template.replace("{" + name + "}", segment)
    return template


def wire_value(value: object) -> str:
    """A header or query value as it is written on the wire (OpenAPI's `simple` style)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Sequence):
        return ",".join(wire_value(item) for item in cast(Sequence[object], value))
    raise TypeError(f"Cannot send a {type(value).__name__} as a header or query value")


def query_values(query: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """Query pairs; a list repeats its key (OpenAPI's default `form`, `explode: true`), and
    `None` leaves the parameter out, as the official SDK does."""
    pairs: list[tuple[str, str]] = []
    for name, value in query.items():
        if value is None or isinstance(value, NotGiven):
            continue
        if isinstance(value, Sequence) and not isinstance(value, str):
            pairs.extend((name, wire_value(item)) for item in cast(Sequence[object], value))
        else:
            pairs.append((name, wire_value(value)))
    return tuple(pairs)


class SecretHidingHeaders(httpx2.Headers):
    """Request headers whose repr hides the credentials, as httpx2's hides `authorization`
    only: a request travels in every error (`error.request`), and errors end up in logs."""

    secrets: frozenset[str] = frozenset()

    def __repr__(self) -> str:
        shown = [
            (name, "[secure]" if name.lower() in self.secrets else value)
            for name, value in self.multi_items()
        ]
        return f"Headers({shown!r})"


def form_value(value: object) -> str:
    """A form field's value: text as it is, anything else as JSON (an object, a list)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value)


def extended(always: tuple[object, ...], given: object) -> list[object]:
    """What a parameter sends that always has `always`: those, then what the caller gave."""
    if isinstance(given, NotGiven) or given is None:
        return list(always)
    added = cast(Sequence[object], given)
    return [*always, *(value for value in added if value not in always)]


def shown_url(url: httpx2.URL) -> str:
    """`url` as it may be shown (in a repr, a log line): a password in it is masked."""
    if not url.password:
        return str(url)
    return str(url.copy_with(userinfo=url.username.encode() + b":***"))
