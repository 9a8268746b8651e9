"""Peak RSS of downloading and uploading a file through `client.beta.files`, as it grows
100-fold to 1 GB, ours beside the official SDK.

A download under `with_streaming_response` promises to hold only the chunk in hand, and an
upload from a path to stream the file from disk: so 1 GB must cost no more memory than 10 MB.
Each transfer runs in a fresh child (this module, run as a script) so its peak RSS is its own,
against a local HTTP server in this process that makes the bytes it sends and counts the
bytes it receives without keeping them: whatever memory grows with the file is the client's.
The file uploaded is sparse, so making it costs neither time nor disk.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench import GENERATED
from bench.proc import run
from bench.results import Section, Table, Target
from bench.venv import PYTHON, official_sdk_missing

SIZES = (10_000_000, 1_000_000_000)
BLOCK = bytes(range(256)) * 4096  # 1 MiB, sent again and again
TARGET_MIB = 5.0
TIMEOUT_SECONDS = 300.0
API_KEY = "sk-bench"
OURS = "ours"
OFFICIAL = "official anthropic 2.10.0"
_CONTENT = re.compile(r"/v1/files/file_(\d+)/content")


class _Handler(http.server.BaseHTTPRequestHandler):
    """Sends `file_<size>`'s content as it makes it; counts an upload's body as it reads it."""

    protocol_version = "HTTP/1.1"
    received: list[int]  # set on the class the server uses

    def do_GET(self) -> None:
        found = _CONTENT.fullmatch(self.path.partition("?")[0])
        if found is None:
            self.send_error(404)
            return
        size = int(found.group(1))
        self.send_response(200)
        self.send_header("content-type", "application/octet-stream")
        self.send_header("content-length", str(size))
        self.end_headers()
        left = size
        while left:
            block = BLOCK if left >= len(BLOCK) else BLOCK[:left]
            self.wfile.write(block)
            left -= len(block)

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", "0"))
        left = length
        while left:
            read = len(self.rfile.read(min(left, len(BLOCK))))
            if not read:
                break
            left -= read
        self.received.append(length - left)
        body = json.dumps(
            {
                "id": "file_bench",
                "type": "file",
                "filename": "upload.bin",
                "mime_type": "application/octet-stream",
                "size_bytes": length - left,
                "created_at": "2025-04-14T10:00:00Z",
            }
        ).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _server() -> Iterator[tuple[str, list[int]]]:
    received: list[int] = []
    handler = type("Handler", (_Handler,), {"received": received})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


def _client(name: str, base_url: str) -> object:
    if name == "official":
        import anthropic

        return anthropic.Anthropic(api_key=API_KEY, base_url=base_url, max_retries=0)
    import anthropic_batches

    return anthropic_batches.Anthropic(api_key=API_KEY, base_url=base_url, max_retries=0)


def _child(name: str, direction: str, size: int, base_url: str, path: str) -> None:
    """One transfer; prints the bytes the client saw move and the seconds it took."""
    client = _client(name, base_url)
    files = client.beta.files  # type: ignore[attr-defined]
    started = time.perf_counter()
    if direction == "download":
        with files.with_streaming_response.download(f"file_{size}") as response:
            response.stream_to_file(os.devnull)
        moved = int(response.headers["content-length"])
    else:
        moved = files.upload(file=Path(path)).size_bytes
    print(moved, time.perf_counter() - started)


@dataclass(frozen=True)
class Moved:
    bytes_moved: int
    seconds: float
    peak_rss_mib: float


def _measure_child(
    name: str, direction: str, size: int, base_url: str, sparse: Path, received: list[int]
) -> Moved:
    with sparse.open("r+b") as file:
        file.truncate(size)
    received.clear()
    result = run(
        [str(PYTHON), "-m", "bench.files", name, direction, str(size), base_url, str(sparse)],
        env={**os.environ, "PYTHONPATH": str(GENERATED)},
        timeout=TIMEOUT_SECONDS,
    )
    if result.timed_out or result.returncode != 0:
        raise SystemExit(f"files: {name} {direction} {size:,} bytes failed:\n{result.stderr}")
    moved, seconds = result.stdout.split()
    if direction == "upload" and not (received and received[0] == int(moved) >= size):
        raise SystemExit(f"files: {name} uploaded {moved} bytes of {size:,} ({received})")
    if direction == "download" and int(moved) != size:
        raise SystemExit(f"files: {name} downloaded {moved} bytes of {size:,}")
    return Moved(int(moved), float(seconds), result.peak_rss_mib)


def measure() -> Section:
    missing = official_sdk_missing()
    clock = time.perf_counter()
    results: dict[tuple[str, str, int], Moved] = {}
    with tempfile.TemporaryDirectory(prefix="bench-files-") as scratch, _server() as served:
        base_url, received = served
        sparse = Path(scratch, "upload.bin")
        sparse.touch()
        for direction in ("download", "upload"):
            for size in SIZES:
                results[OURS, direction, size] = _measure_child(
                    "ours", direction, size, base_url, sparse, received
                )
            if missing is None:
                results[OFFICIAL, direction, SIZES[-1]] = _measure_child(
                    "official", direction, SIZES[-1], base_url, sparse, received
                )
    seconds = time.perf_counter() - clock
    rows = []
    for (name, direction, size), moved in results.items():
        small = results.get((name, direction, SIZES[0]))
        rows.append(
            (
                direction,
                name,
                f"{size / 1e6:,.0f}",
                f"{moved.peak_rss_mib:.1f}",
                "-" if small is None else f"{moved.peak_rss_mib - small.peak_rss_mib:+.1f}",
                f"{moved.seconds:.2f}",
                f"{moved.bytes_moved / 1e6 / moved.seconds:,.0f}",
            )
        )
    if missing is not None:
        rows.append(("both", OFFICIAL, missing, "-", "-", "-", "-"))
    table = Table(
        title="Files: peak RSS downloading and uploading through `client.beta.files`",
        columns=(
            "transfer",
            "client",
            "file MB",
            "peak RSS MiB",
            f"over {SIZES[0] / 1e6:.0f} MB MiB",
            "wall s",
            "MB/s",
        ),
        rows=tuple(rows),
        notes=(
            "One fresh child per row (PYTHONPATH=generated), its peak RSS reaped as in Import, "
            "against a local HTTP server in the harness that makes the bytes it sends and "
            "counts those it receives, keeping neither. Download: "
            "`with client.beta.files.with_streaming_response.download(id) as r: "
            "r.stream_to_file(os.devnull)`. Upload: `client.beta.files.upload(file=Path(...))` "
            "from a sparse file; the server checks it received the whole multipart body.",
            "The official SDK reads a path whole before sending it "
            "(`pathlib.Path.read_bytes()` in its `_files.py`), so its upload row holds the file "
            "in memory; its download streams as ours does.",
            f"The {len(rows)} children took {seconds:.0f} s in all, start-up included.",
        ),
    )
    targets = []
    for direction in ("download", "upload"):
        small, large = results[OURS, direction, SIZES[0]], results[OURS, direction, SIZES[-1]]
        growth = large.peak_rss_mib - small.peak_rss_mib
        targets.append(
            Target(
                f"files: {direction} peak RSS at {SIZES[-1] / 1e9:.0f} GB within "
                f"{TARGET_MIB:.0f} MiB of {SIZES[0] / 1e6:.0f} MB",
                f"{large.peak_rss_mib:.1f} MiB vs {small.peak_rss_mib:.1f} MiB ({growth:+.1f} MiB)",
                abs(growth) <= TARGET_MIB,
            )
        )
    return Section(table, tuple(targets))


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5])
