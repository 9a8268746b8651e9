"""`unasync`: how every sync twin is derived from its async source.

Pins the token-level rewrite (`async`/`await` dropped, `Awaitable[T]` unwrapped, whole names
renamed from `VOCABULARY` and the caller's own, strings and comments untouched unless
`prose=True`), how `fill_twins` finds and checks its three markers, `sync_name`, and that the
committed runtime's twins are what their async sources derive and compile.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.unasync import (
    ASYNC_MARKER,
    END_MARKER,
    SYNC_MARKER,
    VOCABULARY,
    UnasyncError,
    fill_twins,
    runtime_modules,
    sync_name,
    unasync,
)

from ..helpers import ROOT


def dedent(source: str) -> str:
    return textwrap.dedent(source).lstrip("\n")


# unasync: keywords


def test_unasync_drops_async_before_def_for_and_with() -> None:
    source = dedent("""
        async def fetch(client):
            async with client.stream() as response:
                async for line in response.lines():
                    yield line
        """)
    assert unasync(source) == dedent("""
        def fetch(client):
            with client.stream() as response:
                for line in response.lines():
                    yield line
        """)


def test_unasync_drops_every_await_with_the_space_after_it() -> None:
    source = "async def f():\n    return await g(await h(), x=await k)\n"
    assert unasync(source) == "def f():\n    return g(h(), x=k)\n"


def test_unasync_drops_await_before_a_parenthesis() -> None:
    assert unasync("async def f():\n    await(g())\n") == "def f():\n    (g())\n"


def test_unasync_drops_async_in_a_comprehension() -> None:
    source = "async def f(xs):\n    return [x async for x in xs]\n"
    assert unasync(source) == "def f(xs):\n    return [x for x in xs]\n"


# unasync: Awaitable


@pytest.mark.parametrize(
    ("annotation", "unwrapped"),
    [
        ("Awaitable[int]", "int"),
        ("Awaitable[dict[str, list[int]]]", "dict[str, list[int]]"),
        ("Awaitable[Callable[[int], str]]", "Callable[[int], str]"),
        ("Awaitable[Awaitable[bytes]]", "bytes"),
        ("list[Awaitable[int]] | None", "list[int] | None"),
    ],
)
def test_unasync_unwraps_awaitable_including_nested_brackets(
    annotation: str, unwrapped: str
) -> None:
    assert unasync(f"x: {annotation} = y\n") == f"x: {unwrapped} = y\n"


def test_unasync_unwraps_awaitable_spread_over_lines() -> None:
    source = "def f() -> Awaitable[\n    dict[str, int]\n]:\n    pass\n"
    assert unasync(source) == "def f() -> \n    dict[str, int]\n:\n    pass\n"


def test_unasync_leaves_awaitable_without_brackets_alone() -> None:
    assert unasync("from collections.abc import Awaitable\n") == (
        "from collections.abc import Awaitable\n"
    )


# unasync: names


@pytest.mark.parametrize(("async_name", "sync"), sorted(VOCABULARY.items()))
def test_unasync_renames_each_vocabulary_name(async_name: str, sync: str) -> None:
    assert unasync(f"x = {async_name}\n") == f"x = {sync}\n"


def test_unasync_renames_names_in_attributes_definitions_and_calls() -> None:
    source = dedent("""
        class AsyncPager(AsyncIterator[int]):
            async def __anext__(self) -> int:
                await self._response.aclose()
                raise StopAsyncIteration
        """)
    assert unasync(source, {"AsyncPager": "Pager"}) == dedent("""
        class Pager(Iterator[int]):
            def __next__(self) -> int:
                self._response.close()
                raise StopIteration
        """)


def test_unasync_renames_names_the_caller_adds_over_the_vocabulary() -> None:
    source = "x = AsyncWidgets(AsyncClient())\n"
    names = {"AsyncWidgets": "Widgets", "AsyncClient": "MyClient"}
    assert unasync(source, names) == "x = Widgets(MyClient())\n"


@pytest.mark.parametrize(
    "name", ["MyAsyncClient", "AsyncClientFactory", "my_aclose", "acloser", "AsyncClient_"]
)
def test_unasync_leaves_names_that_merely_contain_a_vocabulary_word(name: str) -> None:
    assert unasync(f"x = {name}\n") == f"x = {name}\n"


def test_unasync_leaves_strings_and_comments_alone_by_default() -> None:
    source = dedent('''
        async def f():
            """await the AsyncClient's aclose()."""
            x = "AsyncIterator, await aread"  # await the AsyncClient
            return await x
        ''')
    assert unasync(source) == dedent('''
        def f():
            """await the AsyncClient's aclose()."""
            x = "AsyncIterator, await aread"  # await the AsyncClient
            return x
        ''')


# unasync: prose


def test_unasync_prose_renames_words_and_drops_keywords_in_strings_and_comments() -> None:
    source = dedent('''
        async def f():
            """Call `aclose()` on the AsyncClient; await it."""
            x = "an AsyncIterator"  # used with async for, see __aiter__
            return await x
        ''')
    assert unasync(source, prose=True) == dedent('''
        def f():
            """Call `close()` on the Client; it."""
            x = "an Iterator"  # used with for, see __iter__
            return x
        ''')


def test_unasync_prose_renames_on_every_line_of_a_multi_line_docstring() -> None:
    source = dedent('''
        class AsyncPager:
            """Pages of an AsyncCursorPage.

            Iterate with `async for item in pager`, or await `pager.aclose()`;
            AsyncJSONLStream and MyAsyncClient: only the first is renamed.
            """
        ''')
    assert unasync(source, {"AsyncPager": "Pager"}, prose=True) == dedent('''
        class Pager:
            """Pages of an SyncCursorPage.

            Iterate with `for item in pager`, or `pager.close()`;
            SyncJSONLStream and MyAsyncClient: only the first is renamed.
            """
        ''')


def test_unasync_prose_edits_in_a_docstring_keep_code_after_it_on_the_same_line() -> None:
    source = 'x = """an\nAsyncClient""" + AsyncClient.__name__  # AsyncClient\n'
    assert unasync(source, prose=True) == 'x = """an\nClient""" + Client.__name__  # Client\n'


def test_unasync_prose_uses_the_names_the_caller_adds() -> None:
    source = '"""Returns an AsyncWidgets."""\n'
    assert unasync(source, {"AsyncWidgets": "Widgets"}, prose=True) == '"""Returns an Widgets."""\n'


def test_unasync_of_sync_code_is_the_code_itself() -> None:
    source = dedent("""
        import asyncio

        def f(items: list[int]) -> int:
            # sum them
            return sum(items)
        """)
    assert unasync(source) == source
    assert unasync(source, prose=True) == source


def test_unasync_edits_the_right_line_after_a_form_feed() -> None:
    # A form feed on a line of its own is valid Python (PEP 8 mentions it as a page break).
    source = "x = 1\n\x0c\nasync def f():\n    await g()\n"
    assert unasync(source) == "x = 1\n\x0c\ndef f():\n    g()\n"


def test_async_code_inside_an_f_string_is_derived_or_refused() -> None:
    """Python 3.12 reads an f-string's braces as tokens and derives them; 3.11 reads the
    f-string whole, so it refuses rather than leave an `await` in sync code."""
    source = 'async def f():\n    return f"{await g()} {AsyncClient}"\n'
    if sys.version_info < (3, 12):
        with pytest.raises(UnasyncError, match="an f-string holds async code"):
            unasync(source)
        return
    derived = unasync(source)
    assert derived == 'def f():\n    return f"{g()} {Client}"\n'
    compile(derived, "derived.py", "exec")


def test_unasync_unwraps_a_qualified_awaitable() -> None:
    assert unasync("x: typing.Awaitable[int]\n") == "x: int\n"


# sync_name


def test_sync_name_maps_vocabulary_names_and_keeps_others() -> None:
    assert sync_name("AsyncClient") == "Client"
    assert sync_name("__aenter__") == "__enter__"
    assert sync_name("Batches") == "Batches"


def test_sync_name_prefers_the_names_the_caller_adds() -> None:
    names = {"AsyncBatches": "Batches", "AsyncClient": "MyClient"}
    assert sync_name("AsyncBatches", names) == "Batches"
    assert sync_name("AsyncClient", names) == "MyClient"
    assert sync_name("AsyncIterator", names) == "Iterator"


# fill_twins


def module(*middle: str, derived: str = "stale = True\n") -> str:
    return "".join(["header = 1\n", SYNC_MARKER + "\n", derived, *middle, "footer = 2\n"])


ASYNC_REGION = f"{ASYNC_MARKER}\nasync def f():\n    await g()\n{END_MARKER}\n"


def test_fill_twins_rewrites_only_the_sync_region() -> None:
    assert fill_twins(module(ASYNC_REGION)) == "".join(
        [
            "header = 1\n",
            SYNC_MARKER + "\n",
            "def f():\n    g()\n",
            ASYNC_REGION,
            "footer = 2\n",
        ]
    )


def test_fill_twins_is_stable_on_its_own_output() -> None:
    filled = fill_twins(module(ASYNC_REGION))
    assert fill_twins(filled) == filled


def test_fill_twins_passes_names_and_prose_on() -> None:
    region = f'{ASYNC_MARKER}\nclass AsyncX:\n    """An AsyncX."""\n{END_MARKER}\n'
    assert fill_twins(module(region), {"AsyncX": "X"}, prose=True) == module(
        region, derived='class X:\n    """An X."""\n'
    )


def test_fill_twins_finds_indented_markers() -> None:
    source = (
        f"class A:\n    {SYNC_MARKER}\n    {ASYNC_MARKER}\n    x = AsyncClient\n    {END_MARKER}\n"
    )
    assert fill_twins(source) == (
        f"class A:\n    {SYNC_MARKER}\n    x = Client\n"
        f"    {ASYNC_MARKER}\n    x = AsyncClient\n    {END_MARKER}\n"
    )


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("x = 1\n", id="no-markers"),
        pytest.param(f"{SYNC_MARKER}\n{ASYNC_MARKER}\n", id="no-end"),
        pytest.param(f"{ASYNC_MARKER}\n{END_MARKER}\n", id="no-sync"),
        pytest.param(f"{SYNC_MARKER}\n{END_MARKER}\n", id="no-async"),
        pytest.param(f"{SYNC_MARKER}\n{SYNC_MARKER}\n{ASYNC_MARKER}\n{END_MARKER}\n", id="twice"),
        pytest.param(
            f"{SYNC_MARKER}\n{ASYNC_MARKER}\n{END_MARKER}\n{END_MARKER}\n", id="end-twice"
        ),
    ],
)
def test_fill_twins_needs_each_marker_exactly_once(source: str) -> None:
    with pytest.raises(UnasyncError, match="exactly once"):
        fill_twins(source)


@pytest.mark.parametrize(
    "order",
    [
        (ASYNC_MARKER, SYNC_MARKER, END_MARKER),
        (SYNC_MARKER, END_MARKER, ASYNC_MARKER),
        (END_MARKER, ASYNC_MARKER, SYNC_MARKER),
    ],
)
def test_fill_twins_needs_the_markers_in_order(order: tuple[str, str, str]) -> None:
    with pytest.raises(UnasyncError, match="order sync, async, end"):
        fill_twins("".join(f"{marker}\nx = 1\n" for marker in order))


def test_unasync_error_is_a_value_error() -> None:
    assert issubclass(UnasyncError, ValueError)


# The committed runtime.


def test_unasync_check_passes_on_the_committed_runtime() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator.unasync", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_the_runtime_has_modules_with_twins() -> None:
    names = {path.name for path in runtime_modules()}
    assert {"_base_client.py", "_pagination.py", "_streaming.py"} <= names


def regions(path: Path) -> tuple[str, str]:
    """The committed sync twin of `path` and the async source it is derived from."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    stripped = [line.strip() for line in lines]
    sync_at, async_at, end_at = (stripped.index(m) for m in (SYNC_MARKER, ASYNC_MARKER, END_MARKER))
    return "".join(lines[sync_at + 1 : async_at]), "".join(lines[async_at + 1 : end_at])


@pytest.mark.parametrize("path", runtime_modules(), ids=lambda path: path.name)
def test_each_runtime_twin_compiles(path: Path) -> None:
    committed, source = regions(path)
    assert "async def" in source
    for twin in (committed, unasync(source, prose=True)):
        assert "async def" not in twin and "await " not in twin
        compile(twin, str(path), "exec")
