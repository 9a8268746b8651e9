"""Server-sent events: decoded from bytes as they arrive, then parsed into the spec's models.

Decoding follows the WHATWG event-stream interpretation: lines end at `\\r\\n`, `\\r` or
`\\n` (split in bytes, so a chunk boundary never cuts a character); a line starting with `:`
is a comment; `field: value` loses one leading space; `data` lines join with `\\n`; a blank
line dispatches the event, unless it has no data; and an event still open when the body ends
is discarded, as the specification says. A line longer than `max_line_bytes`, or an event
whose data lines together are, raises rather than grow without bound.

Which events a stream skips, and which one is an error, are the spec's (`EventRules`, which
the generated `_config` declares): Anthropic skips `ping` and unnamed events, and raises on
`error`.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Generic, Self, TypeVar

import httpx2

from ._errors import APIResponseValidationError, LineTooLongError, response_errors
from ._response import aiter_bounded, iter_bounded, release
from ._types import MAX_LINE_BYTES, EventRules

EventT = TypeVar("EventT")

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
    """Events out of arbitrary chunks of bytes, in linear time.

    The buffer holds only the unfinished line (and a `\r` that may be the first half of
    `\r\n`): a chunk is searched once, from its end, for its last line end; the whole lines
    before it are split in one `bytes.splitlines` (which splits at `\r\n`, `\r` and `\n`
    only), and what follows waits for the next chunk. Field values stay bytes until an event
    is dispatched, and its data is decoded once.
    """

    def __init__(self, max_line_bytes: int = MAX_LINE_BYTES) -> None:
        self.max_line_bytes = max_line_bytes
        self._buffer = bytearray()
        self._started = False
        self._event: bytes = b""
        self._data: list[bytes] = []
        self._data_size = 0
        self._id: str | None = None
        self._retry: int | None = None

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """The events `chunk` completes."""
        if not self._started:
            # Only the body's first bytes may be a byte-order mark: nothing is read until
            # they can be told apart from one.
            self._buffer += chunk
            if _BOM.startswith(self._buffer):
                return []  # a mark, or its start: wait for more
            self._started = True
            start = len(_BOM) if self._buffer.startswith(_BOM) else 0
            chunk, self._buffer = bytes(self._buffer[start:]), bytearray()
        buffer = self._buffer
        held = buffer.endswith(b"\r")  # the buffer holds no other line end
        last = _last_line_end(chunk, 0, len(chunk))
        if last < 0 and not held:
            buffer += chunk
            if len(buffer) > self.max_line_bytes:
                raise LineTooLongError(self.max_line_bytes)
            return []
        offset = len(buffer)
        data = bytes(buffer) + chunk if buffer else chunk
        end = offset + last if last >= 0 else offset - 1
        if end == len(data) - 1 and data.endswith(b"\r"):
            # A `\r` at the very end may be the first half of `\r\n`: hold it back, and
            # end the whole lines at the line end before it.
            before = _last_line_end(chunk, 0, last) if last > 0 else -1
            if before >= 0:
                end = offset + before
            else:
                end = offset - 1 if held and last >= 0 else -1
        rest = data[end + 1 :]
        self._buffer = bytearray(rest)
        if len(rest) - rest.endswith(b"\r") > self.max_line_bytes:
            raise LineTooLongError(self.max_line_bytes)
        return self._lines(data[: end + 1].splitlines()) if end >= 0 else []

    def finish(self) -> list[ServerSentEvent]:
        """At the end of the body: a `\r` held back ends its line after all; then an event
        without its blank line is discarded, as the specification says."""
        buffer, self._buffer = bytes(self._buffer), bytearray()
        events = self._lines([buffer[:-1]]) if self._started and buffer.endswith(b"\r") else []
        self._data, self._data_size, self._event = [], 0, b""
        return events

    def _lines(self, lines: list[bytes]) -> list[ServerSentEvent]:
        events: list[ServerSentEvent] = []
        for line in lines:
            if len(line) > self.max_line_bytes:  # whole in one chunk, yet too long all the same
                raise LineTooLongError(self.max_line_bytes)
            if not line:
                if self._data:
                    events.append(self._dispatch())
                self._event = b""
                continue
            if line[0] == 58:  # `:` opens a comment
                continue
            name, colon, value = line.partition(b":")
            if colon and value[:1] == b" ":
                value = value[1:]
            if name == b"data":
                self._data.append(value)
                self._data_size += len(value) + 1
                if self._data_size > self.max_line_bytes:  # an event's data is one line, joined
                    raise LineTooLongError(self.max_line_bytes)
            elif name == b"event":
                self._event = value
            elif name == b"id" and b"\x00" not in value:
                self._id = value.decode("utf-8", errors="replace")
            elif name == b"retry" and value.isdigit():
                self._retry = int(value)
        return events

    def _dispatch(self) -> ServerSentEvent:
        data, name = self._data, self._event
        self._data, self._data_size = [], 0
        text = (data[0] if len(data) == 1 else b"\n".join(data)).decode("utf-8", errors="replace")
        event = name.decode("utf-8", errors="replace") if name else None
        return ServerSentEvent(event, text, self._id, self._retry)


def _last_line_end(data: bytes, start: int, stop: int) -> int:
    """Where the last `\r` or `\n` of `data[start:stop]` is, or -1; searched from the end."""
    return max(data.rfind(b"\n", start, stop), data.rfind(b"\r", start, stop))


@dataclass(frozen=True)
class _Reader(Generic[EventT]):
    """What a stream does with each decoded event: pass it over, parse it, or raise."""

    response: httpx2.Response
    parse: Callable[[str], EventT]
    rules: EventRules
    raise_error: Callable[[httpx2.Response, object], Exception]

    def __del__(self) -> None:
        # Held by the stream and by its iteration, so it outlives both: a loop over a stream
        # nothing else holds (`for event in client.messages.create(stream=True)`) keeps its
        # connection, and a stream dropped unread gives it back to the pool.
        release(self.response)

    def wanted(self, event: ServerSentEvent) -> bool:
        if event.event is None:
            return not self.rules.skip_unnamed
        return event.event not in self.rules.skip

    def result(self, event: ServerSentEvent) -> EventT:
        if event.event is not None and event.event == self.rules.error:
            try:
                body: object = event.json()
            except (ValueError, RecursionError):  # not JSON, or nested past Python's recursion
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
        max_line_bytes: int = MAX_LINE_BYTES,
    ) -> None:
        self.response = response
        self._iterator = self._events(
            _Reader(response, parse, rules, raise_error), SSEDecoder(max_line_bytes)
        )

    @staticmethod
    def _events(reader: _Reader[EventT], decoder: SSEDecoder) -> Iterator[EventT]:
        # A static method over a `_Reader`: a generator that held the stream would make a
        # cycle with it, and a dropped stream would wait for the cycle collector to close.
        response = reader.response
        try:
            with response_errors(response):
                for chunk in iter_bounded(response):
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
        max_line_bytes: int = MAX_LINE_BYTES,
    ) -> None:
        self.response = response
        self._iterator = self._events(
            _Reader(response, parse, rules, raise_error), SSEDecoder(max_line_bytes)
        )

    @staticmethod
    async def _events(reader: _Reader[EventT], decoder: SSEDecoder) -> AsyncIterator[EventT]:
        # A static method over a `_Reader`: a generator that held the stream would make a
        # cycle with it, and a dropped stream would wait for the cycle collector to close.
        response = reader.response
        try:
            with response_errors(response):
                async for chunk in aiter_bounded(response):
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
