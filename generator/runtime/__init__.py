"""The client runtime: the spec-independent modules of every generated package.

Each `.py` file here except this one is copied into the generated package as it is:
transport, retries, errors, responses, streams and pages. What the spec decides, the runtime
reads from two small generated modules beside it, whose contracts are the `.pyi` files here:
`_config` (the root error class, user agent, default headers, timeout, retries, log variable)
and `_exceptions` (the status error classes, and which status raises which). Sync/async twins
are derived from their async source by `generator.unasync`.
"""

import ast
from pathlib import Path

FOLDER = Path(__file__).resolve().parent

#: The runtime's errors (all in `_errors`), which every package's `_exceptions` re-exports and
#: its `__init__` exports.
ERRORS = (
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "InflatedResponseError",
    "LineTooLongError",
    "RedirectError",
    "RepeatedPageError",
    "ResponseReadError",
)

#: The runtime's other public names, each with its module, which every package's `__init__`
#: exports beside its errors; no error class of sdk.yaml may take one (`sdk_config`).
EXPORTS = (
    ("_response", "APIResponse"),
    ("_response", "AsyncAPIResponse"),
    ("_sse", "AsyncStream"),
    ("_sse", "Stream"),
    ("_streaming", "AsyncJSONLStream"),
    ("_streaming", "SyncJSONLStream"),
    ("_types", "NOT_GIVEN"),
    ("_types", "NotGiven"),
)


def page_classes(kind: str) -> tuple[str, str, str]:
    """The classes `_pagination` defines, and a package exports, for a kind of pagination
    scheme (`cursor`: `AsyncCursorPage`, `AsyncCursorPager`, `SyncCursorPage`)."""
    kind = kind.capitalize()
    return f"Async{kind}Page", f"Async{kind}Pager", f"Sync{kind}Page"


#: The distributions the runtime and the generated modules import (`types.py` imports
#: `TypeAliasType` from typing-extensions), with the versions a generated package declares in
#: its pyproject.toml: from the one the client is tested with (the generator's
#: dependencies pin it, and a test keeps each pin inside its range) up to the next major release.
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


def module_names(file_name: str) -> frozenset[str]:
    """Every name a runtime module binds at its top level: its classes, functions, constants
    and imports. A spec name that takes one would shadow it where both meet."""
    names: set[str] = set()
    for node in ast.parse((FOLDER / file_name).read_text("utf-8")).body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {target.id for target in targets if isinstance(target, ast.Name)}
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return frozenset(names)
