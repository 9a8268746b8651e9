"""An operation as a method: its arguments, what its response holds and what it returns, its
overloads and its docstring.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.imports import Import
from generator.model.pagination import PageScheme
from generator.model.prose import CALL_OPTION_DOCS, fill, fill_paragraphs
from generator.pycode import python_string
from generator.pytypes import Named, PyType, union
from generator.unasync import unasync

ParameterLocation = Literal["path", "query", "header", "cookie", "body"]
ResponseKind = Literal["model", "none", "page", "jsonl", "events", "binary", "text"]
BodyEncoding = Literal["json", "multipart", "form", "raw"]


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
