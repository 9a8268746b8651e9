"""The generator as users drive it: the model it builds, `generate`, `check` and determinism."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import __version__
from generator.model import Api, Operation, ResponseShape
from generator.pipeline import build, load_spec
from generator.runtime import runtime_files

from .conftest import GENERATED, ROOT, SPEC

IGNORED = shutil.ignore_patterns("__pycache__", ".mypy_cache")


def run_generator(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not {"__pycache__", ".mypy_cache"} & set(path.parts)
    }


@pytest.fixture(scope="module")
def api() -> Api:
    return build(load_spec(SPEC))


def test_model_has_the_resource_tree_of_sdk_yaml(api: Api) -> None:
    assert [r.module for r in api.all_resources] == [
        "resources.beta",
        "resources.beta.messages",
        "resources.beta.messages.batches",
        "resources.messages",
        "resources.messages.batches",
    ]
    beta_batches = api.all_resources[2]
    assert (beta_batches.class_name, beta_batches.root_import) == ("Batches", "....")
    assert [m.name for m in beta_batches.methods] == [
        "create",
        "retrieve",
        "list",
        "cancel",
        "delete",
        "results",
    ]


def method(api: Api, dotted: str) -> Operation:
    *resource_path, name = dotted.split(".")
    resource = next(r for r in api.all_resources if r.dotted == ".".join(resource_path))
    return next(m.operation for m in resource.methods if m.name == name)


def test_model_of_the_beta_delete_operation(api: Api) -> None:
    operation = method(api, "beta.messages.batches.delete")
    assert operation.operation_id == "beta_message_batches_delete"
    assert operation.http_method == "delete"
    # The `?beta=true` marker of the path key is not part of the wire path (sdk.yaml: drop).
    assert operation.path == "/v1/messages/batches/{message_batch_id}"
    assert operation.literal_query == ()
    assert operation.response == ResponseShape("model", "BetaDeletedMessageBatch")
    assert operation.idempotent
    (path_parameter,) = operation.path_parameters
    assert (path_parameter.python_name, path_parameter.annotation, path_parameter.required) == (
        "message_batch_id",
        "str",
        True,
    )
    (header,) = operation.header_parameters
    assert (header.wire_name, header.python_name, header.annotation, header.required) == (
        "anthropic-beta",
        "betas",
        "Sequence[AnthropicBeta]",
        False,
    )
    assert operation.query_parameters == ()


def test_model_of_the_ga_twin(api: Api) -> None:
    operation = method(api, "messages.batches.delete")
    assert operation.response == ResponseShape("model", "DeletedMessageBatch")
    assert operation.header_parameters == ()


def test_model_of_create_list_and_results(api: Api) -> None:
    create = method(api, "messages.batches.create")
    assert (create.http_method, create.idempotent, create.has_body) == ("post", False, True)
    (requests,) = create.body_parameters
    assert (requests.python_name, requests.annotation, requests.required) == (
        "requests",
        "Sequence[MessageBatchRequestParam]",
        True,
    )
    listing = method(api, "beta.messages.batches.list")
    assert listing.response == ResponseShape("page", "ListMessageBatchesResponse", "MessageBatch")
    assert [p.python_name for p in listing.query_parameters] == ["before_id", "after_id", "limit"]
    assert [p.annotation for p in listing.query_parameters] == ["str", "str", "int"]
    results = method(api, "messages.batches.results")
    assert results.response == ResponseShape("jsonl", "MessageBatchIndividualResponse")
    assert method(api, "messages.batches.cancel").idempotent  # x-idempotent: true


def test_model_of_client_and_errors(api: Api) -> None:
    client = api.client
    assert (client.sync_class, client.async_class) == ("Anthropic", "AsyncAnthropic")
    assert (client.api_key_header, client.api_key_prefix) == ("x-api-key", "")
    assert client.default_headers == (("anthropic-version", "2023-06-01"),)
    assert (client.api_key_env, client.base_url_env) == ("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL")
    statuses = {e.class_name: (e.status, e.parent) for e in api.errors}
    assert statuses["NotFoundError"] == (404, "APIStatusError")
    assert statuses["InternalServerError"] == (None, "APIStatusError")
    assert statuses["OverloadedError"] == (529, "InternalServerError")
    assert len(api.errors) == 18
    assert api.pagination is not None
    assert (api.pagination.items, api.pagination.after) == ("data", "after_id")


def test_check_passes_on_the_committed_output() -> None:
    result = run_generator("check")
    assert result.returncode == 0, result.stderr


def test_generation_is_deterministic_across_processes(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for out, seed in ((first, "1"), (second, "2")):
        # Each run with an empty cache of its own: both really generate.
        env = {"PYTHONHASHSEED": seed, "XDG_CACHE_HOME": str(tmp_path / f"cache-{seed}")}
        result = run_generator("generate", "--out", str(out), env=env)
        assert result.returncode == 0, result.stderr
        assert "from the cache" not in result.stdout
    assert tree(first) == tree(second)
    assert tree(first) == tree(GENERATED)


def test_every_generated_file_names_its_generator_and_spec(tmp_path: Path) -> None:
    """Printed modules say where they come from; the runtime is copied byte for byte."""
    spec_hash = build(load_spec(SPEC)).spec_sha256
    runtime = runtime_files()
    for name, content in tree(GENERATED / "anthropic_batches").items():
        if name in runtime:
            assert content.decode() == runtime[name], name
            continue
        if name == "py.typed":
            assert content == b"", name
            continue
        first_line = content.decode().splitlines()[0]
        assert first_line == (
            f"# Generated by generator {__version__} from a spec with sha256 {spec_hash}."
        ), name
        assert "Do not edit" in content.decode().splitlines()[1], name


def test_check_fails_on_a_one_character_edit(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    shutil.copytree(GENERATED, out, ignore=IGNORED)
    target = out / "anthropic_batches" / "_client.py"
    text = target.read_text()
    target.write_text(text.replace("DEFAULT_BASE_URL =", "DEFAULT_BASE_URl =", 1))
    result = run_generator("check", "--out", str(out))
    assert result.returncode == 1
    assert f"stale: {target}" in result.stderr
    assert "-DEFAULT_BASE_URl =" in result.stderr and "+DEFAULT_BASE_URL =" in result.stderr


def test_check_names_missing_and_extra_files(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    shutil.copytree(GENERATED, out, ignore=IGNORED)
    (out / "anthropic_batches" / "types.py").unlink()
    (out / "anthropic_batches" / "resources" / "old_endpoint.py").write_text("x = 1\n")
    result = run_generator("check", "--out", str(out))
    assert result.returncode == 1
    assert f"missing: {out / 'anthropic_batches' / 'types.py'}" in result.stderr
    assert "old_endpoint.py" in result.stderr


def test_generate_replaces_the_package_and_leaves_other_files(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    shutil.copytree(GENERATED, out, ignore=IGNORED)
    stale = out / "anthropic_batches" / "resources" / "removed_endpoint.py"
    stale.write_text("x = 1\n")
    users_file = out / "README.md"
    users_file.write_text("mine\n")
    result = run_generator("generate", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    assert users_file.read_text() == "mine\n"
    assert tree(out / "anthropic_batches") == tree(GENERATED / "anthropic_batches")
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "anthropic_batches", "api.md"]


def test_check_uses_its_cache_and_still_sees_an_edit(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    shutil.copytree(GENERATED, out, ignore=IGNORED)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert run_generator("check", "--out", str(out), env=env).returncode == 0  # fills the cache
    assert list((tmp_path / "cache").rglob("*.json"))
    fast = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "generator", "check", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )
    assert fast.returncode == 0
    imported = {line.split("|")[-1].strip() for line in fast.stderr.splitlines() if "|" in line}
    assert "black" not in imported and "datamodel_code_generator" not in imported
    target = out / "anthropic_batches" / "_version.py"
    target.write_text(target.read_text() + "# an edit\n")
    edited = run_generator("check", "--out", str(out), env=env)
    assert edited.returncode == 1
    assert f"stale: {target}" in edited.stderr


MINIMAL_SPEC = """\
openapi: 3.1.0
info: {title: Things, version: "1"}
security: [{key: []}]
paths:
  /things/{id}:
    delete:
      operationId: things_delete
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "204": {description: "Deleted, with no body."}
components:
  securitySchemes:
    key: {type: http, scheme: bearer}
