"""What made a library: the `build_info` table, key -> value, written by the build.

    lvterm         the package version
    code           a digest of the code the build runs and of its dependencies' versions
                   (`buildcache.code_fingerprint`: the same digest decides whether the build cache
                   may be reused)
    corpus         a digest of the post rows (every post's metadata and text, in id order)
    termbase       a digest of the curated termbase as loaded (concepts, accepted and rejected
                   proposals): the same entries give the same digest whatever the files' layout
    review_threshold   the confidence under which a sentence pair is flagged for review
    posts, pairs   how many posts and aligned post pairs went in

No time, host or path is recorded: two builds of the same inputs by the same code are the same
file (tests/test_build_deterministic.py). Two libraries with the same `code`, `corpus` and
`termbase` were made from the same things.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Iterable, Mapping


def digest(items: Iterable[Any]) -> str:
    """sha256 (32 hex digits) of JSON-serialisable items in order (dataclasses by their repr)."""
    h = hashlib.sha256()
    for item in items:
        h.update(json.dumps(item, ensure_ascii=False, sort_keys=True, default=repr).encode())
        h.update(b"\n")
    return h.hexdigest()[:32]


def build_info(*, version: str, post_rows: Iterable[Mapping[str, Any]], termbase: Any, pairs: int,
               code: str) -> dict[str, str]:
    """The `build_info` rows of a build: see the module docstring."""
    from .constants import REVIEW_THRESHOLD

    rows = sorted(post_rows, key=lambda r: r["id"])
    return {"lvterm": version, "code": code, "corpus": digest(rows), "termbase": digest([termbase]),
            "review_threshold": f"{REVIEW_THRESHOLD:g}", "posts": str(len(rows)), "pairs": str(pairs)}


def read(conn) -> dict[str, str]:
    """A library's `build_info` (empty for a library built before the table existed)."""
    try:
        return {k: v for k, v in conn.execute("select key, value from build_info order by key")}
    except Exception:  # sqlite3.OperationalError: no such table
        return {}
