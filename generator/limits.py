"""The limits that keep loading a spec bounded, in time and memory, whatever the spec: its
bytes, how deep its values nest and how many there are, for each file and for all of a spec's
files together.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import Location, SpecError

#: Larger specs than this are refused before parsing, to keep time and memory bounded.
MAX_SPEC_BYTES = 32 * 1024 * 1024
#: Deeper nesting than this is refused before composing (PyYAML composes recursively).
MAX_DEPTH = 200
#: Values the document may expand to once aliases are followed ("billion laughs" guard);
#: a 3 MB real-world spec has about 300,000.
MAX_VALUES = 5_000_000


class LimitError(SpecError):
    """A spec over one of the limits that keep loading bounded: stops loading at once, where
    other problems in a file that a `$ref` names are collected first."""


@dataclass
class Budget:
    """What the files of one spec have used so far of the limits, which hold for the spec as
    a whole as well as for each file: a spec of many files must not get round them.

    `bytes` counts what was read from every file; `values` what was built from every file
    (YAML aliases expanded) plus what bundling places in the document, which later stages walk
    (`generator.bundle`)."""

    bytes: int = 0
    values: int = 0

    def spend_values(self, count: int, where: Location) -> None:
        """Count `count` more values; past `MAX_VALUES` in all, refused at `where`."""
        self.values += count
        if self.values > MAX_VALUES:
            raise LimitError.at(
                where, f"the spec's files hold more than {MAX_VALUES:,} values in all; refused"
            )
