"""What a resource method asks for, and how its values are written on the wire.

Parameter values are written in the styles OpenAPI defines (its "Style Values" table): a query
or cookie parameter as `form` (a list repeats its key, an object's properties become parameters
of their own), unless the spec says otherwise; a header as `simple` (items joined by commas).
A parameter whose spec asks for another style reaches the runtime wrapped in `Styled`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeAlias, TypeVar, cast
from urllib.parse import quote, unquote_plus

import httpx2

from ._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout

ResponseT = TypeVar("ResponseT")
BodyEncoding: TypeAlias = Literal["json", "multipart", "form", "raw"]
Style: TypeAlias = Literal["form", "simple", "spaceDelimited", "pipeDelimited", "deepObject"]

#: What joins the items of an array or object that is not exploded, by style.
_SEPARATORS: Mapping[str, str] = {
    "form": ",",
    "simple": ",",
    "spaceDelimited": " ",
    "pipeDelimited": "|",
    "deepObject": ",",
}
#: The characters a cookie value may hold as they are (RFC 6265 `cookie-octet`, less `%`, which
#: escapes the others): a token, a JWT or base64 text is sent unchanged.
_COOKIE_SAFE = "!#$&'()*+-./:<=>?@[]^_`{|}~"

_PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9_.~-]+")
#: Left as they are in a path segment, as the official SDK leaves them: RFC 3986's `pchar`
#: (`claude-3-7@2025/02 19` is sent as `claude-3-7@2025%2F02%2019`), but for `;`, after which
#: some servers and proxies drop the rest of a segment (the official SDK refuses a segment
#: starting with one; here it is encoded).
_SEGMENT_SAFE = "!$&'()*+,=:@"


@dataclass(slots=True)
class APIRequest(Generic[ResponseT]):
    """One operation call as a resource method describes it, with the caller's options.

    `headers`, `query`, `cookies` and `body` map wire names to the caller's values (each
    maybe `Styled`); `NOT_GIVEN` ones are left out (so an omitted field is absent, while `None`
    is sent as JSON `null`). A `body` that is not a mapping is the whole body: a JSON array or
    scalar, or raw content. The
    caller's `extra_*` go over what the method sets, `extra_body` as JSON properties.
    `response_type` is what a 2xx body parses into, or `NoneType` for no body.
    """

    method: str
    path: str
    response_type: type[ResponseT]
    idempotent: bool = True
    headers: Mapping[str, object] = field(default_factory=dict[str, object])
    query: Mapping[str, object] = field(default_factory=dict[str, object])
    cookies: Mapping[str, object] = field(default_factory=dict[str, object])
    """Cookie parameters by name, sent together in one `cookie` header."""
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


def any_type(kind: object) -> Any:
    """`kind` as the `response_type` of any request: a union or a generic (`list[Pet]`) is no
    `type[...]` to a checker, so the request's own annotation (`APIRequest[list[Pet]]`) says
    what it parses into. (`typing.cast` would do, but a generated method may have an argument
    named `cast`.)"""
    return kind


def path_with(template: str, values: Mapping[str, object]) -> str:
    """`template` with each `{name}` replaced by its value, percent-encoded as one segment.

    Only what RFC 3986 allows in a segment is left as it is (see `_SEGMENT_SAFE`).
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
            segment = quote(text, safe=_SEGMENT_SAFE)
        template = template.replace("{" + name + "}", segment)
    return template


@dataclass(frozen=True, slots=True)
class Styled:
    """A parameter value to write in a style other than its location's default: a query
    parameter as `deepObject` (`metadata[key]=value`), or not exploded (`ids=a,b`), or with
    spaces or pipes between its items; a header whose object is exploded (`a=1,b=2`)."""

    value: object
    style: Style
    explode: bool


def wire_value(value: object, explode: bool = False) -> str:
    """A header value, or one query value, as it is written on the wire (OpenAPI's `simple`
    style): a list's items and an object's names and values joined by commas (`a,1,b,2`; when
    exploded, `a=1,b=2`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):
        given = _given(cast(Mapping[object, object], value))
        if explode:
            return ",".join(f"{name}={wire_value(item)}" for name, item in given)
        return ",".join(f"{name},{wire_value(item)}" for name, item in given)
    if isinstance(value, Sequence):
        return ",".join(wire_value(item) for item in cast(Sequence[object], value))
    raise TypeError(f"Cannot send a {type(value).__name__} as a header or query value")


def _given(value: Mapping[object, object]) -> list[tuple[str, object]]:
    """An object's properties that are given: None and NOT_GIVEN ones are left out."""
    return [
        (str(name), item)
        for name, item in value.items()
        if item is not None and not isinstance(item, NotGiven)
    ]


def header_values(headers: Mapping[str, object]) -> dict[str, str]:
    """Header parameters as sent, in the `simple` style; NOT_GIVEN and None ones are left
    out, as a query parameter's are (a nullable header, such as one `x-api-key` of
    Anthropic's spec, has no other way to say "none")."""
    written: dict[str, str] = {}
    for name, value in headers.items():
        explode = value.explode if isinstance(value, Styled) else False
        value = value.value if isinstance(value, Styled) else value
        if value is not None and not isinstance(value, NotGiven):
            written[name] = wire_value(value, explode)
    return written


