"""The URL fast paths give exactly the URLs httpx itself builds."""

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cancelkit._urls import _FAST, joined_url, with_query


@pytest.mark.parametrize(
    "url",
    [
        "https://api.binance.com/api/v3/order?symbol=A",
        "http://127.0.0.1:8080/binance/api/v3/order",
        "https://h/p?a=%2C&b=+",
    ],
)
def test_the_fast_query_swap_equals_copy_with(url: str) -> None:
    assert _FAST  # the pinned httpx keeps its parsed URL as a NamedTuple: the fast path is in use
    query = b"symbol=BTCUSDT&orderId=1&timestamp=1499827319559&signature=" + b"ab" * 32
    fast, slow = with_query(httpx.URL(url), query), httpx.URL(url).copy_with(query=query)
    assert fast == slow
    assert (fast.raw_path, fast.host, fast.port, str(fast)) == (slow.raw_path, slow.host, slow.port, str(slow))


def same(fast: httpx.URL, slow: httpx.URL) -> None:
    assert fast == slow
    assert (str(fast), fast.raw_path, fast.scheme, fast.host, fast.port, fast.query, fast.fragment) == (
        str(slow),
        slow.raw_path,
        slow.scheme,
        slow.host,
        slow.port,
        slow.query,
        slow.fragment,
    )


BASES = ["https://api.binance.com", "http://127.0.0.1:8080/binance", "https://open-api.bingx.com/", "http://h/a/b/"]


@pytest.mark.parametrize("base", BASES)
def test_a_generated_endpoint_url_takes_the_fast_join(base: str) -> None:
    client = httpx.Client(base_url=base)
    url = "/api/v3/order?symbol=BTCUSDT&orderId=12&origClientOrderId=a%2Fb&recvWindow=5000"
    joined = joined_url(client.base_url, url)
    assert isinstance(joined, httpx.URL)
    same(joined, client._merge_url(url))


@given(
    st.sampled_from(BASES),
    st.text(alphabet=st.sampled_from("/?#%&=+ aZ09-._~!$'()*,;:@[]é\x00\t\"<>\\^`{|}"), max_size=40),
)
def test_joined_url_equals_httpx_join_or_leaves_it_to_httpx(base: str, tail: str) -> None:
    client = httpx.Client(base_url=base)
    url = "/" + tail
    joined = joined_url(client.base_url, url)
    if isinstance(joined, httpx.URL):
        same(joined, client._merge_url(url))
    else:
        assert joined == url  # httpx parses it itself, as it would have


def test_absolute_urls_and_url_objects_are_left_to_httpx() -> None:
    base = httpx.URL("https://api.binance.com/")
    assert joined_url(base, "https://other.example/x") == "https://other.example/x"
    assert joined_url(base, "api/v3/order") == "api/v3/order"
    assert joined_url(base, "//other.example/x") == "//other.example/x"  # another host, to httpx
    url = httpx.URL("/api/v3/order")
    assert joined_url(base, url) is url
