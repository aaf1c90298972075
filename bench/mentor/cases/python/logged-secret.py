import logging

import requests

logger = logging.getLogger(__name__)

TOKEN_URL = "https://auth.example.com/oauth/token"


def fetch_access_token(client_id, client_secret):
    logger.debug("requesting a token for %s with secret %s", client_id, client_secret)
    response = requests.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret},
        timeout=10,
    )
    response.raise_for_status()
    accessToken = response.json()["access_token"]
    return accessToken
