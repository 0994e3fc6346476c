"""Whether a run's post may be written over the post file already there, and as which text.

Post files are the user's to edit, so ingest writes over one only while it still holds what
ingest wrote. A file ingest writes records a digest of its own text, `ingested: sha256:...`
(`formats.post.ingest_digest`: the text but for that line and for `translations:`, which later
runs and `lvterm pair --write` add to). When a post comes again, its file there is:

- the same post but for its translations (its comments and quoting aside, as they are):
  left as it is, its translations only made the post's (UNCHANGED when that changes nothing);
- as ingest wrote it (its text has the digest it records): written again (UPDATED);
- edited since, but the source gives what was ingested then (the new text's digest is the one
  recorded): the edits stay (UNCHANGED);
- edited since, and the source changed too; or without a record (written before ingest recorded
  one, or by hand: whether it was edited cannot be told, so it counts as edited) and not the
  post: KEPT (translations only made the post's) with one line naming the file, an error
  (exit code 2): compare by hand, or ingest again with `replace` (`--replace`) to take the
  source's text.

A post that differs from its file only in `source:` (the same export under a dated name) keeps
the file's `source:`, so nothing is written.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from .. import textio
from ..errors import InputError
from ..formats import post as post_format
from ..models import Post

#: What writing a post file did: no file was there; the file there was written again; the file
#: there holds the post already (not written); the file there holds edits and was kept.
NEW, UPDATED, UNCHANGED, KEPT = "new", "updated", "unchanged", "kept"


def write_over(post: Post, file: Path, *, replace: bool = False) -> tuple[str, str | None, InputError | None]:
    """What writing a run's `post` to `file` does (see the module): NEW, UPDATED, UNCHANGED or
    KEPT, the text to write (None: nothing to write), and the problem to report (KEPT's). The
    file is read once; the post is rendered once (twice when only its source's path changed)."""
    try:
        old = textio.read_bytes(file)
        text = textio.decode(old, path=file).text
    except (UnicodeError, InputError):  # none there, or unreadable: written (writing says why it cannot be)
        return (UPDATED if file.exists() else NEW), post_format.dumps_ingested(post)[0], None
    same = post_format.with_translations(post, text)
    if same is not None:  # the same post: its translations at most change
        return _written(same, old)
    try:
        there = post_format.loads(text, path=file)
    except InputError:
        there = None
    moved = None  # the post as it was ingested from a source of another name (a dated export)
    if there is not None and post.source is not None and there.source not in (None, post.source):
        moved = dataclasses.replace(post, source=there.source)
        same = post_format.with_translations(moved, text)
        if same is not None:
            return _written(same, old)
    record, current = post_format.ingest_record(text), post_format.ingest_digest(text)
    if replace or (record is not None and record == current):  # as ingest wrote it: the source's text
        return UPDATED, post_format.dumps_ingested(post)[0], None
    kept = text if there is None else post_format.with_translations(
        dataclasses.replace(there, translations=post.translations), text) or text
    if record is not None and record in {post_format.dumps_ingested(p)[1] for p in (post, moved) if p}:
        return _written(kept, old)  # edited by hand, and the source gives what was ingested: kept
    why = ("edited since it was ingested, and the source changed too" if record is not None else
           "differs from the source's text and records no digest of what ingest wrote (no `ingested:`), "
           "so whether it was edited cannot be told")
    problem = InputError(f"{why}; kept: compare by hand, or ingest again with --replace to take the "
                         f"source's text", path=file)
    return KEPT, _written(kept, old)[1], problem


def _written(text: str, old: bytes) -> tuple[str, str | None, None]:
    """UNCHANGED and nothing to write when `text` is the file's bytes, else UPDATED and `text`."""
    return (UNCHANGED, None, None) if text.encode("utf-8") == old else (UPDATED, text, None)
