"""Real package indexes for the publishing tests, each on 127.0.0.1 on a free port, stopped on exit: pypiserver with an
htpasswd file, and devpi-server with a user and a non-volatile index made through its HTTP API."""

from __future__ import annotations

import contextlib
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import requests
from devpi_server.auth import hash_password
from passlib.apache import HtpasswdFile

from generator.package_index import Index, free_port

BIN = Path(sys.executable).parent


def _wait(url: str, server: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            requests.get(url, timeout=1, allow_redirects=False)
            return
        except requests.RequestException:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not start:\n{log.read_text()[-3000:]}") from None
            time.sleep(0.2)


@contextlib.contextmanager
def _running(command: list[str], url: str, log: Path, seconds: float = 60) -> Iterator[None]:
    with log.open("wb") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        try:
            _wait(url, server, log, seconds)
            yield
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@contextlib.contextmanager
def pypiserver(folder: Path, *, private: bool = False, users: dict[str, str] | None = None) -> Iterator[Index]:
    """pypiserver serving folder/packages; uploads need an htpasswd user, and with private every read does too."""
    packages = folder / "packages"
    packages.mkdir(parents=True, exist_ok=True)
    users = users if users is not None else {"ci": secrets.token_urlsafe(16)}
    htpasswd = HtpasswdFile(str(folder / "htpasswd"), new=True)
    for name, password in users.items():
        htpasswd.set_password(name, password)
    htpasswd.save()
    port = free_port()
    command = [sys.executable, "-m", "pypiserver", "run", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--passwords", str(folder / "htpasswd"), "--disable-fallback", "--log-stream", "none"]
    command += ["--authenticate", "update,download,list" if private else "update", str(packages)]
    base = f"http://127.0.0.1:{port}"
    username, password = next(iter(users.items())) if users else ("", "")
    with _running(command, base + "/", folder / "pypiserver.log"):
        yield Index(base + "/", base + "/simple/", username, password)


@contextlib.contextmanager
def devpi(folder: Path) -> Iterator[Index]:
    """devpi-server with no PyPI mirror, a user `ci` and its non-volatile index `ci/prod` (versions never
    overwritten), made as devpi-client would, through the server's HTTP API."""
    server_dir, port = folder / "devpi", free_port()
    password = secrets.token_urlsafe(16)
    # Only the root password's hash goes into devpi-init's arguments (which any local user may read), never a secret.
    root_hash = hash_password(secrets.token_urlsafe(16))  # type: ignore[no-untyped-call]
    subprocess.run(
        [BIN / "devpi-init", "--serverdir", server_dir, "--no-root-pypi", "--root-passwd-hash", root_hash],
        check=True,
        capture_output=True,
    )
    secret = folder / "devpi-secret"
    secret.write_text(secrets.token_urlsafe(32))
    secret.chmod(0o600)
    command = [str(BIN / "devpi-server"), "--serverdir", str(server_dir), "--host", "127.0.0.1", "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    with _running([*command, "--secretfile", str(secret)], base + "/+api", folder / "devpi.log"):
        made = requests.put(f"{base}/ci", json={"password": password}, timeout=10)
        made.raise_for_status()
        index = requests.put(
            f"{base}/ci/prod", json={"bases": [], "volatile": False}, auth=("ci", password), timeout=10
        )
        index.raise_for_status()
        yield Index(f"{base}/ci/prod/", f"{base}/ci/prod/+simple/", "ci", password)


@contextlib.contextmanager
def tls_index(folder: Path) -> Iterator[tuple[Index, Path]]:
    """A minimal index over HTTPS with a certificate of a private CA (trustme), on 127.0.0.1: a simple API root that
    holds nothing, and an upload endpoint that refuses an upload with no file (as every index does) and takes the
    rest. Yields the index and the CA's PEM file."""
    import ssl
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    import trustme

    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1", "localhost")
    ca_pem = folder / "private-ca.pem"
    authority.cert_pem.write_to_path(str(ca_pem))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    certificate.configure_cert(context)

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, content_type: str = "text/html", body: bytes = b"") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path == "/simple/":
                self._answer(200, body=b"<html><head><title>Simple Index</title></head><body></body></html>")
            else:
                self._answer(404)

        def do_POST(self) -> None:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                body = b""
                while size := int(self.rfile.readline().split(b";")[0], 16):
                    body += self.rfile.read(size)
                    self.rfile.readline()
                self.rfile.readline()
            else:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self._answer(200 if b'name="content"' in body else 400)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"https://127.0.0.1:{server.server_address[1]}"
    try:
        yield Index(base + "/", base + "/simple/", "ci", secrets.token_urlsafe(16)), ca_pem
    finally:
        server.shutdown()
        server.server_close()
