"""`check_imports`: every module of a package imports, in a fresh interpreter; a package that
imported is not imported again while its files and the environment are the same."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.errors import StageError
from generator.verify import check_imports


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of this test's own, never the developer's."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def test_a_package_whose_modules_import_passes() -> None:
    check_imports(
        "pkg",
        {
            "pkg/__init__.py": "from .a import A\n",
            "pkg/a.py": "class A: ...\n",
            "pkg/sub/__init__.py": "",
            "pkg/sub/b.py": "from ..a import A\nB = A\n",
            "api.md": "not python",
        },
    )


@pytest.mark.parametrize(
    ("files", "said"),
    [
        ({"pkg/__init__.py": "from .a import Missing\n", "pkg/a.py": ""}, "pkg: ImportError"),
        # A module nothing imports is imported too: lazily loaded resources are modules like it.
        ({"pkg/__init__.py": "", "pkg/lazy.py": "import no_such_module\n"}, "pkg.lazy:"),
        ({"pkg/__init__.py": "", "pkg/bad.py": "raise SystemExit(3)\n"}, "pkg.bad: SystemExit"),
    ],
)
def test_a_module_that_does_not_import_is_a_stage_error_naming_it(
    files: dict[str, str], said: str
) -> None:
    with pytest.raises(StageError) as error:
        check_imports("pkg", files)
    assert error.value.stage == "import"
    assert said in str(error.value)


def test_the_user_s_working_directory_is_not_on_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A module of the same name in the current folder must not stand in for a missing one."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "helper.py").write_text("X = 1\n")
    with pytest.raises(StageError):
        check_imports("pkg", {"pkg/__init__.py": "from helper import X\n"})


def test_a_package_that_imported_is_not_imported_again(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[object] = []
    real = subprocess.run

    def counting(*args: Any, **kwargs: Any) -> Any:
        runs.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    files = {"pkg/__init__.py": "X = 1\n", "README.md": "not imported"}
    check_imports("pkg", files)
    check_imports("pkg", {**files, "README.md": "changed, and still not imported"})
    assert len(runs) == 1
    check_imports("pkg", {**files, "pkg/__init__.py": "X = 2\n"})
    assert len(runs) == 2
    broken = {**files, "pkg/__init__.py": "import no_such_module\n"}
    for _ in range(2):  # a failure is never recorded: each run imports, and tells
        with pytest.raises(StageError):
            check_imports("pkg", broken)
    assert len(runs) == 4
