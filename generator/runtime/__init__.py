"""The client runtime: the spec-independent modules of every generated package.

Each `.py` file here except this one is copied into the generated package as it is:
transport, retries, errors, responses, streams and pages. What the spec decides, the runtime
reads from two small generated modules beside it, whose contracts are the `.pyi` files here:
`_config` (the root error class, user agent, default headers, timeout, retries, log variable)
and `_exceptions` (the status error classes, and which status raises which). Sync/async twins
are derived from their async source by `generator.unasync`.
"""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent

#: The distributions the runtime and the generated modules import (`types.py` imports
#: `TypeAliasType` from typing-extensions), with the versions a generated package declares in
#: its pyproject.toml: from the one the client is tested with (the generator's `[client]`
#: extra pins it, and a test keeps each pin inside its range) up to the next major release.
DEPENDENCIES = (
    ("httpx2", ">=2.16.2,<3"),
    ("pydantic", ">=2.14.3,<3"),
    ("typing-extensions", ">=4.16.0,<5"),
)
#: The oldest Python the runtime runs on (it uses `typing.Self`); the generated code is
#: printed for it too (`modelgen`, `formatting`).
REQUIRES_PYTHON = ">=3.11"


def runtime_files() -> dict[str, str]:
    """Each runtime module by file name, as it is copied into a generated package."""
    return {
        path.name: path.read_text("utf-8")
        for path in sorted(FOLDER.glob("_*.py"))
        if path.name != "__init__.py"
    }
