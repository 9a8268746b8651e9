"""The intermediate model: everything the templates may know, as plain typed dataclasses.

`build` makes these from a validated spec; templates only print their fields. Every decision
(names, types, which import goes where) is made before rendering, so a template never computes.
Templates print the async flavor of each class; `unasync` derives the sync one.

One module per part of the client; this package is its public face, so `from generator.model
import X` names any of them.
"""

from generator.model.api import Api, Distribution, FixedModules, ModelModule, Streaming
from generator.model.client import (
    AuthKind,
    AuthLocation,
    AuthScheme,
    ClientConfig,
    Credential,
    ErrorClass,
)
from generator.model.operations import (
    BodyEncoding,
    Follow,
    Method,
    Operation,
    Parameter,
    ParameterLocation,
    ResponseKind,
    ResponseShape,
    Variant,
)
from generator.model.pagination import PAGE_KINDS, PageKind, PageScheme
from generator.model.prose import CALL_OPTION_DOCS, DOC_WIDTH, fill, fill_paragraphs
from generator.model.resources import Resource

__all__ = [
    "CALL_OPTION_DOCS",
    "DOC_WIDTH",
    "PAGE_KINDS",
    "Api",
    "AuthKind",
    "AuthLocation",
    "AuthScheme",
    "BodyEncoding",
    "ClientConfig",
    "Credential",
    "Distribution",
    "ErrorClass",
    "FixedModules",
    "Follow",
    "Method",
    "ModelModule",
    "Operation",
    "PageKind",
    "PageScheme",
    "Parameter",
    "ParameterLocation",
    "Resource",
    "ResponseKind",
    "ResponseShape",
    "Streaming",
    "Variant",
    "fill",
    "fill_paragraphs",
]
