"""Pins `_request`: how path parameters, header and query values are written on the wire, and
which request headers a repr hides.

- `path_with` encodes each value as exactly one path segment (`/`, `?`, `#`, `%`, `;`, spaces
  and non-ASCII escaped, the rest of RFC 3986's `pchar` left as the official SDK leaves it;
  `.` and `..` as `%2E`), refuses an empty value with `ValueError` and a
  bool, float or None with `TypeError`, and accepts ints.
- `wire_value` writes bools in lower case and joins sequences, nested ones too, and an
  object's names and values (`a,1,b,2`, or `a=1,b=2` exploded) with commas.
- `query_values` writes each parameter in OpenAPI's `form` style (a list repeats its key, an
  object's properties become parameters of their own) or in the style it is `Styled` with
  (not exploded: `ids=a,b`; space- or pipe-delimited; `deepObject`: `m[k]=v`, `a[b][c]=v`),
  and leaves None and NOT_GIVEN out, also inside objects.
- `header_values` writes the `simple` style, an exploded object when `Styled`, and leaves
  NOT_GIVEN and None out; `cookie_header` joins `form`-style cookie pairs with `; `,
  percent-encoding what a cookie value cannot hold (so any text decodes back) and nothing a
  token holds.
- `SecretHidingHeaders` hides the values of the configured headers, whatever their case, and
  only those.
- `shown_url` masks a password and the values of the query parameters named secret (every
  value of a repeated one, whatever its encoding) of a `SecretQueryURL`, which is sent as it
  is; `SecretHidingRequest`'s repr shows its URL so, and `masked` takes the URL and each secret
  value out of a message.
"""

from __future__ import annotations

from typing import Literal, cast
from urllib.parse import parse_qsl, unquote

import httpx2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.runtime._request import (
    SecretHidingHeaders,
    SecretHidingRequest,
    SecretQueryURL,
    Styled,
    cookie_header,
    header_values,
    hiding,
    masked,
    path_with,
    query_values,
    shown_url,
    wire_value,
)
from generator.runtime._types import NOT_GIVEN

# path_with


@pytest.mark.parametrize(
    ("value", "segment"),
    [
        ("msgbatch_013Zva2C", "msgbatch_013Zva2C"),
        ("a-b.c~d", "a-b.c~d"),
        ("a/b", "a%2Fb"),
        ("a?b=1", "a%3Fb=1"),
        ("a#frag", "a%23frag"),
        ("100%", "100%25"),
        ("%2F", "%252F"),
        ("two words", "two%20words"),
        ("café", "caf%C3%A9"),
        ("日本", "%E6%97%A5%E6%9C%AC"),
        ("a+b&c", "a+b&c"),
        ("claude-3-7@2025/02 19", "claude-3-7@2025%2F02%2019"),  # as the official SDK sends it
        ("a:b!$'()*,", "a:b!$'()*,"),
        ("a;b", "a%3Bb"),  # some servers drop what follows a `;` in a segment
        (";", "%3B"),
        ("{other}", "%7Bother%7D"),
    ],
)
def test_path_with_percent_encodes_a_value_as_one_segment(value: str, segment: str) -> None:
    assert path_with("/v1/things/{id}/parts", {"id": value}) == f"/v1/things/{segment}/parts"


@pytest.mark.parametrize(("value", "segment"), [(".", "%2E"), ("..", "%2E%2E")])
def test_path_with_encodes_dot_segments_so_they_cannot_climb_the_path(
    value: str, segment: str
) -> None:
    assert path_with("/v1/things/{id}", {"id": value}) == f"/v1/things/{segment}"


def test_path_with_leaves_dots_that_are_not_a_whole_segment_alone() -> None:
    assert path_with("/v1/{a}/{b}", {"a": "...", "b": ".hidden"}) == "/v1/.../.hidden"


def test_path_with_fills_every_placeholder() -> None:
    path = path_with("/v1/{org}/things/{id}", {"org": "acme inc", "id": "t/1"})
    assert path == "/v1/acme%20inc/things/t%2F1"


@pytest.mark.parametrize(("value", "segment"), [(42, "42"), (0, "0"), (-7, "-7")])
def test_path_with_accepts_ints(value: int, segment: str) -> None:
    assert path_with("/v1/pages/{n}", {"n": value}) == f"/v1/pages/{segment}"


def test_path_with_refuses_an_empty_value_with_value_error() -> None:
    with pytest.raises(ValueError, match="`id`"):
        path_with("/v1/things/{id}", {"id": ""})


