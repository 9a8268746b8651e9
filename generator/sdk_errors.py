"""sdk.yaml's `errors`: the root error class, and the class each status raises."""

from __future__ import annotations

from dataclasses import dataclass

from generator.load import JSONPath
from generator.sdk_reader import Reader
from generator.spec_defaults import STATUS_ERRORS

_STATUS_5XX = "5xx"
#: What an invalid status reads as, so reading goes on; it is reported once, never mapped.
_INVALID_STATUS = -1


@dataclass(frozen=True)
class ErrorMapping:
    class_name: str
    status: int | None
    parent: str | None
    where: JSONPath


def read_errors(reader: Reader, value: object) -> tuple[str, tuple[ErrorMapping, ...]]:
    section = reader.mapping(("errors",), value, {"base", "statuses"})
    base = reader.identifier(("errors",), section, "base")
    statuses = section.get("statuses", [])
    if not isinstance(statuses, list):
        reader.fail(("errors", "statuses"), "`statuses` must be a list")
        return base, ()
    mappings: list[ErrorMapping] = []
    seen_classes: set[str] = set()
    seen_statuses: set[int | None] = set()
    for index, entry in enumerate(statuses):
        where: JSONPath = ("errors", "statuses", index)
        item = reader.mapping(where, entry, {"class", "status", "parent"})
        class_name = reader.identifier(where, item, "class")
        status = _read_status(reader, where, item.get("status"))
        parent = item.get("parent")
        if parent is not None and (not isinstance(parent, str) or parent not in seen_classes):
            reader.fail((*where, "parent"), "`parent` must name a class listed above this one")
            parent = None
        if class_name and class_name in seen_classes:
            reader.fail((*where, "class"), f"error class {class_name!r} is listed twice")
        if status != _INVALID_STATUS and status in seen_statuses:
            reader.fail((*where, "status"), f"status {status or _STATUS_5XX} is mapped twice")
        seen_classes.add(class_name)
        seen_statuses.add(status)
        mappings.append(ErrorMapping(class_name, status, parent if parent else None, where))
    return base, tuple(mappings)


def _read_status(reader: Reader, where: JSONPath, value: object) -> int | None:
    if value == _STATUS_5XX:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 400 <= value <= 599:
        return value
    reader.fail((*where, "status"), "`status` must be a code from 400 to 599, or `5xx`")
    return _INVALID_STATUS


def default_errors(class_name: str) -> dict[str, object]:
    """The errors section a client without one gets: the official SDKs' status classes."""
    return {
        "base": f"{class_name}Error",
        "statuses": [
            {"class": name, "status": status if status is not None else "5xx"}
            for name, status, _ in STATUS_ERRORS
        ],
    }
