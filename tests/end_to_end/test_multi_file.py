"""A spec written as several files, as the generator's users drive it.

`generate` follows `$ref`s to files beside the spec (path items, parameters, responses and
schemas, relative to the file that holds them, in a cycle across two files); `check` and the
cache notice an edit to any of those files, not only to `openapi.yaml` and `sdk.yaml`; a file
outside the spec's folder is read only with `--allow-external-refs`, which `check`'s hint then
repeats; `normalise` bundles too. `tests/generator/test_bundle.py` pins the bundling itself and
`tests/bad_specs/` the refusals, each located in the file that holds it. And the real spec,
split into a file per schema and one for the rest of `components`, generates exactly the
package the single file does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.load import load_document

from ..helpers import GENERATED, SPEC, run_generator, tree

SDK = """\
package: {name: pets_client, version: 0.0.1}
client:
  sync_class: PetStore
  async_class: AsyncPetStore
  base_url: https://pets.example.com
  env: {api_key: PETS_API_KEY, base_url: PETS_BASE_URL}
errors: {base: PetsError}
methods:
  pets.list: pets_list
  pets.retrieve: pets_retrieve
"""
FILES = {
    "openapi.yaml": """\
openapi: 3.1.0
info: {title: Pets, version: "1"}
paths:
  /pets:
    $ref: paths/pets.yaml
  /pets/{id}:
    get:
      operationId: pets_retrieve
      parameters:
        - $ref: "common.yaml#/components/parameters/PetId"
      responses:
        "200":
          description: A pet.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
        "404": {$ref: "common.yaml#/components/responses/NotFound"}
components:
  securitySchemes:
    api_key: {type: apiKey, in: header, name: x-api-key}
  schemas:
    Pet: {$ref: ./schemas/pet.yaml}
""",
    "paths/pets.yaml": """\
get:
  operationId: pets_list
  responses:
    "200":
      description: Pets.
      content:
        application/json:
          schema: {$ref: "../common.yaml#/components/schemas/PetList"}
""",
    "schemas/pet.yaml": """\
type: object
required: [id]
properties:
  id: {type: string}
  owner: {$ref: owner.yaml}
""",
    "schemas/owner.yaml": """\
type: object
properties:
  name: {type: string}
  pets: {type: array, items: {$ref: pet.yaml}}
""",
    "common.yaml": """\
components:
  parameters:
    PetId: {name: id, in: path, required: true, schema: {type: string}}
  responses:
    NotFound:
      description: Not found.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
  schemas:
    Error:
      type: object
      properties:
        message: {type: string}
    PetList:
      type: object
      properties:
        data: {type: array, items: {$ref: "schemas/pet.yaml"}}
""",
    "sdk.yaml": SDK,
}


def _spec(folder: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text)
    return folder


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A cache of this test's own: what `check` answers from it is what is under test."""
    return {"XDG_CACHE_HOME": str(tmp_path / "cache")}


