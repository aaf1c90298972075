"""A small client for the inventory service."""

from __future__ import annotations

import requests

DEFAULT_TIMEOUT = 10


class InventoryError(Exception):
    """Raised when the inventory service cannot answer."""


class InventoryClient:
    """Talks to the inventory service over HTTP, reusing one session."""

    def __init__(self, base_url: str, session: requests.Session | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()

    def stock_level(self, sku: str) -> int:
        """Return how many units of ``sku`` are in stock."""
        try:
            response = self.session.get(f"{self.base_url}/stock/{sku}", timeout=DEFAULT_TIMEOUT)
            response.raise_for_status()
        except requests.RequestException as exc:
            raise InventoryError(f"could not read the stock of {sku}") from exc
        return int(response.json()["available"])
