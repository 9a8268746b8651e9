"""Every Message Batches operation, beta and GA, on the wire: method, raw path and query, JSON
body; then pagination across pages in both directions, and JSON-lines results decoded as
they arrive (chunks that split lines, a line of a kind this client does not know)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import anthropic_batches
import pytest
from anthropic_batches import Anthropic, AsyncAnthropic
from anthropic_batches.types import (
    MessageBatch,
    MessageBatchErroredResult,
    MessageBatchSucceededResult,
    TextBlock,
    UnknownContentBlock,
    UnknownMessageBatchResult,
)
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ..helpers import BATCH_ID, MESSAGE, any_path, batch, raw_target

BETA = "message-batches-2024-09-24"
BASE = "/v1/messages/batches"


REQUESTS = [
    {
        "custom_id": "first",
        "params": {
            "model": "claude-sonnet-4-5",
            "max_tokens": 1024,
            "messages": [{"role": "user", "content": "Hello, world"}],
        },
    },
    {
        "custom_id": "second",
        "params": {
            "model": "a-model-released-later",
            "max_tokens": 16,
            "system": [{"type": "text", "text": "Be brief."}],
            "metadata": {"user_id": None},
            "messages": [
                {"role": "user", "content": [{"type": "text", "text": "Hi"}]},
                {"role": "assistant", "content": "Hello"},
            ],
        },
    },
]


@pytest.fixture
def client(server: HTTPServer) -> Anthropic:
    return Anthropic(api_key="sk-test", base_url=server.url_for(""), max_retries=0)


def reply(server: HTTPServer, body: object) -> None:
    server.expect_oneshot_request(any_path()).respond_with_json(
        body, headers={"request-id": "req_1"}
    )


def only_request(server: HTTPServer) -> Request:
    ((request, _),) = server.log
    return request


@pytest.mark.parametrize("beta", [True, False], ids=["beta", "ga"])
def test_create_sends_the_requests_as_json(
    server: HTTPServer, client: Anthropic, beta: bool
) -> None:
    reply(server, batch())
    if beta:
        result = client.beta.messages.batches.create(requests=REQUESTS, betas=[BETA])  # type: ignore[arg-type]
    else:
        result = client.messages.batches.create(requests=REQUESTS)  # type: ignore[arg-type]
    request = only_request(server)
    assert (request.method, raw_target(request)) == ("POST", BASE)
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.get_data()) == {"requests": REQUESTS}
    assert request.headers.get("anthropic-beta") == (BETA if beta else None)
    assert isinstance(result, MessageBatch)
    assert result.created_at.year == 2024 and result.created_at.utcoffset() is not None
    assert result.ended_at is None


@pytest.mark.parametrize(
    ("call", "method", "path"),
    [
        (lambda c: c.messages.batches.retrieve(BATCH_ID), "GET", f"{BASE}/{BATCH_ID}"),
        (
            lambda c: c.beta.messages.batches.retrieve(BATCH_ID, betas=[BETA]),
            "GET",
            f"{BASE}/{BATCH_ID}",
        ),
        (lambda c: c.messages.batches.cancel(BATCH_ID), "POST", f"{BASE}/{BATCH_ID}/cancel"),
        (
            lambda c: c.beta.messages.batches.cancel(BATCH_ID, betas=[BETA]),
            "POST",
            f"{BASE}/{BATCH_ID}/cancel",
        ),
    ],
    ids=["retrieve", "beta-retrieve", "cancel", "beta-cancel"],
)
def test_single_batch_operations(
    server: HTTPServer, client: Anthropic, call: Any, method: str, path: str
) -> None:
    reply(server, batch(processing_status="canceling"))
    result = call(client)
    request = only_request(server)
    assert (request.method, raw_target(request), request.get_data()) == (method, path, b"")
    assert isinstance(result, MessageBatch)
    assert (result.processing_status, result._request_id) == ("canceling", "req_1")


def test_list_sends_only_the_query_given(server: HTTPServer, client: Anthropic) -> None:
    reply(server, {"data": [], "has_more": False, "first_id": None, "last_id": None})
    page = client.beta.messages.batches.list(limit=5, betas=[BETA])
    assert raw_target(only_request(server)) == f"{BASE}?limit=5"
    assert (page.data, page.has_next_page(), list(page)) == ([], False, [])


def serve_pages(server: HTTPServer, ids: list[str], size: int) -> None:
    """A list endpoint over `ids` (newest first) that pages by after_id / before_id."""

    def handle(request: Request) -> Response:
        after, before = request.args.get("after_id"), request.args.get("before_id")
        limit = int(request.args.get("limit", 20))
        if before is not None:
            end = ids.index(before)
            chosen = ids[max(0, end - limit) : end]
            more = end - limit > 0
        else:
            start = ids.index(after) + 1 if after else 0
            chosen = ids[start : start + limit]
            more = start + limit < len(ids)
        body = {
            "data": [batch(i) for i in chosen],
            "has_more": more,
            "first_id": chosen[0] if chosen else None,
            "last_id": chosen[-1] if chosen else None,
        }
        return Response(json.dumps(body), content_type="application/json")

    server.expect_request(any_path()).respond_with_handler(handle)


IDS = [f"msgbatch_{n:02d}" for n in range(1, 8)]  # seven batches: pages of 3, 3 and 1


def test_iterating_a_page_walks_every_page_forwards(server: HTTPServer, client: Anthropic) -> None:
    serve_pages(server, IDS, 3)
    page = client.messages.batches.list(limit=3)
    assert [b.id for b in page.data] == IDS[:3]
    assert server.log and len(server.log) == 1  # later pages are fetched lazily
    assert [b.id for b in page] == IDS
    targets = [raw_target(request) for request, _ in server.log]
    assert targets == [
        f"{BASE}?limit=3",
        f"{BASE}?after_id=msgbatch_03&limit=3",
        f"{BASE}?after_id=msgbatch_06&limit=3",
    ]


def test_before_id_walks_backwards(server: HTTPServer, client: Anthropic) -> None:
    serve_pages(server, IDS, 3)
    page = client.messages.batches.list(before_id="msgbatch_07", limit=3)
    pages = list(page.iter_pages())
    assert [[b.id for b in p.data] for p in pages] == [IDS[3:6], IDS[0:3]]
    assert raw_target(server.log[1][0]) == f"{BASE}?before_id=msgbatch_04&limit=3"
    assert not pages[-1].has_next_page()
    with pytest.raises(LookupError):
        pages[-1].get_next_page()


def test_get_next_page_by_hand(server: HTTPServer, client: Anthropic) -> None:
    serve_pages(server, IDS, 3)
    first = client.messages.batches.list(limit=3)
    assert first.has_next_page()
    second = first.get_next_page()
    assert [b.id for b in second.data] == IDS[3:6]


async def test_async_pages_in_both_directions(server: HTTPServer) -> None:
    serve_pages(server, IDS, 3)
    async with AsyncAnthropic(api_key="sk-test", base_url=server.url_for("")) as client:
        forwards = [b.id async for b in client.messages.batches.list(limit=3)]
        first = await client.beta.messages.batches.list(before_id="msgbatch_07", limit=3)
        backwards = [b.id async for b in first]
        assert first.has_next_page()
        previous = await first.get_next_page()
    assert forwards == IDS
    assert backwards == IDS[3:6] + IDS[0:3]
    assert [b.id for b in previous.data] == IDS[0:3]


RESULT_LINES = [
    {"custom_id": "first", "result": {"type": "succeeded", "message": MESSAGE}},
    {
        "custom_id": "second",
        "result": {
            "type": "errored",
            "error": {
                "type": "error",
                "error": {"type": "invalid_request_error", "message": "bad"},
            },
        },
    },
    {"custom_id": "third", "result": {"type": "a_kind_from_2027", "detail": "new"}},
]


def jsonl_body() -> bytes:
    return b"".join(json.dumps(line).encode() + b"\n" for line in RESULT_LINES)


def serve_ended_batch(server: HTTPServer) -> None:
    """The batch as `results()` first retrieves it: ended, its results on this server."""
    results_url = server.url_for(f"{BASE}/{BATCH_ID}/results")
    reply(server, batch(processing_status="ended", results_url=results_url))


def serve_in_chunks(server: HTTPServer, body: bytes, size: int) -> None:
    """The ended batch, then its results `size` bytes at a time."""
    serve_ended_batch(server)

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(body), size):
            yield body[start : start + size]

    server.expect_oneshot_request(any_path()).respond_with_response(
        Response(chunks(), content_type="application/x-jsonl", headers={"request-id": "req_r"})
    )


@pytest.mark.parametrize("beta", [True, False], ids=["beta", "ga"])
def test_results_decode_lines_split_across_chunks(
    server: HTTPServer, client: Anthropic, beta: bool
) -> None:
    body = jsonl_body()
    serve_in_chunks(server, body, size=7)  # 7 bytes: most line breaks fall mid-chunk
    batches = client.beta.messages.batches if beta else client.messages.batches
    with batches.results(BATCH_ID) as stream:
        lines = list(stream)
    (retrieve, _), (request, _) = server.log
    assert (retrieve.method, raw_target(retrieve)) == ("GET", f"{BASE}/{BATCH_ID}")
    assert (request.method, raw_target(request)) == ("GET", f"{BASE}/{BATCH_ID}/results")
    assert request.headers["accept"] == "application/binary"
    assert [line.custom_id for line in lines] == ["first", "second", "third"]
    succeeded, errored, unknown = (line.result for line in lines)
    assert isinstance(succeeded, MessageBatchSucceededResult)
    text, new_block = succeeded.message.content
    assert isinstance(text, TextBlock) and text.text == "Hi!"
    assert (
        isinstance(new_block, UnknownContentBlock) and str(new_block.type) == "server_tool_use_v9"
    )
    assert succeeded.message.usage.model_extra == {"a_new_counter": 1}
    assert isinstance(errored, MessageBatchErroredResult)
    assert errored.error.error.message == "bad"
    assert isinstance(unknown, UnknownMessageBatchResult)
    assert (unknown.type, unknown.model_extra) == ("a_kind_from_2027", {"detail": "new"})
    assert lines[0]._request_id == "req_r"


def test_results_are_decoded_as_they_arrive(server: HTTPServer, client: Anthropic) -> None:
    """The server holds back the second line until the client has parsed the first: a client
    that read the whole body before yielding would make the server's wait time out."""
    first_parsed = threading.Event()
    waited: list[bool] = []

    def body() -> Iterator[bytes]:
        yield json.dumps(RESULT_LINES[0]).encode() + b"\n"
        waited.append(first_parsed.wait(timeout=5))
        yield json.dumps(RESULT_LINES[2]).encode() + b"\n"

    serve_ended_batch(server)
    server.expect_oneshot_request(any_path()).respond_with_response(
        Response(body(), content_type="application/x-jsonl")
    )
    stream = iter(client.messages.batches.results(BATCH_ID))
    assert next(stream).custom_id == "first"
    first_parsed.set()
    assert [line.custom_id for line in stream] == ["third"]
    assert waited == [True]


