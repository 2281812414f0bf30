"""The generated normalized models: str() is one readable line, decimals as the venue wrote them; repr is the
dataclass's own."""

from decimal import Decimal

import dataclasses

from cancelkit_models import (
    CancelResult,
    DeadManSwitch,
    ErrorCategory,
    Order,
    OrderListCancelResult,
    OrderStatus,
    Venue,
)


def result(**overrides: object) -> CancelResult:
    fields: dict[str, object] = {
        "venue": Venue.BINANCE,
        "symbol": "BTCUSDT",
        "order_id": "12345",
        "status": OrderStatus.CANCELED,
        "executed_qty": Decimal("0E-8"),
        "price": Decimal("2.00000001"),
        "rate_limits": {},
        "raw": {"orderId": 12345},
    }
    fields.update(overrides)
    return CancelResult(**fields)  # type: ignore[arg-type]


def test_str_of_a_result_is_one_line_with_decimals_as_written() -> None:
    assert str(result()) == "venue=binance symbol=BTCUSDT order_id=12345 status=CANCELED executed_qty=0.00000000"
    assert str(Decimal("0E-8")) == "0E-8"  # what str() of the Decimal itself would have shown
    text = str(result(executed_qty=Decimal("1.50000000"), status="A_NEW_STATUS", venue=Venue.BINGX))
    assert text == "venue=bingx symbol=BTCUSDT order_id=12345 status=A_NEW_STATUS executed_qty=1.50000000"


def test_str_of_a_sparse_result() -> None:
    # MEXC's sparsest answer has no executed quantity.
    assert str(result(venue=Venue.MEXC, executed_qty=None)).endswith("status=CANCELED executed_qty=None")


def test_repr_is_the_dataclass_repr() -> None:
    text = repr(result())
    assert text.startswith("CancelResult(venue=<Venue.BINANCE: 'binance'>, symbol='BTCUSDT', order_id='12345'")
    assert "executed_qty=Decimal('0E-8')" in text
    assert "\n" not in str(result())


def test_str_of_an_order_list_counts_its_orders() -> None:
    order_list = OrderListCancelResult(
        venue=Venue.BINANCE,
        symbol="LTCBTC",
        order_list_id="0",
        list_status="ALL_DONE",
        list_order_status="ALL_DONE",
        orders=[result(order_id="2"), result(order_id="3")],
        rate_limits={},
        raw={},
    )
    assert str(order_list) == "venue=binance symbol=LTCBTC order_list_id=0 list_status=ALL_DONE orders=2"
    assert repr(order_list).startswith("OrderListCancelResult(venue=<Venue.BINANCE: 'binance'>")


def test_error_categories_are_generated_from_the_schema() -> None:
    assert ErrorCategory("nothing_open") is ErrorCategory.NOTHING_OPEN
    assert ErrorCategory("order_archived") is ErrorCategory.ORDER_ARCHIVED
    assert len(ErrorCategory) == 10


def test_a_result_says_how_its_outcome_was_learned() -> None:
    assert result().resolution is None  # the cancel's own answer
    assert dataclasses.replace(result(), resolution="query").resolution == "query"
    assert "resolution" not in str(result(resolution="open_orders"))  # str() stays the same line


def order(**overrides: object) -> Order:
    fields: dict[str, object] = {
        "venue": Venue.MEXC,
        "symbol": "BTCUSDT",
        "order_id": "C02__413321238354677760043",
        "status": OrderStatus.PARTIALLY_FILLED,
        "executed_qty": Decimal("0.40000000"),
        "orig_qty": Decimal("1.00000000"),
        "rate_limits": {},
        "raw": {"orderId": "C02__413321238354677760043", "clientOrderId": None},
    }
    fields.update(overrides)
    return Order(**fields)  # type: ignore[arg-type]


def test_str_of_an_order_is_one_line_with_what_executed() -> None:
    assert str(order()) == (
        "venue=mexc symbol=BTCUSDT order_id=C02__413321238354677760043 status=PARTIALLY_FILLED"
        " executed_qty=0.40000000 orig_qty=1.00000000"
    )
    bare = order(executed_qty=None, orig_qty=None, status="A_NEW_STATUS")
    assert str(bare).endswith("status=A_NEW_STATUS executed_qty=None orig_qty=None")
    assert (bare.client_order_id, bare.created_time, bare.update_time, bare.order_list_id) == (None, None, None, None)
    assert repr(order()).startswith("Order(venue=<Venue.MEXC: 'mexc'>, symbol='BTCUSDT'")


def test_str_of_a_dead_man_switch() -> None:
    armed = DeadManSwitch(
        venue=Venue.BINGX,
        status="ACTIVATED",
        active=True,
        trigger_time_ms=1710389137000,
        raw={"triggerTime": 1710389137},
    )
    assert str(armed) == "venue=bingx status=ACTIVATED active=True trigger_time_ms=1710389137000"
    closed = DeadManSwitch(venue=Venue.BINGX, status="CLOSED", active=False, raw={"triggerTime": 0})
    assert (closed.trigger_time_ms, closed.note) == (None, None)
    assert str(closed) == "venue=bingx status=CLOSED active=False trigger_time_ms=None"
