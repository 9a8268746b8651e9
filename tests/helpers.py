"""What more than one test module needs: paths, running the generator, reading a tree of
files, and the bodies the API sends."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from werkzeug import Request

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec"
GENERATED = ROOT / "generated"
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
