"""`generator.bundle`: a spec written as several files, loaded as one document.

Pins what bundling writes (each object another file names placed in `components` under a name
from its pointer or file, its references rewritten to point there, path items inlined), where it
says each node is (in the file it was written in), what it never follows (URLs; files outside
the spec's folder without the flag) and why, and that the limits hold for the spec in total.
Each spec is a few small files in a temporary folder; `tests/bad_specs/` runs the refusals end
to end and `tests/end_to_end/test_multi_file.py` generates a package from such a spec.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator import limits, load
from generator.bundle import load_openapi
from generator.bundle_kinds import child_kind, kind_at
from generator.errors import Location, SpecError
from generator.load import Document
from generator.validate import validate_openapi

HEAD = """\
openapi: 3.1.0
info: {title: Pets, version: "1"}
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    """`files` (relative path -> text) under `folder`; the path of `openapi.yaml`."""
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder / "openapi.yaml"


def bundled(folder: Path, files: dict[str, str], allow_external_refs: bool = False) -> Document:
    """The spec of `files` loaded from `folder`, named relative to it as a user gives it."""
    write(folder, files)
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        return load_openapi(Path("openapi.yaml"), allow_external_refs=allow_external_refs)
    finally:
        os.chdir(cwd)


def schemas(document: Document) -> dict[str, object]:
    data = document.data
    assert isinstance(data, dict)
    return data["components"]["schemas"]  # type: ignore[no-any-return]


def refusal(error: pytest.ExceptionInfo[SpecError]) -> tuple[Location, str]:
    (diagnostic,) = error.value.diagnostics
    return diagnostic.location, diagnostic.message


PETS = {
    "openapi.yaml": HEAD
    + """\
paths:
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
              schema: {$ref: ./schemas/pet.yaml}
        "404": {$ref: "common.yaml#/components/responses/NotFound"}
""",
    "schemas/pet.yaml": """\
type: object
properties:
  owner: {$ref: owner.yaml}
  tag: {$ref: "../common.yaml#/components/schemas/Tag"}
""",
    "schemas/owner.yaml": """\
type: object
properties:
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
    Tag: {type: string}
    Error: {type: object}
""",
}


# What is bundled, and under which name ---------------------------------------------------------


