"""Reporting blueprint: sales queries against the analytics SQLite DB and CSV export downloads."""
import os
import sqlite3
from pathlib import Path

from flask import Blueprint, abort, g, jsonify, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

reports = Blueprint("reports", __name__, url_prefix="/reports")

DB_PATH = os.environ.get("ANALYTICS_DB", "/var/lib/analytics/analytics.db")
EXPORT_DIR = Path(os.environ.get("EXPORT_DIR", "/srv/exports")).resolve()
ALLOWED_SORT = {"day", "revenue", "orders"}


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
        g.db.row_factory = sqlite3.Row
    return g.db


@reports.get("/sales")
def sales():
    region = request.args.get("region", "EU")
    since = request.args.get("since", "2024-01-01")
    cur = get_db().cursor()
    cur.execute(f"SELECT day, revenue FROM sales WHERE region = '{region}' AND day >= '{since}'")  # expect: CWE-89
    return jsonify([dict(r) for r in cur.fetchall()])


@reports.get("/sales/v2")
def sales_v2():
    cur = get_db().cursor()
    cur.execute("SELECT day, revenue FROM sales WHERE region = ? AND day >= ?", (request.args.get("region", "EU"), request.args.get("since", "2024-01-01")))  # safe: CWE-89
    return jsonify([dict(r) for r in cur.fetchall()])


@reports.get("/products/<int:product_id>")
def product(product_id):
    cur = get_db().cursor()
    channel = request.args["channel"]
    query = "SELECT * FROM product_sales WHERE product_id = %d AND channel = '%s'" % (product_id, channel)
    cur.execute(query)  # expect: CWE-89
    return jsonify([dict(r) for r in cur.fetchall()])


@reports.get("/top")
def top_products():
    sort = request.args.get("sort", "revenue")
    limit = request.args.get("limit", "10")
    sql = "SELECT name, revenue, orders FROM product_totals ORDER BY {} DESC LIMIT {}".format(sort, limit)
    rows = get_db().execute(sql).fetchall()  # expect: CWE-89
    return jsonify([dict(r) for r in rows])


@reports.get("/top/v2")
def top_products_v2():
    sort = request.args.get("sort", "revenue")
    if sort not in ALLOWED_SORT:
        abort(400)
    limit = min(int(request.args.get("limit", 10)), 100)
    rows = get_db().execute(f"SELECT name, revenue, orders FROM product_totals ORDER BY {sort} DESC LIMIT ?", (limit,)).fetchall()  # safe: CWE-89
    return jsonify([dict(r) for r in rows])


@reports.get("/summary")
def summary():
    row = get_db().execute("SELECT count(*) AS n, sum(revenue) AS total FROM sales").fetchone()  # safe: CWE-89
    return jsonify(dict(row))


def revenue_for_customer(customer_ref):
    """Called from the billing job with the reference stored on the invoice."""
    return get_db().execute("SELECT sum(revenue) FROM sales WHERE customer_ref = '" + customer_ref + "'").fetchone()  # expect: CWE-89


@reports.get("/exports/download")
def download_export():
    name = request.args["name"]
    return send_file(os.path.join(EXPORT_DIR, name), as_attachment=True)  # expect: CWE-22


@reports.get("/exports/<path:name>")
def download_export_v2(name):
    return send_from_directory(EXPORT_DIR, name, as_attachment=True)  # safe: CWE-22


@reports.get("/exports/by-path")
def download_by_path():
    requested = request.args["path"]
    return send_from_directory(os.path.dirname(requested), os.path.basename(requested))  # expect: CWE-22


@reports.get("/exports/preview")
def preview_export():
    filename = request.args.get("file", "")
    with open(os.path.join(EXPORT_DIR, filename), encoding="utf-8") as fh:  # expect: CWE-22
        head = [next(fh, "") for _ in range(20)]
    return jsonify({"lines": head})


@reports.get("/exports/preview/v2")
def preview_export_v2():
    filename = secure_filename(request.args.get("file", ""))
    with open(os.path.join(EXPORT_DIR, filename), encoding="utf-8") as fh:  # safe: CWE-22
        head = [next(fh, "") for _ in range(20)]
    return jsonify({"lines": head})


@reports.get("/exports/meta")
def export_meta():
    target = (EXPORT_DIR / request.args.get("file", "")).resolve()
    if not target.is_relative_to(EXPORT_DIR):
        abort(404)
    return jsonify({"size": target.stat().st_size, "name": target.name})  # safe: CWE-22
