"""Every exception the client raises pickles and unpickles with its class and fields.

A status error took `response` and `body` as keyword-only arguments, which pickle's default
for exceptions (calling the class with `args`) cannot give back: one raised in a
`ProcessPoolExecutor` worker arrived as `BrokenProcessPool`. Each error here is raised the
way a caller meets it where that is cheap (a real server), else made directly.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import httpx2
import pytest
from anthropic_batches import (
    Anthropic,
    AnthropicError,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    InflatedResponseError,
    LineTooLongError,
    NotFoundError,
    RedirectError,
    RepeatedPageError,
    ResponseReadError,
)
from pytest_httpserver import HTTPServer

from ..helpers import BATCH_ID, any_path
from .scripted_server import ScriptedServer, Stall

API_KEY = "sk-ant-api-SECRET-1"
NOT_FOUND = {"type": "error", "error": {"type": "not_found_error", "message": "No such batch"}}


def retrieve(base_url: str, timeout: float = 5.0) -> None:
    """One `retrieve` call, at module level so that a worker process can run it."""
    with Anthropic(api_key=API_KEY, base_url=base_url, max_retries=0, timeout=timeout) as client:
        client.messages.batches.retrieve(BATCH_ID)


def raised(call: Callable[[], object]) -> AnthropicError:
    with pytest.raises(AnthropicError) as caught:
        call()
    return caught.value


def round_trip(error: AnthropicError) -> AnthropicError:
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, AnthropicError)
    assert type(copy) is type(error)
    assert (str(copy), copy.args) == (str(error), error.args)
    return copy


def test_a_status_error_pickles_with_its_status_body_request_id_and_request(
    server: HTTPServer,
) -> None:
    server.expect_oneshot_request(any_path()).respond_with_json(
        NOT_FOUND, status=404, headers={"request-id": "req_404"}
    )
    error = raised(lambda: retrieve(server.url_for("")))
    copy = round_trip(error)
    assert isinstance(error, NotFoundError) and isinstance(copy, NotFoundError)
    assert (copy.status_code, copy.body, copy.request_id) == (404, NOT_FOUND, "req_404")
    assert (copy.request.method, copy.request.url) == ("GET", error.request.url)
    assert copy.response.status_code == 404
    assert API_KEY not in repr(copy.request.headers)


def test_a_validation_error_pickles_with_its_body(server: HTTPServer) -> None:
    server.expect_oneshot_request(any_path()).respond_with_data("{not json", status=200)
    copy = round_trip(raised(lambda: retrieve(server.url_for(""))))
    assert isinstance(copy, APIResponseValidationError)
    assert (copy.status_code, copy.body) == (200, "{not json")


def test_connection_and_timeout_errors_pickle() -> None:
    scripted = ScriptedServer()
    scripted.play(Stall(2.0))
    try:
        timed_out = round_trip(raised(lambda: retrieve(scripted.url, timeout=0.05)))
    finally:
        scripted.stop()
    assert isinstance(timed_out, APITimeoutError)
    refused = round_trip(raised(lambda: retrieve(scripted.url)))  # stopped: nothing listens
    assert isinstance(refused, APIConnectionError) and not isinstance(refused, APITimeoutError)
    assert refused.request.url == httpx2.URL(f"{scripted.url}/v1/messages/batches/{BATCH_ID}")


def test_the_runtimes_other_errors_pickle_with_their_fields() -> None:
    request = httpx2.Request("GET", "https://api.example.com/v1/things")
    response = httpx2.Response(200, request=request, content=b"x")
    errors: list[AnthropicError] = [
        LineTooLongError(1024),
        InflatedResponseError(response, 10**9),
        ResponseReadError(response, "The body was read already"),
        RedirectError("The server redirected a POST with a body to another host"),
        RepeatedPageError("The API pointed back to a page already fetched"),
        APIStatusError("Error code: 418", response=response, body={"teapot": True}),
    ]
    for error in errors:
        copy = round_trip(error)
        assert vars(copy).keys() == vars(error).keys()
    line, inflated, read = (round_trip(error) for error in errors[:3])
    assert isinstance(line, LineTooLongError) and line.max_line_bytes == 1024
    assert isinstance(inflated, InflatedResponseError) and inflated.response.status_code == 200
    assert isinstance(read, ResponseReadError) and read.message == "The body was read already"


def test_a_status_error_raised_in_a_worker_process_arrives_whole(server: HTTPServer) -> None:
    server.expect_oneshot_request(any_path()).respond_with_json(
        NOT_FOUND, status=404, headers={"request-id": "req_w"}
    )
    spawn = multiprocessing.get_context("spawn")  # no fork of this threaded process
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
        future = pool.submit(retrieve, server.url_for(""))
        with pytest.raises(NotFoundError) as caught:
            future.result(timeout=60)
    assert (caught.value.status_code, caught.value.request_id) == (404, "req_w")
    assert caught.value.body == NOT_FOUND