def test_a_malformed_results_line_raises_with_the_line(
    server: HTTPServer, client: Anthropic
) -> None:
    serve_in_chunks(server, jsonl_body() + b'{"custom_id": 3}\n', size=64)
    stream = client.messages.batches.results(BATCH_ID)
    with pytest.raises(anthropic_batches.APIResponseValidationError) as raised:
        list(stream)
    assert raised.value.body == '{"custom_id": 3}'


def test_results_error_status_raises_before_streaming(
    server: HTTPServer, client: Anthropic
) -> None:
    server.expect_oneshot_request(any_path()).respond_with_json(
        {"type": "error", "error": {"type": "not_found_error", "message": "gone"}}, status=404
    )
    with pytest.raises(anthropic_batches.NotFoundError) as raised:
        client.messages.batches.results(BATCH_ID)
    assert raised.value.body == {
        "type": "error",
        "error": {"type": "not_found_error", "message": "gone"},
    }


def test_results_of_a_batch_still_processing_say_so_and_request_nothing_more(
    server: HTTPServer, client: Anthropic
) -> None:
    reply(server, batch(processing_status="in_progress", results_url=None))
    with pytest.raises(anthropic_batches.AnthropicError, match="has finished processing"):
        client.messages.batches.results(BATCH_ID)
    assert [raw_target(request) for request, _ in server.log] == [f"{BASE}/{BATCH_ID}"]


