"""Files in requests: fields of `multipart/form-data` bodies, as the official SDK takes them,
and whole bodies of raw content (`application/octet-stream`, an image...).

A file argument is the content (bytes, a binary file object, or a path), or, in a multipart
body, a tuple of `(filename, content)` or `(filename, content, content_type)`. A path is opened
when the request is sent and closed after it, and the body is streamed from it in chunks: a
large file is never read into memory whole. A retry sends the file again from its start.

The part's filename is the tuple's, else the last part of the path's or the opened file's
name; content without a name (bytes, a `BytesIO`) is sent without one, as
`application/octet-stream`, as the official SDK sends it.
"""

from __future__ import annotations

import io
import os
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import IO, TypeAlias, cast

import httpx2

FileContent: TypeAlias = IO[bytes] | bytes | os.PathLike[str]
FileTypes: TypeAlias = (
    FileContent | tuple[str | None, FileContent] | tuple[str | None, FileContent, str | None]
)
#: A file as httpx2 sends it: name, content and content type.
_Upload: TypeAlias = tuple[str | None, IO[bytes] | bytes, str | None]


def upload_files(files: Mapping[str, object], opened: ExitStack) -> list[tuple[str, _Upload]]:
    """httpx2's `files=` for `files`, each path opened in `opened` (which closes them). A list
    of files is a part for each, all under the field's name; None sends no part."""
    parts: list[tuple[str, _Upload]] = []
    for name, value in files.items():
        if value is not None:
            parts += [(name, _upload(name, item, opened)) for item in _each_file(value)]
    return parts


def _each_file(value: object) -> Sequence[object]:
    """The files `value` holds. A tuple of two or three is one file, `(filename, content[,
    content_type])`, as the official SDK reads it; files for one field come as a list (any
    other sequence but a string or bytes does too)."""
    one: list[object] = [value]
    if isinstance(value, tuple) and len(cast(tuple[object, ...], value)) in (2, 3):
        return one
    if isinstance(value, Sequence) and not isinstance(value, str | bytes | bytearray):
        return cast(Sequence[object], value)
    return one


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


#: How much of a file a raw body reads at a time.
_CHUNK_BYTES = 64 * 1024


class FileStream(httpx2.SyncByteStream, httpx2.AsyncByteStream):
    """A binary file sent as a whole request body, in chunks, by either client. Each send
    (a retry too) starts from the file's start, as a multipart file's does."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file

    @property
    def headers(self) -> dict[str, str]:
        """The length of the body when the file has one, else chunked transfer."""
        size = _size(self._file)
        if size is None:
            return {"transfer-encoding": "chunked"}
        return {"content-length": str(size)}

    def _chunks(self) -> Iterator[bytes]:
        if self._file.seekable():
            self._file.seek(0)
        while chunk := self._file.read(_CHUNK_BYTES):
            yield chunk

    def __iter__(self) -> Iterator[bytes]:
        yield from self._chunks()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        # Reads block, as httpx2's own multipart file fields do under the async client.
        for chunk in self._chunks():
            yield chunk


def raw_content(value: object, opened: ExitStack) -> bytes | FileStream:
    """A raw body as httpx2 sends it: text as UTF-8, bytes as they are, a file or a path (opened
    in `opened`, which closes it) streamed."""
    if isinstance(value, str):
        return value.encode()
    if isinstance(value, bytes | bytearray):
        return bytes(value)
    if isinstance(value, os.PathLike):
        path = Path(cast(os.PathLike[str], value))
        return FileStream(opened.enter_context(path.open("rb")))
    if hasattr(value, "read"):
        return FileStream(cast(IO[bytes], value))
    raise TypeError(
        "the content must be bytes, a binary file object or a path, " f"not {type(value).__name__}"
    )


def _size(file: IO[bytes]) -> int | None:
    """The whole size of a seekable file (it is sent from its start), else None."""
    try:
        return os.fstat(file.fileno()).st_size
    except (AttributeError, OSError, io.UnsupportedOperation):
        pass
    if not file.seekable():
        return None
    position = file.tell()
    size = file.seek(0, os.SEEK_END)
    file.seek(position)
    return size
