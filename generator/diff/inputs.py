"""Where the surfaces a diff compares come from: a spec on disk, a spec at a git revision, or
the `_surface.json` a generation recorded in its package.

A spec is named as `--spec` names it: a folder holding `openapi.yaml` and `sdk.yaml`, or the
OpenAPI file itself with `sdk.yaml` beside it. At a git revision the two files are read with
`git cat-file` straight into the loader, named `REV:path`, so an error in the old spec points
at the revision and file it is in. Either way the spec goes through the same validation and
build as `generate`: the surface is the generated package's, not the YAML's. All but one
check: openapi-spec-validator's conformance to the OpenAPI schema, which takes nine tenths of
a large spec's build and says nothing about the surface (`generate` and `check` still run it);
our own checks, which are what the build relies on, run, so a spec the surface cannot be
built from is still refused with located errors.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.bundle import load_openapi
from generator.diff.codec import FILE_NAME, SurfaceFormatError, loads
from generator.diff.surface import Surface, surface_of
from generator.errors import Location, SpecError
from generator.limits import MAX_SPEC_BYTES
from generator.load import Document, load_document, parse_document
from generator.pipeline import build, read_spec
from generator.spec_files import spec_files

_GIT_TIMEOUT_SECONDS = 60


def surface_at(
    spec: Path, package_name: str | None = None, *, allow_external_refs: bool = False
) -> Surface:
    """The surface of the package the spec at `spec` generates."""
    files = spec_files(spec)
    openapi = load_openapi(files.openapi, allow_external_refs=allow_external_refs)
    loaded = read_spec(
        openapi,
        lambda: load_document(files.sdk) if files.sdk.exists() else None,
        str(files.sdk),
        package_name,
        against_schema=False,
    )
    return surface_of(build(loaded))


def surface_at_revision(revision: str, spec: Path, package_name: str | None = None) -> Surface:
    """The surface of the package the spec at `spec` generated at git revision `revision`."""
    files = spec_files(spec)
    openapi = _document_at(revision, files.openapi)
    loaded = read_spec(
        openapi,
        lambda: _document_at(revision, files.sdk) if _exists_at(revision, files.sdk) else None,
        f"{revision}:{files.sdk}",
        package_name,
        against_schema=False,
    )
    return surface_of(build(loaded))


def _exists_at(revision: str, path: Path) -> bool:
    """Whether git has a file at `path` in `revision` (an optional sdk.yaml may be absent)."""
    target = f"{revision}:./{path.name}"
    try:
        found = subprocess.run(
            ["git", "cat-file", "-e", target],
            cwd=path.parent if str(path.parent) else Path("."),
            capture_output=True,
            timeout=_GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return True  # reading it will say why git cannot be run
    return found.returncode == 0


def _document_at(revision: str, path: Path) -> Document:
    name = f"{revision}:{path}"
    if revision.startswith("-"):
        raise SpecError.at(Location(name), f"{revision!r} is not a git revision")
    # `REV:./file` is git's syntax for a path relative to the working directory.
    target = f"{revision}:./{path.name}"
    size = _git(["cat-file", "-s", target], path.parent, name)
    if int(size or b"0") > MAX_SPEC_BYTES:
        raise SpecError.at(
            Location(name), f"file is {int(size)} bytes; specs over {MAX_SPEC_BYTES} are refused"
        )
    return parse_document(_git(["cat-file", "blob", target], path.parent, name), name)


def _git(arguments: list[str], folder: Path, name: str) -> bytes:
    try:
        result = subprocess.run(
            ["git", *arguments],
            cwd=folder if str(folder) else Path("."),
            capture_output=True,
            timeout=_GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise SpecError.at(Location(name), f"cannot run git: {exc}") from None
    if result.returncode != 0:
        said = " ".join(result.stderr.decode(errors="replace").split()) or "no output"
        raise SpecError.at(Location(name), f"cannot read it from git: {said}")
    return result.stdout


def recorded_surface(out: Path, package: str) -> tuple[Surface | None, str | None]:
    """The surface generation recorded in `out/package`, or None and why not."""
    path = out / package / FILE_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, f"{path} does not exist (generated before surfaces were recorded?)"
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"cannot read {path}: {exc}"
    try:
        return loads(text), None
    except SurfaceFormatError as exc:
        return None, f"cannot read {path}: {exc}"
