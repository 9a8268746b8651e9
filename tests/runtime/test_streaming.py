"""Pins `_streaming`: JSON-lines bodies split at `\\n` bytes only, parsed one line at a time.

- `_LineSplitter`: however a byte string is cut into chunks, the lines it gives out are the
  non-blank `\\n`-separated lines of the whole (every cutting of a short string, and
  hypothesis over longer ones); U+2028 inside a JSON string does not end a line; a last line
  without a newline still comes out.
- `SyncJSONLStream` / `AsyncJSONLStream`: each line parsed into the model as it arrives (the
  body is read no further than needed), the response's `request-id` kept on each item, a line
  that does not fit raising `APIResponseValidationError`, and the response closed after
  iteration, after a failure, by `close()` and by the context manager; also end to end through
  the clients' `stream_jsonl` over a `MockTransport`.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator

import httpx2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.runtime._auth import Credentials
from generator.runtime._base_client import AsyncAPIClient, SyncAPIClient
from generator.runtime._errors import APIResponseValidationError
from generator.runtime._models import BaseModel
from generator.runtime._request import APIRequest
from generator.runtime._streaming import AsyncJSONLStream, SyncJSONLStream, _LineSplitter

LINE_SEPARATOR = "\u2028"


class Line(BaseModel):
    n: int
    text: str = ""


def _expected_lines(body: bytes) -> list[bytes]:
    return [line for line in body.split(b"\n") if line.strip()]


def _split_all(chunks: list[bytes]) -> list[bytes]:
    splitter = _LineSplitter()
    lines: list[bytes] = []
    for chunk in chunks:
        lines.extend(splitter.feed(chunk))
    return lines + splitter.finish()


def _chunks_at(body: bytes, cuts: list[int]) -> list[bytes]:
    edges = [0, *sorted(cuts), len(body)]
    return [body[start:end] for start, end in itertools.pairwise(edges)]


# _LineSplitter


SHORT_BODY = b"{}\n \n\xe2\x80\xa8x\r\n\ny"


def test_line_splitter_gives_the_same_lines_for_every_cutting_of_a_short_body() -> None:
    expected = _expected_lines(SHORT_BODY)
    assert expected == [b"{}", b"\xe2\x80\xa8x\r", b"y"]
    inner = range(1, len(SHORT_BODY))
    for flags in itertools.product([False, True], repeat=len(inner)):
        cuts = [position for position, cut in zip(inner, flags, strict=True) if cut]
        assert _split_all(_chunks_at(SHORT_BODY, cuts)) == expected, cuts


PIECES = st.sampled_from(
    [b"\n", b"\n", b"\n\n", b"a", b'{"n": 1}', b" ", b"\r", b"\t", LINE_SEPARATOR.encode(), b"\xe9"]
)


@settings(derandomize=True, deadline=None, max_examples=100)
@given(st.data())
def test_line_splitter_gives_the_non_blank_lines_however_the_bytes_are_cut(
    data: st.DataObject,
) -> None:
    body = b"".join(data.draw(st.lists(PIECES, max_size=40), label="pieces"))
    cuts = data.draw(st.lists(st.integers(0, len(body)), max_size=12), label="cuts")
    assert _split_all(_chunks_at(body, cuts)) == _expected_lines(body)


def test_line_splitter_keeps_a_line_separator_inside_a_json_string() -> None:
    line = f'{{"n": 1, "text": "a{LINE_SEPARATOR}b"}}'.encode()
    assert _split_all([line + b"\n", line]) == [line, line]


def test_line_splitter_holds_a_partial_line_until_its_newline_arrives() -> None:
    splitter = _LineSplitter()
    assert splitter.feed(b'{"n": ') == []
    assert splitter.feed(b'1}\n{"n"') == [b'{"n": 1}']
    assert splitter.feed(b": 2}") == []
    assert splitter.finish() == [b'{"n": 2}']
    assert splitter.finish() == []


def test_line_splitter_drops_a_blank_last_line() -> None:
    splitter = _LineSplitter()
    assert splitter.feed(b'{"n": 1}\n  \t') == [b'{"n": 1}']
    assert splitter.finish() == []


# Byte streams that count what was read and see whether they were closed


class Chunks(httpx2.SyncByteStream):
    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.pulled = 0
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.pulled += 1
            yield chunk

    def close(self) -> None:
        self.closed = True


class AsyncChunks(httpx2.AsyncByteStream):
    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.pulled = 0
        self.closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            self.pulled += 1
            yield chunk

    async def aclose(self) -> None:
        self.closed = True


REQUEST = httpx2.Request("GET", "https://api.example.com/v1/results")
BODY_CHUNKS = [b'{"n": 1}\n{"n"', b": 2}\n", b'\n{"n": 3, "text": "a', b"\xe2\x80", b'\xa8b"}']
EXPECTED = [(1, ""), (2, ""), (3, f"a{LINE_SEPARATOR}b")]


def _values(items: list[Line]) -> list[tuple[int, str]]:
    """What each item holds (model equality also compares the private `_request_id`)."""
    assert all(isinstance(item, Line) for item in items)
    return [(item.n, item.text) for item in items]


def _sync_response(stream: Chunks) -> httpx2.Response:
    return httpx2.Response(200, headers={"request-id": "req_1"}, stream=stream, request=REQUEST)


def _async_response(stream: AsyncChunks) -> httpx2.Response:
    return httpx2.Response(200, headers={"request-id": "req_1"}, stream=stream, request=REQUEST)


# SyncJSONLStream


def test_sync_stream_parses_each_line_into_the_model() -> None:
    items = list(SyncJSONLStream(_sync_response(Chunks(BODY_CHUNKS)), Line))
    assert _values(items) == EXPECTED
    assert [item._request_id for item in items] == ["req_1"] * 3


def test_sync_stream_reads_the_body_only_as_far_as_the_line_it_yields() -> None:
    chunks = Chunks(BODY_CHUNKS)
    items = iter(SyncJSONLStream(_sync_response(chunks), Line))
    assert _values([next(items)]) == [(1, "")]
    assert chunks.pulled == 1
    assert _values([next(items)]) == [(2, "")]
    assert chunks.pulled == 2
    assert not chunks.closed
    assert _values(list(items)) == EXPECTED[2:]


def test_sync_stream_closes_the_response_after_iteration() -> None:
    chunks = Chunks(BODY_CHUNKS)
    response = _sync_response(chunks)
    list(SyncJSONLStream(response, Line))
    assert response.is_closed and chunks.closed


@pytest.mark.parametrize(
    ("bad_line", "body"),
    [(b'{"n": "many"}', {"text": '{"n": "many"}'}), (b"not json", {"text": "not json"})],
)
def test_sync_stream_yields_every_line_that_fits_then_raises_for_one_that_does_not(
    bad_line: bytes, body: dict[str, str]
) -> None:
    chunks = Chunks([b'{"n": 1}\n', bad_line + b"\n", b'{"n": 3}\n'])
    response = _sync_response(chunks)
    stream = SyncJSONLStream(response, Line)
    items = iter(stream)
    assert _values([next(items), next(items)]) == [(1, ""), (3, "")]
    with pytest.raises(APIResponseValidationError) as caught:
        next(items)
    assert caught.value.body == body["text"]
    assert caught.value.response is response
    assert caught.value.status_code == 200
    assert "1 line(s) did not fit Line (line 2)" in caught.value.message
    assert [(line.number, line.text) for line in stream.invalid_lines] == [(2, body["text"])]
    assert response.is_closed and chunks.closed
    assert chunks.pulled == 3


# httpx2's own byte iterator closes the response when it ends or is dropped; a plain iterator
# put in its place does not, so in the next two tests what closes the response is the stream.


def test_sync_stream_closes_the_response_itself_at_the_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    response = _sync_response(Chunks([]))
    monkeypatch.setattr(
        response, "iter_bytes", lambda chunk_size=None: iter([b'{"n": 1}\n', b'{"n": 2}'])
    )
    assert _values(list(SyncJSONLStream(response, Line))) == [(1, ""), (2, "")]
    assert response.is_closed


def test_sync_stream_closes_the_response_itself_on_a_bad_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    response = _sync_response(Chunks([]))
    monkeypatch.setattr(
        response, "iter_bytes", lambda chunk_size=None: iter([b'{"n": 1}\n{oops}\n{"n": 3}\n'])
    )
    with pytest.raises(APIResponseValidationError):
        list(SyncJSONLStream(response, Line))
    assert response.is_closed


def test_sync_stream_close_releases_the_response_midway() -> None:
    chunks = Chunks(BODY_CHUNKS)
    response = _sync_response(chunks)
    stream = SyncJSONLStream(response, Line)
    items = iter(stream)
    next(items)
    stream.close()
    assert response.is_closed and chunks.closed
    assert chunks.pulled == 1


def test_sync_stream_context_manager_closes_the_response_when_left_early() -> None:
    chunks = Chunks(BODY_CHUNKS)
    response = _sync_response(chunks)
    with SyncJSONLStream(response, Line) as stream:
        items = iter(stream)
        assert _values([next(items)]) == [(1, "")]
        assert not response.is_closed
    assert response.is_closed and chunks.closed


def test_sync_stream_over_a_content_iterator_response() -> None:
    response = httpx2.Response(200, content=iter(BODY_CHUNKS), request=REQUEST)
    assert _values(list(SyncJSONLStream(response, Line))) == EXPECTED
    assert response.is_closed


def test_sync_client_stream_jsonl_streams_a_mock_transport_body(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chunks = Chunks(BODY_CHUNKS)

    def handler(request: httpx2.Request) -> httpx2.Response:
        assert request.url.path == "/v1/results"
        return httpx2.Response(200, headers={"request-id": "req_9"}, stream=chunks)

    client = SyncAPIClient(
        credentials=Credentials(headers={"x-api-key": "sk"}),
        base_url="https://api.example.com",
        timeout=5.0,
        max_retries=0,
        default_headers=None,
        default_query=None,
        http_client=httpx2.Client(transport=httpx2.MockTransport(handler)),
    )
    with client.stream_jsonl(APIRequest("GET", "/v1/results", Line)) as stream:
        assert chunks.pulled == 0
        items = list(stream)
    assert _values(items) == EXPECTED
    assert items[0]._request_id == "req_9"
    assert chunks.closed


# AsyncJSONLStream


async def test_async_stream_parses_each_line_into_the_model() -> None:
    items = [
        item async for item in AsyncJSONLStream(_async_response(AsyncChunks(BODY_CHUNKS)), Line)
    ]
    assert _values(items) == EXPECTED
    assert [item._request_id for item in items] == ["req_1"] * 3


async def test_async_stream_reads_the_body_only_as_far_as_the_line_it_yields() -> None:
    chunks = AsyncChunks(BODY_CHUNKS)
    items = aiter(AsyncJSONLStream(_async_response(chunks), Line))
    assert _values([await anext(items)]) == [(1, "")]
    assert chunks.pulled == 1
    assert _values([await anext(items)]) == [(2, "")]
    assert chunks.pulled == 2
    assert _values([item async for item in items]) == EXPECTED[2:]


async def test_async_stream_closes_the_response_after_iteration() -> None:
    chunks = AsyncChunks(BODY_CHUNKS)
    response = _async_response(chunks)
    assert _values([item async for item in AsyncJSONLStream(response, Line)]) == EXPECTED
    assert response.is_closed and chunks.closed


async def test_async_stream_yields_every_line_that_fits_then_raises_for_one_that_does_not() -> None:
    chunks = AsyncChunks([b'{"n": 1}\n{"n": [1]}\n', b'{"n": 3}\n'])
    response = _async_response(chunks)
    stream = AsyncJSONLStream(response, Line)
    items = aiter(stream)
    assert _values([await anext(items), await anext(items)]) == [(1, ""), (3, "")]
    with pytest.raises(APIResponseValidationError) as caught:
        await anext(items)
    assert caught.value.body == '{"n": [1]}'
    assert caught.value.response is response
    assert [line.number for line in stream.invalid_lines] == [2]
    assert response.is_closed and chunks.closed
    assert chunks.pulled == 2


async def test_async_stream_close_releases_the_response_midway() -> None:
    chunks = AsyncChunks(BODY_CHUNKS)
    response = _async_response(chunks)
    stream = AsyncJSONLStream(response, Line)
    items = aiter(stream)
    await anext(items)
    await stream.close()
    assert response.is_closed and chunks.closed
    assert chunks.pulled == 1


async def test_async_stream_context_manager_closes_the_response_when_left_early() -> None:
    chunks = AsyncChunks(BODY_CHUNKS)
    response = _async_response(chunks)
    async with AsyncJSONLStream(response, Line) as stream:
        items = aiter(stream)
        assert _values([await anext(items)]) == [(1, "")]
        assert not response.is_closed
    assert response.is_closed and chunks.closed


async def test_async_stream_over_an_async_content_iterator_response() -> None:
    async def content() -> AsyncIterator[bytes]:
        for chunk in BODY_CHUNKS:
            yield chunk

    response = httpx2.Response(200, content=content(), request=REQUEST)
    assert _values([item async for item in AsyncJSONLStream(response, Line)]) == EXPECTED
    assert response.is_closed


async def test_async_client_stream_jsonl_streams_a_mock_transport_body() -> None:
    chunks = AsyncChunks(BODY_CHUNKS)

    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, headers={"request-id": "req_9"}, stream=chunks)

    client = AsyncAPIClient(
        credentials=Credentials(headers={"x-api-key": "sk"}),
        base_url="https://api.example.com",
        timeout=5.0,
        max_retries=0,
        default_headers=None,
        default_query=None,
        http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(handler)),
    )
    async with await client.stream_jsonl(APIRequest("GET", "/v1/results", Line)) as stream:
        assert chunks.pulled == 0
        items = [item async for item in stream]
    assert _values(items) == EXPECTED
    assert items[0]._request_id == "req_9"
    assert chunks.closed
