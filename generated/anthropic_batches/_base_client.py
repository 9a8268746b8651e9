"""The HTTP machinery that every resource method goes through.

A method describes its call as an `APIRequest`; the client adds authentication and default
headers, sends it, retries what is safe to retry and turns the response into a model or an
error. Everything that does not wait on I/O lives once, in `BaseClient` and the functions
below; only sending, sleeping between attempts and closing differ between `AsyncAPIClient`
and its sync twin `SyncAPIClient`, which is derived from it (`generator.unasync`).

Retries, up to `max_retries` times, with `x-stainless-retry-count` giving each attempt's
number. A response header `x-should-retry: true|false` always decides. Otherwise:
- an idempotent request (GET, PUT, DELETE, or an operation marked `x-idempotent: true`) is
  retried on connection errors, timeouts, and the statuses 408, 409, 429 and 5xx;
- any other request (a POST that creates something) is retried only when it cannot have been
  acted on: the connection was never made, or the status says the server turned it away
  unprocessed (408, 409, 429, 503, 529). A lost response or a 500 is raised, not retried, so
  a batch is never created twice behind the caller's back.
The wait is the server's `retry-after-ms` or `retry-after` when it asks for 0-60 s, else
0.5 s doubling up to 8 s, less up to 25% jitter.
"""

from __future__ import annotations

import email.utils
import functools
import logging
import os
import random
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, Self, TypeVar, cast
from urllib.parse import quote

import httpx2
import pydantic

from ._config import DEFAULT_HEADERS, LOG_ENV, USER_AGENT
from ._errors import (
    MESSAGE_BODY_LIMIT,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
)
from ._exceptions import SERVER_ERROR, STATUS_ERRORS
from ._models import BaseModel
from ._response import RAW_RESPONSE, APIResponse
from ._streaming import AsyncJSONLStream, SyncJSONLStream
from ._types import NOT_GIVEN, Headers, NotGiven, Query, Timeout

log = logging.getLogger(__name__.rpartition(".")[0])

ResponseT = TypeVar("ResponseT")
ModelT = TypeVar("ModelT", bound=BaseModel)

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
RETRYABLE_STATUSES = frozenset({408, 409, 429})
_PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9_.~-]+")
#: Statuses that say a request was turned away before it was acted on.
UNPROCESSED_STATUSES = frozenset({408, 409, 429, 503, 529})
#: Transport errors raised before any byte of the request could reach the server.
UNSENT_ERRORS = (httpx2.ConnectError, httpx2.ConnectTimeout, httpx2.PoolTimeout)


@dataclass(slots=True)
class APIRequest(Generic[ResponseT]):
    """One operation call as a resource method describes it, with the caller's options.

    `headers`, `query` and `body` map wire names to the caller's values; `NOT_GIVEN` ones are
    left out (so an omitted field is absent, while `None` is sent as JSON `null`).
    `response_type` is the model a 2xx body parses into, or `type(None)` for no body.
    """

    method: str
    path: str
    response_type: type[ResponseT]
    idempotent: bool = True
    headers: Mapping[str, object] = field(default_factory=dict)
    query: Mapping[str, object] = field(default_factory=dict)
    body: Mapping[str, object] | None = None
    extra_headers: Headers | None = None
    extra_query: Query | None = None
    timeout: Timeout | NotGiven = NOT_GIVEN
    max_retries: int | NotGiven = NOT_GIVEN


