"""`python -m generator generate|check|normalise`.

Exit codes: 0 done (or in sync), 1 `check` found stale files, 2 the spec is invalid (each
problem printed as FILE:LINE:COL: error: MESSAGE), 3 a later stage failed on a valid spec,
which is a generator bug, 4 a file beside the package (api.md, pyproject.toml, README.md) was
not written by the generator, which never replaces one (`check` reports it too); nothing is
written in the last three cases.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import NAME, __version__
from generator.cache import cache_key, in_sync, includes_digests, record, recorded
from generator.errors import ForeignFileError, SpecError, StageError
from generator.spec_files import spec_files

EXIT_STALE = 1
EXIT_SPEC_ERROR = 2
EXIT_STAGE_ERROR = 3
EXIT_FOREIGN_FILE = 4
_SPEC_HELP = "spec folder (openapi.yaml and sdk.yaml), or an OpenAPI file with sdk.yaml beside it"
_EXTERNAL_HELP = (
    "follow `$ref`s to files outside the spec's folder too (URLs never are; by default only "
    "files in the folder of the OpenAPI file and below it)"
)
DEFAULT_SPEC = "spec"
DEFAULT_OUT = "generated"
#: The options of `generate` and `check` that choose what they act on, by argparse dest.
_TARGET_OPTIONS = {
    "spec": "--spec",
    "out": "--out",
    "package_name": "--package-name",
    "allow_external_refs": "--allow-external-refs",
}


@dataclass(frozen=True)
class Target:
    """What `generate` and `check` act on, and the options that chose it as they were given."""

    spec: Path
    out: Path
    package_name: str | None
    given: tuple[tuple[str, str | None], ...]
    """(flag, value as typed, None for a switch) for each option given, in the order of
    `_TARGET_OPTIONS`."""
    allow_external_refs: bool = False

    @property
    def generate_command(self) -> str:
        """The `generate` command for this target, to paste into a shell: the same options,
        spelled as given (a fix hint that dropped `--out` would regenerate somewhere else)."""
        options = "".join(
            f" {flag}" if value is None else f" {flag} {shlex.quote(value)}"
            for flag, value in self.given
        )
        return f"python -m generator generate{options}"

    @property
    def cache_key(self) -> str | None:
        return cache_key(self.spec, self.package_name, self.allow_external_refs)

    @property
    def folder(self) -> Path:
        """The OpenAPI file's folder, from which the files its `$ref`s name are found."""
        return spec_files(self.spec).openapi.parent


def target(args: argparse.Namespace) -> Target:
    """The target of a parsed `generate` or `check`; options left out take their defaults."""
    given = tuple(
        (flag, None if value is True else value)
        for dest, flag in _TARGET_OPTIONS.items()
        if (value := getattr(args, dest)) not in (None, False)
    )
    return Target(
        spec=Path(DEFAULT_SPEC if args.spec is None else args.spec),
        out=Path(DEFAULT_OUT if args.out is None else args.out),
        package_name=args.package_name,
        given=given,
        allow_external_refs=args.allow_external_refs,
    )


def argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="Generate a typed Python client from spec/."
    )
    parser.add_argument("--version", action="version", version=f"{NAME} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("generate", "write the client package from the spec"),
        ("check", "exit 1, naming each file, when the output is not what the spec produces"),
    ):
        command = commands.add_parser(name, help=help_text)
        # Kept as typed (no `type=Path`), so that a hint can repeat them as they were given.
        command.add_argument("--spec", help=f"{_SPEC_HELP} (default: {DEFAULT_SPEC})")
        command.add_argument("--out", help=f"output folder (default: {DEFAULT_OUT})")
        command.add_argument(
            "--package-name", help="import name of the package (default: sdk.yaml)"
        )
        command.add_argument("--allow-external-refs", action="store_true", help=_EXTERNAL_HELP)
    normalise = commands.add_parser(
        "normalise", help="write the spec as the Prism mock server needs it"
    )
    normalise.add_argument("--spec", type=Path, default=Path(DEFAULT_SPEC), help=_SPEC_HELP)
    normalise.add_argument("--allow-external-refs", action="store_true", help=_EXTERNAL_HELP)
    normalise.add_argument("--output", type=Path, required=True, help="JSON file to write")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = argument_parser().parse_args(argv)
    try:
        if args.command == "generate":
            return _generate(target(args))
        if args.command == "check":
            return _check(target(args))
        return _normalise(args)
    except SpecError as error:
        print(error, file=sys.stderr)
        return EXIT_SPEC_ERROR
    except StageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_STAGE_ERROR
    except ForeignFileError as error:
        print(error, file=sys.stderr)
        return EXIT_FOREIGN_FILE


def _generate(target: Target) -> int:
    from generator.write import write_package

    package, files, cached = _produce(target, target.cache_key)
    note = " (unchanged spec and generator: from the cache)" if cached else ""
    write_package(target.out, package, files)
    print(f"wrote {len(files)} files to {target.out / package}{note}")
    return 0


def _check(target: Target) -> int:
    key = target.cache_key
    if key is not None and in_sync(key, target.out, target.folder):
        return 0
    from generator.write import foreign_files, stale_report

    package, files, _ = _produce(target, key)
    stale = stale_report(target.out, package, files)
    if stale:
        print("\n".join(stale), file=sys.stderr)
    foreign = foreign_files(target.out, files)
    if foreign:
        print(
            f"{len(foreign)} file(s) beside the package were not written by the generator:"
            " move them away, or choose another --out",
            file=sys.stderr,
        )
        return EXIT_FOREIGN_FILE
    if stale:
        print(f"{len(stale)} file(s) out of date: run `{target.generate_command}`", file=sys.stderr)
        return EXIT_STALE
    return 0


def _normalise(args: argparse.Namespace) -> int:
    from generator.bundle import load_openapi
    from generator.normalise import prism_document
    from generator.validate import validate_openapi

    document = load_openapi(
        spec_files(args.spec).openapi, allow_external_refs=args.allow_external_refs
    )
    validate_openapi(document)
    args.output.write_text(json.dumps(prism_document(document), indent=2) + "\n")
    return 0


def _produce(target: Target, key: str | None) -> tuple[str, dict[str, str], bool]:
    """The package name and files generation produces for `target`, and whether they came
    from the cache under `key`: when neither spec nor generator changed, the files recorded
    last time are exactly what a full run would print, in a fraction of its time."""
    cached = recorded(key, target.folder) if key is not None else None
    if cached is not None:
        for warning in cached.warnings:  # a cached run says what the spec made it work around
            print(warning, file=sys.stderr)
        return cached.package, cached.files, True
    # Imported here: black, datamodel-code-generator and the validator take most of a run.
    from generator.pipeline import load_spec, package_files

    spec = load_spec(
        target.spec, target.package_name, allow_external_refs=target.allow_external_refs
    )
    api, files = package_files(spec)
    warnings = [str(warning) for warning in api.warnings]
    for warning in warnings:
        print(warning, file=sys.stderr)
    if key is not None:
        includes = includes_digests((s.relative, s.raw) for s in spec.openapi.includes)
        record(key, api.package, files, warnings, includes)
    return api.package, files, False
