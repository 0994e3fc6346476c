"""The library's corpus rows as the build writes them: made from the per-post values, or copied
from the previous library (`lvterm.prior`), with the manifest that lets the next build copy them.

`build._build_library` calls these in order: `manifest_of` (what each post's and pair's rows are
made from, and their ids), `write_segments` and `write_beads` (copied where the digests are the
previous library's, else made: `segment_rows`), `kept_posts` (whose occurrences are copied),
`scan_rows` (the segments the occurrence scan reads), `write_occurrences`, `restore_scans` and
`finish_manifest`. A post is a `Doc`, a pair `(Latvian Doc, English Doc, buildunits._Unit)`.
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from operator import itemgetter
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

from . import db as dbmod
from .models import Bead, Post, Segment
from .prior import Manifest, OrderedWriter, Prior, counts_of, pair_digest, post_digest
from .progress import advancing


@dataclass
class Doc:
    """One post as the build holds it: the post file read, then its segments from the per-post
    work, and its place in the library."""

    post: Post
    file: str
    body: str
    lines: list[int]
    spans: list | None = None  # [paragraph, start, end] of each segment, from the per-post work
    count: int = 0  # how many segments (known before `spans` for a post copied from the previous library)
    keys: list | None = None  # (folded text, stem keys) of each segment, from the per-post work
    first_id: int = 0  # the id of its first segment
    unit_key: str = ""  # the key of its per-post work, and its position there (0: Latvian, 1: English)
    position: int = 0
    pair: str | None = None  # the id of its pair's Latvian post (None: built alone)
    digest: str = ""  # what its segment rows are made from (`prior.post_digest`)
    pair_digest: str = ""  # on a pair's Latvian post: what the pair's beads are made from (`prior.pair_digest`)


def texts(doc: Doc) -> list[str]:
    paragraphs = doc.post.paragraphs
    return [paragraphs[p][a:b] for p, a, b in doc.spans]


def segment_rows(doc: Doc) -> list[tuple]:
    paragraphs = doc.post.paragraphs
    segments = [Segment(index=i, paragraph=p, start=a, end=b, text=paragraphs[p][a:b])
                for i, (p, a, b) in enumerate(doc.spans)]
    return list(dbmod.segment_rows(doc.post.id, doc.post.lang, segments, lines=doc.lines, first_id=doc.first_id,
                                   keys=doc.keys))


#: The columns of a segment row the occurrence scan reads, in its order.
SCAN_AT = tuple(dbmod.SEGMENT_COLUMNS.index(c) for c in ("id", "post_id", "lang", "idx", "text", "stems"))


def scan_rows(docs: Sequence[Doc], made: dict[str, list[tuple]], *, skip: set[str]) -> Iterator[tuple]:
    """The segments to scan for occurrences, in id order (as `terms.store.occurrence_rows` reads
    them): every post's but those in `skip` (their occurrences are copied)."""
    pick = itemgetter(*SCAN_AT)
    for d in docs:
        if d.post.id not in skip:
            yield from map(pick, made[d.post.id] if d.post.id in made else segment_rows(d))


def manifest_of(docs: Sequence[Doc], aligned: Sequence[tuple], *, code: str) -> Manifest:
    """What this build's rows are made from, and their ids (`lvterm.prior`); the occurrences, the
    scan and the file are added as the build goes."""
    pairs, first = {}, 1
    for s, _, unit in aligned:
        pairs[s.post.id] = [s.pair_digest, first, unit.beads]
        first += unit.beads
    return Manifest(db=None, code=code, pairs=pairs,
                    posts={d.post.id: [d.digest, d.first_id, d.count, 0, 0] for d in docs})


def digest(docs: Sequence[Doc]) -> None:
    """Each post's `Doc.digest`, and a pair's `Doc.pair_digest` on its Latvian post (the unit key,
    position and pair set)."""
    by_id = {d.post.id: d for d in docs}
    for d in docs:
        d.digest = post_digest(d.post.id, d.post.lang, d.unit_key, d.position, d.lines)
        if d.pair is not None and d.position == 1:
            s = by_id[d.pair]
            s.pair_digest = pair_digest(s.unit_key, s.post.slug, s.post.id, d.post.id)


def write_segments(db, docs: Sequence[Doc], manifest: Manifest | None,
                   prior: Prior | None) -> tuple[int, dict[str, list[tuple]]]:
    """Every post's segments, copied from the previous library where its digest is the same;
    returns how many, and the rows made here by post id."""
    made: dict[str, list[tuple]] = {}
    out = OrderedWriter(db.conn, "segments")
    for d in docs:
        before = prior.segments(d.post.id) if prior is not None else None
        if before and prior.manifest.posts[d.post.id][0] == manifest.posts[d.post.id][0] and before[1] == d.count:
            out.copy(before[0], before[1], {"id": d.first_id - before[0]})
        else:
            made[d.post.id] = segment_rows(d)
            out.rows(made[d.post.id])
    return out.close(), made


