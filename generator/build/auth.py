"""How the client authenticates: an `AuthScheme` per place the spec sends a credential.

Where the credentials come from: each scheme under `components/securitySchemes`
(`auth_wires`); without any, parameters that are credentials by their name (`auth_parameters`);
neither: the client takes no credential.

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

from generator.build.auth_parameters import found_wires, warn_found
from generator.build.auth_wires import SCHEMES, Wire, declared_wires, merged
from generator.build.context import Context
from generator.build.naming import (
    CLIENT_NAMES,
    RESERVED_ATTRIBUTES,
    RESERVED_MODULE_NAMES,
    snake_case,
)
from generator.load import section
from generator.model import AuthScheme, Credential, Resource
from generator.sdk_client import AuthSetting
from generator.sdk_reader import is_identifier

#: Names `_client.py` binds where the credential arguments are in scope, besides
#: `naming.CLIENT_NAMES`: what `_credentials` and the checks in `__init__` use.
_SCOPE_NAMES = frozenset({"query", "cookies", "basic_auth", "sum"})


def auth_wires(context: Context) -> tuple[Wire, ...]:
    """Where each credential of the client goes, in the spec's order: from securitySchemes,
    else from parameters that are credentials; warnings and problems go to `context`."""
    declared = section(context.spec.data, *SCHEMES)
    if declared:
        return merged(declared_wires(context, declared))
    return found_wires(context)


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
            warn_found(context, wire, scheme)
    return schemes


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
    declared = section(context.spec.data, *SCHEMES)
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
