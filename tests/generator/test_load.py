"""`generator.load`: YAML or JSON bytes into plain data with the line and column of every node.

Pins what `parse_document` builds (string keys, merge keys, aliases shared but counted; JSON
types only, YAML plain scalars read by the YAML 1.2 core schema, JSON read as JSON) and where it
says each problem is: a byte-order mark, bytes that are not UTF-8, a NUL, a raw control
character, a duplicate key, a lone surrogate escape, too deep a nesting, an alias bomb, a tag
JSON cannot hold, a JSON syntax error. Inputs are a few lines each; the large cases run end to
end in tests/end_to_end/test_bad_specs.py.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

import pytest
import yaml

from generator import limits, load, load_yaml
from generator.errors import Location, SpecError
from generator.load import Document, parse_document, section

NAME = "spec.yaml"
JSON_NAME = "spec.json"


def at(line: int, column: int) -> Location:
    return Location(NAME, line, column)


def refusal(raw: bytes) -> tuple[Location, str]:
    """The one problem `parse_document` reports for `raw`: where, and what."""
    with pytest.raises(SpecError) as caught:
        parse_document(raw, NAME)
    (diagnostic,) = caught.value.diagnostics
    return diagnostic.location, diagnostic.message


NESTED = b"""\
# a comment first
a:
  b: 1
  200:
    x: [10, 20]
