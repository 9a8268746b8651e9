"""The generated client when the server or the network misbehaves, over real sockets.

These pin the retry policy of `_retries`'s docstring (which failures are retried, how many
times, how long the client waits), what each kind of failure raises, and that the API key stays
out of reprs, errors and logs. Waits are kept to milliseconds: the server asks for short ones,
or `instant_retries` skips the backoff where the wait is not what a test is about.
"""

from __future__ import annotations

import email.utils
import json
import logging
import math
import random
import socket
import time
from collections.abc import Callable, Iterator, Mapping

import anthropic_batches._base_client as base_client
import httpx2
import pytest
from anthropic_batches import (
    Anthropic,
    AnthropicError,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncAnthropic,
    AuthenticationError,
    ConflictError,
    GatewayTimeoutError,
    InternalServerError,
    NotFoundError,
    OverloadedError,
    RateLimitError,
    RequestTimeoutError,
    ServiceUnavailableError,
)
from anthropic_batches._retries import INITIAL_RETRY_DELAY, MAX_RETRY_DELAY, retry_delay
from pytest_httpserver import HTTPServer
from werkzeug import Request

from ..helpers import BATCH_ID, DELETED, any_path, batch, raw_target
from .scripted_server import HangUp, Reply, ScriptedServer, Stall

API_KEY = "sk-ant-SECRET-123"
ERROR_BODY = {"type": "error", "error": {"type": "overloaded_error", "message": "Try again."}}
#: A server-requested wait of a few milliseconds, so that retried tests stay fast.
QUICK_RETRY = {"retry-after-ms": "5"}
#: The good answer as the scripted server sends it.
GOOD_REPLY = Reply(200, json.dumps(DELETED).encode(), {"content-type": "application/json"})


@pytest.fixture
def client(server: HTTPServer) -> Iterator[Anthropic]:
    with Anthropic(api_key=API_KEY, base_url=server.url_for(""), max_retries=2) as client:
        yield client


@pytest.fixture
def scripted() -> Iterator[ScriptedServer]:
    scripted = ScriptedServer()
    yield scripted
    scripted.stop()


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Each wait the client chose between attempts, as the real `retry_delay` computed it."""
    chosen: list[float] = []
    real = retry_delay

    def recording(attempt: int, headers: httpx2.Headers | None) -> float:
        delay = real(attempt, headers)
        chosen.append(delay)
        return delay

    monkeypatch.setattr(base_client, "retry_delay", recording)
    return chosen


@pytest.fixture
def instant_retries(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Retry at once rather than after 0.5 s, 1 s...; the number of each attempt retried.

    A refused connection reaches no server, so this list is how those tests count attempts.
    """
    retried: list[int] = []

    def at_once(attempt: int, headers: httpx2.Headers | None) -> float:
        retried.append(attempt)
        return 0.0

    monkeypatch.setattr(base_client, "retry_delay", at_once)
    return retried


def respond(
    server: HTTPServer,
    status: int = 200,
    body: object = DELETED,
    *,
    headers: Mapping[str, str] | None = None,
    content_type: str = "application/json",
    times: int = 1,
) -> None:
    """Queue the response to the next `times` requests; a `str` body is sent as it is."""
    data = body if isinstance(body, str) else json.dumps(body)
    for _ in range(times):
        server.expect_oneshot_request(any_path()).respond_with_data(
            data, status=status, headers=dict(headers or {}), content_type=content_type
        )


def retry_counts(server: HTTPServer) -> list[str | None]:
    """The `x-stainless-retry-count` of each request the server saw, in order."""
    return [request.headers.get("x-stainless-retry-count") for request, _ in server.log]


def scripted_retry_counts(scripted: ScriptedServer) -> list[str | None]:
    """The same for the scripted server, once every connection it accepted is served."""
    return [request.header("x-stainless-retry-count") for request in scripted.stop()]


def http_date(timestamp: float) -> str:
    """`timestamp` as an HTTP date (whole seconds, GMT): the other form `retry-after` takes."""
    return email.utils.formatdate(timestamp, usegmt=True)


