#!/usr/bin/env python3
"""Build the Python/Go/Java part of the real-world corpus (test/realworld/<part>/<language>/<id>/).

Two modes:
  build <candidates.jsonl>...   choose cases from candidate advisories (see pgj_candidates.py) and
                                SVEN records; write case.json and materialize the two sides
  materialize                   re-create vulnerable/ and fixed/ for every committed case.json

Each side is the project's own file at the fix commit's parent (vulnerable) and at the fix commit
(fixed), read from a local git mirror of the public repository (/work/.mirror/<owner>+<repo>/repo,
brought in with the search tool's `fetch`). For SVEN cases the two sides are SVEN's human-checked
before/after functions. The third-party code itself is never committed (each language folder has a
.gitignore for vulnerable/ and fixed/): only the metadata is, and this script re-creates the files.
Not needed at test time.
"""
import hashlib, json, os, re, subprocess, sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "test", "realworld")
MIRROR = os.environ.get("MIRROR_ROOT", "/work/.mirror")
EXT = {".py": "python", ".go": "go", ".java": "java"}
FAMILY_CWE = {"path-traversal": ["CWE-22"], "zip-slip": ["CWE-22"], "command-injection": ["CWE-78"], "xss": ["CWE-79"],
              "sql-injection": ["CWE-89"], "code-injection": ["CWE-94"], "deserialization": ["CWE-502"], "xxe": ["CWE-611"],
              "ssrf": ["CWE-918"], "open-redirect": ["CWE-601"], "redos": ["CWE-1333"], "template-injection": ["CWE-1336"],
              "other": []}
SVEN_FAMILY = {"cwe-022": "path-traversal", "cwe-078": "command-injection", "cwe-079": "xss", "cwe-089": "sql-injection"}
# Paths that are not the product's own source: tests, docs, examples, vendored or generated code.
SKIP_PATH = re.compile(r"(^|/)(tests?|testing|testdata|test_?utils?|__tests__|docs?|examples?|samples?|vendor|third_party|"
                       r"node_modules|migrations|benchmarks?|e2e|integration|it|mocks?|fixtures?)/|_test\.go$|(^|/)test_[^/]*\.py$|"
                       r"_test\.py$|(^|/)conftest\.py$|Tests?\.java$|Tests?Case\.java$|IT\.java$|\.pb\.go$|_gen\.go$|"
                       r"zz_generated|(^|/)src/test/|(^|/)setup(base)?\.py$", re.I)
# Calls that are the usual sinks of each family: used to add the sink line near a guard-only fix.
SINK = {
    "path-traversal": r"open\(|send_file|send_from_directory|os\.path\.join|os\.remove|shutil\.|os\.Open|os\.Create|ReadFile|WriteFile|"
                      r"filepath\.Join|path\.Join|os\.Remove|http\.ServeFile|new File\(|Paths\.get|Files\.|FileInputStream|FileOutputStream",
    "zip-slip": r"extractall|extract\(|open\(|os\.path\.join|filepath\.Join|os\.Create|OpenFile|MkdirAll|new File\(|FileOutputStream|Files\.",
    "command-injection": r"subprocess|os\.system|os\.popen|Popen|check_output|exec\.Command|CommandContext|Runtime\.getRuntime|exec\(|ProcessBuilder|shell",
    "code-injection": r"\beval\(|\bexec\(|compile\(|Eval|ScriptEngine|evaluate|parseExpression",
    "template-injection": r"Template|render|Environment\(|parseExpression|getValue|evaluate|Velocity|Freemarker",
    "deserialization": r"pickle|yaml\.load|load\(|loads\(|ObjectInputStream|readObject|enableDefaultTyping|XStream|fromXML|Unmarshal|torch\.load",
    "sql-injection": r"execute|raw\(|query|Query|Exec\(|Sprintf|createQuery|createNativeQuery|prepareStatement|statement",
    "ssrf": r"requests\.|urlopen|http\.Get|http\.NewRequest|client\.Do|Dial|HttpURLConnection|openConnection|openStream|new URL\(|fetch|urlretrieve",
    "open-redirect": r"redirect|Redirect|Location|sendRedirect",
    "xxe": r"DocumentBuilderFactory|SAXParserFactory|XMLInputFactory|TransformerFactory|SAXReader|SAXBuilder|XMLReader|parse\(|etree|minidom|fromstring|XMLParser",
    "xss": r"Markup|mark_safe|format_html|render|innerHTML|write|Write|HTML|template\.HTML|autoescape|print|getWriter|<",
    "redos": r"re\.compile|re\.match|re\.search|re\.sub|regexp\.|Pattern\.compile|matches\(",
}


