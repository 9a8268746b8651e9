"""`typediff`: the relation between two types and how a change at one place is named.

Pins `is_subtype` on every kind of type (the numeric tower, literals under their scalar,
containers by what they hold, `Any` on top, `bool` apart from `int`), and that `type_changes`
names a change by what a caller notices: `None` possible or not, enum values and union members
with whether the type was open, a container's contents rather than the container, and a
single retyped member of a union as that member's change.
"""

from __future__ import annotations

import pytest

from generator.diff.typediff import TypeChange, is_subtype, members, type_changes
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

STR, INT, FLOAT, BOOL, ANY = (Builtin(n) for n in ("str", "int", "float", "bool", "Any"))
A, B = Named("A", ".types"), Named("B", ".types")
FALLBACK = Named("UnknownU", ".types")
FALLBACKS = frozenset({"types.UnknownU"})
PAGER = Named("AsyncCursorPager", "._pagination")


def kinds(old: PyType, new: PyType) -> list[tuple[str, bool | None]]:
    return [(c.kind, c.open) for c in type_changes(old, new, FALLBACKS)]


@pytest.mark.parametrize(
    ("small", "big"),
    [
        (INT, FLOAT),
        (LiteralOf(("a",)), STR),
        (LiteralOf((1,)), INT),
        (LiteralOf((1,)), FLOAT),
        (LiteralOf(("a",)), LiteralOf(("a", "b"))),
        (STR, union(STR, INT)),
        (union(LiteralOf(("a",)), INT), union(STR, INT)),
        (ListOf(INT), ListOf(FLOAT)),
        (ListOf(INT), SequenceOf(INT)),
        (DictOf(INT), DictOf(ANY)),
        (A, ANY),
        (A, Builtin("object")),
        (Generic(PAGER, (INT,)), Generic(PAGER, (FLOAT,))),
        (nullable(A), union(A, B, NONE)),
    ],
)
def test_is_subtype_holds(small: PyType, big: PyType) -> None:
    assert is_subtype(small, big)


@pytest.mark.parametrize(
    ("small", "big"),
    [
        (FLOAT, INT),
        (BOOL, INT),
        (STR, LiteralOf(("a",))),
        (LiteralOf(("a",)), INT),
        (A, B),
        (Named("A", ".params"), A),
        (SequenceOf(INT), ListOf(INT)),
        (union(STR, INT), STR),
        (Generic(PAGER, (A,)), Generic(Named("Other", "._pagination"), (A,))),
        (NONE, STR),
    ],
)
def test_is_subtype_fails(small: PyType, big: PyType) -> None:
    assert not is_subtype(small, big)


def test_members_split_a_literal_into_its_values() -> None:
    assert members(union(LiteralOf(("a", "b")), NONE)) == (
        LiteralOf(("a",)),
        LiteralOf(("b",)),
        NONE,
    )


def test_the_same_type_has_no_change() -> None:
    assert type_changes(nullable(ListOf(A)), nullable(ListOf(A)), FALLBACKS) == []


def test_equivalent_types_have_no_change() -> None:
    assert kinds(ANY, Builtin("object")) == []


def test_nullability_is_named_apart_from_the_rest() -> None:
    assert kinds(STR, nullable(STR)) == [("nullable.added", None)]
    assert kinds(nullable(STR), STR) == [("nullable.removed", None)]
    assert kinds(STR, nullable(INT)) == [("nullable.added", None), ("type.changed", None)]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (INT, FLOAT, "type.widened"),
        (FLOAT, INT, "type.narrowed"),
        (STR, INT, "type.changed"),
        (A, B, "type.changed"),
    ],
)
def test_a_single_type_widens_narrows_or_changes(old: PyType, new: PyType, expected: str) -> None:
    assert kinds(old, new) == [(expected, None)]


def test_enum_values_added_and_removed_one_change_each() -> None:
    old, new = LiteralOf(("a", "b", "c")), LiteralOf(("a", "d", "e"))
    changes = type_changes(old, new, FALLBACKS)
    assert [(c.kind, c.open) for c in changes] == [
        ("enum.value_added", False),
        ("enum.value_added", False),
        ("enum.value_removed", False),
        ("enum.value_removed", False),
    ]
    assert '"d"' in changes[0].message and '"b"' in changes[2].message


def test_an_open_enum_says_so() -> None:
    old = union(STR, LiteralOf(("a",)))
    assert kinds(old, union(STR, LiteralOf(("a", "b")))) == [("enum.value_added", True)]
    assert kinds(old, STR) == [("enum.value_removed", True)]


def test_a_closed_enum_opened_is_a_member_added_not_a_value_removed() -> None:
    """`Literal["a"]` -> `str`: "a" is still accepted; what changed is that any string is."""
    assert kinds(LiteralOf(("a", "b")), union(STR, LiteralOf(("a",)))) == [
        ("union.member_added", False)
    ]


def test_an_enum_closed_from_a_string_is_a_member_removed() -> None:
    assert kinds(STR, LiteralOf(("a",))) == [("type.narrowed", None)]
    assert kinds(union(STR, INT), union(LiteralOf(("a",)), INT)) == [("union.member_removed", None)]


def test_union_members_added_and_removed() -> None:
    assert kinds(union(A, B), A) == [("union.member_removed", None)]
    assert kinds(A, union(A, B)) == [("union.member_added", False)]


def test_a_union_with_its_fallback_is_open() -> None:
    assert kinds(union(A, FALLBACK), union(A, B, FALLBACK)) == [("union.member_added", True)]


def test_one_member_retyped_is_that_members_change() -> None:
    changes = type_changes(union(STR, ListOf(A)), union(STR, ListOf(B)), FALLBACKS)
    assert [(c.kind, c.open) for c in changes] == [("type.changed", None)]
    assert changes[0].message.startswith("union member `list[A]`: items:")


def test_reordering_a_union_is_no_change() -> None:
    assert kinds(union(STR, INT, A), union(A, INT, STR)) == []
    assert kinds(LiteralOf(("a", "b")), LiteralOf(("b", "a"))) == []


def test_a_known_value_beside_a_plain_string_is_an_open_enums_value() -> None:
    assert kinds(union(STR, INT), union(STR, INT, LiteralOf(("x",)))) == [
        ("enum.value_added", True)
    ]


def test_containers_are_compared_by_what_they_hold() -> None:
    changes = type_changes(
        SequenceOf(LiteralOf(("a",))), SequenceOf(LiteralOf(("a", "b"))), FALLBACKS
    )
    assert changes == [TypeChange("enum.value_added", 'items: enum value "b" added', False)]
    assert kinds(DictOf(STR), DictOf(nullable(STR))) == [("nullable.added", None)]
    assert kinds(ListOf(A), SequenceOf(A)) == [("type.widened", None)]


def test_a_page_is_compared_by_its_item_and_named_as_the_sync_flavor() -> None:
    changes = type_changes(Generic(PAGER, (A,)), Generic(PAGER, (B,)), FALLBACKS)
    assert [c.kind for c in changes] == ["type.changed"]
    assert changes[0].message == "SyncCursorPage of: type changed: `A` -> `B`"
