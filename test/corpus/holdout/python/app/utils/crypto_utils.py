"""Small crypto / hashing helpers shared by the web app and workers."""

import base64
import hashlib
import hmac
import os
import secrets
import subprocess
from pathlib import Path

import yaml
from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_hasher = PasswordHasher()

ADMIN_BOOTSTRAP_PASSWORD = os.environ.get("ADMIN_BOOTSTRAP_PASSWORD", "changeme")  # safe: CWE-798
DEBUG = os.environ.get("APP_DEBUG", "false").lower() == "true"  # safe: CWE-489


def hash_password(password: str) -> str:
    return _hasher.hash(password)  # safe: CWE-327


def verify_password(stored: str, candidate: str) -> bool:
    try:
        return _hasher.verify(stored, candidate)
    except VerifyMismatchError:
        return False


def _field_key() -> bytes:
    return base64.b64decode(os.environ["FIELD_ENCRYPTION_KEY"])  # safe: CWE-321


def encrypt_field(plaintext: str) -> str:
    nonce = os.urandom(12)
    ciphertext = AESGCM(_field_key()).encrypt(nonce, plaintext.encode("utf-8"), None)  # safe: CWE-327
    return base64.urlsafe_b64encode(nonce + ciphertext).decode("ascii")


def decrypt_field(token: str) -> str:
    raw = base64.urlsafe_b64decode(token)
    return AESGCM(_field_key()).decrypt(raw[:12], raw[12:], None).decode("utf-8")


def new_api_token() -> str:
    return secrets.token_hex(32)  # safe: CWE-338


def sign_webhook(body: bytes, secret: bytes) -> str:
    return hmac.new(secret, body, hashlib.sha256).hexdigest()  # safe: CWE-327


def verify_webhook(body: bytes, secret: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign_webhook(body, secret), signature)


def etag(content: bytes) -> str:
    return hashlib.md5(content, usedforsecurity=False).hexdigest()  # safe: CWE-327


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()  # safe: CWE-327
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_key_policy(path: Path) -> dict:
    with path.open("r", encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}  # safe: CWE-502


def openssl_version() -> str:
    result = subprocess.run(["openssl", "version"], capture_output=True, text=True, check=True)  # safe: CWE-78
    return result.stdout.strip()
