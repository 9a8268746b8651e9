"""Code written the way the official SDK's users write it, against the generated client.

`make test` type-checks this file with mypy --strict and pyright strict (it must need no
cast and no ignore), and `test_typed_usage.py` runs it against a local server.
"""

from __future__ import annotations

from anthropic_batches import (
    Anthropic,
    AnthropicError,
    AsyncAnthropic,
    NotFoundError,
)
from anthropic_batches.params import MessageBatchRequestParam
from anthropic_batches.types import MessageBatch, MessageBatchIndividualResponse

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
