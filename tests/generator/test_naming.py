"""`build.naming`: Python names from the names a spec writes.

Pins `snake_case` and `pascal_case`; `derived_name` and `python_name_for` (an `x-python-name`
wins; `<` / `>` are `before` / `after`; a leading digit gets `field_`; keywords and `self` a
trailing underscore); and `argument_name`, which gives a derived name that a per-call option,
a method local, a name the generated module binds or a schema's class has a trailing `_`, and
one another argument has its location as a suffix (then a number), each with a warning at the
place the name was written (once per place and message), and more than snake case warned of
too; which refuses an `x-python-name` that is no identifier or is taken; and which records
each name it gives in `taken`.
"""

from __future__ import annotations

import pytest

from generator.build.context import Context
from generator.build.naming import (
    CALL_OPTIONS,
    METHOD_LOCALS,
    RESERVED_MODULE_NAMES,
    argument_name,
    derived_name,
    pascal_case,
    python_name_for,
    snake_case,
)
from generator.errors import Location, SpecError
from generator.load import JSONPath, parse_document
from generator.sdk_config import read_sdk_config

from ..helpers import ROOT

SPEC_TEXT = """\
openapi: 3.1.0
info: {title: Things, version: "1"}
paths:
  /v1/things:
    get:
      operationId: things_list
      parameters:
        - name: beforeId
          in: query
          schema: {type: string}
        - name: 2fa
          in: query
          schema: {type: string}
        - name: anthropic-beta
          in: header
          x-python-name: betas
          schema: {type: string}
      responses:
        "200": {description: The things.}
components:
  schemas:
    Thing: {type: object}
    widget: {type: object}
"""

PARAMETERS: JSONPath = ("paths", "/v1/things", "get", "parameters")


@pytest.fixture
def context() -> Context:
    spec = parse_document(SPEC_TEXT.encode(), "openapi.yaml")
    sdk_path = ROOT / "tests" / "golden" / "bearer_auth" / "spec" / "sdk.yaml"
    sdk = parse_document(sdk_path.read_bytes(), "sdk.yaml")
    return Context(spec=spec, sdk=sdk, config=read_sdk_config(sdk))


def name_at(index: int, key: str = "name") -> JSONPath:
    return (*PARAMETERS, index, key)


def where_written(text: str) -> Location:
    """The line and column of `text` in SPEC_TEXT (which holds it once)."""
    (line,) = [n for n, each in enumerate(SPEC_TEXT.splitlines(), 1) if text in each]
    return Location("openapi.yaml", line, SPEC_TEXT.splitlines()[line - 1].index(text) + 1)


def refusal(error: pytest.ExceptionInfo[SpecError]) -> tuple[Location, str]:
    (diagnostic,) = error.value.diagnostics
    return diagnostic.location, diagnostic.message


def warnings(context: Context) -> list[tuple[Location, str]]:
    return [(warning.location, warning.message) for warning in context.warnings]


# snake_case and pascal_case


@pytest.mark.parametrize(
    ("name", "snake"),
    [
        ("anthropic-beta", "anthropic_beta"),
        ("beforeId", "before_id"),
        ("X-Request-ID", "x_request_id"),
        ("already_snake", "already_snake"),
        ("userID2", "user_id2"),
        ("page.size", "page_size"),
        ("a--b  c", "a_b_c"),
        ("__private__", "private"),
        ("ID", "id"),
        ("2fa", "2fa"),
        ("", ""),
    ],
)
def test_snake_case_splits_words_at_separators_and_camel_humps(name: str, snake: str) -> None:
    assert snake_case(name) == snake


@pytest.mark.parametrize(
    ("name", "pascal"),
    [
        ("message_batch", "MessageBatch"),
        ("anthropic-beta", "AnthropicBeta"),
        ("beforeId", "BeforeId"),
        ("X-Request-ID", "XRequestId"),
        ("batches", "Batches"),
        ("v2_widgets", "V2Widgets"),
    ],
)
def test_pascal_case_capitalises_each_snake_case_word(name: str, pascal: str) -> None:
    assert pascal_case(name) == pascal


# derived_name and python_name_for


