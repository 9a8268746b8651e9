"""Generating a published spec as it is published, for the test modules of this folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..helpers import run_generator

SPECS = Path(__file__).resolve().parent.parent / "published_specs"


@dataclass(frozen=True)
class Generated:
    spec: Path
    out: Path
    package: str
    stderr: str


def generate(name: str, folder: Path) -> Generated:
    """`tests/published_specs/NAME` copied alone into `folder` (so with no sdk.yaml beside it)
    and generated into `folder/out`."""
    spec = folder / name
    spec.write_bytes((SPECS / name).read_bytes())
    out = folder / "out"
    result = run_generator(
        "generate", "--spec", str(spec), "--out", str(out), env={"XDG_CACHE_HOME": str(folder)}
    )
    assert result.returncode == 0, result.stderr[-5000:]
    (package,) = [path.name for path in out.iterdir() if (path / "__init__.py").is_file()]
    return Generated(spec, out, package, result.stderr)
