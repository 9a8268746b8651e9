"""Pages of list operations, in the schemes sdk.yaml declares by name.

A page holds one response; iterating it yields every item of this page and the pages after
it, fetching each next page only when the previous one is used up. How the next page is asked
for is the scheme's:

- `CursorPage`, by item id: a first request with the `before` cursor walks backwards by
  `first_id`, any other walks forwards by `last_id` (Anthropic's batches and models);
- `TokenPage`, by an opaque token: the response's `next` field, sent back in a query parameter
  until it is empty (Anthropic's files);
- `OffsetPage`, by position: the next offset is this one plus the items received, until a
  page comes back empty, `has_more` says no, or `total` is reached.

The field and parameter names are the spec's (`CursorFields`, `TokenFields`, `OffsetFields`,
which the generated resources pass in). A sync list method returns its first page, fetched
(`paginate`); an async one returns a pager, which sends nothing until it is awaited or
iterated (`async_paginate`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable, Generator, Iterator
from typing import Any, Generic, Self, TypeVar, cast, overload

import httpx2

from ._base_client import AsyncAPIClient, SyncAPIClient
from ._errors import RepeatedPageError
from ._models import BaseModel
from ._request import APIRequest
from ._types import CursorFields, NotGiven, OffsetFields, TokenFields

ItemT = TypeVar("ItemT")
FieldsT = TypeVar("FieldsT", bound=CursorFields | TokenFields | OffsetFields)


def _query_key(request: APIRequest[Any]) -> str:
    query = {**request.query, **(request.extra_query or {})}
    return repr(sorted((name, repr(value)) for name, value in query.items()))


class BasePage(Generic[ItemT, FieldsT]):
    """One page: its items, and the request that fetched it, to fetch the next."""

    def __init__(self, request: APIRequest[Any], response: BaseModel, fields: FieldsT) -> None:
        self.response = response
        self.fields: FieldsT = fields
        self.data: list[ItemT] = list(getattr(response, fields.items))
        self._request = request
        self._asked: frozenset[str] = frozenset({_query_key(request)})
        """Every query asked for so far, from the first page to this one."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {len(self.data)} items, has_more={self.has_next_page()}>"

    def has_next_page(self) -> bool:
        """Whether another page lies in the direction of travel."""
        raise NotImplementedError

    def _next_query(self) -> dict[str, object]:
        """The query of the request for the next page."""
        raise NotImplementedError

    def _given(self, name: str) -> object:
        """What the first request was given for the query parameter `name`, if anything."""
        given = {**self._request.query, **(self._request.extra_query or {})}
        value = given.get(name)
        return None if isinstance(value, NotGiven) else value

    def _field(self, name: str | None) -> object:
        return None if name is None else getattr(self.response, name, None)

    def _next_request(self) -> APIRequest[Any]:
        if not self.has_next_page():
            raise LookupError("This is the last page; check has_next_page() first.")
        query = self._next_query()
        # What the caller put in extra_query would override the moved parameter on every page.
        extra = {k: v for k, v in (self._request.extra_query or {}).items() if k not in query}
        following = dataclasses.replace(self._request, query=query, extra_query=extra)
        if _query_key(following) in self._asked:
            raise RepeatedPageError(
                f"The API pointed back to a page already fetched ({query}); "
                "stopped rather than loop for ever"
            )
        return following

    def _follows(self, previous: BasePage[Any, Any]) -> Self:
        """This page, as the one after `previous`: it knows every query asked before it."""
        self._asked = previous._asked | self._asked
        return self


class CursorPage(BasePage[ItemT, CursorFields]):
    """A page of a list that moves by item id, in either direction."""

    @property
    def has_more(self) -> bool:
        """Whether more items lie in the direction of travel, as the API says."""
        return bool(self._field(self.fields.has_more))

    @property
    def first_id(self) -> str | None:
        """The cursor for the page before this one (the response's `first_id` field)."""
        value = self._field(self.fields.first_id)
        return value if isinstance(value, str) else None

    @property
    def last_id(self) -> str | None:
        """The cursor for the page after this one (the response's `last_id` field)."""
        value = self._field(self.fields.last_id)
        return value if isinstance(value, str) else None

    def _backwards(self) -> bool:
        return self._given(self.fields.before) is not None

    def _cursor(self) -> str | None:
        return self.first_id if self._backwards() else self.last_id

    def has_next_page(self) -> bool:
        return self.has_more and bool(self.data) and self._cursor() is not None

    def _next_query(self) -> dict[str, object]:
        after, before = self.fields.after, self.fields.before
        moved, stopped = (before, after) if self._backwards() else (after, before)
        query = {name: value for name, value in self._request.query.items() if name != stopped}
        query[moved] = self._cursor()
        return query


