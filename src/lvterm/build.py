"""`build_library`: corpus/posts + termbase/ -> build/lvterm.db (one SQLite file, renamed into place).

Stages: read posts -> segment each post -> align each declared lv/en pair -> write posts, segments,
beads -> term extraction merged under the curated termbase -> termbase tables -> indexes, FTS5, view.
Each stage calls the library module that owns it.
"""
from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from . import schema
from .constants import EXTRACT_MIN_CONFIDENCE, SOURCE_LANG, TARGET_LANG
from . import db as dbmod
from .errors import InputError
from .formats import post as postfmt
from .models import Bead, Concept, Post, Segment

log = logging.getLogger("lvterm.build")

Progress = Callable[..., Any]  # progress(iterable, *, label, length) -> context manager yielding the iterable


@contextlib.contextmanager
def _no_progress(iterable, *, label: str = "", length: int | None = None):
    yield iterable


@dataclass
class BuildReport:
    db_path: str
    posts: int = 0
    segments: int = 0
    beads: int = 0
    pairs: int = 0
    concepts: int = 0
    terms: int = 0

    def summary(self) -> str:
        return (f"{self.db_path}: {self.posts} posts, {self.segments} segments, {self.pairs} pairs, "
                f"{self.beads} beads, {self.concepts} concepts, {self.terms} terms")


# --- the build --------------------------------------------------------------------------------------


@dataclass
class _Doc:
    post: Post
    file: str
    body: str
    lines: list[int]
    segments: list[Segment] = field(default_factory=list)
    first_id: int = 0


def _read_corpus(folder: Path) -> list[_Doc]:
    """Every post file of the corpus, read by `textio` as `lvterm segment` and `formats.post` read
    them (BOM, UTF-16 with a BOM, LF/CRLF/CR line ends; one InputError naming the file and line)."""
    from .textio import read_text

    if not folder.is_dir():
        raise InputError("corpus folder does not exist", path=folder)
    docs = []
    for path in postfmt.post_files(folder):
        text = read_text(path)
        post = postfmt.loads(text, path=path)
        body = "\n\n".join(post.paragraphs)
        docs.append(_Doc(post=post, file=_display(path), body=body, lines=postfmt.paragraph_lines(text)))
    if not docs:
        raise InputError("no post files (*.md) in the corpus folder", path=folder)
    return docs


def _post_rows(docs: Sequence[_Doc], by_id: dict) -> Iterable[dict]:
    """posts rows; a declared translation that is not in the corpus is dropped with a warning."""
    for d in docs:
        row = dbmod.post_row(d.post, file=d.file, body=d.body)
        if row["translation"] is not None and row["translation"] not in by_id:
            log.warning("%s: its translation %s is not in the corpus; built without a pair", d.file,
                        row["translation"])
            row["translation"] = None
        yield row


def _display(path: Path) -> str:
    with contextlib.suppress(ValueError):
        return os.fspath(path.resolve().relative_to(Path.cwd().resolve()))
    return os.fspath(path)


def build_library(*, corpus: str | os.PathLike = "corpus/posts", termbase: str | os.PathLike = "termbase",
                  db_path: str | os.PathLike = "build/lvterm.db", progress: Progress | None = None) -> BuildReport:
    """Build the library database from the post files in `corpus` and the curated `termbase` folder.

    The library is Latvian-English: Latvian posts are paired with their declared English
    translations (`constants.SOURCE_LANG`, `constants.TARGET_LANG`); nothing lets a caller swap the
    columns' languages.
    """
    from .align import align
    from .segment import segment_post
    from .terms.store import write_termbase
    from .terms.termbase import load_curated, merge

    progress = progress or _no_progress
    db_path = Path(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where the folder should be, no permission: one line, not a traceback
        raise InputError(f"cannot create the database folder ({exc.strerror or exc})", path=db_path.parent) from None
    report = BuildReport(db_path=os.fspath(db_path))
    docs = _read_corpus(Path(corpus))
    by_id = {d.post.id: d for d in docs}
    curated = load_curated(Path(termbase))
    dictionary = _dictionary(curated)

    next_id = 1
    with progress(docs, label="segment", length=len(docs)) as bar:
        for doc in bar:
            doc.segments = segment_post(doc.post)
            doc.first_id, next_id = next_id, next_id + len(doc.segments)

    pairs = postfmt.pairs([d.post for d in docs], src_lang=SOURCE_LANG, tgt_lang=TARGET_LANG)
    aligned: list[tuple[_Doc, _Doc, list[Bead]]] = []
    with progress(pairs, label="align", length=len(pairs)) as bar:
        for src, tgt in bar:
            s, t = by_id[src.id], by_id[tgt.id]
            beads = align([x.text for x in s.segments], [x.text for x in t.segments], src_lang=SOURCE_LANG,
                          tgt_lang=TARGET_LANG, dictionary=dictionary, src_paragraphs=[x.paragraph for x in s.segments],
                          tgt_paragraphs=[x.paragraph for x in t.segments])
            aligned.append((s, t, list(beads)))

    with dbmod.open_build(db_path) as db:
        schema.create_tables(db)
        report.posts = dbmod.write_posts(db, _post_rows(docs, by_id))
        report.segments = dbmod.write_segments(db, (
            row for d in docs for row in dbmod.segment_rows(d.post.id, d.post.lang, d.segments, lines=d.lines,
                                                            first_id=d.first_id)))
        first = 1
        for s, t, beads in aligned:
            report.beads += dbmod.write_beads(db, dbmod.bead_rows(
                s.post.slug, s.post.id, t.post.id, beads, [x.text for x in s.segments],
                [x.text for x in t.segments], first_id=first))
            first += len(beads)
        report.pairs = len(aligned)
        extracted = _extract_concepts(aligned, dictionary=dictionary, progress=progress)
        write_termbase(db, merge(curated, extracted))
        dbmod.finish(db)
        report.concepts = db["concepts"].count
        report.terms = db["terms"].count
    return report


def _dictionary(curated) -> list[tuple[str, str]]:
    """(Latvian term, English term) pairs of every curated concept: anchors for the aligner and pairing."""
    return [(a.text, b.text) for c in curated for a in c.terms_in(SOURCE_LANG) for b in c.terms_in(TARGET_LANG)]


def _extract_concepts(aligned, *, dictionary, progress: Progress) -> list[Concept]:
    """Term pairs extracted from every aligned post pair, as `extracted` concepts (merged later)."""
    from .terms.extract import extract_terms
    from .terms.pair import best_pairs, pair_terms

    concepts = []
    with progress(aligned, label="terms", length=len(aligned)) as bar:
        for s, t, beads in bar:
            lv_sents, en_sents = [x.text for x in s.segments], [x.text for x in t.segments]
            lv_c = extract_terms(lv_sents, lang="lv")
            en_c = extract_terms(en_sents, lang="en")
            by_key = {("lv", c.key): c for c in lv_c} | {("en", c.key): c for c in en_c}
            pairs = pair_terms(lv_c, en_c, beads, lv_sentences=lv_sents, en_sentences=en_sents,
                               dictionary=dictionary, per_term=1)
            for p in best_pairs(pairs):
                if p.confidence < EXTRACT_MIN_CONFIDENCE or p.score <= 0:
                    continue
                lv_term, en_term = by_key[("lv", p.lv_key)], by_key[("en", p.en_key)]
                concepts.append(Concept(id=f"x-{p.lv_key.replace(' ', '-')}",
                                        terms=(lv_term.as_term(), en_term.as_term()), origin="extracted",
                                        source=f"extraction from {s.file}"))
    return concepts


