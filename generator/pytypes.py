"""Python types as data: what an argument or return value is typed as.

The builder maps each schema to one of these; a template prints `.annotation`, and the module
that holds it imports `.imports`. Deciding imports from the type itself, rather than by
searching annotation strings, keeps the two from drifting apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.imports import Import
from generator.pycode import python_string


class PyType:
    """A type as it appears in a signature."""

    @property
    def annotation(self) -> str:
        raise NotImplementedError

    @property
    def imports(self) -> frozenset[Import]:
        return frozenset()


@dataclass(frozen=True)
class Builtin(PyType):
    """`str`, `int`, `float`, `bool`, `object` or `None`: nothing to import."""

    name: str

    @property
    def annotation(self) -> str:
        return self.name


@dataclass(frozen=True)
class Named(PyType):
    """A class or alias the package defines: a model in `types`, a TypedDict in `params`."""

    name: str
    module: str

    @property
    def annotation(self) -> str:
        return self.name

    @property
    def imports(self) -> frozenset[Import]:
        return frozenset({Import(self.module, self.name)})


@dataclass(frozen=True)
class LiteralOf(PyType):
    """`Literal[...]` of string or integer values (an enum or a `const`)."""

    values: tuple[str | int, ...]

    @property
    def annotation(self) -> str:
        printed = (python_string(v) if isinstance(v, str) else str(v) for v in self.values)
        return f"Literal[{', '.join(printed)}]"

    @property
    def imports(self) -> frozenset[Import]:
        return frozenset({Import("typing", "Literal")})


@dataclass(frozen=True)
class SequenceOf(PyType):
    """An array argument: any sequence will do, as the official SDK's `Iterable`s."""

    item: PyType

    @property
    def annotation(self) -> str:
        return f"Sequence[{self.item.annotation}]"

    @property
    def imports(self) -> frozenset[Import]:
        return self.item.imports | {Import("collections.abc", "Sequence")}


@dataclass(frozen=True)
class ListOf(PyType):
    """A list field of a printed model: datamodel-code-generator writes `list[...]` where an
    argument says `Sequence[...]`. Builders of arguments never make one; the surface a diff
    compares (`generator.diff`) describes model fields with it, as callers read them."""

    item: PyType

    @property
    def annotation(self) -> str:
        return f"list[{self.item.annotation}]"

    @property
    def imports(self) -> frozenset[Import]:
        return self.item.imports


@dataclass(frozen=True)
class DictOf(PyType):
    """A free-form object."""

    value: PyType

    @property
    def annotation(self) -> str:
        return f"dict[str, {self.value.annotation}]"

    @property
    def imports(self) -> frozenset[Import]:
        return self.value.imports


@dataclass(frozen=True)
class UnionOf(PyType):
    """`A | B | ...`; build with `union()`, which flattens and drops repeats."""

    members: tuple[PyType, ...]

    @property
    def annotation(self) -> str:
        return " | ".join(member.annotation for member in self.members)

    @property
    def imports(self) -> frozenset[Import]:
        return frozenset().union(*(member.imports for member in self.members))


NONE = Builtin("None")


def union(*types: PyType) -> PyType:
    """The union of `types`, flattened, without repeats, `None` last; one type is itself."""
    members: list[PyType] = []
    for each in types:
        for member in each.members if isinstance(each, UnionOf) else (each,):
            if member not in members:
                members.append(member)
    if NONE in members:
        members = [m for m in members if m != NONE] + [NONE]
    return members[0] if len(members) == 1 else UnionOf(tuple(members))


def nullable(inner: PyType) -> PyType:
    return union(inner, NONE)


@dataclass(frozen=True)
class Generic(PyType):
    """A generic class of the package applied to arguments: `AsyncCursorPager[MessageBatch]`."""

    base: Named
    arguments: tuple[PyType, ...]

    @property
    def annotation(self) -> str:
        return f"{self.base.annotation}[{', '.join(a.annotation for a in self.arguments)}]"

    @property
    def imports(self) -> frozenset[Import]:
        return self.base.imports.union(*(a.imports for a in self.arguments))
