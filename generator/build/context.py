"""What every build step reads, and where it reports problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from generator.errors import Diagnostic, SpecError
from generator.load import Document, JSONPath, section
from generator.refs import SCHEMAS
from generator.sdk_config import SdkConfig


@dataclass
class Context:
    """The validated spec, the SDK config, and the problems found so far.

    A step reports a problem it can carry on past with `fail` (so one run lists them all),
    raises `error(...)` for one that stops the thing it was building, and notes with `warn`
    what does not stop generation but a user should hear of.
    """

    spec: Document
    sdk: Document
    config: SdkConfig
    problems: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    client_parameters: frozenset[tuple[str, str]] = frozenset()
    """(location, name) of each credential the client sends itself (`build.auth`); a header's
    name in lower case."""

    @cached_property
    def schema_names(self) -> frozenset[str]:
        """The names under `components/schemas`: classes of the generated package."""
        return frozenset(section(self.spec.data, *SCHEMAS))

    def sent_by_client(self, location: str, name: str) -> bool:
        """Whether a parameter is where the client sends a credential itself, with every
        request: then no method takes it."""
        key = name.lower() if location == "header" else name
        return (location, key) in self.client_parameters

    def error(self, where: JSONPath, message: str) -> SpecError:
        """A problem at `where` in openapi.yaml, to raise."""
        return SpecError.at(self.spec.locate(where), message)

    def fail(self, where: JSONPath, message: str) -> None:
        """Record a problem at `where` in openapi.yaml and carry on."""
        self.problems.append(Diagnostic(self.spec.locate(where), message))

    def warn(self, where: JSONPath, message: str) -> None:
        """Note something at `where` in openapi.yaml that the output works around."""
        self.warnings.append(Diagnostic(self.spec.locate(where), message, "warning"))

    def fail_sdk(self, where: JSONPath, message: str) -> None:
        """Record a problem at `where` in sdk.yaml and carry on."""
        self.problems.append(Diagnostic(self.sdk.locate(where), message))

    def check(self) -> None:
        """Raise every problem recorded, if there are any."""
        if self.problems:
            raise SpecError(self.problems)
