import json
from collections.abc import Mapping
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.order_report import OrderReport
from ...types import UNSET, Response, Unset, encode_query, http_status


def _get_kwargs(
    *,
    symbol: str | Unset = UNSET,
    recv_window: int | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["symbol"] = symbol

    params["recvWindow"] = recv_window

    params["timestamp"] = timestamp

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v3/openOrders",
    }

    if params:
        # Encoded once, by httpx's rules: given params=, httpx re-parses the whole URL to add them.
        _kwargs["url"] += "?" + encode_query(params)
    return _kwargs


def _parse_content(
    status_code: int, content: bytes, raise_on_unexpected_status: bool = False
) -> ApiError | list[OrderReport] | None:
    if status_code == 200:
        response_200 = []
        _response_200 = json.loads(content)
        for response_200_item_data in _response_200:
            response_200_item = OrderReport.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if status_code == 400:
        response_400 = ApiError.from_dict(json.loads(content))

        return response_400

    if status_code == 401:
        response_401 = ApiError.from_dict(json.loads(content))

        return response_401

    if status_code == 403:
        response_403 = ApiError.from_dict(json.loads(content))

        return response_403

    if status_code == 429:
        response_429 = ApiError.from_dict(json.loads(content))

        return response_429

    if 500 <= status_code <= 599:
        response_5xx = ApiError.from_dict(json.loads(content))

        return response_5xx

    if raise_on_unexpected_status:
        raise errors.UnexpectedStatus(status_code, content)
    else:
        return None


