"""When a failed request is sent again, and how long to wait first.

Retries, up to `max_retries` times, with `x-stainless-retry-count` giving each attempt's
number. A response header `x-should-retry: true|false` always decides. Otherwise:
- an idempotent request (GET, PUT, DELETE, or an operation marked `x-idempotent: true`) is
  retried on connection errors, timeouts, and the statuses 408, 409, 429 and 5xx;
- any other request (a POST that creates something) is retried only when it cannot have been
  acted on: the connection was never made, or the status says the server turned it away
  unprocessed (408, 409, 429, 503, 529). A lost response or a 500 is raised, not retried, so
  a batch is never created twice behind the caller's back.
The wait is the server's `retry-after-ms` or `retry-after` when it asks for 0-60 s, else
0.5 s doubling up to 8 s, less up to 25% jitter.
"""

from __future__ import annotations

import email.utils
import random
import time

import httpx2

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
RETRYABLE_STATUSES = frozenset({408, 409, 429})
#: Statuses that say a request was turned away before it was acted on.
UNPROCESSED_STATUSES = frozenset({408, 409, 429, 503, 529})
#: Transport errors raised before any byte of the request could reach the server.
UNSENT_ERRORS = (httpx2.ConnectError, httpx2.ConnectTimeout, httpx2.PoolTimeout)


def checked_retries(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"max_retries must be a whole number >= 0, not {value!r}")
    return value


def should_retry(response: httpx2.Response, idempotent: bool = True) -> bool:
    """Whether a failed response is worth another attempt; the server can say so outright."""
    override = response.headers.get("x-should-retry", "").lower()
    if override == "true":
        return True
    if override == "false":
        return False
    if not idempotent:
        return response.status_code in UNPROCESSED_STATUSES
    return response.status_code in RETRYABLE_STATUSES or response.status_code >= 500


def retry_delay(attempt: int, headers: httpx2.Headers | None) -> float:
    """Seconds to wait after failed attempt number `attempt` (0 for the first): what the
    server asks for when that is more than 0 and at most 60 s, else exponential backoff."""
    if headers is not None:
        requested = _retry_after(headers)
        if requested is not None and 0 < requested <= MAX_RETRY_AFTER:
            return requested
    # The exponent is capped before the power: 2.0**1024 would overflow a float.
    backoff = min(INITIAL_RETRY_DELAY * 2.0 ** min(attempt, 16), MAX_RETRY_DELAY)
    return backoff * (1 - 0.25 * random.random())


def _retry_after(headers: httpx2.Headers) -> float | None:
    milliseconds = headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            return float(milliseconds) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment.timestamp() - time.time()


def sleep(seconds: float) -> None:
    time.sleep(seconds)


async def async_sleep(seconds: float) -> None:
    """A pause on whatever event loop runs the client (asyncio or trio, through anyio, which
    httpx2 needs anyway), imported on first use: a sync-only user does not pay for it."""
    import anyio

    await anyio.sleep(seconds)
