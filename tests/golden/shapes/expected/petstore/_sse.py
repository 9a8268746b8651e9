"""Server-sent events: decoded from bytes as they arrive, then parsed into the spec's models.

Decoding follows the WHATWG event-stream interpretation: lines end at `\\r\\n`, `\\r` or
`\\n` (split in bytes, so a chunk boundary never cuts a character); a line starting with `:`
is a comment; `field: value` loses one leading space; `data` lines join with `\\n`; a blank
line dispatches the event, unless it has no data; and an event still open when the body ends
is discarded, as the specification says. A line longer than `max_line_bytes` raises rather
than grow without bound.

Which events a stream skips, and which one is an error, are the spec's (`EventRules`, which
the generated `_config` declares): Anthropic skips `ping` and unnamed events, and raises on
`error`.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Generic, Self, TypeVar

import httpx2

from ._errors import APIResponseValidationError, LineTooLongError, response_errors
from ._response import aiter_bounded, iter_bounded, release
from ._types import MAX_LINE_BYTES, EventRules

EventT = TypeVar("EventT")

_LINE_END = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True)
class ServerSentEvent:
    """One event as the server wrote it."""

    event: str | None
    """Its `event:` name; None when it has none."""
    data: str
    id: str | None = None
    retry: int | None = None

    def json(self) -> object:
        return json.loads(self.data)


class SSEDecoder:
    """Events out of arbitrary chunks of bytes, in linear time."""

    def __init__(self, max_line_bytes: int = MAX_LINE_BYTES) -> None:
        self.max_line_bytes = max_line_bytes
        self._buffer = bytearray()
        self._scanned = 0
        self._started = False
        self._event: str | None = None
        self._data: list[str] = []
        self._id: str | None = None
        self._retry: int | None = None

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """The events `chunk` completes."""
        self._buffer += chunk
        if not self._started and len(self._buffer) >= 3:
            self._started = True
            if self._buffer.startswith(b"\xef\xbb\xbf"):  # a byte-order mark opens no line
                del self._buffer[:3]
        events: list[ServerSentEvent] = []
        for line in self._lines():
            event = self._interpret(line)
            if event is not None:
                events.append(event)
        return events

    def finish(self) -> list[ServerSentEvent]:
        """At the end of the body: a `\r` held back ends its line after all; then an event
        without its blank line is discarded, as the specification says."""
        events: list[ServerSentEvent] = []
        if self._buffer.endswith(b"\r"):
            event = self._interpret(bytes(self._buffer[:-1]))
            if event is not None:
                events.append(event)
        self._buffer.clear()
        self._data, self._event = [], None
        return events

    def _lines(self) -> Iterator[bytes]:
        """Each whole line in the buffer, which keeps what follows the last one."""
        buffer, start = self._buffer, 0
        position = self._scanned  # no line ends before here: each byte is searched once
        while (found := _LINE_END.search(buffer, position)) is not None:
            if found.group() == b"\r" and found.end() == len(buffer):
                break  # a `\r` at the end may be the first half of `\r\n`: wait for more
            yield bytes(buffer[start : found.start()])
            start = position = found.end()
        del buffer[:start]
        self._scanned = len(buffer) - 1 if buffer.endswith(b"\r") else len(buffer)
        if self._scanned > self.max_line_bytes:
            raise LineTooLongError(self.max_line_bytes)

    def _interpret(self, raw: bytes) -> ServerSentEvent | None:
        line = raw.decode("utf-8", errors="replace")
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "event":
            self._event = value
        elif name == "data":
            self._data.append(value)
        elif name == "id" and "\x00" not in value:
            self._id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            self._retry = int(value)
        return None

    def _dispatch(self) -> ServerSentEvent | None:
        data, name = self._data, self._event
        self._data, self._event = [], None
        if not data:
            return None
        return ServerSentEvent(name or None, "\n".join(data), self._id, self._retry)


# unasync: sync twin, derived from the async code below; do not edit


class Stream(Generic[EventT]):
    """The events of a server-sent event response, each parsed into `EventT` when reached.

    Iterate it (`for`) to receive them; the connection is released when the stream
    ends, fails or is closed, and by leaving an `with` block around it.
    """

    def __init__(
        self,
        response: httpx2.Response,
        parse: Callable[[str], EventT],
        rules: EventRules,
        raise_error: Callable[[httpx2.Response, object], Exception],
    ) -> None:
        self.response = response
        self._parse = parse
        self._rules = rules
        self._raise_error = raise_error

    def __iter__(self) -> Iterator[EventT]:
        decoder = SSEDecoder(self._rules.max_line_bytes)
        try:
            with response_errors(self.response):
                for chunk in iter_bounded(self.response):
                    for event in decoder.feed(chunk):
                        if self._wanted(event):
                            yield self._event(event)
            for event in decoder.finish():
                if self._wanted(event):
                    yield self._event(event)
        finally:
            self.response.close()

    def _wanted(self, event: ServerSentEvent) -> bool:
        if event.event is None:
            return not self._rules.skip_unnamed
        return event.event not in self._rules.skip

    def _event(self, event: ServerSentEvent) -> EventT:
        if event.event is not None and event.event == self._rules.error:
            try:
                body: object = event.json()
            except ValueError:
                body = event.data
            raise self._raise_error(self.response, body)
        try:
            return self._parse(event.data)
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            raise APIResponseValidationError(
                self.response, event.data, message=f"An event does not fit: {exc}"
            ) from None

    def close(self) -> None:
        """Release the connection without reading the rest of the stream."""
        self.response.close()

    def __del__(self) -> None:
        release(self.response)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# unasync: async source


class AsyncStream(Generic[EventT]):
    """The events of a server-sent event response, each parsed into `EventT` when reached.

    Iterate it (`async for`) to receive them; the connection is released when the stream
    ends, fails or is closed, and by leaving an `async with` block around it.
    """

    def __init__(
        self,
        response: httpx2.Response,
        parse: Callable[[str], EventT],
        rules: EventRules,
        raise_error: Callable[[httpx2.Response, object], Exception],
    ) -> None:
        self.response = response
        self._parse = parse
        self._rules = rules
        self._raise_error = raise_error

    async def __aiter__(self) -> AsyncIterator[EventT]:
        decoder = SSEDecoder(self._rules.max_line_bytes)
        try:
            with response_errors(self.response):
                async for chunk in aiter_bounded(self.response):
                    for event in decoder.feed(chunk):
                        if self._wanted(event):
                            yield self._event(event)
            for event in decoder.finish():
                if self._wanted(event):
                    yield self._event(event)
        finally:
            await self.response.aclose()

    def _wanted(self, event: ServerSentEvent) -> bool:
        if event.event is None:
            return not self._rules.skip_unnamed
        return event.event not in self._rules.skip

    def _event(self, event: ServerSentEvent) -> EventT:
        if event.event is not None and event.event == self._rules.error:
            try:
                body: object = event.json()
            except ValueError:
                body = event.data
            raise self._raise_error(self.response, body)
        try:
            return self._parse(event.data)
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            raise APIResponseValidationError(
                self.response, event.data, message=f"An event does not fit: {exc}"
            ) from None

    async def close(self) -> None:
        """Release the connection without reading the rest of the stream."""
        await self.response.aclose()

    def __del__(self) -> None:
        release(self.response)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


# unasync: end
