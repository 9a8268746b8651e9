"""A spec whose every string tries to break out of the generated code (tests/hostile/).

Quotes of each kind, backslashes, NUL, newlines, Jinja delimiters, `#`, an `__import__` call,
bidi overrides and emoji sit in titles, descriptions, summaries, enum values, defaults,
examples, server URLs, header names and config values; parameters are named `class`, `from`,
`self`, `type`, `import`, `client`. The package must compile, pass `mypy --strict`, import
without running anything, carry no deceptive character, and send every value byte-exact.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ..helpers import ROOT, run_generator

HOSTILE = ROOT / "tests" / "hostile"
PAYLOAD = (
    "x\"\"\"y'''z\\ \x00 \n{{ 7*7 }} {% if 1 %}j{% endif %} "
    "# __import__('os').system('touch CANARY') \u202eevil\u202c 😀"
)
DECEPTIVE = re.compile("[\x00\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    result = run_generator("generate", "--spec", str(HOSTILE), "--out", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


def run_in(folder: Path, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, timeout=60
    )


def test_the_spec_really_carries_the_payload() -> None:
    assert (
        json.loads((HOSTILE / "openapi.yaml").read_text().split("\n", 1)[1])["info"]["description"]
        == PAYLOAD
    )


def test_generated_package_passes_mypy_strict(out: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", os.devnull, "hostile_client"],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout


def test_import_runs_nothing_from_the_spec(out: Path) -> None:
    result = run_in(out, "import hostile_client, hostile_client.types, hostile_client.params")
    assert result.returncode == 0, result.stderr
    assert not list(out.rglob("CANARY"))
    assert not (ROOT / "CANARY").exists()


def test_no_deceptive_or_nul_character_reaches_any_file(out: Path) -> None:
    for path in out.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            text = path.read_text(encoding="utf-8")
            assert not DECEPTIVE.search(text), path


def test_keyword_names_become_arguments_with_an_underscore(out: Path) -> None:
    source = (out / "hostile_client" / "resources" / "things.py").read_text()
    for argument in (
        "class_: str",
        "from_: str | NotGiven",
        "self_: int | NotGiven",
        "import_: params.Mode",  # `types.Mode` is a query parameter's type in this module
    ):
        assert argument in source


def test_values_travel_byte_exact(out: Path) -> None:
    code = f"""
import json, httpx2
from hostile_client import Client
seen = []
def handler(request):
    seen.append(request)
    return httpx2.Response(200, json={{"id": {PAYLOAD!r}, "class": "c", "list": ["a"]}})
client = Client(api_key="k", http_client=httpx2.Client(transport=httpx2.MockTransport(handler)))
thing = client.things.get("a/b c", from_={PAYLOAD!r}, self_=3, type='it\\'s "quoted"', evil="it's")
client.things.create("x", from_={PAYLOAD!r}, import_={PAYLOAD!r}, client="me")
get, create = seen
print(json.dumps({{
    "id": thing.id,
    "path": get.url.raw_path.decode().partition("?")[0],
    "query": list(get.url.params.multi_items()),
    "header": get.headers["x-evil\\"header"],
    "note": get.headers["x-note"],
    "body": json.loads(create.content),
}}))
"""
    result = run_in(out, code)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["id"] == PAYLOAD
    assert seen["path"] == "/x%22y'z%7B%7B7*7%7D%7D/things/a%2Fb%20c"
    assert seen["query"] == [["from", PAYLOAD], ["self", "3"], ["type", 'it\'s "quoted"']]
    assert seen["header"] == "it's"
    assert seen["note"] == 'it\'s "fine" {{ 1 }} #'
    assert seen["body"] == {"from": PAYLOAD, "import": PAYLOAD, "client": "me"}


def test_pyproject_holds_the_title_on_one_line_spelled_out(out: Path) -> None:
    """The title reaches pyproject.toml's `description`, which pip wants on one line."""
    description = tomllib.loads((out / "pyproject.toml").read_text())["project"]["description"]
    assert description.startswith('A typed Python client for the Hostile x"""y' + "'''z\\ \\x00 {{")
    assert "\\u202eevil\\u202c 😀" in description and "\n" not in description


def test_the_diff_shows_spec_text_escaped(tmp_path: Path) -> None:
    """Enum values and a property name carrying the payload, through `diff`'s text and JSON."""
    comment, text = (HOSTILE / "openapi.yaml").read_text().split("\n", 1)
    document = json.loads(text)
    schemas = document["components"]["schemas"]
    schemas["Mode"]["enum"] = [PAYLOAD + "2", *schemas["Mode"]["enum"][1:]]
    schemas["Thing"]["properties"][PAYLOAD] = {"type": "string"}
    new = tmp_path / "new"
    new.mkdir()
    # JSON escapes the emoji as a surrogate pair, which YAML refuses: write it as it was.
    dumped = json.dumps(document).replace("\\ud83d\\ude00", "\U0001f600")
    (new / "openapi.yaml").write_text(f"{comment}\n{dumped}")
    (new / "sdk.yaml").write_text((HOSTILE / "sdk.yaml").read_text())
    for extra in ([], ["--json"]):
        result = run_generator("diff", str(HOSTILE), str(new), *extra)
        assert result.returncode == 1, result.stderr
        assert not DECEPTIVE.search(result.stdout), result.stdout
        assert "touch CANARY" in result.stdout and "\\u202e" in result.stdout
    lines = run_generator("diff", str(HOSTILE), str(new)).stdout.splitlines()
    assert sum("[enum.value_" in line for line in lines) == 2 * 2  # types and params, each way
    assert sum("[field.added_optional]" in line for line in lines) == 1
