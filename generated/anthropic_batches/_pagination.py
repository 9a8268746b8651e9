"""Cursor pagination, for every list operation whose response and query have the cursor shape.

A page holds one response; iterating it yields every item of this page and the pages after
it, fetching each next page only when the previous one is used up. The direction of travel
is the caller's: a first request with the `before` cursor walks backwards by `first_id`, any
other walks forwards by `last_id`. The field and parameter names are the spec's
(`CursorFields`, which the generated resources pass in).

A sync list method returns its first page, fetched (`paginate`); an async one returns an
`AsyncCursorPager`, which sends nothing until it is awaited or iterated (`async_paginate`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable, Generator, Iterator
from typing import Any, Generic, Self, TypeVar

import httpx2

from ._base_client import AsyncAPIClient, SyncAPIClient
from ._models import BaseModel
from ._request import APIRequest
from ._types import CursorFields, NotGiven

ItemT = TypeVar("ItemT")


class CursorPage(Generic[ItemT]):
    """One page: its items, and the request that fetched it, to fetch the next."""

    def __init__(self, request: APIRequest[Any], response: BaseModel, fields: CursorFields) -> None:
        self.response = response
        self.fields = fields
        self.data: list[ItemT] = list(getattr(response, fields.items))
        self.has_more: bool = bool(getattr(response, fields.has_more))
        self._request = request

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {len(self.data)} items, has_more={self.has_more}>"

    @property
    def first_id(self) -> str | None:
        """The cursor for the page before this one (the response's `first_id` field)."""
        return self._field(self.fields.first_id)

    @property
    def last_id(self) -> str | None:
        """The cursor for the page after this one (the response's `last_id` field)."""
        return self._field(self.fields.last_id)

    def _field(self, name: str) -> str | None:
        value = getattr(self.response, name, None)
        return value if isinstance(value, str) else None

    def _backwards(self) -> bool:
        given = {**self._request.query, **(self._request.extra_query or {})}
        before = given.get(self.fields.before)
        return before is not None and not isinstance(before, NotGiven)

    def _cursor(self) -> str | None:
        return self.first_id if self._backwards() else self.last_id

    def has_next_page(self) -> bool:
        """Whether another page lies in the direction of travel."""
        return self.has_more and bool(self.data) and self._cursor() is not None

    def _next_request(self) -> APIRequest[Any]:
        if not self.has_next_page():
            raise LookupError("This is the last page; check has_next_page() first.")
        after, before = self.fields.after, self.fields.before
        moved, stopped = (before, after) if self._backwards() else (after, before)
        query = {name: value for name, value in self._request.query.items() if name != stopped}
        query[moved] = self._cursor()
        # A cursor the caller put in extra_query would override this one on every page.
        extra = {
            name: value
            for name, value in (self._request.extra_query or {}).items()
            if name not in (after, before)
        }
        return dataclasses.replace(self._request, query=query, extra_query=extra)


# unasync: sync twin, derived from the async code below; do not edit


class SyncCursorPage(CursorPage[ItemT]):
    """A fetched page; `for item in page` walks this page and every later one."""

    def __init__(
        self,
        client: SyncAPIClient,
        request: APIRequest[Any],
        response: BaseModel,
        fields: CursorFields,
    ) -> None:
        super().__init__(request, response, fields)
        self._client = client

    @classmethod
    def page_parser(
        cls, client: SyncAPIClient, request: APIRequest[Any], fields: CursorFields
    ) -> Callable[[httpx2.Response], Self]:
        """How a response to `request` becomes a page."""
        return lambda response: cls(client, request, client.parse(request, response), fields)

    def get_next_page(self) -> Self:
        request = self._next_request()
        return self._client.request_with(
            request, self.page_parser(self._client, request, self.fields)
        )

    def iter_pages(self) -> Iterator[Self]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.get_next_page()

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.iter_pages():
            for item in page.data:
                yield item


# unasync: async source


class AsyncCursorPage(CursorPage[ItemT]):
    """A fetched page; `async for item in page` walks this page and every later one."""

    def __init__(
        self,
        client: AsyncAPIClient,
        request: APIRequest[Any],
        response: BaseModel,
        fields: CursorFields,
    ) -> None:
        super().__init__(request, response, fields)
        self._client = client

    @classmethod
    def page_parser(
        cls, client: AsyncAPIClient, request: APIRequest[Any], fields: CursorFields
    ) -> Callable[[httpx2.Response], Self]:
        """How a response to `request` becomes a page."""
        return lambda response: cls(client, request, client.parse(request, response), fields)

    async def get_next_page(self) -> Self:
        request = self._next_request()
        return await self._client.request_with(
            request, self.page_parser(self._client, request, self.fields)
        )

    async def iter_pages(self) -> AsyncIterator[Self]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.get_next_page()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


# unasync: end


class AsyncCursorPager(Generic[ItemT]):
    """What an async list method returns, before any request is sent.

    `await` it for the first `AsyncCursorPage`, or `async for` over it for every item of
    every page, as with the official SDK. It has no sync twin: a sync list method fetches its
    first page at once.
    """

    def __init__(
        self,
        client: AsyncAPIClient,
        request: APIRequest[Any],
        item_type: type[ItemT],
        fields: CursorFields,
    ) -> None:
        self._client = client
        self._request = request
        self._fields = fields

    async def _first_page(self) -> AsyncCursorPage[ItemT]:
        parser = AsyncCursorPage[ItemT].page_parser(self._client, self._request, self._fields)
        return await self._client.request_with(self._request, parser)

    def __await__(self) -> Generator[Any, None, AsyncCursorPage[ItemT]]:
        return self._first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        page = await self._first_page()
        async for item in page:
            yield item


def paginate(
    client: SyncAPIClient, request: APIRequest[Any], item_type: type[ItemT], fields: CursorFields
) -> SyncCursorPage[ItemT]:
    """The first page of `request`, fetched; `item_type` only tells type checkers the items."""
    return client.request_with(request, SyncCursorPage[ItemT].page_parser(client, request, fields))


def async_paginate(
    client: AsyncAPIClient, request: APIRequest[Any], item_type: type[ItemT], fields: CursorFields
) -> AsyncCursorPager[ItemT]:
    """The pager of `request`; nothing is sent until it is awaited or iterated."""
    return AsyncCursorPager(client, request, item_type, fields)
