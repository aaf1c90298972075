import json
import logging

logger = logging.getLogger(__name__)


def load_settings(path, required_keys=[]):
    try:
        with open(path, encoding="utf-8") as handle:
            settings = json.load(handle)
    except:
        return {}
    missing = [key for key in required_keys if key not in settings]
    if missing:
        logger.warning("settings file %s lacks %s", path, ", ".join(missing))
    return settings