class TokenPage(BasePage[ItemT, TokenFields]):
    """A page of a list that moves by an opaque token the response gives for the next one."""

    @property
    def next_page(self) -> str | None:
        """The token of the next page (the response's own name for it is in `fields.next`)."""
        value = self._field(self.fields.next)
        return value if isinstance(value, str) and value else None

    def has_next_page(self) -> bool:
        return self.next_page is not None

    def _next_query(self) -> dict[str, object]:
        return {**self._request.query, self.fields.parameter: self.next_page}


class OffsetPage(BasePage[ItemT, OffsetFields]):
    """A page of a list that moves by position."""

    @property
    def offset(self) -> int:
        """Where this page starts in the whole list."""
        given = self._given(self.fields.offset)
        return given if isinstance(given, int) and not isinstance(given, bool) else 0

    def has_next_page(self) -> bool:
        if not self.data:
            return False
        if self.fields.has_more is not None and not self._field(self.fields.has_more):
            return False
        total = self._field(self.fields.total)
        return not isinstance(total, int) or self.offset + len(self.data) < total

    def _next_query(self) -> dict[str, object]:
        return {**self._request.query, self.fields.offset: self.offset + len(self.data)}


# unasync: sync twin, derived from the async code below; do not edit


class SyncPage(BasePage[ItemT, FieldsT]):
    """A fetched page; `for item in page` walks this page and every later one."""

    def __init__(
        self,
        client: SyncAPIClient,
        request: APIRequest[Any],
        response: BaseModel,
        fields: FieldsT,
    ) -> None:
        super().__init__(request, response, fields)
        self._client = client

    @classmethod
    def page_parser(
        cls, client: SyncAPIClient, request: APIRequest[Any], fields: FieldsT
    ) -> Callable[[httpx2.Response], Self]:
        """How a response to `request` becomes a page."""
        return lambda response: cls(client, request, client.parse(request, response), fields)

    def get_next_page(self) -> Self:
        request = self._next_request()
        page = self._client.request_with(
            request, self.page_parser(self._client, request, self.fields)
        )
        return page._follows(self)

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


class SyncCursorPage(CursorPage[ItemT], SyncPage[ItemT, CursorFields]):
    """A fetched page of a list that moves by item id."""


class SyncTokenPage(TokenPage[ItemT], SyncPage[ItemT, TokenFields]):
    """A fetched page of a list that moves by token."""


class SyncOffsetPage(OffsetPage[ItemT], SyncPage[ItemT, OffsetFields]):
    """A fetched page of a list that moves by position."""


# unasync: async source


class AsyncPage(BasePage[ItemT, FieldsT]):
    """A fetched page; `async for item in page` walks this page and every later one."""

    def __init__(
        self,
        client: AsyncAPIClient,
        request: APIRequest[Any],
        response: BaseModel,
        fields: FieldsT,
    ) -> None:
        super().__init__(request, response, fields)
        self._client = client

    @classmethod
    def page_parser(
        cls, client: AsyncAPIClient, request: APIRequest[Any], fields: FieldsT
    ) -> Callable[[httpx2.Response], Self]:
        """How a response to `request` becomes a page."""
        return lambda response: cls(client, request, client.parse(request, response), fields)

    async def get_next_page(self) -> Self:
        request = self._next_request()
        page = await self._client.request_with(
            request, self.page_parser(self._client, request, self.fields)
        )
        return page._follows(self)

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


class AsyncCursorPage(CursorPage[ItemT], AsyncPage[ItemT, CursorFields]):
    """A fetched page of a list that moves by item id."""


