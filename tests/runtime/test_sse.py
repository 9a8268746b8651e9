"""Pins `_sse`: server-sent events decoded from bytes as they arrive, then read as a stream.

- `SSEDecoder`: however the bytes are cut into chunks (between the halves of `\\r\\n`, inside
  a UTF-8 character, inside a byte-order mark), the events are those of the whole body, and
  those of an independent, whole-text reading of the WHATWG rules (`_reference`): every
  cutting of short bodies into up to four chunks or into single bytes, and hypothesis over
  longer ones. Then each rule on its own: multi-line data, comments, the three line ends, one
  leading BOM, `id` and `retry`, an event with no data not dispatched, an unfinished last
  event discarded while a final lone `\\r` still ends its line, and the line bound. Linear
  work is checked by counting the bytes given to the line-end search, not by timing: each
  byte once, so 4 MB costs 4 times 1 MB, and a body without line ends is refused once the
  bound is passed, not after reading it all.
- `Stream` / `AsyncStream`: `ping` and unnamed events skipped, an `error` event raising the
  status class for the response's status with the event's JSON as its body (a 200 stream
  raises plain `APIStatusError`, as the official SDK does), an unknown event type arriving as
  the union's Unknown variant, a stream that ends early, a connection dropped mid-stream
  raising the client's own `APIConnectionError`, and the response closed by the end, by a
  failure, by `close()` and by the context manager.
"""

from __future__ import annotations

import gc
import importlib
import itertools
import json
import re
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Any, Literal

import httpx2
import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.runtime import _sse
from generator.runtime._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    LineTooLongError,
)
from generator.runtime._models import BaseModel
from generator.runtime._sse import AsyncStream, ServerSentEvent, SSEDecoder, Stream
from generator.runtime._types import EventRules

_golden_config = importlib.import_module("generator.runtime._config")
_golden_exceptions = importlib.import_module("generator.runtime._exceptions")
WidgetsError: type[Exception] = _golden_config.WidgetsError
NotFoundError: type[APIStatusError] = _golden_exceptions.NotFoundError
ServerError: type[APIStatusError] = _golden_exceptions.ServerError

BOM = b"\xef\xbb\xbf"

# A reading of the WHATWG rules written apart from the decoder: decode the whole body, drop one
# leading BOM, split at every line end, and drop what follows the last one (an unfinished line).


def _reference(body: bytes) -> list[ServerSentEvent]:
    text = body.decode("utf-8", errors="replace")
    text = text.removeprefix("\ufeff")
    *lines, _unfinished = re.split(r"\r\n|\r|\n", text)
    events: list[ServerSentEvent] = []
    name, data, last_id, retry = "", list[str](), None, None
    for line in lines:
        if line == "":
            if data:
                events.append(ServerSentEvent(name or None, "\n".join(data), last_id, retry))
            name, data = "", []
            continue
        if line.startswith(":"):
            continue
        field, colon, value = line.partition(":")
        value = value[1:] if colon and value.startswith(" ") else value
        if field == "event":
            name = value
        elif field == "data":
            data.append(value)
        elif field == "id" and "\0" not in value:
            last_id = value
        elif field == "retry" and value and all(c in "0123456789" for c in value):
            retry = int(value)
    return events


def _decode(chunks: list[bytes], decoder: SSEDecoder | None = None) -> list[ServerSentEvent]:
    decoder = decoder or SSEDecoder()
    events: list[ServerSentEvent] = []
    for chunk in chunks:
        events.extend(decoder.feed(chunk))
    return events + decoder.finish()


def _chunks_at(body: bytes, cuts: list[int]) -> list[bytes]:
    edges = [0, *sorted(cuts), len(body)]
    return [body[start:end] for start, end in itertools.pairwise(edges)]


def _every_cutting(body: bytes, most: int = 3) -> Iterator[list[bytes]]:
    """`body` cut at every set of up to `most` positions, then into single bytes: every way
    that up to three chunk edges can fall, in quadratic-ish rather than exponential time."""
    for count in range(most + 1):
        for cuts in itertools.combinations(range(1, len(body)), count):
            yield _chunks_at(body, list(cuts))
    yield [body[i : i + 1] for i in range(len(body))]


# Every cutting of short bodies (up to three chunk edges, or one at every byte), each body
# chosen to put an edge where it can hurt.