def test_each_object_another_file_names_is_placed_in_components_and_referred_to_there(
    tmp_path: Path,
) -> None:
    document = bundled(tmp_path, PETS)
    data = document.data
    assert isinstance(data, dict)
    operation = data["paths"]["/pets/{id}"]["get"]
    assert operation["parameters"] == [{"$ref": "#/components/parameters/PetId"}]
    responses = operation["responses"]
    assert responses["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Pet"
    }
    assert responses["404"] == {"$ref": "#/components/responses/NotFound"}
    # References inside a file are relative to it: `owner.yaml` beside pet.yaml, `#/...` in
    # common.yaml; and pet.yaml <-> owner.yaml refer to each other.
    assert schemas(document) == {
        "Pet": {
            "type": "object",
            "properties": {
                "owner": {"$ref": "#/components/schemas/Owner"},
                "tag": {"$ref": "#/components/schemas/Tag"},
            },
        },
        "Error": {"type": "object"},
        "Owner": {
            "type": "object",
            "properties": {
                "pets": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}
            },
        },
        "Tag": {"type": "string"},
    }
    assert data["components"]["parameters"]["PetId"]["name"] == "id"
    assert data["components"]["responses"]["NotFound"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert document.unresolved == {}


def test_every_node_is_located_in_the_file_it_was_written_in(tmp_path: Path) -> None:
    document = bundled(tmp_path, PETS)
    assert document.locate(("paths", "/pets/{id}", "get", "parameters", 0, "$ref")) == Location(
        "openapi.yaml", 8, 11
    )
    assert document.locate(("components", "schemas", "Pet")) == Location("schemas/pet.yaml", 1, 1)
    assert document.locate(("components", "schemas", "Pet", "properties", "tag")) == Location(
        "schemas/pet.yaml", 4, 3
    )
    assert document.locate(
        ("components", "schemas", "Owner", "properties", "pets", "items", "$ref")
    ) == Location("schemas/owner.yaml", 3, 31)
    assert document.locate(("components", "responses", "NotFound", "description")) == Location(
        "common.yaml", 6, 7
    )
    # A missing child falls back to its nearest written ancestor, in the same file.
    assert document.locate(("components", "schemas", "Tag", "nope")) == Location(
        "common.yaml", 11, 5
    )


def test_the_document_keeps_the_root_bytes_and_lists_every_other_file(tmp_path: Path) -> None:
    document = bundled(tmp_path, PETS)
    assert document.raw == PETS["openapi.yaml"].encode()
    assert [(f.name, f.relative, f.raw.decode()) for f in document.includes] == [
        ("common.yaml", "common.yaml", PETS["common.yaml"]),
        ("schemas/pet.yaml", "schemas/pet.yaml", PETS["schemas/pet.yaml"]),
        ("schemas/owner.yaml", "schemas/owner.yaml", PETS["schemas/owner.yaml"]),
    ]


def test_file_names_are_the_root_folder_as_given_joined_with_the_relative_path(
    tmp_path: Path,
) -> None:
    write(tmp_path / "api", PETS)
    document = load_openapi(tmp_path / "api" / "openapi.yaml")
    assert document.locate(("components", "schemas", "Owner")).file == str(
        tmp_path / "api" / "schemas" / "owner.yaml"
    )


def test_a_spec_without_references_to_other_files_is_returned_as_loaded(tmp_path: Path) -> None:
    text = HEAD + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n"
    root = write(tmp_path, {"openapi.yaml": text})
    document = load_openapi(root)
    assert document == load.load_document(root)
    assert document.includes == ()


def test_a_root_entry_that_is_only_a_reference_takes_the_content_under_its_own_name(
    tmp_path: Path,
) -> None:
    """Even where a reference written earlier in the file names the same file."""
    document = bundled(
        tmp_path,
        {
            "openapi.yaml": HEAD
            + "paths: {}\nx-first: {$ref: pet.yaml}\n"
            + "components:\n  schemas:\n    Animal: {$ref: pet.yaml}\n    Pet: {type: string}\n",
            "pet.yaml": "type: object\n",
        },
    )
    assert schemas(document) == {"Animal": {"type": "object"}, "Pet": {"type": "string"}}
    assert document.locate(("components", "schemas", "Animal")) == Location("openapi.yaml", 7, 5)
    assert document.locate(("components", "schemas", "Animal", "type")) == Location(
        "pet.yaml", 1, 1
    )
    assert ("components", "schemas", "Animal", "$ref") not in document.positions


def test_a_file_that_is_only_a_reference_to_another_is_not_placed_itself(
    tmp_path: Path,
) -> None:
    """`pet.yaml` holding just `$ref: real/pet.yaml`: one schema, not an alias to another."""
    document = bundled(
        tmp_path,
        {
            "openapi.yaml": HEAD
            + "paths: {}\ncomponents:\n  schemas:\n"
            + "    Pet: {$ref: pet.yaml}\n    List: {items: {$ref: pet.yaml}}\n"
            + "    Other: {items: {$ref: other.yaml}}\n",
            "pet.yaml": "$ref: real/pet.yaml\n",
            "real/pet.yaml": "type: object\n",
            "other.yaml": "$ref: real/other.yaml\n",
            "real/other.yaml": "type: string\n",
        },
    )
    assert schemas(document) == {
        "Pet": {"type": "object"},
        "List": {"items": {"$ref": "#/components/schemas/Pet"}},
        "Other": {"items": {"$ref": "#/components/schemas/Other2"}},
        "Other2": {"type": "string"},
    }
    assert document.locate(("components", "schemas", "Other2", "type")).file == "real/other.yaml"


def test_a_name_taken_gets_the_file_name_in_front_then_a_number(tmp_path: Path) -> None:
    document = bundled(
        tmp_path,
        {
            "openapi.yaml": HEAD
            + """\
paths: {}
components:
  schemas:
    Error: {type: string}
    List:
      type: array
      items:
        anyOf:
          - {$ref: "common.yaml#/Error"}
          - {$ref: "other-errors.yaml#/Error"}
          - {$ref: "more/common.yaml#/Error"}
          - {$ref: "./my pets.v2.yaml"}
          - {$ref: "common.yaml#/Error"}
""",
            "common.yaml": "Error: {type: object}\n",
            "other-errors.yaml": "Error: {type: integer}\n",
            "more/common.yaml": "Error: {type: boolean}\n",
            "my pets.v2.yaml": "type: number\n",
        },
    )
    found = schemas(document)
    assert list(found) == [
        "Error",
        "List",
        "CommonError",
        "OtherErrorsError",
        "CommonError2",
        "MyPets",
    ]
    items = found["List"]["items"]["anyOf"]  # type: ignore[index]
    assert [item["$ref"].rsplit("/", 1)[1] for item in items] == [
        "CommonError",
        "OtherErrorsError",
        "CommonError2",
        "MyPets",
        "CommonError",
    ]


def test_a_path_item_in_another_file_is_written_in_place(tmp_path: Path) -> None:
    """OpenAPI 3.0 has no `components/pathItems`; a field written beside the `$ref` wins."""
    document = bundled(
        tmp_path,
        {
            "openapi.yaml": HEAD
            + "paths:\n  /pets:\n    summary: Mine.\n    $ref: paths/pets.yaml\n",
            "paths/pets.yaml": """\
summary: Theirs.
get:
  operationId: pets_list
  responses:
    "200": {$ref: "../responses.yaml#/Pets"}
""",
            "responses.yaml": "Pets: {description: Pets.}\n",
        },
    )
    data = document.data
    assert isinstance(data, dict)
    assert data["paths"]["/pets"] == {
        "summary": "Mine.",
        "get": {
            "operationId": "pets_list",
            "responses": {"200": {"$ref": "#/components/responses/Pets"}},
        },
    }
    assert document.locate(("paths", "/pets", "summary")) == Location("openapi.yaml", 5, 5)
    assert document.locate(("paths", "/pets", "get", "operationId")) == Location(
        "paths/pets.yaml", 3, 3
    )
    assert ("paths", "/pets", "$ref") not in document.positions


def test_a_reference_back_into_the_root_file_becomes_a_local_one(tmp_path: Path) -> None:
    document = bundled(
        tmp_path,
        {
            "openapi.yaml": HEAD
            + "paths: {}\ncomponents:\n  schemas:\n    Root: {type: string}\n"
            + "    Pet: {$ref: pet.yaml}\n",
            "pet.yaml": "properties:\n  root: {$ref: 'openapi.yaml#/components/schemas/Root'}\n",
        },
    )
    assert schemas(document)["Pet"] == {
        "properties": {"root": {"$ref": "#/components/schemas/Root"}}
    }


def test_a_json_file_and_a_percent_encoded_name_are_followed(tmp_path: Path) -> None:
    document = bundled(
        tmp_path,
        {
            "openapi.yaml": HEAD + "paths: {}\nx-a: {$ref: x}\ncomponents:\n  schemas:\n"
            "    A: {$ref: 'my%20schemas.json#/definitions/A~1B'}\n",
            "my schemas.json": json.dumps({"definitions": {"A/B": {"type": "number"}}}),
        },
    )
    assert schemas(document)["A"] == {"type": "number"}
    assert document.locate(("components", "schemas", "A", "type")).file == "my schemas.json"


def test_a_discriminator_mapping_to_another_file_points_at_the_bundled_schema(
    tmp_path: Path,
) -> None:
    document = bundled(
        tmp_path,
        {
            "openapi.yaml": HEAD
            + """\
paths: {}
components:
  schemas:
    Pet:
      oneOf: [{$ref: dog.yaml}]
      discriminator:
        propertyName: kind
        mapping: {dog: dog.yaml, cat: Cat, local: "#/components/schemas/Pet"}
""",
            "dog.yaml": "type: object\n",
        },
    )
    assert schemas(document)["Pet"]["discriminator"]["mapping"] == {  # type: ignore[index]
        "dog": "#/components/schemas/Dog",
        "cat": "Cat",
        "local": "#/components/schemas/Pet",
    }


# What is not followed, and why ------------------------------------------------------------------


def test_a_url_is_never_followed_and_the_reason_is_kept_for_validation(tmp_path: Path) -> None:
    ref = "https://example.com/pet.yaml#/Pet"
    document = bundled(
        tmp_path,
        {
            "openapi.yaml": HEAD
            + f"paths: {{}}\ncomponents:\n  schemas:\n    Pet: {{$ref: '{ref}'}}\n"
            + "    Other: {$ref: other.yaml}\n",
            "other.yaml": "properties:\n  a: {$ref: '//example.com/a.yaml'}\n",
        },
    )
    assert schemas(document)["Pet"] == {"$ref": ref}
    assert document.unresolved == {
        ("components", "schemas", "Pet", "$ref"): f"`$ref` to a URL ({ref}) is never followed: "
        "save the file beside the spec and refer to it by its path",
        ("components", "schemas", "Other", "properties", "a", "$ref"): "`$ref` to a URL "
        "(//example.com/a.yaml) is never followed: save the file beside the spec and refer to "
        "it by its path",
    }


def test_a_file_outside_the_spec_folder_is_followed_only_when_allowed(tmp_path: Path) -> None:
    (tmp_path / "shared.yaml").write_text("Money: {type: integer}\n")
    files = {
        "openapi.yaml": HEAD
        + "paths: {}\ncomponents:\n  schemas:\n    Money: {$ref: '../shared.yaml#/Money'}\n"
    }
    refused = bundled(tmp_path / "api", files)
    assert schemas(refused)["Money"] == {"$ref": "../shared.yaml#/Money"}
    assert refused.unresolved[("components", "schemas", "Money", "$ref")] == (
        "`$ref` to a file outside the spec's folder (../shared.yaml#/Money) is not followed; "
        "--allow-external-refs allows it"
    )
    allowed = bundled(tmp_path / "api", files, allow_external_refs=True)
    assert schemas(allowed)["Money"] == {"type": "integer"}
    assert allowed.locate(("components", "schemas", "Money", "type")).file == "../shared.yaml"


def test_a_link_inside_the_folder_to_a_file_outside_it_is_outside(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text("Secret: {type: string}\n")
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    document = bundled(
        tmp_path / "api",
        {
            "openapi.yaml": HEAD
            + "paths: {}\ncomponents:\n  schemas:\n    S: {$ref: 'link.yaml#/Secret'}\n"
        },
    )
    assert (
        "outside the spec's folder" in document.unresolved[("components", "schemas", "S", "$ref")]
    )


@pytest.mark.parametrize(
    ("ref", "reason"),
    [
        ("missing.yaml", "`$ref` to a file that cannot be read (missing.yaml): No such file"),
        ("folder", "`$ref` to a file that cannot be read (folder): not a regular file"),
        ("pet.yaml#/Nope", "`$ref` to nothing: pet.yaml#/Nope"),
        ("pet.yaml#Pet", "`$ref` to pet.yaml#Pet: only JSON pointers (`#/...`) are followed"),
    ],
)
def test_a_reference_that_cannot_be_followed_is_left_with_its_reason(
    tmp_path: Path, ref: str, reason: str
) -> None:
    (tmp_path / "folder").mkdir()
    document = bundled(
        tmp_path,
        {
            "openapi.yaml": HEAD
            + f"paths: {{}}\ncomponents:\n  schemas:\n    P: {{$ref: '{ref}'}}\n",
            "pet.yaml": "Pet: {type: object}\n",
        },
    )
    assert schemas(document)["P"] == {"$ref": ref}
    assert document.unresolved[("components", "schemas", "P", "$ref")].startswith(reason)


def test_a_local_reference_inside_another_file_that_fails_names_that_file(
    tmp_path: Path,
) -> None:
    """Left as `#/...` it would be read as a place in the root file."""
    document = bundled(
        tmp_path,
        {
            "openapi.yaml": HEAD + "paths: {}\ncomponents:\n  schemas:\n    P: {$ref: pet.yaml}\n",
            "pet.yaml": "properties:\n  a: {$ref: '#/Nope'}\n  b: {example: {$ref: '#/x'}}\n",
        },
    )
    properties = schemas(document)["P"]["properties"]  # type: ignore[index]
    assert properties["a"] == {"$ref": "pet.yaml#/Nope"}
    assert properties["b"] == {"example": {"$ref": "pet.yaml#/x"}}
    assert document.unresolved == {
        ("components", "schemas", "P", "properties", "a", "$ref"): "`$ref` to nothing: #/Nope",
        ("components", "schemas", "P", "properties", "b", "example", "$ref"): (
            "`$ref` to #/x is not followed: no OpenAPI object can be referenced here"
        ),
    }


def test_validation_reports_each_reference_not_followed_in_the_file_that_holds_it(
    tmp_path: Path,
) -> None:
    document = bundled(
        tmp_path,
        {
            "openapi.yaml": HEAD
            + "paths: {}\ncomponents:\n  schemas:\n    P: {$ref: pet.yaml}\n"
            + "    Q: {$ref: 'pet.yaml#/Nope'}\n    R: {$ref: '#/components/schemas/Nope'}\n",
            "pet.yaml": "properties:\n  a: {$ref: '#/Nope'}\n  b: {$ref: 'http://x/y.yaml'}\n",
        },
    )
    with pytest.raises(SpecError) as caught:
        validate_openapi(document)
    assert [(str(d.location), d.message) for d in caught.value.diagnostics] == [
        ("openapi.yaml:7:9", "`$ref` to nothing: pet.yaml#/Nope"),
        ("openapi.yaml:8:9", "`$ref` to nothing: #/components/schemas/Nope"),
        ("pet.yaml:2:7", "`$ref` to nothing: #/Nope"),
        (
            "pet.yaml:3:7",
            "`$ref` to a URL (http://x/y.yaml) is never followed: save the file beside the "
            "spec and refer to it by its path",
        ),
    ]


def test_a_file_that_does_not_parse_is_refused_where_it_is_with_any_other(
    tmp_path: Path,
) -> None:
    with pytest.raises(SpecError) as caught:
        bundled(
            tmp_path,
            {
                "openapi.yaml": HEAD
                + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: a.yaml}\n"
                + "    B: {$ref: b.json}\n    C: {$ref: a.yaml}\n",
                "a.yaml": "x: 1\n\ty: 2\n",
                "b.json": '{"x": 1,}',
            },
        )
    assert [(str(d.location), d.message[:13]) for d in caught.value.diagnostics] == [
        ("a.yaml:2:1", "invalid YAML:"),
        ("b.json:1:9", "invalid JSON:"),
    ]


# Limits, for each file and in total ----------------------------------------------------------


def test_the_size_limit_holds_for_the_files_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root_text = HEAD + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: a.yaml}\n"
    monkeypatch.setattr(limits, "MAX_SPEC_BYTES", len(root_text) + 10)
    with pytest.raises(SpecError) as caught:
        bundled(tmp_path, {"openapi.yaml": root_text, "a.yaml": "type: object # padding\n"})
    where, message = refusal(caught)
    assert where == Location("a.yaml")
    assert message.startswith(f"the spec's files come to {len(root_text) + 23} bytes")


