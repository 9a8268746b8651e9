"""`client.beta.files` on the wire, sync and async: uploads as `multipart/form-data` (the body
parsed here byte for byte) from bytes, a binary file object, a `pathlib.Path` and a
`(filename, content[, content_type])` tuple; the Files beta header always sent, with the
caller's betas after it; the list paged by its opaque token; metadata, delete and download,
whose response reads whole, as text, in chunks and into a file, and under
`with_streaming_response` is streamed: its first chunk reaches the caller while the server
still holds back the rest."""

from __future__ import annotations

import io
import json
import pathlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import anthropic_batches
import pytest
from anthropic_batches import Anthropic, AsyncAnthropic
from anthropic_batches.types import DeletedFile, FileMetadata
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ..helpers import any_path, raw_target

FILES_BETA = "files-api-2025-04-14"
FILE_ID = "file_011CNha8iCJcU1wXNR6q4V8w"
METADATA = {
    "id": FILE_ID,
    "type": "file",
    "filename": "notes.txt",
    "mime_type": "text/plain",
    "size_bytes": 12,
    "created_at": "2025-04-14T10:00:00Z",
    "downloadable": False,
}
CONTENT = b"line one\nline two \xe2\x82\xac\n"


@dataclass(frozen=True)
class Part:
    """One part of a multipart body, as it came over the wire."""

    headers: list[str]
    content: bytes


@dataclass(frozen=True)
class Received:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes

    def parts(self) -> list[Part]:
        """The body split at its boundary, strictly: any stray byte fails the test."""
        kind, _, boundary = self.headers["content-type"].partition("; boundary=")
        assert kind == "multipart/form-data" and boundary
        delimiter = b"--" + boundary.encode()
        assert self.body.startswith(delimiter + b"\r\n")
        assert self.body.endswith(b"\r\n" + delimiter + b"--\r\n")
        inner = self.body[len(delimiter) + 2 : -len(delimiter) - 6]
        parts = []
        for raw in inner.split(b"\r\n" + delimiter + b"\r\n"):
            head, blank, content = raw.partition(b"\r\n\r\n")
            assert blank
            parts.append(Part(head.decode().split("\r\n"), content))
        return parts


class Recorder:
    """Answers every request with the next reply, keeping what arrived (body included: a
    multipart body is read before werkzeug parses it)."""

    def __init__(self, server: HTTPServer) -> None:
        self.received: list[Received] = []
        self.replies: list[Response] = []
        server.expect_request(any_path()).respond_with_handler(self._handle)

    def reply(self, body: object, status: int = 200, **headers: str) -> None:
        self.replies.append(
            Response(json.dumps(body), status=status, content_type="application/json",
                     headers={"request-id": "req_f", **headers})
        )  # fmt: skip

    def _handle(self, request: Request) -> Response:
        self.received.append(
            Received(
                request.method,
                raw_target(request),
                {name.lower(): value for name, value in request.headers.items()},
                request.get_data(),
            )
        )
        assert self.replies, "more requests than replies"
        return self.replies.pop(0)

    @property
    def only(self) -> Received:
        (received,) = self.received
        return received


@pytest.fixture
def recorder(server: HTTPServer) -> Recorder:
    return Recorder(server)


@pytest.fixture
def client(server: HTTPServer) -> Iterator[Anthropic]:
    with Anthropic(api_key="sk-test", base_url=server.url_for(""), max_retries=0) as client:
        yield client


@pytest.fixture
def path(tmp_path: pathlib.Path) -> pathlib.Path:
    file = tmp_path / "notes.txt"
    file.write_bytes(CONTENT)
    return file


def disposition(filename: str | None) -> str:
    named = "" if filename is None else f'; filename="{filename}"'
    return f'Content-Disposition: form-data; name="file"{named}'


