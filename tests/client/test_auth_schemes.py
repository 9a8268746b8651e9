"""Every kind of security scheme on the wire, through the golden records' generated clients, as
a real server on 127.0.0.1 received each request.

- `every_auth_scheme` (`gatehouse`): HTTP basic as `username` and `password`, an API key in the
  query (`query_key`) and one in a cookie (`session`), and an HTTP bearer and an OAuth2 scheme
  as the one `auth_token`. Each credential given is sent where the spec says, from its argument
  or its variable; half a basic pair, two credentials for `authorization` and none at all are
  refused before any request; `with_options` copies them; no repr, error or log line shows one.
- `found_credential` (`notes`): a spec without securitySchemes whose operations declare
  `x-api-key`: the client takes `api_key` and sends it with every request, the operation that
  does not declare it too, and no method takes it.
- `no_credentials` (`clock`): a spec with no credential at all: the client takes none.

Generating them prints what the spec made the generator work around (a parameter the client
sends itself, a scheme it cannot send, a credential found as a parameter) as
`FILE:LINE:COL: warning: ...`, and exits 0.
"""

from __future__ import annotations

import base64
import inspect
import json
import logging
import pickle
from pathlib import Path
from typing import TypedDict, Unpack

import pytest
from clock import Clock
from gatehouse import APIConnectionError, APIStatusError, AsyncGatehouse, Gatehouse, GatehouseError
from notes import AsyncNotesClient, NotesClient, NotesError
from pytest_httpserver import HTTPServer
from werkzeug import Request

from ..helpers import ROOT, any_path, raw_target, run_generator

USERNAME = "AC-user-1"
PASSWORD = "pw-SECRET-1"
QUERY_KEY = "qk-SECRET-2"
SESSION = "sess-SECRET-3"
AUTH_TOKEN = "tok-SECRET-4"
GATE = {"id": "g1", "open": True}
VARIABLES = {
    "username": "GATEHOUSE_USERNAME",
    "password": "GATEHOUSE_PASSWORD",
    "query_key": "GATEHOUSE_QUERY_KEY",
    "session": "GATEHOUSE_SESSION",
    "auth_token": "GATEHOUSE_AUTH_TOKEN",
}


class Credentials(TypedDict, total=False):
    """The Gatehouse constructor's credential arguments, as a test passes some of them."""

    username: str
    password: str
    query_key: str
    session: str
    auth_token: str


@pytest.fixture(autouse=True)
def _no_golden_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees credentials of the golden clients from the developer's environment."""
    for name in (*VARIABLES.values(), "NOTES_API_KEY"):
        monkeypatch.delenv(name, raising=False)


def serve(server: HTTPServer, body: object = GATE, status: int = 200) -> None:
    server.expect_oneshot_request(any_path()).respond_with_data(
        json.dumps(body), status=status, content_type="application/json"
    )


def basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def sent(request: Request) -> dict[str, str | None]:
    """Where each Gatehouse credential could travel, as the request carried it."""
    return {
        "authorization": request.headers.get("authorization"),
        "key": request.args.get("key"),
        "session": request.cookies.get("session"),
    }


def one_call(server: HTTPServer, client: Gatehouse) -> dict[str, str | None]:
    """What one call of `client` sends."""
    serve(server)
    with client:
        client.gates.retrieve("g1")
    request, _ = server.log[-1]
    return sent(request)


def gatehouse(server: HTTPServer, **credentials: Unpack[Credentials]) -> Gatehouse:
    return Gatehouse(**credentials, base_url=server.url_for(""), max_retries=0)


