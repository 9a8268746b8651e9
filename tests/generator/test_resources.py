"""`generator.build.resources`: the names a resource module's annotations print are the ones
it imports, and each means one thing.

Pins the two rewrites, on the `shapes` golden spec: a module that sends a `params.Cat` and
returns a `types.Cat` writes its TypedDicts `params.Cat` (importing the module, never one name
from both); a class with a method named `list` writes the builtin `builtins.list`. A module
without either keeps bare names (the `bearer_auth` spec's `Color`).
"""

from __future__ import annotations

import pytest

from generator.imports import Import
from generator.model import Api, Method, Resource
from generator.pipeline import build, load_spec

from ..helpers import ROOT

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def shapes() -> Api:
    return build(load_spec(GOLDEN / "shapes" / "spec"))


def resource(api: Api, dotted: str) -> Resource:
    return next(r for r in api.all_resources if r.dotted == dotted)


def method(api: Api, dotted: str) -> Method:
    *path, name = dotted.split(".")
    return next(m for m in resource(api, ".".join(path)).methods if m.name == name)


def argument_types(api: Api, dotted: str) -> dict[str, str]:
    return {p.python_name: p.annotation for p in method(api, dotted).operation.parameters}


def test_a_typeddict_named_like_a_model_the_module_returns_is_written_with_its_module(
    shapes: Api,
) -> None:
    assert argument_types(shapes, "cats.update")["friend"] == "params.Cat"
    assert method(shapes, "cats.update").operation.returns.annotation == "Cat"
    cats = resource(shapes, "cats")
    assert Import(".", "params") in cats.imports and Import(".types", "Cat") in cats.imports
    assert Import(".params", "Cat") not in cats.imports
    assert cats.imports_params_module and cats.param_imports == ()


def test_a_union_body_is_one_alias_of_params(shapes: Api) -> None:
    """`prepare` names the inline union `<Operation>Body`, so `params` defines it with its
    members (`Cat`, and `Dog`, which is a model the pets module also returns)."""
    assert argument_types(shapes, "pets.adopt")["body"] == "PetsAdoptBody"
    assert Import(".params", "PetsAdoptBody") in resource(shapes, "pets").imports


def test_a_method_named_list_makes_the_class_write_builtins_list(shapes: Api) -> None:
    pets = resource(shapes, "pets")
    assert method(shapes, "pets.list").operation.returns.annotation == "builtins.list[Pet]"
    assert method(shapes, "pets.names").operation.returns.annotation == "builtins.list[str]"
    assert Import("builtins", "") in pets.imports
    # In the method's body, where the class does not reach, the builtin is itself.
    assert method(shapes, "pets.list").operation.request_annotation == "APIRequest[list[Pet]]"


def test_a_module_without_a_clash_keeps_bare_names() -> None:
    widgets = build(load_spec(GOLDEN / "bearer_auth" / "spec"))
    assert argument_types(widgets, "widgets.create")["color"] == "Color"
    assert resource(widgets, "widgets").param_imports == ("Color",)
    settings = resource(build(load_spec(GOLDEN / "shapes" / "spec")), "settings")
    assert not settings.imports_params_module
    assert Import("builtins", "") not in settings.imports
