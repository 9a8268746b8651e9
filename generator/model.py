"""The intermediate model: everything the templates may know, as plain typed dataclasses.

`build` makes these from a validated spec; templates only print their fields. Every decision
(names, types, which import goes where) is made before rendering, so a template never computes.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import Literal

ParameterLocation = Literal["path", "query", "header"]

#: Width of prose in generated docstrings, which sit 8 columns in and must fit black's 100.
DOC_WIDTH = 88
CALL_OPTION_DOCS = (
    ("extra_headers", "Headers to add to this request, over the client's."),
    ("extra_query", "Query parameters to add to this request."),
    ("timeout", "Overrides the client's timeout for this call, in seconds."),
    ("max_retries", "Overrides the client's retry count for this call."),
)
# A paragraph is re-wrapped only when it is plain prose: not code, a list, a table or a heading.
_STRUCTURED = re.compile(r"^(\s|[-*+|#>]|\d+[.)]\s|```|Args:)", re.MULTILINE)


def fill_paragraphs(text: str) -> str:
    """`text` with each plain-prose paragraph wrapped to `DOC_WIDTH`; markup is left as it is."""
    return "\n\n".join(
        paragraph if _STRUCTURED.search(paragraph) else textwrap.fill(" ".join(paragraph.split()), DOC_WIDTH)
        for paragraph in text.split("\n\n")
    )


@dataclass(frozen=True)
class Flavor:
    """How one shared template source is printed as sync or as async code."""

    name: str
    prefix: str
    """Prefix of generated class names: `Async` for the async twin of `Batches`."""
    base_prefix: str
    """Prefix of the runtime base classes: `SyncAPIClient`, `AsyncAPIClient`."""
    def_: str
    await_: str
    http_client: str
    sleep: str
    close: str
    enter: str
    exit: str
    raw_wrapper: str


SYNC = Flavor(
    name="sync",
    prefix="",
    base_prefix="Sync",
    def_="def",
    await_="",
    http_client="httpx2.Client",
    sleep="time.sleep",
    close="close",
    enter="__enter__",
    exit="__exit__",
    raw_wrapper="to_raw_response",
)
ASYNC = Flavor(
    name="async",
    prefix="Async",
    base_prefix="Async",
    def_="async def",
    await_="await ",
    http_client="httpx2.AsyncClient",
    sleep="asyncio.sleep",
    close="aclose",
    enter="__aenter__",
    exit="__aexit__",
    raw_wrapper="async_to_raw_response",
)
FLAVORS = (SYNC, ASYNC)


@dataclass(frozen=True)
class Parameter:
    wire_name: str
    python_name: str
    location: ParameterLocation
    required: bool
    annotation: str
    description: str


@dataclass(frozen=True)
class Operation:
    operation_id: str
    http_method: str
    path: str
    """The path template sent on the wire, `{name}` for each path parameter."""
    literal_query: tuple[tuple[str, str], ...]
    summary: str
    description: str
    deprecated: bool
    path_parameters: tuple[Parameter, ...]
    query_parameters: tuple[Parameter, ...]
    header_parameters: tuple[Parameter, ...]
    response_type: str | None
    """The model a 2xx body parses into, or None when the operation returns no body."""

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        return self.path_parameters + self.query_parameters + self.header_parameters

    @property
    def keyword_parameters(self) -> tuple[Parameter, ...]:
        """Query and header parameters, required ones first (they have no default)."""
        rest = self.query_parameters + self.header_parameters
        return tuple(p for p in rest if p.required) + tuple(p for p in rest if not p.required)

    @property
    def returns(self) -> str:
        return self.response_type or "None"


@dataclass(frozen=True)
class Method:
    name: str
    operation: Operation

    @property
    def doc(self) -> str:
        """The method's docstring: the operation's own words, then each argument's."""
        operation = self.operation
        summary = operation.summary.strip()
        description = operation.description.strip()
        paragraphs = []
        if summary and not description.startswith(summary.rstrip(".")):
            paragraphs.append(summary if summary.endswith(".") else summary + ".")
        if description:
            paragraphs.append(description)
        if not paragraphs:
            paragraphs.append(f"`{operation.http_method.upper()} {operation.path}`.")
        if operation.deprecated:
            paragraphs.append("Deprecated: the API marks this operation as deprecated.")
        arguments = [
            (p.python_name, p.description or f"The `{p.wire_name}` {p.location} parameter.")
            for p in operation.parameters
        ] + list(CALL_OPTION_DOCS)
        paragraphs.append(
            "Args:\n"
            + "\n\n".join(
                textwrap.fill(
                    " ".join(text.split()),
                    width=DOC_WIDTH,
                    initial_indent=f"  {name}: ",
                    subsequent_indent="    ",
                )
                for name, text in arguments
            )
        )
        return "\n\n".join(fill_paragraphs(paragraph) for paragraph in paragraphs)


@dataclass(frozen=True)
class Resource:
    name: str
    class_name: str
    module: str
    """Dotted module path inside the package, e.g. `resources.beta.messages.batches`."""
    root_import: str
    """The relative-import prefix from this module to the package root, e.g. `...`."""
    doc: str
    methods: tuple[Method, ...]
    children: tuple[Resource, ...]
    model_imports: tuple[str, ...]
    """Names this module imports from the package's `types` module."""
    typing_imports: tuple[str, ...]
    """Names this module imports from `typing` and `collections.abc` for its annotations."""


@dataclass(frozen=True)
class ErrorClass:
    class_name: str
    parent: str
    status: int | None
    """The status this class is raised for; None for the class of every other status >= 500."""

    @property
    def doc(self) -> str:
        if self.status is None:
            return "Raised for an HTTP status of 500 or above that has no class of its own."
        return f"Raised for HTTP status {self.status}."


@dataclass(frozen=True)
class ClientConfig:
    sync_class: str
    async_class: str
    base_url: str
    api_key_env: str
    base_url_env: str
    log_env: str
    api_key_header: str
    api_key_prefix: str
    default_headers: tuple[tuple[str, str], ...]
    timeout: float
    connect_timeout: float
    max_retries: int

    @property
    def class_names(self) -> dict[str, str]:
        """The client class of each flavor, by `Flavor.name`."""
        return {"sync": self.sync_class, "async": self.async_class}


@dataclass(frozen=True)
class Api:
    package: str
    version: str
    title: str
    description: str
    generator: str
    spec_sha256: str
    client: ClientConfig
    error_base: str
    errors: tuple[ErrorClass, ...]
    resources: tuple[Resource, ...]
    schema_names: tuple[str, ...]

    @property
    def server_error_class(self) -> str:
        """The class for a status >= 500 without a class of its own."""
        return next((e.class_name for e in self.errors if e.status is None), "APIStatusError")

    @property
    def status_errors(self) -> tuple[ErrorClass, ...]:
        return tuple(e for e in self.errors if e.status is not None)

    @property
    def all_resources(self) -> tuple[Resource, ...]:
        """Every resource of the tree, parents before their children."""
        found: list[Resource] = []
        pending = list(reversed(self.resources))
        while pending:
            resource = pending.pop()
            found.append(resource)
            pending.extend(reversed(resource.children))
        return tuple(found)
