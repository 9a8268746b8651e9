"""Random valid specs: generation either gives a package that imports, or a located error.

Hypothesis builds specs with path, query and header parameters, objects, arrays, enums,
nullable and optional fields, request bodies and `$ref`s between schemas. Any other outcome,
a traceback or a "stage failed" from a later stage, is a bug. `make test` runs a few dozen
examples (profile `ci`); `make fuzz` runs many more (profile `fuzz`).
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from itertools import count
from typing import Any

import black
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.errors import SpecError
from generator.formatting import black_mode
from generator.pipeline import generate_files
from generator.runtime import runtime_files

# make test draws the same examples every run (a CI run must not fail on a new draw);
# make fuzz explores.
settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

LOCATED = re.compile(r"^.+:\d+:\d+: error: .+$")


class _Dumper(yaml.SafeDumper):
    """PyYAML's dumper, which quotes strings YAML 1.1 would read as other types, quoting also
    those the YAML 1.2 core schema the generator reads by would (`1e5`, `0o17`), so that a
    drawn spec reads back as drawn."""


_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z"),
    list("-+.0123456789"),
)
_Dumper.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"0o[0-7]+\Z"), ["0"])
_packages = count()

words = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
schema_names = st.from_regex(r"[A-Z][A-Za-z0-9]{0,8}", fullmatch=True)
prose = st.text(max_size=40)
scalars = st.sampled_from(
    [{"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "boolean"}]
)


def enums() -> st.SearchStrategy[dict[str, Any]]:
    return st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=4, unique=True).map(
        lambda values: {"type": "string", "enum": values}
    )


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if isinstance(schema.get("type"), str):
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def schemas(names: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    leaves = st.one_of(
        scalars,
        enums(),
        *(
            [st.sampled_from([{"$ref": f"#/components/schemas/{n}"} for n in names])]
            if names
            else []
        ),
    )

    def extend(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
        return st.one_of(
            children.map(lambda item: {"type": "array", "items": item}),
            children.map(nullable),
            st.dictionaries(words, children, min_size=1, max_size=4).flatmap(
                lambda properties: st.lists(st.sampled_from(sorted(properties)), unique=True).map(
                    lambda required: {
                        "type": "object",
                        "properties": properties,
                        **({"required": required} if required else {}),
                    }
                )
            ),
        )

    return st.recursive(leaves, extend, max_leaves=6).map(
        lambda schema: schema if "$ref" in schema else {**schema, "description": "generated"}
    )


@st.composite
def specs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    names = draw(st.lists(schema_names, min_size=1, max_size=4, unique=True))
    components: dict[str, Any] = {}
    for index, name in enumerate(names):
        # An object per name, whose properties may refer to any earlier schema.
        properties = draw(st.dictionaries(words, schemas(names[:index]), min_size=1, max_size=4))
        components[name] = {"type": "object", "description": draw(prose), "properties": properties}
    paths: dict[str, Any] = {}
    methods: dict[str, str] = {}
    for index in range(draw(st.integers(1, 3))):
        segment, parameter = draw(words), draw(words)
        path_key = f"/r{index}/{segment}/{{{parameter}}}"
        verb = draw(st.sampled_from(["get", "post", "put", "delete"]))
        segment_schema = draw(st.sampled_from([{"type": "string"}, {"type": "integer"}]))
        parameters = [{"name": parameter, "in": "path", "required": True, "schema": segment_schema}]
        for location in ("query", "header"):
            for name in draw(st.lists(words, max_size=2, unique=True)):
                schema = draw(
                    st.one_of(
                        scalars, enums(), scalars.map(lambda s: {"type": "array", "items": s})
                    )
                )
                parameters.append(
                    {
                        "name": f"{location[0]}_{name}",
                        "in": location,
                        "schema": schema,
                        "description": draw(prose),
                    }
                )
        operation: dict[str, Any] = {
            "operationId": f"op{index}",
            "summary": draw(prose),
            "parameters": parameters,
            "responses": {"204": {"description": "No body."}},
        }
        if draw(st.booleans()):
            target = draw(st.sampled_from(names))
            operation["responses"] = {
                "200": {
                    "description": "ok",
                    "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{target}"}}
                    },
                }
            }
        if verb in ("post", "put") and draw(st.booleans()):
            body = draw(st.sampled_from(names))
            operation["requestBody"] = {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": f"#/components/schemas/{body}"}}
                },
            }
        paths[path_key] = {verb: operation}
        methods[f"res{index}.call"] = f"op{index}"
    spec = {
        "openapi": "3.1.0",
        "info": {"title": draw(prose), "version": "1"},
        "security": [{"key": []}],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "x-key"}},
        },
    }
    sdk = {
        "package": {"name": "fuzzed", "version": "0.0.1"},
        "client": {
            "sync_class": "Client",
            "async_class": "AsyncClient",
            "base_url": "https://example.invalid",
            "env": {"api_key": "K", "base_url": "U"},
        },
        "errors": {"base": "FuzzError", "statuses": [{"class": "NotFound", "status": 404}]},
        "methods": methods,
    }
    return spec, sdk


@given(spec_and_sdk=specs())
def test_generation_succeeds_or_fails_with_a_location(
    spec_and_sdk: tuple[dict[str, Any], dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    spec, sdk = spec_and_sdk
    folder = tmp_path_factory.mktemp("spec")
    # PyYAML's emitter escapes what YAML does not allow raw (C1 controls, for one).
    (folder / "openapi.yaml").write_text(
        yaml.dump(spec, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    )
    (folder / "sdk.yaml").write_text(yaml.dump(sdk, Dumper=_Dumper, sort_keys=False))
    package = f"fuzzed_{next(_packages)}"
    try:
        api, files = generate_files(folder, package)
    except SpecError as error:
        lines = str(error).splitlines()
        assert lines and all(LOCATED.match(line) for line in lines), lines
        event("spec error: " + lines[0].split(": error: ")[1][:40])
        return
    event("generated")
    # What the generator skipped black for (`formatting.black_style`) is black's output too.
    runtime = {f"{package}/{name}" for name in runtime_files()}
    printed = {n: t for n, t in files.items() if n.endswith(".py") and n not in runtime}
    assert {n: black.format_str(t, mode=black_mode()) for n, t in printed.items()} == printed
    out = tmp_path_factory.mktemp("out")
    for name, text in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text)
    sys.path.insert(0, str(out))
    try:
        module = importlib.import_module(package)
        for submodule in ("types", "_client", *(r.module for r in api.all_resources)):
            importlib.import_module(f"{package}.{submodule}")
        assert module.Client is not None
    finally:
        sys.path.remove(str(out))
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]
