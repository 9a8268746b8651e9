"""Redirects, over real sockets: the credentials never leave the base URL's origin.

httpx2 follows a redirect to another origin stripping only `authorization`: the API key, sent
as `x-api-key`, went along, and a 307 or 308 replayed a create's body there. The client now
follows redirects itself (`_redirects`): within its origin as before; to another origin
(another host, port or scheme) with no credential, and never with a body. The other origin
here is a second server on 127.0.0.2, or on another port of 127.0.0.1.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx2
import pytest
from anthropic_batches import (
    Anthropic,
    APIConnectionError,
    AsyncAnthropic,
    NotFoundError,
    RedirectError,
)
from pytest_httpserver import HTTPServer
from werkzeug import Request

from ..helpers import BATCH_ID, DELETED, any_path, batch

API_KEY = "sk-ant-api-SECRET-1"
AUTH_TOKEN = "sk-ant-oat-SECRET-2"
PATH = f"/v1/messages/batches/{BATCH_ID}"
REQUESTS = [
    {
        "custom_id": "first",
        "params": {
            "model": "claude-sonnet-4-5",
            "max_tokens": 16,
            "messages": [{"role": "user", "content": "Hello"}],
        },
    }
]


@pytest.fixture(scope="module", params=["127.0.0.2", "127.0.0.1"], ids=["other-host", "other-port"])
def other_origin(request: pytest.FixtureRequest) -> Iterator[HTTPServer]:
    """A server of another origin: another loopback host, or another port of the same one
    (started once per module: stopping one takes half a second)."""
    other = HTTPServer(host=request.param, port=0)
    other.start()
    yield other
    other.stop()


@pytest.fixture
def elsewhere(other_origin: HTTPServer) -> Iterator[HTTPServer]:
    yield other_origin
    other_origin.clear()


def redirect(server: HTTPServer, status: int, location: str) -> None:
    server.expect_oneshot_request(any_path()).respond_with_data(
        "", status=status, headers={"location": location}
    )


def credentials(request: Request) -> tuple[str | None, str | None]:
    return request.headers.get("x-api-key"), request.headers.get("authorization")


def client_of(server: HTTPServer) -> Anthropic:
    return Anthropic(
        api_key=API_KEY, auth_token=AUTH_TOKEN, base_url=server.url_for(""), max_retries=0
    )


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_origin_is_followed_without_any_credential(
    server: HTTPServer, elsewhere: HTTPServer, status: int
) -> None:
    redirect(server, status, elsewhere.url_for(PATH))
    elsewhere.expect_oneshot_request(PATH).respond_with_json(batch())
    with client_of(server) as client:
        assert client.messages.batches.retrieve(BATCH_ID).id == BATCH_ID
    ((followed, _),) = elsewhere.log
    assert credentials(followed) == (None, None)
    assert API_KEY not in str(followed.headers) and AUTH_TOKEN not in str(followed.headers)


@pytest.mark.parametrize("status", [307, 308])
def test_a_create_redirected_to_another_origin_sends_nothing_there(
    server: HTTPServer, elsewhere: HTTPServer, status: int
) -> None:
    """A 307 or 308 asks for the same method with the same body: the batch's requests (and,
    with httpx2's own following, the key) would go to a host the caller never named."""
    redirect(server, status, elsewhere.url_for("/v1/messages/batches"))
    elsewhere.expect_request(any_path()).respond_with_json(batch())
    with client_of(server) as client, pytest.raises(RedirectError) as raised:
        client.messages.batches.create(requests=REQUESTS)  # type: ignore[arg-type]
    assert elsewhere.log == []
    assert "another host" in str(raised.value)
    assert API_KEY not in str(raised.value) and AUTH_TOKEN not in str(raised.value)


@pytest.mark.parametrize("status", [301, 302, 303])
def test_a_create_redirected_elsewhere_as_a_get_drops_its_body_and_credentials(
    server: HTTPServer, elsewhere: HTTPServer, status: int
) -> None:
    redirect(server, status, elsewhere.url_for(PATH))
    elsewhere.expect_oneshot_request(PATH).respond_with_json(batch())
    with client_of(server) as client:
        client.messages.batches.create(requests=REQUESTS)  # type: ignore[arg-type]
    ((followed, _),) = elsewhere.log
    assert followed.method == "GET"
    assert followed.get_data() == b""
    assert credentials(followed) == (None, None)


