"""The whole API as the templates see it, and what is printed once per package: the streams'
rules, the model modules, the fixed modules' imports and the distribution.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import GENERATED_MARKER
from generator.errors import Diagnostic
from generator.imports import Import
from generator.model.client import ClientConfig, ErrorClass
from generator.model.operations import Method
from generator.model.pagination import PageScheme
from generator.model.resources import Resource
from generator.pycode import python_string


@dataclass(frozen=True)
class Streaming:
    """How streams of server-sent events are asked for and read."""

    flag: str = "stream"
    """The request body's boolean property that asks for a stream instead of a model."""
    skip: tuple[str, ...] = ()
    """Event names passed over (keep-alives)."""
    skip_unnamed: bool = False
    """Whether an event without a name is passed over."""
    error: str | None = None
    """The event name that carries an error."""


@dataclass(frozen=True)
class ModelModule:
    """A module of data types written by datamodel-code-generator: `types` or `params`."""

    name: str
    doc: str
    schemas: dict[str, object]
    """The schemas to print, by name, as datamodel-code-generator reads them."""
    openapi: str
    """The document's OpenAPI version, which decides how the schemas are read."""
    unknown_variants: dict[str, str]
    """Each union's `Unknown<Name>` class, and the placeholder tag type checkers see for it
    (so that comparing the tag with a known one narrows the union)."""


@dataclass(frozen=True)
class FixedModules:
    """The imports and exports of `__init__.py`, `_client.py` and `resources/__init__.py`."""

    exports: tuple[Import, ...]
    """What the package's `__init__` exports, from where."""
    init_imports: tuple[str, ...]
    client_imports: tuple[str, ...]
    resources_imports: tuple[str, ...]


@dataclass(frozen=True)
class Distribution:
    """The package as pip sees it: what the `pyproject.toml` and `README.md` beside it say."""

    name: str
    """The project name: the import name, which pip normalises as it does any name."""
    version: str
    summary: str
    """One line of plain text, deceptive characters spelled out."""
    requires_python: str
    dependencies: tuple[str, ...]
    """Requirement lines, e.g. `httpx2>=2.16.2,<3`."""
    dependency_names: str
    """The dependencies' names for prose, e.g. `httpx2, pydantic and typing-extensions`."""
    packages: tuple[str, ...]
    """The import packages setuptools looks for: the package and everything under it."""
    build_requires: tuple[str, ...]
    build_backend: str


@dataclass(frozen=True)
class Api:
    package: str
    version: str
    title: str
    description: str
    generator: str
    """The generator's name and version, e.g. `openapi-sdk-generator 0.1.0`."""
    spec_sha256: str
    client: ClientConfig
    error_base: str
    errors: tuple[ErrorClass, ...]
    resources: tuple[Resource, ...]
    pagination: tuple[PageScheme, ...]
    models: ModelModule
    params: ModelModule | None
    """The request TypedDicts; None when no operation has a body."""
    modules: FixedModules
    """What the modules printed once per package import and export."""
    distribution: Distribution
    warnings: tuple[Diagnostic, ...] = ()
    """What the spec made the build work around; printed, never fatal."""
    event_rules: Streaming | None = None
    """How streams of events are read, when a method streams any."""

    @property
    def events_skipped(self) -> str:
        """The `frozenset` of event names streams pass over, as Python source."""
        names = self.event_rules.skip if self.event_rules else ()
        return (
            "frozenset({" + ", ".join(python_string(n) for n in names) + "})"
            if names
            else "frozenset()"
        )

    @property
    def config_types(self) -> tuple[str, ...]:
        """What `_config` imports from `_types`: the classes its constants are made of."""
        names = {scheme.fields_class for scheme in self.pagination}
        return tuple(sorted(names | ({"EventRules"} if self.event_rules else set())))

    @property
    def header_lines(self) -> tuple[str, str]:
        """What every generated file says first, as a comment in its own syntax.

        Neither the spec's digest nor the generator's version: they are in `_version.py`
        alone, so a spec edit changes only the files it affects, and two branches that each
        edit the spec conflict in that one file, not in every file."""
        return (
            f"{GENERATED_MARKER} from an OpenAPI spec: do not edit.",
            "Change the spec, then run `python -m generator generate`.",
        )

    @property
    def methods(self) -> tuple[tuple[Resource, Method], ...]:
        """Every method with its resource, in tree order."""
        return tuple((r, m) for r in self.all_resources for m in r.methods)

    @property
    def example_call(self) -> str | None:
        """A call the package README shows: the first method that needs no argument, since
        any value it made up for one could mislead; None when every method needs one."""
        for resource, method in self.methods:
            if not any(parameter.required for parameter in method.operation.parameters):
                return f"client.{resource.dotted}.{method.name}()"
        return None

    @property
    def server_error_class(self) -> str:
        """The class for a status >= 500 without a class of its own."""
        return next((e.class_name for e in self.errors if e.status is None), "APIStatusError")

    @property
    def status_errors(self) -> tuple[ErrorClass, ...]:
        return tuple(e for e in self.errors if e.status is not None)

    @property
    def client_twin_names(self) -> dict[str, str]:
        """The async client class and its sync twin's name, with the top resources'."""
        names = {self.client.async_class: self.client.sync_class}
        for resource in self.resources:
            names[resource.async_class_name] = resource.class_name
        return names

    @property
    def all_resources(self) -> tuple[Resource, ...]:
        """Every resource of the tree, parents before their children."""
        found: list[Resource] = []
        pending = list(reversed(self.resources))
        while pending:
            resource = pending.pop()
            found.append(resource)
            pending.extend(reversed(resource.children))
        return tuple(found)