def test_the_value_limit_holds_for_the_files_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        "openapi.yaml": HEAD + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: a.yaml}\n",
        "a.yaml": "properties: {x: {type: string}, y: {type: string}}\n",
    }
    count = len(load.parse_document(files["openapi.yaml"].encode(), "x").positions)
    monkeypatch.setattr(limits, "MAX_VALUES", count + 3)
    with pytest.raises(SpecError) as caught:
        bundled(tmp_path, files)
    where, message = refusal(caught)
    assert where == Location("a.yaml", 1, 18)  # the fourth value, `type` of x
    assert message == (
        f"the spec's files hold more than {count + 3:,} values in all, YAML aliases expanded; "
        "refused"
    )


def test_the_value_limit_counts_what_bundling_places(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Later stages walk the bundle: a subtree placed twice (under two pointers) counts twice."""
    files = {
        "openapi.yaml": HEAD
        + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: 'a.yaml#/A'}\n"
        + "    X: {$ref: 'a.yaml#/A/properties/x'}\n",
        "a.yaml": "A:\n  properties:\n    x: {type: string}\n",
    }
    parsed = sum(len(load.parse_document(t.encode(), "x").positions) for t in files.values())
    monkeypatch.setattr(limits, "MAX_VALUES", parsed + 4)  # A's 4 values fit; x's 2 do not
    with pytest.raises(SpecError) as caught:
        bundled(tmp_path, files)
    where, message = refusal(caught)
    assert where.file == "a.yaml"
    assert message == f"the spec's files hold more than {parsed + 4:,} values in all; refused"


def test_nesting_is_limited_once_bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole file placed three levels down nests deeper than it did in its file."""
    monkeypatch.setattr(limits, "MAX_DEPTH", 6)
    with pytest.raises(SpecError) as caught:
        bundled(
            tmp_path,
            {
                "openapi.yaml": HEAD
                + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: a.yaml}\n",
                "a.yaml": "items:\n  items:\n    items: {type: string}\n",
            },
        )
    where, message = refusal(caught)
    assert where == Location("a.yaml", 3, 5)  # components/schemas/A/items/items/items
    assert message.startswith("values nest more than 6 levels deep once the spec's files")


