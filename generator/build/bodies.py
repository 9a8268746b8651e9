"""A request body as keyword arguments: JSON, `multipart/form-data`, or a urlencoded form.

Each top-level property of the body's object schema becomes one keyword argument. In a
multipart body, a property of binary content (`format: binary`, or 3.1's `contentMediaType`)
is a file, which takes what the official SDK takes (`_files.FileTypes`).
"""

from __future__ import annotations

from generator.build.context import Context
from generator.build.naming import argument_name
from generator.build.schema_types import python_type
from generator.load import JSONPath, section
from generator.model import BodyEncoding, Parameter
from generator.pytypes import Named
from generator.refs import resolve

#: The media types a body may have, most preferred first, and how each is sent.
BODY_ENCODINGS: dict[str, BodyEncoding] = {
    "application/json": "json",
    "multipart/form-data": "multipart",
    "application/x-www-form-urlencoded": "form",
}
FILE = Named("FileTypes", "._files")


def build_body(
    context: Context, raw: dict[str, object], where: JSONPath, taken: dict[str, JSONPath]
) -> tuple[tuple[Parameter, ...], BodyEncoding | None]:
    """The body's arguments and how it is sent; no body gives `((), None)`."""
    if "requestBody" not in raw:
        return (), None
    body, body_where = resolve(context.spec, raw["requestBody"], (*where, "requestBody"))
    content = section(body, "content")
    media_type = next((m for m in BODY_ENCODINGS if m in content), None)
    if media_type is None:
        first = next(iter(content), None)
        raise context.error(
            (*body_where, "content", *([first] if first else [])),
            f"unsupported request media type(s) {', '.join(content)}: use "
            f"{', '.join(BODY_ENCODINGS)}",
        )
    encoding = BODY_ENCODINGS[media_type]
    schema, schema_where = resolve(
        context.spec,
        section(content, media_type).get("schema", {}),
        (*body_where, "content", media_type, "schema"),
    )
    properties = section(schema, "properties")
    if section(schema).get("type") != "object" or not properties:
        raise context.error(
            schema_where,
            "a request body must be an object with `properties`: each becomes a keyword argument",
        )
    required = section(schema).get("required", [])
    body_required = bool(section(body).get("required", False))
    parameters = []
    for name, property_schema in properties.items():
        property_where = (*schema_where, "properties", name)
        is_file = encoding == "multipart" and _is_binary(context, property_schema)
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
                required=body_required and isinstance(required, list) and name in required,
                type=FILE
                if is_file
                else python_type(context, property_schema, property_where, in_body=True),
                description=str(section(property_schema).get("description", "")),
                file=is_file,
            )
        )
    return tuple(parameters), encoding


def _is_binary(context: Context, schema: object) -> bool:
    """Whether `schema` is a file's content: binary text (3.0) or a media type (3.1)."""
    resolved, _ = resolve(context.spec, schema, ())
    schema_map = section(resolved)
    return schema_map.get("format") == "binary" or (
        "contentMediaType" in schema_map and schema_map.get("type") in ("string", None)
    )
