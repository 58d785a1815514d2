"""Text helpers shared by the import jobs and the support inbox: cleanup, field parsing, a tiny lexer.

Every function here is called with text from uploaded files or inbound e-mail.
"""
import re

NEWLINES = re.compile(r"(\r\n|\r|\n)+")  # safe: CWE-1333
TRAILING_SPACE = re.compile(r"\s+$")  # expect: CWE-1333
EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")  # safe: CWE-1333
SLUG = re.compile(r"^(?:[a-z0-9]+-)*[a-z0-9]+$")  # safe: CWE-1333
MAC = re.compile(r"^([0-9a-f]{2}:){5}[0-9a-f]{2}$", re.I)  # safe: CWE-1333
TIMESTAMP = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?$")  # safe: CWE-1333
WORDS = re.compile(r"^(?:\w++\s?)++$")  # safe: CWE-1333
TOKENS_OR_SPACE = re.compile(r"^(\w+|\s+)*$")  # expect: CWE-1333
INI_LINE = re.compile(r"^\s*([\w.-]+)\s*=\s*(.*?)\s*$")  # expect: CWE-1333

TOKEN_PATTERNS = [
    (r"\d+(?:\.\d*)?", "NUMBER"),  # safe: CWE-1333
    (r'"(?:[^"\\]|\\.)*"', "STRING"),  # safe: CWE-1333
    (r"[A-Za-z_]\w*", "NAME"),  # safe: CWE-1333
    (r"[ \t]+", None),  # safe: CWE-1333
    (r"[-+*/=()]", "OP"),  # safe: CWE-1333
]
TOKEN_RE = re.compile("|".join(f"(?P<T{i}>{p})" for i, (p, _) in enumerate(TOKEN_PATTERNS)))


def normalize_newlines(text):
    return NEWLINES.sub("\n", text)


def strip_lines(text):
    return "\n".join(TRAILING_SPACE.sub("", line) for line in text.split("\n"))


def is_valid_address(value):
    return bool(EMAIL.match(value)) and len(value) <= 254


def is_slug(value):
    return SLUG.match(value) is not None


def parse_mac(value):
    return value.lower() if MAC.match(value) else None


def parse_timestamp(value):
    m = TIMESTAMP.match(value)
    return m.groupdict() if m else None


def is_plain_sentence(value):
    return WORDS.match(value) is not None


def is_tokens(value):
    return TOKENS_OR_SPACE.match(value) is not None


def parse_ini(text):
    out = {}
    for line in text.splitlines():
        m = INI_LINE.match(line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def tokenize(expr):
    kinds = [kind for _, kind in TOKEN_PATTERNS]
    for m in TOKEN_RE.finditer(expr):
        kind = kinds[int(m.lastgroup[1:])]
        if kind:
            yield kind, m.group()
