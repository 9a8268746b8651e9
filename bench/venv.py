"""Set up `.bench/venv`, the only place the peers and the official SDK are installed.

Run with the system interpreter (`python3 -m bench.venv`) before the harness: the project's
own `.venv` must never see these packages, so they live in a venv of their own, rebuilt from
scratch whenever the pins below or `pyproject.toml` change (a stamp file records which).
The official SDK is installed in a second step so that, if it cannot be installed, the rest of
the benchmark still runs and its rows say why.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from bench import ROOT, WORK

VENV = WORK / "venv"
PYTHON = VENV / "bin" / "python"

#: What the client and the peers run on; the same versions as the project's own pins.
PINS = (
    "httpx2==2.16.2",
    "pydantic==2.14.3",
    "openapi-python-client==0.29.1",
    "datamodel-code-generator==0.89.0",
)
#: Installed together with the runtime pins so that it can never move them.
OFFICIAL_SDK = ("anthropic==2.10.0", "httpx2==2.16.2", "pydantic==2.14.3")
_NOT_INSTALLABLE = VENV / "official-sdk-not-installable.txt"
_PIP = ("-m", "pip", "install", "--quiet", "--disable-pip-version-check")


def _stamp() -> Path:
    digest = hashlib.sha256(repr((PINS, OFFICIAL_SDK)).encode())
    digest.update((ROOT / "pyproject.toml").read_bytes())
    return VENV / f".installed-{digest.hexdigest()[:16]}"


def official_sdk_missing() -> str | None:
    """None when `anthropic` imports here; else the line a report prints in its rows."""
    if importlib.util.find_spec("anthropic") is not None:
        return None
    reason = _NOT_INSTALLABLE.read_text().strip() if _NOT_INSTALLABLE.exists() else "not installed"
    return f"not installable: {reason}"


def _pip_install(*requirements: str) -> subprocess.CompletedProcess[str]:
    """pip's output is kept for when it fails: this machine's pip prints warnings by the page."""
    return subprocess.run(
        [str(PYTHON), *_PIP, *requirements], capture_output=True, text=True, check=False
    )


def _install_official_sdk() -> None:
    result = _pip_install(*OFFICIAL_SDK)
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
        reason = errors[0] if errors else f"pip exited {result.returncode}"
        _NOT_INSTALLABLE.write_text(reason + "\n")
        print(f"bench venv: {OFFICIAL_SDK[0]} not installable: {reason}", file=sys.stderr)


def ensure() -> None:
    """Build the venv unless its stamp says it already holds exactly these pins."""
    stamp = _stamp()
    if stamp.exists():
        return
    shutil.rmtree(VENV, ignore_errors=True)
    print(f"bench venv: creating {VENV.relative_to(ROOT)} (first run only)", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    result = _pip_install("-e", str(ROOT), *PINS)
    if result.returncode != 0:
        raise SystemExit(f"bench venv: pip failed:\n{result.stderr}")
    _install_official_sdk()
    stamp.touch()


if __name__ == "__main__":
    ensure()
