"""A model's changes, on the side it is on: added or removed, a class become an alias or back,
an alias's type, and each field (matched by its JSON name): added, removed, made required or
optional, retyped.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator.diff.findings import Finding
from generator.diff.surface import Field, ModelSurface, Side
from generator.diff.typediff import shown, type_changes


def model_findings(
    old: Sequence[ModelSurface], new: Sequence[ModelSurface], fallbacks: frozenset[str]
) -> Iterator[Finding]:
    before = {m.qualified: m for m in old}
    after = {m.qualified: m for m in new}
    for name in sorted(before.keys() | after.keys()):
        was, model = before.get(name), after.get(name)
        group = f"{name.partition('.')[0]}.{name.partition('.')[2].split('.')[0]}"
        if was is None and model is not None:
            yield Finding("model.added", group, name, f"{_what(model)} `{name}` added")
        elif model is None and was is not None:
            yield Finding("model.removed", group, name, f"{_what(was)} `{name}` removed")
        elif was is not None and model is not None:
            yield from _model(group, was, model, fallbacks)


def _what(model: ModelSurface) -> str:
    if model.fields is None:
        return "alias"
    return "TypedDict" if model.module == "params" else "model"


def _side_note(sides: tuple[Side, ...]) -> str:
    if sides == ("request",):
        return "sent in requests"
    return "read from responses" if sides == ("response",) else "sent and read"


def _model(
    group: str, old: ModelSurface, new: ModelSurface, fallbacks: frozenset[str]
) -> Iterator[Finding]:
    name = new.qualified
    sides: tuple[Side, ...] = tuple(
        side for side in ("request", "response") if side in old.sides or side in new.sides
    )
    note = f" ({_side_note(sides)})"
    if (old.fields is None) != (new.fields is None):
        yield Finding(
            "model.kind_changed",
            group,
            name,
            f"`{name}` is now {'an ' if new.fields is None else 'a '}{_what(new)} "
            f"(was {'an ' if old.fields is None else 'a '}{_what(old)})",
        )
    elif old.fields is None or new.fields is None:
        if old.alias is not None and new.alias is not None:
            for change in type_changes(old.alias, new.alias, fallbacks):
                yield Finding(
                    change.kind, group, name, f"{change.message}{note}", sides, change.open
                )
    else:
        yield from _fields(group, name, old.fields, new.fields, sides, note, fallbacks)
    if old.doc != new.doc:
        yield Finding("model.docs_changed", group, name, "description changed")


def _fields(
    group: str,
    model: str,
    old: Sequence[Field],
    new: Sequence[Field],
    sides: tuple[Side, ...],
    note: str,
    fallbacks: frozenset[str],
) -> Iterator[Finding]:
    before = {f.name: f for f in old}
    after = {f.name: f for f in new}
    inside = model[len(group) + 1 :]  # the path to an inline object inside the group's model

    def label(field: Field) -> str:
        return f"field `{inside}.{field.name}`" if inside else f"field `{field.name}`"

    def finding(kind: str, field: Field, message: str, open_: bool | None = None) -> Finding:
        where = f"{model}.{field.name}"
        return Finding(kind, group, where, f"{label(field)}{message}{note}", sides, open_)

    for field in new:
        was = before.get(field.name)
        if was is None:
            kind = "field.added_required" if field.required else "field.added_optional"
            state = "required" if field.required else "optional"
            yield finding(kind, field, f" added ({shown(field.type)[1:-1]}, {state})")
            continue
        if was.required != field.required:
            if field.required:
                yield finding("field.made_required", field, " is now required")
            else:
                yield finding("field.made_optional", field, " is now optional")
        for change in type_changes(was.type, field.type, fallbacks):
            yield finding(change.kind, field, f": {change.message}", change.open)
        if was.doc != field.doc:
            yield Finding(
                "field.docs_changed",
                group,
                f"{model}.{field.name}",
                f"{label(field)}: description changed",
            )
    for field in old:
        if field.name not in after:
            yield finding("field.removed", field, " removed")
