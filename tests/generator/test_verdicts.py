"""`verdicts` and `validator`: openapi-spec-validator's findings reused by the document's digest.

Pins that a spec that passed is not validated again while unchanged (the validator is not
even called), that an edit is validated afresh, that a refused spec is never recorded (each
run prints its errors), that an entry not whole or filed under another key is ignored, and
that the validator with its registry crawled once finds what the library's own finds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

from generator import validator, verdicts
from generator.errors import SpecError
from generator.load import parse_document
from generator.validate import validate_openapi

from ..helpers import ROOT, SPEC

REAL = (SPEC / "openapi.yaml").read_bytes()
BROKEN = REAL.replace(b"      type: apiKey", b"      type: apiKeys")


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of this test's own, never the developer's."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def _count_validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = validator.spec_validator

    def counting(version: str) -> type:
        calls.append(version)
        return real(version)

    monkeypatch.setattr(validator, "spec_validator", counting)
    return calls


def test_an_unchanged_spec_that_passed_is_not_validated_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _count_validations(monkeypatch)
    first = validate_openapi(parse_document(REAL, "o.yaml"))
    assert validate_openapi(parse_document(REAL, "o.yaml")) == first
    assert len(calls) == 1
    validate_openapi(parse_document(REAL + b"\n# an edit\nx-edited: true\n", "o.yaml"))
    assert len(calls) == 2


def test_a_refused_spec_is_validated_and_told_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_validations(monkeypatch)
    for _ in range(2):
        with pytest.raises(SpecError, match="invalid OpenAPI"):
            validate_openapi(parse_document(BROKEN, "o.yaml"))
    assert len(calls) == 2


def test_an_entry_not_whole_or_under_another_key_is_ignored(cache_home: Path) -> None:
    document = parse_document(REAL, "o.yaml")
    validate_openapi(document)
    (entry,) = (cache_home / "openapi-sdk-generator" / "validated").glob("*.json")
    good = json.loads(entry.read_text())
    plants: list[dict[str, object]] = [
        {**good, "key": "0" * 64},
        {**good, "findings": [["not", "three"]]},
        {**good, "findings": [[[{"a": 1}], "message", None]]},
        {"findings": []},
    ]
    for planted in plants:
        entry.write_text(json.dumps(planted))
        assert verdicts.recorded(good["key"]) is None
    entry.write_text("{not json")
    assert verdicts.recorded(good["key"]) is None
    assert verdicts.key(document.data) == good["key"]


@pytest.mark.parametrize(
    "spec",
    [
        SPEC / "openapi.yaml",
        ROOT / "tests" / "published_specs" / "twilio_api_v2010.yaml",
        ROOT / "tests" / "bad_specs" / "no-responses-3-0" / "openapi.yaml",
    ],
    ids=lambda path: path.parent.name,
)
def test_the_crawled_registry_finds_what_the_library_finds(spec: Path) -> None:
    data = parse_document(spec.read_bytes(), spec.name).data
    assert isinstance(data, dict)
    version = str(data["openapi"])
    library = OpenAPIV31SpecValidator if version.startswith("3.1") else OpenAPIV30SpecValidator
    ours = [
        (list(e.path), e.message) for e in validator.spec_validator(version)(data).iter_errors()
    ]
    theirs = [(list(e.path), e.message) for e in library(data).iter_errors()]
    assert ours == theirs