def test_beta_results_send_the_betas_on_both_requests(
    server: HTTPServer, client: Anthropic
) -> None:
    serve_in_chunks(server, jsonl_body(), size=64)
    list(client.beta.messages.batches.results(BATCH_ID, betas=[BETA]))
    assert [request.headers["anthropic-beta"] for request, _ in server.log] == [BETA, BETA]


def test_a_results_url_on_another_host_is_refused_and_nothing_is_sent_there(
    server: HTTPServer, client: Anthropic
) -> None:
    elsewhere = "https://example.com/steal"
    reply(server, batch(processing_status="ended", results_url=elsewhere))
    with pytest.raises(anthropic_batches.AnthropicError, match="another host"):
        client.messages.batches.results(BATCH_ID)
    assert len(server.log) == 1


def test_a_relative_results_url_is_followed_on_the_clients_host(
    server: HTTPServer, client: Anthropic
) -> None:
    reply(server, batch(processing_status="ended", results_url=f"{BASE}/{BATCH_ID}/results"))
    server.expect_oneshot_request(any_path()).respond_with_data(
        jsonl_body(), content_type="application/x-jsonl"
    )
    assert len(list(client.messages.batches.results(BATCH_ID))) == 3
    assert raw_target(server.log[1][0]) == f"{BASE}/{BATCH_ID}/results"