NOTHING: dict[str, str | None] = {"authorization": None, "key": None, "session": None}


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (
            {"username": USERNAME, "password": PASSWORD},
            {"authorization": basic(USERNAME, PASSWORD)},
        ),
        ({"query_key": QUERY_KEY}, {"key": QUERY_KEY}),
        ({"session": SESSION}, {"session": SESSION}),
        ({"auth_token": AUTH_TOKEN}, {"authorization": f"Bearer {AUTH_TOKEN}"}),
        (
            {
                "username": USERNAME,
                "password": PASSWORD,
                "query_key": QUERY_KEY,
                "session": SESSION,
            },
            {"authorization": basic(USERNAME, PASSWORD), "key": QUERY_KEY, "session": SESSION},
        ),
    ],
    ids=["basic", "query key", "cookie", "bearer or oauth2", "three at once"],
)
def test_each_credential_given_is_sent_where_the_spec_says(
    server: HTTPServer, arguments: Credentials, expected: dict[str, str]
) -> None:
    assert one_call(server, gatehouse(server, **arguments)) == {**NOTHING, **expected}


def test_the_query_key_goes_with_the_calls_own_query_and_no_method_takes_it(
    server: HTTPServer,
) -> None:
    serve(server)
    with gatehouse(server, query_key="k/1 2") as client:
        client.gates.retrieve("g1", extra_query={"trace": "on"})
    ((request, _),) = server.log
    assert raw_target(request) == "/gates/g1?key=k%2F1+2&trace=on"
    assert "key" not in inspect.signature(client.gates.retrieve).parameters


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        (
            {"GATEHOUSE_USERNAME": USERNAME, "GATEHOUSE_PASSWORD": PASSWORD},
            {"authorization": basic(USERNAME, PASSWORD)},
        ),
        ({"GATEHOUSE_QUERY_KEY": QUERY_KEY}, {"key": QUERY_KEY}),
        ({"GATEHOUSE_SESSION": SESSION}, {"session": SESSION}),
        ({"GATEHOUSE_AUTH_TOKEN": AUTH_TOKEN}, {"authorization": f"Bearer {AUTH_TOKEN}"}),
    ],
    ids=["basic", "query key", "cookie", "bearer"],
)
def test_each_credential_comes_from_its_variable(
    server: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    environment: dict[str, str],
    expected: dict[str, str],
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert one_call(server, gatehouse(server)) == {**NOTHING, **expected}


def test_an_argument_wins_over_its_variable_half_a_pair_too(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GATEHOUSE_USERNAME", USERNAME)
    monkeypatch.setenv("GATEHOUSE_PASSWORD", "from-env")
    client = gatehouse(server, password=PASSWORD)
    assert (client.username, client.password) == (USERNAME, PASSWORD)
    assert one_call(server, client)["authorization"] == basic(USERNAME, PASSWORD)


async def test_the_async_client_sends_the_same_credentials(server: HTTPServer) -> None:
    serve(server)
    async with AsyncGatehouse(
        query_key=QUERY_KEY, session=SESSION, auth_token=AUTH_TOKEN, base_url=server.url_for("")
    ) as client:
        await client.gates.retrieve("g1")
    ((request, _),) = server.log
    assert sent(request) == {
        "authorization": f"Bearer {AUTH_TOKEN}",
        "key": QUERY_KEY,
        "session": SESSION,
    }


# Refused before any request ---------------------------------------------------------------------


@pytest.mark.parametrize("client_class", [Gatehouse, AsyncGatehouse])
@pytest.mark.parametrize(
    ("arguments", "environment"),
    [
        ({}, {}),
        ({"username": "", "query_key": ""}, {"GATEHOUSE_SESSION": ""}),
    ],
    ids=["none", "empty"],
)
def test_without_any_credential_the_client_refuses_naming_every_way_to_give_one(
    server: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    client_class: type[Gatehouse] | type[AsyncGatehouse],
    arguments: Credentials,
    environment: dict[str, str],
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(GatehouseError) as raised:
        client_class(**arguments, base_url=server.url_for(""))
    assert str(raised.value) == (
        "No credentials: pass username= and password=, query_key=, session= or auth_token= "
        "to the client, or set the environment variables GATEHOUSE_USERNAME and "
        "GATEHOUSE_PASSWORD, GATEHOUSE_QUERY_KEY, GATEHOUSE_SESSION or GATEHOUSE_AUTH_TOKEN"
    )
    assert server.log == []


@pytest.mark.parametrize(
    ("arguments", "environment"),
    [
        ({"username": USERNAME, "query_key": QUERY_KEY}, {}),
        ({"query_key": QUERY_KEY}, {"GATEHOUSE_PASSWORD": PASSWORD}),
    ],
    ids=["username alone", "password alone, from its variable"],
)
def test_half_a_basic_pair_is_refused_rather_than_sent_alone(
    server: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    arguments: Credentials,
    environment: dict[str, str],
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(GatehouseError) as raised:
        gatehouse(server, **arguments)
    message = str(raised.value)
    assert message.startswith("username= and password= go together")
    assert "GATEHOUSE_USERNAME and GATEHOUSE_PASSWORD" in message
    assert all(secret not in message for secret in (USERNAME, PASSWORD, QUERY_KEY))
    assert server.log == []


def test_two_credentials_for_one_header_are_refused_rather_than_one_chosen(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GATEHOUSE_AUTH_TOKEN", AUTH_TOKEN)
    with pytest.raises(GatehouseError) as raised:
        gatehouse(server, username=USERNAME, password=PASSWORD)
    assert str(raised.value) == (
        "Only one credential can be sent in the header `authorization`: give username= and "
        "password=, or auth_token= (as arguments or environment variables), not more than one"
    )
    assert server.log == []


# with_options ----------------------------------------------------------------------------------


def test_with_options_replaces_the_credentials_it_is_given_and_keeps_the_others(
    server: HTTPServer,
) -> None:
    original = gatehouse(server, username=USERNAME, password=PASSWORD, query_key=QUERY_KEY)
    copy = original.with_options(password="pw-new", session=SESSION)
    assert (copy.username, copy.password, copy.query_key, copy.session, copy.auth_token) == (
        USERNAME,
        "pw-new",
        QUERY_KEY,
        SESSION,
        None,
    )
    assert one_call(server, copy) == {
        "authorization": basic(USERNAME, "pw-new"),
        "key": QUERY_KEY,
        "session": SESSION,
    }
    assert one_call(server, original)["authorization"] == basic(USERNAME, PASSWORD)


# Nothing secret shown --------------------------------------------------------------------------


def test_no_credential_shows_in_reprs_errors_or_logs(
    server: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, the transport's too
    caplog.set_level(logging.DEBUG, logger="gatehouse")
    serve(server, {"error": "no"}, status=401)
    client = gatehouse(
        server, username=USERNAME, password=PASSWORD, query_key=QUERY_KEY, session=SESSION
    )
    with pytest.raises(APIStatusError) as rejected:
        client.gates.retrieve("g1")
    unreachable = client.with_options(base_url="http://127.0.0.1:9")
    with pytest.raises(APIConnectionError) as refused:
        unreachable.gates.retrieve("g1")
    raw = client.with_options(max_retries=0)
    serve(server)
    response = raw.gates.with_raw_response.retrieve("g1")
    # The client's log lines and the transport's; the test server's own show what it received.
    logged = [r.getMessage() for r in caplog.records if not r.name.startswith("werkzeug")]
    shown = [repr(client), str(client), repr(unreachable), repr(response), *logged]
    for error in (rejected.value, refused.value):
        shown += [str(error), repr(error), repr(error.request), repr(error.request.headers)]
    secrets = (PASSWORD, QUERY_KEY, SESSION, basic(USERNAME, PASSWORD).removeprefix("Basic "))
    for secret in secrets:
        assert all(secret not in text for text in shown), secret
    assert any("HTTP Request: GET" in line and "key=***" in line for line in logged)
    assert "key=***" in repr(rejected.value.request)
    # Hidden, not missing: the error's request still carries them.
    assert rejected.value.request.url.params["key"] == QUERY_KEY
    request, _ = server.log[0]
    assert sent(request) == {
        "authorization": basic(USERNAME, PASSWORD),
        "key": QUERY_KEY,
        "session": SESSION,
    }


def test_an_error_pickled_and_back_still_hides_the_query_credential(server: HTTPServer) -> None:
    serve(server, {"error": "no"}, status=401)
    with pytest.raises(APIStatusError) as rejected:
        gatehouse(server, query_key=QUERY_KEY).gates.retrieve("g1")
    restored = pickle.loads(pickle.dumps(rejected.value))
    assert QUERY_KEY not in repr(restored.request)
    assert restored.request.url.params["key"] == QUERY_KEY


# A credential found as a parameter; none at all ------------------------------------------------


def test_a_credential_declared_as_a_parameter_is_sent_with_every_request(
    server: HTTPServer,
) -> None:
    serve(server, {"notes": []})
    serve(server, {"id": "n1", "text": "hi"})
    with NotesClient(api_key="nk-1", base_url=server.url_for(""), max_retries=0) as client:
        client.notes.list_all(notes_version="2")
        client.notes.create(text="hi")  # an operation that does not declare it
    assert [(r.method, r.headers.get("x-api-key")) for r, _ in server.log] == [
        ("GET", "nk-1"),
        ("POST", "nk-1"),
    ]
    assert server.log[0][0].headers.get("notes-version") == "2"
    for method in (client.notes.list_all, client.notes.retrieve, client.notes.create):
        assert "x_api_key" not in inspect.signature(method).parameters


@pytest.mark.parametrize("client_class", [NotesClient, AsyncNotesClient])
def test_a_credential_found_as_a_parameter_is_required_as_any(
    client_class: type[NotesClient] | type[AsyncNotesClient],
) -> None:
    with pytest.raises(NotesError) as raised:
        client_class()
    assert str(raised.value) == (
        "No credentials: pass api_key= to the client, "
        "or set the environment variable NOTES_API_KEY"
    )


def test_a_spec_without_any_credential_makes_a_client_that_takes_none(
    server: HTTPServer,
) -> None:
    server.expect_oneshot_request("/time").respond_with_json({"iso": "2026-01-02T03:04:05Z"})
    with Clock(base_url=server.url_for(""), max_retries=0) as client:
        assert client.time.retrieve().iso.year == 2026
    ((request, _),) = server.log
    assert "authorization" not in request.headers and "cookie" not in request.headers
    assert list(inspect.signature(Clock).parameters) == [
        "base_url",
        "timeout",
        "max_retries",
        "default_headers",
        "default_query",
        "http_client",
    ]


# Generation: warnings, located, never stopping it -----------------------------------------------


@pytest.mark.parametrize(
    ("golden", "warnings"),
    [
        (
            "every_auth_scheme",
            [
                ":22:11: warning: the query parameter 'key' (declared by 1 operation) is where "
                "security scheme 'queryKey' sends its credential",
                ":41:5: warning: security scheme 'digest' (HTTP digest) is not one the client sends",
            ],
        ),
        (
            "found_credential",
            [
                ":15:11: warning: no security scheme is declared, but 2 of 3 operations declare "
                "the header parameter 'x-api-key', a credential by its name",
            ],
        ),
        ("no_credentials", []),
    ],
)
def test_what_auth_works_around_is_a_located_warning_and_generation_goes_on(
    tmp_path: Path, golden: str, warnings: list[str]
) -> None:
    spec = ROOT / "tests" / "golden" / golden / "spec"
    result = run_generator(
        "generate",
        "--spec",
        str(spec),
        "--out",
        str(tmp_path),
        env={"XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert result.returncode == 0, result.stderr
    printed = result.stderr.splitlines()
    assert len(printed) == len(warnings)
    for line, expected in zip(printed, warnings, strict=True):
        assert line.startswith(f"{spec / 'openapi.yaml'}{expected}")
