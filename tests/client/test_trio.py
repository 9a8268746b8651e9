"""The async client under any event loop anyio runs: asyncio, and trio.

The async client used `asyncio.sleep` between attempts, so under trio its first retry failed
with `RuntimeError: no running event loop`. These tests run on both backends through anyio's
pytest plugin (`anyio_backend`); `tests/conftest.py` keeps pytest-asyncio, which runs the
suite's other async tests, from taking them over.
"""

from __future__ import annotations

import json

import httpx2
import pytest
import sniffio
from anthropic_batches import AsyncAnthropic, ServiceUnavailableError
from pytest_httpserver import HTTPServer

from ..helpers import BATCH_ID, DELETED, any_path, batch

pytestmark = pytest.mark.anyio

API_KEY = "sk-ant-api-SECRET-1"
UNAVAILABLE = {"type": "error", "error": {"type": "overloaded_error", "message": "Try again."}}


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def unavailable(server: HTTPServer, times: int) -> None:
    for _ in range(times):
        server.expect_oneshot_request(any_path()).respond_with_json(
            UNAVAILABLE, status=503, headers={"retry-after-ms": "10"}
        )


async def test_the_async_client_retries_under_each_backend(
    server: HTTPServer, anyio_backend: str
) -> None:
    assert sniffio.current_async_library() == anyio_backend  # not run on asyncio regardless
    unavailable(server, 2)
    server.expect_oneshot_request(any_path()).respond_with_json(DELETED)
    async with AsyncAnthropic(
        api_key=API_KEY, base_url=server.url_for(""), max_retries=2
    ) as client:
        deleted = await client.messages.batches.delete(BATCH_ID)
    assert deleted.id == BATCH_ID
    assert [r.headers["x-stainless-retry-count"] for r, _ in server.log] == ["0", "1", "2"]


async def test_the_async_client_gives_up_after_its_retries_under_each_backend(
    server: HTTPServer, anyio_backend: str
) -> None:
    unavailable(server, 2)
    async with AsyncAnthropic(
        api_key=API_KEY, base_url=server.url_for(""), max_retries=1
    ) as client:
        with pytest.raises(ServiceUnavailableError):
            await client.messages.batches.retrieve(BATCH_ID)
    assert len(server.log) == 2


async def test_pages_and_results_stream_under_each_backend(
    server: HTTPServer, anyio_backend: str
) -> None:
    base = "/v1/messages/batches"
    first = {"data": [batch("a")], "has_more": True, "first_id": "a", "last_id": "a"}
    last = {"data": [batch("b")], "has_more": False, "first_id": "b", "last_id": "b"}
    for page in (first, last):
        server.expect_oneshot_request(base).respond_with_json(page)
    results_url = server.url_for(f"{base}/{BATCH_ID}/results")
    server.expect_oneshot_request(f"{base}/{BATCH_ID}").respond_with_json(
        batch(processing_status="ended", results_url=results_url)
    )
    line = {"custom_id": "first", "result": {"type": "canceled"}}
    server.expect_oneshot_request(f"{base}/{BATCH_ID}/results").respond_with_data(
        json.dumps(line) + "\n", content_type="application/x-jsonl"
    )
    async with AsyncAnthropic(
        api_key=API_KEY, base_url=server.url_for(""), max_retries=0
    ) as client:
        assert [item.id async for item in client.messages.batches.list(limit=1)] == ["a", "b"]
        async with await client.messages.batches.results(BATCH_ID) as results:
            assert [item.custom_id async for item in results] == ["first"]


async def test_results_streams_dropped_unread_give_their_connections_back_under_each_backend(
    server: HTTPServer, anyio_backend: str
) -> None:
    """As in test_connections.py, on both backends: an async stream cannot close without
    awaiting, so its closing is left to the running event loop, whichever it is."""
    base = "/v1/messages/batches"
    results_url = server.url_for(f"{base}/{BATCH_ID}/results")
    server.expect_request(f"{base}/{BATCH_ID}").respond_with_json(
        batch(processing_status="ended", results_url=results_url)
    )
    line = {"custom_id": "first", "result": {"type": "canceled"}}
    server.expect_request(f"{base}/{BATCH_ID}/results").respond_with_data(
        json.dumps(line) + "\n", content_type="application/x-jsonl"
    )
    limits = httpx2.Limits(max_connections=2, max_keepalive_connections=2)
    async with httpx2.AsyncClient(limits=limits) as http:
        client = AsyncAnthropic(
            api_key=API_KEY,
            base_url=server.url_for(""),
            http_client=http,
            max_retries=0,
            timeout=httpx2.Timeout(5.0, pool=1.0),
        )
        for _ in range(20):
            await client.messages.batches.results(BATCH_ID)  # dropped at once, never read
        async with await client.messages.batches.results(BATCH_ID) as results:
            assert [item.custom_id async for item in results] == ["first"]
