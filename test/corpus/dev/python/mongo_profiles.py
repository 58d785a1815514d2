"""Profile and password-reset API backed by MongoDB (Flask + PyMongo)."""
import getpass
import os
from datetime import datetime, timezone

from flask import Blueprint, abort, jsonify, request
from pydantic import BaseModel, ValidationError, constr
from pymongo import MongoClient
from werkzeug.security import generate_password_hash

MONGO_URI = os.environ.get("MONGO_URI", "mongodb://localhost:27017/profiles")  # safe: CWE-798
ANALYTICS_MONGO_URI = "mongodb://analytics:Tz8qLw3XvR6pNs2K@analytics-db.internal:27017/events"  # expect: CWE-798
mailer_api_key = "5wgn8haiMxFKNvUNenI3urOvMvoublRK"  # expect: CWE-798
partner_api_key = os.getenv("PARTNER_API_KEY", "your_api_key_here")  # safe: CWE-798
admin_password = "changeme"  # safe: CWE-798

client = MongoClient(MONGO_URI)
db = client.get_default_database()
bp = Blueprint("profiles", __name__, url_prefix="/profiles")


class ResetRequest(BaseModel):
    token: constr(min_length=43, max_length=43)
    password: constr(min_length=12)  # safe: CWE-798


@bp.post("/password/reset")
def reset_password():
    payload = request.get_json(force=True)
    record = db.password_resets.find_one({"token": payload["token"], "used": False})  # expect: CWE-943
    if not record:
        abort(400)
    db.users.update_one({"_id": record["user_id"]}, {"$set": {"password": generate_password_hash(payload["password"])}})
    return jsonify({"ok": True})


@bp.post("/password/reset/v2")
def reset_password_v2():
    try:
        body = ResetRequest.model_validate(request.get_json(force=True))
    except ValidationError:
        abort(400)
    record = db.password_resets.find_one({"token": body.token, "used": False})  # safe: CWE-943
    if not record:
        abort(400)
    db.users.update_one({"_id": record["user_id"]}, {"$set": {"password": generate_password_hash(body.password)}})  # safe: CWE-943
    return jsonify({"ok": True})


@bp.post("/lookup")
def lookup():
    data = request.get_json(force=True)
    profile = db.users.find_one({"username": str(data.get("username", ""))}, {"password": 0})  # safe: CWE-943
    return jsonify({"found": profile is not None})


@bp.get("/search")
def search():
    city = request.args.get("city", "")
    cursor = db.users.find({"$where": f"this.address && this.address.city == '{city}'"}, {"password": 0})  # expect: CWE-943
    return jsonify([doc["username"] for doc in cursor])


@bp.post("/filter")
def filter_profiles():
    criteria = request.get_json(force=True)
    criteria["deleted"] = False
    docs = db.users.find(criteria, {"password": 0}).limit(50)  # expect: CWE-943
    return jsonify([doc["username"] for doc in docs])


@bp.get("/by-city")
def by_city():
    city = request.args.get("city", "")
    docs = db.users.find({"address.city": city, "deleted": False}, {"password": 0}).limit(50)  # safe: CWE-943
    return jsonify([doc["username"] for doc in docs])


def record_login(username):
    db.logins.insert_one({"username": username, "at": datetime.now(timezone.utc)})


def bootstrap_admin():
    password = getpass.getpass("Admin password: ")  # safe: CWE-798
    db.users.insert_one({"username": "admin", "password": generate_password_hash(password)})
