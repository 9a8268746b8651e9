"""Check an OpenAPI document before anything is built from it.

openapi-spec-validator checks the document against the OpenAPI 3.0/3.1 schema. It is run after
our own checks, which the generator relies on and which report locations the validator cannot:
every `$ref` resolves in the document as loaded (other files bundled in by `generator.bundle`,
each node located in its own file), each path template matches its path parameters, and each
operation has a unique operationId (the handle `sdk.yaml` maps methods to).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from generator import verdicts
from generator.errors import Diagnostic, SpecError
from generator.load import Document, JSONPath, section
from generator.openapi import (
    SpecOperation,
    merged_parameters,
    operations,
    parameter_lists,
    path_template_names,
)
from generator.refs import lookup, pointer_path, resolve
from generator.verdicts import Finding

_SUPPORTED_VERSION = re.compile(r"3\.[01]\.\d+\Z")


SCHEMA_TYPES = ("string", "number", "integer", "boolean", "array", "object", "null")
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMAS = ("items", "not", "additionalProperties", "contains", "if", "then", "else")


def validate_openapi(document: Document, *, against_schema: bool = True) -> list[Diagnostic]:
    """Raise a `SpecError` listing every problem that would make the output wrong; return the
    warnings: what is inconsistent in the spec but generated around (a missing or repeated
    operationId, a default that does not fit its schema, a schema keyword the OpenAPI schema
    rejects but the generator never reads).

    `against_schema=False` runs only our own checks, which are what the build relies on, and
    not openapi-spec-validator's, which take most of the time on a large spec; `diff` reads
    only the surface a spec builds, and leaves conformance to `generate` and `check`.
    """
    data, version = _openapi_root(document)
    warnings: list[Diagnostic] = []
    unfit_defaults: list[object] = []
    schemas = functools.partial(_check_schemas, unfit_defaults=unfit_defaults)
    problems: list[Diagnostic] = []
    # A broken `$ref` would stop the later checks, which follow them: those come first, and
    # the rest (the OpenAPI schema's too) report together, so one run lists all it can.
    for group in ((_check_refs, _check_ref_cycles), (_check_operations, schemas)):
        for checks in group:
            for diagnostic in checks(document):
                (problems if diagnostic.severity == "error" else warnings).append(diagnostic)
        if problems and group[0] is _check_refs:
            raise SpecError(problems)
    if not against_schema:
        if problems:
            raise SpecError(problems)
        return warnings
    return sorted(warnings + _conformance(document, data, version, problems, unfit_defaults))


def _openapi_root(document: Document) -> tuple[dict[str, object], str]:
    """The document's top level and its OpenAPI version; refused when it is no OpenAPI 3.0 or
    3.1 document, since no later check would mean anything."""
    data = document.data
    if isinstance(data, dict) and "swagger" in data:
        raise SpecError.at(
            document.locate(("swagger",)),
            "a Swagger (OpenAPI 2.0) document: convert it to OpenAPI 3.0 or 3.1 first",
        )
    if not isinstance(data, dict):
        raise SpecError.at(
            document.locate(()), "not an OpenAPI document: the top level must be a mapping"
        )
    if "openapi" not in data:
        raise SpecError.at(
            document.locate(()), "not an OpenAPI document: no top-level `openapi` key"
        )
    version = data["openapi"]
    if not isinstance(version, str) or not _SUPPORTED_VERSION.match(version):
        raise SpecError.at(
            document.locate(("openapi",)),
            f"OpenAPI version {version!r} is not supported; use 3.0.x or 3.1.x",
        )
    return data, version


def _conformance(
    document: Document,
    data: dict[str, object],
    version: str,
    problems: list[Diagnostic],
    unfit_defaults: list[object],
) -> list[Diagnostic]:
    """openapi-spec-validator's verdict, raised with `problems` (ours) as one `SpecError`
    when anything is wrong; else its warnings: what it rejects inside schemas, which the
    generator never reads."""
    found: dict[JSONPath, str] = {}
    key = verdicts.key(document.data)
    recorded = verdicts.recorded(key)
    findings = _schema_findings(document, data, version) if recorded is None else recorded
    for relative, message, instance in findings:
        path = _absolute(document, relative, instance)
        if not path and any(_same(instance, value) for value in unfit_defaults):
            continue  # a default that does not fit: warned of above, with its location
        found.setdefault(path, message)
    # A node that fails also fails its parents' schemas; only the deepest report helps.
    deepest = [p for p in found if not any(o[: len(p)] == p and o != p for o in found)]
    errors = [
        Diagnostic(document.locate(p), f"invalid OpenAPI: {found[p]}")
        for p in deepest
        if not _in_schema(p) and not _reported_by_us(p, found[p])
    ]
    if problems or errors:
        raise SpecError([*problems, *errors])
    if recorded is None:  # only a spec that passed: one refused is validated again, and told
        verdicts.record(key, findings)
    return [
        Diagnostic(document.locate(p), f"invalid OpenAPI, generated around: {found[p]}", "warning")
        for p in deepest
        if _in_schema(p)
    ]


def _schema_findings(document: Document, data: dict[str, object], version: str) -> list[Finding]:
    """openapi-spec-validator's findings on `document`, each as (path from the node the
    validator checked, message, the offending value); checked part by part, each part that
    passed before skipped (`validate_parts`)."""
    from generator.validate_parts import schema_findings

    try:
        return schema_findings(data, version)
    except RecursionError:
        raise SpecError.at(
            document.locate(()), "the document nests too deeply for the OpenAPI validator"
        ) from None


#: Keys under which a validator finding is about a schema or an example: the generator reads
#: schemas itself (and refuses, located, what it cannot type), and never reads examples.
_SCHEMA_KEYS = frozenset({"schema", "schemas", "example", "examples"})


def _same(found: object, value: object) -> bool:
    """Equal and of the same type: the validator reports a copy of the value it checked."""
    return type(found) is type(value) and found == value


#: Validator findings that our own checks report, located and as warnings (`_check_operations`).
_REPORTED_BY_US: dict[JSONPath, re.Pattern[str]] = {
    (): re.compile(r"Operation ID '.*' for '.*' in '.*' is not unique"),  # _check_operation_id
    ("info",): re.compile(r"'version' is a required property"),  # spec_defaults: 0.0.0
}


def _reported_by_us(path: JSONPath, message: str) -> bool:
    pattern = _REPORTED_BY_US.get(path)
    return pattern is not None and pattern.match(message) is not None


def _in_schema(path: JSONPath) -> bool:
    return any(part in _SCHEMA_KEYS for part in path)


def _absolute(document: Document, path: JSONPath, instance: object) -> JSONPath:
    """Errors inside a schema carry a path from that schema, not from the document root:
    find the places in the document that the path can be a tail of, and of those the ones
    holding the offending value; the first in the file stands for them all."""
    if not path or path in document.positions:
        return path
    tails = [p for p in document.positions if len(p) > len(path) and p[-len(path) :] == path]
    holding = [p for p in tails if lookup(document.data, p) == instance] or tails
    return min(holding, key=document.locate) if holding else path


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
                        document.locate((*where, "$ref")), _not_local(document, ref, where)
                    )
                elif lookup(document.data, target) is None:
                    yield Diagnostic(document.locate((*where, "$ref")), f"`$ref` to nothing: {ref}")
            pending.extend((value, (*where, key)) for key, value in node.items())
        elif isinstance(node, list):
            pending.extend((value, (*where, index)) for index, value in enumerate(node))


def _not_local(document: Document, ref: str, where: JSONPath) -> str:
    """Why a `$ref` is still not local once the spec's files are bundled: the reason loading
    recorded (a URL, a file outside the spec's folder, a pointer to nothing in another file),
    located by `document` in the file that holds it."""
    reason = document.unresolved.get((*where, "$ref"))
    if reason is not None:
        return reason
    if ref.startswith("#"):
        return f"`$ref` to {ref}: only JSON pointers (`#/...`) are followed, not anchors"
    return f"`$ref` to another document ({ref}) was not followed"


def _check_ref_cycles(document: Document) -> Iterator[Diagnostic]:
    """A chain of `$ref`s that returns to its start names no schema at all; it is reported
    once, at the `$ref` of the chain that comes last in the file."""
    reported: set[frozenset[JSONPath]] = set()
    for start in [p[:-1] for p in document.positions if p and p[-1] == "$ref"]:
        chain: list[JSONPath] = []
        where = start
        while where not in chain:
            node = lookup(document.data, where)
            ref = node.get("$ref") if isinstance(node, dict) else None
            target = pointer_path(ref) if isinstance(ref, str) else None
            if target is None or lookup(document.data, target) is None:
                break
            chain.append(where)
            where = target
        else:
            cycle = frozenset(chain[chain.index(where) :])
            if cycle not in reported:
                reported.add(cycle)
                last = max(cycle, key=lambda p: document.locate((*p, "$ref")))
                names = " -> ".join("/".join(map(str, p)) for p in sorted(cycle))
                yield Diagnostic(
                    document.locate((*last, "$ref")),
                    f"a `$ref` cycle that names no schema: {names}",
                )


def _check_schemas(document: Document, unfit_defaults: list[object]) -> Iterator[Diagnostic]:
    """Schema types the generator knows, and enums without repeats; each default that does
    not fit its schema is a warning, and is added to `unfit_defaults`."""
    pending: list[tuple[object, JSONPath]] = [
        (schema, ("components", "schemas", name))
        for name, schema in section(document.data, "components", "schemas").items()
    ]
    pending += [
        (value, path)
        for path in list(document.positions)
        if path and path[-1] == "schema" and path[:2] != ("components", "schemas")
        for value in [lookup(document.data, path)]
    ]
    while pending:
        schema, where = pending.pop()
        if not isinstance(schema, dict):
            continue
        kinds = schema.get("type")
        for kind in kinds if isinstance(kinds, list) else [kinds]:
            if kind is not None and kind not in SCHEMA_TYPES:
                yield Diagnostic(
                    document.locate((*where, "type")),
                    f"unknown schema type {kind!r}; expected one of {', '.join(SCHEMA_TYPES)}",
                )
        if "default" in schema and not _fits(schema["default"], schema):
            unfit_defaults.append(schema["default"])
            yield Diagnostic(
                document.locate((*where, "default")),
                f"default {schema['default']!r} does not fit its schema "
                f"(type {schema.get('type', 'any')}{', enum' if 'enum' in schema else ''}); "
                "the client sends no default, so it is generated around",
                "warning",
            )
        enum = schema.get("enum")
        if isinstance(enum, list):
            seen: list[object] = []
            for index, value in enumerate(enum):
                if value in seen:
                    yield Diagnostic(
                        document.locate((*where, "enum", index)),
                        f"enum value {value!r} is listed twice",
                    )
                seen.append(value)
        for key in _SUBSCHEMAS:
            pending.append((schema.get(key), (*where, key)))
        for key in _SUBSCHEMA_LISTS:
            for index, item in enumerate(schema.get(key) or []):
                pending.append((item, (*where, key, index)))
        for name, item in section(schema, "properties").items():
            pending.append((item, (*where, "properties", name)))


_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
    "null": (type(None),),
}


def _fits(value: object, schema: dict[str, object]) -> bool:
    """Whether a `default` fits its own schema's `type`, `nullable` and `enum`: the cases
    openapi-spec-validator reports with no location at all."""
    kinds = schema.get("type")
    if isinstance(kinds, str) or isinstance(kinds, list):
        allowed = [kinds] if isinstance(kinds, str) else kinds
        if schema.get("nullable") is True:
            allowed = [*allowed, "null"]
        matches = [
            isinstance(value, _PYTHON_TYPES.get(str(kind), ()))
            and not (isinstance(value, bool) and kind in ("integer", "number"))
            for kind in allowed
        ]
        if not any(matches):
            return False
    enum = schema.get("enum")
    return not isinstance(enum, list) or value in enum or (value is None and None in enum)


def _check_operations(document: Document) -> Iterator[Diagnostic]:
    seen_ids: dict[str, JSONPath] = {}
    paths = document.data.get("paths", {}) if isinstance(document.data, dict) else {}
    for path_key in paths:
        if not str(path_key).startswith("/"):
            yield Diagnostic(
                document.locate(("paths", path_key)), f"path {path_key!r} must start with `/`"
            )
    for operation in operations(document):
        yield from _check_operation_id(document, operation, seen_ids)
        yield from _check_parameter_lists(document, operation)
        yield from _check_path_parameters(document, operation)


def _check_operation_id(
    document: Document, operation: SpecOperation, seen_ids: dict[str, JSONPath]
) -> Iterator[Diagnostic]:
    operation_id = operation.raw.get("operationId")
    where = operation.where
    if not isinstance(operation_id, str) or not operation_id:
        yield Diagnostic(
            document.locate(where),
            f"{operation.method.upper()} {operation.path_key} has no operationId; "
            f"it is {operation.operation_id!r} (sdk.yaml maps methods by it)",
            "warning",
        )
    elif operation_id in seen_ids:
        yield Diagnostic(
            document.locate((*where, "operationId")),
            f"operationId {operation_id!r} is used twice; this one is "
            f"{operation.operation_id!r} (sdk.yaml maps methods by it)",
            "warning",
        )
    else:
        seen_ids[operation_id] = where


def _check_parameter_lists(document: Document, operation: SpecOperation) -> Iterator[Diagnostic]:
    """Within one `parameters` list, each (name, in) once."""
    for origin, entries in parameter_lists(document, operation):
        listed: set[tuple[object, object]] = set()
        for index, raw in enumerate(entries):
            parameter, _ = resolve(document, raw, (*origin, index))
            if not isinstance(parameter, dict):
                continue
            key = (parameter.get("name"), parameter.get("in"))
            if key in listed:
                yield Diagnostic(
                    document.locate((*origin, index)),
                    f"parameter {key[0]!r} in {key[1]} is listed twice",
                )
            listed.add(key)


def _check_path_parameters(document: Document, operation: SpecOperation) -> Iterator[Diagnostic]:
    """Each `{name}` of the path declared as a path parameter, and each one declared used."""
    template = path_template_names(operation.path_key)
    declared = {
        name: parameter.listed_at
        for (location, name), parameter in merged_parameters(document, operation).items()
        if location == "path"
    }
    for name in template:
        if name not in declared:
            yield Diagnostic(
                document.locate(("paths", operation.path_key)),
                f"path parameter {{{name}}} of {operation.method.upper()} {operation.path_key} "
                "is not declared in its parameters",
            )
    for name, parameter_where in declared.items():
        if name not in template:
            yield Diagnostic(
                document.locate(parameter_where),
                f"path parameter {name!r} is declared but not used in {operation.path_key}",
            )
