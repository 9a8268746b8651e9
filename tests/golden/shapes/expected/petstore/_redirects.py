"""Redirects, followed by the client itself, so that credentials never leave their origin.

httpx2 strips only `authorization` when a redirect crosses origins; an API key in another
header (`x-api-key`) would go along, and a 307 or 308 would replay a request's body there.
So the client asks httpx2 not to follow, and follows here: within the base URL's origin
(scheme, host and port) as httpx2 would; to another origin without any credential header,
cookie or authorization; and a body is never replayed to another origin (that raises).
"""

from __future__ import annotations

import httpx2

from ._config import ClientError
from ._request import SecretHidingHeaders

MAX_REDIRECTS = 20
_DROPPED_ACROSS_ORIGINS = frozenset({"authorization", "cookie", "proxy-authorization"})
_BODY_HEADERS = ("content-length", "content-type", "transfer-encoding")


class RedirectError(ClientError):
    """A redirect the client will not follow: one that would send a body to another origin."""


def origin(url: httpx2.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port


def redirected(
    response: httpx2.Response, home: httpx2.URL, secrets: frozenset[str]
) -> httpx2.Request | None:
    """The request a redirect response asks for next, made safe; None when it is no redirect."""
    if not response.has_redirect_location:
        return None
    request = response.request
    url = request.url.join(response.headers["location"])
    method = request.method
    if (response.status_code == 303 and method != "HEAD") or (
        response.status_code in (301, 302) and method == "POST"
    ):
        method = "GET"  # as browsers and httpx2 do: the body is not sent again
    keeps_body = method == request.method
    headers = httpx2.Headers(request.headers)
    headers.pop("host", None)
    if origin(url) != origin(home):
        if keeps_body and ("content-length" in headers or "transfer-encoding" in headers):
            raise RedirectError(
                f"The server redirected a {request.method} with a body to another host "
                f"({url.scheme}://{url.host}); the client does not send the body there"
            )
        for name in secrets | _DROPPED_ACROSS_ORIGINS:
            headers.pop(name, None)
    if not keeps_body:
        for name in _BODY_HEADERS:
            headers.pop(name, None)
    following = httpx2.Request(
        method,
        url,
        headers=headers,
        stream=request.stream if keeps_body else None,
        extensions=request.extensions,
    )
    hiding = SecretHidingHeaders(following.headers)
    hiding.secrets = secrets
    following.headers = hiding
    return following
