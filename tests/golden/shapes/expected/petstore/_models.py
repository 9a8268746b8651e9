"""The base of every model in `types`."""

from __future__ import annotations

import functools
from typing import Any, Literal, Self, cast

import pydantic


class BaseModel(pydantic.BaseModel):
    """A response model that tolerates a newer API.

    Fields the spec does not know are kept (in `model_extra`) rather than rejected, so an API
    release that adds a field does not break clients generated before it. `_request_id` holds
    the response's `request-id` header, the handle support asks for. Validators are built on
    first use. Patterns use Python's `re`: a union's `Unknown<Name>` variant needs a negative
    lookahead, which pydantic's default engine lacks.
    """

    model_config = pydantic.ConfigDict(extra="allow", defer_build=True, regex_engine="python-re")

    _request_id: str | None = pydantic.PrivateAttr(default=None)

    @classmethod
    def from_response(cls, content: bytes | str, request_id: str | None) -> Self:
        """The model of a response body, validated (pydantic decodes the JSON itself, faster
        than `json.loads` then validation), with the response's request id kept."""
        model = cls.model_validate_json(content)
        model._request_id = request_id
        return model

    @staticmethod
    def parse_response(kind: object, content: bytes | str, request_id: str | None) -> Any:
        """`content`, a response body or an event, as `kind`: a model, or a union of models
        (validated through a pydantic `TypeAdapter`, built once per type); a model it gives
        keeps the request id."""
        if isinstance(kind, type) and issubclass(cast(type[object], kind), BaseModel):
            return cast(type[BaseModel], kind).from_response(content, request_id)
        value = _adapter(kind).validate_json(content)
        if isinstance(value, BaseModel):
            value._request_id = request_id
        return value

    def to_dict(
        self,
        *,
        mode: Literal["python", "json"] = "python",
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
    ) -> dict[str, object]:
        """The model as a dict: by default only the fields the API sent, under their API names.

        `mode="json"` gives only JSON types (a `datetime` as its ISO 8601 string).
        """
        return self.model_dump(
            mode=mode,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
        )

    def to_json(
        self,
        *,
        indent: int | None = 2,
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
    ) -> str:
        """The model as JSON text, with the same choices as `to_dict`."""
        return self.model_dump_json(
            indent=indent,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
        )


@functools.cache
def _adapter(kind: object) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(cast(Any, kind))
