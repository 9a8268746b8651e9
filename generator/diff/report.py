"""Changes as people and programs read them: text, JSON, and a CHANGELOG entry.

All three list the changes in one order: grouped by method or model (or `client`, `errors`,
`pagination`), groups with a breaking change first, and inside a group breaking changes first,
then compatible ones, then docs-only ones. Spec text can reach a message (a field's JSON name,
an enum value), so every line has its deceptive and control characters spelled out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from generator.diff.compare import Change
from generator.diff.rules import Bump, higher
from generator.pycode import visible


def bump_of(changes: Sequence[Change]) -> Bump:
    """The version bump the changes call for: the highest of theirs."""
    bump: Bump = "none"
    for change in changes:
        bump = higher(bump, change.bump)
    return bump


def ordered(changes: Sequence[Change]) -> list[Change]:
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.group, []).append(change)
    found: list[Change] = []
    for members in sorted(groups.values(), key=lambda m: not any(c.breaking for c in m)):
        found.extend(sorted(members, key=_rank))
    return found


def _rank(change: Change) -> int:
    return 0 if change.breaking else 2 if change.docs_only else 1


def _mark(change: Change) -> str:
    return "BREAKING" if change.breaking else "docs" if change.docs_only else "compatible"


def _line(text: str) -> str:
    return visible(text).replace("\n", "\\n")


def summary(changes: Sequence[Change]) -> str:
    """One line: how many of each, and the bump."""
    if not changes:
        return "No changes to the Python surface."
    breaking = sum(c.breaking for c in changes)
    docs = sum(c.docs_only for c in changes)
    compatible = len(changes) - breaking - docs
    return (
        f"{len(changes)} change(s): {breaking} breaking, {compatible} compatible, "
        f"{docs} docs-only; version bump: {bump_of(changes)}"
    )


def text(changes: Sequence[Change]) -> str:
    """One line per change under its group's name, then the summary."""
    lines: list[str] = []
    group = None
    for change in ordered(changes):
        if change.group != group:
            group = change.group
            lines.append(_line(group))
        lines.append(_line(f"  {_mark(change):<10} {change.message}  [{change.kind}]"))
    lines.append(summary(changes))
    return "\n".join(lines) + "\n"


def as_json(changes: Sequence[Change]) -> str:
    """`{"changes": [{"breaking", "kind", "where", "message"}, ...], "bump": ...}`."""
    document = {
        "changes": [
            {
                "breaking": change.breaking,
                "kind": change.kind,
                "where": change.where,
                "message": change.message,
            }
            for change in ordered(changes)
        ],
        "bump": bump_of(changes),
    }
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def markdown(changes: Sequence[Change]) -> str:
    """A list for a CHANGELOG entry: one item per change, its group in code."""
    items = []
    for change in ordered(changes):
        mark = "**Breaking**: " if change.breaking else "Docs: " if change.docs_only else ""
        items.append(_line(f"- {mark}`{change.group}`: {change.message}"))
    return "\n".join(items) + "\n"
