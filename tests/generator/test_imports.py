"""`imports`: import statements printed the way isort and ruff's `I` rules sort them.

Pins the sections (`__future__`, standard library, third-party, relative) one empty line apart,
`import x` before `from x import ...`, members ordered CONSTANTS, Classes, functions without
regard to case, relative modules furthest first under the importing module's `root`, and
`sort_import_block` over another tool's output. One test hands `import_lines` output to ruff:
ruff finding nothing to sort is the contract.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from generator.imports import Import, import_lines, sort_import_block

RUFF = (sys.executable, "-m", "ruff", "check", "--isolated", "--select", "I")


def ruff_sort_findings(lines: Iterable[str], folder: Path) -> str:
    """What `ruff check --select I` reports on a module made of `lines` and a little code.

    Run from an empty folder, so that no module of this repository counts as first-party.
    """
    module = "\n".join(lines) + "\n\n\ndef main() -> None:\n    pass\n"
    result = subprocess.run(
        [*RUFF, "--output-format", "concise", "--stdin-filename", "x.py", "-"],
        input=module,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode in (0, 1), result.stderr
    return result.stdout if result.returncode else ""


# import_lines: sections


def test_import_lines_puts_sections_in_order_one_empty_line_apart() -> None:
    imports = [
        Import(".types", "Widget"),
        Import("pydantic", "BaseModel"),
        Import("typing", "Literal"),
        Import("__future__", "annotations"),
    ]
    assert import_lines(imports) == [
        "from __future__ import annotations",
        "",
        "from typing import Literal",
        "",
        "from pydantic import BaseModel",
        "",
        "from .types import Widget",
    ]


def test_import_lines_leaves_out_empty_sections() -> None:
    assert import_lines([Import("httpx2", ""), Import(".types", "Widget")]) == [
        "import httpx2",
        "",
        "from .types import Widget",
    ]


def test_import_lines_of_nothing_is_no_lines() -> None:
    assert import_lines([]) == []


def test_import_lines_tells_the_standard_library_by_its_top_level_package() -> None:
    lines = import_lines(
        [
            Import("collections.abc", "Sequence"),
            Import("email.utils", "parsedate"),
            Import("yaml", ""),
        ]
    )
    assert lines == [
        "from collections.abc import Sequence",
        "from email.utils import parsedate",
        "",
        "import yaml",
    ]


# import_lines: statements and names


def test_import_lines_puts_import_before_from_within_a_section() -> None:
    imports = [
        Import("collections", "OrderedDict"),
        Import("typing", ""),
        Import("asyncio", ""),
        Import("typing", "Any"),
    ]
    assert import_lines(imports) == [
        "import asyncio",
        "import typing",
        "from collections import OrderedDict",
        "from typing import Any",
    ]


def test_import_lines_merges_names_of_one_module_and_drops_repeats() -> None:
    imports = [Import("typing", "Any"), Import("typing", "Literal"), Import("typing", "Any")]
    assert import_lines(imports) == ["from typing import Any, Literal"]


def test_import_lines_orders_constants_then_classes_then_functions_ignoring_case() -> None:
    names = ["paginate", "NOT_GIVEN", "Timeout", "CURSOR", "APIRequest", "path_with", "Api", "_x"]
    (line,) = import_lines(Import("._types", name) for name in names)
    assert line == (
        "from ._types import CURSOR, NOT_GIVEN, Api, APIRequest, Timeout, _x, paginate, path_with"
    )


def test_import_lines_counts_a_single_capital_as_a_class() -> None:
    (line,) = import_lines(Import("typing", name) for name in ["T", "TYPE_CHECKING", "Any", "cast"])
    assert line == "from typing import TYPE_CHECKING, Any, T, cast"


def test_import_lines_orders_modules_ignoring_case() -> None:
    imports = [Import("Zeta", "z"), Import("alpha", "a"), Import("Beta", "b")]
    assert import_lines(imports) == [
        "from alpha import a",
        "from Beta import b",
        "from Zeta import z",
    ]


# import_lines: relative imports


def test_import_lines_orders_relative_imports_furthest_first() -> None:
    imports = [
        Import("._types", "Headers"),
        Import(".", "types"),
        Import(".resources.batches", "Batches"),
        Import("._base_client", "AsyncAPIClient"),
    ]
    assert import_lines(imports) == [
        "from . import types",
        "from ._base_client import AsyncAPIClient",
        "from ._types import Headers",
        "from .resources.batches import Batches",
    ]


def test_import_lines_applies_the_root_prefix_to_relative_imports_only() -> None:
    imports = [
        Import(".types", "Widget"),
        Import("._types", "NOT_GIVEN"),
        Import(".", "types"),
        Import("typing", "Literal"),
    ]
    assert import_lines(imports, root="...") == [
        "from typing import Literal",
        "",
        "from ... import types",
        "from ..._types import NOT_GIVEN",
        "from ...types import Widget",
    ]


def test_import_lines_orders_mixed_depths_furthest_first() -> None:
    imports = [Import(".sibling", "A"), Import("..parent", "B"), Import("...top", "C")]
    assert import_lines(imports, root="..") == [
        "from ....top import C",
        "from ...parent import B",
        "from ..sibling import A",
    ]


# The contract: ruff agrees.


def test_ruff_finds_nothing_to_sort_in_import_lines_output(tmp_path: Path) -> None:
    imports = [
        Import("__future__", "annotations"),
        Import("typing", ""),
        Import("typing", "TYPE_CHECKING"),
        Import("typing", "Any"),
        Import("typing", "cast"),
        Import("typing", "Literal"),
        Import("os.path", ""),
        Import("os", ""),
        Import("collections.abc", "AsyncIterator"),
        Import("collections.abc", "Sequence"),
        Import("functools", "cached_property"),
        Import("datetime", "datetime"),
        Import("datetime", "UTC"),
        Import("json", ""),
        Import("httpx2", ""),
        Import("pydantic", "BaseModel"),
        Import("pydantic", "ConfigDict"),
        Import("pydantic", "Field"),
        Import("pydantic", "field_validator"),
        Import("pydantic", "VERSION"),
        Import("Jinja2", "Template"),
        Import("yaml", ""),
        Import(".", "types"),
        Import("._types", "NOT_GIVEN"),
        Import("._types", "NotGiven"),
        Import("._types", "Headers"),
        Import("._base_client", "AsyncAPIClient"),
        Import("._base_client", "_merge"),
        Import(".types", "MessageBatch"),
        Import(".types.beta", "BetaMessageBatch"),
        Import(".params", "MessageBatchRequestParam"),
    ]
    for root in (".", "..", "...."):
        assert ruff_sort_findings(import_lines(imports, root=root), tmp_path) == ""


def test_ruff_notices_a_misordered_block(tmp_path: Path) -> None:
    # The check above could not pass by accident: ruff does read what it is given.
    lines = ["from typing import Literal", "import os"]
    assert "I001" in ruff_sort_findings(lines, tmp_path)


def test_ruff_agrees_on_names_with_numbers(tmp_path: Path) -> None:
    imports = [Import(".types", name) for name in ("Model10", "Model2", "Model1")]
    imports += [Import("module10", "x"), Import("module9", "y")]
    assert ruff_sort_findings(import_lines(imports), tmp_path) == ""


# sort_import_block


def test_sort_import_block_prints_the_block_with_import_lines() -> None:
    source = (
        '"""Models."""\n'
        "from pydantic import Field, BaseModel\n"
        "from typing import Literal\n"
        "from __future__ import annotations\n"
        "from typing import Any\n"
        "\n"
        "class A(BaseModel):\n"
        "    x: Literal['a']\n"
    )
    assert sort_import_block(source) == (
        '"""Models."""\n'
        "from __future__ import annotations\n"
        "\n"
        "from typing import Any, Literal\n"
        "\n"
        "from pydantic import BaseModel, Field\n"
        "\n"
        "class A(BaseModel):\n"
        "    x: Literal['a']\n"
    )


def test_sort_import_block_keeps_relative_imports_and_aliases() -> None:
    source = "from .types import B as C, A\nfrom ..x import y\nimport os\n\nz = 1\n"
    assert sort_import_block(source) == (
        "import os\n\nfrom ..x import y\nfrom .types import A, B as C\n\nz = 1\n"
    )


def test_sort_import_block_handles_parenthesised_imports_over_lines() -> None:
    source = "# header\nfrom typing import (\n    Literal,\n    Any,\n)\nimport os\nx = 1\n"
    assert sort_import_block(source) == (
        "# header\nimport os\nfrom typing import Any, Literal\nx = 1\n"
    )


def test_sort_import_block_stops_at_the_first_statement_that_is_not_an_import() -> None:
    source = "import sys\nimport os\nx = 1\nimport json\n"
    assert sort_import_block(source) == "import os\nimport sys\nx = 1\nimport json\n"


@pytest.mark.parametrize(
    "source",
    ["x = 1\nimport os\n", '"""Only a docstring."""\n', "", "def f() -> None:\n    pass\n"],
)
def test_sort_import_block_leaves_a_module_without_leading_imports_alone(source: str) -> None:
    assert sort_import_block(source) == source


def test_sort_import_block_of_its_own_output_is_that_output() -> None:
    source = "from b import y, X\nimport a\nfrom .c import z\n\nq = 1\n"
    once = sort_import_block(source)
    assert sort_import_block(once) == once


def test_sort_import_block_keeps_an_aliased_plain_import() -> None:
    source = "import numpy as np\nimport os\n\nx = np.zeros(os.cpu_count())\n"
    assert "import numpy as np" in sort_import_block(source)
