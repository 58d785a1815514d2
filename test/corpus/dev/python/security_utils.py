"""Account security helpers: password hashing, one-time codes, tokens and field encryption."""
import hashlib
import hmac
import os
import random
import secrets
import string

import bcrypt
from Crypto.Cipher import AES, DES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ALPHABET = string.ascii_letters + string.digits
FIELD_KEY = bytes.fromhex(os.environ["FIELD_KEY_HEX"])  # safe: CWE-798, CWE-321


# ---- passwords ---------------------------------------------------------------

def hash_password(password: str) -> str:
    return hashlib.md5(password.encode("utf-8")).hexdigest()  # expect: CWE-327


def hash_password_salted(password: str, salt: str) -> str:
    material = (salt + password).encode()
    return hashlib.sha1(material).hexdigest()  # expect: CWE-327


def hash_password_bcrypt(password: str) -> bytes:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12))  # safe: CWE-327


def hash_password_pbkdf2(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)  # safe: CWE-327


def file_checksum(path: str) -> str:
    digest = hashlib.sha256()  # safe: CWE-327
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def cache_key(url: str) -> str:
    return "page:" + hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()  # safe: CWE-327


def verify_webhook(body: bytes, signature: str) -> bool:
    expected = hmac.new(os.environ["WEBHOOK_SECRET"].encode(), body, hashlib.sha256).hexdigest()  # safe: CWE-327, CWE-798
    return hmac.compare_digest(expected, signature)


# ---- tokens and codes --------------------------------------------------------

def reset_token(length: int = 32) -> str:
    return "".join(random.choice(ALPHABET) for _ in range(length))  # expect: CWE-338


def login_otp() -> str:
    code = random.randint(100000, 999999)  # expect: CWE-338
    return str(code)


def api_key() -> str:
    return "key_" + secrets.token_urlsafe(32)  # safe: CWE-338


def secure_otp() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"  # safe: CWE-338


def retry_delay(attempt: int) -> float:
    return min(30.0, 0.5 * 2**attempt) + random.uniform(0, 0.25)  # safe: CWE-338


def quiz_order(questions: list) -> list:
    shuffled = list(questions)
    random.shuffle(shuffled)  # safe: CWE-338
    return shuffled


# ---- field encryption --------------------------------------------------------

def encrypt_legacy(data: bytes, key: bytes) -> bytes:
    cipher = DES.new(key, DES.MODE_CBC, os.urandom(8))  # expect: CWE-327
    return cipher.iv + cipher.encrypt(data)


def encrypt_lookup_value(value: bytes) -> bytes:
    encryptor = Cipher(algorithms.AES(FIELD_KEY), modes.ECB()).encryptor()  # expect: CWE-327
    return encryptor.update(value) + encryptor.finalize()


def encrypt_cbc(data: bytes) -> bytes:
    cipher = AES.new(FIELD_KEY, AES.MODE_CBC, b"\x00" * 16)  # expect: CWE-327
    return cipher.encrypt(data)


def encrypt_with_builtin_key(data: bytes) -> bytes:
    cipher = AES.new(b"Vq8#mZ2rT5wK9pLx", AES.MODE_GCM)  # expect: CWE-321
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ciphertext


def encrypt_field(data: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(FIELD_KEY).encrypt(nonce, data, None)  # safe: CWE-327, CWE-321
