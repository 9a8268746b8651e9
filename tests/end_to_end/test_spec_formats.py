"""Specs written as JSON, and YAML values that YAML 1.1 would read as other types, generate.

A JSON document means what JSON says (`1e-05` is a number); a YAML one is read by the YAML 1.2
core schema, so an unquoted date in an example stays the text written instead of becoming a
`datetime.date` that datamodel-code-generator cannot serialise (exit 3 before), and `yes`/`no`
in an enum stay strings. `tests/generator/test_load.py` pins the reading itself.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..helpers import run_generator
from .test_bad_specs import DEFAULT_SDK

THING = {
    "type": "object",
    "properties": {
        "day": {"type": "string", "format": "date", "example": "2024-01-01"},
        "ratio": {"type": "number", "default": 1e-05},
        "answer": {"type": "string", "enum": ["yes", "no"]},
        "label": {"type": "string", "default": "\U0001f600"},
    },
}
SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Things", "version": "1"},
    "paths": {
        "/things": {
            "delete": {
                "operationId": "things_delete",
                "responses": {
                    "200": {
                        "description": "Deleted.",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}
                        },
                    }
                },
            }
        }
    },
    "components": {
        "securitySchemes": {"api_key": {"type": "apiKey", "in": "header", "name": "x-api-key"}},
        "schemas": {"Thing": THING},
    },
}
YAML_SPEC = """\
openapi: 3.1.0
info: {title: Things, version: "1"}
paths:
  /things:
    delete:
      operationId: things_delete
      responses:
        "200":
          description: Deleted.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  securitySchemes:
    api_key: {type: apiKey, in: header, name: x-api-key}
  schemas:
    Thing:
      type: object
      properties:
        day: {type: string, format: date, example: 2024-01-01}
        ratio: {type: number, default: 1e-05}
        answer: {type: string, enum: [yes, no]}
        label: {type: string, default: "\\U0001F600"}
"""


def _generate(tmp_path: Path, name: str, text: str) -> str:
    """Generate the spec `text`, saved as `name` beside the corpus's sdk.yaml; the models."""
    spec = tmp_path / "spec"
    spec.mkdir()
    (spec / name).write_text(text, encoding="utf-8")
    shutil.copyfile(DEFAULT_SDK, spec / "sdk.yaml")
    out = tmp_path / "out"
    result = run_generator(
        "generate",
        "--spec",
        str(spec / name),
        "--out",
        str(out),
        env={"XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert result.returncode == 0, result.stderr
    return (out / "things_client" / "types.py").read_text()


def _assert_thing(types: str) -> None:
    assert 'Field(examples=["2024-01-01"])' in types
    assert "ratio: float | None = 1e-05" in types
    assert 'Literal["yes", "no"]' in types


def test_a_json_spec_is_read_as_json(tmp_path: Path) -> None:
    """`1e-05` is a number in JSON (YAML 1.1 read a string, and its default did not fit), and
    a surrogate pair escape is one character (YAML refused it as two lone surrogates)."""
    text = json.dumps(SPEC, indent=2)  # ensure_ascii: the emoji as `\ud83d\ude00`
    assert "\\ud83d\\ude00" in text and "1e-05" in text
    types = _generate(tmp_path, "openapi.json", text)
    _assert_thing(types)
    assert 'label: str | None = "\U0001f600"' in types


def test_json_text_in_a_yaml_named_file_is_read_as_json(tmp_path: Path) -> None:
    """As Anthropic publishes its spec: JSON in a file named `openapi.yaml`."""
    _assert_thing(_generate(tmp_path, "openapi.yaml", json.dumps(SPEC)))


def test_yaml_values_keep_the_meaning_json_gives_them(tmp_path: Path) -> None:
    """An unquoted date in an example stays text (it crashed the model generator, exit 3),
    `1e-05` is a number and `yes`/`no` are strings."""
    _assert_thing(_generate(tmp_path, "openapi.yaml", YAML_SPEC))
