"""Responses before parsing: `with_raw_response` and `with_streaming_response`.

`resource.with_raw_response.method(...)` returns an `APIResponse` whose body has been read:
status, headers and timing at once, the method's usual result on `parse()`.
`resource.with_streaming_response.method(...)` is a context manager giving an `APIResponse`
(`AsyncAPIResponse` for the async client) whose body is not read until asked for:
`iter_bytes()`, `iter_lines()`, `read()`, `parse()`, `stream_to_file()`; leaving the block
closes it.

The wrappers keep each method's exact signature (via `ParamSpec`) and set one context variable
for the duration of the call, which the client reads to hand back the response instead of
the parsed result. A context variable, unlike a flag on the client, is private to the call:
concurrent calls on the same client, in threads or tasks, do not see it.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextvars import ContextVar
from typing import Generic, Literal, ParamSpec, Self, TypeVar, cast

import httpx2

from ._errors import check_inflation, response_errors
from ._request import shown_url

P = ParamSpec("P")
ResponseT = TypeVar("ResponseT")

ResponseMode = Literal["parsed", "raw", "stream"]
#: What the client hands back from a call: the parsed result (the default), a read
#: `APIResponse`, or an unread one to stream.
RESPONSE_MODE: ContextVar[ResponseMode] = ContextVar("response_mode", default="parsed")


def release(response: httpx2.Response) -> None:
    """Give back the connection of a response dropped before it was read or closed (a
    `results()` stream never iterated, say): else it holds a slot of the connection pool for
    good, and once the pool is full every call waits out its timeout. An async response
    cannot be closed without awaiting: its closing is left to the running event loop."""
    if response.is_closed:
        return
    if isinstance(response.stream, httpx2.SyncByteStream):
        response.close()
        return
    close_later(response.aclose)


#: Closings scheduled on an asyncio loop and not yet done: the loop keeps only a weak
#: reference to a task, which could otherwise be collected before it ran.
_CLOSING: set[object] = set()


def close_later(close: Callable[[], Awaitable[None]]) -> None:
    """Await `close()` soon on the event loop running here, asyncio's or trio's (the two
    httpx2 runs on, through anyio), from code that cannot await: a `__del__`. Without a
    running loop, nothing can await it, and it is left undone. A failure to close is ignored:
    nobody is there to be told."""
    import asyncio

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is not None:
        task = loop.create_task(_quietly(close))
        _CLOSING.add(task)
        task.add_done_callback(_CLOSING.discard)
        return
    trio = sys.modules.get("trio")  # never imported here: a client without trio has no need
    if trio is not None:
        try:
            trio.lowlevel.spawn_system_task(_quietly, close)
        except RuntimeError:  # not inside trio.run
            pass


async def _quietly(close: Callable[[], Awaitable[None]]) -> None:
    try:
        await close()
    except Exception:  # see close_later
        pass


class BaseAPIResponse(Generic[ResponseT]):
    """What a response says before its body is parsed; the flavors add reading it."""

    def __init__(
        self,
        http_response: httpx2.Response,
        parser: Callable[[httpx2.Response], ResponseT],
        *,
        retries_taken: int = 0,
        streamed: bool = False,
    ) -> None:
        self.http_response = http_response
        self.retries_taken = retries_taken
        """How many times the request was retried before this response."""
        self._parser = parser
        self._streamed = streamed
        self._parsed: list[ResponseT] = []

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}] {shown_url(self.http_response.request.url)}>"

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx2.Headers:
        return self.http_response.headers

    @property
    def url(self) -> httpx2.URL:
        return self.http_response.url

    @property
    def elapsed(self) -> datetime.timedelta:
        """From sending the request to the end of the response (once it is read or closed)."""
        return self.http_response.elapsed

    @property
    def request_id(self) -> str | None:
        return self.http_response.headers.get("request-id")

    @property
    def is_closed(self) -> bool:
        return self.http_response.is_closed

    @property
    def content(self) -> bytes:
        """The body; raises until it is read (a raw response is read already)."""
        with response_errors(self.http_response):
            return self.http_response.content

    @property
    def text(self) -> str:
        """The body decoded as text; raises until it is read."""
        with response_errors(self.http_response):
            return self.http_response.text

    def _parse_read(self) -> ResponseT:
        if not self._parsed:
            self._parsed.append(self._parser(self.http_response))
        return self._parsed[0]


# unasync: sync twin, derived from the async code below; do not edit


def iter_bounded(response: httpx2.Response, chunk_size: int | None = None) -> Iterator[bytes]:
    """The decompressed body in chunks, stopping a decompression bomb (`check_inflation`).
    httpx2's own errors pass through: the caller decides whether they are retried."""
    decoded = 0
    for chunk in response.iter_bytes(chunk_size):
        decoded += len(chunk)
        check_inflation(response, decoded)
        yield chunk


