import json
import logging

logger = logging.getLogger(__name__)


def send_notification(client, user, message):
    payload = json.dumps({"user": user["id"], "text": message})
    try:
        client.post("/notifications", data=payload, timeout=5)
    except:
        pass


def notifyAll(client, users, message):
    for user in users:
        send_notification(client, user, message)
    logger.info("notified %d users", len(users))
