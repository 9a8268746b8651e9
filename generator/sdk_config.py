"""Read `sdk.yaml`: the client's shape, which the OpenAPI document cannot express.

Each section has a reader of its own (`sdk_package`, `sdk_client`, `sdk_errors`,
`sdk_methods`, all over `sdk_reader.Reader`); here they make one `SdkConfig`, and the names
that cross sections (an error class named like the client) are checked.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field

from generator import runtime
from generator.errors import SpecError
from generator.load import Document, JSONPath
from generator.model import PAGE_KINDS, PageScheme, Streaming
from generator.sdk_client import ClientSettings, read_client
from generator.sdk_errors import ErrorMapping, default_errors, read_errors
from generator.sdk_methods import MethodMapping, read_methods, read_pagination, read_streaming
from generator.sdk_package import read_package_name, read_version
from generator.sdk_reader import Reader
from generator.spec_defaults import SpecDefaults

#: What a generated `_exceptions` binds besides the error classes (templates/_exceptions.py.jinja).
_EXCEPTIONS_NAMES = ("STATUS_ERRORS", "SERVER_ERROR", "__all__")
#: What a generated `_config` binds besides the root error class and a constant per pagination
#: scheme (templates/_config.py.jinja).
_CONFIG_NAMES = (
    "httpx2",
    "USER_AGENT",
    "LOG_ENV",
    "DEFAULT_HEADERS",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_RETRIES",
    "EVENTS",
    "ClientError",
    "CursorFields",
    "TokenFields",
    "OffsetFields",
    "EventRules",
    "__version__",
)
#: What a package's `__init__` exports besides its errors, client classes and the page
#: classes of its schemes (`generator.build.modules`).
_EXPORTED_NAMES = (
    *(name for _, name in runtime.EXPORTS),
    "__spec_sha256__",
    "__version__",
    "types",
)


@dataclass(frozen=True)
class SdkConfig(ClientSettings):
    """The whole of sdk.yaml: the `client` section's settings, and the other sections'."""

    package: str
    version: str
    error_base: str
    errors: tuple[ErrorMapping, ...]
    methods: tuple[MethodMapping, ...]
    pagination: tuple[PageScheme, ...]
    streaming: Streaming = field(default_factory=lambda: Streaming())


def read_sdk_config(
    document: Document,
    package_override: str | None = None,
    defaults: SpecDefaults | None = None,
) -> SdkConfig:
    """The config sdk.yaml declares; with `defaults` (the OpenAPI document's own), every key
    is optional and what is left out is taken from them."""
    reader = Reader(document)
    root = reader.mapping(
        (),
        document.data,
        {"package", "client", "errors", "methods", "pagination", "streaming"},
    )
    package = reader.mapping(("package",), root.get("package", {}), {"name", "version"})
    package_name = read_package_name(
        reader, document, package, package_override, defaults.package if defaults else ""
    )
    class_name = defaults.class_name if defaults else ""
    error_base, errors = read_errors(
        reader, root.get("errors", default_errors(class_name) if defaults else None)
    )
    config = SdkConfig(
        package=package_name,
        version=read_version(reader, package, defaults.version if defaults else ""),
        **vars(read_client(reader, root.get("client", {}), package_name, defaults)),
        error_base=error_base,
        errors=errors,
        methods=read_methods(reader, root.get("methods"), required=defaults is None),
        pagination=read_pagination(reader, root.get("pagination")),
        streaming=read_streaming(reader, root.get("streaming")),
    )
    _check_error_names(reader, config)
    if reader.problems:
        raise SpecError(reader.problems)
    return config


def names_beside_errors(config: SdkConfig) -> dict[str, str]:
    """What binds each name an error class of sdk.yaml would shadow: the classes live in the
    generated `_exceptions` (the root in `_config`) beside the runtime's `_errors`, and the
    package's `__init__` exports them beside its other names. A status class named
    `APIStatusError` or `AnthropicError` would replace that class for every `except` the
    caller writes, and `except AnthropicError` would miss a 404."""
    pages = [name for kind in PAGE_KINDS for name in runtime.page_classes(kind)]
    taken = dict.fromkeys(dir(builtins), "a Python builtin")
    taken |= dict.fromkeys(runtime.module_names("_errors.py"), "a name of the runtime's `_errors`")
    taken |= dict.fromkeys(_EXCEPTIONS_NAMES, "a name `_exceptions` defines")
    taken |= dict.fromkeys(
        (*_CONFIG_NAMES, *(scheme.name.upper() for scheme in config.pagination)),
        "a name `_config` defines",
    )
    taken |= dict.fromkeys((*_EXPORTED_NAMES, *pages), "a name the package exports")
    taken[config.sync_class] = "the client class (`client.sync_class`)"
    taken[config.async_class] = "the client class (`client.async_class`)"
    return taken


def _check_error_names(reader: Reader, config: SdkConfig) -> None:
    """Refuse an error class, or the root, named like something it would shadow."""
    taken = names_beside_errors(config)
    named: list[tuple[str, JSONPath]] = [(config.error_base, ("errors", "base"))]
    named += [(error.class_name, (*error.where, "class")) for error in config.errors]
    for name, where in named:
        what = taken.get(name)
        if where != ("errors", "base") and name == config.error_base:
            what = "the root error class (`errors.base`)"
        if name and what is not None:
            reader.fail(where, f"error class {name!r} would shadow {what}: choose another name")
