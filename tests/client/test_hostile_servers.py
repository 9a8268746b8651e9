"""Servers that attack the client, over real sockets: the client stops with a clear error.

A body nested deeper than Python recurses, a line without end, a page that points back to
itself, a gzip body that expands 500 times. Each hostile body is made as it is sent and
bounded (so that a client without the defence still ends, with another error, or runs out of
memory); the tests check the error and that the client stopped reading long before the
server would have.
"""

from __future__ import annotations

import json
import os
import struct
import time
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import httpx2
import pytest
from anthropic_batches import (
    Anthropic,
    APIResponseValidationError,
    APIStatusError,
    AsyncAnthropic,
    BadRequestError,
    InflatedResponseError,
    LineTooLongError,
    RepeatedPageError,
)
from pytest_httpserver import HTTPServer

from ..helpers import BATCH_ID, any_path, batch
from .scripted_server import Reply, ScriptedServer, Stream

API_KEY = "sk-ant-api-SECRET-1"
BASE = "/v1/messages/batches"
MiB = 1 << 20
#: The default longest line (`_types.MAX_LINE_BYTES`).
MAX_LINE_BYTES = 16 * MiB
#: A JSON array nested far deeper than Python's recursion limit.
NESTED = "[" * 100_000 + "]" * 100_000
CANCELED = {"custom_id": "first", "result": {"type": "canceled"}}
MESSAGE_STREAM = {"model": "claude-sonnet-4-5", "max_tokens": 16, "stream": True}


@pytest.fixture
def scripted() -> Iterator[ScriptedServer]:
    scripted = ScriptedServer()
    yield scripted
    scripted.stop()


def client_of(url: str, **options: Any) -> Anthropic:
    return Anthropic(api_key=API_KEY, base_url=url, max_retries=0, **options)


def ended_batch(url: str) -> Reply:
    """The batch as `results()` first retrieves it: ended, its results at `url`."""
    body = json.dumps(batch(processing_status="ended", results_url=f"{url}{BASE}/x/results"))
    return Reply(200, body.encode(), {"content-type": "application/json"})


