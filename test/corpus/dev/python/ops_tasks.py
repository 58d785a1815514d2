"""Admin operations API (FastAPI): backups, diagnostics and a calculator for the ops dashboard."""
import ast
import json
import os
import shlex
import subprocess

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from .auth import require_ops_user

router = APIRouter(prefix="/ops", dependencies=[Depends(require_ops_user)])
BACKUP_DIR = os.environ.get("BACKUP_DIR", "/var/backups/app")


class BackupRequest(BaseModel):
    database: str
    label: str = "manual"


class ExpressionRequest(BaseModel):
    expression: str = Field(max_length=200)


@router.post("/backup")
def backup(req: BackupRequest):
    out = f"{BACKUP_DIR}/{req.database}-{req.label}.sql.gz"
    subprocess.run(f"pg_dump {req.database} | gzip > {out}", shell=True, check=True)  # expect: CWE-78
    return {"file": out}


@router.post("/backup/v2")
def backup_v2(req: BackupRequest):
    out = os.path.join(BACKUP_DIR, f"{req.database}.dump")
    subprocess.run(["pg_dump", "--format=custom", "--file", out, req.database], check=True)  # safe: CWE-78
    return {"file": out}


@router.get("/ping")
def ping(host: str):
    status = os.system("ping -c 1 -W 2 " + host)  # expect: CWE-78
    return {"reachable": status == 0}


@router.get("/dns")
def dns(domain: str):
    output = os.popen(f"dig +short {domain}").read()  # expect: CWE-78
    return {"records": output.split()}


@router.get("/dns/v2")
def dns_v2(domain: str):
    result = subprocess.run(["dig", "+short", domain], capture_output=True, text=True, timeout=5)  # safe: CWE-78
    return {"records": result.stdout.split()}


@router.get("/logs")
def tail_logs(service: str, lines: int = 100):
    cmd = "journalctl -u {} -n {} --no-pager".format(service, lines)
    return {"log": subprocess.check_output(cmd, shell=True, text=True)}  # expect: CWE-78


@router.get("/logs/v2")
def tail_logs_v2(service: str, lines: int = 100):
    cmd = f"journalctl -u {shlex.quote(service)} -n {int(lines)} --no-pager"
    return {"log": subprocess.check_output(cmd, shell=True, text=True)}  # safe: CWE-78


@router.get("/uptime")
def uptime():
    return {"uptime": subprocess.check_output("uptime -p", shell=True, text=True).strip()}  # safe: CWE-78


@router.post("/calc")
def calc(req: ExpressionRequest):
    try:
        return {"value": eval(req.expression)}  # expect: CWE-95
    except Exception as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


@router.post("/calc/v2")
def calc_v2(req: ExpressionRequest):
    try:
        return {"value": ast.literal_eval(req.expression)}  # safe: CWE-95
    except (ValueError, SyntaxError) as exc:
        raise HTTPException(status_code=400, detail="only literals are accepted") from exc


@router.post("/hooks/run")
def run_hook(body: dict):
    source = body.get("code", "")
    scope = {"result": None}
    exec(source, {"__builtins__": {}}, scope)  # expect: CWE-95
    return {"result": scope["result"]}


@router.post("/flags")
def set_flags(body: dict):
    flags = json.loads(body.get("flags", "{}"))  # safe: CWE-95, CWE-502
    return {"flags": sorted(flags)}


def run_maintenance(script_path):
    """Invoked by the scheduler with a script path from its job definition."""
    return subprocess.call("bash " + script_path, shell=True)  # expect: CWE-78