class AsyncTokenPage(TokenPage[ItemT], AsyncPage[ItemT, TokenFields]):
    """A fetched page of a list that moves by token."""


class AsyncOffsetPage(OffsetPage[ItemT], AsyncPage[ItemT, OffsetFields]):
    """A fetched page of a list that moves by position."""


# unasync: end

PageT = TypeVar("PageT", bound=AsyncPage[Any, Any])


class AsyncPager(Generic[PageT, ItemT]):
    """What an async list method returns, before any request is sent.

    `await` it for the first page, or `async for` over it for every item of every page, as
    with the official SDK. It has no sync twin: a sync list method fetches its first page at
    once.
    """

    _page: type[AsyncPage[Any, Any]]
    """The class of the pages, set by each scheme's pager."""

    def __init__(self, client: AsyncAPIClient, request: APIRequest[Any], fields: Any) -> None:
        self._client = client
        self._request = request
        self._fields = fields

    async def _first_page(self) -> PageT:
        parser = self._page.page_parser(self._client, self._request, self._fields)
        return cast(PageT, await self._client.request_with(self._request, parser))

    def __await__(self) -> Generator[Any, None, PageT]:
        return self._first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        page = await self._first_page()
        async for item in page:
            yield item


class AsyncCursorPager(AsyncPager[AsyncCursorPage[ItemT], ItemT]):
    _page = AsyncCursorPage


class AsyncTokenPager(AsyncPager[AsyncTokenPage[ItemT], ItemT]):
    _page = AsyncTokenPage


class AsyncOffsetPager(AsyncPager[AsyncOffsetPage[ItemT], ItemT]):
    _page = AsyncOffsetPage


@overload
def paginate(
    client: SyncAPIClient, request: APIRequest[Any], item_type: type[ItemT], fields: CursorFields
) -> SyncCursorPage[ItemT]: ...
@overload
def paginate(
    client: SyncAPIClient, request: APIRequest[Any], item_type: type[ItemT], fields: TokenFields
) -> SyncTokenPage[ItemT]: ...
@overload
def paginate(
    client: SyncAPIClient, request: APIRequest[Any], item_type: type[ItemT], fields: OffsetFields
) -> SyncOffsetPage[ItemT]: ...
def paginate(
    client: SyncAPIClient,
    request: APIRequest[Any],
    item_type: type[ItemT],
    fields: CursorFields | TokenFields | OffsetFields,
) -> SyncPage[ItemT, Any]:
    """The first page of `request`, fetched; `item_type` only tells type checkers the items."""
    page: type[SyncPage[ItemT, Any]] = _SYNC_PAGES[type(fields)]
    return client.request_with(request, page.page_parser(client, request, fields))


@overload
def async_paginate(
    client: AsyncAPIClient, request: APIRequest[Any], item_type: type[ItemT], fields: CursorFields
) -> AsyncCursorPager[ItemT]: ...
@overload
def async_paginate(
    client: AsyncAPIClient, request: APIRequest[Any], item_type: type[ItemT], fields: TokenFields
) -> AsyncTokenPager[ItemT]: ...
@overload
def async_paginate(
    client: AsyncAPIClient, request: APIRequest[Any], item_type: type[ItemT], fields: OffsetFields
) -> AsyncOffsetPager[ItemT]: ...
def async_paginate(
    client: AsyncAPIClient,
    request: APIRequest[Any],
    item_type: type[ItemT],
    fields: CursorFields | TokenFields | OffsetFields,
) -> AsyncPager[Any, ItemT]:
    """The pager of `request`; nothing is sent until it is awaited or iterated."""
    pager: type[AsyncPager[Any, ItemT]] = _ASYNC_PAGERS[type(fields)]
    return pager(client, request, fields)


_SYNC_PAGES: dict[type[object], type[Any]] = {
    CursorFields: SyncCursorPage,
    TokenFields: SyncTokenPage,
    OffsetFields: SyncOffsetPage,
}
_ASYNC_PAGERS: dict[type[object], type[Any]] = {
    CursorFields: AsyncCursorPager,
    TokenFields: AsyncTokenPager,
    OffsetFields: AsyncOffsetPager,
}
