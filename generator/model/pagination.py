"""Pagination schemes: the kinds of page a list method can return, and the names each uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PageKind = Literal["cursor", "token", "offset"]
#: Each kind of page, the runtime's class for its field names, and the roles it names: model
#: fields (identifiers) first, then query parameters (wire names), optional ones last.
PAGE_KINDS: dict[PageKind, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "cursor": (
        "CursorFields",
        ("items", "has_more", "first_id", "last_id"),
        ("after", "before"),
        (),
    ),
    "token": ("TokenFields", ("items", "next"), ("parameter",), ()),
    "offset": ("OffsetFields", ("items",), ("offset",), ("has_more", "total")),
}


@dataclass(frozen=True)
class PageScheme:
    """A pagination scheme sdk.yaml declares, by name: its kind, and the names it uses."""

    name: str
    kind: PageKind
    fields: tuple[tuple[str, str], ...]
    """Each role the kind names (`items`, `after`...) and the spec's name for it."""

    def field(self, role: str) -> str | None:
        return dict(self.fields).get(role)

    @property
    def constant(self) -> str:
        """The `_config` constant holding the names, which list methods pass to the runtime."""
        return self.name.upper()

    @property
    def fields_class(self) -> str:
        return PAGE_KINDS[self.kind][0]

    @property
    def pager(self) -> str:
        """What an async list method of this scheme returns."""
        return f"Async{self.kind.capitalize()}Pager"

    @property
    def response_fields(self) -> tuple[str, ...]:
        """The fields a response must have to be a page of this scheme."""
        _, required, _, optional = PAGE_KINDS[self.kind]
        return tuple(n for role, n in self.fields if role in required or role in optional)

    @property
    def query_parameters(self) -> tuple[str, ...]:
        """The query parameters an operation must take to be paged by this scheme."""
        return tuple(name for role, name in self.fields if role in PAGE_KINDS[self.kind][2])
