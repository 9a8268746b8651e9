"""`version`: bumping MAJOR.MINOR.PATCH (0.x as Cargo reads it) and writing it into sdk.yaml.

Pins each bump before and after 1.0, that other versions are refused rather than guessed,
and that writing the version changes only its text: comments, quoting and flow style kept.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diff.rules import Bump
from generator.diff.version import bumped, newer, parse, rewrite_version
from generator.errors import SpecError
from generator.load import load_document
from generator.sdk_config import read_sdk_config

from ..helpers import SPEC


@pytest.mark.parametrize(
    ("version", "bump", "expected"),
    [
        ("1.2.3", "major", "2.0.0"),
        ("1.2.3", "minor", "1.3.0"),
        ("1.2.3", "patch", "1.2.4"),
        ("1.2.3", "none", "1.2.3"),
        ("0.1.0", "major", "0.2.0"),
        ("0.1.3", "minor", "0.1.4"),
        ("0.1.3", "patch", "0.1.4"),
        ("2.0.0-beta.1", "patch", "2.0.1"),
    ],
)
def test_bumps(version: str, bump: Bump, expected: str) -> None:
    assert bumped(version, bump) == expected


@pytest.mark.parametrize("version", ["1.2", "v1.2.3", "latest", "1.2.3.4"])
def test_other_versions_are_not_guessed(version: str) -> None:
    assert parse(version) is None and bumped(version, "minor") is None


def test_newer_compares_numbers_not_text() -> None:
    assert newer("0.10.0", "0.9.0") and not newer("0.9.0", "0.10.0")
    assert not newer("1.0.0", "1.0.0") and not newer("x", "1.0.0")


def test_the_real_sdk_yaml_keeps_everything_but_the_version(tmp_path: Path) -> None:
    path = tmp_path / "sdk.yaml"
    original = (SPEC / "sdk.yaml").read_text()
    path.write_text(original)
    rewrite_version(path, "0.2.0")
    text = path.read_text()
    assert text == original.replace("  version: 0.1.0 ", "  version: 0.2.0 ", 1)
    assert read_sdk_config(load_document(path)).version == "0.2.0"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("package: {name: p, version: 0.1.0}\n", "package: {name: p, version: 0.2.0}\n"),
        ("package:\n  version: '0.1.0' # c\n", "package:\n  version: '0.2.0' # c\n"),
        ('package:\n  version: "0.1.0"\n', 'package:\n  version: "0.2.0"\n'),
        ("# top\npackage:\r\n  version: 0.1.0\r\n", "# top\npackage:\r\n  version: 0.2.0\r\n"),
    ],
    ids=["flow", "single-quoted", "double-quoted", "crlf"],
)
def test_each_way_of_writing_it(tmp_path: Path, written: str, expected: str) -> None:
    path = tmp_path / "sdk.yaml"
    path.write_bytes(written.encode())
    rewrite_version(path, "0.2.0")
    assert path.read_bytes() == expected.encode()


@pytest.mark.parametrize(
    "written",
    ["methods: {}\n", "package: {name: p}\n", "package:\n  version: |\n    0.1.0\n"],
    ids=["no-package", "no-version", "block-scalar"],
)
def test_a_version_it_cannot_edit_is_a_located_error(tmp_path: Path, written: str) -> None:
    path = tmp_path / "sdk.yaml"
    path.write_text(written)
    with pytest.raises(SpecError, match="version"):
        rewrite_version(path, "0.2.0")
    assert path.read_text() == written
