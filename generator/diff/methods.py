"""A method's changes: added or removed, its route, retries, deprecation, what it returns, and
each argument (matched by Python name; one gone and one new with the same wire name and place
is a rename).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator.diff.findings import Finding, quoted
from generator.diff.surface import Argument, MethodSurface, Side
from generator.diff.typediff import shown, type_changes


def method_findings(
    old: Sequence[MethodSurface], new: Sequence[MethodSurface], fallbacks: frozenset[str]
) -> Iterator[Finding]:
    before = {m.path: m for m in old}
    after = {m.path: m for m in new}
    for method in new:
        was = before.get(method.path)
        if was is None:
            yield Finding(
                "method.added", method.path, method.path, f"method added: {_call(method)}"
            )
        else:
            yield from _method(was, method, fallbacks)
    for method in old:
        if method.path not in after:
            yield Finding(
                "method.removed", method.path, method.path, f"method removed: {_call(method)}"
            )


def _call(method: MethodSurface) -> str:
    """The signature as a caller writes the call."""
    positional = sorted((a for a in method.arguments if a.position is not None), key=_position)
    keywords = [
        a.name if a.required else f"{a.name}=..." for a in method.arguments if a.position is None
    ]
    arguments = ", ".join([a.name for a in positional] + (["*", *keywords] if keywords else []))
    return f"`{method.path.rpartition('.')[2]}({arguments}) -> {shown(method.returns)[1:-1]}`"


def _position(argument: Argument) -> int:
    return argument.position or 0


_RESPONSES = {
    "model": "parsed JSON",
    "none": "nothing",
    "page": "a page that iterates across pages",
    "jsonl": "a stream of JSON lines",
    "events": "a stream of server-sent events",
    "binary": "the response's bytes",
    "text": "the response's text",
}


def _method(old: MethodSurface, new: MethodSurface, fallbacks: frozenset[str]) -> Iterator[Finding]:
    path = new.path

    def finding(kind: str, where: str, message: str, sides: tuple[Side, ...] = ()) -> Finding:
        return Finding(kind, path, where, message, sides)

    if old.route != new.route:
        yield finding("method.route_changed", path, f"sends {new.route} (was {old.route})")
    if old.retried != new.retried:
        state = "retried like an idempotent request" if new.retried else "no longer retried"
        yield finding("method.retries_changed", path, f"{state} after a failure")
    if old.deprecated != new.deprecated:
        if new.deprecated:
            yield finding("method.deprecated", path, "deprecated")
        else:
            yield finding("method.undeprecated", path, "no longer deprecated")
    returns = f"{path}() return"
    if old.response != new.response:
        yield finding(
            "return.kind_changed",
            returns,
            f"returns {_RESPONSES[new.response]}, {shown(new.returns)} "
            f"(was {_RESPONSES[old.response]}, {shown(old.returns)})",
        )
    else:
        for change in type_changes(old.returns, new.returns, fallbacks):
            yield Finding(
                change.kind, path, returns, f"return: {change.message}", ("response",), change.open
            )
    if old.streams is not None and new.streams is not None:
        # Whether it streams at all is its flag argument, added or removed; what it streams:
        for change in type_changes(old.streams, new.streams, fallbacks):
            yield Finding(
                change.kind,
                path,
                f"{path}(stream=True) return",
                f"streamed: {change.message}",
                ("response",),
                change.open,
            )
    yield from _arguments(old, new, fallbacks)
    if old.doc != new.doc:
        yield finding("method.docs_changed", path, "summary or description changed")


def _arguments(
    old: MethodSurface, new: MethodSurface, fallbacks: frozenset[str]
) -> Iterator[Finding]:
    path = new.path
    before = {a.name: a for a in old.arguments}
    after = {a.name: a for a in new.arguments}
    gone = [a for a in old.arguments if a.name not in after]
    pairs: list[tuple[Argument, Argument]] = []
    for argument in new.arguments:
        where = f"{path}({argument.name})"
        was = before.get(argument.name)
        if was is None:
            was = next(
                (
                    g
                    for g in gone
                    if (g.wire_name, g.location) == (argument.wire_name, argument.location)
                ),
                None,
            )
            if was is None:
                kind = "argument.added_required" if argument.required else "argument.added_optional"
                state = "required" if argument.required else "optional"
                yield Finding(
                    kind,
                    path,
                    where,
                    f"argument `{argument.name}: {shown(argument.type)[1:-1]}` added, {state}",
                )
                continue
            gone.remove(was)
            yield Finding(
                "argument.renamed",
                path,
                where,
                f"argument `{was.name}` renamed to `{argument.name}` "
                f"(sent as {argument.location} {quoted(argument.wire_name)})",
            )
        pairs.append((was, argument))
    for argument in gone:
        yield Finding(
            "argument.removed",
            path,
            f"{path}({argument.name})",
            f"argument `{argument.name}` removed",
        )
    for was, argument in pairs:
        yield from _argument(path, was, argument, fallbacks)


def _argument(
    path: str, old: Argument, new: Argument, fallbacks: frozenset[str]
) -> Iterator[Finding]:
    where = f"{path}({new.name})"
    name = f"argument `{new.name}`"

    def finding(kind: str, message: str) -> Finding:
        return Finding(kind, path, where, message)

    if old.required != new.required:
        if new.required:
            yield finding("argument.made_required", f"{name} is now required")
        else:
            yield finding("argument.made_optional", f"{name} is now optional")
    if old.position != new.position:
        if new.position is None:
            yield finding("argument.became_keyword", f"{name} is now keyword-only")
        elif old.position is None:
            yield finding(
                "argument.became_positional", f"{name} is now positional (#{new.position + 1})"
            )
        else:
            yield finding(
                "argument.reordered",
                f"{name} moved to position #{new.position + 1} (was #{old.position + 1})",
            )
    if (old.location, old.wire_name) != (new.location, new.wire_name):
        yield finding(
            "argument.wire_changed",
            f"{name} is sent as {new.location} {quoted(new.wire_name)} "
            f"(was {old.location} {quoted(old.wire_name)})",
        )
    for change in type_changes(old.type, new.type, fallbacks):
        yield Finding(
            change.kind, path, where, f"{name}: {change.message}", ("request",), change.open
        )
    if old.doc != new.doc:
        yield finding("argument.docs_changed", f"{name}: description changed")
