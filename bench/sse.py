"""Server-sent events: how fast a Messages stream decodes, and what streaming one costs in
memory, ours beside the official SDK over the same bytes.

Throughput runs in this process (the bench venv has both clients): each round decodes the
same body, cut into the same chunks, with each contender in turn, rotating who goes first,
and each figure is the median over rounds. Two levels: the decoder alone (bytes to raw
events: ours `SSEDecoder.feed`, the official `SSEDecoder.iter_bytes`), and the whole
`client.messages.create(..., stream=True)` over an `httpx2.MockTransport` (request, decoding,
skipping pings, parsing each event into its typed model).

Peak RSS runs in fresh children (this module, run as a script), as `streaming` does for
JSON lines: the body is made as it is read, so whatever grows with the number of events is
the client's. A child that streams 0 events gives each client's baseline.
"""

from __future__ import annotations

import functools
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx2

from bench import GENERATED
from bench.proc import run
from bench.results import Section, Table, Target
from bench.venv import PYTHON, official_sdk_missing

CHUNK_BYTES = 16 * 1024
THROUGHPUT_EVENTS = 20_000
ROUNDS = 7
RSS_SIZES = (1_000, 100_000)
TARGET_MIB = 5.0
TIMEOUT_SECONDS = 180.0
API_KEY = "sk-bench"
MODEL = "claude-sonnet-4-5"
MESSAGES = [{"role": "user", "content": "Tell me a long story."}]
OURS = "ours"
OFFICIAL = "official anthropic 2.10.0"

_MESSAGE: dict[str, object] = {
    "id": "msg_bench",
    "type": "message",
    "role": "assistant",
    "model": MODEL,
    "content": [],
    "stop_reason": None,
    "stop_sequence": None,
    "usage": {"input_tokens": 12, "output_tokens": 1},
}


def _event(name: str, data: object) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n".encode()


