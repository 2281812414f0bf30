from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.cancel_order_list_report import CancelOrderListReport
from ...models.cancel_order_report import CancelOrderReport
from ...types import UNSET, Response, Unset, http_status


def _get_kwargs(
    *,
    symbol: str,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["symbol"] = symbol

    params["recvWindow"] = recv_window

    params["timestamp"] = timestamp

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v3/openOrders",
    }

    if params:
        # Encoded once, by httpx's own rules: given params=, httpx re-parses the whole URL to add them.
        _kwargs["url"] += "?" + str(httpx.QueryParams(params))
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | list[CancelOrderListReport | CancelOrderReport] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:

            def _parse_response_200_item(data: object) -> CancelOrderListReport | CancelOrderReport:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    response_200_item_type_0 = CancelOrderListReport.from_dict(data)

                    return response_200_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_item_type_1 = CancelOrderReport.from_dict(data)

                return response_200_item_type_1

            response_200_item = _parse_response_200_item(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 400:
        response_400 = ApiError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ApiError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ApiError.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = ApiError.from_dict(response.json())

        return response_409

    if response.status_code == 418:
        response_418 = ApiError.from_dict(response.json())

        return response_418

    if response.status_code == 429:
        response_429 = ApiError.from_dict(response.json())

        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = ApiError.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiError | list[CancelOrderListReport | CancelOrderReport]]:
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
    symbol: str,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[ApiError | list[CancelOrderListReport | CancelOrderReport]]:
    """Cancel all open orders on a symbol

     Cancels every active order on a symbol, including orders that are part of an order list.
    The answer is an array whose elements are either single-order cancel reports or order-list reports.
    A symbol with no open orders is answered with -2011 "Unknown order sent.". Weight 1, 0 when
    successful.

    Args:
        symbol (str): The venue's symbol, for example `BTCUSDT`: ASCII capitals, digits and `_.-`,
            or any non-ASCII character but controls, spaces and invisible format characters (Unicode
            symbols since 2025-12-02).
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | list[CancelOrderListReport | CancelOrderReport]]
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
    symbol: str,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> ApiError | list[CancelOrderListReport | CancelOrderReport] | None:
    """Cancel all open orders on a symbol

     Cancels every active order on a symbol, including orders that are part of an order list.
    The answer is an array whose elements are either single-order cancel reports or order-list reports.
    A symbol with no open orders is answered with -2011 "Unknown order sent.". Weight 1, 0 when
    successful.

    Args:
        symbol (str): The venue's symbol, for example `BTCUSDT`: ASCII capitals, digits and `_.-`,
            or any non-ASCII character but controls, spaces and invisible format characters (Unicode
            symbols since 2025-12-02).
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | list[CancelOrderListReport | CancelOrderReport]
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
    symbol: str,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[ApiError | list[CancelOrderListReport | CancelOrderReport]]:
    """Cancel all open orders on a symbol

     Cancels every active order on a symbol, including orders that are part of an order list.
    The answer is an array whose elements are either single-order cancel reports or order-list reports.
    A symbol with no open orders is answered with -2011 "Unknown order sent.". Weight 1, 0 when
    successful.

    Args:
        symbol (str): The venue's symbol, for example `BTCUSDT`: ASCII capitals, digits and `_.-`,
            or any non-ASCII character but controls, spaces and invisible format characters (Unicode
            symbols since 2025-12-02).
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | list[CancelOrderListReport | CancelOrderReport]]
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
    symbol: str,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> ApiError | list[CancelOrderListReport | CancelOrderReport] | None:
    """Cancel all open orders on a symbol

     Cancels every active order on a symbol, including orders that are part of an order list.
    The answer is an array whose elements are either single-order cancel reports or order-list reports.
    A symbol with no open orders is answered with -2011 "Unknown order sent.". Weight 1, 0 when
    successful.

    Args:
        symbol (str): The venue's symbol, for example `BTCUSDT`: ASCII capitals, digits and `_.-`,
            or any non-ASCII character but controls, spaces and invisible format characters (Unicode
            symbols since 2025-12-02).
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | list[CancelOrderListReport | CancelOrderReport]
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