# What each form of `file` sends: the one part's headers, exactly. A form without a name of
# its own sends none, and application/octet-stream, as the official SDK does.
UPLOADS: list[tuple[str, Any, list[str]]] = [
    ("bytes", CONTENT, [disposition(None), "Content-Type: application/octet-stream"]),
    (
        "unnamed file object",
        io.BytesIO(CONTENT),
        [disposition(None), "Content-Type: application/octet-stream"],
    ),
    ("tuple of 2", ("report.csv", CONTENT), [disposition("report.csv"), "Content-Type: text/csv"]),
    (
        "tuple of 3",
        ("data.bin", CONTENT, "application/x-custom"),
        [disposition("data.bin"), "Content-Type: application/x-custom"],
    ),
    (
        "tuple of 3 without a type",
        ("notes.md", CONTENT, None),
        [disposition("notes.md"), "Content-Type: text/markdown"],
    ),
]


@pytest.mark.parametrize(("form", "file", "headers"), UPLOADS, ids=[u[0] for u in UPLOADS])
def test_upload_sends_one_multipart_part_named_file(
    recorder: Recorder, client: Anthropic, form: str, file: Any, headers: list[str]
) -> None:
    recorder.reply(METADATA)
    uploaded = client.beta.files.upload(file=file)
    sent = recorder.only
    assert (sent.method, sent.target) == ("POST", "/v1/files")
    assert sent.headers["anthropic-beta"] == FILES_BETA
    assert sent.headers["accept"] == "application/json"
    assert sent.headers["content-length"] == str(len(sent.body))
    assert sent.parts() == [Part(headers, CONTENT)]
    assert isinstance(uploaded, FileMetadata)
    assert (uploaded.id, uploaded.size_bytes, uploaded._request_id) == (FILE_ID, 12, "req_f")


def test_upload_from_a_path_names_the_part_after_the_file(
    recorder: Recorder, client: Anthropic, path: pathlib.Path
) -> None:
    recorder.reply(METADATA)
    client.beta.files.upload(file=path)
    assert recorder.only.parts() == [
        Part([disposition("notes.txt"), "Content-Type: text/plain"], CONTENT)
    ]


def test_upload_from_a_file_opened_on_disk_takes_its_name(
    recorder: Recorder, client: Anthropic, path: pathlib.Path
) -> None:
    recorder.reply(METADATA)
    with path.open("rb") as opened:
        client.beta.files.upload(file=opened)
        assert not opened.closed  # the caller's file is the caller's to close
    assert recorder.only.parts() == [
        Part([disposition("notes.txt"), "Content-Type: text/plain"], CONTENT)
    ]


def test_a_tuple_names_the_content_of_a_path(
    recorder: Recorder, client: Anthropic, path: pathlib.Path
) -> None:
    recorder.reply(METADATA)
    client.beta.files.upload(file=("renamed.json", path, "application/json"))
    assert recorder.only.parts() == [
        Part([disposition("renamed.json"), "Content-Type: application/json"], CONTENT)
    ]


def test_the_callers_betas_follow_the_files_beta(recorder: Recorder, client: Anthropic) -> None:
    recorder.reply(METADATA)
    client.beta.files.upload(file=CONTENT, betas=["custom-beta", FILES_BETA, "other"])
    assert recorder.only.headers["anthropic-beta"] == f"{FILES_BETA},custom-beta,other"


class _Watched(io.FileIO):
    """A file that records the size of each read and whether it was closed."""

    reads: list[int]

    def read(self, size: int | None = -1, /) -> bytes:
        self.reads.append(-1 if size is None else size)
        return super().read(size)


def test_a_path_is_streamed_in_chunks_and_closed_after_the_request(
    recorder: Recorder, client: Anthropic, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.bin"
    content = bytes(range(256)) * 4096 * 3  # 3 MiB
    big.write_bytes(content)
    opened: list[_Watched] = []

    def watched_open(self: pathlib.Path, mode: str = "r", *args: Any, **kwargs: Any) -> IO[Any]:
        assert mode == "rb"
        file = _Watched(self, "rb")
        file.reads = []
        opened.append(file)
        return file

    monkeypatch.setattr(pathlib.Path, "open", watched_open)
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: pytest.fail("read whole"))
    recorder.reply(METADATA)
    client.beta.files.upload(file=big)
    (file,) = opened
    assert file.closed
    assert file.reads and all(0 < size <= 64 * 1024 for size in file.reads)
    assert recorder.only.parts() == [
        Part([disposition("big.bin"), "Content-Type: application/octet-stream"], content)
    ]


