"""Every operation of Anthropic's published spec, called once through its generated client
against Prism mocking that same spec: every request the client forms is one the spec accepts,
and every response the spec describes is one the client reads.

The package is the one `test_published_specs` checks (generated once a session, as published,
with no sdk.yaml: `conftest.generate_published`). Prism runs with `--errors` (started by
`tests/helpers.prism_mock`, as for `tests/client/test_prism.py`), so that it answers a
request that breaks the spec with a 4xx listing the violations in its `sl-violations` header,
and refuses a response of its own that breaks the spec with a 500. It runs on the spec as
published but for its beta path keys, which it cannot route (`prism_copy`).

Each call passes what the operation requires (path parameters, required query and header
parameters, the body's required properties) with values built from their schemas by
`Values`, a small deterministic builder: the schema's `const`, its first example, its first
enum value, the first branch of a union (not `null`), the required properties of an object,
one item of an array, or a small value its type, format and bounds allow. Not
hypothesis-jsonschema: it is not a dependency of the project, and one fixed, readable value
per operation is what this test needs, the same on every run; the property tests of
`tests/end_to_end` are where generated inputs vary.

The tests are named by the generated method (`beta.files.list`): the names come from the
generator's build of the spec in this process (without its validation against the OpenAPI
schema, which the package's generation has done), and each test checks that the generated
package has that method on that route.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, cast

import httpx2
import pytest

from generator.load import Document, load_document
from generator.model import Operation, Resource
from generator.openapi import SpecOperation, operations
from generator.pipeline import build, read_spec

from ..helpers import prism_mock
from .generation import SPECS, Generated

pytestmark = pytest.mark.published

NAME = "anthropic-openapi.json"
#: How deep in a value `Values` still gives an array an item when its schema allows none.
DEPTH = 12

_USAGE = (
    "`cache_creation`, `cache_creation_input_tokens`, `cache_read_input_tokens`, "
    "`inference_geo`, `server_tool_use`, `service_tier`"
)
#: Calls that fail for a reason in the published spec, not in the client: the method, and
#: why. Each is still made: Prism must have accepted the request and refused only its own
#: response (a 500 listing response violations), and a call that conforms fails the test
#: until it is taken out of the table. In each, Prism answers with the example the spec
#: gives, and that example lacks properties the schema requires (the examples predate them).
EXPECTED_FAILURES: dict[str, str] = {
    # Message's example has no `container`, and its `usage` none of the counters since added.
    "messages.create": f"the example of Message lacks `container`, usage's {_USAGE}",
    "beta.messages.create": (
        f"the example of BetaMessage lacks `context_management`, `container`, usage's {_USAGE} "
        "and `iterations`"
    ),
    # No example of its own: the result's `message` is Message's example, as above.
    "messages.batches.results": (
        f"result.message, Message's example, lacks `container`, usage's {_USAGE}"
    ),
    "beta.messages.batches.results": (
        "result.message, BetaMessage's example, lacks `context_management`, `container`, "
        f"usage's {_USAGE}"
    ),
    "beta.messages.count_tokens": (
        "the example of BetaCountMessageTokensResponse, {input_tokens: 2095}, lacks "
        "`context_management`"
    ),
}


@dataclass(frozen=True)
class Call:
    """One operation and the generated method that calls it."""

    name: str
    spec: SpecOperation
    built: Operation


def _methods(resources: tuple[Resource, ...]) -> Iterator[tuple[str, Operation]]:
    for resource in resources:
        for method in resource.methods:
            yield f"{resource.dotted}.{method.name}", method.operation
        yield from _methods(resource.children)


@cache
def _document() -> Document:
    return load_document(SPECS / NAME)


def _calls() -> list[Call]:
    document = _document()
    loaded = read_spec(document, lambda: None, "sdk.yaml", against_schema=False)
    named = {op.operation_id: (name, op) for name, op in _methods(build(loaded).resources)}
    calls = []
    for spec_operation in operations(document):
        name, built = named[spec_operation.operation_id]
        calls.append(Call(name, spec_operation, built))
    return calls


CALLS = _calls()


class Values:
    """A value for a JSON schema of `document`: see the module's docstring."""

    def __init__(self, document: Document) -> None:
        self.document = document

    def resolve(self, schema: object) -> dict[str, Any]:
        seen = 0
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            ref: str = schema["$ref"]
            assert ref.startswith("#/"), ref
            target: Any = self.document.data
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            schema, seen = target, seen + 1
            assert seen < 50, ref
        return schema if isinstance(schema, dict) else {}

    def of(self, schema: object, depth: int = 0, *, file: bool = False) -> Any:
        schema = self.resolve(schema)
        if "const" in schema:
            return schema["const"]
        examples = schema.get("examples")
        if isinstance(examples, list) and examples:
            return examples[0]
        if "example" in schema:
            return schema["example"]
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return schema["enum"][0]
        for union in ("oneOf", "anyOf"):
            if isinstance(schema.get(union), list):
                return self._branch(schema, union, depth, file=file)
        if isinstance(schema.get("allOf"), list):
            return self.of(self._merged(schema), depth, file=file)
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((each for each in kind if each != "null"), "null")
        if kind is None and ("properties" in schema or "required" in schema):
            kind = "object"
        return self._typed(schema, kind, depth, file=file)

    def _branch(self, schema: dict[str, Any], union: str, depth: int, *, file: bool) -> Any:
        branches = [each for each in schema[union] if self.resolve(each).get("type") != "null"]
        if not branches:
            return None
        value = self.of(branches[0], depth, file=file)
        discriminator = schema.get("discriminator")
        if isinstance(value, dict) and isinstance(discriminator, dict):
            name = discriminator.get("propertyName")
            ref = branches[0].get("$ref") if isinstance(branches[0], dict) else None
            for key, target in (discriminator.get("mapping") or {}).items():
                if target == ref and isinstance(name, str) and name not in value:
                    value[name] = key
        return value

    def _merged(self, schema: dict[str, Any]) -> dict[str, Any]:
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        properties: dict[str, Any] = dict(merged.get("properties", {}))
        required: list[str] = list(merged.get("required", []))
        for part in schema["allOf"]:
            part = self.resolve(part)
            if isinstance(part.get("allOf"), list):
                part = self._merged(part)
            properties.update(part.get("properties", {}))
            required += [name for name in part.get("required", []) if name not in required]
            for key, value in part.items():
                merged.setdefault(key, value)
        return {**merged, "properties": properties, "required": required}

    def _typed(self, schema: dict[str, Any], kind: object, depth: int, *, file: bool) -> Any:
        if kind == "object":
            properties = schema.get("properties", {})
            return {
                name: self.of(properties.get(name, {}), depth + 1, file=file)
                for name in schema.get("required", [])
            }
        if kind == "array":
            count = max(int(schema.get("minItems", 0)), 1 if depth < DEPTH else 0)
            return [self.of(schema.get("items", {}), depth + 1, file=file) for _ in range(count)]
        if kind == "integer" or kind == "number":
            return self._number(schema, int if kind == "integer" else float)
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        if kind == "string":
            return self._string(schema, file=file)
        return {}  # any value: an empty object is one

    @staticmethod
    def _number(schema: dict[str, Any], kind: Callable[[float], int | float]) -> int | float:
        value: float = 1
        if isinstance(schema.get("minimum"), int | float):
            value = schema["minimum"]
        if isinstance(schema.get("exclusiveMinimum"), int | float):
            value = schema["exclusiveMinimum"] + 1
        if isinstance(schema.get("maximum"), int | float):
            value = min(value, schema["maximum"])
        return kind(value)

    @staticmethod
    def _string(schema: dict[str, Any], *, file: bool) -> str | bytes:
        format_ = schema.get("format")
        if format_ == "binary" and file:
            return b"Hello"
        value = {
            "date-time": "2025-01-01T00:00:00Z",
            "date": "2025-01-01",
            "uri": "https://example.com/",
            "url": "https://example.com/",
            "email": "user@example.com",
            "uuid": "00000000-0000-4000-8000-000000000000",
            "byte": "SGVsbG8=",
        }.get(str(format_), "x")
        minimum = int(schema.get("minLength", 0))
        value = value + "x" * (minimum - len(value))
        if isinstance(schema.get("maxLength"), int):
            value = value[: schema["maxLength"]]
        return value


