"""Credentials declared as parameters, by a spec without securitySchemes: a parameter that is
one by its name (`x-api-key`, `authorization`: `_CREDENTIAL_NAME`) and that at least half of
the operations declare (Anthropic's published spec: `x-api-key` on 56 of 97), with a warning;
one fewer operations declare stays theirs.

A parameter at the place of a client credential is sent by the client, and no method takes it
(`Context.sent_by_client`); `client_parameters` says which.
"""

from __future__ import annotations

import re

from generator.build.auth_wires import LOCATIONS, Found, Wire
from generator.build.context import Context
from generator.load import JSONPath
from generator.model import AuthKind, AuthScheme
from generator.openapi import merged_parameters, operations

#: A parameter that is a credential by its name, `_` read as `-` and case ignored:
#: `x-api-key`, `api_key`, `apikey`, `x-auth-token`, `access_token`, `subscription-key`...
_CREDENTIAL_NAME = re.compile(r"(x-)?(api-?key|(api|auth|access)-?token|subscription-key)\Z")


def client_parameters(context: Context, wires: tuple[Wire, ...]) -> frozenset[tuple[str, str]]:
    """The (location, name) of each credential the client sends itself: a parameter there is
    not a method's argument. Operations that declare one beside a security scheme are warned
    of once; those found as parameters are warned of by `auth_schemes`, with their names."""
    places = frozenset(wire.place for wire in wires)
    for (location, name), (written, count, where) in _parameter_places(context).items():
        scheme = next((w for w in wires if w.place == (location, name)), None)
        if scheme is not None and scheme.found is None:
            context.warn(
                where,
                f"the {location} parameter {written!r} (declared by {_operations(count)}) "
                f"is where security scheme {scheme.keys[0]!r} sends its credential: the client "
                "sends it with every request, and no method takes it",
            )
    return places


def found_wires(context: Context) -> tuple[Wire, ...]:
    """Credentials declared as parameters, by a spec without securitySchemes: each header or
    query parameter named like one that at least half of the operations declare."""
    total = sum(1 for _ in operations(context.spec))
    wires: list[Wire] = []
    for (location, name), (written, count, where) in _parameter_places(context).items():
        bearer = location == "header" and name == "authorization"
        if location == "cookie" or not (bearer or _CREDENTIAL_NAME.match(name.lower().replace("_", "-"))):
            continue
        if count * 2 < total:
            context.warn(
                where,
                f"the {location} parameter {written!r} looks like a credential, but only "
                f"{count} of {total} operations declare it (fewer than half): it stays an "
                "argument of theirs; declare it under `components/securitySchemes` to make "
                "it the client's",
            )
            continue
        kind: AuthKind = "bearer" if bearer else "api_key"
        wires.append(
            Wire(
                (written,),
                LOCATIONS[location],
                name,
                kind,
                "api_key",
                "auth_token" if bearer else "api_key",
                where,
                Found(count, total),
            )
        )
    return tuple(wires)


def _parameter_places(context: Context) -> dict[tuple[str, str], tuple[str, int, JSONPath]]:
    """Each header, query and cookie parameter the operations declare, by (location, name;
    a header's in lower case): its name as first written, how many operations declare it,
    and where it is first defined."""
    places: dict[tuple[str, str], tuple[str, int, JSONPath]] = {}
    for operation in operations(context.spec):
        for (location, written), listed in merged_parameters(context.spec, operation).items():
            if location not in LOCATIONS:
                continue
            name = written.lower() if location == "header" else written
            first, count, where = places.get((location, name), (written, 0, listed.defined_at))
            places[(location, name)] = (first, count + 1, where)
    return places


def _operations(count: int) -> str:
    return "1 operation" if count == 1 else f"{count} operations"


def warn_found(context: Context, wire: Wire, scheme: AuthScheme) -> None:
    """Say where a credential found as a parameter is, and what the client made of it."""
    assert wire.found is not None
    (credential,) = scheme.credentials
    context.warn(
        wire.where,
        f"no security scheme is declared, but {wire.found.count} of {wire.found.total} "
        f"operations declare the {wire.location} parameter {wire.keys[0]!r}, a credential by its "
        f"name: the client takes it as `{credential.argument}` (or ${credential.env}) and "
        f"sends it as {scheme.sent_as} with every request, and no method takes it; declare it "
        "under `components/securitySchemes` to say so",
    )
