"""The facade's HTTP/1.1 transports against scripted servers on 127.0.0.1: keep-alive, stale connections, every
failure's httpx type, no request ever sent twice, TLS, and mocks that still see every request."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from cancelkit._transport import AsyncHTTP11Transport, HTTP11Transport

pytestmark = pytest.mark.anyio

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"


class ScriptedServer:
    """Accepts connections on 127.0.0.1 and runs `script(server, connection)` for each, in its own thread."""

    def __init__(self, script: Callable[[ScriptedServer, socket.socket], None], tls: ssl.SSLContext | None = None):
        self.script, self.tls = script, tls
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)  # closing a listener does not wake accept(): look at _stopping instead
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.requests: list[bytes] = []
        self.release = threading.Event()  # scripts that hold an answer wait for it
        self.closed_one = threading.Event()
        self._threads: list[threading.Thread] = []
        self._accepted: list[socket.socket] = []
        self._stopping = False

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}/api/v3/order?orderId=1"

    def __enter__(self) -> ScriptedServer:
        self._start(self._accept)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping = True
        self.release.set()
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
        while not self._stopping:
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connection.settimeout(None)
            if self.tls is not None:
                try:
                    connection = self.tls.wrap_socket(connection, server_side=True)
                except (OSError, ssl.SSLError):
                    continue
            self.connections += 1
            self._accepted.append(connection)
            self._start(self._run, connection)

    def _run(self, connection: socket.socket) -> None:
        with connection, contextlib.suppress(OSError):
            self.script(self, connection)
        self.closed_one.set()

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
            body += connection.recv(65536)
        self.requests.append(data)
        return body


def keep_answering(server: ScriptedServer, connection: socket.socket) -> None:
    while server.read_request(connection) is not None:
        connection.sendall(OK)


class Driver:
    """The sync or async transport behind an httpx client, driven the same way."""

    def __init__(self, asynchronous: bool, timeout: float | httpx.Timeout = 5.0, **options: Any) -> None:
        self.asynchronous = asynchronous
        if asynchronous:
            self.transport: Any = AsyncHTTP11Transport(**options)
            self.client: Any = httpx.AsyncClient(transport=self.transport, timeout=timeout)
        else:
            self.transport = HTTP11Transport(**options)
            self.client = httpx.Client(transport=self.transport, timeout=timeout)

    async def request(self, url: str, method: str = "DELETE", **kwargs: Any) -> httpx.Response:
        if self.asynchronous:
            return await self.client.request(method, url, **kwargs)  # type: ignore[no-any-return]
        return await asyncio.to_thread(self.client.request, method, url, **kwargs)

    async def close(self) -> None:
        if self.asynchronous:
            await self.client.aclose()
        else:
            self.client.close()


async def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 5
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the server"
        await asyncio.sleep(0.01)


async def test_one_connection_serves_request_after_request(asynchronous: bool) -> None:
    with ScriptedServer(keep_answering) as server:
        driver = Driver(asynchronous)
        for _ in range(3):
            response = await driver.request(server.url)
            assert (response.status_code, response.text) == (200, "ok")
        await driver.close()
    assert (server.connections, len(server.requests)) == (1, 3)
    assert server.requests[0].startswith(b"DELETE /api/v3/order?orderId=1 HTTP/1.1\r\n")


async def test_request_body_and_chunked_answer(asynchronous: bool) -> None:
    def echo_chunked(server: ScriptedServer, connection: socket.socket) -> None:
        while (body := server.read_request(connection)) is not None:
            connection.sendall(
                b"HTTP/1.1 100 Continue\r\n\r\n"
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + f"{len(body):x}\r\n".encode()
                + body
                + b"\r\n0\r\n\r\n"
            )

    with ScriptedServer(echo_chunked) as server:
        driver = Driver(asynchronous)
        first = await driver.request(server.url, "POST", content=b"symbol=BTC-USDT")
        second = await driver.request(server.url, "POST", content=b"orderIds=1,2")
        await driver.close()
    assert (first.text, second.text) == ("symbol=BTC-USDT", "orderIds=1,2")
    assert server.connections == 1


async def test_connection_the_venue_closed_while_idle_is_replaced(asynchronous: bool) -> None:
    def answer_once(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        connection.sendall(OK)

    with ScriptedServer(answer_once) as server:
        driver = Driver(asynchronous)
        assert (await driver.request(server.url)).text == "ok"
        await wait_for(server.closed_one.is_set)
        await asyncio.sleep(0.05)  # the close reaches the client's socket (and its event loop)
        assert (await driver.request(server.url)).text == "ok"
        await driver.close()
    assert (server.connections, len(server.requests)) == (2, 2)


@pytest.mark.parametrize("same_write", [False, True], ids=["later", "with-the-answer"])
async def test_unasked_answer_on_an_idle_connection_is_never_taken_for_the_next_response(
    asynchronous: bool, same_write: bool
) -> None:
    unasked = b"HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n"

    def answer_then_time_out(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        if same_write:
            connection.sendall(OK + unasked)
        else:
            connection.sendall(OK)
            time.sleep(0.02)
            connection.sendall(unasked)
        server.release.wait()

    with ScriptedServer(answer_then_time_out) as server:
        driver = Driver(asynchronous)
        assert (await driver.request(server.url)).status_code == 200
        await asyncio.sleep(0.1)  # the 408 reaches the client
        # A new connection, which this script also answers with 200 first; the 408 is never read as an answer.
        assert (await driver.request(server.url)).status_code == 200
        await driver.close()
    assert (server.connections, len(server.requests)) == (2, 2)


async def test_disconnect_after_the_request_raises_and_never_resends(asynchronous: bool) -> None:
    def hang_up(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)

    with ScriptedServer(hang_up) as server:
        driver = Driver(asynchronous)
        with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
            await driver.request(server.url)
        await asyncio.sleep(0.2)  # time enough for a resend, which must not come
        await driver.close()
    assert (server.connections, len(server.requests)) == (1, 1)


async def test_disconnect_on_a_reused_connection_raises_and_never_resends(asynchronous: bool) -> None:
    def answer_then_hang_up(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        connection.sendall(OK)
        server.read_request(connection)

    with ScriptedServer(answer_then_hang_up) as server:
        driver = Driver(asynchronous)
        await driver.request(server.url)
        with pytest.raises(httpx.RemoteProtocolError):
            await driver.request(server.url)
        await asyncio.sleep(0.2)  # time enough for a resend, which must not come
        await driver.close()
    assert (server.connections, len(server.requests)) == (1, 2)


async def test_truncated_body_raises(asynchronous: bool) -> None:
    def truncate(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        connection.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n{"status": "CANC')

    with ScriptedServer(truncate) as server:
        driver = Driver(asynchronous)
        with pytest.raises(httpx.RemoteProtocolError):
            await driver.request(server.url)
        await driver.close()


async def test_garbage_answer_raises_a_protocol_error(asynchronous: bool) -> None:
    def garbage(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        connection.sendall(b"<html>502 Bad Gateway</html>\r\n\r\n")

    with ScriptedServer(garbage) as server:
        driver = Driver(asynchronous)
        with pytest.raises(httpx.RemoteProtocolError):
            await driver.request(server.url)
        await driver.close()


async def test_read_timeout_closes_the_connection_so_a_late_answer_is_never_read(asynchronous: bool) -> None:
    hung_up = threading.Event()

    def never_answer_the_first(server: ScriptedServer, connection: socket.socket) -> None:
        if server.connections == 1:
            server.read_request(connection)
            if connection.recv(1) == b"":  # the client closed it, rather than leave it open or pool it
                hung_up.set()
            return
        keep_answering(server, connection)

    with ScriptedServer(never_answer_the_first) as server:
        driver = Driver(asynchronous, timeout=0.2)
        with pytest.raises(httpx.ReadTimeout):
            await driver.request(server.url)
        await wait_for(hung_up.is_set)
        assert (await driver.request(server.url)).text == "ok"
        await driver.close()
    assert (server.connections, len(server.requests)) == (2, 2)


async def test_refused_connection_is_a_connect_error(asynchronous: bool) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    driver = Driver(asynchronous)
    with pytest.raises(httpx.ConnectError):
        await driver.request(f"http://127.0.0.1:{port}/api/v3/order")
    await driver.close()


async def test_unsupported_scheme(asynchronous: bool) -> None:
    driver = Driver(asynchronous)
    with pytest.raises(httpx.UnsupportedProtocol):
        await driver.request("ftp://127.0.0.1/api/v3/order")
    await driver.close()


async def test_full_pool_raises_pool_timeout_without_sending(asynchronous: bool) -> None:
    def hold(server: ScriptedServer, connection: socket.socket) -> None:
        while server.read_request(connection) is not None:
            server.release.wait(timeout=5)
            connection.sendall(OK)

    with ScriptedServer(hold) as server:
        driver = Driver(asynchronous, timeout=httpx.Timeout(5.0, pool=0.1), limits=httpx.Limits(max_connections=1))
        first = asyncio.ensure_future(driver.request(server.url))
        await wait_for(lambda: len(server.requests) == 1)
        with pytest.raises(httpx.PoolTimeout):
            await driver.request(server.url)
        server.release.set()
        assert (await first).text == "ok"
        await driver.close()
    assert (server.connections, len(server.requests)) == (1, 1)


async def test_connection_close_answer_is_not_reused(asynchronous: bool) -> None:
    def answer_and_close(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        server.release.wait(timeout=5)  # keep it open: the header alone must retire it

    with ScriptedServer(answer_and_close) as server:
        driver = Driver(asynchronous)
        assert (await driver.request(server.url)).text == "ok"
        assert (await driver.request(server.url)).text == "ok"
        await driver.close()
    assert server.connections == 2


async def test_cancelled_request_retires_its_connection() -> None:
    def late_on_the_first_connection(server: ScriptedServer, connection: socket.socket) -> None:
        if server.connections == 1:
            server.read_request(connection)
            server.release.wait(timeout=5)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlate")
        keep_answering(server, connection)

    with ScriptedServer(late_on_the_first_connection) as server:
        driver = Driver(asynchronous=True)
        pending = asyncio.ensure_future(driver.request(server.url))
        await wait_for(lambda: len(server.requests) == 1)
        pending.cancel()
        with pytest.raises(asyncio.CancelledError):
            await pending
        server.release.set()
        # On the first connection this would read the cancelled request's late answer.
        assert (await driver.request(server.url)).text == "ok"
        await driver.close()
    assert server.connections == 2


def self_signed(tmp_path: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert_file, key_file)
    client = ssl.create_default_context(cafile=str(cert_file))
    return server, client


async def test_tls_is_verified_and_kept_alive(asynchronous: bool, tmp_path: Path) -> None:
    server_context, client_context = self_signed(tmp_path)
    with ScriptedServer(keep_answering, tls=server_context) as server:
        driver = Driver(asynchronous, ssl_context=client_context)
        for _ in range(2):
            assert (await driver.request(server.url)).text == "ok"
        await driver.close()
        assert server.connections == 1
        untrusting = Driver(asynchronous)  # the default context: certifi's roots, which do not hold this one
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            await untrusting.request(server.url)
        await untrusting.close()


async def test_requests_go_to_respx_while_it_mocks(asynchronous: bool) -> None:
    driver = Driver(asynchronous)
    with respx.mock:
        route = respx.delete("https://api.binance.com/api/v3/order").respond(200, json={"status": "CANCELED"})
        response = await driver.request("https://api.binance.com/api/v3/order?orderId=1")
    await driver.close()
    assert response.json() == {"status": "CANCELED"}
    assert route.call_count == 1


def test_facade_sends_through_httpx_own_transport_when_the_environment_sets_a_proxy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cancelkit import CancelClient, Credentials

    credentials = Credentials("binance-api-key-0123456789", secret="binance-secret-0123456789")
    with CancelClient("binance", credentials) as direct:
        assert isinstance(direct._http._transport, HTTP11Transport)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    with CancelClient("binance", credentials) as proxied:
        assert not isinstance(proxied._http._transport, HTTP11Transport)
        assert proxied._http._transport_for_url(httpx.URL("https://api.binance.com/")) is not proxied._http._transport
    monkeypatch.setenv("NO_PROXY", "api.binance.com")
    with CancelClient("binance", credentials) as bypassing:
        assert isinstance(bypassing._http._transport, HTTP11Transport)


async def test_body_that_ends_with_the_connection(asynchronous: bool) -> None:
    def old_style(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        connection.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n")
        connection.sendall(b'{"status": "CANCELED"}')

    with ScriptedServer(old_style) as server:
        driver = Driver(asynchronous)
        first = await driver.request(server.url)
        second = await driver.request(server.url)
        await driver.close()
    assert first.json() == second.json() == {"status": "CANCELED"}
    assert first.http_version == "HTTP/1.0"
    assert server.connections == 2


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", "switched"),
        (b"HTTP/1.1 200 OK\r\n" + b"X-Padding: " + b"a" * 70_000 + b"\r\n\r\n", "over 64 KiB"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok", "invalid response"),
    ],
    ids=["upgrade", "huge-head", "two-lengths"],
)
async def test_answers_a_client_must_not_accept(asynchronous: bool, answer: bytes, message: str) -> None:
    def send(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        connection.sendall(answer)
        server.release.wait(timeout=5)

    with ScriptedServer(send) as server:
        driver = Driver(asynchronous)
        with pytest.raises(httpx.RemoteProtocolError, match=message):
            await driver.request(server.url)
        await driver.close()


@pytest.mark.parametrize(
    "headers", [{"X-MBX-APIKEY": "key\r\nX-Injected: 1"}, {"X-Bad Name": "1"}], ids=["value", "name"]
)
async def test_a_header_that_would_split_the_request_is_refused_before_sending(
    asynchronous: bool, headers: dict[str, str]
) -> None:
    with ScriptedServer(keep_answering) as server:
        driver = Driver(asynchronous)
        with pytest.raises(httpx.LocalProtocolError, match="invalid header") as caught:
            await driver.request(server.url, headers=headers)
        await driver.close()
    assert "key" not in str(caught.value)  # a header's value may be a key: never in the error
    assert server.requests == []


async def test_head_goes_through_httpx_own_transport(asynchronous: bool) -> None:
    def head_answer(server: ScriptedServer, connection: socket.socket) -> None:
        while server.read_request(connection) is not None:
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 22\r\n\r\n")

    with ScriptedServer(head_answer) as server:
        driver = Driver(asynchronous, timeout=2.0)
        response = await driver.request(server.url, "HEAD")
        await driver.close()
    assert (response.status_code, response.headers["content-length"], response.content) == (200, "22", b"")