@pytest.mark.parametrize("value", [True, False, 1.5, None, b"bytes"])
def test_path_with_refuses_a_value_that_is_not_str_or_int_with_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="`id`"):
        path_with("/v1/things/{id}", {"id": cast(str, value)})


@settings(derandomize=True, deadline=None, max_examples=100)
@given(st.text(min_size=1))
def test_path_with_any_text_becomes_one_segment_that_decodes_back(value: str) -> None:
    path = path_with("/v1/things/{id}", {"id": value})
    assert path.startswith("/v1/things/")
    segment = path.removeprefix("/v1/things/")
    assert segment
    assert not any(char in segment for char in "/?# ")
    assert segment not in (".", "..")
    assert unquote(segment, errors="strict") == value


# wire_value


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "true"),
        (False, "false"),
        ("Yes", "Yes"),
        ("", ""),
        (3, "3"),
        (0, "0"),
        (2.5, "2.5"),
        (["a", "b", "c"], "a,b,c"),
        (("x", 1, False), "x,1,false"),
        ([], ""),
        (["a", ["b", ["c", True]], 2], "a,b,c,true,2"),
    ],
)
def test_wire_value_writes_the_simple_style(value: object, text: str) -> None:
    assert wire_value(value) == text


@pytest.mark.parametrize(
    ("value", "explode", "text"),
    [
        ({"R": 100, "G": 200, "B": 150}, False, "R,100,G,200,B,150"),
        ({"R": 100, "G": 200, "B": 150}, True, "R=100,G=200,B=150"),
        ({"on": True, "skip": None, "gone": NOT_GIVEN}, False, "on,true"),
        ({}, True, ""),
    ],
)
def test_wire_value_writes_an_object_in_the_simple_style(
    value: object, explode: bool, text: str
) -> None:
    """OpenAPI's Style Values table, `simple` row, object column."""
    assert wire_value(value, explode) == text


@pytest.mark.parametrize("value", [None, object(), {"a": object()}])
def test_wire_value_refuses_what_has_no_wire_form(value: object) -> None:
    with pytest.raises(TypeError):
        wire_value(value)


# query_values


def test_query_values_repeats_the_key_for_each_list_item() -> None:
    assert query_values({"expand": ["parts", "owner"], "limit": 2}) == (
        ("expand", "parts"),
        ("expand", "owner"),
        ("limit", "2"),
    )


def test_query_values_leaves_none_and_not_given_out() -> None:
    query = {"a": None, "b": NOT_GIVEN, "c": "kept", "d": False}
    assert query_values(query) == (("c", "kept"), ("d", "false"))


def test_query_values_keeps_a_string_whole_and_joins_nested_lists() -> None:
    assert query_values({"q": "abc", "pairs": [["a", "b"], "c"]}) == (
        ("q", "abc"),
        ("pairs", "a,b"),
        ("pairs", "c"),
    )


def test_query_values_of_an_empty_list_sends_nothing() -> None:
    assert query_values({"tags": []}) == ()


COLOR = {"R": 100, "G": 200, "B": 150}
BLUES = ["blue", "black", "brown"]


@pytest.mark.parametrize(
    ("value", "pairs"),
    [
        # OpenAPI's Style Values table, query rows; names and values before percent-encoding.
        (COLOR, (("R", "100"), ("G", "200"), ("B", "150"))),
        (BLUES, (("color", "blue"), ("color", "black"), ("color", "brown"))),
        (Styled(COLOR, "form", False), (("color", "R,100,G,200,B,150"),)),
        (Styled(BLUES, "form", False), (("color", "blue,black,brown"),)),
        (Styled(BLUES, "spaceDelimited", False), (("color", "blue black brown"),)),
        (Styled(BLUES, "pipeDelimited", False), (("color", "blue|black|brown"),)),
        (Styled(COLOR, "pipeDelimited", False), (("color", "R|100|G|200|B|150"),)),
        (Styled(BLUES, "pipeDelimited", True), tuple(("color", c) for c in BLUES)),
        (
            Styled(COLOR, "deepObject", True),
            (("color[R]", "100"), ("color[G]", "200"), ("color[B]", "150")),
        ),
        (Styled("blue", "form", False), (("color", "blue"),)),
        # An empty list or object is undefined (RFC 6570, which `form` follows): left out.
        (Styled([], "form", False), ()),
        (Styled({}, "form", False), ()),
        (Styled({"R": None}, "pipeDelimited", False), ()),
        ({}, ()),
    ],
)
def test_query_values_writes_each_style_as_openapi_tabulates_it(
    value: object, pairs: tuple[tuple[str, str], ...]
) -> None:
    assert query_values({"color": value}) == pairs