def query_values(query: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """Query pairs, each parameter in its style (`form`, exploded, unless it is `Styled`):
    a list repeats its key, an object's properties become parameters of their own, and
    `None` leaves the parameter out, as the official SDK does."""
    return tuple(pair for name, value in query.items() for pair in _pairs(name, value, _unchanged))


def cookie_header(cookies: Mapping[str, object]) -> str | None:
    """The `cookie` header of the cookie parameters (`form` style, pairs joined by `; `), or
    None when none is given. A value's characters that a cookie cannot hold (spaces, `;`,
    `,`, quotes, non-ASCII) are percent-encoded, as the `form` style encodes them."""
    pairs = [pair for name, value in cookies.items() for pair in _pairs(name, value, _cookie)]
    return "; ".join(f"{name}={value}" for name, value in pairs) or None


def _unchanged(text: str) -> str:
    return text  # httpx2 percent-encodes the query itself


def _cookie(text: str) -> str:
    return quote(text, safe=_COOKIE_SAFE)


def _pairs(name: str, value: object, encode: Callable[[str], str]) -> list[tuple[str, str]]:
    """The (name, value) pairs one parameter is written as; `encode` escapes each item."""
    style: Style = value.style if isinstance(value, Styled) else "form"
    explode = value.explode if isinstance(value, Styled) else True
    value = value.value if isinstance(value, Styled) else value
    if value is None or isinstance(value, NotGiven):
        return []
    if style == "deepObject":
        return _deep_pairs(name, value, encode)
    items: list[str]
    if isinstance(value, Mapping):
        given = _given(cast(Mapping[object, object], value))
        if explode:
            return [(key, encode(wire_value(item))) for key, item in given]
        items = [part for key, item in given for part in (key, wire_value(item))]
    elif isinstance(value, Sequence) and not isinstance(value, str):
        items = [wire_value(item) for item in cast(Sequence[object], value)]
        if explode:
            return [(name, encode(item)) for item in items]
    else:
        return [(name, encode(wire_value(value)))]
    if not items:
        return []  # an empty list or object is undefined, as RFC 6570 (and so `form`) has it
    return [(name, _SEPARATORS[style].join(encode(item) for item in items))]


def _deep_pairs(name: str, value: object, encode: Callable[[str], str]) -> list[tuple[str, str]]:
    """`deepObject`: each property as `name[property]`, nested objects as `name[a][b]`, and
    a list's items repeating their key (which OpenAPI leaves undefined)."""
    if value is None or isinstance(value, NotGiven):
        return []
    if isinstance(value, Mapping):
        named = cast(Mapping[object, object], value).items()
        return [pair for key, item in named for pair in _deep_pairs(f"{name}[{key}]", item, encode)]
    if isinstance(value, Sequence) and not isinstance(value, str):
        listed = cast(Sequence[object], value)
        return [pair for item in listed for pair in _deep_pairs(name, item, encode)]
    return [(name, encode(wire_value(value)))]


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


class SecretQueryURL(httpx2.URL):
    """A request's URL that knows which of its query parameters carry credentials: it is sent
    as it is, and shown with their values masked (by `shown_url`, and in httpx2's own log line
    through the filter `_logs` sets)."""

    secret_query: frozenset[str] = frozenset()


class SecretHidingRequest(httpx2.Request):
    """A request whose repr hides its credentials: its URL as `shown_url` shows it (its
    `SecretHidingHeaders` hide the header ones). A request travels in every error
    (`error.request`), and errors end up in logs."""

    def __repr__(self) -> str:
        return f"<Request({self.method!r}, {shown_url(self.url)!r})>"


def hiding(
    request: SecretHidingRequest, headers: frozenset[str], query: frozenset[str]
) -> SecretHidingRequest:
    """`request`, hiding the values of the `headers` and `query` parameters named wherever it
    is shown; what it sends is unchanged."""
    hidden = SecretHidingHeaders(request.headers)
    hidden.secrets = headers
    request.headers = hidden
    if query:
        url = SecretQueryURL(request.url)
        url.secret_query = query
        request.url = url
    return request


def shown_url(url: httpx2.URL) -> str:
    """`url` as it may be shown (in a repr, a log line): a password in it is masked, and so is
    the value of each query parameter that carries a credential (`SecretQueryURL`)."""
    secret_query = url.secret_query if isinstance(url, SecretQueryURL) else frozenset[str]()
    if url.password:
        url = url.copy_with(userinfo=url.username.encode() + b":***")
    text = str(url)
    if not secret_query or not url.query:
        return text
    # Masked in the text rather than through `copy_with`, which would percent-encode `***`.
    start, _, rest = text.partition("?")
    query, hash_mark, fragment = rest.partition("#")
    pairs = (_shown_pair(pair, secret_query) for pair in query.split("&"))
    return f"{start}?{'&'.join(pairs)}{hash_mark}{fragment}"


def _shown_pair(pair: str, secret_query: frozenset[str]) -> str:
    name, _, _ = pair.partition("=")
    return f"{name}=***" if unquote_plus(name) in secret_query else pair


def masked(text: str, request: httpx2.Request) -> str:
    """`text` (an error's message, say) with the query credentials of `request` masked: its
    URL in full, and each value alone, as a transport may write either."""
    url = request.url
    if not isinstance(url, SecretQueryURL):
        return text
    text = text.replace(str(url), shown_url(url))
    for name in url.secret_query:
        for value in request.url.params.get_list(name):
            if value:
                text = text.replace(value, "***").replace(quote(value, safe=""), "***")
    return text
