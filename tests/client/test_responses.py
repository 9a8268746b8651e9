"""Responses as official-SDK users reach them: `with_raw_response` and `with_streaming_response`
on every method, the `APIResponse` surface, pages' own fields, models as dicts and JSON,
`extra_body`, errors while a body streams, and clients dropped without `close()`."""

from __future__ import annotations

import asyncio
import gc
import json
import threading
import warnings
from collections.abc import Iterator

import anthropic_batches
import httpx2
import pytest
from anthropic_batches import Anthropic, AsyncAnthropic
from anthropic_batches.types import DeletedMessageBatch, MessageBatch
from pytest_httpserver import HTTPServer
from werkzeug import Response

from ..helpers import BATCH_ID, DELETED, any_path, batch
from .scripted_server import HangUp, Reply, ScriptedServer

LINES = [
    {"custom_id": "first", "result": {"type": "canceled"}},
    {"custom_id": "second", "result": {"type": "expired"}},
]
JSONL = b"".join(json.dumps(line).encode() + b"\n" for line in LINES)
PAGE = {"data": [batch("a"), batch("b")], "has_more": True, "first_id": "a", "last_id": "b"}


@pytest.fixture
def client(server: HTTPServer) -> Iterator[Anthropic]:
    with Anthropic(api_key="sk-test", base_url=server.url_for(""), max_retries=0) as client:
        yield client


def serve(server: HTTPServer, body: object, *, status: int = 200, **headers: str) -> None:
    server.expect_oneshot_request(any_path()).respond_with_json(
        body, status=status, headers={"request-id": "req_1", **headers}
    )


def serve_ended_batch(server: HTTPServer) -> None:
    """The batch as `results()` first retrieves it: ended, its results on this server."""
    results_url = server.url_for(f"/v1/messages/batches/{BATCH_ID}/results")
    serve(server, batch(processing_status="ended", results_url=results_url))


def serve_jsonl(server: HTTPServer, body: bytes = JSONL) -> None:
    """The ended batch, then its results."""
    serve_ended_batch(server)
    server.expect_oneshot_request(any_path()).respond_with_data(
        body, content_type="application/x-jsonl"
    )


# with_raw_response -----------------------------------------------------------------------------


def test_raw_response_has_the_official_surface(server: HTTPServer, client: Anthropic) -> None:
    serve(server, DELETED)
    raw = client.messages.batches.with_raw_response.delete(BATCH_ID)
    assert (raw.status_code, raw.request_id, raw.retries_taken) == (200, "req_1", 0)
    assert raw.url == httpx2.URL(server.url_for(f"/v1/messages/batches/{BATCH_ID}"))
    assert raw.json() == DELETED
    assert json.loads(raw.text) == DELETED
    assert raw.read() == raw.content and json.loads(raw.content) == DELETED
    assert raw.elapsed.total_seconds() >= 0
    assert isinstance(raw.parse(), DeletedMessageBatch)


def test_raw_response_counts_the_retries_taken(server: HTTPServer) -> None:
    serve(server, {"type": "error"}, status=503, **{"retry-after-ms": "1"})
    serve(server, DELETED)
    with Anthropic(api_key="k", base_url=server.url_for(""), max_retries=1) as client:
        raw = client.messages.batches.with_raw_response.delete(BATCH_ID)
    assert raw.retries_taken == 1


def test_raw_response_of_a_list_parses_into_its_page(server: HTTPServer, client: Anthropic) -> None:
    serve(server, PAGE)
    raw = client.messages.batches.with_raw_response.list(limit=2)
    assert raw.request_id == "req_1"
    page = raw.parse()
    assert [item.id for item in page.data] == ["a", "b"]
    assert (page.first_id, page.last_id, page.has_more) == ("a", "b", True)


def test_raw_response_of_results_parses_into_the_stream(
    server: HTTPServer, client: Anthropic
) -> None:
    serve_jsonl(server)
    raw = client.messages.batches.with_raw_response.results(BATCH_ID)
    assert raw.content == JSONL
    assert [line.custom_id for line in raw.parse()] == ["first", "second"]


