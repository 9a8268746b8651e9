"""Pins `_base_client`: the error a failed response raises, how a request is built, and the
sync and async clients' send loop over an `httpx2.MockTransport`.

- `status_error`: the class from the config's status table (the golden package's: 404
  `NotFoundError`, 409 `ConflictError`), else `ServerError` from 500 up and plain
  `APIStatusError` below; the decoded JSON body, or the text; the message cut at
  `MESSAGE_BODY_LIMIT`.
- `BaseClient`: headers merged as http client < built-in < `DEFAULT_HEADERS` <
  `default_headers` < auth headers, case-insensitively; `_build_request` leaves NOT_GIVEN out,
  sends None in a body as JSON null, writes `Styled` query values in their style, sends the
  cookie parameters in one `cookie` header (after a default one; `extra_headers` replaces
  it), applies `extra_headers` / `extra_query`, sets
  `x-stainless-retry-count`, keeps the encoded path, and its headers' repr hides the auth
  header.
- Credentials beyond headers: a query credential goes over the default query and under the
  call's own, is hidden in the request's repr, a raw response's, errors and log lines, is
  added to a followed URL (which keeps its own query), kept across a redirect within the
  origin and dropped across origins, and masked in httpx2's own log line too; a cookie credential follows a default `cookie` header.
- `SyncAPIClient` / `AsyncAPIClient`: a 503 retried then a success, the mapped class raised for
  a 404 without a retry, non-idempotent requests retried only when unprocessed, retries
  bounded by `max_retries`, and an `APIResponse` under `to_raw_response` /
  `async_to_raw_response`.
"""

from __future__ import annotations

import asyncio
import importlib
import io
import json
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

import httpx2
import pytest

from generator.runtime import _base_client, _response
from generator.runtime._auth import Credentials
from generator.runtime._base_client import AsyncAPIClient, BaseClient, SyncAPIClient, status_error
from generator.runtime._config import USER_AGENT
from generator.runtime._errors import (
    MESSAGE_BODY_LIMIT,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
)
from generator.runtime._models import BaseModel
from generator.runtime._request import APIRequest, Styled
from generator.runtime._response import RESPONSE_MODE, APIResponse
from generator.runtime._types import NOT_GIVEN

BASE_URL = "https://api.example.com"
API_KEY = "sk-secret-key"
Handler = Callable[[httpx2.Request], httpx2.Response]

# The golden package's own classes, which the runtime's stubs do not name.
_golden_config = importlib.import_module("generator.runtime._config")
_golden_exceptions = importlib.import_module("generator.runtime._exceptions")
WidgetsError: type[Exception] = _golden_config.WidgetsError
NotFoundError: type[APIStatusError] = _golden_exceptions.NotFoundError
ConflictError: type[APIStatusError] = _golden_exceptions.ConflictError
ServerError: type[APIStatusError] = _golden_exceptions.ServerError


class Widget(BaseModel):
    id: str


def get_widget(**options: Any) -> APIRequest[Widget]:
    return APIRequest("GET", "/v1/widgets/w1", Widget, **options)


def create_widget(**options: Any) -> APIRequest[Widget]:
    return APIRequest("POST", "/v1/widgets", Widget, idempotent=False, body={"id": "w1"}, **options)


# status_error


def _failed(status: int, **content: Any) -> httpx2.Response:
    request = httpx2.Request("GET", f"{BASE_URL}/v1/widgets/w1")
    return httpx2.Response(status, request=request, headers={"request-id": "req_7"}, **content)


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (404, NotFoundError),
        (409, ConflictError),
        (500, ServerError),
        (502, ServerError),
        (503, ServerError),
        (529, ServerError),
        (599, ServerError),
        (400, APIStatusError),
        (401, APIStatusError),
        (422, APIStatusError),
        (429, APIStatusError),
        (499, APIStatusError),
    ],
)
def test_status_error_picks_the_class_for_the_status(
    status: int, error_class: type[APIStatusError]
) -> None:
    error = status_error(_failed(status, json={"error": "x"}))
    assert type(error) is error_class
    assert isinstance(error, WidgetsError)
    assert error.status_code == status


