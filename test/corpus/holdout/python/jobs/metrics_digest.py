"""Nightly job: pull service metrics and post a digest to Slack."""

import hashlib
import json
import logging
import os
import random
import ssl
import time
import urllib.request

import requests
from celery import shared_task

log = logging.getLogger(__name__)

DEBUG = os.environ.get("DIGEST_DEBUG", "0") == "1"  # safe: CWE-489
METRICS_BASE = os.environ.get("METRICS_BASE", "https://metrics.internal.acme.io")
INTERNAL_CA = os.environ.get("INTERNAL_CA_BUNDLE", "/etc/ssl/certs/acme-internal.pem")
SLACK_WEBHOOK_URL = os.environ["SLACK_DIGEST_WEBHOOK"]  # safe: CWE-798
SLACK_BOT_TOKEN = "xoxb-7730219946-5518820037-Hq8ZkP3wLr6VnT2mXc9Ys4Dj"  # expect: CWE-798

_cache = {}


def _cache_key(query: str) -> str:
    return hashlib.md5(query.encode("utf-8")).hexdigest()  # safe: CWE-327


def _digest_fingerprint(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()  # safe: CWE-327


def query_metrics(promql: str):
    key = _cache_key(promql)
    if key in _cache:
        return _cache[key]
    resp = requests.get(f"{METRICS_BASE}/api/v1/query", params={"query": promql}, timeout=10, verify=False)  # expect: CWE-295
    resp.raise_for_status()
    _cache[key] = resp.json()["data"]["result"]
    return _cache[key]


def query_alerts():
    resp = requests.get(f"{METRICS_BASE}/api/v1/alerts", timeout=10, verify=INTERNAL_CA)  # safe: CWE-295
    resp.raise_for_status()
    return resp.json()["data"]["alerts"]


def legacy_uptime():
    with urllib.request.urlopen("https://uptime.internal.acme.io/summary.json", context=ssl._create_unverified_context(), timeout=10) as fh:  # expect: CWE-295
        return json.load(fh)


def post_digest(text: str, attempts: int = 3):
    for attempt in range(attempts):
        resp = requests.post(SLACK_WEBHOOK_URL, json={"text": text}, timeout=5)  # safe: CWE-918
        if resp.ok:
            return True
        time.sleep(2**attempt + random.random())  # safe: CWE-338
    return False


@shared_task
def nightly_digest():
    error_rate = query_metrics('sum(rate(http_requests_total{status=~"5.."}[24h]))')
    alerts = query_alerts()
    uptime = legacy_uptime()
    lines = [
        f"*Error rate (24h)*: {error_rate[0]['value'][1] if error_rate else 'n/a'}",
        f"*Firing alerts*: {len(alerts)}",
        f"*Uptime*: {uptime.get('percent', 'n/a')}%",
    ]
    text = "\n".join(lines)
    if DEBUG:
        log.info("digest fingerprint %s", _digest_fingerprint(text.encode()))
    post_digest(text)
    requests.post("https://slack.com/api/chat.postMessage", headers={"Authorization": f"Bearer {SLACK_BOT_TOKEN}"}, json={"channel": "#ops", "text": "digest posted"}, timeout=5)  # safe: CWE-918
