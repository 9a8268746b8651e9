"""The Python surface callers use, as data: what a diff compares.

Extracted from the intermediate model (`Api`), never from the YAML, so that it is exactly what
the generated package offers: methods by their dotted path with each argument's Python name,
whether it is positional, whether it is required and its annotation; what each method returns
and whether that is a model, a page or a stream of JSON lines; the models' fields from the
schemas the model hands to datamodel-code-generator (`schemas`); the client's constructor
options and environment variables; the error classes and their statuses.

Prose is kept as a short digest only: enough to report that a description changed (a docs-only
change), while the recorded surface (`codec`) stays small and free of text that would conflict
on every merge.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from generator.model import Api, AuthScheme, Method, PageScheme, Parameter
from generator.pytypes import (
    DictOf,
    Generic,
    ListOf,
    MappingOf,
    Named,
    PyType,
    SequenceOf,
    UnionOf,
)

Side = Literal["request", "response"]
#: The modules whose classes are models, and the side each is read on by default.
MODEL_MODULES = (".types", ".params")


def digest(text: str) -> str:
    """A 12-hex fingerprint of prose, whitespace-insensitive (re-wrapping a YAML paragraph is
    no change), or "" for no text."""
    words = " ".join(text.split())
    return hashlib.sha256(words.encode()).hexdigest()[:12] if words else ""


@dataclass(frozen=True)
class Argument:
    name: str
    """The Python name a caller passes it by."""
    wire_name: str
    location: str
    """Where it travels: path, query, header or body."""
    position: int | None
    """Its index among the positional arguments (path parameters); None when keyword-only."""
    required: bool
    type: PyType
    doc: str


@dataclass(frozen=True)
class MethodSurface:
    path: str
    """The dotted path from the client, e.g. `messages.batches.create`."""
    arguments: tuple[Argument, ...]
    returns: PyType
    """The async method's return annotation (without `stream=True`)."""
    streams: PyType | None
    """What it returns with `stream=True`, when a flag chooses a stream of events."""
    response: str
    """`model` (a JSON value: a model, a union, a list...), `none`, `page` (iterates across
    pages), `jsonl` (a stream of lines), `events` (a stream of server-sent events), `binary`
    (the response's bytes) or `text` (the response's text)."""
    route: str
    """The HTTP method and path sent, how a body that is not JSON is encoded, and what a method
    that follows a URL requests first."""
    retried: bool
    """Whether the client retries it like an idempotent request."""
    deprecated: bool
    doc: str


@dataclass(frozen=True)
class Field:
    name: str
    """The property's name in JSON, as the TypedDict key or model attribute reads it."""
    type: PyType
    required: bool
    doc: str


@dataclass(frozen=True)
class ModelSurface:
    module: str
    """`types` (pydantic models, read from responses) or `params` (TypedDicts for requests)."""
    name: str
    """The schema's name; an inline object is named by where it sits: `Parent.field`."""
    fields: tuple[Field, ...] | None
    """An object's fields; None for an alias (an enum, a union, a scalar)."""
    alias: PyType | None
    """What an alias stands for; None for an object."""
    sides: tuple[Side, ...]
    """Whether callers send it (request), read it (response), or both: the same change
    breaks on one side and not the other."""
    doc: str

    @property
    def qualified(self) -> str:
        return f"{self.module}.{self.name}"


@dataclass(frozen=True)
class Credential:
    argument: str
    env: str
    header: str
    """Where it is sent: a header's name, `?name` (a query parameter) or `cookie name`."""
    prefix: str


_PREFIXES = {"api_key": "", "bearer": "Bearer ", "basic": "Basic "}


def _sent_in(scheme: AuthScheme) -> tuple[str, str]:
    """(where, prefix) a credential of `scheme` travels: a header's name, `?name` for a query
    parameter, `cookie name` for a cookie; `Bearer ` or `Basic ` before it in a header."""
    where = {"header": scheme.name, "query": f"?{scheme.name}", "cookie": f"cookie {scheme.name}"}
    return where[scheme.location], _PREFIXES[scheme.kind]


@dataclass(frozen=True)
class ClientSurface:
    sync_class: str
    async_class: str
    base_url: str
    base_url_env: str
    log_env: str
    credentials: tuple[Credential, ...]
    default_headers: tuple[tuple[str, str], ...]
    timeout: float
    connect_timeout: float
    max_retries: int
    doc: str


@dataclass(frozen=True)
class ErrorSurface:
    class_name: str
    parent: str
    status: int | None
    """None for the class of every status >= 500 without one of its own."""


@dataclass(frozen=True)
class Surface:
    package: str
    version: str
    client: ClientSurface
    error_base: str
    errors: tuple[ErrorSurface, ...]
    pagination: tuple[tuple[str, str], ...]
    """Each pagination scheme's kind and names, as (`scheme.role`, name) pairs."""
    events: tuple[tuple[str, str], ...]
    """How streams of server-sent events are read (sdk.yaml `streaming`), when a method
    streams any: (setting, value) pairs."""
    methods: tuple[MethodSurface, ...]
    models: tuple[ModelSurface, ...]
    fallbacks: tuple[str, ...]
    """The `Unknown<Union>` classes (qualified): a union holding one is open, so a new variant
    parses as the fallback on an older client and adding one breaks no caller."""


