#!/usr/bin/env python3
"""List candidate Python/Go/Java vulnerability cases from public advisory data.

Reads the advisory databases from local git mirrors (brought in with the search tool's
`fetch`): pypa/advisory-database (PYSEC), golang/vulndb (GO-), SAP/project-kb (Java
statements, branch vulnerability-data). Keeps advisories that name a GitHub fix commit and
whose text classifies into one of the corpus families; writes JSON lines to stdout.
Not needed at test time.
"""
import json, os, re, subprocess, sys
import yaml

MIRROR = os.environ.get("MIRROR_ROOT", "/work/.mirror")

FAMILIES = [
    ("zip-slip", r"zip[ -]?slip|tar[ -]?slip|archive (entr|extract)|extract(ion|ing)? of (a )?(crafted |malicious )?(zip|tar|archive)|(zip|tar|archive) (file )?extraction|extractall|arbitrary file write.*(zip|tar|archive)|(zip|tar|archive).*(path traversal|directory traversal|outside)"),
    ("xxe", r"\bxxe\b|xml external entit|external entity|doctype|dtd"),
    ("deserialization", r"deseriali[sz]|unpickl|pickle|yaml\.load|unsafe yaml|untrusted (yaml|data).*load|readObject|gadget"),
    ("template-injection", r"template injection|\bssti\b|expression language injection|\bel injection|ognl|spel|spring expression|jinja.*sandbox|sandbox (escape|bypass)"),
    ("code-injection", r"code injection|arbitrary (python |java |)code execution via (eval|exec)|\beval\(|\bexec\(|\beval\b|remote code execution.*(eval|expression)|script injection"),
    ("command-injection", r"command injection|os command|shell (command|metachar|injection)|shell=true|argument injection|subprocess|Runtime\.exec|ProcessBuilder|inject(ion of)? (arbitrary )?(shell )?commands"),
    ("sql-injection", r"sql injection|\bsqli\b|injection.*\bsql\b|\bsql\b.*injection"),
    ("ssrf", r"server[- ]side request forgery|\bssrf\b"),
    ("open-redirect", r"open redirect|url redirect|redirect to (an )?(arbitrary|untrusted|external)|unvalidated redirect"),
    ("redos", r"redos|regular expression denial|catastrophic backtracking|regex.*(denial|exponential|polynomial)|inefficient regular expression"),
    ("path-traversal", r"path traversal|directory traversal|\.\./|dot[- ]dot|arbitrary file (read|write|access|deletion|overwrite)|outside (of )?the (intended|base|target|root|upload)"),
    ("xss", r"cross[- ]site scripting|\bxss\b|html injection|script injection"),
]
FAM_RE = [(f, re.compile(p, re.I)) for f, p in FAMILIES]
CWE_FAMILY = {"CWE-22": "path-traversal", "CWE-23": "path-traversal", "CWE-36": "path-traversal", "CWE-73": "path-traversal",
              "CWE-78": "command-injection", "CWE-77": "command-injection", "CWE-88": "command-injection",
              "CWE-79": "xss", "CWE-80": "xss", "CWE-89": "sql-injection", "CWE-94": "code-injection", "CWE-95": "code-injection",
              "CWE-502": "deserialization", "CWE-611": "xxe", "CWE-776": "xxe", "CWE-918": "ssrf", "CWE-601": "open-redirect",
              "CWE-1333": "redos", "CWE-1336": "template-injection", "CWE-917": "template-injection"}
FAMILY_CWE = {"path-traversal": ["CWE-22"], "zip-slip": ["CWE-22"], "command-injection": ["CWE-78"], "xss": ["CWE-79"],
              "sql-injection": ["CWE-89"], "code-injection": ["CWE-94"], "deserialization": ["CWE-502"], "xxe": ["CWE-611"],
              "ssrf": ["CWE-918"], "open-redirect": ["CWE-601"], "redos": ["CWE-1333"], "template-injection": ["CWE-1336"]}
COMMIT_RE = re.compile(r"https?://github\.com/([\w.-]+)/([\w.-]+)/commit/([0-9a-f]{7,40})")


def classify(text):
    for fam, rx in FAM_RE:
        if rx.search(text or ""):
            return fam
    return None


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir, *args], capture_output=True, text=True, check=True).stdout


