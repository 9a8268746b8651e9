"""Import the package a generation produced, before anything is written.

Every other check looks at the spec or at one file; only Python itself can say whether the
modules import together: a class a resource imports that the types module does not define,
a name shadowed at module level, a model pydantic refuses at class creation. So the package
is put in a temporary folder and each of its modules imported in a fresh interpreter (the
one running the generator, which carries the client's dependencies), isolated from the
user's site and the working directory. A failure is a `StageError` naming the module and
the error, and nothing is written.

A package that imported once imports again: the digest of its files, with the interpreter and
the versions of every distribution it can see, is remembered (`cache_dir()/imported/`), and
the same package in the same environment is not imported a second time.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from generator import store
from generator.errors import StageError

#: A large package (1,400 models) imports in a few seconds; this bounds a hang, not a speed.
_TIMEOUT_SECONDS = 300
_IMPORT_ALL = """\
import importlib, sys, traceback
sys.path.insert(0, sys.argv[1])
for name in sys.argv[2:]:
    try:
        importlib.import_module(name)
    except BaseException as exc:
        line = traceback.format_exception_only(type(exc), exc)[-1].strip()
        print(f"{name}: {line}", file=sys.stderr)
        sys.exit(1)
"""


def check_imports(package: str, files: Mapping[str, str]) -> None:
    """Raise a `StageError` unless every module of `package` among `files` imports; at once
    when exactly these files imported before, in this same environment."""
    marker = _marker(package, files)
    if marker is not None and marker.exists():
        return
    _import_all(package, files)
    if marker is not None:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass


def _marker(package: str, files: Mapping[str, str]) -> Path | None:
    """Where a successful import of these files here is recorded (None: cannot say)."""
    from generator.cache import cache_dir

    try:
        found = {f"{d.metadata['Name']}=={d.version}\n" for d in metadata.distributions()}
    except (OSError, ValueError, KeyError):
        return None
    parts = [sys.executable, sys.version, package, "".join(sorted(found))]
    for name in sorted(files):
        if name.startswith(f"{package}/"):
            parts += [name, files[name]]
    return cache_dir() / "imported" / store.digest(parts)


def _import_all(package: str, files: Mapping[str, str]) -> None:
    modules = [
        name.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        for name in sorted(files)
        if name.startswith(f"{package}/") and name.endswith(".py")
    ]
    with tempfile.TemporaryDirectory(prefix="generator-import-") as folder:
        for name, text in files.items():
            if name.startswith(f"{package}/"):
                path = Path(folder, name)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        try:
            result = subprocess.run(
                [sys.executable, "-I", "-c", _IMPORT_ALL, folder, *modules],
                capture_output=True,
                text=True,
                timeout=_TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise StageError(
                "import", package, f"importing it took over {_TIMEOUT_SECONDS} s"
            ) from None
    if result.returncode != 0:
        detail = result.stderr.strip().splitlines()[-1:] or [f"exit {result.returncode}"]
        raise StageError("import", package, f"the generated package does not import: {detail[0]}")
