"""Errors that point at a place in the user's spec.

A generator is a compiler: every problem with its input is reported as
`FILE:LINE:COL: error: MESSAGE`, with the line and column taken from the YAML the user wrote,
so that an editor can jump to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based line and column in a spec file."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at a place in the spec: an error stops generation, a warning does not."""

    location: Location
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        # One line per problem, whatever a library's message holds: editors parse these.
        return f"{self.location}: {self.severity}: {' '.join(self.message.split())}"


class SpecError(Exception):
    """The spec cannot be turned into a client; carries every problem found, in file order."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(set(diagnostics))
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @classmethod
    def at(cls, location: Location, message: str) -> SpecError:
        return cls([Diagnostic(location, message)])


class StageError(Exception):
    """A later stage (a model generator, a template, black, compile) failed on a valid spec.

    That is a bug in the generator or its templates rather than in the spec, so the message
    names the stage and the file being produced, and nothing is written.
    """

    def __init__(self, stage: str, target: str, detail: str) -> None:
        self.stage = stage
        self.target = target
        super().__init__(f"{stage} failed for {target}: {detail}")
