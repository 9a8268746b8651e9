"""`pycode`: the one escaping function every spec string reaches generated code through.

Pins what `python_string` prints for quotes, backslashes, control characters, lone surrogates,
bidi and zero-width ("trojan source") characters and the Unicode line separators, in both the
double-quoted and the docstring form, and that `visible` spells out only what misleads a reader.
A property test checks the promises for any text: the literal parses back to the text, holds no
raw line break and no deceptive character. `toml_string` (pyproject.toml) keeps the same
promises in TOML, for any text without lone surrogates, which TOML cannot hold.
"""

from __future__ import annotations

import ast
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.pycode import python_string, toml_string, visible

#: Characters that change how source reads without being seen, written out here rather than
#: taken from the module under test: bidi controls (CVE-2021-42574), zero-width characters, the
#: byte-order mark and the Unicode line and paragraph separators.
DECEPTIVE = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u200b\u200c\u200d\u2060\ufeff"
    "\u2028\u2029"
)

#: Characters the escaping treats specially, drawn often so that every run meets them.
TRICKY = sorted(DECEPTIVE | set('"\\\n\r\t\x00\x85\xa0\ud800\udfff'))
#: Any code point, lone surrogates included (hypothesis leaves out category Cs by default).
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()) | st.sampled_from(TRICKY))


def docstring_value(body: str) -> object:
    return ast.literal_eval('"""' + body + '"""')


# The double-quoted form.


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("", '""'),
        ("plain text", '"plain text"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("single 'quotes' stay", "\"single 'quotes' stay\""),
        ("C:\\path\\n", '"C:\\\\path\\\\n"'),
        ("tab\tcr\rlf\n", '"tab\\tcr\\rlf\\n"'),
        ("nul\x00bell\x07del\x7f", '"nul\\x00bell\\x07del\\x7f"'),
        ("next line\x85no-break\xa0space", '"next line\\x85no-break\\xa0space"'),
        ("lone \ud800 surrogate \udfff", '"lone \\ud800 surrogate \\udfff"'),
        ("tag \U000e0001 character", '"tag \\U000e0001 character"'),
    ],
)
def test_python_string_escapes_what_could_end_or_corrupt_the_literal(
    text: str, literal: str
) -> None:
    assert python_string(text) == literal
    assert ast.literal_eval(literal) == text


@pytest.mark.parametrize("char", sorted(DECEPTIVE))
def test_python_string_spells_out_each_deceptive_character(char: str) -> None:
    literal = python_string(f"admin{char}user")
    assert literal == f'"admin\\u{ord(char):04x}user"'
    assert ast.literal_eval(literal) == f"admin{char}user"


def test_python_string_keeps_printable_unicode_as_written() -> None:
    assert python_string("café ünïcode 日本 😀") == '"café ünïcode 日本 😀"'


def test_a_trojan_source_payload_cannot_close_the_string_or_hide_code() -> None:
    payload = '"; import os; os.system("id") #\u202e\u2066 " \\'
    literal = python_string(payload)
    tree = ast.parse(f"x = {literal}")
    (assignment,) = tree.body
    assert isinstance(assignment, ast.Assign)
    assert isinstance(assignment.value, ast.Constant)
    assert assignment.value.value == payload
    assert not DECEPTIVE & set(literal)


# The docstring form.


def test_python_string_docstring_keeps_line_breaks_and_returns_the_body_only() -> None:
    text = "First line.\n\nSecond paragraph."
    assert python_string(text, docstring=True) == text


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ('a "quoted" word', 'a "quoted" word'),
        ('"leading quote', '"leading quote'),
        ('trailing quote"', 'trailing quote\\"'),
        ('two "" quotes', 'two \\"" quotes'),
        ('three """ quotes', 'three \\"\\"" quotes'),
        ('"', '\\"'),
        ('"\n"', '"\n\\"'),
    ],
)
def test_python_string_docstring_escapes_only_quotes_that_could_end_the_literal(
    text: str, body: str
) -> None:
    assert python_string(text, docstring=True) == body
    assert docstring_value(body) == text


def test_python_string_docstring_escapes_backslashes_and_everything_but_newline() -> None:
    text = "a\\b\tc\rd\u2028e\u202ef\x00"
    body = python_string(text, docstring=True)
    assert body == "a\\\\b\\tc\\rd\\u2028e\\u202ef\\x00"
    assert docstring_value(body) == text


def test_python_string_docstring_escapes_a_backslash_before_a_line_break() -> None:
    # Unescaped, the backslash would join the two lines into one.
    text = "ends in a backslash\\\nnext line"
    body = python_string(text, docstring=True)
    assert body == "ends in a backslash\\\\\nnext line"
    assert docstring_value(body) == text


# visible


def test_visible_leaves_prose_with_quotes_backslashes_and_newlines_alone() -> None:
    text = "A \"quoted\" C:\\path, 'single', café 😀\nand a second line."
    assert visible(text) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("right\u202eto left", "right\\u202eto left"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("line\u2028separator", "line\\u2028separator"),
        ("bom\ufeff", "bom\\ufeff"),
        ("tab\there", "tab\\there"),
        ("cr\rhere", "cr\\rhere"),
        ("nul\x00", "nul\\x00"),
        ("surrogate\udc80", "surrogate\\udc80"),
        ("tag\U000e0041", "tag\\U000e0041"),
    ],
)
def test_visible_spells_out_deceptive_and_unprintable_characters(text: str, shown: str) -> None:
    assert visible(text) == shown


# Properties over any text.


@settings(derandomize=True, max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_python_string_round_trips_any_text_on_one_line_without_deceptive_characters(
    text: str,
) -> None:
    literal = python_string(text)
    assert ast.literal_eval(literal) == text
    assert "\n" not in literal and "\r" not in literal
    assert not DECEPTIVE & set(literal)
    assert literal.isprintable()


@settings(derandomize=True, max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_python_string_docstring_round_trips_any_text(text: str) -> None:
    body = python_string(text, docstring=True)
    assert docstring_value(body) == text
    assert not DECEPTIVE & set(body)
    assert all(line.isprintable() for line in body.split("\n"))


@settings(derandomize=True, max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_visible_shows_every_character_but_newline(text: str) -> None:
    shown = visible(text)
    assert not DECEPTIVE & set(shown)
    assert all(line.isprintable() for line in shown.split("\n"))
    assert shown.count("\n") == text.count("\n")


# TOML, for the generated pyproject.toml.


def test_toml_string_escapes_quotes_backslashes_and_control_characters() -> None:
    assert toml_string('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert toml_string("x\ny\x00\x7f") == '"x\\u000ay\\u0000\\u007f"'
    assert toml_string("\u202eevil 😀") == '"\\u202eevil 😀"'


def test_toml_string_refuses_a_lone_surrogate_it_cannot_write() -> None:
    with pytest.raises(AssertionError):
        toml_string("\ud800")


@settings(derandomize=True, max_examples=200, deadline=None)
@given(ANY_TEXT.filter(lambda text: not any("\ud800" <= char <= "\udfff" for char in text)))
def test_toml_string_round_trips_any_text_on_one_line_without_deceptive_characters(
    text: str,
) -> None:
    literal = toml_string(text)
    assert tomllib.loads(f"value = {literal}")["value"] == text
    assert literal.isprintable() and not DECEPTIVE & set(literal)
