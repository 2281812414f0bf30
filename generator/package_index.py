"""A package index as `make publish` and `make index` use it: the preflight, the listing, the spec a published version
ships, the upload, and the embedded pypiserver.

- Listing: the simple API through pypi-simple, JSON (PEP 691) where the index serves it (devpi-server does),
  else HTML (PEP 503; pypiserver 2.4.2 serves only that), with each file's sha256.
- Upload: `uv publish --index cancelkit` with the index written to a scratch uv.toml (its `url` is the check URL) and
  the credentials in UV_INDEX_CANCELKIT_USERNAME / _PASSWORD, so that uv checks before each upload with the same
  credentials (a bare `--check-url` reads without them, and skips the check on a 401: astral-sh/uv#11836, #16073):
  an identical file is skipped, a file of the same name with other content refused. uv checks file by file as it
  uploads, so a conflict found late would leave the files before it uploaded: publish.py checks every file first, and
  uploads nothing when any version conflicts.
- Credentials go to the upload URL's own origin only (scheme, host and port), never into a URL, an argument or a
  message.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.parse
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import requests
from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename
from pypi_simple import ACCEPT_JSON_PREFERRED, DistributionPackage, NoSuchProjectError, PyPISimple

# A PEP 503 page that says it is a simple index: PEP 629's version meta tag, or the title every index gives it.
SIMPLE_HTML = re.compile(r'name="pypi:repository-version"|<title>\s*simple index\s*</title>', re.IGNORECASE)
# Seconds to wait for an index before saying it does not answer: a preflight is meant to take seconds.
TIMEOUT = 10
# The name of the index in the scratch uv configuration, and so of its credential variables.
UV_INDEX_NAME = "cancelkit"
DEFAULT_INDEX_PORT = 8765
# The specs a generated package ships beside its modules (generator/changelog.py).
SHIPPED_SPECS = ("openapi.yaml", "normalized.schema.json")


class PublishError(Exception):
    """Publishing stopped; the message says why and what to do (and never carries a secret)."""


def safe_url(url: str) -> str:
    """The URL without any user or password in it."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, parts.hostname or "", parts.port


@dataclass(frozen=True)
class Index:
    upload_url: str
    simple_url: str
    username: str
    password: str
    # Where third-party packages come from when a consumer installs (httpx, attrs, ...): PyPI or its mirror.
    mirror_url: str = ""

    def __repr__(self) -> str:
        return f"Index(upload_url={self.shown!r}, simple_url={safe_url(self.simple_url)!r}, username={self.username!r})"

    @property
    def shown(self) -> str:
        return safe_url(self.upload_url)

    @property
    def mirror(self) -> str:
        return self.mirror_url or self.simple_url

    def same_origin(self, url: str) -> bool:
        """Whether url is on the upload URL's scheme, host and port: the only place credentials are sent."""
        return _origin(url) == _origin(self.upload_url)

    def session(self, url: str) -> requests.Session:
        session = requests.Session()
        # No ~/.netrc (these credentials or none), but the CA bundle and the proxy the environment names.
        session.trust_env = False
        session.verify = ca_bundle() or True
        session.proxies.update(requests.utils.get_environ_proxies(url))
        if self.same_origin(url):
            session.auth = (self.username, self.password)
        return session

    def redact(self, text: str) -> str:
        """Text from a tool that saw the password, without it (a password too short to find stays: it shows less
        than the tool's whole output would)."""
        return text.replace(self.password, "***") if len(self.password) >= 6 else text


def ca_bundle() -> str:
    """The CA bundle the environment names (REQUESTS_CA_BUNDLE, then SSL_CERT_FILE), else "" (the default CAs)."""
    return os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("SSL_CERT_FILE") or ""


def default_simple_url(upload_url: str) -> str:
    """The simple API beside an upload URL: `+simple/` on a devpi index (it says so in a header), else `simple/`."""
    base = upload_url.rstrip("/") + "/"
    probe = Index(upload_url, base + "simple/", "", "")
    try:
        with probe.session(upload_url) as session:
            answer = session.get(upload_url, timeout=TIMEOUT, allow_redirects=False)
    except requests.RequestException:
        return probe.simple_url  # the preflight says why the index does not answer
    return base + "+simple/" if "X-Devpi-Server-Version" in answer.headers else probe.simple_url