_START = _event("message_start", {"type": "message_start", "message": _MESSAGE}) + _event(
    "content_block_start",
    {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
)
#: A text delta as the API sends them, `%d` standing for its number (a few words each).
_DELTA = _event(
    "content_block_delta",
    {
        "type": "content_block_delta",
        "index": 0,
        "delta": {"type": "text_delta", "text": "word %d "},
    },
).decode()
_PING = _event("ping", {"type": "ping"})
_END = (
    _event("content_block_stop", {"type": "content_block_stop", "index": 0})
    + _event(
        "message_delta",
        {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": None},
            "usage": {"output_tokens": 4242},
        },
    )
    + _event("message_stop", {"type": "message_stop"})
)
#: Typed events a body of `deltas` deltas yields: start, block start, the deltas, three ends.
FIXED_EVENTS = 5


def _body_chunks(deltas: int) -> Iterator[bytes]:
    """A Messages stream of `deltas` text deltas (a ping every 100), made as it is read, in
    `CHUNK_BYTES` chunks whose edges fall mid-event."""
    pending = bytearray(_START)
    for number in range(deltas):
        pending += (_DELTA % number).encode()
        if number % 100 == 99:
            pending += _PING
        if len(pending) >= CHUNK_BYTES:
            yield bytes(pending[:CHUNK_BYTES])
            del pending[:CHUNK_BYTES]
    pending += _END
    while pending:
        yield bytes(pending[:CHUNK_BYTES])
        del pending[:CHUNK_BYTES]


class _Body(httpx2.SyncByteStream):
    """A lazy body for one response; `sent` counts the bytes served."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self.sent = 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._chunks:
            self.sent += len(chunk)
            yield chunk


def _transport(
    make_chunks: Callable[[], Iterator[bytes]], bodies: list[_Body]
) -> httpx2.MockTransport:
    def respond(_: httpx2.Request) -> httpx2.Response:
        body = _Body(make_chunks())
        bodies.append(body)
        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, stream=body)

    return httpx2.MockTransport(respond)


def _ours_client(transport: httpx2.MockTransport) -> object:
    if str(GENERATED) not in sys.path:
        sys.path.insert(0, str(GENERATED))
    import anthropic_batches

    return anthropic_batches.Anthropic(
        api_key=API_KEY, http_client=httpx2.Client(transport=transport)
    )


def _official_client(transport: httpx2.MockTransport) -> object:
    import anthropic

    return anthropic.Anthropic(api_key=API_KEY, http_client=httpx2.Client(transport=transport))


def _stream_count(client: object) -> int:
    """Typed events of one `messages.create(stream=True)`; each text delta's text is read, so
    that every event is parsed into its model, not only decoded."""
    stream = client.messages.create(  # type: ignore[attr-defined]
        model=MODEL, max_tokens=4096, messages=MESSAGES, stream=True
    )
    count = 0
    with stream:
        for event in stream:
            count += 1
            if event.type == "content_block_delta":
                _ = event.delta.text
    return count


# Throughput


def _ours_decoder(chunks: list[bytes]) -> int:
    if str(GENERATED) not in sys.path:
        sys.path.insert(0, str(GENERATED))
    from anthropic_batches._sse import SSEDecoder

    decoder = SSEDecoder()
    count = 0
    for chunk in chunks:
        count += len(decoder.feed(chunk))
    return count + len(decoder.finish())


def _official_decoder(chunks: list[bytes]) -> int:
    from anthropic._streaming import SSEDecoder

    return sum(1 for _ in SSEDecoder().iter_bytes(iter(chunks)))


def _interleaved(runs: dict[str, Callable[[], int]], expected: int) -> dict[str, list[float]]:
    """Events per second of each, one sample per round, after a warm-up round."""
    names = list(runs)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(ROUNDS + 1):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            started = time.perf_counter()
            count = runs[name]()
            seconds = time.perf_counter() - started
            if count != expected:
                raise SystemExit(f"sse: {name} gave {count} events of {expected}")
            if round_number:
                samples[name].append(count / seconds)
    return samples


def _paired(samples: list[float], reference: list[float]) -> float:
    return statistics.median(a / b for a, b in zip(samples, reference, strict=True))


def _throughput(missing: str | None) -> list[tuple[str, ...]]:
    chunks = list(_body_chunks(THROUGHPUT_EVENTS))
    raw_events = THROUGHPUT_EVENTS + FIXED_EVENTS + THROUGHPUT_EVENTS // 100  # pings too
    typed_events = THROUGHPUT_EVENTS + FIXED_EVENTS
    decoders: dict[str, Callable[[], int]] = {OURS: lambda: _ours_decoder(chunks)}
    bodies: list[_Body] = []
    clients = {OURS: _ours_client(_transport(lambda: iter(chunks), bodies))}
    if missing is None:
        decoders[OFFICIAL] = lambda: _official_decoder(chunks)
        clients[OFFICIAL] = _official_client(_transport(lambda: iter(chunks), bodies))
    streams: dict[str, Callable[[], int]] = {
        name: functools.partial(_stream_count, client) for name, client in clients.items()
    }
    decoded = _interleaved(decoders, raw_events)
    streamed = _interleaved(streams, typed_events)
    rows: list[tuple[str, ...]] = []
    for level, samples in (
        ("decoder: bytes to events", decoded),
        ("messages.create(stream=True)", streamed),
    ):
        for name, values in samples.items():
            versus = (
                "-" if OFFICIAL not in samples else f"{_paired(values, samples[OFFICIAL]):.2f}x"
            )
            rows.append((level, name, f"{statistics.median(values):,.0f}", versus))
        if missing is not None:
            rows.append((level, OFFICIAL, missing, "-"))
    return rows


# Peak RSS, in children


def _child(client_name: str, deltas: int) -> None:
    """Stream `deltas` deltas and print what the parent checks: events, bytes, seconds."""
    bodies: list[_Body] = []
    transport = _transport(lambda: _body_chunks(deltas), bodies)
    client = _official_client(transport) if client_name == "official" else _ours_client(transport)
    started = time.perf_counter()
    count = _stream_count(client)
    print(count, bodies[0].sent, time.perf_counter() - started)


@dataclass(frozen=True)
class Streamed:
    events: int
    body_bytes: int
    seconds: float
    peak_rss_mib: float


def _measure_child(client_name: str, deltas: int) -> Streamed:
    result = run(
        [str(PYTHON), "-m", "bench.sse", client_name, str(deltas)],
        env={**os.environ, "PYTHONPATH": str(GENERATED)},
        timeout=TIMEOUT_SECONDS,
    )
    if result.timed_out or result.returncode != 0:
        raise SystemExit(f"sse: {client_name} {deltas} events failed:\n{result.stderr}")
    count, sent, seconds = result.stdout.split()
    if int(count) != deltas + FIXED_EVENTS:
        raise SystemExit(f"sse: {client_name} read {count} events of {deltas + FIXED_EVENTS}")
    return Streamed(int(count), int(sent), float(seconds), result.peak_rss_mib)


def _rss_row(name: str, streamed: Streamed, baseline: Streamed) -> tuple[str, ...]:
    rate = f"{streamed.events / streamed.seconds:,.0f}" if streamed.seconds else "-"
    return (
        name,
        f"{streamed.events:,}",
        f"{streamed.body_bytes / 1e6:.1f}",
        f"{streamed.peak_rss_mib:.1f}",
        f"{streamed.peak_rss_mib - baseline.peak_rss_mib:+.1f}",
        f"{streamed.seconds:.2f}",
        rate,
    )


def measure_throughput() -> Section:
    missing = official_sdk_missing()
    clock = time.perf_counter()
    rows = _throughput(missing)
    seconds = time.perf_counter() - clock
    size = len(b"".join(_body_chunks(THROUGHPUT_EVENTS)))
    table = Table(
        title="SSE throughput: a Messages stream of text deltas, decoded and parsed",
        columns=("level", "client", "events/s (median)", "vs official"),
        rows=tuple(rows),
        notes=(
            f"One body of {THROUGHPUT_EVENTS:,} text deltas (a ping every 100) and the events "
            f"around them, {size / 1e6:.1f} MB cut into {CHUNK_BYTES // 1024} KiB chunks with "
            "edges mid-event: the same bytes for both clients. Median of "
            f"{ROUNDS} interleaved rounds after a warm-up, in one process ({seconds:.0f} s in "
            "all); `vs official` is the median of each round's ratio to the official SDK's.",
            "The decoder rows count raw events (pings included): ours `SSEDecoder.feed`, the "
            "official `SSEDecoder.iter_bytes`. The stream rows count the typed events the "
            "caller gets from `messages.create(..., stream=True)` over an "
            "`httpx2.MockTransport`, each parsed into its model (pings skipped), request and "
            "transport included.",
        ),
    )
    return Section(table)


def measure_memory() -> Section:
    missing = official_sdk_missing()
    clock = time.perf_counter()
    ours = {size: _measure_child("ours", size) for size in (0, *RSS_SIZES)}
    official = {}
    if missing is None:
        official = {size: _measure_child("official", size) for size in (0, RSS_SIZES[-1])}
    seconds = time.perf_counter() - clock
    rows = [
        _rss_row(f"{OURS}, baseline" if size == 0 else OURS, streamed, ours[0])
        for size, streamed in ours.items()
    ]
    rows.extend(
        _rss_row(f"{OFFICIAL}, baseline" if size == 0 else OFFICIAL, streamed, official[0])
        for size, streamed in official.items()
    )
    if missing is not None:
        rows.append((OFFICIAL, missing, "-", "-", "-", "-", "-"))
    table = Table(
        title="SSE memory: peak RSS streaming `messages.create(..., stream=True)`",
        columns=(
            "client",
            "events",
            "body MB",
            "peak RSS MiB",
            "over baseline MiB",
            "wall s",
            "events/s",
        ),
        rows=tuple(rows),
        notes=(
            "One fresh child per row (PYTHONPATH=generated), its peak RSS reaped as in Import. "
            "The `httpx2.MockTransport` serves the stream as it is read; the child iterates the "
            "typed events, reads each delta's text, and must count every event. A baseline "
            "streams a body of no deltas (the 5 events around them): its client's import and "
            "one request.",
            f"The {len(rows)} children took {seconds:.0f} s in all, start-up included.",
        ),
    )
    small, large = ours[RSS_SIZES[0]], ours[RSS_SIZES[-1]]
    growth = large.peak_rss_mib - small.peak_rss_mib
    target = Target(
        f"sse: peak RSS at {large.events:,} events within {TARGET_MIB:.0f} MiB of "
        f"{small.events:,} events",
        f"{large.peak_rss_mib:.1f} MiB vs {small.peak_rss_mib:.1f} MiB ({growth:+.1f} MiB)",
        abs(growth) <= TARGET_MIB,
    )
    return Section(table, (target,))


if __name__ == "__main__":
    _child(sys.argv[1], int(sys.argv[2]))
