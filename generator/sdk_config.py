"""Read `sdk.yaml`: the client's shape, which the OpenAPI document cannot express.

Unknown keys and wrong types are errors at their location, not silently ignored: a typo in a
config key must not produce a client that quietly lacks what the user asked for.
"""

from __future__ import annotations

import keyword
import math
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from generator.errors import Diagnostic, SpecError
from generator.load import Document, JSONPath
from generator.model import PAGE_KINDS, PageKind, PageScheme, Streaming
from generator.spec_defaults import STATUS_ERRORS, SpecDefaults

_STATUS_5XX = "5xx"
#: What an invalid status reads as, so reading goes on; it is reported once, never mapped.
_INVALID_STATUS = -1
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+\Z")
#: What a shell can set (POSIX names, lower case allowed): a name with `=`, a space or a quote
#: could never be exported, so the client would silently never find its value.
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
#: A constructor argument: lower-case snake case, so it never takes a class's or constant's name.
_ARGUMENT = re.compile(r"[a-z][a-z0-9_]*\Z")
#: A public version in PEP 440's normal form (`1.2.0`, `2.0.0rc1`, `1.0.post1.dev2`): what pip
#: installs the generated package under, so anything else is refused here, not by pip later.
_VERSION = re.compile(
    r"([1-9][0-9]*!)?(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*"
    r"((a|b|rc)(0|[1-9][0-9]*))?(\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?\Z"
)


@dataclass(frozen=True)
class ErrorMapping:
    class_name: str
    status: int | None
    parent: str | None
    where: JSONPath


@dataclass(frozen=True)
class MethodMapping:
    path: tuple[str, ...]
    """Resource names then the method name, e.g. ("beta", "messages", "batches", "delete")."""
    operation_id: str
    where: JSONPath


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
class SdkConfig:
    package: str
    version: str
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
    error_base: str
    errors: tuple[ErrorMapping, ...]
    methods: tuple[MethodMapping, ...]
    pagination: tuple[PageScheme, ...]
    streaming: Streaming = field(default_factory=lambda: Streaming())