# Where a `$ref` stands for an object ------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (("paths", "/a"), "pathItem"),
        (("paths", "/a", "get", "parameters", 0), "parameter"),
        (("paths", "/a", "parameters", 1, "schema"), "schema"),
        (("paths", "/a", "post", "requestBody"), "requestBody"),
        (("paths", "/a", "get", "responses", "200"), "response"),
        (("paths", "/a", "get", "responses", "200", "headers", "X"), "header"),
        (("paths", "/a", "get", "responses", "200", "links", "L"), "link"),
        (("paths", "/a", "get", "callbacks", "c"), "callback"),
        (("paths", "/a", "get", "callbacks", "c", "{$url}"), "pathItem"),
        (("components", "schemas", "A", "properties", "b", "items", "allOf", 2), "schema"),
        (("components", "schemas", "A", "additionalProperties"), "schema"),
        (("components", "schemas", "A", "discriminator"), "discriminator"),
        (("components", "examples", "E"), "example"),
        (("components", "securitySchemes", "S"), "securityScheme"),
        (("webhooks", "w", "post", "requestBody", "content", "a/b", "schema"), "schema"),
        (("components", "schemas", "A", "example"), None),
        (("components", "schemas", "A", "x-thing"), None),
        (("info",), None),
        (("paths", "/a", "get", "responses"), "map:response"),
    ],
)
def test_kind_at_says_which_object_a_place_holds(path: tuple[str | int, ...], kind: str) -> None:
    assert kind_at(path) == kind


def test_items_written_as_a_list_are_schemas() -> None:
    assert child_kind("schema", 0) == "schema"
    assert child_kind(None, "schema") is None
