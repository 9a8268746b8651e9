"""A request body as method arguments: JSON, `multipart/form-data`, a urlencoded form, or raw
content.

Of several media types, JSON is chosen first, then multipart, then a urlencoded form, then
the first other one. How the body becomes arguments:

- An object of known properties (directly, or composed with `allOf`, whose members' properties
  and `required` are merged, `$ref`s followed at any depth): one keyword argument per property,
  as the official SDKs take them; one the schema requires is a required argument, unless the
  request body says `required: false` (the properties are sent on every call, so a body
  that does not say it is optional has them required, as Twilio's own SDK does). In a multipart body, a property of binary content
  (`format: binary`, or 3.1's `contentMediaType`) is a file, which takes what the official SDK
  takes (`_files.FileTypes`). Keys beyond the properties (`additionalProperties`) go in
  `extra_body`, which every method takes.
- Anything else JSON can hold is one `body` argument: a union of objects (`oneOf`/`anyOf`, typed
  as the union of their TypedDicts), an array or a scalar (typed as such), or an object of
  arbitrary keys (`additionalProperties` only, or no properties at all) as a
  `Mapping[str, V]`. Arbitrary keys are data, not parameters: they need not be identifiers,
  may be named like the call options (`timeout`), and no keyword could type them; a mapping
  takes them all, as the user already holds them.
- Any other media type is raw content, one `content` argument sent as is with that
  `content-type`: a `str` for text (`text/*`, XML...), else bytes, a binary file or a path
  (`_files.FileContent`), streamed rather than read whole.

`x-python-name` on the request body renames its one argument, as on a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.build.context import Context
from generator.build.media_types import OCTET_STREAM, essence, is_json, is_range, is_text
from generator.build.naming import argument_name
from generator.build.schema_types import python_type
from generator.load import JSONPath, section
from generator.model import BodyEncoding, Parameter
from generator.pytypes import Builtin, MappingOf, Named, PyType, SequenceOf, nullable
from generator.refs import resolve

#: The media types a body of properties may have, most preferred first, and how each is sent.
BODY_ENCODINGS: dict[str, BodyEncoding] = {
    "multipart/form-data": "multipart",
    "application/x-www-form-urlencoded": "form",
}
FILE = Named("FileTypes", "._files")
CONTENT = Named("FileContent", "._files")
#: Keys a schema may hold beside `required` and still only constrain an object, not shape it:
#: `anyOf: [{required: [a]}, {required: [b]}]` asks for one of two properties.
_CONSTRAINT_KEYS = frozenset({"required", "description", "title", "$comment", "not"})


@dataclass(frozen=True)
class Body:
    """A request body as the method takes it: its arguments and how it is sent."""

    parameters: tuple[Parameter, ...] = ()
    encoding: BodyEncoding | None = None
    """How the body is sent; None when the operation has no body."""
    whole: Parameter | None = None
    """The one argument that is the whole body, when it is not an object of properties."""
    content_type: str | None = None
    """The `content-type` of raw content."""


@dataclass
class _Fields:
    """An object's properties, by wire name, with where each is written; and which are
    required."""

    properties: dict[str, tuple[object, JSONPath]]
    required: set[str]


def build_body(
    context: Context, raw: dict[str, object], where: JSONPath, taken: dict[str, JSONPath]
) -> Body:
    """The body's arguments and how it is sent; no body gives `Body()`."""
    if "requestBody" not in raw:
        return Body()
    body, body_where = resolve(context.spec, raw["requestBody"], (*where, "requestBody"))
    content = section(body, "content")
    media_type = _chosen(content)
    if media_type is None:
        return Body()
    required = bool(section(body).get("required", False))
    # A property the schema requires is required unless the body is said to be optional:
    # left unsaid (Twilio's every write), the properties are sent whenever the method is
    # called (as `{}` at least), so the ones the schema requires are required arguments.
    properties_required = section(body).get("required") is not False
    schema = section(content, media_type).get("schema", {})
    schema_where: JSONPath = (*body_where, "content", media_type, "schema")
    if not is_json(media_type) and essence(media_type) not in BODY_ENCODINGS:
        return _raw(context, body, body_where, media_type, schema, required, taken)
    encoding = "json" if is_json(media_type) else BODY_ENCODINGS[essence(media_type)]
    fields = _fields(context, schema, schema_where, set())
    if fields is None:
        whole = _whole(context, body, body_where, schema, schema_where, encoding, required, taken)
        return Body((whole,), encoding, whole)
    parameters = []
    for name, (property_schema, property_where) in fields.properties.items():
        file_type = _file_type(context, property_schema) if encoding == "multipart" else None
        parameters.append(
            Parameter(
                wire_name=name,
                python_name=argument_name(
                    context,
                    f"body property {name!r}",
                    name,
                    section(property_schema).get("x-python-name"),
                    property_where,
                    taken,
                ),
                location="body",
                required=properties_required and name in fields.required,
                type=file_type or _property_type(context, property_schema, property_where),
                description=str(section(property_schema).get("description", "")),
                file=file_type is not None,
            )
        )
    return Body(tuple(parameters), encoding)


