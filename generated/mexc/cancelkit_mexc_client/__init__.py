"""A client library for accessing MEXC Spot v3 cancel API"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