@pytest.mark.parametrize("form", ["path", "file object"])
def test_a_retried_upload_sends_the_whole_file_again(
    recorder: Recorder, server: HTTPServer, path: pathlib.Path, form: str
) -> None:
    recorder.reply({"type": "error"}, status=529, **{"retry-after-ms": "1"})
    recorder.reply(METADATA)
    with Anthropic(api_key="k", base_url=server.url_for(""), max_retries=1) as client:
        with path.open("rb") as opened:
            raw = client.beta.files.with_raw_response.upload(
                file=path if form == "path" else opened
            )
    assert raw.retries_taken == 1
    first, second = recorder.received
    assert (
        first.parts()
        == second.parts()
        == [Part([disposition("notes.txt"), "Content-Type: text/plain"], CONTENT)]
    )


def test_upload_refuses_what_is_not_a_file(client: Anthropic) -> None:
    with pytest.raises(TypeError, match="must be bytes, a binary file object, a path"):
        client.beta.files.upload(file="notes.txt")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="filename"):
        client.beta.files.upload(file=(b"name", CONTENT))  # type: ignore[arg-type]


# list, retrieve_metadata, delete


def serve_file_pages(server: HTTPServer) -> None:
    pages: dict[str | None, dict[str, Any]] = {
        None: {
            "data": [METADATA, {**METADATA, "id": "file_2"}],
            "has_more": True,
            "next_page": "p2",
        },
        "p2": {"data": [{**METADATA, "id": "file_3"}], "has_more": True, "next_page": "p3"},
        "p3": {"data": [], "has_more": False, "next_page": None},
    }

    def respond(request: Request) -> Response:
        assert request.headers["anthropic-beta"].startswith(FILES_BETA)
        body = pages[request.args.get("page")]
        return Response(json.dumps(body), content_type="application/json")

    server.expect_request("/v1/files").respond_with_handler(respond)


def test_list_walks_the_pages_by_their_token(server: HTTPServer, client: Anthropic) -> None:
    serve_file_pages(server)
    page = client.beta.files.list(limit=2, betas=["custom"])
    assert (page.next_page, page.has_next_page()) == ("p2", True)
    assert [f.id for f in page] == [FILE_ID, "file_2", "file_3"]
    assert [raw_target(request) for request, _ in server.log] == [
        "/v1/files?limit=2",
        "/v1/files?limit=2&page=p2",
        "/v1/files?limit=2&page=p3",
    ]
    assert {request.headers["anthropic-beta"] for request, _ in server.log} == {
        f"{FILES_BETA},custom"
    }


def test_list_from_a_given_page(server: HTTPServer, client: Anthropic) -> None:
    serve_file_pages(server)
    page = client.beta.files.list(page="p2")
    assert [f.id for f in page.data] == ["file_3"]
    assert raw_target(server.log[0][0]) == "/v1/files?page=p2"


def test_retrieve_metadata_and_delete(recorder: Recorder, client: Anthropic) -> None:
    recorder.reply(METADATA)
    recorder.reply({"id": FILE_ID, "type": "file_deleted"})
    metadata = client.beta.files.retrieve_metadata(FILE_ID)
    deleted = client.beta.files.delete("file/../x y", betas=["custom"])
    get, delete = recorder.received
    assert (get.method, get.target, get.body) == ("GET", f"/v1/files/{FILE_ID}", b"")
    assert (delete.method, delete.target) == ("DELETE", "/v1/files/file%2F..%2Fx%20y")
    assert (get.headers["anthropic-beta"], delete.headers["anthropic-beta"]) == (
        FILES_BETA,
        f"{FILES_BETA},custom",
    )
    assert isinstance(metadata, FileMetadata) and metadata.created_at.year == 2025
    assert metadata.downloadable is False
    assert isinstance(deleted, DeletedFile) and deleted.type == "file_deleted"


@pytest.mark.parametrize("method", ["retrieve_metadata", "delete", "download"])
def test_an_empty_file_id_is_refused_before_any_request(
    server: HTTPServer, client: Anthropic, method: str
) -> None:
    with pytest.raises(ValueError, match="Expected a non-empty value for `file_id`"):
        getattr(client.beta.files, method)("")
    assert server.log == []