"""


# Locations -----------------------------------------------------------------------------------


def test_every_node_keeps_the_line_and_column_it_was_written_at() -> None:
    document = parse_document(NESTED, NAME)
    assert document.data == {"a": {"b": 1, "200": {"x": [10, 20]}}}
    assert dict(document.positions) == {
        (): at(2, 1),
        ("a",): at(2, 1),
        ("a", "b"): at(3, 3),
        ("a", "200"): at(4, 3),
        ("a", "200", "x"): at(5, 5),
        ("a", "200", "x", 0): at(5, 9),
        ("a", "200", "x", 1): at(5, 13),
    }


def test_a_key_path_points_at_the_key_and_a_list_item_at_the_item() -> None:
    document = parse_document(b"a:\n  - first\n  - second\n", NAME)
    assert document.locate(("a",)) == at(1, 1)
    assert document.locate(("a", 0)) == at(2, 5)
    assert document.locate(("a", 1)) == at(3, 5)


def test_locate_of_a_missing_child_falls_back_to_its_nearest_written_ancestor() -> None:
    document = parse_document(NESTED, NAME)
    assert document.locate(("a", "200", "x", 7)) == at(5, 5)
    assert document.locate(("a", "200", "description")) == at(4, 3)
    assert document.locate(("a", "missing", "deeper")) == at(2, 1)
    assert document.locate(("nowhere",)) == at(2, 1)  # the root, past the comment


def test_locate_without_any_position_is_the_start_of_the_file() -> None:
    document = Document("bare.yaml", {}, {}, b"")
    assert document.locate(("a", 1)) == Location("bare.yaml", 1, 1)


def test_the_document_keeps_its_bytes_and_their_digest() -> None:
    document = parse_document(NESTED, NAME)
    assert (document.path, document.raw) == (NAME, NESTED)
    assert document.sha256 == hashlib.sha256(NESTED).hexdigest()


# Keys ----------------------------------------------------------------------------------------


def test_integer_and_float_keys_become_the_strings_openapi_means() -> None:
    document = parse_document(b"200: ok\n404: gone\n1.5: half\n", NAME)
    assert document.data == {"200": "ok", "404": "gone", "1.5": "half"}


def test_keys_yaml_reads_as_booleans_or_null_keep_the_text_written() -> None:
    document = parse_document(b"on: 1\noff: 2\nnull: 3\n", NAME)
    assert document.data == {"on": 1, "off": 2, "null": 3}


def test_a_duplicate_key_is_refused_at_its_second_occurrence() -> None:
    assert refusal(b"a: 1\nb: 2\na: 3\n") == (at(3, 1), "duplicate key 'a'")


def test_a_quoted_and_a_plain_status_code_are_the_same_key() -> None:
    assert refusal(b'responses:\n  "204": x\n  204: y\n') == (at(3, 3), "duplicate key '204'")


def test_a_key_that_is_a_collection_is_refused_where_it_is_written() -> None:
    assert refusal(b"a: {[1]: 2}\n") == (at(1, 5), "a mapping key must be a plain value")


# Aliases and merge keys ----------------------------------------------------------------------


def test_an_alias_shares_the_value_it_names() -> None:
    document = parse_document(b"a: &x [1, 2]\nb: [*x, *x]\n", NAME)
    assert document.data == {"a": [1, 2], "b": [[1, 2], [1, 2]]}
    # Built once: later stages walk the same list under every path that refers to it.
    data = document.data
    assert isinstance(data, dict)
    assert data["b"][0] is data["a"] and data["b"][1] is data["a"]


def test_a_path_reached_through_an_alias_is_located_at_the_anchored_value() -> None:
    document = parse_document(b"a: &x [1, 2]\nb: [*x]\n", NAME)
    assert document.locate(("b",)) == at(2, 1)
    assert document.locate(("b", 0)) == at(1, 4)


def test_alias_expansion_is_counted_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    # root 1 + a's list and 2 items 3 + b's list 1 + three copies of a's list 9 = 14 values.
    raw = b"a: &x [1, 2]\nb: [*x, *x, *x]\n"
    monkeypatch.setattr(limits, "MAX_VALUES", 14)
    assert parse_document(raw, NAME).data == {"a": [1, 2], "b": [[1, 2]] * 3}
    monkeypatch.setattr(limits, "MAX_VALUES", 13)
    where, message = refusal(raw)
    assert "more than 13 values through YAML aliases" in message
    assert where.line == 1  # the anchored value whose third copy went over


def test_a_small_alias_bomb_is_refused_at_the_line_that_holds_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 47 values once expanded (root, openapi, x, a 3, b 1 + 3 * 3, c 1 + 3 * 10), 20 written.
    raw = b"openapi: 3.1.0\nx: {a: &a [1, 2], b: &b [*a, *a, *a], c: [*b, *b, *b]}\n"
    monkeypatch.setattr(limits, "MAX_VALUES", 47)
    parse_document(raw, NAME)
    monkeypatch.setattr(limits, "MAX_VALUES", 30)
    where, message = refusal(raw)
    assert (where.file, where.line) == (NAME, 2)
    assert message.endswith("refused (an alias bomb?)")


def test_an_alias_inside_the_value_it_names_is_refused() -> None:
    where, message = refusal(b"top: 1\nloop: &a\n  self: *a\n")
    assert where.line == 3
    assert message == "a YAML alias refers to itself"


def test_a_merge_key_inserts_the_named_mapping() -> None:
    document = parse_document(b"base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  z: 3\n", NAME)
    assert document.data == {"base": {"x": 1, "y": 2}, "d": {"x": 1, "y": 2, "z": 3}}
    assert document.locate(("d", "z")) == at(4, 3)
    assert document.locate(("d", "x")) == at(1, 11)  # where the merged value was written


def test_a_merge_key_takes_a_list_of_mappings() -> None:
    raw = b"a: &a {x: 1}\nb: &b {y: 2}\nd:\n  <<: [*a, *b]\n"
    assert parse_document(raw, NAME).data == {"a": {"x": 1}, "b": {"y": 2}, "d": {"x": 1, "y": 2}}


def test_a_key_written_beside_a_merge_key_overrides_the_merged_one() -> None:
    document = parse_document(b"base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  x: 3\n", NAME)
    assert document.data == {"base": {"x": 1, "y": 2}, "d": {"x": 3, "y": 2}}


def test_in_a_merged_list_the_earlier_mapping_wins() -> None:
    raw = b"a: &a {x: 1}\nb: &b {x: 2, w: 0}\nd:\n  <<: [*a, *b]\n"
    data = parse_document(raw, NAME).data
    assert isinstance(data, dict)
    assert data["d"] == {"x": 1, "w": 0}


# Depth ---------------------------------------------------------------------------------------


def test_nesting_is_accepted_to_the_depth_limit() -> None:
    depth = limits.MAX_DEPTH
    document = parse_document(b"[" * depth + b"]" * depth, NAME)
    assert document.locate((0,) * (depth - 1)) == at(1, depth)


def test_nesting_past_the_depth_limit_is_refused_at_the_first_bracket_too_deep() -> None:
    depth = limits.MAX_DEPTH + 1
    where, message = refusal(b"[" * depth + b"]" * depth)
    assert where == at(1, depth)
    assert f"nest more than {limits.MAX_DEPTH} levels deep" in message


def test_the_root_mapping_counts_as_a_level() -> None:
    depth = limits.MAX_DEPTH
    where, _ = refusal(b"x: " + b"[" * depth + b"]" * depth + b"\n")
    assert where == at(1, 3 + depth)


# Encodings and characters ---------------------------------------------------------------------


def test_a_utf8_byte_order_mark_is_accepted_and_moves_no_location() -> None:
    document = parse_document(b"\xef\xbb\xbfa: 1\nb: 2\n", NAME)
    assert document.data == {"a": 1, "b": 2}
    assert document.locate(("a",)) == at(1, 1)
    assert document.locate(("b",)) == at(2, 1)


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (b"\xff\xfea\x00:\x00", "UTF-16"),
        (b"\xfe\xff\x00a\x00:", "UTF-16"),
        (b"\xff\xfe\x00\x00a\x00\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff\x00\x00\x00a", "UTF-32"),
    ],
)
def test_a_utf16_or_utf32_byte_order_mark_is_refused_by_name(raw: bytes, encoding: str) -> None:
    assert refusal(raw) == (
        at(1, 1),
        f"the file is {encoding} (it starts with a byte-order mark); save it as UTF-8",
    )


def test_invalid_utf8_is_located_by_line_and_column() -> None:
    assert refusal(b"a: 1\nb: x\xffy\n") == (at(2, 5), "not UTF-8 text (byte 0xff)")


def test_a_nul_byte_is_located_by_line_and_column() -> None:
    assert refusal(b"a: 1\nbc: x\x00y\n") == (at(2, 6), "binary data (a NUL byte) in a text file")


def test_a_raw_control_character_is_located_and_named() -> None:
    where, message = refusal(b"a: 1\nb: \x07\n")
    assert where == at(2, 4)
    assert "U+0007 is not allowed raw in YAML" in message


def test_a_lone_surrogate_escape_is_refused_where_it_is_written() -> None:
    where, message = refusal(b'a: 1\nb: "x\\ud800"\n')
    assert where.line == 2
    assert 6 <= where.column <= 11  # at the escape, inside `"x\ud800"`
    assert message.startswith("invalid YAML")


def test_a_lone_surrogate_is_refused_by_the_builder_when_the_parser_lets_it_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # PyYAML's pure-Python parser (used where libyaml is missing) decodes `\ud800` as it is.
    monkeypatch.setattr(load_yaml, "_Loader", yaml.SafeLoader)
    where, message = refusal(b'a: 1\nb: "x\\udfff"\n')
    assert where.line == 2
    assert message.startswith("a string holds a lone UTF-16 surrogate")


def test_an_escape_of_a_whole_character_is_accepted() -> None:
    assert parse_document(b'a: "\\U0001F600"\n', NAME).data == {"a": "\U0001f600"}


# Other refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", b"# only a comment\n", b"\n\n"])
def test_a_file_without_a_value_is_refused_as_empty(raw: bytes) -> None:
    assert refusal(raw) == (at(1, 1), "the file is empty")


def test_a_second_document_is_refused_where_it_starts() -> None:
    where, message = refusal(b"a: 1\n---\nb: 2\n")
    assert where.line == 2
    assert message.startswith("invalid YAML")


def test_a_tab_in_indentation_is_refused_naming_the_character() -> None:
    where, message = refusal(b"a: 1\n\tb: 2\n")
    assert where == at(2, 1)
    assert "'\\t'" in message


def test_an_unclosed_quote_is_located_where_it_opens() -> None:
    where, message = refusal(b'a: 1\nb: "open\n')
    assert where == at(2, 4)
    assert "never closed" in message


# YAML scalars: the YAML 1.2 core schema, JSON types only -------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1e-05", 1e-05),  # YAML 1.1 needs a dot in a float: it read a string
        ("-2E+3", -2000.0),
        ("1.5", 1.5),
        (".5", 0.5),
        ("12", 12),
        ("-7", -7),
        ("0755", 755),  # YAML 1.1: octal 493
        ("0o17", 15),
        ("0x1F", 31),
        ("true", True),
        ("False", False),
        ("null", None),
        ("~", None),
        ("", None),
    ],
)
def test_plain_scalars_are_read_by_the_yaml_1_2_core_schema(written: str, value: object) -> None:
    data = parse_document(f"a: {written}\n".encode(), NAME).data
    assert data == {"a": value}
    assert isinstance(data, dict) and type(data["a"]) is type(value)


@pytest.mark.parametrize(
    "written",
    [
        "2024-01-01",  # YAML 1.1: a datetime.date, which no JSON encoder takes
        "2024-01-01T10:00:00Z",  # YAML 1.1: a datetime
        "yes",  # YAML 1.1: True
        "no",
        "on",
        "off",
        "y",
        "1:30",  # YAML 1.1: the sexagesimal 90
        "1_000",  # YAML 1.1: 1000
        "0b101",  # YAML 1.1: 5
        ".inf",  # a float, but JSON has no infinity
        "-.Inf",
        ".nan",
        "=",  # YAML 1.1's value key
    ],
)
def test_plain_scalars_that_only_yaml_1_1_reads_as_other_types_stay_text(written: str) -> None:
    assert parse_document(f"a: {written}\n".encode(), NAME).data == {"a": written}


def test_explicit_core_tags_convert_the_text() -> None:
    raw = b"a: !!str 12\nb: !!float 3\nc: !!int '7'\nd: !!bool true\ne: !!null null\n"
    assert parse_document(raw, NAME).data == {
        "a": "12",
        "b": 3.0,
        "c": 7,
        "d": True,
        "e": None,
    }


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("!!binary aGk=", "!!binary"),
        ("!!timestamp 2024-01-01", "!!timestamp"),
        ("!custom x", "!custom"),
        ("!!set {x}", "!!set"),
        ("!!omap [{x: 1}]", "!!omap"),
    ],
)
def test_a_tag_json_cannot_hold_is_refused_where_it_is_written(written: str, shown: str) -> None:
    where, message = refusal(f"top: 1\na: {written}\n".encode())
    assert where.line == 2
    assert message.startswith(f"the YAML tag {shown} is not supported")


def test_an_explicit_core_tag_on_text_that_does_not_fit_it_is_refused() -> None:
    assert refusal(b"a: 1\nb: !!int abc\n") == (
        at(2, 1),
        "'abc' is not an integer as YAML 1.2 writes one",
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"a: 1e400\n", "the number '1e400' is out of range of a double"),
        (b"a: " + b"9" * 5000 + b"\n", "a number of 5000 digits"),
    ],
)
def test_a_number_python_cannot_hold_is_refused(raw: bytes, message: str) -> None:
    assert refusal(raw) == (at(1, 1), message)


def test_every_value_is_json_typed_and_serialises() -> None:
    raw = b"a: [2024-01-01, yes, 1e-05, 0x10, ~, {b: 12:30:00}]\n"
    data = parse_document(raw, NAME).data
    assert json.loads(json.dumps(data)) == {
        "a": ["2024-01-01", "yes", 1e-05, 16, None, {"b": "12:30:00"}]
    }


# JSON ----------------------------------------------------------------------------------------

JSON_TEXT = b"""\
{
  "a": {"b": 1, "200": {"x": [10, 2.5e-3]}},
  "on": [true, false, null, "2024-01-01", "\\ud83d\\ude00"]
}
"""


def test_json_is_read_as_json_with_every_value_located() -> None:
    document = parse_document(JSON_TEXT, JSON_NAME)
    assert document.data == {
        "a": {"b": 1, "200": {"x": [10, 0.0025]}},
        "on": [True, False, None, "2024-01-01", "\U0001f600"],
    }
    loc = functools.partial(Location, JSON_NAME)
    assert dict(document.positions) == {
        (): loc(1, 1),
        ("a",): loc(2, 3),
        ("a", "b"): loc(2, 9),
        ("a", "200"): loc(2, 17),
        ("a", "200", "x"): loc(2, 25),
        ("a", "200", "x", 0): loc(2, 31),
        ("a", "200", "x", 1): loc(2, 35),
        ("on",): loc(3, 3),
        ("on", 0): loc(3, 10),
        ("on", 1): loc(3, 16),
        ("on", 2): loc(3, 23),
        ("on", 3): loc(3, 29),
        ("on", 4): loc(3, 43),
    }


def test_json_numbers_keep_the_type_json_gives_them() -> None:
    data = parse_document(b'{"a": 1e-05, "b": 10, "c": -0.0, "d": 1E2}', JSON_NAME).data
    assert data == {"a": 1e-05, "b": 10, "c": -0.0, "d": 100.0}
    assert isinstance(data, dict) and type(data["b"]) is int and type(data["d"]) is float


def test_json_text_is_json_whatever_the_file_is_named() -> None:
    """Anthropic's published spec is JSON in a file named `openapi.yaml`."""
    document = parse_document(b'{"a": 1e-05,\n "b": [1]}', NAME)
    assert document.data == {"a": 1e-05, "b": [1]}
    assert document.locate(("b", 0)) == at(2, 8)


