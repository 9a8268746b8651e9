"""Redirects, followed by the client itself, so that credentials never leave their origin.

httpx2 strips only `authorization` when a redirect crosses origins; an API key in another
header (`x-api-key`) would go along, and a 307 or 308 would replay a request's body there.
So the client asks httpx2 not to follow, and follows here: within the base URL's origin
(scheme, host and port) as httpx2 would, with the credentials sent in the query put back on
the new URL (a `Location` replaces the whole query); to another origin without any credential
header, query parameter, cookie or authorization; and a body is never replayed to another
origin (that raises). A `location` that is no URL is a broken response, as httpx2 reports it.
"""

from __future__ import annotations

import httpx2

from ._auth import Credentials
from ._errors import RedirectError
from ._request import SecretHidingRequest, hiding

MAX_REDIRECTS = 20
_DROPPED_ACROSS_ORIGINS = frozenset({"authorization", "cookie", "proxy-authorization"})
_BODY_HEADERS = ("content-length", "content-type", "transfer-encoding")


def origin(url: httpx2.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port


def redirected(
    response: httpx2.Response, home: httpx2.URL, credentials: Credentials
) -> httpx2.Request | None:
    """The request a redirect response asks for next, made safe; None when it is no redirect."""
    if not response.has_redirect_location:
        return None
    request = response.request
    try:
        url = request.url.join(response.headers["location"])
    except (httpx2.InvalidURL, ValueError) as exc:  # as httpx2's own following reports it
        message = f"Invalid URL in location header: {exc}."
        raise httpx2.RemoteProtocolError(message, request=request) from None
    method = request.method
    if (response.status_code == 303 and method != "HEAD") or (
        response.status_code in (301, 302) and method == "POST"
    ):
        method = "GET"  # as browsers and httpx2 do: the body is not sent again
    keeps_body = method == request.method
    headers = httpx2.Headers(request.headers)
    # A request made with its stream given gets no Host header of its own: set it for the URL.
    headers["host"] = url.netloc.decode("ascii")
    secrets = credentials.hidden_headers
    if origin(url) != origin(home):
        if keeps_body and ("content-length" in headers or "transfer-encoding" in headers):
            raise RedirectError(
                f"The server redirected a {request.method} with a body to another host "
                f"({url.scheme}://{url.host}); the client does not send the body there"
            )
        for name in secrets | _DROPPED_ACROSS_ORIGINS:
            headers.pop(name, None)
        for name in credentials.query:
            url = url.copy_remove_param(name)
    elif credentials.query:
        url = url.copy_merge_params(dict(credentials.query))
    if not keeps_body:
        for name in _BODY_HEADERS:
            headers.pop(name, None)
    following = SecretHidingRequest(
        method,
        url,
        headers=headers,
        stream=request.stream if keeps_body else None,
        extensions=request.extensions,
    )
    return hiding(following, secrets, frozenset(credentials.query))
