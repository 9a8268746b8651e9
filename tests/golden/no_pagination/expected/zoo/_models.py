"""The base of every model in `types`."""

from __future__ import annotations

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
