"""Python types as data: what an argument or return value is typed as.

The builder maps each schema to one of these; a template prints `.annotation`, and the module
that holds it imports `.imports`. Deciding imports from the type itself, rather than by
searching annotation strings, keeps the two from drifting apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


#: What a method of a resource class may be named that shadows the builtin of that name in
#: the annotations of the class's other methods (`def list(...) -> list[Pet]`).
SHADOWABLE = frozenset({"list", "dict", "str", "int", "float", "bool", "bytes", "object"})
_BUILTINS = frozenset({Import("builtins", "")})


@dataclass(frozen=True)
class Builtin(PyType):
    """`str`, `int`, `float`, `bool`, `object` or `None`: nothing to import."""

    name: str
    qualified: bool = field(default=False, compare=False)
    """Written `builtins.str`, where a method of the class is named `str` (see `SHADOWABLE`)."""

    @property
    def annotation(self) -> str:
        return f"builtins.{self.name}" if self.qualified else self.name

    @property
    def imports(self) -> frozenset[Import]:
        return _BUILTINS if self.qualified else frozenset()


@dataclass(frozen=True)
class Named(PyType):
    """A class or alias the package defines: a model in `types`, a TypedDict in `params`."""

    name: str
    module: str
    qualified: bool = field(default=False, compare=False)
    """Written with its module, `params.Cat`, where the bare name would be ambiguous: a
    module that takes a `params.Cat` and returns a `types.Cat`. Only how it is printed:
    the type is the same."""

    @property
    def annotation(self) -> str:
        return f"{self.module.lstrip('.')}.{self.name}" if self.qualified else self.name

    @property
    def imports(self) -> frozenset[Import]:
        if self.qualified:
            return frozenset({Import(".", self.module.lstrip("."))})
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
    """A list as it is read: a model's list field (datamodel-code-generator writes `list[...]`
    where an argument says `Sequence[...]`), or a JSON array a method returns. Arguments never
    take one."""

    item: PyType
    qualified: bool = field(default=False, compare=False)
    """Written `builtins.list`, where a method of the class is named `list`."""

    @property
    def annotation(self) -> str:
        return f"{'builtins.' if self.qualified else ''}list[{self.item.annotation}]"

    @property
    def imports(self) -> frozenset[Import]:
        return self.item.imports | (_BUILTINS if self.qualified else frozenset())


@dataclass(frozen=True)
class DictOf(PyType):
    """A free-form object."""

    value: PyType
    qualified: bool = field(default=False, compare=False)
    """Written `builtins.dict[builtins.str, ...]`, where a method of the class is named
    `dict` or `str`."""

    @property
    def annotation(self) -> str:
        if self.qualified:
            return f"builtins.dict[builtins.str, {self.value.annotation}]"
        return f"dict[str, {self.value.annotation}]"

    @property
    def imports(self) -> frozenset[Import]:
        return self.value.imports | (_BUILTINS if self.qualified else frozenset())


@dataclass(frozen=True)
class MappingOf(PyType):
    """A free-form object argument (a whole request body of arbitrary keys): any mapping
    will do, and a `dict[str, str]` fits `Mapping[str, object]` where it fits no
    `dict[str, object]` (a dict's values are invariant)."""

    value: PyType
    qualified: bool = field(default=False, compare=False)
    """Its keys written `builtins.str`, where a method of the class is named `str`."""

    @property
    def annotation(self) -> str:
        return f"Mapping[{'builtins.' if self.qualified else ''}str, {self.value.annotation}]"

    @property
    def imports(self) -> frozenset[Import]:
        found = self.value.imports | {Import("collections.abc", "Mapping")}
        return found | (_BUILTINS if self.qualified else frozenset())


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


def qualify(kind: PyType, module: str, names: frozenset[str]) -> PyType:
    """`kind` with each of `names` from `module` written with its module (`Named.qualified`),
    and each builtin of `names` written `builtins.name` (for `module` "builtins")."""
    shadowed = module == "builtins"
    if isinstance(kind, Named):
        if kind.module == module and kind.name in names:
            return Named(kind.name, kind.module, qualified=True)
        return kind
    if isinstance(kind, Builtin):
        return Builtin(kind.name, qualified=True) if shadowed and kind.name in names else kind
    if isinstance(kind, UnionOf):
        return UnionOf(tuple(qualify(member, module, names) for member in kind.members))
    if isinstance(kind, SequenceOf):
        return SequenceOf(qualify(kind.item, module, names))
    if isinstance(kind, ListOf):
        return ListOf(qualify(kind.item, module, names), shadowed and "list" in names)
    if isinstance(kind, DictOf):
        value = qualify(kind.value, module, names)
        return DictOf(value, shadowed and bool({"dict", "str"} & names))
    if isinstance(kind, MappingOf):
        return MappingOf(qualify(kind.value, module, names), shadowed and "str" in names)
    if isinstance(kind, Generic):
        arguments = tuple(qualify(argument, module, names) for argument in kind.arguments)
        return Generic(kind.base, arguments)
    return kind
