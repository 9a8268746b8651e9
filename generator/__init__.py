"""Turn a hand-written OpenAPI document plus an SDK config into a typed Python client package.

The pipeline is one module per stage: `load` (YAML with positions) -> `validate` -> `build`
(the intermediate model of `model`) -> `render` (Jinja2, with models from
datamodel-code-generator) -> `formatting` (black) -> `write`. `pipeline` strings them together
and `cli` is the command line.
"""

from pathlib import Path

__version__ = "0.1.0"


def templates_dir() -> Path:
    """`templates/` beside this package in a checkout; inside it once pip-installed."""
    here = Path(__file__).resolve().parent
    installed = here / "templates"
    return installed if installed.is_dir() else here.parent / "templates"
