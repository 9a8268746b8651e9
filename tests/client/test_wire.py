"""The generated client on the wire: each request as a real server on 127.0.0.1 received it.

These pin the behaviour of ../shared/reference/official-sdk-behaviour.md: method, raw path,
headers, the error class of every mapped status, and what a result carries.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import anthropic_batches
import httpx2
import pytest
from anthropic_batches import Anthropic, AsyncAnthropic
from anthropic_batches.types import BetaDeletedMessageBatch, DeletedMessageBatch
from pytest_httpserver import HTTPServer

from ..helpers import BATCH_ID, DELETED, any_path, raw_target

API_KEY = "sk-ant-test-key"
ERROR_BODY = {"type": "error", "error": {"type": "not_found_error", "message": "No such batch."}}


@pytest.fixture
def client(server: HTTPServer) -> Anthropic:
    return Anthropic(api_key=API_KEY, base_url=server.url_for(""), max_retries=0)


def serve(
    server: HTTPServer, status: int = 200, body: object = DELETED, headers: Mapping[str, str] = {}
) -> None:
    """Queue one response; a second call queues the response to the next request."""
    server.expect_oneshot_request(any_path()).respond_with_data(
        json.dumps(body),
        status=status,
        headers={"request-id": "req_123", **headers},
        content_type="application/json",
    )


def test_beta_delete_sends_the_documented_request(server: HTTPServer, client: Anthropic) -> None:
    serve(server)
    client.beta.messages.batches.delete(
        BATCH_ID, betas=["message-batches-2024-09-24", "files-api-2025-04-14", "custom-beta"]
    )
    ((request, _),) = server.log
    assert request.method == "DELETE"
    assert raw_target(request) == f"/v1/messages/batches/{BATCH_ID}"
    assert request.headers["anthropic-beta"] == (
        "message-batches-2024-09-24,files-api-2025-04-14,custom-beta"
    )
    assert request.headers["x-api-key"] == API_KEY
    assert request.headers["anthropic-version"] == "2023-06-01"
    assert request.headers["accept"] == "application/json"
    assert (
        request.headers["user-agent"] == f"anthropic_batches/Python {anthropic_batches.__version__}"
    )
    assert request.headers["x-stainless-retry-count"] == "0"
    assert request.get_data() == b""
    assert "content-type" not in request.headers


def test_no_beta_header_without_betas(server: HTTPServer, client: Anthropic) -> None:
    serve(server)
    client.beta.messages.batches.delete(BATCH_ID)
    ((request, _),) = server.log
    assert "anthropic-beta" not in request.headers


@pytest.mark.parametrize(
    ("batch_id", "sent_as"),
    [
        ("msg/../x y", "msg%2F..%2Fx%20y"),
        ("..", "%2E%2E"),
        (".", "%2E"),
        ("a?b#c&d=e", "a%3Fb%23c&d=e"),
        ("claude-3-7@2025/02 19", "claude-3-7@2025%2F02%2019"),
        ("ünï", "%C3%BCn%C3%AF"),
    ],
)
def test_path_parameter_is_encoded_as_one_segment(
    server: HTTPServer, client: Anthropic, batch_id: str, sent_as: str
) -> None:
    serve(server)
    client.messages.batches.delete(batch_id)
    ((request, _),) = server.log
    assert raw_target(request) == f"/v1/messages/batches/{sent_as}"


@pytest.mark.parametrize("batch_id", ["", None, 12.5])
def test_bad_id_fails_before_any_request(
    server: HTTPServer, client: Anthropic, batch_id: object
) -> None:
    serve(server)
    expected = ValueError if batch_id == "" else TypeError
    with pytest.raises(expected) as raised:
        client.messages.batches.delete(batch_id)  # type: ignore[arg-type]
    if batch_id == "":
        assert str(raised.value) == (
            "Expected a non-empty value for `message_batch_id` but received ''"
        )
    assert server.log == []


def test_results_are_typed_and_keep_the_request_id(server: HTTPServer, client: Anthropic) -> None:
    serve(server)
    serve(server)
    beta = client.beta.messages.batches.delete(BATCH_ID)
    ga = client.messages.batches.delete(BATCH_ID)
    assert isinstance(beta, BetaDeletedMessageBatch)
    assert isinstance(ga, DeletedMessageBatch)
    assert (beta.id, beta.type, beta._request_id) == (BATCH_ID, "message_batch_deleted", "req_123")
    assert (ga.id, ga.type) == (BATCH_ID, "message_batch_deleted")


def test_fields_from_a_newer_api_are_kept(server: HTTPServer, client: Anthropic) -> None:
    serve(server, body={**DELETED, "deleted_at": "2026-11-24T00:00:00Z"})
    result = client.messages.batches.delete(BATCH_ID)
    assert result.model_extra == {"deleted_at": "2026-11-24T00:00:00Z"}


def test_per_call_extra_headers_and_query(server: HTTPServer, client: Anthropic) -> None:
    serve(server)
    client.beta.messages.batches.delete(
        BATCH_ID,
        betas=["message-batches-2024-09-24"],
        extra_headers={"X-Trace": "abc", "Anthropic-Version": "2099-01-01"},
        extra_query={"dry_run": True, "tag": ["a", "b"]},
    )
    ((request, _),) = server.log
    assert raw_target(request) == f"/v1/messages/batches/{BATCH_ID}?dry_run=true&tag=a&tag=b"
    assert request.headers["x-trace"] == "abc"
    assert request.headers.getlist("anthropic-version") == ["2099-01-01"]


def test_client_defaults_and_environment(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-from-env")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url_for("/") + "/")
    serve(server)
    client = Anthropic(
        default_headers={"anthropic-version": "2024-01-01"}, default_query={"x": "1"}
    )
    client.messages.batches.delete(BATCH_ID)
    ((request, _),) = server.log
    assert request.headers["x-api-key"] == "sk-from-env"
    assert request.headers["anthropic-version"] == "2024-01-01"
    assert raw_target(request) == f"/v1/messages/batches/{BATCH_ID}?x=1"


def test_base_url_with_a_path_prefix(server: HTTPServer) -> None:
    serve(server)
    client = Anthropic(api_key=API_KEY, base_url=server.url_for("/proxy/anthropic/"))
    client.messages.batches.delete(BATCH_ID)
    ((request, _),) = server.log
    assert raw_target(request) == f"/proxy/anthropic/v1/messages/batches/{BATCH_ID}"


def test_default_base_url_is_the_public_api() -> None:
    client = Anthropic(api_key=API_KEY)
    assert str(client.base_url) == "https://api.anthropic.com"


def test_missing_api_key_names_the_environment_variable() -> None:
    with pytest.raises(anthropic_batches.AnthropicError, match="ANTHROPIC_API_KEY"):
        Anthropic()


ERROR_CLASSES = {
    400: "BadRequestError",
    401: "AuthenticationError",
    402: "PaymentRequiredError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    408: "RequestTimeoutError",
    409: "ConflictError",
    412: "PreconditionFailedError",
    413: "ContentTooLargeError",
    418: "APIStatusError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
    431: "RequestHeaderFieldsTooLargeError",
    499: "ClientClosedRequestError",
    500: "InternalServerError",
    501: "HTTPNotImplementedError",
    502: "InternalServerError",
    503: "ServiceUnavailableError",
    504: "GatewayTimeoutError",
    529: "OverloadedError",
    599: "InternalServerError",
}


@pytest.mark.parametrize(("status", "class_name"), sorted(ERROR_CLASSES.items()))
def test_each_status_raises_its_class(
    server: HTTPServer, client: Anthropic, status: int, class_name: str
) -> None:
    serve(server, status=status, body=ERROR_BODY)
    with pytest.raises(anthropic_batches.APIStatusError) as raised:
        client.messages.batches.delete(BATCH_ID)
    error = raised.value
    assert type(error).__name__ == class_name
    assert type(error) is getattr(anthropic_batches, class_name)
    assert (error.status_code, error.request_id, error.body) == (status, "req_123", ERROR_BODY)
    assert error.response.status_code == status
    assert error.request.url.path == f"/v1/messages/batches/{BATCH_ID}"
    assert f"Error code: {status}" in str(error)
    if status >= 500:
        assert isinstance(error, anthropic_batches.InternalServerError)


def test_error_body_that_is_not_json_is_kept_as_text(server: HTTPServer, client: Anthropic) -> None:
    server.expect_request(any_path()).respond_with_data("<h1>Bad gateway</h1>", status=404)
    with pytest.raises(anthropic_batches.NotFoundError) as raised:
        client.messages.batches.delete(BATCH_ID)
    assert raised.value.body == "<h1>Bad gateway</h1>"


def test_success_body_that_does_not_fit_raises_validation_error(
    server: HTTPServer, client: Anthropic
) -> None:
    serve(server, body={"id": 5, "type": "something_else"})
    with pytest.raises(anthropic_batches.APIResponseValidationError) as raised:
        client.messages.batches.delete(BATCH_ID)
    assert raised.value.body == {"id": 5, "type": "something_else"}
    assert raised.value.status_code == 200


async def test_async_client_sends_the_same_request(server: HTTPServer) -> None:
    serve(server)
    serve(server, status=404, body=ERROR_BODY)
    async with AsyncAnthropic(
        api_key=API_KEY, base_url=server.url_for(""), max_retries=0
    ) as client:
        result = await client.beta.messages.batches.delete(
            "msg/../x y", betas=["message-batches-2024-09-24"]
        )
        assert isinstance(result, BetaDeletedMessageBatch)
        assert result._request_id == "req_123"
        with pytest.raises(anthropic_batches.NotFoundError):
            await client.messages.batches.delete(BATCH_ID)
    (request, _), _ = server.log
    assert raw_target(request) == "/v1/messages/batches/msg%2F..%2Fx%20y"
    assert request.headers["anthropic-beta"] == "message-batches-2024-09-24"
    assert request.headers["x-api-key"] == API_KEY


def test_caller_owned_http_client_is_used_and_not_closed(server: HTTPServer) -> None:
    serve(server)
    http_client = httpx2.Client(headers={"x-from-http-client": "yes"})
    with Anthropic(api_key=API_KEY, base_url=server.url_for(""), http_client=http_client) as client:
        client.messages.batches.delete(BATCH_ID)
    ((request, _),) = server.log
    assert request.headers["x-from-http-client"] == "yes"
    assert not http_client.is_closed
    http_client.close()


def test_raw_response_gives_headers_status_and_a_parsed_result(
    server: HTTPServer, client: Anthropic
) -> None:
    serve(server, headers={"x-extra": "1"})
    raw = client.beta.messages.batches.with_raw_response.delete(BATCH_ID, betas=["custom"])
    assert isinstance(raw, anthropic_batches.APIResponse)
    assert (raw.status_code, raw.request_id, raw.headers["x-extra"]) == (200, "req_123", "1")
    assert raw.http_response.json() == DELETED
    parsed = raw.parse()
    assert isinstance(parsed, BetaDeletedMessageBatch)
    assert parsed._request_id == "req_123"
    assert raw.parse() is parsed
    ((request, _),) = server.log
    assert request.headers["anthropic-beta"] == "custom"


def test_raw_response_still_raises_for_an_error_status(
    server: HTTPServer, client: Anthropic
) -> None:
    serve(server, status=404, body=ERROR_BODY)
    with pytest.raises(anthropic_batches.NotFoundError):
        client.messages.batches.with_raw_response.delete(BATCH_ID)


async def test_async_raw_response(server: HTTPServer) -> None:
    serve(server)
    serve(server)
    async with AsyncAnthropic(api_key=API_KEY, base_url=server.url_for("")) as client:
        raw = await client.messages.batches.with_raw_response.delete(BATCH_ID)
        assert isinstance(raw.parse(), DeletedMessageBatch)
        # The raw mode ended with the wrapped call: a plain call parses again.
        assert isinstance(await client.messages.batches.delete(BATCH_ID), DeletedMessageBatch)
