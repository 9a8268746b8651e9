"""Check an OpenAPI document before anything is built from it.

openapi-spec-validator checks the document against the OpenAPI 3.0/3.1 schema. It is run after
our own checks, which the generator relies on and which report locations the validator cannot:
every `$ref` is local and resolves, each path template matches its path parameters, and each
operation has a unique operationId (the handle `sdk.yaml` maps methods to).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

from generator.errors import Diagnostic, Location, SpecError
from generator.load import Document, JSONPath
from generator.refs import lookup, pointer_path, resolve

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PATH_TEMPLATE_NAME = re.compile(r"\{([^{}]*)\}")
_SUPPORTED_VERSION = re.compile(r"3\.[01]\.\d+\Z")


def validate_openapi(document: Document) -> None:
    data = document.data
    if not isinstance(data, dict) or "openapi" not in data:
        raise SpecError.at(
            Location(document.path), "not an OpenAPI document: no top-level `openapi` key"
        )
    version = data["openapi"]
    if not isinstance(version, str) or not _SUPPORTED_VERSION.match(version):
        raise SpecError.at(
            document.locate(("openapi",)),
            f"OpenAPI version {version!r} is not supported; use 3.0.x or 3.1.x",
        )
    for checks in (_check_refs, _check_operations):
        problems = list(checks(document))
        if problems:
            raise SpecError(problems)
    validator = OpenAPIV31SpecValidator if version.startswith("3.1") else OpenAPIV30SpecValidator
    found: dict[JSONPath, str] = {}
    for error in validator(data).iter_errors():
        path: JSONPath = tuple(getattr(error, "path", ()))
        found.setdefault(path, getattr(error, "message", str(error)))
    # A node that fails also fails its parents' schemas; only the deepest report helps.
    deepest = [p for p in found if not any(o[: len(p)] == p and o != p for o in found)]
    if deepest:
        raise SpecError(
            [Diagnostic(document.locate(p), f"invalid OpenAPI: {found[p]}") for p in deepest]
        )


def operations(document: Document) -> Iterator[tuple[str, str, dict[str, object], JSONPath]]:
    """Every operation as (path key, HTTP method, operation object, its path in the document)."""
    paths = document.data.get("paths") if isinstance(document.data, dict) else None
    if not isinstance(paths, dict):
        return
    for path_key, item in paths.items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                yield path_key, method, operation, ("paths", path_key, method)


def path_template_names(path_key: str) -> list[str]:
    return _PATH_TEMPLATE_NAME.findall(path_key.partition("?")[0])


def _check_refs(document: Document) -> Iterator[Diagnostic]:
    pending: list[tuple[object, JSONPath]] = [(document.data, ())]
    while pending:
        node, where = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                target = pointer_path(ref)
                if target is None:
                    yield Diagnostic(
                        document.locate((*where, "$ref")),
                        f"`$ref` to another document ({ref}) is not supported: move the "
                        "definition under `components` of this file",
                    )
                elif lookup(document.data, target) is None:
                    yield Diagnostic(document.locate((*where, "$ref")), f"`$ref` to nothing: {ref}")
            pending.extend((value, (*where, key)) for key, value in node.items())
        elif isinstance(node, list):
            pending.extend((value, (*where, index)) for index, value in enumerate(node))


def _check_operations(document: Document) -> Iterator[Diagnostic]:
    seen_ids: dict[str, JSONPath] = {}
    paths = document.data.get("paths", {}) if isinstance(document.data, dict) else {}
    for path_key, method, operation, where in operations(document):
        operation_id = operation.get("operationId")
        if not isinstance(operation_id, str) or not operation_id:
            yield Diagnostic(
                document.locate(where),
                f"{method.upper()} {path_key} has no operationId; sdk.yaml maps methods by it",
            )
        elif operation_id in seen_ids:
            yield Diagnostic(
                document.locate((*where, "operationId")),
                f"operationId {operation_id!r} is used twice",
            )
        else:
            seen_ids[operation_id] = where
        template = path_template_names(path_key)
        declared: dict[str, JSONPath] = {}
        shared = paths[path_key].get("parameters", [])
        own = operation.get("parameters", [])
        for origin, parameters in (((*where[:2], "parameters"), shared), ((*where, "parameters"), own)):
            if not isinstance(parameters, list):
                continue
            for index, raw in enumerate(parameters):
                parameter, _ = resolve(document, raw, (*origin, index))
                if isinstance(parameter, dict) and parameter.get("in") == "path":
                    declared[str(parameter.get("name"))] = (*origin, index)
        for name in template:
            if name not in declared:
                yield Diagnostic(
                    document.locate(("paths", path_key)),
                    f"path parameter {{{name}}} of {method.upper()} {path_key} is not declared "
                    "in its parameters",
                )
        for name, parameter_where in declared.items():
            if name not in template:
                yield Diagnostic(
                    document.locate(parameter_where),
                    f"path parameter {name!r} is declared but not used in {path_key}",
                )
