"""The repository's paths and addons, logging, and digests of files' content."""

import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
STATE = Path(os.environ.get("SOCIAL_STATE") or ROOT / ".state")
ADDONS = ROOT / "addons"
MODULES = [
    "social_case",
    "social_network_partners",
    "social_discharge",
    "social_reporting",
    "social_survey",
    "social_approval",
    "social_portal",
    "social_his",
]


def log(message):
    print(f"[social] {message}", flush=True)


def fail(message):
    print(f"[social] error: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def digest(paths, extra=""):
    """A hash of the content of files and folders (ignoring caches)."""
    sha = hashlib.sha256(extra.encode())
    for base in paths:
        base = Path(base)
        files = [base] if base.is_file() else sorted(base.rglob("*"))
        for path in files:
            if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            sha.update(str(path.relative_to(ROOT)).encode())
            sha.update(path.read_bytes())
    return sha.hexdigest()[:12]
