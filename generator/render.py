"""Render the intermediate model into the files of the generated package.

Five kinds of file make a package:
- the runtime (`generator/runtime/`), copied as it is;
- modules the spec decides, from the Jinja2 templates in `templates/` (see
  `generator.templates_dir`), which see only the model. The one escaping function of `pycode`
  is their only way to print spec text into code (filters `pystr` and `docstring`); api.md,
  which is prose, prints it through `visible`. `StrictUndefined` turns a template typo into an
  error instead of an empty string. A template prints the async flavor of its classes, and
  `unasync` derives the sync twins;
- the data types, from datamodel-code-generator (`modelgen`; `model_modules`);
- beside the package, `api.md`, and a `pyproject.toml` and `README.md` that make the output
  folder an installable project; pyproject.toml prints through `toml_string`;
- `_surface.json`, the package's Python surface as data (`generator.diff`), which `check` and
  `generate --bump` compare a new spec's surface with.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import jinja2

from generator import templates_dir
from generator.diff import codec
from generator.diff.surface import surface_of
from generator.errors import StageError
from generator.imports import LINE_LENGTH
from generator.model import Api, Resource
from generator.modelgen import print_models
from generator.pycode import python_string, toml_string, visible
from generator.runtime import runtime_files
from generator.unasync import fill_twins
from generator.write import BESIDE_PACKAGE

#: The package modules rendered once each, from the template of the same name, and which of
#: them hold sync/async twins.
_FIXED_MODULES = (
    "__init__.py",
    "_version.py",
    "_config.py",
    "_exceptions.py",
    "_client.py",
    "resources/__init__.py",
)


@dataclass(frozen=True)
class RenderedPackage:
    """The package's files by path under the output folder."""

    printed: dict[str, str]
    """Modules printed from the templates: formatted by the next stage."""
    verbatim: dict[str, str]
    """The runtime and non-Python files, written as they are."""


def _docstring(text: str) -> str:
    return python_string(text.strip(), docstring=True)


def _assign(name: str, value: str) -> str:
    """`name = value` at the top level, as black prints it: a value too long for the line is
    put in parentheses when that makes it fit (left long otherwise, as black leaves it)."""
    line = f"{name} = {value}"
    if len(line) <= LINE_LENGTH or len(value) + 4 > LINE_LENGTH:
        return line
    return f"{name} = (\n    {value}\n)"


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    environment.filters["pystr"] = python_string
    environment.filters["docstring"] = _docstring
    environment.filters["visible"] = visible
    environment.filters["tomlstr"] = toml_string
    environment.filters["assign"] = _assign
    return environment


def header(api: Api) -> str:
    """The header comment of a Python file, for modules written outside the templates."""
    return "\n".join(f"# {line}" for line in api.header_lines)


def resource_file(resource: Resource) -> str:
    parts = resource.module.split(".")
    return "/".join(parts) + ("/__init__.py" if resource.children else ".py")


def render_package(api: Api) -> RenderedPackage:
    """Every file of the package, by its path relative to the output folder."""
    environment = _environment()
    printed: dict[str, str] = {}

    def render(
        template: str, target: str, twins: Mapping[str, str] | None = None, **extra: object
    ) -> str:
        try:
            text = environment.get_template(template).render(api=api, **extra)
        except jinja2.TemplateError as exc:
            raise StageError("template", target, f"{template}: {exc}") from exc
        return fill_twins(text, twins) if twins is not None else text

    for module in _FIXED_MODULES:
        twins = api.client_twin_names if module == "_client.py" else None
        printed[f"{api.package}/{module}"] = render(f"{module}.jinja", module, twins)
    for resource in api.all_resources:
        target = resource_file(resource)
        printed[f"{api.package}/{target}"] = render(
            "resource.py.jinja", target, resource.twin_names, resource=resource
        )
    verbatim = {f"{api.package}/{name}": text for name, text in runtime_files().items()}
    verbatim[f"{api.package}/py.typed"] = ""
    verbatim[f"{api.package}/{codec.FILE_NAME}"] = codec.dumps(surface_of(api))
    for name in BESIDE_PACKAGE:
        verbatim[name] = render(f"{name}.jinja", name)
    return RenderedPackage(printed, verbatim)


def model_modules(api: Api) -> dict[str, str]:
    """The data types' modules (`types`, `params`), printed by datamodel-code-generator: not
    in black's style, unlike the templates' modules (`formatting.black_style`)."""
    printed: dict[str, str] = {}
    for models in (api.models, api.params):
        if models is not None:
            doc = f'{header(api)}\n"""{models.doc}"""'
            printed[f"{api.package}/{models.name}.py"] = print_models(models, doc)
    return printed