def read_bounded(response: httpx2.Response) -> bytes:
    """The whole body, read through `iter_bounded` and kept, as httpx2's own `read` keeps
    it, so that `content`, `text` and `json()` then work as usual."""
    if not hasattr(response, "_content"):
        chunks = [chunk for chunk in iter_bounded(response)]
        setattr(response, "_content", b"".join(chunks))  # noqa: B010 - httpx2's read body
    return response.content


class APIResponse(BaseAPIResponse[ResponseT]):
    """A response whose body is read when asked for; close it, or use it in `with`."""

    def read(self) -> bytes:
        """The whole body, read once and kept."""
        with response_errors(self.http_response):
            return read_bounded(self.http_response)

    def json(self) -> object:
        """The body decoded as JSON."""
        return json.loads(self.read())

    def parse(self) -> ResponseT:
        """The body as the method's usual result; parsed once, then kept. A streamed result
        (JSON lines) reads the body as it is iterated; anything else reads it first."""
        if not self._parsed and not self._streamed:
            self.read()
        return self._parse_read()

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body in chunks as they arrive (decompressed), without holding it whole."""
        with response_errors(self.http_response):
            for chunk in iter_bounded(self.http_response, chunk_size):
                yield chunk

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        with response_errors(self.http_response):
            for chunk in self.http_response.iter_text(chunk_size):
                yield chunk

    def iter_lines(self) -> Iterator[str]:
        with response_errors(self.http_response):
            for line in self.http_response.iter_lines():
                yield line

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Write the body to `file` chunk by chunk as it arrives, never holding it whole."""
        self.stream_to_file(file)

    def stream_to_file(
        self, file: str | os.PathLike[str], *, chunk_size: int | None = None
    ) -> None:
        """`write_to_file`, in chunks of `chunk_size` bytes if given: the official SDK's name
        for it on a streamed response."""
        with open(file, "wb") as out:
            for chunk in self.iter_bytes(chunk_size):
                out.write(chunk)

    def close(self) -> None:
        """Release the connection, reading nothing more."""
        self.http_response.close()

    def __del__(self) -> None:
        release(self.http_response)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class ResponseContextManager(Generic[ResponseT]):
    """What `with_streaming_response.method(...)` returns: the call is made on entering."""

    def __init__(self, call: Callable[[], APIResponse[ResponseT]]) -> None:
        self._call = call
        self._response: APIResponse[ResponseT] | None = None

    def __enter__(self) -> APIResponse[ResponseT]:
        token = RESPONSE_MODE.set("stream")
        try:
            self._response = self._call()
        finally:
            RESPONSE_MODE.reset(token)
        return self._response

    def __exit__(self, *exc_info: object) -> None:
        if self._response is not None:
            self._response.close()


def to_raw_response(
    method: Callable[P, ResponseT],
) -> Callable[P, APIResponse[ResponseT]]:
    """`method`, returning the read `APIResponse` instead of the parsed result."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> APIResponse[ResponseT]:
        token = RESPONSE_MODE.set("raw")
        try:
            return cast(APIResponse[ResponseT], method(*args, **kwargs))
        finally:
            RESPONSE_MODE.reset(token)

    return call


def to_streamed_response(
    method: Callable[P, ResponseT],
) -> Callable[P, ResponseContextManager[ResponseT]]:
    """`method`, returning a context manager that gives the unread `APIResponse`."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> ResponseContextManager[ResponseT]:
        def send() -> APIResponse[ResponseT]:
            return cast(APIResponse[ResponseT], method(*args, **kwargs))

        return ResponseContextManager(send)

    return call


# unasync: async source