def test_status_error_reads_the_table_of_the_config_before_the_5xx_fallback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_base_client, "STATUS_ERRORS", {503: ConflictError})
    assert type(status_error(_failed(503))) is ConflictError
    assert type(status_error(_failed(404))) is APIStatusError
    assert type(status_error(_failed(500))) is ServerError


def test_status_error_keeps_the_decoded_json_body() -> None:
    body = {"type": "error", "error": {"type": "not_found_error", "message": "No such widget"}}
    response = _failed(404, json=body)
    error = status_error(response)
    assert error.body == body
    assert error.message == f"Error code: 404 - {body!r}"
    assert str(error) == error.message
    assert error.response is response
    assert error.request is response.request
    assert error.request_id == "req_7"


@pytest.mark.parametrize("text", ["upstream exploded", "<html>502</html>", "{not json", ""])
def test_status_error_keeps_the_text_of_a_body_that_is_not_json(text: str) -> None:
    error = status_error(_failed(502, text=text))
    assert error.body == text
    assert error.message == f"Error code: 502 - {text!r}"


def test_status_error_cuts_a_long_body_in_the_message_only() -> None:
    text = "x" * (MESSAGE_BODY_LIMIT * 2)
    error = status_error(_failed(500, text=text))
    assert error.message == f"Error code: 500 - {repr(text)[:MESSAGE_BODY_LIMIT]}..."
    assert error.body == text


def test_status_error_cuts_a_long_json_body_in_the_message_only() -> None:
    body = {"detail": "z" * 2000}
    error = status_error(_failed(400, json=body))
    assert error.message == f"Error code: 400 - {repr(body)[:MESSAGE_BODY_LIMIT]}..."
    assert error.body == body


def test_status_error_keeps_a_body_exactly_at_the_limit_whole() -> None:
    text = "y" * (MESSAGE_BODY_LIMIT - 2)  # its repr, quotes included, is exactly the limit
    error = status_error(_failed(500, text=text))
    assert error.message == f"Error code: 500 - {text!r}"


# BaseClient: headers


def base_client(
    *,
    auth_headers: dict[str, str] | None = None,
    auth_query: dict[str, str] | None = None,
    auth_cookies: dict[str, str] | None = None,
    default_headers: dict[str, str] | None = None,
    default_query: dict[str, object] | None = None,
    http_headers: dict[str, str] | None = None,
    base_url: str = BASE_URL,
) -> BaseClient:
    client = BaseClient(
        credentials=Credentials(
            headers={"x-api-key": API_KEY} if auth_headers is None else auth_headers,
            query=auth_query or {},
            cookies=auth_cookies or {},
        ),
        base_url=base_url,
        timeout=5.0,
        max_retries=2,
        default_headers=default_headers,
        default_query=default_query,
    )
    with httpx2.Client(headers=http_headers) as http:
        client._merge_headers(http)
    return client


def test_the_built_in_headers_ask_for_json_as_this_client() -> None:
    headers = base_client()._build_request(get_widget(), 0, ExitStack()).headers
    assert headers["accept"] == "application/json"
    assert headers["user-agent"] == USER_AGENT
    assert headers["x-api-key"] == API_KEY


def test_headers_merge_built_in_then_config_then_default_headers_then_auth(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        _base_client,
        "DEFAULT_HEADERS",
        {"user-agent": "config-agent", "x-config": "config", "x-shared": "config"},
    )
    client = base_client(
        auth_headers={"Authorization": "Bearer token"},
        default_headers={"X-Shared": "default", "X-Default": "d", "authorization": "from-default"},
        http_headers={"x-http": "http", "X-Shared": "http", "Accept": "*/*"},
    )
    headers = client._build_request(get_widget(), 0, ExitStack()).headers
    assert headers["x-http"] == "http"
    assert headers["accept"] == "application/json"
    assert headers["user-agent"] == "config-agent"
    assert headers["x-config"] == "config"
    assert headers["x-shared"] == "default"
    assert headers["x-default"] == "d"
    assert headers["authorization"] == "Bearer token"
    for name in ("accept", "user-agent", "x-shared", "authorization"):
        assert len(headers.get_list(name)) == 1, name


