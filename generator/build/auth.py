"""How the client authenticates: an `AuthScheme` per place the spec sends a credential.

Where the credentials come from:

- each scheme under `components/securitySchemes`: an API key in a header, a query parameter or
  a cookie; an HTTP bearer token; HTTP basic (a username and a password); OAuth2 and OpenID
  Connect as a bearer token the caller has obtained (the client fetches none). Schemes that
  send the same kind of credential in the same place are one argument (OpenAI's spec declares
  two bearer keys); a kind the client cannot send (HTTP digest, mutual TLS) is a warning, as
  the caller can still pass an `http_client` that authenticates;
- without securitySchemes, a parameter that is one by its name (`x-api-key`, `authorization`:
  `_CREDENTIAL_NAME`) and that at least half of the operations declare (Anthropic's published
  spec: `x-api-key` on 56 of 97), with a warning; one fewer operations declare stays theirs;
- neither: the client takes no credential.

A parameter at the place of a client credential is sent by the client, and no method takes it
(`Context.sent_by_client`); `client_parameters` says which.

sdk.yaml `client.auth` names each one's constructor argument and environment variable (for
HTTP basic, the username's, and under `password` the password's). What it leaves out is
derived, so that a spec with a new scheme still generates:

- the argument: `api_key` for a spec's only API key or bearer token (a client's one
  credential, as OpenAI's SDK calls its bearer key); beside others, `api_key` for an API key
  and `auth_token` for a bearer token (Anthropic's SDK's names); `auth_token` for an OAuth2
  or OpenID Connect token, always; `username` and `password` for HTTP basic; schemes that
  would still share a name each take their own key in snake case;
- the variable: the package name and the argument in upper case (`ANTHROPIC_BATCHES_AUTH_TOKEN`),
  as `<PACKAGE>_LOG` is made.

Each name is refused where it was written (sdk.yaml) or derived (the scheme in openapi.yaml)
when it is not unique or would shadow another name of the client.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.build.context import Context
from generator.build.naming import (
    CLIENT_NAMES,
    RESERVED_ATTRIBUTES,
    RESERVED_MODULE_NAMES,
    snake_case,
)
from generator.load import JSONPath, section
from generator.model import AuthKind, AuthLocation, AuthScheme, Credential, Resource
from generator.openapi import merged_parameters, operations
from generator.refs import resolve
from generator.sdk_client import AuthSetting
from generator.sdk_reader import is_identifier

_SCHEMES: tuple[str, str] = ("components", "securitySchemes")
_LOCATIONS: dict[object, AuthLocation] = {"header": "header", "query": "query", "cookie": "cookie"}
#: A header or cookie name as HTTP allows it (RFC 9110 `token`).
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+\Z")
#: A parameter that is a credential by its name, `_` read as `-` and case ignored:
#: `x-api-key`, `api_key`, `apikey`, `x-auth-token`, `access_token`, `subscription-key`...
_CREDENTIAL_NAME = re.compile(r"(x-)?(api-?key|(api|auth|access)-?token|subscription-key)\Z")
#: Names `_client.py` binds where the credential arguments are in scope, besides
#: `naming.CLIENT_NAMES`: what `_credentials` and the checks in `__init__` use.
_SCOPE_NAMES = frozenset({"query", "cookies", "basic_auth", "sum"})


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


def auth_wires(context: Context) -> tuple[Wire, ...]:
    """Where each credential of the client goes, in the spec's order: from securitySchemes,
    else from parameters that are credentials; warnings and problems go to `context`."""
    declared = section(context.spec.data, *_SCHEMES)
    if declared:
        return _merged(_declared_wires(context, declared))
    return _found_wires(context)


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


def auth_schemes(
    context: Context, wires: tuple[Wire, ...], resources: tuple[Resource, ...]
) -> tuple[AuthScheme, ...]:
    """Every way the client authenticates, in the spec's order; problems go to `context`.

    `resources` are the client's top-level resources, whose attributes no credential may take.
    """
    settings = _settings(context, wires)
    arguments = _arguments(wires, settings)
    schemes = tuple(
        AuthScheme(
            schemes=wire.keys,
            location=wire.location,
            name=wire.name,
            kind=wire.kind,
            credentials=tuple(
                Credential(argument, _env(context, setting, argument))
                for argument, setting in zip(
                    arguments[wire.keys[0]], _parts(settings.get(wire.keys[0])), strict=False
                )  # strict=False: a wire of one argument has no password's setting
            ),
        )
        for wire in wires
    )
    refused = _check_arguments(context, wires, schemes, settings, resources)
    # A refused argument's derived variable is no second problem.
    _check_envs(context, wires, schemes, settings, refused)
    for wire, scheme in zip(wires, schemes, strict=True):
        if wire.found is not None:
            _warn_found(context, wire, scheme)
    return schemes


# Where the credentials go: securitySchemes ------------------------------------------------------


def _declared_wires(context: Context, declared: dict[str, object]) -> list[Wire]:
    """A wire per scheme the client can send; a warning for each it cannot."""
    wires: list[Wire] = []
    for name in declared:
        where = (*_SCHEMES, name)
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
    place, name = _LOCATIONS.get(scheme.get("in")), scheme.get("name")
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


def _merged(wires: list[Wire]) -> tuple[Wire, ...]:
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


# Where the credentials go: parameters that are credentials -------------------------------------


def _found_wires(context: Context) -> tuple[Wire, ...]:
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
                _LOCATIONS[location],
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
            if location not in _LOCATIONS:
                continue
            name = written.lower() if location == "header" else written
            first, count, where = places.get((location, name), (written, 0, listed.defined_at))
            places[(location, name)] = (first, count + 1, where)
    return places


def _operations(count: int) -> str:
    return "1 operation" if count == 1 else f"{count} operations"


def _warn_found(context: Context, wire: Wire, scheme: AuthScheme) -> None:
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


# Names: sdk.yaml's, else derived ---------------------------------------------------------------


def _settings(context: Context, wires: tuple[Wire, ...]) -> dict[str, AuthSetting]:
    """sdk.yaml's setting of each wire, by its first key; a setting for no credential of the
    spec, or a second one for the same credential, is refused."""
    owner = {key: wire for wire in wires for key in wire.keys}
    found: dict[str, AuthSetting] = {}
    for setting in context.config.auth:
        if setting.scheme is None:  # the older `client.env.api_key`: the only scheme's
            _legacy(context, wires, setting, found)
        elif setting.scheme not in owner:
            context.fail_sdk(setting.where, _unknown(context, setting.scheme, owner))
        else:
            wire = owner[setting.scheme]
            if wire.keys[0] in found:
                context.fail_sdk(
                    setting.where,
                    f"security schemes {', '.join(map(repr, wire.keys))} send one credential "
                    f"in {wire.location} {wire.name!r}, one argument: name it once",
                )
            elif setting.password is not None and wire.kind != "basic":
                context.fail_sdk(
                    setting.password.where,
                    f"only HTTP basic has a password; {setting.scheme!r} is not HTTP basic",
                )
            else:
                found[wire.keys[0]] = setting
    return found


def _legacy(
    context: Context, wires: tuple[Wire, ...], setting: AuthSetting, found: dict[str, AuthSetting]
) -> None:
    """`client.env.api_key`: the variable of a spec's only credential, if it is one argument."""
    keys = [key for wire in wires for key in wire.keys]
    if len(wires) > 1:
        context.fail_sdk(
            setting.where,
            f"`client.env.api_key` names the key of a spec with one security scheme; "
            f"openapi.yaml declares {len(keys)} ({', '.join(keys)}): "
            "name each under `client.auth`",
        )
    elif wires and wires[0].kind == "basic":
        context.fail_sdk(
            setting.where,
            f"`client.env.api_key` names an API key or token, and {keys[0]!r} is HTTP basic: "
            f"name its username and password under `client.auth.{keys[0]}`",
        )
    elif wires:
        found[wires[0].keys[0]] = setting


