"""How the client authenticates: an `AuthScheme` per security scheme of the spec.

The spec says where each credential goes on the wire (`components/securitySchemes`: an API key
in a header, or an HTTP bearer token); sdk.yaml `client.auth` names each one's constructor
argument and environment variable. What sdk.yaml leaves out is derived, so that a spec with a
new scheme still generates:

- the argument: `api_key` for a spec's only scheme (a client's one credential, whatever its
  kind, as OpenAI's SDK calls its bearer key); beside others, `api_key` for an API key and
  `auth_token` for a bearer token (Anthropic's SDK's names); schemes that would still share a
  name each take their own key in snake case;
- the variable: the package name and the argument in upper case (`ANTHROPIC_BATCHES_AUTH_TOKEN`),
  as `<PACKAGE>_LOG` is made.

Each name is refused where it was written (sdk.yaml) or derived (the scheme in openapi.yaml)
when it is not unique or would shadow another name of the client.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.build.context import Context
from generator.build.naming import (
    CLIENT_NAMES,
    RESERVED_ATTRIBUTES,
    RESERVED_MODULE_NAMES,
    snake_case,
)
from generator.load import JSONPath, section
from generator.model import AuthScheme, Resource
from generator.refs import resolve
from generator.sdk_config import AuthSetting, is_identifier

_SCHEMES: tuple[str, str] = ("components", "securitySchemes")
_SUPPORTED = "an API key in a header (`type: apiKey`, `in: header`) or an HTTP bearer token"


@dataclass(frozen=True)
class _Wire:
    """A scheme as the spec declares it: where its credential goes and how it is written."""

    name: str
    header: str
    prefix: str
    kind_argument: str
    """The argument its kind suggests when it is not the spec's only scheme."""

    @property
    def where(self) -> JSONPath:
        return (*_SCHEMES, self.name)


def auth_schemes(context: Context, resources: tuple[Resource, ...]) -> tuple[AuthScheme, ...]:
    """Every credential the client takes, in the spec's order; problems go to `context`.

    `resources` are the client's top-level resources, whose attributes no credential may take.
    """
    wires = _wires(context)
    settings = _settings(context, wires)
    arguments = _arguments(wires, settings)
    schemes = tuple(
        AuthScheme(
            scheme=wire.name,
            argument=arguments[wire.name],
            env=_env(context, settings.get(wire.name), arguments[wire.name]),
            header=wire.header,
            prefix=wire.prefix,
        )
        for wire in wires
    )
    refused = _check_arguments(context, schemes, settings, resources)
    # A refused argument's derived variable is no second problem.
    _check_envs(context, tuple(s for s in schemes if s.scheme not in refused), settings)
    return schemes


def _wires(context: Context) -> list[_Wire]:
    """The spec's schemes that the client can send, each header used once; the rest refused."""
    declared = section(context.spec.data, *_SCHEMES)
    if not declared:
        context.fail(_SCHEMES, f"declare at least one security scheme: {_SUPPORTED}")
    wires: list[_Wire] = []
    for name, node in declared.items():
        scheme, _ = resolve(context.spec, node, (*_SCHEMES, name))
        wire = _wire(name, scheme)
        if wire is None:
            context.fail((*_SCHEMES, name), f"security scheme {name!r} must be {_SUPPORTED}")
            continue
        same = next((w.name for w in wires if w.header == wire.header), None)
        if same is not None:
            context.fail(
                wire.where,
                f"security schemes {same!r} and {name!r} both send the `{wire.header}` header; "
                "a client can send only one credential in it",
            )
            continue
        wires.append(wire)
    return wires


def _wire(name: str, scheme: object) -> _Wire | None:
    """Where the credential of `scheme` goes, or None for a kind the client cannot send."""
    if not isinstance(scheme, dict):
        return None
    kind = scheme.get("type")
    if kind == "apiKey" and scheme.get("in") == "header" and isinstance(scheme.get("name"), str):
        return _Wire(name, str(scheme["name"]).lower(), "", "api_key")
    if kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
        return _Wire(name, "authorization", "Bearer ", "auth_token")
    return None


