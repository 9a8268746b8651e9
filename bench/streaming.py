"""Peak RSS of streaming a Message Batch results file, as the file grows 100-fold.

`results()` promises to hold only the line being decoded, so a 1 GB file must cost no more
memory than a 1 MB one. Each size runs in a fresh child (this module, run as a script) so its
peak RSS is its own; a child that iterates 0 lines shows what the client costs before any
line arrives. The body is made as it is read, in chunks whose edges fall mid-line, and is
never whole anywhere: whatever memory grows with the file is the client's.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import httpx2

from bench import GENERATED
from bench.proc import run
from bench.results import Section, Table, Target
from bench.venv import PYTHON

SIZES = (1_000, 10_000, 100_000)
CHUNK_BYTES = 64 * 1024
TARGET_MIB = 5.0
TIMEOUT_SECONDS = 120.0
API_KEY = "sk-bench"
BATCH_ID = "msgbatch_x"
TEXT = ("Streaming keeps one line in memory, however long the results file grows. " * 11)[:800]
#: One succeeded result of ~1 KB as the API writes it, `%d` standing for the request's number
#: twice. Formatting it takes ~5% of the stream's time, where `json.dumps` per line took ~20%.
LINE = (
    json.dumps(
        {
            "custom_id": "req-%d",
            "result": {
                "type": "succeeded",
                "message": {
                    "id": "msg_%d",
                    "type": "message",
                    "role": "assistant",
                    "content": [{"type": "text", "text": TEXT}],
                    "model": "claude-sonnet-4-5",
                    "stop_reason": "end_turn",
                    "stop_sequence": None,
                    "usage": {"input_tokens": 10, "output_tokens": 200},
                },
            },
        }
    )
    + "\n"
)


class _Body(httpx2.SyncByteStream, httpx2.AsyncByteStream):
    """`lines` results made on demand, `CHUNK_BYTES` at a time; `sent` counts bytes served."""

    def __init__(self, lines: int) -> None:
        self.lines = lines
        self.sent = 0

    def _chunks(self) -> Iterator[bytes]:
        pending = bytearray()
        for number in range(self.lines):
            pending += (LINE % (number, number)).encode()
            if len(pending) >= CHUNK_BYTES:
                yield bytes(pending[:CHUNK_BYTES])
                del pending[:CHUNK_BYTES]
        if pending:
            yield bytes(pending)

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._chunks():
            self.sent += len(chunk)
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks():
            self.sent += len(chunk)
            yield chunk


#: The ended batch `results()` retrieves first, as the official SDK does, its results_url on
#: the client's own host.
_BATCH = {
    "id": BATCH_ID,
    "type": "message_batch",
    "processing_status": "ended",
    "request_counts": {"processing": 0, "succeeded": 1, "errored": 0, "canceled": 0, "expired": 0},
    "ended_at": "2024-08-20T18:37:24.100435Z",
    "created_at": "2024-08-20T18:37:24.100435Z",
    "expires_at": "2024-08-21T18:37:24.100435Z",
    "archived_at": None,
    "cancel_initiated_at": None,
    "results_url": f"https://api.anthropic.com/v1/messages/batches/{BATCH_ID}/results",
}


def _transport(body: _Body) -> httpx2.MockTransport:
    headers = {"content-type": "application/x-jsonl"}

    def respond(request: httpx2.Request) -> httpx2.Response:
        if request.url.path.endswith("/results"):
            return httpx2.Response(200, headers=headers, stream=body)
        return httpx2.Response(200, json=_BATCH)

    return httpx2.MockTransport(respond)


def _stream_sync(body: _Body) -> tuple[int, float]:
    """Succeeded results read from `body`, and seconds from the call to the last line.

    Checking each line's result type touches a parsed field, and proves that the line was
    read as a succeeded result rather than as a kind this client does not know.
    """
    from anthropic_batches import Anthropic
    from anthropic_batches.types import MessageBatchSucceededResult

    client = Anthropic(api_key=API_KEY, http_client=httpx2.Client(transport=_transport(body)))
    succeeded = 0
    started = time.perf_counter()
    with client.messages.batches.results(BATCH_ID) as stream:
        for line in stream:
            succeeded += isinstance(line.result, MessageBatchSucceededResult)
    return succeeded, time.perf_counter() - started


async def _stream_async(body: _Body) -> tuple[int, float]:
    """As `_stream_sync`, through the async client."""
    from anthropic_batches import AsyncAnthropic
    from anthropic_batches.types import MessageBatchSucceededResult

    client = AsyncAnthropic(
        api_key=API_KEY, http_client=httpx2.AsyncClient(transport=_transport(body))
    )
    succeeded = 0
    started = time.perf_counter()
    async with await client.messages.batches.results(BATCH_ID) as stream:
        async for line in stream:
            succeeded += isinstance(line.result, MessageBatchSucceededResult)
    return succeeded, time.perf_counter() - started


def _child(mode: str, lines: int) -> None:
    """Stream `lines` results and print what the parent checks: lines, bytes, seconds."""
    body = _Body(lines)
    if mode == "async":
        import asyncio  # here only, so that the sync children's peak RSS is the sync client's

        succeeded, seconds = asyncio.run(_stream_async(body))
    else:
        succeeded, seconds = _stream_sync(body)
    print(succeeded, body.sent, seconds)


@dataclass(frozen=True)
class Streamed:
    """One child's figures; `seconds` runs from the request to the last line, no start-up."""

    lines: int
    body_bytes: int
    seconds: float
    peak_rss_mib: float


