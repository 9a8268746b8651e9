"""`client.models` and `client.beta.models` on the wire, sync and async: the list pages by
model id in both directions, fetching pages as they are reached; retrieve sends the id
percent-encoded as one path segment and refuses an empty one before any request; the beta
twins send `betas` as one `anthropic-beta` header."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import anthropic_batches
import pytest
from anthropic_batches import Anthropic, AsyncAnthropic
from anthropic_batches.types import ModelInfo
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ..helpers import any_path, raw_target

BASE = "/v1/models"
IDS = [f"claude-{n}" for n in range(1, 8)]  # newest first: pages of 3, 3 and 1


def model(model_id: str, **changes: Any) -> dict[str, Any]:
    return {
        "id": model_id,
        "type": "model",
        "display_name": model_id.title(),
        "created_at": "2025-02-19T00:00:00Z",
        **changes,
    }


@pytest.fixture
def client(server: HTTPServer) -> Iterator[Anthropic]:
    with Anthropic(api_key="sk-test", base_url=server.url_for(""), max_retries=0) as client:
        yield client


def serve_pages(server: HTTPServer) -> None:
    """The models list over `IDS`, paging by after_id / before_id as the API does."""

    def handle(request: Request) -> Response:
        after, before = request.args.get("after_id"), request.args.get("before_id")
        limit = int(request.args.get("limit", 20))
        if before is not None:
            end = IDS.index(before)
            chosen, more = IDS[max(0, end - limit) : end], end - limit > 0
        else:
            start = IDS.index(after) + 1 if after else 0
            chosen, more = IDS[start : start + limit], start + limit < len(IDS)
        body = {
            "data": [model(i) for i in chosen],
            "has_more": more,
            "first_id": chosen[0] if chosen else None,
            "last_id": chosen[-1] if chosen else None,
        }
        return Response(json.dumps(body), content_type="application/json")

    server.expect_request(BASE).respond_with_handler(handle)


@pytest.mark.parametrize("beta", [False, True], ids=["ga", "beta"])
def test_list_walks_every_page_forwards_fetching_each_when_reached(
    server: HTTPServer, client: Anthropic, beta: bool
) -> None:
    serve_pages(server)
    if beta:
        page = client.beta.models.list(limit=3, betas=["custom-beta", "other"])
    else:
        page = client.models.list(limit=3)
    assert [m.id for m in page.data] == IDS[:3]
    assert len(server.log) == 1
    models = list(page)
    assert [m.id for m in models] == IDS
    assert all(isinstance(m, ModelInfo) and m.created_at.year == 2025 for m in models)
    assert [raw_target(request) for request, _ in server.log] == [
        f"{BASE}?limit=3",
        f"{BASE}?after_id=claude-3&limit=3",
        f"{BASE}?after_id=claude-6&limit=3",
    ]
    betas = {request.headers.get("anthropic-beta") for request, _ in server.log}
    assert betas == ({"custom-beta,other"} if beta else {None})


def test_list_walks_backwards_from_before_id(server: HTTPServer, client: Anthropic) -> None:
    serve_pages(server)
    page = client.models.list(before_id="claude-7", limit=3)
    pages = list(page.iter_pages())
    assert [[m.id for m in p.data] for p in pages] == [IDS[3:6], IDS[0:3]]
    assert raw_target(server.log[1][0]) == f"{BASE}?before_id=claude-4&limit=3"
    assert not pages[-1].has_next_page()


def test_list_without_arguments_sends_no_query(server: HTTPServer, client: Anthropic) -> None:
    serve_pages(server)
    page = client.models.list()
    assert [m.id for m in page.data] == IDS and not page.has_next_page()
    assert [raw_target(request) for request, _ in server.log] == [BASE]


@pytest.mark.parametrize("beta", [False, True], ids=["ga", "beta"])
def test_retrieve_sends_the_id_as_one_encoded_segment(
    server: HTTPServer, client: Anthropic, beta: bool
) -> None:
    server.expect_oneshot_request(any_path()).respond_with_json(
        model("claude-3-7@2025/02 19", a_field_from_2027=True), headers={"request-id": "req_m"}
    )
    if beta:
        result = client.beta.models.retrieve("claude-3-7@2025/02 19", betas=["custom-beta"])
    else:
        result = client.models.retrieve("claude-3-7@2025/02 19")
    ((request, _),) = server.log
    assert (request.method, raw_target(request)) == ("GET", f"{BASE}/claude-3-7@2025%2F02%2019")
    assert request.get_data() == b""
    assert request.headers.get("anthropic-beta") == ("custom-beta" if beta else None)
    assert isinstance(result, ModelInfo)
    assert (result.id, result.display_name, result._request_id) == (
        "claude-3-7@2025/02 19",
        "Claude-3-7@2025/02 19",
        "req_m",
    )
    assert result.model_extra == {"a_field_from_2027": True}


@pytest.mark.parametrize("model_id", [".", ".."])
def test_retrieve_encodes_dot_segments(
    server: HTTPServer, client: Anthropic, model_id: str
) -> None:
    server.expect_oneshot_request(any_path()).respond_with_json(model(model_id))
    client.models.retrieve(model_id)
    assert raw_target(server.log[0][0]) == f"{BASE}/{model_id.replace('.', '%2E')}"


@pytest.mark.parametrize("beta", [False, True], ids=["ga", "beta"])
def test_an_empty_model_id_is_refused_before_any_request(
    server: HTTPServer, client: Anthropic, beta: bool
) -> None:
    models = client.beta.models if beta else client.models
    with pytest.raises(ValueError, match="Expected a non-empty value for `model_id`"):
        models.retrieve("")
    assert server.log == []


def test_an_unknown_model_raises_not_found(server: HTTPServer, client: Anthropic) -> None:
    error = {"type": "error", "error": {"type": "not_found_error", "message": "model: x"}}
    server.expect_oneshot_request(any_path()).respond_with_json(error, status=404)
    with pytest.raises(anthropic_batches.NotFoundError) as raised:
        client.models.retrieve("x")
    assert raised.value.body == error


async def test_async_list_both_ways_and_retrieve(server: HTTPServer) -> None:
    serve_pages(server)
    async with AsyncAnthropic(api_key="k", base_url=server.url_for(""), max_retries=0) as client:
        forwards = [m.id async for m in client.models.list(limit=3)]
        first = await client.beta.models.list(before_id="claude-7", limit=3, betas=["b"])
        backwards = [m.id async for m in first]
        with pytest.raises(ValueError):
            await client.models.retrieve("")
        server.expect_oneshot_request(any_path()).respond_with_json(model("a/b"))
        server.expect_oneshot_request(any_path()).respond_with_json(model("a/b"))
        retrieved = await client.models.retrieve("a/b")
        beta_retrieved = await client.beta.models.retrieve("a/b", betas=["b"])
    assert forwards == IDS
    assert backwards == IDS[3:6] + IDS[0:3]
    assert retrieved.id == beta_retrieved.id == "a/b"
    *_, (ga, _), (beta, _) = server.log
    assert raw_target(ga) == raw_target(beta) == f"{BASE}/a%2Fb"
    assert (ga.headers.get("anthropic-beta"), beta.headers.get("anthropic-beta")) == (None, "b")