def git(gitdir, *args, check=True):
    r = subprocess.run(["git", "--git-dir", gitdir, *args], capture_output=True)
    if check and r.returncode != 0:
        raise RuntimeError(r.stderr.decode(errors="replace")[:300])
    return r.stdout


def gitdir_of(owner, repo):
    base = os.path.join(MIRROR, f"{owner}+{repo}", "repo")
    for d in (os.path.join(base, ".git"), base):
        if os.path.isdir(d) and os.path.exists(os.path.join(d, "HEAD")):
            return d
    return None


def part_of(case_id):
    return "holdout" if hashlib.sha256(case_id.encode("utf-8")).digest()[0] < 0x80 else "dev"


def blob(gitdir, rev, path):
    r = subprocess.run(["git", "--git-dir", gitdir, "show", f"{rev}:{path}"], capture_output=True)
    return r.stdout if r.returncode == 0 else None


NON_CODE = re.compile(r"^\s*($|#|//|/\*|\*|\"\"\"|\'\'\'|import\b|from\s+\S+\s+import\b|package\b|@author|"
                      r"[()\[\]{};,]*$|\"[\w./-]+\"$|\w+\s+\"[\w./-]+\"$)")


def is_code(line):
    return not NON_CODE.match(line)


def hunks(gitdir, parent, sha, path):
    """Per hunk of the fix: old start, old count, deleted lines, added lines."""
    out = git(gitdir, "diff", "-U0", "--no-color", parent, sha, "--", path).decode(errors="replace")
    result, cur = [], None
    for line in out.split("\n"):
        m = re.match(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", line)
        if m:
            cur = {"start": int(m.group(1)), "count": int(m.group(2) if m.group(2) is not None else 1), "del": [], "add": []}
            result.append(cur)
        elif cur is not None and line.startswith("-") and not line.startswith("---"):
            cur["del"].append(line[1:])
        elif cur is not None and line.startswith("+") and not line.startswith("+++"):
            cur["add"].append(line[1:])
    return result


def weakness_lines(text, family, hunk_list):
    """Vulnerable-side lines: the code lines the fix changed or removed (sink-like ones first), and for a hunk that
    only adds code (a guard), the first code line after where it goes and the nearest sink below it."""
    lines = text.decode(errors="replace").split("\n")
    n = len(lines) - (1 if lines and lines[-1] == "" else 0)
    sink = re.compile(SINK.get(family, r"$^"))
    sinky, plain, extra = [], [], []
    for h in hunk_list:
        if h["count"] > 0:
            for l in range(h["start"], h["start"] + h["count"]):
                if 1 <= l <= n and is_code(lines[l - 1]):
                    (sinky if sink.search(lines[l - 1]) else plain).append(l)
        elif any(is_code(a) for a in h["add"]):
            k = h["start"] + 1
            while k <= n and not is_code(lines[k - 1]):
                k += 1
            if k <= n:
                extra.append(k)
                for j in range(k, min(n, k + 25) + 1):
                    if sink.search(lines[j - 1]) and is_code(lines[j - 1]):
                        extra.append(j)
                        break
    chosen = sinky[:8] + plain[: max(0, 8 - len(sinky[:8]))] + extra[:6]
    return sorted(set(chosen))[:12]


def advisory_urls(c):
    urls = []
    ghsa = [a for a in c.get("aliases", []) if a.startswith("GHSA-")]
    if ghsa:
        urls.append(f"https://github.com/advisories/{ghsa[0]}")
    if c["db"] == "pypa":
        urls.append(f"https://github.com/pypa/advisory-database/blob/main/vulns/{c['package']}/{c['dbId']}.yaml")
    elif c["db"] == "vulndb":
        urls.append(f"https://pkg.go.dev/vuln/{c['dbId']}")
    elif c["db"] == "project-kb":
        urls.append(f"https://github.com/SAP/project-kb/blob/vulnerability-data/statements/{c['dbId']}/statement.yaml")
    cve = [a for a in c.get("aliases", []) if a.startswith("CVE-")]
    if cve:
        urls.append(f"https://nvd.nist.gov/vuln/detail/{cve[0]}")
    return urls


CONFIRMED = {"pypa": "PyPA advisory with fix commit", "vulndb": "golang/vulndb report",
             "project-kb": "SAP project-kb statement with fix commit (CVE)", "sven": "SVEN label"}


def try_advisory(c, max_files=int(os.environ.get("MAX_FILES", 2)), max_lines=int(os.environ.get("MAX_LINES", 160)), only=None):
    for owner, repo, sha in c["commits"]:
        gd = gitdir_of(owner, repo)
        if not gd:
            return None, "no mirror"
        try:
            full = git(gd, "rev-parse", "--verify", f"{sha}^{{commit}}").decode().strip()
            parent = git(gd, "rev-parse", f"{full}^1").decode().strip()
        except RuntimeError:
            continue
        stat = git(gd, "diff", "--numstat", "--no-renames", parent, full).decode(errors="replace").splitlines()
        files = []
        for row in stat:
            a, d, path = row.split("\t", 2)
            ext = os.path.splitext(path)[1]
            if ext in EXT and not SKIP_PATH.search(path) and a != "-" and (not only or path in only):
                files.append((path, int(a), int(d)))
        if not files:
            continue
        langs = {EXT[os.path.splitext(p)[1]] for p, _, _ in files}
        if len(langs) != 1:
            return None, f"mixed languages {langs}"
        if len(files) > max_files:
            return None, f"{len(files)} source files"
        total = sum(a + d for _, a, d in files)
        if total > max_lines:
            return None, f"{total} changed lines"
        return {"owner": owner, "repo": repo, "sha": full, "parent": parent, "gitdir": gd, "lang": langs.pop(),
                "files": [p for p, _, _ in files]}, None
    return None, "commit not found or no source change"


def case_id(c):
    ghsa = [a for a in c.get("aliases", []) if a.startswith("GHSA-")]
    if ghsa:
        return ghsa[0]
    if c["db"] == "project-kb":
        return c["dbId"]
    return c["dbId"]


def write_case(case, sides):
    d = os.path.join(CORPUS, part_of(case["id"]), case["language"], case["id"])
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "case.json"), "w") as f:
        f.write(json.dumps(case, indent=2) + "\n")
    write_sides(d, sides)
    return d


