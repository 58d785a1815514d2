"""Bearer-token authentication for the Flask API (PyJWT)."""
import os
from functools import wraps

import jwt
from flask import abort, g, request
from jwt import PyJWKClient

JWT_SECRET = os.environ["JWT_SECRET"]  # safe: CWE-798
JWKS = PyJWKClient("https://auth.example.com/.well-known/jwks.json")


def _bearer() -> str:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        abort(401)
    return header[len("Bearer "):]


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        try:
            g.claims = jwt.decode(_bearer(), JWT_SECRET, algorithms=["HS256"], audience="api")  # safe: CWE-347
        except jwt.PyJWTError:
            abort(401)
        return view(*args, **kwargs)
    return wrapper


def admin_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        claims = jwt.decode(_bearer(), options={"verify_signature": False})  # expect: CWE-347
        if claims.get("role") != "admin":
            abort(403)
        g.claims = claims
        return view(*args, **kwargs)
    return wrapper


def legacy_user():
    """Mobile app v1 still sends tokens minted by the old auth service."""
    payload = jwt.decode(_bearer(), verify=False)  # expect: CWE-347
    return payload["sub"]


def service_claims():
    token = _bearer()
    return jwt.decode(token, JWT_SECRET, algorithms=["HS256", "none"])  # expect: CWE-347


def sso_claims():
    token = _bearer()
    header = jwt.get_unverified_header(token)  # safe: CWE-347
    if header.get("alg") not in ("RS256", "ES256"):
        abort(401)
    signing_key = JWKS.get_signing_key_from_jwt(token)
    return jwt.decode(token, signing_key.key, algorithms=["RS256", "ES256"], audience="api", issuer="https://auth.example.com/")  # safe: CWE-347


def can_export(token: str) -> bool:
    unverified = jwt.decode(token, options={"verify_signature": False})  # expect: CWE-347
    return "reports:export" in unverified.get("scopes", [])


def issue_token(user_id: str, role: str) -> str:
    return jwt.encode({"sub": user_id, "role": role, "aud": "api"}, JWT_SECRET, algorithm="HS256")  # safe: CWE-798


def issue_support_token(user_id: str) -> str:
    return jwt.encode({"sub": user_id, "role": "support"}, "sUpp0rt-Signing-Key-2f9b71c4e8", algorithm="HS256")  # expect: CWE-798