async def test_async_raw_response_of_a_list_and_of_results(server: HTTPServer) -> None:
    serve(server, PAGE)
    serve_jsonl(server)
    async with AsyncAnthropic(api_key="k", base_url=server.url_for("")) as client:
        page = (await client.messages.batches.with_raw_response.list()).parse()
        assert [item.id for item in page.data] == ["a", "b"]
        raw = await client.messages.batches.with_raw_response.results(BATCH_ID)
        assert [line.custom_id async for line in raw.parse()] == ["first", "second"]


# with_streaming_response -----------------------------------------------------------------------


def test_streaming_response_reads_nothing_until_asked(
    server: HTTPServer, client: Anthropic
) -> None:
    sent = threading.Event()
    released = threading.Event()

    def body() -> Iterator[bytes]:
        yield JSONL[:10]
        sent.set()
        released.wait(timeout=5)
        yield JSONL[10:]

    serve_ended_batch(server)
    server.expect_oneshot_request(any_path()).respond_with_response(
        Response(body(), content_type="application/x-jsonl", headers={"request-id": "req_s"})
    )
    with client.messages.batches.with_streaming_response.results(BATCH_ID) as response:
        # The headers are here while the server still holds the rest of the body back.
        assert (response.status_code, response.request_id) == (200, "req_s")
        assert sent.wait(timeout=5) and not response.is_closed
        released.set()
        assert b"".join(response.iter_bytes()) == JSONL
    assert response.is_closed


def test_streaming_response_parse_and_lines(server: HTTPServer, client: Anthropic) -> None:
    serve(server, batch())
    with client.messages.batches.with_streaming_response.retrieve(BATCH_ID) as response:
        assert isinstance(response.parse(), MessageBatch)
        assert response.json() == batch()
    serve_jsonl(server)
    with client.messages.batches.with_streaming_response.results(BATCH_ID) as response:
        assert [json.loads(line)["custom_id"] for line in response.iter_lines()] == [
            "first",
            "second",
        ]


def test_streaming_response_of_results_parses_lazily(server: HTTPServer, client: Anthropic) -> None:
    serve_jsonl(server)
    with client.messages.batches.with_streaming_response.results(BATCH_ID) as response:
        assert [line.custom_id for line in response.parse()] == ["first", "second"]


def test_streaming_response_still_raises_for_an_error_status(
    server: HTTPServer, client: Anthropic
) -> None:
    serve(server, {"type": "error"}, status=404)
    with (
        pytest.raises(anthropic_batches.NotFoundError),
        client.messages.batches.with_streaming_response.delete(BATCH_ID),
    ):
        pass


async def test_async_streaming_response(server: HTTPServer) -> None:
    serve(server, DELETED)
    serve_jsonl(server)
    async with AsyncAnthropic(api_key="k", base_url=server.url_for("")) as client:
        batches = client.messages.batches
        async with batches.with_streaming_response.delete(BATCH_ID) as response:
            assert response.status_code == 200
            assert isinstance(await response.parse(), DeletedMessageBatch)
        assert response.is_closed
        async with batches.with_streaming_response.results(BATCH_ID) as lines:
            chunks = [chunk async for chunk in lines.iter_bytes()]
        assert b"".join(chunks) == JSONL


def test_reading_a_response_body_before_it_is_read_is_the_clients_error(
    server: HTTPServer, client: Anthropic
) -> None:
    serve_jsonl(server)
    with client.messages.batches.with_streaming_response.results(BATCH_ID) as response:
        with pytest.raises(anthropic_batches.AnthropicError, match="ResponseNotRead"):
            _ = response.content
        response.read()
        assert response.content == JSONL


# Pages and models ------------------------------------------------------------------------------


def test_a_page_exposes_its_fields(server: HTTPServer, client: Anthropic) -> None:
    serve(server, {**PAGE, "has_more": False})
    page = client.messages.batches.list()
    assert (page.first_id, page.last_id, page.has_more) == ("a", "b", False)


def test_models_to_dict_and_to_json(server: HTTPServer, client: Anthropic) -> None:
    serve(server, {**batch(), "a_field_from_2027": 1})
    retrieved = client.messages.batches.retrieve(BATCH_ID)
    as_dict = retrieved.to_dict()
    assert as_dict["a_field_from_2027"] == 1 and as_dict["id"] == BATCH_ID
    assert as_dict["created_at"] == retrieved.created_at
    assert retrieved.to_dict(mode="json")["created_at"] == "2024-08-20T18:37:24.100435Z"
    assert json.loads(retrieved.to_json()) == retrieved.to_dict(mode="json")


