"""Upload storage service (Flask). Every handler here is meant to be safe."""
import hashlib
import json
import os
import secrets
import subprocess
from pathlib import Path

import requests
import yaml
from defusedxml.ElementTree import fromstring as parse_xml
from flask import Blueprint, abort, jsonify, redirect, render_template, request, send_from_directory, url_for
from markupsafe import escape
from werkzeug.security import safe_join
from werkzeug.utils import secure_filename

uploads = Blueprint("uploads", __name__, url_prefix="/uploads")
UPLOAD_ROOT = Path(os.environ.get("UPLOAD_ROOT", "/srv/uploads")).resolve()
SCANNER_URL = "https://scanner.internal.example.com/v1/scan"
SCANNER_CA = "/etc/ssl/certs/scanner-ca.pem"


@uploads.post("/")
def upload():
    f = request.files["file"]
    name = secure_filename(f.filename or "") or secrets.token_hex(8)  # safe: CWE-22, CWE-338
    dest = UPLOAD_ROOT / name
    f.save(dest)
    digest = hashlib.sha256(dest.read_bytes()).hexdigest()  # safe: CWE-327
    subprocess.run(["clamscan", "--no-summary", str(dest)], check=False, timeout=60)  # safe: CWE-78
    requests.post(SCANNER_URL, json={"name": name, "sha256": digest}, timeout=5, verify=SCANNER_CA)  # safe: CWE-918, CWE-295
    return jsonify({"name": name, "sha256": digest}), 201


@uploads.get("/<path:name>")
def download(name):
    return send_from_directory(UPLOAD_ROOT, name)  # safe: CWE-22


@uploads.get("/meta/<path:name>")
def meta(name):
    full = safe_join(str(UPLOAD_ROOT), name)
    if full is None or not os.path.isfile(full):
        abort(404)
    with open(full, "rb") as fh:  # safe: CWE-22
        size = len(fh.read())
    return jsonify({"name": os.path.basename(full), "size": size})


@uploads.post("/manifest")
def manifest():
    kind = request.mimetype
    if kind == "application/json":
        data = json.loads(request.get_data(as_text=True))  # safe: CWE-502
    elif kind in ("application/yaml", "text/yaml"):
        data = yaml.safe_load(request.get_data(as_text=True))  # safe: CWE-502
    elif kind == "application/xml":
        root = parse_xml(request.get_data())  # safe: CWE-611
        data = {"files": [el.text for el in root.iter("file")]}
    else:
        abort(415)
    return jsonify({"entries": len(data.get("files", []))})


@uploads.get("/view/<path:name>")
def view(name):
    return render_template("upload.html", name=name, title=escape(name))  # safe: CWE-79, CWE-1336


@uploads.post("/done")
def done():
    return redirect(url_for("uploads.view", name=secure_filename(request.form.get("name", ""))))  # safe: CWE-601
