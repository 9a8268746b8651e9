"""Parameters on the wire: the `parameters` golden record's client (`shapes`), as a real server
on 127.0.0.1 received each request.

Query parameters in each OpenAPI style (`deepObject` `metadata[k]=v`, nested `filter[a][b]=v`;
an object `form`-exploded into parameters of its own, `gt=1&lte=2`, or not, `created=gt,1,lte,2`;
arrays not exploded, space- and pipe-delimited, or repeated), cookie parameters in one `cookie`
header, an exploded object header, arguments renamed (`DateCreated<` as `date_created_before`,
`timeout` as `timeout_` beside the per-call `timeout`, `123-abc` as `field_123_abc`) sending
their wire names, and arguments named like builtins (`type`, `str`, `list`, `dict`...) sending
their values while the method still parses its response (or returns None for a 204).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import unquote

import pytest
from pytest_httpserver import HTTPServer
from shapes import AsyncShapesClient, ShapesClient
from shapes.types import Job
from werkzeug import Request

from ..helpers import any_path, raw_target

JOB = {"id": "job_1", "type": "full"}


@pytest.fixture
def client(server: HTTPServer) -> Iterator[ShapesClient]:
    with ShapesClient(api_key="k", base_url=server.url_for(""), max_retries=0) as client:
        yield client


def serve(server: HTTPServer, body: object = JOB, status: int = 200) -> None:
    server.expect_oneshot_request(any_path()).respond_with_data(
        "" if body is None else json.dumps(body), status=status, content_type="application/json"
    )


def received(server: HTTPServer) -> Request:
    ((request, _),) = server.log
    return request


def query_pairs(request: Request) -> list[tuple[str, str]]:
    """The query as sent, each name and value percent-decoded, in order."""
    query = raw_target(request).partition("?")[2]
    pairs = [pair.partition("=") for pair in query.split("&") if pair]
    return [(unquote(name), unquote(value.replace("+", " "))) for name, _, value in pairs]


def test_list_writes_each_query_style_as_openapi_defines_it(
    server: HTTPServer, client: ShapesClient
) -> None:
    serve(server, {"jobs": [JOB]})
    page = client.jobs.list(
        metadata={"team": "core", "tier": "a&b"},
        filter={"owner": {"team": "ml"}, "status": "asc"},
        effective_at={"gt": 1, "lte": 2},
        created={"gt": 3, "lte": 4},
        tags={"env": "prod"},
        ids=["a", "b"],
        words=["two", "words"],
        levels=[1, 2],
        include=["x", "y"],
        order="desc",
        date_created_before="2024-01-31",
        date_created="2024-01-15",
        date_created_after="2024-01-01",
    )
    assert [job.id for job in page.jobs] == ["job_1"]
    assert query_pairs(received(server)) == [
        ("metadata[team]", "core"),
        ("metadata[tier]", "a&b"),
        ("filter[owner][team]", "ml"),
        ("filter[status]", "asc"),
        ("gt", "1"),
        ("lte", "2"),
        ("created", "gt,3,lte,4"),
        ("env", "prod"),
        ("ids", "a,b"),
        ("words", "two words"),
        ("levels", "1|2"),
        ("include", "x"),
        ("include", "y"),
        ("order", "desc"),
        ("DateCreated<", "2024-01-31"),
        ("DateCreated", "2024-01-15"),
        ("DateCreated>", "2024-01-01"),
    ]


def test_list_leaves_out_what_is_not_given_or_none(
    server: HTTPServer, client: ShapesClient
) -> None:
    serve(server, {"jobs": []})
    client.jobs.list(metadata=None, tags=None, effective_at={"gt": 1}, ids=[])
    assert query_pairs(received(server)) == [("gt", "1")]


def test_arguments_named_like_builtins_are_sent_and_the_response_still_parses(
    server: HTTPServer, client: ShapesClient
) -> None:
    serve(server)
    job = client.jobs.retrieve(
        "job_1",
        type="brief",
        str="s",
        int=3,
        list=["p", "q"],
        dict={"k": "v"},
        bytes="b",
        object="o",
        cast="c",
    )
    assert isinstance(job, Job) and job.type == "full"
    request = received(server)
    assert query_pairs(request) == [
        ("type", "brief"),
        ("str", "s"),
        ("int", "3"),
        ("list", "p"),
        ("list", "q"),
        ("k", "v"),
    ]
    assert (request.headers["bytes"], request.headers["object"]) == ("b", "o")
    assert request.headers["cookie"] == "cast=c"


def test_delete_sends_cookies_renamed_arguments_and_an_exploded_header(
    server: HTTPServer, client: ShapesClient
) -> None:
    serve(server, None, status=204)
    # Returns None; `response_type=type(None)` would call the argument `type` instead.
    client.jobs.delete(
        "job_1",
        session="s 1;",
        theme="dark",
        type="hard",
        timeout_=30,
        request_="r",
        field_123_abc="abc",
        x_tags={"a": "1", "b": "2"},
        timeout=5.0,
    )
    request = received(server)
    assert request.method == "DELETE"
    assert raw_target(request).startswith("/jobs/job_1?")
    assert query_pairs(request) == [("type", "hard"), ("timeout", "30"), ("request", "r")]
    assert request.headers["cookie"] == "session=s%201%3B; theme=dark"
    assert request.headers["123-abc"] == "abc"
    assert request.headers["x-tags"] == "a=1,b=2"


def test_delete_sends_only_the_cookies_given(server: HTTPServer, client: ShapesClient) -> None:
    serve(server, None, status=204)
    client.jobs.delete("job_1", session="s1")
    request = received(server)
    assert request.headers.getlist("cookie") == ["session=s1"]
    assert "x-tags" not in request.headers and "?" not in raw_target(request)


def test_a_body_property_and_a_query_parameter_of_one_name_go_each_their_way(
    server: HTTPServer, client: ShapesClient
) -> None:
    serve(server)
    client.jobs.update("job_1", type="q", type_body="b", float=1.5)
    request = received(server)
    assert query_pairs(request) == [("type", "q")]
    assert json.loads(request.get_data()) == {"type": "b", "float": 1.5}


async def test_the_async_client_writes_the_same_request(server: HTTPServer) -> None:
    serve(server, {"jobs": []})
    async with AsyncShapesClient(api_key="k", base_url=server.url_for("")) as client:
        await client.jobs.list(metadata={"team": "core"}, ids=["a", "b"], date_created_after="x")
    assert query_pairs(received(server)) == [
        ("metadata[team]", "core"),
        ("ids", "a,b"),
        ("DateCreated>", "x"),
    ]
