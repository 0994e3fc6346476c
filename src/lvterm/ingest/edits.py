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
the file's `source:`, so nothing is written; nor is a file whose text differs only in its line
ends (a stray CRLF line). Whatever is written over a file keeps its line ends (those most of its
lines have: CRLF from a Windows checkout, CR from an old Mac), its byte-order mark and its encoding
(UTF-16 after its mark: `formats.post.in_form_of`; a legacy Windows-1257 file, which ingest reads
by textio's rule for it, is written as UTF-8).
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from .. import textio
from ..errors import InputError
from ..formats import post as post_format
from ..models import Post

#: What writing a post file did: no file was there; the file there was written again; the file
#: there holds the post already (not written); the file there holds edits and was kept; the file
#: there, without a record, holds the post already and was given its record (`ingested:`) only.
NEW, UPDATED, UNCHANGED, KEPT, RECORDED = "new", "updated", "unchanged", "kept", "recorded"

#: How to take the source's text over a kept file, in terms of the CLI and of the Python API.
WAY_OUT = ("compare by hand, or delete the file and ingest again to take the source's text (or replace=True, "
           "--replace, for every file of the run)")


def write_over(post: Post, file: Path, *,
               replace: bool = False) -> tuple[str, str | bytes | None, InputError | None]:
    """What writing a run's `post` to `file` does (see the module): NEW, UPDATED, UNCHANGED or
    KEPT, what to write (None: nothing; a new file's text; over a file, its bytes, in the file's
    line ends, byte-order mark and encoding), and the problem to report (KEPT's). The file is read once; the post
    is rendered once (twice when only its source's path changed)."""
    try:
        old = textio.read_bytes(file)
        text = post_format.decode_file(old, path=file).text  # a legacy Windows-1257 file too: becomes UTF-8
    except (UnicodeError, InputError):  # none there, or unreadable: written (writing says why it cannot be)
        return (UPDATED if file.exists() else NEW), post_format.dumps_ingested(post)[0], None
    what, new, problem = _write_over(post, file, text=text, old=old, replace=replace)
    return what, (None if new is None else post_format.in_form_of(new, old)), problem


def _write_over(post: Post, file: Path, *, text: str, old: bytes,
                replace: bool) -> tuple[str, str | None, InputError | None]:
    """`write_over` for the file there, its bytes `old` and their `text` (line ends made LF)."""
    same = post_format.with_translations(post, text)
    if same is not None:  # the same post: its translations at most change
        return _same(same, old)
    try:
        there = post_format.loads(text, path=file)
    except InputError:
        there = None
    moved = None  # the post as it was ingested from a source of another name (a dated export)
    if there is not None and post.source is not None and there.source not in (None, post.source):
        moved = dataclasses.replace(post, source=there.source)
        same = post_format.with_translations(moved, text)
        if same is not None:
            return _same(same, old)
    record = post_format.ingest_record(text)
    new_text, digest = post_format.dumps_ingested(post)
    if replace:  # the source's text, whatever the file holds
        return UPDATED, new_text, None
    kept = text if there is None else post_format.with_translations(
        dataclasses.replace(there, translations=post.translations), text) or text
    renderings = [(post, new_text, digest)] + ([(moved, *post_format.dumps_ingested(moved))] if moved else [])
    if record is None:  # no record: the post's text but for whitespace and comments, it is recorded
        digest_kept = post_format.ingest_digest(kept) if there is not None else None  # (one YAML parse)
        if digest_kept is not None and any(digest_kept == d for _, _, d in renderings):
            recorded = post_format.with_record(kept, digest_kept)
            if recorded is not None:
                return RECORDED, recorded, None
        why = ("records no digest of what ingest wrote (no `ingested:`) and differs from the text ingest makes "
               "from the source, so whether it was edited cannot be told")
        return KEPT, _written(kept, old)[1], InputError(f"{why}; kept: {WAY_OUT}", path=file)
    if record in {d for _, _, d in renderings}:  # the source gives what was ingested: edits, if any, stay
        return _written(kept, old)
    added = user_keys(text, record, new=[t for _, t, _ in renderings])
    if added is not None:  # as ingest wrote it, but for keys and comments the user added: carried over
        carried = post_format.carry_over(new_text, text, keys=added)
        if carried is not None:
            return UPDATED, carried, None
    return KEPT, _written(kept, old)[1], InputError(
        f"edited since it was ingested, and the text ingest makes from the source differs from what it wrote; "
        f"kept: {WAY_OUT}", path=file)


def user_keys(text: str, record: str, *, new: list[str]) -> frozenset[str] | None:
    """The front matter keys of a post file's `text` that the user added, when all else of it is as
    ingest wrote it (the digest of the rest is the `record`); None when it was edited. Ingest wrote
    either every key there, or those of them it writes now (a text of `new`)."""
    keys = post_format.front_keys(text)
    for owned in (keys, *(keys & post_format.front_keys(t) for t in new)):
        if post_format.ingest_digest(text, keys=owned) == record:
            return keys - owned
    return None


def _same(text: str, old: bytes) -> tuple[str, str | None, None]:
    """`_written`, for a file that holds the post: RECORDED, and `text` with its record, when it
    records none."""
    if post_format.ingest_record(text) is None:
        recorded = post_format.with_record(text, post_format.ingest_digest(text))
        if recorded is not None:
            return RECORDED, recorded, None
    return _written(text, old)


def _written(text: str, old: bytes) -> tuple[str, str | None, None]:
    """UNCHANGED and nothing to write when `text` is the file's text, its line ends, byte-order mark
    and encoding aside, else UPDATED and `text`."""
    same = post_format.same_text(post_format.in_form_of(text, old), old)
    return (UNCHANGED, None, None) if same else (UPDATED, text, None)
