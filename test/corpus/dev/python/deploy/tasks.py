"""Deployment tasks run by the ops bot: archives, git checkouts, service restarts and log search.

The bot receives commands from chat (``text`` below is what the user typed after the command),
so every value that comes from a message is outside input.
"""
import os
import re
import shlex
import subprocess

BACKUP_DIR = "/var/backups/app"
SERVICES = {"web", "worker", "scheduler"}
BRANCH_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$")  # safe: CWE-1333
SHA_RE = re.compile(r"^[0-9a-f]{7,40}$")  # safe: CWE-1333
DURATION_RE = re.compile(r"^(\d{1,4})\s?(s|m|h|d)$")  # safe: CWE-1333
KEY_VALUE_RE = re.compile(r"^(\w+)=(.*)$")  # safe: CWE-1333
LOG_LINE_RE = re.compile(r"^(\S+) (\S+) \[([^\]]+)\] \"([^\"]*)\" (\d{3})$")  # safe: CWE-1333
MENTION_RE = re.compile(r"^(\w+\s?)+:")  # expect: CWE-1333
TRAILER_RE = re.compile(r"^([A-Za-z-]+):\s*(.*?)\s*$")  # expect: CWE-1333


def backup_database(name):
    out = os.path.join(BACKUP_DIR, f"{name}.sql.gz")
    subprocess.run(["pg_dump", "--format=custom", "--file", out, name], check=True)  # safe: CWE-78


def archive_release(version):
    subprocess.run(f"tar -czf {BACKUP_DIR}/release-{shlex.quote(version)}.tgz -C /srv/app .", shell=True, check=True)  # safe: CWE-78


def clean_build():
    os.system("rm -rf build/ dist/ *.egg-info")  # safe: CWE-78


def checkout(text):
    branch = text.strip()
    subprocess.run(f"git fetch origin && git checkout {branch}", shell=True, check=True)  # expect: CWE-78


def checkout_checked(text):
    branch = text.strip()
    if not BRANCH_RE.fullmatch(branch):
        raise ValueError(f"invalid branch name: {branch!r}")
    subprocess.run(f"git fetch origin && git checkout {branch}", shell=True, check=True)  # safe: CWE-78


def revert(text):
    sha = text.strip().lower()
    if not SHA_RE.match(sha):
        raise ValueError("not a commit id")
    return subprocess.check_output(f"git revert --no-edit {sha}", shell=True, text=True)  # safe: CWE-78


def restart(text):
    service = text.strip()
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r}")
    subprocess.run(f"systemctl restart app-{service}.service", shell=True, check=True)  # safe: CWE-78


def restart_any(text):
    os.system("systemctl restart " + text.strip())  # expect: CWE-78


def tail_logs(text):
    lines = max(1, min(int(text or "100"), 5000))
    return subprocess.check_output(f"journalctl -u app-web -n {lines} --no-pager", shell=True, text=True)  # safe: CWE-78


def grep_logs(text):
    return subprocess.check_output(["grep", "-F", "--", text, "/var/log/app/web.log"], text=True)  # safe: CWE-78


def grep_logs_shell(text):
    return os.popen(f"grep -r '{text}' /var/log/app").read()  # expect: CWE-78


def grep_logs_quoted(text):
    cmd = "grep -rF -- " + shlex.quote(text) + " /var/log/app | tail -n 50"
    return subprocess.check_output(cmd, shell=True, text=True)  # safe: CWE-78


def disk_usage(text):
    cmd = shlex.join(["du", "-sh", text])
    return subprocess.check_output(cmd, shell=True, text=True)  # safe: CWE-78


def echo_positional(text):
    return subprocess.check_output(["sh", "-c", 'printf "%s\\n" "$1" | wc -c', "sh", text], text=True)  # safe: CWE-78


def run_script(text):
    return subprocess.check_output(["bash", "-c", "./scripts/" + text], text=True)  # expect: CWE-78


def parse_duration(text):
    m = DURATION_RE.match(text.strip())
    return (int(m.group(1)), m.group(2)) if m else None


def parse_settings(text):
    return dict(m.groups() for m in map(KEY_VALUE_RE.match, text.splitlines()) if m)


def addressed_to(text):
    m = MENTION_RE.match(text)
    return m.group(0).rstrip(":") if m else None


def trailers(text):
    return [m.groups() for m in map(TRAILER_RE.match, text.splitlines()) if m]


def parse_access_log(line):
    return LOG_LINE_RE.match(line)