@pytest.mark.parametrize("status", [302, 307, 308])
def test_a_redirect_within_the_origin_keeps_the_credentials_and_the_body(
    server: HTTPServer, status: int
) -> None:
    redirect(server, status, server.url_for("/v2/messages/batches"))
    server.expect_oneshot_request("/v2/messages/batches").respond_with_json(batch())
    with client_of(server) as client:
        client.messages.batches.create(requests=REQUESTS)  # type: ignore[arg-type]
    (_, _), (followed, _) = server.log
    assert credentials(followed) == (API_KEY, f"Bearer {AUTH_TOKEN}")
    if status == 302:  # a 302 of a POST is followed as a GET, as browsers and httpx2 do
        assert (followed.method, followed.get_data()) == ("GET", b"")
    else:
        assert followed.method == "POST"
        assert json.loads(followed.get_data())["requests"] == REQUESTS


def test_an_error_after_a_redirect_does_not_show_the_key(server: HTTPServer) -> None:
    """The request an error carries is the redirected one: its repr hides the key too."""
    redirect(server, 307, server.url_for("/moved"))
    server.expect_oneshot_request("/moved").respond_with_json(
        {"type": "error", "error": {"type": "not_found_error", "message": "gone"}}, status=404
    )
    with client_of(server) as client, pytest.raises(NotFoundError) as raised:
        client.messages.batches.delete(BATCH_ID)
    shown = [str(raised.value), repr(raised.value), repr(raised.value.request.headers)]
    assert not [text for text in shown if API_KEY in text or AUTH_TOKEN in text]


async def test_the_async_client_follows_to_another_origin_without_any_credential(
    server: HTTPServer, elsewhere: HTTPServer
) -> None:
    redirect(server, 302, elsewhere.url_for(PATH))
    elsewhere.expect_oneshot_request(PATH).respond_with_json(DELETED)
    async with AsyncAnthropic(
        api_key=API_KEY, auth_token=AUTH_TOKEN, base_url=server.url_for(""), max_retries=0
    ) as client:
        await client.messages.batches.delete(BATCH_ID)
    ((followed, _),) = elsewhere.log
    assert credentials(followed) == (None, None)


def test_a_redirect_from_https_to_http_on_the_same_host_drops_the_credentials() -> None:
    """A downgrade to plain HTTP is another origin too (TLS cannot be served here, so the
    transport is a mock, as a caller's `http_client` that follows redirects)."""
    sent: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        if request.url.scheme == "https":
            return httpx2.Response(302, headers={"location": f"http://api.example.com{PATH}"})
        return httpx2.Response(200, json=DELETED)

    http = httpx2.Client(transport=httpx2.MockTransport(handler), follow_redirects=True)
    with Anthropic(
        api_key=API_KEY,
        auth_token=AUTH_TOKEN,
        base_url="https://api.example.com",
        http_client=http,
        max_retries=0,
    ) as client:
        client.messages.batches.delete(BATCH_ID)
    first, followed = sent
    assert first.headers["x-api-key"] == API_KEY
    assert str(followed.url) == f"http://api.example.com{PATH}"
    assert "x-api-key" not in followed.headers and "authorization" not in followed.headers


def test_refused_redirects_give_their_connections_back(
    server: HTTPServer, elsewhere: HTTPServer
) -> None:
    """The redirect a RedirectError refuses is closed: with a pool of 2 connections, the
    third refusal waited out the pool's timeout instead."""
    server.expect_request("/v1/messages/batches").respond_with_data(
        "", status=307, headers={"location": elsewhere.url_for("/v1/messages/batches")}
    )
    server.expect_request(PATH).respond_with_json(DELETED)
    limits = httpx2.Limits(max_connections=2, max_keepalive_connections=2)
    with httpx2.Client(limits=limits) as http:
        client = Anthropic(
            api_key=API_KEY,
            base_url=server.url_for(""),
            http_client=http,
            max_retries=0,
            timeout=httpx2.Timeout(5.0, pool=1.0),
        )
        for _ in range(5):
            with pytest.raises(RedirectError):
                client.messages.batches.create(requests=REQUESTS)  # type: ignore[arg-type]
        assert client.messages.batches.delete(BATCH_ID).id == BATCH_ID
    assert elsewhere.log == []


@pytest.mark.parametrize("location", ["http://[::1", "http://[fe80::1%zz]:x/"])
def test_a_location_that_is_no_url_raises_a_connection_error(location: str) -> None:
    """As httpx2's own following did: a broken response, not a ValueError from the client."""
    sent: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        return httpx2.Response(302, headers={"location": location})

    http = httpx2.Client(transport=httpx2.MockTransport(handler))
    with Anthropic(
        api_key=API_KEY, base_url="https://api.example.com", http_client=http, max_retries=1
    ) as client:
        with pytest.raises(APIConnectionError) as raised:
            client.messages.batches.delete(BATCH_ID)
    assert "location" in str(raised.value)
    assert len(sent) == 2  # a GET: retried once, as a broken response is
