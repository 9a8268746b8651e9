"""The HTTP machinery that every resource method goes through.

A method describes its call as an `APIRequest`; the client adds its credentials (`_auth`) and
default headers, sends it, retries what is safe to retry and turns the response into a model or an
error. Everything that does not wait on I/O lives once, in `BaseClient` and the functions
below; only sending, sleeping between attempts and closing differ between `AsyncAPIClient`
and its sync twin `SyncAPIClient`, which is derived from it (`generator.unasync`).
The rules for retrying are in `_retries`.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from typing import Any, Self, TypeVar, cast

import httpx2
import pydantic

from ._auth import Credentials
from ._config import DEFAULT_HEADERS, DEFAULT_TIMEOUT, USER_AGENT, ClientError
from ._errors import (
    MESSAGE_BODY_LIMIT,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
)
from ._exceptions import SERVER_ERROR, STATUS_ERRORS
from ._files import FileStream, raw_content, upload_files
from ._logs import configure_logging, log_failure, log_response, log_retry
from ._models import BaseModel
from ._redirects import MAX_REDIRECTS, redirected
from ._request import (
    APIRequest,
    SecretHidingRequest,
    cookie_header,
    form_value,
    header_values,
    hiding,
    masked,
    query_values,
    shown_url,
)
from ._response import (
    RESPONSE_MODE,
    APIResponse,
    AsyncAPIResponse,
    aread_bounded,
    close_later,
    read_bounded,
)
from ._retries import (
    UNSENT_ERRORS,
    async_sleep,
    checked_retries,
    retry_delay,
    should_retry,
    sleep,
)
from ._sse import AsyncStream, Stream
from ._streaming import AsyncJSONLStream, SyncJSONLStream
from ._types import (
    MAX_LINE_BYTES,
    NOT_GIVEN,
    EventRules,
    Headers,
    NotGiven,
    Query,
    Timeout,
    checked_max_line_bytes,
)

ResponseT = TypeVar("ResponseT")
ResultT = TypeVar("ResultT")
ModelT = TypeVar("ModelT", bound=BaseModel)

configure_logging()


def status_error(response: httpx2.Response, body: object = NOT_GIVEN) -> APIStatusError:
    """The error to raise for `response`'s status: a non-2xx one, or a 2xx stream that sent an
    error event (whose `body` is given). The body is the response's, decoded when it is JSON."""
    if isinstance(body, NotGiven):
        try:
            body = response.json()
        except (ValueError, RecursionError):  # not JSON, or nested deeper than Python recurses
            body = response.text
    status = response.status_code
    error_class = STATUS_ERRORS.get(status)
    if error_class is None:
        error_class = SERVER_ERROR if status >= 500 else APIStatusError
    shown = repr(body)
    if len(shown) > MESSAGE_BODY_LIMIT:
        shown = shown[:MESSAGE_BODY_LIMIT] + "..."
    return error_class(f"Error code: {status} - {shown}", response=response, body=body)


