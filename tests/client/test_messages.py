"""`client.messages` and `client.beta.messages` (create, count_tokens) on the wire, sync and
async: the exact JSON body with every optional argument; `stream=True` as a stream of typed
events (each delta kind), iterable and a context manager that closes the response; `ping`
passed over, an `error` event raised as plain `APIStatusError` (the stream's status is 200),
an event type from a newer API as the Unknown variant; a request retried only before its
stream starts (a 529 is retried, a connection dropped mid-stream is not, and raises the
client's own error); `with_raw_response` / `with_streaming_response` on create."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import anthropic_batches
import pytest
from anthropic_batches import Anthropic, AsyncAnthropic
from anthropic_batches.params import MessageParam, ToolParam
from anthropic_batches.types import (
    InputJSONDelta,
    Message,
    MessageTokensCount,
    RawContentBlockDeltaEvent,
    RawContentBlockStartEvent,
    RawContentBlockStopEvent,
    RawMessageDeltaEvent,
    RawMessageStartEvent,
    RawMessageStopEvent,
    TextBlock,
    TextDelta,
    ThinkingBlock,
    ThinkingDelta,
    ToolUseBlock,
    UnknownContentBlock,
    UnknownRawContentBlockDelta,
    UnknownRawMessageStreamEvent,
)
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ..helpers import any_path, raw_target
from .scripted_server import HangUp, Reply, ScriptedServer

MODEL = "claude-sonnet-4-5"
MESSAGES: list[MessageParam] = [
    {"role": "user", "content": "What is the weather in Paris?"},
    {"role": "assistant", "content": [{"type": "text", "text": "Let me check."}]},
    {
        "role": "user",
        "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "18 C"}],
    },
]
TOOLS: list[ToolParam] = [
    {
        "name": "get_weather",
        "description": "The weather in a city.",
        "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}},
    }
]
#: Every optional argument of create, and how each is written in the JSON body.
OPTIONAL: dict[str, Any] = {
    "system": [{"type": "text", "text": "Be brief."}],
    "metadata": {"user_id": "user-42"},
    "stop_sequences": ["END", "\n\nHuman:"],
    "tools": TOOLS,
    "tool_choice": {"type": "tool", "name": "get_weather", "disable_parallel_tool_use": True},
    "thinking": {"type": "enabled", "budget_tokens": 2048},
    "temperature": 0.25,
    "top_k": 40,
    "top_p": 0.9,
}
MESSAGE = {
    "id": "msg_01",
    "type": "message",
    "role": "assistant",
    "model": MODEL,
    "content": [
        {"type": "thinking", "thinking": "Paris...", "signature": "sig"},
        {"type": "text", "text": "It is 18 C."},
        {"type": "tool_use", "id": "toolu_2", "name": "get_weather", "input": {"city": "Paris"}},
        {"type": "web_search_result_v9", "anything": 1},
    ],
    "stop_reason": "end_turn",
    "stop_sequence": None,
    "usage": {"input_tokens": 25, "output_tokens": 12},
}


@pytest.fixture
def client(server: HTTPServer) -> Iterator[Anthropic]:
    with Anthropic(api_key="sk-test", base_url=server.url_for(""), max_retries=0) as client:
        yield client


def reply(server: HTTPServer, body: object) -> None:
    server.expect_oneshot_request(any_path()).respond_with_json(
        body, headers={"request-id": "req_m"}
    )


def only_request(server: HTTPServer) -> Request:
    ((request, _),) = server.log
    return request


def check_message(message: Message) -> None:
    assert isinstance(message, Message) and message._request_id == "req_m"
    thinking, text, tool_use, unknown = message.content
    assert isinstance(thinking, ThinkingBlock) and thinking.signature == "sig"
    assert isinstance(text, TextBlock) and text.text == "It is 18 C."
    assert isinstance(tool_use, ToolUseBlock) and tool_use.input == {"city": "Paris"}
    assert isinstance(unknown, UnknownContentBlock)
    assert (message.stop_reason, message.usage.output_tokens) == ("end_turn", 12)


def test_create_sends_every_argument_as_json(server: HTTPServer, client: Anthropic) -> None:
    reply(server, MESSAGE)
    message = client.messages.create(model=MODEL, max_tokens=1024, messages=MESSAGES, **OPTIONAL)
    request = only_request(server)
    assert (request.method, raw_target(request)) == ("POST", "/v1/messages")
    assert request.headers["content-type"] == "application/json"
    assert request.headers["accept"] == "application/json"
    assert "anthropic-beta" not in request.headers
    assert json.loads(request.get_data()) == {
        "model": MODEL,
        "max_tokens": 1024,
        "messages": MESSAGES,
        **OPTIONAL,
    }
    check_message(message)


def test_create_sends_only_what_was_given(server: HTTPServer, client: Anthropic) -> None:
    reply(server, MESSAGE)
    client.messages.create(model=MODEL, max_tokens=16, messages=MESSAGES[:1], system="Hi")
    body = json.loads(only_request(server).get_data())
    assert body == {"model": MODEL, "max_tokens": 16, "messages": MESSAGES[:1], "system": "Hi"}


def test_create_with_stream_false_returns_a_message(server: HTTPServer, client: Anthropic) -> None:
    reply(server, MESSAGE)
    message = client.messages.create(model=MODEL, max_tokens=1, messages=MESSAGES, stream=False)
    assert json.loads(only_request(server).get_data())["stream"] is False
    check_message(message)


def test_beta_create_sends_the_betas(server: HTTPServer, client: Anthropic) -> None:
    reply(server, MESSAGE)
    message = client.beta.messages.create(
        model=MODEL, max_tokens=8, messages=MESSAGES, betas=["a-beta", "b-beta"], **OPTIONAL
    )
    request = only_request(server)
    assert (request.method, raw_target(request)) == ("POST", "/v1/messages")
    assert request.headers["anthropic-beta"] == "a-beta,b-beta"
    assert json.loads(request.get_data()) == {
        "model": MODEL,
        "max_tokens": 8,
        "messages": MESSAGES,
        **OPTIONAL,
    }
    check_message(message)


COUNT_OPTIONAL = {k: OPTIONAL[k] for k in ("system", "tools", "tool_choice", "thinking")}


@pytest.mark.parametrize("beta", [False, True], ids=["ga", "beta"])
def test_count_tokens(server: HTTPServer, client: Anthropic, beta: bool) -> None:
    reply(server, {"input_tokens": 31})
    if beta:
        counted = client.beta.messages.count_tokens(
            model=MODEL, messages=MESSAGES, betas=["token-counting-2024-11-01"], **COUNT_OPTIONAL
        )
    else:
        counted = client.messages.count_tokens(model=MODEL, messages=MESSAGES, **COUNT_OPTIONAL)
    request = only_request(server)
    assert (request.method, raw_target(request)) == ("POST", "/v1/messages/count_tokens")
    assert request.headers.get("anthropic-beta") == ("token-counting-2024-11-01" if beta else None)
    assert json.loads(request.get_data()) == {
        "model": MODEL,
        "messages": MESSAGES,
        **COUNT_OPTIONAL,
    }
    assert isinstance(counted, MessageTokensCount)
    assert (counted.input_tokens, counted._request_id) == (31, "req_m")


# Streaming


def sse(name: str, data: dict[str, Any]) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n".encode()


STARTED = {
    **MESSAGE,
    "content": [],
    "stop_reason": None,
    "usage": {"input_tokens": 25, "output_tokens": 1},
}
STARTED_DATA = {"type": "message_start", "message": STARTED}
EVENTS = [
    sse("message_start", STARTED_DATA),
    sse("ping", {"type": "ping"}),
    sse(
        "content_block_start",
        {
            "type": "content_block_start",
            "index": 0,
            "content_block": {"type": "thinking", "thinking": "", "signature": ""},
        },
    ),
    sse(
        "content_block_delta",
        {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "thinking_delta", "thinking": "Paris"},
        },
    ),
    sse("content_block_stop", {"type": "content_block_stop", "index": 0}),
    sse(
        "content_block_start",
        {"type": "content_block_start", "index": 1, "content_block": {"type": "text", "text": ""}},
    ),
    sse(
        "content_block_delta",
        {
            "type": "content_block_delta",
            "index": 1,
            "delta": {"type": "text_delta", "text": "It is "},
        },
    ),
    b": a comment the server may send\n\n",
    sse(
        "content_block_delta",
        {
            "type": "content_block_delta",
            "index": 1,
            "delta": {"type": "text_delta", "text": "18 \u00b0C."},
        },
    ),
    sse("content_block_stop", {"type": "content_block_stop", "index": 1}),
    sse(
        "content_block_start",
        {
            "type": "content_block_start",
            "index": 2,
            "content_block": {
                "type": "tool_use",
                "id": "toolu_2",
                "name": "get_weather",
                "input": {},
            },
        },
    ),
    sse(
        "content_block_delta",
        {
            "type": "content_block_delta",
            "index": 2,
            "delta": {"type": "input_json_delta", "partial_json": '{"city": '},
        },
    ),
    sse(
        "content_block_delta",
        {
            "type": "content_block_delta",
            "index": 2,
            "delta": {"type": "input_json_delta", "partial_json": '"Paris"}'},
        },
    ),
    sse("content_block_stop", {"type": "content_block_stop", "index": 2}),
    sse(
        "message_delta",
        {
            "type": "message_delta",
            "delta": {"stop_reason": "tool_use", "stop_sequence": None},
            "usage": {"output_tokens": 40},
        },
    ),
    sse("message_stop", {"type": "message_stop"}),
]
SSE_BODY = b"".join(EVENTS)
KINDS = [
    "message_start",
    "content_block_start",
    "content_block_delta",
    "content_block_stop",
    "content_block_start",
    "content_block_delta",
    "content_block_delta",
    "content_block_stop",
    "content_block_start",
    "content_block_delta",
    "content_block_delta",
    "content_block_stop",
    "message_delta",
    "message_stop",
]


def serve_sse(server: HTTPServer, body: bytes | Iterator[bytes] = SSE_BODY, size: int = 7) -> None:
    """The stream in `size`-byte chunks: most event, line and character edges fall mid-chunk."""
    if isinstance(body, bytes):
        whole = body
        body = iter([whole[i : i + size] for i in range(0, len(whole), size)])
    server.expect_oneshot_request(any_path()).respond_with_response(
        Response(body, content_type="text/event-stream", headers={"request-id": "req_s"})
    )


def check_events(events: list[Any]) -> None:
    """Every event typed as its kind, the deltas as theirs; what a caller assembles from them."""
    assert [event.type for event in events] == KINDS
    assert all(event._request_id == "req_s" for event in events)
    start, *_, delta, stop = events
    assert isinstance(start, RawMessageStartEvent) and start.message.id == "msg_01"
    assert isinstance(delta, RawMessageDeltaEvent) and delta.delta.stop_reason == "tool_use"
    assert delta.usage.output_tokens == 40 and isinstance(stop, RawMessageStopEvent)
    blocks = [e.content_block for e in events if isinstance(e, RawContentBlockStartEvent)]
    assert [type(b) for b in blocks] == [ThinkingBlock, TextBlock, ToolUseBlock]
    assert sum(isinstance(e, RawContentBlockStopEvent) for e in events) == 3
    deltas = [e.delta for e in events if isinstance(e, RawContentBlockDeltaEvent)]
    assert [type(d) for d in deltas] == [
        ThinkingDelta,
        TextDelta,
        TextDelta,
        InputJSONDelta,
        InputJSONDelta,
    ]
    text = "".join(d.text for d in deltas if isinstance(d, TextDelta))
    partial = "".join(d.partial_json for d in deltas if isinstance(d, InputJSONDelta))
    assert (text, json.loads(partial)) == ("It is 18 \u00b0C.", {"city": "Paris"})


def test_create_stream_gives_typed_events(server: HTTPServer, client: Anthropic) -> None:
    serve_sse(server)
    stream = client.messages.create(model=MODEL, max_tokens=64, messages=MESSAGES, stream=True)
    assert isinstance(stream, anthropic_batches.Stream)
    events = list(stream)
    check_events(events)
    assert stream.response.is_closed
    request = only_request(server)
    assert (request.method, raw_target(request)) == ("POST", "/v1/messages")
    assert json.loads(request.get_data()) == {
        "model": MODEL,
        "max_tokens": 64,
        "messages": MESSAGES,
        "stream": True,
    }


def test_create_stream_as_a_context_manager_closes_the_response(
    server: HTTPServer, client: Anthropic
) -> None:
    serve_sse(server)
    with client.messages.create(
        model=MODEL, max_tokens=8, messages=MESSAGES, stream=True
    ) as stream:
        first = next(stream)
        assert isinstance(first, RawMessageStartEvent)
        assert not stream.response.is_closed
    assert stream.response.is_closed


def test_beta_create_stream(server: HTTPServer, client: Anthropic) -> None:
    serve_sse(server)
    with client.beta.messages.create(
        model=MODEL, max_tokens=8, messages=MESSAGES, stream=True, betas=["a-beta"]
    ) as stream:
        check_events(list(stream))
    request = only_request(server)
    assert request.headers["anthropic-beta"] == "a-beta"
    assert json.loads(request.get_data())["stream"] is True


def test_events_are_handed_on_as_they_arrive(server: HTTPServer, client: Anthropic) -> None:
    """The server holds back the rest until the caller has the first event: a client that
    read the whole stream before yielding would make the wait time out."""
    first_seen = threading.Event()
    waited: list[bool] = []

    def body() -> Iterator[bytes]:
        yield EVENTS[0]
        waited.append(first_seen.wait(timeout=5))
        yield b"".join(EVENTS[1:])

    serve_sse(server, body())
    stream = client.messages.create(model=MODEL, max_tokens=8, messages=MESSAGES, stream=True)
    assert next(stream).type == "message_start"
    first_seen.set()
    assert [event.type for event in stream] == KINDS[1:]
    assert waited == [True]


ERROR = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}


def test_an_error_event_mid_stream_raises_api_status_error(
    server: HTTPServer, client: Anthropic
) -> None:
    serve_sse(server, b"".join([*EVENTS[:3], sse("error", ERROR), *EVENTS[3:]]))
    stream = client.messages.create(model=MODEL, max_tokens=8, messages=MESSAGES, stream=True)
    seen: list[str] = []
    with pytest.raises(anthropic_batches.APIStatusError) as raised:
        seen.extend(event.type for event in stream)
    assert type(raised.value) is anthropic_batches.APIStatusError  # the stream's status is 200
    assert (raised.value.status_code, raised.value.body) == (200, ERROR)
    assert raised.value.request_id == "req_s"
    assert seen == ["message_start", "content_block_start"]
    assert stream.response.is_closed


def test_a_new_event_type_arrives_as_the_unknown_variant(
    server: HTTPServer, client: Anthropic
) -> None:
    new_event = sse("message_annotation", {"type": "message_annotation", "note": "new"})
    new_delta = sse(
        "content_block_delta",
        {"type": "content_block_delta", "index": 1, "delta": {"type": "citations_delta", "c": 1}},
    )
    serve_sse(server, b"".join([*EVENTS[:5], new_event, new_delta, *EVENTS[5:]]))
    events = list(client.messages.create(model=MODEL, max_tokens=8, messages=MESSAGES, stream=True))
    unknown, delta = events[4], events[5]
    assert isinstance(unknown, UnknownRawMessageStreamEvent)
    assert (unknown.type, unknown.model_extra) == ("message_annotation", {"note": "new"})
    assert isinstance(delta, RawContentBlockDeltaEvent)
    assert isinstance(delta.delta, UnknownRawContentBlockDelta)
    assert [e.type for e in events[:4] + events[6:]] == KINDS


def test_a_stream_that_ends_early_gives_the_events_it_finished(
    server: HTTPServer, client: Anthropic
) -> None:
    serve_sse(server, SSE_BODY[: SSE_BODY.index(EVENTS[5]) + 30])
    events = list(client.messages.create(model=MODEL, max_tokens=8, messages=MESSAGES, stream=True))
    assert [e.type for e in events] == KINDS[:4]


def test_an_error_status_raises_before_any_event(server: HTTPServer, client: Anthropic) -> None:
    server.expect_oneshot_request(any_path()).respond_with_json(ERROR, status=529)
    with pytest.raises(anthropic_batches.OverloadedError) as raised:
        client.messages.create(model=MODEL, max_tokens=8, messages=MESSAGES, stream=True)
    assert raised.value.body == ERROR


# Retries: before the stream starts only


@pytest.fixture
def scripted() -> Iterator[ScriptedServer]:
    scripted = ScriptedServer()
    yield scripted
    scripted.stop()


SSE_HEADERS = {"content-type": "text/event-stream"}


def test_an_overloaded_answer_before_the_stream_starts_is_retried(
    scripted: ScriptedServer,
) -> None:
    scripted.play(
        Reply(529, json.dumps(ERROR).encode(), {"retry-after-ms": "1"}),
        Reply(200, SSE_BODY, SSE_HEADERS),
    )
    with Anthropic(api_key="k", base_url=scripted.url, max_retries=2) as client:
        stream = client.messages.create(model=MODEL, max_tokens=8, messages=MESSAGES, stream=True)
        assert [event.type for event in stream] == KINDS
    first, second = scripted.stop()
    assert (first.header("x-stainless-retry-count"), second.header("x-stainless-retry-count")) == (
        "0",
        "1",
    )


def test_a_connection_dropped_mid_stream_is_not_retried_and_raises_the_clients_error(
    scripted: ScriptedServer,
) -> None:
    head = b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: 100000\r\n\r\n"
    scripted.play(HangUp(head + b"".join(EVENTS[:3])), Reply(200, SSE_BODY, SSE_HEADERS))
    with Anthropic(api_key="k", base_url=scripted.url, max_retries=2) as client:
        stream = client.messages.create(model=MODEL, max_tokens=8, messages=MESSAGES, stream=True)
        seen: list[str] = []
        with pytest.raises(anthropic_batches.APIConnectionError) as raised:
            seen.extend(event.type for event in stream)
    assert seen == ["message_start", "content_block_start"]
    assert isinstance(raised.value, anthropic_batches.AnthropicError)
    assert len(scripted.stop()) == 1  # the half-read stream was not sent again


def test_a_stall_mid_stream_raises_the_clients_timeout_error(scripted: ScriptedServer) -> None:
    scripted.play(Reply(200, SSE_BODY, SSE_HEADERS, drip=2.0))
    with Anthropic(api_key="k", base_url=scripted.url, max_retries=2, timeout=0.3) as client:
        stream = client.messages.create(model=MODEL, max_tokens=8, messages=MESSAGES, stream=True)
        with pytest.raises(anthropic_batches.APITimeoutError):
            list(stream)
    assert len(scripted.stop()) == 1


# with_raw_response / with_streaming_response


def test_raw_response_of_create(server: HTTPServer, client: Anthropic) -> None:
    reply(server, MESSAGE)
    raw = client.messages.with_raw_response.create(model=MODEL, max_tokens=8, messages=MESSAGES)
    assert (raw.status_code, raw.request_id) == (200, "req_m")
    assert raw.json() == MESSAGE
    check_message(raw.parse())


def test_raw_response_of_a_stream_is_read_then_parsed_into_the_events(
    server: HTTPServer, client: Anthropic
) -> None:
    serve_sse(server)
    raw = client.messages.with_raw_response.create(
        model=MODEL, max_tokens=8, messages=MESSAGES, stream=True
    )
    assert raw.headers["content-type"].startswith("text/event-stream")
    assert raw.content == SSE_BODY
    stream = raw.parse()
    assert isinstance(stream, anthropic_batches.Stream)
    check_events(list(stream))


def test_streaming_response_of_create_streams_the_events(
    server: HTTPServer, client: Anthropic
) -> None:
    serve_sse(server)
    with client.messages.with_streaming_response.create(
        model=MODEL, max_tokens=8, messages=MESSAGES, stream=True
    ) as response:
        assert (response.status_code, response.request_id) == (200, "req_s")
        assert not response.is_closed
        stream = response.parse()
        assert isinstance(stream, anthropic_batches.Stream)
        check_events(list(stream))
    assert response.is_closed
    reply(server, MESSAGE)
    with client.messages.with_streaming_response.create(
        model=MODEL, max_tokens=8, messages=MESSAGES
    ) as response:
        check_message(response.parse())


def test_streaming_response_lines_of_a_stream(server: HTTPServer, client: Anthropic) -> None:
    serve_sse(server)
    with client.beta.messages.with_streaming_response.create(
        model=MODEL, max_tokens=8, messages=MESSAGES, stream=True
    ) as response:
        lines = list(response.iter_lines())
    assert lines[:2] == ["event: message_start", f"data: {json.dumps(STARTED_DATA)}"]


# async


@pytest.fixture
async def aclient(server: HTTPServer) -> Any:
    async with AsyncAnthropic(api_key="sk-test", base_url=server.url_for(""), max_retries=0) as c:
        yield c


async def test_async_create_and_count_tokens(server: HTTPServer, aclient: AsyncAnthropic) -> None:
    reply(server, MESSAGE)
    reply(server, MESSAGE)
    reply(server, {"input_tokens": 3})
    reply(server, {"input_tokens": 4})
    message = await aclient.messages.create(
        model=MODEL, max_tokens=1024, messages=MESSAGES, **OPTIONAL
    )
    beta = await aclient.beta.messages.create(
        model=MODEL, max_tokens=1024, messages=MESSAGES, betas=["x"]
    )
    counted = await aclient.messages.count_tokens(model=MODEL, messages=MESSAGES)
    beta_counted = await aclient.beta.messages.count_tokens(
        model=MODEL, messages=MESSAGES, betas=["y"], **COUNT_OPTIONAL
    )
    check_message(message)
    check_message(beta)
    assert (counted.input_tokens, beta_counted.input_tokens) == (3, 4)
    bodies = [json.loads(request.get_data()) for request, _ in server.log]
    assert bodies == [
        {"model": MODEL, "max_tokens": 1024, "messages": MESSAGES, **OPTIONAL},
        {"model": MODEL, "max_tokens": 1024, "messages": MESSAGES},
        {"model": MODEL, "messages": MESSAGES},
        {"model": MODEL, "messages": MESSAGES, **COUNT_OPTIONAL},
    ]
    betas = [request.headers.get("anthropic-beta") for request, _ in server.log]
    assert betas == [None, "x", None, "y"]
    targets = [raw_target(request) for request, _ in server.log]
    assert targets == ["/v1/messages"] * 2 + ["/v1/messages/count_tokens"] * 2


async def test_async_create_stream(server: HTTPServer, aclient: AsyncAnthropic) -> None:
    serve_sse(server)
    stream = await aclient.messages.create(
        model=MODEL, max_tokens=8, messages=MESSAGES, stream=True
    )
    assert isinstance(stream, anthropic_batches.AsyncStream)
    check_events([event async for event in stream])
    assert stream.response.is_closed


async def test_async_create_stream_as_a_context_manager(
    server: HTTPServer, aclient: AsyncAnthropic
) -> None:
    serve_sse(server)
    async with await aclient.beta.messages.create(
        model=MODEL, max_tokens=8, messages=MESSAGES, stream=True, betas=["b"]
    ) as stream:
        first = await anext(stream)
        assert isinstance(first, RawMessageStartEvent) and not stream.response.is_closed
    assert stream.response.is_closed


async def test_async_error_event_and_unknown_event(
    server: HTTPServer, aclient: AsyncAnthropic
) -> None:
    new_event = sse("message_annotation", {"type": "message_annotation"})
    serve_sse(server, b"".join([EVENTS[0], new_event, sse("error", ERROR), *EVENTS[1:]]))
    seen: list[Any] = []
    with pytest.raises(anthropic_batches.APIStatusError) as raised:
        async for event in await aclient.messages.create(
            model=MODEL, max_tokens=8, messages=MESSAGES, stream=True
        ):
            seen.append(event)
    assert type(raised.value) is anthropic_batches.APIStatusError and raised.value.body == ERROR
    assert [type(e) for e in seen] == [RawMessageStartEvent, UnknownRawMessageStreamEvent]


async def test_async_retry_before_the_stream_and_no_retry_after(
    scripted: ScriptedServer,
) -> None:
    head = b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: 100000\r\n\r\n"
    scripted.play(
        Reply(529, json.dumps(ERROR).encode(), {"retry-after-ms": "1"}),
        HangUp(head + EVENTS[0]),
    )
    async with AsyncAnthropic(api_key="k", base_url=scripted.url, max_retries=2) as client:
        stream = await client.messages.create(
            model=MODEL, max_tokens=8, messages=MESSAGES, stream=True
        )
        seen: list[str] = []
        with pytest.raises(anthropic_batches.APIConnectionError):
            async for event in stream:
                seen.append(event.type)
    assert seen == ["message_start"]
    assert len(scripted.stop()) == 2


async def test_async_raw_and_streaming_responses(
    server: HTTPServer, aclient: AsyncAnthropic
) -> None:
    serve_sse(server)
    raw = await aclient.messages.with_raw_response.create(
        model=MODEL, max_tokens=8, messages=MESSAGES, stream=True
    )
    stream = raw.parse()
    assert isinstance(stream, anthropic_batches.AsyncStream)
    check_events([event async for event in stream])
    serve_sse(server)
    async with aclient.messages.with_streaming_response.create(
        model=MODEL, max_tokens=8, messages=MESSAGES, stream=True
    ) as response:
        parsed = await response.parse()
        assert isinstance(parsed, anthropic_batches.AsyncStream)
        check_events([event async for event in parsed])
    assert response.is_closed
