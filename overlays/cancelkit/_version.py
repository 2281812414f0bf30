"""cancelkit's version, from the installed package's metadata: one place to bump (pyproject.toml)."""

from __future__ import annotations

import functools


@functools.cache
def version() -> str:
    from importlib import metadata  # on first use: importlib.metadata costs more than the rest of `import cancelkit`

    try:
        return metadata.version("cancelkit")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


@functools.cache
def user_agent() -> str:
    return f"cancelkit/{version()}"
