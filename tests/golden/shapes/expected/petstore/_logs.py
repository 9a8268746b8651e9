"""Logging of requests, switched on by the spec's log variable (`LOG_ENV` in `_config`).

`debug` logs each attempt's method, URL, status or error, attempt number and time; `info` logs
the retries. The API key never appears: URLs (a password in one masked) and statuses only.
"""

from __future__ import annotations

import logging
import os
import time

import httpx2

from ._config import LOG_ENV
from ._request import shown_url

log = logging.getLogger(__name__.rpartition(".")[0])


def configure_logging() -> None:
    """Log each request to stderr when the spec's log variable is `debug` or `info`."""
    level = os.environ.get(LOG_ENV, "").lower()
    if level not in ("debug", "info") or log.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.DEBUG if level == "debug" else logging.INFO)


def log_response(response: httpx2.Response, attempt: int, started: float) -> None:
    if log.isEnabledFor(logging.DEBUG):
        request = response.request
        log.debug(
            "%s %s -> %d (attempt %d, %.3f s)",
            request.method,
            shown_url(request.url),
            response.status_code,
            attempt + 1,
            time.monotonic() - started,
        )


def log_retry(request: httpx2.Request, attempt: int, retries: int, delay: float) -> None:
    log.info(
        "Retrying %s %s in %.2f s (retry %d of %d)",
        request.method,
        shown_url(request.url),
        delay,
        attempt + 1,
        retries,
    )


def log_failure(request: httpx2.Request, attempt: int, started: float, error: Exception) -> None:
    log.debug(
        "%s %s -> %s (attempt %d, %.3f s)",
        request.method,
        shown_url(request.url),
        type(error).__name__,
        attempt + 1,
        time.monotonic() - started,
    )
