"""Render the intermediate model into the files of the generated package.

Templates come from `templates/` (see `generator.templates_dir`) and see only the model; the one
escaping function of `pycode` is their only way to print spec text into code (filters `pystr`
and `docstring`); api.md, which is prose, prints it through `visible`. `StrictUndefined` turns a template typo into an error instead of an empty string.
"""

from __future__ import annotations

import jinja2

from generator import templates_dir
from generator.errors import StageError
from generator.model import FLAVORS, Api, Resource
from generator.pycode import python_string, visible

#: The package modules rendered once each, from the template of the same name.
_FIXED_MODULES = (
    "__init__.py",
    "_version.py",
    "_types.py",
    "_models.py",
    "_exceptions.py",
    "_response.py",
    "_streaming.py",
    "_base_client.py",
    "_client.py",
    "resources/__init__.py",
)


def _docstring(text: str) -> str:
    return python_string(text.strip(), docstring=True)


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
    return environment


def header(api: Api) -> str:
    """The header comment of a Python file, for modules written outside the templates."""
    return "\n".join(f"# {line}" for line in api.header_lines)


def resource_file(resource: Resource) -> str:
    parts = resource.module.split(".")
    return "/".join(parts) + ("/__init__.py" if resource.children else ".py")


def render_package(api: Api) -> dict[str, str]:
    """Every templated file of the package, by its path relative to the output folder."""
    environment = _environment()
    context = {"api": api, "flavors": FLAVORS}
    files: dict[str, str] = {}

    def render(template: str, target: str, **extra: object) -> None:
        try:
            files[f"{api.package}/{target}"] = environment.get_template(template).render(
                **context, **extra
            )
        except jinja2.TemplateError as exc:
            raise StageError("template", target, f"{template}: {exc}") from exc

    for module in _FIXED_MODULES:
        render(f"{module}.jinja", module)
    if api.pagination is not None:
        render("_pagination.py.jinja", "_pagination.py")
    for resource in api.all_resources:
        render("resource.py.jinja", resource_file(resource), resource=resource)
    render("py.typed.jinja", "py.typed")
    try:
        files["api.md"] = environment.get_template("api.md.jinja").render(**context)
    except jinja2.TemplateError as exc:
        raise StageError("template", "api.md", str(exc)) from exc
    return files
