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
    orig_client_order_id: str | Unset = UNSET,
    order_id: str | Unset = UNSET,
    recv_window: int | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["symbol"] = symbol

    params["origClientOrderId"] = orig_client_order_id

    params["orderId"] = order_id

    params["recvWindow"] = recv_window

    params["timestamp"] = timestamp

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v3/order",
    }

    if params:
        # Encoded once, by httpx's rules: given params=, httpx re-parses the whole URL to add them.
        _kwargs["url"] += "?" + encode_query(params)
    return _kwargs


def _parse_content(
    status_code: int, content: bytes, raise_on_unexpected_status: bool = False
) -> ApiError | OrderReport | None:
    if status_code == 200:
        response_200 = OrderReport.from_dict(json.loads(content))

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
) -> Response[ApiError | OrderReport]:
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


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ApiError | OrderReport | None:
    return _parse_content(response.status_code, response.content, client.raise_on_unexpected_status)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiError | OrderReport]:
    return _read_answer(response.status_code, response.content, response.headers, client.raise_on_unexpected_status)


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    symbol: str | Unset = UNSET,
    orig_client_order_id: str | Unset = UNSET,
    order_id: str | Unset = UNSET,
    recv_window: int | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[ApiError | OrderReport]:
    """Query an order

     An order's status, open or closed. One of `orderId` or `origClientOrderId` is needed, else 700004
    "Param
    'origClientOrderId' or 'orderId' must be sent, but both were empty/null". Weight (IP) 2, permission
    SPOT_DEAL_READ (GitHub docs, "Query Order"; ccxt's fetch_order).

    The answer is Binance's order object, but not as strictly typed: MEXC's documents show integers,
    while ccxt's
    recorded answer has `orderId`, `orderListId`, `time` and `updateTime` as strings and
    `clientOrderId`,
    `timeInForce`, `stopPrice` and `icebergQty` as null (`OrderReport`). The documents' sample writes
    `Qty` where real
    answers have `origQty`.

    Not found: MEXC's error table lists only -2011 "Unknown order sent" and 22222 "record does not
    exist"; what has
    been observed from this endpoint is `{"msg":"Order does not exist.","code":-2013,"_extend":null}`,
    intermittently, just after placement (ccxt/ccxt #21614, 2024-03; the HTTP status is not shown): ask
    again before
    concluding. How long a closed order stays queryable is not documented (`GET /api/v3/allOrders` keeps
    7 days).
    Statuses: NEW, PARTIALLY_FILLED (open); FILLED, CANCELED, PARTIALLY_CANCELED (final; ccxt reads
    PARTIALLY_CANCELED as canceled).

    Args:
        symbol (str | Unset): A symbol, for example `BTCUSDT`.
        orig_client_order_id (str | Unset): A client order id. MEXC documents no length or
            character limit; cancelkit allows 1 to 64 printable ASCII characters without space or
            comma, so that no control character or invisible separator (NUL, ESC, DEL, U+0085, U+2028,
            U+200B) reaches the venue and a longer id, certainly a mistake, is refused before it is
            sent. The pattern reads the same in ECMA-262 and in Python (`\\xHH` escapes; `$(?!\\n)`
            because Python's `$` also matches before a final newline).
        order_id (str | Unset):
        recv_window (int | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | OrderReport]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
        orig_client_order_id=orig_client_order_id,
        order_id=order_id,
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
    orig_client_order_id: str | Unset = UNSET,
    order_id: str | Unset = UNSET,
    recv_window: int | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> ApiError | OrderReport | None:
    """Query an order

     An order's status, open or closed. One of `orderId` or `origClientOrderId` is needed, else 700004
    "Param
    'origClientOrderId' or 'orderId' must be sent, but both were empty/null". Weight (IP) 2, permission
    SPOT_DEAL_READ (GitHub docs, "Query Order"; ccxt's fetch_order).

    The answer is Binance's order object, but not as strictly typed: MEXC's documents show integers,
    while ccxt's
    recorded answer has `orderId`, `orderListId`, `time` and `updateTime` as strings and
    `clientOrderId`,
    `timeInForce`, `stopPrice` and `icebergQty` as null (`OrderReport`). The documents' sample writes
    `Qty` where real
    answers have `origQty`.

    Not found: MEXC's error table lists only -2011 "Unknown order sent" and 22222 "record does not
    exist"; what has
    been observed from this endpoint is `{"msg":"Order does not exist.","code":-2013,"_extend":null}`,
    intermittently, just after placement (ccxt/ccxt #21614, 2024-03; the HTTP status is not shown): ask
    again before
    concluding. How long a closed order stays queryable is not documented (`GET /api/v3/allOrders` keeps
    7 days).
    Statuses: NEW, PARTIALLY_FILLED (open); FILLED, CANCELED, PARTIALLY_CANCELED (final; ccxt reads
    PARTIALLY_CANCELED as canceled).

    Args:
        symbol (str | Unset): A symbol, for example `BTCUSDT`.
        orig_client_order_id (str | Unset): A client order id. MEXC documents no length or
            character limit; cancelkit allows 1 to 64 printable ASCII characters without space or
            comma, so that no control character or invisible separator (NUL, ESC, DEL, U+0085, U+2028,
            U+200B) reaches the venue and a longer id, certainly a mistake, is refused before it is
            sent. The pattern reads the same in ECMA-262 and in Python (`\\xHH` escapes; `$(?!\\n)`
            because Python's `$` also matches before a final newline).
        order_id (str | Unset):
        recv_window (int | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | OrderReport
    """

    return sync_detailed(
        client=client,
        symbol=symbol,
        orig_client_order_id=orig_client_order_id,
        order_id=order_id,
        recv_window=recv_window,
        timestamp=timestamp,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    symbol: str | Unset = UNSET,
    orig_client_order_id: str | Unset = UNSET,
    order_id: str | Unset = UNSET,
    recv_window: int | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[ApiError | OrderReport]:
    """Query an order

     An order's status, open or closed. One of `orderId` or `origClientOrderId` is needed, else 700004
    "Param
    'origClientOrderId' or 'orderId' must be sent, but both were empty/null". Weight (IP) 2, permission
    SPOT_DEAL_READ (GitHub docs, "Query Order"; ccxt's fetch_order).

    The answer is Binance's order object, but not as strictly typed: MEXC's documents show integers,
    while ccxt's
    recorded answer has `orderId`, `orderListId`, `time` and `updateTime` as strings and
    `clientOrderId`,
    `timeInForce`, `stopPrice` and `icebergQty` as null (`OrderReport`). The documents' sample writes
    `Qty` where real
    answers have `origQty`.

    Not found: MEXC's error table lists only -2011 "Unknown order sent" and 22222 "record does not
    exist"; what has
    been observed from this endpoint is `{"msg":"Order does not exist.","code":-2013,"_extend":null}`,
    intermittently, just after placement (ccxt/ccxt #21614, 2024-03; the HTTP status is not shown): ask
    again before
    concluding. How long a closed order stays queryable is not documented (`GET /api/v3/allOrders` keeps
    7 days).
    Statuses: NEW, PARTIALLY_FILLED (open); FILLED, CANCELED, PARTIALLY_CANCELED (final; ccxt reads
    PARTIALLY_CANCELED as canceled).

    Args:
        symbol (str | Unset): A symbol, for example `BTCUSDT`.
        orig_client_order_id (str | Unset): A client order id. MEXC documents no length or
            character limit; cancelkit allows 1 to 64 printable ASCII characters without space or
            comma, so that no control character or invisible separator (NUL, ESC, DEL, U+0085, U+2028,
            U+200B) reaches the venue and a longer id, certainly a mistake, is refused before it is
            sent. The pattern reads the same in ECMA-262 and in Python (`\\xHH` escapes; `$(?!\\n)`
            because Python's `$` also matches before a final newline).
        order_id (str | Unset):
        recv_window (int | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | OrderReport]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
        orig_client_order_id=orig_client_order_id,
        order_id=order_id,
        recv_window=recv_window,
        timestamp=timestamp,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    symbol: str | Unset = UNSET,
    orig_client_order_id: str | Unset = UNSET,
    order_id: str | Unset = UNSET,
    recv_window: int | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> ApiError | OrderReport | None:
    """Query an order

     An order's status, open or closed. One of `orderId` or `origClientOrderId` is needed, else 700004
    "Param
    'origClientOrderId' or 'orderId' must be sent, but both were empty/null". Weight (IP) 2, permission
    SPOT_DEAL_READ (GitHub docs, "Query Order"; ccxt's fetch_order).

    The answer is Binance's order object, but not as strictly typed: MEXC's documents show integers,
    while ccxt's
    recorded answer has `orderId`, `orderListId`, `time` and `updateTime` as strings and
    `clientOrderId`,
    `timeInForce`, `stopPrice` and `icebergQty` as null (`OrderReport`). The documents' sample writes
    `Qty` where real
    answers have `origQty`.

    Not found: MEXC's error table lists only -2011 "Unknown order sent" and 22222 "record does not
    exist"; what has
    been observed from this endpoint is `{"msg":"Order does not exist.","code":-2013,"_extend":null}`,
    intermittently, just after placement (ccxt/ccxt #21614, 2024-03; the HTTP status is not shown): ask
    again before
    concluding. How long a closed order stays queryable is not documented (`GET /api/v3/allOrders` keeps
    7 days).
    Statuses: NEW, PARTIALLY_FILLED (open); FILLED, CANCELED, PARTIALLY_CANCELED (final; ccxt reads
    PARTIALLY_CANCELED as canceled).

    Args:
        symbol (str | Unset): A symbol, for example `BTCUSDT`.
        orig_client_order_id (str | Unset): A client order id. MEXC documents no length or
            character limit; cancelkit allows 1 to 64 printable ASCII characters without space or
            comma, so that no control character or invisible separator (NUL, ESC, DEL, U+0085, U+2028,
            U+200B) reaches the venue and a longer id, certainly a mistake, is refused before it is
            sent. The pattern reads the same in ECMA-262 and in Python (`\\xHH` escapes; `$(?!\\n)`
            because Python's `$` also matches before a final newline).
        order_id (str | Unset):
        recv_window (int | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | OrderReport
    """

    return (
        await asyncio_detailed(
            client=client,
            symbol=symbol,
            orig_client_order_id=orig_client_order_id,
            order_id=order_id,
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