@pytest.mark.parametrize(
    ("wire_name", "python", "notes"),
    [
        ("limit", "limit", []),
        ("after-id", "after_id", []),
        ("created_at[gte]", "created_at_gte", []),
        ("types[]", "types", []),
        ("class", "class_", []),
        ("from", "from_", []),
        ("import", "import_", []),
        ("None", "none", []),
        ("self", "self_", []),
        ("Self", "self_", []),
        ("match", "match", []),
        ("type", "type", []),
        ("DateCreated<", "date_created_before", ["`<` is read as `before`"]),
        ("DateCreated>", "date_created_after", ["`>` is read as `after`"]),
        ("StartTime<=", "start_time_before", ["`<` is read as `before`"]),
        ("123-abc", "field_123_abc", ["a name cannot start with a digit"]),
        ("2fa", "field_2fa", ["a name cannot start with a digit"]),
        ("<", "before", ["`<` is read as `before`"]),
        ("$", "field", ["it has no letter or digit"]),
        ("café", "caf", ["letters outside ASCII are left out"]),
    ],
)
def test_derived_name_of_a_wire_name(wire_name: str, python: str, notes: list[str]) -> None:
    assert derived_name(wire_name) == (python, notes)
    assert python_name_for(wire_name, None) == python


@pytest.mark.parametrize("override", ["betas", "class", "self", "not valid", 7])
def test_python_name_for_returns_an_x_python_name_as_written(override: object) -> None:
    assert python_name_for("anthropic-beta", override) == override


# argument_name: names given


def test_argument_name_is_the_snake_case_wire_name_and_is_recorded(context: Context) -> None:
    taken: dict[str, JSONPath] = {"limit": name_at(9)}
    name = argument_name(context, "parameter 'beforeId'", "beforeId", None, name_at(0), taken)
    assert name == "before_id"
    assert taken == {"limit": name_at(9), "before_id": name_at(0)}
    assert context.warnings == []


def test_argument_name_takes_the_x_python_name(context: Context) -> None:
    taken: dict[str, JSONPath] = {}
    where = name_at(2, "x-python-name")
    assert argument_name(context, "parameter", "anthropic-beta", "betas", where, taken) == "betas"
    assert taken == {"betas": where}


def test_argument_name_gives_a_keyword_a_trailing_underscore(context: Context) -> None:
    taken: dict[str, JSONPath] = {}
    assert argument_name(context, "parameter", "class", None, name_at(0), taken) == "class_"
    assert argument_name(context, "parameter", "self", None, name_at(1), taken) == "self_"
    assert list(taken) == ["class_", "self_"]
    assert context.warnings == []


def test_argument_name_warns_of_more_than_snake_case_where_the_name_is_written(
    context: Context,
) -> None:
    name = argument_name(context, "query parameter '2fa'", "2fa", None, name_at(1), {})
    assert name == "field_2fa"
    assert warnings(context) == [
        (
            where_written("name: 2fa"),
            "query parameter '2fa' is the argument `field_2fa`: a name cannot start with a "
            "digit (set `x-python-name` to choose another)",
        )
    ]


def test_argument_name_keeps_twilio_comparison_filters_apart(context: Context) -> None:
    taken: dict[str, JSONPath] = {}
    names = [
        argument_name(context, f"parameter {wire!r}", wire, None, name_at(0), taken)
        for wire in ("DateCreated<", "DateCreated", "DateCreated>")
    ]
    assert names == ["date_created_before", "date_created", "date_created_after"]
    assert len(context.warnings) == 2


@pytest.mark.parametrize(
    ("wire_name", "python"),
    [
        *((option, f"{option}_") for option in CALL_OPTIONS),
        *((local, f"{local}_") for local in METHOD_LOCALS if local != "self"),
        ("extra-headers", "extra_headers_"),
        ("maxRetries", "max_retries_"),
        ("httpx2", "httpx2_"),
        ("annotations", "annotations_"),
        ("cached_property", "cached_property_"),
        ("path_with", "path_with_"),
        ("widget", "widget_"),
    ],
)
def test_argument_name_renames_a_name_the_generated_method_uses_with_a_warning(
    context: Context, wire_name: str, python: str
) -> None:
    """A per-call option, the method's own `request`, an import of the module or a schema's
    class would be shadowed by an argument of that name."""
    taken: dict[str, JSONPath] = {}
    assert argument_name(context, "parameter", wire_name, None, name_at(0), taken) == python
    assert taken == {python: name_at(0)}
    ((location, message),) = warnings(context)
    assert location == where_written("name: beforeId")
    assert message == (
        f"parameter is the argument `{python}`: {python[:-1]!r} is a name the generated method "
        "uses (set `x-python-name` to choose another)"
    )