def write_beads(db, aligned: Sequence[tuple], manifest: Manifest | None, prior: Prior | None, *,
                progress: Callable[..., Any]) -> tuple[int, dict[str, int]]:
    """Every pair's beads, copied from the previous library where its digest is the same; returns
    how many, and how far each copied pair's bead ids moved (by its Latvian post id)."""
    shift: dict[str, int] = {}
    out, first = OrderedWriter(db.conn, "beads"), 1
    for s, t, unit in advancing(aligned, progress, label="writing pairs", length=len(aligned)):
        before = prior.beads(s.post.id) if prior is not None else None
        if before and prior.manifest.pairs[s.post.id][0] == manifest.pairs[s.post.id][0] and before[1] == unit.beads:
            out.copy(before[0], before[1], {"id": first - before[0]})
            shift[s.post.id] = first - before[0]
        else:
            out.rows(dbmod.bead_rows(s.post.slug, s.post.id, t.post.id,
                                     [Bead(tuple(a), tuple(b), score) for a, b, score in unit.value["beads"]],
                                     texts(s), texts(t), first_id=first))
        first += unit.beads
    return out.close(), shift


def kept_posts(docs: Sequence[Doc], made: dict, prior: Prior | None, bead_shift: dict[str, int], *,
               scan: str) -> set[str]:
    """Ids of the posts whose occurrences are copied from the previous library: the scan looks for
    the same terms under the same ids, and the post's segments were copied, and its pair's beads
    (an occurrence names its bead)."""
    if prior is None or prior.manifest.scan != scan:
        return set()
    return {d.post.id for d in docs if d.post.id not in made and (d.pair is None or d.pair in bead_shift)}


def write_occurrences(db, docs: Sequence[Doc], rows: list[tuple], prior: Prior, kept: set[str],
                      bead_shift: dict[str, int]) -> tuple[int, Counter]:
    """The occurrences in id order: the posts in `kept` copied from the previous library (ids,
    segment and bead ids moved), the others' `rows` (found by the scan) numbered in turn. Returns
    how many, and their (term id, form) counts: the previous library's (`Manifest.counts`), less
    those of its posts not kept, plus the new rows'."""
    firsts = [d.first_id for d in docs]
    by_doc: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:  # (found in segment order: each post's rows in order)
        by_doc[bisect.bisect_right(firsts, row[2]) - 1].append(row)
    counts = Counter({(tid, form): n for tid, form, n in prior.manifest.counts})
    for post, entry in prior.manifest.posts.items():
        if post not in kept and entry[4]:
            for tid, form, n in counts_of(db.conn, entry[3], entry[4]):
                counts[(tid, form)] -= n
    out, next_id = OrderedWriter(db.conn, "occurrences"), 1
    for at, d in enumerate(docs):
        if d.post.id in kept:
            first, n = prior.occurrences(d.post.id)
            out.copy(first, n, {"id": next_id - first, "segment_id": d.first_id - prior.segments(d.post.id)[0],
                                "bead_id": bead_shift.get(d.pair, 0)})
            next_id += n
        else:
            new = by_doc.get(at, ())
            counts.update((row[1], row[6]) for row in new)
            out.rows((next_id + k, *row[1:]) for k, row in enumerate(new))
            next_id += len(new)
    return out.close(), +counts


def finish_manifest(manifest: Manifest, docs: Sequence[Doc], prior: Prior | None, kept: set[str], *, scans,
                    scan: str, observed: Counter, totals: list[int]) -> None:
    """The manifest's occurrence ranges, scan keys and counts, once the occurrences are written."""
    next_id, runs = 1, {}
    for d in docs:
        if d.post.id in kept:
            n = prior.occurrences(d.post.id)[1]
            if d.post.id in prior.manifest.runs:
                runs[d.post.id] = prior.manifest.runs[d.post.id]
        else:
            key, n = scans.posts.get(d.post.id, (None, 0))
            if key is not None:
                runs[d.post.id] = key
        manifest.posts[d.post.id][3:] = [next_id if n else 0, n]
        next_id += n
    manifest.scan, manifest.runs, manifest.totals = scan, runs, totals
    manifest.counts = [[tid, form, n] for (tid, form), n in sorted(observed.items())]


def restore_scans(scans, before: tuple[dict, dict], prior: Prior | None, kept: Sequence[Doc]) -> None:
    """The scan cache after a scan that skipped the `kept` posts (the scan's terms are the same):
    the patterns of languages with no post scanned are the previous ones, and the kept posts'
    matches are kept where their language's patterns kept their positions (else those posts are
    scanned again by a later build that needs them)."""
    if not kept:
        return
    runs, patterns = before
    scans.patterns = {**patterns, **scans.patterns}
    for d in kept:
        key = prior.manifest.runs.get(d.post.id)
        if key in runs and scans.patterns.get(d.post.lang) == patterns.get(d.post.lang):
            scans.runs[key] = runs[key]