def _chosen(content: dict[str, object]) -> str | None:
    """The media type the body is sent as: JSON, multipart, a form, else the first."""
    return (
        next((m for m in content if is_json(m)), None)
        or next((m for e in BODY_ENCODINGS for m in content if essence(m) == e), None)
        or next(iter(content), None)
    )


def _fields(
    context: Context, schema: object, where: JSONPath, seen: set[JSONPath]
) -> _Fields | None:
    """The properties of an object schema, merged across `allOf` (a later member's property
    replaces an earlier one's of the same name, as the more specific), or None when the
    schema is not an object of known properties: a union, an array, a scalar, a map."""
    resolved, where = resolve(context.spec, schema, where)
    if where in seen or not isinstance(resolved, dict):
        return None
    seen = seen | {where}
    if resolved.get("type") not in (None, "object") or "items" in resolved:
        return None
    properties = {
        name: (value, (*where, "properties", name))
        for name, value in section(resolved, "properties").items()
    }
    found = _Fields(properties, _required(resolved))
    members = resolved.get("allOf")
    for index, member in enumerate(members if isinstance(members, list) else []):
        if _is_constraint(context, member):
            found.required |= _required(resolve(context.spec, member, ())[0])
            continue
        part = _fields(context, member, (*where, "allOf", index), seen)
        if part is None:
            return None
        found.properties.update(part.properties)
        found.required |= part.required
    for combinator in ("oneOf", "anyOf"):
        options = resolved.get(combinator)
        if not isinstance(options, list) or all(_is_constraint(context, o) for o in options):
            continue  # at most requirements of which one holds: none is required for sure
        if len(options) != 1:
            return None  # a union of shapes: the whole body is one argument
        part = _fields(context, options[0], (*where, combinator, 0), seen)
        if part is None:
            return None
        found.properties.update(part.properties)
        found.required |= part.required
    return found if found.properties else None


def _required(schema: object) -> set[str]:
    listed = section(schema).get("required", [])
    return {name for name in listed if isinstance(name, str)} if isinstance(listed, list) else set()


def _is_constraint(context: Context, schema: object) -> bool:
    """Whether `schema` only constrains an object (`{required: [a]}`) without shaping it."""
    resolved, _ = resolve(context.spec, schema, ())
    return isinstance(resolved, dict) and set(resolved) <= _CONSTRAINT_KEYS


