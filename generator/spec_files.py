"""Where a spec's two files are, from what `--spec` names.

`--spec` names either a folder holding `openapi.yaml` and `sdk.yaml`, or the OpenAPI document
itself (any name: a project may keep `anthropic.openapi.yaml` beside other APIs' specs), with
`sdk.yaml` read from the same folder. Kept apart from `load` so that the cache, which must
stay quick to import, finds the same files the pipeline reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

OPENAPI_FILE = "openapi.yaml"
SDK_FILE = "sdk.yaml"


@dataclass(frozen=True)
class SpecFiles:
    openapi: Path
    sdk: Path


def spec_files(spec: Path) -> SpecFiles:
    """The two files `spec` stands for: a folder's `openapi.yaml`, or `spec` itself when it
    is not a folder (so a missing file is reported under the name given); `sdk.yaml` beside."""
    if spec.is_dir():
        return SpecFiles(spec / OPENAPI_FILE, spec / SDK_FILE)
    return SpecFiles(spec, spec.parent / SDK_FILE)