def _parameter_schemas(document: Document, call: Call) -> dict[tuple[str, str], dict[str, Any]]:
    """(location, name) -> the parameter, for the operation's and its path's parameters."""
    values = Values(document)
    path_item: dict[str, Any] = cast(dict[str, Any], document.data)["paths"][call.spec.path_key]
    found: dict[tuple[str, str], dict[str, Any]] = {}
    operation = cast(dict[str, Any], call.spec.raw)
    for each in [*path_item.get("parameters", []), *operation.get("parameters", [])]:
        parameter = values.resolve(each)
        found[(parameter["in"], parameter["name"])] = parameter
    return found


def arguments(document: Document, call: Call) -> tuple[list[Any], dict[str, Any]]:
    """The positional and keyword arguments of the call: what the operation requires."""
    values = Values(document)
    declared = _parameter_schemas(document, call)
    built = call.built

    def parameter(location: str, wire_name: str) -> Any:
        spec = declared[(location, wire_name)]
        if "schema" not in spec:  # `content`: the schema of its one media type
            (media,) = spec["content"].values()
            return values.of(media.get("schema", {}))
        return values.of(spec["schema"])

    positional = [parameter("path", p.wire_name) for p in built.path_parameters]
    keywords = {
        p.python_name: parameter(p.location, p.wire_name)
        for p in (*built.query_parameters, *built.header_parameters, *built.cookie_parameters)
        if p.required
    }
    body = call.spec.raw.get("requestBody")
    if body is not None:
        body = values.resolve(body)
        media_type, media = next(iter(body["content"].items()))
        file = media_type.startswith("multipart/")
        value = values.of(media.get("schema", {}), file=file)
        if built.whole_body is not None:
            keywords[built.whole_body.python_name] = value
        else:
            for p in built.body_parameters:
                if p.wire_name in value:
                    keywords[p.python_name] = value[p.wire_name]
    return positional, keywords


