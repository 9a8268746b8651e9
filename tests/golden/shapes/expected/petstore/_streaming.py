"""JSON-lines response bodies, decoded one line at a time as the bytes arrive.

A results file can be gigabytes: only the line being decoded is held in memory. Lines end at
`\\n` bytes only: JSON allows characters such as U+2028 raw inside strings, which a text
line splitter (httpx2's `iter_lines`) would cut a line at. The stream owns its HTTP
connection until it is exhausted or closed, so use it in a `with` block (or `async with`)
when you may stop early.

A line that does not fit the model does not end the iteration: every line that fits is
yielded, and once the body is done an `APIResponseValidationError` names the ones that did
not (also kept in `invalid_lines`). One malformed line in a results file of 100,000 must not
cost the caller the other 99,999, nor pass unnoticed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Generic, Self, TypeVar

import httpx2
import pydantic

from ._errors import APIResponseValidationError, LineTooLongError, response_errors
from ._models import BaseModel
from ._response import aiter_bounded, iter_bounded, release
from ._types import MAX_LINE_BYTES

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class InvalidLine:
    """A line of the body that did not fit the stream's model."""

    number: int
    """Its position among the non-blank lines, from 1."""
    text: str
    error: str


class _LineParser(Generic[ModelT]):
    """Lines into models, keeping the ones that do not fit."""

    def __init__(self, response: httpx2.Response, model_type: type[ModelT]) -> None:
        self.response = response
        self.model_type = model_type
        self.invalid: list[InvalidLine] = []
        self._count = 0

    def parse(self, line: bytes) -> ModelT | None:
        self._count += 1
        try:
            item = self.model_type.from_response(line, self.response.headers.get("request-id"))
        except pydantic.ValidationError as exc:
            text = line.decode("utf-8", errors="replace")
            self.invalid.append(InvalidLine(self._count, text, str(exc)))
            return None
        return item

    def check(self) -> None:
        """Raise for the lines that did not fit, once every other one has been yielded."""
        if not self.invalid:
            return
        first = self.invalid[0]
        numbers = ", ".join(str(line.number) for line in self.invalid[:10])
        raise APIResponseValidationError(
            self.response,
            first.text,
            message=f"{len(self.invalid)} line(s) did not fit {self.model_type.__name__} "
            f"(line {numbers}{', ...' if len(self.invalid) > 10 else ''}); every other line "
            f"was yielded. The first: {first.error}",
        )


class _LineSplitter:
    """Whole lines out of arbitrary chunks, in linear time: the part after the last `\\n`
    waits for more. A line longer than `max_line_bytes` raises `LineTooLongError`: at once
    when it is still waiting for its end, else once the lines before it are given out."""

    def __init__(self, max_line_bytes: int = MAX_LINE_BYTES) -> None:
        self.max_line_bytes = max_line_bytes
        self._buffer = bytearray()
        self._too_long = False

    def feed(self, chunk: bytes) -> list[bytes]:
        if self._too_long:
            raise LineTooLongError(self.max_line_bytes)
        # Only the new bytes are searched: what was buffered before holds no line end.
        end = chunk.rfind(b"\n")
        if end == -1:
            self._buffer += chunk
            if len(self._buffer) > self.max_line_bytes:
                raise LineTooLongError(self.max_line_bytes)
            return []
        self._buffer += chunk[:end]
        lines = self._buffer.split(b"\n")
        self._buffer = bytearray(chunk[end + 1 :])
        given: list[bytes] = []
        for line in lines:
            if len(line) > self.max_line_bytes:
                break
            if line.strip():
                given.append(bytes(line))
        else:
            if len(self._buffer) <= self.max_line_bytes:
                return given
        self._too_long, self._buffer = True, bytearray()
        if not given:
            raise LineTooLongError(self.max_line_bytes)
        return given

    def finish(self) -> list[bytes]:
        if self._too_long:
            raise LineTooLongError(self.max_line_bytes)
        rest, self._buffer = bytes(self._buffer), bytearray()
        return [rest] if rest.strip() else []


# unasync: sync twin, derived from the async code below; do not edit


class SyncJSONLStream(Generic[ModelT]):
    """The lines of a JSON-lines response, each parsed into `ModelT` when reached; a line
    longer than `max_line_bytes` raises `LineTooLongError`."""

    def __init__(
        self,
        response: httpx2.Response,
        model_type: type[ModelT],
        max_line_bytes: int = MAX_LINE_BYTES,
    ) -> None:
        self.response = response
        self.max_line_bytes = max_line_bytes
        self._parser = _LineParser(response, model_type)

    @property
    def invalid_lines(self) -> list[InvalidLine]:
        """The lines so far that did not fit the model."""
        return self._parser.invalid

    def __iter__(self) -> Iterator[ModelT]:
        splitter = _LineSplitter(self.max_line_bytes)
        try:
            with response_errors(self.response):
                for chunk in iter_bounded(self.response):
                    for line in splitter.feed(chunk):
                        if (item := self._parser.parse(line)) is not None:
                            yield item
            for line in splitter.finish():
                if (item := self._parser.parse(line)) is not None:
                    yield item
        finally:
            self.response.close()
        self._parser.check()

    def close(self) -> None:
        """Release the connection without reading the rest of the body."""
        self.response.close()

    def __del__(self) -> None:
        release(self.response)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# unasync: async source


class AsyncJSONLStream(Generic[ModelT]):
    """The lines of a JSON-lines response, each parsed into `ModelT` when reached; a line
    longer than `max_line_bytes` raises `LineTooLongError`."""

    def __init__(
        self,
        response: httpx2.Response,
        model_type: type[ModelT],
        max_line_bytes: int = MAX_LINE_BYTES,
    ) -> None:
        self.response = response
        self.max_line_bytes = max_line_bytes
        self._parser = _LineParser(response, model_type)

    @property
    def invalid_lines(self) -> list[InvalidLine]:
        """The lines so far that did not fit the model."""
        return self._parser.invalid

    async def __aiter__(self) -> AsyncIterator[ModelT]:
        splitter = _LineSplitter(self.max_line_bytes)
        try:
            with response_errors(self.response):
                async for chunk in aiter_bounded(self.response):
                    for line in splitter.feed(chunk):
                        if (item := self._parser.parse(line)) is not None:
                            yield item
            for line in splitter.finish():
                if (item := self._parser.parse(line)) is not None:
                    yield item
        finally:
            await self.response.aclose()
        self._parser.check()

    async def close(self) -> None:
        """Release the connection without reading the rest of the body."""
        await self.response.aclose()

    def __del__(self) -> None:
        release(self.response)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


# unasync: end
