"""Time one `delete` call of our client, of bare httpx2 (the floor) and of the official SDK.

All three share one process and one canned `MockTransport` response, so the difference is
only what each library does around the HTTP exchange: building the request, headers, retries
bookkeeping, JSON parsing and model validation. Rounds are interleaved and rotated so that a
slow spell of the machine (or order effects such as cache warmth) hits every contender alike.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from collections.abc import Callable

import httpx2

from bench import GENERATED
from bench.results import Section, Table, Target
from bench.venv import official_sdk_missing

BATCH_ID = "msgbatch_013Zva2CMHLNnXjNJJKqJ2EF"
BETAS = ["message-batches-2024-09-24"]
API_KEY = "sk-bench"
BODY = json.dumps({"id": BATCH_ID, "type": "message_batch_deleted"}).encode()
RESPONSE_HEADERS = {"content-type": "application/json", "request-id": "req_bench"}
CALLS_PER_ROUND = 1000
ROUNDS = 21
TARGET_RATIO = 1.3
FLOOR = "floor: bare httpx2"
OURS = "ours"
OFFICIAL = "official anthropic 2.10.0"

Call = Callable[[], object]
Contender = Callable[[httpx2.MockTransport], Call]


def _respond(_: httpx2.Request) -> httpx2.Response:
    return httpx2.Response(200, content=BODY, headers=RESPONSE_HEADERS)


def floor(transport: httpx2.MockTransport) -> Call:
    """What any client must do at least: send the same DELETE and decode the JSON body."""
    http = httpx2.Client(transport=transport)
    url = f"https://api.anthropic.com/v1/messages/batches/{BATCH_ID}"
    headers = {
        "x-api-key": API_KEY,
        "anthropic-version": "2023-06-01",
        "anthropic-beta": ",".join(BETAS),
        "accept": "application/json",
    }
    return lambda: http.delete(url, headers=headers).json()


def ours(transport: httpx2.MockTransport) -> Call:
    """The committed client, imported from generated/ as a user who vendors it would."""
    if str(GENERATED) not in sys.path:
        sys.path.insert(0, str(GENERATED))
    import anthropic_batches

    client = anthropic_batches.Anthropic(
        api_key=API_KEY, http_client=httpx2.Client(transport=transport)
    )
    return lambda: client.beta.messages.batches.delete(BATCH_ID, betas=BETAS)


def official(transport: httpx2.MockTransport) -> Call:
    """anthropic 2.10.0 takes an `httpx2.Client` as `http_client`, so it shares the transport."""
    import anthropic

    client = anthropic.Anthropic(api_key=API_KEY, http_client=httpx2.Client(transport=transport))
    return lambda: client.beta.messages.batches.delete(BATCH_ID, betas=BETAS)


def _sent(contender: Contender) -> httpx2.Request:
    """The one request `contender` sends for one call."""
    sent: list[httpx2.Request] = []

    def record(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        return _respond(request)

    contender(httpx2.MockTransport(record))()
    if len(sent) != 1:
        raise SystemExit(f"per call: one call sent {len(sent)} requests")
    return sent[0]


def _wire_problem(request: httpx2.Request) -> str | None:
    """Why `request` is not the floor's DELETE, or None when it is."""
    if request.method != "DELETE" or request.url.path != f"/v1/messages/batches/{BATCH_ID}":
        return f"sent {request.method} {request.url}"
    if request.headers.get("anthropic-beta") != ",".join(BETAS):
        return f"sent anthropic-beta {request.headers.get('anthropic-beta')!r}"
    return None


def _microseconds_per_call(call: Call) -> float:
    gc.collect()
    started = time.perf_counter()
    for _ in range(CALLS_PER_ROUND):
        call()
    return (time.perf_counter() - started) / CALLS_PER_ROUND * 1e6


def _interleaved(calls: dict[str, Call]) -> dict[str, list[float]]:
    """µs per call of each, one sample per round; round 0 is a warm-up and is dropped.

    Each round starts with a different contender, so none always runs first.
    """
    names = list(calls)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(ROUNDS + 1):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            elapsed = _microseconds_per_call(calls[name])
            if round_number:
                samples[name].append(elapsed)
    return samples


def _paired_ratio(samples: list[float], floor_samples: list[float]) -> float:
    """Median over rounds of the ratio within a round: a busy spell slows both sides of it."""
    return statistics.median(a / b for a, b in zip(samples, floor_samples, strict=True))


def measure() -> Section:
    transport = httpx2.MockTransport(_respond)
    contenders: dict[str, Contender] = {FLOOR: floor, OURS: ours}
    missing = official_sdk_missing()
    if missing is None:
        contenders[OFFICIAL] = official
    header_counts: list[str] = []
    for name, contender in contenders.items():
        request = _sent(contender)
        problem = _wire_problem(request)
        if problem is not None:
            raise SystemExit(f"per call: {name} does not send the floor's request: {problem}")
        header_counts.append(f"{name}: {len(request.headers)}")
    samples = _interleaved({name: contender(transport) for name, contender in contenders.items()})
    floor_samples = samples[FLOOR]
    ratios = {name: _paired_ratio(values, floor_samples) for name, values in samples.items()}
    rows = [
        (name, f"{statistics.median(values):.1f}", f"{ratios[name]:.2f}x")
        for name, values in samples.items()
    ]
    if missing is not None:
        rows.append((OFFICIAL, missing, "-"))
    table = Table(
        title="Per call: `client.beta.messages.batches.delete(...)` over httpx2.MockTransport",
        columns=("client", "µs per call (median)", "vs floor"),
        rows=tuple(rows),
        notes=(
            f"Median of {ROUNDS} interleaved rounds of {CALLS_PER_ROUND} calls each, after a "
            "warm-up round, all in one process; the transport returns the same 200 JSON body "
            "with a `request-id` header to every contender. `vs floor` pairs each round's "
            "time with the floor's in the same round and takes the median of those ratios.",
            "Each contender's request was checked first: DELETE on the batch's path with the "
            "`anthropic-beta` header, as the floor sends it. Headers on the wire (httpx2's "
            f"own included): {', '.join(header_counts)}.",
        ),
    )
    measured = ratios[OURS]
    target = Target(
        f"per call: ours <= {TARGET_RATIO}x floor", f"{measured:.2f}x", measured <= TARGET_RATIO
    )
    return Section(table, (target,))