#: The header by which a call asks `PathKeyQuery` to send its path key's literal query.
PATH_KEY_QUERY = "x-test-path-key-query"


def prism_copy(spec: Path, copy: Path) -> None:
    """Write the spec to `copy` with each path key's literal query made its first segment
    (`/v1/files/{file_id}?beta=true` is `/beta=true/v1/files/{file_id}`), all else as it is.

    Prism reads a path key literally, `?` included: it serves `/v1/files?beta=true` only at
    the path `/v1/files%3Fbeta=true`, and it finds no path parameter in such a key, so it
    refuses every request to `/v1/files/{file_id}?beta=true` for want of `file_id`. A GA
    operation and its beta twin (same path and method) stay apart, each validated by its own
    schemas.
    """
    data = json.loads(spec.read_bytes())
    data["paths"] = {
        (f"/{key.partition('?')[2]}{key.partition('?')[0]}" if "?" in key else key): item
        for key, item in data["paths"].items()
    }
    copy.write_text(json.dumps(data))


class PathKeyQuery(httpx2.BaseTransport):
    """Sends a request whose `PATH_KEY_QUERY` header holds its path key's literal query to
    the path `prism_copy` gives that operation.

    The package, with no sdk.yaml, leaves a path key's literal query off the wire (README:
    `client.path_key_query`), as the API allows: the test names it in the header.
    """

    def __init__(self) -> None:
        self.inner = httpx2.HTTPTransport()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        literal = request.headers.pop(PATH_KEY_QUERY, None)
        if literal is not None:
            raw_path = b"/" + literal.encode() + request.url.raw_path
            request.url = request.url.copy_with(raw_path=raw_path)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


@dataclass(frozen=True)
class Client:
    """The generated package, its sync client (untyped here: the package is made at run time)
    and its `_surface.json`."""

    package: ModuleType
    client: Any
    surface: dict[str, Any]