def _measure_child(mode: str, lines: int) -> Streamed:
    result = run(
        [str(PYTHON), "-m", "bench.streaming", mode, str(lines)],
        env={**os.environ, "PYTHONPATH": str(GENERATED)},
        timeout=TIMEOUT_SECONDS,
    )
    if result.timed_out:
        raise SystemExit(f"streaming: {mode} {lines} lines killed after {TIMEOUT_SECONDS:.0f} s")
    if result.returncode != 0:
        raise SystemExit(f"streaming: {mode} {lines} lines failed:\n{result.stderr}")
    succeeded, sent, seconds = result.stdout.split()
    if int(succeeded) != lines:
        raise SystemExit(f"streaming: {mode} read {succeeded} succeeded results of {lines}")
    return Streamed(lines, int(sent), float(seconds), result.peak_rss_mib)


def _row(name: str, streamed: Streamed, baseline: Streamed) -> tuple[str, ...]:
    rate = f"{streamed.lines / streamed.seconds:,.0f}" if streamed.lines else "-"
    return (
        name,
        f"{streamed.lines:,}",
        f"{streamed.body_bytes / 1e6:.1f}",
        f"{streamed.peak_rss_mib:.1f}",
        f"{streamed.peak_rss_mib - baseline.peak_rss_mib:+.1f}",
        f"{streamed.seconds:.2f}",
        rate,
    )


def measure() -> Section:
    clock = time.perf_counter()
    baseline = _measure_child("sync", 0)
    sizes = [_measure_child("sync", lines) for lines in SIZES]
    asynchronous = _measure_child("async", SIZES[-1])
    seconds = time.perf_counter() - clock
    rows = (
        _row("sync, baseline (0 lines)", baseline, baseline),
        *(_row("sync", streamed, baseline) for streamed in sizes),
        _row("async", asynchronous, baseline),
    )
    table = Table(
        title="Streaming: `client.messages.batches.results(...)` over a lazy JSONL body",
        columns=(
            "client",
            "lines",
            "body MB",
            "peak RSS MiB",
            "over baseline MiB",
            "wall s",
            "lines/s",
        ),
        rows=rows,
        notes=(
            "One fresh child per row (PYTHONPATH=generated), its own peak RSS reaped as in "
            "Import. The `httpx2.MockTransport` serves ~1 KB succeeded results made as they are "
            f"read, {CHUNK_BYTES // 1024} KiB at a time with chunk edges mid-line; the child "
            "iterates the stream, counts the succeeded results and must count every line.",
            "`wall s` runs from the call to the last line (the batch retrieved first, as "
            "`results()` does), making the body included (~5%), "
            "start-up and imports not. The baseline imports the client (and this harness "
            "module), sends the request and iterates an empty body; the async row's "
            "difference includes asyncio, which the sync children never import.",
            f"The {len(rows)} children took {seconds:.0f} s in all, start-up included.",
        ),
    )
    small, large = sizes[0], sizes[-1]
    growth = large.peak_rss_mib - small.peak_rss_mib
    target = Target(
        f"streaming: peak RSS at {large.lines:,} lines within {TARGET_MIB:.0f} MiB of "
        f"{small.lines:,} lines",
        f"{large.peak_rss_mib:.1f} MiB vs {small.peak_rss_mib:.1f} MiB ({growth:+.1f} MiB)",
        abs(growth) <= TARGET_MIB,
    )
    return Section(table, (target,))


if __name__ == "__main__":
    _child(sys.argv[1], int(sys.argv[2]))
