"""Files in `multipart/form-data` requests, as the official SDK takes them.

A file argument is the content (bytes, a binary file object, or a path), or a tuple of
`(filename, content)` or `(filename, content, content_type)`. A path is opened when the
request is sent and closed after it, and the body is streamed from it in chunks: a large file
is never read into memory whole. A retry sends the file again from its start.

The part's filename is the tuple's, else the last part of the path's or the opened file's
name; content without a name (bytes, a `BytesIO`) is sent without one, as
`application/octet-stream`, as the official SDK sends it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import IO, TypeAlias, cast

FileContent: TypeAlias = IO[bytes] | bytes | os.PathLike[str]
FileTypes: TypeAlias = (
    FileContent | tuple[str | None, FileContent] | tuple[str | None, FileContent, str | None]
)
#: A file as httpx2 sends it: name, content and content type.
_Upload: TypeAlias = tuple[str | None, IO[bytes] | bytes, str | None]


def upload_files(files: Mapping[str, object], opened: ExitStack) -> dict[str, _Upload]:
    """httpx2's `files=` for `files`, each path opened in `opened` (which closes them)."""
    return {name: _upload(name, value, opened) for name, value in files.items()}


def _upload(name: str, value: object, opened: ExitStack) -> _Upload:
    filename: str | None = None
    content_type: str | None = None
    content: object = value
    if isinstance(value, tuple):
        parts = cast(tuple[object, ...], value)
        if len(parts) not in (2, 3):
            raise TypeError(f"`{name}` must be (filename, content) or (filename, content, type)")
        filename = _text(name, "filename", parts[0])
        content = parts[1]
        content_type = _text(name, "content type", parts[2]) if len(parts) == 3 else None
    filename = filename or _own_name(content)
    if filename is None and not isinstance(value, tuple):
        # As the official SDK sends content without a name: no filename, and the type that
        # httpx2 would have guessed had it named the file itself.
        content_type = "application/octet-stream"
    if isinstance(content, os.PathLike):
        path = Path(cast(os.PathLike[str], content))
        return filename, opened.enter_context(path.open("rb")), content_type
    if isinstance(content, bytes | bytearray):
        return filename, bytes(content), content_type
    if hasattr(content, "read"):
        return filename, cast(IO[bytes], content), content_type
    raise TypeError(
        f"`{name}` must be bytes, a binary file object, a path, or a tuple of a filename and "
        f"one of those, not {type(content).__name__}"
    )


def _own_name(content: object) -> str | None:
    """The name a path or an opened file carries (its last part), if it has one."""
    if isinstance(content, os.PathLike):
        return Path(cast(os.PathLike[str], content)).name or None
    own = getattr(content, "name", None)
    if isinstance(own, str | bytes) and own:
        return Path(os.fsdecode(own)).name or None
    return None


def _text(name: str, what: str, value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"the {what} of `{name}` must be text or None, not {type(value).__name__}")
