"""What a media type says of a body: JSON, text, or bytes.

Request and response bodies both choose among the media types an operation offers, and both
need to know which are JSON (parsed into typed values), which are text (a `str`, decoded per
the response's charset) and which are anything else (bytes). Parameters (`; charset=utf-8`)
and case are ignored, as HTTP ignores them.
"""

from __future__ import annotations

#: Media types outside `text/` whose bodies are text all the same.
_TEXT_TYPES = frozenset(
    {
        "application/xml",
        "application/yaml",
        "application/x-yaml",
        "application/javascript",
        "application/ecmascript",
        "application/sdp",
        "application/graphql",
        "application/x-www-form-urlencoded",
    }
)
#: The media type raw bytes are sent as when the spec names only a range (`*/*`, `image/*`).
OCTET_STREAM = "application/octet-stream"


def essence(media_type: str) -> str:
    """`media_type` without its parameters, in lower case: `text/plain; charset=utf-8` ->
    `text/plain`."""
    return media_type.split(";", 1)[0].strip().lower()


def is_json(media_type: str) -> bool:
    """`application/json`, or a JSON-based type (`application/problem+json`)."""
    kind = essence(media_type)
    return kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))


def is_text(media_type: str) -> bool:
    """Whether a body of `media_type` is text: `text/*` (but server-sent events, which are read
    as a stream), XML (`application/xml`, `*+xml`), YAML, SDP and the like."""
    kind = essence(media_type)
    if kind == "text/event-stream":
        return False
    return kind.startswith("text/") or kind in _TEXT_TYPES or kind.endswith("+xml")


def is_range(media_type: str) -> bool:
    """Whether `media_type` names a range (`*/*`, `image/*`), which no body can be sent as."""
    return "*" in essence(media_type)
