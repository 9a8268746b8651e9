"""A raw-socket HTTP server that plays a script: one scripted behaviour per request.

pytest-httpserver (the `server` fixture) answers through werkzeug, which writes a whole,
well-formed response once the handler returns. A handler can break a response off part-way
only by writing to werkzeug's non-standard `werkzeug.socket` environ key behind werkzeug's back,
and the shared server it starts handles one request at a time, so a request that hangs holds
back the retry queued behind it. This server reads each request itself, records it, and then
does exactly what the script says for that request: reply, write some bytes and hang up, or
keep silent for longer than any client timeout under test, or stream a body made as it is
sent (a hostile one: gigabytes, or a line without end), bounded, stopping as soon as the client
hangs up.
"""

from __future__ import annotations

import socket
import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus

#: How long a connection may take to send its request head; only a broken client waits this out.
REQUEST_READ_TIMEOUT = 5.0


@dataclass(frozen=True)
class Received:
    """One request head as it came over the socket (the endpoint under test sends no body)."""

    raw: bytes

    @property
    def request_line(self) -> str:
        return self.raw.split(b"\r\n", 1)[0].decode("latin-1")

    def header(self, name: str) -> str | None:
        for line in self.raw.split(b"\r\n")[1:]:
            key, _, value = line.decode("latin-1").partition(":")
            if key.strip().lower() == name.lower():
                return value.strip()
        return None


@dataclass(frozen=True)
class Reply:
    """A complete response, closing the connection, begun `after` seconds (or at stop).

    With `drip`, the body goes eight bytes at a time, `drip` seconds apart: a server that is
    slow but never silent for long.
    """

    status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    after: float = 0.0
    drip: float = 0.0

    def play(self, connection: socket.socket, stopping: threading.Event) -> None:
        if stopping.wait(self.after):
            return
        try:
            phrase = HTTPStatus(self.status).phrase
        except ValueError:
            phrase = "Unknown"
        lines = [
            f"HTTP/1.1 {self.status} {phrase}",
            *(f"{name}: {value}" for name, value in self.headers.items()),
            f"content-length: {len(self.body)}",
            "connection: close",
        ]
        connection.sendall("\r\n".join(lines).encode("latin-1") + b"\r\n\r\n")
        step = 8 if self.drip else len(self.body) or 1
        for start in range(0, len(self.body), step):
            if start and stopping.wait(self.drip):
                return
            connection.sendall(self.body[start : start + step])


@dataclass(frozen=True)
class HangUp:
    """Write `data` (nothing, or the start of a response) and close the connection."""

    data: bytes = b""

    def play(self, connection: socket.socket, stopping: threading.Event) -> None:
        connection.sendall(self.data)


@dataclass(frozen=True)
class Stall:
    """Send nothing, then close: a client's timeout should end its wait long before.

    The wait is bounded so that a client that ignores its timeout sees a closed connection and
    fails its test within seconds, instead of hanging the suite for the default 600 s.
    """

    seconds: float = 5.0

    def play(self, connection: socket.socket, stopping: threading.Event) -> None:
        stopping.wait(self.seconds)


@dataclass(frozen=True)
class Stream:
    """A response whose body is `body()`'s chunks, made as they are sent and ended by closing
    the connection (no length): gigabytes never exist whole. The body is the test's to bound;
    sending stops early when the client hangs up (its write fails) or the server stops."""

    status: int
    body: Callable[[], Iterable[bytes]]
    headers: Mapping[str, str] = field(default_factory=dict)

    def play(self, connection: socket.socket, stopping: threading.Event) -> None:
        lines = [
            f"HTTP/1.1 {self.status} {HTTPStatus(self.status).phrase}",
            *(f"{name}: {value}" for name, value in self.headers.items()),
            "connection: close",
        ]
        connection.sendall("\r\n".join(lines).encode("latin-1") + b"\r\n\r\n")
        for chunk in self.body():
            if stopping.is_set():
                return
            connection.sendall(chunk)


Behaviour = Reply | HangUp | Stall | Stream

#: What a request beyond the script gets: a status the client does not retry, saying why.
UNSCRIPTED = Reply(418, b"no behaviour was scripted for this request")


class ScriptedServer:
    """Plays `play`ed behaviours in order on `host` (127.0.0.1, or another loopback address
    for a second origin), one per request and connection.

    `stop()` returns once every connection has been served, so the requests it returns are all
    the client sent, even one whose attempt the client gave up on before it was read.
    """

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._listener = socket.create_server((host, 0))
        self._address: tuple[str, int] = self._listener.getsockname()[:2]
        self.url = f"http://{self._address[0]}:{self._address[1]}"
        self._script: deque[Behaviour] = deque()
        self._received: list[Received] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._workers: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept, name=f"scripted {self.url}")
        self._acceptor.start()

    def play(self, *behaviours: Behaviour) -> None:
        """Queue behaviours for the next requests, after any already queued."""
        with self._lock:
            self._script.extend(behaviours)

    def stop(self) -> list[Received]:
        """Stop, once every connection is served; the requests received, in order of arrival."""
        if not self._stopping.is_set():
            self._stopping.set()
            # Closing a listener from another thread does not wake accept() on Linux; a
            # connection does, and the acceptor sees `_stopping` and returns.
            socket.create_connection(self._address).close()
            self._acceptor.join()
            for worker in self._workers:
                worker.join()
            self._listener.close()
        with self._lock:
            return list(self._received)

    def _accept(self) -> None:
        while True:
            connection, _ = self._listener.accept()
            if self._stopping.is_set():
                connection.close()
                return
            worker = threading.Thread(target=self._serve, args=(connection,))
            self._workers.append(worker)
            worker.start()

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            connection.settimeout(REQUEST_READ_TIMEOUT)
            try:
                head = _read_head(connection)
                if head is None:
                    return
                with self._lock:
                    self._received.append(Received(head))
                    behaviour = self._script.popleft() if self._script else UNSCRIPTED
                behaviour.play(connection, self._stopping)
            except OSError:
                # The client may hang up first, e.g. when it has timed out: that is its right.
                return


def _read_head(connection: socket.socket) -> bytes | None:
    """The request line and headers, or None if the client left without sending them."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(4096)
        if not chunk:
            return None
        data += chunk
    return data.partition(b"\r\n\r\n")[0]
