"""sdk.yaml's `client`: the client classes' names, where they connect and with which
credentials, and their defaults (headers, timeouts, retries).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.load import JSONPath
from generator.sdk_reader import Reader, is_identifier
from generator.spec_defaults import SpecDefaults

_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+\Z")
#: A constructor argument: lower-case snake case, so it never takes a class's or constant's name.
_ARGUMENT = re.compile(r"[a-z][a-z0-9_]*\Z")
#: The keys of the `client` section.
_CLIENT_KEYS = {
    "sync_class",
    "async_class",
    "base_url",
    "auth",
    "env",
    "default_headers",
    "timeout",
    "connect_timeout",
    "max_retries",
    "path_key_query",
}


@dataclass(frozen=True)
class AuthSetting:
    """What sdk.yaml says of one security scheme's credential; what it leaves out is derived
    when the spec is at hand (`generator.build.auth`)."""

    scheme: str | None
    """Its key under openapi.yaml's `components/securitySchemes`; None for the older
    `client.env.api_key`, which names the credential of a spec's only scheme."""
    argument: str | None
    """The constructor argument that takes the credential, when sdk.yaml names it."""
    env: str | None
    """The environment variable read when the argument is not given, when sdk.yaml names it."""
    where: JSONPath
    password: AuthSetting | None = None
    """For an HTTP basic scheme, its password's (`argument` and `env` are the username's)."""

    def at(self, key: str) -> JSONPath:
        """Where `key` (`argument` or `env`) of this setting was written, for an error there."""
        return self.where if self.scheme is None else (*self.where, key)


@dataclass(frozen=True)
class ClientSettings:
    """What the `client` section says: the classes' names, where they connect and with which
    credentials, and their defaults. `SdkConfig` is these and the other sections' settings."""

    sync_class: str
    async_class: str
    base_url: str
    auth: tuple[AuthSetting, ...]
    base_url_env: str
    log_env: str
    default_headers: tuple[tuple[str, str], ...]
    timeout: float
    connect_timeout: float
    max_retries: int
    send_path_key_query: bool


def read_client(
    reader: Reader, value: object, package: str, defaults: SpecDefaults | None
) -> ClientSettings:
    """The `client` section of the package `package`; with `defaults` (the OpenAPI document's
    own), what it leaves out is taken from them."""
    client = reader.mapping(("client",), value, _CLIENT_KEYS)
    env = reader.mapping(("client", "env"), client.get("env", {}), {"api_key", "base_url", "log"})
    class_name = defaults.class_name if defaults else ""
    return ClientSettings(
        sync_class=reader.identifier(("client",), client, "sync_class", class_name),
        async_class=reader.identifier(
            ("client",), client, "async_class", f"Async{class_name}" if class_name else ""
        ),
        base_url=_read_base_url(reader, client, defaults.base_url if defaults else ""),
        auth=_read_auth(reader, client.get("auth"), env),
        base_url_env=reader.env_name(
            ("client", "env"),
            env,
            "base_url",
            default=f"{package.upper()}_BASE_URL" if defaults else "",
        ),
        # Without `log`, the package's own name: a bare `LOG` would catch other programs' setting.
        log_env=reader.env_name(("client", "env"), env, "log", default=f"{package.upper()}_LOG"),
        default_headers=_read_headers(reader, client.get("default_headers", {})),
        timeout=reader.number(("client",), client, "timeout", 600.0),
        connect_timeout=reader.number(("client",), client, "connect_timeout", 5.0),
        max_retries=_read_max_retries(reader, client),
        send_path_key_query=_read_path_key_query(reader, client) == "send",
    )


def _read_max_retries(reader: Reader, client: dict[str, object]) -> int:
    max_retries = client.get("max_retries", 2)
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        reader.fail(("client", "max_retries"), "`max_retries` must be a whole number >= 0")
        return 2
    return max_retries


