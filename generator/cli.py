"""`python -m generator generate|check|diff|normalise`.

Exit codes: 0 done (or in sync), 1 `check` found stale files or `diff` a breaking change, 2 the
spec is invalid (each problem printed as FILE:LINE:COL: error: MESSAGE), 3 a later stage failed
on a valid spec, which is a generator bug; nothing is written in the last two cases.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.cache import cache_key, in_sync, record, recorded
from generator.errors import Location, SpecError, StageError

EXIT_STALE = 1
EXIT_BREAKING = 1
EXIT_SPEC_ERROR = 2
EXIT_STAGE_ERROR = 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="Generate a typed Python client from spec/."
    )
    parser.add_argument("--version", action="version", version=f"generator {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("generate", "write the client package from the spec"),
        ("check", "exit 1, naming each file, when the output is not what the spec produces"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--spec", type=Path, default=Path("spec"), help="spec folder")
        command.add_argument("--out", type=Path, default=Path("generated"), help="output folder")
        command.add_argument(
            "--package-name", help="import name of the package (default: sdk.yaml)"
        )
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
        "--spec", type=Path, default=Path("spec"), help="the spec --base compares (default spec)"
    )
    diff.add_argument("--json", action="store_true", help="print the changes as JSON")
    normalise = commands.add_parser(
        "normalise", help="write the spec as the Prism mock server needs it"
    )
    normalise.add_argument("--spec", type=Path, default=Path("spec"), help="spec folder")
    normalise.add_argument("--output", type=Path, required=True, help="JSON file to write")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "diff" and (args.base is None) == (args.old is None or args.new is None):
        parser.error("diff takes OLD and NEW, or --base REV (with --spec), not both")
    commands = {"generate": _generate, "check": _check, "diff": _diff, "normalise": _normalise}
    try:
        return commands[args.command](args)
    except SpecError as error:
        print(error, file=sys.stderr)
        return EXIT_SPEC_ERROR
    except StageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_STAGE_ERROR


def _generate(args: argparse.Namespace) -> int:
    from generator.diff.changelog import CHANGELOG, with_changelog
    from generator.diff.report import summary
    from generator.write import write_package

    if args.bump:
        _bump(args)
    key = cache_key(args.spec, args.package_name)
    cached = recorded(key) if key is not None else None
    if cached is not None:
        package, files, warnings = cached
        for warning in warnings:
            print(warning, file=sys.stderr)
        note = " (unchanged spec and generator: from the cache)"
    else:
        package, files = _run_pipeline(args, key)
        note = ""
    files, found = with_changelog(args.out, package, _version(files, package), files)
    write_package(args.out, package, files)
    print(f"wrote {len(files)} files to {args.out / package}{note}")
    if found.changes and found.foreign is not None:
        print(f"{summary(found.changes)}; {found.foreign} is not the generator's: left alone")
    elif found.changes:
        print(f"{summary(found.changes)}; {args.out / CHANGELOG} lists them")
    return 0


def _version(files: dict[str, str], package: str) -> str:
    """The version the package was generated with, as its recorded surface says."""
    from generator.diff.codec import FILE_NAME, SurfaceFormatError, loads

    try:
        return loads(files[f"{package}/{FILE_NAME}"]).version
    except (KeyError, SurfaceFormatError):
        return "unreleased"


def _bump(args: argparse.Namespace) -> None:
    """Raise sdk.yaml's version as the changes against the recorded surface call for."""
    from generator.diff.compare import compare
    from generator.diff.inputs import recorded_surface, spec_paths, surface_at
    from generator.diff.report import bump_of
    from generator.diff.version import bumped, newer, rewrite_version

    new = surface_at(args.spec, args.package_name)
    old, why_not = recorded_surface(args.out, new.package)
    if old is None:
        print(f"--bump: version stays {new.version}: nothing to compare with ({why_not})")
        return
    level = bump_of(compare(old, new))
    target = bumped(old.version, level) or bumped(new.version, level)
    if target is None:
        raise SpecError.at(
            Location(str(spec_paths(args.spec)[1])),
            f"--bump needs package.version as MAJOR.MINOR.PATCH, not {new.version!r}",
        )
    if newer(target, new.version):
        rewrite_version(spec_paths(args.spec)[1], target)
        print(f"--bump: version {new.version} -> {target} (changes since {old.version}: {level})")
    else:
        print(f"--bump: version stays {new.version} (changes since {old.version}: {level})")


def _check(args: argparse.Namespace) -> int:
    key = cache_key(args.spec, args.package_name)
    if key is not None and in_sync(key, args.out):
        return 0
    from generator.diff.changelog import with_changelog
    from generator.diff.report import text
    from generator.write import stale_report

    package, files = _run_pipeline(args, key)
    files, found = with_changelog(args.out, package, _version(files, package), files)
    stale = stale_report(args.out, package, files)
    if stale:
        print("\n".join(stale), file=sys.stderr)
        print(
            f"{len(stale)} file(s) out of date: run `python -m generator generate`", file=sys.stderr
        )
        if found.changes is None:
            print(
                f"What this does to the client's users is unknown: {found.why_not}", file=sys.stderr
            )
        else:
            print("What this does to the client's users:", file=sys.stderr)
            print(text(found.changes), end="", file=sys.stderr)
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
    from generator.load import load_document
    from generator.normalise import prism_document
    from generator.pipeline import OPENAPI_FILE
    from generator.validate import validate_openapi

    document = load_document(args.spec / OPENAPI_FILE)
    validate_openapi(document)
    args.output.write_text(json.dumps(prism_document(document), indent=2) + "\n")
    return 0


def _run_pipeline(args: argparse.Namespace, key: str | None) -> tuple[str, dict[str, str]]:
    """Generate in full, and remember the result under `key` for the next run."""
    # Imported here: black, datamodel-code-generator and the validator take most of a run.
    from generator.pipeline import generate_files

    api, files = generate_files(args.spec, args.package_name)
    warnings = [str(warning) for warning in api.warnings]
    for warning in warnings:
        print(warning, file=sys.stderr)
    if key is not None:
        record(key, api.package, files, warnings)
    return api.package, files
