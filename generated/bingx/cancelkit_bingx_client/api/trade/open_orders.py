from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bingx_error import BingxError
from ...models.open_orders_envelope import OpenOrdersEnvelope
from ...types import UNSET, Response, Unset, http_status


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
        # Encoded once, by httpx's own rules: given params=, httpx re-parses the whole URL to add them.
        _kwargs["url"] += "?" + str(httpx.QueryParams(params))
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BingxError | BingxError | OpenOrdersEnvelope | None:
    if response.status_code == 200:

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

        response_200 = _parse_response_200(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = BingxError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = BingxError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = BingxError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = BingxError.from_dict(response.json())

        return response_404

    if response.status_code == 418:
        response_418 = BingxError.from_dict(response.json())

        return response_418

    if response.status_code == 429:
        response_429 = BingxError.from_dict(response.json())

        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = BingxError.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BingxError | BingxError | OpenOrdersEnvelope]:
    try:
        parsed = _parse_response(client=client, response=response)
    except (ValueError, KeyError, TypeError, AttributeError):
        # An error page that is not the venue's JSON (a CDN's HTML 520, a WAF's 403): keep the raw response.
        if response.is_success:
            raise
        parsed = None
    return Response(
        status_code=http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


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
# arguments (nothing is sent), send them with its own httpx client, then read the answer.
request_kwargs = _get_kwargs
build_response = _build_response
