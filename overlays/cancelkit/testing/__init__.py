"""A local venue simulator for tests: `from cancelkit.testing import Simulator`. Not imported by `import cancelkit`.

Use it from pytest with `pytest_plugins = ["cancelkit.testing.fixtures"]` (the `simulator` fixture), or from the
command line with `cancelkit simulate`.
"""

from ._server import DEFAULT_SECRETS, Fault, Simulator, seed
from ._venues import SimOrder, SimOrderList

__all__ = ["DEFAULT_SECRETS", "Fault", "SimOrder", "SimOrderList", "Simulator", "seed"]