def test_a_yaml_flow_mapping_that_is_not_json_is_read_as_yaml() -> None:
    assert parse_document(b"{a: 1, b: [x, y]}\n", NAME).data == {"a": 1, "b": ["x", "y"]}


def test_json_is_deep_as_yaml_is() -> None:
    depth = limits.MAX_DEPTH
    document = parse_document(b"[" * depth + b"]" * depth, JSON_NAME)
    assert document.locate((0,) * (depth - 1)) == Location(JSON_NAME, 1, depth)


def test_json_nesting_past_the_depth_limit_is_refused_at_the_first_bracket_too_deep() -> None:
    depth = limits.MAX_DEPTH + 1
    with pytest.raises(SpecError) as caught:
        parse_document(b'{"x": ' + b"[" * depth + b"]" * depth + b"}", JSON_NAME)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.location == Location(JSON_NAME, 1, 6 + limits.MAX_DEPTH)  # the object is one
    assert f"nest more than {limits.MAX_DEPTH} levels deep" in diagnostic.message


@pytest.mark.parametrize(
    ("raw", "line", "column", "message"),
    [
        (b'{"a": 1,\n "a": 2}', 2, 2, "duplicate key 'a'"),
        (b'{"a": 1,}', 1, 9, "invalid JSON: expected a string key, found '}'"),
        (b'{"a": [1, 2}', 1, 12, "invalid JSON: expected `,` or `]`, found '}'"),
        (b'{"a" 1}', 1, 6, "invalid JSON: expected `:` after a key, found '1'"),
        (b'{"a": NaN}', 1, 7, "invalid JSON: expected a value, found 'N'"),
        (b'{"a": 01}', 1, 8, "invalid JSON: expected `,` or `}`, found '1'"),
        (b'{\n  "a": [1,\n', 2, 8, "invalid JSON: `[` that is never closed"),
        (b'{\n  "a": 1\n', 1, 1, "invalid JSON: `{` that is never closed"),
        (b'{"a": "open}', 1, 7, "invalid JSON: a string that is never closed"),
        (b'{"a": "x\ty"}', 1, 9, "invalid JSON: character U+0009 is not allowed raw"),
        (b'{"a": "\\q"}', 1, 8, "invalid JSON: invalid \\escape"),
        (b'{"a": "\\ud800"}', 1, 7, "a string holds a lone UTF-16 surrogate"),
        (b'{"a": 1e999}', 1, 7, "the number 1e999 is out of range of a double"),
        (b"[1] [2]", 1, 5, "invalid JSON: more data after the document's value"),
        (b"# a comment\n{}", 1, 1, "invalid JSON: expected a value, found '#'"),
    ],
)
def test_a_json_file_with_a_syntax_error_is_refused_where_it_is(
    raw: bytes, line: int, column: int, message: str
) -> None:
    with pytest.raises(SpecError) as caught:
        parse_document(raw, JSON_NAME)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.location == Location(JSON_NAME, line, column)
    assert diagnostic.message.startswith(message)


