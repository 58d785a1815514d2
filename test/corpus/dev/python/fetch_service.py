"""Webhook relay and unfurl service (FastAPI): fetches remote URLs on behalf of workspace users."""
import ipaddress
import socket
import urllib.request
from urllib.parse import quote, urlparse

import httpx
import requests
from fastapi import FastAPI, HTTPException, Query
from pydantic import BaseModel, HttpUrl

app = FastAPI()

UNFURL_HOSTS = {"github.com", "gitlab.com", "www.figma.com", "docs.google.com"}
STATUS_API = "https://status.vendor.example.com"
INTERNAL_CA = "/etc/ssl/certs/internal-ca.pem"


class Webhook(BaseModel):
    url: HttpUrl
    event: str


def is_public_host(hostname: str) -> bool:
    for info in socket.getaddrinfo(hostname, None):
        if not ipaddress.ip_address(info[4][0]).is_global:
            return False
    return True


@app.get("/unfurl")
def unfurl(url: str = Query(...)):
    resp = requests.get(url, timeout=5)  # expect: CWE-918
    return {"status": resp.status_code, "length": len(resp.content)}


@app.get("/unfurl/v2")
def unfurl_v2(url: str = Query(...)):
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in UNFURL_HOSTS:
        raise HTTPException(400, "host not allowed")
    resp = requests.get(url, timeout=5, allow_redirects=False)  # safe: CWE-918
    return {"status": resp.status_code}


@app.post("/webhooks/test")
async def test_webhook(hook: Webhook):
    target = f"{hook.url}"
    async with httpx.AsyncClient(timeout=5) as client:
        resp = await client.post(target, json={"event": hook.event, "test": True})  # expect: CWE-918
    return {"status": resp.status_code}


@app.post("/webhooks/test/v2")
async def test_webhook_v2(hook: Webhook):
    if hook.url.scheme != "https" or not is_public_host(hook.url.host):
        raise HTTPException(400, "webhook must be a public https endpoint")
    async with httpx.AsyncClient(timeout=5, follow_redirects=False) as client:
        resp = await client.post(str(hook.url), json={"event": hook.event, "test": True})  # safe: CWE-918
    return {"status": resp.status_code}


@app.get("/feeds/import")
def import_feed(feed: str):
    with urllib.request.urlopen(feed, timeout=10) as fh:  # expect: CWE-918
        return {"bytes": len(fh.read())}


@app.get("/vendors/{vendor}/status")
def vendor_status(vendor: str):
    resp = requests.get(f"{STATUS_API}/v1/components/{quote(vendor, safe='')}", timeout=5)  # safe: CWE-918
    return resp.json()


@app.get("/tenants/{tenant}/health")
def tenant_health(tenant: str):
    resp = httpx.get(f"http://{tenant}.tenants.svc.cluster.local/healthz", timeout=2)  # expect: CWE-918
    return {"ok": resp.status_code == 200}


@app.get("/internal/inventory")
def inventory():
    resp = requests.get("https://inventory.internal.example.com/api/summary", verify=False, timeout=5)  # expect: CWE-295
    return resp.json()


@app.get("/internal/pricing")
def pricing():
    resp = requests.get("https://pricing.internal.example.com/api/summary", verify=INTERNAL_CA, timeout=5)  # safe: CWE-295, CWE-918
    return resp.json()


legacy_client = httpx.Client(verify=False, timeout=10)  # expect: CWE-295
internal_client = httpx.Client(verify=INTERNAL_CA, timeout=10)  # safe: CWE-295


def fetch_avatar(avatar_url):
    """Used by the profile importer with the avatar URL from the user's imported profile."""
    return requests.get(avatar_url, stream=True, timeout=5).raw  # expect: CWE-918