def test_argument_name_suffixes_a_name_the_method_already_has_with_its_location(
    context: Context,
) -> None:
    taken: dict[str, JSONPath] = {}
    argument_name(context, "header 'foo-bar'", "foo-bar", None, name_at(0), taken)
    second = argument_name(
        context, "query 'foo_bar'", "foo_bar", None, name_at(1), taken, location="query"
    )
    third = argument_name(
        context, "query 'fooBar'", "fooBar", None, name_at(2), taken, location="query"
    )
    fourth = argument_name(context, "body property 'FooBar'", "FooBar", None, ("x",), taken)
    assert (second, third, fourth) == ("foo_bar_query", "foo_bar_query_2", "foo_bar_body")
    assert list(taken) == ["foo_bar", "foo_bar_query", "foo_bar_query_2", "foo_bar_body"]
    line = where_written("name: beforeId").line
    assert warnings(context)[0] == (
        where_written("name: 2fa"),
        f"query 'foo_bar' is the argument `foo_bar_query`: 'foo_bar' is taken by the argument "
        f"written at line {line} (set `x-python-name` to choose another)",
    )


def test_argument_name_warns_once_of_a_name_given_the_same_way_at_one_place(
    context: Context,
) -> None:
    """A parameter under `components` is named in each operation that lists it."""
    for _ in range(3):
        argument_name(context, "parameter '2fa'", "2fa", None, name_at(1), {})
    assert len(context.warnings) == 1


# argument_name: x-python-name refused


@pytest.mark.parametrize("override", ["class", "not valid", "", "1st", 7, ["betas"]])
def test_argument_name_refuses_an_x_python_name_that_is_not_an_identifier(
    context: Context, override: object
) -> None:
    where = name_at(2, "x-python-name")
    with pytest.raises(SpecError) as error:
        argument_name(context, "parameter 'anthropic-beta'", "anthropic-beta", override, where, {})
    location, message = refusal(error)
    assert location == where_written("x-python-name: betas")
    assert f"becomes {override!r}, which is not a Python identifier" in message


@pytest.mark.parametrize(
    "override", ["timeout", "self", "request", "Literal", "NOT_GIVEN", "AsyncClient", "Thing"]
)
def test_argument_name_refuses_an_x_python_name_the_generated_module_uses(
    context: Context, override: str
) -> None:
    """The user chose that name: it is not changed behind their back."""
    where = name_at(2, "x-python-name")
    with pytest.raises(SpecError) as error:
        argument_name(context, "parameter", "anthropic-beta", override, where, {})
    location, message = refusal(error)
    assert location == where_written("x-python-name: betas")
    assert message == (
        f"parameter becomes {override!r}, which another argument of this method or a name of "
        "the generated module already uses: choose another `x-python-name`"
    )


def test_argument_name_refuses_an_x_python_name_the_method_already_has(context: Context) -> None:
    taken: dict[str, JSONPath] = {}
    argument_name(context, "parameter 'beforeId'", "beforeId", None, name_at(0), taken)
    with pytest.raises(SpecError, match="becomes 'before_id', which another argument"):
        argument_name(context, "parameter", "anthropic-beta", "before_id", name_at(2), taken)
    assert taken == {"before_id": name_at(0)}


def test_argument_name_refusals_name_the_file_and_line(context: Context) -> None:
    with pytest.raises(SpecError) as error:
        argument_name(
            context, "parameter", "anthropic-beta", "1st", name_at(2, "x-python-name"), {}
        )
    line = where_written("x-python-name: betas").line
    assert str(error.value).startswith(f"openapi.yaml:{line}:")


def test_every_reserved_name_is_renamed_when_derived(context: Context) -> None:
    for reserved in sorted(RESERVED_MODULE_NAMES):
        assert argument_name(context, "parameter", reserved, "x", name_at(0), {}) == "x"
        name = argument_name(context, "parameter", reserved, None, name_at(0), {})
        assert name not in RESERVED_MODULE_NAMES and name.isidentifier()
