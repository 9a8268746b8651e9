"""Logging of requests, switched on by the spec's log variable (`LOG_ENV` in `_config`).

`debug` logs each attempt's method, URL, status or error, attempt number and time; `info` logs
the retries. No credential ever appears: URLs (a password, and credentials sent in the query,
masked) and statuses only.
"""

from __future__ import annotations

import logging
import os
import time

import httpx2

from ._config import LOG_ENV
from ._request import SecretQueryURL, shown_url

log = logging.getLogger(__name__.rpartition(".")[0])


class _HideQueryCredentials(logging.Filter):
    """Masks the query credentials of this package's requests in httpx2's own log line
    (`HTTP Request: GET URL ...`, at INFO), which shows the URL as it was sent. Only records
    whose arguments hold a `SecretQueryURL` are changed; httpx2's other records pass as they
    are."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(
            isinstance(arg, SecretQueryURL) for arg in record.args
        ):
            record.args = tuple(
                shown_url(arg) if isinstance(arg, SecretQueryURL) else arg for arg in record.args
            )
        return True


logging.getLogger("httpx2").addFilter(_HideQueryCredentials())


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
