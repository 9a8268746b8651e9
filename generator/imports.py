"""Import statements for generated modules, sorted as isort (and ruff's `I` rules) sort them.

A generated module lists what it needs as `Import`s; `import_lines` prints them in sections
(`__future__`, the standard library, third-party, the package's own relative imports), each
sorted, so the output reads like a hand-kept module and needs no import sorter to run.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass

_DIGITS = re.compile(r"(\d+)")
#: black's line length for generated code (`generator.formatting`).
LINE_LENGTH = 100


@dataclass(frozen=True, order=True)
class Import:
    """`from <module> import <name>`, or `import <module>` when `name` is empty (the module
    may then carry its alias, `numpy as np`); a `module`
    starting with `.` is relative to the package root (`.types`), which `import_lines`
    prefixes with the importing module's depth."""

    module: str
    name: str

    @property
    def relative(self) -> bool:
        return self.module.startswith(".")


def _section(module: str) -> int:
    if module == "__future__":
        return 0
    if module.startswith("."):
        return 3
    top = module.split(" ")[0].split(".")[0]  # `numpy as np` is numpy's
    return 1 if top in sys.stdlib_module_names else 2


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that compares runs of digits as numbers (`Model2` before `Model10`), as
    isort and ruff do; letters compare without case."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.lower())
        for part in _DIGITS.split(text)
        if part
    )


def _member_key(name: str) -> tuple[int, tuple[tuple[int, int | str], ...], str]:
    """CONSTANTS, then Classes, then functions and variables (isort's `order_by_type`)."""
    if len(name) > 1 and name.isupper():
        kind = 0
    elif name[:1].isupper():
        kind = 1
    else:
        kind = 2
    return kind, _natural(name), name


def _module_key(module: str) -> tuple[int, tuple[tuple[int, int | str], ...]]:
    """Relative modules furthest first (`...` before `.`), then by name."""
    dots = len(module) - len(module.lstrip("."))
    return -dots, _natural(module.lstrip("."))


def import_lines(imports: Iterable[Import], root: str = ".") -> list[str]:
    """`from ... import ...` lines for `imports`, sections apart by an empty line.

    `root` is the relative prefix from the importing module to the package root: `.` in the
    package's own folder, `..` one folder down.
    """
    by_module: dict[str, set[str]] = {}
    for item in imports:
        module = root + item.module[1:] if item.relative else item.module
        by_module.setdefault(module, set()).add(item.name)
    statements: list[tuple[tuple[int, int, int, tuple[tuple[int, int | str], ...]], str]] = []
    for module, names in by_module.items():
        section = _section(module)
        if "" in names:  # `import x` before `from x import ...` in a section, as isort has it
            statements.append(((section, 0, 0, _natural(module)), f"import {module}"))
        if names - {""}:
            listed = sorted(names - {""}, key=_member_key)
            dots, name = _module_key(module)
            statements.append(((section, 1, dots, name), _from_import(module, listed)))
    lines: list[str] = []
    previous_section = None
    for key, statement in sorted(statements):
        if previous_section is not None and key[0] != previous_section:
            lines.append("")
        previous_section = key[0]
        lines.append(statement)
    return lines


def _from_import(module: str, listed: list[str]) -> str:
    """One `from` statement as black prints it: on one line when it fits, else one name a
    line in parentheses with a trailing comma; so a module of imports needs no black."""
    line = f"from {module} import {', '.join(listed)}"
    if len(line) <= LINE_LENGTH:
        return line
    return "\n".join([f"from {module} import (", *(f"    {name}," for name in listed), ")"])


def sort_import_block(source: str, extra: Iterable[Import] = ()) -> str:
    """`source` with the imports at its top, and `extra` ones, printed by `import_lines`: for
    modules another tool printed (datamodel-code-generator lists its imports in the order it
    met them)."""
    tree = ast.parse(source)
    body = [node for node in tree.body if not _is_docstring(node)]
    block = []
    for node in body:
        if not isinstance(node, ast.Import | ast.ImportFrom):
            break
        block.append(node)
    if not block:
        return source
    imports: set[Import] = set(extra)
    for node in block:
        if isinstance(node, ast.Import):
            imports |= {
                Import(
                    alias.name if alias.asname is None else f"{alias.name} as {alias.asname}", ""
                )
                for alias in node.names
            }
            continue
        module = "." * node.level + (node.module or "")
        for alias in node.names:
            name = alias.name if alias.asname is None else f"{alias.name} as {alias.asname}"
            imports.add(Import(module, name))
    lines = source.splitlines(keepends=True)
    start, end = block[0].lineno - 1, block[-1].end_lineno or block[-1].lineno
    printed = "".join(f"{line}\n" for line in import_lines(imports))
    return "".join([*lines[:start], printed, *lines[end:]])


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )
