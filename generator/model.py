"""The intermediate model: everything the templates may know, as plain typed dataclasses.

`build` makes these from a validated spec; templates only print their fields. Every decision
(names, types, which import goes where) is made before rendering, so a template never computes.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import Literal

from generator.pycode import python_string

ParameterLocation = Literal["path", "query", "header", "body"]
ResponseKind = Literal["model", "none", "page", "jsonl"]

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
        (
            paragraph
            if _STRUCTURED.search(paragraph)
            else textwrap.fill(" ".join(paragraph.split()), DOC_WIDTH)
        )
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
    read: str
    iter_method: str
    iterator: str
    for_: str
    iter_bytes: str
    raw_wrapper: str
    page_type: str
    """What a paginated method returns: a fetched page (sync) or an awaitable pager (async)."""
    page_call: str
    jsonl_type: str


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
    read="read",
    iter_method="__iter__",
    iterator="Iterator",
    for_="for",
    iter_bytes="iter_bytes",
    raw_wrapper="to_raw_response",
    page_type="SyncCursorPage",
    page_call="SyncCursorPage.fetch",
    jsonl_type="SyncJSONLStream",
)
ASYNC = Flavor(
    name="async",
    prefix="Async",
    base_prefix="Async",
    def_="async def",
    await_="await ",
    http_client="httpx2.AsyncClient",
    sleep="_async_sleep",
    close="aclose",
    enter="__aenter__",
    exit="__aexit__",
    read="aread",
    iter_method="__aiter__",
    iterator="AsyncIterator",
    for_="async for",
    iter_bytes="aiter_bytes",
    raw_wrapper="async_to_raw_response",
    page_type="AsyncCursorPager",
    page_call="AsyncCursorPager",
    jsonl_type="AsyncJSONLStream",
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
class ResponseShape:
    """What a 2xx response holds, and so what the method returns."""

    kind: ResponseKind
    model: str | None = None
    """The model the body parses into (for a page: the whole page; for JSONL: one line)."""
    item: str | None = None
    """The item type of a page."""


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
    body_parameters: tuple[Parameter, ...]
    """The JSON body's top-level properties, one keyword argument each."""
    has_body: bool
    response: ResponseShape
    idempotent: bool
    """Safe to send twice: GET, PUT, DELETE..., or marked `x-idempotent: true` in the spec."""

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        """Every argument, in the order the docstring lists them."""
        return (
            self.path_parameters
            + self.body_parameters
            + self.query_parameters
            + self.header_parameters
        )

    @property
    def keyword_parameters(self) -> tuple[Parameter, ...]:
        """Body, query and header parameters, required ones first (they have no default)."""
        rest = self.body_parameters + self.query_parameters + self.header_parameters
        return tuple(p for p in rest if p.required) + tuple(p for p in rest if not p.required)

    @property
    def response_type(self) -> str:
        """What `APIRequest.response_type` is: the body's model, or `type(None)`."""
        return self.response.model or "type(None)"

    def returns(self, flavor: Flavor) -> str:
        """The method's return annotation in `flavor`."""
        shape = self.response
        if shape.kind == "page":
            return f"{flavor.page_type}[{shape.item}]"
        if shape.kind == "jsonl":
            return f"{flavor.jsonl_type}[{shape.model}]"
        return shape.model or "None"

    @property
    def sync_returns(self) -> str:
        """The sync return annotation, for api.md."""
        return self.returns(SYNC)

    def def_keyword(self, flavor: Flavor) -> str:
        """`async def` for async methods, except paginated ones: their pager is awaitable
        (the first page) and async-iterable (every item), so the call itself is plain."""
        return "def" if self.response.kind == "page" else flavor.def_


@dataclass(frozen=True)
class Method:
    name: str
    operation: Operation

    @property
    def has_raw_response(self) -> bool:
        """Raw access is offered for single-response methods; pages and streams are their
        own objects with the response at hand."""
        return self.operation.response.kind in ("model", "none")

    @property
    def signature(self) -> str:
        """A one-line summary of the call, for api.md."""
        positional = [p.python_name for p in self.operation.path_parameters]
        keywords = [p.python_name for p in self.operation.keyword_parameters]
        arguments = ", ".join(positional + (["*", *keywords] if keywords else []))
        return f"{self.name}({arguments})"

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
    dotted: str
    """The attribute path from the client, e.g. `beta.messages.batches`."""
    model_imports: tuple[str, ...]
    """Names this module imports from the package's `types` module."""
    param_imports: tuple[str, ...]
    """Names this module imports from the package's `params` module (request TypedDicts)."""
    runtime_imports: tuple[tuple[str, tuple[str, ...]], ...]
    """(runtime module, names) this module imports for pages and JSON-lines streams."""

    @property
    def raw_methods(self) -> tuple[Method, ...]:
        """The methods `with_raw_response` offers; without any, it is not generated."""
        return tuple(m for m in self.methods if m.has_raw_response)

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
    def api_key_value(self) -> str:
        """The Python expression of the key header's value, `api_key` with any prefix."""
        if not self.api_key_prefix:
            return "api_key"
        return f"{python_string(self.api_key_prefix)} + api_key"

    @property
    def class_names(self) -> dict[str, str]:
        """The client class of each flavor, by `Flavor.name`."""
        return {"sync": self.sync_class, "async": self.async_class}


@dataclass(frozen=True)
class CursorNames:
    """Where the cursor page finds its fields and which query parameters move it."""

    items: str
    has_more: str
    first_id: str
    last_id: str
    after: str
    before: str


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
    pagination: CursorNames | None

    @property
    def header_lines(self) -> tuple[str, str]:
        """What every generated file says first, as a comment in its own syntax."""
        return (
            f"Generated by {self.generator} from a spec with sha256 {self.spec_sha256}.",
            "Do not edit: change the spec and regenerate with `python -m generator generate`.",
        )

    @property
    def methods(self) -> tuple[tuple[Resource, Method], ...]:
        """Every method with its resource, in tree order."""
        return tuple((r, m) for r in self.all_resources for m in r.methods)

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
