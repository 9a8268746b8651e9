"""`validate_parts`: the validator's findings worked out part by part are the whole document's.

Each broken variant of a 3.1 and a 3.0 spec (a schema the dialect refuses, a path item the
OpenAPI schema refuses, a path key or a schema name it refuses, a default that does not fit,
a repeated operationId, a required property no allOf branch defines) must give, cold and with
the verdicts of the unbroken spec recorded, the findings openapi-spec-validator gives on the
whole document: the same (path, message, value) triples, and the same first message at each
path (the one `validate_openapi` reports). An edit re-checks only what it changed.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator.validation import keywords

from generator import validator
from generator.errors import SpecError
from generator.load import parse_document
from generator.validate import validate_openapi
from generator.validate_parts import _message, schema_findings
from generator.verdicts import Finding

from ..helpers import ROOT, SPEC

SPECS = {
    "3.1": SPEC / "openapi.yaml",
    "3.0": ROOT / "tests" / "golden" / "no_pagination" / "spec" / "openapi.yaml",
}
Break = Callable[[dict[str, Any]], None]


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def _schemas(data: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = data["components"]["schemas"]
    return schemas


def _first_schema(data: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in _schemas(data).values() if isinstance(s, dict) and "$ref" not in s)


def _first_operation(data: dict[str, Any]) -> dict[str, Any]:
    item = next(iter(data["paths"].values()))
    operation: dict[str, Any] = next(v for k, v in item.items() if k in ("get", "post"))
    return operation


def _duplicate_operation_id(data: dict[str, Any]) -> None:
    operations = [
        op for item in data["paths"].values() for op in item.values() if "responses" in op
    ]
    operations[-1]["operationId"] = operations[0]["operationId"]


BREAKS: dict[str, Break] = {
    "schema refused by its dialect": lambda d: _first_schema(d).update(minLength=-1),
    "schema required not a list": lambda d: _first_schema(d).update(required="x"),
    "summary not a string": lambda d: _first_operation(d).update(summary=5),
    "response not a mapping": lambda d: _first_operation(d).update(responses={"200": 5}),
    "deprecated not a boolean": lambda d: _first_operation(d).update(deprecated="yes"),
    "path key without slash": lambda d: d["paths"].update(things={}),
    "schema name refused": lambda d: _schemas(d).update({"bad name": {"type": "string"}}),
    "default that does not fit": lambda d: _schemas(d).update(
        Fitless={"type": "integer", "default": "seven"}
    ),
    "allOf requiring what it lacks": lambda d: _schemas(d).update(
        Lacking={"allOf": [{"type": "object"}], "required": ["missing"]}
    ),
    "operationId twice": _duplicate_operation_id,
    "info without version": lambda d: d["info"].pop("version"),
}


def _load(version: str) -> dict[str, Any]:
    data = parse_document(SPECS[version].read_bytes(), "openapi.yaml").data
    assert isinstance(data, dict)
    return data


def _whole(data: dict[str, Any]) -> list[Finding]:
    errors = validator.spec_validator(str(data["openapi"]))(data).iter_errors()
    return [(tuple(e.path), _message(e), e.instance) for e in errors]


def _comparable(findings: list[Finding]) -> tuple[list[str], dict[str, str]]:
    triples = sorted(json.dumps([list(p), m, v], default=repr) for p, m, v in findings)
    first: dict[str, str] = {}
    for path, message, _ in findings:
        first.setdefault(repr(path), message)
    return triples, first


@pytest.mark.parametrize("version", SPECS)
@pytest.mark.parametrize("broken", BREAKS)
def test_the_parts_find_what_the_whole_document_check_finds(version: str, broken: str) -> None:
    clean = _load(version)
    data = copy.deepcopy(clean)
    BREAKS[broken](data)
    expected = _comparable(_whole(data))
    # 3.0 checks only the schemas whose names it accepts: nothing to find, nothing to miss.
    assert expected[0] or (broken, version) == ("schema name refused", "3.0")
    assert _comparable(schema_findings(data, str(data["openapi"]))) == expected  # cold
    assert schema_findings(clean, str(clean["openapi"])) == []
    for _ in range(2):  # with the unbroken spec's verdicts, and with its own recorded too
        assert _comparable(schema_findings(data, str(data["openapi"]))) == expected


def _spec_text(version: str, old: bytes, new: bytes) -> bytes:
    text = SPECS[version].read_bytes()
    assert old in text
    return text.replace(old, new, 1)


def test_one_invalid_schema_is_reported_located_cold_and_warm(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = _spec_text("3.1", b"  schemas:\n", b"  schemas:\n    Bad:\n      minLength: -1\n")
    cold = validate_openapi(parse_document(broken, "openapi.yaml"))
    line = broken.decode().splitlines().index("      minLength: -1") + 1
    assert [d.location.line for d in cold if "less than the minimum" in d.message] == [line]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "warm"))
    validate_openapi(parse_document(SPECS["3.1"].read_bytes(), "openapi.yaml"))
    assert validate_openapi(parse_document(broken, "openapi.yaml")) == cold


def test_an_invalid_path_item_is_refused_located_cold_and_warm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = _spec_text("3.1", b"\npaths:\n", b"\npaths:\n  /broken:\n    get: 5\n")
    messages = []
    for cache in ("cold", "warm", "warm"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / cache))
        if cache == "warm":
            validate_openapi(parse_document(SPECS["3.1"].read_bytes(), "openapi.yaml"))
        with pytest.raises(SpecError, match="invalid OpenAPI") as refused:
            validate_openapi(parse_document(broken, "openapi.yaml"))
        messages.append(str(refused.value))
    assert messages[0] == messages[1] == messages[2]


def test_an_edit_checks_only_the_schemas_it_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[object] = []
    real = keywords.SchemaValidator._validate_schema_meta

    def counting(self: Any, schema: Any, value: Any) -> object:
        checked.append(value)
        return real(self, schema, value)

    monkeypatch.setattr(keywords.SchemaValidator, "_validate_schema_meta", counting)
    data = _load("3.1")
    validate_openapi(parse_document(SPECS["3.1"].read_bytes(), "openapi.yaml"))
    assert len(checked) > 10
    checked.clear()
    _first_operation(data)["summary"] = "An edited summary"
    assert schema_findings(data, str(data["openapi"])) == []
    assert checked == []
    _first_schema(data)["description"] = "An edited description"
    assert schema_findings(data, str(data["openapi"])) == []
    assert checked == [_first_schema(data)]
