import json
from collections.abc import Mapping
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bingx_error import BingxError
from ...models.open_orders_envelope import OpenOrdersEnvelope
from ...types import UNSET, Response, Unset, encode_query, http_status


def _get_kwargs(
    *,
    symbol: str | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["symbol"] = symbol

    params["recvWindow"] = recv_window

    params["timestamp"] = timestamp

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/openApi/spot/v1/trade/openOrders",
    }

    if params:
        # Encoded once, by httpx's rules: given params=, httpx re-parses the whole URL to add them.
        _kwargs["url"] += "?" + encode_query(params)
    return _kwargs


def _parse_content(
    status_code: int, content: bytes, raise_on_unexpected_status: bool = False
) -> BingxError | BingxError | OpenOrdersEnvelope | None:
    if status_code == 200:

        def _parse_response_200(data: object) -> BingxError | OpenOrdersEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = OpenOrdersEnvelope.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = BingxError.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(json.loads(content))

        return response_200

    if status_code == 400:
        response_400 = BingxError.from_dict(json.loads(content))

        return response_400

    if status_code == 401:
        response_401 = BingxError.from_dict(json.loads(content))

        return response_401

    if status_code == 403:
        response_403 = BingxError.from_dict(json.loads(content))

        return response_403

    if status_code == 404:
        response_404 = BingxError.from_dict(json.loads(content))

        return response_404

    if status_code == 418:
        response_418 = BingxError.from_dict(json.loads(content))

        return response_418

    if status_code == 429:
        response_429 = BingxError.from_dict(json.loads(content))

        return response_429

    if 500 <= status_code <= 599:
        response_5xx = BingxError.from_dict(json.loads(content))

        return response_5xx

    if raise_on_unexpected_status:
        raise errors.UnexpectedStatus(status_code, content)
    else:
        return None


def _read_answer(
    status_code: int, content: bytes, headers: Mapping[str, str], raise_on_unexpected_status: bool = False
) -> Response[BingxError | BingxError | OpenOrdersEnvelope]:
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
) -> BingxError | BingxError | OpenOrdersEnvelope | None:
    return _parse_content(response.status_code, response.content, client.raise_on_unexpected_status)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BingxError | BingxError | OpenOrdersEnvelope]:
    return _read_answer(response.status_code, response.content, response.headers, client.raise_on_unexpected_status)


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    symbol: str | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[BingxError | BingxError | OpenOrdersEnvelope]:
    """Current open orders

     The open orders on a symbol, or on every symbol when `symbol` is not sent ("Query all pending orders
    when left
    blank", docs-v3 "Current Open Orders"). At most 2000 orders are listed ("max length is 2000"); an
    account holds
    at most 1000 open LIMIT orders (100421, api-ai-skills). Rate limit 10/s per UID and IP group 2;
    permission Read.
    Whether OCO legs are listed is not documented (OCO orders have `GET
    /openApi/spot/v1/oco/openOrderList`).

    Args:
        symbol (str | Unset): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BingxError | BingxError | OpenOrdersEnvelope]
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
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> BingxError | BingxError | OpenOrdersEnvelope | None:
    """Current open orders

     The open orders on a symbol, or on every symbol when `symbol` is not sent ("Query all pending orders
    when left
    blank", docs-v3 "Current Open Orders"). At most 2000 orders are listed ("max length is 2000"); an
    account holds
    at most 1000 open LIMIT orders (100421, api-ai-skills). Rate limit 10/s per UID and IP group 2;
    permission Read.
    Whether OCO legs are listed is not documented (OCO orders have `GET
    /openApi/spot/v1/oco/openOrderList`).

    Args:
        symbol (str | Unset): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BingxError | BingxError | OpenOrdersEnvelope
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
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[BingxError | BingxError | OpenOrdersEnvelope]:
    """Current open orders

     The open orders on a symbol, or on every symbol when `symbol` is not sent ("Query all pending orders
    when left
    blank", docs-v3 "Current Open Orders"). At most 2000 orders are listed ("max length is 2000"); an
    account holds
    at most 1000 open LIMIT orders (100421, api-ai-skills). Rate limit 10/s per UID and IP group 2;
    permission Read.
    Whether OCO legs are listed is not documented (OCO orders have `GET
    /openApi/spot/v1/oco/openOrderList`).

    Args:
        symbol (str | Unset): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BingxError | BingxError | OpenOrdersEnvelope]
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
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> BingxError | BingxError | OpenOrdersEnvelope | None:
    """Current open orders

     The open orders on a symbol, or on every symbol when `symbol` is not sent ("Query all pending orders
    when left
    blank", docs-v3 "Current Open Orders"). At most 2000 orders are listed ("max length is 2000"); an
    account holds
    at most 1000 open LIMIT orders (100421, api-ai-skills). Rate limit 10/s per UID and IP group 2;
    permission Read.
    Whether OCO legs are listed is not documented (OCO orders have `GET
    /openApi/spot/v1/oco/openOrderList`).

    Args:
        symbol (str | Unset): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BingxError | BingxError | OpenOrdersEnvelope
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
