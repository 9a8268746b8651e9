"""The classification table: whether each kind of change breaks callers, and the version bump.

One row per kind of change and, where it matters, the side it is on (`request`: a value the
caller sends, an argument or a TypedDict; `response`: a value the caller reads, a return value
or a pydantic model) and whether the enum or union was open. Breaking means code that
type-checked and ran before may now fail: to type-check, or at run time. The README holds this
same table, printed by `markdown_table()`; a test fails when the two differ.

Bumps follow semantic versioning: `major` for a breaking change, `minor` for a compatible one
callers could use or notice, `patch` for a change of behaviour on the wire only, or of docs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Bump = Literal["none", "patch", "minor", "major"]
BUMPS: tuple[Bump, ...] = ("none", "patch", "minor", "major")
RuleSide = Literal["request", "response"] | None


@dataclass(frozen=True)
class Rule:
    kind: str
    side: RuleSide
    """None: the same on either side, or sideless (a method, the client, an error class)."""
    open: bool | None
    """For enum values and union members: True open, False closed, None either."""
    breaking: bool
    bump: Bump
    change: str
    """The change, in words, for the README."""
    why: str

    @property
    def docs_only(self) -> bool:
        return self.kind.endswith(".docs_changed")


REQ: RuleSide = "request"
RESP: RuleSide = "response"
BREAKS, KEEPS = True, False

# One row per line, as a table reads: black would fold each across six.
# fmt: off
RULES: tuple[Rule, ...] = (
    # Methods
    Rule("method.added", None, None, KEEPS, "minor", "method added", "nothing called it before"),
    Rule("method.removed", None, None, BREAKS, "major", "method removed", "calls fail (AttributeError)"),
    Rule("method.deprecated", None, None, KEEPS, "minor", "method marked deprecated", "still works; semver bumps minor for a deprecation"),
    Rule("method.undeprecated", None, None, KEEPS, "patch", "deprecation withdrawn", "nothing to change"),
    Rule("method.route_changed", None, None, KEEPS, "patch", "HTTP method or path changed", "same call; the client sends it elsewhere"),
    Rule("method.retries_changed", None, None, KEEPS, "patch", "retried as idempotent, or no longer", "same call; only failures are retried differently"),
    Rule("return.kind_changed", None, None, BREAKS, "major", "returns a model / page / stream of JSON lines / nothing instead", "iteration, `async for`, `with` and attribute access differ"),
    # Arguments
    Rule("argument.added_required", None, None, BREAKS, "major", "new required argument", "existing calls lack it (TypeError)"),
    Rule("argument.added_optional", None, None, KEEPS, "minor", "new optional argument", "existing calls still fit"),
    Rule("argument.removed", None, None, BREAKS, "major", "argument removed", "calls passing it fail (TypeError)"),
    Rule("argument.renamed", None, None, BREAKS, "major", "argument renamed (same wire name)", "calls passing the old name fail"),
    Rule("argument.made_required", None, None, BREAKS, "major", "optional argument made required", "calls without it fail"),
    Rule("argument.made_optional", None, None, KEEPS, "minor", "required argument made optional", "every call still fits"),
    Rule("argument.became_keyword", None, None, BREAKS, "major", "positional argument made keyword-only", "positional calls fail"),
    Rule("argument.became_positional", None, None, KEEPS, "minor", "keyword-only argument made positional", "it is still accepted by name"),
    Rule("argument.reordered", None, None, BREAKS, "major", "positional arguments reordered", "positional calls pass values to the wrong argument"),
    Rule("argument.wire_changed", None, None, KEEPS, "patch", "argument sent under another name or in another part of the request", "same call; the client sends it differently"),
    # The type at one place: an argument or TypedDict field (request), a return value or
    # model field (response).
    Rule("type.widened", REQ, None, KEEPS, "minor", "type accepts more", "every value sent before is still accepted"),
    Rule("type.widened", RESP, None, BREAKS, "major", "type may hold more", "code reading it may meet values it does not handle"),
    Rule("type.narrowed", REQ, None, BREAKS, "major", "type accepts less", "values sent before may be refused by the type checker"),
    Rule("type.narrowed", RESP, None, KEEPS, "patch", "type holds less", "code handling more still works (strict checkers may flag dead branches)"),
    Rule("type.changed", None, None, BREAKS, "major", "type changed, neither wider nor narrower", "values on both sides of the change differ"),
    Rule("nullable.added", REQ, None, KEEPS, "minor", "made nullable", "None is now accepted as well"),
    Rule("nullable.added", RESP, None, BREAKS, "major", "made nullable", "code reading it may meet None"),
    Rule("nullable.removed", REQ, None, BREAKS, "major", "made non-nullable", "calls passing None fail to type-check"),
    Rule("nullable.removed", RESP, None, KEEPS, "patch", "made non-nullable", "None checks become redundant, nothing fails"),
    Rule("enum.value_added", REQ, None, KEEPS, "minor", "enum value added", "one more value may be sent"),
    Rule("enum.value_added", RESP, False, BREAKS, "major", "enum value added (closed enum)", "code matching every value exhaustively meets one it does not handle"),
    Rule("enum.value_added", RESP, True, KEEPS, "minor", "enum value added (open enum: `anyOf: [string, enum]`)", "callers already handle any string"),
    Rule("enum.value_removed", REQ, False, BREAKS, "major", "enum value removed (closed enum)", "calls passing it fail to type-check"),
    Rule("enum.value_removed", REQ, True, KEEPS, "patch", "enum value removed (open enum)", "any string is still accepted"),
    Rule("enum.value_removed", RESP, None, KEEPS, "patch", "enum value removed", "code handling it still works; it no longer arrives"),
    Rule("union.member_added", REQ, None, KEEPS, "minor", "union member added", "one more kind of value may be sent"),
    Rule("union.member_added", RESP, False, BREAKS, "major", "union member added (no fallback)", "code handling every member meets one it does not know"),
    Rule("union.member_added", RESP, True, KEEPS, "minor", "union member added (open: an `Unknown<Union>` fallback)", "such values parsed as the fallback before; callers handle it"),
    Rule("union.member_removed", REQ, None, BREAKS, "major", "union member removed", "calls passing it fail to type-check"),
    Rule("union.member_removed", RESP, None, KEEPS, "patch", "union member removed", "code handling it still works; it no longer arrives"),
    # Models: pydantic models in `types` (response), TypedDicts in `params` (request).
    Rule("model.added", None, None, KEEPS, "minor", "model or TypedDict added", "nothing imported it before"),
    Rule("model.removed", None, None, BREAKS, "major", "model or TypedDict removed", "imports of it fail"),
    Rule("model.kind_changed", None, None, BREAKS, "major", "a class became an alias (enum, union) or back", "construction, `isinstance` and attribute access differ"),
    Rule("field.added_required", REQ, None, BREAKS, "major", "new required field", "dicts built before lack it"),
    Rule("field.added_required", RESP, None, KEEPS, "minor", "new field, always present", "code reading other fields is unaffected"),
    Rule("field.added_optional", None, None, KEEPS, "minor", "new optional field", "nothing had to set or read it"),
    Rule("field.removed", None, None, BREAKS, "major", "field removed", "code reading or setting it fails"),
    Rule("field.made_required", REQ, None, BREAKS, "major", "optional field made required", "dicts built without it fail to type-check"),
    Rule("field.made_required", RESP, None, KEEPS, "patch", "optional field made always present", "None checks become redundant, nothing fails"),
    Rule("field.made_optional", REQ, None, KEEPS, "minor", "required field made optional", "dicts built with it still fit"),
    Rule("field.made_optional", RESP, None, BREAKS, "major", "field made optional (may be absent: None)", "code reading it may meet None"),
    # The client
    Rule("client.class_renamed", None, None, BREAKS, "major", "client class renamed", "imports of it fail"),
    Rule("client.package_renamed", None, None, BREAKS, "major", "package renamed", "every import fails"),
    Rule("client.credential_added", None, None, KEEPS, "minor", "new credential argument", "each one given is sent; existing ones still work"),
    Rule("client.credential_removed", None, None, BREAKS, "major", "credential argument removed", "constructors passing it fail"),
    Rule("client.env_renamed", None, None, BREAKS, "major", "credential or base URL variable renamed", "deployments setting the old variable lose it"),
    Rule("client.setting_changed", None, None, KEEPS, "minor", "default base URL, timeout, retries, headers or log variable changed", "same calls; behaviour differs"),
    Rule("client.credential_sent_differently", None, None, KEEPS, "patch", "credential sent in another header or form", "same calls; the client sends it differently"),
    # Errors
    Rule("error.added", None, None, KEEPS, "minor", "error class added for a status", "it subclasses the class raised before, which still catches it"),
    Rule("error.removed", None, None, BREAKS, "major", "error class removed", "`except` clauses naming it fail"),
    Rule("error.status_changed", None, None, BREAKS, "major", "error class raised for another status", "`except` clauses catch other errors"),
    Rule("error.parent_changed", None, None, BREAKS, "major", "error class moved under another parent", "`except` of the old parent misses it"),
    Rule("error.base_renamed", None, None, BREAKS, "major", "root error class renamed", "`except` clauses naming it fail"),
    # Pagination
    Rule("pagination.scheme_changed", None, None, KEEPS, "patch", "a pagination scheme's kind or names changed in sdk.yaml", "pages iterate the same; methods that become or stop being pages, or change scheme, are reported as such"),
    # Docs
    Rule("method.docs_changed", None, None, KEEPS, "patch", "method summary or description changed", "docs only"),
    Rule("argument.docs_changed", None, None, KEEPS, "patch", "argument description changed", "docs only"),
    Rule("model.docs_changed", None, None, KEEPS, "patch", "model description changed", "docs only"),
    Rule("field.docs_changed", None, None, KEEPS, "patch", "field description changed", "docs only"),
    Rule("client.docs_changed", None, None, KEEPS, "patch", "API title or description changed", "docs only"),
)
# fmt: on

#: Kinds whose effect depends on the side: the type of a value, and a model's fields.
SIDED = ("type.", "nullable.", "enum.", "union.", "field.")
KINDS: frozenset[str] = frozenset(rule.kind for rule in RULES)


def rule_for(kind: str, side: RuleSide, open_: bool | None) -> Rule:
    """The row for a change: the exact side and openness first, then the row for either."""
    for want_side, want_open in ((side, open_), (side, None), (None, open_), (None, None)):
        for rule in RULES:
            if (rule.kind, rule.side, rule.open) == (kind, want_side, want_open):
                return rule
    raise KeyError(f"no rule for {kind} on the {side} side (open: {open_})")


def higher(first: Bump, second: Bump) -> Bump:
    return first if BUMPS.index(first) >= BUMPS.index(second) else second


def markdown_table() -> str:
    """The table as the README shows it."""
    lines = [
        "| kind | side | change | breaking | bump | why |",
        "|---|---|---|---|---|---|",
    ]
    for rule in RULES:
        side = rule.side or ("either" if rule.kind.startswith(SIDED) else "-")
        breaking = "**breaking**" if rule.breaking else "compatible"
        lines.append(
            f"| `{rule.kind}` | {side} | {rule.change} | {breaking} | {rule.bump} | {rule.why} |"
        )
    return "\n".join(lines) + "\n"