def test_a_spec_of_several_files_generates_a_package_that_imports(
    tmp_path: Path, env: dict[str, str]
) -> None:
    spec, out = _spec(tmp_path / "spec", FILES), tmp_path / "out"
    result = run_generator("generate", "--spec", str(spec), "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    # The list warning is located in the file the operation is written in.
    assert f"{spec / 'paths' / 'pets.yaml'}:3:3: warning: pets.list looks like a list" in (
        result.stderr
    )
    api = (out / "api.md").read_text()
    assert "`GET /pets`: `client.pets.list() -> PetList`" in api
    assert "`GET /pets/{id}`: `client.pets.retrieve(id: str) -> Pet`" in api
    script = (
        "from pets_client.types import Error, Owner, Pet, PetList\n"
        "pet = Pet.model_validate({'id': 'p', 'owner': {'name': 'o', 'pets': [{'id': 'q'}]}})\n"
        "assert isinstance(pet.owner, Owner) and pet.owner.pets[0].id == 'q'\n"
    )
    imported = subprocess.run(
        [sys.executable, "-c", script], cwd=out, capture_output=True, text=True, timeout=60
    )
    assert imported.returncode == 0, imported.stderr


def test_check_notices_an_edit_to_a_file_the_spec_refers_to(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """The cache is keyed by openapi.yaml and sdk.yaml; the other files it read are recorded
    with their digests, and an edit to one makes the entry stale."""
    spec, out = _spec(tmp_path / "spec", FILES), tmp_path / "out"
    assert (
        run_generator("generate", "--spec", str(spec), "--out", str(out), env=env).returncode == 0
    )
    version = (out / "pets_client" / "_version.py").read_text()
    assert run_generator("check", "--spec", str(spec), "--out", str(out), env=env).returncode == 0
    owner = spec / "schemas" / "owner.yaml"
    owner.write_text(owner.read_text().replace("name: {type: string}", "name: {type: integer}"))
    checked = run_generator("check", "--spec", str(spec), "--out", str(out), env=env)
    assert checked.returncode == 1, checked.stderr
    assert "types.py" in checked.stderr
    generated = run_generator("generate", "--spec", str(spec), "--out", str(out), env=env)
    assert generated.returncode == 0, generated.stderr
    assert "name: int | None = None" in (out / "pets_client" / "types.py").read_text()
    assert (out / "pets_client" / "_version.py").read_text() != version  # the spec's digest


def test_a_file_outside_the_spec_folder_needs_the_flag(tmp_path: Path, env: dict[str, str]) -> None:
    files = {**FILES, "schemas/owner.yaml": "$ref: ../../shared/owner.yaml\n"}
    spec, out = _spec(tmp_path / "spec", files), tmp_path / "out"
    _spec(
        tmp_path / "shared",
        {"owner.yaml": FILES["schemas/owner.yaml"].replace("pet.yaml", "../spec/schemas/pet.yaml")},
    )
    refused = run_generator("generate", "--spec", str(spec), "--out", str(out), env=env)
    assert refused.returncode == 2
    assert refused.stderr.startswith(
        f"{spec / 'schemas' / 'owner.yaml'}:1:1: error: `$ref` to a file outside the spec's "
        "folder (../../shared/owner.yaml) is not followed; --allow-external-refs allows it"
    )
    assert not out.exists()
    given = ["--spec", str(spec), "--out", str(out), "--allow-external-refs"]
    allowed = run_generator("generate", *given, env=env)
    assert allowed.returncode == 0, allowed.stderr
    assert "class Owner(BaseModel)" in (out / "pets_client" / "types.py").read_text()
    (out / "pets_client" / "types.py").write_text("")
    stale = run_generator("check", *given, env=env)
    assert stale.returncode == 1
    assert f"--out {out} --allow-external-refs`" in stale.stderr


def test_normalise_writes_the_bundled_document(tmp_path: Path) -> None:
    spec, output = _spec(tmp_path / "spec", FILES), tmp_path / "prism.json"
    result = run_generator("normalise", "--spec", str(spec), "--output", str(output))
    assert result.returncode == 0, result.stderr
    document = json.loads(output.read_text())
    assert sorted(document["components"]["schemas"]) == ["Error", "Owner", "Pet", "PetList"]
    assert document["paths"]["/pets"]["get"]["operationId"] == "pets_list"


def _pointing(node: Any, schema_ref: str, local: str) -> Any:
    """`node` with `#/components/schemas/X` refs made `schema_ref` + `X.json`, and other
    `#/components/...` refs made `local` + the rest of the pointer."""
    if isinstance(node, dict):
        return {
            key: (
                _retarget(value, schema_ref, local)
                if key == "$ref"
                else _pointing(value, schema_ref, local)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_pointing(value, schema_ref, local) for value in node]
    return node


def _retarget(ref: str, schema_ref: str, local: str) -> str:
    prefix = "#/components/schemas/"
    if ref.startswith(prefix):
        return f"{schema_ref}{ref.removeprefix(prefix)}.json"
    return local + ref.removeprefix("#/components/") if local else ref


def test_the_real_spec_split_into_files_generates_the_same_package(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """`components/schemas/X` moves to `schemas/X.json` (referring to its siblings by file
    name), parameters, request bodies and responses to `common.json`; the root keeps each
    entry as a `$ref` to where it went. Only `_version.py`, which records the spec's digest,
    may differ."""
    data = load_document(SPEC / "openapi.yaml").data
    assert isinstance(data, dict)
    split = tmp_path / "spec"
    (split / "schemas").mkdir(parents=True)
    shutil.copyfile(SPEC / "sdk.yaml", split / "sdk.yaml")
    components = data["components"]
    schemas = components.pop("schemas")
    for name, schema in schemas.items():
        (split / "schemas" / f"{name}.json").write_text(json.dumps(_pointing(schema, "", "")))
    moved = {key: components.pop(key) for key in ("parameters", "requestBodies", "responses")}
    (split / "common.json").write_text(json.dumps(_pointing(moved, "schemas/", "#/")))
    components["schemas"] = {name: {"$ref": f"./schemas/{name}.json"} for name in schemas}
    for key, entries in moved.items():
        components[key] = {name: {"$ref": f"common.json#/{key}/{name}"} for name in entries}
    (split / "openapi.yaml").write_text(json.dumps(_pointing(data, "./schemas/", ""), indent=1))
    out = tmp_path / "out"
    result = run_generator("generate", "--spec", str(split), "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    version = "anthropic_batches/_version.py"
    written, expected = tree(out), tree(GENERATED)
    assert written[version] != expected[version]
    assert {k: v for k, v in written.items() if k != version} == {
        k: v for k, v in expected.items() if k != version
    }
