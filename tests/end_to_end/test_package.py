"""The output folder as an installable project: `pyproject.toml`, `pip install`, and the
examples of both READMEs (this repository's and the generated package's) running against a
local server, so that neither can drift from the client.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from pytest_httpserver import HTTPServer
from werkzeug import Response

from generator.runtime import DEPENDENCIES, REQUIRES_PYTHON

from ..helpers import (
    BATCH_ID,
    DELETED,
    GENERATED,
    IGNORED,
    MESSAGE,
    ROOT,
    batch,
    run_generator,
    tree,
)

PACKAGE = "anthropic_batches"
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def generated_pyproject() -> dict[str, object]:
    return tomllib.loads((GENERATED / "pyproject.toml").read_text())


def first_python_block(readme: Path) -> str:
    """The first ```python block of `readme`: its main example."""
    found = PYTHON_BLOCK.search(readme.read_text())
    assert found, f"{readme} has no python block"
    return found.group(1)


# pyproject.toml ------------------------------------------------------------------------------


def test_the_generated_pyproject_names_the_package_its_version_and_dependencies() -> None:
    pyproject = generated_pyproject()
    project = pyproject["project"]
    assert isinstance(project, dict)
    assert (project["name"], project["version"]) == (PACKAGE, "0.1.0")  # sdk.yaml's
    assert project["requires-python"] == REQUIRES_PYTHON == ">=3.11"
    assert project["readme"] == "README.md"
    assert project["description"] == "A typed Python client for the Anthropic Message Batches API."
    assert project["dependencies"] == [f"{name}{versions}" for name, versions in DEPENDENCIES]
    assert [Requirement(line).name for line in project["dependencies"]] == [
        "httpx2",
        "pydantic",
        "typing-extensions",
    ]
    assert pyproject["build-system"] == {
        "requires": ["setuptools>=68"],
        "build-backend": "setuptools.build_meta",
    }


def test_the_generator_pins_each_client_dependency_inside_its_generated_range() -> None:
    """The generator's own pins are what the client is tested with (`make test` installs
    them, and the generator imports what it writes): each dependency the package declares is
    pinned, within its range."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = {Requirement(line).name: Requirement(line) for line in project["dependencies"]}
    for name, versions in DEPENDENCIES:
        (pin,) = pins[name].specifier
        assert pin.operator == "==", pins[name]
        assert Requirement(f"{name}{versions}").specifier.contains(pin.version), (name, versions)


# pip install ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`pip install` of a copy of generated/ (a build writes beside its sources) into a
    target folder: the package as a project that depends on it gets it."""
    folder = tmp_path_factory.mktemp("install")
    source = folder / "generated"
    shutil.copytree(GENERATED, source, ignore=IGNORED)
    target = folder / "site-packages"
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    result = subprocess.run(
        [*command, "--disable-pip-version-check", "--target", str(target), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return target


def run_installed(
    installed: Path, code: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh interpreter that finds the package only where pip installed it."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=installed.parent,
        capture_output=True,
        text=True,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")},
            "PYTHONPATH": str(installed),
            **(env or {}),
        },
        timeout=60,
    )


def test_pip_installs_the_package_typed_with_its_metadata(installed: Path) -> None:
    assert (installed / PACKAGE / "py.typed").is_file()
    assert (installed / PACKAGE / "resources" / "beta" / "messages" / "batches.py").is_file()
    code = f"""
import json
from importlib import metadata
import {PACKAGE}
print(json.dumps([{PACKAGE}.__file__, metadata.version("{PACKAGE}"), metadata.requires("{PACKAGE}")]))
"""
    result = run_installed(installed, code)
    assert result.returncode == 0, result.stderr
    where, version, requires = json.loads(result.stdout)
    assert Path(where).is_relative_to(installed)
    assert version == "0.1.0"
    assert {Requirement(line) for line in requires} == {
        Requirement(f"{name}{versions}") for name, versions in DEPENDENCIES
    }


# The READMEs' examples -----------------------------------------------------------------------


@pytest.fixture
def api(server: HTTPServer) -> Iterator[HTTPServer]:
    """A server answering each call of this repository's README example as the API would."""
    results_path = f"/v1/messages/batches/{BATCH_ID}/results"
    line = {"custom_id": "greeting", "result": {"type": "succeeded", "message": MESSAGE}}
    server.expect_request("/v1/messages/batches", method="POST").respond_with_json(batch())
    server.expect_request("/v1/messages/batches", method="GET").respond_with_json(
        {"data": [batch()], "has_more": False, "first_id": BATCH_ID, "last_id": BATCH_ID}
    )
    server.expect_request(results_path, method="GET").respond_with_response(
        Response(json.dumps(line) + "\n", content_type="application/x-jsonl")
    )
    # An ended batch that names its results, for a client that follows `results_url`.
    ended = batch(processing_status="ended", results_url=server.url_for(results_path))
    server.expect_request(f"/v1/messages/batches/{BATCH_ID}", method="GET").respond_with_json(ended)
    server.expect_request(f"/v1/messages/batches/{BATCH_ID}", method="DELETE").respond_with_json(
        DELETED, headers={"request-id": "req_deleted"}
    )
    server.expect_request("/v1/messages/batches/msgbatch_gone", method="GET").respond_with_json(
        {"type": "error", "error": {"type": "not_found_error", "message": "no such batch"}},
        status=404,
        headers={"request-id": "req_gone"},
    )
    yield server


def example_env(server: HTTPServer) -> dict[str, str]:
    return {"ANTHROPIC_API_KEY": "sk-test", "ANTHROPIC_BASE_URL": server.url_for("").rstrip("/")}


def test_the_repository_readme_example_runs_against_the_installed_package(
    installed: Path, api: HTTPServer
) -> None:
    result = run_installed(installed, first_python_block(ROOT / "README.md"), example_env(api))
    assert result.returncode == 0, result.stderr
    printed = result.stdout.splitlines()
    assert printed[0] == BATCH_ID  # each batch of the list
    assert printed[1] == "greeting succeeded"  # each results line
    assert printed[2].startswith("404 req_gone {")  # the error caught
    called = {(request.method, request.path) for request, _ in api.log}
    assert called == {
        ("POST", "/v1/messages/batches"),
        ("GET", "/v1/messages/batches"),
        ("GET", f"/v1/messages/batches/{BATCH_ID}/results"),
        ("GET", f"/v1/messages/batches/{BATCH_ID}"),
        ("DELETE", f"/v1/messages/batches/{BATCH_ID}"),
        ("GET", "/v1/messages/batches/msgbatch_gone"),
    }
    assert all(request.headers["x-api-key"] == "sk-test" for request, _ in api.log)


def test_the_package_readme_example_runs_against_the_installed_package(
    installed: Path, api: HTTPServer
) -> None:
    example = first_python_block(GENERATED / "README.md")
    assert f"from {PACKAGE} import Anthropic" in example
    result = run_installed(installed, example, example_env(api))
    assert result.returncode == 0, result.stderr
    assert [(request.method, request.path) for request, _ in api.log] == [
        ("GET", "/v1/messages/batches")
    ]


def test_what_an_install_leaves_in_the_output_is_neither_output_nor_stale(tmp_path: Path) -> None:
    """`pip install ./generated` builds in place (`build/`, `*.egg-info/`, as the README's
    `pip install -e` leaves the latter): neither is generated output, for `check` or the tests
    that compare generated/ file by file."""
    out = tmp_path / "generated"
    shutil.copytree(GENERATED, out, ignore=IGNORED)
    (out / f"{PACKAGE}.egg-info").mkdir()
    (out / f"{PACKAGE}.egg-info" / "PKG-INFO").write_text("Name: anthropic_batches\n")
    (out / "build" / "lib" / PACKAGE).mkdir(parents=True)
    (out / "build" / "lib" / PACKAGE / "_version.py").write_text("__version__ = 'old'\n")
    assert tree(out) == tree(GENERATED)
    copy = tmp_path / "copy"
    shutil.copytree(out, copy, ignore=IGNORED)
    assert sorted(p.name for p in copy.iterdir()) == [
        "README.md",
        PACKAGE,
        "api.md",
        "pyproject.toml",
    ]
    checked = run_generator("check", "--out", str(out))
    assert checked.returncode == 0, checked.stderr