def _read_answer(
    status_code: int, content: bytes, headers: Mapping[str, str], raise_on_unexpected_status: bool = False
) -> Response[ApiError | list[OrderReport]]:
    """The answer read from its status, body (decoded of any Content-Encoding) and headers, without I/O"""
    try:
        parsed = _parse_content(status_code, content, raise_on_unexpected_status)
    except (ValueError, KeyError, TypeError, AttributeError):
        # An error page that is not the venue's JSON (a CDN's HTML 520, a WAF's 403): keep the raw response.
        if 200 <= status_code < 300:
            raise
        parsed = None
    return Response(
        status_code=http_status(status_code),
        content=content,
        headers=headers,
        parsed=parsed,
    )


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | list[OrderReport] | None:
    return _parse_content(response.status_code, response.content, client.raise_on_unexpected_status)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiError | list[OrderReport]]:
    return _read_answer(response.status_code, response.content, response.headers, client.raise_on_unexpected_status)


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    symbol: str | Unset = UNSET,
    recv_window: int | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[ApiError | list[OrderReport]]:
    """Current open orders

     The open orders on the symbols given, or on every symbol. Weight (IP) 3, permission SPOT_DEAL_READ.

    **Whether `symbol` is required, the sources disagree**, so it is optional here. MEXC's GitHub
    documents
    (`mexcdevelop/apidocs`, `spot_v3_en`, 2025-08-08) mark it required, and mexcdevelop/mexc-api-sdk #76
    (2024-05)
    says the endpoint is per symbol only; the live documents (https://www.mexc.com/api-
    docs/spot-v3/spot-account-trade/current-open-orders,
    as mirrored) mark it optional, take "up to 5 symbols ... comma-separated", and return "a maximum of
    1000 open
    orders" for 5 symbols; ccxt 4.5.90's fetchOpenOrders calls it without `symbol` when none is given
    (ccxt/ccxt
    PR #27317, "fix(mexc): fetchOpenOrders no symbol"). No page says that without `symbol` every symbol
    is listed,
    or what that costs: check it against the live API before relying on it, and list per symbol when in
    doubt. An
    account holds at most 500 open orders (GitHub docs, FAQ Q5).

    Args:
        symbol (str | Unset): One symbol, or up to five separated by commas.
        recv_window (int | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | list[OrderReport]]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
        recv_window=recv_window,
        timestamp=timestamp,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    symbol: str | Unset = UNSET,
    recv_window: int | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> ApiError | list[OrderReport] | None:
    """Current open orders

     The open orders on the symbols given, or on every symbol. Weight (IP) 3, permission SPOT_DEAL_READ.

    **Whether `symbol` is required, the sources disagree**, so it is optional here. MEXC's GitHub
    documents
    (`mexcdevelop/apidocs`, `spot_v3_en`, 2025-08-08) mark it required, and mexcdevelop/mexc-api-sdk #76
    (2024-05)
    says the endpoint is per symbol only; the live documents (https://www.mexc.com/api-
    docs/spot-v3/spot-account-trade/current-open-orders,
    as mirrored) mark it optional, take "up to 5 symbols ... comma-separated", and return "a maximum of
    1000 open
    orders" for 5 symbols; ccxt 4.5.90's fetchOpenOrders calls it without `symbol` when none is given
    (ccxt/ccxt
    PR #27317, "fix(mexc): fetchOpenOrders no symbol"). No page says that without `symbol` every symbol
    is listed,
    or what that costs: check it against the live API before relying on it, and list per symbol when in
    doubt. An
    account holds at most 500 open orders (GitHub docs, FAQ Q5).

    Args:
        symbol (str | Unset): One symbol, or up to five separated by commas.
        recv_window (int | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | list[OrderReport]
    """

    return sync_detailed(
        client=client,
        symbol=symbol,
        recv_window=recv_window,
        timestamp=timestamp,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    symbol: str | Unset = UNSET,
    recv_window: int | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[ApiError | list[OrderReport]]:
    """Current open orders

     The open orders on the symbols given, or on every symbol. Weight (IP) 3, permission SPOT_DEAL_READ.

    **Whether `symbol` is required, the sources disagree**, so it is optional here. MEXC's GitHub
    documents
    (`mexcdevelop/apidocs`, `spot_v3_en`, 2025-08-08) mark it required, and mexcdevelop/mexc-api-sdk #76
    (2024-05)
    says the endpoint is per symbol only; the live documents (https://www.mexc.com/api-
    docs/spot-v3/spot-account-trade/current-open-orders,
    as mirrored) mark it optional, take "up to 5 symbols ... comma-separated", and return "a maximum of
    1000 open
    orders" for 5 symbols; ccxt 4.5.90's fetchOpenOrders calls it without `symbol` when none is given
    (ccxt/ccxt
    PR #27317, "fix(mexc): fetchOpenOrders no symbol"). No page says that without `symbol` every symbol
    is listed,
    or what that costs: check it against the live API before relying on it, and list per symbol when in
    doubt. An
    account holds at most 500 open orders (GitHub docs, FAQ Q5).

    Args:
        symbol (str | Unset): One symbol, or up to five separated by commas.
        recv_window (int | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | list[OrderReport]]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
        recv_window=recv_window,
        timestamp=timestamp,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    symbol: str | Unset = UNSET,
    recv_window: int | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> ApiError | list[OrderReport] | None:
    """Current open orders

     The open orders on the symbols given, or on every symbol. Weight (IP) 3, permission SPOT_DEAL_READ.

    **Whether `symbol` is required, the sources disagree**, so it is optional here. MEXC's GitHub
    documents
    (`mexcdevelop/apidocs`, `spot_v3_en`, 2025-08-08) mark it required, and mexcdevelop/mexc-api-sdk #76
    (2024-05)
    says the endpoint is per symbol only; the live documents (https://www.mexc.com/api-
    docs/spot-v3/spot-account-trade/current-open-orders,
    as mirrored) mark it optional, take "up to 5 symbols ... comma-separated", and return "a maximum of
    1000 open
    orders" for 5 symbols; ccxt 4.5.90's fetchOpenOrders calls it without `symbol` when none is given
    (ccxt/ccxt
    PR #27317, "fix(mexc): fetchOpenOrders no symbol"). No page says that without `symbol` every symbol
    is listed,
    or what that costs: check it against the live API before relying on it, and list per symbol when in
    doubt. An
    account holds at most 500 open orders (GitHub docs, FAQ Q5).

    Args:
        symbol (str | Unset): One symbol, or up to five separated by commas.
        recv_window (int | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | list[OrderReport]
    """

    return (
        await asyncio_detailed(
            client=client,
            symbol=symbol,
            recv_window=recv_window,
            timestamp=timestamp,
        )
    ).parsed


# Public names for the steps sync_detailed takes, for a caller that sends the request itself: build the request's
# arguments (nothing is sent), send them (its own httpx client, or its own connection), then read the answer (an
# httpx.Response with build_response, or the status, body and headers with read_answer).
request_kwargs = _get_kwargs
read_answer = _read_answer
build_response = _build_response