def pypa():
    gd = f"{MIRROR}/pypa+advisory-database/repo"
    for path in git(gd, "ls-tree", "-r", "--name-only", "HEAD", "vulns").split():
        if not path.endswith(".yaml"):
            continue
        d = yaml.safe_load(git(gd, "show", f"HEAD:{path}"))
        text = (d.get("summary") or "") + " " + (d.get("details") or "")
        fam = classify(text)
        if not fam:
            continue
        commits = [m.groups() for r in d.get("references", []) for m in [COMMIT_RE.search(r.get("url", ""))] if m]
        if not commits:
            continue
        aff = (d.get("affected") or [{}])[0]
        fixed = [e["fixed"] for r in aff.get("ranges", []) for e in r.get("events", []) if "fixed" in e]
        versions = aff.get("versions") or []
        aliases = d.get("aliases") or []
        yield {"lang": "python", "db": "pypa", "dbId": d["id"], "aliases": aliases, "family": fam, "text": text.strip()[:400],
               "package": aff.get("package", {}).get("name"), "fixed": fixed[-1] if fixed else None,
               "vulnerable": versions[-1] if versions else None, "commits": commits}


def vulndb():
    gd = f"{MIRROR}/golang+vulndb/repo"
    for path in git(gd, "ls-tree", "-r", "--name-only", "HEAD", "data/reports").split():
        d = yaml.safe_load(git(gd, "show", f"HEAD:{path}"))
        if d.get("excluded"):
            continue
        text = (d.get("summary") or "") + " " + (d.get("description") or "")
        fam = classify(text)
        if not fam:
            continue
        commits = []
        for r in d.get("references") or []:
            for k, v in r.items():
                m = COMMIT_RE.search(v or "")
                if m and k == "fix":
                    commits.append(m.groups())
        if not commits:
            continue
        mod = (d.get("modules") or [{}])[0]
        fixed = [v.get("fixed") for v in mod.get("versions") or [] if v.get("fixed")]
        yield {"lang": "go", "db": "vulndb", "dbId": d["id"], "aliases": (d.get("ghsas") or []) + (d.get("cves") or []),
               "family": fam, "text": text.strip()[:400], "package": mod.get("module"), "fixed": fixed[-1] if fixed else None,
               "vulnerable": mod.get("vulnerable_at"), "commits": commits}


def projectkb():
    gd = f"{MIRROR}/SAP+project-kb/repo"
    ref = "refs/heads/vulnerability-data"
    for path in git(gd, "ls-tree", "-r", "--name-only", ref, "statements").split():
        if not path.endswith("statement.yaml"):
            continue
        try:
            d = yaml.safe_load(git(gd, "show", f"{ref}:{path}"))
        except Exception:
            continue
        text = " ".join(n.get("text", "") for n in d.get("notes") or [])
        fam = classify(text)
        if not fam:
            continue
        commits = []
        for fx in d.get("fixes") or []:
            for c in fx.get("commits") or []:
                m = re.match(r"https?://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?$", c.get("repository", ""))
                if m:
                    commits.append((m.group(1), m.group(2), str(c["id"])))
        if not commits:
            continue
        arts = [a for a in d.get("artifacts") or [] if a.get("id", "").startswith("pkg:maven/")]
        pkg = arts[0]["id"].split("@")[0][len("pkg:maven/"):].replace("/", ":") if arts else None
        vuln = sorted([a["id"].split("@")[-1] for a in arts if a.get("affected")], key=vkey)
        fixed = sorted([a["id"].split("@")[-1] for a in arts if not a.get("affected")], key=vkey)
        v = vuln[-1] if vuln else None
        f = next((x for x in fixed if v is None or vkey(x) > vkey(v)), None)
        yield {"lang": "java", "db": "project-kb", "dbId": d["vulnerability_id"], "aliases": [d["vulnerability_id"]],
               "family": fam, "text": text.strip()[:400], "package": pkg, "fixed": f, "vulnerable": v, "commits": commits}


def vkey(v):
    return [int(x) if x.isdigit() else -1 for x in re.split(r"[.\-]", v)]


if __name__ == "__main__":
    which = sys.argv[1:] or ["pypa", "vulndb", "projectkb"]
    for w in which:
        for c in globals()[w]():
            print(json.dumps(c))
