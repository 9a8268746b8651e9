"""Code written the way the official SDK's users write it, against the generated client.

`make test` type-checks this file with mypy --strict and pyright strict (it must need no
cast and no ignore), and `test_typed_usage.py` runs it against a local server.
"""

from __future__ import annotations

from pathlib import Path

from anthropic_batches import (
    Anthropic,
    AnthropicError,
    AsyncAnthropic,
    NotFoundError,
)
from anthropic_batches.params import MessageBatchRequestParam, MessageParam
from anthropic_batches.types import (
    FileMetadata,
    Message,
    MessageBatch,
    MessageBatchIndividualResponse,
    ModelInfo,
)

REQUESTS: list[MessageBatchRequestParam] = [
    {
        "custom_id": "greeting",
        "params": {
            "model": "claude-sonnet-4-5",
            "max_tokens": 1024,
            "messages": [{"role": "user", "content": "Hello, world"}],
        },
    }
]


def describe(line: MessageBatchIndividualResponse) -> str:
    """Narrowing on the tag, as the official SDK's documentation does it."""
    result = line.result
    if result.type == "succeeded":
        texts = [block.text for block in result.message.content if block.type == "text"]
        return f"{line.custom_id}: {' '.join(texts)} ({result.message.usage.output_tokens} tokens)"
    if result.type == "errored":
        return f"{line.custom_id}: error {result.error.error.type}"
    if result.type in ("canceled", "expired"):
        return f"{line.custom_id}: {result.type}"
    return f"{line.custom_id}: a kind this client does not know"


def run(client: Anthropic) -> list[str]:
    """Every idiom once, in the order a batch lives; what it saw, line by line."""
    seen: list[str] = []
    batch: MessageBatch = client.messages.batches.create(requests=REQUESTS)
    seen.append(f"created {batch.id} {batch.processing_status} {batch.created_at.year}")
    if batch.processing_status != "ended":
        batch = client.messages.batches.retrieve(batch.id)
    seen.append(f"counts {batch.request_counts.succeeded}")
    page = client.messages.batches.list(limit=1)
    seen.append(f"page {[item.id for item in page.data]} last {page.last_id}")
    seen.append(f"all {[item.id for item in client.messages.batches.list(limit=1)]}")
    with client.messages.batches.results(batch.id) as results:
        seen.extend(describe(line) for line in results)
    raw = client.messages.batches.with_raw_response.retrieve(batch.id)
    seen.append(f"raw {raw.status_code} {raw.request_id} {raw.parse().id}")
    with client.messages.batches.with_streaming_response.results(batch.id) as response:
        seen.append(f"streamed {sum(1 for _ in response.iter_lines())} line(s)")
    deleted = client.beta.messages.batches.delete(batch.id, betas=["message-batches-2024-09-24"])
    seen.append(f"deleted {deleted.type}")
    try:
        client.messages.batches.retrieve("msgbatch_gone")
    except NotFoundError as error:
        seen.append(f"not found {error.status_code} {error.request_id}")
    except AnthropicError as error:
        seen.append(f"failed {error}")
    return seen


async def run_async(client: AsyncAnthropic) -> list[str]:
    """The async client, as official-SDK users write it."""
    seen: list[str] = []
    batch = await client.messages.batches.retrieve("msgbatch_1")
    seen.append(f"retrieved {batch.id}")
    first_page = await client.messages.batches.list(limit=1)
    seen.append(f"first page {[item.id for item in first_page.data]}")
    seen.append(f"all {[item.id async for item in client.messages.batches.list(limit=1)]}")
    async with await client.messages.batches.results(batch.id) as results:
        seen.extend([describe(line) async for line in results])
    async with client.messages.batches.with_streaming_response.retrieve(batch.id) as response:
        seen.append(f"streamed {(await response.parse()).id}")
    return seen


MESSAGES: list[MessageParam] = [{"role": "user", "content": "Hello, Claude"}]


def text_of(message: Message) -> str:
    """The text blocks of a message, narrowed on their tag."""
    return "".join(block.text for block in message.content if block.type == "text")


def run_messages(client: Anthropic, folder: Path) -> list[str]:
    """Messages, Models and Files as the official SDK's documentation writes them."""
    seen: list[str] = []
    message = client.messages.create(
        model="claude-sonnet-4-5", max_tokens=1024, messages=MESSAGES, system="Be brief."
    )
    seen.append(f"message {text_of(message)} {message.usage.output_tokens}")
    stream = client.messages.create(
        model="claude-sonnet-4-5", max_tokens=1024, messages=MESSAGES, stream=True
    )
    texts: list[str] = []
    for event in stream:
        if event.type == "content_block_delta" and event.delta.type == "text_delta":
            texts.append(event.delta.text)
    seen.append(f"streamed {''.join(texts)}")
    with client.messages.create(
        model="claude-sonnet-4-5", max_tokens=1024, messages=MESSAGES, stream=True
    ) as events:
        for event in events:
            if event.type == "message_delta":
                seen.append(f"stop {event.delta.stop_reason} {event.usage.output_tokens}")
    counted = client.messages.count_tokens(model="claude-sonnet-4-5", messages=MESSAGES)
    seen.append(f"tokens {counted.input_tokens}")
    models: list[ModelInfo] = list(client.models.list(limit=20))
    seen.append(f"models {[model.id for model in models]}")
    model = client.models.retrieve(models[0].id)
    seen.append(f"model {model.display_name} {model.created_at.year}")
    notes = folder / "notes.txt"
    notes.write_text("Hello")
    uploaded: FileMetadata = client.beta.files.upload(file=notes)
    client.beta.files.upload(file=("notes.txt", b"Hello", "text/plain"))
    seen.append(f"uploaded {uploaded.id} {uploaded.filename}")
    seen.append(f"files {[file.id for file in client.beta.files.list()]}")
    content = client.beta.files.download(uploaded.id)
    content.write_to_file(folder / "copy.txt")
    seen.append(f"downloaded {content.read()!r} {content.text}")
    with client.beta.files.with_streaming_response.download(uploaded.id) as response:
        seen.append(f"chunks {b''.join(response.iter_bytes())!r}")
    with client.beta.files.with_streaming_response.download(uploaded.id) as response:
        response.stream_to_file(folder / "streamed.txt")
    seen.append(f"streamed to file {(folder / 'streamed.txt').read_bytes()!r}")
    seen.append(f"deleted {client.beta.files.delete(uploaded.id).id}")
    return seen


async def run_messages_async(client: AsyncAnthropic, folder: Path) -> list[str]:
    """The same, through the async client."""
    seen: list[str] = []
    message = await client.messages.create(
        model="claude-sonnet-4-5", max_tokens=1024, messages=MESSAGES
    )
    seen.append(f"message {text_of(message)}")
    texts: list[str] = []
    async for event in await client.messages.create(
        model="claude-sonnet-4-5", max_tokens=1024, messages=MESSAGES, stream=True
    ):
        if event.type == "content_block_delta" and event.delta.type == "text_delta":
            texts.append(event.delta.text)
    seen.append(f"streamed {''.join(texts)}")
    seen.append(f"models {[model.id async for model in client.models.list()]}")
    uploaded = await client.beta.files.upload(file=folder / "notes.txt")
    content = await client.beta.files.download(uploaded.id)
    seen.append(f"downloaded {(await content.read())!r}")
    async with client.beta.files.with_streaming_response.download(uploaded.id) as response:
        await response.write_to_file(folder / "async-copy.txt")
    seen.append(f"copied {(folder / 'async-copy.txt').read_bytes()!r}")
    return seen