SHORT_BODIES = [
    BOM + b"\ndata: x\n\n",  # a line end straight after the BOM
    BOM + b"data:\xe2\x82\xac\r\n\r\n",  # a BOM, a 3-byte character and \r\n pairs
    b"\ndata:y\n\n",
    b"\n" + BOM + b"data:y\n\n",  # a BOM after the first line is a character, not a mark
    b"data:a\r\rdata:b",  # a lone \r ends lines; the last event is unfinished
    b"data:a\n\r",  # a final lone \r ends its (blank) line
    b"event:e\r\ndata\r\n\n:c\nid:1\n",
]


@pytest.mark.parametrize("body", SHORT_BODIES)
def test_every_cutting_of_a_short_body_gives_the_events_of_the_whole(body: bytes) -> None:
    expected = _reference(body)
    assert _decode([body]) == expected
    for chunks in _every_cutting(body):
        assert _decode(chunks) == expected, chunks


PIECES = st.sampled_from(
    [
        b"\n",
        b"\r",
        b"\r\n",
        b"\n\n",
        b"\r\n\r\n",
        b"data: ",
        b"data:",
        b"data",
        b"event: ",
        b"event:",
        b"id: ",
        b"retry: ",
        b":",
        b": ping",
        b" ",
        b"x",
        b"12",
        b"message_start",
        b'{"type": "ping"}',
        "é".encode(),
        "€".encode(),
        "𝄞".encode(),
        b"\xff",  # not UTF-8 at all
        b"\x00",
        BOM,
    ]
)


@settings(derandomize=True, deadline=None, max_examples=300)
@given(st.data())
def test_the_events_do_not_depend_on_how_the_bytes_are_cut(data: st.DataObject) -> None:
    opening = data.draw(st.sampled_from([b"", BOM, BOM[:2]]), label="opening")
    body = opening + b"".join(data.draw(st.lists(PIECES, max_size=40), label="pieces"))
    cuts = data.draw(st.lists(st.integers(0, len(body)), max_size=16), label="cuts")
    expected = _reference(body)
    assert _decode([body]) == expected
    assert _decode(_chunks_at(body, cuts)) == expected
    assert _decode([body[i : i + 1] for i in range(len(body))]) == expected


# The rules one by one


def test_data_lines_join_with_a_newline_and_one_leading_space_goes() -> None:
    body = b"data: first\ndata:second\ndata:  third\ndata\n\n"
    assert _decode([body]) == [ServerSentEvent(None, "first\nsecond\n third\n")]


def test_comments_and_unknown_fields_are_ignored() -> None:
    body = b": keep-alive\nevent: message_start\n:another\nfoo: bar\ndata: {}\n\n"
    assert _decode([body]) == [ServerSentEvent("message_start", "{}")]


@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r"], ids=["lf", "crlf", "cr"])
def test_each_line_end_ends_a_line(end: bytes) -> None:
    body = end.join([b"event: a", b"data: 1", b"", b"data: 2", b"", b""])
    assert _decode([body]) == [ServerSentEvent("a", "1"), ServerSentEvent(None, "2")]


def test_a_cr_then_an_lf_in_the_next_chunk_is_one_line_end() -> None:
    # Were the \r taken as a line end on its own, the \n would make a blank line and
    # dispatch the event early, split in two.
    assert _decode([b"data: a\r", b"\ndata: b\r", b"\n\r", b"\n"]) == [
        ServerSentEvent(None, "a\nb")
    ]


def test_one_leading_byte_order_mark_is_dropped_wherever_the_chunks_cut_it() -> None:
    body = BOM + b"data: x\n\n"
    for chunks in _every_cutting(body[:6], most=5):
        assert _decode([*chunks, body[6:]]) == [ServerSentEvent(None, "x")]
    # A second one is part of the field name, which is then no field at all.
    assert _decode([BOM + BOM + b"data: x\n\n"]) == []


def test_a_byte_order_mark_after_the_first_line_is_not_dropped() -> None:
    assert _decode([b"\n", BOM + b"data: x\n\n"]) == []
    assert _decode([b"\n" + BOM + b"data: x\n\n"]) == []


def test_a_line_end_right_after_a_split_byte_order_mark_is_seen() -> None:
    """The BOM's bytes arrive apart and a line end follows at once: the decoder must not skip
    over the first bytes after the mark when it looks for line ends."""
    assert _decode([BOM[:2], BOM[2:] + b"\ndata: x\n\n"]) == [ServerSentEvent(None, "x")]
    assert _decode([BOM[:1], BOM[1:2], BOM[2:] + b":\ndata: x\n\n"]) == [ServerSentEvent(None, "x")]