def surface_of(api: Api) -> Surface:
    """The surface of the package `api` describes."""
    # Imported here: `schemas` imports this module for its dataclasses.
    from generator.diff.schemas import read_models

    methods = tuple(_method(resource.dotted, method) for resource, method in api.methods)
    unsided = [
        *read_models(api.models),
        *(read_models(api.params) if api.params is not None else ()),
    ]
    sides = _sides(unsided, methods)
    models = tuple(
        sorted(
            (
                ModelSurface(m.module, m.name, m.fields, m.alias, sides[m.qualified], m.doc)
                for m in unsided
            ),
            key=lambda m: (m.module, m.name),
        )
    )
    client = api.client
    return Surface(
        package=api.package,
        version=api.version,
        client=ClientSurface(
            sync_class=client.sync_class,
            async_class=client.async_class,
            base_url=client.base_url,
            base_url_env=client.base_url_env,
            log_env=client.log_env,
            credentials=tuple(
                Credential(credential.argument, credential.env, *_sent_in(scheme))
                for scheme in client.auth
                for credential in scheme.credentials
            ),
            default_headers=client.default_headers,
            timeout=client.timeout,
            connect_timeout=client.connect_timeout,
            max_retries=client.max_retries,
            doc=digest(f"{api.title}\n{api.description}"),
        ),
        error_base=api.error_base,
        errors=tuple(ErrorSurface(e.class_name, e.parent, e.status) for e in api.errors),
        pagination=tuple(
            pair
            for scheme in api.pagination
            for pair in ((f"{scheme.name}.kind", scheme.kind), *_prefixed(scheme))
        ),
        events=_event_rules(api),
        methods=methods,
        models=models,
        fallbacks=tuple(sorted(f"types.{name}" for name in api.models.unknown_variants)),
    )


def _prefixed(scheme: PageScheme) -> tuple[tuple[str, str], ...]:
    return tuple((f"{scheme.name}.{role}", name) for role, name in scheme.fields)


def _event_rules(api: Api) -> tuple[tuple[str, str], ...]:
    rules = api.event_rules
    if rules is None:
        return ()
    return (
        ("flag", rules.flag),
        ("skip", ", ".join(rules.skip)),
        ("skip_unnamed", str(rules.skip_unnamed).lower()),
        ("error", rules.error or ""),
    )


def _method(resource: str, method: Method) -> MethodSurface:
    operation = method.operation
    route = f"{operation.http_method.upper()} {operation.path}"
    if operation.literal_query:
        route += "?" + "&".join(f"{name}={value}" for name, value in operation.literal_query)
    if operation.body_encoding != "json":
        route += f" ({operation.body_encoding} body)"
    if operation.follow is not None:
        source = operation.follow.source
        route = (
            f"{source.http_method.upper()} {source.path}, then the URL in "
            f"`{operation.follow.field}`"
        )
    positions = {p.python_name: i for i, p in enumerate(operation.path_parameters)}
    return MethodSurface(
        path=f"{resource}.{method.name}",
        arguments=tuple(_argument(p, positions.get(p.python_name)) for p in operation.parameters),
        returns=operation.returns,
        streams=operation.streams,
        response=operation.response.kind,
        route=route,
        retried=operation.idempotent,
        deprecated=operation.deprecated,
        doc=digest(f"{operation.summary}\n{operation.description}"),
    )


def _argument(parameter: Parameter, position: int | None) -> Argument:
    return Argument(
        name=parameter.python_name,
        wire_name=parameter.wire_name,
        location=parameter.location,
        position=position,
        required=parameter.required,
        type=parameter.type,
        doc=digest(parameter.description),
    )


def children(kind: PyType) -> tuple[PyType, ...]:
    """The types `kind` is made of (a generic's base class is the runtime's, not a model)."""
    if isinstance(kind, UnionOf):
        return kind.members
    if isinstance(kind, SequenceOf | ListOf):
        return (kind.item,)
    if isinstance(kind, DictOf | MappingOf):
        return (kind.value,)
    if isinstance(kind, Generic):
        return kind.arguments
    return ()


def model_refs(kind: PyType) -> Iterator[str]:
    """The models (qualified, `types.Name`) that `kind` names, at any depth."""
    pending = [kind]
    while pending:
        each = pending.pop()
        if isinstance(each, Named) and each.module in MODEL_MODULES:
            yield f"{each.module[1:]}.{each.name}"
        pending.extend(children(each))


def _sides(
    models: Iterable[ModelSurface], methods: Iterable[MethodSurface]
) -> dict[str, tuple[Side, ...]]:
    """Each model's sides, from what reaches it: an argument (request) or a return value
    (response). A TypedDict is only ever sent; a model nothing reaches is still importable and
    parses responses, so it counts as read."""
    methods = tuple(methods)
    graph: dict[str, set[str]] = {}
    for model in models:
        types = [f.type for f in model.fields or ()] + ([model.alias] if model.alias else [])
        graph[model.qualified] = {ref for kind in types for ref in model_refs(kind)}
    sent = _closure(
        (ref for m in methods for a in m.arguments for ref in model_refs(a.type)), graph
    )
    read = _closure((ref for m in methods for ref in model_refs(m.returns)), graph)
    sides: dict[str, tuple[Side, ...]] = {}
    for name in graph:
        found: tuple[Side, ...] = ()
        if name in sent or name.startswith("params."):
            found += ("request",)
        if name in read and not name.startswith("params."):
            found += ("response",)
        sides[name] = found or ("response",)
    return sides


def _closure(roots: Iterable[str], graph: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    pending = list(roots)
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            pending.extend(graph.get(name, ()))
    return seen