def unused_url() -> str:
    """A URL nothing listens on: a port the OS just handed out, closed again."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# Which statuses are retried


RETRIED: dict[int, type[APIStatusError]] = {
    408: RequestTimeoutError,
    409: ConflictError,
    429: RateLimitError,
    500: InternalServerError,
    502: InternalServerError,
    503: ServiceUnavailableError,
    504: GatewayTimeoutError,
    529: OverloadedError,
    599: InternalServerError,
}
NOT_RETRIED = [400, 401, 402, 403, 404, 412, 413, 418, 422, 431, 499]


@pytest.mark.parametrize("status", RETRIED)
def test_retried_status_succeeds_once_the_server_recovers(
    server: HTTPServer, client: Anthropic, status: int
) -> None:
    respond(server, status, ERROR_BODY, headers=QUICK_RETRY, times=2)
    respond(server)
    result = client.messages.batches.delete(BATCH_ID)
    assert (result.id, result.type) == (BATCH_ID, "message_batch_deleted")
    assert retry_counts(server) == ["0", "1", "2"]


@pytest.mark.parametrize(("status", "error_class"), RETRIED.items())
def test_retried_status_raises_its_class_when_retries_run_out(
    server: HTTPServer, client: Anthropic, status: int, error_class: type[APIStatusError]
) -> None:
    respond(server, status, ERROR_BODY, headers=QUICK_RETRY, times=3)
    respond(server)  # A fourth attempt would succeed: only the retry limit stops the client.
    with pytest.raises(APIStatusError) as raised:
        client.messages.batches.delete(BATCH_ID)
    assert type(raised.value) is error_class
    assert (raised.value.status_code, raised.value.body) == (status, ERROR_BODY)
    assert retry_counts(server) == ["0", "1", "2"]


@pytest.mark.parametrize("status", NOT_RETRIED)
def test_other_client_error_is_not_retried_even_with_a_retry_after(
    server: HTTPServer, client: Anthropic, status: int
) -> None:
    respond(server, status, ERROR_BODY, headers=QUICK_RETRY)
    respond(server)
    with pytest.raises(APIStatusError) as raised:
        client.messages.batches.delete(BATCH_ID)
    assert raised.value.status_code == status
    assert retry_counts(server) == ["0"]


def test_x_should_retry_true_retries_a_400(server: HTTPServer, client: Anthropic) -> None:
    respond(server, 400, ERROR_BODY, headers={"x-should-retry": "true", **QUICK_RETRY})
    respond(server)
    assert client.messages.batches.delete(BATCH_ID).id == BATCH_ID
    assert retry_counts(server) == ["0", "1"]


def test_x_should_retry_false_stops_a_503_being_retried(
    server: HTTPServer, client: Anthropic
) -> None:
    respond(server, 503, ERROR_BODY, headers={"x-should-retry": "false", **QUICK_RETRY})
    respond(server)
    with pytest.raises(ServiceUnavailableError):
        client.messages.batches.delete(BATCH_ID)
    assert retry_counts(server) == ["0"]


def test_a_retry_resends_the_same_request(server: HTTPServer, client: Anthropic) -> None:
    respond(server, 529, ERROR_BODY, headers=QUICK_RETRY)
    respond(server)
    client.beta.messages.batches.delete(
        BATCH_ID,
        betas=["message-batches-2024-09-24"],
        extra_headers={"x-trace": "t-1"},
        extra_query={"tag": "a"},
    )
    (first, _), (second, _) = server.log

    def sent(request: Request) -> tuple[str, str, dict[str, str]]:
        headers = {name.lower(): value for name, value in request.headers.items()}
        del headers["x-stainless-retry-count"]
        return request.method, raw_target(request), headers

    assert sent(second) == sent(first)
    method, target, headers = sent(second)
    assert (method, target) == ("DELETE", f"/v1/messages/batches/{BATCH_ID}?tag=a")
    assert headers["anthropic-beta"] == "message-batches-2024-09-24"
    assert (headers["x-api-key"], headers["x-trace"]) == (API_KEY, "t-1")


# How many attempts


def test_per_call_max_retries_zero_sends_one_request(server: HTTPServer, client: Anthropic) -> None:
    respond(server, 503, ERROR_BODY, headers=QUICK_RETRY)
    respond(server)
    with pytest.raises(ServiceUnavailableError):
        client.messages.batches.delete(BATCH_ID, max_retries=0)
    assert retry_counts(server) == ["0"]


def test_with_options_max_retries_zero_sends_one_request_and_leaves_the_original(
    server: HTTPServer, client: Anthropic
) -> None:
    respond(server, 503, ERROR_BODY, headers=QUICK_RETRY, times=2)
    respond(server)
    with pytest.raises(ServiceUnavailableError):
        client.with_options(max_retries=0).messages.batches.delete(BATCH_ID)
    assert retry_counts(server) == ["0"]
    client.messages.batches.delete(BATCH_ID)
    assert retry_counts(server) == ["0", "0", "1"]


def test_per_call_max_retries_lifts_the_clients_limit(server: HTTPServer) -> None:
    respond(server, 503, ERROR_BODY, headers=QUICK_RETRY, times=2)
    respond(server)
    with Anthropic(api_key=API_KEY, base_url=server.url_for(""), max_retries=0) as client:
        assert client.messages.batches.delete(BATCH_ID, max_retries=2).id == BATCH_ID
    assert retry_counts(server) == ["0", "1", "2"]


# How long the client waits


@pytest.mark.parametrize(
    "headers",
    [{"retry-after-ms": "50"}, {"retry-after": "0.05"}],
    ids=["retry-after-ms", "retry-after seconds"],
)
def test_server_requested_wait_is_used(
    server: HTTPServer, client: Anthropic, waits: list[float], headers: dict[str, str]
) -> None:
    respond(server, 429, ERROR_BODY, headers=headers)
    respond(server)
    started = time.monotonic()
    client.messages.batches.delete(BATCH_ID)
    elapsed = time.monotonic() - started
    assert waits == [0.05]
    assert elapsed >= 0.05


def test_retry_after_http_date_is_waited_for(
    server: HTTPServer, client: Anthropic, waits: list[float]
) -> None:
    # HTTP dates have whole seconds; at least one second ahead leaves the wait clear of the
    # first backoff (at most 0.5 s), so a client that ignored the date would be caught.
    moment = math.ceil(time.time() + 1.0)
    respond(server, 503, ERROR_BODY, headers={"retry-after": http_date(moment)})
    respond(server)
    client.messages.batches.delete(BATCH_ID)
    assert time.time() >= moment
    (wait,) = waits
    assert wait > INITIAL_RETRY_DELAY


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "0.05"}, 0.05),
        ({"retry-after": "60"}, 60.0),
        ({"retry-after-ms": "250", "retry-after": "3"}, 0.25),
        ({"retry-after-ms": "soon", "retry-after": "3"}, 3.0),
    ],
)
def test_retry_delay_obeys_a_requested_wait_of_up_to_a_minute(
    headers: dict[str, str], expected: float
) -> None:
    # Attempt 2 backs off 1.5-2 s: none of the expected waits could come from backoff.
    assert retry_delay(2, httpx2.Headers(headers)) == expected


@pytest.mark.parametrize("value", ["0", "-1", "61"])
def test_retry_delay_backs_off_when_the_requested_wait_is_not_above_0_and_up_to_60(
    value: str,
) -> None:
    """As the official SDK: `retry-after: 0` would retry at once, hammering a busy server."""
    assert 1.5 <= retry_delay(2, httpx2.Headers({"retry-after": value})) <= 2.0


def test_retry_delay_counts_down_to_an_http_date() -> None:
    wait = retry_delay(2, httpx2.Headers({"retry-after": http_date(time.time() + 30)}))
    assert 28 < wait <= 30


@pytest.mark.parametrize(
    "headers",
    [
        {"retry-after": "61"},
        {"retry-after-ms": "60001"},
        {"retry-after": http_date(time.time() + 3600)},
        {"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"},
        {"retry-after": "-1"},
        {"retry-after-ms": "inf"},
        {"retry-after": "nan"},
        {"retry-after": "soon"},
        {},
    ],
    ids=[
        "61 s",
        "60001 ms",
        "date an hour ahead",
        "date in the past",
        "negative",
        "infinite",
        "nan",
        "not a number or date",
        "no header",
    ],
)
def test_retry_delay_falls_back_to_backoff(headers: dict[str, str]) -> None:
    assert 1.5 <= retry_delay(2, httpx2.Headers(headers)) <= 2.0


BACKOFF = [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (5, 8.0), (20, 8.0)]


@pytest.mark.parametrize(("attempt", "ceiling"), BACKOFF)
def test_backoff_doubles_from_half_a_second_up_to_eight(
    monkeypatch: pytest.MonkeyPatch, attempt: int, ceiling: float
) -> None:
    monkeypatch.setattr(random, "random", lambda: 0.0)
    assert retry_delay(attempt, None) == ceiling


@pytest.mark.parametrize(("attempt", "ceiling"), BACKOFF)
def test_jitter_varies_the_backoff_and_takes_off_at_most_a_quarter(
    monkeypatch: pytest.MonkeyPatch, attempt: int, ceiling: float
) -> None:
    draws = {retry_delay(attempt, None) for _ in range(100)}
    assert len(draws) > 1
    assert all(0.75 * ceiling <= draw <= ceiling for draw in draws)
    monkeypatch.setattr(random, "random", lambda: math.nextafter(1.0, 0.0))
    assert retry_delay(attempt, None) >= 0.75 * ceiling


def test_backoff_stays_capped_however_many_attempts_failed() -> None:
    assert retry_delay(1024, None) <= MAX_RETRY_DELAY


# Failures below HTTP: refused, broken off, unanswered


def test_refused_connection_is_retried_then_raises_connection_error(
    instant_retries: list[int],
) -> None:
    with Anthropic(api_key=API_KEY, base_url=unused_url(), max_retries=2) as client:
        with pytest.raises(APIConnectionError) as raised:
            client.messages.batches.delete(BATCH_ID)
    assert type(raised.value) is APIConnectionError
    assert isinstance(raised.value.__cause__, httpx2.ConnectError)
    assert instant_retries == [0, 1]


BROKEN_OFF = {
    "nothing": b"",
    "half a status line": b"HTTP/1.1 200 O",
    "half the headers": b"HTTP/1.1 200 OK\r\ncontent-type: appl",
    "half the body": b'HTTP/1.1 200 OK\r\ncontent-length: 60\r\n\r\n{"id": ',
    "not HTTP": b"SSH-2.0-OpenSSH_9.6\r\n",
}


@pytest.mark.parametrize("sent", BROKEN_OFF.values(), ids=BROKEN_OFF.keys())
def test_broken_off_response_is_retried_then_raises_connection_error(
    scripted: ScriptedServer, instant_retries: list[int], sent: bytes
) -> None:
    scripted.play(HangUp(sent), HangUp(sent), HangUp(sent), GOOD_REPLY)
    with Anthropic(api_key=API_KEY, base_url=scripted.url, max_retries=2) as client:
        with pytest.raises(APIConnectionError) as raised:
            client.messages.batches.delete(BATCH_ID)
    assert type(raised.value) is APIConnectionError
    assert isinstance(raised.value.__cause__, httpx2.TransportError)
    assert scripted_retry_counts(scripted) == ["0", "1", "2"]


@pytest.mark.parametrize("sent", BROKEN_OFF.values(), ids=BROKEN_OFF.keys())
def test_one_broken_off_response_then_a_good_one_succeeds(
    scripted: ScriptedServer, instant_retries: list[int], sent: bytes
) -> None:
    scripted.play(HangUp(sent), GOOD_REPLY)
    with Anthropic(api_key=API_KEY, base_url=scripted.url, max_retries=2) as client:
        assert client.messages.batches.delete(BATCH_ID).id == BATCH_ID
    assert scripted_retry_counts(scripted) == ["0", "1"]


def per_call_timeout(url: str) -> None:
    with Anthropic(api_key=API_KEY, base_url=url, max_retries=1) as client:
        client.messages.batches.delete(BATCH_ID, timeout=0.2)


def client_timeout(url: str) -> None:
    with Anthropic(api_key=API_KEY, base_url=url, max_retries=1, timeout=0.2) as client:
        client.messages.batches.delete(BATCH_ID)


def with_options_timeout(url: str) -> None:
    with Anthropic(api_key=API_KEY, base_url=url, max_retries=1) as client:
        client.with_options(timeout=0.2).messages.batches.delete(BATCH_ID)


@pytest.mark.parametrize("call", [per_call_timeout, client_timeout, with_options_timeout])
def test_unanswered_request_times_out_on_each_attempt(
    scripted: ScriptedServer, instant_retries: list[int], call: Callable[[str], None]
) -> None:
    scripted.play(Stall(), Stall(), GOOD_REPLY)
    with pytest.raises(APITimeoutError) as raised:
        call(scripted.url)
    assert isinstance(raised.value, APIConnectionError)
    assert isinstance(raised.value.__cause__, httpx2.ReadTimeout)
    assert scripted_retry_counts(scripted) == ["0", "1"]


def test_per_call_timeout_overrides_the_clients(scripted: ScriptedServer) -> None:
    scripted.play(Reply(GOOD_REPLY.status, GOOD_REPLY.body, GOOD_REPLY.headers, after=0.4))
    with Anthropic(api_key=API_KEY, base_url=scripted.url, max_retries=0, timeout=0.2) as client:
        assert client.messages.batches.delete(BATCH_ID, timeout=5.0).id == BATCH_ID


def test_timeout_limits_each_read_not_the_whole_body(scripted: ScriptedServer) -> None:
    """The documented semantics (`_types.Timeout`), those of httpx2 and the official SDK: a
    body that keeps arriving within the timeout is not cut off."""
    # About ten 8-byte pieces 0.05 s apart: the body takes 0.45 s, each read far less than 0.25.
    scripted.play(Reply(GOOD_REPLY.status, GOOD_REPLY.body, GOOD_REPLY.headers, drip=0.05))
    with Anthropic(api_key=API_KEY, base_url=scripted.url, max_retries=0) as client:
        assert client.messages.batches.delete(BATCH_ID, timeout=0.25).id == BATCH_ID


def test_a_callers_http_client_keeps_its_own_timeout(scripted: ScriptedServer) -> None:
    """The client's 600 s default used to go with every request, over the `http_client`'s own
    0.2 s: the call waited for the server to give up (5 s) instead of timing out."""
    scripted.play(Stall())
    started = time.monotonic()
    with httpx2.Client(timeout=0.2) as http:
        client = Anthropic(api_key=API_KEY, base_url=scripted.url, max_retries=0, http_client=http)
        with pytest.raises(APITimeoutError):
            client.messages.batches.delete(BATCH_ID)
        assert time.monotonic() - started < 2
        assert client.timeout == http.timeout


async def test_a_callers_async_http_client_keeps_its_own_timeout(
    scripted: ScriptedServer,
) -> None:
    scripted.play(Stall())
    started = time.monotonic()
    async with httpx2.AsyncClient(timeout=0.2) as http:
        client = AsyncAnthropic(
            api_key=API_KEY, base_url=scripted.url, max_retries=0, http_client=http
        )
        with pytest.raises(APITimeoutError):
            await client.messages.batches.delete(BATCH_ID)
    assert time.monotonic() - started < 2


def test_a_timeout_passed_to_the_client_still_wins_over_its_http_clients(
    scripted: ScriptedServer,
) -> None:
    scripted.play(Reply(GOOD_REPLY.status, GOOD_REPLY.body, GOOD_REPLY.headers, after=0.4))
    with httpx2.Client(timeout=0.1) as http:
        client = Anthropic(
            api_key=API_KEY, base_url=scripted.url, max_retries=0, http_client=http, timeout=5.0
        )
        assert client.messages.batches.delete(BATCH_ID).id == BATCH_ID


# Bodies that do not parse


@pytest.mark.parametrize("text", ['{"id": ', "", "<html>All good</html>"])
def test_malformed_json_in_a_200_raises_validation_error_holding_the_text(
    server: HTTPServer, client: Anthropic, text: str
) -> None:
    respond(server, 200, text)
    respond(server)
    with pytest.raises(APIResponseValidationError) as raised:
        client.messages.batches.delete(BATCH_ID)
    assert (raised.value.status_code, raised.value.body) == (200, text)
    assert retry_counts(server) == ["0"]


def test_json_that_does_not_fit_raises_validation_error_holding_the_data(
    server: HTTPServer, client: Anthropic
) -> None:
    respond(server, 200, {"id": 5})
    with pytest.raises(APIResponseValidationError) as raised:
        client.messages.batches.delete(BATCH_ID)
    assert (raised.value.status_code, raised.value.body) == (200, {"id": 5})
    assert "DeletedMessageBatch" in str(raised.value)


def test_malformed_json_in_a_404_raises_not_found_holding_the_text(
    server: HTTPServer, client: Anthropic
) -> None:
    text = '{"type": "error", "error": '
    respond(server, 404, text)
    with pytest.raises(NotFoundError) as raised:
        client.messages.batches.delete(BATCH_ID)
    assert (raised.value.status_code, raised.value.body) == (404, text)
    assert retry_counts(server) == ["0"]


def test_html_502_page_is_retried_then_raises_holding_the_page(
    server: HTTPServer, client: Anthropic, instant_retries: list[int]
) -> None:
    page = "<html><title>502 Bad Gateway</title>" + "<p>upstream unavailable</p>" * 40 + "</html>"
    respond(server, 502, page, content_type="text/html", times=3)
    respond(server)
    with pytest.raises(InternalServerError) as raised:
        client.messages.batches.delete(BATCH_ID)
    assert type(raised.value) is InternalServerError
    assert raised.value.body == page
    assert len(str(raised.value)) < len(page)  # The message quotes the page cut short.
    assert retry_counts(server) == ["0", "1", "2"]


@pytest.mark.parametrize("status", [200, 503])
def test_corrupt_compressed_body_raises_an_anthropic_error(
    server: HTTPServer, client: Anthropic, instant_retries: list[int], status: int
) -> None:
    respond(server, status, "not gzip at all", headers={"content-encoding": "gzip"}, times=3)
    with pytest.raises(AnthropicError):
        client.messages.batches.delete(BATCH_ID)


# The async client


async def test_async_client_retries_a_503_then_succeeds(server: HTTPServer) -> None:
    respond(server, 503, ERROR_BODY, headers=QUICK_RETRY)
    respond(server)
    async with AsyncAnthropic(
        api_key=API_KEY, base_url=server.url_for(""), max_retries=2
    ) as client:
        result = await client.messages.batches.delete(BATCH_ID)
    assert result.id == BATCH_ID
    assert retry_counts(server) == ["0", "1"]


async def test_async_client_times_out_on_each_attempt(
    scripted: ScriptedServer, instant_retries: list[int]
) -> None:
    scripted.play(Stall(), Stall(), GOOD_REPLY)
    async with AsyncAnthropic(api_key=API_KEY, base_url=scripted.url, max_retries=1) as client:
        with pytest.raises(APITimeoutError) as raised:
            await client.messages.batches.delete(BATCH_ID, timeout=0.2)
    assert isinstance(raised.value.__cause__, httpx2.ReadTimeout)
    assert scripted_retry_counts(scripted) == ["0", "1"]


async def test_async_client_retries_a_refused_connection(instant_retries: list[int]) -> None:
    async with AsyncAnthropic(api_key=API_KEY, base_url=unused_url(), max_retries=2) as client:
        with pytest.raises(APIConnectionError) as raised:
            await client.messages.batches.delete(BATCH_ID)
    assert type(raised.value) is APIConnectionError
    assert isinstance(raised.value.__cause__, httpx2.ConnectError)
    assert instant_retries == [0, 1]


async def test_async_client_retries_a_broken_off_response(
    scripted: ScriptedServer, instant_retries: list[int]
) -> None:
    scripted.play(HangUp(BROKEN_OFF["half the headers"]), GOOD_REPLY)
    async with AsyncAnthropic(api_key=API_KEY, base_url=scripted.url, max_retries=2) as client:
        assert (await client.messages.batches.delete(BATCH_ID)).id == BATCH_ID
    assert scripted_retry_counts(scripted) == ["0", "1"]


async def test_async_client_raises_validation_error_for_malformed_json(server: HTTPServer) -> None:
    respond(server, 200, '{"id": ')
    async with AsyncAnthropic(api_key=API_KEY, base_url=server.url_for("")) as client:
        with pytest.raises(APIResponseValidationError) as raised:
            await client.messages.batches.delete(BATCH_ID)
    assert (raised.value.status_code, raised.value.body) == (200, '{"id": ')


# The API key and the debug log


def test_api_key_stays_out_of_client_reprs(server: HTTPServer, client: Anthropic) -> None:
    shown = [
        repr(client),
        str(client),
        repr(client.with_options(max_retries=0)),
        repr(AsyncAnthropic(api_key=API_KEY, base_url=server.url_for(""))),
    ]
    assert all(API_KEY not in text for text in shown)
    # They still say which client this is: leaving the key out is not leaving everything out.
    assert all(server.url_for("").rstrip("/") in text for text in shown)


def test_api_key_stays_out_of_errors_and_logs(
    server: HTTPServer, client: Anthropic, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # Every logger, the transport's too.
    caplog.set_level(logging.DEBUG, logger="anthropic_batches")
    respond(server, 503, ERROR_BODY, headers=QUICK_RETRY)
    respond(
        server, 401, {"type": "error", "error": {"type": "authentication_error", "message": "x"}}
    )
    with pytest.raises(AuthenticationError) as rejected:
        client.messages.batches.delete(BATCH_ID)
    with Anthropic(api_key=API_KEY, base_url=unused_url(), max_retries=0) as unreachable:
        with pytest.raises(APIConnectionError) as refused:
            unreachable.messages.batches.delete(BATCH_ID)
    assert [request.headers["x-api-key"] for request, _ in server.log] == [API_KEY, API_KEY]
    for error in (rejected.value, refused.value):
        assert API_KEY not in str(error)
        assert API_KEY not in repr(error)
    # Three outcomes (503, 401, refused) and the retry after the 503.
    assert len([record for record in caplog.records if record.name == "anthropic_batches"]) == 4
    assert API_KEY not in caplog.text


def test_debug_log_shows_method_url_status_attempt_and_time(
    server: HTTPServer, client: Anthropic, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="anthropic_batches")
    respond(server, 503, ERROR_BODY, headers=QUICK_RETRY)
    respond(server)
    client.messages.batches.delete(BATCH_ID)
    with Anthropic(api_key=API_KEY, base_url=unused_url(), max_retries=0) as unreachable:
        with pytest.raises(APIConnectionError):
            unreachable.messages.batches.delete(BATCH_ID)
    records = [record for record in caplog.records if record.name == "anthropic_batches"]
    retries = [record.getMessage() for record in records if record.levelno == logging.INFO]
    assert len(retries) == 1 and retries[0].startswith("Retrying DELETE http://")
    assert "(retry 1 of 2)" in retries[0]
    lines = [record.getMessage() for record in records if record.levelno == logging.DEBUG]
    assert len(lines) == 3
    for line, outcome, attempt in zip(
        lines, ["503", "200", "ConnectError"], [1, 2, 1], strict=True
    ):
        assert line.startswith("DELETE http://")
        assert f"/v1/messages/batches/{BATCH_ID}" in line
        assert f" {outcome} " in line
        assert f"attempt {attempt}," in line
        assert line.endswith(" s)")
        assert float(line.rsplit(", ", 1)[1].removesuffix(" s)")) >= 0


# Configuration


@pytest.mark.parametrize("client_class", [Anthropic, AsyncAnthropic])
@pytest.mark.parametrize(
    ("environment_key", "api_key"),
    [(None, None), ("", None), (None, "")],
    ids=["unset", "empty variable", "empty argument"],
)
def test_missing_api_key_fails_before_any_request(
    server: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    client_class: type[Anthropic] | type[AsyncAnthropic],
    environment_key: str | None,
    api_key: str | None,
) -> None:
    if environment_key is not None:
        monkeypatch.setenv("ANTHROPIC_API_KEY", environment_key)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url_for(""))
    with pytest.raises(AnthropicError, match="ANTHROPIC_API_KEY") as raised:
        client_class(api_key=api_key)
    assert type(raised.value) is AnthropicError
    assert server.log == []


# Non-idempotent requests: a POST that creates a batch is never repeated once it may have
# been acted on (see the retry rule at the top of _retries.py).

ONE_REQUEST = [
    {
        "custom_id": "a",
        "params": {
            "model": "claude-sonnet-4-5",
            "max_tokens": 8,
            "messages": [{"role": "user", "content": "hi"}],
        },
    }
]


@pytest.mark.parametrize("status", [500, 502, 504])
def test_create_is_not_repeated_after_an_ambiguous_failure(
    server: HTTPServer, client: Anthropic, status: int
) -> None:
    respond(server, status, ERROR_BODY, headers=QUICK_RETRY)
    respond(server, 200, batch())
    with pytest.raises(InternalServerError):
        client.messages.batches.create(requests=ONE_REQUEST)  # type: ignore[arg-type]
    assert retry_counts(server) == ["0"]


@pytest.mark.parametrize("status", [408, 409, 429, 503, 529])
def test_create_is_retried_when_the_server_turned_it_away(
    server: HTTPServer, client: Anthropic, status: int
) -> None:
    respond(server, status, ERROR_BODY, headers=QUICK_RETRY)
    respond(server, 200, batch())
    assert client.messages.batches.create(requests=ONE_REQUEST).id == BATCH_ID  # type: ignore[arg-type]
    assert retry_counts(server) == ["0", "1"]


def test_create_follows_x_should_retry(server: HTTPServer, client: Anthropic) -> None:
    respond(server, 500, ERROR_BODY, headers={**QUICK_RETRY, "x-should-retry": "true"})
    respond(server, 200, batch())
    assert client.messages.batches.create(requests=ONE_REQUEST).id == BATCH_ID  # type: ignore[arg-type]
    assert retry_counts(server) == ["0", "1"]


def test_create_is_not_repeated_after_a_lost_response(
    scripted: ScriptedServer, instant_retries: list[int]
) -> None:
    scripted.play(Stall(), GOOD_REPLY)
    with Anthropic(api_key=API_KEY, base_url=scripted.url, max_retries=2) as client:
        with pytest.raises(APITimeoutError):
            client.messages.batches.create(requests=ONE_REQUEST, timeout=0.2)  # type: ignore[arg-type]
    assert scripted_retry_counts(scripted) == ["0"]


def test_create_is_retried_when_the_connection_was_never_made(instant_retries: list[int]) -> None:
    with Anthropic(api_key=API_KEY, base_url=unused_url(), max_retries=2) as client:
        with pytest.raises(APIConnectionError):
            client.messages.batches.create(requests=ONE_REQUEST)  # type: ignore[arg-type]
    assert instant_retries == [0, 1]


def test_cancel_marked_idempotent_is_retried_like_a_get(
    server: HTTPServer, client: Anthropic
) -> None:
    respond(server, 500, ERROR_BODY, headers=QUICK_RETRY)
    respond(server, 200, batch())
    assert client.messages.batches.cancel(BATCH_ID).id == BATCH_ID
    assert retry_counts(server) == ["0", "1"]


def test_a_timeout_set_on_the_client_applies_to_later_calls(scripted: ScriptedServer) -> None:
    scripted.play(Stall())
    with Anthropic(api_key=API_KEY, base_url=scripted.url, max_retries=0) as client:
        client.timeout = 0.2
        with pytest.raises(APITimeoutError):
            client.messages.batches.delete(BATCH_ID)


@pytest.mark.parametrize("bad", [-1, True, 1.5])
def test_a_bad_per_call_max_retries_is_refused(
    server: HTTPServer, client: Anthropic, bad: object
) -> None:
    with pytest.raises(ValueError, match="max_retries"):
        client.messages.batches.delete(BATCH_ID, max_retries=bad)  # type: ignore[arg-type]
    assert server.log == []


def test_x_should_retry_is_read_without_regard_to_case(
    server: HTTPServer, client: Anthropic
) -> None:
    respond(server, 400, ERROR_BODY, headers={**QUICK_RETRY, "x-should-retry": "True"})
    respond(server)
    assert client.messages.batches.delete(BATCH_ID).id == BATCH_ID
    assert retry_counts(server) == ["0", "1"]


def test_the_api_key_is_hidden_in_the_request_an_error_carries(
    server: HTTPServer, client: Anthropic
) -> None:
    respond(server, 404, ERROR_BODY)
    with pytest.raises(APIStatusError) as raised:
        client.messages.batches.delete(BATCH_ID)
    assert API_KEY not in repr(raised.value.request.headers)
    assert raised.value.request.headers["x-api-key"] == API_KEY  # hidden from repr only