def test_default_headers_override_the_built_in_ones_whatever_their_case() -> None:
    client = base_client(default_headers={"User-Agent": "mine", "ACCEPT": "text/plain"})
    headers = client._build_request(get_widget(), 0, ExitStack()).headers
    assert headers.get_list("user-agent") == ["mine"]
    assert headers.get_list("accept") == ["text/plain"]


def test_auth_headers_override_default_headers_whatever_their_case() -> None:
    client = base_client(
        auth_headers={"X-Api-Key": API_KEY}, default_headers={"x-api-key": "stale"}
    )
    assert client._build_request(get_widget(), 0, ExitStack()).headers.get_list("x-api-key") == [
        API_KEY
    ]


# BaseClient: _build_request


def test_build_request_leaves_not_given_headers_out_and_writes_the_others() -> None:
    request = get_widget(headers={"x-skip": NOT_GIVEN, "x-count": 2, "x-flag": True, "x-l": [1, 2]})
    headers = base_client()._build_request(request, 0, ExitStack()).headers
    assert "x-skip" not in headers
    assert (headers["x-count"], headers["x-flag"], headers["x-l"]) == ("2", "true", "1,2")


def test_build_request_sends_none_as_json_null_and_leaves_not_given_out() -> None:
    request = create_widget()
    request.body = {"name": "w", "color": NOT_GIVEN, "note": None, "tags": []}
    built = base_client()._build_request(request, 0, ExitStack())
    assert built.method == "POST"
    assert json.loads(built.content) == {"name": "w", "note": None, "tags": []}
    assert built.headers["content-type"] == "application/json"


def test_build_request_sends_a_whole_json_value_that_is_no_object() -> None:
    request = create_widget()
    request.body = ["a", None]
    built = base_client()._build_request(request, 0, ExitStack())
    assert json.loads(built.content) == ["a", None]
    assert built.headers["content-type"] == "application/json"


def test_build_request_writes_a_form_as_twilio_reads_it() -> None:
    request = create_widget(encoding="form")
    request.body = {"To": "+1", "Event": ["a", "b"], "Record": True, "Skip": None, "P": {"k": 1}}
    built = base_client()._build_request(request, 0, ExitStack())
    assert built.content == b"To=%2B1&Event=a&Event=b&Record=true&P=%7B%22k%22%3A+1%7D"


