"""Python names from spec names: cases, argument names, and the names nobody may take.

Generated modules bind names of their own beside the spec's (runtime classes, typing helpers,
each resource's classes); a schema, method or resource that took one of them would shadow it,
so such names are refused with the place they were written.

An argument's name is the user's `x-python-name` when the spec gives one (refused if it is not
an identifier or is taken: the user chose it). Otherwise it is derived from the wire name by
these rules, in order, each step that is more than snake case warned of at the name:

1. `<` and `>` are words: `DateCreated<` -> `date_created_before`, `DateCreated>` ->
   `date_created_after`, as Twilio's own SDK names its comparison filters.
2. Snake case (`anthropic-beta` -> `anthropic_beta`, `beforeId` -> `before_id`), and a
   trailing `_` after a keyword or `self` (`class` -> `class_`, PEP 8's way; not warned of).
3. A leading digit gets `field_` (`123-abc` -> `field_123_abc`), the prefix
   datamodel-code-generator gives such a model field, as openapi-python-client does; a name
   with no letter or digit at all is `field`.
4. A name the generated method already uses (the per-call options `timeout`, `extra_headers`
   ..., `self`, its local `request`, a name the module imports, a schema's class) gets a
   trailing `_` (`timeout` -> `timeout_`). Builtins are not among them: a method's body calls
   none, so an argument may be `type`, `str` or `list`.
5. A name another argument of the method has already taken (parameters in the spec's order,
   then body properties) gets its location (`foo-bar` header and `foo_bar` query ->
   `foo_bar`, `foo_bar_query`), then `_2`, `_3`... until it is free.
"""

from __future__ import annotations

import keyword
import re

from generator.build.context import Context
from generator.errors import Diagnostic
from generator.load import JSONPath, section
from generator.sdk_config import SdkConfig
from generator.sdk_reader import is_identifier
from generator.unasync import VOCABULARY

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")

#: Per-call keyword arguments every method takes; a spec parameter may not take these names.
CALL_OPTIONS = ("extra_headers", "extra_query", "extra_body", "timeout", "max_retries")
#: Names a generated method binds besides its arguments: `self`, and the request it builds.
METHOD_LOCALS = ("self", "request")
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
        "max_line_bytes",
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
        "max_line_bytes",
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
        "any_type",
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
        "Styled",
        *VOCABULARY,
        *VOCABULARY.values(),
    }
)


def snake_case(name: str) -> str:
    """`anthropic-beta` -> `anthropic_beta`, `beforeId` -> `before_id`."""
    return _NOT_WORD.sub("_", _CAMEL_BOUNDARY.sub("_", name)).strip("_").lower()


def pascal_case(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake_case(name).split("_"))


#: Characters of a wire name that are words in it: APIs that filter by comparison write the
#: operator into the name, and snake case alone would make `DateCreated<` and `DateCreated>` one
#: name. twilio-python calls them `date_created_before` and `date_created_after`.
OPERATOR_WORDS = {"<": "before", ">": "after"}
#: What starts a name that would start with a digit, and names one with no letter or digit.
DIGIT_PREFIX = "field_"
EMPTY_NAME = "field"


def derived_name(wire_name: str) -> tuple[str, list[str]]:
    """The argument name for a wire name (rules 1 to 3 of the module's docstring), and what
    was done besides snake case, to warn of."""
    notes: list[str] = []
    spelled = wire_name
    for operator, word in OPERATOR_WORDS.items():
        if operator in spelled:
            spelled = spelled.replace(operator, f"_{word}_")
            notes.append(f"`{operator}` is read as `{word}`")
    if any(char.isalnum() and not char.isascii() for char in wire_name):
        notes.append("letters outside ASCII are left out")
    name = snake_case(spelled)
    if not name:
        name = EMPTY_NAME
        notes.append("it has no letter or digit")
    elif name[0].isdigit():
        name = DIGIT_PREFIX + name
        notes.append("a name cannot start with a digit")
    if keyword.iskeyword(name) or name == "self":
        name += "_"
    return name, notes


def python_name_for(wire_name: str, override: object) -> object:
    """The argument name for a wire name: `x-python-name` if set, else the derived name."""
    if override is not None:
        return override
    return derived_name(wire_name)[0]


def argument_name(
    context: Context,
    what: str,
    wire_name: str,
    override: object,
    where: JSONPath,
    taken: dict[str, JSONPath],
    location: str = "body",
) -> str:
    """The keyword argument for a parameter or body property (of `location`), unique in its
    method; `taken` holds the method's names so far and gains this one."""
    if override is not None:
        if not isinstance(override, str) or not is_identifier(override):
            raise context.error(
                where, f"{what} becomes {override!r}, which is not a Python identifier"
            )
        if override in taken or _used_by_generated_code(context, override):
            raise context.error(
                where,
                f"{what} becomes {override!r}, which another argument of this method or a name "
                "of the generated module already uses: choose another `x-python-name`",
            )
        taken[override] = where
        return override
    name, notes = derived_name(wire_name)
    if _used_by_generated_code(context, name):
        notes.append(f"{name!r} is a name the generated method uses")
        while _used_by_generated_code(context, name):
            name += "_"
    if name in taken:
        line = context.spec.locate(taken[name]).line
        notes.append(f"{name!r} is taken by the argument written at line {line}")
        base = f"{name}_{location}"
        name, number = base, 1
        while name in taken or _used_by_generated_code(context, name):
            number += 1
            name = f"{base}_{number}"
    if notes:
        _warn_once(
            context,
            where,
            f"{what} is the argument `{name}`: {'; '.join(notes)} (set `x-python-name` to choose "
            "another)",
        )
    taken[name] = where
    return name


def _used_by_generated_code(context: Context, name: str) -> bool:
    """Whether an argument named `name` would shadow what the generated method uses."""
    return (
        name in (*CALL_OPTIONS, *METHOD_LOCALS)
        or name in RESERVED_MODULE_NAMES
        or name in context.schema_names
    )


def _warn_once(context: Context, where: JSONPath, message: str) -> None:
    """A warning, unless it was given already: a parameter under `components`, named the same
    way in each operation that lists it, is warned of once."""
    if Diagnostic(context.spec.locate(where), message, "warning") not in context.warnings:
        context.warn(where, message)


def reserved_names(config: SdkConfig) -> frozenset[str]:
    """Names no schema may take: what generated modules import, and the classes the config
    alone decides (the clients and the errors)."""
    errors = {error.class_name for error in config.errors}
    return RESERVED_MODULE_NAMES | errors | {config.error_base, config.sync_class, config.async_class}


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
