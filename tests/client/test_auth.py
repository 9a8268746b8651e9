"""The generated client's credentials on the wire, as a real server on 127.0.0.1 received them.

The spec declares two schemes, either of which the API accepts, and the client takes them as
the official SDK does: `api_key` (or $ANTHROPIC_API_KEY) is sent as `x-api-key`, `auth_token`
(or $ANTHROPIC_AUTH_TOKEN) as `authorization: Bearer ...`. An argument wins over its variable,
an empty one counts as none, each credential given is sent, and without any the client refuses
to be made, naming every argument and variable that would do. `with_options` replaces the
credentials it is given and keeps the others. No repr, error or log line shows either one.
"""

from __future__ import annotations

import json
import logging
from typing import TypedDict

import pytest
from anthropic_batches import (
    Anthropic,
    AnthropicError,
    APIConnectionError,
    AsyncAnthropic,
    AuthenticationError,
)
from pytest_httpserver import HTTPServer
from werkzeug import Request

from ..helpers import BATCH_ID, DELETED, any_path

API_KEY = "sk-ant-api-SECRET-1"
AUTH_TOKEN = "sk-ant-oat-SECRET-2"


class Credentials(TypedDict, total=False):
    """The constructor's credential arguments, as a test passes some of them."""

    api_key: str
    auth_token: str


UNAUTHORIZED = {"type": "error", "error": {"type": "authentication_error", "message": "no"}}


def serve(server: HTTPServer, status: int = 200, body: object = DELETED) -> None:
    server.expect_oneshot_request(any_path()).respond_with_data(
        json.dumps(body), status=status, content_type="application/json"
    )


def credentials_sent(request: Request) -> tuple[str | None, str | None]:
    """The request's `x-api-key` and `authorization` headers, None where absent."""
    return request.headers.get("x-api-key"), request.headers.get("authorization")


def one_call(server: HTTPServer, client: Anthropic) -> tuple[str | None, str | None]:
    """What credentials one call sends."""
    serve(server)
    with client:
        client.messages.batches.delete(BATCH_ID)
    request, _ = server.log[-1]
    return credentials_sent(request)


@pytest.mark.parametrize(
    ("arguments", "sent"),
    [
        ({"api_key": API_KEY}, (API_KEY, None)),
        ({"auth_token": AUTH_TOKEN}, (None, f"Bearer {AUTH_TOKEN}")),
        ({"api_key": API_KEY, "auth_token": AUTH_TOKEN}, (API_KEY, f"Bearer {AUTH_TOKEN}")),
        ({"api_key": "", "auth_token": AUTH_TOKEN}, (None, f"Bearer {AUTH_TOKEN}")),
        ({"api_key": API_KEY, "auth_token": ""}, (API_KEY, None)),
    ],
    ids=["api key", "auth token", "both", "empty key", "empty token"],
)
def test_each_credential_given_is_sent_in_its_header(
    server: HTTPServer, arguments: Credentials, sent: tuple[str | None, str | None]
) -> None:
    client = Anthropic(**arguments, base_url=server.url_for(""), max_retries=0)
    assert one_call(server, client) == sent


