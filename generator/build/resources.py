"""The resource tree: `client.beta.messages.batches.delete` from sdk.yaml's dotted methods."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from generator.build.context import Context
from generator.build.method_names import derived_names
from generator.build.naming import RESERVED_ATTRIBUTES, pascal_case
from generator.build.operations import BuiltOperations
from generator.build.responses import looks_like_list
from generator.imports import Import
from generator.load import JSONPath
from generator.model import Method, Operation, Parameter, Resource
from generator.openapi import operations as operations_of
from generator.pytypes import SHADOWABLE, Named, PyType, qualify
from generator.unasync import sync_name

#: What every module with methods imports from the runtime, in the async flavor.
_METHOD_IMPORTS = (
    Import("._request", "APIRequest"),
    Import("._types", "NOT_GIVEN"),
    Import("._types", "Body"),
    Import("._types", "Headers"),
    Import("._types", "NotGiven"),
    Import("._types", "Query"),
    Import("._types", "Timeout"),
)


@dataclass
class _Node:
    """A resource while the tree is assembled from dotted method paths."""

    name: str
    path: tuple[str, ...]
    where: JSONPath
    methods: list[Method] = field(default_factory=list)
    children: dict[str, _Node] = field(default_factory=dict)

    def walk(self) -> Iterator[_Node]:
        yield self
        for child in self.children.values():
            yield from child.walk()


def build_resources(context: Context, operations: BuiltOperations) -> tuple[Resource, ...]:
    """The top-level resources, each with its subtree; problems go to `context`."""
    root = _tree(context, operations)
    _check_names(context, root)
    return tuple(_resource(child) for child in root.children.values())


def resource_class_names(resources: tuple[Resource, ...]) -> set[str]:
    """Every class the resource modules define, in both flavors."""
    names: set[str] = set()
    pending = list(resources)
    while pending:
        resource = pending.pop()
        pending.extend(resource.children)
        wrappers = ("WithRawResponse", "WithStreamingResponse")
        for base in (resource.class_name, *(f"{resource.class_name}{w}" for w in wrappers)):
            names |= {base, f"Async{base}"}
    return names


@dataclass(frozen=True)
class _Placed:
    """An operation's method path, and whether sdk.yaml named it (else its path did)."""

    path: tuple[str, ...]
    operation_id: str
    where: JSONPath
    named: bool


def _tree(context: Context, operations: BuiltOperations) -> _Node:
    root = _Node("", (), ("methods",))
    for placed in _placements(context, operations):
        node = root
        for name in placed.path[:-1]:
            node = node.children.setdefault(name, _Node(name, (*node.path, name), placed.where))
        method_name = placed.path[-1]
        if (
            method_name in RESERVED_ATTRIBUTES
            or method_name in node.children
            or any(m.name == method_name for m in node.methods)
        ):
            message = (
                f"method name {'.'.join(placed.path)!r} is already taken by a resource, "
                "a method or the client's own attributes"
            )
            if placed.named:
                context.fail_sdk(placed.where, message)
            else:
                context.fail(placed.where, f"{message}: name it in sdk.yaml `methods`")
            continue
        operation = operations.built[placed.operation_id]
        # A bare JSON array is the whole list: only a model can be a page that was missed.
        is_model = operation.response.model is not None and operation.response.is_class
        if (
            operation.response.kind == "model"
            and is_model
            and ((method_name == "list" and placed.named) or looks_like_list(context, operation.response))
        ):
            context.warn(
                (*operations.where[placed.operation_id], "responses"),
                f"{'.'.join(placed.path)} looks like a list, but its response and query match "
                "no pagination scheme in sdk.yaml `pagination`; it returns one page as a model",
            )
        node.methods.append(Method(method_name, operation))
    return root


def _placements(context: Context, operations: BuiltOperations) -> list[_Placed]:
    """Where each built operation goes: sdk.yaml's names first, then names from the paths of
    the rest, kept clear of each other and of the resources they make."""
    placed: list[_Placed] = []
    for mapping in context.config.methods:
        operation_id, where = mapping.operation_id, mapping.where
        if operation_id in operations.failed:
            continue
        if operation_id not in operations.built:
            known = ", ".join(sorted(operations.built)) or "none"
            context.fail_sdk(
                where,
                f"operation {operation_id!r} does not exist in openapi.yaml (operationIds: {known})",
            )
            continue
        if any(p.operation_id == operation_id for p in placed):
            context.fail_sdk(where, f"operation {operation_id!r} is already mapped to a method")
            continue
        placed.append(_Placed(mapping.path, operation_id, where, named=True))
    named = {p.operation_id for p in placed}
    rest = [
        op for op in operations_of(context.spec) if op.operation_id in operations.built
        and op.operation_id not in named
    ]
    resources = {p.path[:end] for p in placed for end in range(1, len(p.path))}
    for operation_id, (path, where) in derived_names(
        context, rest, {p.path for p in placed} | resources
    ).items():
        placed.append(_Placed(path, operation_id, (*where, "operationId"), named=False))
    return _clear_of_resources(context, placed)


def _clear_of_resources(context: Context, placed: list[_Placed]) -> list[_Placed]:
    """`placed`, each method named from its path renamed when it is also a resource's name
    (`files.content` beside `files.content.parts`), with a located warning."""
    resources = {p.path[:end] for p in placed for end in range(1, len(p.path))}
    clear = []
    for each in placed:
        path = each.path
        while not each.named and path in resources:
            path = (*path[:-1], f"{path[-1]}_")
        if path != each.path:
            context.warn(
                each.where,
                f"{'.'.join(each.path)} is also a resource; the method is {'.'.join(path)} "
                "(name it in sdk.yaml `methods`)",
            )
        clear.append(dataclasses.replace(each, path=path))
    return clear


