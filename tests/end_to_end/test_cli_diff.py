"""`diff`, and what `check` and `generate` do with the surface, as users run them.

Pins the exit codes (0 nothing breaks, 1 something does, 2 an invalid spec, 3 a stage
failure), the `--json` shape, that a spec diffed with itself is empty, both ways of naming a
spec, `--base REV` in a real git repository, the summary a stale `check` prints, and the
CHANGELOG.md and `--bump` of `generate`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator import cli
from generator.errors import StageError

from ..diff.cases import BASE
from ..helpers import ROOT, SPEC, run_generator

GOLDEN = sorted((ROOT / "tests" / "golden").glob("*/spec"))
Edit = Callable[[dict[str, object], dict[str, object]], None]


def spec_copy(folder: Path, edit: Edit | None = None, source: Path = BASE) -> Path:
    """A copy of the spec at `source`, edited (through YAML, so comments go) when asked."""
    shutil.copytree(source, folder)
    if edit is not None:
        openapi = yaml.safe_load((folder / "openapi.yaml").read_text())
        sdk = yaml.safe_load((folder / "sdk.yaml").read_text())
        edit(openapi, sdk)
        (folder / "openapi.yaml").write_text(yaml.safe_dump(openapi, sort_keys=False))
        (folder / "sdk.yaml").write_text(yaml.safe_dump(sdk, sort_keys=False))
    return folder


def remove_delete(openapi: dict[str, object], sdk: dict[str, object]) -> None:
    paths = openapi["paths"]
    assert isinstance(paths, dict)
    del paths["/widgets/{widget_id}"]["delete"]
    methods = sdk["methods"]
    assert isinstance(methods, dict)
    del methods["widgets.delete"]


def add_expand(openapi: dict[str, object], sdk: dict[str, object]) -> None:
    paths = openapi["paths"]
    assert isinstance(paths, dict)
    paths["/widgets/{widget_id}"]["get"]["parameters"].append(
        {"name": "expand", "in": "query", "schema": {"type": "boolean"}}
    )


def in_process(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`main(args)` in this process (no interpreter start-up): exit code, stdout, stderr."""
    try:
        code = cli.main(list(args))
    except SystemExit as exit_:  # argparse's usage errors
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )


@pytest.mark.parametrize(
    "spec", [SPEC, BASE, *GOLDEN], ids=["spec", "diff-base", *(p.parent.name for p in GOLDEN)]
)
def test_a_spec_diffed_with_itself_is_empty(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["diff", str(spec), str(spec), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"changes": [], "bump": "none"}


def test_a_breaking_change_exits_1_and_json_has_the_documented_shape(tmp_path: Path) -> None:
    new = spec_copy(tmp_path / "new", remove_delete)
    result = run("diff", str(BASE), str(new), "--json")
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert document == {
        "changes": [
            {
                "breaking": True,
                "kind": "method.removed",
                "where": "widgets.delete",
                "message": "method removed: `delete(widget_id) -> None`",
            }
        ],
        "bump": "major",
    }


def test_a_compatible_change_exits_0_in_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = spec_copy(tmp_path / "new", add_expand)
    code, out, err = in_process(
        capsys, "diff", str(BASE / "openapi.yaml"), str(new / "openapi.yaml")
    )
    assert code == 0, err
    assert out.splitlines() == [
        "widgets.retrieve",
        "  compatible argument `expand: bool` added, optional  [argument.added_optional]",
        "1 change(s): 0 breaking, 1 compatible, 0 docs-only; version bump: minor",
    ]


def test_an_invalid_spec_exits_2_with_its_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = spec_copy(tmp_path / "new")
    (new / "openapi.yaml").write_text((new / "openapi.yaml").read_text() + "  - oops\n")
    code, _, err = in_process(capsys, "diff", str(BASE), str(new))
    assert code == 2
    assert err.startswith(f"{new / 'openapi.yaml'}:") and "error:" in err


def test_a_stage_failure_exits_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail(*_: object) -> None:
        raise StageError("compare", "surface", "boom")

    monkeypatch.setattr("generator.diff.compare.compare", fail)
    assert cli.main(["diff", str(BASE), str(BASE)]) == 3
    assert "compare failed for surface: boom" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args", [["diff"], ["diff", "a"], ["diff", "a", "b", "--base", "HEAD"]], ids=str
)
def test_diff_takes_two_specs_or_a_revision(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = in_process(capsys, *args)
    assert code == 2 and "OLD and NEW, or --base REV" in err


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        timeout=60,
    )


def test_base_compares_the_working_tree_with_a_revision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    spec_copy(repo / "api")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "spec")
    unchanged = run("diff", "--base", "HEAD", "--spec", "api", cwd=repo)
    assert unchanged.returncode == 0, unchanged.stderr
    assert unchanged.stdout == "No changes to the Python surface.\n"
    shutil.rmtree(repo / "api")
    spec_copy(repo / "api", remove_delete)
    monkeypatch.chdir(repo)
    code, out, err = in_process(capsys, "diff", "--base", "HEAD", "--spec", "api", "--json")
    assert code == 1, err
    assert [c["kind"] for c in json.loads(out)["changes"]] == ["method.removed"]
    # From a subfolder, and naming the OpenAPI file: git resolves the path the same way.
    monkeypatch.chdir(repo / "api")
    assert in_process(capsys, "diff", "--base", "HEAD", "--spec", "openapi.yaml")[0] == 1
    monkeypatch.chdir(repo)
    code, _, err = in_process(capsys, "diff", "--base", "nope", "--spec", "api")
    assert code == 2
    assert err.startswith("nope:api/openapi.yaml:1:1: error: cannot read it from git")
    code, _, err = in_process(capsys, "diff", "--base=--output=x", "--spec", "api")
    assert code == 2 and "is not a git revision" in err
    assert not (repo / "api" / "x").exists()


