"""The facade's httpx clients: httpx.Client and AsyncClient with two costs of a cancel taken out, and nothing else
changed; and whether the environment's proxy settings apply to a venue."""

from __future__ import annotations

import urllib.request
from typing import Any

import httpx

from ._urls import joined_url


def behind_proxy(url: str) -> bool:
    """Whether the environment routes `url` through a proxy; then httpx's own transport, which honours it, sends."""
    proxies = urllib.request.getproxies_environment()
    parsed = httpx.URL(url)
    if not (proxies.get(parsed.scheme) or proxies.get("all")):
        return False
    return not urllib.request.proxy_bypass(parsed.host)


class _CookiesWhenSet(httpx.Cookies):
    """httpx's cookies, looked for only in answers that set one: venues' answers set none, and looking costs a parse
    of the URL and of every header per cancel (about a twelfth of the sync facade's CPU in a profile)."""

    def extract_cookies(self, response: httpx.Response) -> None:
        if "set-cookie" in response.headers:
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