class Unseekable(io.RawIOBase):
    """A pipe-like binary file: read in chunks, no length, no seeking."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_build_request_sends_raw_content_of_each_kind() -> None:
    def built(content: object) -> httpx2.Request:
        request = create_widget(encoding="raw", headers={"content-type": "image/png"})
        request.body = content
        return base_client()._build_request(request, 0, ExitStack())

    assert built(b"\x00\x01").content == b"\x00\x01"
    assert built("é").content == "é".encode()
    from_file = built(io.BytesIO(b"x" * 100_000))
    assert (from_file.read(), from_file.headers["content-length"]) == (b"x" * 100_000, "100000")
    assert from_file.headers["content-type"] == "image/png" and "host" in from_file.headers
    unseekable = built(Unseekable(b"y" * 70_000))
    assert unseekable.headers["transfer-encoding"] == "chunked"
    assert "content-length" not in unseekable.headers
    assert unseekable.read() == b"y" * 70_000


def test_build_request_refuses_extra_body_beside_a_body_that_is_no_object() -> None:
    request = create_widget(encoding="raw", extra_body={"a": 1})
    request.body = b"bytes"
    with pytest.raises(TypeError, match="extra_body"):
        base_client()._build_request(request, 0, ExitStack())


def test_build_request_without_a_body_sends_no_content() -> None:
    built = base_client()._build_request(get_widget(), 0, ExitStack())
    assert built.content == b""
    assert "content-type" not in built.headers


def test_build_request_extra_headers_go_over_the_others() -> None:
    request = get_widget(headers={"x-count": 2}, extra_headers={"X-Count": "9", "x-extra": "e"})
    headers = (
        base_client(default_headers={"x-extra": "default"})
        ._build_request(request, 0, ExitStack())
        .headers
    )
    assert headers.get_list("x-count") == ["9"]
    assert headers.get_list("x-extra") == ["e"]


def test_build_request_merges_default_query_then_query_then_extra_query() -> None:
    request = get_widget(
        query={"limit": 3, "after": NOT_GIVEN, "before": None, "expand": ["a", "b"]},
        extra_query={"trace": None, "extra": "x", "v": "3"},
    )
    client = base_client(default_query={"v": "2", "trace": "on"})
    url = client._build_request(request, 0, ExitStack()).url
    assert url.params.multi_items() == [
        ("v", "3"),
        ("limit", "3"),
        ("expand", "a"),
        ("expand", "b"),
        ("extra", "x"),
    ]


def test_build_request_writes_styled_query_values_in_their_style() -> None:
    request = get_widget(
        query={
            "metadata": Styled({"team": "core", "tier": "2"}, "deepObject", True),
            "ids": Styled(["a", "b"], "form", False),
            "effective_at": {"gte": 1, "lt": 5},
            "missing": Styled(NOT_GIVEN, "deepObject", True),
        }
    )
    url = base_client()._build_request(request, 0, ExitStack()).url
    assert url.params.multi_items() == [
        ("metadata[team]", "core"),
        ("metadata[tier]", "2"),
        ("ids", "a,b"),
        ("gte", "1"),
        ("lt", "5"),
    ]


def test_build_request_sends_cookie_parameters_in_one_cookie_header() -> None:
    request = get_widget(cookies={"session": "s 1", "theme": "dark", "gone": NOT_GIVEN})
    headers = base_client()._build_request(request, 0, ExitStack()).headers
    assert headers.get_list("cookie") == ["session=s%201; theme=dark"]


def test_build_request_sends_no_cookie_header_without_a_cookie_given() -> None:
    request = get_widget(cookies={"session": NOT_GIVEN})
    assert "cookie" not in base_client()._build_request(request, 0, ExitStack()).headers


def test_build_request_adds_cookie_parameters_after_a_default_cookie() -> None:
    client = base_client(default_headers={"Cookie": "tracking=off"})
    request = get_widget(cookies={"session": "s1"})
    headers = client._build_request(request, 0, ExitStack()).headers
    assert headers.get_list("cookie") == ["tracking=off; session=s1"]


def test_build_request_extra_headers_replace_the_cookie_header() -> None:
    request = get_widget(cookies={"session": "s1"}, extra_headers={"cookie": "mine=1"})
    headers = base_client()._build_request(request, 0, ExitStack()).headers
    assert headers.get_list("cookie") == ["mine=1"]


def test_build_request_joins_the_base_url_and_keeps_the_encoded_path() -> None:
    client = base_client(base_url="https://api.example.com/prefix/")
    request = APIRequest("GET", "/v1/widgets/a%2Fb%20c", Widget)
    url = client._build_request(request, 0, ExitStack()).url
    assert str(url) == "https://api.example.com/prefix/v1/widgets/a%2Fb%20c"
    assert url.raw_path == b"/prefix/v1/widgets/a%2Fb%20c"


@pytest.mark.parametrize("attempt", [0, 1, 3])
def test_build_request_sets_the_retry_count_over_every_other_header(attempt: int) -> None:
    request = get_widget(extra_headers={"x-stainless-retry-count": "99"})
    headers = base_client()._build_request(request, attempt, ExitStack()).headers
    assert headers.get_list("x-stainless-retry-count") == [str(attempt)]


def test_build_request_applies_the_client_or_request_timeout() -> None:
    client = base_client()
    assert client._build_request(get_widget(), 0, ExitStack()).extensions["timeout"] == {
        "connect": 5.0,
        "read": 5.0,
        "write": 5.0,
        "pool": 5.0,
    }
    timeouts = client._build_request(get_widget(timeout=1.5), 0, ExitStack()).extensions["timeout"]
    assert set(timeouts.values()) == {1.5}
    unlimited = client._build_request(get_widget(timeout=None), 0, ExitStack()).extensions[
        "timeout"
    ]
    assert set(unlimited.values()) == {None}


@pytest.mark.parametrize("auth_name", ["x-api-key", "X-Api-Key"])
def test_build_request_headers_repr_hides_the_auth_header(auth_name: str) -> None:
    client = base_client(auth_headers={auth_name: API_KEY}, default_headers={"x-visible": "v1"})
    headers = client._build_request(get_widget(), 0, ExitStack()).headers
    text = repr(headers)
    assert API_KEY not in text
    assert "('x-api-key', '[secure]')" in text
    assert "v1" in text
    assert headers["x-api-key"] == API_KEY


def test_build_request_headers_repr_hides_an_auth_header_set_by_extra_headers() -> None:
    request = get_widget(extra_headers={"X-API-KEY": "sk-other"})
    headers = base_client()._build_request(request, 0, ExitStack()).headers
    assert "sk-other" not in repr(headers)
    assert headers["x-api-key"] == "sk-other"


def test_client_repr_leaves_the_credentials_out() -> None:
    text = repr(base_client())
    assert API_KEY not in text
    assert "https://api.example.com" in text


# BaseClient: credentials in the query and in cookies


def test_a_query_credential_goes_over_the_default_query_and_under_the_calls_own() -> None:
    client = base_client(auth_query={"key": API_KEY, "app": "a1"}, default_query={"key": "stale"})
    url = client._build_request(get_widget(extra_query={"app": "a2"}), 0, ExitStack()).url
    assert url.params.multi_items() == [("key", API_KEY), ("app", "a2")]


def test_a_built_request_hides_its_query_credential_in_its_repr() -> None:
    built = base_client(auth_query={"key": API_KEY})._build_request(get_widget(), 0, ExitStack())
    assert repr(built) == "<Request('GET', 'https://api.example.com/v1/widgets/w1?key=***')>"
    assert built.url.params["key"] == API_KEY


def test_a_followed_url_keeps_its_own_query_and_gets_the_query_credential() -> None:
    request = get_widget(url=f"{BASE_URL}/files/f1?signature=abc&page=2", extra_query={"page": "3"})
    url = base_client(auth_query={"key": API_KEY})._build_request(request, 0, ExitStack()).url
    assert url.path == "/files/f1"
    assert url.params.multi_items() == [("signature", "abc"), ("page", "3"), ("key", API_KEY)]


def test_a_followed_url_without_any_query_to_add_is_sent_as_given() -> None:
    request = get_widget(url=f"{BASE_URL}/files/f1?signature=abc")
    url = base_client()._build_request(request, 0, ExitStack()).url
    assert str(url) == f"{BASE_URL}/files/f1?signature=abc"


def test_a_cookie_credential_is_sent_after_a_default_cookie_and_hidden() -> None:
    client = base_client(
        auth_headers={}, auth_cookies={"session": API_KEY}, default_headers={"Cookie": "theme=dark"}
    )
    headers = client._build_request(get_widget(), 0, ExitStack()).headers
    assert headers.get_list("cookie") == [f"theme=dark; session={API_KEY}"]
    assert API_KEY not in repr(headers)


def test_a_credential_with_a_line_break_is_refused_before_any_request() -> None:
    with pytest.raises(WidgetsError) as raised:
        base_client(auth_query={"key": f"{API_KEY}\n"})
    assert API_KEY not in str(raised.value)


# SyncAPIClient / AsyncAPIClient over MockTransport


class Script:
    """A MockTransport handler that answers with its responses in turn, keeping each request."""

    def __init__(self, *responses: httpx2.Response | Exception) -> None:
        self.responses = list(responses)
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        assert self.responses, "more requests than the script has answers"
        answer = self.responses.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    @property
    def retry_counts(self) -> list[str]:
        return [request.headers["x-stainless-retry-count"] for request in self.requests]


@pytest.fixture
def delays(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """No waiting between attempts; the attempt number of each wait, in order."""
    attempts: list[int] = []

    def no_delay(attempt: int, headers: httpx2.Headers | None) -> float:
        attempts.append(attempt)
        return 0

    monkeypatch.setattr(_base_client, "retry_delay", no_delay)
    return attempts


def ok(widget_id: str = "w1", request_id: str = "req_ok") -> httpx2.Response:
    return httpx2.Response(200, json={"id": widget_id}, headers={"request-id": request_id})


def sync_client(handler: Handler, *, max_retries: int = 2, **http: Any) -> SyncAPIClient:
    return SyncAPIClient(
        credentials=Credentials(headers={"x-api-key": API_KEY}),
        base_url=BASE_URL,
        timeout=5.0,
        max_retries=max_retries,
        default_headers=None,
        default_query=None,
        http_client=httpx2.Client(transport=httpx2.MockTransport(handler), **http),
    )


def async_client(handler: Handler, *, max_retries: int = 2) -> AsyncAPIClient:
    return AsyncAPIClient(
        credentials=Credentials(headers={"x-api-key": API_KEY}),
        base_url=BASE_URL,
        timeout=5.0,
        max_retries=max_retries,
        default_headers=None,
        default_query=None,
        http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(handler)),
    )


def test_sync_client_retries_a_503_then_returns_the_parsed_model(delays: list[int]) -> None:
    script = Script(httpx2.Response(503, json={"error": "busy"}), ok())
    widget = sync_client(script).request(get_widget())
    assert isinstance(widget, Widget) and widget.id == "w1"
    assert widget._request_id == "req_ok"
    assert script.retry_counts == ["0", "1"]
    assert delays == [0]
    assert [str(request.url) for request in script.requests] == [f"{BASE_URL}/v1/widgets/w1"] * 2
    assert all(request.headers["x-api-key"] == API_KEY for request in script.requests)


def test_sync_client_raises_the_mapped_class_for_a_404_without_retrying(
    delays: list[int],
) -> None:
    script = Script(httpx2.Response(404, json={"error": {"message": "no such widget"}}))
    with pytest.raises(NotFoundError) as caught:
        sync_client(script).request(get_widget())
    assert caught.value.body == {"error": {"message": "no such widget"}}
    assert caught.value.status_code == 404
    assert len(script.requests) == 1 and delays == []
    assert API_KEY not in repr(caught.value.request.headers)


def test_sync_client_gives_up_after_max_retries(delays: list[int]) -> None:
    script = Script(*[httpx2.Response(503) for _ in range(3)])
    with pytest.raises(ServerError):
        sync_client(script, max_retries=2).request(get_widget())
    assert script.retry_counts == ["0", "1", "2"]
    assert delays == [0, 1]


def test_sync_client_request_max_retries_overrides_the_clients(delays: list[int]) -> None:
    script = Script(httpx2.Response(503))
    with pytest.raises(ServerError):
        sync_client(script, max_retries=5).request(get_widget(max_retries=0))
    assert len(script.requests) == 1


def test_sync_client_does_not_retry_a_non_idempotent_request_on_a_500(delays: list[int]) -> None:
    script = Script(httpx2.Response(500))
    with pytest.raises(ServerError):
        sync_client(script).request(create_widget())
    assert len(script.requests) == 1


def test_sync_client_retries_a_non_idempotent_request_turned_away_unprocessed(
    delays: list[int],
) -> None:
    script = Script(httpx2.Response(503), httpx2.Response(429), ok())
    assert sync_client(script).request(create_widget()).id == "w1"
    assert script.retry_counts == ["0", "1", "2"]


def test_sync_client_retries_a_connection_that_was_never_made(delays: list[int]) -> None:
    script = Script(httpx2.ConnectError("refused"), ok())
    assert sync_client(script).request(create_widget()).id == "w1"
    assert len(script.requests) == 2


def test_sync_client_does_not_resend_a_non_idempotent_request_whose_response_was_lost(
    delays: list[int],
) -> None:
    script = Script(httpx2.ReadError("connection reset"))
    with pytest.raises(APIConnectionError) as caught:
        sync_client(script).request(create_widget())
    assert type(caught.value) is APIConnectionError
    assert len(script.requests) == 1


def test_sync_client_raises_a_timeout_error_when_every_attempt_times_out(
    delays: list[int],
) -> None:
    script = Script(httpx2.ReadTimeout("slow"), httpx2.ReadTimeout("slow"))
    with pytest.raises(APITimeoutError):
        sync_client(script, max_retries=1).request(get_widget())
    assert len(script.requests) == 2


def test_sync_client_returns_none_for_a_request_without_a_response_body() -> None:
    script = Script(httpx2.Response(204))
    request = APIRequest("DELETE", "/v1/widgets/w1", type(None))
    assert sync_client(script).request(request) is None


def test_clients_read_text_decoded_per_its_charset() -> None:
    def text(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(
            200,
            content="Grüße".encode("latin-1"),
            headers={"content-type": "text/plain; charset=latin-1"},
        )

    assert sync_client(text).request_text(get_widget()) == "Grüße"
    assert asyncio.run(async_client(text).request_text(get_widget())) == "Grüße"


def test_clients_parse_a_union_and_a_list_through_a_type_adapter() -> None:
    class Gadget(BaseModel):
        size: int

    def body(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json=[{"size": 2}, {"id": "w1"}])

    kind: Any = list[Gadget | Widget]
    parsed = sync_client(body).request(APIRequest("GET", "/v1/things", kind))
    assert [type(item) for item in parsed] == [Gadget, Widget]


def test_sync_client_raises_a_validation_error_for_a_body_that_does_not_fit() -> None:
    script = Script(httpx2.Response(200, json={"name": "no id"}))
    with pytest.raises(APIResponseValidationError) as caught:
        sync_client(script).request(get_widget())
    assert caught.value.body == {"name": "no id"}


def test_sync_to_raw_response_returns_an_api_response_that_parses_on_demand() -> None:
    script = Script(ok(request_id="req_raw"))
    client = sync_client(script)
    raw = _response.to_raw_response(client.request)(get_widget())
    assert isinstance(raw, APIResponse)
    assert raw.status_code == 200
    assert raw.request_id == "req_raw"
    assert raw.headers["request-id"] == "req_raw"
    widget = raw.parse()
    assert isinstance(widget, Widget) and widget.id == "w1"
    assert widget._request_id == "req_raw"
    assert raw.parse() is widget
    assert RESPONSE_MODE.get() == "parsed"


def test_sync_client_returns_the_model_again_after_a_raw_call() -> None:
    script = Script(ok(), ok())
    client = sync_client(script)
    _response.to_raw_response(client.request)(get_widget())
    assert isinstance(client.request(get_widget()), Widget)


def test_sync_client_leaves_an_http_client_it_was_given_open() -> None:
    http = httpx2.Client(transport=httpx2.MockTransport(Script()))
    with SyncAPIClient(
        credentials=Credentials(),
        base_url=BASE_URL,
        timeout=5.0,
        max_retries=0,
        default_headers=None,
        default_query=None,
        http_client=http,
    ):
        pass
    assert not http.is_closed
    http.close()


def query_client(handler: Handler, **http: Any) -> SyncAPIClient:
    """A client whose credential travels in the `key` query parameter."""
    return SyncAPIClient(
        credentials=Credentials(query={"key": API_KEY}),
        base_url=BASE_URL,
        timeout=5.0,
        max_retries=0,
        default_headers=None,
        default_query=None,
        http_client=httpx2.Client(transport=httpx2.MockTransport(handler), **http),
    )


def test_a_redirect_within_the_origin_keeps_the_query_credential() -> None:
    script = Script(httpx2.Response(302, headers={"location": "/v1/widgets/w2?page=2"}), ok())
    query_client(script).request(get_widget())
    assert script.requests[1].url.params.multi_items() == [("page", "2"), ("key", API_KEY)]


def test_a_redirect_to_another_origin_drops_the_query_credential() -> None:
    location = f"https://elsewhere.example.com/w2?key={API_KEY}&page=2"
    script = Script(httpx2.Response(302, headers={"location": location}), ok())
    query_client(script).request(get_widget())
    following = script.requests[1]
    assert (following.url.host, following.url.params.multi_items()) == (
        "elsewhere.example.com",
        [("page", "2")],
    )


def test_httpx2s_own_log_line_shows_no_query_credential(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="httpx2")
    query_client(Script(ok())).request(get_widget())
    (line,) = [r.getMessage() for r in caplog.records if r.name == "httpx2"]
    assert line.startswith("HTTP Request: GET https://api.example.com/v1/widgets/w1?key=*** ")


def test_a_raw_response_shows_its_url_without_the_query_credential() -> None:
    raw = _response.to_raw_response(query_client(Script(ok())).request)(get_widget())
    assert repr(raw) == "<APIResponse [200] https://api.example.com/v1/widgets/w1?key=***>"


def test_a_connection_error_shows_no_query_credential(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG", logger="generator.runtime")

    def refuse(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError(f"cannot reach {request.url} with {request.url.params['key']}")

    with pytest.raises(APIConnectionError) as caught:
        query_client(refuse).request(get_widget())
    shown = [str(caught.value), repr(caught.value), repr(caught.value.request), caplog.text]
    assert all(API_KEY not in text for text in shown)
    assert "key=***" in str(caught.value)
    assert "?key=***" in caplog.text


def test_sync_client_error_request_hides_the_api_key_after_a_redirect(delays: list[int]) -> None:
    script = Script(
        httpx2.Response(307, headers={"location": f"{BASE_URL}/v1/widgets/w2"}),
        httpx2.Response(404, json={"error": "gone"}),
    )
    with pytest.raises(NotFoundError) as caught:
        sync_client(script, follow_redirects=True).request(get_widget())
    assert len(script.requests) == 2
    assert API_KEY not in repr(caught.value.request.headers)


async def test_async_client_retries_a_503_then_returns_the_parsed_model(
    delays: list[int],
) -> None:
    script = Script(httpx2.Response(503), ok())
    widget = await async_client(script).request(get_widget())
    assert isinstance(widget, Widget) and widget.id == "w1"
    assert widget._request_id == "req_ok"
    assert script.retry_counts == ["0", "1"]
    assert delays == [0]


async def test_async_client_raises_the_mapped_class_for_a_404_without_retrying(
    delays: list[int],
) -> None:
    script = Script(httpx2.Response(404, json={"error": "gone"}))
    with pytest.raises(NotFoundError) as caught:
        await async_client(script).request(get_widget())
    assert caught.value.body == {"error": "gone"}
    assert len(script.requests) == 1 and delays == []
    assert API_KEY not in repr(caught.value.request.headers)


async def test_async_client_raises_conflict_for_a_409_once_retries_run_out(
    delays: list[int],
) -> None:
    script = Script(httpx2.Response(409), httpx2.Response(409))
    with pytest.raises(ConflictError):
        await async_client(script, max_retries=1).request(create_widget())
    assert script.retry_counts == ["0", "1"]


async def test_async_client_does_not_retry_a_non_idempotent_request_on_a_500(
    delays: list[int],
) -> None:
    script = Script(httpx2.Response(500))
    with pytest.raises(ServerError):
        await async_client(script).request(create_widget())
    assert len(script.requests) == 1


async def test_async_to_raw_response_returns_an_api_response_that_parses_on_demand() -> None:
    script = Script(ok(request_id="req_raw"))
    client = async_client(script)
    raw = await _response.async_to_raw_response(client.request)(get_widget())
    assert isinstance(raw, APIResponse)
    assert raw.status_code == 200
    assert raw.request_id == "req_raw"
    widget = raw.parse()
    assert isinstance(widget, Widget) and widget.id == "w1"
    assert raw.parse() is widget
    assert RESPONSE_MODE.get() == "parsed"