def _unreachable(index: Index, url: str, error: requests.RequestException) -> PublishError:
    text = str(error).lower()
    if isinstance(error, requests.Timeout):
        why = f"no answer in {TIMEOUT} s"
    elif "refused" in text:
        why = "connection refused"
    elif "name or service not known" in text or "nodename nor servname" in text or "name resolution" in text:
        why = "its host name does not resolve"
    elif isinstance(error, requests.exceptions.SSLError):
        why = "its TLS certificate is not trusted (set SSL_CERT_FILE or REQUESTS_CA_BUNDLE to your CA bundle)"
    else:
        why = type(error).__name__
    where = index.shown if index.same_origin(url) else safe_url(url)
    return PublishError(
        f"cannot reach the index at {where} ({why}): start it, or set PYPI_URL to an index that runs "
        "(unset, the embedded one is used)"
    )


def _get(index: Index, url: str) -> requests.Response:
    try:
        with index.session(url) as session:
            return session.get(url, headers={"Accept": ACCEPT_JSON_PREFERRED}, timeout=TIMEOUT, allow_redirects=False)
    except requests.RequestException as error:
        raise _unreachable(index, url, error) from None


def _credentials_refused(index: Index, status: int, reason: str, doing: str) -> PublishError:
    return PublishError(
        f"the index at {index.shown} refused to {doing} for user {index.username!r} ({f'{status} {reason}'.strip()}): "
        "set TWINE_USERNAME and TWINE_PASSWORD to an account, or a token (see the README's Publishing), that may "
        f"{doing} there"
    )


def _is_simple_index(answer: requests.Response) -> bool:
    """Whether an answer is the root of a simple API: PEP 691's JSON, or a PEP 503 HTML page that says it is one."""
    content_type = answer.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    if content_type == "application/vnd.pypi.simple.v1+json":
        try:
            return isinstance(answer.json().get("projects"), list)
        except ValueError:
            return False
    if content_type not in ("text/html", "application/vnd.pypi.simple.v1+html"):
        return False
    html = answer.text[:100_000]
    return bool(SIMPLE_HTML.search(html)) and not re.search(r"<title>\s*links for", html, re.IGNORECASE)


def _check_simple_root(index: Index) -> None:
    """The simple URL must be a simple API: a 404 below a wrong one would read as "never published" and blind the
    version checks."""
    root = index.simple_url
    answer = _get(index, root)
    if answer.is_redirect:
        target = urllib.parse.urljoin(root, answer.headers.get("Location", ""))
        if _origin(target) == _origin(root):
            answer = _get(index, target)
    if answer.status_code in (401, 403):
        raise _credentials_refused(index, answer.status_code, answer.reason, "list packages")
    if answer.status_code != 200 or not _is_simple_index(answer):
        got = f"{answer.status_code} {answer.reason}".strip() if answer.status_code != 200 else "no simple index page"
        devpi = "X-Devpi-Server-Version" in answer.headers
        hint = " (on devpi: <index>/+simple/)" if devpi else ""
        raise PublishError(
            f"PYPI_SIMPLE_URL {safe_url(root)} is not the index's simple API ({got}): set PYPI_SIMPLE_URL to it, the "
            f"URL pip's --index-url takes{hint}"
        )


def preflight(index: Index) -> str:
    """Check, in seconds, that the index answers and takes the credentials; one line saying so, else PublishError.

    The read is a project page of the simple API; the credentials are checked with an upload that carries no file,
    which every index refuses (400) once it has accepted the credentials (401 or 403 before)."""
    _check_simple_root(index)
    page = f"{index.simple_url.rstrip('/')}/cancelkit/"
    answer = _get(index, page)
    if answer.is_redirect:
        target = urllib.parse.urljoin(page, answer.headers.get("Location", ""))
        if _origin(target) != _origin(page):
            raise PublishError(
                f"the index at {safe_url(page)} sends the names it does not hold to {safe_url(target)} (pypiserver's "
                "fallback): a consumer would get a cancelkit name it lacks from there; start pypiserver with "
                "--disable-fallback, or point PYPI_SIMPLE_URL at an index that does not redirect"
            )
        answer = _get(index, target)
    if answer.status_code in (401, 403):
        raise _credentials_refused(index, answer.status_code, answer.reason, "list packages")
    if answer.status_code >= 500 or answer.status_code not in (200, 404):
        raise PublishError(
            f"the index at {safe_url(page)} answered {answer.status_code} {answer.reason}: set PYPI_SIMPLE_URL to "
            "its simple API (the URL pip's --index-url takes)"
        )
    form = {":action": "file_upload", "protocol_version": "1", "name": "cancelkit", "version": "0"}
    try:
        with index.session(index.upload_url) as session:
            answer = session.post(
                index.upload_url, files={k: (None, v) for k, v in form.items()}, timeout=TIMEOUT, allow_redirects=False
            )
    except requests.RequestException as error:
        raise _unreachable(index, index.upload_url, error) from None
    if answer.status_code in (401, 403):
        raise _credentials_refused(index, answer.status_code, answer.reason, "take an upload")
    if answer.status_code in (404, 405) or 300 <= answer.status_code < 400:
        raise PublishError(
            f"the index at {index.shown} has no upload endpoint there ({answer.status_code} {answer.reason}): set "
            "PYPI_URL to its upload URL (the README's Publishing gives it for devpi, Artifactory, Nexus, GitLab and "
            "CodeArtifact)"
        )
    if answer.status_code >= 500:
        raise PublishError(f"the index at {index.shown} answered {answer.status_code} {answer.reason}: try again later")
    return f"index {index.shown}: reachable, upload credentials of {index.username!r} accepted"


