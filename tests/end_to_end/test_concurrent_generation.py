"""Many `generate` runs on one output folder at once, as a build system or two terminals start
them: each succeeds, and the output is always one whole generation.

The review saw 56 of 100 warm runs crash (racing to remove the same `.<package>.old`), with
exit 1, which `check` uses to mean "stale". The runs here alternate between two specs, so that
a mix of two generations would show, and are warm, as the review's were: each spec's output is
recorded in the cache first (the golden record's files, and the same files marked as another
generation), so that no run spends seconds in black and datamodel-code-generator.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator.cache import cache_key, record

from ..helpers import ROOT, tree

GOLDEN = ROOT / "tests" / "golden" / "bearer_auth"
PACKAGE = "widgets"
RUNS = 20


def generate(spec: Path, out: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_concurrent_runs_on_one_output_all_succeed_and_leave_one_whole_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    env = dict(os.environ)
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(GOLDEN / "spec", first)
    shutil.copytree(GOLDEN / "spec", second)
    sdk = second / "sdk.yaml"
    sdk.write_text(sdk.read_text().replace("version: 2.0.0", "version: 2.0.1"))
    golden = {name: data.decode() for name, data in tree(GOLDEN / "expected").items()}
    generations = [
        golden,
        {name: f"{text}# the second generation\n" for name, text in golden.items()},
    ]
    for spec, files in zip((first, second), generations, strict=True):
        key = cache_key(spec, None)
        assert key is not None
        record(key, PACKAGE, files)
    expected = [{name: text.encode() for name, text in files.items()} for files in generations]
    packages = [
        {name: data for name, data in generation.items() if name.startswith(f"{PACKAGE}/")}
        for generation in expected
    ]
    out = tmp_path / "out"
    assert generate(first, out, env).wait(120) == 0

    seen_missing: list[float] = []
    stop = threading.Event()

    def watch() -> None:
        """The package never goes missing while the runs replace it."""
        while not stop.is_set():
            if not (out / PACKAGE / "__init__.py").exists():
                seen_missing.append(time.monotonic())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        runs = [generate((first, second)[n % 2], out, env) for n in range(RUNS)]
        results = [(run.wait(120), *run.communicate()) for run in runs]
    finally:
        stop.set()
        watcher.join()
    assert [code for code, _, _ in results] == [0] * RUNS, [e for _, _, e in results if e]
    assert all(stderr == "" for _, _, stderr in results)
    assert seen_missing == []
    assert tree(out) in expected
    assert {name: data for name, data in tree(out).items() if "/" in name} in packages
    assert sorted(path.name for path in out.iterdir()) == [
        "README.md",
        "api.md",
        "pyproject.toml",
        PACKAGE,
    ]