"""
MINIMAL_SDK = """\
package: {name: things_client, version: 0.0.1}
client:
  sync_class: ThingsClient
  async_class: AsyncThingsClient
  base_url: https://things.example.com
  env: {api_key: THINGS_API_KEY, base_url: THINGS_BASE_URL}
errors: {base: ThingsError, statuses: [{class: NotFound, status: 404}]}
methods:
  things.delete: things_delete
"""


def test_a_spec_without_schemas_generates_a_client_returning_none(tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    spec.mkdir()
    (spec / "openapi.yaml").write_text(MINIMAL_SPEC)
    (spec / "sdk.yaml").write_text(MINIMAL_SDK)
    result = run_generator("generate", "--spec", str(spec), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    call = """
import httpx2
from things_client import ThingsClient
seen = []
def handler(request):
    seen.append(request)
    return httpx2.Response(204)
client = ThingsClient(api_key="t", http_client=httpx2.Client(transport=httpx2.MockTransport(handler)))
print(client.things.delete("a b"), seen[0].url.raw_path.decode(), seen[0].headers["authorization"])
"""
    # sdk.yaml names no log variable: the package's own name stands in, not a bare LOG.
    env = {**os.environ, "THINGS_CLIENT_LOG": "debug", "LOG": "debug"}
    ran = subprocess.run(
        [sys.executable, "-c", call],
        cwd=tmp_path / "out",
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split() == ["None", "/things/a%20b", "Bearer", "t"]
    assert "DELETE https://things.example.com/things/a%20b -> 204" in ran.stderr
    quiet = subprocess.run(
        [sys.executable, "-c", call],
        cwd=tmp_path / "out",
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LOG": "debug"},
    )
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_generate_on_an_unchanged_spec_writes_the_cached_output(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    fresh = run_generator("generate", "--out", str(tmp_path / "fresh"), env=env)
    cached = run_generator("generate", "--out", str(tmp_path / "cached"), env=env)
    assert fresh.returncode == cached.returncode == 0
    assert "from the cache" not in fresh.stdout and "from the cache" in cached.stdout
    assert tree(tmp_path / "cached") == tree(tmp_path / "fresh") == tree(GENERATED)


def test_a_schema_kept_for_responses_keeps_what_it_refers_to(tmp_path: Path) -> None:
    """Found by make fuzz: an unused schema pointing at a request-only one lost its target in
    types.py, and datamodel-code-generator quietly put `Any` in its place."""
    spec = tmp_path / "spec"
    spec.mkdir()
    (spec / "openapi.yaml").write_text(
        MINIMAL_SPEC.replace(
            """      responses:""",
            """      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/Request"}}}
      responses:""",
        ).replace("    delete:", "    post:")
        + """  schemas:
    Request: {type: object, properties: {a: {type: string}}}
    Unused: {type: object, properties: {request: {$ref: "#/components/schemas/Request"}}}
"""
    )
    (spec / "sdk.yaml").write_text(MINIMAL_SDK)
    result = run_generator("generate", "--spec", str(spec), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    types = (tmp_path / "out" / "things_client" / "types.py").read_text()
    assert "class Request(BaseModel)" in types and "request: Request | None" in types
    assert "Any" not in types