def test_id_and_retry_are_kept_and_carry_over_to_later_events() -> None:
    body = b"id: 7\nretry: 2500\ndata: a\n\ndata: b\n\nid: a\x00b\nretry: 1s\ndata: c\n\n"
    assert _decode([body]) == [
        ServerSentEvent(None, "a", "7", 2500),
        ServerSentEvent(None, "b", "7", 2500),
        ServerSentEvent(None, "c", "7", 2500),  # an id holding NUL, a retry not digits: ignored
    ]


def test_an_event_with_no_data_is_not_dispatched_and_its_name_does_not_leak() -> None:
    body = b"event: ping\n\nid: 1\n\ndata: x\n\n"
    assert _decode([body]) == [ServerSentEvent(None, "x", "1")]


def test_an_empty_data_field_still_dispatches_an_event() -> None:
    assert _decode([b"event: e\ndata\n\n"]) == [ServerSentEvent("e", "")]


def test_an_unfinished_last_event_is_discarded() -> None:
    assert _decode([b"data: a\n\ndata: b\n"]) == [ServerSentEvent(None, "a")]
    assert _decode([b"data: a\n\ndata: b"]) == [ServerSentEvent(None, "a")]


def test_a_final_lone_cr_still_ends_its_line() -> None:
    # Held back as the possible first half of \r\n, it ends its line when the body ends.
    assert _decode([b"data: a\r\r"]) == [ServerSentEvent(None, "a")]
    assert _decode([b"data: a\r", b"\r"]) == [ServerSentEvent(None, "a")]
    assert _decode([b"data: a\r"]) == []  # its line ends, but no blank line follows


def test_invalid_utf8_is_replaced_not_raised() -> None:
    assert _decode([b"data: \xff\xfe\n\n"]) == [ServerSentEvent(None, "\ufffd\ufffd")]


def test_event_json() -> None:
    assert ServerSentEvent("e", '{"a": [1]}').json() == {"a": [1]}


# The line bound


def test_a_line_over_the_bound_raises() -> None:
    decoder = SSEDecoder(max_line_bytes=10)
    assert decoder.feed(b"data: 0123") == []  # 10 bytes held: at the bound, not over it
    with pytest.raises(LineTooLongError) as raised:
        decoder.feed(b"4")
    assert raised.value.max_line_bytes == 10
    assert isinstance(raised.value, WidgetsError)


def test_the_bound_counts_the_unfinished_line_only() -> None:
    decoder = SSEDecoder(max_line_bytes=10)
    assert decoder.feed(b"data: 01\n\ndata: 0123\n\n") == [
        ServerSentEvent(None, "01"),
        ServerSentEvent(None, "0123"),
    ]
    assert decoder.feed(b"data: 0123") == []
    assert decoder.feed(b"\r") == []  # a held-back \r is not part of the line
    assert decoder.feed(b"\n") == []


# Linear work: the bytes the line-end search is given, counted


class _CountingSearch:
    """`_last_line_end` with a tally of the bytes each call may examine."""

    def __init__(self, search: Callable[[bytes, int, int], int]) -> None:
        self.search = search
        self.examined = 0
        self.searches = 0

    def __call__(self, data: bytes, start: int, stop: int) -> int:
        self.searches += 1
        self.examined += stop - start
        return self.search(data, start, stop)


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> _CountingSearch:
    counter = _CountingSearch(_sse._last_line_end)
    monkeypatch.setattr(_sse, "_last_line_end", counter)
    return counter


EVENT = b"event: content_block_delta\ndata: " + b"x" * 90 + b"\n\n"
CHUNK = 64 * 1024


def _decode_in_chunks(body: bytes, decoder: SSEDecoder) -> int:
    count = 0
    for start in range(0, len(body), CHUNK):
        count += len(decoder.feed(body[start : start + CHUNK]))
    return count + len(decoder.finish())


