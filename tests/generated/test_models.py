"""The generated normalized models: str() is one readable line, decimals as the venue wrote them; repr is the
dataclass's own."""

from decimal import Decimal

from cancelkit_models import CancelResult, ErrorCategory, OrderListCancelResult, OrderStatus, Venue


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
    assert len(ErrorCategory) == 9
