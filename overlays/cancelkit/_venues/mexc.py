"""MEXC spot v3: openapi/mexc.yaml, through cancelkit_mexc_client."""

from __future__ import annotations

from types import ModuleType
from typing import Any, ClassVar

import cancelkit_mexc_client as mexc
from cancelkit_mexc_client import venue_facts
from cancelkit_mexc_client.api.general import get_server_time as mexc_time
from cancelkit_mexc_client.api.trade import cancel_open_orders as mexc_cancel_open_orders
from cancelkit_mexc_client.api.trade import cancel_order as mexc_cancel_order
from cancelkit_mexc_client.api.trade import get_order as mexc_get_order
from cancelkit_mexc_client.api.trade import open_orders as mexc_open_orders
from cancelkit_mexc_client.models import ApiError as MexcError
from cancelkit_mexc_client.models import CancelOrderReport as MexcReport
from cancelkit_mexc_client.models import OrderReport as MexcOrder
from cancelkit_models import CancelResult, Order, OrderStatus, Venue

from .._signing import MexcAuth
from ._base import (
    VenueAdapter,
    absent,
    exact_id,
    loose_int,
    optional_decimal,
    optional_int,
    optional_text,
    required_text,
    status_of,
)


class MexcAdapter(VenueAdapter):
    venue = Venue.MEXC
    auth_class = MexcAuth
    facts: ClassVar[ModuleType] = venue_facts
    client_class = mexc.Client
    server_time_endpoint: ClassVar[ModuleType] = mexc_time
    error_model = MexcError
    cancel_order_endpoint: ClassVar[ModuleType] = mexc_cancel_order
    cancel_open_orders_endpoint: ClassVar[ModuleType] = mexc_cancel_open_orders

    get_order_endpoint: ClassVar[ModuleType] = mexc_get_order
    open_orders_endpoint: ClassVar[ModuleType] = mexc_open_orders

    def cancel_result(self, parsed: Any, limits: dict[str, str]) -> CancelResult:
        return self.result(parsed, limits)

    def order_result(self, report: MexcOrder, limits: dict[str, str]) -> Order:
        # MEXC may send ids and times as strings and leave fields null; its docs' sample says `Qty` for origQty.
        list_id = loose_int(report.order_list_id)
        return Order(
            venue=Venue.MEXC,
            symbol=required_text(report.symbol),
            order_id=exact_id(report.order_id),
            client_order_id=optional_text(report.client_order_id),
            order_list_id=None if list_id in (None, -1) else str(list_id),
            status=status_of(required_text(report.status)),
            side=optional_text(report.side),
            order_type=optional_text(report.type_),
            time_in_force=optional_text(report.time_in_force),
            price=optional_decimal(report.price),
            stop_price=optional_decimal(report.stop_price),
            orig_qty=optional_decimal(report.orig_qty if not absent(report.orig_qty) else report.qty),
            executed_qty=optional_decimal(report.executed_qty),
            cumulative_quote_qty=optional_decimal(report.cummulative_quote_qty),
            created_time=loose_int(report.time),
            update_time=loose_int(report.update_time),
            rate_limits=limits,
            raw=report.to_dict(),
        )

    def orders_listed(self, reports: list[MexcOrder], limits: dict[str, str]) -> list[Order]:
        return [self.order_result(report, limits) for report in reports]

    def canceled_results(self, reports: list[MexcReport], limits: dict[str, str]) -> list[CancelResult]:
        return [self.result(report, limits) for report in reports]

    def result(self, report: MexcReport, limits: dict[str, str]) -> CancelResult:
        list_id = optional_int(report.order_list_id)
        return CancelResult(
            venue=Venue.MEXC,
            symbol=required_text(report.symbol),
            order_id=exact_id(report.order_id),
            client_order_id=optional_text(report.orig_client_order_id),
            cancel_client_order_id=optional_text(report.client_order_id),
            order_list_id=None if list_id in (None, -1) else str(list_id),
            # A 200 answers a cancel that succeeded; MEXC's sparsest answers omit the status.
            status=status_of(optional_text(report.status) or OrderStatus.CANCELED),
            side=optional_text(report.side),
            order_type=optional_text(report.type_),
            time_in_force=optional_text(report.time_in_force),
            price=optional_decimal(report.price),
            orig_qty=optional_decimal(report.orig_qty),
            executed_qty=optional_decimal(report.executed_qty),
            cumulative_quote_qty=optional_decimal(report.cummulative_quote_qty),
            rate_limits=limits,
            raw=report.to_dict(),
        )

    def server_time(self, response: Any) -> int:
        parsed = response.parsed
        if isinstance(parsed, mexc.models.ServerTime):
            return parsed.server_time
        raise self.clock_error(f"HTTP {int(response.status_code)}")