def test_decoding_work_grows_linearly_with_the_body(counting: _CountingSearch) -> None:
    work: dict[int, int] = {}
    for megabytes in (1, 4):
        body = EVENT * (megabytes * 1024 * 1024 // len(EVENT))
        counting.examined = 0
        assert _decode_in_chunks(body, SSEDecoder()) == body.count(b"\n\n")
        work[megabytes] = counting.examined
        assert counting.examined <= len(body) + CHUNK  # each byte examined about once
    assert work[4] / work[1] == pytest.approx(4, rel=0.05)


def test_a_body_without_line_ends_is_examined_once_and_refused_at_the_bound(
    counting: _CountingSearch,
) -> None:
    body = b"data: " + b"x" * (10 * 1024 * 1024)
    decoder = SSEDecoder(max_line_bytes=1024 * 1024)
    fed = 0
    with pytest.raises(LineTooLongError):
        for start in range(0, len(body), CHUNK):
            fed += 1
            decoder.feed(body[start : start + CHUNK])
    assert fed == 1024 * 1024 // CHUNK + 1  # refused with the first chunk over the bound
    assert counting.examined == fed * CHUNK  # no byte searched twice


def test_a_body_without_line_ends_under_the_bound_is_examined_once(
    counting: _CountingSearch,
) -> None:
    body = b"x" * (4 * 1024 * 1024)
    assert _decode_in_chunks(body, SSEDecoder()) == 0
    assert counting.examined == len(body)
    assert counting.searches == len(body) // CHUNK


def test_a_body_of_many_lines_in_one_chunk_is_examined_once(counting: _CountingSearch) -> None:
    body = b"data: 1\n" * 200_000 + b"\n"
    assert _decode([body]) == [ServerSentEvent(None, "\n".join(["1"] * 200_000))]
    assert counting.examined == len(body)


# Streams


class Delta(BaseModel):
    type: Literal["delta"]
    text: str


class Stop(BaseModel):
    type: Literal["stop"]


class UnknownEvent(BaseModel):
    """As the generator writes a union's Unknown variant: any tag but the known ones."""

    model_config = pydantic.ConfigDict(regex_engine="python-re")
    if TYPE_CHECKING:
        type: Literal["unknown"]
    else:
        type: Annotated[str, pydantic.Field(pattern=r"^(?!(?:delta|stop)\Z)")]


Event = Delta | Stop | UnknownEvent
RULES = EventRules(skip=frozenset({"ping"}), skip_unnamed=True, error="error")
REQUEST = httpx2.Request("POST", "https://api.example.com/v1/messages")
ERROR = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}


def _parse(data: str) -> Any:
    return BaseModel.parse_response(Event, data, "req_1")


def _status_error(response: httpx2.Response, body: object) -> Exception:
    from generator.runtime._base_client import status_error

    return status_error(response, body)


def sse(name: str | None, data: object) -> bytes:
    head = b"" if name is None else f"event: {name}\n".encode()
    return head + f"data: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


SPLIT = sse("delta", {"type": "delta", "text": "lö"})
CUT = SPLIT.index("ö".encode()) + 1  # inside the two bytes of ö
BODY = [
    sse("delta", {"type": "delta", "text": "Hel"}),
    b": a comment\n" + sse("ping", {"type": "ping"}),
    sse(None, {"type": "delta", "text": "unnamed"}),
    SPLIT[:CUT],  # an event cut across chunks, inside a character
    SPLIT[CUT:],
    sse("stop", {"type": "stop"}),
]


class Chunks(httpx2.SyncByteStream):
    """A body that counts what was read, may fail after its chunks, and sees its closing."""

    def __init__(self, chunks: list[bytes], then: Exception | None = None) -> None:
        self.chunks = chunks
        self.then = then
        self.pulled = 0
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.pulled += 1
            yield chunk
        if self.then is not None:
            raise self.then

    def close(self) -> None:
        self.closed = True


class AsyncChunks(httpx2.AsyncByteStream):
    def __init__(self, chunks: list[bytes], then: Exception | None = None) -> None:
        self.chunks = chunks
        self.then = then
        self.pulled = 0
        self.closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            self.pulled += 1
            yield chunk
        if self.then is not None:
            raise self.then

    async def aclose(self) -> None:
        self.closed = True


def _stream(body: Chunks, status: int = 200) -> Stream[Any]:
    response = httpx2.Response(
        status, headers={"request-id": "req_1"}, stream=body, request=REQUEST
    )
    return Stream(response, _parse, RULES, _status_error)


def _async_stream(body: AsyncChunks, status: int = 200) -> AsyncStream[Any]:
    response = httpx2.Response(
        status, headers={"request-id": "req_1"}, stream=body, request=REQUEST
    )
    return AsyncStream(response, _parse, RULES, _status_error)


def _texts(events: list[Any]) -> list[str]:
    return [e.text if isinstance(e, Delta) else e.type for e in events]