def _settings(context: Context, wires: list[_Wire]) -> dict[str, AuthSetting]:
    """sdk.yaml's setting of each scheme by name; a setting for no scheme is refused."""
    declared = section(context.spec.data, *_SCHEMES)
    found: dict[str, AuthSetting] = {}
    for setting in context.config.auth:
        if setting.scheme is None:  # the older `client.env.api_key`: the only scheme's
            if len(declared) > 1:
                context.fail_sdk(
                    setting.where,
                    f"`client.env.api_key` names the key of a spec with one security scheme; "
                    f"openapi.yaml declares {len(declared)} ({', '.join(declared)}): "
                    "name each under `client.auth`",
                )
            elif wires:
                found[wires[0].name] = setting
        elif setting.scheme not in declared:
            context.fail_sdk(
                setting.where,
                f"{setting.scheme!r} is not a security scheme of openapi.yaml "
                f"(components/securitySchemes: {', '.join(declared) or 'none'})",
            )
        else:
            found[setting.scheme] = setting
    return found


def _arguments(wires: list[_Wire], settings: dict[str, AuthSetting]) -> dict[str, str]:
    """Each scheme's argument: as sdk.yaml names it, else derived (see the module docstring)."""
    named = {name: s.argument for name, s in settings.items() if s.argument is not None}
    derived = {
        wire.name: "api_key" if len(wires) == 1 else wire.kind_argument
        for wire in wires
        if wire.name not in named
    }
    chosen = [*named.values(), *derived.values()]
    for name, argument in derived.items():
        if chosen.count(argument) > 1:
            derived[name] = snake_case(name)
    return {wire.name: named.get(wire.name) or derived[wire.name] for wire in wires}


def _env(context: Context, setting: AuthSetting | None, argument: str) -> str:
    if setting is not None and setting.env is not None:
        return setting.env
    return f"{context.config.package}_{argument}".upper()


def _fail_at(
    context: Context, scheme: str, setting: AuthSetting | None, key: str, message: str
) -> None:
    """Report `message` where the `key` of `scheme` was written, or at the scheme when derived."""
    if setting is not None and getattr(setting, key) is not None:
        context.fail_sdk(setting.at(key), message)
    else:
        context.fail(
            (*_SCHEMES, scheme),
            f"{message}; name it in sdk.yaml `client.auth.{scheme}.{key}`",
        )


def _check_arguments(
    context: Context,
    schemes: tuple[AuthScheme, ...],
    settings: dict[str, AuthSetting],
    resources: tuple[Resource, ...],
) -> set[str]:
    """Each argument unique, an identifier, and no other name of the client or its module;
    the schemes whose argument was refused."""
    resource_names = {resource.name for resource in resources}
    seen: dict[str, str] = {}
    refused: set[str] = set()
    for scheme in schemes:
        name, setting = scheme.argument, settings.get(scheme.scheme)
        problem = None
        if not is_identifier(name):
            problem = f"the credential argument {name!r} is not a Python identifier"
        elif name in seen:
            problem = f"the credential argument {name!r} is taken by scheme {seen[name]!r}"
        elif name in resource_names:
            problem = f"the credential argument {name!r} would shadow the resource `client.{name}`"
        elif name in RESERVED_ATTRIBUTES | CLIENT_NAMES | RESERVED_MODULE_NAMES:
            problem = (
                f"the credential argument {name!r} is a name the client already uses "
                "(its other arguments and attributes, or its module's names)"
            )
        seen.setdefault(name, scheme.scheme)
        if problem is not None:
            _fail_at(context, scheme.scheme, setting, "argument", problem)
            refused.add(scheme.scheme)
    return refused


def _check_envs(
    context: Context, schemes: tuple[AuthScheme, ...], settings: dict[str, AuthSetting]
) -> None:
    """Each credential from its own variable, apart from the base URL's and the log's."""
    config = context.config
    seen = {config.base_url_env: "the base URL", config.log_env: "the log level"}
    for scheme in schemes:
        if scheme.env in seen:
            _fail_at(
                context,
                scheme.scheme,
                settings.get(scheme.scheme),
                "env",
                f"the environment variable {scheme.env!r} is already read for {seen[scheme.env]}",
            )
        seen.setdefault(scheme.env, f"scheme {scheme.scheme!r}")