# extra_body --------------------------------------------------------------------------------------


def test_extra_body_adds_json_properties(server: HTTPServer, client: Anthropic) -> None:
    serve(server, batch())
    serve(server, batch())
    client.messages.batches.create(requests=[], extra_body={"priority": "low"})
    client.messages.batches.cancel(BATCH_ID, extra_body={"reason": "done"})
    (create, _), (cancel, _) = server.log
    assert json.loads(create.get_data()) == {"requests": [], "priority": "low"}
    assert json.loads(cancel.get_data()) == {"reason": "done"}


def test_without_extra_body_a_bodiless_call_sends_no_body(
    server: HTTPServer, client: Anthropic
) -> None:
    serve(server, batch())
    client.messages.batches.cancel(BATCH_ID)
    ((request, _),) = server.log
    assert request.get_data() == b""


# Errors while a body streams -------------------------------------------------------------------

HEAD = b"HTTP/1.1 200 OK\r\ncontent-type: application/x-jsonl\r\ncontent-length: 1000\r\n\r\n"


@pytest.fixture
def scripted() -> Iterator[ScriptedServer]:
    scripted = ScriptedServer()
    yield scripted
    scripted.stop()


def ended_batch_reply(scripted: ScriptedServer) -> Reply:
    results_url = f"{scripted.url}/v1/messages/batches/{BATCH_ID}/results"
    body = json.dumps(batch(processing_status="ended", results_url=results_url)).encode()
    return Reply(200, body, {"content-type": "application/json"})


def test_a_connection_dropped_mid_stream_raises_the_clients_own_error(
    scripted: ScriptedServer,
) -> None:
    scripted.play(ended_batch_reply(scripted), HangUp(HEAD + JSONL))
    with Anthropic(api_key="k", base_url=scripted.url, max_retries=0) as client:
        stream = client.messages.batches.results(BATCH_ID)
        seen: list[str] = []
        with pytest.raises(anthropic_batches.APIConnectionError) as raised:
            seen.extend(line.custom_id for line in stream)
    assert seen == ["first", "second"]
    assert isinstance(raised.value, anthropic_batches.AnthropicError)
    assert "RemoteProtocolError" in str(raised.value)


def test_a_stall_mid_stream_raises_the_clients_timeout_error(scripted: ScriptedServer) -> None:
    scripted.play(
        ended_batch_reply(scripted),
        Reply(200, JSONL, {"content-type": "application/x-jsonl"}, drip=2.0),
    )
    with Anthropic(api_key="k", base_url=scripted.url, max_retries=0, timeout=0.3) as client:
        stream = client.messages.batches.results(BATCH_ID)
        with pytest.raises(anthropic_batches.APITimeoutError):
            list(stream)


def test_a_second_iteration_raises_the_clients_own_error(
    server: HTTPServer, client: Anthropic
) -> None:
    serve_jsonl(server)
    stream = client.messages.batches.results(BATCH_ID)
    assert len(list(stream)) == 2
    with pytest.raises(anthropic_batches.AnthropicError, match=r"StreamConsumed|StreamClosed"):
        list(stream)


# Clients dropped without close() ------------------------------------------------------------------


def test_a_sync_client_dropped_unclosed_leaves_no_resource_warning(server: HTTPServer) -> None:
    serve(server, DELETED)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client = Anthropic(api_key="k", base_url=server.url_for(""))
        client.messages.batches.delete(BATCH_ID)
        del client
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


async def test_an_async_client_dropped_unclosed_is_closed_on_its_loop(server: HTTPServer) -> None:
    serve(server, DELETED)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client = AsyncAnthropic(api_key="k", base_url=server.url_for(""))
        await client.messages.batches.delete(BATCH_ID)
        http = client._http
        del client
        gc.collect()
        await asyncio.sleep(0.05)  # the loop runs the closing it was given
        assert http.is_closed
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_a_callers_http_client_is_not_closed_when_the_client_is_dropped(
    server: HTTPServer,
) -> None:
    http = httpx2.Client()
    client = Anthropic(api_key="k", base_url=server.url_for(""), http_client=http)
    del client
    gc.collect()
    assert not http.is_closed
    http.close()
