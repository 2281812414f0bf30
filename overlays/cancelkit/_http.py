"""The facade's httpx clients: httpx.Client and AsyncClient with two costs of a cancel taken out, and nothing else
changed; and whether the environment's proxy settings apply to a venue."""

from __future__ import annotations

import os
import ssl
import urllib.request
from typing import Any

import httpx

from ._errors import ConfigurationError
from ._urls import joined_url


def checked_base_url(url: object, venue: str) -> str:
    """A base URL cancelkit can send to, or ConfigurationError saying what is wrong. A URL with a user name or
    password is refused without being quoted: it would be logged, and httpx would not send it."""
    if not isinstance(url, str):
        raise ConfigurationError(f"base_url must be a str, got {type(url).__name__}", venue=venue)
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise ConfigurationError(f"base_url is not a URL: {exc}", venue=venue) from None
    if parsed.userinfo:
        raise ConfigurationError(
            "base_url must not carry a user name or password; give a proxy's credentials in its own URL", venue=venue
        )
    if parsed.scheme not in ("http", "https") or not parsed.raw_host:
        raise ConfigurationError(f"base_url must be an http or https URL with a host, got {url!r}", venue=venue)
    try:
        parsed.host  # noqa: B018 - decoding an IDNA host is where httpx fails when it builds a request
    except ValueError as exc:  # idna's errors are UnicodeErrors
        raise ConfigurationError(f"the host of base_url cannot be used: {exc}", venue=venue) from None
    if parsed.query or parsed.fragment:
        raise ConfigurationError("base_url must not carry a query or a fragment", venue=venue)
    return url


def environment_proxy(url: str) -> str | None:
    """The proxy the environment sets for `url` (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, less NO_PROXY), as httpx and
    curl read them; None when there is none."""
    proxies = urllib.request.getproxies_environment()
    parsed = httpx.URL(url)
    proxy = proxies.get(parsed.scheme) or proxies.get("all")
    if not proxy or urllib.request.proxy_bypass(parsed.host):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"  # "proxy.corp:3128" means http, as in httpx and curl


def checked_proxy(proxy: object, venue: str) -> str | httpx.Proxy | None:
    """A proxy cancelkit can use (http://, https://, socks5://), or ConfigurationError; its credentials are never
    quoted."""
    if proxy is None or isinstance(proxy, httpx.Proxy):
        return proxy
    if not isinstance(proxy, str | httpx.URL):
        raise ConfigurationError(f"proxy must be a URL or an httpx.Proxy, got {type(proxy).__name__}", venue=venue)
    try:
        parsed = httpx.URL(str(proxy))
        parsed.port  # noqa: B018 - a port that is not a number fails here
    except (httpx.InvalidURL, ValueError):
        raise ConfigurationError(
            "the proxy is not a URL (its text is not shown: it may hold a password)", venue=venue
        ) from None
    if parsed.scheme not in ("http", "https", "socks5", "socks5h") or not parsed.raw_host:
        raise ConfigurationError("the proxy must be an http://, https:// or socks5:// URL with a host", venue=venue)
    return str(proxy)


def checked_verify(verify: object, venue: str) -> bool | str | ssl.SSLContext:
    """True (the system's CAs, through certifi as httpx does), False, a CA bundle's path, or an SSLContext."""
    if isinstance(verify, bool | ssl.SSLContext):
        return verify
    if isinstance(verify, str | os.PathLike):
        path = str(os.fspath(verify))
        if not os.path.isfile(path):
            raise ConfigurationError(f"verify names no CA bundle file: {path}", venue=venue)
        return path
    raise ConfigurationError(
        f"verify must be True, False, a CA bundle's path or an ssl.SSLContext, got {type(verify).__name__}",
        venue=venue,
    )


class _CookiesWhenSet(httpx.Cookies):
    """httpx's cookies, looked for only in answers that set one: venues' answers set none, and looking costs a parse
    of the URL and of every header per cancel (about a twelfth of the sync facade's CPU in a profile). `ever_set`
    tells the facade's lean path, which sends no cookies, to leave the requests to httpx from then on."""

    ever_set = False

    def extract_cookies(self, response: httpx.Response) -> None:
        if "set-cookie" in response.headers:
            self.ever_set = True
            super().extract_cookies(response)


class VenueHTTPClient(httpx.Client):
    """httpx.Client that joins the generated endpoints' paths to its base URL without parsing them twice, and looks
    for cookies only where an answer sets one."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        # httpx builds a client's cookies from its argument in __init__ and reads them back from `_cookies`.
        self._cookies = _CookiesWhenSet(self.cookies)

    def build_request(self, method: str, url: httpx.URL | str, **options: Any) -> httpx.Request:
        return super().build_request(method, joined_url(self.base_url, url), **options)


class AsyncVenueHTTPClient(httpx.AsyncClient):
    """httpx.AsyncClient with VenueHTTPClient's changes."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._cookies = _CookiesWhenSet(self.cookies)

    def build_request(self, method: str, url: httpx.URL | str, **options: Any) -> httpx.Request:
        return super().build_request(method, joined_url(self.base_url, url), **options)
