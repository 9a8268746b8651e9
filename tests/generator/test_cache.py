"""`generator.cache`: the key over everything that feeds generation, and the record under it.

Pins that `cache_key` changes with either spec file, with the package name and with
`--allow-external-refs`, is the same whether the spec is named by its folder or its OpenAPI
file, and is None without a spec file; that `record` and `recorded` round-trip under
`XDG_CACHE_HOME`, reading as None for a corrupt or wrongly shaped entry, for one whose other
spec files (those `$ref`s name) changed, and for one naming a file generation does not write
(then the run generates afresh, writing nothing where it named); and that `in_sync` holds only
while the output holds exactly the recorded files, byte for byte.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import cli
from generator.cache import cache_dir, cache_key, in_sync, includes_digests, record, recorded

from ..helpers import ROOT, tree

GOLDEN_SPEC = ROOT / "tests" / "golden" / "bearer_auth" / "spec"
KEY = "0123abcd"
FILES = {
    "api.md": "# API\n",
    "pkg/__init__.py": "",
    "pkg/types.py": "class Thing: ...\n",
    "pkg/resources/things.py": "def things() -> None: ...\n",
}


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of this test's own, never the developer's."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    folder = tmp_path / "spec"
    shutil.copytree(GOLDEN_SPEC, folder)
    return folder


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An output folder holding exactly FILES, recorded under KEY."""
    folder = tmp_path / "out"
    for name, text in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    record(KEY, "pkg", FILES)
    return folder


# cache_key -----------------------------------------------------------------------------------


def files_of(key: str) -> tuple[str, dict[str, str]] | None:
    """The package and files recorded under `key`."""
    entry = recorded(key)
    return None if entry is None else (entry.package, entry.files)


def test_the_key_is_a_sha256_that_the_same_inputs_give_again(spec: Path) -> None:
    key = cache_key(spec, None)
    assert key is not None and len(key) == 64
    assert set(key) <= set("0123456789abcdef")
    assert cache_key(spec, None) == key


@pytest.mark.parametrize("name", ["openapi.yaml", "sdk.yaml"])
def test_the_key_changes_when_a_spec_file_changes_by_one_byte(spec: Path, name: str) -> None:
    before = cache_key(spec, None)
    with (spec / name).open("a") as handle:
        handle.write("\n")
    assert cache_key(spec, None) != before


def test_the_key_ignores_other_files_in_the_spec_folder(spec: Path) -> None:
    before = cache_key(spec, None)
    (spec / "notes.txt").write_text("not read by the generator\n")
    assert cache_key(spec, None) == before


def test_the_key_changes_with_the_package_name_asked_for(spec: Path) -> None:
    keys = {cache_key(spec, None), cache_key(spec, "widgets"), cache_key(spec, "gadgets")}
    assert len(keys) == 3


def test_the_key_is_none_when_the_openapi_file_is_missing(spec: Path) -> None:
    (spec / "openapi.yaml").unlink()
    assert cache_key(spec, None) is None


def test_no_sdk_yaml_has_a_key_of_its_own_apart_from_an_empty_one(spec: Path) -> None:
    """sdk.yaml is optional: without it the spec's defaults apply, which an empty file
    (an error: it is no mapping) must not share a cached result with."""
    with_config = cache_key(spec, None)
    (spec / "sdk.yaml").unlink()
    without = cache_key(spec, None)
    (spec / "sdk.yaml").write_text("")
    empty = cache_key(spec, None)
    assert None not in (with_config, without, empty)
    assert len({with_config, without, empty}) == 3


def test_the_key_is_none_for_a_spec_folder_that_does_not_exist(tmp_path: Path) -> None:
    assert cache_key(tmp_path / "nowhere", None) is None


def test_the_openapi_file_named_instead_of_its_folder_gives_the_same_key(spec: Path) -> None:
    """The output does not depend on how the spec was named, so neither does the key."""
    folder_key = cache_key(spec, None)
    (spec / "openapi.yaml").rename(spec / "widgets.openapi.yaml")
    assert cache_key(spec / "widgets.openapi.yaml", None) == folder_key


@pytest.mark.parametrize("name", ["widgets.openapi.yaml", "sdk.yaml"])
def test_the_key_of_a_named_openapi_file_changes_with_either_file(spec: Path, name: str) -> None:
    (spec / "openapi.yaml").rename(spec / "widgets.openapi.yaml")
    before = cache_key(spec / "widgets.openapi.yaml", None)
    with (spec / name).open("a") as handle:
        handle.write("\n")
    assert cache_key(spec / "widgets.openapi.yaml", None) != before