def path_with(template: str, values: Mapping[str, str | int]) -> str:
    """`template` with each `{name}` replaced by its value, percent-encoded as one segment.

    An empty value would call a different endpoint (`/batches/` for `/batches/{id}`), so it
    raises `ValueError` before anything is sent; `.` and `..` are encoded too, because URL
    handling would otherwise resolve them as steps up the path.
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
            segment = quote(text, safe="")
        template = template.replace("{" + name + "}", segment)
    return template


def _wire_value(value: object) -> str:
    """A header or query value as it is written on the wire (OpenAPI's `simple` style)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Sequence):
        return ",".join(_wire_value(item) for item in value)
    raise TypeError(f"Cannot send a {type(value).__name__} as a header or query value")


def _query_values(query: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """Query pairs; a list repeats its key (OpenAPI's default `form`, `explode: true`), and
    `None` leaves the parameter out, as the official SDK does."""
    pairs: list[tuple[str, str]] = []
    for name, value in query.items():
        if value is None or isinstance(value, NotGiven):
            continue
        if isinstance(value, Sequence) and not isinstance(value, str):
            pairs.extend((name, _wire_value(item)) for item in value)
        else:
            pairs.append((name, _wire_value(value)))
    return tuple(pairs)


def _checked_retries(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"max_retries must be a whole number >= 0, not {value!r}")
    return value


class _SecretHidingHeaders(httpx2.Headers):
    """Request headers whose repr hides the credentials, as httpx2's hides `authorization`
    only: a request travels in every error (`error.request`), and errors end up in logs."""

    secrets: frozenset[str] = frozenset()

    def __repr__(self) -> str:
        shown = [
            (name, "[secure]" if name.lower() in self.secrets else value)
            for name, value in self.multi_items()
        ]
        return f"Headers({shown!r})"


def status_error(response: httpx2.Response) -> APIStatusError:
    """The error to raise for a non-2xx `response`, its body decoded when it is JSON."""
    try:
        body: object = response.json()
    except ValueError:
        body = response.text
    status = response.status_code
    error_class = STATUS_ERRORS.get(status)
    if error_class is None:
        error_class = SERVER_ERROR if status >= 500 else APIStatusError
    shown = repr(body)
    if len(shown) > MESSAGE_BODY_LIMIT:
        shown = shown[:MESSAGE_BODY_LIMIT] + "..."
    return error_class(f"Error code: {status} - {shown}", response=response, body=body)


def should_retry(response: httpx2.Response, idempotent: bool = True) -> bool:
    """Whether a failed response is worth another attempt; the server can say so outright."""
    override = response.headers.get("x-should-retry", "").lower()
    if override == "true":
        return True
    if override == "false":
        return False
    if not idempotent:
        return response.status_code in UNPROCESSED_STATUSES
    return response.status_code in RETRYABLE_STATUSES or response.status_code >= 500


def retry_delay(attempt: int, headers: httpx2.Headers | None) -> float:
    """Seconds to wait after failed attempt number `attempt` (0 for the first): what the
    server asks for when that is more than 0 and at most 60 s, else exponential backoff."""
    if headers is not None:
        requested = _retry_after(headers)
        if requested is not None and 0 < requested <= MAX_RETRY_AFTER:
            return requested
    # The exponent is capped before the power: 2.0**1024 would overflow a float.
    backoff = min(INITIAL_RETRY_DELAY * 2.0 ** min(attempt, 16), MAX_RETRY_DELAY)
    return backoff * (1 - 0.25 * random.random())


def _retry_after(headers: httpx2.Headers) -> float | None:
    milliseconds = headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            return float(milliseconds) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment.timestamp() - time.time()


def sleep(seconds: float) -> None:
    time.sleep(seconds)


async def async_sleep(seconds: float) -> None:
    """`asyncio.sleep`, imported on first use: asyncio costs a sync-only user 2 MB at import."""
    import asyncio

    await asyncio.sleep(seconds)


def _configure_logging() -> None:
    """Log each request to stderr when the spec's log variable is `debug` or `info`."""
    level = os.environ.get(LOG_ENV, "").lower()
    if level not in ("debug", "info") or log.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.DEBUG if level == "debug" else logging.INFO)


_configure_logging()


class BaseClient:
    """Configuration, and the parts of a call that do not wait: building and judging."""

    base_url: httpx2.URL
    max_retries: int

    def __init__(
        self,
        *,
        auth_headers: Mapping[str, str],
        base_url: str | httpx2.URL,
        timeout: Timeout,
        max_retries: int,
        default_headers: Headers | None,
        default_query: Query | None,
    ) -> None:
        self.base_url = httpx2.URL(str(base_url).rstrip("/"))
        self._url_prefix = str(self.base_url)
        self.timeout = timeout
        self.max_retries = _checked_retries(max_retries)
        self._default_headers = dict(default_headers or {})
        self._default_query = dict(default_query or {})
        self._secrets = frozenset(name.lower() for name in auth_headers)
        self._headers = {
            "accept": "application/json",
            "user-agent": USER_AGENT,
            **DEFAULT_HEADERS,
            **{name.lower(): value for name, value in self._default_headers.items()},
            **{name.lower(): value for name, value in auth_headers.items()},
        }

    def __repr__(self) -> str:
        # The credentials are left out on purpose: reprs end up in logs and tracebacks.
        return (
            f"{type(self).__name__}(base_url={str(self.base_url)!r}, "
            f"max_retries={self.max_retries}, timeout={self.timeout!r})"
        )

    def _merge_headers(self, http: httpx2.Client | httpx2.AsyncClient) -> None:
        """Merge the HTTP client's own default headers under ours, once, not on every call.

        Requests are built directly rather than through `http.build_request`, which merges
        (and re-parses) everything per call; so an `http_client`'s headers count as they are
        when this client is made, and its cookie jar is not sent.
        """
        self._request_headers = httpx2.Headers(http.headers)
        self._request_headers.update(self._headers)

    def _build_request(self, request: APIRequest[ResponseT], attempt: int) -> httpx2.Request:
        headers = self._request_headers.copy()
        for name, value in request.headers.items():
            if not isinstance(value, NotGiven):
                headers[name] = _wire_value(value)
        if request.extra_headers:
            headers.update(request.extra_headers)
        headers["x-stainless-retry-count"] = str(attempt)
        query = _query_values(
            {**self._default_query, **request.query, **(request.extra_query or {})}
        )
        if isinstance(request.timeout, NotGiven):
            timeout = self._default_timeout
        else:
            timeout = httpx2.Timeout(request.timeout).as_dict()
        body = None
        if request.body is not None:
            body = {k: v for k, v in request.body.items() if not isinstance(v, NotGiven)}
        http_request = httpx2.Request(
            request.method,
            self._url_prefix + request.path,
            headers=headers,
            params=query or None,
            json=body,
            extensions={"timeout": timeout},
        )
        hiding = _SecretHidingHeaders(http_request.headers)
        hiding.secrets = self._secrets
        http_request.headers = hiding
        return http_request

    @property
    def timeout(self) -> Timeout:
        return self._timeout

    @timeout.setter
    def timeout(self, value: Timeout) -> None:
        self._timeout = value
        self._default_timeout = httpx2.Timeout(value).as_dict()

    def _retries(self, request: APIRequest[ResponseT]) -> int:
        retries = request.max_retries
        return self.max_retries if isinstance(retries, NotGiven) else _checked_retries(retries)

    def _parse(self, request: APIRequest[ResponseT], response: httpx2.Response) -> ResponseT:
        """The 2xx `response` as the request's model, with its `request-id` kept."""
        if request.response_type is type(None):
            nothing: object = None  # no body: typed as `object` so that every checker accepts it
            return cast(ResponseT, nothing)
        model_type = cast(type[BaseModel], request.response_type)
        try:
            # pydantic decodes the JSON itself, faster than json.loads then validation.
            model = model_type.model_validate_json(response.content)
        except pydantic.ValidationError as exc:
            try:
                body: object = response.json()
            except ValueError:
                raise APIResponseValidationError(
                    response, response.text, message="The response body is not valid JSON."
                ) from None
            raise APIResponseValidationError(
                response,
                body,
                message=f"The response does not fit {model_type.__name__}: {exc}",
            ) from None
        model._request_id = response.headers.get("request-id")
        return cast(ResponseT, model)


def _log_response(response: httpx2.Response, attempt: int, started: float) -> None:
    if log.isEnabledFor(logging.DEBUG):
        request = response.request
        log.debug(
            "%s %s -> %d (attempt %d, %.3f s)",
            request.method,
            request.url,
            response.status_code,
            attempt + 1,
            time.monotonic() - started,
        )


def _log_retry(request: httpx2.Request, attempt: int, retries: int, delay: float) -> None:
    log.info(
        "Retrying %s %s in %.2f s (retry %d of %d)",
        request.method,
        request.url,
        delay,
        attempt + 1,
        retries,
    )


def _log_failure(request: httpx2.Request, attempt: int, started: float, error: Exception) -> None:
    log.debug(
        "%s %s -> %s (attempt %d, %.3f s)",
        request.method,
        request.url,
        type(error).__name__,
        attempt + 1,
        time.monotonic() - started,
    )


def _connection_error(request: httpx2.Request, error: httpx2.RequestError) -> APIConnectionError:
    if isinstance(error, httpx2.TimeoutException):
        return APITimeoutError(request)
    return APIConnectionError(request, f"Connection error: {type(error).__name__}: {error}")


# unasync: sync twin, derived from the async code below; do not edit


class SyncAPIClient(BaseClient):
    """Sends `APIRequest`s with retries over an `httpx2.Client`."""

    _http: httpx2.Client

    def __init__(
        self,
        *,
        auth_headers: Mapping[str, str],
        base_url: str | httpx2.URL,
        timeout: Timeout,
        max_retries: int,
        default_headers: Headers | None,
        default_query: Query | None,
        http_client: httpx2.Client | None,
    ) -> None:
        super().__init__(
            auth_headers=auth_headers,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx2.Client(timeout=timeout, follow_redirects=True)
        self._merge_headers(self._http)

    def request(self, request: APIRequest[ResponseT]) -> ResponseT:
        """Send `request`, retrying as the module docstring says, and parse the response.

        Under a `with_raw_response` wrapper the unparsed `APIResponse` is returned instead.
        """
        response = self._send(request)
        if RAW_RESPONSE.get():
            return cast(ResponseT, APIResponse(response, functools.partial(self._parse, request)))
        return self._parse(request, response)

    def stream_jsonl(self, request: APIRequest[ModelT]) -> SyncJSONLStream[ModelT]:
        """Send `request` and decode its JSON-lines body lazily, one model per line."""
        response = self._send(request, stream=True)
        return SyncJSONLStream(response, request.response_type)

    def _send(self, request: APIRequest[ResponseT], *, stream: bool = False) -> httpx2.Response:
        """The first 2xx response to `request`; every failure that is not retried raises.

        With `stream`, the body of a 2xx response is left unread for the caller to stream.
        """
        retries = self._retries(request)
        attempt = 0
        while True:
            http_request = self._build_request(request, attempt)
            started = time.monotonic()
            try:
                response = self._http.send(http_request, stream=stream)
                if not response.is_success:
                    try:
                        response.read()
                    finally:
                        response.close()
            except httpx2.RequestError as error:  # transport failures, bodies that fail to decode
                _log_failure(http_request, attempt, started, error)
                unsent = isinstance(error, UNSENT_ERRORS)
                if attempt >= retries or not (request.idempotent or unsent):
                    raise _connection_error(http_request, error) from error
                delay = retry_delay(attempt, None)
            else:
                _log_response(response, attempt, started)
                if response.is_success:
                    return response
                if attempt >= retries or not should_retry(response, request.idempotent):
                    raise status_error(response)
                delay = retry_delay(attempt, response.headers)
            _log_retry(http_request, attempt, retries, delay)
            sleep(delay)
            attempt += 1

    def close(self) -> None:
        """Close the connection pool, unless it is an `http_client` the caller passed in."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class SyncAPIResource:
    """A node of the resource tree; calls go through the client it was made from."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client


# unasync: async source


class AsyncAPIClient(BaseClient):
    """Sends `APIRequest`s with retries over an `httpx2.AsyncClient`."""

    _http: httpx2.AsyncClient

    def __init__(
        self,
        *,
        auth_headers: Mapping[str, str],
        base_url: str | httpx2.URL,
        timeout: Timeout,
        max_retries: int,
        default_headers: Headers | None,
        default_query: Query | None,
        http_client: httpx2.AsyncClient | None,
    ) -> None:
        super().__init__(
            auth_headers=auth_headers,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx2.AsyncClient(timeout=timeout, follow_redirects=True)
        self._merge_headers(self._http)

    async def request(self, request: APIRequest[ResponseT]) -> ResponseT:
        """Send `request`, retrying as the module docstring says, and parse the response.

        Under a `with_raw_response` wrapper the unparsed `APIResponse` is returned instead.
        """
        response = await self._send(request)
        if RAW_RESPONSE.get():
            return cast(ResponseT, APIResponse(response, functools.partial(self._parse, request)))
        return self._parse(request, response)

    async def stream_jsonl(self, request: APIRequest[ModelT]) -> AsyncJSONLStream[ModelT]:
        """Send `request` and decode its JSON-lines body lazily, one model per line."""
        response = await self._send(request, stream=True)
        return AsyncJSONLStream(response, request.response_type)

    async def _send(
        self, request: APIRequest[ResponseT], *, stream: bool = False
    ) -> httpx2.Response:
        """The first 2xx response to `request`; every failure that is not retried raises.

        With `stream`, the body of a 2xx response is left unread for the caller to stream.
        """
        retries = self._retries(request)
        attempt = 0
        while True:
            http_request = self._build_request(request, attempt)
            started = time.monotonic()
            try:
                response = await self._http.send(http_request, stream=stream)
                if not response.is_success:
                    try:
                        await response.aread()
                    finally:
                        await response.aclose()
            except httpx2.RequestError as error:  # transport failures, bodies that fail to decode
                _log_failure(http_request, attempt, started, error)
                unsent = isinstance(error, UNSENT_ERRORS)
                if attempt >= retries or not (request.idempotent or unsent):
                    raise _connection_error(http_request, error) from error
                delay = retry_delay(attempt, None)
            else:
                _log_response(response, attempt, started)
                if response.is_success:
                    return response
                if attempt >= retries or not should_retry(response, request.idempotent):
                    raise status_error(response)
                delay = retry_delay(attempt, response.headers)
            _log_retry(http_request, attempt, retries, delay)
            await async_sleep(delay)
            attempt += 1

    async def close(self) -> None:
        """Close the connection pool, unless it is an `http_client` the caller passed in."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


class AsyncAPIResource:
    """A node of the resource tree; calls go through the client it was made from."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client


# unasync: end
