"""Conformance: the generated client against the Prism mock server, run with `--errors`.

Prism validates each request against the (normalised) spec and, with `--errors`, answers a
non-conforming one with a 4xx instead of the example: so any request the client gets wrong
fails these tests. `make test` installs the pinned Prism into tools/node/.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anthropic_batches
import httpx2
import pytest
from anthropic_batches import Anthropic, AsyncAnthropic
from anthropic_batches.params import MessageBatchRequestParam, MessageParam, ToolParam
from anthropic_batches.types import (
    BetaDeletedMessageBatch,
    DeletedFile,
    DeletedMessageBatch,
    FileMetadata,
    Message,
    MessageBatch,
    MessageBatchSucceededResult,
    MessageTokensCount,
    ModelInfo,
    RawContentBlockDeltaEvent,
    RawContentBlockStartEvent,
    RawContentBlockStopEvent,
    RawMessageDeltaEvent,
    RawMessageStartEvent,
    RawMessageStopEvent,
)

from ..helpers import BATCH_ID, ROOT, prism_mock

pytestmark = pytest.mark.prism


@pytest.fixture(scope="module")
def prism_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    spec = tmp_path_factory.mktemp("prism") / "openapi.json"
    subprocess.run(
        [sys.executable, "-m", "generator", "normalise", "--output", str(spec)],
        cwd=ROOT,
        check=True,
    )
    with prism_mock(spec) as url:
        yield url


@pytest.fixture
def client(prism_url: str) -> Iterator[Anthropic]:
    with Anthropic(api_key="sk-prism", base_url=prism_url, max_retries=0) as client:
        yield client


def test_beta_delete_conforms(client: Anthropic) -> None:
    result = client.beta.messages.batches.delete(
        BATCH_ID, betas=["message-batches-2024-09-24", "files-api-2025-04-14", "custom-beta"]
    )
    assert isinstance(result, BetaDeletedMessageBatch)
    assert (result.id, result.type) == (BATCH_ID, "message_batch_deleted")


def test_beta_delete_without_betas_conforms(client: Anthropic) -> None:
    result = client.beta.messages.batches.delete("msg/../x y")
    assert result.type == "message_batch_deleted"


def test_ga_delete_conforms(client: Anthropic) -> None:
    result = client.messages.batches.delete(BATCH_ID)
    assert isinstance(result, DeletedMessageBatch)
    assert result.id == BATCH_ID


async def test_async_delete_conforms(prism_url: str) -> None:
    async with AsyncAnthropic(api_key="sk-prism", base_url=prism_url, max_retries=0) as client:
        result = await client.beta.messages.batches.delete(
            BATCH_ID, betas=["message-batches-2024-09-24"]
        )
    assert isinstance(result, BetaDeletedMessageBatch)


@pytest.mark.parametrize(
    "credentials",
    [{"auth_token": "sk-prism"}, {"api_key": "sk-prism", "auth_token": "sk-prism"}],
    ids=["bearer token", "both"],
)
def test_each_way_to_authenticate_conforms(prism_url: str, credentials: dict[str, str]) -> None:
    """The spec's security is either scheme; Prism refuses a request that satisfies neither."""
    client = Anthropic(
        api_key=credentials.get("api_key"),
        auth_token=credentials.get("auth_token"),
        base_url=prism_url,
        max_retries=0,
    )
    with client:
        result = client.messages.batches.delete(BATCH_ID)
    assert isinstance(result, DeletedMessageBatch)


def test_prism_rejects_a_request_that_breaks_the_spec(prism_url: str) -> None:
    """The control: without it, a Prism that accepted anything would make the tests above moot."""
    unauthenticated = httpx2.delete(f"{prism_url}/v1/messages/batches/{BATCH_ID}")
    assert unauthenticated.status_code == 401
    assert "sl-violations" in unauthenticated.headers
    wrong_method = httpx2.put(
        f"{prism_url}/v1/messages/batches/{BATCH_ID}", headers={"x-api-key": "k"}
    )
    assert wrong_method.status_code in (404, 405)


