"""The build cache: what `lvterm build` computed for each post pair, kept in `build/cache/`.

One gzip-compressed JSON file a key, `<key>.json.gz` (`zcat` shows it), written atomically (a temp
file beside it, then renamed). The
key is a SHA-256 of what the per-post work reads (`content_key`): the posts' languages and
paragraphs and, for a pair, the curated dictionary the aligner and the term pairer use. Each
file also records what computed it:

    {"format": 1, "version": "0.1.0", "code": "<fingerprint>", "key": "<key>", "value": {...}}

- `format`/`version`: the cache layout (`CACHE_FORMAT`) and `lvterm.__version__`. A file from
  another version, or one that is damaged (not JSON, truncated, another key, or a value the
  reader's `valid` check refuses: null, the wrong shape, an index out of range), is one warning
  line naming it, and is recomputed and overwritten.
- `code`: `code_fingerprint()`, a digest of the source and data files of the parts of lvterm the
  per-post work runs (`WORK_CODE`) and the versions of the packages whose output it depends on
  (spaCy, pysbd, simplemma, ...). A file computed by other code is recomputed quietly: during
  development that is every edit of those parts.

`prune(keep)` removes the entries a build did not use (posts edited or deleted since), so the
folder holds one file per post pair of the latest build.
"""
from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import logging
import os
import re
import sys
import tempfile
import time
import zlib
from collections import deque
from functools import lru_cache
from importlib import metadata
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .errors import InputError

log = logging.getLogger(__name__)

#: The layout of a cache file; raise it when the stored value changes shape.
CACHE_FORMAT = 1
#: Packages whose results the per-post work depends on (their versions are in the fingerprint).
DEPENDENCIES = ("spacy", "pysbd", "simplemma", "LatvianStemmer", "wordfreq", "numpy", "rapidfuzz", "spylls", "PyYAML")
#: Warning lines about damaged or other-version files per build; the rest are counted in one line.
MAX_WARNINGS = 20
_SUFFIX = ".json.gz"
_NAME = re.compile(r"^[0-9a-f]{64}\.json\.gz$")
_STALE_SECONDS = 3600
#: Files `get_many` reads ahead of the one being decoded.
_AHEAD = 16


def code_version() -> str:
    """`lvterm.__version__` (read from the loaded package: no module imports the facade)."""
    return str(getattr(sys.modules.get(__package__ or "lvterm"), "__version__", "unknown"))


#: The parts of lvterm the per-post work runs (modules, packages, data): their files are in the
#: fingerprint. tests/test_build_incremental.py checks that the work imports nothing else of lvterm.
WORK_CODE = ("__init__.py", "align", "build.py", "buildcorpus.py", "builddict.py", "buildrows.py", "buildunits.py",
             "constants.py", "data", "db.py", "errors.py", "fileio.py", "formats", "lang", "models.py", "prior.py",
             "progress.py", "schema.py", "segment", "spacyload.py", "terms", "textio.py", "wordalign.py")
_CODE_SUFFIXES = (".py", ".yml", ".yaml", ".txt", ".json", ".aff", ".dic", ".tsv")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of the files of `WORK_CODE` and of the dependencies' versions."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    files = []
    for part in WORK_CODE:
        path = root / part
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for path in files:
        # (a link is not the work's: data/metadata.yml links to the site's texts, which no post's
        # rows depend on)
        if path.suffix not in _CODE_SUFFIXES or "__pycache__" in path.parts or path.is_symlink():
            continue
        digest.update(path.relative_to(root).as_posix().encode())
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    for name in DEPENDENCIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\n".encode())
    return digest.hexdigest()[:32]


def content_key(*parts: Any) -> str:
    """The key of JSON-serialisable inputs (order and types matter: tuples count as lists)."""
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


#: The largest cache file read (compressed): far above any entry this build writes, so that only a
#: stray huge file is refused rather than read into memory.
MAX_ENTRY_BYTES = 2 * 1000 * 1000 * 1000