# -- listing ----------------------------------------------------------------------------------------------------------


def parse_filename(filename: str) -> tuple[str, str]:
    """The normalized distribution name and the version in a wheel's or an sdist's file name (ValueError else)."""
    if filename.endswith(".whl"):
        name, version, _, _ = parse_wheel_filename(filename)
    else:
        name, version = parse_sdist_filename(filename)
    return str(name), str(version)


def packages(index: Index, distribution: str) -> list[DistributionPackage]:
    """The files the index holds for a distribution (none when it has never heard of it)."""
    url = index.simple_url
    try:
        with PyPISimple(url, session=index.session(url), accept=ACCEPT_JSON_PREFERRED) as client:
            page = client.get_project_page(canonicalize_name(distribution), timeout=TIMEOUT)
    except NoSuchProjectError:
        return []
    except requests.HTTPError as error:
        status, reason = (error.response.status_code, error.response.reason) if error.response is not None else (0, "")
        if status in (401, 403):
            raise _credentials_refused(index, status, reason, "list packages") from None
        raise PublishError(f"the index at {safe_url(url)} answered {status} listing {distribution}") from None
    except requests.RequestException as error:
        raise _unreachable(index, url, error) from None
    return [p for p in page.packages if p.package_type in ("wheel", "sdist")]


def files(index: Index, distribution: str) -> dict[str, str]:
    """File name -> sha256 ("" when the index gives no hash) of what the index holds for a distribution."""
    return {p.filename: p.digests.get("sha256", "") for p in packages(index, distribution)}


def shipped_spec(index: Index, package: DistributionPackage) -> tuple[str, str] | None:
    """The spec a published file ships (its name and text), or None if it ships none (published before specs were
    shipped). The file is checked against the index's sha256."""
    with tempfile.TemporaryDirectory(prefix="cancelkit-published-") as scratch:
        path = Path(scratch) / package.filename
        try:
            with PyPISimple(index.simple_url, session=index.session(package.url)) as client:
                client.download_package(package, path, timeout=TIMEOUT)
        except requests.RequestException as error:
            raise _unreachable(index, package.url, error) from None
        return spec_in(path)


def spec_in(path: Path) -> tuple[str, str] | None:
    """The spec shipped in a wheel or an sdist: the top package's openapi.yaml or normalized.schema.json."""
    if path.name.endswith(".whl"):
        with zipfile.ZipFile(path) as wheel:
            for name in wheel.namelist():
                parts = name.split("/")
                if len(parts) == 2 and parts[1] in SHIPPED_SPECS and not parts[0].endswith(".dist-info"):
                    return parts[1], wheel.read(name).decode("utf-8")
        return None
    with tarfile.open(path) as sdist:
        for member in sdist.getmembers():
            parts = member.name.split("/")
            extracted = sdist.extractfile(member) if member.isfile() else None
            if len(parts) == 3 and parts[2] in SHIPPED_SPECS and extracted is not None:
                return parts[2], extracted.read().decode("utf-8")
    return None


# -- upload -----------------------------------------------------------------------------------------------------------


def upload(index: Index, paths: Sequence[Path], uv: str) -> None:
    """Upload with `uv publish`, which checks each file against the index first (module docstring)."""
    if not paths:
        return
    with tempfile.TemporaryDirectory(prefix="cancelkit-upload-") as scratch:
        config = Path(scratch) / "uv.toml"
        config.write_text(
            f"[[index]]\nname = {json.dumps(UV_INDEX_NAME)}\nurl = {json.dumps(index.simple_url)}\n"
            f"publish-url = {json.dumps(index.upload_url)}\nexplicit = true\n"
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("UV_")}
        if ca_bundle():  # uv reads SSL_CERT_FILE only: the same CA as the preflight's
            env["SSL_CERT_FILE"] = ca_bundle()
        prefix = f"UV_INDEX_{UV_INDEX_NAME.upper()}"
        env.update({f"{prefix}_USERNAME": index.username, f"{prefix}_PASSWORD": index.password})
        command = [
            uv,
            "publish",
            "--config-file",
            str(config),
            "--index",
            UV_INDEX_NAME,
            "--trusted-publishing",
            "never",
            "--no-progress",
            "--color",
            "never",
            *[str(p) for p in paths],
        ]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode == 0:
        return
    output = index.redact(result.stderr + result.stdout)
    for status in ("401", "403"):
        if f"status code {status}" in output:
            raise _credentials_refused(index, int(status), "", "take an upload")
    if "certificate" in output.lower():
        raise PublishError(
            f"uv publish to {index.shown} failed: its TLS certificate is not trusted (set SSL_CERT_FILE or "
            "REQUESTS_CA_BUNDLE to your CA bundle)"
        )
    if "Connect" in output or "Connection refused" in output:
        raise PublishError(f"the index at {index.shown} stopped answering during the upload: run `make publish` again")
    reasons = [line.strip() for line in output.splitlines() if line.strip().startswith(("error:", "cause:"))]
    raise PublishError(f"uv publish to {index.shown} failed: {' '.join(reasons[:3]) or output.strip()[-500:]}")


