"""BingX spot: openapi/bingx.yaml, through cancelkit_bingx_client."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Any, ClassVar

import cancelkit_bingx_client as bingx
from cancelkit_bingx_client.api.general import get_server_time as bingx_time
from cancelkit_bingx_client.api.trade import cancel_open_orders as bingx_cancel_open_orders
from cancelkit_bingx_client.api.trade import cancel_order as bingx_cancel_order
from cancelkit_bingx_client.api.trade import cancel_orders as bingx_cancel_orders
from cancelkit_bingx_client.models import BingxError, CancelOpenOrdersEnvelope, CancelOrdersEnvelope, SpotOrder
from cancelkit_models import CancelResult, Venue

from .._errors import (
    AuthenticationError,
    CancelKitError,
    CancelRejected,
    InvalidRequest,
    OrderNotFound,
    OutcomeUnknown,
    RateLimited,
    TimestampError,
)
from .._results import BatchCancelResult
from .._signing import BingxAuth
from ._base import (
    Call,
    ErrorClass,
    T,
    VenueAdapter,
    exact_id,
    http_class,
    optional_decimal,
    optional_int,
    optional_text,
    required_text,
    status_of,
)


class BingxAdapter(VenueAdapter):
    venue = Venue.BINGX
    auth_class = BingxAuth
    client_class = bingx.Client
    base_urls: ClassVar[Mapping[str, str]] = {
        "production": "https://open-api.bingx.com",
        "testnet": "https://open-api-vst.bingx.com",
    }
    server_time_endpoint: ClassVar[ModuleType] = bingx_time
    error_model = BingxError
    symbol_joiner = "-"
    restrictions: ClassVar[Mapping[str, str]] = {
        "NEW": "NEW",
        "PENDING": "PENDING",
        "PARTIALLY_FILLED": "PARTIALLY_FILLED",
    }
    client_id_max_len = 40  # openapi/bingx.yaml ClientOrderId
    cancel_order_endpoint: ClassVar[ModuleType] = bingx_cancel_order
    client_id_argument = "client_order_id"
    new_client_id_argument = None  # BingX does not name cancels

    def cancel_result(self, parsed: Any, limits: dict[str, str]) -> CancelResult:
        return self.result(parsed.data, limits)

    not_found_codes = frozenset({100404, 80016, 80017, 80018, 109421})

    def cancel_open_orders(self, symbol: object) -> Call[list[CancelResult]]:
        sym = self.symbol(symbol)
        return Call(bingx_cancel_open_orders, {"symbol": sym}, self.orders_results, self.context(sym))

    def cancel_orders(
        self, symbol: object, order_ids: Sequence[object], client_order_ids: Sequence[object]
    ) -> Call[BatchCancelResult]:
        ids, client_ids = self.batch_ids(order_ids, client_order_ids)
        sym = self.symbol(symbol)
        # process=1: the valid ids are canceled and the others reported in `fails`, instead of all failing.
        kwargs: dict[str, Any] = {"symbol": sym, "process": 1}
        if ids:
            kwargs["order_ids"] = ",".join(map(str, ids))
        else:
            kwargs["client_order_i_ds"] = ",".join(client_ids)
        asked = [str(i) for i in ids] or client_ids

        def parse(envelope: CancelOrdersEnvelope, limits: dict[str, str]) -> BatchCancelResult:
            return self.batch_result(sym, asked, by_client_id=not ids, envelope=envelope, limits=limits)

        return Call(bingx_cancel_orders, kwargs, parse, self.context(sym))

    def batch_result(
        self,
        symbol: str,
        asked: list[str],
        *,
        by_client_id: bool,
        envelope: CancelOrdersEnvelope,
        limits: dict[str, str],
    ) -> BatchCancelResult:
        canceled: dict[str, CancelResult] = {}
        for order in envelope.data.orders:
            result = self.result(order, limits)
            canceled[result.order_id] = result
            if result.client_order_id is not None:
                canceled[result.client_order_id] = result
        fails = {failure.order_id: failure.error for failure in envelope.data.fails or []}
        outcomes: list[CancelResult | CancelKitError] = []
        for wanted in asked:
            context = self.context(symbol, None if by_client_id else wanted, wanted if by_client_id else None)
            if wanted in canceled:
                outcomes.append(canceled[wanted])
            elif wanted in fails:
                reason = fails[wanted]
                closed = "not exist" in reason.lower() or "order status" in reason.lower()
                cls: ErrorClass = OrderNotFound if closed else CancelRejected
                outcomes.append(cls(reason, venue=self.name, http_status=200, **context))
            else:
                outcomes.append(
                    OutcomeUnknown("BingX's batch answer does not mention this id", venue=self.name, **context)
                )
        return BatchCancelResult(tuple(outcomes))

    def orders_results(self, envelope: CancelOpenOrdersEnvelope, limits: dict[str, str]) -> list[CancelResult]:
        return [self.result(order, limits) for order in envelope.data.orders]

    def result(self, order: SpotOrder, limits: dict[str, str]) -> CancelResult:
        return CancelResult(
            venue=Venue.BINGX,
            symbol=required_text(order.symbol),
            order_id=exact_id(order.order_id),
            client_order_id=optional_text(order.client_order_id) or None,
            status=status_of(required_text(order.status)),
            side=optional_text(order.side),
            order_type=optional_text(order.type_),
            price=optional_decimal(order.price),
            stop_price=optional_decimal(order.stop_price),
            orig_qty=optional_decimal(order.orig_qty),
            executed_qty=optional_decimal(order.executed_qty),
            cumulative_quote_qty=optional_decimal(order.cummulative_quote_qty),
            transact_time=optional_int(order.transact_time),
            rate_limits=limits,
            raw=order.to_dict(),
        )

    def finish(self, call: Call[T], response: Any) -> T:
        parsed = response.parsed
        if isinstance(parsed, BingxError) and parsed.code == 0:
            # code 0 is success, but the envelope did not match the spec's success shape
            raise self.malformed(200, call.context, ValueError("a success envelope without its data"))
        return super().finish(call, response)

    def server_time(self, response: Any) -> int:
        parsed = response.parsed
        if isinstance(parsed, bingx.models.ServerTimeEnvelope):
            return parsed.data.server_time
        raise self.clock_error(f"HTTP {int(response.status_code)}")

    def classify(self, status: int, code: int | None, msg: str) -> ErrorClass:
        if code in (100500, 80012, 504):  # BingX's own "internal error" and "further confirmation required"
            return OutcomeUnknown
        by_status = http_class(status)
        if by_status is not None:
            return by_status
        if code == 100410:
            return RateLimited
        if code in (100421, 80014):
            return TimestampError
        if code in (100001, 100004, 100412, 100413, 100419):
            return AuthenticationError
        if code in self.not_found_codes or (code == 100400 and "not exist" in msg):
            return OrderNotFound
        if code in (100400, 100204, 100490) or 400 <= status < 500:
            return InvalidRequest
        return CancelRejected