@pytest.mark.parametrize(
    ("environment", "sent"),
    [
        ({"ANTHROPIC_API_KEY": API_KEY}, (API_KEY, None)),
        ({"ANTHROPIC_AUTH_TOKEN": AUTH_TOKEN}, (None, f"Bearer {AUTH_TOKEN}")),
        (
            {"ANTHROPIC_API_KEY": API_KEY, "ANTHROPIC_AUTH_TOKEN": AUTH_TOKEN},
            (API_KEY, f"Bearer {AUTH_TOKEN}"),
        ),
        (
            {"ANTHROPIC_API_KEY": "", "ANTHROPIC_AUTH_TOKEN": AUTH_TOKEN},
            (None, f"Bearer {AUTH_TOKEN}"),
        ),
    ],
    ids=["api key", "auth token", "both", "empty key"],
)
def test_each_credential_comes_from_its_variable(
    server: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    environment: dict[str, str],
    sent: tuple[str | None, str | None],
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    client = Anthropic(base_url=server.url_for(""), max_retries=0)
    assert one_call(server, client) == sent
    assert (client.api_key, client.auth_token) == (sent[0], AUTH_TOKEN if sent[1] else None)


def test_an_argument_wins_over_its_variable_and_leaves_the_other_alone(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-from-env")
    monkeypatch.setenv("ANTHROPIC_AUTH_TOKEN", "tok-from-env")
    client = Anthropic(api_key=API_KEY, base_url=server.url_for(""), max_retries=0)
    assert one_call(server, client) == (API_KEY, "Bearer tok-from-env")


async def test_the_async_client_sends_the_same_credentials(server: HTTPServer) -> None:
    serve(server)
    async with AsyncAnthropic(
        api_key=API_KEY, auth_token=AUTH_TOKEN, base_url=server.url_for(""), max_retries=0
    ) as client:
        await client.messages.batches.delete(BATCH_ID)
    ((request, _),) = server.log
    assert credentials_sent(request) == (API_KEY, f"Bearer {AUTH_TOKEN}")


@pytest.mark.parametrize("client_class", [Anthropic, AsyncAnthropic])
@pytest.mark.parametrize(
    ("environment", "arguments"),
    [
        ({}, {}),
        ({"ANTHROPIC_API_KEY": "", "ANTHROPIC_AUTH_TOKEN": ""}, {}),
        ({}, {"api_key": "", "auth_token": ""}),
        ({"ANTHROPIC_AUTH_TOKEN": AUTH_TOKEN}, {"auth_token": ""}),
    ],
    ids=["unset", "empty variables", "empty arguments", "empty argument over a variable"],
)
def test_without_any_credential_the_client_refuses_naming_every_way_to_give_one(
    server: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    client_class: type[Anthropic] | type[AsyncAnthropic],
    environment: dict[str, str],
    arguments: Credentials,
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(AnthropicError) as raised:
        client_class(**arguments, base_url=server.url_for(""))
    assert type(raised.value) is AnthropicError
    assert str(raised.value) == (
        "No credentials: pass api_key= or auth_token= to the client, "
        "or set the environment variable ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN"
    )
    assert AUTH_TOKEN not in str(raised.value)
    assert server.log == []


def test_with_options_replaces_the_credentials_it_is_given_and_keeps_the_others(
    server: HTTPServer,
) -> None:
    original = Anthropic(api_key=API_KEY, base_url=server.url_for(""), max_retries=0)
    with_token = original.with_options(auth_token=AUTH_TOKEN)
    new_key = with_token.with_options(api_key="sk-new")
    assert (with_token.api_key, with_token.auth_token) == (API_KEY, AUTH_TOKEN)
    assert (new_key.api_key, new_key.auth_token) == ("sk-new", AUTH_TOKEN)
    assert one_call(server, new_key) == ("sk-new", f"Bearer {AUTH_TOKEN}")
    assert one_call(server, with_token) == (API_KEY, f"Bearer {AUTH_TOKEN}")
    assert one_call(server, original) == (API_KEY, None)
    assert (original.api_key, original.auth_token) == (API_KEY, None)


async def test_async_with_options_copies_each_credential(server: HTTPServer) -> None:
    serve(server)
    original = AsyncAnthropic(auth_token=AUTH_TOKEN, base_url=server.url_for(""))
    async with original.with_options(max_retries=0) as copy:
        await copy.messages.batches.delete(BATCH_ID)
    ((request, _),) = server.log
    assert credentials_sent(request) == (None, f"Bearer {AUTH_TOKEN}")
    await original.close()


def test_neither_credential_shows_in_reprs_errors_or_logs(
    server: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, the transport's too
    caplog.set_level(logging.DEBUG, logger="anthropic_batches")
    serve(server, status=401, body=UNAUTHORIZED)
    client = Anthropic(
        api_key=API_KEY, auth_token=AUTH_TOKEN, base_url=server.url_for(""), max_retries=0
    )
    with pytest.raises(AuthenticationError) as rejected:
        client.messages.batches.delete(BATCH_ID)
    unreachable = client.with_options(base_url="http://127.0.0.1:9")
    with pytest.raises(APIConnectionError) as refused:
        unreachable.messages.batches.delete(BATCH_ID)
    shown = [
        repr(client),
        str(client),
        repr(unreachable),
        repr(AsyncAnthropic(api_key=API_KEY, auth_token=AUTH_TOKEN)),
        caplog.text,
    ]
    for error in (rejected.value, refused.value):
        shown += [str(error), repr(error), repr(error.request), repr(error.request.headers)]
    for secret in (API_KEY, AUTH_TOKEN):
        assert all(secret not in text for text in shown)
    # Hidden, not missing: both were sent, and the error's request still carries them.
    assert rejected.value.request.headers["authorization"] == f"Bearer {AUTH_TOKEN}"
    assert rejected.value.request.headers["x-api-key"] == API_KEY
    ((request, _),) = server.log
    assert credentials_sent(request) == (API_KEY, f"Bearer {AUTH_TOKEN}")


@pytest.mark.parametrize("client_class", [Anthropic, AsyncAnthropic])
@pytest.mark.parametrize(
    ("environment", "arguments"),
    [
        ({}, {"api_key": f"{API_KEY}\n"}),
        ({"ANTHROPIC_API_KEY": f"{API_KEY}\n"}, {}),
        ({}, {"auth_token": f"{AUTH_TOKEN}\r\n"}),
        ({"ANTHROPIC_AUTH_TOKEN": f"{AUTH_TOKEN}\r"}, {"api_key": API_KEY}),
    ],
    ids=["key argument", "key variable", "token argument", "token variable"],
)
def test_a_credential_no_header_can_carry_is_refused_when_the_client_is_made_unshown(
    server: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    client_class: type[Anthropic] | type[AsyncAnthropic],
    environment: dict[str, str],
    arguments: Credentials,
) -> None:
    """A key read from a file with its line break: httpx2 refused it on the first call with
    `Illegal header value b'sk-ant-...\\n'`, the key in the error's text."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(AnthropicError) as raised:
        client_class(**arguments, base_url=server.url_for(""))
    shown = f"{raised.value} {raised.value!r}"
    assert "holds a character it cannot carry" in shown
    assert API_KEY not in shown and AUTH_TOKEN not in shown
    assert server.log == []


def test_a_password_in_the_base_url_is_masked_in_reprs_and_log_lines(
    server: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="anthropic_batches")
    serve(server, status=503, body=UNAUTHORIZED)
    serve(server)
    base_url = server.url_for("").replace("http://", "http://user:hunter2@")
    client = Anthropic(api_key=API_KEY, base_url=base_url, max_retries=1)
    client.messages.batches.delete(BATCH_ID, timeout=5)
    logged = [
        record.getMessage() for record in caplog.records if record.name == "anthropic_batches"
    ]
    shown = [repr(client), str(client), repr(AsyncAnthropic(api_key=API_KEY, base_url=base_url))]
    assert len(logged) == 3  # the 503, the retry, the 200
    assert not [text for text in shown + logged if "hunter2" in text]
    assert all("//user:***@" in text for text in shown + logged)
    # Masked where shown, not dropped: the server received the password.
    (first, _), _ = server.log
    assert first.authorization is not None and first.authorization.password == "hunter2"
