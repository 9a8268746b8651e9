"""Pins `_retries`: which failed responses are retried, how long the client waits first, and
which `max_retries` values are accepted.

- `should_retry`: `x-should-retry: true|false` decides either way, in any case; otherwise an
  idempotent request is retried on 408, 409, 429 and every 5xx, any other only on the
  statuses that say it was turned away unprocessed (408, 409, 429, 503, 529).
- `retry_delay`: the server's `retry-after-ms`, else `retry-after` (seconds or an HTTP-date),
  honoured only when 0 < wait <= 60; else 0.5 s doubling per attempt, capped at 8 s, less up
  to 25% jitter (bounds pinned by fixing `random.random`); huge attempt numbers do not
  overflow.
- `checked_retries`: whole numbers from 0 up, not bools.
"""

from __future__ import annotations

import email.utils
import random
from datetime import UTC, datetime, timedelta
from typing import cast

import httpx2
import pytest

from generator.runtime._retries import checked_retries, retry_delay, should_retry


def _response(status: int, headers: dict[str, str] | None = None) -> httpx2.Response:
    return httpx2.Response(status, headers=headers)


@pytest.fixture
def no_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(random, "random", lambda: 0.0)


# should_retry


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504, 529, 599])
def test_an_idempotent_request_is_retried_on_408_409_429_and_5xx(status: int) -> None:
    assert should_retry(_response(status), idempotent=True)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 413, 422, 499])
def test_an_idempotent_request_is_not_retried_on_other_4xx(status: int) -> None:
    assert not should_retry(_response(status), idempotent=True)


def test_a_request_is_idempotent_unless_said_otherwise() -> None:
    assert should_retry(_response(500))


@pytest.mark.parametrize("status", [408, 409, 429, 503, 529])
def test_a_non_idempotent_request_is_retried_when_the_status_says_unprocessed(
    status: int,
) -> None:
    assert should_retry(_response(status), idempotent=False)


@pytest.mark.parametrize("status", [400, 404, 422, 500, 501, 502, 504, 599])
def test_a_non_idempotent_request_is_not_retried_on_any_other_status(status: int) -> None:
    assert not should_retry(_response(status), idempotent=False)


@pytest.mark.parametrize("value", ["true", "TRUE", "True"])
@pytest.mark.parametrize("name", ["x-should-retry", "X-Should-Retry"])
@pytest.mark.parametrize(("status", "idempotent"), [(400, True), (500, False), (404, False)])
def test_x_should_retry_true_forces_a_retry(
    name: str, value: str, status: int, idempotent: bool
) -> None:
    assert should_retry(_response(status, {name: value}), idempotent=idempotent)


@pytest.mark.parametrize("value", ["false", "FALSE", "False"])
@pytest.mark.parametrize("name", ["x-should-retry", "X-SHOULD-RETRY"])
@pytest.mark.parametrize(("status", "idempotent"), [(503, True), (429, False), (500, True)])
def test_x_should_retry_false_forbids_a_retry(
    name: str, value: str, status: int, idempotent: bool
) -> None:
    assert not should_retry(_response(status, {name: value}), idempotent=idempotent)


@pytest.mark.parametrize("value", ["yes", "1", ""])
def test_any_other_x_should_retry_value_leaves_the_status_to_decide(value: str) -> None:
    assert should_retry(_response(503, {"x-should-retry": value}), idempotent=False)
    assert not should_retry(_response(500, {"x-should-retry": value}), idempotent=False)


# retry_delay: what the server asks for


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "0.5"}, 0.0005),
        ({"Retry-After-Ms": "60000"}, 60.0),
        ({"retry-after": "2"}, 2.0),
        ({"retry-after": "2.5"}, 2.5),
        ({"Retry-After": "60"}, 60.0),
        ({"retry-after-ms": "100", "retry-after": "5"}, 0.1),
        ({"retry-after-ms": "soon", "retry-after": "3"}, 3.0),
    ],
)
def test_retry_delay_honours_what_the_server_asks_for(
    headers: dict[str, str], seconds: float
) -> None:
    assert retry_delay(2, httpx2.Headers(headers)) == pytest.approx(seconds)


