"""Fixtures every test folder shares: the generated package on sys.path, a clean environment,
and a recording HTTP server. Shared functions are in `helpers`."""

from __future__ import annotations

import sys
from collections.abc import Generator, Iterator

import pytest
from pytest_asyncio.plugin import PytestAsyncioFunction
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


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_pycollect_makeitem(
    collector: pytest.Module | pytest.Class, name: str, obj: object
) -> Generator[None, object, object]:
    """Leave a test marked `anyio` to anyio's plugin, which runs it on each `anyio_backend`.

    pytest-asyncio, in the auto mode the suite uses, takes every `async def` test and runs it
    on an asyncio loop: a test meant for trio would run on asyncio and pass without proving
    anything. Here (outermost, after pytest-asyncio has made its item) such a test is made a
    plain function item again, without the asyncio mark pytest-asyncio gave it.
    """
    collected = yield
    if collected is None:
        return None
    items = collected if isinstance(collected, list) else [collected]
    restored: list[object] = []
    for item in items:
        if isinstance(item, PytestAsyncioFunction) and item.get_closest_marker("anyio"):
            plain = pytest.Function.from_parent(
                item.parent,
                name=item.name,
                callspec=getattr(item, "callspec", None),
                callobj=item.obj,
                fixtureinfo=item._fixtureinfo,
                keywords={key: True for key in item.keywords if key != "asyncio"},
                originalname=item.originalname,
            )
            plain.own_markers = [mark for mark in item.own_markers if mark.name != "asyncio"]
            item = plain
        restored.append(item)
    return restored if isinstance(collected, list) else restored[0]
