"""Format generated modules with black, in-process, and prove that each one compiles."""

from __future__ import annotations

import black
from black.mode import TargetVersion

from generator.errors import StageError

_MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=100)


def format_module(source: str, target: str) -> str:
    try:
        formatted = black.format_str(source, mode=_MODE)
    except Exception as exc:  # black raises InvalidInput and others for code it cannot parse
        raise StageError("black", target, f"{type(exc).__name__}: {exc}") from exc
    try:
        compile(formatted, target, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        raise StageError("compile", target, str(exc)) from exc
    return formatted
