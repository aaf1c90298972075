import requests

SLACK_BOT_TOKEN = "{{FAKE_SLACK_TOKEN}}"
SLACK_API = "https://slack.com/api/chat.postMessage"


def post_message(channel, text):
    response = requests.post(
        SLACK_API,
        headers={"Authorization": f"Bearer {SLACK_BOT_TOKEN}"},
        json={"channel": channel, "text": text},
        timeout=10,
    )
    response.raise_for_status()
    return response.json()["ts"]


def postAlert(text):
    return post_message("#alerts", ":rotating_light: " + text)
