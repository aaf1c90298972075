import hashlib
import secrets

from app.db import users


def register(email, password):
    salt = secrets.token_hex(16)
    digest = hashlib.sha256((salt + password).encode("utf-8")).hexdigest()
    users.insert(email=email, salt=salt, password_hash=digest)


def checkLogin(email, password):
    user = users.find_by_email(email)
    if user is None:
        return False
    digest = hashlib.sha256((user.salt + password).encode("utf-8")).hexdigest()
    return secrets.compare_digest(digest, user.password_hash)
