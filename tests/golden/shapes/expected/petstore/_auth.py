"""Credentials: where each one a client was given goes on every request, and how it is written.

The generated `_client` sorts the credentials it was given by where the spec sends them (a
header, a query parameter, a cookie) into one `Credentials`; `BaseClient` checks them once,
sends them with every request, and hides them wherever a request is shown (`_request`).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ._config import ClientError

#: What a header value may hold: visible ASCII, spaces and tabs.
HEADER_VALUE = re.compile(r"[\x20-\x7e\t]*")
#: What a cookie's value may hold (RFC 6265 `cookie-octet`): no space, quote, comma, semicolon
#: or backslash, any of which would end the value or start another cookie.
_COOKIE_VALUE = re.compile(r"[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*")


@dataclass(frozen=True)
class Credentials:
    """The credentials a client sends with every request, by where they go: header, query
    parameter and cookie names, each to its value as sent."""

    headers: Mapping[str, str] = field(default_factory=dict[str, str])
    query: Mapping[str, str] = field(default_factory=dict[str, str])
    cookies: Mapping[str, str] = field(default_factory=dict[str, str])

    @property
    def hidden_headers(self) -> frozenset[str]:
        """The headers, in lower case, whose values are never shown: the credential headers,
        and `cookie` when a credential travels in one."""
        names = {name.lower() for name in self.headers}
        if self.cookies:
            names.add("cookie")
        return frozenset(names)

    def check(self) -> None:
        """Raise `ClientError` for a value that cannot travel where it goes, without showing
        it: a credential read with its line break (from a file, a variable) is still one."""
        for where, values, pattern in (
            ("header", self.headers, HEADER_VALUE),
            ("query parameter", self.query, HEADER_VALUE),
            ("cookie", self.cookies, _COOKIE_VALUE),
        ):
            for name, value in values.items():
                if not pattern.fullmatch(value):
                    raise ClientError(
                        f"The credential sent in the {where} `{name}` holds a character it "
                        "cannot carry (a line break, say, from the file or variable it was "
                        "read from)"
                    )

    def cookie_header(self, given: str | None) -> str | None:
        """The `cookie` header to send: the credential cookies after those of `given` (a
        `cookie` default header), so that neither replaces the other."""
        pairs = [f"{name}={value}" for name, value in self.cookies.items()]
        return "; ".join([given, *pairs] if given else pairs) or None


def basic_auth(username: str, password: str) -> str:
    """The `authorization` value of HTTP basic authentication (RFC 7617): `Basic ` and the
    base64 of `username:password` in UTF-8. A colon in the username would move the split
    where the server reads it, so it raises rather than send another username."""
    if ":" in username:
        raise ClientError("The username of HTTP basic authentication cannot hold a colon")
    pair = f"{username}:{password}".encode()
    return "Basic " + base64.b64encode(pair).decode("ascii")
