"""Encryption at rest and keyed hashing for sensitive identifiers.

The ciphertext (Fernet: AES-128-CBC + HMAC-SHA256) lets authorised roles reveal a number;
the keyed hash (HMAC-SHA256) finds duplicates without decrypting every row. Both keys derive
from settings.FIELD_ENCRYPTION_KEY with distinct labels so one never stands in for the other.
"""

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet
from django.conf import settings


def _derive(label: bytes) -> bytes:
    return hmac.new(settings.FIELD_ENCRYPTION_KEY.encode(), label, hashlib.sha256).digest()


@cache
def _fernet(key_material: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(b"field-encryption")))


def encrypt(text: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode()).decode()


def keyed_hash(text: str) -> str:
    return hmac.new(_derive(b"lookup-hash"), text.encode(), hashlib.sha256).hexdigest()