def _unknown(context: Context, name: str, owner: dict[str, Wire]) -> str:
    """Why sdk.yaml's `client.auth.<name>` names nothing, and what it could name."""
    declared = section(context.spec.data, *_SCHEMES)
    if name in declared:
        return (
            f"{name!r} is a security scheme the client does not send (see its warning in "
            "openapi.yaml): it takes no argument to name"
        )
    if declared:
        return (
            f"{name!r} is not a security scheme of openapi.yaml "
            f"(components/securitySchemes: {', '.join(declared)})"
        )
    return (
        f"{name!r} is not a credential of openapi.yaml: it declares no security scheme, and "
        f"found as parameters: {', '.join(owner) or 'none'}"
    )


def _parts(setting: AuthSetting | None) -> tuple[AuthSetting | None, AuthSetting | None]:
    """The settings of a wire's first and second (a basic password's) arguments."""
    return setting, setting.password if setting is not None else None


def _arguments(
    wires: tuple[Wire, ...], settings: dict[str, AuthSetting]
) -> dict[str, tuple[str, ...]]:
    """Each wire's arguments by its first key: as sdk.yaml names them, else derived (see the
    module docstring)."""
    alone = len(wires) == 1
    chosen: dict[str, list[tuple[str, bool]]] = {}  # each argument, and whether sdk.yaml wrote it
    for wire in wires:
        derived = _derived(wire, alone)
        parts = _parts(settings.get(wire.keys[0]))[: len(derived)]
        chosen[wire.keys[0]] = [
            (part.argument, True) if part is not None and part.argument else (default, False)
            for part, default in zip(parts, derived, strict=True)
        ]
    every = [argument for pairs in chosen.values() for argument, _ in pairs]
    return {
        wire.keys[0]: tuple(
            _own(wire, index) if not written and every.count(argument) > 1 else argument
            for index, (argument, written) in enumerate(chosen[wire.keys[0]])
        )
        for wire in wires
    }


