"""Fixtures every test folder shares: the generated package on sys.path, a clean environment,
and a recording HTTP server. Shared functions are in `helpers`."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from .helpers import GENERATED, ROOT

GOLDEN = ROOT / "tests" / "golden"

# The behaviour tests import the committed client exactly as a user would, and the golden
# records' packages too.
sys.path.insert(0, str(GENERATED))
sys.path.extend(str(folder) for folder in sorted(GOLDEN.glob("*/expected")))


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's own credentials or base URL."""
    for name in (
        "ANTHROPIC_API_KEY",
        "ANTHROPIC_AUTH_TOKEN",
        "ANTHROPIC_BASE_URL",
        "ANTHROPIC_LOG",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server(httpserver: HTTPServer) -> Iterator[HTTPServer]:
    """A real HTTP server on 127.0.0.1; `httpserver.log` holds each request as received."""
    yield httpserver
    httpserver.clear()