def write_sides(d, sides):
    for side, files in sides.items():
        for path, data in files.items():
            if data is None:
                continue
            p = os.path.join(d, side, path)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(data)


def build_advisory(c, only=None):
    got, why = try_advisory(c, only=only)
    if not got:
        return None, why
    gd, parent, sha = got["gitdir"], got["parent"], got["sha"]
    files, sides = [], {"vulnerable": {}, "fixed": {}}
    for path in got["files"]:
        before, after = blob(gd, parent, path), blob(gd, sha, path)
        sides["vulnerable"][path], sides["fixed"][path] = before, after
        # every source file of the fix is replayed; a file the fix added has no vulnerable-side lines
        wl = weakness_lines(before, c["family"], hunks(gd, parent, sha, path)) if before is not None else []
        files.append({"path": path, "weaknessLines": wl})
    if not any(f["weaknessLines"] for f in files):
        return None, "no vulnerable-side lines"
    cve = [a for a in c.get("aliases", []) if a.startswith("CVE-")]
    case = {"id": case_id(c), **({"cve": cve[0]} if cve else {}),
            "source": advisory_urls(c) + [f"https://github.com/{got['owner']}/{got['repo']}/commit/{sha}"],
            "project": f"{got['owner']}/{got['repo']}", **({"package": c["package"]} if c.get("package") else {}),
            "vulnerableVersion": c.get("vulnerable") or parent[:12], "fixedVersion": c.get("fixed") or sha[:12],
            "language": got["lang"], "family": c["family"], "cwe": FAMILY_CWE[c["family"]],
            "files": files, "confirmedBy": CONFIRMED[c["db"]]}
    return (case, sides), None


def sven_records():
    gd = os.path.join(MIRROR, "eth-sri+sven", "repo")
    groups = defaultdict(list)
    for split in ("train", "val"):
        for cwe in SVEN_FAMILY:
            data = blob(gd, "HEAD", f"data_train_val/{split}/{cwe}.jsonl")
            for line in (data or b"").decode().splitlines():
                r = json.loads(line)
                if r["file_name"].endswith(".py"):
                    groups[(r["commit_link"], r["file_name"])].append(r)
    return groups


def sven_sides(recs):
    before, after, wl, off = [], [], [], 0
    for r in recs:
        b = r["func_src_before"].rstrip("\n") + "\n"
        before.append(b)
        after.append(r["func_src_after"].rstrip("\n") + "\n")
        wl += [off + x["line_no"] for x in r["line_changes"]["deleted"] if x["line"].strip()]
        off += b.count("\n") + 2
    return "\n\n".join(before).encode(), "\n\n".join(after).encode(), sorted(set(wl))[:12]


