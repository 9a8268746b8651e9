"""`_files.upload_files`: what a multipart body's file fields become as httpx2's `files=`.

A field may hold one file or a list of them (Anthropic's skill uploads send every file of a
folder under `files`): each file is a part of its own under the field's name, in order. A
tuple of two or three is one file, `(filename, content[, content_type])`, as the official SDK
reads it; None sends no part.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path

import httpx2

from generator.runtime._files import upload_files


def parts(files: Mapping[str, object]) -> list[tuple[str, str | None, bytes]]:
    """Each part of the multipart body httpx2 encodes: field name, filename and content."""
    with ExitStack() as opened:
        request = httpx2.Request("POST", "https://x.test", files=upload_files(files, opened))
        body = request.read()
    boundary = request.headers["content-type"].partition("boundary=")[2].encode()
    found = []
    for chunk in body.split(b"--" + boundary)[1:-1]:
        head, _, content = chunk.strip(b"\r\n").partition(b"\r\n\r\n")
        disposition = head.decode().splitlines()[0]
        name = disposition.split('name="')[1].split('"')[0]
        filename = (
            disposition.split('filename="')[1].split('"')[0]
            if "filename=" in head.decode()
            else None
        )
        found.append((name, filename, content))
    return found


def test_a_list_of_files_is_a_part_for_each_under_the_fields_name(tmp_path: Path) -> None:
    skill = tmp_path / "SKILL.md"
    skill.write_bytes(b"# skill")
    files = {"files": [skill, ("helper.py", b"print(1)"), io.BytesIO(b"raw")]}
    assert parts(files) == [
        ("files", "SKILL.md", b"# skill"),
        ("files", "helper.py", b"print(1)"),
        ("files", None, b"raw"),
    ]


def test_a_tuple_of_two_or_three_is_one_file_and_other_sequences_are_files() -> None:
    assert parts({"file": ("a.txt", b"a", "text/plain")}) == [("file", "a.txt", b"a")]
    assert parts({"file": (None, b"a")}) == [("file", None, b"a")]
    assert parts({"files": (b"a",)}) == [("files", None, b"a")]
    assert parts({"files": [("a", b"a"), ("b", b"b")]}) == [
        ("files", "a", b"a"),
        ("files", "b", b"b"),
    ]


def test_none_or_an_empty_list_sends_no_part() -> None:
    assert parts({"files": None, "file": b"x"}) == [("file", None, b"x")]
    assert parts({"files": [], "file": b"x"}) == [("file", None, b"x")]