def test_a_missing_file_raises_not_found(recorder: Recorder, client: Anthropic) -> None:
    error = {"type": "error", "error": {"type": "not_found_error", "message": "no such file"}}
    recorder.reply(error, status=404)
    with pytest.raises(anthropic_batches.NotFoundError) as raised:
        client.beta.files.download(FILE_ID)
    assert raised.value.body == error


# download


def serve_download(server: HTTPServer, body: bytes | Iterator[bytes] = CONTENT) -> None:
    server.expect_oneshot_request(f"/v1/files/{FILE_ID}/content").respond_with_response(
        Response(body, content_type="application/octet-stream", headers={"request-id": "req_d"})
    )


def test_download_returns_a_binary_response(
    server: HTTPServer, client: Anthropic, tmp_path: pathlib.Path
) -> None:
    serve_download(server)
    response = client.beta.files.download(FILE_ID)
    ((request, _),) = server.log
    assert (request.method, raw_target(request)) == ("GET", f"/v1/files/{FILE_ID}/content")
    assert request.headers["accept"] == "application/binary"
    assert request.headers["anthropic-beta"] == FILES_BETA
    assert (response.status_code, response.request_id) == (200, "req_d")
    assert response.read() == CONTENT
    assert response.text == CONTENT.decode()
    assert b"".join(response.iter_bytes()) == CONTENT
    assert b"".join(response.iter_bytes(5)) == CONTENT
    response.write_to_file(tmp_path / "out.bin")
    assert (tmp_path / "out.bin").read_bytes() == CONTENT


def held_back_body(first_taken: threading.Event, waited: list[bool]) -> Iterator[bytes]:
    """The first chunk, then the rest only once the caller has the first (or 5 s passed): a
    client that read the body whole before handing it on would make the wait time out."""
    yield CONTENT[:9]
    waited.append(first_taken.wait(timeout=5))
    yield CONTENT[9:]


def test_streaming_download_hands_on_each_chunk_as_it_arrives(
    server: HTTPServer, client: Anthropic, tmp_path: pathlib.Path
) -> None:
    first_taken = threading.Event()
    waited: list[bool] = []
    serve_download(server, held_back_body(first_taken, waited))
    with client.beta.files.with_streaming_response.download(FILE_ID) as response:
        assert (response.status_code, response.request_id) == (200, "req_d")
        chunks = response.iter_bytes()
        assert next(chunks) == CONTENT[:9]
        first_taken.set()
        assert b"".join(chunks) == CONTENT[9:]
    assert response.is_closed
    assert waited == [True]


def test_streaming_download_writes_to_a_file(
    server: HTTPServer, client: Anthropic, tmp_path: pathlib.Path
) -> None:
    serve_download(server)
    with client.beta.files.with_streaming_response.download(FILE_ID) as response:
        response.write_to_file(tmp_path / "out.bin")
    assert (tmp_path / "out.bin").read_bytes() == CONTENT


def test_streaming_download_streams_to_a_file_as_the_official_sdk_names_it(
    server: HTTPServer, client: Anthropic, tmp_path: pathlib.Path
) -> None:
    """The official SDK's streamed binary response has `stream_to_file(file, chunk_size=)`.
    The server holds back the second half until the first is on disk (a watcher sees the file
    grow): a client that read the body whole before writing would make the wait time out."""
    half = bytes(range(256)) * 512  # 128 KiB: past a file's write buffer, so written at once
    target = tmp_path / "out.bin"
    on_disk = threading.Event()
    waited: list[bool] = []

    def body() -> Iterator[bytes]:
        yield half
        waited.append(on_disk.wait(timeout=5))
        yield half

    def watch() -> None:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if target.exists() and target.stat().st_size >= len(half):
                on_disk.set()
                return
            time.sleep(0.005)

    serve_download(server, body())
    watcher = threading.Thread(target=watch)
    watcher.start()
    with client.beta.files.with_streaming_response.download(FILE_ID) as response:
        response.stream_to_file(target, chunk_size=len(half))
    watcher.join()
    assert target.read_bytes() == half + half
    assert waited == [True]


def test_raw_download(server: HTTPServer, client: Anthropic) -> None:
    serve_download(server)
    raw = client.beta.files.with_raw_response.download(FILE_ID)
    assert raw.read() == CONTENT
    assert raw.parse().read() == CONTENT


