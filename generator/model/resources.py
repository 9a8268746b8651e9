"""A resource of the client (`client.beta.messages`): its module, methods and sub-resources."""

from __future__ import annotations

from dataclasses import dataclass

from generator.imports import Import, import_lines
from generator.model.operations import Method


@dataclass(frozen=True)
class Resource:
    name: str
    class_name: str
    """The sync class; the async one is `Async` + this."""
    module: str
    """Dotted module path inside the package, e.g. `resources.beta.messages.batches`."""
    root_import: str
    """The relative-import prefix from this module to the package root, e.g. `...`."""
    methods: tuple[Method, ...]
    children: tuple[Resource, ...]
    dotted: str
    """The attribute path from the client, e.g. `beta.messages.batches`."""
    imports: frozenset[Import]
    """Everything this module imports, both flavors' names."""

    @property
    def async_class_name(self) -> str:
        return f"Async{self.class_name}"

    @property
    def doc(self) -> str:
        where = f"`client.{self.dotted}`"
        if self.methods:
            return f"Methods under {where}."
        names = ", ".join(f"`{child.name}`" for child in self.children)
        return f"Resources under {where}: {names}."

    @property
    def import_lines(self) -> list[str]:
        """The module's imports: the runtime's and the types', then its children's modules."""
        children = {
            Import(f".{child.name}", name)
            for child in self.children
            for name in (child.class_name, child.async_class_name)
        }
        return import_lines(self.imports, self.root_import) + import_lines(children)

    def _names_from(self, module: str) -> tuple[str, ...]:
        return tuple(sorted(i.name for i in self.imports if i.module == module))

    @property
    def model_imports(self) -> tuple[str, ...]:
        """Names this module imports from the package's `types` module."""
        return self._names_from(".types")

    @property
    def param_imports(self) -> tuple[str, ...]:
        """Names this module imports from the package's `params` module (request TypedDicts)."""
        return self._names_from(".params")

    @property
    def imports_params_module(self) -> bool:
        """Whether this module writes its TypedDicts `params.Name` (see `Named.qualified`)."""
        return Import(".", "params") in self.imports

    @property
    def twin_names(self) -> dict[str, str]:
        """The async classes this module defines and their sync twins' names."""
        names = {self.async_class_name: self.class_name}
        for wrapper in ("WithRawResponse", "WithStreamingResponse") if self.methods else ():
            names[f"{self.async_class_name}{wrapper}"] = f"{self.class_name}{wrapper}"
        for child in self.children:
            names[child.async_class_name] = child.class_name
        return names
