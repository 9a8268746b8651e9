"""How the type at one place (an argument, a return value, a field, an alias) changed.

A change is named by what a caller can notice, because that is what the classification table
(`rules`) decides on, side by side: whether `None` is now possible; which enum values or union
members came or went; otherwise whether the type accepts more values than before (widened),
fewer (narrowed), or neither (changed). Widening breaks code that reads the value and not code
that sends it; narrowing, the reverse. A list, dict or generic keeps its container and is
compared by what it holds, so `list[Literal["a"]]` -> `list[Literal["a", "b"]]` is an enum
value added, not an opaque change.

`is_subtype` is the relation behind it: every value of one type is a value of the other, as a
type checker sees the generated annotations (an `int` is accepted where a `float` is, a
`Literal["a"]` where a `str` is; `Any` and `object` accept everything), except that a `bool`
is not taken for an `int`: in JSON they are different values.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.pycode import python_string
from generator.pytypes import (
    NONE,
    Builtin,
    DictOf,
    Generic,
    ListOf,
    LiteralOf,
    MappingOf,
    Named,
    PyType,
    SequenceOf,
    UnionOf,
    union,
)
from generator.unasync import unasync

_TOP = frozenset({"Any", "object"})


@dataclass(frozen=True)
class TypeChange:
    kind: str
    message: str
    open: bool | None = None
    """For enum values and union members: whether the old type already accepted any value of
    that kind (a plain `str` beside the literals, or an `Unknown<Union>` fallback)."""


def shown(kind: PyType) -> str:
    """An annotation as a message quotes it: the sync flavor, as most callers write it."""
    return f"`{unasync(kind.annotation)}`"


def members(kind: PyType) -> tuple[PyType, ...]:
    """The members of a union, each literal value on its own; a single type alone."""
    found: list[PyType] = []
    for member in kind.members if isinstance(kind, UnionOf) else (kind,):
        if isinstance(member, LiteralOf):
            found.extend(LiteralOf((value,)) for value in member.values)
        else:
            found.append(member)
    return tuple(found)


def is_subtype(small: PyType, big: PyType) -> bool:
    """Whether every value of `small` is a value of `big`."""
    if small == big or (isinstance(big, Builtin) and big.name in _TOP):
        return True
    small_members, big_members = members(small), members(big)
    if len(small_members) > 1:
        return all(is_subtype(member, big) for member in small_members)
    if len(big_members) > 1:
        return any(is_subtype(small, member) for member in big_members)
    small, big = small_members[0], big_members[0]
    if small == big:
        return True
    if isinstance(small, LiteralOf) and isinstance(big, Builtin):
        (value,) = small.values
        return big.name == ("str" if isinstance(value, str) else "int") or (
            big.name == "float" and isinstance(value, int)
        )
    if isinstance(small, Builtin) and isinstance(big, Builtin):
        # JSON's integer is a number; its boolean is no integer (pydantic keeps them apart).
        return (small.name, big.name) == ("int", "float")
    if isinstance(small, ListOf | SequenceOf) and isinstance(big, SequenceOf):
        return is_subtype(small.item, big.item)
    if isinstance(small, ListOf) and isinstance(big, ListOf):
        return is_subtype(small.item, big.item)
    if isinstance(small, DictOf) and isinstance(big, DictOf):
        return is_subtype(small.value, big.value)
    if isinstance(small, DictOf | MappingOf) and isinstance(big, MappingOf):
        return is_subtype(small.value, big.value)
    if isinstance(small, Generic) and isinstance(big, Generic):
        return (
            small.base == big.base
            and len(small.arguments) == len(big.arguments)
            and all(is_subtype(s, b) for s, b in zip(small.arguments, big.arguments, strict=True))
        )
    return False


def type_changes(old: PyType, new: PyType, fallbacks: frozenset[str]) -> list[TypeChange]:
    """What changed from `old` to `new`, nothing when they are the same; `fallbacks` are the
    qualified names of the `Unknown<Union>` classes (`types.UnknownContentBlock`)."""
    changes: list[TypeChange] = []
    was_null, is_null = NONE in members(old), NONE in members(new)
    if is_null and not was_null:
        changes.append(TypeChange("nullable.added", f"may now be None (was {shown(old)})"))
    elif was_null and not is_null:
        changes.append(TypeChange("nullable.removed", f"is never None now (is {shown(new)})"))
    before, after = _without_none(old), _without_none(new)
    if before != after and before is not None and after is not None:
        changes.extend(_values(before, after, fallbacks))
    return changes


def _without_none(kind: PyType) -> PyType | None:
    rest = [m for m in (kind.members if isinstance(kind, UnionOf) else (kind,)) if m != NONE]
    return union(*rest) if rest else None


def _values(old: PyType, new: PyType, fallbacks: frozenset[str]) -> list[TypeChange]:
    old_members, new_members = members(old), members(new)
    if len(old_members) == 1 and len(new_members) == 1:
        return _single(old, new, fallbacks)
    changes: list[TypeChange] = []
    old_literals = [m for m in old_members if isinstance(m, LiteralOf)]
    new_literals = [m for m in new_members if isinstance(m, LiteralOf)]
    for literal in new_literals:
        if literal not in old_literals:
            open_ = _open_for(literal, old_members) and _open_for(literal, new_members)
            if open_ or not is_subtype(literal, old):
                note = " (an open enum: any value was accepted already)" if open_ else ""
                changes.append(
                    TypeChange(
                        "enum.value_added", f"enum value {_value(literal)} added{note}", open_
                    )
                )
    for literal in old_literals:
        if literal not in new_literals:
            open_ = _open_for(literal, old_members) and _open_for(literal, new_members)
            if open_ or not is_subtype(literal, new):
                note = " (an open enum: any value is still accepted)" if open_ else ""
                changes.append(
                    TypeChange(
                        "enum.value_removed", f"enum value {_value(literal)} removed{note}", open_
                    )
                )
    old_rest = [m for m in old_members if not isinstance(m, LiteralOf)]
    new_rest = [m for m in new_members if not isinstance(m, LiteralOf)]
    added = [m for m in new_rest if m not in old_rest and not is_subtype(m, old)]
    removed = [m for m in old_rest if m not in new_rest and not is_subtype(m, new)]
    if len(added) == 1 and len(removed) == 1 and _same_shape(removed[0], added[0]):
        inner = _single(removed[0], added[0], fallbacks)
        return changes + [
            TypeChange(c.kind, f"union member {shown(removed[0])}: {c.message}", c.open)
            for c in inner
        ]
    open_union = any(_is_fallback(m, fallbacks) for m in old_rest)
    for member in removed:
        changes.append(TypeChange("union.member_removed", f"union member {shown(member)} removed"))
    for member in added:
        note = " (an open union: its `Unknown` fallback took such values before)"
        changes.append(
            TypeChange(
                "union.member_added",
                f"union member {shown(member)} added{note if open_union else ''}",
                open_union,
            )
        )
    return changes


def _single(old: PyType, new: PyType, fallbacks: frozenset[str]) -> list[TypeChange]:
    """Two types that are not unions: compare what a shared container holds, else the two."""
    inner = _contents(old, new)
    if inner is not None:
        where, pairs = inner
        return [
            TypeChange(change.kind, f"{where}: {change.message}", change.open)
            for before, after in pairs
            for change in type_changes(before, after, fallbacks)
        ]
    wider, narrower = is_subtype(old, new), is_subtype(new, old)
    if wider and narrower:
        return []
    span = f"{shown(old)} -> {shown(new)}"
    if wider:
        return [TypeChange("type.widened", f"type widened: {span}")]
    if narrower:
        return [TypeChange("type.narrowed", f"type narrowed: {span}")]
    return [TypeChange("type.changed", f"type changed: {span}")]


def _contents(old: PyType, new: PyType) -> tuple[str, list[tuple[PyType, PyType]]] | None:
    """What two types of the same container hold, pairwise, and what to call it."""
    if isinstance(old, ListOf) and isinstance(new, ListOf):
        return "items", [(old.item, new.item)]
    if isinstance(old, SequenceOf) and isinstance(new, SequenceOf):
        return "items", [(old.item, new.item)]
    if isinstance(old, DictOf) and isinstance(new, DictOf):
        return "values", [(old.value, new.value)]
    if isinstance(old, MappingOf) and isinstance(new, MappingOf):
        return "values", [(old.value, new.value)]
    if (
        isinstance(old, Generic)
        and isinstance(new, Generic)
        and old.base == new.base
        and len(old.arguments) == len(new.arguments)
    ):
        pairs = list(zip(old.arguments, new.arguments, strict=True))
        return f"{unasync(old.base.name)} of", pairs
    return None


def _same_shape(old: PyType, new: PyType) -> bool:
    """Whether a removed and an added union member are one member retyped: the same kind of
    container, or two scalars."""
    return type(old) is type(new) and not isinstance(old, Named)


def _open_for(literal: LiteralOf, siblings: tuple[PyType, ...]) -> bool:
    """Whether a plain type beside the literals accepts any value of `literal`'s kind."""
    (value,) = literal.values
    return Builtin("str" if isinstance(value, str) else "int") in siblings


def _is_fallback(member: PyType, fallbacks: frozenset[str]) -> bool:
    return isinstance(member, Named) and f"{member.module.lstrip('.')}.{member.name}" in fallbacks


def _value(literal: LiteralOf) -> str:
    (value,) = literal.values
    return python_string(value) if isinstance(value, str) else str(value)
