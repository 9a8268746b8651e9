"""Raw access: `resource.with_raw_response.method(...)` returns an `APIResponse`.

The wrappers keep each method's exact signature (via `ParamSpec`) and flip one context
variable for the duration of the call, which the client reads to hand back the response
instead of the parsed model. A context variable, unlike a flag on the client, is private to
the call: concurrent calls on the same client, in threads or tasks, do not see it.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Generic, ParamSpec, TypeVar, cast

import httpx2

P = ParamSpec("P")
ResponseT = TypeVar("ResponseT")

RAW_RESPONSE: ContextVar[bool] = ContextVar("raw_response", default=False)


class APIResponse(Generic[ResponseT]):
    """A successful response before parsing: status and headers now, the model on `parse()`."""

    def __init__(
        self, http_response: httpx2.Response, parser: Callable[[httpx2.Response], ResponseT]
    ) -> None:
        self.http_response = http_response
        self._parser = parser

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.http_response.request.url}>"

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx2.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        return self.http_response.headers.get("request-id")

    @functools.cached_property
    def _parsed(self) -> ResponseT:
        return self._parser(self.http_response)

    def parse(self) -> ResponseT:
        """The body as the method's return type; parsed once, then cached."""
        return self._parsed


# unasync: sync twin, derived from the async code below; do not edit


def to_raw_response(
    method: Callable[P, ResponseT],
) -> Callable[P, APIResponse[ResponseT]]:
    """`method`, returning the unparsed `APIResponse` instead of the parsed model."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> APIResponse[ResponseT]:
        token = RAW_RESPONSE.set(True)
        try:
            return cast(APIResponse[ResponseT], method(*args, **kwargs))
        finally:
            RAW_RESPONSE.reset(token)

    return call


# unasync: async source


def async_to_raw_response(
    method: Callable[P, Awaitable[ResponseT]],
) -> Callable[P, Awaitable[APIResponse[ResponseT]]]:
    """`method`, returning the unparsed `APIResponse` instead of the parsed model."""

    @functools.wraps(method)
    async def call(*args: P.args, **kwargs: P.kwargs) -> APIResponse[ResponseT]:
        token = RAW_RESPONSE.set(True)
        try:
            return cast(APIResponse[ResponseT], await method(*args, **kwargs))
        finally:
            RAW_RESPONSE.reset(token)

    return call


# unasync: end
