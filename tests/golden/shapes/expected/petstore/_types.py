"""Small types shared by the clients, their resources and pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias, final

import httpx2


@final
class NotGiven:
    """The type of `NOT_GIVEN`, the default of every optional argument.

    It tells "not passed" apart from `None`, which can mean something of its own: no timeout,
    or a JSON `null` to send.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

Timeout: TypeAlias = float | httpx2.Timeout | None
"""Seconds allowed for each phase of a request, as httpx2 applies them: getting a pooled
connection, connecting, and each write and read. A float sets them all; an `httpx2.Timeout`
sets each; None sets no limit. A server that keeps sending bytes keeps a call alive."""
#: The longest line a streamed body (JSON lines, server-sent events) may have, unless the
#: client is given its own `max_line_bytes`: far beyond any the API sends, and a bound on what
#: a body without line ends can make a client hold.
MAX_LINE_BYTES = 16 * 1024 * 1024


def checked_max_line_bytes(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"max_line_bytes must be a whole number of bytes >= 1, not {value!r}")
    return value


Headers: TypeAlias = Mapping[str, str]
Query: TypeAlias = Mapping[str, object]
Body: TypeAlias = Mapping[str, object]


@dataclass(frozen=True)
class CursorFields:
    """Where a cursor page finds its fields, and which query parameters move it."""

    items: str
    """The list of this page's items."""
    has_more: str
    """Whether more items lie in the direction of travel."""
    first_id: str
    """The cursor for the page before this one."""
    last_id: str
    """The cursor for the page after this one."""
    after: str
    """The query parameter that asks for the page after an id."""
    before: str
    """The query parameter that asks for the page before an id."""


@dataclass(frozen=True)
class TokenFields:
    """Where a token page finds its items and the next page's token, and where it sends it."""

    items: str
    """The list of this page's items."""
    next: str
    """The field holding the next page's token; empty or null on the last page."""
    parameter: str
    """The query parameter that takes the token."""


@dataclass(frozen=True)
class OffsetFields:
    """Where an offset page finds its items, and the query parameter that moves it."""

    items: str
    """The list of this page's items."""
    offset: str
    """The query parameter: how many items to skip."""
    has_more: str | None = None
    """A field saying whether more items follow, if the API gives one."""
    total: str | None = None
    """A field giving the number of items in the whole list, if the API gives one."""


@dataclass(frozen=True)
class EventRules:
    """How a stream of server-sent events is read, as the spec's sdk.yaml declares it."""

    skip: frozenset[str] = frozenset()
    """Event names passed over (keep-alives such as `ping`)."""
    skip_unnamed: bool = False
    """Whether an event without an `event:` name is passed over."""
    error: str | None = None
    """The event name that carries an error, raised as the response's status error."""