@pytest.mark.parametrize("raw", [b"", b"  \n\n"])
def test_an_empty_json_file_is_refused_as_empty(raw: bytes) -> None:
    with pytest.raises(SpecError, match="the file is empty"):
        parse_document(raw, JSON_NAME)


def test_json_in_a_yaml_file_with_a_syntax_error_is_reported_as_yaml_reads_it() -> None:
    """Text that opens with `{` but is not JSON may be YAML's flow style: YAML has the say."""
    where, message = refusal(b'{"a": 1,, "b": 2}')
    assert where.line == 1
    assert message.startswith("invalid YAML")


# Reading files -------------------------------------------------------------------------------


def test_a_folder_is_refused_as_not_a_regular_file(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load.load_document(tmp_path, "spec")
    assert str(caught.value) == "spec:1:1: error: cannot read file: not a regular file"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_without_reading_it() -> None:
    """Its size says 0 and reading it never ends: a `$ref` or `--spec` may name one."""
    with pytest.raises(SpecError, match="not a regular file"):
        load.load_document(Path("/dev/zero"))


def test_a_missing_file_is_refused_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load.load_document(tmp_path / "nope.yaml", "nope.yaml")
    assert str(caught.value) == "nope.yaml:1:1: error: cannot read file: No such file or directory"


def test_a_file_is_read_only_up_to_the_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "big.yaml").write_text("a: " + "x" * 100 + "\n")
    monkeypatch.setattr(limits, "MAX_SPEC_BYTES", 50)
    with pytest.raises(SpecError) as caught:
        load.load_document(tmp_path / "big.yaml", "big.yaml")
    assert str(caught.value) == "big.yaml:1:1: error: file is 104 bytes; specs over 50 are refused"


# section() -----------------------------------------------------------------------------------


def test_section_returns_the_mapping_at_the_keys() -> None:
    data = {"components": {"schemas": {"Thing": {"type": "object"}}}}
    assert section(data, "components", "schemas") == {"Thing": {"type": "object"}}
    assert section(data, "components", "schemas") is data["components"]["schemas"]
    assert section(data) is data


@pytest.mark.parametrize(
    ("value", "keys"),
    [
        ({"a": {"b": 1}}, ("a", "missing")),
        ({"a": {"b": 1}}, ("a", "b")),  # a scalar, not a mapping
        ({"a": [{"b": {}}]}, ("a", "b")),  # a list on the way
        ({"a": None}, ("a", "b")),
        ("text", ()),
        (None, ("a",)),
    ],
)
def test_section_is_empty_where_any_step_is_missing_or_not_a_mapping(
    value: object, keys: tuple[str, ...]
) -> None:
    assert section(value, *keys) == {}