async def test_async_results(server: HTTPServer) -> None:
    serve_in_chunks(server, jsonl_body(), size=5)
    async with AsyncAnthropic(api_key="sk-test", base_url=server.url_for("")) as client:
        stream = await client.beta.messages.batches.results(BATCH_ID, betas=[BETA])
        async with stream:
            ids = [line.custom_id async for line in stream]
    assert ids == ["first", "second", "third"]


async def test_async_create_and_cancel(server: HTTPServer) -> None:
    reply(server, batch())
    reply(server, batch(processing_status="canceling"))
    async with AsyncAnthropic(api_key="sk-test", base_url=server.url_for("")) as client:
        created = await client.messages.batches.create(requests=REQUESTS)  # type: ignore[arg-type]
        canceled = await client.messages.batches.cancel(created.id)
    assert canceled.processing_status == "canceling"
    (create, _), (cancel, _) = server.log
    assert json.loads(create.get_data()) == {"requests": REQUESTS}
    assert (cancel.method, raw_target(cancel)) == ("POST", f"{BASE}/{BATCH_ID}/cancel")


def test_omitted_optional_argument_is_absent_not_null(
    server: HTTPServer, client: Anthropic
) -> None:
    reply(server, {"data": [], "has_more": False, "first_id": None, "last_id": None})
    client.messages.batches.list()
    assert raw_target(only_request(server)) == BASE


def test_a_cursor_in_extra_query_does_not_pin_every_page(
    server: HTTPServer, client: Anthropic
) -> None:
    serve_pages(server, IDS, 3)
    page = client.messages.batches.list(limit=3, extra_query={"after_id": "msgbatch_01"})
    assert [b.id for b in page] == IDS[1:]
    assert raw_target(server.log[1][0]) == f"{BASE}?after_id=msgbatch_04&limit=3"


def test_none_for_an_optional_query_parameter_leaves_it_out(
    server: HTTPServer, client: Anthropic
) -> None:
    reply(server, {"data": [], "has_more": False, "first_id": None, "last_id": None})
    client.messages.batches.list(limit=None)  # type: ignore[arg-type]
    assert raw_target(only_request(server)) == BASE


def test_a_line_holding_a_unicode_line_separator_stays_one_line(
    server: HTTPServer, client: Anthropic
) -> None:
    """JSON allows U+2028 and U+0085 raw inside strings; a text line splitter would cut there."""
    line = {**RESULT_LINES[0], "custom_id": "a\u2028b\u0085c"}
    body = (
        json.dumps(line, ensure_ascii=False).encode()
        + b"\r\n"
        + json.dumps(RESULT_LINES[2]).encode()
    )
    serve_in_chunks(server, body, size=5)
    ids = [item.custom_id for item in client.messages.batches.results(BATCH_ID)]
    assert ids == ["a\u2028b\u0085c", "third"]


def test_a_known_result_that_does_not_fit_is_an_error_not_unknown(
    server: HTTPServer, client: Anthropic
) -> None:
    broken = {"custom_id": "x", "result": {"type": "succeeded", "message": {"id": "m"}}}
    serve_in_chunks(server, json.dumps(broken).encode() + b"\n", size=64)
    with pytest.raises(anthropic_batches.APIResponseValidationError):
        list(client.messages.batches.results(BATCH_ID))
