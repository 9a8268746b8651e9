"""Errors that point at a place in the user's spec.

A generator is a compiler: every problem with its input is reported as
`FILE:LINE:COL: error: MESSAGE`, with the line and column taken from the YAML the user wrote,
so that an editor can jump to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator import NAME


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
        self.detail = detail
        super().__init__(f"{stage} failed for {target}: {detail}")

    def __reduce__(self) -> tuple[type[StageError], tuple[str, str, str]]:
        """Pickled whole, so that one raised in a child process arrives as it was raised."""
        return StageError, (self.stage, self.target, self.detail)


class ForeignFileError(Exception):
    """Files where generation would write beside the package that it did not write itself.

    They are the user's (a README.md of their own in the output folder): never replaced, and
    nothing at all is written, so that a run either completes or leaves the output as it was.
    """

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        lines = [
            f"error: {path} was not written by {NAME} (its first line does not say so):"
            " refusing to replace it"
            for path in paths
        ]
        lines.append("nothing was written: move these files away, or generate into another --out")
        super().__init__("\n".join(lines))