def test_stream_skips_pings_and_unnamed_events_and_parses_the_rest() -> None:
    body = Chunks(BODY)
    events = list(_stream(body))
    assert _texts(events) == ["Hel", "lö", "stop"]
    assert all(event._request_id == "req_1" for event in events)
    assert body.closed


def test_stream_reads_no_further_than_the_event_it_yields() -> None:
    body = Chunks(BODY)
    events = iter(_stream(body))
    assert _texts([next(events)]) == ["Hel"]
    assert body.pulled == 1
    assert _texts([next(events)]) == ["lö"]
    assert body.pulled == 5


def test_without_rules_nothing_is_skipped() -> None:
    response = httpx2.Response(200, stream=Chunks(BODY[:3]), request=REQUEST)
    stream = Stream(response, lambda data: json.loads(data), EventRules(), _status_error)
    assert [event.get("text") for event in stream] == ["Hel", None, "unnamed"]


def test_an_unknown_event_type_arrives_as_the_unknown_variant() -> None:
    new = sse("citations_delta", {"type": "citations_delta", "citation": {"n": 1}})
    events = list(_stream(Chunks([new, BODY[-1]])))
    unknown, stop = events
    assert isinstance(unknown, UnknownEvent) and isinstance(stop, Stop)
    assert (unknown.type, unknown.model_extra) == ("citations_delta", {"citation": {"n": 1}})


def test_a_known_event_that_does_not_fit_raises_a_validation_error() -> None:
    body = Chunks([sse("delta", {"type": "delta"}), BODY[-1]])
    with pytest.raises(APIResponseValidationError) as raised:
        list(_stream(body))
    assert raised.value.body == '{"type": "delta"}'
    assert body.closed


@pytest.mark.parametrize(
    ("status", "error_class"),
    [(200, APIStatusError), (404, NotFoundError), (529, ServerError)],
)
def test_an_error_event_raises_the_status_class_with_the_event_as_body(
    status: int, error_class: type[APIStatusError]
) -> None:
    body = Chunks([BODY[0], sse("error", ERROR), BODY[-1]])
    stream = iter(_stream(body, status))
    assert _texts([next(stream)]) == ["Hel"]
    with pytest.raises(APIStatusError) as raised:
        next(stream)
    assert type(raised.value) is error_class
    assert raised.value.body == ERROR
    assert (raised.value.status_code, raised.value.request_id) == (status, "req_1")
    assert "overloaded_error" in str(raised.value)
    assert body.closed and body.pulled == 2


def test_an_error_event_that_is_not_json_keeps_its_text() -> None:
    with pytest.raises(APIStatusError) as raised:
        list(_stream(Chunks([b"event: error\ndata: upstream went away\n\n"])))
    assert raised.value.body == "upstream went away"


def test_a_stream_that_ends_early_gives_what_it_finished_and_no_more() -> None:
    body = Chunks([BODY[0], b'event: delta\ndata: {"type": "delta", "te'])
    assert _texts(list(_stream(body))) == ["Hel"]
    assert body.closed


def test_a_connection_dropped_mid_stream_raises_the_clients_own_error() -> None:
    dropped = httpx2.RemoteProtocolError("peer closed connection", request=REQUEST)
    body = Chunks(BODY[:2], then=dropped)
    seen: list[Any] = []
    with pytest.raises(APIConnectionError) as raised:
        seen.extend(_stream(body))
    assert _texts(seen) == ["Hel"]
    assert isinstance(raised.value, WidgetsError)
    assert raised.value.__cause__ is dropped
    assert body.closed


def test_a_read_timeout_mid_stream_raises_the_clients_timeout_error() -> None:
    from generator.runtime._errors import APITimeoutError

    body = Chunks(BODY[:1], then=httpx2.ReadTimeout("slow", request=REQUEST))
    with pytest.raises(APITimeoutError):
        list(_stream(body))


def test_close_releases_the_response_midway() -> None:
    body = Chunks(BODY)
    stream = _stream(body)
    events = iter(stream)
    next(events)
    stream.close()
    assert stream.response.is_closed and body.closed
    assert body.pulled == 1


def test_a_loop_over_a_stream_nothing_else_holds_reads_it_whole() -> None:
    """`for event in client.messages.create(stream=True)`: only the loop holds the stream, and
    the release of a dropped stream must not close the connection under it."""
    body = Chunks(BODY)
    assert _texts(list(iter(_stream(body)))) == _texts(list(_stream(Chunks(BODY))))
    assert body.closed


