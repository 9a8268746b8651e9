"""The generated package vendored into another project, and the generator installed as a tool.

The supported way to vendor under another name is `generate --package-name NAME --out DIR`,
which `check` with the same options accepts in the project's own CI. The package itself uses
relative imports only: it works from any folder, with nothing of this repository on the path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..helpers import GENERATED, IGNORED, ROOT, SPEC, run_generator

CALL = """
import json, sys
import httpx2
from vendor.acme_anthropic import Anthropic, __spec_sha256__, __version__
seen = []
def handler(request):
    seen.append(request)
    return httpx2.Response(200, json={"id": "msgbatch_1", "type": "message_batch_deleted"})
client = Anthropic(api_key="k", http_client=httpx2.Client(transport=httpx2.MockTransport(handler)))
deleted = client.beta.messages.batches.delete("msgbatch_1", betas=["message-batches-2024-09-24"])
print(json.dumps({
    "result": [deleted.id, type(deleted).__module__],
    "user_agent": seen[0].headers["user-agent"],
    "version": __version__,
    "spec": __spec_sha256__,
    "loaded": sorted(name for name in sys.modules if name.split(".")[0] in ("anthropic_batches", "anthropic", "generator")),
}))
"""


def call_vendored(project: Path) -> dict[str, object]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", CALL],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    import json

    return dict(json.loads(result.stdout))


def test_the_committed_package_imports_from_any_folder(tmp_path: Path) -> None:
    """Relative imports only: a copy runs under another name (though only a package generated
    under that name passes `check`, since its user agent and api.md name it)."""
    project = tmp_path / "project"
    shutil.copytree(
        GENERATED / "anthropic_batches", project / "vendor" / "acme_anthropic", ignore=IGNORED
    )
    seen = call_vendored(project)
    assert seen["result"] == ["msgbatch_1", "vendor.acme_anthropic.types"]
    assert seen["loaded"] == []  # neither the original package nor the generator was imported


def test_vendoring_under_a_new_name_is_generate_then_check_with_the_same_options(
    tmp_path: Path,
) -> None:
    """What the README prescribes: generate into the project under its own name, and check
    there in CI; a stale copy's hint regenerates that copy, not this repository's."""
    vendor = tmp_path / "my project" / "vendor"
    options = ("--package-name", "acme_anthropic", "--out", str(vendor))
    result = run_generator("generate", *options)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in vendor.iterdir()) == [
        "README.md",
        "acme_anthropic",
        "api.md",
        "pyproject.toml",
    ]
    assert "anthropic_batches" not in "".join(
        path.read_text() for path in (vendor / "acme_anthropic").rglob("*.py")
    )
    seen = call_vendored(vendor.parent)
    assert seen["result"] == ["msgbatch_1", "vendor.acme_anthropic.types"]
    assert seen["user_agent"] == f"acme_anthropic/Python {seen['version']}"
    assert len(str(seen["spec"])) == 64
    assert seen["loaded"] == []
    checked = run_generator("check", *options)
    assert checked.returncode == 0, checked.stderr

    client = vendor / "acme_anthropic" / "_client.py"
    client.write_text(client.read_text() + "# patched by hand\n")
    stale = run_generator("check", *options)
    assert stale.returncode == 1
    assert f"stale: {client}" in stale.stderr
    assert stale.stderr.splitlines()[-1].endswith(
        f"run `python -m generator generate --out '{vendor}' --package-name acme_anthropic`"
    )


def test_pip_install_gives_a_console_script_that_checks(tmp_path: Path) -> None:
    target = tmp_path / "installed"
    installed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stderr
    assert (target / "generator" / "templates" / "resources" / "__init__.py.jinja").is_file()
    env = {**os.environ, "PYTHONPATH": str(target), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    check = subprocess.run(
        [
            str(target / "bin" / "openapi-sdk-generator"),
            "check",
            "--spec",
            str(SPEC),
            "--out",
            str(GENERATED),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert check.returncode == 0, check.stderr