def _derived(wire: Wire, alone: bool) -> tuple[str, ...]:
    if wire.kind == "basic":
        return ("username", "password")
    return (wire.alone if alone else wire.beside,)


def _own(wire: Wire, index: int) -> str:
    """A derived argument that another took: the wire's key in snake case (for HTTP basic,
    followed by `_username` or `_password`)."""
    own = snake_case(wire.keys[0])
    return f"{own}_{('username', 'password')[index]}" if wire.kind == "basic" else own


def _env(context: Context, setting: AuthSetting | None, argument: str) -> str:
    if setting is not None and setting.env is not None:
        return setting.env
    return f"{context.config.package}_{argument}".upper()


# Checks -----------------------------------------------------------------------------------------


def _fail_at(
    context: Context,
    wire: Wire,
    setting: AuthSetting | None,
    key: str,
    message: str,
    password: bool,
) -> None:
    """Report `message` where the `key` of a wire's argument was written in sdk.yaml, or at
    the wire when it was derived, saying where sdk.yaml would name it."""
    if setting is not None and getattr(setting, key) is not None:
        context.fail_sdk(setting.at(key), message)
    else:
        path = f"{wire.keys[0]}.password" if password else wire.keys[0]
        context.fail(wire.where, f"{message}; name it in sdk.yaml `client.auth.{path}.{key}`")


def _check_arguments(
    context: Context,
    wires: tuple[Wire, ...],
    schemes: tuple[AuthScheme, ...],
    settings: dict[str, AuthSetting],
    resources: tuple[Resource, ...],
) -> set[str]:
    """Each argument unique, an identifier, and no other name of the client or its module;
    the arguments refused."""
    resource_names = {resource.name for resource in resources}
    taken = RESERVED_ATTRIBUTES | CLIENT_NAMES | RESERVED_MODULE_NAMES | _SCOPE_NAMES
    seen: dict[str, str] = {}
    refused: set[str] = set()
    for wire, scheme in zip(wires, schemes, strict=True):
        parts = _parts(settings.get(wire.keys[0]))
        for index, credential in enumerate(scheme.credentials):
            name = credential.argument
            problem = None
            if not is_identifier(name):
                problem = f"the credential argument {name!r} is not a Python identifier"
            elif name in seen:
                problem = f"the credential argument {name!r} is taken by scheme {seen[name]!r}"
            elif name in resource_names:
                problem = (
                    f"the credential argument {name!r} would shadow the resource `client.{name}`"
                )
            elif name in taken:
                problem = (
                    f"the credential argument {name!r} is a name the client already uses "
                    "(its other arguments and attributes, or its module's names)"
                )
            seen.setdefault(name, wire.keys[0])
            if problem is not None:
                _fail_at(context, wire, parts[index], "argument", problem, index == 1)
                refused.add(name)
    return refused


def _check_envs(
    context: Context,
    wires: tuple[Wire, ...],
    schemes: tuple[AuthScheme, ...],
    settings: dict[str, AuthSetting],
    refused: set[str],
) -> None:
    """Each credential from its own variable, apart from the base URL's and the log's."""
    config = context.config
    seen = {config.base_url_env: "the base URL", config.log_env: "the log level"}
    for wire, scheme in zip(wires, schemes, strict=True):
        parts = _parts(settings.get(wire.keys[0]))
        for index, credential in enumerate(scheme.credentials):
            if credential.argument in refused:
                continue
            if credential.env in seen:
                _fail_at(
                    context,
                    wire,
                    parts[index],
                    "env",
                    f"the environment variable {credential.env!r} is already read for "
                    f"{seen[credential.env]}",
                    index == 1,
                )
            seen.setdefault(credential.env, f"scheme {wire.keys[0]!r}")