def test_a_stream_dropped_unread_gives_its_connection_back() -> None:
    body = Chunks(BODY)
    stream = _stream(body)
    del stream
    gc.collect()
    assert body.closed and body.pulled == 0


def test_a_stream_dropped_midway_gives_its_connection_back() -> None:
    body = Chunks(BODY)
    events = iter(_stream(body))
    next(events)
    del events
    gc.collect()
    assert body.closed


def test_the_context_manager_closes_the_response_when_left_early() -> None:
    body = Chunks(BODY)
    with _stream(body) as stream:
        events = iter(stream)
        assert _texts([next(events)]) == ["Hel"]
        assert not stream.response.is_closed
    assert stream.response.is_closed and body.closed


def test_the_context_manager_closes_an_unread_stream() -> None:
    body = Chunks(BODY)
    with _stream(body):
        pass
    assert body.closed and body.pulled == 0


async def test_async_stream_skips_and_parses() -> None:
    body = AsyncChunks(BODY)
    events = [event async for event in _async_stream(body)]
    assert _texts(events) == ["Hel", "lö", "stop"]
    assert body.closed


async def test_async_stream_reads_no_further_than_the_event_it_yields() -> None:
    body = AsyncChunks(BODY)
    events = aiter(_async_stream(body))
    assert _texts([await anext(events)]) == ["Hel"]
    assert body.pulled == 1


async def test_async_unknown_event_type_arrives_as_the_unknown_variant() -> None:
    new = sse("citations_delta", {"type": "citations_delta"})
    events = [event async for event in _async_stream(AsyncChunks([new]))]
    assert isinstance(events[0], UnknownEvent)


@pytest.mark.parametrize(("status", "error_class"), [(200, APIStatusError), (529, ServerError)])
async def test_async_error_event_raises_the_status_class(
    status: int, error_class: type[APIStatusError]
) -> None:
    body = AsyncChunks([BODY[0], sse("error", ERROR)])
    seen: list[Any] = []
    with pytest.raises(APIStatusError) as raised:
        async for event in _async_stream(body, status):
            seen.append(event)
    assert type(raised.value) is error_class and raised.value.body == ERROR
    assert _texts(seen) == ["Hel"] and body.closed


async def test_async_stream_that_ends_early() -> None:
    body = AsyncChunks([BODY[0], b"data: {"])
    assert _texts([event async for event in _async_stream(body)]) == ["Hel"]


async def test_async_connection_dropped_mid_stream_raises_the_clients_own_error() -> None:
    body = AsyncChunks(BODY[:1], then=httpx2.ReadError("reset", request=REQUEST))
    with pytest.raises(APIConnectionError):
        [event async for event in _async_stream(body)]
    assert body.closed


async def test_async_close_and_context_manager_release_the_response() -> None:
    body = AsyncChunks(BODY)
    stream = _async_stream(body)
    events = aiter(stream)
    await anext(events)
    await stream.close()
    assert body.closed and body.pulled == 1
    body = AsyncChunks(BODY)
    async with _async_stream(body) as stream:
        events = aiter(stream)
        await anext(events)
        assert not stream.response.is_closed
    assert stream.response.is_closed and body.closed


# One pass over the events, however it is taken, as the official SDK's streams have it


def test_a_loop_left_early_and_begun_again_goes_on_where_it_stopped() -> None:
    body = Chunks(BODY)
    stream = _stream(body)
    for event in stream:
        assert _texts([event]) == ["Hel"]
        break
    assert not stream.response.is_closed  # leaving the loop does not end the stream
    assert _texts(list(stream)) == ["lö", "stop"]
    assert body.closed


def test_next_takes_one_event_at_a_time() -> None:
    stream = _stream(Chunks(BODY))
    assert _texts([next(stream), next(stream)]) == ["Hel", "lö"]
    assert _texts([next(iter(stream))]) == ["stop"]
    with pytest.raises(StopIteration):
        next(stream)
    assert stream.response.is_closed


async def test_async_loop_left_early_and_begun_again_goes_on_where_it_stopped() -> None:
    body = AsyncChunks(BODY)
    stream = _async_stream(body)
    async for event in stream:
        assert _texts([event]) == ["Hel"]
        break
    assert _texts([await anext(stream)]) == ["lö"]
    assert _texts([event async for event in stream]) == ["stop"]
    assert body.closed
