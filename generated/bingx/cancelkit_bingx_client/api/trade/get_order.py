import json
from collections.abc import Mapping
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bingx_error import BingxError
from ...models.get_order_envelope import GetOrderEnvelope
from ...types import UNSET, Response, Unset, encode_query, http_status


def _get_kwargs(
    *,
    symbol: str,
    order_id: int | Unset = UNSET,
    client_order_id: str | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["symbol"] = symbol

    params["orderId"] = order_id

    params["clientOrderID"] = client_order_id

    params["recvWindow"] = recv_window

    params["timestamp"] = timestamp

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/openApi/spot/v1/trade/query",
    }

    if params:
        # Encoded once, by httpx's rules: given params=, httpx re-parses the whole URL to add them.
        _kwargs["url"] += "?" + encode_query(params)
    return _kwargs


def _parse_content(
    status_code: int, content: bytes, raise_on_unexpected_status: bool = False
) -> BingxError | BingxError | GetOrderEnvelope | None:
    if status_code == 200:

        def _parse_response_200(data: object) -> BingxError | GetOrderEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = GetOrderEnvelope.from_dict(data)

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
) -> Response[BingxError | BingxError | GetOrderEnvelope]:
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
) -> BingxError | BingxError | GetOrderEnvelope | None:
    return _parse_content(response.status_code, response.content, client.raise_on_unexpected_status)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BingxError | BingxError | GetOrderEnvelope]:
    return _read_answer(response.status_code, response.content, response.headers, client.raise_on_unexpected_status)


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    symbol: str,
    order_id: int | Unset = UNSET,
    client_order_id: str | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[BingxError | BingxError | GetOrderEnvelope]:
    """Query order details

     An order's status, open or closed (docs-v3 "Query Order details"; ccxt's fetch_order, which sends
    `orderId`
    only). One of `orderId` or `clientOrderID` is needed. A query by `clientOrderID` searches the last 2
    hours only
    ("Only supports a query range of 2 hours"): an older order is not found by it, so ask by `orderId`
    when it is
    known. How long an order stays queryable by `orderId` is not documented. Rate limit 10/s per UID and
    IP group 2
    (docs-v3: the group shares 2000 requests per 10 s, 300 per 10 s for each endpoint); permission Read.

    The not-found answer is not documented for this endpoint; BingX's candidates are 80016 "Order does
    not exist"
    (docs-v3 common codes; ccxt OrderNotFound), 100404 "Order does not exist. The order may have been
    filled or
    cancelled." (api-ai-skills, spot; the same file also gives 100404 as "requested API path does not
    exist") and
    100400 with " order not exist" (docs-v3's cancelReplace example), all inside the envelope on HTTP
    200. The
    spec's rules read all three as order_not_found.

    Statuses: NEW, PENDING, PARTIALLY_FILLED (open); FILLED, CANCELED, FAILED (final; ccxt reads FAILED
    as
    canceled).

    Args:
        symbol (str): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        order_id (int | Unset):
        client_order_id (str | Unset): A client order id: "a limit of characters from 1 to 40"
            (docs-v3). BingX names no character set; cancelkit allows printable ASCII without space or
            comma (the comma separates `clientOrderIDs`), so that no control character or invisible
            separator (NUL, ESC, DEL, U+0085, U+2028, U+200B) reaches the venue. The pattern reads the
            same in ECMA-262 and in Python (`\\xHH` escapes; `$(?!\\n)` because Python's `$` also
            matches before a final newline).
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BingxError | BingxError | GetOrderEnvelope]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
        order_id=order_id,
        client_order_id=client_order_id,
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
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> BingxError | BingxError | GetOrderEnvelope | None:
    """Query order details

     An order's status, open or closed (docs-v3 "Query Order details"; ccxt's fetch_order, which sends
    `orderId`
    only). One of `orderId` or `clientOrderID` is needed. A query by `clientOrderID` searches the last 2
    hours only
    ("Only supports a query range of 2 hours"): an older order is not found by it, so ask by `orderId`
    when it is
    known. How long an order stays queryable by `orderId` is not documented. Rate limit 10/s per UID and
    IP group 2
    (docs-v3: the group shares 2000 requests per 10 s, 300 per 10 s for each endpoint); permission Read.

    The not-found answer is not documented for this endpoint; BingX's candidates are 80016 "Order does
    not exist"
    (docs-v3 common codes; ccxt OrderNotFound), 100404 "Order does not exist. The order may have been
    filled or
    cancelled." (api-ai-skills, spot; the same file also gives 100404 as "requested API path does not
    exist") and
    100400 with " order not exist" (docs-v3's cancelReplace example), all inside the envelope on HTTP
    200. The
    spec's rules read all three as order_not_found.

    Statuses: NEW, PENDING, PARTIALLY_FILLED (open); FILLED, CANCELED, FAILED (final; ccxt reads FAILED
    as
    canceled).

    Args:
        symbol (str): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        order_id (int | Unset):
        client_order_id (str | Unset): A client order id: "a limit of characters from 1 to 40"
            (docs-v3). BingX names no character set; cancelkit allows printable ASCII without space or
            comma (the comma separates `clientOrderIDs`), so that no control character or invisible
            separator (NUL, ESC, DEL, U+0085, U+2028, U+200B) reaches the venue. The pattern reads the
            same in ECMA-262 and in Python (`\\xHH` escapes; `$(?!\\n)` because Python's `$` also
            matches before a final newline).
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BingxError | BingxError | GetOrderEnvelope
    """

    return sync_detailed(
        client=client,
        symbol=symbol,
        order_id=order_id,
        client_order_id=client_order_id,
        recv_window=recv_window,
        timestamp=timestamp,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    symbol: str,
    order_id: int | Unset = UNSET,
    client_order_id: str | Unset = UNSET,
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> Response[BingxError | BingxError | GetOrderEnvelope]:
    """Query order details

     An order's status, open or closed (docs-v3 "Query Order details"; ccxt's fetch_order, which sends
    `orderId`
    only). One of `orderId` or `clientOrderID` is needed. A query by `clientOrderID` searches the last 2
    hours only
    ("Only supports a query range of 2 hours"): an older order is not found by it, so ask by `orderId`
    when it is
    known. How long an order stays queryable by `orderId` is not documented. Rate limit 10/s per UID and
    IP group 2
    (docs-v3: the group shares 2000 requests per 10 s, 300 per 10 s for each endpoint); permission Read.

    The not-found answer is not documented for this endpoint; BingX's candidates are 80016 "Order does
    not exist"
    (docs-v3 common codes; ccxt OrderNotFound), 100404 "Order does not exist. The order may have been
    filled or
    cancelled." (api-ai-skills, spot; the same file also gives 100404 as "requested API path does not
    exist") and
    100400 with " order not exist" (docs-v3's cancelReplace example), all inside the envelope on HTTP
    200. The
    spec's rules read all three as order_not_found.

    Statuses: NEW, PENDING, PARTIALLY_FILLED (open); FILLED, CANCELED, FAILED (final; ccxt reads FAILED
    as
    canceled).

    Args:
        symbol (str): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        order_id (int | Unset):
        client_order_id (str | Unset): A client order id: "a limit of characters from 1 to 40"
            (docs-v3). BingX names no character set; cancelkit allows printable ASCII without space or
            comma (the comma separates `clientOrderIDs`), so that no control character or invisible
            separator (NUL, ESC, DEL, U+0085, U+2028, U+200B) reaches the venue. The pattern reads the
            same in ECMA-262 and in Python (`\\xHH` escapes; `$(?!\\n)` because Python's `$` also
            matches before a final newline).
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BingxError | BingxError | GetOrderEnvelope]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
        order_id=order_id,
        client_order_id=client_order_id,
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
    recv_window: str | Unset = UNSET,
    timestamp: int | Unset = UNSET,
) -> BingxError | BingxError | GetOrderEnvelope | None:
    """Query order details

     An order's status, open or closed (docs-v3 "Query Order details"; ccxt's fetch_order, which sends
    `orderId`
    only). One of `orderId` or `clientOrderID` is needed. A query by `clientOrderID` searches the last 2
    hours only
    ("Only supports a query range of 2 hours"): an older order is not found by it, so ask by `orderId`
    when it is
    known. How long an order stays queryable by `orderId` is not documented. Rate limit 10/s per UID and
    IP group 2
    (docs-v3: the group shares 2000 requests per 10 s, 300 per 10 s for each endpoint); permission Read.

    The not-found answer is not documented for this endpoint; BingX's candidates are 80016 "Order does
    not exist"
    (docs-v3 common codes; ccxt OrderNotFound), 100404 "Order does not exist. The order may have been
    filled or
    cancelled." (api-ai-skills, spot; the same file also gives 100404 as "requested API path does not
    exist") and
    100400 with " order not exist" (docs-v3's cancelReplace example), all inside the envelope on HTTP
    200. The
    spec's rules read all three as order_not_found.

    Statuses: NEW, PENDING, PARTIALLY_FILLED (open); FILLED, CANCELED, FAILED (final; ccxt reads FAILED
    as
    canceled).

    Args:
        symbol (str): Trading pair, uppercase and hyphenated, for example `BTC-USDT`.
        order_id (int | Unset):
        client_order_id (str | Unset): A client order id: "a limit of characters from 1 to 40"
            (docs-v3). BingX names no character set; cancelkit allows printable ASCII without space or
            comma (the comma separates `clientOrderIDs`), so that no control character or invisible
            separator (NUL, ESC, DEL, U+0085, U+2028, U+200B) reaches the venue. The pattern reads the
            same in ECMA-262 and in Python (`\\xHH` escapes; `$(?!\\n)` because Python's `$` also
            matches before a final newline).
        recv_window (str | Unset):
        timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BingxError | BingxError | GetOrderEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            symbol=symbol,
            order_id=order_id,
            client_order_id=client_order_id,
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
