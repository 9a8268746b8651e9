"""`codec`: the `_surface.json` generation records, and reading it back.

Pins that a surface survives the round trip (the real spec's and the diff base's), that the
text is deterministic and one item per line, that every kind of type is written as an
annotation `ast` reads back, and that anything else is refused with `SurfaceFormatError`
(which `check` reports instead of crashing).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.diff.codec import ABOUT, SurfaceFormatError, dumps, loads, parse_type, qualified
from generator.diff.surface import surface_of
from generator.pipeline import build, load_spec
from generator.pytypes import (
    NONE,
    Builtin,
    DictOf,
    Generic,
    ListOf,
    LiteralOf,
    Named,
    PyType,
    SequenceOf,
    nullable,
    union,
)

from ..helpers import GENERATED, SPEC
from .cases import BASE

PAGER = Named("AsyncCursorPager", "._pagination")


@pytest.mark.parametrize("spec", [SPEC, BASE], ids=["spec", "diff-base"])
def test_a_surface_survives_the_round_trip(spec: Path) -> None:
    surface = surface_of(build(load_spec(spec)))
    text = dumps(surface)
    assert loads(text) == surface
    assert dumps(loads(text)) == text


def test_the_committed_surface_is_what_the_spec_gives() -> None:
    text = (GENERATED / "anthropic_batches" / "_surface.json").read_text()
    assert text == dumps(surface_of(build(load_spec(SPEC))))


def test_the_text_is_ascii_one_item_per_line_and_says_what_it_is() -> None:
    text = dumps(surface_of(build(load_spec(BASE))))
    assert text.isascii() and text.endswith("}\n")
    assert json.loads(text)["about"] == ABOUT
    lines = text.splitlines()
    assert (
        '    "limit": {"wire_name": "limit", "in": "query", "position": null, "required": false, "type": "int", "doc": ""},'
        in lines
    )
    assert '    "created_at": {"type": "datetime", "required": true, "doc": ""},' in lines


@pytest.mark.parametrize(
    "kind",
    [
        Builtin("str"),
        NONE,
        nullable(Builtin("int")),
        Named("Widget", ".types"),
        Named("Widget.dimensions", ".types"),
        Named("ShapeParam", ".params"),
        LiteralOf(("a", 'say "hi"', "rtl\u202e", 3)),
        union(Builtin("str"), LiteralOf(("x",)), NONE),
        SequenceOf(Named("A", ".params")),
        ListOf(nullable(Named("A", ".types"))),
        DictOf(Builtin("Any")),
        Generic(PAGER, (Named("A", ".types"),)),
        Generic(Named("Pair", "._types"), (Builtin("int"), SequenceOf(Builtin("str")))),
    ],
    ids=lambda kind: kind.annotation,
)
def test_every_kind_of_type_reads_back(kind: PyType) -> None:
    assert parse_type(qualified(kind)) == kind


def test_a_model_is_written_with_its_module() -> None:
    assert qualified(ListOf(Named("A", ".types"))) == "list[types.A]"
    assert qualified(Generic(PAGER, (Named("A", ".types"),))) == (
        "_pagination.AsyncCursorPager[types.A]"
    )


@pytest.mark.parametrize(
    "text", ["list[", "Literal[True]", "Literal[1.5]", "set[int]", "f(x)", "dict[str]", "a()[b]"]
)
def test_a_malformed_type_is_refused(text: str) -> None:
    with pytest.raises(SurfaceFormatError):
        parse_type(text)


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"format": 2}',
        '{"format": 1}',
        dumps(surface_of(build(load_spec(BASE)))).replace('"type": "int"', '"type": "int["', 1),
    ],
    ids=["not-json", "a-list", "another-format", "incomplete", "bad-type"],
)
def test_anything_but_a_surface_is_refused(text: str) -> None:
    with pytest.raises(SurfaceFormatError):
        loads(text)