def test_prism_error_reaches_the_client_as_its_status_class(prism_url: str) -> None:
    with Anthropic(api_key="k", base_url=prism_url + "/nowhere", max_retries=0) as client:
        with pytest.raises(anthropic_batches.NotFoundError):
            client.messages.batches.delete(BATCH_ID)


REQUESTS: list[MessageBatchRequestParam] = [
    {
        "custom_id": "first",
        "params": {
            "model": "claude-sonnet-4-5",
            "max_tokens": 1024,
            "system": "Be brief.",
            "temperature": 0.5,
            "stop_sequences": ["END"],
            "metadata": {"user_id": "u-1"},
            "messages": [
                {"role": "user", "content": [{"type": "text", "text": "Hello"}]},
                {"role": "assistant", "content": "Hi"},
                {"role": "user", "content": "How are you?"},
            ],
        },
    }
]


@pytest.mark.parametrize("beta", [True, False], ids=["beta", "ga"])
def test_every_operation_conforms(client: Anthropic, beta: bool) -> None:
    betas: dict[str, Any] = {"betas": ["message-batches-2024-09-24"]} if beta else {}
    batches = client.beta.messages.batches if beta else client.messages.batches
    created = batches.create(requests=REQUESTS, **betas)
    assert isinstance(created, MessageBatch)
    assert isinstance(batches.retrieve(created.id, **betas), MessageBatch)
    assert isinstance(batches.cancel(created.id, **betas), MessageBatch)
    page = batches.list(limit=2, **betas)
    assert all(isinstance(item, MessageBatch) for item in page.data)
    if page.has_next_page():  # Prism's page says has_more; the next request must conform too
        assert isinstance(page.get_next_page().data, list)
    backwards = batches.list(before_id="msgbatch_x", limit=1000, **betas)
    assert isinstance(backwards.data, list)
    # results() asks for application/binary, as the official SDK does; Prism has no serialiser
    # for it, so here it asks for the JSON that Prism serves for a JSON-lines body.
    as_json = {"accept": "application/json"}
    with batches.results(created.id, extra_headers=as_json, **betas) as stream:
        (line,) = list(stream)
    assert isinstance(line.result, MessageBatchSucceededResult)


def test_prism_rejects_a_body_that_breaks_the_spec(prism_url: str) -> None:
    """The control for request bodies: a request without its `params` is refused."""
    response = httpx2.post(
        f"{prism_url}/v1/messages/batches",
        headers={"x-api-key": "k"},
        json={"requests": [{"custom_id": "a"}]},
    )
    assert response.status_code == 422
    assert "params" in response.headers["sl-violations"]


def test_a_bad_body_reaches_the_client_as_unprocessable(client: Anthropic) -> None:
    with pytest.raises(anthropic_batches.UnprocessableEntityError):
        client.messages.batches.create(requests=[{"custom_id": "a"}])  # type: ignore[typeddict-item]


# Messages, Models and Files


