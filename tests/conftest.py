"""Shared fixtures: paths, the generated package on sys.path, and a recording HTTP server."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec"
GENERATED = ROOT / "generated"

# The behaviour tests import the committed client exactly as a user would.
sys.path.insert(0, str(GENERATED))

BATCH_ID = "msgbatch_013Zva2CMHLNnXjNJJKqJ2EF"
DELETED = {"id": BATCH_ID, "type": "message_batch_deleted"}


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


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's own key or base URL."""
    for name in ("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "ANTHROPIC_LOG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server(httpserver: HTTPServer) -> Iterator[HTTPServer]:
    """A real HTTP server on 127.0.0.1; `httpserver.log` holds each request as received."""
    yield httpserver
    httpserver.clear()


def any_path() -> re.Pattern[str]:
    return re.compile(".*")


def raw_target(request: Request) -> str:
    """The request target exactly as it came over the socket (not percent-decoded)."""
    return str(request.environ["RAW_URI"])
