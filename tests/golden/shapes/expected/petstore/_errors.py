"""The errors every client raises, whatever its spec: the bases of `_exceptions`.

The root, `ClientError`, is the spec's own class (`AnthropicError`, say), defined in
`_config`; `_exceptions` adds a class per HTTP status and re-exports these.
"""

from __future__ import annotations

from collections.abc import Generator
from contextlib import contextmanager

import httpx2

from ._config import ClientError
from ._request import masked

#: Longest error body repeated in an exception's message; `.body` always has all of it.
MESSAGE_BODY_LIMIT = 500


def _rebuilt(kind: type[BaseException], args: tuple[object, ...]) -> BaseException:
    """An error of `kind` with `args`, its fields to be restored by unpickling."""
    error = kind.__new__(kind)
    error.args = args
    return error


class _Picklable(Exception):
    """An error that pickles with its class and fields, whatever its `__init__` takes: one
    raised in a `ProcessPoolExecutor` worker arrives whole, not as a `BrokenProcessPool`."""

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuilt, (type(self), self.args), self.__dict__


class APIError(ClientError, _Picklable):
    """An error tied to one HTTP request: `request` is what was sent, `body` what came back."""

    message: str
    request: httpx2.Request
    body: object | None

    def __init__(self, message: str, request: httpx2.Request, *, body: object | None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body


class APIResponseValidationError(APIError):
    """A successful response whose body does not fit the response schema.

    `body` holds the decoded JSON, or the text when the body is not JSON at all.
    """

    response: httpx2.Response
    status_code: int

    def __init__(self, response: httpx2.Response, body: object | None, *, message: str) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    """A response with a 4xx or 5xx status.

    `body` holds the decoded JSON error, or the raw text when the body is not JSON;
    `request_id` is the response's `request-id` header, for support requests.
    """

    response: httpx2.Response
    status_code: int
    request_id: str | None

    def __init__(self, message: str, *, response: httpx2.Response, body: object | None) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        self.request_id = response.headers.get("request-id")


class APIConnectionError(APIError):
    """No response arrived: the connection failed, broke, or (as a subclass) timed out."""

    def __init__(self, request: httpx2.Request, message: str = "Connection error.") -> None:
        super().__init__(message, request, body=None)


class APITimeoutError(APIConnectionError):
    """The request timed out, on every attempt the retry policy allowed."""

    def __init__(self, request: httpx2.Request) -> None:
        super().__init__(request, "Request timed out.")


class LineTooLongError(ClientError, _Picklable):
    """A streamed body sent a line longer than the client accepts (`max_line_bytes`): a
    body without line ends would otherwise be held in memory whole."""

    def __init__(self, max_line_bytes: int) -> None:
        super().__init__(
            f"A line of the streamed body is longer than {max_line_bytes} bytes; "
            "refused rather than held in memory"
        )
        self.max_line_bytes = max_line_bytes


class InflatedResponseError(APIError):
    """A compressed body that decompresses to far more than it could honestly hold: past
    `INFLATION_FLOOR` bytes, more than `INFLATION_RATIO` times what came over the wire. A
    gzip "bomb" of 10 MB can expand to 10 GiB; the client stops instead of running out of
    memory."""

    def __init__(self, response: httpx2.Response, decoded: int) -> None:
        super().__init__(
            f"The response decompresses to more than {decoded} bytes from "
            f"{response.num_bytes_downloaded} received; stopped reading it",
            response.request,
            body=None,
        )
        self.response = response


#: Past this many decompressed bytes, a body may expand at most `INFLATION_RATIO` times.
INFLATION_FLOOR = 64 * 1024 * 1024
#: Far beyond what JSON compresses by (10 to 20 times), short of a bomb's (about 1,000).
INFLATION_RATIO = 250


def check_inflation(response: httpx2.Response, decoded: int) -> None:
    """Raise `InflatedResponseError` once `decoded` bytes are too many for what came in."""
    if decoded > INFLATION_FLOOR and decoded > INFLATION_RATIO * response.num_bytes_downloaded:
        raise InflatedResponseError(response, decoded)


class RedirectError(ClientError, _Picklable):
    """A redirect the client will not follow (`_redirects`): one that would send a request's
    body to another origin."""


class RepeatedPageError(ClientError, _Picklable):
    """The API pointed to a page that was already fetched (`_pagination`): the same cursor,
    token or offset again, or a cycle of them. The official SDK loops for ever; this stops."""


class ResponseReadError(APIError):
    """A response body read in a way it cannot be: a second time after it was streamed, after
    it was closed, or (`content`, `text`) before it was read."""

    def __init__(self, response: httpx2.Response, message: str) -> None:
        super().__init__(message, response.request, body=None)
        self.response = response


@contextmanager
def response_errors(response: httpx2.Response) -> Generator[None]:
    """Turn httpx2's errors while a body is read into this package's, so that the root class
    catches a connection dropped or stalled mid-stream too."""
    try:
        yield
    except httpx2.TimeoutException as exc:
        raise APITimeoutError(response.request) from exc
    except httpx2.RequestError as exc:  # a dropped connection, a body that fails to decode
        message = f"Connection error while reading the response: {type(exc).__name__}: {exc}"
        raise APIConnectionError(response.request, masked(message, response.request)) from exc
    except httpx2.StreamError as exc:
        message = masked(f"{type(exc).__name__}: {exc}", response.request)
        raise ResponseReadError(response, message) from exc
