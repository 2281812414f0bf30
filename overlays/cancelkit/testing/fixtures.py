"""pytest fixtures: add `pytest_plugins = ["cancelkit.testing.fixtures"]` to a conftest.py."""

from collections.abc import Iterator

import pytest

from ._server import Simulator


@pytest.fixture
def simulator() -> Iterator[Simulator]:
    """A running simulator on 127.0.0.1, stopped when the test ends."""
    with Simulator() as sim:
        yield sim
