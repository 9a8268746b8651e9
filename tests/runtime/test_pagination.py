"""Pins `_pagination`: cursor pages over a fake client that serves eight widgets, three a page.

- Direction: forwards by `last_id` into the `after` parameter, unless the first request had a
  `before` cursor (in `query` or `extra_query`; None and NOT_GIVEN do not count), then
  backwards by `first_id` into `before`; the other cursor parameter is dropped.
- `has_next_page` is false when `has_more` is false, `data` is empty, or the cursor of the
  direction of travel is missing; `get_next_page` on the last page raises `LookupError`
  without sending anything.
- A cursor in `extra_query` is not sent again on later pages (the rest of it is).
- Iteration walks every item of every page, fetching each page only when the previous one is
  used up (requests are counted).
- The async twin: `AsyncCursorPage`, and `async_paginate`'s `AsyncCursorPager`, which sends
  nothing until it is awaited or async-iterated.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any, TypeVar, cast

import httpx2
import pytest

from generator.runtime._base_client import AsyncAPIClient, SyncAPIClient
from generator.runtime._models import BaseModel
from generator.runtime._pagination import (
    AsyncCursorPage,
    AsyncCursorPager,
    SyncCursorPage,
    async_paginate,
    paginate,
)
from generator.runtime._request import APIRequest
from generator.runtime._types import NOT_GIVEN, CursorFields, NotGiven

# Response fields and query parameters with different names, so that each is seen to be read
# from the right entry of `CursorFields`.
FIELDS = CursorFields(
    items="data",
    has_more="more",
    first_id="first",
    last_id="last",
    after="after_id",
    before="before_id",
)
IDS = [f"w{index}" for index in range(8)]
PAGE_SIZE = 3


class Widget(BaseModel):
    id: str


class WidgetList(BaseModel):
    data: list[Widget]
    more: bool
    first: str | None = None
    last: str | None = None


def _given(value: object) -> bool:
    return value is not None and not isinstance(value, NotGiven)


def serve(request: APIRequest[Any]) -> WidgetList:
    """The page a server would send for `request`: its query, with `extra_query` over it."""
    query = {
        name: value
        for name, value in {**request.query, **(request.extra_query or {})}.items()
        if _given(value)
    }
    if "before_id" in query:
        end = IDS.index(str(query["before_id"]))
        start = max(0, end - PAGE_SIZE)
        more = start > 0
    else:
        start = IDS.index(str(query["after_id"])) + 1 if "after_id" in query else 0
        end = min(len(IDS), start + PAGE_SIZE)
        more = end < len(IDS)
    chunk = IDS[start:end]
    return WidgetList(
        data=[Widget(id=widget_id) for widget_id in chunk],
        more=more,
        first=chunk[0] if chunk else None,
        last=chunk[-1] if chunk else None,
    )


T = TypeVar("T")


class FakeClient:
    """Stands in for `SyncAPIClient`: answers `request_with` from `serve` (what `parse` then
    gives the page), and keeps each request."""

    def __init__(self) -> None:
        self.requests: list[APIRequest[Any]] = []
        self._served: list[WidgetList] = []

    def request_with(self, request: APIRequest[Any], parser: Callable[[httpx2.Response], T]) -> T:
        assert len(self.requests) < 10, "a page was fetched too often"
        self.requests.append(request)
        self._served.append(serve(request))
        return parser(httpx2.Response(200))

    def parse(self, request: APIRequest[Any], response: httpx2.Response) -> WidgetList:
        return self._served[-1]


class AsyncFakeClient(FakeClient):
    """Stands in for `AsyncAPIClient`, as `FakeClient` does for the sync one."""

    async def request_with(  # type: ignore[override]
        self, request: APIRequest[Any], parser: Callable[[httpx2.Response], T]
    ) -> T:
        return super().request_with(request, parser)


def list_request(
    query: dict[str, object] | None = None, extra_query: dict[str, object] | None = None
) -> APIRequest[WidgetList]:
    """A list call as a generated method builds it: every cursor parameter present."""
    return APIRequest(
        method="GET",
        path="/v1/widgets",
        response_type=WidgetList,
        query={"after_id": NOT_GIVEN, "before_id": NOT_GIVEN, "limit": PAGE_SIZE, **(query or {})},
        extra_query=extra_query,
    )


def first_page(
    fake: FakeClient,
    query: dict[str, object] | None = None,
    extra_query: dict[str, object] | None = None,
) -> SyncCursorPage[Widget]:
    return paginate(cast(SyncAPIClient, fake), list_request(query, extra_query), Widget, FIELDS)


def ids(page: SyncCursorPage[Widget] | AsyncCursorPage[Widget]) -> list[str]:
    return [widget.id for widget in page.data]


def build_page(
    response: WidgetList, query: dict[str, object] | None = None
) -> SyncCursorPage[Widget]:
    """A page built directly, whose client fails the test if it is asked for anything."""
    return SyncCursorPage(cast(SyncAPIClient, object()), list_request(query), response, FIELDS)


# Direction and cursors


def test_the_first_page_is_fetched_with_the_callers_request() -> None:
    fake = FakeClient()
    page = first_page(fake)
    assert len(fake.requests) == 1
    assert ids(page) == ["w0", "w1", "w2"]
    assert page.has_more and page.has_next_page()
    assert repr(page) == "<SyncCursorPage of 3 items, has_more=True>"


def test_the_next_page_goes_forwards_by_last_id() -> None:
    fake = FakeClient()
    second = first_page(fake).get_next_page()
    assert ids(second) == ["w3", "w4", "w5"]
    assert dict(fake.requests[1].query) == {"after_id": "w2", "limit": PAGE_SIZE}
    third = second.get_next_page()
    assert ids(third) == ["w6", "w7"]
    assert dict(fake.requests[2].query) == {"after_id": "w5", "limit": PAGE_SIZE}
    assert not third.has_next_page()


def test_a_first_request_with_an_after_cursor_goes_on_forwards() -> None:
    fake = FakeClient()
    page = first_page(fake, {"after_id": "w0"})
    assert ids(page) == ["w1", "w2", "w3"]
    assert ids(page.get_next_page()) == ["w4", "w5", "w6"]
    assert fake.requests[1].query["after_id"] == "w3"


def test_a_first_request_with_a_before_cursor_goes_backwards_by_first_id() -> None:
    fake = FakeClient()
    page = first_page(fake, {"before_id": "w7"})
    assert ids(page) == ["w4", "w5", "w6"]
    previous = page.get_next_page()
    assert ids(previous) == ["w1", "w2", "w3"]
    assert dict(fake.requests[1].query) == {"before_id": "w4", "limit": PAGE_SIZE}
    last = previous.get_next_page()
    assert ids(last) == ["w0"]
    assert dict(fake.requests[2].query) == {"before_id": "w1", "limit": PAGE_SIZE}
    assert not last.has_next_page()


def test_a_before_cursor_given_with_an_after_cursor_still_goes_backwards() -> None:
    fake = FakeClient()
    page = first_page(fake, {"before_id": "w7", "after_id": "w0"})
    page.get_next_page()
    assert dict(fake.requests[1].query) == {"before_id": "w4", "limit": PAGE_SIZE}


def test_a_before_cursor_in_extra_query_goes_backwards() -> None:
    fake = FakeClient()
    page = first_page(fake, extra_query={"before_id": "w6"})
    assert ids(page) == ["w3", "w4", "w5"]
    assert ids(page.get_next_page()) == ["w0", "w1", "w2"]
    assert fake.requests[1].query["before_id"] == "w3"


@pytest.mark.parametrize("before", [None, NOT_GIVEN])
def test_a_before_cursor_of_none_or_not_given_goes_forwards(before: object) -> None:
    fake = FakeClient()
    page = first_page(fake, {"before_id": before})
    page.get_next_page()
    assert dict(fake.requests[1].query) == {"after_id": "w2", "limit": PAGE_SIZE}


def test_a_cursor_in_extra_query_is_not_sent_again_on_later_pages() -> None:
    fake = FakeClient()
    page = first_page(fake, extra_query={"after_id": "w1", "trace": "yes"})
    assert ids(page) == ["w2", "w3", "w4"]
    second = page.get_next_page()
    assert ids(second) == ["w5", "w6", "w7"]
    assert fake.requests[1].query["after_id"] == "w4"
    assert fake.requests[1].extra_query == {"trace": "yes"}


def test_a_before_cursor_in_extra_query_is_not_sent_again_either() -> None:
    fake = FakeClient()
    first_page(fake, extra_query={"before_id": "w6", "trace": "yes"}).get_next_page()
    assert fake.requests[1].extra_query == {"trace": "yes"}


def test_the_next_request_keeps_everything_but_the_cursors() -> None:
    fake = FakeClient()
    page = first_page(fake, {"order": "asc"})
    page.get_next_page()
    first, second = fake.requests
    assert second.query["order"] == "asc"
    assert (second.method, second.path, second.response_type) == (
        first.method,
        first.path,
        first.response_type,
    )


# When there is no next page


def test_there_is_no_next_page_when_has_more_is_false() -> None:
    page = build_page(WidgetList(data=[Widget(id="w1")], more=False, first="w1", last="w1"))
    assert not page.has_next_page()


def test_there_is_no_next_page_when_data_is_empty() -> None:
    page = build_page(WidgetList(data=[], more=True, first="w1", last="w1"))
    assert not page.has_next_page()


def test_there_is_no_next_page_when_the_cursor_is_missing() -> None:
    page = build_page(WidgetList(data=[Widget(id="w1")], more=True, first="w1", last=None))
    assert not page.has_next_page()


class NumberedList(BaseModel):
    data: list[Widget]
    more: bool
    first: int
    last: int


def test_a_cursor_that_is_not_a_string_counts_as_missing() -> None:
    response = NumberedList(data=[Widget(id="w1")], more=True, first=1, last=1)
    page = SyncCursorPage[Widget](cast(SyncAPIClient, object()), list_request(), response, FIELDS)
    assert not page.has_next_page()


def test_going_backwards_only_the_first_id_counts() -> None:
    response = WidgetList(data=[Widget(id="w3")], more=True, first=None, last="w3")
    assert not build_page(response, {"before_id": "w4"}).has_next_page()
    assert build_page(response).has_next_page()


def test_get_next_page_on_the_last_page_raises_lookup_error_without_a_request() -> None:
    fake = FakeClient()
    page = first_page(fake, {"after_id": "w4"})
    assert ids(page) == ["w5", "w6", "w7"]
    assert not page.has_next_page()
    with pytest.raises(LookupError, match="last page"):
        page.get_next_page()
    assert len(fake.requests) == 1


# Iteration


def test_iterating_a_page_walks_every_item_of_every_later_page() -> None:
    fake = FakeClient()
    assert [widget.id for widget in first_page(fake)] == IDS
    assert len(fake.requests) == 3


def test_iterating_fetches_each_page_only_when_the_previous_one_is_used_up() -> None:
    fake = FakeClient()
    widgets = iter(first_page(fake))
    assert [widget.id for widget in itertools.islice(widgets, 3)] == ["w0", "w1", "w2"]
    assert len(fake.requests) == 1
    assert next(widgets).id == "w3"
    assert len(fake.requests) == 2
    assert [widget.id for widget in itertools.islice(widgets, 2)] == ["w4", "w5"]
    assert len(fake.requests) == 2
    assert [widget.id for widget in widgets] == ["w6", "w7"]
    assert len(fake.requests) == 3


def test_iterating_backwards_walks_the_earlier_pages() -> None:
    fake = FakeClient()
    page = first_page(fake, {"before_id": "w6"})
    assert [widget.id for widget in page] == ["w3", "w4", "w5", "w0", "w1", "w2"]


def test_iter_pages_yields_every_page_once() -> None:
    fake = FakeClient()
    pages = list(first_page(fake).iter_pages())
    assert [ids(page) for page in pages] == [["w0", "w1", "w2"], ["w3", "w4", "w5"], ["w6", "w7"]]
    assert all(type(page) is SyncCursorPage for page in pages)
    assert len(fake.requests) == 3


def test_a_single_page_is_iterated_without_a_request() -> None:
    fake = FakeClient()
    page = first_page(fake, {"after_id": "w5"})
    assert [widget.id for widget in page] == ["w6", "w7"]
    assert len(fake.requests) == 1


# The async twin


def async_pager(
    fake: AsyncFakeClient, query: dict[str, object] | None = None
) -> AsyncCursorPager[Widget]:
    return async_paginate(cast(AsyncAPIClient, fake), list_request(query), Widget, FIELDS)


async def test_async_paginate_sends_nothing_until_awaited() -> None:
    fake = AsyncFakeClient()
    pager = async_pager(fake)
    assert fake.requests == []
    page = await pager
    assert isinstance(page, AsyncCursorPage)
    assert len(fake.requests) == 1
    assert ids(page) == ["w0", "w1", "w2"]


async def test_async_pager_iterated_walks_every_item_of_every_page() -> None:
    fake = AsyncFakeClient()
    pager = async_pager(fake)
    assert fake.requests == []
    assert [widget.id async for widget in pager] == IDS
    assert len(fake.requests) == 3


async def test_async_page_goes_forwards_by_last_id() -> None:
    fake = AsyncFakeClient()
    second = await (await async_pager(fake)).get_next_page()
    assert ids(second) == ["w3", "w4", "w5"]
    assert dict(fake.requests[1].query) == {"after_id": "w2", "limit": PAGE_SIZE}


async def test_async_page_goes_backwards_from_a_before_cursor() -> None:
    fake = AsyncFakeClient()
    page = await async_pager(fake, {"before_id": "w7"})
    assert [widget.id async for widget in page] == ["w4", "w5", "w6", "w1", "w2", "w3", "w0"]
    assert dict(fake.requests[1].query) == {"before_id": "w4", "limit": PAGE_SIZE}


async def test_async_page_fetches_each_page_only_when_the_previous_one_is_used_up() -> None:
    fake = AsyncFakeClient()
    widgets = aiter(await async_pager(fake))
    assert [(await anext(widgets)).id for _ in range(3)] == ["w0", "w1", "w2"]
    assert len(fake.requests) == 1
    assert (await anext(widgets)).id == "w3"
    assert len(fake.requests) == 2


async def test_async_iter_pages_yields_every_page_once() -> None:
    fake = AsyncFakeClient()
    page = await async_pager(fake)
    pages = [each async for each in page.iter_pages()]
    assert [ids(each) for each in pages] == [["w0", "w1", "w2"], ["w3", "w4", "w5"], ["w6", "w7"]]
    assert len(fake.requests) == 3


async def test_async_get_next_page_on_the_last_page_raises_lookup_error() -> None:
    fake = AsyncFakeClient()
    page = await async_pager(fake, {"after_id": "w4"})
    assert not page.has_next_page()
    with pytest.raises(LookupError):
        await page.get_next_page()
    assert len(fake.requests) == 1


async def test_async_extra_query_cursor_is_not_sent_again() -> None:
    fake = AsyncFakeClient()
    request = list_request(extra_query={"after_id": "w1", "trace": "yes"})
    page = await async_paginate(cast(AsyncAPIClient, fake), request, Widget, FIELDS)
    await page.get_next_page()
    assert fake.requests[1].query["after_id"] == "w4"
    assert fake.requests[1].extra_query == {"trace": "yes"}