class _Reader:
    """Typed access to a YAML mapping that collects located problems instead of raising."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Diagnostic] = []

    def fail(self, where: JSONPath, message: str) -> None:
        self.problems.append(Diagnostic(self.document.locate(where), message))

    def mapping(self, where: JSONPath, value: object, keys: set[str]) -> dict[str, object]:
        if not isinstance(value, dict):
            self.fail(where, "expected a mapping")
            return {}
        for key in value:
            if key not in keys:
                self.fail((*where, key), f"unknown key {key!r}; expected one of {sorted(keys)}")
        return value

    def string(self, where: JSONPath, data: dict[str, object], key: str, default: str = "") -> str:
        value = data.get(key, default)
        if isinstance(value, str) and value:
            return value
        self.fail((*where, key), f"`{key}` must be a non-empty string")
        return default

    def env_name(
        self, where: JSONPath, data: dict[str, object], key: str, default: str = ""
    ) -> str:
        value = self.string(where, data, key, default)
        if key in data and value and not _ENV_NAME.match(value):  # a default is the package's
            self.fail(
                (*where, key),
                f"{value!r} is not an environment variable name "
                "(letters, digits and `_`, not starting with a digit)",
            )
        return value

    def identifier(
        self, where: JSONPath, data: dict[str, object], key: str, default: str = ""
    ) -> str:
        value = self.string(where, data, key, default)
        if value and not is_identifier(value):
            self.fail((*where, key), f"{value!r} is not a valid Python identifier")
        return value

    def number(self, where: JSONPath, data: dict[str, object], key: str, default: float) -> float:
        value = data.get(key, default)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value <= 0
        ):
            self.fail((*where, key), f"`{key}` must be a positive number")
            return default
        return float(value)


def is_identifier(name: str) -> bool:
    """A name usable as a Python identifier that is not a keyword."""
    return bool(_IDENTIFIER.match(name)) and not keyword.iskeyword(name)


def read_sdk_config(
    document: Document,
    package_override: str | None = None,
    defaults: SpecDefaults | None = None,
) -> SdkConfig:
    """The config sdk.yaml declares; with `defaults` (the OpenAPI document's own), every key
    is optional and what is left out is taken from them."""
    reader = _Reader(document)
    root = reader.mapping(
        (),
        document.data,
        {"package", "client", "errors", "methods", "pagination", "streaming"},
    )
    package = reader.mapping(("package",), root.get("package", {}), {"name", "version"})
    client = reader.mapping(
        ("client",),
        root.get("client", {}),
        {
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
        },
    )
    env = reader.mapping(("client", "env"), client.get("env", {}), {"api_key", "base_url", "log"})
    package_name = package_override or reader.identifier(
        ("package",), package, "name", defaults.package if defaults else ""
    )
    if package_override is not None and not is_identifier(package_override):
        raise SpecError.at(
            document.locate(("package", "name")),
            f"--package-name {package_override!r} is not a valid Python identifier",
        )
    max_retries = client.get("max_retries", 2)
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        reader.fail(("client", "max_retries"), "`max_retries` must be a whole number >= 0")
        max_retries = 2
    path_key_query = client.get("path_key_query", "drop")
    if path_key_query not in ("drop", "send"):
        reader.fail(("client", "path_key_query"), "`path_key_query` must be `drop` or `send`")
    class_name = defaults.class_name if defaults else ""
    errors_value = root.get("errors", _default_errors(class_name) if defaults else None)
    error_base, errors = _read_errors(reader, errors_value)
    config = SdkConfig(
        package=package_name,
        version=_read_version(reader, package, defaults.version if defaults else ""),
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
            default=f"{package_name.upper()}_BASE_URL" if defaults else "",
        ),
        # Without `log`, the package's own name: a bare `LOG` would catch other programs' setting.
        log_env=reader.env_name(
            ("client", "env"), env, "log", default=f"{package_name.upper()}_LOG"
        ),
        default_headers=_read_headers(reader, client.get("default_headers", {})),
        timeout=reader.number(("client",), client, "timeout", 600.0),
        connect_timeout=reader.number(("client",), client, "connect_timeout", 5.0),
        max_retries=max_retries,
        send_path_key_query=path_key_query == "send",
        error_base=error_base,
        errors=errors,
        methods=_read_methods(reader, root.get("methods"), required=defaults is None),
        pagination=_read_pagination(reader, root.get("pagination")),
        streaming=_read_streaming(reader, root.get("streaming")),
    )
    if reader.problems:
        raise SpecError(reader.problems)
    return config


def _read_version(reader: _Reader, package: dict[str, object], default: str) -> str:
    version = reader.string(("package",), package, "version", default)
    if version and not _VERSION.match(version):
        reader.fail(
            ("package", "version"),
            f"{version!r} is not a version pip can install: use PEP 440's form, such as 1.2.0 "
            "or 2.0.0rc1 (quote it if YAML reads it as a number)",
        )
    return version


def _read_base_url(reader: _Reader, client: dict[str, object], default: str) -> str:
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


def _read_auth(reader: _Reader, value: object, env: dict[str, object]) -> tuple[AuthSetting, ...]:
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
    reader: _Reader, where: JSONPath, value: object, keys: frozenset[str] = _SCHEME_KEYS
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


def _read_headers(reader: _Reader, value: object) -> tuple[tuple[str, str], ...]:
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


def _read_errors(reader: _Reader, value: object) -> tuple[str, tuple[ErrorMapping, ...]]:
    section = reader.mapping(("errors",), value, {"base", "statuses"})
    base = reader.identifier(("errors",), section, "base")
    statuses = section.get("statuses", [])
    if not isinstance(statuses, list):
        reader.fail(("errors", "statuses"), "`statuses` must be a list")
        return base, ()
    mappings: list[ErrorMapping] = []
    seen_classes: set[str] = set()
    seen_statuses: set[int | None] = set()
    for index, entry in enumerate(statuses):
        where: JSONPath = ("errors", "statuses", index)
        item = reader.mapping(where, entry, {"class", "status", "parent"})
        class_name = reader.identifier(where, item, "class")
        status = _read_status(reader, where, item.get("status"))
        parent = item.get("parent")
        if parent is not None and (not isinstance(parent, str) or parent not in seen_classes):
            reader.fail((*where, "parent"), "`parent` must name a class listed above this one")
            parent = None
        if class_name and class_name in seen_classes:
            reader.fail((*where, "class"), f"error class {class_name!r} is listed twice")
        if status != _INVALID_STATUS and status in seen_statuses:
            reader.fail((*where, "status"), f"status {status or _STATUS_5XX} is mapped twice")
        seen_classes.add(class_name)
        seen_statuses.add(status)
        mappings.append(ErrorMapping(class_name, status, parent if parent else None, where))
    return base, tuple(mappings)


def _read_status(reader: _Reader, where: JSONPath, value: object) -> int | None:
    if value == _STATUS_5XX:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 400 <= value <= 599:
        return value
    reader.fail((*where, "status"), "`status` must be a code from 400 to 599, or `5xx`")
    return _INVALID_STATUS


def _read_pagination(reader: _Reader, value: object) -> tuple[PageScheme, ...]:
    """The schemes by name; a scheme's `kind` defaults to its name (`cursor:` is a cursor)."""
    if value is None:
        return ()
    if not isinstance(value, dict):
        reader.fail(("pagination",), "`pagination` must map scheme names to their fields")
        return ()
    schemes = []
    for name, entry in value.items():
        where: JSONPath = ("pagination", name)
        if not is_identifier(name):
            reader.fail(where, f"scheme name {name!r} is not a valid Python identifier")
            continue
        kind = entry.get("kind", name) if isinstance(entry, dict) else name
        if kind not in PAGE_KINDS:
            reader.fail(
                (*where, "kind") if isinstance(entry, dict) and "kind" in entry else where,
                f"`kind` must be one of {', '.join(PAGE_KINDS)}, for scheme {name!r}",
            )
            continue
        schemes.append(_read_scheme(reader, where, name, kind, entry))
    return tuple(schemes)


def _read_scheme(
    reader: _Reader, where: JSONPath, name: str, kind: PageKind, entry: object
) -> PageScheme:
    _, fields, parameters, optional = PAGE_KINDS[kind]
    scheme = reader.mapping(where, entry, {"kind", *fields, *parameters, *optional})
    names = [(role, reader.identifier(where, scheme, role)) for role in fields]
    names += [(role, reader.string(where, scheme, role)) for role in parameters]
    names += [(role, reader.identifier(where, scheme, role)) for role in optional if role in scheme]
    return PageScheme(name, kind, tuple(names))


def _read_streaming(reader: _Reader, value: object) -> Streaming:
    if value is None:
        return Streaming()
    where: JSONPath = ("streaming",)
    section = reader.mapping(where, value, {"flag", "skip", "skip_unnamed", "error"})
    skip = section.get("skip", [])
    if not isinstance(skip, list) or not all(isinstance(name, str) and name for name in skip):
        reader.fail((*where, "skip"), "`skip` must be a list of event names")
        skip = []
    skip_unnamed = section.get("skip_unnamed", False)
    if not isinstance(skip_unnamed, bool):
        reader.fail((*where, "skip_unnamed"), "`skip_unnamed` must be true or false")
        skip_unnamed = False
    error = section.get("error")
    if error is not None and (not isinstance(error, str) or not error):
        reader.fail((*where, "error"), "`error` must be an event name")
        error = None
    return Streaming(
        flag=reader.string(where, section, "flag", default="stream"),
        skip=tuple(skip),
        skip_unnamed=skip_unnamed,
        error=error,
    )


def _default_errors(class_name: str) -> dict[str, object]:
    """The errors section a client without one gets: the official SDKs' status classes."""
    return {
        "base": f"{class_name}Error",
        "statuses": [
            {"class": name, "status": status if status is not None else "5xx"}
            for name, status, _ in STATUS_ERRORS
        ],
    }


def _read_methods(reader: _Reader, value: object, required: bool) -> tuple[MethodMapping, ...]:
    """The dotted method names sdk.yaml gives operations; the rest are named from their paths
    (`build.method_names`), so without a spec's own defaults, some must be given."""
    if value is None and not required:
        return ()
    if not isinstance(value, dict) or (required and not value):
        reader.fail(
            ("methods",), "`methods` must map at least one `resource.method` to an operation"
        )
        return ()
    mappings = []
    for dotted, operation_id in value.items():
        where: JSONPath = ("methods", dotted)
        parts = tuple(dotted.split("."))
        if len(parts) < 2 or not all(is_identifier(p) and not p.startswith("_") for p in parts):
            reader.fail(
                where,
                f"{dotted!r} must be dotted public Python identifiers: resource names, then the method",
            )
            continue
        if not isinstance(operation_id, str):
            reader.fail(where, "the value must be an operationId from openapi.yaml")
            continue
        mappings.append(MethodMapping(parts, operation_id, where))
    return tuple(mappings)
