"""A hostile network on loopback, for transport and facade tests: servers that run a script per connection, TLS from
trustme, names that resolve to several addresses, an address that never answers a SYN, and an http proxy.

    from tests.hostile import OK, Blackhole, Resolver, ScriptedServer, certificates, keep_answering

    with ScriptedServer(keep_answering) as server:                  # 127.0.0.1, a free port, plain HTTP
        httpx.delete(server.url)
    assert (server.connections, len(server.requests)) == (1, 1)

    with (
        ScriptedServer(keep_answering, tls=certificates().server_context()) as venue,
        Blackhole(port=venue.port, host="127.0.0.2") as hole,      # the same port on another loopback address
        Resolver({"venue.test": [hole.host, venue.host]}),        # socket.getaddrinfo, sync and asyncio alike
    ):
        client = httpx.Client(verify=certificates().client_context())
        client.delete(venue.url_for("venue.test"))

- ScriptedServer(script, tls=None, host="127.0.0.1", port=0): accepts connections and runs `script(server,
  connection)` for each in its own thread (TLS handshakes there too, so a stuck client blocks nobody else).
  `server.read_request(connection)` reads one request (head and Content-Length body) and counts it. Counters:
  `connections` (TCP connections accepted), `requests` (every request's bytes, in arrival order),
  `requests_by_connection` (a list per connection, in accept order). `release` is an Event scripts may wait on;
  it is set when the server stops, which also shuts down every connection, so no test waits on a script.
- Scripts: `keep_answering` (200 "ok" to every request), `answer_once`, `hang_up` (reads the request, closes).
- certificates(): one trustme CA per test session that `client_context()` trusts; `server_context(*names)`,
  `untrusted_server_context(*names)` (a leaf from another CA) and `self_signed_server_context()` (a certificate that
  signs itself); `ca_file(directory)` writes the trusted CA as a bundle for `verify="path"`.
- Resolver({name: [addresses]}, delay=0): patches socket.getaddrinfo, which the sync path and asyncio's
  loop.getaddrinfo both call; names are looked up as CPython would (a non-ASCII name in IDNA 2003); `lookups` lists
  the names asked. `delay` holds every lookup of a mapped name that long (released when the resolver exits).
- Blackhole(host="127.0.0.1", port=0): a listener whose accept queue is full, so that the kernel drops every further
  SYN: a connect there hangs until the client gives up, as to a host that is down. No root needed.
- ConnectProxy(answer=200, tls=None): an http proxy (https with `tls`). 200 tunnels CONNECT to its target and
  relays absolute-form requests; another status answers CONNECT with it and closes; "hang-up" closes without a
  word; "silent" never answers. `requests` holds the heads it read (CONNECT lines, absolute-form requests),
  `tunnels` counts the tunnels it opened, `authorization()` gives a request's Proxy-Authorization.
"""

from __future__ import annotations

import contextlib
import functools
import selectors
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Self

import trustme

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
DEFAULT_PATH = "/api/v3/order?orderId=1"

Script = Callable[["ScriptedServer", socket.socket], None]


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host


