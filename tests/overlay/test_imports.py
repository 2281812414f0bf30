"""`import cancelkit` stays cheap: heavy parts load only when used; every public name resolves."""

import json
import subprocess
import sys

import cancelkit

HEAVY = [
    "httpx",
    "httptools",
    "cryptography",
    "asyncio",
    "cancelkit.testing",
    "cancelkit.cli",
    "cancelkit_binance_client",
    "cancelkit_mexc_client",
    "attr",
    "concurrent.futures",
    "importlib.metadata",
]


def loaded_after(code: str) -> dict[str, bool]:
    probe = f"import sys\n{code}\nimport json\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))"
    output = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    loaded: dict[str, bool] = json.loads(output)
    return loaded


def test_import_cancelkit_loads_nothing_heavy() -> None:
    assert loaded_after("import cancelkit") == dict.fromkeys(HEAVY, False)


def test_the_sync_client_class_loads_httpx_and_its_parser_only() -> None:
    """No venue's generated client (and its attrs models), no asyncio, no thread pool, no package metadata: each
    loads when a client of that kind is made or first needs it (`make bench` measures the import)."""
    loaded = loaded_after("from cancelkit import CancelClient")
    assert {name for name, yes in loaded.items() if yes} == {"httpx", "httptools"}


def test_a_client_loads_its_own_venue_only() -> None:
    loaded = loaded_after(
        "from cancelkit import CancelClient, Credentials; CancelClient('binance', Credentials('k', 's'))"
    )
    assert {name for name, yes in loaded.items() if yes} == {
        "httpx",
        "httptools",
        "cancelkit_binance_client",
        "attr",
        "importlib.metadata",  # the User-Agent's version
    }


def test_the_async_client_loads_asyncio() -> None:
    assert loaded_after("from cancelkit import AsyncCancelClient")["asyncio"]


def test_every_public_name_resolves() -> None:
    for name in cancelkit.__all__:
        assert getattr(cancelkit, name) is not None
    assert cancelkit.HTTP11Transport.__module__ == "cancelkit._transport"
    assert cancelkit.AsyncHTTP11Transport.__module__ == "cancelkit._transport_async"