def test_an_openapi_file_alone_has_the_key_of_its_folder_alone(spec: Path, tmp_path: Path) -> None:
    alone = tmp_path / "alone"
    alone.mkdir()
    (spec / "openapi.yaml").rename(alone / "openapi.yaml")
    assert cache_key(alone / "openapi.yaml", None) == cache_key(alone, None) is not None


# cache_dir, record, recorded -----------------------------------------------------------------


def test_the_cache_lives_under_xdg_cache_home(cache_home: Path) -> None:
    assert cache_dir() == cache_home / "openapi-sdk-generator"


@pytest.mark.parametrize("xdg", [None, ""])
def test_without_xdg_cache_home_the_cache_lives_under_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME")
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_dir() == tmp_path / ".cache" / "openapi-sdk-generator"


def test_a_record_reads_back_as_written(cache_home: Path) -> None:
    files = {**FILES, "pkg/unicode.py": "s = 'é \u202e'\n"}
    record(KEY, "pkg", files)
    assert files_of(KEY) == ("pkg", files)
    # One entry per key, written whole: no temporary file is left beside it.
    assert [p.name for p in (cache_home / "openapi-sdk-generator").iterdir()] == [f"{KEY}.json"]


def test_a_second_record_under_a_key_replaces_the_first() -> None:
    record(KEY, "pkg", FILES)
    record(KEY, "other", {"other/__init__.py": ""})
    assert files_of(KEY) == ("other", {"other/__init__.py": ""})


def test_records_under_other_keys_are_kept_apart() -> None:
    record("a", "pkg", {"pkg/a.py": "a"})
    record("b", "pkg", {"pkg/b.py": "b"})
    assert files_of("a") == ("pkg", {"pkg/a.py": "a"})
    assert files_of("b") == ("pkg", {"pkg/b.py": "b"})


def test_nothing_is_recorded_under_a_key_never_written() -> None:
    assert recorded(KEY) is None


def test_a_cache_that_cannot_be_written_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    record(KEY, "pkg", FILES)  # no exception: a cache only saves time
    assert recorded(KEY) is None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe not utf-8",
        b"[]",
        b'"pkg"',
        b'{"package": "pkg"}',
        b'{"files": {}}',
        b'{"package": 1, "files": {}}',
        b'{"package": "pkg", "files": []}',
        b'{"package": "pkg", "files": {"pkg/a.py": 1}}',
        b'{"package": "pkg", "files": {"pkg/a.py": null}}',
    ],
)
def test_a_corrupt_or_wrongly_shaped_entry_reads_as_nothing(content: bytes) -> None:
    folder = cache_dir()
    folder.mkdir(parents=True)
    (folder / f"{KEY}.json").write_bytes(content)
    assert recorded(KEY) is None


def test_a_well_shaped_entry_written_by_hand_is_read() -> None:
    folder = cache_dir()
    folder.mkdir(parents=True)
    entry = {"package": "pkg", "files": {"pkg/a.py": "x = 1\n"}, "extra": True}
    (folder / f"{KEY}.json").write_text(json.dumps(entry))
    assert files_of(KEY) == ("pkg", {"pkg/a.py": "x = 1\n"})


def test_allowing_external_refs_changes_the_key(spec: Path) -> None:
    assert cache_key(spec, None, True) != cache_key(spec, None)
    assert cache_key(spec, None, False) == cache_key(spec, None)


# The other files a spec's `$ref`s name ------------------------------------------------------


def test_an_entry_is_used_while_the_other_files_it_read_are_unchanged(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "pet.yaml").write_bytes(b"type: object\n")
    record(KEY, "pkg", FILES, [], includes_digests([("schemas/pet.yaml", b"type: object\n")]))
    assert recorded(KEY, tmp_path) == ("pkg", FILES, [])


@pytest.mark.parametrize("change", ["edit", "remove"])
def test_an_entry_whose_other_files_changed_reads_as_nothing(
    tmp_path: Path, out: Path, change: str
) -> None:
    pet = tmp_path / "pet.yaml"
    pet.write_bytes(b"type: object\n")
    record(KEY, "pkg", FILES, [], includes_digests([("pet.yaml", pet.read_bytes())]))
    assert in_sync(KEY, out, tmp_path)
    if change == "edit":
        pet.write_bytes(b"type: string\n")
    else:
        pet.unlink()
    assert recorded(KEY, tmp_path) is None
    assert not in_sync(KEY, out, tmp_path)


