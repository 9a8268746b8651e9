"""The client's changes: package and class names, credentials and the variables they are read
from, defaults; the error classes and which class each status raises; the cursor's names.

A status's class changing is compatible only when the new class subclasses the old one, so
that an `except` clause written for the old class still catches it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator.diff.findings import Finding, quoted
from generator.diff.surface import ClientSurface, ErrorSurface, Surface

#: What raises for a status no class is mapped to (the runtime's own class).
STATUS_ERROR = "APIStatusError"
_SERVER = "5xx"


def client_findings(old: Surface, new: Surface) -> Iterator[Finding]:
    if old.package != new.package:
        yield _finding(
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
            yield _finding(
                "client.class_renamed",
                f"client.{after}",
                f"{label} renamed: `{before}` -> `{after}`",
            )
    yield from _credential_findings(a, b)
    yield from _setting_findings(a, b)
    yield from _event_findings(old, new)
    if a.doc != b.doc:
        yield _finding("client.docs_changed", "client", "the API's title or description changed")


def _finding(kind: str, where: str, message: str) -> Finding:
    return Finding(kind, "client", where, message)


def _credential_findings(a: ClientSurface, b: ClientSurface) -> Iterator[Finding]:
    """Credential arguments added, removed, read from another variable or sent another way."""
    old_credentials = {c.argument: c for c in a.credentials}
    new_credentials = {c.argument: c for c in b.credentials}
    for argument, credential in new_credentials.items():
        where = f"client({argument})"
        was = old_credentials.get(argument)
        if was is None:
            yield _finding(
                "client.credential_added",
                where,
                f"credential argument `{argument}` added (else ${credential.env})",
            )
            continue
        if was.env != credential.env:
            yield _finding(
                "client.env_renamed",
                where,
                f"`{argument}` is read from ${credential.env} (was ${was.env})",
            )
        if (was.header, was.prefix) != (credential.header, credential.prefix):
            yield _finding(
                "client.credential_sent_differently",
                where,
                f"`{argument}` is sent as {_sent(credential.header, credential.prefix)} "
                f"(was {_sent(was.header, was.prefix)})",
            )
    for argument in old_credentials.keys() - new_credentials.keys():
        yield _finding(
            "client.credential_removed",
            f"client({argument})",
            f"credential argument `{argument}` removed",
        )


def _setting_findings(a: ClientSurface, b: ClientSurface) -> Iterator[Finding]:
    """The client's defaults changed: its variables, timeouts, retries and headers."""
    if a.base_url_env != b.base_url_env:
        yield _finding(
            "client.env_renamed",
            "client(base_url)",
            f"`base_url` is read from ${b.base_url_env} (was ${a.base_url_env})",
        )
    for name, before, after in (
        ("base_url", quoted(a.base_url), quoted(b.base_url)),
        ("timeout", f"{a.timeout:g} s", f"{b.timeout:g} s"),
        ("connect timeout", f"{a.connect_timeout:g} s", f"{b.connect_timeout:g} s"),
        ("max_retries", str(a.max_retries), str(b.max_retries)),
        ("log variable", f"${a.log_env}", f"${b.log_env}"),
    ):
        if before != after:
            yield _finding(
                "client.setting_changed", "client", f"default {name}: {after} (was {before})"
            )
    old_headers, new_headers = dict(a.default_headers), dict(b.default_headers)
    for header in sorted(old_headers.keys() | new_headers.keys()):
        if old_headers.get(header) != new_headers.get(header):
            before = _header_value(old_headers.get(header))
            after = _header_value(new_headers.get(header))
            yield _finding(
                "client.setting_changed",
                "client",
                f"default header {quoted(header)}: {after} (was {before})",
            )


def _event_findings(old: Surface, new: Surface) -> Iterator[Finding]:
    """How streams of events are read changed; with no stream on either side, it does not
    matter."""
    old_events, new_events = dict(old.events), dict(new.events)
    if not (old_events and new_events):
        return
    for setting in dict.fromkeys([*old_events, *new_events]):
        before = old_events.get(setting, "")
        after = new_events.get(setting, "")
        if before != after:
            yield _finding(
                "client.setting_changed",
                "client",
                f"streams of events, {setting}: {quoted(after)} (was {quoted(before)})",
            )


def _sent(header: str, prefix: str) -> str:
    return f"`{header}: {prefix}<credential>`"


def _header_value(value: str | None) -> str:
    return "not sent" if value is None else quoted(value)


# -- errors -------------------------------------------------------------------------------


def error_findings(old: Surface, new: Surface) -> Iterator[Finding]:
    def finding(kind: str, where: str, message: str) -> Finding:
        return Finding(kind, "errors", where, message)

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


def pagination_findings(old: Surface, new: Surface) -> Iterator[Finding]:
    """One finding for any change to sdk.yaml's pagination schemes: which methods return pages
    is reported on the methods themselves."""
    before, after = dict(old.pagination), dict(new.pagination)
    changed = [
        f"{name}: {_named(after.get(name))} (was {_named(before.get(name))})"
        for name in dict.fromkeys([*before, *after])
        if before.get(name) != after.get(name)
    ]
    if changed:
        message = "pagination schemes in sdk.yaml: " + ", ".join(changed)
        yield Finding("pagination.scheme_changed", "pagination", "pagination", message)


def _named(name: str | None) -> str:
    return "not declared" if name is None else f"`{name}`"
