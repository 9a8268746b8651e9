"""`validate`: what `against_schema=False` leaves out, and what it still checks.

The rest of validation is pinned by the bad-spec corpus (`tests/end_to_end/test_bad_specs.py`);
this pins the switch `diff` uses: openapi-spec-validator's conformance checks are skipped, our
own checks (what the build relies on) are not.
"""

from __future__ import annotations

import pytest

from generator.errors import SpecError
from generator.load import parse_document
from generator.validate import validate_openapi

from ..helpers import SPEC

REAL = (SPEC / "openapi.yaml").read_bytes()


def test_a_schema_violation_is_left_to_the_full_validation() -> None:
    document = parse_document(REAL.replace(b"      type: apiKey", b"      type: apiKeys"), "o.yaml")
    with pytest.raises(SpecError, match="invalid OpenAPI"):
        validate_openapi(document)
    validate_openapi(document, against_schema=False)


def test_our_own_checks_still_run() -> None:
    dangling = REAL.replace(
        b'$ref: "#/components/schemas/DeletedMessageBatch"',
        b'$ref: "#/components/schemas/Nothing"',
    )
    with pytest.raises(SpecError, match="`\\$ref` to nothing"):
        validate_openapi(parse_document(dangling, "o.yaml"), against_schema=False)
