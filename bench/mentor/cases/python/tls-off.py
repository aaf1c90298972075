import logging

import requests

logger = logging.getLogger(__name__)

INVENTORY_URL = "https://inventory.internal.example/api/items"


def fetch_items(session_token):
    response = requests.get(
        INVENTORY_URL,
        headers={"Authorization": "Bearer " + session_token},
        timeout=10,
        verify=False,
    )
    response.raise_for_status()
    itemList = response.json()["items"]
    logger.info("fetched %d items", len(itemList))
    return itemList
