from collections.abc import Iterator

import pytest

from cancelkit._ratelimit import RATE_LIMITS

pytest_plugins = ["cancelkit.testing.fixtures"]


@pytest.fixture(autouse=True)
def _forget_rate_limits() -> Iterator[None]:
    """What a venue said about rate limits holds for the whole process: each test starts without it."""
    yield
    RATE_LIMITS.clear()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def asynchronous(request: pytest.FixtureRequest) -> bool:
    """Run the test on the sync client and on the async one."""
    return bool(request.param)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--audit-secrets",
        action="store_true",
        help="log everything at DEBUG and fail if a secret, private key or signature shows anywhere",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--audit-secrets"):
        from tests.secret_audit import SecretAudit

        config.secret_audit = SecretAudit()  # type: ignore[attr-defined]
        config.secret_audit.start()  # type: ignore[attr-defined]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    audit = getattr(session.config, "secret_audit", None)
    if audit is None:
        return
    leaks = audit.leaks()
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(audit.summary())
        for leak in leaks[:20]:
            reporter.write_line(f"LEAK {leak}", red=True)
    if leaks:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