@pytest.fixture(scope="module")
def client(
    generate_published: Callable[[str], Generated], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Client]:
    """The generated package's sync client, talking to Prism mocking the spec it came from."""
    generated = generate_published(NAME)
    surface = json.loads((generated.out / generated.package / "_surface.json").read_text())
    spec = tmp_path_factory.mktemp("prism") / NAME
    prism_copy(generated.spec, spec)
    with imported(generated) as package, prism_mock(spec) as url:
        sync_class = getattr(package, surface["client"]["sync_class"])
        http_client = httpx2.Client(transport=PathKeyQuery())
        with sync_class(
            api_key="test", base_url=url, max_retries=0, http_client=http_client
        ) as made:
            yield Client(package, made, surface)


@contextmanager
def imported(generated: Generated) -> Iterator[ModuleType]:
    """The generated package, imported from its output folder, until the block ends."""
    assert generated.package not in sys.modules, "a package of that name is imported already"
    sys.path.insert(0, str(generated.out))
    try:
        module = importlib.import_module(generated.package)
        assert Path(str(module.__file__)).is_relative_to(generated.out)
        yield module
    finally:
        sys.path.remove(str(generated.out))
        for name in [n for n in sys.modules if n.partition(".")[0] == generated.package]:
            del sys.modules[name]


def _method(client: Any, name: str) -> Any:
    target = client
    for part in name.split("."):
        target = getattr(target, part)
    return target


def _consume(package: ModuleType, result: object) -> None:
    """Read what a call returns to its end: a stream's items, a download's bytes."""
    if isinstance(result, package.SyncJSONLStream | package.Stream):
        with cast(Any, result) as stream:
            for _ in stream:
                pass
    elif isinstance(result, package.APIResponse):
        cast(Any, result).read()


def _violations(response: httpx2.Response) -> list[dict[str, Any]]:
    """What Prism found wrong with the request or its own response (`sl-violations`)."""
    return cast(list[dict[str, Any]], json.loads(response.headers.get("sl-violations", "[]")))


@pytest.mark.parametrize("call", CALLS, ids=[call.name for call in CALLS])
def test_the_call_conforms(client: Client, call: Call) -> None:
    """The call with what its operation requires is accepted, and its response is read."""
    route = client.surface["methods"][call.name]["route"].partition(" (")[0]
    assert route == f"{call.spec.method.upper()} {call.spec.path}"
    positional, keywords = arguments(_document(), call)
    literal = call.spec.path_key.partition("?")[2]
    if literal:
        keywords["extra_headers"] = {PATH_KEY_QUERY: literal}
    method = _method(client.client, call.name)
    try:
        _consume(client.package, method(*positional, **keywords))
    except client.package.APIStatusError as error:
        violations = _violations(error.response)
        refused = [each for each in violations if each["location"][:1] == ["request"]]
        assert not refused, f"Prism refused the request: {refused}"
        if violations and call.name in EXPECTED_FAILURES:
            pytest.xfail(EXPECTED_FAILURES[call.name])
        raise
    assert call.name not in EXPECTED_FAILURES, "it conforms now: take it out of the table"


def test_prism_refuses_a_request_that_breaks_the_spec(client: Client) -> None:
    """The control: a batch request without its `params`, sent to the beta operation, is
    refused for it; without it, a Prism that accepted anything would make the tests moot."""
    batches = client.client.beta.messages.batches
    with pytest.raises(client.package.APIStatusError) as caught:
        batches.create(requests=[{"custom_id": "a"}], extra_headers={PATH_KEY_QUERY: "beta=true"})
    assert caught.value.response.status_code == 422
    assert "params" in str(_violations(caught.value.response))


def test_a_beta_operation_is_not_served_at_its_bare_path(client: Client) -> None:
    """The control for `prism_copy`: a beta-only operation is reached only as the test sends
    it, so each beta call above was checked against the beta operation."""
    with pytest.raises(client.package.NotFoundError):
        client.client.beta.files.list()
