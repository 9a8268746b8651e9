"""`pytypes`: Python types as data, each printing its annotation and naming its imports.

Pins the annotation and the imports of every kind of type, that `Literal` strings go through
`python_string`, and how `union()` flattens, drops repeats, puts `None` last and returns a
single member as itself.
"""

from __future__ import annotations

import ast

import pytest

from generator.imports import Import
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
    UnionOf,
    nullable,
    union,
)

STR = Builtin("str")
INT = Builtin("int")
WIDGET = Named("Widget", ".types")
PARAMS = Named("WidgetParam", ".params")
LITERAL = Import("typing", "Literal")
SEQUENCE = Import("collections.abc", "Sequence")


@pytest.mark.parametrize("name", ["str", "int", "float", "bool", "object", "None"])
def test_builtin_prints_its_name_and_imports_nothing(name: str) -> None:
    assert Builtin(name).annotation == name
    assert Builtin(name).imports == frozenset()


def test_none_is_the_builtin_none() -> None:
    assert NONE == Builtin("None")


def test_named_prints_its_name_and_imports_it_from_its_module() -> None:
    assert WIDGET.annotation == "Widget"
    assert WIDGET.imports == {Import(".types", "Widget")}


def test_literal_of_prints_strings_and_integers_and_imports_literal() -> None:
    literal = LiteralOf(("red", 2, -1))
    assert literal.annotation == 'Literal["red", 2, -1]'
    assert literal.imports == {LITERAL}


def test_literal_strings_are_escaped_by_python_string() -> None:
    values = ('say "hi"', "back\\slash", "new\nline", "rtl\u202eltr")
    annotation = LiteralOf(values).annotation
    assert annotation == 'Literal["say \\"hi\\"", "back\\\\slash", "new\\nline", "rtl\\u202eltr"]'
    subscript = ast.parse(annotation, mode="eval").body
    assert isinstance(subscript, ast.Subscript)
    assert isinstance(subscript.slice, ast.Tuple)
    assert [ast.literal_eval(element) for element in subscript.slice.elts] == list(values)


def test_sequence_of_imports_sequence_and_what_its_item_needs() -> None:
    assert SequenceOf(STR).annotation == "Sequence[str]"
    assert SequenceOf(STR).imports == {SEQUENCE}
    assert SequenceOf(PARAMS).annotation == "Sequence[WidgetParam]"
    assert SequenceOf(PARAMS).imports == {SEQUENCE, Import(".params", "WidgetParam")}


def test_nested_sequences_import_sequence_once() -> None:
    nested = SequenceOf(SequenceOf(LiteralOf(("a",))))
    assert nested.annotation == 'Sequence[Sequence[Literal["a"]]]'
    assert nested.imports == {SEQUENCE, LITERAL}


def test_list_of_prints_a_builtin_list_and_imports_what_its_item_needs() -> None:
    assert ListOf(STR).annotation == "list[str]"
    assert ListOf(STR).imports == frozenset()
    assert ListOf(nullable(WIDGET)).annotation == "list[Widget | None]"
    assert ListOf(WIDGET).imports == {Import(".types", "Widget")}


def test_dict_of_has_string_keys_and_imports_what_its_value_needs() -> None:
    assert DictOf(Builtin("object")).annotation == "dict[str, object]"
    assert DictOf(Builtin("object")).imports == frozenset()
    assert DictOf(WIDGET).annotation == "dict[str, Widget]"
    assert DictOf(WIDGET).imports == {Import(".types", "Widget")}


def test_generic_applies_its_base_to_its_arguments() -> None:
    pager = Generic(Named("AsyncCursorPager", "._pagination"), (WIDGET,))
    assert pager.annotation == "AsyncCursorPager[Widget]"
    assert pager.imports == {Import("._pagination", "AsyncCursorPager"), Import(".types", "Widget")}


def test_generic_with_several_arguments() -> None:
    mapping = Generic(Named("Pair", "._types"), (SequenceOf(STR), nullable(INT)))
    assert mapping.annotation == "Pair[Sequence[str], int | None]"
    assert mapping.imports == {Import("._types", "Pair"), SEQUENCE}


def test_union_prints_members_in_order() -> None:
    both = union(STR, WIDGET)
    assert both == UnionOf((STR, WIDGET))
    assert both.annotation == "str | Widget"
    assert both.imports == {Import(".types", "Widget")}


def test_union_imports_what_each_member_needs() -> None:
    mixed = union(LiteralOf(("a",)), SequenceOf(WIDGET), PARAMS)
    assert mixed.imports == {
        LITERAL,
        SEQUENCE,
        Import(".types", "Widget"),
        Import(".params", "WidgetParam"),
    }


def test_union_flattens_nested_unions() -> None:
    assert union(union(STR, INT), union(WIDGET, Builtin("bool"))) == UnionOf(
        (STR, INT, WIDGET, Builtin("bool"))
    )


def test_union_drops_repeats_keeping_the_first_place() -> None:
    assert union(STR, INT, STR, union(INT, WIDGET)) == UnionOf((STR, INT, WIDGET))


def test_union_treats_equal_types_as_repeats() -> None:
    assert union(LiteralOf(("a",)), LiteralOf(("a",))) == LiteralOf(("a",))
    assert union(Named("A", ".types"), Named("A", ".params")) == UnionOf(
        (Named("A", ".types"), Named("A", ".params"))
    )


def test_union_puts_none_last() -> None:
    assert union(NONE, STR, INT).annotation == "str | int | None"
    assert union(union(STR, NONE), INT, NONE).annotation == "str | int | None"


@pytest.mark.parametrize(
    "members",
    [(STR,), (STR, STR), (union(STR, STR),), (NONE, NONE)],
    ids=["one", "repeated", "nested", "none"],
)
def test_union_of_a_single_member_is_that_member(members: tuple[PyType, ...]) -> None:
    assert union(*members) == members[0]


def test_nullable_adds_none_once_and_last() -> None:
    assert nullable(STR) == UnionOf((STR, NONE))
    assert nullable(nullable(STR)) == UnionOf((STR, NONE))
    assert nullable(union(NONE, SequenceOf(STR))).annotation == "Sequence[str] | None"
    assert nullable(NONE) == NONE


def test_types_are_hashable_values() -> None:
    assert {SequenceOf(STR), SequenceOf(Builtin("str")), nullable(WIDGET), nullable(WIDGET)} == {
        SequenceOf(STR),
        UnionOf((WIDGET, NONE)),
    }


def test_a_bare_pytype_has_no_annotation() -> None:
    with pytest.raises(NotImplementedError):
        PyType().annotation  # noqa: B018
    assert PyType().imports == frozenset()