def test_query_values_writes_an_object_range_as_parameters_of_its_own() -> None:
    """OpenAI's audit logs `effective_at`: `form`, exploded, is OpenAPI's default."""
    query = {"effective_at": {"gt": 1, "lte": 2, "lt": None}, "limit": 5}
    assert query_values(query) == (("gt", "1"), ("lte", "2"), ("limit", "5"))


def test_query_values_writes_a_deep_object_nested_with_a_bracket_per_level() -> None:
    value = {"a": {"b": {"c": "v"}, "on": True}, "tags": ["x", "y"], "none": None}
    assert query_values({"filter": Styled(value, "deepObject", True)}) == (
        ("filter[a][b][c]", "v"),
        ("filter[a][on]", "true"),
        ("filter[tags]", "x"),
        ("filter[tags]", "y"),
    )


@pytest.mark.parametrize("style", ["form", "deepObject", "spaceDelimited"])
@pytest.mark.parametrize("value", [None, NOT_GIVEN])
def test_query_values_leaves_a_styled_parameter_that_is_not_given_out(
    style: Literal["form", "deepObject", "spaceDelimited"], value: object
) -> None:
    assert query_values({"metadata": Styled(value, style, False)}) == ()


def test_query_values_deep_object_survives_percent_encoding_on_the_wire() -> None:
    """What a server parses back out of the URL httpx2 writes."""
    metadata = {"team": "a&b=c", "note": "two words", "ü": "ß"}
    pairs = query_values({"metadata": Styled(metadata, "deepObject", True)})
    url = httpx2.Request("GET", "https://api.example.com/v1/jobs", params=pairs).url
    assert parse_qsl(url.query.decode()) == [
        ("metadata[team]", "a&b=c"),
        ("metadata[note]", "two words"),
        ("metadata[ü]", "ß"),
    ]


# header_values


def test_header_values_write_the_simple_style_and_leave_not_given_and_none_out() -> None:
    headers = {
        "x-list": ["a", "b"],
        "x-object": {"R": 100, "G": 200},
        "x-exploded": Styled({"R": 100, "G": 200}, "simple", True),
        "x-missing": NOT_GIVEN,
        "x-styled-missing": Styled(NOT_GIVEN, "simple", True),
        "x-null": None,
    }
    assert header_values(headers) == {
        "x-list": "a,b",
        "x-object": "R,100,G,200",
        "x-exploded": "R=100,G=200",
    }


# cookie_header


@pytest.mark.parametrize(
    ("cookies", "header"),
    [
        ({"session": "abc123"}, "session=abc123"),
        ({"session": "abc", "theme": "dark", "debug": True}, "session=abc; theme=dark; debug=true"),
        ({"jwt": "eyJh.eyJz-_x/+y=="}, "jwt=eyJh.eyJz-_x/+y=="),
        ({"note": 'a b;c,d"e\\f%'}, "note=a%20b%3Bc%2Cd%22e%5Cf%25"),
        ({"name": "café"}, "name=caf%C3%A9"),
        ({"id": [3, 4]}, "id=3; id=4"),
        ({"id": Styled(["3", "4,5"], "form", False)}, "id=3,4%2C5"),
        ({"prefs": {"lang": "en", "size": 2}}, "lang=en; size=2"),
        ({"session": NOT_GIVEN, "theme": None, "a": "1"}, "a=1"),
    ],
)
def test_cookie_header_writes_form_style_pairs_joined_by_semicolons(
    cookies: dict[str, object], header: str
) -> None:
    assert cookie_header(cookies) == header


@pytest.mark.parametrize(
    "cookies", [{}, {"session": NOT_GIVEN}, {"id": []}, {"id": Styled([], "form", False)}]
)
def test_cookie_header_is_none_when_no_cookie_is_given(cookies: dict[str, object]) -> None:
    assert cookie_header(cookies) is None


@settings(derandomize=True, deadline=None, max_examples=100)
@given(st.text())
def test_cookie_header_any_text_is_one_cookie_value_that_decodes_back(value: str) -> None:
    header = cookie_header({"c": value})
    assert header is not None and header.startswith("c=")
    written = header.removeprefix("c=")
    assert written.isascii()
    assert not any(char in written for char in ' ;,"\\') and written.isprintable()
    assert unquote(written, errors="strict") == value


# SecretHidingHeaders


def _hiding(headers: dict[str, str], secrets: set[str]) -> SecretHidingHeaders:
    hiding = SecretHidingHeaders(headers)
    hiding.secrets = frozenset(secrets)
    return hiding