class BaseClient:
    """Configuration, and the parts of a call that do not wait: building and judging."""

    base_url: httpx2.URL
    max_retries: int

    def __init__(
        self,
        *,
        credentials: Credentials,
        base_url: str | httpx2.URL,
        timeout: Timeout,
        max_retries: int,
        default_headers: Headers | None,
        default_query: Query | None,
        max_line_bytes: int = MAX_LINE_BYTES,
    ) -> None:
        self.base_url = httpx2.URL(str(base_url).rstrip("/"))
        self._url_prefix = str(self.base_url)
        self.timeout = timeout
        self.max_retries = checked_retries(max_retries)
        self.max_line_bytes = max_line_bytes
        self._default_headers = dict(default_headers or {})
        self._default_query = dict(default_query or {})
        credentials.check()
        self._credentials = credentials
        self._secrets = credentials.hidden_headers
        self._secret_query = frozenset(credentials.query)
        self._headers = {
            "accept": "application/json",
            "user-agent": USER_AGENT,
            **DEFAULT_HEADERS,
            **{name.lower(): value for name, value in self._default_headers.items()},
            **{name.lower(): value for name, value in credentials.headers.items()},
        }
        cookie = credentials.cookie_header(self._headers.get("cookie"))
        if cookie is not None:
            self._headers["cookie"] = cookie

    def __repr__(self) -> str:
        # The credentials are left out on purpose: reprs end up in logs and tracebacks.
        return (
            f"{type(self).__name__}(base_url={shown_url(self.base_url)!r}, "
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

    def _build_request(
        self, request: APIRequest[ResponseT], attempt: int, opened: ExitStack
    ) -> httpx2.Request:
        """The HTTP request of attempt number `attempt`; files it sends are opened in
        `opened`, which the caller closes once the request is sent."""
        headers = self._request_headers.copy()
        headers.update(header_values(request.headers))
        cookie = cookie_header(request.cookies)
        if cookie is not None:
            # After the client's own (`default_headers`, a cookie credential); a per-call
            # `extra_headers` cookie replaces them all.
            headers["cookie"] = f"{headers['cookie']}; {cookie}" if "cookie" in headers else cookie
        if request.extra_headers:
            headers.update(request.extra_headers)
        headers["x-stainless-retry-count"] = str(attempt)
        # Credentials over the default query, as over the default headers; a call's own over both.
        query = query_values(
            {
                **self._default_query,
                **self._credentials.query,
                **request.query,
                **(request.extra_query or {}),
            }
        )
        if isinstance(request.timeout, NotGiven):
            timeout = self._default_timeout
        else:
            timeout = httpx2.Timeout(request.timeout).as_dict()
        body = _body(request, opened)
        stream = body.pop("stream", None)
        http_request = SecretHidingRequest(
            request.method,
            _url(request, self._url_prefix, query),
            headers=headers,
            params=None if request.url else query or None,
            extensions={"timeout": timeout},
            **body,
        )
        if isinstance(stream, FileStream):
            # Set after the request is made, which gives it its `host` (httpx2 adds none to a
            # request made with a stream) and a `content-length: 0` this replaces.
            http_request.stream = stream
            vars(http_request).pop("_content", None)  # the empty body read when it was made
            http_request.headers.pop("content-length", None)
            http_request.headers.update(stream.headers)
        return hiding(http_request, self._secrets, self._secret_query)

    @property
    def max_line_bytes(self) -> int:
        """The longest line a stream of this client reads (JSON lines; server-sent events,
        where an event's data lines count as one): past it, the stream raises
        `LineTooLongError` rather than hold a body without line ends in memory."""
        return self._max_line_bytes

    @max_line_bytes.setter
    def max_line_bytes(self, value: int) -> None:
        self._max_line_bytes = checked_max_line_bytes(value)

    @property
    def timeout(self) -> Timeout:
        return self._timeout

    @timeout.setter
    def timeout(self, value: Timeout) -> None:
        self._timeout = value
        self._default_timeout = httpx2.Timeout(value).as_dict()

    def own_url(self, value: object, unavailable: str) -> str:
        """`value`, a URL the API gave back, made whole against the base URL; `unavailable`
        is the error when there is none. The client sends its credentials to no other host
        than its base URL's, so a URL on another one is refused rather than followed."""
        if not isinstance(value, str) or not value:
            raise ClientError(unavailable)
        url = self.base_url.join(value)
        base = self.base_url
        if (url.scheme, url.host, url.port) != (base.scheme, base.host, base.port):
            raise ClientError(
                f"The API gave back a URL on another host ({url.scheme}://{url.host}); "
                f"the client sends its credentials only to {base.scheme}://{base.host}"
            )
        return str(url)

    def _retries(self, request: APIRequest[ResponseT]) -> int:
        retries = request.max_retries
        return self.max_retries if isinstance(retries, NotGiven) else checked_retries(retries)

    def parse(self, request: APIRequest[ResponseT], response: httpx2.Response) -> ResponseT:
        """The 2xx `response` as the request's model, with its `request-id` kept."""
        if request.response_type is type(None):
            nothing: object = None  # no body: typed as `object` so that every checker accepts it
            return cast(ResponseT, nothing)
        kind: Any = request.response_type
        try:
            model = BaseModel.parse_response(
                kind, response.content, response.headers.get("request-id")
            )
        except (pydantic.ValidationError, RecursionError) as exc:
            try:
                body: object = response.json()
            except (ValueError, RecursionError):
                raise APIResponseValidationError(
                    response, response.text, message="The response body is not valid JSON."
                ) from None
            raise APIResponseValidationError(
                response,
                body,
                message=f"The response does not fit {getattr(kind, '__name__', kind)}: {exc}",
            ) from None
        return cast(ResponseT, model)


def _url(request: APIRequest[Any], prefix: str, query: tuple[tuple[str, str], ...]) -> str:
    """Where `request` goes: its path under `prefix` (the query is added by httpx2), or the
    whole URL the API gave back with `query` merged into its own, which it keeps: `params`
    would replace it, and a followed URL's query is part of where it leads."""
    if request.url is None:
        return prefix + request.path
    if not query:
        return request.url
    return str(httpx2.URL(request.url).copy_merge_params(query))


def _content(response: httpx2.Response) -> bytes:
    return response.content


def _text(response: httpx2.Response) -> str:
    """The body as text, decoded per the response's charset (UTF-8 when it names none)."""
    return response.text


def _body(request: APIRequest[Any], opened: ExitStack) -> dict[str, Any]:
    """httpx2's body arguments for `request`: `json`; `data` and `files` for a form; `content`
    or a `stream` for raw content."""
    given = None if isinstance(request.body, NotGiven) else request.body
    if given is None and not request.extra_body and not request.files:
        return {}
    if given is not None and not isinstance(given, Mapping):
        # A whole body that is not an object: a JSON array or scalar, or raw content.
        if request.extra_body:
            raise TypeError("`extra_body` adds properties to an object, and this body is not one")
        if request.encoding == "raw":
            content = raw_content(given, opened)
            return {"stream": content} if isinstance(content, FileStream) else {"content": content}
        return {"json": given}
    merged = {**cast(Mapping[str, object], given or {}), **(request.extra_body or {})}
    body = {k: v for k, v in merged.items() if not isinstance(v, NotGiven)}
    if request.encoding == "json":
        return {"json": body}
    if request.encoding == "form":
        return {
            "data": {name: _form_field(value) for name, value in body.items() if value is not None}
        }
    data = {name: form_value(value) for name, value in body.items()}
    files = {k: v for k, v in (request.files or {}).items() if not isinstance(v, NotGiven)}
    return {"data": data, "files": upload_files(files, opened)}


def _form_field(value: object) -> str | list[str]:
    """A urlencoded field's value: a list repeats its key (OpenAPI's `form`, `explode: true`,
    and what Twilio's own SDK sends: `StatusCallbackEvent=initiated&StatusCallbackEvent=ringing`),
    booleans are `true`/`false`, an object is its JSON."""
    if isinstance(value, list | tuple):
        return [form_value(item) for item in cast(list[object], value)]
    return form_value(value)


def close_dropped(http: httpx2.Client | httpx2.AsyncClient) -> None:
    """Close the connection pool of a client dropped without `close()`, so that its sockets
    are not left to the garbage collector (and its `ResourceWarning`). An async pool cannot be
    closed without awaiting: its closing is left to the running event loop, if there is one,
    as the official SDK does."""
    if http.is_closed:
        return
    if isinstance(http, httpx2.Client):
        http.close()
        return
    close_later(http.aclose)


def _connection_error(request: httpx2.Request, error: httpx2.RequestError) -> APIConnectionError:
    """The error a failed attempt raises; a transport's message may hold the URL, and so the
    query credentials, which are masked."""
    if isinstance(error, httpx2.TimeoutException):
        return APITimeoutError(request)
    message = f"Connection error: {type(error).__name__}: {error}"
    return APIConnectionError(request, masked(message, request))


# unasync: sync twin, derived from the async code below; do not edit


class SyncAPIClient(BaseClient):
    """Sends `APIRequest`s with retries over an `httpx2.Client`."""

    _http: httpx2.Client

    def __init__(
        self,
        *,
        credentials: Credentials,
        base_url: str | httpx2.URL,
        timeout: Timeout | NotGiven,
        max_retries: int,
        default_headers: Headers | None,
        default_query: Query | None,
        http_client: httpx2.Client | None,
        max_line_bytes: int = MAX_LINE_BYTES,
    ) -> None:
        if isinstance(timeout, NotGiven):
            # A caller's http_client keeps its own timeout unless one is passed here.
            timeout = DEFAULT_TIMEOUT if http_client is None else http_client.timeout
        super().__init__(
            credentials=credentials,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            max_line_bytes=max_line_bytes,
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx2.Client(timeout=timeout, follow_redirects=True)
        self._merge_headers(self._http)

    def request(self, request: APIRequest[ResponseT]) -> ResponseT:
        """Send `request`, retrying as `_retries` says, and parse the response."""
        return self.request_with(request, functools.partial(self.parse, request))

    def stream_jsonl(self, request: APIRequest[ModelT]) -> SyncJSONLStream[ModelT]:
        """Send `request` and decode its JSON-lines body lazily, one model per line."""
        model_type = request.response_type
        return self.request_with(
            request,
            lambda response: SyncJSONLStream(response, model_type, self.max_line_bytes),
            streamed=True,
        )

    def followed_url(self, source: APIRequest[Any], field: str, unavailable: str) -> str:
        """The URL in `field` of `source`'s response (see `own_url`). `source` is parsed
        whatever the method's wrapper: its response is a step, not the method's result."""
        token = RESPONSE_MODE.set("parsed")
        try:
            model = self.request(source)
        finally:
            RESPONSE_MODE.reset(token)
        return self.own_url(getattr(model, field, None), unavailable)

    def stream_events(
        self, request: APIRequest[Any], event_type: Any, rules: EventRules
    ) -> Stream[Any]:
        """Send `request` and read its server-sent events lazily, each as `event_type`."""

        def stream(response: httpx2.Response) -> Stream[Any]:
            request_id = response.headers.get("request-id")
            return Stream(
                response,
                lambda data: BaseModel.parse_response(event_type, data, request_id),
                rules,
                status_error,
                self.max_line_bytes,
            )

        return self.request_with(request, stream, streamed=True)

    def request_binary(self, request: APIRequest[Any]) -> APIResponse[bytes]:
        """Send `request` for a body of bytes: read whole, unless under
        `with_streaming_response`, where it is read as the caller asks (`iter_bytes`,
        `write_to_file`)."""
        return self.request_with(request, lambda response: APIResponse(response, _content))

    def request_text(self, request: APIRequest[Any]) -> str:
        """Send `request` for a body of text (`text/plain`, XML, CSV...), decoded per the
        response's charset."""
        return self.request_with(request, _text)

    def request_with(
        self,
        request: APIRequest[Any],
        parser: Callable[[httpx2.Response], ResultT],
        *,
        streamed: bool = False,
    ) -> ResultT:
        """Send `request` and turn its 2xx response into `parser`'s result; a `streamed` one
        leaves the body unread for the result to read as it goes.

        Under `with_raw_response`, the read `APIResponse` is returned instead, and under
        `with_streaming_response` the unread one; their `parse()` gives the result.
        """
        mode = RESPONSE_MODE.get()
        response, retries = self._send(request, stream=streamed or mode == "stream")
        if mode == "parsed":
            return parser(response)
        if mode == "raw":
            if streamed:
                read_bounded(response)
            return cast(ResultT, APIResponse(response, parser, retries_taken=retries))
        return cast(
            ResultT,
            APIResponse(response, parser, retries_taken=retries, streamed=streamed),
        )

    def _send(
        self, request: APIRequest[Any], *, stream: bool = False
    ) -> tuple[httpx2.Response, int]:
        """The first 2xx response to `request`, and how many retries it took; every failure
        that is not retried raises.

        With `stream`, the body of a 2xx response is left unread for the caller to stream.
        """
        with ExitStack() as opened:  # files a multipart body streams from, closed once sent
            return self._send_opened(request, stream, opened)

    def _send_opened(
        self, request: APIRequest[Any], stream: bool, opened: ExitStack
    ) -> tuple[httpx2.Response, int]:
        """`_send`, with the files the request sends opened in `opened`."""
        retries = self._retries(request)
        attempt = 0
        while True:
            http_request = self._build_request(request, attempt, opened)
            started = time.monotonic()
            try:
                # The body is always read here rather than by httpx2, to bound decompression.
                response = self._send_following(http_request, stream=True)
                if not response.is_success or not stream:
                    try:
                        read_bounded(response)
                    finally:
                        response.close()
            except httpx2.RequestError as error:  # transport failures, bodies that fail to decode
                log_failure(http_request, attempt, started, error)
                unsent = isinstance(error, UNSENT_ERRORS)
                if attempt >= retries or not (request.idempotent or unsent):
                    raise _connection_error(http_request, error) from error
                delay = retry_delay(attempt, None)
            else:
                log_response(response, attempt, started)
                if response.is_success:
                    return response, attempt
                if attempt >= retries or not should_retry(response, request.idempotent):
                    raise status_error(response)
                delay = retry_delay(attempt, response.headers)
            log_retry(http_request, attempt, retries, delay)
            sleep(delay)
            attempt += 1

    def _send_following(self, http_request: httpx2.Request, stream: bool) -> httpx2.Response:
        """Send `http_request`, following redirects as `_redirects` says."""
        for _ in range(MAX_REDIRECTS):
            response = self._http.send(http_request, stream=stream, follow_redirects=False)
            try:
                following = redirected(response, self.base_url, self._credentials)
            except BaseException:  # a redirect refused: its connection goes back all the same
                response.close()
                raise
            if following is None:
                return response
            response.close()
            http_request = following
        raise httpx2.TooManyRedirects("Exceeded the maximum of redirects", request=http_request)

    def close(self) -> None:
        """Close the connection pool, unless it is an `http_client` the caller passed in."""
        if self._owns_http:
            self._http.close()

    def __del__(self) -> None:
        if getattr(self, "_owns_http", False):
            close_dropped(self._http)

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
        credentials: Credentials,
        base_url: str | httpx2.URL,
        timeout: Timeout | NotGiven,
        max_retries: int,
        default_headers: Headers | None,
        default_query: Query | None,
        http_client: httpx2.AsyncClient | None,
        max_line_bytes: int = MAX_LINE_BYTES,
    ) -> None:
        if isinstance(timeout, NotGiven):
            # A caller's http_client keeps its own timeout unless one is passed here.
            timeout = DEFAULT_TIMEOUT if http_client is None else http_client.timeout
        super().__init__(
            credentials=credentials,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            max_line_bytes=max_line_bytes,
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx2.AsyncClient(timeout=timeout, follow_redirects=True)
        self._merge_headers(self._http)

    async def request(self, request: APIRequest[ResponseT]) -> ResponseT:
        """Send `request`, retrying as `_retries` says, and parse the response."""
        return await self.request_with(request, functools.partial(self.parse, request))

    async def stream_jsonl(self, request: APIRequest[ModelT]) -> AsyncJSONLStream[ModelT]:
        """Send `request` and decode its JSON-lines body lazily, one model per line."""
        model_type = request.response_type
        return await self.request_with(
            request,
            lambda response: AsyncJSONLStream(response, model_type, self.max_line_bytes),
            streamed=True,
        )

    async def followed_url(self, source: APIRequest[Any], field: str, unavailable: str) -> str:
        """The URL in `field` of `source`'s response (see `own_url`). `source` is parsed
        whatever the method's wrapper: its response is a step, not the method's result."""
        token = RESPONSE_MODE.set("parsed")
        try:
            model = await self.request(source)
        finally:
            RESPONSE_MODE.reset(token)
        return self.own_url(getattr(model, field, None), unavailable)

    async def stream_events(
        self, request: APIRequest[Any], event_type: Any, rules: EventRules
    ) -> AsyncStream[Any]:
        """Send `request` and read its server-sent events lazily, each as `event_type`."""

        def stream(response: httpx2.Response) -> AsyncStream[Any]:
            request_id = response.headers.get("request-id")
            return AsyncStream(
                response,
                lambda data: BaseModel.parse_response(event_type, data, request_id),
                rules,
                status_error,
                self.max_line_bytes,
            )

        return await self.request_with(request, stream, streamed=True)

    async def request_binary(self, request: APIRequest[Any]) -> AsyncAPIResponse[bytes]:
        """Send `request` for a body of bytes: read whole, unless under
        `with_streaming_response`, where it is read as the caller asks (`iter_bytes`,
        `write_to_file`)."""
        return await self.request_with(
            request, lambda response: AsyncAPIResponse(response, _content)
        )

    async def request_text(self, request: APIRequest[Any]) -> str:
        """Send `request` for a body of text (`text/plain`, XML, CSV...), decoded per the
        response's charset."""
        return await self.request_with(request, _text)

    async def request_with(
        self,
        request: APIRequest[Any],
        parser: Callable[[httpx2.Response], ResultT],
        *,
        streamed: bool = False,
    ) -> ResultT:
        """Send `request` and turn its 2xx response into `parser`'s result; a `streamed` one
        leaves the body unread for the result to read as it goes.

        Under `with_raw_response`, the read `APIResponse` is returned instead, and under
        `with_streaming_response` the unread one; their `parse()` gives the result.
        """
        mode = RESPONSE_MODE.get()
        response, retries = await self._send(request, stream=streamed or mode == "stream")
        if mode == "parsed":
            return parser(response)
        if mode == "raw":
            if streamed:
                await aread_bounded(response)
            return cast(ResultT, APIResponse(response, parser, retries_taken=retries))
        return cast(
            ResultT,
            AsyncAPIResponse(response, parser, retries_taken=retries, streamed=streamed),
        )

    async def _send(
        self, request: APIRequest[Any], *, stream: bool = False
    ) -> tuple[httpx2.Response, int]:
        """The first 2xx response to `request`, and how many retries it took; every failure
        that is not retried raises.

        With `stream`, the body of a 2xx response is left unread for the caller to stream.
        """
        with ExitStack() as opened:  # files a multipart body streams from, closed once sent
            return await self._send_opened(request, stream, opened)

    async def _send_opened(
        self, request: APIRequest[Any], stream: bool, opened: ExitStack
    ) -> tuple[httpx2.Response, int]:
        """`_send`, with the files the request sends opened in `opened`."""
        retries = self._retries(request)
        attempt = 0
        while True:
            http_request = self._build_request(request, attempt, opened)
            started = time.monotonic()
            try:
                # The body is always read here rather than by httpx2, to bound decompression.
                response = await self._send_following(http_request, stream=True)
                if not response.is_success or not stream:
                    try:
                        await aread_bounded(response)
                    finally:
                        await response.aclose()
            except httpx2.RequestError as error:  # transport failures, bodies that fail to decode
                log_failure(http_request, attempt, started, error)
                unsent = isinstance(error, UNSENT_ERRORS)
                if attempt >= retries or not (request.idempotent or unsent):
                    raise _connection_error(http_request, error) from error
                delay = retry_delay(attempt, None)
            else:
                log_response(response, attempt, started)
                if response.is_success:
                    return response, attempt
                if attempt >= retries or not should_retry(response, request.idempotent):
                    raise status_error(response)
                delay = retry_delay(attempt, response.headers)
            log_retry(http_request, attempt, retries, delay)
            await async_sleep(delay)
            attempt += 1

    async def _send_following(self, http_request: httpx2.Request, stream: bool) -> httpx2.Response:
        """Send `http_request`, following redirects as `_redirects` says."""
        for _ in range(MAX_REDIRECTS):
            response = await self._http.send(http_request, stream=stream, follow_redirects=False)
            try:
                following = redirected(response, self.base_url, self._credentials)
            except BaseException:  # a redirect refused: its connection goes back all the same
                await response.aclose()
                raise
            if following is None:
                return response
            await response.aclose()
            http_request = following
        raise httpx2.TooManyRedirects("Exceeded the maximum of redirects", request=http_request)

    async def close(self) -> None:
        """Close the connection pool, unless it is an `http_client` the caller passed in."""
        if self._owns_http:
            await self._http.aclose()

    def __del__(self) -> None:
        if getattr(self, "_owns_http", False):
            close_dropped(self._http)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


class AsyncAPIResource:
    """A node of the resource tree; calls go through the client it was made from."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client


# unasync: end
