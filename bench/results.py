"""What each measurement hands the report: a table, and the targets it was held to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    """One section of the report; `notes` say how to read it and what could not be measured."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Target:
    """A goal stated in the brief, with what was measured against it."""

    goal: str
    measured: str
    holds: bool


@dataclass(frozen=True)
class Section:
    table: Table
    targets: tuple[Target, ...] = ()


def ratio(value: float, reference: float) -> str:
    """`value` as a multiple of `reference`, the form every comparison column uses."""
    return f"{value / reference:.2f}x"
