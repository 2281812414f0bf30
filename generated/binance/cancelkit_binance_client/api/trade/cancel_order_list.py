import json
from collections.abc import Mapping
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.cancel_order_list_report import CancelOrderListReport
from ...types import UNSET, Response, Unset, encode_query, http_status


def _get_kwargs(
    *,
    symbol: str,
    order_list_id: int | Unset = UNSET,
    list_client_order_id: str | Unset = UNSET,
    new_client_order_id: str | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["symbol"] = symbol

    params["orderListId"] = order_list_id

    params["listClientOrderId"] = list_client_order_id

    params["newClientOrderId"] = new_client_order_id

    params["recvWindow"] = recv_window

    params["timestamp"] = timestamp

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v3/orderList",
    }

    if params:
        # Encoded once, by httpx's rules: given params=, httpx re-parses the whole URL to add them.
        _kwargs["url"] += "?" + encode_query(params)
    return _kwargs


def _parse_content(
    status_code: int, content: bytes, raise_on_unexpected_status: bool = False
) -> ApiError | CancelOrderListReport | None:
    if status_code == 200:
        response_200 = CancelOrderListReport.from_dict(json.loads(content))

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

    if status_code == 409:
        response_409 = ApiError.from_dict(json.loads(content))

        return response_409

    if status_code == 418:
        response_418 = ApiError.from_dict(json.loads(content))

        return response_418

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
) -> Response[ApiError | CancelOrderListReport]:
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
) -> ApiError | CancelOrderListReport | None:
    return _parse_content(response.status_code, response.content, client.raise_on_unexpected_status)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiError | CancelOrderListReport]:
    return _read_answer(response.status_code, response.content, response.headers, client.raise_on_unexpected_status)


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    symbol: str,
    order_list_id: int | Unset = UNSET,
    list_client_order_id: str | Unset = UNSET,
    new_client_order_id: str | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[ApiError | CancelOrderListReport]:
    """Cancel an entire order list

     Either `orderListId` or `listClientOrderId` must be provided. If both are, `orderListId` is searched
    first and
    `listClientOrderId` is checked against it. Canceling one order of a list cancels the whole list.
    Weight 1, 0 when successful.

    Args:
        symbol (str): The venue's symbol, for example `BTCUSDT`: ASCII capitals, digits and `_.-`,
            or any non-ASCII character but controls, spaces and invisible format characters (Unicode
            symbols since 2025-12-02).
        order_list_id (int | Unset):
        list_client_order_id (str | Unset): A client order id; Binance's legal range is
            `^[\\.A-Z\\:/a-z0-9_-]{1,36}$` (errors.md, -1100).
        new_client_order_id (str | Unset): A client order id; Binance's legal range is
            `^[\\.A-Z\\:/a-z0-9_-]{1,36}$` (errors.md, -1100).
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | CancelOrderListReport]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
        order_list_id=order_list_id,
        list_client_order_id=list_client_order_id,
        new_client_order_id=new_client_order_id,
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
    symbol: str,
    order_list_id: int | Unset = UNSET,
    list_client_order_id: str | Unset = UNSET,
    new_client_order_id: str | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> ApiError | CancelOrderListReport | None:
    """Cancel an entire order list

     Either `orderListId` or `listClientOrderId` must be provided. If both are, `orderListId` is searched
    first and
    `listClientOrderId` is checked against it. Canceling one order of a list cancels the whole list.
    Weight 1, 0 when successful.

    Args:
        symbol (str): The venue's symbol, for example `BTCUSDT`: ASCII capitals, digits and `_.-`,
            or any non-ASCII character but controls, spaces and invisible format characters (Unicode
            symbols since 2025-12-02).
        order_list_id (int | Unset):
        list_client_order_id (str | Unset): A client order id; Binance's legal range is
            `^[\\.A-Z\\:/a-z0-9_-]{1,36}$` (errors.md, -1100).
        new_client_order_id (str | Unset): A client order id; Binance's legal range is
            `^[\\.A-Z\\:/a-z0-9_-]{1,36}$` (errors.md, -1100).
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | CancelOrderListReport
    """

    return sync_detailed(
        client=client,
        symbol=symbol,
        order_list_id=order_list_id,
        list_client_order_id=list_client_order_id,
        new_client_order_id=new_client_order_id,
        recv_window=recv_window,
        timestamp=timestamp,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    symbol: str,
    order_list_id: int | Unset = UNSET,
    list_client_order_id: str | Unset = UNSET,
    new_client_order_id: str | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[ApiError | CancelOrderListReport]:
    """Cancel an entire order list

     Either `orderListId` or `listClientOrderId` must be provided. If both are, `orderListId` is searched
    first and
    `listClientOrderId` is checked against it. Canceling one order of a list cancels the whole list.
    Weight 1, 0 when successful.

    Args:
        symbol (str): The venue's symbol, for example `BTCUSDT`: ASCII capitals, digits and `_.-`,
            or any non-ASCII character but controls, spaces and invisible format characters (Unicode
            symbols since 2025-12-02).
        order_list_id (int | Unset):
        list_client_order_id (str | Unset): A client order id; Binance's legal range is
            `^[\\.A-Z\\:/a-z0-9_-]{1,36}$` (errors.md, -1100).
        new_client_order_id (str | Unset): A client order id; Binance's legal range is
            `^[\\.A-Z\\:/a-z0-9_-]{1,36}$` (errors.md, -1100).
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | CancelOrderListReport]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
        order_list_id=order_list_id,
        list_client_order_id=list_client_order_id,
        new_client_order_id=new_client_order_id,
        recv_window=recv_window,
        timestamp=timestamp,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    symbol: str,
    order_list_id: int | Unset = UNSET,
    list_client_order_id: str | Unset = UNSET,
    new_client_order_id: str | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> ApiError | CancelOrderListReport | None:
    """Cancel an entire order list

     Either `orderListId` or `listClientOrderId` must be provided. If both are, `orderListId` is searched
    first and
    `listClientOrderId` is checked against it. Canceling one order of a list cancels the whole list.
    Weight 1, 0 when successful.

    Args:
        symbol (str): The venue's symbol, for example `BTCUSDT`: ASCII capitals, digits and `_.-`,
            or any non-ASCII character but controls, spaces and invisible format characters (Unicode
            symbols since 2025-12-02).
        order_list_id (int | Unset):
        list_client_order_id (str | Unset): A client order id; Binance's legal range is
            `^[\\.A-Z\\:/a-z0-9_-]{1,36}$` (errors.md, -1100).
        new_client_order_id (str | Unset): A client order id; Binance's legal range is
            `^[\\.A-Z\\:/a-z0-9_-]{1,36}$` (errors.md, -1100).
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | CancelOrderListReport
    """

    return (
        await asyncio_detailed(
            client=client,
            symbol=symbol,
            order_list_id=order_list_id,
            list_client_order_id=list_client_order_id,
            new_client_order_id=new_client_order_id,
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
