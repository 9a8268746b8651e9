"""`typed_usage.py` (official-SDK idioms, type-checked by mypy --strict and pyright strict in
`make typecheck`) runs as it reads, against a local server that answers like the API."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from anthropic_batches import Anthropic, AsyncAnthropic
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ..helpers import batch
from .typed_usage import run, run_async, run_messages, run_messages_async

BATCH = "msgbatch_1"
LINES = [
    {
        "custom_id": "greeting",
        "result": {
            "type": "succeeded",
            "message": {
                "id": "msg_1",
                "type": "message",
                "role": "assistant",
                "model": "claude-sonnet-4-5",
                "content": [{"type": "text", "text": "Hello!"}],
                "stop_reason": "end_turn",
                "stop_sequence": None,
                "usage": {"input_tokens": 10, "output_tokens": 3},
            },
        },
    },
    {
        "custom_id": "broken",
        "result": {
            "type": "errored",
            "error": {
                "type": "error",
                "error": {"type": "invalid_request_error", "message": "bad"},
            },
        },
    },
    {"custom_id": "late", "result": {"type": "expired"}},
    {"custom_id": "future", "result": {"type": "a_kind_from_2027"}},
]


def api(server: HTTPServer) -> None:
    """Answer each route as the API does."""

    def respond(request: Request) -> Response:
        path, method = request.path, request.method
        answered = messages_models_and_files(request)
        if answered is not None:
            return answered
        if path.endswith("/results"):
            body = "".join(json.dumps(line) + "\n" for line in LINES)
            return Response(body, content_type="application/x-jsonl")
        if path == "/v1/messages/batches" and method == "POST":
            return json_response(batch(BATCH))
        if path == "/v1/messages/batches":
            after = request.args.get("after_id")
            page = {"data": [batch("msgbatch_2")], "has_more": False, "last_id": "msgbatch_2"}
            if after is None:
                page = {"data": [batch(BATCH)], "has_more": True, "last_id": BATCH}
            return json_response({"first_id": page["last_id"], **page})
        if path.endswith("/msgbatch_gone"):
            return json_response({"type": "error"}, status=404)
        if method == "DELETE":
            return json_response({"id": BATCH, "type": "message_batch_deleted"})
        results_url = server.url_for(f"/v1/messages/batches/{BATCH}/results")
        return json_response(batch(BATCH, processing_status="ended", results_url=results_url))

    server.expect_request(re.compile(".*")).respond_with_handler(respond)


def json_response(body: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(body),
        status=status,
        content_type="application/json",
        headers={"request-id": "req_1"},
    )


EXPECTED_LINES = [
    "greeting: Hello! (3 tokens)",
    "broken: error invalid_request_error",
    "late: expired",
    "future: a kind this client does not know",
]


def test_the_sync_idioms_run(server: HTTPServer) -> None:
    api(server)
    with Anthropic(api_key="k", base_url=server.url_for("")) as client:
        seen = run(client)
    assert seen == [
        "created msgbatch_1 in_progress 2024",
        "counts 0",
        "page ['msgbatch_1'] last msgbatch_1",
        "all ['msgbatch_1', 'msgbatch_2']",
        *EXPECTED_LINES,
        "raw 200 req_1 msgbatch_1",
        "streamed 4 line(s)",
        "deleted message_batch_deleted",
        "not found 404 req_1",
    ]


@pytest.mark.asyncio
async def test_the_async_idioms_run(server: HTTPServer) -> None:
    api(server)
    async with AsyncAnthropic(api_key="k", base_url=server.url_for("")) as client:
        seen = await run_async(client)
    assert seen == [
        "retrieved msgbatch_1",
        "first page ['msgbatch_1']",
        "all ['msgbatch_1', 'msgbatch_2']",
        *EXPECTED_LINES,
        "streamed msgbatch_1",
    ]


MESSAGE: dict[str, Any] = json.loads(json.dumps(LINES[0]))["result"]["message"]
EVENTS: list[dict[str, Any]] = [
    {"type": "message_start", "message": {**MESSAGE, "content": [], "stop_reason": None}},
    {"type": "ping"},
    {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
    {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hel"}},
    {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "lo!"}},
    {"type": "content_block_stop", "index": 0},
    {
        "type": "message_delta",
        "delta": {"stop_reason": "end_turn", "stop_sequence": None},
        "usage": {"output_tokens": 3},
    },
    {"type": "message_stop"},
]
SSE = "".join(f"event: {data['type']}\ndata: {json.dumps(data)}\n\n" for data in EVENTS)
FILE = {
    "id": "file_1",
    "type": "file",
    "filename": "notes.txt",
    "mime_type": "text/plain",
    "size_bytes": 5,
    "created_at": "2025-04-14T10:00:00Z",
}
MODEL = {"type": "model", "display_name": "Claude", "created_at": "2025-02-19T00:00:00Z"}


def messages_models_and_files(request: Request) -> Response | None:
    """The routes of Messages, Models and Files; None for any other."""
    path, method = request.path, request.method
    if path == "/v1/messages":
        if json.loads(request.get_data()).get("stream"):
            return Response(SSE, content_type="text/event-stream")
        return json_response(MESSAGE)
    if path == "/v1/messages/count_tokens":
        return json_response({"input_tokens": 12})
    if path == "/v1/models":
        ids = ["claude-b", "claude-a"]
        return json_response(
            {
                "data": [{**MODEL, "id": i} for i in ids],
                "has_more": False,
                "first_id": ids[0],
                "last_id": ids[-1],
            }
        )
    if path.startswith("/v1/models/"):
        return json_response({**MODEL, "id": path.rpartition("/")[2]})
    if path == "/v1/files" and method == "POST":
        assert request.files["file"].read() == b"Hello"
        return json_response(FILE)
    if path == "/v1/files":
        return json_response({"data": [FILE], "has_more": False, "next_page": None})
    if path == "/v1/files/file_1/content":
        return Response(b"Hello", content_type="application/octet-stream")
    if path == "/v1/files/file_1" and method == "DELETE":
        return json_response({"id": "file_1", "type": "file_deleted"})
    return None


def test_the_messages_models_and_files_idioms_run(server: HTTPServer, tmp_path: Path) -> None:
    api(server)
    with Anthropic(api_key="k", base_url=server.url_for("")) as client:
        seen = run_messages(client, tmp_path)
    assert seen == [
        "message Hello! 3",
        "streamed Hello!",
        "stop end_turn 3",
        "tokens 12",
        "models ['claude-b', 'claude-a']",
        "model Claude 2025",
        "uploaded file_1 notes.txt",
        "files ['file_1']",
        "downloaded b'Hello' Hello",
        "chunks b'Hello'",
        "streamed to file b'Hello'",
        "deleted file_1",
    ]
    assert (tmp_path / "copy.txt").read_bytes() == b"Hello"


async def test_the_async_messages_models_and_files_idioms_run(
    server: HTTPServer, tmp_path: Path
) -> None:
    api(server)
    (tmp_path / "notes.txt").write_text("Hello")
    async with AsyncAnthropic(api_key="k", base_url=server.url_for("")) as client:
        seen = await run_messages_async(client, tmp_path)
    assert seen == [
        "message Hello!",
        "streamed Hello!",
        "models ['claude-b', 'claude-a']",
        "downloaded b'Hello'",
        "copied b'Hello'",
    ]