def _whole(
    context: Context,
    body: object,
    body_where: JSONPath,
    schema: object,
    schema_where: JSONPath,
    encoding: BodyEncoding,
    required: bool,
    taken: dict[str, JSONPath],
) -> Parameter:
    """The `body` argument of a body that is not an object of known properties."""
    resolved, resolved_where = resolve(context.spec, schema, schema_where)
    resolved_map = section(resolved)
    kind: PyType
    if _is_free_form(resolved_map):
        extra = resolved_map.get("additionalProperties")
        value = (
            _property_type(context, extra, (*resolved_where, "additionalProperties"))
            if isinstance(extra, dict) and extra
            else Builtin("object")
        )
        kind = MappingOf(value)
    elif encoding != "json":
        raise context.error(
            schema_where,
            f"a {encoding} body must be an object (with properties, or of any keys): each "
            "property becomes a field of the form",
        )
    else:
        kind = _property_type(context, schema, schema_where)
    name_where = (*body_where, "x-python-name") if "x-python-name" in section(body) else body_where
    return Parameter(
        wire_name="body",
        python_name=argument_name(
            context,
            "the request body",
            "body",
            section(body).get("x-python-name"),
            name_where,
            taken,
        ),
        location="body",
        required=required,
        type=kind,
        description=str(section(body).get("description", "")) or "The request body.",
    )


def _is_free_form(schema: dict[str, object]) -> bool:
    """An object of arbitrary keys: `additionalProperties` only, or no properties at all."""
    shaping = ("properties", "allOf", "oneOf", "anyOf", "items", "enum", "const")
    return schema.get("type") in ("object", None) and not any(k in schema for k in shaping)


def _raw(
    context: Context,
    body: object,
    body_where: JSONPath,
    media_type: str,
    schema: object,
    required: bool,
    taken: dict[str, JSONPath],
) -> Body:
    """A body of another media type: one `content` argument, text or bytes, sent as is."""
    text = is_text(media_type) and not _is_binary(context, schema)
    if is_range(media_type):
        content_type = "text/plain" if text else OCTET_STREAM
    else:
        content_type = media_type
    name_where = (*body_where, "x-python-name") if "x-python-name" in section(body) else body_where
    parameter = Parameter(
        wire_name="content",
        python_name=argument_name(
            context,
            "the request body",
            "content",
            section(body).get("x-python-name"),
            name_where,
            taken,
        ),
        location="body",
        required=required,
        type=Builtin("str") if text else CONTENT,
        description=str(section(body).get("description", ""))
        or f"The request body, sent as {content_type}"
        + ("." if text else ": bytes, a binary file object, or a path to stream it from."),
    )
    return Body((parameter,), "raw", parameter, content_type)


def _property_type(context: Context, schema: object, where: JSONPath) -> PyType:
    """The type of a property (or a whole body): any value when the schema says nothing of
    it (Twilio's `Parameter`: a JSON object of the caller's)."""
    resolved, _ = resolve(context.spec, schema, where)
    if isinstance(resolved, dict) and not (
        set(resolved) - {"description", "title", "example", "examples", "default", "x-python-name"}
    ):
        return Builtin("object")
    return python_type(context, schema, where, in_body=True)


def _file_type(context: Context, schema: object) -> PyType | None:
    """The type of a multipart property that holds files: one file, or an array of them (each
    its own part, under the property's name, as Anthropic's skill uploads have it); with
    None beside it where the schema allows null. None for any other property."""
    resolved, _ = resolve(context.spec, schema, ())
    options = section(resolved).get("anyOf") or section(resolved).get("oneOf")
    if isinstance(options, list):
        kept = [o for o in options if section(o).get("type") != "null"]
        if len(kept) == 1 and len(kept) < len(options):
            found = _file_type(context, kept[0])
            return nullable(found) if found is not None else None
    if _is_binary(context, resolved):
        return FILE
    if section(resolved).get("type") == "array" and _is_binary(
        context, section(resolved).get("items")
    ):
        return SequenceOf(FILE)
    return None


def _is_binary(context: Context, schema: object) -> bool:
    """Whether `schema` is a file's content: binary text (3.0) or a media type (3.1)."""
    resolved, _ = resolve(context.spec, schema, ())
    schema_map = section(resolved)
    return schema_map.get("format") == "binary" or (
        "contentMediaType" in schema_map and schema_map.get("type") in ("string", None)
    )
