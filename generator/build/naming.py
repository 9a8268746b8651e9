"""Python names from spec names: cases, argument names, and the names nobody may take.

Generated modules bind names of their own beside the spec's (runtime classes, typing helpers,
each resource's classes); a schema, argument, method or resource that took one of them would
shadow it, so such names are refused with the place they were written.
"""

from __future__ import annotations

import keyword
import re

from generator.build.context import Context
from generator.load import JSONPath, section
from generator.sdk_config import is_identifier
from generator.unasync import VOCABULARY

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")

#: Per-call keyword arguments every method takes; a spec parameter may not take these names.
CALL_OPTIONS = ("extra_headers", "extra_query", "extra_body", "timeout", "max_retries")
#: Attributes of generated resources and clients that a resource or method may not shadow. (The
#: credential attributes are the spec's own: `build.auth` keeps them apart from the resources.)
RESERVED_ATTRIBUTES = frozenset(
    {
        "with_options",
        "with_raw_response",
        "with_streaming_response",
        "close",
        "base_url",
        "timeout",
        "max_retries",
        "request",
        "request_with",
        "followed_url",
        "own_url",
        "parse",
        "stream_jsonl",
        "stream_events",
        "request_binary",
        "request_text",
        *VOCABULARY,
        *VOCABULARY.values(),
    }
)
#: Names a credential argument may not take besides those: the client constructor's other
#: arguments and `self`, and what `_client.py` uses where the credentials are in scope.
CLIENT_NAMES = frozenset(
    {
        "self",
        "base_url",
        "timeout",
        "max_retries",
        "default_headers",
        "default_query",
        "http_client",
        "os",
        "httpx2",
        "headers",
    }
)
#: Names the generated modules bind besides the spec's schemas: the runtime's names that
#: resource modules import (in both flavors), and what datamodel-code-generator imports into
#: types.py and params.py. A schema or argument named like one of them would shadow it.
RESERVED_MODULE_NAMES = frozenset(
    {
        "APIRequest",
        "path_with",
        "extended",
        "overload",
        "EVENTS",
        "CURSOR",
        "NOT_GIVEN",
        "NotGiven",
        "Body",
        "Headers",
        "Query",
        "Timeout",
        "Sequence",
        "Literal",
        "cast",
        "builtins",
        "NoneType",
        "cached_property",
        "annotations",
        "Any",
        "Annotated",
        "Field",
        "BaseModel",
        "ConfigDict",
        "RootModel",
        "AwareDatetime",
        "TypeAliasType",
        "TypeAlias",
        "TypedDict",
        "NotRequired",
        "httpx2",
        *VOCABULARY,
        *VOCABULARY.values(),
    }
)


def snake_case(name: str) -> str:
    """`anthropic-beta` -> `anthropic_beta`, `beforeId` -> `before_id`."""
    return _NOT_WORD.sub("_", _CAMEL_BOUNDARY.sub("_", name)).strip("_").lower()


def pascal_case(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake_case(name).split("_"))


def python_name_for(wire_name: str, override: object) -> object:
    """The argument name for a wire name: `x-python-name` if set, else its snake case, with a
    trailing underscore for a keyword or `self` (`class` -> `class_`, as PEP 8 suggests)."""
    if override is not None:
        return override
    name = snake_case(wire_name)
    return f"{name}_" if keyword.iskeyword(name) or name == "self" else name


def argument_name(
    context: Context,
    what: str,
    wire_name: str,
    override: object,
    where: JSONPath,
    taken: dict[str, JSONPath],
) -> str:
    """The keyword argument for a parameter or body property, unique in its method; `taken`
    holds the method's names so far and gains this one."""
    name = python_name_for(wire_name, override)
    if not isinstance(name, str) or not is_identifier(name):
        raise context.error(
            where, f"{what} becomes {name!r}, which is not a Python identifier: set `x-python-name`"
        )
    if (
        name in taken
        or name in (*CALL_OPTIONS, "self")
        or name in RESERVED_MODULE_NAMES
        or name in context.schema_names
    ):
        raise context.error(
            where,
            f"{what} becomes {name!r}, which another argument of this method or a name of the "
            "generated module already uses: set `x-python-name`",
        )
    taken[name] = where
    return name


def check_schema_names(context: Context, taken: dict[str, str]) -> None:
    """Each schema name an identifier that shadows nothing the package defines; `taken` maps
    the package's own class names to what they are."""
    for name in section(context.spec.data, "components", "schemas"):
        where = ("components", "schemas", name)
        if not is_identifier(name) or name in RESERVED_MODULE_NAMES:
            context.fail(
                where,
                f"schema name {name!r} must be a Python identifier that is not one of the "
                f"names generated modules use ({', '.join(sorted(RESERVED_MODULE_NAMES))})",
            )
        elif name in taken:
            context.fail(
                where,
                f"schema name {name!r} is taken by {taken[name]} the generated package defines; "
                "rename the schema",
            )
