"""`python -m generator generate|check|diff|normalise`.

Exit codes: 0 done (or in sync), 1 `check` found stale files or `diff` a breaking change, 2 the spec is invalid (each
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
from generator.errors import ForeignFileError, Location, SpecError, StageError
from generator.spec_files import spec_files

EXIT_STALE = 1
EXIT_BREAKING = 1
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
        if name == "generate":
            command.add_argument(
                "--bump",
                action="store_true",
                help="first raise package.version in sdk.yaml as the changes to the package's "
                "surface call for (major, minor, patch)",
            )
    diff = commands.add_parser(
        "diff",
        help="list what changed for the client's users between two specs, and whether it "
        "breaks them (exit 1 when something does)",
    )
    diff.add_argument("old", nargs="?", type=Path, help="the old spec (folder or OpenAPI file)")
    diff.add_argument("new", nargs="?", type=Path, help="the new spec (folder or OpenAPI file)")
    diff.add_argument(
        "--base",
        metavar="REV",
        help="compare --spec in the working tree with the same spec at git revision REV",
    )
    diff.add_argument(
        "--spec",
        type=Path,
        default=Path(DEFAULT_SPEC),
        help=f"the spec --base compares ({_SPEC_HELP})",
    )
    diff.add_argument("--json", action="store_true", help="print the changes as JSON")
    normalise = commands.add_parser(
        "normalise", help="write the spec as the Prism mock server needs it"
    )
    normalise.add_argument("--spec", type=Path, default=Path(DEFAULT_SPEC), help=_SPEC_HELP)
    normalise.add_argument("--allow-external-refs", action="store_true", help=_EXTERNAL_HELP)
    normalise.add_argument("--output", type=Path, required=True, help="JSON file to write")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = argument_parser()
    args = parser.parse_args(argv)
    if args.command == "diff" and (args.base is None) == (args.old is None or args.new is None):
        parser.error("diff takes OLD and NEW, or --base REV (with --spec), not both")
    try:
        if args.command == "generate":
            return _generate(target(args), bump=args.bump)
        if args.command == "check":
            return _check(target(args))
        if args.command == "diff":
            return _diff(args)
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


def _generate(target: Target, *, bump: bool) -> int:
    from generator.diff.changelog import with_changelog
    from generator.diff.report import summary
    from generator.write import CHANGELOG, write_package

    if bump:
        _bump(target)
    package, files, cached = _produce(target, target.cache_key)
    note = " (unchanged spec and generator: from the cache)" if cached else ""
    files, found = with_changelog(target.out, package, _version(files, package), files)
    write_package(target.out, package, files)
    print(f"wrote {len(files)} files to {target.out / package}{note}")
    if found.changes and found.foreign is not None:
        print(f"{summary(found.changes)}; {found.foreign} is not the generator's: left alone")
    elif found.changes:
        print(f"{summary(found.changes)}; {target.out / CHANGELOG} lists them")
    return 0


def _version(files: dict[str, str], package: str) -> str:
    """The version the package was generated with, as its recorded surface says."""
    from generator.diff.codec import FILE_NAME, SurfaceFormatError, loads

    try:
        return loads(files[f"{package}/{FILE_NAME}"]).version
    except (KeyError, SurfaceFormatError):
        return "unreleased"


def _bump(target: Target) -> None:
    """Raise sdk.yaml's version as the changes against the recorded surface call for."""
    from generator.diff.compare import compare
    from generator.diff.inputs import recorded_surface, surface_at
    from generator.diff.report import bump_of
    from generator.diff.version import bumped, newer, rewrite_version

    new = surface_at(
        target.spec, target.package_name, allow_external_refs=target.allow_external_refs
    )
    old, why_not = recorded_surface(target.out, new.package)
    if old is None:
        print(f"--bump: version stays {new.version}: nothing to compare with ({why_not})")
        return
    level = bump_of(compare(old, new))
    bumped_to = bumped(old.version, level) or bumped(new.version, level)
    sdk_path = spec_files(target.spec).sdk
    if bumped_to is None:
        raise SpecError.at(
            Location(str(sdk_path)),
            f"--bump needs package.version as MAJOR.MINOR.PATCH, not {new.version!r}",
        )
    if newer(bumped_to, new.version):
        rewrite_version(sdk_path, bumped_to)
        print(
            f"--bump: version {new.version} -> {bumped_to} (changes since {old.version}: {level})"
        )
    else:
        print(f"--bump: version stays {new.version} (changes since {old.version}: {level})")


def _check(target: Target) -> int:
    key = target.cache_key
    if key is not None and in_sync(key, target.out, target.folder):
        return 0
    from generator.diff.changelog import with_changelog
    from generator.diff.report import text
    from generator.write import foreign_files, stale_report

    package, files, _ = _produce(target, key)
    files, found = with_changelog(target.out, package, _version(files, package), files)
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
        if found.changes is None:
            print(
                f"What this does to the client's users is unknown: {found.why_not}", file=sys.stderr
            )
        else:
            print("What this does to the client's users:", file=sys.stderr)
            print(text(found.changes), end="", file=sys.stderr)
        print(f"{len(stale)} file(s) out of date: run `{target.generate_command}`", file=sys.stderr)
        return EXIT_STALE
    return 0


def _diff(args: argparse.Namespace) -> int:
    from generator.diff.compare import compare
    from generator.diff.inputs import surface_at, surface_at_revision
    from generator.diff.report import as_json, text

    if args.base is not None:
        old = surface_at_revision(args.base, args.spec)
        new = surface_at(args.spec)
    else:
        old, new = surface_at(args.old), surface_at(args.new)
    changes = compare(old, new)
    print(as_json(changes) if args.json else text(changes), end="")
    return EXIT_BREAKING if any(change.breaking for change in changes) else 0


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