class BuildCache:
    """The cache folder (created on first write). `get` a key's value, `put` it, `prune` the rest."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.version, self.code = code_version(), code_fingerprint()
        self.hits = self.misses = self.rejected = 0
        self._warned = 0
        self.writable = True  # until a write fails: then one warning, and no more tries
        self._clean_temp_files()

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{_SUFFIX}"

    def get(self, key: str, *, valid: Callable[[Any], bool] | None = None) -> Any | None:
        """The value stored under `key`, or None (missing, damaged, other version or code). `valid`:
        whether a value can be right for `key` (a file whose value is not is damaged: one warning)."""
        return self._value(key, self._read(key), valid)

    def get_many(self, keys: Iterable[str], *,
                 valid: Callable[[str], Callable[[Any], bool] | None] = lambda key: None) -> Iterator[Any | None]:
        """`get` of each key, in order; the files are read and decompressed a few ahead in another
        thread (both without Python's GIL) while this one decodes the JSON. `valid(key)`: the
        check of that key's value."""
        from concurrent.futures import ThreadPoolExecutor

        keys = iter(keys)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lvterm-cache-read") as pool:
            window = deque((key, pool.submit(self._read, key)) for key in islice(keys, _AHEAD))
            while window:
                key, raw = window.popleft()
                for more in islice(keys, 1):
                    window.append((more, pool.submit(self._read, more)))
                yield self._value(key, raw.result(), valid(key))

    def _read(self, key: str) -> bytes | str | None:
        """The decompressed bytes of `key`'s file; None when there is none; a text saying why it
        cannot be read (thread-safe: no counting, no warning)."""
        from .textio import read_bytes

        path = self.path(key)
        try:  # (opened without blocking: a FIFO or a device in its place is refused, not waited on)
            raw = read_bytes(path, limit=MAX_ENTRY_BYTES)
        except InputError as exc:
            if not os.path.lexists(path):  # no entry, or no cache folder
                return None
            return f"cannot be read ({exc.message.removeprefix('cannot read: ')})"
        try:
            return gzip.decompress(raw)
        except (OSError, EOFError, ValueError, zlib.error):  # gzip.BadGzipFile is an OSError
            return "is damaged (not gzip-compressed JSON)"

    def _value(self, key: str, data: bytes | str | None, valid: Callable[[Any], bool] | None) -> Any | None:
        path = self.path(key)
        if data is None:
            self.misses += 1
            return None
        if isinstance(data, str):
            return self._reject(path, data)
        try:
            entry = json.loads(data)
        except (ValueError, UnicodeDecodeError):
            return self._reject(path, "is damaged (not gzip-compressed JSON)")
        if not isinstance(entry, dict) or "value" not in entry or entry.get("key") != key:
            return self._reject(path, "is damaged (not a cache entry for its key)")
        if entry.get("format") != CACHE_FORMAT or entry.get("version") != self.version:
            return self._reject(path, f"is from another version (lvterm {entry.get('version')}, cache format "
                                      f"{entry.get('format')}; this is {self.version}, format {CACHE_FORMAT})")
        if entry.get("code") != self.code:  # other code during development: recompute quietly
            self.misses += 1
            return None
        if valid is not None and not valid(entry["value"]):
            return self._reject(path, "is damaged (a value that cannot be right for its key)")
        self.hits += 1
        return entry["value"]

    def _reject(self, path: Path, why: str) -> None:
        self.rejected += 1
        self._warned += 1
        if self._warned <= MAX_WARNINGS:
            log.warning("%s: cache file %s; recomputed", path, why)
        return None

    def put(self, key: str, value: Any) -> None:
        """Store `value` (JSON) under `key`: a temp file renamed into place. A cache that cannot be
        written is one warning (and no further tries), never a failed build."""
        if not self.writable:
            return
        entry = {"format": CACHE_FORMAT, "version": self.version, "code": self.code, "key": key, "value": value}
        data = gzip.compress(json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                             compresslevel=1, mtime=0)  # fastest: entries are rewritten often
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as fp:
                    fp.write(data)
                os.replace(tmp, self.path(key))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError as exc:
            self.writable = False
            log.warning("%s: cannot write the build cache (%s); the build goes on without it", self.folder,
                        exc.strerror or exc)

    def prune(self, keep: Iterable[str]) -> int:
        """Remove cache files whose key is not in `keep`; returns how many were removed."""
        keep = {f"{k}{_SUFFIX}" for k in keep}
        removed = 0
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                if _NAME.match(entry.name) and entry.name not in keep:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed += 1
        return removed

    def finish(self) -> None:
        """One line for the warnings about cache files left out (after MAX_WARNINGS)."""
        if self._warned > MAX_WARNINGS:
            log.warning("%s: %d more cache files were damaged or from another version; recomputed",
                        self.folder, self._warned - MAX_WARNINGS)

    def _clean_temp_files(self) -> None:
        """Temp files a killed build left behind (older than an hour)."""
        now = time.time()
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                if entry.name.startswith(".") and entry.name.endswith(".tmp"):
                    with contextlib.suppress(OSError):
                        if now - entry.stat().st_mtime > _STALE_SECONDS:
                            os.unlink(entry.path)
