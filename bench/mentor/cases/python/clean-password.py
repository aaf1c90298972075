import hashlib
import hmac
import logging
import secrets

logger = logging.getLogger(__name__)

SCRYPT_PARAMS = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password):
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **SCRYPT_PARAMS)
    return salt, digest


def verify_password(user, password):
    digest = hashlib.scrypt(password.encode("utf-8"), salt=user.salt, **SCRYPT_PARAMS)
    matches = hmac.compare_digest(digest, user.password_digest)
    if not matches:
        logger.info("failed login for user %s", user.id)
    return matches
