import json
from collections.abc import Mapping
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bingx_error import BingxError
from ...models.cancel_orders_envelope import CancelOrdersEnvelope
from ...models.cancel_orders_process import CancelOrdersProcess
from ...types import UNSET, Response, Unset, encode_query, http_status


def _get_kwargs(
    *,
    symbol: str,
    process: CancelOrdersProcess | Unset = UNSET,
    order_ids: str | Unset = UNSET,
    client_order_i_ds: str | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["symbol"] = symbol

    json_process: int | Unset = UNSET
    if not isinstance(process, Unset):
        json_process = process

    params["process"] = json_process

    params["orderIds"] = order_ids

    params["clientOrderIDs"] = client_order_i_ds

    params["recvWindow"] = recv_window

    params["timestamp"] = timestamp

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/openApi/spot/v1/trade/cancelOrders",
    }

    if params:
        # Encoded once, by httpx's rules: given params=, httpx re-parses the whole URL to add them.
        _kwargs["url"] += "?" + encode_query(params)
    return _kwargs


def _parse_content(
    status_code: int, content: bytes, raise_on_unexpected_status: bool = False
) -> BingxError | BingxError | CancelOrdersEnvelope | None:
    if status_code == 200:

        def _parse_response_200(data: object) -> BingxError | CancelOrdersEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = CancelOrdersEnvelope.from_dict(data)

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
) -> Response[BingxError | BingxError | CancelOrdersEnvelope]:
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
) -> BingxError | BingxError | CancelOrdersEnvelope | None:
    return _parse_content(response.status_code, response.content, client.raise_on_unexpected_status)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BingxError | BingxError | CancelOrdersEnvelope]:
    return _read_answer(response.status_code, response.content, response.headers, client.raise_on_unexpected_status)


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    symbol: str,
    process: CancelOrdersProcess | Unset = UNSET,
    order_ids: str | Unset = UNSET,
    client_order_i_ds: str | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[BingxError | BingxError | CancelOrdersEnvelope]:
    """Cancel several orders on a symbol

     Send `orderIds` or `clientOrderIDs`, comma-separated. With `process=1` the valid ids are canceled
    and the invalid
    ones come back in `fails`; with `process=0` (the default) one invalid id fails them all.

    Args:
        symbol (str): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        process (CancelOrdersProcess | Unset):
        order_ids (str | Unset):
        client_order_i_ds (str | Unset):
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BingxError | BingxError | CancelOrdersEnvelope]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
        process=process,
        order_ids=order_ids,
        client_order_i_ds=client_order_i_ds,
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
    process: CancelOrdersProcess | Unset = UNSET,
    order_ids: str | Unset = UNSET,
    client_order_i_ds: str | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> BingxError | BingxError | CancelOrdersEnvelope | None:
    """Cancel several orders on a symbol

     Send `orderIds` or `clientOrderIDs`, comma-separated. With `process=1` the valid ids are canceled
    and the invalid
    ones come back in `fails`; with `process=0` (the default) one invalid id fails them all.

    Args:
        symbol (str): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        process (CancelOrdersProcess | Unset):
        order_ids (str | Unset):
        client_order_i_ds (str | Unset):
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BingxError | BingxError | CancelOrdersEnvelope
    """

    return sync_detailed(
        client=client,
        symbol=symbol,
        process=process,
        order_ids=order_ids,
        client_order_i_ds=client_order_i_ds,
        recv_window=recv_window,
        timestamp=timestamp,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    symbol: str,
    process: CancelOrdersProcess | Unset = UNSET,
    order_ids: str | Unset = UNSET,
    client_order_i_ds: str | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[BingxError | BingxError | CancelOrdersEnvelope]:
    """Cancel several orders on a symbol

     Send `orderIds` or `clientOrderIDs`, comma-separated. With `process=1` the valid ids are canceled
    and the invalid
    ones come back in `fails`; with `process=0` (the default) one invalid id fails them all.

    Args:
        symbol (str): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        process (CancelOrdersProcess | Unset):
        order_ids (str | Unset):
        client_order_i_ds (str | Unset):
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BingxError | BingxError | CancelOrdersEnvelope]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
        process=process,
        order_ids=order_ids,
        client_order_i_ds=client_order_i_ds,
        recv_window=recv_window,
        timestamp=timestamp,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    symbol: str,
    process: CancelOrdersProcess | Unset = UNSET,
    order_ids: str | Unset = UNSET,
    client_order_i_ds: str | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> BingxError | BingxError | CancelOrdersEnvelope | None:
    """Cancel several orders on a symbol

     Send `orderIds` or `clientOrderIDs`, comma-separated. With `process=1` the valid ids are canceled
    and the invalid
    ones come back in `fails`; with `process=0` (the default) one invalid id fails them all.

    Args:
        symbol (str): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        process (CancelOrdersProcess | Unset):
        order_ids (str | Unset):
        client_order_i_ds (str | Unset):
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BingxError | BingxError | CancelOrdersEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            symbol=symbol,
            process=process,
            order_ids=order_ids,
            client_order_i_ds=client_order_i_ds,
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
