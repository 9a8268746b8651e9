"""`build.operations`: each parameter as a method's argument, from its place, style and name.

Pins, on the `parameters` golden spec: each location's parameters where the templates find
them (cookies in `cookie_parameters`), the `style` each is sent with (None for its location's
default, `deepObject` always exploded), object types (a named one's TypedDict, an inline one's
`dict[str, ...]`), and the names given with their warnings. On small specs: an `x-python-name`
named before derived names (which give way to it), `matrix` and `label` refused by name at
`style`, a non-boolean `explode` refused, `content` still refused, and an object path parameter
refused while the same object in the query is served.
"""

from __future__ import annotations

import pytest

from generator.build.context import Context
from generator.build.operations import build_operations
from generator.load import parse_document
from generator.model import Api, Operation, Parameter
from generator.pipeline import build, load_spec
from generator.sdk_config import read_sdk_config

from ..helpers import ROOT

GOLDEN_SPEC = ROOT / "tests" / "golden" / "parameters" / "spec"


@pytest.fixture(scope="module")
def api() -> Api:
    return build(load_spec(GOLDEN_SPEC))


def operation(api: Api, name: str) -> Operation:
    (jobs,) = api.all_resources
    return next(m.operation for m in jobs.methods if m.name == name)


def described(parameters: tuple[Parameter, ...]) -> list[tuple[str, str, str, object]]:
    return [(p.wire_name, p.python_name, p.annotation, p.style) for p in parameters]


def test_each_query_parameter_has_its_style_type_and_name(api: Api) -> None:
    assert described(operation(api, "list").query_parameters) == [
        ("metadata", "metadata", "dict[str, str] | None", ("deepObject", True)),
        ("filter", "filter", "JobFilter", ("deepObject", True)),
        ("effective_at", "effective_at", "dict[str, int]", None),
        ("created", "created", "dict[str, int]", ("form", False)),
        ("tags", "tags", "Tags", None),
        ("ids", "ids", "Sequence[str]", ("form", False)),
        ("words", "words", "Sequence[str]", ("spaceDelimited", False)),
        ("levels", "levels", "Sequence[int]", ("pipeDelimited", False)),
        ("include", "include", "Sequence[str]", None),
        ("order", "order", "Order", None),
        ("DateCreated<", "date_created_before", "str", None),
        ("DateCreated", "date_created", "str", None),
        ("DateCreated>", "date_created_after", "str", None),
    ]


def test_named_object_parameters_are_typed_dicts_of_params(api: Api) -> None:
    listed = {p.wire_name: p.type for p in operation(api, "list").query_parameters}
    assert {i.module for name in ("filter", "tags") for i in listed[name].imports} == {".params"}
    assert api.params is not None
    assert {"JobFilter", "Tags"} <= set(api.params.schemas)


def test_cookies_and_headers_are_keyword_arguments_in_their_own_place(api: Api) -> None:
    delete = operation(api, "delete")
    assert described(delete.cookie_parameters) == [
        ("session", "session", "str", None),
        ("theme", "theme", 'Literal["light", "dark"]', None),
    ]
    assert described(delete.header_parameters) == [
        ("123-abc", "field_123_abc", "str", None),
        ("x-tags", "x_tags", "dict[str, str]", ("simple", True)),
    ]
    assert [p.python_name for p in delete.keyword_parameters][:1] == ["session"]
    assert [p.python_name for p in delete.query_parameters] == ["type", "timeout_", "request_"]


def test_arguments_named_like_builtins_keep_their_names(api: Api) -> None:
    retrieve = operation(api, "retrieve")
    names = [p.python_name for p in retrieve.keyword_parameters]
    assert names == ["type", "str", "int", "list", "dict", "bytes", "object", "cast"]
    assert operation(api, "delete").response_type == "NoneType"


def test_a_body_property_gives_way_to_a_parameter_of_its_name(api: Api) -> None:
    update = operation(api, "update")
    assert [p.python_name for p in update.query_parameters] == ["type"]
    assert [(p.wire_name, p.python_name) for p in update.body_parameters] == [
        ("type", "type_body"),
        ("float", "float"),
    ]


