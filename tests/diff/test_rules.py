"""`rules`: the classification table, and the README's copy of it.

Pins that the README shows exactly the table the code applies (so the two cannot drift), that
each row is keyed once, that every change that depends on its side has an answer on both
sides, that breaking means a major bump and only docs rows are docs-only, and how a change
finds its row.
"""

from __future__ import annotations

import re

import pytest

from generator.diff.rules import RULES, SIDED, markdown_table, rule_for

from ..helpers import ROOT

START = "<!-- classification: start"
END = "<!-- classification: end -->"


def test_the_readme_shows_the_table_the_code_applies() -> None:
    readme = (ROOT / "README.md").read_text()
    match = re.search(f"{re.escape(START)}[^\\n]*\\n(.*?){re.escape(END)}", readme, re.DOTALL)
    assert match, f"README.md has no table between {START!r} and {END!r}"
    assert match[1] == markdown_table(), (
        "README.md's classification table is not rules.RULES; paste in the output of\n"
        "python -c 'from generator.diff.rules import markdown_table; print(markdown_table(), end=\"\")'"
    )


def test_each_row_is_keyed_once() -> None:
    keys = [(r.kind, r.side, r.open) for r in RULES]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("kind", sorted({r.kind for r in RULES if r.kind.startswith(SIDED)}))
def test_a_sided_kind_has_an_answer_on_both_sides(kind: str) -> None:
    for side in ("request", "response"):
        for open_ in (True, False):
            assert rule_for(kind, side, open_).kind == kind


def test_breaking_is_a_major_bump_and_docs_rows_are_patches() -> None:
    for rule in RULES:
        assert (rule.bump == "major") == rule.breaking, rule
        if rule.docs_only:
            assert rule.bump == "patch" and not rule.breaking, rule


def test_a_change_finds_the_exact_row_first_then_the_one_for_either() -> None:
    closed = rule_for("enum.value_added", "response", False)
    assert closed.breaking and closed.open is False
    assert not rule_for("enum.value_added", "response", True).breaking
    assert rule_for("enum.value_added", "request", False).open is None
    assert rule_for("field.removed", "request", None).side is None
    assert rule_for("method.removed", None, None).breaking


def test_an_unknown_change_has_no_row() -> None:
    with pytest.raises(KeyError):
        rule_for("method.teleported", None, None)
