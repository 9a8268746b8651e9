"""`generator.openapi`: the operations of a document and the parameters each one takes.

Pins the order `operations` walks, `SpecOperation.path` without a literal query, the `{name}`s
of a path key, the two `parameters` lists of an operation, and how `merged_parameters` merges
them: the operation's own parameter overrides the path item's of the same (in, name), a
`$ref` is followed, and each parameter says where it is defined and where it is listed.
"""

from __future__ import annotations

import pytest

from generator.load import Document, parse_document
from generator.openapi import (
    ListedParameter,
    SpecOperation,
    merged_parameters,
    operations,
    parameter_lists,
    path_template_names,
)

SPEC = b"""\
openapi: 3.1.0
info: {title: Things, version: "1"}
paths:
  /things/{thing_id}:
    parameters:
      - {name: thing_id, in: path, required: true, schema: {type: string}}
      - {name: verbose, in: query, schema: {type: boolean}}
      - $ref: "#/components/parameters/Trace"
    get:
      operationId: things_get
      parameters:
        - {name: verbose, in: query, description: mine, schema: {type: integer}}
        - $ref: "#/components/parameters/Beta"
      responses: {"200": {description: ok}}
    delete:
      operationId: things_delete
      responses: {"204": {description: ok}}
  /things?beta=true:
    post:
      operationId: things_create
      responses: {"201": {description: ok}}
    x-note: not an operation
  /other: {}
components:
  parameters:
    Trace: {name: x-trace, in: header, schema: {type: string}}
    Beta:
      $ref: "#/components/parameters/BetaHeader"
    BetaHeader: {name: anthropic-beta, in: header, schema: {type: string}}
"""


@pytest.fixture(scope="module")
def document() -> Document:
    return parse_document(SPEC, "openapi.yaml")


def line_of(marker: bytes) -> int:
    """The 1-based line of SPEC that holds `marker`."""
    (line,) = [n for n, text in enumerate(SPEC.splitlines(), 1) if marker in text]
    return line


def operation(document: Document, operation_id: str) -> SpecOperation:
    return next(op for op in operations(document) if op.raw["operationId"] == operation_id)


# operations ----------------------------------------------------------------------------------


def test_operations_walk_paths_in_written_order_with_where_each_one_is(
    document: Document,
) -> None:
    assert [(op.path_key, op.method, op.where) for op in operations(document)] == [
        ("/things/{thing_id}", "get", ("paths", "/things/{thing_id}", "get")),
        ("/things/{thing_id}", "delete", ("paths", "/things/{thing_id}", "delete")),
        ("/things?beta=true", "post", ("paths", "/things?beta=true", "post")),
    ]
    where = operation(document, "things_create").where
    assert document.locate(where).line == line_of(b"    post:")


def test_an_operation_carries_its_object_as_written(document: Document) -> None:
    delete = operation(document, "things_delete")
    assert delete.raw == {
        "operationId": "things_delete",
        "responses": {"204": {"description": "ok"}},
    }


def test_the_methods_of_one_path_item_come_in_the_order_written() -> None:
    document = parse_document(
        b"paths:\n  /x:\n    post: {operationId: a}\n    get: {operationId: b}\n", "o.yaml"
    )
    assert [op.method for op in operations(document)] == ["post", "get"]


@pytest.mark.parametrize(
    "data",
    [
        b"openapi: 3.1.0\n",
        b"paths: []\n",
        b"- a list\n",
        b"paths:\n  /x: [get]\n  /y:\n    get: not a mapping\n    summary: s\n",
    ],
)
def test_a_document_without_operation_objects_has_none(data: bytes) -> None:
    assert list(operations(parse_document(data, "o.yaml"))) == []


def test_every_http_method_is_an_operation() -> None:
    methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
    text = "paths:\n  /x:\n" + "".join(f"    {m}: {{}}\n" for m in methods)
    document = parse_document(text.encode() + b"    parameters: []\n", "o.yaml")
    assert [op.method for op in operations(document)] == methods