def sven_case(key, recs):
    link, path = key
    m = re.match(r"(?:https?://)?github\.com/([\w.-]+)/([\w.-]+)/commit/([0-9a-f]+)", link)
    if not m:
        return None
    owner, repo, sha = m.groups()
    before, after, wl = sven_sides(recs)
    if not wl:
        return None
    fam = SVEN_FAMILY[recs[0]["vul_type"]]
    cid = f"SVEN-{recs[0]['vul_type'].upper()}-{owner}-{repo}-{sha[:10]}"
    case = {"id": cid,
            "source": ["https://github.com/eth-sri/sven", f"https://github.com/{owner}/{repo}/commit/{sha}"],
            "project": f"{owner}/{repo}", "package": repo, "vulnerableVersion": f"{sha[:12]}^", "fixedVersion": sha[:12],
            "language": "python", "family": fam, "cwe": FAMILY_CWE[fam],
            "files": [{"path": path, "weaknessLines": wl}], "confirmedBy": CONFIRMED["sven"]}
    return case, {"vulnerable": {path: before}, "fixed": {path: after}}


def materialize():
    groups = None
    n = 0
    for part in ("dev", "holdout"):
        for lang in ("python", "go", "java"):
            base = os.path.join(CORPUS, part, lang)
            if not os.path.isdir(base):
                continue
            for cid in sorted(os.listdir(base)):
                cj = os.path.join(base, cid, "case.json")
                if not os.path.isfile(cj):
                    continue
                case = json.load(open(cj))
                commit = case["source"][-1]
                owner, repo, sha = re.search(r"github\.com/([\w.-]+)/([\w.-]+)/commit/([0-9a-f]+)", commit).groups()
                if case["confirmedBy"] == CONFIRMED["sven"]:
                    groups = groups or sven_records()
                    path = case["files"][0]["path"]
                    key = next(k for k in groups if k[1] == path and sha in k[0])
                    _, sides = sven_case(key, groups[key])
                else:
                    gd = gitdir_of(owner, repo)
                    if not gd:
                        print(f"missing mirror for {owner}/{repo} ({cid})", file=sys.stderr)
                        continue
                    parent = git(gd, "rev-parse", f"{sha}^1").decode().strip()
                    paths = case.get("replayFiles") or [f["path"] for f in case["files"]]
                    sides = {"vulnerable": {p: blob(gd, parent, p) for p in paths},
                             "fixed": {p: blob(gd, sha, p) for p in paths}}
                write_sides(os.path.join(base, cid), sides)
                n += 1
    print(f"materialized {n} cases")


def load_overrides():
    """Decisions from reading each case's fix: cases to drop (wrong commit, not the flaw) and family corrections."""
    p = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pgj_overrides.json")
    return json.load(open(p)) if os.path.exists(p) else {}


def main():
    if sys.argv[1] == "materialize":
        return materialize()
    if sys.argv[1] == "sven":
        quota = json.loads(sys.argv[2])
        groups = sven_records()
        taken, repos = defaultdict(int), set()
        for key in sorted(groups, key=lambda k: hashlib.sha1(repr(k).encode()).hexdigest()):
            recs = groups[key]
            fam = SVEN_FAMILY[recs[0]["vul_type"]]
            repo = re.sub(r"/commit/.*", "", key[0])
            if taken[fam] >= quota.get(fam, 0) or repo in repos:
                continue
            if sum(r["func_src_before"].count("\n") for r in recs) > 150:
                continue
            got = sven_case(key, recs)
            if not got:
                continue
            write_case(*got)
            taken[fam] += 1
            repos.add(repo)
            print(json.dumps({"id": got[0]["id"], "family": fam}))
        return
    seen, used_commits = set(), {}
    overrides = load_overrides()
    for fn in sys.argv[2:]:
        for line in open(fn):
            c = json.loads(line)
            cid = case_id(c)
            if cid in seen:
                continue
            o = overrides.get(cid, {})
            if o.get("drop"):
                print(json.dumps({"id": cid, "skip": "reviewed: " + o["drop"], "family": c["family"]}))
                continue
            c["family"] = o.get("family", c["family"])
            got, why = build_advisory(c, o.get("onlyFiles"))
            if not got:
                print(json.dumps({"id": cid, "skip": why, "family": c["family"]}))
                continue
            case, sides = got
            if case["source"][-1] in used_commits:
                print(json.dumps({"id": cid, "skip": "same fix commit as " + used_commits[case["source"][-1]], "family": c["family"]}))
                continue
            used_commits[case["source"][-1]] = cid
            if o.get("cwe"):
                case["cwe"] = o["cwe"]
            seen.add(cid)
            d = write_case(case, sides)
            print(json.dumps({"id": cid, "lang": case["language"], "family": case["family"], "dir": d[len(CORPUS) + 1:]}))


if __name__ == "__main__":
    main()