def test_an_entry_with_other_files_needs_the_folder_to_find_them() -> None:
    record(KEY, "pkg", FILES, [], {"pet.yaml": "0" * 64})
    assert recorded(KEY) is None


@pytest.mark.parametrize(
    "name",
    [
        "/tmp/evil.py",
        "../evil.py",
        "pkg/../../evil.py",
        "pkg/./types.py",
        "pkg//types.py",
        "pkg/",
        "pkg",
        "evil.py",
        "other/evil.py",
        "pkg\\..\\..\\evil.py",
        "pkg/evil\x00.py",
        "",
    ],
)
def test_an_entry_naming_a_file_outside_what_generation_owns_reads_as_nothing(
    name: str,
) -> None:
    """A cache entry is only trusted to name files of the package folder and the few beside
    it; anything else (an absolute path, a step up, another folder) makes the entry void."""
    record(KEY, "pkg", {**FILES, name: "import os  # written where it was never meant to be\n"})
    assert recorded(KEY) is None


@pytest.mark.parametrize("package", ["../pkg", "/tmp/pkg", "pkg/sub", "", "pkg.sub"])
def test_an_entry_whose_package_is_no_identifier_reads_as_nothing(package: str) -> None:
    record(KEY, package, {f"{package}/__init__.py": ""})
    assert recorded(KEY) is None


def test_a_poisoned_entry_is_ignored_and_the_run_generates_afresh(
    spec: Path, tmp_path: Path
) -> None:
    """The entry under the spec's own key names a file outside the output folder: it is not
    written there, and the output is what a full run produces."""
    key = cache_key(spec, None)
    assert key is not None
    escaped = tmp_path / "escaped.py"
    record(key, "widgets", {"widgets/__init__.py": "", "../../escaped.py": "import os\n"})
    out = tmp_path / "out"
    assert cli.main(["generate", "--spec", str(spec), "--out", str(out)]) == 0
    assert not escaped.exists()
    assert tree(out) == tree(GOLDEN_SPEC.parent / "expected")
    assert cli.main(["check", "--spec", str(spec), "--out", str(out)]) == 0


# in_sync -------------------------------------------------------------------------------------


def test_the_output_is_in_sync_when_it_holds_exactly_the_recorded_files(out: Path) -> None:
    assert in_sync(KEY, out)


def test_tool_caches_and_the_users_files_beside_the_package_do_not_matter(out: Path) -> None:
    (out / "pkg" / "__pycache__").mkdir()
    (out / "pkg" / "__pycache__" / "types.cpython-311.pyc").write_bytes(b"\x00")
    (out / "pkg" / "resources" / ".mypy_cache").mkdir()
    (out / "pkg" / "resources" / ".mypy_cache" / "x.json").write_text("{}")
    (out / "README.md").write_text("mine\n")
    assert in_sync(KEY, out)


def test_an_extra_file_in_the_package_breaks_sync(out: Path) -> None:
    (out / "pkg" / "resources" / "extra.py").write_text("")
    assert not in_sync(KEY, out)


@pytest.mark.parametrize("name", ["pkg/types.py", "pkg/__init__.py", "api.md"])
def test_a_missing_file_breaks_sync(out: Path, name: str) -> None:
    (out / name).unlink()
    assert not in_sync(KEY, out)


@pytest.mark.parametrize("name", ["pkg/types.py", "api.md"])
def test_a_one_byte_edit_breaks_sync(out: Path, name: str) -> None:
    data = bytearray((out / name).read_bytes())
    data[0] ^= 0x20  # change one letter's case
    (out / name).write_bytes(bytes(data))
    assert not in_sync(KEY, out)


def test_a_line_ending_change_breaks_sync(out: Path) -> None:
    (out / "pkg" / "types.py").write_bytes(b"class Thing: ...\r\n")
    assert not in_sync(KEY, out)


def test_nothing_is_in_sync_without_a_record(out: Path) -> None:
    assert not in_sync("another-key", out)


def test_nothing_is_in_sync_when_the_package_folder_is_gone(out: Path) -> None:
    shutil.rmtree(out / "pkg")
    assert not in_sync(KEY, out)