def repeated(piece: bytes, total: int, sent: list[int]) -> Callable[[], Iterator[bytes]]:
    """A body of `piece` again and again up to `total` bytes, counting in `sent` what went."""

    def body() -> Iterator[bytes]:
        for _ in range(total // len(piece)):
            sent.append(len(piece))
            yield piece

    return body


def gzip_bomb(expanded: int) -> Callable[[], Iterator[bytes]]:
    """A gzip body of `expanded` bytes of JSON whitespace (blank lines, to a JSON-lines
    reader), compressed about 500 times.

    Each mebibyte is compressed after a full flush, so that it compresses to the same bytes
    every time: they are made once, and sent again and again without the server's work."""

    def body() -> Iterator[bytes]:
        start, blank = b'{"id": "msgbatch_1", "padding": "', (b" " * 1023 + b"\n") * 1024
        packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        yield packer.compress(start) + packer.flush(zlib.Z_FULL_FLUSH)
        piece = packer.compress(blank) + packer.flush(zlib.Z_FULL_FLUSH)
        checksum = zlib.crc32(start)
        for _ in range(expanded // MiB):
            checksum = zlib.crc32(blank, checksum)
            yield piece
        size = len(start) + expanded // MiB * MiB
        # An empty last block, then the gzip trailer: a whole body for a client that gets there.
        yield b"\x01\x00\x00\xff\xff" + struct.pack("<II", checksum, size & 0xFFFFFFFF)

    return body


GZIP = {"content-type": "application/json", "content-encoding": "gzip"}


# Item 8: a body nested deeper than Python recurses


def test_an_error_body_nested_past_the_recursion_limit_raises_the_status_error(
    server: HTTPServer,
) -> None:
    server.expect_oneshot_request(any_path()).respond_with_data(
        NESTED, status=400, content_type="application/json"
    )
    with client_of(server.url_for("")) as client, pytest.raises(BadRequestError) as raised:
        client.messages.batches.retrieve(BATCH_ID)
    assert raised.value.body == NESTED  # the text, since it cannot be decoded
    assert len(str(raised.value)) < 1000


def test_a_success_body_nested_past_the_recursion_limit_raises_a_validation_error(
    server: HTTPServer,
) -> None:
    server.expect_oneshot_request(any_path()).respond_with_data(
        NESTED, content_type="application/json"
    )
    with client_of(server.url_for("")) as client:
        with pytest.raises(APIResponseValidationError) as raised:
            client.messages.batches.retrieve(BATCH_ID)
    assert raised.value.body == NESTED


def test_an_error_event_nested_past_the_recursion_limit_raises_the_status_error(
    server: HTTPServer,
) -> None:
    events = f"event: error\ndata: {NESTED}\n\n"
    server.expect_oneshot_request(any_path()).respond_with_data(
        events, content_type="text/event-stream"
    )
    with client_of(server.url_for("")) as client:
        stream = client.beta.messages.create(messages=[], **MESSAGE_STREAM)  # type: ignore[call-overload]
        with pytest.raises(APIStatusError) as raised:  # a 200 whose stream says it failed
            list(stream)
    assert raised.value.body == NESTED


# Item 12: lines without end, and lines split into many small chunks


def test_a_body_without_line_ends_is_refused_past_the_longest_line(
    scripted: ScriptedServer,
) -> None:
    """Without a bound, the client held the whole body (and, splitting it quadratically, took
    minutes over 64 MiB); with one, it stops just past 16 MiB."""
    sent: list[int] = []
    scripted.play(
        ended_batch(scripted.url),
        Stream(
            200, repeated(b"x" * 65536, 64 * MiB, sent), {"content-type": "application/x-jsonl"}
        ),
    )
    with client_of(scripted.url) as client:
        results = client.messages.batches.results(BATCH_ID)
        with pytest.raises(LineTooLongError) as raised:
            list(results)
    assert raised.value.max_line_bytes == MAX_LINE_BYTES
    assert str(MAX_LINE_BYTES) in str(raised.value)
    scripted.stop()
    assert sum(sent) < 48 * MiB  # what the client read, and what socket buffers took


def chunked_transport(body: bytes, chunk: int, content_type: str) -> httpx2.Client:
    """An http_client whose every response is `body` in pieces of `chunk` bytes, as a slow
    network delivers it (a socket would merge them), after the ended batch when asked."""

    def handler(request: httpx2.Request) -> httpx2.Response:
        if request.url.path == f"{BASE}/{BATCH_ID}":
            url = f"https://api.example.com{BASE}/{BATCH_ID}/results"
            return httpx2.Response(200, json=batch(processing_status="ended", results_url=url))
        pieces = (body[start : start + chunk] for start in range(0, len(body), chunk))
        return httpx2.Response(200, headers={"content-type": content_type}, content=pieces)

    return httpx2.Client(transport=httpx2.MockTransport(handler))


def test_a_long_line_in_many_small_chunks_is_split_in_linear_time() -> None:
    """8,192 chunks of 512 bytes make one 4 MiB line: joining the buffer to each chunk
    copied 17 GB (seconds); appending copies it once."""
    line = json.dumps({**CANCELED, "custom_id": "x" * (4 * MiB)}).encode() + b"\n"
    http = chunked_transport(line, 512, "application/x-jsonl")
    with Anthropic(api_key=API_KEY, base_url="https://api.example.com", http_client=http) as client:
        started = time.monotonic()
        (result,) = client.messages.batches.results(BATCH_ID)
        elapsed = time.monotonic() - started
    assert len(result.custom_id) == 4 * MiB
    assert elapsed < 2


def test_a_long_event_in_many_small_chunks_is_read_in_linear_time() -> None:
    event = {"type": "content_block_delta", "index": 0}
    data = {**event, "delta": {"type": "text_delta", "text": "x" * (4 * MiB)}}
    body = f"event: content_block_delta\ndata: {json.dumps(data)}\n\n".encode()
    http = chunked_transport(body, 512, "text/event-stream")
    with Anthropic(api_key=API_KEY, base_url="https://api.example.com", http_client=http) as client:
        started = time.monotonic()
        (delta,) = client.beta.messages.create(messages=[], **MESSAGE_STREAM)  # type: ignore[call-overload]
        elapsed = time.monotonic() - started
    assert delta.type == "content_block_delta"
    assert elapsed < 2


def results_of(client: Anthropic) -> list[str]:
    return [item.custom_id for item in client.messages.batches.results(BATCH_ID)]


def line_of(size: int) -> bytes:
    """A results line of exactly `size` bytes, its line end not counted."""
    empty = json.dumps({**CANCELED, "custom_id": ""}).encode()
    return json.dumps({**CANCELED, "custom_id": "x" * (size - len(empty))}).encode() + b"\n"


def test_the_longest_line_is_the_clients_to_choose() -> None:
    body = line_of(1024) + line_of(1025)
    with Anthropic(
        api_key=API_KEY,
        base_url="https://api.example.com",
        http_client=chunked_transport(body, 100, "application/x-jsonl"),
        max_line_bytes=1024,
    ) as client:
        assert client.max_line_bytes == 1024
        stream = iter(client.messages.batches.results(BATCH_ID))
        assert len(next(stream).custom_id) > 900  # a line of 1,024 bytes: at the limit, read
        with pytest.raises(LineTooLongError) as raised:
            next(stream)
        assert raised.value.max_line_bytes == 1024
        assert len(results_of(client.with_options(max_line_bytes=1025))) == 2
        client.max_line_bytes = 4096
        assert len(results_of(client)) == 2
        assert client.with_options().max_line_bytes == 4096


def test_the_clients_longest_line_bounds_a_line_that_arrives_in_one_chunk() -> None:
    """A line whose end comes in the same chunk is as long as one still waiting for it."""
    body = line_of(100) + line_of(5000) + line_of(100)
    with Anthropic(
        api_key=API_KEY,
        base_url="https://api.example.com",
        http_client=chunked_transport(body, len(body), "application/x-jsonl"),
        max_line_bytes=1024,
    ) as client:
        stream = iter(client.messages.batches.results(BATCH_ID))
        next(stream)
        with pytest.raises(LineTooLongError):
            next(stream)


def test_the_clients_longest_line_bounds_server_sent_events() -> None:
    body = f"event: ping\ndata: {{\"type\": \"ping\", \"pad\": \"{'x' * 2000}\"}}\n\n".encode()
    with Anthropic(
        api_key=API_KEY,
        base_url="https://api.example.com",
        http_client=chunked_transport(body, 100, "text/event-stream"),
        max_line_bytes=1024,
    ) as client:
        with pytest.raises(LineTooLongError):
            list(client.beta.messages.create(messages=[], **MESSAGE_STREAM))  # type: ignore[call-overload]
        assert (
            list(  # a ping: passed over, once it may be read whole
                client.with_options(max_line_bytes=4096).beta.messages.create(messages=[], **MESSAGE_STREAM)  # type: ignore[call-overload]
            )
            == []
        )


async def test_the_async_clients_longest_line_is_its_own_too() -> None:
    body = line_of(2000)

    def handler(request: httpx2.Request) -> httpx2.Response:
        if request.url.path == f"{BASE}/{BATCH_ID}":
            url = f"https://api.example.com{BASE}/{BATCH_ID}/results"
            return httpx2.Response(200, json=batch(processing_status="ended", results_url=url))
        return httpx2.Response(200, content=body)

    http = httpx2.AsyncClient(transport=httpx2.MockTransport(handler))
    async with AsyncAnthropic(
        api_key=API_KEY, base_url="https://api.example.com", http_client=http, max_line_bytes=1024
    ) as client:
        with pytest.raises(LineTooLongError):
            [item async for item in await client.messages.batches.results(BATCH_ID)]
        results = await client.with_options(max_line_bytes=2000).messages.batches.results(BATCH_ID)
        assert len([item async for item in results]) == 1
    await http.aclose()


@pytest.mark.parametrize("bad", [0, -1, True, 1.5, "1024"])
def test_a_longest_line_that_is_not_a_positive_whole_number_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="max_line_bytes"):
        Anthropic(api_key=API_KEY, max_line_bytes=bad)  # type: ignore[arg-type]
    client = Anthropic(api_key=API_KEY)
    with pytest.raises(ValueError, match="max_line_bytes"):
        client.max_line_bytes = bad  # type: ignore[assignment]
    with pytest.raises(ValueError, match="max_line_bytes"):
        client.with_options(max_line_bytes=bad)  # type: ignore[arg-type]


# Item 13: pages that point back


def serve_pages(server: HTTPServer, bodies: list[dict[str, Any]], times: int = 1) -> None:
    for _ in range(times):
        for body in bodies:
            server.expect_oneshot_request(any_path()).respond_with_json(body)


def cursor_page(last_id: str) -> dict[str, Any]:
    return {"data": [batch(last_id)], "has_more": True, "first_id": last_id, "last_id": last_id}


def test_a_cursor_page_pointing_to_itself_stops_with_a_clear_error(server: HTTPServer) -> None:
    """The server is bounded (30 answers, then errors); the client stops at the second."""
    serve_pages(server, [cursor_page("msgbatch_a")], times=30)
    with client_of(server.url_for("")) as client:
        page = client.messages.batches.list(limit=1)
        with pytest.raises(RepeatedPageError) as raised:
            list(page)
    assert "msgbatch_a" in str(raised.value)
    assert len(server.log) == 2


def test_cursor_pages_in_a_cycle_stop_with_a_clear_error(server: HTTPServer) -> None:
    serve_pages(server, [cursor_page("msgbatch_a"), cursor_page("msgbatch_b")], times=15)
    with client_of(server.url_for("")) as client:
        seen = []
        with pytest.raises(RepeatedPageError):
            for item in client.messages.batches.list(limit=1):
                seen.append(item.id)
    assert seen == ["msgbatch_a", "msgbatch_b", "msgbatch_a"]
    assert [request.args.get("after_id") for request, _ in server.log] == [
        None,
        "msgbatch_a",
        "msgbatch_b",
    ]


def test_a_token_page_giving_its_own_token_again_stops_with_a_clear_error(
    server: HTTPServer,
) -> None:
    file = {
        "type": "file",
        "id": "file_1",
        "filename": "a.txt",
        "mime_type": "text/plain",
        "size_bytes": 1,
        "created_at": "2025-01-01T00:00:00Z",
    }
    serve_pages(server, [{"data": [file], "next_page": "same", "has_more": True}], times=30)
    with client_of(server.url_for("")) as client:
        with pytest.raises(RepeatedPageError):
            list(client.beta.files.list())
    assert [request.args.get("page") for request, _ in server.log] == [None, "same"]


async def test_the_async_pager_stops_on_a_repeated_cursor_too(server: HTTPServer) -> None:
    serve_pages(server, [cursor_page("msgbatch_a")], times=30)
    async with AsyncAnthropic(api_key=API_KEY, base_url=server.url_for(""), max_retries=0) as c:
        with pytest.raises(RepeatedPageError):
            [item async for item in c.messages.batches.list(limit=1)]
    assert len(server.log) == 2


# Item 14: decompression bombs


def test_a_gzip_bomb_is_stopped_with_a_clear_error(scripted: ScriptedServer) -> None:
    """10 GiB of whitespace in about 20 MB of gzip: the client stops once the body has
    expanded past 64 MiB at more than 250 times what it received (about 140 KB)."""
    scripted.play(Stream(200, gzip_bomb(10 << 30), GZIP))
    with client_of(scripted.url) as client, pytest.raises(InflatedResponseError) as raised:
        client.messages.batches.retrieve(BATCH_ID)
    assert "decompresses to more than" in str(raised.value)
    assert raised.value.response.status_code == 200
    assert raised.value.response.num_bytes_downloaded < MiB


def test_a_gzip_bomb_in_a_stream_is_stopped_with_a_clear_error(
    scripted: ScriptedServer,
) -> None:
    scripted.play(
        ended_batch(scripted.url),
        Stream(200, gzip_bomb(10 << 30), {**GZIP, "content-type": "application/x-jsonl"}),
    )
    with client_of(scripted.url) as client:
        results = client.messages.batches.results(BATCH_ID)
        with pytest.raises(InflatedResponseError) as raised:
            list(results)
    assert raised.value.response.num_bytes_downloaded < MiB


async def test_the_async_client_stops_a_gzip_bomb_too(scripted: ScriptedServer) -> None:
    scripted.play(Stream(200, gzip_bomb(10 << 30), GZIP))
    async with AsyncAnthropic(api_key=API_KEY, base_url=scripted.url, max_retries=0) as client:
        with pytest.raises(InflatedResponseError) as raised:
            await client.messages.batches.retrieve(BATCH_ID)
    assert raised.value.response.num_bytes_downloaded < MiB


def test_a_large_body_that_compresses_honestly_is_read_whole(scripted: ScriptedServer) -> None:
    """The bound is on the ratio past 64 MiB, not on the size: 72 lines of a mebibyte, each
    with 8 KiB that does not compress, expand about 150 times and arrive whole."""

    def body() -> Iterator[bytes]:
        packer = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        for _ in range(72):
            custom_id = os.urandom(4096).hex() + " " * MiB
            yield packer.compress(json.dumps({**CANCELED, "custom_id": custom_id}).encode() + b"\n")
        yield packer.flush()

    scripted.play(
        ended_batch(scripted.url),
        Stream(200, body, {**GZIP, "content-type": "application/x-jsonl"}),
    )
    with client_of(scripted.url) as client:
        assert sum(1 for _ in client.messages.batches.results(BATCH_ID)) == 72
