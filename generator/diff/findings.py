"""What each comparing module reports: a change found, before `rules` classifies it."""

from __future__ import annotations

from dataclasses import dataclass

from generator.diff.surface import Side
from generator.pycode import python_string


@dataclass(frozen=True)
class Finding:
    kind: str
    """A kind of the classification table (`rules.KINDS`)."""
    group: str
    """What the output lists it under: a method, a model, `client`, `errors`, `pagination`."""
    where: str
    message: str
    sides: tuple[Side, ...] = ()
    """For a type or a field: whether it is sent, read, or both; empty when it does not
    matter."""
    open: bool | None = None
    """For enum values and union members: whether the type already took any such value."""


def quoted(text: str) -> str:
    """Spec text in a message: quoted and escaped, so it reads as one value."""
    return python_string(text)