def test_every_renaming_is_a_located_warning(api: Api) -> None:
    renamed = [w for w in api.warnings if "is the argument" in w.message]
    assert [(w.location.line, w.message.split(":")[0]) for w in renamed] == [
        (66, "query parameter 'DateCreated<' is the argument `date_created_before`"),
        (72, "query parameter 'DateCreated>' is the argument `date_created_after`"),
        (107, "query parameter 'timeout' is the argument `timeout_`"),
        (108, "query parameter 'request' is the argument `request_`"),
        (109, "header parameter '123-abc' is the argument `field_123_abc`"),
        (129, "body property 'type' is the argument `type_body`"),
    ]


# Small specs

SPEC = """\
openapi: 3.1.0
info: {title: Things, version: "1"}
paths:
  /things/{id}:
    get:
      operationId: things_get
      parameters:
%s
      responses:
        "204": {description: Nothing.}
components:
  schemas:
    Range: {type: object, properties: {gt: {type: integer}}}
"""
ID = "        - {name: id, in: path, required: true, schema: {type: string}}"


def built(parameters: str) -> tuple[Context, Operation | None]:
    """The operation of SPEC with `parameters`, and the context holding its problems."""
    spec = parse_document((SPEC % parameters).encode(), "openapi.yaml")
    sdk_path = ROOT / "tests" / "golden" / "bearer_auth" / "spec" / "sdk.yaml"
    sdk = parse_document(sdk_path.read_bytes(), "sdk.yaml")
    context = Context(spec=spec, sdk=sdk, config=read_sdk_config(sdk))
    operations = build_operations(context)
    return context, operations.built.get("things_get")


def only_problem(context: Context) -> tuple[int, str]:
    (problem,) = context.problems
    return problem.location.line, problem.message


def test_an_x_python_name_is_named_first_and_a_derived_name_gives_way() -> None:
    context, op = built(
        f"{ID}\n"
        "        - {name: foo-bar, in: query, schema: {type: string}}\n"
        "        - {name: other, in: header, x-python-name: foo_bar, schema: {type: string}}"
    )
    assert op is not None
    assert [(p.wire_name, p.python_name) for p in op.query_parameters + op.header_parameters] == [
        ("foo-bar", "foo_bar_query"),
        ("other", "foo_bar"),
    ]
    (warning,) = context.warnings
    assert warning.location.line == 9 and "`foo_bar_query`" in warning.message


def test_two_x_python_names_that_meet_are_refused() -> None:
    context, op = built(
        f"{ID}\n"
        "        - {name: a, in: query, x-python-name: same, schema: {type: string}}\n"
        "        - {name: b, in: query, x-python-name: same, schema: {type: string}}"
    )
    assert op is None
    line, message = only_problem(context)
    assert line == 10 and "choose another `x-python-name`" in message


@pytest.mark.parametrize("style", ["matrix", "label"])
def test_a_path_style_other_than_simple_is_refused_at_style(style: str) -> None:
    context, _ = built(
        f"        - {{name: id, in: path, required: true, style: {style}, schema: {{type: string}}}}"
    )
    line, message = only_problem(context)
    assert line == 8
    assert message == (
        f"path parameter 'id' has `style: {style}`, which is not supported; a path parameter "
        "can have `style: simple`"
    )


def test_a_query_style_of_another_location_is_refused() -> None:
    context, _ = built(
        f"{ID}\n        - {{name: q, in: query, style: simple, schema: {{type: string}}}}"
    )
    _, message = only_problem(context)
    assert message.endswith("`style: form, spaceDelimited, pipeDelimited, deepObject`")


def test_an_explode_that_is_not_a_boolean_is_refused() -> None:
    context, _ = built(
        f"{ID}\n        - {{name: q, in: query, explode: 'no', schema: {{type: string}}}}"
    )
    assert only_problem(context) == (9, "`explode` must be true or false")


def test_a_parameter_described_by_content_is_still_refused() -> None:
    context, _ = built(
        f"{ID}\n        - {{name: q, in: query, content: {{application/json: {{schema: {{}}}}}}}}"
    )
    _, message = only_problem(context)
    assert message.startswith("a parameter described by `content` is not supported")


def test_an_object_is_served_in_the_query_and_refused_in_the_path() -> None:
    range_ref = '{$ref: "#/components/schemas/Range"}'
    context, op = built(f"{ID}\n        - {{name: r, in: query, schema: {range_ref}}}")
    assert op is not None and op.query_parameters[0].annotation == "Range"
    context, op = built(f"        - {{name: id, in: path, required: true, schema: {range_ref}}}")
    assert op is None
    _, message = only_problem(context)
    assert message.startswith("Range is an object, which has no encoding as a path parameter")
