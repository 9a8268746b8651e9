"""sdk.yaml's `methods`, `pagination` and `streaming`: which operation each method calls, how
its pages move to the next, and how its streams of events are read.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.load import JSONPath
from generator.model import PAGE_KINDS, PageKind, PageScheme, Streaming
from generator.sdk_reader import Reader, is_identifier


@dataclass(frozen=True)
class MethodMapping:
    path: tuple[str, ...]
    """Resource names then the method name, e.g. ("beta", "messages", "batches", "delete")."""
    operation_id: str
    where: JSONPath


def read_methods(reader: Reader, value: object, required: bool) -> tuple[MethodMapping, ...]:
    """The dotted method names sdk.yaml gives operations; the rest are named from their paths
    (`build.method_names`), so without a spec's own defaults, some must be given."""
    if value is None and not required:
        return ()
    if not isinstance(value, dict) or (required and not value):
        reader.fail(
            ("methods",), "`methods` must map at least one `resource.method` to an operation"
        )
        return ()
    mappings = []
    for dotted, operation_id in value.items():
        where: JSONPath = ("methods", dotted)
        parts = tuple(dotted.split("."))
        if len(parts) < 2 or not all(is_identifier(p) and not p.startswith("_") for p in parts):
            reader.fail(
                where,
                f"{dotted!r} must be dotted public Python identifiers: resource names, then the method",
            )
            continue
        if not isinstance(operation_id, str):
            reader.fail(where, "the value must be an operationId from openapi.yaml")
            continue
        mappings.append(MethodMapping(parts, operation_id, where))
    return tuple(mappings)


def read_pagination(reader: Reader, value: object) -> tuple[PageScheme, ...]:
    """The schemes by name; a scheme's `kind` defaults to its name (`cursor:` is a cursor)."""
    if value is None:
        return ()
    if not isinstance(value, dict):
        reader.fail(("pagination",), "`pagination` must map scheme names to their fields")
        return ()
    schemes = []
    for name, entry in value.items():
        where: JSONPath = ("pagination", name)
        if not is_identifier(name):
            reader.fail(where, f"scheme name {name!r} is not a valid Python identifier")
            continue
        kind = entry.get("kind", name) if isinstance(entry, dict) else name
        if kind not in PAGE_KINDS:
            reader.fail(
                (*where, "kind") if isinstance(entry, dict) and "kind" in entry else where,
                f"`kind` must be one of {', '.join(PAGE_KINDS)}, for scheme {name!r}",
            )
            continue
        schemes.append(_read_scheme(reader, where, name, kind, entry))
    return tuple(schemes)


def _read_scheme(
    reader: Reader, where: JSONPath, name: str, kind: PageKind, entry: object
) -> PageScheme:
    _, fields, parameters, optional = PAGE_KINDS[kind]
    scheme = reader.mapping(where, entry, {"kind", *fields, *parameters, *optional})
    names = [(role, reader.identifier(where, scheme, role)) for role in fields]
    names += [(role, reader.string(where, scheme, role)) for role in parameters]
    names += [(role, reader.identifier(where, scheme, role)) for role in optional if role in scheme]
    return PageScheme(name, kind, tuple(names))


def read_streaming(reader: Reader, value: object) -> Streaming:
    if value is None:
        return Streaming()
    where: JSONPath = ("streaming",)
    section = reader.mapping(where, value, {"flag", "skip", "skip_unnamed", "error"})
    skip = section.get("skip", [])
    if not isinstance(skip, list) or not all(isinstance(name, str) and name for name in skip):
        reader.fail((*where, "skip"), "`skip` must be a list of event names")
        skip = []
    skip_unnamed = section.get("skip_unnamed", False)
    if not isinstance(skip_unnamed, bool):
        reader.fail((*where, "skip_unnamed"), "`skip_unnamed` must be true or false")
        skip_unnamed = False
    error = section.get("error")
    if error is not None and (not isinstance(error, str) or not error):
        reader.fail((*where, "error"), "`error` must be an event name")
        error = None
    return Streaming(
        flag=reader.string(where, section, "flag", default="stream"),
        skip=tuple(skip),
        skip_unnamed=skip_unnamed,
        error=error,
    )
