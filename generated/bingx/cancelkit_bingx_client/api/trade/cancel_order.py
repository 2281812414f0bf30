import json
from collections.abc import Mapping
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bingx_error import BingxError
from ...models.cancel_order_envelope import CancelOrderEnvelope
from ...models.cancel_restrictions import CancelRestrictions
from ...types import UNSET, Response, Unset, encode_query, http_status


def _get_kwargs(
    *,
    symbol: str,
    order_id: int | Unset = UNSET,
    client_order_id: str | Unset = UNSET,
    cancel_restrictions: CancelRestrictions | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["symbol"] = symbol

    params["orderId"] = order_id

    params["clientOrderID"] = client_order_id

    json_cancel_restrictions: str | Unset = UNSET
    if not isinstance(cancel_restrictions, Unset):
        json_cancel_restrictions = cancel_restrictions

    params["cancelRestrictions"] = json_cancel_restrictions

    params["recvWindow"] = recv_window

    params["timestamp"] = timestamp

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/openApi/spot/v1/trade/cancel",
    }

    if params:
        # Encoded once, by httpx's rules: given params=, httpx re-parses the whole URL to add them.
        _kwargs["url"] += "?" + encode_query(params)
    return _kwargs


def _parse_content(
    status_code: int, content: bytes, raise_on_unexpected_status: bool = False
) -> BingxError | BingxError | CancelOrderEnvelope | None:
    if status_code == 200:

        def _parse_response_200(data: object) -> BingxError | CancelOrderEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = CancelOrderEnvelope.from_dict(data)

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
) -> Response[BingxError | BingxError | CancelOrderEnvelope]:
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
) -> BingxError | BingxError | CancelOrderEnvelope | None:
    return _parse_content(response.status_code, response.content, client.raise_on_unexpected_status)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BingxError | BingxError | CancelOrderEnvelope]:
    return _read_answer(response.status_code, response.content, response.headers, client.raise_on_unexpected_status)


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    symbol: str,
    order_id: int | Unset = UNSET,
    client_order_id: str | Unset = UNSET,
    cancel_restrictions: CancelRestrictions | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[BingxError | BingxError | CancelOrderEnvelope]:
    """Cancel an order

     One of `orderId` or `clientOrderID` is needed. Rate limit 5/s per UID and group 3 per IP.
    An unknown order is answered with 100404, 80016 or 100400 ("order does not exist"), inside the
    envelope on HTTP 200.

    Args:
        symbol (str): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        order_id (int | Unset):
        client_order_id (str | Unset): A client order id: "a limit of characters from 1 to 40"
            (docs-v3). BingX names no character set; cancelkit allows printable ASCII without space or
            comma (the comma separates `clientOrderIDs`), so that no control character or invisible
            separator (NUL, ESC, DEL, U+0085, U+2028, U+200B) reaches the venue. The pattern reads the
            same in ECMA-262 and in Python (`\\xHH` escapes; `$(?!\\n)` because Python's `$` also
            matches before a final newline).
        cancel_restrictions (CancelRestrictions | Unset): NEW: a new order. PENDING: an order in
            progress. PARTIALLY_FILLED: a partially filled order.
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BingxError | BingxError | CancelOrderEnvelope]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
        order_id=order_id,
        client_order_id=client_order_id,
        cancel_restrictions=cancel_restrictions,
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
    order_id: int | Unset = UNSET,
    client_order_id: str | Unset = UNSET,
    cancel_restrictions: CancelRestrictions | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> BingxError | BingxError | CancelOrderEnvelope | None:
    """Cancel an order

     One of `orderId` or `clientOrderID` is needed. Rate limit 5/s per UID and group 3 per IP.
    An unknown order is answered with 100404, 80016 or 100400 ("order does not exist"), inside the
    envelope on HTTP 200.

    Args:
        symbol (str): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        order_id (int | Unset):
        client_order_id (str | Unset): A client order id: "a limit of characters from 1 to 40"
            (docs-v3). BingX names no character set; cancelkit allows printable ASCII without space or
            comma (the comma separates `clientOrderIDs`), so that no control character or invisible
            separator (NUL, ESC, DEL, U+0085, U+2028, U+200B) reaches the venue. The pattern reads the
            same in ECMA-262 and in Python (`\\xHH` escapes; `$(?!\\n)` because Python's `$` also
            matches before a final newline).
        cancel_restrictions (CancelRestrictions | Unset): NEW: a new order. PENDING: an order in
            progress. PARTIALLY_FILLED: a partially filled order.
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BingxError | BingxError | CancelOrderEnvelope
    """

    return sync_detailed(
        client=client,
        symbol=symbol,
        order_id=order_id,
        client_order_id=client_order_id,
        cancel_restrictions=cancel_restrictions,
        recv_window=recv_window,
        timestamp=timestamp,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    symbol: str,
    order_id: int | Unset = UNSET,
    client_order_id: str | Unset = UNSET,
    cancel_restrictions: CancelRestrictions | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[BingxError | BingxError | CancelOrderEnvelope]:
    """Cancel an order

     One of `orderId` or `clientOrderID` is needed. Rate limit 5/s per UID and group 3 per IP.
    An unknown order is answered with 100404, 80016 or 100400 ("order does not exist"), inside the
    envelope on HTTP 200.

    Args:
        symbol (str): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        order_id (int | Unset):
        client_order_id (str | Unset): A client order id: "a limit of characters from 1 to 40"
            (docs-v3). BingX names no character set; cancelkit allows printable ASCII without space or
            comma (the comma separates `clientOrderIDs`), so that no control character or invisible
            separator (NUL, ESC, DEL, U+0085, U+2028, U+200B) reaches the venue. The pattern reads the
            same in ECMA-262 and in Python (`\\xHH` escapes; `$(?!\\n)` because Python's `$` also
            matches before a final newline).
        cancel_restrictions (CancelRestrictions | Unset): NEW: a new order. PENDING: an order in
            progress. PARTIALLY_FILLED: a partially filled order.
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BingxError | BingxError | CancelOrderEnvelope]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
        order_id=order_id,
        client_order_id=client_order_id,
        cancel_restrictions=cancel_restrictions,
        recv_window=recv_window,
        timestamp=timestamp,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    symbol: str,
    order_id: int | Unset = UNSET,
    client_order_id: str | Unset = UNSET,
    cancel_restrictions: CancelRestrictions | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> BingxError | BingxError | CancelOrderEnvelope | None:
    """Cancel an order

     One of `orderId` or `clientOrderID` is needed. Rate limit 5/s per UID and group 3 per IP.
    An unknown order is answered with 100404, 80016 or 100400 ("order does not exist"), inside the
    envelope on HTTP 200.

    Args:
        symbol (str): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        order_id (int | Unset):
        client_order_id (str | Unset): A client order id: "a limit of characters from 1 to 40"
            (docs-v3). BingX names no character set; cancelkit allows printable ASCII without space or
            comma (the comma separates `clientOrderIDs`), so that no control character or invisible
            separator (NUL, ESC, DEL, U+0085, U+2028, U+200B) reaches the venue. The pattern reads the
            same in ECMA-262 and in Python (`\\xHH` escapes; `$(?!\\n)` because Python's `$` also
            matches before a final newline).
        cancel_restrictions (CancelRestrictions | Unset): NEW: a new order. PENDING: an order in
            progress. PARTIALLY_FILLED: a partially filled order.
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BingxError | BingxError | CancelOrderEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            symbol=symbol,
            order_id=order_id,
            client_order_id=client_order_id,
            cancel_restrictions=cancel_restrictions,
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