MESSAGES: list[MessageParam] = [
    {"role": "user", "content": "What is the weather in Paris?"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "t1", "name": "w", "input": {}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1", "content": "18 C"}]},
]
TOOLS: list[ToolParam] = [
    {"name": "w", "description": "Weather", "input_schema": {"type": "object", "properties": {}}}
]
#: The normalised spec serves `text/event-stream` to a request that accepts it; the client asks
#: for JSON as the official SDK does, which Prism would answer with the JSON Message instead.
EVENT_STREAM = {"accept": "text/event-stream"}
EVENT_TYPES = [
    RawMessageStartEvent,
    RawMessageDeltaEvent,
    RawMessageStopEvent,
    RawContentBlockStartEvent,
    RawContentBlockDeltaEvent,
    RawContentBlockStopEvent,
]


@pytest.mark.parametrize("beta", [False, True], ids=["ga", "beta"])
def test_messages_conform(client: Anthropic, beta: bool) -> None:
    betas: dict[str, Any] = {"betas": ["token-counting-2024-11-01"]} if beta else {}
    messages = client.beta.messages if beta else client.messages
    message = messages.create(
        model="claude-sonnet-4-5",
        max_tokens=1024,
        messages=MESSAGES,
        system=[{"type": "text", "text": "Be brief."}],
        metadata={"user_id": "u-1"},
        stop_sequences=["END"],
        tools=TOOLS,
        tool_choice={"type": "tool", "name": "w"},
        thinking={"type": "enabled", "budget_tokens": 2048},
        temperature=0.5,
        top_k=5,
        top_p=0.9,
        stream=False,
        **betas,
    )
    assert isinstance(message, Message)
    with messages.create(
        model="claude-sonnet-4-5",
        max_tokens=16,
        messages=MESSAGES[:1],
        stream=True,
        extra_headers=EVENT_STREAM,
        **betas,
    ) as stream:
        events = list(stream)
    assert [type(event) for event in events] == EVENT_TYPES
    counted = messages.count_tokens(
        model="claude-sonnet-4-5",
        messages=MESSAGES,
        system="Be brief.",
        tools=TOOLS,
        tool_choice={"type": "auto"},
        thinking={"type": "disabled"},
        **betas,
    )
    assert isinstance(counted, MessageTokensCount)


def test_prism_rejects_a_message_whose_max_tokens_is_not_a_number(client: Anthropic) -> None:
    """The control for Messages: the body is validated, not only the route."""
    with pytest.raises(anthropic_batches.UnprocessableEntityError):
        client.messages.create(
            model="m", messages=MESSAGES, extra_body={"max_tokens": "many"}, max_tokens=1
        )


@pytest.mark.parametrize("beta", [False, True], ids=["ga", "beta"])
def test_models_conform(client: Anthropic, beta: bool) -> None:
    betas: dict[str, Any] = {"betas": ["custom-beta"]} if beta else {}
    models = client.beta.models if beta else client.models
    page = models.list(limit=2, **betas)
    assert all(isinstance(item, ModelInfo) for item in page.data)
    if page.has_next_page():
        assert isinstance(page.get_next_page().data, list)
    assert isinstance(models.list(before_id="claude-x", **betas).data, list)
    assert isinstance(models.retrieve("claude-3-7@2025/02 19", **betas), ModelInfo)


def test_files_conform(client: Anthropic, tmp_path: Path) -> None:
    files = client.beta.files
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"Hello")
    for file in (b"Hello", notes, ("notes.txt", b"Hello", "text/plain")):
        assert isinstance(files.upload(file=file, betas=["custom-beta"]), FileMetadata)
    page = files.list(limit=2)
    assert all(isinstance(item, FileMetadata) for item in page.data)
    if page.has_next_page():
        assert isinstance(page.get_next_page().data, list)
    assert isinstance(files.retrieve_metadata("file_1"), FileMetadata)
    assert isinstance(files.delete("file_1"), DeletedFile)
    downloaded = files.download("file_1")
    assert downloaded.headers["content-type"] == "application/binary"
    assert downloaded.read()  # Prism serves its example of a binary string
    with files.with_streaming_response.download("file_1") as response:
        assert b"".join(response.iter_bytes()) == downloaded.read()


def test_prism_rejects_an_upload_without_its_file_part(prism_url: str) -> None:
    """The control for multipart bodies: Prism checks the parts against the schema."""
    response = httpx2.post(
        f"{prism_url}/v1/files", headers={"x-api-key": "k"}, files={"other": ("a", b"x")}
    )
    assert response.status_code == 422
    assert "file" in response.headers["sl-violations"]


async def test_async_messages_and_files_conform(prism_url: str, tmp_path: Path) -> None:
    async with AsyncAnthropic(api_key="sk-prism", base_url=prism_url, max_retries=0) as client:
        stream = await client.messages.create(
            model="m", max_tokens=8, messages=MESSAGES, stream=True, extra_headers=EVENT_STREAM
        )
        assert [type(event) async for event in stream] == EVENT_TYPES
        uploaded = await client.beta.files.upload(file=("a.txt", b"abc"))
        assert isinstance(uploaded, FileMetadata)
        assert await (await client.beta.files.download(uploaded.id)).read()
        assert isinstance(await client.models.retrieve("m"), ModelInfo)