def test_secret_hiding_headers_hides_a_configured_header_whatever_its_case() -> None:
    text = repr(_hiding({"X-API-Key": "sk-secret", "Accept": "application/json"}, {"x-api-key"}))
    assert "sk-secret" not in text
    assert "('x-api-key', '[secure]')" in text
    assert "application/json" in text


def test_secret_hiding_headers_hides_every_value_of_a_repeated_secret_header() -> None:
    hiding = SecretHidingHeaders([("x-api-key", "first"), ("X-Api-Key", "second")])
    hiding.secrets = frozenset({"x-api-key"})
    text = repr(hiding)
    assert "first" not in text and "second" not in text
    assert text.count("[secure]") == 2


def test_secret_hiding_headers_shows_headers_that_are_not_configured() -> None:
    text = repr(_hiding({"Authorization": "Bearer shown", "x-api-key": "hidden"}, {"x-api-key"}))
    assert "Bearer shown" in text
    assert "hidden" not in text


def test_secret_hiding_headers_hides_nothing_when_no_secret_is_configured() -> None:
    assert "sk-visible" in repr(SecretHidingHeaders({"x-api-key": "sk-visible"}))


def test_secret_hiding_headers_still_sends_the_real_value() -> None:
    hiding = _hiding({"x-api-key": "sk-secret"}, {"x-api-key"})
    assert hiding["X-Api-Key"] == "sk-secret"


# shown_url, SecretQueryURL, SecretHidingRequest, masked


def _secret(url: str, *names: str) -> SecretQueryURL:
    hidden = SecretQueryURL(url)
    hidden.secret_query = frozenset(names)
    return hidden


@pytest.mark.parametrize(
    ("url", "shown_as"),
    [
        ("https://x.example.com/v1/a?key=sk-1", "https://x.example.com/v1/a?key=***"),
        ("https://x.example.com/a?b=1&key=sk-1&c=2", "https://x.example.com/a?b=1&key=***&c=2"),
        ("https://x.example.com/a?key=sk-1&key=sk-2", "https://x.example.com/a?key=***&key=***"),
        ("https://x.example.com/a?key=sk%201#top", "https://x.example.com/a?key=***#top"),
        ("https://x.example.com/a?%6Bey=sk-1", "https://x.example.com/a?%6Bey=***"),
        ("https://x.example.com/a?keys=shown", "https://x.example.com/a?keys=shown"),
        ("https://u:pw@x.example.com/a?key=sk-1", "https://u:***@x.example.com/a?key=***"),
        ("https://x.example.com/a", "https://x.example.com/a"),
    ],
)
def test_shown_url_masks_the_secret_query_parameters_and_a_password(
    url: str, shown_as: str
) -> None:
    assert shown_url(_secret(url, "key")) == shown_as


def test_a_secret_query_url_is_sent_as_it_is() -> None:
    url = _secret("https://x.example.com/a?key=sk-1", "key")
    assert (str(url), url.raw_path) == ("https://x.example.com/a?key=sk-1", b"/a?key=sk-1")


def test_shown_url_masks_no_query_parameter_of_a_plain_url() -> None:
    shown = shown_url(httpx2.URL("https://u:pw@x.example.com/a?key=sk-1"))
    assert shown == "https://u:***@x.example.com/a?key=sk-1"


def _hidden_request(url: str) -> SecretHidingRequest:
    request = SecretHidingRequest("GET", url, headers={"x-api-key": "sk-header"})
    return hiding(request, frozenset({"x-api-key"}), frozenset({"key"}))


def test_a_secret_hiding_request_shows_neither_its_query_nor_its_header_credential() -> None:
    request = _hidden_request("https://x.example.com/a?key=sk-query&page=2")
    assert repr(request) == "<Request('GET', 'https://x.example.com/a?key=***&page=2')>"
    assert "sk-header" not in repr(request.headers)
    assert request.url.params["key"] == "sk-query"  # hidden, not removed
    assert isinstance(request.url, SecretQueryURL)
    plain = hiding(SecretHidingRequest("GET", "https://x.example.com/a"), frozenset(), frozenset())
    assert type(plain.url) is httpx2.URL


def test_masked_takes_the_url_and_each_secret_value_out_of_a_message() -> None:
    request = _hidden_request("https://x.example.com/a?key=sk%2Fquery&page=2")
    message = (
        "failed for https://x.example.com/a?key=sk%2Fquery&page=2; "
        "key sk/query, quoted sk%2Fquery"
    )
    assert masked(message, request) == (
        "failed for https://x.example.com/a?key=***&page=2; key ***, quoted ***"
    )
    assert masked("nothing secret", request) == "nothing secret"
