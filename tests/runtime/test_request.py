"""Pins `_request`: how path parameters, header and query values are written on the wire, and
which request headers a repr hides.

- `path_with` encodes each value as exactly one path segment (`/`, `?`, `#`, `%`, `;`, spaces
  and non-ASCII escaped, the rest of RFC 3986's `pchar` left as the official SDK leaves it;
  `.` and `..` as `%2E`), refuses an empty value with `ValueError` and a
  bool, float or None with `TypeError`, and accepts ints.
- `wire_value` writes bools in lower case and joins sequences, nested ones too, with commas.
- `query_values` repeats the key for each item of a list and leaves None and NOT_GIVEN out.
- `SecretHidingHeaders` hides the values of the configured headers, whatever their case, and
  only those.
- `shown_url` masks a password and the values of the query parameters named secret (every
  value of a repeated one, whatever its encoding) of a `SecretQueryURL`, which is sent as it
  is; `SecretHidingRequest`'s repr shows its URL so, and `masked` takes the URL and each secret
  value out of a message.
"""

from __future__ import annotations

from typing import cast
from urllib.parse import unquote

import httpx2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.runtime._request import (
    SecretHidingHeaders,
    SecretHidingRequest,
    SecretQueryURL,
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


@pytest.mark.parametrize("value", [None, {"a": 1}, object()])
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
