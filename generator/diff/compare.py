"""Two surfaces in, the changes a caller could notice out, each classified by `rules`.

What changed is found by one module per part of the surface (`client` for the client, its
errors and cursor; `methods`; `models`), matching methods by dotted path, arguments by Python
name, models by module and name, fields by JSON name, error classes by name and statuses by
number. Each finding names its kind, where it is and, for a type or a field, the side it is
on; the classification table decides whether it breaks callers, on every side it is on.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.diff.client import client_findings, error_findings, pagination_findings
from generator.diff.findings import Finding
from generator.diff.methods import method_findings
from generator.diff.models import model_findings
from generator.diff.rules import Bump, Rule, higher, rule_for
from generator.diff.surface import Surface


@dataclass(frozen=True)
class Change:
    """One change a caller could notice, classified."""

    breaking: bool
    kind: str
    where: str
    """The Python path: `messages.batches.create(betas)`, `types.MessageBatch.id`, `client`."""
    message: str
    group: str
    """What the text output groups it under: a method, a model, `client` or `errors`."""
    bump: Bump
    docs_only: bool
    rules: tuple[Rule, ...]
    """The rows of the classification table that decided it: one per side it is on."""


def compare(old: Surface, new: Surface) -> list[Change]:
    """Every change from `old` to `new`, in surface order; empty when they are the same."""
    fallbacks = frozenset(old.fallbacks) | frozenset(new.fallbacks)
    findings = [
        *client_findings(old, new),
        *error_findings(old, new),
        *pagination_findings(old, new),
        *method_findings(old.methods, new.methods, fallbacks),
        *model_findings(old.models, new.models, fallbacks),
    ]
    return [_classify(finding) for finding in findings]


def _classify(finding: Finding) -> Change:
    rules = tuple(rule_for(finding.kind, side, finding.open) for side in finding.sides or (None,))
    bump: Bump = "none"
    for rule in rules:
        bump = higher(bump, rule.bump)
    return Change(
        breaking=any(rule.breaking for rule in rules),
        kind=finding.kind,
        where=finding.where,
        message=finding.message,
        group=finding.group,
        bump=bump,
        docs_only=all(rule.docs_only for rule in rules),
        rules=rules,
    )
