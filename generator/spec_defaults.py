"""What sdk.yaml says when it says nothing: defaults taken from the OpenAPI document itself.

A bare OpenAPI document is enough to generate a client: the package is named after
`info.title`, versioned by `info.version`, talks to the first of `servers`, and raises the
usual status errors. Each default that had to be guessed (no version, no server) is a located
warning, not an error: the client still works, and the user knows what to set in sdk.yaml.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from generator.errors import Diagnostic
from generator.load import Document, section

#: The status errors a client raises when sdk.yaml lists none: the official SDKs' set.
STATUS_ERRORS: tuple[tuple[str, int | None, str | None], ...] = (
    ("BadRequestError", 400, None),
    ("AuthenticationError", 401, None),
    ("PermissionDeniedError", 403, None),
    ("NotFoundError", 404, None),
    ("ConflictError", 409, None),
    ("UnprocessableEntityError", 422, None),
    ("RateLimitError", 429, None),
    ("InternalServerError", None, None),
)
#: Module names a package may not take: it would shadow what it imports.
TAKEN_MODULES = frozenset(sys.stdlib_module_names) | frozenset(
    {"httpx2", "httpcore2", "pydantic", "pydantic_core", "typing_extensions", "anyio"}
)
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_VERSION = re.compile(r"(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*\Z")
_FALLBACK_URL = "http://localhost"


@dataclass(frozen=True)
class SpecDefaults:
    """The names and settings the document suggests, and the warnings guessing them gave."""

    package: str
    version: str
    class_name: str
    base_url: str
    guesses: dict[tuple[str, str], Diagnostic] = field(default_factory=dict)
    """A warning per default that had to be guessed, by the sdk.yaml key that would set it."""

    def warnings(self, sdk: Document) -> tuple[Diagnostic, ...]:
        """The guesses `sdk` leaves standing: a key it sets makes its default moot."""
        return tuple(
            warning
            for (section_name, key), warning in self.guesses.items()
            if key not in section(sdk.data, section_name)
        )


def spec_defaults(document: Document) -> SpecDefaults:
    info = section(document.data, "info")
    words = [w.lower() for w in _WORD.findall(str(info.get("title", "")))]
    if len(words) > 1 and words[-1] == "api":
        words.pop()
    package = "_".join(words) or "client"
    if package[0].isdigit():
        package = f"api_{package}"
    if package in TAKEN_MODULES:
        package = f"{package}_client"
    version, version_guess = _version(document, info)
    base_url, base_url_guess = _base_url(document)
    guesses = {("package", "version"): version_guess, ("client", "base_url"): base_url_guess}
    return SpecDefaults(
        package=package,
        version=version,
        class_name=_class_name(package),
        base_url=base_url,
        guesses={key: warning for key, warning in guesses.items() if warning is not None},
    )


def _class_name(package: str) -> str:
    """`things` -> `ThingsClient`: the suffix keeps it apart from the resource classes, one
    of which is often named as the API is (`things.list` -> `Things`)."""
    words = [word.capitalize() for word in package.split("_")]
    return "".join(words if words[-1] == "Client" else [*words, "Client"])


def _version(document: Document, info: dict[str, object]) -> tuple[str, Diagnostic | None]:
    version = str(info.get("version", ""))
    if _VERSION.match(version):
        return version, None
    return "0.0.0", Diagnostic(
        document.locate(("info", "version") if "version" in info else ("info",)),
        f"info.version {version!r} is no package version; the package is 0.0.0 "
        "(set `package.version` in sdk.yaml)",
        "warning",
    )


def _base_url(document: Document) -> tuple[str, Diagnostic | None]:
    """The first server whose URL (variables at their defaults) is a whole http(s) URL."""
    servers = document.data.get("servers") if isinstance(document.data, dict) else None
    for server in servers if isinstance(servers, list) else []:
        url = _with_variables(section(server))
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            return url.rstrip("/"), None
    return _FALLBACK_URL, Diagnostic(
        document.locate(("servers",) if servers else ()),
        f"no whole http(s) server URL; the client defaults to {_FALLBACK_URL} "
        "(set `client.base_url` in sdk.yaml, or pass base_url=)",
        "warning",
    )


def _with_variables(server: dict[str, object]) -> str:
    """A server URL with each `{variable}` replaced by its default."""
    url = str(server.get("url", ""))
    for name, variable in section(server, "variables").items():
        url = url.replace("{" + name + "}", str(section(variable).get("default", "")))
    return url
