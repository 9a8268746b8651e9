"""The intermediate model `build` makes of spec/: the resource tree, operations, client."""

from __future__ import annotations

import pytest

from generator.model import Api, AuthScheme, Credential, Operation, ResponseShape
from generator.pipeline import build, load_spec

from ..helpers import SPEC


@pytest.fixture(scope="module")
def api() -> Api:
    return build(load_spec(SPEC))


def test_model_has_the_resource_tree_of_sdk_yaml(api: Api) -> None:
    assert [r.module for r in api.all_resources] == [
        "resources.beta",
        "resources.beta.messages",
        "resources.beta.messages.batches",
        "resources.beta.models",
        "resources.beta.files",
        "resources.messages",
        "resources.messages.batches",
        "resources.models",
    ]
    beta_batches = api.all_resources[2]
    assert (beta_batches.class_name, beta_batches.root_import) == ("Batches", "....")
    assert [m.name for m in beta_batches.methods] == [
        "create",
        "retrieve",
        "list",
        "cancel",
        "delete",
        "results",
    ]


def method(api: Api, dotted: str) -> Operation:
    *resource_path, name = dotted.split(".")
    resource = next(r for r in api.all_resources if r.dotted == ".".join(resource_path))
    return next(m.operation for m in resource.methods if m.name == name)


def test_model_of_the_beta_delete_operation(api: Api) -> None:
    operation = method(api, "beta.messages.batches.delete")
    assert operation.operation_id == "beta_message_batches_delete"
    assert operation.http_method == "delete"
    # The `?beta=true` marker of the path key is not part of the wire path (sdk.yaml: drop).
    assert operation.path == "/v1/messages/batches/{message_batch_id}"
    assert operation.literal_query == ()
    assert operation.response == ResponseShape("model", "BetaDeletedMessageBatch")
    assert operation.idempotent
    (path_parameter,) = operation.path_parameters
    assert (path_parameter.python_name, path_parameter.annotation, path_parameter.required) == (
        "message_batch_id",
        "str",
        True,
    )
    (header,) = operation.header_parameters
    assert (header.wire_name, header.python_name, header.annotation, header.required) == (
        "anthropic-beta",
        "betas",
        "Sequence[AnthropicBeta]",
        False,
    )
    assert operation.query_parameters == ()


def test_model_of_the_ga_twin(api: Api) -> None:
    operation = method(api, "messages.batches.delete")
    assert operation.response == ResponseShape("model", "DeletedMessageBatch")
    assert operation.header_parameters == ()


def test_model_of_create_list_and_results(api: Api) -> None:
    create = method(api, "messages.batches.create")
    assert (create.http_method, create.idempotent, create.has_body) == ("post", False, True)
    (requests,) = create.body_parameters
    assert (requests.python_name, requests.annotation, requests.required) == (
        "requests",
        "Sequence[MessageBatchRequestParam]",
        True,
    )
    listing = method(api, "beta.messages.batches.list")
    assert listing.response == ResponseShape(
        "page", "ListMessageBatchesResponse", "MessageBatch", api.pagination[0]
    )
    assert [p.python_name for p in listing.query_parameters] == ["before_id", "after_id", "limit"]
    assert [p.annotation for p in listing.query_parameters] == ["str", "str", "int"]
    results = method(api, "messages.batches.results")
    assert results.response == ResponseShape("jsonl", "MessageBatchIndividualResponse")
    assert method(api, "messages.batches.cancel").idempotent  # x-idempotent: true


def test_model_of_client_and_errors(api: Api) -> None:
    client = api.client
    assert (client.sync_class, client.async_class) == ("Anthropic", "AsyncAnthropic")
    assert client.auth == (
        AuthScheme(
            ("api_key",),
            "header",
            "x-api-key",
            "api_key",
            (Credential("api_key", "ANTHROPIC_API_KEY"),),
        ),
        AuthScheme(
            ("bearer",),
            "header",
            "authorization",
            "bearer",
            (Credential("auth_token", "ANTHROPIC_AUTH_TOKEN"),),
        ),
    )
    assert client.default_headers == (("anthropic-version", "2023-06-01"),)
    assert client.base_url_env == "ANTHROPIC_BASE_URL"
    statuses = {e.class_name: (e.status, e.parent) for e in api.errors}
    assert statuses["NotFoundError"] == (404, "APIStatusError")
    assert statuses["InternalServerError"] == (None, "APIStatusError")
    assert statuses["OverloadedError"] == (529, "InternalServerError")
    assert len(api.errors) == 18
    cursor, files = api.pagination
    assert (files.kind, files.field("next"), files.field("parameter")) == (
        "token",
        "next_page",
        "page",
    )
    assert (cursor.field("items"), cursor.field("after")) == ("data", "after_id")
