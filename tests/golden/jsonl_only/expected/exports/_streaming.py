"""JSON-lines response bodies, decoded one line at a time as the bytes arrive.

A results file can be gigabytes: only the line being decoded is held in memory. Lines end at
`\\n` bytes only: JSON allows characters such as U+2028 raw inside strings, which a text
line splitter (httpx2's `iter_lines`) would cut a line at. The stream owns its HTTP
connection until it is exhausted or closed, so use it in a `with` block (or `async with`)
when you may stop early.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Generic, Self, TypeVar

import httpx2
import pydantic

from ._errors import APIResponseValidationError
from ._models import BaseModel

ModelT = TypeVar("ModelT", bound=BaseModel)


def _parse_line(response: httpx2.Response, model_type: type[ModelT], line: bytes) -> ModelT:
    try:
        item = model_type.model_validate_json(line)
    except pydantic.ValidationError as exc:
        raise APIResponseValidationError(
            response,
            line.decode("utf-8", errors="replace"),
            message=f"A line does not fit {model_type.__name__}: {exc}",
        ) from None
    item._request_id = response.headers.get("request-id")
    return item


class _LineSplitter:
    """Whole lines out of arbitrary chunks: the part after the last `\\n` waits for more."""

    def __init__(self) -> None:
        self._partial = b""

    def feed(self, chunk: bytes) -> list[bytes]:
        *lines, self._partial = (self._partial + chunk).split(b"\n")
        return [line for line in lines if line.strip()]

    def finish(self) -> list[bytes]:
        rest, self._partial = self._partial, b""
        return [rest] if rest.strip() else []


# unasync: sync twin, derived from the async code below; do not edit


class SyncJSONLStream(Generic[ModelT]):
    """The lines of a JSON-lines response, each parsed into `ModelT` when reached."""

    def __init__(self, response: httpx2.Response, model_type: type[ModelT]) -> None:
        self.response = response
        self._model_type = model_type

    def __iter__(self) -> Iterator[ModelT]:
        splitter = _LineSplitter()
        try:
            for chunk in self.response.iter_bytes():
                for line in splitter.feed(chunk):
                    yield _parse_line(self.response, self._model_type, line)
            for line in splitter.finish():
                yield _parse_line(self.response, self._model_type, line)
        finally:
            self.response.close()

    def close(self) -> None:
        """Release the connection without reading the rest of the body."""
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# unasync: async source


class AsyncJSONLStream(Generic[ModelT]):
    """The lines of a JSON-lines response, each parsed into `ModelT` when reached."""

    def __init__(self, response: httpx2.Response, model_type: type[ModelT]) -> None:
        self.response = response
        self._model_type = model_type

    async def __aiter__(self) -> AsyncIterator[ModelT]:
        splitter = _LineSplitter()
        try:
            async for chunk in self.response.aiter_bytes():
                for line in splitter.feed(chunk):
                    yield _parse_line(self.response, self._model_type, line)
            for line in splitter.finish():
                yield _parse_line(self.response, self._model_type, line)
        finally:
            await self.response.aclose()

    async def close(self) -> None:
        """Release the connection without reading the rest of the body."""
        await self.response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


# unasync: end
