"""`typed_usage.py` (official-SDK idioms, type-checked by mypy --strict and pyright strict in
`make typecheck`) runs as it reads, against a local server that answers like the API."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from anthropic_batches import Anthropic, AsyncAnthropic
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ..helpers import batch
from .typed_usage import run, run_async

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
