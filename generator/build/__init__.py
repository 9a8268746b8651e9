"""Build the intermediate model (`generator.model`) from a validated spec and SDK config.

Every naming and typing decision is made here, with located errors for what cannot be
expressed; the templates only print what was decided. The steps are plain functions over one
`Context`, one module per concern:

- `naming`: cases, argument names, and the names nobody may take;
- `schema_types`: the Python type of a schema;
- `operations`: each operation's arguments, body and response;
- `follow`: methods that call another operation first and request the URL it gives back;
- `resources`: the resource tree from sdk.yaml's dotted methods, and each module's imports;
- `client`: the client's settings and the error classes;
- `auth`: the credentials the client takes, from the security schemes (or parameters that are
  credentials) and sdk.yaml; first, as no method takes a parameter where one is sent;
- `models`: which schemas become response models and which request TypedDicts;
- `modules`: what the package's fixed modules import and export;
- `distribution`: the package as pip sees it (its pyproject.toml and README).
"""

from __future__ import annotations

from generator import NAME, __version__
from generator.build.auth import auth_wires
from generator.build.auth_parameters import client_parameters
from generator.build.client import client_config, error_classes
from generator.build.context import Context
from generator.build.distribution import distribution
from generator.build.follow import with_follows
from generator.build.models import model_modules, union_fallback_names
from generator.build.modules import fixed_modules
from generator.build.naming import check_schema_names
from generator.build.operations import build_operations
from generator.build.resources import build_resources, resource_class_names
from generator.errors import Diagnostic
from generator.load import Document, section
from generator.model import Api, Resource
from generator.sdk_config import SdkConfig


def build_api(
    spec: Document,
    sdk: Document,
    config: SdkConfig,
    spec_sha256: str,
    warnings: tuple[Diagnostic, ...] = (),
) -> Api:
    """The model of the package, or a `SpecError` listing every problem found; `warnings` are
    earlier stages' to hand on with the build's own."""
    context = Context(spec, sdk, config, warnings=list(warnings))
    # Credentials first: a parameter where the client sends one is no method's argument.
    wires = auth_wires(context)
    context.client_parameters = client_parameters(context, wires)
    resources = build_resources(context, with_follows(context, build_operations(context)))
    taken = dict.fromkeys(resource_class_names(resources), "a resource class")
    taken |= dict.fromkeys(union_fallback_names(context), "the fallback variant of a union")
    check_schema_names(context, taken)
    client = client_config(context, resources, wires)
    context.check()
    info = section(spec.data, "info")
    title = str(info.get("title", ""))
    models, params = model_modules(context)
    errors = error_classes(context)
    return Api(
        package=config.package,
        version=config.version,
        title=title,
        description=str(info.get("description", "")),
        generator=f"{NAME} {__version__}",
        distribution=distribution(config, title),
        spec_sha256=spec_sha256,
        client=client,
        error_base=config.error_base,
        errors=errors,
        resources=resources,
        pagination=config.pagination,
        models=models,
        params=params,
        modules=fixed_modules(config, errors, resources, config.pagination, client),
        warnings=tuple(sorted(context.warnings)),
        event_rules=config.streaming if _streams_events(resources) else None,
    )


def _streams_events(resources: tuple[Resource, ...]) -> bool:
    pending = list(resources)
    while pending:
        resource = pending.pop()
        pending.extend(resource.children)
        for method in resource.methods:
            if method.operation.response.kind == "events" or method.operation.events:
                return True
    return False
