"""openapi-spec-validator's findings on a document, worked out part by part, so that an edited
document is checked again only where it changed.

The library checks a document in two steps (`SpecValidator.iter_errors`): against the OpenAPI
schema, then a walk of the paths and component schemas (duplicate operationIds and
parameters, path parameters, each schema against its JSON Schema dialect, each default
against its schema). The findings here are the library's, each at the same path with the
same message and value; only their order differs, and never between two at one path:

- The OpenAPI 3.0 and 3.1 schemas reach each path item (`paths/KEY`) and each component
  schema (`components/schemas/NAME`) through `properties`, `patternProperties`, `$ref` and
  a `$dynamicRef` whose scope the route fixes, never under a keyword whose outcome above the
  part depends on the part's content (`anyOf`, `oneOf`, `not`, `if`, or an `additionalProperties`
  that `unevaluatedProperties` consults). So what is found inside a part depends on the
  part and its key alone, and is found by checking a minimal document holding just that part
  at its place; what is found outside the parts is found in the document with every part
  replaced by `{}`, which both schemas accept there (the skeleton). Should the skeleton's
  check find anything inside a part, or a part's anything outside it that the skeleton's
  does not, the document is checked whole instead.
- The walk follows `$ref`s across the document, so it runs whole; but its costliest step,
  checking one schema against its dialect's meta-schema (`_validate_schema_meta`), depends
  only on that schema's content and the document's `jsonSchemaDialect`.

Each part, skeleton and schema that passed is remembered by digest (`verdicts.Passed`), with
the validator's versions and what it was checked as, and not checked again while unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from generator import validator, verdicts
from generator.load import JSONPath
from generator.verdicts import Finding, Passed

Part = tuple[JSONPath, object]


def schema_findings(data: dict[str, object], version: str) -> list[Finding]:
    """The findings of openapi-spec-validator (`validator.spec_validator(version)`) on
    `data`, reusing and recording the verdicts on its parts."""
    spec_validator: Any = validator.spec_validator(version)
    passed = Passed.load()
    findings = _document_findings(spec_validator.schema_validator, data, version, passed)
    findings += _walk_findings(spec_validator, data, passed)
    passed.save()
    return findings


def _finding(error: Any, instances: dict[int, object] | None = None) -> Finding:
    instance = getattr(error, "instance", None)
    if instances is not None:
        instance = instances.get(id(instance), instance)
    return (tuple(getattr(error, "path", ())), _message(error), instance)


def _message(error: object) -> str:
    """The validator's message, or its most specific cause for "not valid under any of"."""
    context = getattr(error, "context", None) or []
    specific = [c for c in context if "is not one of" in str(c.message)]
    return str(getattr(specific[0] if specific else error, "message", error))


def _parts(data: dict[str, object]) -> list[Part]:
    parts: list[Part] = []
    paths = data.get("paths")
    if isinstance(paths, dict):
        parts += [(("paths", key), value) for key, value in paths.items()]
    components = data.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if isinstance(schemas, dict):
        parts += [(("components", "schemas", key), value) for key, value in schemas.items()]
    return parts


def _skeleton(data: dict[str, object]) -> tuple[dict[str, object], dict[int, object]]:
    """`data` with each part replaced by `{}`, and each container this copied by its id,
    for the original (a finding's value is the document's, not the copy's)."""
    skeleton = dict(data)
    originals: dict[int, object] = {id(skeleton): data}
    paths = data.get("paths")
    if isinstance(paths, dict):
        paths_copy: dict[object, object] = {key: {} for key in paths}
        skeleton["paths"] = paths_copy
        originals[id(paths_copy)] = paths
    components = data.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if isinstance(components, dict) and isinstance(schemas, dict):
        schemas_copy: dict[object, object] = {key: {} for key in schemas}
        skeleton["components"] = components_copy = {**components, "schemas": schemas_copy}
        originals.update({id(components_copy): components, id(schemas_copy): schemas})
    return skeleton, originals


def _minimal(version: str, where: JSONPath, value: object) -> dict[str, object]:
    """The least document holding `value` at `where`, and nothing the schema refuses."""
    document: dict[str, Any] = {"openapi": version, "info": {"title": "-", "version": "-"}}
    document["paths"] = {where[1]: value} if where[0] == "paths" else {}
    if where[0] == "components":
        document["components"] = {"schemas": {where[2]: value}}
    return document


def _inside(path: JSONPath, where: JSONPath) -> bool:
    return path[: len(where)] == where


def _document_findings(
    check: Any, data: dict[str, object], version: str, passed: Passed
) -> list[Finding]:
    """The findings of the check against the OpenAPI schema: the skeleton's and each part's,
    each skipped if it passed before; or the whole document's, should they not add up."""

    def errors(document: object, instances: dict[int, object] | None = None) -> list[Finding]:
        return [_finding(error, instances) for error in check.iter_errors(document)]

    parts = _parts(data)
    skeleton, originals = _skeleton(data)
    skeleton_key = verdicts.key(skeleton, "skeleton", version)
    found = [] if skeleton_key in passed else errors(skeleton, originals)
    if any(_inside(path, where) for path, _, _ in found for where, _ in parts):
        return errors(data)
    outside = {(path, message) for path, message, _ in found}
    if not found:
        passed.add(skeleton_key)
    for where, value in parts:
        part_key = verdicts.key(value, "part", version, *map(str, where))
        if part_key in passed:
            continue
        inside: list[Finding] = []
        for finding in errors(_minimal(version, where, value)):
            if _inside(finding[0], where):
                inside.append(finding)
            elif finding[:2] not in outside:
                return errors(data)
        found += inside
        if not inside:
            passed.add(part_key)
    return found


def _walk_findings(spec_validator: Any, data: dict[str, object], passed: Passed) -> list[Finding]:
    """The findings of the library's walk of `data`, each schema's check against its dialect
    skipped when that schema passed it before (in this document or another)."""
    checker: Any = spec_validator.keyword_validators["schema"]
    dialect = json.dumps(data.get("jsonSchemaDialect"))
    remembering = type(
        checker.__name__,
        (checker,),
        {"_validate_schema_meta": _remembered(checker._validate_schema_meta, passed, dialect)},
    )
    walker: Any = type(
        spec_validator.__name__,
        (spec_validator,),
        {"keyword_validators": {**spec_validator.keyword_validators, "schema": remembering}},
    )
    spec = walker(data)
    walk: Iterable[Any] = spec.root_validator(spec.schema_path)
    return [_finding(error) for error in walk]


def _remembered(
    check: Callable[[Any, Any, Any], object], passed: Passed, dialect: str
) -> Callable[[Any, Any, Any], object]:
    """`SchemaValidator._validate_schema_meta`, skipped for a schema that passed it before:
    its outcome is the schema's (with its `$schema`, if any) under the document's dialect."""

    def validate_schema_meta(self: Any, schema: Any, schema_value: Any) -> object:
        digest = verdicts.key(schema_value, "meta", type(self).__name__, dialect)
        if digest in passed:
            return None
        error = check(self, schema, schema_value)
        if error is None:
            passed.add(digest)
        return error

    return validate_schema_meta
