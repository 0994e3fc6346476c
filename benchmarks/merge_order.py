"""Does the termbase depend on the order the posts come in? Two builds of the same posts, the
second with the slugs renamed so that they sort the other way round, compared term by term.

Corpus: the shared newstest2017 lv-en test set (../shared/data/newstest2017-lv-en: not in the
repository; the script stops with a message when it is absent), cut into 41 post pairs of
consecutive sentences (paragraphs of 4), built with the repository's termbase (`build_library`,
no cache) in a temporary folder.

What is compared, first: `termbase.merge` itself, given each post's proposals (`build.work_unit`,
as the build makes them, the sources named alike) in the posts' order and reversed; the concepts
are compared whole (fields, terms and their forms, in order). Then the two builds: every concept
by id (a Latvian term's key makes it) with its own fields and its terms (language, text, status,
type, part of speech, frequency, reliability, note) and their forms with counts, in any order.
The concept's `source` names a post file: compared with the slugs mapped back to the post they
were made from; but where posts tie, their file names decide, and the renaming turns them round,
so sources may differ there. Row ids, the order of rows and what the corpus tables hold
(segments, beads, occurrences) are left out: they follow the slugs by design.

    .venv/bin/python benchmarks/merge_order.py               # 41 post pairs
    .venv/bin/python benchmarks/merge_order.py --pairs 10 --show 20
"""
from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lvterm.formats import post as postfmt  # noqa: E402
from lvterm.models import Post  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "newstest2017-lv-en"
SLUG_RE = re.compile(r"\S*/p\d{3}-(news-\d{3})\b")  # ".../forward/posts/p007-news-033" -> post 33


