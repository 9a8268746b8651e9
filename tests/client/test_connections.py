"""Connections go back to the pool, even from a stream the caller dropped unread.

A `results()` stream owns its connection until it is read to the end or closed. One dropped
before that (never iterated, not used in `with`) kept its pool slot for good: once the pool
was full, every later call waited out its pool timeout (600 s by default). The pools here
are small (2 connections, 1 s to get one), so that a leak fails in a second: the call after
the dropped ones times out waiting for the pool. (The client is
given the timeout too: before the fix of item 3 its own 600 s went over the pool's.)
"""

from __future__ import annotations

import json

import httpx2
from anthropic_batches import Anthropic, AsyncAnthropic
from pytest_httpserver import HTTPServer

from ..helpers import BATCH_ID, batch

API_KEY = "sk-ant-api-SECRET-1"
BASE = "/v1/messages/batches"
LINE = {"custom_id": "first", "result": {"type": "canceled"}}
DROPPED = 150
#: Fewer for the other cases, which take the same path: a pool of 2 fails at the third.
FEWER = 50
LIMITS = httpx2.Limits(max_connections=2, max_keepalive_connections=2)
TIMEOUT = httpx2.Timeout(5.0, pool=1.0)


def serve_results(server: HTTPServer) -> None:
    """An ended batch and its results, for as many calls as a test makes."""
    results_url = server.url_for(f"{BASE}/{BATCH_ID}/results")
    server.expect_request(f"{BASE}/{BATCH_ID}").respond_with_json(
        batch(processing_status="ended", results_url=results_url)
    )
    server.expect_request(f"{BASE}/{BATCH_ID}/results").respond_with_data(
        (json.dumps(LINE) + "\n") * 20, content_type="application/x-jsonl"
    )


def test_results_streams_dropped_unread_give_their_connections_back(server: HTTPServer) -> None:
    serve_results(server)
    with httpx2.Client(limits=LIMITS) as http:
        client = Anthropic(
            api_key=API_KEY,
            base_url=server.url_for(""),
            http_client=http,
            max_retries=0,
            timeout=TIMEOUT,
        )
        for _ in range(DROPPED):
            client.messages.batches.results(BATCH_ID)  # dropped at once, never read
        with client.messages.batches.results(BATCH_ID) as results:
            assert len(list(results)) == 20


async def test_async_results_streams_dropped_unread_give_their_connections_back(
    server: HTTPServer,
) -> None:
    serve_results(server)
    async with httpx2.AsyncClient(limits=LIMITS) as http:
        client = AsyncAnthropic(
            api_key=API_KEY,
            base_url=server.url_for(""),
            http_client=http,
            max_retries=0,
            timeout=TIMEOUT,
        )
        for _ in range(FEWER):
            await client.messages.batches.results(BATCH_ID)  # dropped at once, never read
        async with await client.messages.batches.results(BATCH_ID) as results:
            assert len([line async for line in results]) == 20


def test_streaming_responses_dropped_unread_give_their_connections_back(
    server: HTTPServer,
) -> None:
    """The same for an unread `with_streaming_response` response whose block was never left."""
    serve_results(server)
    with httpx2.Client(limits=LIMITS) as http:
        client = Anthropic(
            api_key=API_KEY,
            base_url=server.url_for(""),
            http_client=http,
            max_retries=0,
            timeout=TIMEOUT,
        )
        for _ in range(FEWER):
            client.messages.batches.with_streaming_response.retrieve(BATCH_ID).__enter__()
        assert client.messages.batches.retrieve(BATCH_ID).id == BATCH_ID
