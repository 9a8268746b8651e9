"""The intermediate model: everything the templates may know, as plain typed dataclasses.

`build` makes these from a validated spec; templates only print their fields. Every decision
(names, types, which import goes where) is made before rendering, so a template never computes.
Templates print the async flavor of each class; `unasync` derives the sync one.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import Literal

from generator import GENERATED_MARKER
from generator.imports import Import, import_lines
from generator.pycode import python_string
from generator.pytypes import PyType
from generator.unasync import unasync

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


def fill(text: str, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """`text` wrapped to `DOC_WIDTH`, never breaking a word: not at a hyphen (`in-progress`),
    nor one longer than the width (a URL)."""
    return textwrap.fill(
        " ".join(text.split()),
        DOC_WIDTH,
        initial_indent=initial_indent,
        subsequent_indent=subsequent_indent,
        break_on_hyphens=False,
        break_long_words=False,
    )


def fill_paragraphs(text: str) -> str:
    """`text` with each plain-prose paragraph wrapped; markup is left as it is."""
    return "\n\n".join(
        paragraph if _STRUCTURED.search(paragraph) else fill(paragraph)
        for paragraph in text.split("\n\n")
    )


@dataclass(frozen=True)
class Parameter:
    wire_name: str
    python_name: str
    location: ParameterLocation
    required: bool
    type: PyType
    description: str

    @property
    def annotation(self) -> str:
        return self.type.annotation


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
    returns: PyType
    """What the async method returns (its sync twin's is derived from it)."""
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

    @property
    def sync_returns(self) -> str:
        """The sync twin's return annotation, for api.md."""
        return unasync(self.returns.annotation)

    @property
    def def_keyword(self) -> str:
        """`async def`, except for paginated methods: their pager is awaitable (the first
        page) and async-iterable (every item), so the call itself is plain."""
        return "def" if self.response.kind == "page" else "async def"


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
                fill(text, initial_indent=f"  {name}: ", subsequent_indent="    ")
                for name, text in arguments
            )
        )
        return "\n\n".join(fill_paragraphs(paragraph) for paragraph in paragraphs)


@dataclass(frozen=True)
class Resource:
    name: str
    class_name: str
    """The sync class; the async one is `Async` + this."""
    module: str
    """Dotted module path inside the package, e.g. `resources.beta.messages.batches`."""
    root_import: str
    """The relative-import prefix from this module to the package root, e.g. `...`."""
    methods: tuple[Method, ...]
    children: tuple[Resource, ...]
    dotted: str
    """The attribute path from the client, e.g. `beta.messages.batches`."""
    imports: frozenset[Import]
    """Everything this module imports, both flavors' names."""

    @property
    def async_class_name(self) -> str:
        return f"Async{self.class_name}"

    @property
    def doc(self) -> str:
        where = f"`client.{self.dotted}`"
        if self.methods:
            return f"Methods under {where}."
        names = ", ".join(f"`{child.name}`" for child in self.children)
        return f"Resources under {where}: {names}."

    @property
    def raw_methods(self) -> tuple[Method, ...]:
        """The methods `with_raw_response` offers; without any, it is not generated."""
        return tuple(m for m in self.methods if m.has_raw_response)

    @property
    def import_lines(self) -> list[str]:
        """The module's imports: the runtime's and the types', then its children's modules."""
        children = {
            Import(f".{child.name}", name)
            for child in self.children
            for name in (child.class_name, child.async_class_name)
        }
        return import_lines(self.imports, self.root_import) + import_lines(children)

    def _names_from(self, module: str) -> tuple[str, ...]:
        return tuple(sorted(i.name for i in self.imports if i.module == module))

    @property
    def model_imports(self) -> tuple[str, ...]:
        """Names this module imports from the package's `types` module."""
        return self._names_from(".types")

    @property
    def param_imports(self) -> tuple[str, ...]:
        """Names this module imports from the package's `params` module (request TypedDicts)."""
        return self._names_from(".params")

    @property
    def twin_names(self) -> dict[str, str]:
        """The async classes this module defines and their sync twins' names."""
        names = {self.async_class_name: self.class_name}
        if self.raw_methods:
            names[f"{self.async_class_name}WithRawResponse"] = f"{self.class_name}WithRawResponse"
        for child in self.children:
            names[child.async_class_name] = child.class_name
        return names


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
class ModelModule:
    """A module of data types written by datamodel-code-generator: `types` or `params`."""

    name: str
    doc: str
    schemas: dict[str, object]
    """The schemas to print, by name, as datamodel-code-generator reads them."""
    openapi: str
    """The document's OpenAPI version, which decides how the schemas are read."""


