"""`report`: the order changes are listed in, the text, the JSON and the CHANGELOG lines.

Pins that groups with a breaking change come first and, inside a group, breaking lines, then
compatible, then docs-only; the JSON's exact shape; the bump as the highest of the changes';
and that spec text reaching a message cannot hide anything from a terminal.
"""

from __future__ import annotations

import json

from generator.diff.compare import Change
from generator.diff.report import as_json, bump_of, markdown, ordered, summary, text
from generator.diff.rules import Bump


def change(group: str, kind: str, bump: Bump, message: str = "m") -> Change:
    breaking = bump == "major"
    docs = kind.endswith("docs_changed")
    return Change(breaking, kind, f"{group}.x", message, group, bump, docs, ())


FIRST_DOCS = change("a", "method.docs_changed", "patch", "docs")
FIRST_ADDED = change("a", "argument.added_optional", "minor", "added")
SECOND_BREAKING = change("b", "argument.removed", "major", "removed")
SECOND_ADDED = change("b", "argument.added_optional", "minor", "added too")
CHANGES = [FIRST_DOCS, FIRST_ADDED, SECOND_ADDED, SECOND_BREAKING]


def test_breaking_groups_and_lines_come_first_then_compatible_then_docs() -> None:
    assert ordered(CHANGES) == [SECOND_BREAKING, SECOND_ADDED, FIRST_ADDED, FIRST_DOCS]


def test_the_bump_is_the_highest() -> None:
    assert bump_of([]) == "none"
    assert bump_of([FIRST_DOCS]) == "patch"
    assert bump_of([FIRST_DOCS, FIRST_ADDED]) == "minor"
    assert bump_of(CHANGES) == "major"


def test_text_is_one_line_per_change_under_its_group() -> None:
    assert text(CHANGES).splitlines() == [
        "b",
        "  BREAKING   removed  [argument.removed]",
        "  compatible added too  [argument.added_optional]",
        "a",
        "  compatible added  [argument.added_optional]",
        "  docs       docs  [method.docs_changed]",
        "4 change(s): 1 breaking, 2 compatible, 1 docs-only; version bump: major",
    ]
    assert text([]) == "No changes to the Python surface.\n"
    assert summary([FIRST_DOCS]).endswith("version bump: patch")


def test_json_has_the_documented_shape() -> None:
    document = json.loads(as_json(CHANGES))
    assert set(document) == {"changes", "bump"}
    assert document["bump"] == "major"
    assert document["changes"][0] == {
        "breaking": True,
        "kind": "argument.removed",
        "where": "b.x",
        "message": "removed",
    }
    assert [c["message"] for c in document["changes"]] == ["removed", "added too", "added", "docs"]
    assert json.loads(as_json([])) == {"changes": [], "bump": "none"}


def test_markdown_marks_breaking_and_docs_items() -> None:
    assert markdown(CHANGES).splitlines() == [
        "- **Breaking**: `b`: removed",
        "- `b`: added too",
        "- `a`: added",
        "- Docs: `a`: docs",
    ]


def test_spec_text_cannot_hide_anything_in_a_line() -> None:
    hostile = change("types.W", "field.removed", "major", "field `a\u202eb\nc` removed")
    for output in (text([hostile]), markdown([hostile])):
        assert "\u202e" not in output and "\\u202e" in output
        assert "b\\nc" in output
