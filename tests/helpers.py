"""What more than one test module needs: paths, running the generator, reading a tree of
files, and the bodies the API sends."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import httpx2
import pytest
from werkzeug import Request

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec"
GENERATED = ROOT / "generated"
#: The pinned Prism mock server that `make pytest` and `make published` install and name.
PRISM = Path(os.environ.get("PRISM", ROOT / "tools/node/node_modules/.bin/prism"))
PRISM_STARTUP_SECONDS = 60
#: Folders tools make in an output folder, which generation does not own: caches, and what
#: `pip install` builds in place.
TOOL_MADE = ("__pycache__", ".mypy_cache", "build", "*.egg-info")
IGNORED = shutil.ignore_patterns(*TOOL_MADE)

BATCH_ID = "msgbatch_013Zva2CMHLNnXjNJJKqJ2EF"
DELETED = {"id": BATCH_ID, "type": "message_batch_deleted"}
#: A Message as a succeeded results line holds it, with a content block and a usage counter
#: newer than the spec.
MESSAGE = {
    "id": "msg_1",
    "type": "message",
    "role": "assistant",
    "content": [{"type": "text", "text": "Hi!"}, {"type": "server_tool_use_v9", "id": "x"}],
    "model": "claude-sonnet-4-5",
    "stop_reason": "end_turn",
    "stop_sequence": None,
    "usage": {"input_tokens": 10, "output_tokens": 3, "a_new_counter": 1},
}


def run_generator(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` from the repository root, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its relative path, but what tools made (`TOOL_MADE`)."""
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        made = any(fnmatch(part, pattern) for part in relative.parts for pattern in TOOL_MADE)
        if path.is_file() and not made:
            files[relative.as_posix()] = path.read_bytes()
    return files


def batch(batch_id: str = BATCH_ID, **changes: Any) -> dict[str, Any]:
    """A MessageBatch body as the API sends it, with `changes` applied."""
    return {
        "id": batch_id,
        "type": "message_batch",
        "processing_status": "in_progress",
        "request_counts": {
            "processing": 2,
            "succeeded": 0,
            "errored": 0,
            "canceled": 0,
            "expired": 0,
        },
        "ended_at": None,
        "created_at": "2024-08-20T18:37:24.100435Z",
        "expires_at": "2024-08-21T18:37:24.100435Z",
        "archived_at": None,
        "cancel_initiated_at": None,
        "results_url": None,
        **changes,
    }


def any_path() -> re.Pattern[str]:
    return re.compile(".*")


def raw_target(request: Request) -> str:
    """The request target exactly as it came over the socket (not percent-decoded)."""
    return str(request.environ["RAW_URI"])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def prism_mock(spec: Path) -> Iterator[str]:
    """Prism mocking `spec` on a free local port, run with `--errors`, until the block ends;
    yields its URL. Its output goes to `spec` with the suffix `.log`, shown if it fails to start.

    Prism validates each request against the spec and, with `--errors`, answers one that breaks
    it with a 4xx (and the violations in its `sl-violations` header) instead of the example.
    """
    if not PRISM.exists():
        pytest.fail(f"Prism is not installed at {PRISM}: run `make test`, which installs it")
    port = free_port()
    log_path = spec.with_suffix(".log")
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(PRISM), "mock", "--host", "127.0.0.1", "--port", str(port), "--errors", str(spec)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + PRISM_STARTUP_SECONDS
            while True:
                try:
                    httpx2.get(url, timeout=1)
                    break
                except httpx2.TransportError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"Prism did not start: {log_path.read_text()}")
                    time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)
