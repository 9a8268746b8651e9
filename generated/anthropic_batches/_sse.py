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
from ._types import MAX_LINE_BYTES, EventRules

EventT = TypeVar("EventT")

_LINE_END = re.compile(rb"\r\n|\r|\n")
_BOM = b"\xef\xbb\xbf"


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
        if not self._started:
            # Only the body's first bytes may be a byte-order mark: no line is read until
            # they can be told apart from one, and none is searched before it is dropped.
            if _BOM.startswith(self._buffer):
                return []  # a mark, or its start: wait for more
            self._started = True
            if self._buffer.startswith(_BOM):
                del self._buffer[: len(_BOM)]
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


@dataclass(frozen=True)
class _Reader(Generic[EventT]):
    """What a stream does with each decoded event: pass it over, parse it, or raise."""

    response: httpx2.Response
    parse: Callable[[str], EventT]
    rules: EventRules
    raise_error: Callable[[httpx2.Response, object], Exception]

    def wanted(self, event: ServerSentEvent) -> bool:
        if event.event is None:
            return not self.rules.skip_unnamed
        return event.event not in self.rules.skip

    def result(self, event: ServerSentEvent) -> EventT:
        if event.event is not None and event.event == self.rules.error:
            try:
                body: object = event.json()
            except ValueError:
                body = event.data
            raise self.raise_error(self.response, body)
        try:
            return self.parse(event.data)
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            raise APIResponseValidationError(
                self.response, event.data, message=f"An event does not fit: {exc}"
            ) from None


# unasync: sync twin, derived from the async code below; do not edit


class Stream(Generic[EventT]):
    """The events of a server-sent event response, each parsed into `EventT` when reached.

    Iterate it (`for`, or one event at a time) to receive them: one pass over the
    events, which a loop left early and begun again goes on with, as the official SDK's
    streams have it. The connection is released when the stream ends, fails or is closed, and
    when the `with` block around it is left.
    """

    def __init__(
        self,
        response: httpx2.Response,
        parse: Callable[[str], EventT],
        rules: EventRules,
        raise_error: Callable[[httpx2.Response, object], Exception],
    ) -> None:
        self.response = response
        self._iterator = self._events(_Reader(response, parse, rules, raise_error))

    @staticmethod
    def _events(reader: _Reader[EventT]) -> Iterator[EventT]:
        # A static method over a `_Reader`: a generator that held the stream would make a
        # cycle with it, and a dropped stream would wait for the cycle collector to close.
        decoder = SSEDecoder(reader.rules.max_line_bytes)
        response = reader.response
        try:
            with response_errors(response):
                for chunk in response.iter_bytes():
                    for event in decoder.feed(chunk):
                        if reader.wanted(event):
                            yield reader.result(event)
            for event in decoder.finish():
                if reader.wanted(event):
                    yield reader.result(event)
        finally:
            response.close()

    def __iter__(self) -> Iterator[EventT]:
        return self._iterator

    def __next__(self) -> EventT:
        return self._iterator.__next__()

    def close(self) -> None:
        """Release the connection without reading the rest of the stream."""
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# unasync: async source


class AsyncStream(Generic[EventT]):
    """The events of a server-sent event response, each parsed into `EventT` when reached.

    Iterate it (`async for`, or one event at a time) to receive them: one pass over the
    events, which a loop left early and begun again goes on with, as the official SDK's
    streams have it. The connection is released when the stream ends, fails or is closed, and
    when the `async with` block around it is left.
    """

    def __init__(
        self,
        response: httpx2.Response,
        parse: Callable[[str], EventT],
        rules: EventRules,
        raise_error: Callable[[httpx2.Response, object], Exception],
    ) -> None:
        self.response = response
        self._iterator = self._events(_Reader(response, parse, rules, raise_error))

    @staticmethod
    async def _events(reader: _Reader[EventT]) -> AsyncIterator[EventT]:
        # A static method over a `_Reader`: a generator that held the stream would make a
        # cycle with it, and a dropped stream would wait for the cycle collector to close.
        decoder = SSEDecoder(reader.rules.max_line_bytes)
        response = reader.response
        try:
            with response_errors(response):
                async for chunk in response.aiter_bytes():
                    for event in decoder.feed(chunk):
                        if reader.wanted(event):
                            yield reader.result(event)
            for event in decoder.finish():
                if reader.wanted(event):
                    yield reader.result(event)
        finally:
            await response.aclose()

    def __aiter__(self) -> AsyncIterator[EventT]:
        return self._iterator

    async def __anext__(self) -> EventT:
        return await self._iterator.__anext__()

    async def close(self) -> None:
        """Release the connection without reading the rest of the stream."""
        await self.response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


# unasync: end
