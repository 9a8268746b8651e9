"""A later stage failing on a valid spec: exit 3, the stage named, the old output untouched.

Each stage is made to fail in-process: black and datamodel-code-generator by replacing their
entry points, a template by rendering from a copy of templates/ with one broken template.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import black
import datamodel_code_generator
import pytest

from generator import cli, render, templates_dir

from ..helpers import GENERATED, IGNORED, ROOT, tree


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of generated/ to regenerate into, and an empty cache so nothing is skipped."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(ROOT)
    folder = tmp_path / "generated"
    shutil.copytree(GENERATED, folder, ignore=IGNORED)
    return folder


def fail(*args: object, **kwargs: object) -> str:
    raise RuntimeError("injected failure")


def generate_and_expect(out: Path, capsys: pytest.CaptureFixture[str], stage: str) -> None:
    before = tree(out)
    assert cli.main(["generate", "--out", str(out)]) == cli.EXIT_STAGE_ERROR
    error = capsys.readouterr().err
    assert error.startswith(f"error: {stage} failed for "), error
    assert "injected failure" in error or stage == "template"
    assert tree(out) == before


def test_black_failing(
    out: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(black, "format_str", fail)
    generate_and_expect(out, capsys, "black")


def test_datamodel_code_generator_failing(
    out: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(datamodel_code_generator, "generate", fail)
    generate_and_expect(out, capsys, "datamodel-code-generator")


def test_a_broken_template(
    out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    broken = templates / "_client.py.jinja"
    broken.write_text(broken.read_text() + "\n{{ api.no_such_field }}\n")
    monkeypatch.setattr(render, "templates_dir", lambda: templates)
    generate_and_expect(out, capsys, "template")


def test_a_package_that_does_not_import(
    out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The class of bug the import check is for: every file renders and compiles, but a
    resource module imports a name its module does not define."""
    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    resource = templates / "resource.py.jinja"
    future = "from __future__ import annotations\n"
    text = resource.read_text()
    assert future in text
    resource.write_text(text.replace(future, f"{future}from typing import NoSuchModel\n", 1))
    monkeypatch.setattr(render, "templates_dir", lambda: templates)
    before = tree(out)
    assert cli.main(["generate", "--out", str(out)]) == cli.EXIT_STAGE_ERROR
    error = capsys.readouterr().err
    assert error.startswith("error: import failed for anthropic_batches: "), error
    assert "ImportError: cannot import name 'NoSuchModel'" in error
    assert tree(out) == before
