"""Binance spot: openapi/binance.yaml, through cancelkit_binance_client."""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import Any, ClassVar

import cancelkit_binance_client as binance
from cancelkit_binance_client import venue_facts
from cancelkit_binance_client.api.general import get_server_time as binance_time
from cancelkit_binance_client.api.trade import cancel_open_orders as binance_cancel_open_orders
from cancelkit_binance_client.api.trade import cancel_order as binance_cancel_order
from cancelkit_binance_client.api.trade import cancel_order_list as binance_cancel_order_list
from cancelkit_binance_client.api.trade import get_order as binance_get_order
from cancelkit_binance_client.api.trade import open_orders as binance_open_orders
from cancelkit_binance_client.models import ApiError as BinanceError
from cancelkit_binance_client.models import CancelOrderListReport, CancelOrderReport, OrderReport
from cancelkit_models import CancelResult, Order, OrderListCancelResult, Venue

from .. import _validation as check
from .._signing import BinanceAuth
from ._base import (
    Call,
    VenueAdapter,
    exact_id,
    money,
    optional_decimal,
    optional_int,
    optional_text,
    required_text,
    status_of,
)


class BinanceAdapter(VenueAdapter):
    venue = Venue.BINANCE
    auth_class = BinanceAuth
    facts: ClassVar[ModuleType] = venue_facts
    client_class = binance.Client
    server_time_endpoint: ClassVar[ModuleType] = binance_time
    error_model = BinanceError
    # The order's status, as BingX and the normalized results name it, for Binance's ONLY_ values.
    restriction_aliases: ClassVar[Mapping[str, str]] = {"NEW": "ONLY_NEW", "PARTIALLY_FILLED": "ONLY_PARTIALLY_FILLED"}
    unicode_symbols = True  # "Parameter symbol and symbols can now support Unicode values encoded in UTF-8" (2025-12)
    cancel_order_endpoint: ClassVar[ModuleType] = binance_cancel_order
    cancel_open_orders_endpoint: ClassVar[ModuleType] = binance_cancel_open_orders

    get_order_endpoint: ClassVar[ModuleType] = binance_get_order
    open_orders_endpoint: ClassVar[ModuleType] = binance_open_orders

    def cancel_result(self, parsed: Any, limits: dict[str, str]) -> CancelResult:
        return self.result(parsed, limits)

    @staticmethod
    def order_fields(report: OrderReport | CancelOrderReport, limits: dict[str, str]) -> dict[str, Any]:
        """What a cancel report and a query's report say alike, normalized."""
        return {
            "venue": Venue.BINANCE,
            "symbol": required_text(report.symbol),
            "order_id": exact_id(report.order_id),
            "order_list_id": None if report.order_list_id == -1 else exact_id(report.order_list_id),
            "status": status_of(required_text(report.status)),
            "side": optional_text(report.side),
            "order_type": optional_text(report.type_),
            "time_in_force": optional_text(report.time_in_force),
            "price": money(report.price),
            "stop_price": optional_decimal(report.stop_price),
            "orig_qty": money(report.orig_qty),
            "executed_qty": money(report.executed_qty),
            "cumulative_quote_qty": money(report.cummulative_quote_qty),
            "rate_limits": limits,
            "raw": report.to_dict(),
        }

    def order_result(self, report: OrderReport, limits: dict[str, str]) -> Order:
        return Order(
            **self.order_fields(report, limits),
            client_order_id=optional_text(report.client_order_id),
            created_time=optional_int(report.time),
            update_time=optional_int(report.update_time),
        )

    def orders_listed(self, reports: list[OrderReport], limits: dict[str, str]) -> list[Order]:
        return [self.order_result(report, limits) for report in reports]

    def cancel_order_list(
        self,
        symbol: object,
        order_list_id: object,
        list_client_order_id: object,
        new_client_order_id: object,
        params: Mapping[str, object] | None = None,
    ) -> Call[OrderListCancelResult]:
        check.at_least_one(
            "order_list_id", order_list_id, "list_client_order_id", list_client_order_id, venue="binance"
        )
        operation = "cancel_order_list"
        sym = self.symbol(symbol, operation)
        kwargs: dict[str, Any] = {"symbol": sym}
        for name, label, value in (
            ("orderListId", "order_list_id", order_list_id),
            ("listClientOrderId", "list_client_order_id", list_client_order_id),
            ("newClientOrderId", "new_client_order_id", new_client_order_id),
        ):
            if value is not None:
                keyword, kwargs[keyword] = self.rules.check(operation, name, value, label)
        kwargs.update(self.rules.extra_params(operation, params, self.set_by_facade(operation)))
        context = self.context(sym, order_list_id, list_client_order_id)
        return Call(binance_cancel_order_list, kwargs, self.order_list_result, context)

    def result(self, report: CancelOrderReport, limits: dict[str, str]) -> CancelResult:
        return CancelResult(
            **self.order_fields(report, limits),
            client_order_id=optional_text(report.orig_client_order_id),
            cancel_client_order_id=optional_text(report.client_order_id),
            transact_time=optional_int(report.transact_time),
        )

    def order_list_result(self, report: CancelOrderListReport, limits: dict[str, str]) -> OrderListCancelResult:
        return OrderListCancelResult(
            venue=Venue.BINANCE,
            symbol=required_text(report.symbol),
            order_list_id=exact_id(report.order_list_id),
            list_client_order_id=optional_text(report.list_client_order_id),
            contingency_type=optional_text(report.contingency_type),
            list_status=required_text(report.list_status_type),
            list_order_status=required_text(report.list_order_status),
            transaction_time=optional_int(report.transaction_time),
            orders=[self.result(order, limits) for order in report.order_reports],
            rate_limits=limits,
            raw=report.to_dict(),
        )

    def canceled_results(self, reports: list[Any], limits: dict[str, str]) -> list[CancelResult]:
        results: list[CancelResult] = []
        for report in reports:
            if isinstance(report, CancelOrderListReport):  # an order list: its orders, one by one
                results.extend(self.result(order, limits) for order in report.order_reports)
            else:
                results.append(self.result(report, limits))
        return results

    def server_time(self, response: Any) -> int:
        parsed = response.parsed
        if isinstance(parsed, binance.models.ServerTime):
            return parsed.server_time
        raise self.clock_error(f"HTTP {int(response.status_code)}")
