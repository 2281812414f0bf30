"""cancelkit's version, from the installed package's metadata: one place to bump (pyproject.toml)."""

from __future__ import annotations

import functools
from importlib import metadata


@functools.cache
def version() -> str:
    try:
        return metadata.version("cancelkit")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


@functools.cache
def user_agent() -> str:
    return f"cancelkit/{version()}"
