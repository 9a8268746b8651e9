"""Two surfaces in, the changes a caller could notice out, each classified by `rules`.

Methods are matched by dotted path, arguments by Python name (an argument gone and one new
with the same wire name and location is a rename), models by module and name, fields by JSON
name, error classes by name and statuses by number. Every finding names its kind, where it is
and, for a type or a field, the side it is on; `rules` decides whether it breaks callers.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.diff.rules import Bump, Rule, higher, rule_for
from generator.diff.surface import (
    Argument,
    ErrorSurface,
    Field,
    MethodSurface,
    ModelSurface,
    Side,
    Surface,
)
from generator.diff.typediff import shown, type_changes
from generator.pycode import python_string

#: What raises for a status no class is mapped to (the runtime's own class).
STATUS_ERROR = "APIStatusError"
_SERVER = "5xx"


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


@dataclass(frozen=True)
class _Finding:
    kind: str
    group: str
    where: str
    message: str
    sides: tuple[Side, ...] = ()
    open: bool | None = None


def compare(old: Surface, new: Surface) -> list[Change]:
    """Every change from `old` to `new`, in surface order; empty when they are the same."""
    fallbacks = frozenset(old.fallbacks) | frozenset(new.fallbacks)
    findings = [
        *_client(old, new),
        *_errors(old, new),
        *_pagination(old, new),
        *_methods(old.methods, new.methods, fallbacks),
        *_models(old.models, new.models, fallbacks),
    ]
    return [_classify(finding) for finding in findings]


def _classify(finding: _Finding) -> Change:
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


def _quoted(text: str) -> str:
    return python_string(text)


# -- the client ---------------------------------------------------------------------------


def _client(old: Surface, new: Surface) -> Iterator[_Finding]:
    def finding(kind: str, where: str, message: str) -> _Finding:
        return _Finding(kind, "client", where, message)

    if old.package != new.package:
        yield finding(
            "client.package_renamed",
            "package",
            f"package renamed: `{old.package}` -> `{new.package}`",
        )
    a, b = old.client, new.client
    for label, before, after in (
        ("sync client class", a.sync_class, b.sync_class),
        ("async client class", a.async_class, b.async_class),
    ):
        if before != after:
            yield finding(
                "client.class_renamed",
                f"client.{after}",
                f"{label} renamed: `{before}` -> `{after}`",
            )
    old_credentials = {c.argument: c for c in a.credentials}
    new_credentials = {c.argument: c for c in b.credentials}
    for argument, credential in new_credentials.items():
        where = f"client({argument})"
        was = old_credentials.get(argument)
        if was is None:
            yield finding(
                "client.credential_added",
                where,
                f"credential argument `{argument}` added (else ${credential.env})",
            )
            continue
        if was.env != credential.env:
            yield finding(
                "client.env_renamed",
                where,
                f"`{argument}` is read from ${credential.env} (was ${was.env})",
            )
        if (was.header, was.prefix) != (credential.header, credential.prefix):
            yield finding(
                "client.credential_sent_differently",
                where,
                f"`{argument}` is sent as {_sent(credential.header, credential.prefix)} "
                f"(was {_sent(was.header, was.prefix)})",
            )
    for argument in old_credentials.keys() - new_credentials.keys():
        yield finding(
            "client.credential_removed",
            f"client({argument})",
            f"credential argument `{argument}` removed",
        )
    if a.base_url_env != b.base_url_env:
        yield finding(
            "client.env_renamed",
            "client(base_url)",
            f"`base_url` is read from ${b.base_url_env} (was ${a.base_url_env})",
        )
    for name, before, after in (
        ("base_url", _quoted(a.base_url), _quoted(b.base_url)),
        ("timeout", f"{a.timeout:g} s", f"{b.timeout:g} s"),
        ("connect timeout", f"{a.connect_timeout:g} s", f"{b.connect_timeout:g} s"),
        ("max_retries", str(a.max_retries), str(b.max_retries)),
        ("log variable", f"${a.log_env}", f"${b.log_env}"),
    ):
        if before != after:
            yield finding(
                "client.setting_changed", "client", f"default {name}: {after} (was {before})"
            )
    old_headers, new_headers = dict(a.default_headers), dict(b.default_headers)
    for header in sorted(old_headers.keys() | new_headers.keys()):
        if old_headers.get(header) != new_headers.get(header):
            before = _header_value(old_headers.get(header))
            after = _header_value(new_headers.get(header))
            yield finding(
                "client.setting_changed",
                "client",
                f"default header {_quoted(header)}: {after} (was {before})",
            )
    if a.doc != b.doc:
        yield finding("client.docs_changed", "client", "the API's title or description changed")


def _sent(header: str, prefix: str) -> str:
    return f"`{header}: {prefix}<credential>`"


def _header_value(value: str | None) -> str:
    return "not sent" if value is None else _quoted(value)


# -- errors -------------------------------------------------------------------------------


def _errors(old: Surface, new: Surface) -> Iterator[_Finding]:
    def finding(kind: str, where: str, message: str) -> _Finding:
        return _Finding(kind, "errors", where, message)

    if old.error_base != new.error_base:
        yield finding(
            "error.base_renamed",
            f"errors.{new.error_base}",
            f"root error class renamed: `{old.error_base}` -> `{new.error_base}`",
        )
    old_classes = {e.class_name: e for e in old.errors}
    new_classes = {e.class_name: e for e in new.errors}
    for name, error in new_classes.items():
        was = old_classes.get(name)
        if was is None:
            yield finding(
                "error.added", f"errors.{name}", f"`{name}` added, raised for {_status(error)}"
            )
        elif was.parent != error.parent:
            yield finding(
                "error.parent_changed",
                f"errors.{name}",
                f"`{name}` now subclasses `{error.parent}` (was `{was.parent}`)",
            )
    for name in old_classes.keys() - new_classes.keys():
        yield finding("error.removed", f"errors.{name}", f"`{name}` removed")
    parents = {e.class_name: e.parent for e in new.errors}
    statuses = {_status_key(e) for e in (*old.errors, *new.errors)}
    for status in sorted(statuses, key=lambda s: (s == _SERVER, s)):
        before, after = _raised(old.errors, status), _raised(new.errors, status)
        if before in old_classes and before not in new_classes:
            continue  # reported as removed
        if before != after and not _subclasses(after, before, parents):
            yield finding(
                "error.status_changed",
                f"errors.{status}",
                f"status {status} raises `{after}` (was `{before}`, which does not catch it)",
            )


def _status(error: ErrorSurface) -> str:
    return "every other status >= 500" if error.status is None else f"status {error.status}"


def _status_key(error: ErrorSurface) -> str:
    return _SERVER if error.status is None else str(error.status)


def _raised(errors: Sequence[ErrorSurface], status: str) -> str:
    """The class raised for `status`: its own, else the 5xx class for a server error."""
    by_status = {_status_key(e): e.class_name for e in errors}
    if status in by_status:
        return by_status[status]
    if (status == _SERVER or int(status) >= 500) and _SERVER in by_status:
        return by_status[_SERVER]
    return STATUS_ERROR


def _subclasses(child: str, ancestor: str, parents: dict[str, str]) -> bool:
    seen: set[str] = set()
    while child not in seen:
        if child == ancestor:
            return True
        seen.add(child)
        child = parents.get(child, child)
    return False


# -- pagination ---------------------------------------------------------------------------


def _pagination(old: Surface, new: Surface) -> Iterator[_Finding]:
    if old.pagination == new.pagination:
        return
    if not old.pagination or not new.pagination:
        state = "declared" if new.pagination else "no longer declared"
        message = f"cursor pagination {state} in sdk.yaml"
    else:
        before, after = dict(old.pagination), dict(new.pagination)
        renamed = [
            f"{role}: `{after.get(role)}` (was `{before.get(role)}`)"
            for role in dict.fromkeys([*before, *after])
            if before.get(role) != after.get(role)
        ]
        message = "cursor " + ", ".join(renamed)
    yield _Finding("pagination.cursor_changed", "pagination", "pagination", message)


# -- methods and their arguments ----------------------------------------------------------


def _methods(
    old: Sequence[MethodSurface], new: Sequence[MethodSurface], fallbacks: frozenset[str]
) -> Iterator[_Finding]:
    before = {m.path: m for m in old}
    after = {m.path: m for m in new}
    for method in new:
        was = before.get(method.path)
        if was is None:
            yield _Finding(
                "method.added", method.path, method.path, f"method added: {_call(method)}"
            )
        else:
            yield from _method(was, method, fallbacks)
    for method in old:
        if method.path not in after:
            yield _Finding(
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
    "model": "a model",
    "none": "nothing",
    "page": "a page that iterates across pages",
    "jsonl": "a stream of JSON lines",
}


def _method(
    old: MethodSurface, new: MethodSurface, fallbacks: frozenset[str]
) -> Iterator[_Finding]:
    path = new.path

    def finding(kind: str, where: str, message: str, sides: tuple[Side, ...] = ()) -> _Finding:
        return _Finding(kind, path, where, message, sides)

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
            yield _Finding(
                change.kind, path, returns, f"return: {change.message}", ("response",), change.open
            )
    yield from _arguments(old, new, fallbacks)
    if old.doc != new.doc:
        yield finding("method.docs_changed", path, "summary or description changed")


def _arguments(
    old: MethodSurface, new: MethodSurface, fallbacks: frozenset[str]
) -> Iterator[_Finding]:
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
                yield _Finding(
                    kind,
                    path,
                    where,
                    f"argument `{argument.name}: {shown(argument.type)[1:-1]}` added, {state}",
                )
                continue
            gone.remove(was)
            yield _Finding(
                "argument.renamed",
                path,
                where,
                f"argument `{was.name}` renamed to `{argument.name}` "
                f"(sent as {argument.location} {_quoted(argument.wire_name)})",
            )
        pairs.append((was, argument))
    for argument in gone:
        yield _Finding(
            "argument.removed",
            path,
            f"{path}({argument.name})",
            f"argument `{argument.name}` removed",
        )
    for was, argument in pairs:
        yield from _argument(path, was, argument, fallbacks)


def _argument(
    path: str, old: Argument, new: Argument, fallbacks: frozenset[str]
) -> Iterator[_Finding]:
    where = f"{path}({new.name})"
    name = f"argument `{new.name}`"

    def finding(kind: str, message: str) -> _Finding:
        return _Finding(kind, path, where, message)

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
            f"{name} is sent as {new.location} {_quoted(new.wire_name)} "
            f"(was {old.location} {_quoted(old.wire_name)})",
        )
    for change in type_changes(old.type, new.type, fallbacks):
        yield _Finding(
            change.kind, path, where, f"{name}: {change.message}", ("request",), change.open
        )
    if old.doc != new.doc:
        yield finding("argument.docs_changed", f"{name}: description changed")


# -- models and their fields --------------------------------------------------------------


def _models(
    old: Sequence[ModelSurface], new: Sequence[ModelSurface], fallbacks: frozenset[str]
) -> Iterator[_Finding]:
    before = {m.qualified: m for m in old}
    after = {m.qualified: m for m in new}
    for name in sorted(before.keys() | after.keys()):
        was, model = before.get(name), after.get(name)
        group = f"{name.partition('.')[0]}.{name.partition('.')[2].split('.')[0]}"
        if was is None and model is not None:
            yield _Finding("model.added", group, name, f"{_what(model)} `{name}` added")
        elif model is None and was is not None:
            yield _Finding("model.removed", group, name, f"{_what(was)} `{name}` removed")
        elif was is not None and model is not None:
            yield from _model(group, was, model, fallbacks)


def _what(model: ModelSurface) -> str:
    if model.fields is None:
        return "alias"
    return "TypedDict" if model.module == "params" else "model"


def _side_note(sides: tuple[Side, ...]) -> str:
    if sides == ("request",):
        return "sent in requests"
    return "read from responses" if sides == ("response",) else "sent and read"


def _model(
    group: str, old: ModelSurface, new: ModelSurface, fallbacks: frozenset[str]
) -> Iterator[_Finding]:
    name = new.qualified
    sides: tuple[Side, ...] = tuple(
        side for side in ("request", "response") if side in old.sides or side in new.sides
    )
    note = f" ({_side_note(sides)})"
    if (old.fields is None) != (new.fields is None):
        yield _Finding(
            "model.kind_changed",
            group,
            name,
            f"`{name}` is now {'an ' if new.fields is None else 'a '}{_what(new)} "
            f"(was {'an ' if old.fields is None else 'a '}{_what(old)})",
        )
    elif old.fields is None or new.fields is None:
        if old.alias is not None and new.alias is not None:
            for change in type_changes(old.alias, new.alias, fallbacks):
                yield _Finding(
                    change.kind, group, name, f"{change.message}{note}", sides, change.open
                )
    else:
        yield from _fields(group, name, old.fields, new.fields, sides, note, fallbacks)
    if old.doc != new.doc:
        yield _Finding("model.docs_changed", group, name, "description changed")


def _fields(
    group: str,
    model: str,
    old: Sequence[Field],
    new: Sequence[Field],
    sides: tuple[Side, ...],
    note: str,
    fallbacks: frozenset[str],
) -> Iterator[_Finding]:
    before = {f.name: f for f in old}
    after = {f.name: f for f in new}
    inside = model[len(group) + 1 :]  # the path to an inline object inside the group's model

    def label(field: Field) -> str:
        return f"field `{inside}.{field.name}`" if inside else f"field `{field.name}`"

    def finding(kind: str, field: Field, message: str, open_: bool | None = None) -> _Finding:
        where = f"{model}.{field.name}"
        return _Finding(kind, group, where, f"{label(field)}{message}{note}", sides, open_)

    for field in new:
        was = before.get(field.name)
        if was is None:
            kind = "field.added_required" if field.required else "field.added_optional"
            state = "required" if field.required else "optional"
            yield finding(kind, field, f" added ({shown(field.type)[1:-1]}, {state})")
            continue
        if was.required != field.required:
            if field.required:
                yield finding("field.made_required", field, " is now required")
            else:
                yield finding("field.made_optional", field, " is now optional")
        for change in type_changes(was.type, field.type, fallbacks):
            yield finding(change.kind, field, f": {change.message}", change.open)
        if was.doc != field.doc:
            yield _Finding(
                "field.docs_changed",
                group,
                f"{model}.{field.name}",
                f"{label(field)}: description changed",
            )
    for field in old:
        if field.name not in after:
            yield finding("field.removed", field, " removed")
