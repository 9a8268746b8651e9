"""`generator.formatting`: black's output, with black skipped only where it would change nothing.

The proof that skipping black is safe: every module the templates print for every spec the
tests have (spec/, the golden specs, the served specs, the hostile spec) that `black_style`
trusts is left unchanged by black; and every committed module (generated/, the golden
records) is as black prints it. Then the cache of black's output: a hit gives black's text
without black, and an entry that is not whole, or filed under another key, is ignored.
"""

from __future__ import annotations

import json
from pathlib import Path

import black
import pytest

from generator import formatting
from generator.formatting import black_key, black_style, format_module
from generator.pipeline import build, load_spec
from generator.render import render_package

from ..helpers import GENERATED, ROOT

TESTS = ROOT / "tests"
SPECS = [
    ROOT / "spec",
    *sorted(TESTS.glob("golden/*/spec")),
    *sorted(TESTS.glob("served_specs/*/openapi.yaml")),
    TESTS / "hostile",
]
COMMITTED = [GENERATED, *sorted(TESTS.glob("golden/*/expected"))]


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of this test's own, never the developer's."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def _black(source: str) -> str:
    return black.format_str(source, mode=formatting.black_mode())


@pytest.mark.parametrize("spec", SPECS, ids=lambda path: str(path.relative_to(ROOT)))
def test_black_changes_no_module_the_templates_print_that_black_style_trusts(spec: Path) -> None:
    rendered = render_package(build(load_spec(spec)))
    trusted = {name: text for name, text in rendered.printed.items() if black_style(text)}
    assert trusted  # the guard is no guard if it trusts nothing
    assert {name: _black(text) for name, text in trusted.items()} == trusted


def test_every_committed_module_is_as_black_prints_it() -> None:
    modules = [path for folder in COMMITTED for path in sorted(folder.rglob("*.py"))]
    assert len(modules) > 100
    changed = [
        str(path.relative_to(ROOT))
        for path in modules
        if _black(text := path.read_text(encoding="utf-8")) != text
    ]
    assert changed == []


@pytest.mark.parametrize(
    "source",
    [
        "X = [" + ", ".join(["1"] * 40) + "]\n",  # too long
        'X = "a" \n',  # trailing blank
        'X = "it\\"s"\n',  # black prefers 'it"s'
        "X = {\n}\n",  # black joins an empty pair
        'def f() -> None:\n    """One line.\n    """\n',  # black closes it on its line
        'def f() -> None:\n    """One.\n\n      Two.\n    """\n',  # black re-indents it
        'def f() -> None:\n    """"Quoted" first."""\n',  # black adds a space
    ],
)
def test_black_style_distrusts_what_black_would_change(source: str) -> None:
    assert _black(source) != source
    assert not black_style(source)


def test_long_docstring_lines_are_trusted_as_black_leaves_them() -> None:
    source = 'def f() -> None:\n    """One.\n\n    ' + "word " * 30 + "end.\n    " + '"""\n'
    assert _black(source) == source
    assert black_style(source)


def test_a_cached_module_comes_back_without_black(monkeypatch: pytest.MonkeyPatch) -> None:
    source = "x = ( 1 )\n"
    assert format_module(source, "m.py") == "x = 1\n"

    def no_black(*_: object, **__: object) -> str:
        raise AssertionError("black ran on a cached module")

    monkeypatch.setattr(black, "format_str", no_black)
    assert format_module(source, "m.py") == "x = 1\n"


def test_an_entry_not_whole_or_under_another_key_is_ignored(cache_home: Path) -> None:
    source = "y = ( 2 )\n"
    format_module(source, "m.py")
    (entry,) = (cache_home / "openapi-sdk-generator" / "black").iterdir()
    data = json.loads(entry.read_text())
    for planted in (
        {**data, "text": "import os\n"},  # the digest no longer matches
        {**data, "key": black_key("z = 3\n")},  # filed under a key not its own
        {"text": "import os\n"},  # not the shape of an entry
    ):
        entry.write_text(json.dumps(planted))
        assert format_module(source, "m.py") == "y = 2\n"
    entry.write_text("{not json")
    assert format_module(source, "m.py") == "y = 2\n"


def test_the_key_covers_the_text_and_blacks_version(monkeypatch: pytest.MonkeyPatch) -> None:
    key = black_key("a = 1\n")
    assert key == black_key("a = 1\n")
    assert key != black_key("a = 2\n")
    monkeypatch.setattr(formatting, "_VERSION", ["0.0"])
    assert key != black_key("a = 1\n")