# async


@pytest.fixture
async def aclient(server: HTTPServer) -> Any:
    async with AsyncAnthropic(api_key="sk-test", base_url=server.url_for(""), max_retries=0) as c:
        yield c


@pytest.mark.parametrize(("form", "file", "headers"), UPLOADS, ids=[u[0] for u in UPLOADS])
async def test_async_upload(
    recorder: Recorder, aclient: AsyncAnthropic, form: str, file: Any, headers: list[str]
) -> None:
    recorder.reply(METADATA)
    uploaded = await aclient.beta.files.upload(file=file, betas=["custom"])
    sent = recorder.only
    assert (sent.method, sent.target) == ("POST", "/v1/files")
    assert sent.headers["anthropic-beta"] == f"{FILES_BETA},custom"
    assert sent.parts() == [Part(headers, CONTENT)]
    assert uploaded.id == FILE_ID


async def test_async_upload_from_a_path(
    recorder: Recorder, aclient: AsyncAnthropic, path: pathlib.Path
) -> None:
    recorder.reply(METADATA)
    await aclient.beta.files.upload(file=path)
    assert recorder.only.parts() == [
        Part([disposition("notes.txt"), "Content-Type: text/plain"], CONTENT)
    ]


async def test_async_list_metadata_and_delete(server: HTTPServer, aclient: AsyncAnthropic) -> None:
    serve_file_pages(server)
    ids = [f.id async for f in aclient.beta.files.list(limit=2)]
    first = await aclient.beta.files.list(limit=2)
    second = await first.get_next_page()
    assert ids == [FILE_ID, "file_2", "file_3"]
    assert [f.id for f in second.data] == ["file_3"]
    server.clear()
    recorder = Recorder(server)
    recorder.reply(METADATA)
    recorder.reply({"id": FILE_ID, "type": "file_deleted"})
    metadata = await aclient.beta.files.retrieve_metadata(FILE_ID, betas=["custom"])
    deleted = await aclient.beta.files.delete(FILE_ID)
    assert (metadata.filename, deleted.id) == ("notes.txt", FILE_ID)
    get, delete = recorder.received
    assert (get.method, get.target, get.headers["anthropic-beta"]) == (
        "GET",
        f"/v1/files/{FILE_ID}",
        f"{FILES_BETA},custom",
    )
    assert (delete.method, delete.target) == ("DELETE", f"/v1/files/{FILE_ID}")
    with pytest.raises(ValueError):
        await aclient.beta.files.delete("")


async def test_async_download(
    server: HTTPServer, aclient: AsyncAnthropic, tmp_path: pathlib.Path
) -> None:
    serve_download(server)
    response = await aclient.beta.files.download(FILE_ID)
    assert server.log[0][0].headers["accept"] == "application/binary"
    assert await response.read() == CONTENT
    assert response.text == CONTENT.decode()
    assert b"".join([chunk async for chunk in response.iter_bytes()]) == CONTENT
    await response.write_to_file(tmp_path / "out.bin")
    assert (tmp_path / "out.bin").read_bytes() == CONTENT


async def test_async_streaming_download_hands_on_each_chunk_as_it_arrives(
    server: HTTPServer, aclient: AsyncAnthropic, tmp_path: pathlib.Path
) -> None:
    first_taken = threading.Event()
    waited: list[bool] = []
    serve_download(server, held_back_body(first_taken, waited))
    async with aclient.beta.files.with_streaming_response.download(FILE_ID) as response:
        chunks = response.iter_bytes()
        assert await anext(chunks) == CONTENT[:9]
        first_taken.set()
        assert b"".join([chunk async for chunk in chunks]) == CONTENT[9:]
    assert response.is_closed and waited == [True]
    serve_download(server)
    async with aclient.beta.files.with_streaming_response.download(FILE_ID) as response:
        await response.write_to_file(tmp_path / "out.bin")
    assert (tmp_path / "out.bin").read_bytes() == CONTENT
    serve_download(server)
    async with aclient.beta.files.with_streaming_response.download(FILE_ID) as response:
        await response.stream_to_file(tmp_path / "streamed.bin", chunk_size=4)
    assert (tmp_path / "streamed.bin").read_bytes() == CONTENT