async def aiter_bounded(
    response: httpx2.Response, chunk_size: int | None = None
) -> AsyncIterator[bytes]:
    """The decompressed body in chunks, stopping a decompression bomb (`check_inflation`).
    httpx2's own errors pass through: the caller decides whether they are retried."""
    decoded = 0
    async for chunk in response.aiter_bytes(chunk_size):
        decoded += len(chunk)
        check_inflation(response, decoded)
        yield chunk


async def aread_bounded(response: httpx2.Response) -> bytes:
    """The whole body, read through `aiter_bounded` and kept, as httpx2's own `aread` keeps
    it, so that `content`, `text` and `json()` then work as usual."""
    if not hasattr(response, "_content"):
        chunks = [chunk async for chunk in aiter_bounded(response)]
        setattr(response, "_content", b"".join(chunks))  # noqa: B010 - httpx2's read body
    return response.content


class AsyncAPIResponse(BaseAPIResponse[ResponseT]):
    """A response whose body is read when asked for; close it, or use it in `async with`."""

    async def read(self) -> bytes:
        """The whole body, read once and kept."""
        with response_errors(self.http_response):
            return await aread_bounded(self.http_response)

    async def json(self) -> object:
        """The body decoded as JSON."""
        return json.loads(await self.read())

    async def parse(self) -> ResponseT:
        """The body as the method's usual result; parsed once, then kept. A streamed result
        (JSON lines) reads the body as it is iterated; anything else reads it first."""
        if not self._parsed and not self._streamed:
            await self.read()
        return self._parse_read()

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The body in chunks as they arrive (decompressed), without holding it whole."""
        with response_errors(self.http_response):
            async for chunk in aiter_bounded(self.http_response, chunk_size):
                yield chunk

    async def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        with response_errors(self.http_response):
            async for chunk in self.http_response.aiter_text(chunk_size):
                yield chunk

    async def iter_lines(self) -> AsyncIterator[str]:
        with response_errors(self.http_response):
            async for line in self.http_response.aiter_lines():
                yield line

    async def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Write the body to `file` chunk by chunk as it arrives, never holding it whole."""
        await self.stream_to_file(file)

    async def stream_to_file(
        self, file: str | os.PathLike[str], *, chunk_size: int | None = None
    ) -> None:
        """`write_to_file`, in chunks of `chunk_size` bytes if given: the official SDK's name
        for it on a streamed response."""
        with open(file, "wb") as out:
            async for chunk in self.iter_bytes(chunk_size):
                out.write(chunk)

    async def close(self) -> None:
        """Release the connection, reading nothing more."""
        await self.http_response.aclose()

    def __del__(self) -> None:
        release(self.http_response)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


class AsyncResponseContextManager(Generic[ResponseT]):
    """What `with_streaming_response.method(...)` returns: the call is made on entering."""

    def __init__(self, call: Callable[[], Awaitable[AsyncAPIResponse[ResponseT]]]) -> None:
        self._call = call
        self._response: AsyncAPIResponse[ResponseT] | None = None

    async def __aenter__(self) -> AsyncAPIResponse[ResponseT]:
        token = RESPONSE_MODE.set("stream")
        try:
            self._response = await self._call()
        finally:
            RESPONSE_MODE.reset(token)
        return self._response

    async def __aexit__(self, *exc_info: object) -> None:
        if self._response is not None:
            await self._response.close()


def async_to_raw_response(
    method: Callable[P, Awaitable[ResponseT]],
) -> Callable[P, Awaitable[APIResponse[ResponseT]]]:
    """`method`, returning the read `APIResponse` instead of the parsed result."""

    @functools.wraps(method)
    async def call(*args: P.args, **kwargs: P.kwargs) -> APIResponse[ResponseT]:
        token = RESPONSE_MODE.set("raw")
        try:
            return cast(APIResponse[ResponseT], await method(*args, **kwargs))
        finally:
            RESPONSE_MODE.reset(token)

    return call


def async_to_streamed_response(
    method: Callable[P, Awaitable[ResponseT]],
) -> Callable[P, AsyncResponseContextManager[ResponseT]]:
    """`method`, returning a context manager that gives the unread `AsyncAPIResponse`."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> AsyncResponseContextManager[ResponseT]:
        async def send() -> AsyncAPIResponse[ResponseT]:
            return cast(AsyncAPIResponse[ResponseT], await method(*args, **kwargs))

        return AsyncResponseContextManager(send)

    return call


# unasync: end