def _check_names(context: Context, root: _Node) -> None:
    """No resource named like a method beside it, a client attribute, or the client class."""
    for node in root.walk():
        for name, child in node.children.items():
            if name in RESERVED_ATTRIBUTES or any(m.name == name for m in node.methods):
                context.fail_sdk(
                    child.where, f"resource name {name!r} clashes with a method or client attribute"
                )
    client_classes = {context.config.sync_class, context.config.async_class}
    for node in root.children.values():
        if {pascal_case(node.name), f"Async{pascal_case(node.name)}"} & client_classes:
            context.fail_sdk(
                node.where, f"resource {node.name!r} would share its class name with the client"
            )


def _resource(node: _Node) -> Resource:
    module_parts = ("resources", *node.path)
    containing_package = module_parts if node.children else module_parts[:-1]
    methods = _unambiguous(tuple(node.methods))
    return Resource(
        name=node.name,
        class_name=pascal_case(node.name),
        module=".".join(module_parts),
        root_import="." * (1 + len(containing_package)),
        dotted=".".join(node.path),
        methods=methods,
        children=tuple(_resource(child) for child in node.children.values()),
        imports=_imports(methods, has_children=bool(node.children)),
    )


def _unambiguous(methods: tuple[Method, ...]) -> tuple[Method, ...]:
    """`methods`, with the names their annotations print made unambiguous in their module:

    - the request TypedDicts written `params.Cat` when one of them has the name of a model the
      module also imports from `types` (a `Cat` sent and a `Cat` returned): one name cannot be
      imported from both modules. Every TypedDict of such a module is written so, that
      `params.Cat | Dog` never reads as if `Dog` were a model; the response side keeps the
      bare names users read most;
    - a builtin written `builtins.list` when a method of the class is named `list`: in a class
      body, `list[Pet]` would name the method.
    """
    imported = [i for method in methods for i in _operation_imports(method.operation)]
    sent = frozenset(i.name for i in imported if i.module == ".params")
    rewrites: list[tuple[str, frozenset[str]]] = []
    if sent & {i.name for i in imported if i.module == ".types"}:
        rewrites.append((".params", sent))
    shadowed = frozenset(method.name for method in methods) & SHADOWABLE
    if shadowed:
        rewrites.append(("builtins", shadowed))
    if not rewrites:
        return methods

    def rewritten(kind: PyType) -> PyType:
        for module, names in rewrites:
            kind = qualify(kind, module, names)
        return kind

    return tuple(
        dataclasses.replace(method, operation=_retyped(method.operation, rewritten))
        for method in methods
    )


def _retyped(operation: Operation, rewritten: Callable[[PyType], PyType]) -> Operation:
    """`operation` with each type its signature prints passed through `rewritten`."""

    def each(parameters: tuple[Parameter, ...]) -> tuple[Parameter, ...]:
        return tuple(dataclasses.replace(p, type=rewritten(p.type)) for p in parameters)

    body = each(operation.body_parameters)
    by_name = {p.python_name: p for p in body}
    follow = operation.follow
    return dataclasses.replace(
        operation,
        path_parameters=each(operation.path_parameters),
        query_parameters=each(operation.query_parameters),
        header_parameters=each(operation.header_parameters),
        body_parameters=body,
        whole_body=by_name[operation.whole_body.python_name] if operation.whole_body else None,
        stream_flag=by_name[operation.stream_flag.python_name] if operation.stream_flag else None,
        returns=rewritten(operation.returns),
        streams=rewritten(operation.streams) if operation.streams is not None else None,
        follow=dataclasses.replace(follow, source=_retyped(follow.source, rewritten))
        if follow is not None
        else None,
    )


def _imports(methods: tuple[Method, ...], has_children: bool) -> frozenset[Import]:
    """What a resource module imports for its methods, in both flavors."""
    found = {Import("._base_client", "AsyncAPIResource")}
    if has_children or methods:
        found.add(Import("functools", "cached_property"))
    if methods:
        found.add(Import("._response", "async_to_raw_response"))
        found.add(Import("._response", "async_to_streamed_response"))
    for method in methods:
        found |= _operation_imports(method.operation)
    twins = {Import(i.module, sync_name(i.name)) for i in found if i.relative}
    return frozenset(found | twins)


def _operation_imports(operation: Operation) -> set[Import]:
    found = set(_METHOD_IMPORTS) | set(operation.returns.imports)
    if operation.path_parameters:
        found.add(Import("._request", "path_with"))
    if operation.response_type == "NoneType":
        found.add(Import("types", "NoneType"))
    if operation.request_annotation is not None:
        found.add(Import("._request", "any_type"))
    if operation.response.scheme is not None:
        constant = operation.response.scheme.constant
        found |= {Import("._pagination", "async_paginate"), Import("._config", constant)}
    if operation.response.model:
        found |= Named(operation.response.model, ".types").imports
    for parameter in operation.parameters:
        found |= parameter.type.imports | parameter.value_imports
    if operation.follow is not None:
        found |= _operation_imports(operation.follow.source)
    if operation.response.kind == "events" or operation.stream_flag is not None:
        found.add(Import("._config", "EVENTS"))
    if operation.streams is not None and operation.events is not None:
        found |= operation.streams.imports | {Import("typing", "overload")}
        found |= {Import("typing", "Literal")} | Named(operation.events, ".types").imports
    return found