@pytest.mark.parametrize(
    ("path_key", "path"),
    [
        ("/v1/messages/batches?beta=true", "/v1/messages/batches"),
        ("/v1/x/{id}?a=1&b=2", "/v1/x/{id}"),
        ("/v1/x", "/v1/x"),
        ("/v1/x?", "/v1/x"),
    ],
)
def test_the_path_of_an_operation_drops_a_literal_query(path_key: str, path: str) -> None:
    assert SpecOperation(path_key, "get", {}, ("paths", path_key, "get"), "x").path == path


# path_template_names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path_key", "names"),
    [
        ("/v1/things", []),
        ("/v1/things/{thing_id}", ["thing_id"]),
        ("/v1/{a}/parts/{b}.json", ["a", "b"]),
        ("/v1/{a}{b}", ["a", "b"]),
        ("/v1/things/{id}?expand={part}", ["id"]),
        ("/v1/{}", [""]),
    ],
)
def test_path_template_names_are_the_braced_names_in_order(path_key: str, names: list[str]) -> None:
    assert path_template_names(path_key) == names


# parameter_lists -----------------------------------------------------------------------------


def test_the_path_items_list_comes_before_the_operations_own(document: Document) -> None:
    lists = list(parameter_lists(document, operation(document, "things_get")))
    assert [(where, len(entries)) for where, entries in lists] == [
        (("paths", "/things/{thing_id}", "parameters"), 3),
        (("paths", "/things/{thing_id}", "get", "parameters"), 2),
    ]


def test_an_operation_without_its_own_list_has_only_the_path_items(document: Document) -> None:
    lists = list(parameter_lists(document, operation(document, "things_delete")))
    assert [where for where, _ in lists] == [("paths", "/things/{thing_id}", "parameters")]


def test_an_operation_without_any_list_has_none(document: Document) -> None:
    assert list(parameter_lists(document, operation(document, "things_create"))) == []


# merged_parameters ---------------------------------------------------------------------------


def test_the_operations_own_parameter_overrides_the_path_items_of_the_same_key(
    document: Document,
) -> None:
    merged = merged_parameters(document, operation(document, "things_get"))
    verbose = merged[("query", "verbose")]
    assert verbose.data["description"] == "mine"
    assert verbose.listed_at == ("paths", "/things/{thing_id}", "get", "parameters", 0)
    assert verbose.defined_at == verbose.listed_at


def test_merged_parameters_are_keyed_by_in_and_name_path_items_first(
    document: Document,
) -> None:
    merged = merged_parameters(document, operation(document, "things_get"))
    assert list(merged) == [
        ("path", "thing_id"),
        ("query", "verbose"),
        ("header", "x-trace"),
        ("header", "anthropic-beta"),
    ]


def test_a_ref_parameter_is_resolved_and_defined_where_the_ref_leads(
    document: Document,
) -> None:
    merged = merged_parameters(document, operation(document, "things_get"))
    assert merged[("header", "x-trace")] == ListedParameter(
        {"name": "x-trace", "in": "header", "schema": {"type": "string"}},
        ("components", "parameters", "Trace"),
        ("paths", "/things/{thing_id}", "parameters", 2),
    )


def test_a_chain_of_refs_is_followed_to_the_end(document: Document) -> None:
    beta = merged_parameters(document, operation(document, "things_get"))[
        ("header", "anthropic-beta")
    ]
    assert beta.defined_at == ("components", "parameters", "BetaHeader")
    assert beta.listed_at == ("paths", "/things/{thing_id}", "get", "parameters", 1)
    assert document.locate(beta.defined_at).line == line_of(b"BetaHeader: {")
    assert document.locate(beta.listed_at).line == line_of(b'parameters/Beta"')


def test_an_operation_without_its_own_list_takes_the_path_items(document: Document) -> None:
    merged = merged_parameters(document, operation(document, "things_delete"))
    assert list(merged) == [("path", "thing_id"), ("query", "verbose"), ("header", "x-trace")]
    assert merged[("query", "verbose")].data["schema"] == {"type": "boolean"}


def test_a_parameter_of_the_same_name_elsewhere_is_a_different_parameter() -> None:
    document = parse_document(
        b"paths:\n  /x:\n    parameters:\n      - {name: id, in: query}\n"
        b"    get:\n      parameters:\n        - {name: id, in: header}\n",
        "o.yaml",
    )
    (get,) = operations(document)
    assert list(merged_parameters(document, get)) == [("query", "id"), ("header", "id")]