def test_an_old_spec_that_is_invalid_is_named_by_its_revision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    spec_copy(repo / "api")
    (repo / "api" / "sdk.yaml").write_text("package: [\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "broken")
    shutil.copy(BASE / "sdk.yaml", repo / "api" / "sdk.yaml")
    monkeypatch.chdir(repo)
    code, _, err = in_process(capsys, "diff", "--base", "HEAD", "--spec", "api")
    assert code == 2
    assert err.startswith("HEAD:api/sdk.yaml:2:1: error: invalid YAML")


@pytest.fixture
def output(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the diff base spec (comments and all) and its generated output."""
    spec = spec_copy(tmp_path / "spec")
    out = tmp_path / "out"
    result = run_generator("generate", "--spec", str(spec), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert not (out / "CHANGELOG.md").exists()  # nothing to compare the first surface with
    return spec, out


def test_a_stale_check_says_what_the_change_does_to_callers(output: tuple[Path, Path]) -> None:
    spec, out = output
    text = (spec / "openapi.yaml").read_text()
    (spec / "openapi.yaml").write_text(
        text.replace(
            "status: {enum: [active, archived]}", "status: {enum: [active, archived, lost]}"
        )
    )
    result = run_generator("check", "--spec", str(spec), "--out", str(out))
    assert result.returncode == 1
    assert f"missing: {out / 'CHANGELOG.md'}" in result.stderr
    assert (
        result.stderr.rpartition("file(s) out of date")[0]
        .rpartition("\n")[0]
        .endswith(
            "What this does to the client's users:\n"
            "types.Widget\n"
            '  BREAKING   field `status`: enum value "lost" added (read from responses)'
            "  [enum.value_added]\n"
            "1 change(s): 1 breaking, 0 compatible, 0 docs-only; version bump: major"
        )
    )


def test_generate_keeps_a_changelog(output: tuple[Path, Path]) -> None:
    spec, out = output
    openapi = (spec / "openapi.yaml").read_text()
    (spec / "openapi.yaml").write_text(openapi.replace("        weight: {type: integer}\n", ""))
    first = run_generator("generate", "--spec", str(spec), "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert "1 change(s): 1 breaking, 0 compatible, 0 docs-only" in first.stdout
    changelog = (out / "CHANGELOG.md").read_text()
    assert changelog.endswith(
        "## 0.1.0\n\n- **Breaking**: `types.Widget`: field `weight` removed (read from responses)\n"
    )
    assert run_generator("check", "--spec", str(spec), "--out", str(out)).returncode == 0
    again = run_generator("generate", "--spec", str(spec), "--out", str(out))
    assert again.returncode == 0 and (out / "CHANGELOG.md").read_text() == changelog
    (spec / "openapi.yaml").write_text(
        (spec / "openapi.yaml").read_text().replace("summary: Create a widget", "summary: Make one")
    )
    docs = run_generator("generate", "--spec", str(spec), "--out", str(out))
    assert "1 change(s): 0 breaking, 0 compatible, 1 docs-only" in docs.stdout
    assert (
        (out / "CHANGELOG.md")
        .read_text()
        .endswith(
            "## 0.1.0\n\n- Docs: `widgets.create`: summary or description changed\n"
            "- **Breaking**: `types.Widget`: field `weight` removed (read from responses)\n"
        )
    )


def test_generate_bump_raises_the_version_in_sdk_yaml(output: tuple[Path, Path]) -> None:
    spec, out = output
    sdk_text = (spec / "sdk.yaml").read_text()
    openapi = (spec / "openapi.yaml").read_text()
    (spec / "openapi.yaml").write_text(openapi.replace("        weight: {type: integer}\n", ""))
    bumped = run_generator("generate", "--bump", "--spec", str(spec), "--out", str(out))
    assert bumped.returncode == 0, bumped.stderr
    assert "--bump: version 0.1.0 -> 0.2.0 (changes since 0.1.0: major)" in bumped.stdout
    assert (spec / "sdk.yaml").read_text() == sdk_text.replace("version: 0.1.0", "version: 0.2.0")
    assert '__version__ = "0.2.0"' in (out / "widgets" / "_version.py").read_text()
    changelog = (out / "CHANGELOG.md").read_text()
    assert "\n## 0.2.0\n\n- **Breaking**: `types.Widget`: field `weight` removed" in changelog
    assert run_generator("check", "--spec", str(spec), "--out", str(out)).returncode == 0
    again = run_generator("generate", "--bump", "--spec", str(spec), "--out", str(out))
    assert "--bump: version stays 0.2.0 (changes since 0.2.0: none)" in again.stdout
    assert (spec / "sdk.yaml").read_text().count("version: 0.2.0") == 1
    assert (out / "CHANGELOG.md").read_text() == changelog


def test_generate_bump_leaves_a_version_raised_by_hand(output: tuple[Path, Path]) -> None:
    spec, out = output
    sdk = (spec / "sdk.yaml").read_text().replace("version: 0.1.0", "version: 1.0.0")
    (spec / "sdk.yaml").write_text(sdk)
    openapi = (spec / "openapi.yaml").read_text()
    (spec / "openapi.yaml").write_text(openapi.replace("summary: Create a widget", "summary: Make"))
    result = run_generator("generate", "--bump", "--spec", str(spec), "--out", str(out))
    assert "--bump: version stays 1.0.0 (changes since 0.1.0: patch)" in result.stdout
    assert (spec / "sdk.yaml").read_text() == sdk