@dataclass(frozen=True)
class FixedModules:
    """The imports and exports of `__init__.py`, `_client.py` and `resources/__init__.py`."""

    exports: tuple[Import, ...]
    """What the package's `__init__` exports, from where."""
    init_imports: tuple[str, ...]
    client_imports: tuple[str, ...]
    resources_imports: tuple[str, ...]


@dataclass(frozen=True)
class Distribution:
    """The package as pip sees it: what the `pyproject.toml` and `README.md` beside it say."""

    name: str
    """The project name: the import name, which pip normalises as it does any name."""
    version: str
    summary: str
    """One line of plain text, deceptive characters spelled out."""
    requires_python: str
    dependencies: tuple[str, ...]
    """Requirement lines, e.g. `httpx2>=2.16.2,<3`."""
    dependency_names: str
    """The dependencies' names for prose, e.g. `httpx2, pydantic and typing-extensions`."""
    packages: tuple[str, ...]
    """The import packages setuptools looks for: the package and everything under it."""
    build_requires: tuple[str, ...]
    build_backend: str


@dataclass(frozen=True)
class Api:
    package: str
    version: str
    title: str
    description: str
    generator: str
    """The generator's name and version, e.g. `openapi-sdk-generator 0.1.0`."""
    spec_sha256: str
    client: ClientConfig
    error_base: str
    errors: tuple[ErrorClass, ...]
    resources: tuple[Resource, ...]
    pagination: CursorNames | None
    models: ModelModule
    params: ModelModule | None
    """The request TypedDicts; None when no operation has a body."""
    modules: FixedModules
    """What the modules printed once per package import and export."""
    distribution: Distribution

    @property
    def header_lines(self) -> tuple[str, str]:
        """What every generated file says first, as a comment in its own syntax.

        Neither the spec's digest nor the generator's version: they are in `_version.py`
        alone, so a spec edit changes only the files it affects, and two branches that each
        edit the spec conflict in that one file, not in every file."""
        return (
            f"{GENERATED_MARKER} from an OpenAPI spec: do not edit.",
            "Change the spec, then run `python -m generator generate`.",
        )

    @property
    def methods(self) -> tuple[tuple[Resource, Method], ...]:
        """Every method with its resource, in tree order."""
        return tuple((r, m) for r in self.all_resources for m in r.methods)

    @property
    def example_call(self) -> str | None:
        """A call the package README shows: the first method that needs no argument, since
        any value it made up for one could mislead; None when every method needs one."""
        for resource, method in self.methods:
            if not any(parameter.required for parameter in method.operation.parameters):
                return f"client.{resource.dotted}.{method.name}()"
        return None

    @property
    def server_error_class(self) -> str:
        """The class for a status >= 500 without a class of its own."""
        return next((e.class_name for e in self.errors if e.status is None), "APIStatusError")

    @property
    def status_errors(self) -> tuple[ErrorClass, ...]:
        return tuple(e for e in self.errors if e.status is not None)

    @property
    def client_twin_names(self) -> dict[str, str]:
        """The async client class and its sync twin's name, with the top resources'."""
        names = {self.client.async_class: self.client.sync_class}
        for resource in self.resources:
            names[resource.async_class_name] = resource.class_name
        return names

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
