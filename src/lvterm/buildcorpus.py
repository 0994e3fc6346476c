"""The corpus as `lvterm build` reads it: every post file parsed (`_read_corpus`), two files
declaring one post refused (`_duplicates`), and a parsed post as the build cache keeps it
(`_post_record`, checked by `_valid_record(s)` when read back, `_post_from`), so that a file
parsed by an earlier build is not parsed again.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import stat
from pathlib import Path
from typing import Any, Sequence

from .buildrows import Doc as _Doc
from .errors import InputError
from .formats import post as postfmt
from .models import Post
from .progress import Progress, advancing

log = logging.getLogger("lvterm.build")  # (the build's messages, under the one name they always had)


def _read_corpus(folder: Path, *, progress: Progress | None = None, parsed: dict | None = None) -> list[_Doc]:
    """Every post file of the corpus, read by `textio` as `lvterm segment` and `formats.post` read
    them (BOM, UTF-16 with a BOM, LF/CRLF/CR line ends; one InputError naming the file and line).
    Slugs are checked by `formats.post`; two files declaring one post are one error naming both.
    Every file is read: each bad one is one error line naming it (the last one is raised, saying
    how many there were), so one build names them all.

    `parsed`: the build cache's parsed posts (SHA-256 of a file's bytes -> `_post_record`), read
    and filled: a file parsed by an earlier build is not parsed again. Afterwards it holds the
    files of this corpus only."""
    import hashlib

    from .textio import read_text

    if not folder.is_dir():
        raise InputError("corpus folder does not exist", path=folder)
    docs, bad = [], []
    known, used = (parsed or {}), {}
    files = postfmt.post_files(folder)
    cwd = Path.cwd().resolve()
    for path in advancing(files, progress, label="reading posts", length=len(files)):
        digest = ""
        if parsed is not None:
            with contextlib.suppress(OSError):  # unreadable, or no regular file (a FIFO would block here):
                if stat.S_ISREG(os.stat(path).st_mode):  # read_text below says so, naming the file
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
        record = known.get(digest)
        post = _post_from(record) if record is not None else None
        if post is not None:
            lines = list(record["lines"])
        else:
            try:
                text = read_text(path)
                post, lines = postfmt.loads(text, path=path), postfmt.paragraph_lines(text)
            except InputError as exc:
                bad.append(exc)
                continue
            record = _post_record(post, lines) if parsed is not None else None
        if record is not None and digest:
            used[digest] = record
        docs.append(_Doc(post=post, file=_display(path, cwd=cwd), body="\n\n".join(post.paragraphs), lines=lines))
    if parsed is not None:
        parsed.clear()
        parsed.update(used)
    if not files:
        raise InputError("no post files (*.md) in the corpus folder", path=folder)
    bad += _duplicates(docs)
    if bad:
        for exc in bad[:-1]:
            log.error("%s", exc)
        last = bad[-1]
        if len(bad) == 1:
            raise last
        more = len(bad) - 1
        raise InputError(f"{last.message} (and {more} more bad post file{'s' * (more > 1)} named above)",
                         path=last.path, line=last.line, item=last.item)
    return docs


def _duplicates(docs: Sequence[_Doc]) -> list[InputError]:
    """`formats.post.check_unique`'s error for each file that declares a post an earlier file declares."""
    first: dict[str, str] = {}
    errors = []
    for d in docs:
        if d.post.id not in first:
            first[d.post.id] = d.file
            continue
        try:
            postfmt.check_unique([(d.post.id, first[d.post.id]), (d.post.id, d.file)])
        except InputError as exc:
            errors.append(exc)
    return errors


_POST_FIELDS = ("slug", "lang", "title", "paragraphs", "author", "date", "category", "source", "translations",
                "repairs", "meta")


def _post_record(post: Post, lines: list[int]) -> dict | None:
    """A parsed post file as JSON data (None when its metadata does not survive JSON: not cached)."""
    record = {name: getattr(post, name) for name in _POST_FIELDS}
    record.update(paragraphs=list(post.paragraphs), translations=dict(post.translations), meta=dict(post.meta),
                  repairs=[dataclasses.asdict(r) for r in post.repairs], lines=list(lines))
    try:
        return record if json.loads(json.dumps(record, ensure_ascii=False)) == record else None
    except (TypeError, ValueError):
        return None


def _valid_record(record: Any) -> bool:
    """Whether `record` is one `_post_record` could make: the fields `formats.post.loads` checks are
    as it leaves them (slug, language, translations, repairs), text where text is, a line number a
    paragraph."""
    from .models import Repair

    try:
        slug, lang, translations, lines = record["slug"], record["lang"], record["translations"], record["lines"]
        paragraphs = record["paragraphs"]
        if not (type(slug) is str and type(lang) is str and type(record["title"]) is str
                and type(paragraphs) is list and all(type(x) is str for x in paragraphs)
                and (record["date"] is None or type(record["date"]) is str) and type(translations) is dict
                and type(record["repairs"]) is list and type(record["meta"]) is dict and type(lines) is list
                and len(lines) == len(paragraphs) and all(type(n) is int and n > 0 for n in lines)
                and all(type(k) is str and type(v) is str for k, v in translations.items())):
            return False
        postfmt.check_slug(slug)
        postfmt.check_lang(lang)
        for k, v in translations.items():
            postfmt.check_lang(k)
            postfmt.check_slug(v)
        for r in record["repairs"]:
            Repair(**r)
        return all(name in record for name in _POST_FIELDS)
    except (TypeError, KeyError, InputError):
        return False


def _valid_records(value: Any) -> bool:
    """The parsed-posts entry: a mapping of file digests to `_valid_record`s."""
    return isinstance(value, dict) and all(_valid_record(r) for r in value.values())


def _post_from(record: Any) -> Post | None:
    """The Post of a `_post_record` (None for a damaged one: the file is parsed again)."""
    from .models import Repair

    try:
        fields = {name: record[name] for name in _POST_FIELDS}
        fields.update(paragraphs=tuple(fields["paragraphs"]), repairs=tuple(Repair(**r) for r in fields["repairs"]))
        if not isinstance(record["lines"], list):
            return None
        return Post(**fields)
    except (TypeError, KeyError):
        return None


def _display(path: Path, *, cwd: Path) -> str:
    """How messages and rows name a post file: relative to `cwd` (resolved) when it is below it."""
    with contextlib.suppress(ValueError):
        return os.fspath(path.resolve().relative_to(cwd))
    return os.fspath(path)
