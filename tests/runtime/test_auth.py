"""Pins `_auth`: how credentials are written, and which values are refused before any request.

- `basic_auth` writes `Basic ` and the base64 of `username:password` in UTF-8 (RFC 7617), an
  empty password too, and refuses a colon in the username without showing it.
- `Credentials.check` refuses a value that cannot travel where it goes (a line break in a
  header or query value; a space, `;`, `,` or quote in a cookie), naming the place, never the
  value.
- `hidden_headers` names the credential headers in lower case, and `cookie` when a credential
  travels in one; `cookie_header` puts the credential cookies after a default `cookie` header.
"""

from __future__ import annotations

import base64

import pytest

from generator.runtime._auth import Credentials, basic_auth
from generator.runtime._config import ClientError

SECRET = "s3cret"


@pytest.mark.parametrize(
    ("username", "password"),
    [("AC123", "tok"), ("AC123", ""), ("usér", "pässword"), ("a", "with:colon")],
)
def test_basic_auth_is_base64_of_username_colon_password_in_utf8(
    username: str, password: str
) -> None:
    value = basic_auth(username, password)
    assert value.startswith("Basic ")
    assert base64.b64decode(value.removeprefix("Basic ")).decode() == f"{username}:{password}"


def test_basic_auth_refuses_a_colon_in_the_username_without_showing_it() -> None:
    with pytest.raises(ClientError) as raised:
        basic_auth(f"user:{SECRET}", "password")
    assert SECRET not in str(raised.value)
    assert "colon" in str(raised.value)


@pytest.mark.parametrize(
    ("credentials", "place"),
    [
        (Credentials(headers={"x-api-key": f"{SECRET}\n"}), "header `x-api-key`"),
        (Credentials(query={"key": f"{SECRET}\r\n"}), "query parameter `key`"),
        (Credentials(cookies={"session": f"{SECRET}; admin=1"}), "cookie `session`"),
        (Credentials(cookies={"session": f"{SECRET} "}), "cookie `session`"),
        (Credentials(cookies={"session": f'"{SECRET}"'}), "cookie `session`"),
    ],
)
def test_a_value_that_cannot_travel_where_it_goes_is_refused_naming_the_place(
    credentials: Credentials, place: str
) -> None:
    with pytest.raises(ClientError) as raised:
        credentials.check()
    assert place in str(raised.value)
    assert SECRET not in str(raised.value)


def test_values_that_travel_are_accepted() -> None:
    Credentials(
        headers={"authorization": "Bearer a.b-c_d~e+f/g="},
        query={"key": "AIza-Sy_0123"},
        cookies={"session": "abc.def-0123=="},
    ).check()


def test_hidden_headers_are_the_credential_headers_and_the_cookie_when_one_is_a_credential() -> (
    None
):
    assert Credentials(headers={"X-Api-Key": "k"}).hidden_headers == {"x-api-key"}
    assert Credentials(query={"key": "k"}).hidden_headers == set()
    assert Credentials(cookies={"session": "s"}).hidden_headers == {"cookie"}


def test_the_credential_cookies_come_after_a_default_cookie_header() -> None:
    credentials = Credentials(cookies={"session": "s", "csrf": "c"})
    assert credentials.cookie_header(None) == "session=s; csrf=c"
    assert credentials.cookie_header("theme=dark") == "theme=dark; session=s; csrf=c"
    assert Credentials().cookie_header("theme=dark") == "theme=dark"
    assert Credentials().cookie_header(None) is None
