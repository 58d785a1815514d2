"""Flask application factory for the customer portal."""
import os
import secrets
from urllib.parse import urlparse

from flask import Flask, jsonify, make_response, redirect, request, session, url_for
from flask_cors import CORS

from .auth import check_credentials
from .reports import reports

app = Flask(__name__)
app.secret_key = "b3f1c9e2a7d84f60b5e1c3a9d7f2e8b4"  # expect: CWE-798
app.debug = True  # expect: CWE-489
app.config["SESSION_COOKIE_SECURE"] = True  # safe: CWE-614
app.config["SESSION_COOKIE_HTTPONLY"] = True  # safe: CWE-1004
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"

CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)  # expect: CWE-942
CORS(app, resources={r"/partner/*": {"origins": ["https://partner.example.com", "https://portal.example.com"]}}, supports_credentials=True)  # safe: CWE-942
CORS(app, resources={r"/public/*": {"origins": "*"}})  # safe: CWE-942

app.register_blueprint(reports)


def create_admin_app() -> Flask:
    admin = Flask("admin")
    admin.secret_key = os.environ["ADMIN_SECRET_KEY"]  # safe: CWE-798
    admin.config["DEBUG"] = os.environ.get("FLASK_DEBUG") == "1"  # safe: CWE-489
    return admin


def is_local_path(target: str) -> bool:
    parts = urlparse(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


@app.post("/login")
def login():
    user = check_credentials(request.form["email"], request.form["password"])
    if not user:
        return jsonify({"error": "invalid credentials"}), 401
    session["uid"] = user.id
    return redirect(request.args["next"])  # expect: CWE-601


@app.post("/login/v2")
def login_v2():
    user = check_credentials(request.form["email"], request.form["password"])
    if not user:
        return jsonify({"error": "invalid credentials"}), 401
    session["uid"] = user.id
    target = request.args.get("next", "/")
    return redirect(target if is_local_path(target) else url_for("dashboard"))  # safe: CWE-601


@app.get("/logout")
def logout():
    session.clear()
    return redirect(url_for("login_page"))  # safe: CWE-601


@app.post("/api/token-login")
def token_login():
    token = secrets.token_urlsafe(32)
    resp = make_response(jsonify({"ok": True}))
    resp.set_cookie("session_token", token)  # expect: CWE-614
    resp.set_cookie("refresh_token", secrets.token_urlsafe(48), secure=True, httponly=False, samesite="Strict")  # expect: CWE-1004
    return resp


@app.post("/api/token-login/v2")
def token_login_v2():
    resp = make_response(jsonify({"ok": True}))
    resp.set_cookie("session_token", secrets.token_urlsafe(32), secure=True, httponly=True, samesite="Lax")  # safe: CWE-614, CWE-1004
    return resp


@app.post("/preferences")
def preferences():
    resp = make_response(jsonify({"ok": True}))
    resp.set_cookie("theme", "dark" if request.form.get("theme") == "dark" else "light", max_age=31536000)  # safe: CWE-614, CWE-1004
    resp.set_cookie("lang", request.form.get("lang", "en")[:5])  # safe: CWE-614, CWE-1004
    return resp


@app.get("/dashboard")
def dashboard():
    return jsonify({"uid": session.get("uid")})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8000, debug=True)  # expect: CWE-489
