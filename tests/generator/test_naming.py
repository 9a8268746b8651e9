"""`build.naming`: Python names from the names a spec writes.

Pins `snake_case` and `pascal_case`, `python_name_for` (an `x-python-name` wins; keywords and
`self` get a trailing underscore), and `argument_name`, which refuses, at the place the name was
written, a name that is no identifier, a per-call option, a name the generated module binds or
one the method already has, and records each name it gives in `taken`.
"""

from __future__ import annotations

import pytest

from generator.build.context import Context
from generator.build.naming import (
    CALL_OPTIONS,
    RESERVED_MODULE_NAMES,
    argument_name,
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
"""

PARAMETERS: JSONPath = ("paths", "/v1/things", "get", "parameters")


@pytest.fixture(scope="module")
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


# python_name_for


@pytest.mark.parametrize(
    ("wire_name", "python"),
    [
        ("limit", "limit"),
        ("after-id", "after_id"),
        ("class", "class_"),
        ("from", "from_"),
        ("import", "import_"),
        ("None", "none"),
        ("self", "self_"),
        ("Self", "self_"),
        ("match", "match"),
    ],
)
def test_python_name_for_a_wire_name(wire_name: str, python: str) -> None:
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


# argument_name: names refused


def test_argument_name_refuses_a_non_identifier_where_it_was_written(context: Context) -> None:
    taken: dict[str, JSONPath] = {}
    with pytest.raises(SpecError) as error:
        argument_name(context, "parameter '2fa'", "2fa", None, name_at(1), taken)
    location, message = refusal(error)
    assert location == where_written("name: 2fa")
    assert message == (
        "parameter '2fa' becomes '2fa', which is not a Python identifier: set `x-python-name`"
    )
    assert taken == {}


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
    ("wire_name", "override"),
    [
        *((option, None) for option in CALL_OPTIONS),
        ("extra-headers", None),
        ("maxRetries", None),
        ("anthropic-beta", "timeout"),
        ("anthropic-beta", "self"),
    ],
)
def test_argument_name_refuses_the_per_call_options_and_self(
    context: Context, wire_name: str, override: object
) -> None:
    with pytest.raises(SpecError) as error:
        argument_name(context, "parameter", wire_name, override, name_at(0), {})
    location, message = refusal(error)
    assert location == where_written("name: beforeId")
    assert "another argument of this method or a name of the generated module" in message


@pytest.mark.parametrize(
    ("wire_name", "override"),
    [
        ("httpx2", None),
        ("annotations", None),
        ("cached_property", None),
        ("path_with", None),
        ("anthropic-beta", "Literal"),
        ("anthropic-beta", "NOT_GIVEN"),
        ("anthropic-beta", "AsyncClient"),
        ("anthropic-beta", "Client"),
    ],
)
def test_argument_name_refuses_names_the_generated_module_binds(
    context: Context, wire_name: str, override: object
) -> None:
    assert python_name_for(wire_name, override) in RESERVED_MODULE_NAMES
    with pytest.raises(SpecError, match="a name of the generated module already uses"):
        argument_name(context, "parameter", wire_name, override, name_at(0), {})


def test_argument_name_refuses_a_name_the_method_already_has(context: Context) -> None:
    taken: dict[str, JSONPath] = {}
    argument_name(context, "parameter 'beforeId'", "beforeId", None, name_at(0), taken)
    with pytest.raises(SpecError) as error:
        argument_name(context, "body property 'before_id'", "before_id", None, name_at(1), taken)
    location, message = refusal(error)
    assert location == where_written("name: 2fa")
    assert message.startswith("body property 'before_id' becomes 'before_id', which another")
    assert message.endswith("set `x-python-name`")
    assert taken == {"before_id": name_at(0)}


def test_argument_name_refusals_name_the_file_and_line(context: Context) -> None:
    with pytest.raises(SpecError) as error:
        argument_name(context, "parameter '2fa'", "2fa", None, name_at(1), {})
    assert str(error.value).startswith(f"openapi.yaml:{where_written('name: 2fa').line}:")


def test_argument_name_refuses_a_schema_name(context: Context) -> None:
    """A method refers to its models by name: an argument named like one would shadow it."""
    with pytest.raises(SpecError, match="becomes 'Thing', which another argument"):
        argument_name(context, "parameter 'x'", "x", "Thing", ("paths",), {})