def test_retry_delay_honours_a_retry_after_http_date() -> None:
    moment = datetime.now(UTC) + timedelta(seconds=30)
    header = email.utils.format_datetime(moment, usegmt=True)
    # An HTTP-date has whole seconds, and a little time passes before retry_delay reads it.
    assert 28.0 < retry_delay(0, httpx2.Headers({"retry-after": header})) <= 30.0


@pytest.mark.usefixtures("no_jitter")
@pytest.mark.parametrize(
    "headers",
    [
        {"retry-after-ms": "0"},
        {"retry-after-ms": "-100"},
        {"retry-after-ms": "60001"},
        {"retry-after-ms": "nan"},
        {"retry-after-ms": "inf"},
        {"retry-after": "0"},
        {"retry-after": "-1"},
        {"retry-after": "61"},
        {"retry-after": "3600"},
        {"retry-after": "nan"},
        {"retry-after": "later"},
        {"retry-after": ""},
        {"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"},
        {"retry-after-ms": "120000", "retry-after": "5"},
        {},
    ],
)
def test_retry_delay_backs_off_when_the_server_asks_for_nothing_usable(
    headers: dict[str, str],
) -> None:
    assert retry_delay(0, httpx2.Headers(headers)) == 0.5
    assert retry_delay(3, httpx2.Headers(headers)) == 4.0


@pytest.mark.usefixtures("no_jitter")
def test_retry_delay_backs_off_for_a_date_more_than_a_minute_ahead() -> None:
    moment = datetime.now(UTC) + timedelta(seconds=120)
    header = email.utils.format_datetime(moment, usegmt=True)
    assert retry_delay(1, httpx2.Headers({"retry-after": header})) == 1.0


# retry_delay: backoff


@pytest.mark.usefixtures("no_jitter")
@pytest.mark.parametrize(
    ("attempt", "seconds"),
    [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (5, 8.0), (10, 8.0)],
)
def test_retry_delay_doubles_from_half_a_second_up_to_8_seconds(
    attempt: int, seconds: float
) -> None:
    assert retry_delay(attempt, None) == seconds


@pytest.mark.parametrize(
    ("attempt", "seconds"),
    [(0, 0.375), (1, 0.75), (2, 1.5), (3, 3.0), (4, 6.0), (9, 6.0)],
)
def test_retry_delay_jitter_takes_off_at_most_a_quarter(
    monkeypatch: pytest.MonkeyPatch, attempt: int, seconds: float
) -> None:
    monkeypatch.setattr(random, "random", lambda: 1.0)
    assert retry_delay(attempt, None) == seconds


def test_retry_delay_jitter_scales_between_the_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(random, "random", lambda: 0.5)
    assert retry_delay(2, None) == pytest.approx(2.0 * 0.875)


@pytest.mark.parametrize("attempt", [0, 1, 4, 7])
def test_retry_delay_with_real_jitter_stays_within_the_bounds(attempt: int) -> None:
    ceiling = min(0.5 * 2**attempt, 8.0)
    for _ in range(200):
        assert 0.75 * ceiling <= retry_delay(attempt, None) <= ceiling


@pytest.mark.usefixtures("no_jitter")
@pytest.mark.parametrize("attempt", [1023, 1024, 10**6, 2**64])
def test_retry_delay_does_not_overflow_for_huge_attempt_numbers(attempt: int) -> None:
    assert retry_delay(attempt, None) == 8.0


# checked_retries


@pytest.mark.parametrize("value", [0, 1, 3, 100])
def test_checked_retries_accepts_a_whole_number_from_zero(value: int) -> None:
    assert checked_retries(value) == value


@pytest.mark.parametrize("value", [-1, True, False, 1.0, 2.5, "3", None])
def test_checked_retries_refuses_anything_else(value: object) -> None:
    with pytest.raises(ValueError, match="max_retries"):
        checked_retries(cast(int, value))