# -- the embedded index -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Embedded:
    """The embedded index's folder: packages/, and the upload user, made once (never printed)."""

    state: Path

    @property
    def packages(self) -> Path:
        return self.state / "packages"

    @property
    def htpasswd(self) -> Path:
        return self.state / "htpasswd"

    def credentials(self) -> tuple[str, str]:
        self.state.mkdir(parents=True, exist_ok=True)
        self.packages.mkdir(exist_ok=True)
        stored = self.state / "credentials.json"
        if not stored.exists() or not self.htpasswd.exists():
            from passlib.apache import HtpasswdFile

            password = secrets.token_urlsafe(24)
            users = HtpasswdFile(str(self.htpasswd), new=True)
            users.set_password("cancelkit", password)
            _write_private(self.htpasswd, users.to_string())
            _write_private(stored, json.dumps({"username": "cancelkit", "password": password}).encode())
        credentials = json.loads(stored.read_text())
        return str(credentials["username"]), str(credentials["password"])


def _write_private(path: Path, content: bytes) -> None:
    """Write a file only its owner may read, from its creation on (never readable by others, even briefly)."""
    path.unlink(missing_ok=True)  # an existing file would keep its mode
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as output:
        output.write(content)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def _port_taken(host: str, port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


@contextlib.contextmanager
def pypiserver(state: Path, host: str = "127.0.0.1", port: int = 0) -> Iterator[Index]:
    """A pypiserver serving state/packages, uploads authenticated with the htpasswd file, stopped on exit; port 0
    takes a free one."""
    with _pypiserver(state, host, port) as (index, _):
        yield index


@contextlib.contextmanager
def _pypiserver(state: Path, host: str, port: int) -> Iterator[tuple[Index, subprocess.Popen[bytes]]]:
    embedded = Embedded(state)
    username, password = embedded.credentials()
    if port and _port_taken(host, port):
        raise PublishError(
            f"{host}:{port} is taken (another `make index`?): stop what serves there, or set INDEX_PORT to a free port"
        )
    port = port or free_port(host)
    command = [sys.executable, "-m", "pypiserver", "run", "--host", host, "--port", str(port)]
    command += ["--passwords", str(embedded.htpasswd), "--authenticate", "update", "--log-stream", "none"]
    # Without it, pypiserver redirects a name it does not hold to PyPI: a consumer asking for a cancelkit name the
    # index lacks would install whatever PyPI has under it.
    command += ["--disable-fallback"]
    server = subprocess.Popen([*command, str(embedded.packages)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://{host}:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection((host, port), timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    stderr = server.stderr.read().decode() if server.stderr and server.poll() is not None else ""
                    raise PublishError(f"the embedded pypiserver did not start: {stderr.strip()[-300:]}") from None
                time.sleep(0.1)
        yield Index(base + "/", base + "/simple/", username, password), server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def serve(state: Path, host: str, port: int) -> int:
    """`make index`: serve the embedded index until Ctrl-C (or SIGTERM); the first line printed is its URL."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        with _pypiserver(state, host, port) as (index, server):
            print(f"{index.simple_url} serves {state / 'packages'} until Ctrl-C", flush=True)
            print(f"install: pip install --index-url {index.simple_url} cancelkit", flush=True)
            print(
                f'upload: PYPI_URL={index.upload_url} TWINE_USERNAME={index.username} TWINE_PASSWORD=<"password" in '
                f"{state / 'credentials.json'}>",
                flush=True,
            )
            while server.poll() is None:
                time.sleep(0.5)
            print(f"index: pypiserver stopped by itself (exit code {server.returncode})", flush=True)
            return 1
    except KeyboardInterrupt:
        print("index: stopped", flush=True)
        return 0
