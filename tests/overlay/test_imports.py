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
]


def loaded_after(code: str) -> dict[str, bool]:
    probe = f"import sys\n{code}\nimport json\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))"
    output = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    loaded: dict[str, bool] = json.loads(output)
    return loaded


def test_import_cancelkit_loads_nothing_heavy() -> None:
    assert loaded_after("import cancelkit") == dict.fromkeys(HEAVY, False)


def test_the_sync_client_loads_neither_the_simulator_nor_asymmetric_keys() -> None:
    loaded = loaded_after("import cancelkit; cancelkit.CancelClient")
    assert {name for name, yes in loaded.items() if yes} == {
        "httpx",
        "httptools",
        "asyncio",
        "cancelkit_binance_client",
    }


def test_every_public_name_resolves() -> None:
    for name in cancelkit.__all__:
        assert getattr(cancelkit, name) is not None
    assert cancelkit.HTTP11Transport.__module__ == "cancelkit._transport"
