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
from generator.errors import Diagnostic
from generator.imports import Import, import_lines
from generator.pycode import python_string, visible
from generator.pytypes import Named, PyType, union
from generator.unasync import unasync

ParameterLocation = Literal["path", "query", "header", "cookie", "body"]
ResponseKind = Literal["model", "none", "page", "jsonl", "events", "binary", "text"]
BodyEncoding = Literal["json", "multipart", "form", "raw"]
AuthLocation = Literal["header", "query", "cookie"]
AuthKind = Literal["api_key", "bearer", "basic"]

#: Width of prose in generated docstrings, which sit 8 columns in and must fit black's 100.
DOC_WIDTH = 88
CALL_OPTION_DOCS = (
    ("extra_headers", "Headers to add to this request, over the client's."),
    ("extra_query", "Query parameters to add to this request."),
    ("extra_body", "JSON properties to add to this request's body."),
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
    file: bool = False
    """A file of a multipart body (sent in `files`, not among the form's fields)."""
    always: tuple[str, ...] = ()
    """Values sent whatever the caller gives, before what it adds (`x-extend-default`)."""
    style: tuple[str, bool] | None = None
    """The OpenAPI `style` and `explode` to write the value in, when they are not its
    location's default (which the runtime applies to a plain value)."""

    @property
    def value(self) -> str:
        """The Python expression of what is sent: the argument, after any values always sent,
        wrapped in the runtime's `Styled` when it is written in a style of its own."""
        value = self.python_name
        if self.always:
            always = ", ".join(python_string(each) for each in self.always)
            value = f"extended(({always},), {value})"
        if self.style is not None:
            style, explode = self.style
            value = f"Styled({value}, {python_string(style)}, {explode})"
        return value

    @property
    def value_imports(self) -> frozenset[Import]:
        """What `value` needs besides the argument."""
        needed = set()
        if self.always:
            needed.add(Import("._request", "extended"))
        if self.style is not None:
            needed.add(Import("._request", "Styled"))
        return frozenset(needed)

    @property
    def annotation(self) -> str:
        return self.type.annotation


@dataclass(frozen=True)
class ResponseShape:
    """What a 2xx response holds, and so what the method returns."""

    kind: ResponseKind
    model: str | None = None
    """The named schema the body parses into (for a page: the whole page; for JSONL: one
    line); None for an inline JSON value (`value`), text or bytes."""
    item: str | None = None
    """The item type of a page."""
    scheme: PageScheme | None = None
    """How a page moves to the next."""
    value: PyType | None = None
    """What an inline JSON body parses into (a list, a map, a scalar...), when it has no
    named schema (`model`)."""
    is_class: bool = True
    """Whether what a JSON body parses into is a class, which a request can name as its
    response type; an alias (a union, an enum) or a generic (`list[Pet]`) is passed by a cast,
    and the request typed by its annotation."""

    @property
    def parsed(self) -> PyType | None:
        """What a JSON body (`model` kind) parses into: the named schema's model or alias, or
        the inline `value`."""
        if self.value is not None:
            return self.value
        return Named(self.model, ".types") if self.model else None


@dataclass(frozen=True)
class Variant:
    """One `@overload` of a method: how its stream flag is typed, and what it returns."""

    flag: str
    """The flag's annotation, with its default when it has one."""
    returns: PyType


@dataclass(frozen=True)
class Follow:
    """A method that first calls another operation and then requests the URL in a field of
    its response, as the official SDK does for batch results (`x-follow-url` in the spec)."""

    source: Operation
    """The operation called first, its arguments named as the method's own."""
    field: str
    """The field of its response that holds the URL."""
    unavailable: str
    """The error's message when the field is empty."""
    accept: str | None
    """The `accept` header of the followed request, when it is not JSON."""


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
    """The body's top-level properties, one keyword argument each; or the one argument that
    is the whole body (`whole_body`)."""
    has_body: bool
    response: ResponseShape
    returns: PyType
    """What the async method returns (its sync twin's is derived from it)."""
    idempotent: bool
    """Safe to send twice: GET, PUT, DELETE..., or marked `x-idempotent: true` in the spec."""
    follow: Follow | None = None
    body_encoding: BodyEncoding = "json"
    stream_flag: Parameter | None = None
    """The body's boolean argument that asks for a stream of events instead of the model."""
    streams: PyType | None = None
    """What the async method returns when `stream_flag` is true."""
    events: str | None = None
    """The union of events `stream_flag` asks for."""
    accept: str | None = None
    """The `accept` header, when the response is not JSON."""
    cookie_parameters: tuple[Parameter, ...] = ()
    """Sent together in the `cookie` header; keyword arguments, as headers are."""
    whole_body: Parameter | None = None
    """The argument that is the whole body, when it is not an object of known properties: a
    union of objects, an array, a scalar or a free-form map (JSON), or raw content."""
    content_type: str | None = None
    """The `content-type` of a raw body (`body_encoding` "raw")."""

    @property
    def files(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.body_parameters if p.file)

    @property
    def form_fields(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.body_parameters if not p.file)

    @property
    def request_annotation(self) -> str | None:
        """The `APIRequest[...]` a request is annotated with when its response type is no
        class (an alias or a generic, which no checker accepts as a `type[...]`), and so is
        passed through `any_type`."""
        parsed = self.response.parsed
        if self.response.kind != "model" or parsed is None or self.response.is_class:
            return None
        return f"APIRequest[{parsed.annotation}]"

    @property
    def variants(self) -> tuple[Variant, ...]:
        """The `@overload`s of the method, when a flag chooses between a model and a stream of
        events, as the official SDK types `stream=`: false (or left out), true, any bool."""
        if self.stream_flag is None or self.streams is None:
            return ()
        either = union(self.returns, self.streams)
        return (
            Variant("Literal[False] | NotGiven = NOT_GIVEN", self.returns),
            Variant("Literal[True]", self.streams),
            Variant("bool", either),
        )

    @property
    def return_annotation(self) -> str:
        """What the method's implementation is annotated to return."""
        return (
            union(self.returns, self.streams).annotation
            if self.streams
            else self.returns.annotation
        )

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        """Every argument, in the order the docstring lists them."""
        return (
            self.path_parameters
            + self.body_parameters
            + self.query_parameters
            + self.header_parameters
            + self.cookie_parameters
        )

    @property
    def keyword_parameters(self) -> tuple[Parameter, ...]:
        """Body, query, header and cookie parameters, required ones first (they have no
        default)."""
        rest = (
            self.body_parameters
            + self.query_parameters
            + self.header_parameters
            + self.cookie_parameters
        )
        return tuple(p for p in rest if p.required) + tuple(p for p in rest if not p.required)

    @property
    def response_type(self) -> str:
        """What `APIRequest.response_type` is: the body's model class, what else it parses
        into through `any_type` (`request_annotation` types it), or `NoneType` for no body
        (not `type(None)`: an argument may be named `type`; nor `typing.cast`: one may be
        named `cast`)."""
        if self.request_annotation is not None:
            assert self.response.parsed is not None
            return f"any_type({self.response.parsed.annotation})"
        return self.response.model or "NoneType"

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
    def signature(self) -> str:
        """A one-line summary of the call with its argument types, for api.md; an optional
        argument shows its type without `| NotGiven` and ` = ...` for its default."""
        positional = [f"{p.python_name}: {p.annotation}" for p in self.operation.path_parameters]
        keywords = [
            f"{p.python_name}: {p.annotation}" + ("" if p.required else " = ...")
            for p in self.operation.keyword_parameters
        ]
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
        if operation.follow is not None:
            source = operation.follow.source
            paragraphs.append(
                f"Calls `{source.http_method.upper()} {source.path}` first, then requests the "
                f"URL its response gives in `{operation.follow.field}`; raises while that is "
                "empty."
            )
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
    def imports_params_module(self) -> bool:
        """Whether this module writes its TypedDicts `params.Name` (see `Named.qualified`)."""
        return Import(".", "params") in self.imports

    @property
    def twin_names(self) -> dict[str, str]:
        """The async classes this module defines and their sync twins' names."""
        names = {self.async_class_name: self.class_name}
        for wrapper in ("WithRawResponse", "WithStreamingResponse") if self.methods else ():
            names[f"{self.async_class_name}{wrapper}"] = f"{self.class_name}{wrapper}"
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
class Credential:
    """A constructor argument (and client attribute) that holds a secret, and the environment
    variable read when it is not given."""

    argument: str
    env: str

    @property
    def env_constant(self) -> str:
        """The `_client` module constant holding `env`; arguments are unique and lower case, so
        these are unique too."""
        return f"ENV_{self.argument.upper()}"


#: Where `Credentials` (the runtime's) keeps the credentials sent in each place.
_CREDENTIALS_FIELD: dict[AuthLocation, str] = {
    "header": "headers",
    "query": "query",
    "cookie": "cookies",
}


@dataclass(frozen=True)
class AuthScheme:
    """One way the client authenticates: the credentials it takes (from their constructor
    arguments, else their environment variables) and where it sends them on every request."""

    schemes: tuple[str, ...]
    """What the spec calls it: its keys under `components/securitySchemes` (several sending
    the same thing in one place are one), or the name of the parameter it was found as."""
    location: AuthLocation
    name: str
    """The header (in lower case), query parameter or cookie it travels in."""
    kind: AuthKind
    """`api_key`: the credential as it is; `bearer`: after `Bearer `; `basic`: a username
    and a password, written as HTTP basic authentication."""
    credentials: tuple[Credential, ...]
    """Its arguments: one, or for HTTP basic the username's then the password's."""

    @property
    def scheme(self) -> str:
        """The name a message uses for it: its first scheme's."""
        return self.schemes[0]

    @property
    def arguments(self) -> tuple[str, ...]:
        return tuple(credential.argument for credential in self.credentials)

    @property
    def given(self) -> str:
        """The Python condition under which it is sent: each of its arguments given."""
        return " and ".join(f"{argument} is not None" for argument in self.arguments)

    @property
    def missing(self) -> str:
        """The Python condition under which it is not sent."""
        missing = " or ".join(f"{argument} is None" for argument in self.arguments)
        return f"({missing})" if len(self.arguments) > 1 else missing

    @property
    def incomplete(self) -> str | None:
        """The Python condition under which only part of it was given (a username without
        its password, say), which the client refuses rather than send the other alone."""
        if len(self.arguments) != 2:
            return None
        first, second = self.arguments
        return f"({first} is None) != ({second} is None)"

    @property
    def incomplete_message(self) -> str:
        return (
            f"{self.offered} go together: pass both to the client, or set "
            f"{self.variables}; only one of them was given"
        )

    @property
    def target(self) -> str:
        """Where `_credentials` puts it: `headers["x-api-key"]`, `query["key"]`..."""
        return f"{_CREDENTIALS_FIELD[self.location]}[{python_string(self.name)}]"

    @property
    def value(self) -> str:
        """The Python expression of what is sent: the argument, after `Bearer ` for a bearer
        token, or the HTTP basic value of username and password."""
        if self.kind == "basic":
            return f"basic_auth({', '.join(self.arguments)})"
        if self.kind == "bearer":
            return f'"Bearer " + {self.arguments[0]}'
        return self.arguments[0]

    @property
    def place(self) -> str:
        """Where it travels, for a message: the header `x-api-key`, the query parameter `key`."""
        where = "query parameter" if self.location == "query" else self.location
        return f"the {where} `{self.name}`"

    @property
    def sent_as(self) -> str:
        """How the client docstring shows the credential on the wire."""
        if self.kind == "bearer":
            return f"`{self.name}: Bearer <{self.arguments[0]}>`"
        if self.kind == "basic":
            return f"`{self.name}: Basic <base64 of {':'.join(self.arguments)}>`"
        if self.location == "header":
            return f"`{self.name}`"
        return self.place

    @property
    def offered(self) -> str:
        """The arguments as a message offers them: `api_key=`, `username= and password=`."""
        return " and ".join(f"{argument}=" for argument in self.arguments)

    @property
    def variables(self) -> str:
        """Its environment variables as a message names them."""
        return " and ".join(credential.env for credential in self.credentials)

    @property
    def docs(self) -> tuple[str, ...]:
        """The client docstring's entry for each of its arguments, wrapped."""
        return tuple(
            fill(
                f"Sent {self._with(credential)}as {self.sent_as}; defaults to ${credential.env}.",
                initial_indent=f"{credential.argument}: ",
                subsequent_indent="  ",
            )
            for credential in self.credentials
        )

    def _with(self, credential: Credential) -> str:
        others = [f"`{c.argument}`" for c in self.credentials if c is not credential]
        return f"with {' and '.join(others)} " if others else ""


def _either(words: list[str]) -> str:
    """`a`, `a or b`, `a, b or c`: what a message offers as alternatives."""
    return " or ".join(filter(None, [", ".join(words[:-1]), words[-1]]))


@dataclass(frozen=True)
class ClientConfig:
    sync_class: str
    async_class: str
    base_url: str
    base_url_env: str
    log_env: str
    auth: tuple[AuthScheme, ...]
    """Every way the client authenticates, in the spec's order. Each one given is sent (the
    server accepts any it knows, as with the official SDK); without any, construction fails.
    None at all: the spec declares no credential, and the client takes none."""
    default_headers: tuple[tuple[str, str], ...]
    timeout: float
    connect_timeout: float
    max_retries: int

    @property
    def credentials(self) -> tuple[Credential, ...]:
        """Every credential argument, in order: each a constructor argument and attribute."""
        return tuple(credential for scheme in self.auth for credential in scheme.credentials)

    @property
    def basic(self) -> bool:
        """Whether a scheme is HTTP basic, so that `_client` imports `basic_auth`."""
        return any(scheme.kind == "basic" for scheme in self.auth)

    @property
    def auth_parameters(self) -> str:
        """The credential parameters of a function that takes them all, each maybe None."""
        return ", ".join(f"{c.argument}: str | None" for c in self.credentials)

    @property
    def auth_arguments(self) -> str:
        """The credential arguments as a call passes them on, in order: `api_key, auth_token`."""
        return ", ".join(c.argument for c in self.credentials)

    @property
    def no_credentials(self) -> str:
        """The Python condition under which the client has nothing to authenticate with."""
        return " and ".join(scheme.missing for scheme in self.auth)

    @property
    def no_credentials_message(self) -> str:
        """The error's text: every argument and every variable that would do, and no value."""
        arguments = _either([scheme.offered for scheme in self.auth])
        variables = _either([scheme.variables for scheme in self.auth])
        plural = "s" if len(self.credentials) > len(self.auth) else ""
        return (
            f"No credentials: pass {arguments} to the client, "
            f"or set the environment variable{plural} {variables}"
        )

    @property
    def clashes(self) -> tuple[tuple[str, str], ...]:
        """For each place that schemes of different kinds share (a bearer token and HTTP basic,
        both in `authorization`): the Python condition under which more than one of them was
        given, and the error's text. Only one can be sent there, so none is chosen silently."""
        places: dict[tuple[str, str], list[AuthScheme]] = {}
        for scheme in self.auth:
            places.setdefault((scheme.location, scheme.name), []).append(scheme)
        return tuple(
            (
                f"sum(({', '.join(f'({s.given})' for s in sharing)})) > 1",
                f"Only one credential can be sent in {sharing[0].place}: give "
                f"{', or '.join(s.offered for s in sharing)} (as arguments or environment "
                "variables), not more than one",
            )
            for sharing in places.values()
            if len(sharing) > 1
        )

    @property
    def credential_sources(self) -> str:
        """Where the client finds each credential, for the package README."""
        return ", ".join(f"`{visible(c.env)}` (or `{c.argument}=`)" for c in self.credentials)

    @property
    def auth_doc(self) -> str:
        """What the client docstring says of its credentials as a whole."""
        if not self.auth:
            return "The API takes no credentials."
        if len(self.credentials) == 1:
            return "Without its credential, construction fails."
        if len(self.auth) == 1:
            return "Without its credentials, construction fails."
        return "Each credential given is sent with every request; without any, construction fails."


@dataclass(frozen=True)
class Streaming:
    """How streams of server-sent events are asked for and read."""

    flag: str = "stream"
    """The request body's boolean property that asks for a stream instead of a model."""
    skip: tuple[str, ...] = ()
    """Event names passed over (keep-alives)."""
    skip_unnamed: bool = False
    """Whether an event without a name is passed over."""
    error: str | None = None
    """The event name that carries an error."""


PageKind = Literal["cursor", "token", "offset"]
#: Each kind of page, the runtime's class for its field names, and the roles it names: model
#: fields (identifiers) first, then query parameters (wire names), optional ones last.
PAGE_KINDS: dict[PageKind, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "cursor": (
        "CursorFields",
        ("items", "has_more", "first_id", "last_id"),
        ("after", "before"),
        (),
    ),
    "token": ("TokenFields", ("items", "next"), ("parameter",), ()),
    "offset": ("OffsetFields", ("items",), ("offset",), ("has_more", "total")),
}


@dataclass(frozen=True)
class PageScheme:
    """A pagination scheme sdk.yaml declares, by name: its kind, and the names it uses."""

    name: str
    kind: PageKind
    fields: tuple[tuple[str, str], ...]
    """Each role the kind names (`items`, `after`...) and the spec's name for it."""

    def field(self, role: str) -> str | None:
        return dict(self.fields).get(role)

    @property
    def constant(self) -> str:
        """The `_config` constant holding the names, which list methods pass to the runtime."""
        return self.name.upper()

    @property
    def fields_class(self) -> str:
        return PAGE_KINDS[self.kind][0]

    @property
    def pager(self) -> str:
        """What an async list method of this scheme returns."""
        return f"Async{self.kind.capitalize()}Pager"

    @property
    def response_fields(self) -> tuple[str, ...]:
        """The fields a response must have to be a page of this scheme."""
        _, required, _, optional = PAGE_KINDS[self.kind]
        return tuple(n for role, n in self.fields if role in required or role in optional)

    @property
    def query_parameters(self) -> tuple[str, ...]:
        """The query parameters an operation must take to be paged by this scheme."""
        return tuple(name for role, name in self.fields if role in PAGE_KINDS[self.kind][2])


@dataclass(frozen=True)
class ModelModule:
    """A module of data types written by datamodel-code-generator: `types` or `params`."""

    name: str
    doc: str
    schemas: dict[str, object]
    """The schemas to print, by name, as datamodel-code-generator reads them."""
    openapi: str
    """The document's OpenAPI version, which decides how the schemas are read."""
    unknown_variants: dict[str, str]
    """Each union's `Unknown<Name>` class, and the placeholder tag type checkers see for it
    (so that comparing the tag with a known one narrows the union)."""


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
    pagination: tuple[PageScheme, ...]
    models: ModelModule
    params: ModelModule | None
    """The request TypedDicts; None when no operation has a body."""
    modules: FixedModules
    """What the modules printed once per package import and export."""
    distribution: Distribution
    warnings: tuple[Diagnostic, ...] = ()
    """What the spec made the build work around; printed, never fatal."""
    event_rules: Streaming | None = None
    """How streams of events are read, when a method streams any."""

    @property
    def events_skipped(self) -> str:
        """The `frozenset` of event names streams pass over, as Python source."""
        names = self.event_rules.skip if self.event_rules else ()
        return (
            "frozenset({" + ", ".join(python_string(n) for n in names) + "})"
            if names
            else "frozenset()"
        )

    @property
    def config_types(self) -> tuple[str, ...]:
        """What `_config` imports from `_types`: the classes its constants are made of."""
        names = {scheme.fields_class for scheme in self.pagination}
        return tuple(sorted(names | ({"EventRules"} if self.event_rules else set())))

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
