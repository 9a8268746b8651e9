"""Method names from paths, for operations sdk.yaml does not name."""

from __future__ import annotations

import pytest

from generator.build.context import Context
from generator.build.method_names import derived_names
from generator.load import parse_document
from generator.openapi import operations
from generator.sdk_config import read_sdk_config
from generator.spec_defaults import spec_defaults


def names_of(
    paths: dict[str, list[str]], taken: frozenset[tuple[str, ...]] = frozenset()
) -> tuple[dict[str, str], list[str]]:
    """operationId -> dotted name for a document with `paths` (path -> HTTP methods), and
    the warnings naming gave."""
    lines = ["openapi: 3.1.0", "info: {title: T, version: '1'}", "paths:"]
    for path, methods in paths.items():
        lines.append(f"  '{path}':")
        for method in methods:
            lines.append(f"    {method}: {{responses: {{'204': {{description: x}}}}}}")
    spec = parse_document("\n".join(lines).encode(), "openapi.yaml")
    sdk = parse_document(b"{}", "sdk.yaml")
    context = Context(spec, sdk, read_sdk_config(sdk, None, spec_defaults(spec)))
    found = derived_names(context, list(operations(spec)), set(taken))
    return (
        {operation_id: ".".join(name) for operation_id, (name, _) in found.items()},
        [warning.message for warning in context.warnings],
    )


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (
            {
                "/v1/messages/batches": ["post", "get"],
                "/v1/messages/batches/{id}": ["get", "delete"],
            },
            [
                "messages.batches.create",
                "messages.batches.list",
                "messages.batches.retrieve",
                "messages.batches.delete",
            ],
        ),
        (
            {"/v1/things/{id}": ["put", "patch"]},
            ["things.update", "things.patch_v1_things_id"],
        ),
        (
            {"/v1/messages/batches/{id}": ["get"], "/v1/messages/batches/{id}/cancel": ["post"]},
            ["messages.batches.retrieve", "messages.batches.cancel"],
        ),
        (
            {"/v1/messages": ["post"], "/v1/messages/count_tokens": ["post"]},
            ["messages.create", "messages.count_tokens"],
        ),
        ({"/v1/models/{model_id}?beta=true": ["get"]}, ["beta.models.retrieve"]),
        (
            {
                "/2010-04-01/Accounts/{AccountSid}/Calls.json": ["get", "post"],
                "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json": ["get"],
            },
            ["accounts.calls.list", "accounts.calls.create", "accounts.calls.retrieve"],
        ),
        ({"/": ["get"]}, ["root.list"]),
        ({"/v1/class/{id}": ["get"]}, ["class_.retrieve"]),
        ({"/v1/2fa/codes": ["post"]}, ["n2fa.codes.create"]),
    ],
)
def test_paths_give_the_names_well_known_sdks_use(
    paths: dict[str, list[str]], expected: list[str]
) -> None:
    names, _ = names_of(paths)
    assert list(names.values()) == expected


def test_a_collision_keeps_the_first_name_and_warns_of_the_second() -> None:
    names, warnings = names_of({"/v1/things/{id}": ["put", "patch"]})
    assert names == {
        "put_v1_things_id": "things.update",
        "patch_v1_things_id": "things.patch_v1_things_id",
    }
    (warning,) = warnings
    assert "would be things.update, which another operation is" in warning


def test_names_sdk_yaml_took_are_kept_clear_of() -> None:
    names, warnings = names_of({"/v1/things": ["get"]}, frozenset({("things", "list")}))
    assert names == {"get_v1_things": "things.get_v1_things"}
    assert len(warnings) == 1


def test_the_names_do_not_depend_on_anything_but_the_document() -> None:
    paths = {"/a/{id}": ["get", "delete"], "/a": ["get"], "/a/{id}/b": ["post"]}
    assert names_of(paths) == names_of(paths)