def _read_path_key_query(reader: Reader, client: dict[str, object]) -> object:
    path_key_query = client.get("path_key_query", "drop")
    if path_key_query not in ("drop", "send"):
        reader.fail(("client", "path_key_query"), "`path_key_query` must be `drop` or `send`")
    return path_key_query


def _read_base_url(reader: Reader, client: dict[str, object], default: str) -> str:
    url = reader.string(("client",), client, "base_url", default)
    parts = urlsplit(url)
    if url and (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or not url.isprintable()
        or " " in url
    ):
        reader.fail(
            ("client", "base_url"),
            f"{url!r} is not an http(s) URL without spaces or control characters",
        )
    return url


#: What names one credential in sdk.yaml `client.auth`; a scheme adds an HTTP basic password's.
_NAME_KEYS = frozenset({"argument", "env"})
_SCHEME_KEYS = _NAME_KEYS | {"password"}


def _read_auth(reader: Reader, value: object, env: dict[str, object]) -> tuple[AuthSetting, ...]:
    """`client.auth`: per security scheme, its argument and environment variable.

    The older `client.env.api_key` still works alone (it names the key of a spec's only scheme,
    passed as `api_key`); beside `client.auth` it is refused, as two places for one variable.
    """
    legacy: JSONPath = ("client", "env", "api_key")
    if value is None:
        if "api_key" not in env:
            return ()
        name = reader.env_name(("client", "env"), env, "api_key")
        return (AuthSetting(None, "api_key", name, legacy),)
    if "api_key" in env:
        reader.fail(
            legacy,
            "`client.env.api_key` is the older form of `client.auth`; beside `client.auth`, "
            "give each scheme's variable as `client.auth.<scheme>.env`",
        )
    where: JSONPath = ("client", "auth")
    if not isinstance(value, dict):
        reader.fail(where, "`auth` must map security scheme names to `{argument, env}`")
        return ()
    return tuple(
        _read_auth_entry(reader, (*where, scheme), entry) for scheme, entry in value.items()
    )


def _read_auth_entry(
    reader: Reader, where: JSONPath, value: object, keys: frozenset[str] = _SCHEME_KEYS
) -> AuthSetting:
    """One scheme's `{argument, env}`, and for HTTP basic its `password: {argument, env}`
    (whether the scheme is basic is checked once the spec is at hand)."""
    entry = reader.mapping(where, {} if value is None else value, set(keys))
    password = None
    if "password" in entry:
        password = _read_auth_entry(reader, (*where, "password"), entry["password"], _NAME_KEYS)
    argument = env = None
    if "argument" in entry:
        argument = reader.string(where, entry, "argument")
        if argument and not (_ARGUMENT.match(argument) and is_identifier(argument)):
            reader.fail(
                (*where, "argument"),
                f"{argument!r} is not a lower-case Python identifier (the constructor argument)",
            )
    if "env" in entry:
        env = reader.env_name(where, entry, "env")
    scheme = str(where[2])  # client.auth.<scheme>[.password]
    return AuthSetting(scheme, argument or None, env or None, where, password)


def _read_headers(reader: Reader, value: object) -> tuple[tuple[str, str], ...]:
    where: JSONPath = ("client", "default_headers")
    if not isinstance(value, dict):
        reader.fail(where, "`default_headers` must be a mapping of header name to value")
        return ()
    headers = []
    seen: set[str] = set()
    for name, header_value in value.items():
        if not _HEADER_NAME.match(name):
            reader.fail((*where, name), f"{name!r} is not a valid HTTP header name")
        elif name.lower() in seen:
            reader.fail((*where, name), f"header {name!r} is listed twice (names ignore case)")
        seen.add(name.lower())
        if not isinstance(header_value, str) or any(c in header_value for c in "\r\n\x00"):
            reader.fail((*where, name), "a header value must be a string on one line")
            continue
        headers.append((name.lower(), header_value))
    return tuple(headers)
