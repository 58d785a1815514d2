import hashlib
import os
import random
import secrets
import string
from datetime import datetime, timedelta, timezone

import bcrypt
import jwt
from fastapi import APIRouter, Body, Header, HTTPException, Response
from pydantic import BaseModel
from pymongo import MongoClient

router = APIRouter(prefix="/auth", tags=["auth"])
mongo = MongoClient(os.environ["MONGO_URL"])
users = mongo.acme.users
reset_codes = mongo.acme.reset_codes

JWT_SECRET = os.environ["JWT_SECRET"]  # safe: CWE-798
REFRESH_SECRET = "rf_9Lq2Vx7Kp4Tz8Mw3Nc6Rb1Yh5Gd0Js"  # expect: CWE-798


class LoginIn(BaseModel):
    username: str
    password: str


def legacy_password_digest(password: str) -> str:
    return hashlib.sha1(password.encode("utf-8")).hexdigest()  # expect: CWE-327


def _issue(user_id: str, secret: str, minutes: int) -> str:
    now = datetime.now(timezone.utc)
    return jwt.encode({"sub": user_id, "iat": now, "exp": now + timedelta(minutes=minutes)}, secret, algorithm="HS256")


@router.post("/login")
def login(creds: LoginIn, response: Response):
    user = users.find_one({"username": creds.username})  # safe: CWE-943
    if not user or not bcrypt.checkpw(creds.password.encode(), user["password_hash"]):  # safe: CWE-327
        raise HTTPException(status_code=401, detail="invalid credentials")
    session_id = secrets.token_urlsafe(32)  # safe: CWE-338
    users.update_one({"_id": user["_id"]}, {"$push": {"sessions": session_id}})
    response.set_cookie("session_id", session_id, httponly=True, samesite="lax")  # expect: CWE-614
    response.set_cookie("ui_locale", "en-GB", max_age=31536000)  # safe: CWE-614
    return {"access": _issue(str(user["_id"]), JWT_SECRET, 15), "refresh": _issue(str(user["_id"]), REFRESH_SECRET, 60 * 24)}


@router.post("/token/api-key")
def exchange_api_key(payload: dict = Body(...)):
    user = users.find_one({"api_key": payload.get("api_key"), "disabled": False})  # expect: CWE-943
    if not user:
        raise HTTPException(status_code=401, detail="unknown key")
    return {"access": _issue(str(user["_id"]), JWT_SECRET, 15)}


@router.post("/password-reset")
def request_reset(username: str = Body(..., embed=True)):
    code = "".join(random.choice(string.digits) for _ in range(6))  # expect: CWE-338
    reset_codes.insert_one({"username": username, "code": code, "created": datetime.now(timezone.utc)})
    return {"sent": True}


@router.post("/invites")
def create_invite(email: str = Body(..., embed=True)):
    invite_token = secrets.token_urlsafe(32)  # safe: CWE-338
    mongo.acme.invites.insert_one({"email": email, "token": invite_token})
    return {"invite": invite_token}


def backoff_seconds(attempt: int) -> float:
    return min(30, 2**attempt) + random.uniform(0, 1)  # safe: CWE-338


@router.get("/me")
def me(authorization: str = Header(...)):
    token = authorization.removeprefix("Bearer ")
    claims = jwt.decode(token, JWT_SECRET, algorithms=["HS256"])  # safe: CWE-347
    return users.find_one({"_id": str(claims["sub"])}, {"password_hash": 0})


@router.get("/support/acting-as")
def acting_as(x_support_token: str = Header(...)):
    claims = jwt.decode(x_support_token, options={"verify_signature": False})  # expect: CWE-347
    return users.find_one({"_id": str(claims["sub"])}, {"password_hash": 0, "api_key": 0})