def post_pairs(pairs: int) -> list[dict[str, tuple[str, ...]]]:
    """newstest2017 cut into `pairs` post pairs: lang -> paragraphs (of 4 consecutive sentences)."""
    lines = {lang: (SHARED / f"newstest2017.{lang}").read_text(encoding="utf-8").splitlines() for lang in ("lv", "en")}
    per_post = -(-len(lines["lv"]) // pairs)
    out = []
    for i in range(0, len(lines["lv"]), per_post):
        sents = {lang: side[i:i + per_post] for lang, side in lines.items()}
        out.append({lang: tuple(" ".join(s[j:j + 4]) for j in range(0, len(s), 4)) for lang, s in sents.items()})
    return out


def write_posts(out: Path, posts: list[dict[str, tuple[str, ...]]], *, reverse: bool) -> None:
    """The post pairs as post files, post n named so that it sorts n-th (or n-th from the end)."""
    out.mkdir(parents=True)
    for n, sides in enumerate(posts):
        place = len(posts) - 1 - n if reverse else n
        slug = f"p{place:03d}-news-{n:03d}"
        for lang, other in (("lv", "en"), ("en", "lv")):
            post = Post(slug=slug, lang=lang, title=f"News {n}", paragraphs=sides[lang], date="2017-01-01",
                        translations={other: slug})
            (out / f"{slug}.{lang}.md").write_text(postfmt.dumps(post), encoding="utf-8")


def merged_both_ways(posts: list[dict[str, tuple[str, ...]]], termbase: Path) -> tuple[int, int, list[str]]:
    """`termbase.merge` itself, given the posts' proposals (each post's `work_unit`, as the build
    makes them; post n's source named news-n whatever its place) in their order and reversed:
    (concepts, concepts that differ in anything, including term and form order, some of their ids)."""
    from lvterm.build import _proposed_concept, work_unit
    from lvterm.terms.termbase import curated_dictionary, load_termbase, merge

    tb = load_termbase(termbase)
    dictionary = curated_dictionary(tb.curated)
    proposals = []
    for n, sides in enumerate(posts):
        terms = work_unit((("lv", sides["lv"]), ("en", sides["en"])), dictionary)["value"]["terms"]
        proposals.append([(_proposed_concept(k, lv, en, source=f"extraction from news-{n:03d}.lv.md"), tuple(w))
                          for k, lv, en, w in terms])
    got = []
    for ordered in (proposals, proposals[::-1]):
        flat = [p for post in ordered for p in post]
        merged = merge(tb.curated, [c for c, _ in flat], rejected=tb.rejected, writing=[w for _, w in flat])
        got.append({c.id: c for c in merged})
    a, b = got
    differ = sorted(cid for cid in a.keys() | b.keys() if a.get(cid) != b.get(cid))
    return len(a), len(differ), differ


def termbase_of(db: Path) -> dict[str, tuple]:
    """Concept id -> (concept fields, sorted terms with their forms), the slugs mapped to posts."""
    conn = sqlite3.connect(db)
    try:
        forms: dict[int, list] = {}
        for term_id, form, count in conn.execute("select term_id, form, count from term_forms"):
            forms.setdefault(term_id, []).append((form, count))
        terms: dict[str, list] = {}
        for row in conn.execute("select id, concept_id, lang, term, status, term_type, part_of_speech, frequency,"
                                " reliability, note from terms"):
            terms.setdefault(row[1], []).append((*row[2:], tuple(sorted(forms.get(row[0], ())))))
        out = {}
        for cid, field, definition, note, origin, source in conn.execute(
                "select id, subject_field, definition, note, origin, source from concepts"):
            source = SLUG_RE.sub(r"\1", source or "")
            out[cid] = ((field, definition, note, origin, source), tuple(sorted(terms.get(cid, ()))))
        return out
    finally:
        conn.close()


#: What a term's tuple holds after its language (`termbase_of`): the text, ..., the forms.
FIELDS = ("text", "status", "term_type", "part_of_speech", "frequency", "reliability", "note", "forms")


def what_differs(differ: set, terms_a: set, terms_b: set, lang: str) -> list[tuple[str, int]]:
    """How many of the differing (concept, `lang`) entries differ first in which field: in the
    terms they hold at all ("present": a term one build has and the other has not), else in the
    first field of FIELDS where one of their terms differs."""
    counts = dict.fromkeys(("present", *FIELDS), 0)
    for cid, g in differ:
        if g != lang:
            continue
        a = sorted(t for c, gg, t in terms_a if c == cid and gg == g)
        b = sorted(t for c, gg, t in terms_b if c == cid and gg == g)
        if len(a) != len(b) or not a:
            counts["present"] += 1
            continue
        field = next(f for i, f in enumerate(FIELDS) if any(x[i] != y[i] for x, y in zip(a, b)))
        counts[field] += 1
    return [(k, n) for k, n in counts.items() if n]


def build(work: Path, posts: list[dict[str, tuple[str, ...]]], *, reverse: bool) -> dict[str, tuple]:
    from lvterm.build import build_library

    name = "reverse" if reverse else "forward"
    write_posts(work / name / "posts", posts, reverse=reverse)
    db = work / name / "lvterm.db"
    build_library(corpus=work / name / "posts", termbase=work / "termbase", db_path=db, cache=False)
    return termbase_of(db)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=41, help="post pairs the 2,001 sentence pairs are cut into")
    ap.add_argument("--show", type=int, default=10, help="differing terms to print")
    ap.add_argument("--keep", type=Path, default=None, help="work in this (new) folder and keep it")
    args = ap.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"benchmarks/merge_order.py needs {SHARED} (the shared development data)")
    work = args.keep or Path(tempfile.mkdtemp(prefix="merge-order-"))
    posts = post_pairs(args.pairs)
    try:
        shutil.copytree(ROOT / "termbase", work / "termbase")
        a = build(work, posts, reverse=False)
        b = build(work, posts, reverse=True)
        n_merged, n_differ, merge_differ = merged_both_ways(posts, work / "termbase")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    ids = sorted(a.keys() | b.keys())
    only = [cid for cid in ids if (cid in a) != (cid in b)]
    concepts = [cid for cid in ids if cid in a and cid in b and a[cid] != b[cid]]
    fields = [cid for cid in concepts if a[cid][0] != b[cid][0]]
    source_only = [cid for cid in fields if a[cid][1] == b[cid][1] and a[cid][0][:-1] == b[cid][0][:-1]]
    terms_a = {(cid, t[0], t[1:]) for cid, (_, ts) in a.items() for t in ts}
    terms_b = {(cid, t[0], t[1:]) for cid, (_, ts) in b.items() for t in ts}
    differ = {(cid, lang) for cid, lang, _ in terms_a ^ terms_b}
    en = sorted(k for k in differ if k[1] == "en")
    print(f"{len(posts)} post pairs of newstest2017; merge() given their proposals in two orders, sources named "
          f"alike: {n_merged:,} concepts, {n_differ} differ" + (f" ({', '.join(merge_differ[:args.show])})"
                                                                if n_differ and args.show else ""))
    print(f"built in two slug orders: {len(a):,} / {len(b):,} concepts")
    print(f"concepts in one build only: {len(only)}")
    print(f"concepts that differ: {len(concepts)} (their own fields: {len(fields)}; "
          f"in their source only: {len(source_only)}, where posts may tie)")
    print(f"terms that differ: {len(differ)} (English {len(en)}, Latvian {len(differ) - len(en)})")
    for lang in ("en", "lv"):
        counts = what_differs(differ, terms_a, terms_b, lang)
        if counts:
            print(f"  {lang}, first differing in: " + ", ".join(f"{what} {n}" for what, n in counts))
    for cid, lang in sorted(differ)[:args.show]:
        for side, terms in (("forward", terms_a), ("reverse", terms_b)):
            got = sorted(t for c, g, t in terms if c == cid and g == lang)
            print(f"  {cid} {lang} {side}: " + "; ".join(f"{t[0]!r} {t[2]} f={t[4]} {t[6] or ''}" for t in got))
    for cid in fields[:args.show]:
        print(f"  {cid} fields: {a[cid][0]} / {b[cid][0]}")


if __name__ == "__main__":
    main()