class ScriptedServer:
    """Accepts connections on `host` and runs `script(server, connection)` for each, in its own thread."""

    def __init__(
        self, script: Script, tls: ssl.SSLContext | None = None, *, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.script, self.tls, self.host = script, tls, host
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.listener = socket.create_server((host, port), family=family)
        self.port: int = self.listener.getsockname()[1]
        self.connections = 0
        self.requests: list[bytes] = []
        self.requests_by_connection: list[list[bytes]] = []
        self.release = threading.Event()  # scripts that hold an answer wait for it
        self.closed_one = threading.Event()
        self._threads: list[threading.Thread] = []
        self._accepted: list[socket.socket] = []
        self._log_of: dict[int, list[bytes]] = {}  # id(connection) -> its requests
        self._stopping = False

    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{_bracketed(self.host)}:{self.port}"

    @property
    def url(self) -> str:
        return self.origin + DEFAULT_PATH

    def url_for(self, host: str, path: str = DEFAULT_PATH) -> str:
        """This server's URL under another name (one a Resolver maps here) or address."""
        return f"{self.scheme}://{_bracketed(host)}:{self.port}{path}"

    def __enter__(self) -> Self:
        self._start(self._accept)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping = True
        self.release.set()
        # Closing a listener does not wake a thread in accept(): a connection does, and it sees _stopping.
        with contextlib.suppress(OSError), socket.create_connection((self.host, self.port), timeout=1):
            pass
        self.listener.close()
        for connection in self._accepted:  # unblock scripts still reading from a client that is gone
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout=5)

    def _start(self, target: Callable[..., None], *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            if self._stopping:
                connection.close()
                return
            self.connections += 1
            self._accepted.append(connection)
            log: list[bytes] = []
            self.requests_by_connection.append(log)
            self._start(self._run, connection, log)

    def _run(self, connection: socket.socket, log: list[bytes]) -> None:
        with contextlib.ExitStack() as stack, contextlib.suppress(OSError):
            stack.enter_context(connection)
            if self.tls is not None:
                connection = self.tls.wrap_socket(connection, server_side=True)
                stack.enter_context(connection)
                self._accepted.append(connection)
            self._log_of[id(connection)] = log
            self.script(self, connection)
        self.closed_one.set()

    def requests_on(self, connection: socket.socket) -> list[bytes]:
        """The requests read so far on `connection`, in order."""
        return self._log_of.get(id(connection), [])

    def read_request(self, connection: socket.socket) -> bytes | None:
        """One request, head and body; None when the client closed the connection."""
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = connection.recv(65536)
            if not chunk:
                return None
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = next(
            (int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")),
            0,
        )
        while len(body) < length:
            chunk = connection.recv(65536)
            if not chunk:
                return None
            body += chunk
        self.requests.append(data)
        self._log_of.get(id(connection), []).append(data)
        return body


def keep_answering(server: ScriptedServer, connection: socket.socket) -> None:
    while server.read_request(connection) is not None:
        connection.sendall(OK)


def answer_once(server: ScriptedServer, connection: socket.socket) -> None:
    server.read_request(connection)
    connection.sendall(OK)


def hang_up(server: ScriptedServer, connection: socket.socket) -> None:
    server.read_request(connection)


# -- TLS ---------------------------------------------------------------------------------------------------------------

LOOPBACK_NAMES = ("127.0.0.1", "::1", "localhost")


class Certificates:
    """trustme certificates: a CA the client trusts, and another it does not."""

    def __init__(self) -> None:
        self.ca = trustme.CA()
        self.other_ca = trustme.CA()

    def client_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
        self.ca.configure_trust(context)
        return context

    def server_context(self, *names: str) -> ssl.SSLContext:
        """A server certificate for `names` (default: the loopback names) from the trusted CA."""
        return self._serving(self.ca, names or LOOPBACK_NAMES)

    def untrusted_server_context(self, *names: str) -> ssl.SSLContext:
        """A certificate for `names` from a CA the client does not know: 'unable to get local issuer certificate'."""
        return self._serving(self.other_ca, names or LOOPBACK_NAMES)

    def self_signed_server_context(self) -> ssl.SSLContext:
        """A certificate that signs itself (the untrusted CA's own): 'self-signed certificate'."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        with self.other_ca.cert_pem.tempfile() as cert, self.other_ca.private_key_pem.tempfile() as key:
            context.load_cert_chain(cert, key)
        return context

    def ca_file(self, directory: Path) -> Path:
        """The trusted CA as a PEM bundle in `directory`, for verify="path"."""
        path = directory / "trusted-ca.pem"
        self.ca.cert_pem.write_to_path(str(path))
        return path

    @staticmethod
    def _serving(ca: trustme.CA, names: Sequence[str]) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert(*names).configure_cert(context)
        return context


@functools.cache
def certificates() -> Certificates:
    """The session's certificates (a CA costs a key pair: made once)."""
    return Certificates()


# -- names -------------------------------------------------------------------------------------------------------------


class Resolver:
    """Patches socket.getaddrinfo (used by the sync path and by asyncio's loop.getaddrinfo) so that each name of
    `names` resolves to its addresses, in that order; other names resolve as usual."""

    def __init__(self, names: Mapping[str, Sequence[str]], *, delay: float = 0.0) -> None:
        self.names = {name: list(addresses) for name, addresses in names.items()}
        self.delay = delay
        self.lookups: list[str] = []
        self._original = socket.getaddrinfo
        self._released = threading.Event()

    def __enter__(self) -> Resolver:
        socket.getaddrinfo = self._getaddrinfo
        return self

    def __exit__(self, *exc: object) -> None:
        socket.getaddrinfo = self._original
        self._released.set()

    def _getaddrinfo(
        self, host: bytes | str | None, port: Any, family: int = 0, type: int = 0, proto: int = 0, flags: int = 0
    ) -> list[Any]:
        if isinstance(host, bytes):
            name = host.decode("ascii")
        elif host is not None and not host.isascii():
            name = host.encode("idna").decode("ascii")  # what CPython's socket module does with a str
        else:
            name = host or ""
        self.lookups.append(name)
        addresses = self.names.get(name.lower())
        if addresses is None:
            return self._original(host, port, family, type, proto, flags)
        if self.delay:
            self._released.wait(self.delay)
        found: list[Any] = []
        for address in addresses:
            with contextlib.suppress(socket.gaierror):  # an address of a family the caller did not ask for
                found += self._original(address, port, family, type, proto, flags | socket.AI_NUMERICHOST)
        if not found:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return found


# -- an address that never answers -------------------------------------------------------------------------------------


class Blackhole:
    """host:port where SYNs go unanswered, as to a host that is down: a listener with listen(0) whose accept queue
    is filled by connections nobody accepts, so that Linux drops every further SYN (the client retransmits and
    waits). `host` may be any loopback address (127.0.0.2, ::1) and `port` a port taken on another address."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.listener = socket.socket(family, socket.SOCK_STREAM)
        self.listener.bind((host, port))
        self.listener.listen(0)
        self.host = host
        self.port: int = self.listener.getsockname()[1]
        self._fillers: list[socket.socket] = []

    def __enter__(self) -> Blackhole:
        address = self.listener.getsockname()
        for _ in range(16):  # until a connect hangs: the queue is full
            filler = socket.socket(self.listener.family, socket.SOCK_STREAM)
            filler.setblocking(False)
            filler.connect_ex(address)
            self._fillers.append(filler)
            with selectors.DefaultSelector() as selector:
                selector.register(filler, selectors.EVENT_WRITE)
                if not selector.select(0.1):
                    return self
        self.__exit__()
        raise RuntimeError("the accept queue never filled: this kernel answers SYNs past listen(0)")

    def __exit__(self, *exc: object) -> None:
        for filler in self._fillers:
            filler.close()
        self.listener.close()

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port


# -- an http proxy -----------------------------------------------------------------------------------------------------


def _relay(one: socket.socket, other: socket.socket, stop: threading.Event) -> None:
    """Copies bytes both ways until either side closes or the proxy stops."""
    with selectors.DefaultSelector() as selector:
        selector.register(one, selectors.EVENT_READ, other)
        selector.register(other, selectors.EVENT_READ, one)
        while not stop.is_set():
            for key, _ in selector.select(0.05):
                source: socket.socket = key.fileobj  # type: ignore[assignment]
                data = source.recv(65536)
                if not data:
                    return
                # TLS keeps what one recv did not return in its own buffer, where select() does not see it.
                while isinstance(source, ssl.SSLSocket) and source.pending():
                    data += source.recv(65536)
                key.data.sendall(data)


class ConnectProxy(ScriptedServer):
    """An http proxy on 127.0.0.1 (https with `tls`): with `answer=200` it tunnels CONNECT to its target and relays
    an absolute-form request to the URL's host; with another status it answers CONNECT with it and closes; with
    "hang-up" it closes without answering; with "silent" it never answers. `requests` holds every head it read,
    `tunnels` counts the tunnels it opened."""

    def __init__(self, answer: int | str = 200, tls: ssl.SSLContext | None = None) -> None:
        super().__init__(self._proxy, tls)
        self.answer = answer
        self.tunnels = 0

    def authorization(self, index: int = 0) -> str | None:
        """The Proxy-Authorization header of the `index`-th request, as it came."""
        for line in self.requests[index].split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"proxy-authorization":
                return value.strip().decode()
        return None

    @staticmethod
    def _proxy(server: ScriptedServer, connection: socket.socket) -> None:
        assert isinstance(server, ConnectProxy)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = connection.recv(65536)
            if not chunk:
                return
            data += chunk
        head = data.partition(b"\r\n\r\n")[0]
        server.requests.append(data)
        method, target, _ = head.split(b"\r\n", 1)[0].split(b" ", 2)
        if method != b"CONNECT":  # absolute form: relay it, and what follows, to the URL's host
            authority = target.split(b"://", 1)[1].split(b"/", 1)[0].decode()
            host, _, port = authority.rpartition(":")
            with socket.create_connection((host.strip("[]"), int(port))) as upstream:
                upstream.sendall(data)
                _relay(connection, upstream, server.release)
            return
        if server.answer == "hang-up":
            return
        if server.answer == "silent":
            server.release.wait()
            return
        if server.answer != 200:
            connection.sendall(b"HTTP/1.1 %d Refused\r\nContent-Length: 0\r\n\r\n" % int(server.answer))
            return
        host, _, port = target.decode().rpartition(":")
        with socket.create_connection((host.strip("[]"), int(port))) as upstream:
            server.tunnels += 1
            connection.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            _relay(connection, upstream, server.release)


@contextlib.contextmanager
def elapsed() -> Iterator[list[float]]:
    """Measures the block: `with elapsed() as took: ...; took[0]` in seconds."""
    took: list[float] = []
    start = time.monotonic()
    try:
        yield took
    finally:
        took.append(time.monotonic() - start)
