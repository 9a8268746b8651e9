"""Each pagination scheme sdk.yaml can declare, on the wire: the `paged` golden record has one
list per scheme (cursor by id, opaque token, offset), and its client walks every page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from library import AsyncLibrary, Library
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ..helpers import ROOT, run_generator


@pytest.fixture
def client(server: HTTPServer) -> Iterator[Library]:
    with Library(api_key="k", base_url=server.url_for("")) as client:
        yield client


def serve(server: HTTPServer, pages: dict[str | None, dict[str, Any]], parameter: str) -> None:
    """Answer each request with the page its `parameter` asks for (None: the first)."""

    def respond(request: Request) -> Response:
        return Response(
            json.dumps(pages[request.args.get(parameter)]), content_type="application/json"
        )

    server.expect_request("/authors").respond_with_handler(respond)
    server.expect_request("/loans").respond_with_handler(respond)


TOKEN_PAGES: dict[str | None, dict[str, Any]] = {
    None: {"data": [{"id": "a1"}, {"id": "a2"}], "next_page": "t2"},
    "t2": {"data": [{"id": "a3"}], "next_page": "t3"},
    "t3": {"data": [{"id": "a4"}], "next_page": None},
}
OFFSET_PAGES: dict[str | None, dict[str, Any]] = {
    None: {"results": [{"id": 1}, {"id": 2}], "total": 5},
    "2": {"results": [{"id": 3}, {"id": 4}], "total": 5},
    "4": {"results": [{"id": 5}], "total": 5},
}


def sent(server: HTTPServer, parameter: str) -> list[str | None]:
    return [request.args.get(parameter) for request, _ in server.log]


def test_a_token_page_sends_back_the_token_until_there_is_none(
    server: HTTPServer, client: Library
) -> None:
    serve(server, TOKEN_PAGES, "page")
    page = client.authors.list()
    assert (page.next_page, page.has_next_page()) == ("t2", True)
    assert [author.id for author in page] == ["a1", "a2", "a3", "a4"]
    assert sent(server, "page") == [None, "t2", "t3"]


def test_an_offset_page_moves_by_the_items_received_until_the_total(
    server: HTTPServer, client: Library
) -> None:
    serve(server, OFFSET_PAGES, "offset")
    page = client.loans.list(limit=2)
    assert page.offset == 0
    assert [loan.id for loan in page] == [1, 2, 3, 4, 5]
    assert sent(server, "offset") == [None, "2", "4"]
    assert [request.args.get("limit") for request, _ in server.log] == ["2", "2", "2"]


def test_an_offset_page_stops_at_an_empty_page_short_of_the_total(
    server: HTTPServer, client: Library
) -> None:
    pages: dict[str | None, dict[str, Any]] = {
        None: {"results": [{"id": 1}], "total": 100},
        "1": {"results": [], "total": 100},
    }
    serve(server, pages, "offset")
    assert [loan.id for loan in client.loans.list()] == [1]
    assert sent(server, "offset") == [None, "1"]


async def test_async_token_and_offset_pagers(server: HTTPServer) -> None:
    serve(server, TOKEN_PAGES, "page")
    async with AsyncLibrary(api_key="k", base_url=server.url_for("")) as client:
        first = await client.authors.list()
        assert [author.id for author in first.data] == ["a1", "a2"]
        assert [author.id async for author in client.authors.list()] == ["a1", "a2", "a3", "a4"]
    server.clear()
    serve(server, OFFSET_PAGES, "offset")
    async with AsyncLibrary(api_key="k", base_url=server.url_for("")) as client:
        assert [loan.id async for loan in client.loans.list()] == [1, 2, 3, 4, 5]


def test_a_list_that_matches_no_scheme_is_generated_with_a_located_warning(
    tmp_path: Any,
) -> None:
    spec = ROOT / "tests" / "golden" / "no_pagination" / "spec"
    result = run_generator(
        "generate",
        "--spec",
        str(spec),
        "--out",
        str(tmp_path),
        env={"XDG_CACHE_HOME": str(tmp_path / "c")},
    )
    assert result.returncode == 0, result.stderr
    (warning,) = result.stderr.splitlines()
    assert warning.startswith(
        f"{spec / 'openapi.yaml'}:20:7: warning: zoos.animals.list looks like"
    )
    # A cached run repeats it: the warning is part of what the spec gives.
    again = run_generator(
        "generate",
        "--spec",
        str(spec),
        "--out",
        str(tmp_path),
        env={"XDG_CACHE_HOME": str(tmp_path / "c")},
    )
    assert "from the cache" in again.stdout and again.stderr == result.stderr
