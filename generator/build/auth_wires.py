"""Where each credential of the client goes and how it is written (a `Wire`), as
`components/securitySchemes` declares it: an API key in a header, a query parameter or a
cookie; an HTTP bearer token; HTTP basic (a username and a password); OAuth2 and OpenID Connect
as a bearer token the caller has obtained (the client fetches none). Schemes that send the same
kind of credential in the same place are one argument (OpenAI's spec declares two bearer keys);
a kind the client cannot send (HTTP digest, mutual TLS) is a warning, as the caller can still
pass an `http_client` that authenticates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.build.context import Context
from generator.load import JSONPath
from generator.model import AuthKind, AuthLocation
from generator.refs import resolve

SCHEMES: tuple[str, str] = ("components", "securitySchemes")
LOCATIONS: dict[object, AuthLocation] = {"header": "header", "query": "query", "cookie": "cookie"}
#: A header or cookie name as HTTP allows it (RFC 9110 `token`).
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+\Z")


@dataclass(frozen=True)
class Found:
    """A credential found as a parameter: how many operations declare it, of how many."""

    count: int
    total: int


@dataclass(frozen=True)
class Wire:
    """Where one credential goes and how it is written, as the spec says."""

    keys: tuple[str, ...]
    """The securitySchemes keys that send it (or the parameter's name it was found as)."""
    location: AuthLocation
    name: str
    """The header (lower case), query parameter or cookie."""
    kind: AuthKind
    alone: str
    """Its argument when it is the client's only credential."""
    beside: str
    """Its argument beside others."""
    where: JSONPath
    found: Found | None = None

    @property
    def place(self) -> tuple[str, str]:
        return self.location, self.name


def declared_wires(context: Context, declared: dict[str, object]) -> list[Wire]:
    """A wire per scheme the client can send; a warning for each it cannot."""
    wires: list[Wire] = []
    for name in declared:
        where = (*SCHEMES, name)
        scheme, _ = resolve(context.spec, declared[name], where)
        wire = _wire(context, name, scheme if isinstance(scheme, dict) else {}, where)
        if wire is not None:
            wires.append(wire)
    return wires


def _wire(context: Context, key: str, scheme: dict[str, object], where: JSONPath) -> Wire | None:
    """Where the credential of `scheme` goes, or None (with a warning or a problem) for one
    the client cannot send."""
    kind, http = scheme.get("type"), str(scheme.get("scheme", "")).lower()
    if kind == "apiKey":
        return _api_key(context, key, scheme, where)
    if kind == "http" and http == "bearer":
        return Wire((key,), "header", "authorization", "bearer", "api_key", "auth_token", where)
    if kind in ("oauth2", "openIdConnect"):
        return Wire((key,), "header", "authorization", "bearer", "auth_token", "auth_token", where)
    if kind == "http" and http == "basic":
        return Wire((key,), "header", "authorization", "basic", "username", "username", where)
    what = f"HTTP {http or 'without a scheme'}" if kind == "http" else f"of type {kind!r}"
    context.warn(
        where,
        f"security scheme {key!r} ({what}) is not one the client sends: the client takes no "
        "argument for it; pass an `http_client` that authenticates (httpx2's `auth=`, or a "
        "client certificate for mutual TLS) or its header in `default_headers`",
    )
    return None


def _api_key(context: Context, key: str, scheme: dict[str, object], where: JSONPath) -> Wire | None:
    """An API key's wire: in a header (whose name is matched in lower case), a query parameter
    or a cookie, under a name HTTP can carry."""
    place, name = LOCATIONS.get(scheme.get("in")), scheme.get("name")
    if place is None or not isinstance(name, str) or not name:
        context.fail(
            where,
            f"security scheme {key!r} is an API key without a place: it needs `in` "
            "(header, query or cookie) and a `name`",
        )
        return None
    if place != "query" and not _TOKEN.match(name):
        context.fail(
            (*where, "name"),
            f"security scheme {key!r} sends its key in the {place} {name!r}, "
            f"which is no {place} name HTTP allows",
        )
        return None
    wire_name = name.lower() if place == "header" else name
    return Wire((key,), place, wire_name, "api_key", "api_key", "api_key", where)


def merged(wires: list[Wire]) -> tuple[Wire, ...]:
    """The wires with those of one kind in one place made one (its keys all of theirs): a
    client can send only one credential there, so they are one argument."""
    merged: dict[tuple[str, str, str], Wire] = {}
    for wire in wires:
        same = (*wire.place, wire.kind)
        first = merged.get(same)
        if first is None:
            merged[same] = wire
        else:
            merged[same] = Wire(
                (*first.keys, *wire.keys),
                first.location,
                first.name,
                first.kind,
                first.alone,
                first.beside,
                first.where,
            )
    return tuple(merged.values())
