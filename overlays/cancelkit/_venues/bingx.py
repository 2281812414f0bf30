"""BingX spot: openapi/bingx.yaml, through cancelkit_bingx_client."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Any, ClassVar

import cancelkit_bingx_client as bingx
from cancelkit_bingx_client import venue_facts
from cancelkit_bingx_client.api.general import get_server_time as bingx_time
from cancelkit_bingx_client.api.trade import cancel_all_after as bingx_cancel_all_after
from cancelkit_bingx_client.api.trade import cancel_open_orders as bingx_cancel_open_orders
from cancelkit_bingx_client.api.trade import cancel_order as bingx_cancel_order
from cancelkit_bingx_client.api.trade import cancel_orders as bingx_cancel_orders
from cancelkit_bingx_client.api.trade import get_order as bingx_get_order
from cancelkit_bingx_client.api.trade import open_orders as bingx_open_orders
from cancelkit_bingx_client.models import (
    BingxError,
    CancelAllAfterEnvelope,
    CancelOpenOrdersEnvelope,
    CancelOrdersEnvelope,
    GetOrderEnvelope,
    OpenOrdersEnvelope,
    OrderDetails,
    SpotOrder,
)
from cancelkit_models import CancelResult, DeadManSwitch, Order, Venue

from .._errors import (
    CancelKitError,
    CancelRejected,
    InvalidArgument,
    OrderNotFound,
    OutcomeUnknown,
)
from .._results import BatchCancelResult
from .._signing import BingxAuth
from ._base import (
    Call,
    ErrorClass,
    T,
    VenueAdapter,
    exact_id,
    loose_int,
    optional_decimal,
    optional_int,
    optional_text,
    required_text,
    status_of,
)


class BingxAdapter(VenueAdapter):
    venue = Venue.BINGX
    auth_class = BingxAuth
    facts: ClassVar[ModuleType] = venue_facts
    client_class = bingx.Client
    server_time_endpoint: ClassVar[ModuleType] = bingx_time
    error_model = BingxError
    symbol_joiner = "-"
    cancel_order_endpoint: ClassVar[ModuleType] = bingx_cancel_order
    cancel_open_orders_endpoint: ClassVar[ModuleType] = bingx_cancel_open_orders
    client_id_parameter = "clientOrderID"
    new_client_id_parameter = None  # BingX does not name cancels

    get_order_endpoint: ClassVar[ModuleType] = bingx_get_order
    open_orders_endpoint: ClassVar[ModuleType] = bingx_open_orders
    query_client_id_parameter = "clientOrderID"

    def cancel_result(self, parsed: Any, limits: dict[str, str]) -> CancelResult:
        return self.result(parsed.data, limits)

    def order_result(self, envelope: GetOrderEnvelope, limits: dict[str, str]) -> Order:
        return self.order(envelope.data, limits)

    def orders_listed(self, envelope: OpenOrdersEnvelope, limits: dict[str, str]) -> list[Order]:
        return [self.order(order, limits) for order in envelope.data.orders]

    def order(self, details: OrderDetails, limits: dict[str, str]) -> Order:
        extra = details.additional_properties  # the docs' sample says StopPrice, their field table stopPrice
        return Order(
            venue=Venue.BINGX,
            symbol=required_text(details.symbol),
            order_id=exact_id(details.order_id),
            client_order_id=optional_text(details.client_order_id) or None,
            status=status_of(required_text(details.status)),
            side=optional_text(details.side),
            order_type=optional_text(details.type_),
            price=optional_decimal(details.price),
            stop_price=optional_decimal(extra.get("stopPrice", extra.get("StopPrice"))),
            orig_qty=optional_decimal(details.orig_qty),
            executed_qty=optional_decimal(details.executed_qty),
            cumulative_quote_qty=optional_decimal(details.cummulative_quote_qty),
            created_time=optional_int(details.time),
            update_time=optional_int(details.update_time),
            rate_limits=limits,
            raw=details.to_dict(),
        )

    def dead_man_switch(self, seconds: object) -> Call[DeadManSwitch]:
        """ACTIVATE with timeOut (10 to 120 s), or CLOSE for None or 0."""
        operation = "cancel_all_after"
        kwargs: dict[str, Any] = {}
        if seconds is not None and (isinstance(seconds, bool) or not isinstance(seconds, int)):
            raise InvalidArgument(f"seconds must be an int from 10 to 120, or None, got {seconds!r}", venue=self.name)
        if seconds is None or seconds == 0:
            keyword, kwargs[keyword] = self.rules.check(operation, "type", "CLOSE", "type")
            keyword, kwargs[keyword] = self.rules.check(operation, "timeOut", 0, "seconds")
        else:
            keyword, kwargs[keyword] = self.rules.check(operation, "type", "ACTIVATE", "type")
            if isinstance(seconds, bool) or not isinstance(seconds, int) or not 10 <= seconds <= 120:
                raise InvalidArgument(f"seconds must be an int from 10 to 120, got {seconds!r}", venue=self.name)
            keyword, kwargs[keyword] = self.rules.check(operation, "timeOut", seconds, "seconds")
        return Call(bingx_cancel_all_after, kwargs, self.switch_result, {"symbol": None})

    def switch_result(self, envelope: CancelAllAfterEnvelope, limits: dict[str, str]) -> DeadManSwitch:
        data = envelope.data
        trigger = loose_int(data.trigger_time)
        if trigger is not None and 0 < trigger < 10**11:  # seconds in every sample; BingX's AI-skill says ms
            trigger *= 1000
        status = required_text(data.status)
        return DeadManSwitch(
            venue=Venue.BINGX,
            status=status,
            active=status == "ACTIVATED",
            trigger_time_ms=trigger or None,
            note=optional_text(data.note),
            raw=envelope.to_dict(),
        )

    def cancel_orders(
        self,
        symbol: object,
        order_ids: Sequence[object],
        client_order_ids: Sequence[object],
        params: Mapping[str, object] | None = None,
    ) -> Call[BatchCancelResult]:
        ids, client_ids = self.batch_ids(order_ids, client_order_ids)
        operation = "cancel_orders"
        sym = self.symbol(symbol, operation)
        # process=1: the valid ids are canceled and the others reported in `fails`, instead of all failing.
        kwargs: dict[str, Any] = {"symbol": sym}
        keyword, kwargs[keyword] = self.rules.check(operation, "process", 1)
        if ids:
            keyword, kwargs[keyword] = self.rules.check(operation, "orderIds", ",".join(map(str, ids)), "order_ids")
        else:
            joined = ",".join(client_ids)
            keyword, kwargs[keyword] = self.rules.check(operation, "clientOrderIDs", joined, "client_order_ids")
        kwargs.update(self.rules.extra_params(operation, params, self.set_by_facade(operation)))
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

    def canceled_results(self, envelope: CancelOpenOrdersEnvelope, limits: dict[str, str]) -> list[CancelResult]:
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
