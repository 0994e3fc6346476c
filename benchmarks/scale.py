"""Scale benchmark: a library 1,000 x the seed, built with db.py's writers and served by `lvterm serve`.

Generates N aligned segment pairs (default 1,000,000) from the shared newstest2017 lv-en sentences and
the seed post pair, with term occurrences inserted in varied inflected forms, and T terms (default
100,000: T/2 concepts with a Latvian and an English term, 3-5 forms each, plus the curated termbase).
Builds the database exactly as `lvterm build` writes it (lvterm.db writers, lvterm.terms.store),
reports build time and size, starts `lvterm serve` on 127.0.0.1 and reports p50/p99 latency of
`term_lookup`, `concordance` and faceted table pages over HTTP (bounded request loops).

    .venv/bin/python benchmarks/scale.py                      # full size (about 10 minutes)
    .venv/bin/python benchmarks/scale.py --pairs 20000 --terms 4000 --requests 100   # a quick run
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from lvterm import db as dbmod  # noqa: E402
from lvterm import schema  # noqa: E402
from lvterm.lang.keys import fold  # noqa: E402
from lvterm.models import Bead, Concept, Segment, Term, TermForm  # noqa: E402

BEADS_PER_POST = 1000
AUTHORS = [f"{a} {b}" for a in ("Dace", "Anna", "Jānis", "Ilze", "Māris", "Līga", "Pēteris", "Inese")
           for b in ("Ūdre", "Kalniņa", "Bērziņš", "Ozola", "Liepiņš")]
CATEGORIES = ["Profesionālā tālākizglītība", "Bibliotēkas", "Informācijpratība", "Digitalizācija",
              "Sociālie tīkli", "Krājums", "Lasīšana", "Arhīvi", "Muzeji", "Izglītība", "Pētniecība", "Ziņas"]
# Latvian noun endings and the forms a term's last word takes (nominative, genitive, dative, accusative,
# locative ...): enough to make every term appear inflected.
LV_PARADIGMS = {"is": ["is", "a", "im", "i", "ī"], "us": ["us", "u", "um", "ū"], "a": ["a", "as", "ai", "u", "ā"],
                "e": ["e", "es", "ei", "i", "ē"], "s": ["s", "a", "am", "u", "ā"], "š": ["š", "a", "am", "u", "ā"]}
LV_FRAMES = ["Runa ir par {}.", "Skatīt arī: {}.", "Jautājums par {} paliek atklāts.", "Te minēts arī {}."]
EN_FRAMES = ["This is about {}.", "See also: {}.", "The question of {} remains open.", "{} is mentioned here too."]


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --- corpus and terms ----------------------------------------------------------------------------


def base_pairs(tmp: Path) -> list[tuple[str, str]]:
    data = SHARED / "data" / "newstest2017-lv-en"
    lv = (data / "newstest2017.lv").read_text(encoding="utf-8").splitlines()
    en = (data / "newstest2017.en").read_text(encoding="utf-8").splitlines()
    pairs = [(a.strip(), b.strip()) for a, b in zip(lv, en) if a.strip() and b.strip()]
    if len(list((ROOT / "corpus" / "posts").glob("*.md"))) >= 2:  # the seed pair, as `lvterm build` aligns it
        from lvterm.build import build_library

        seed_db = tmp / "seed.db"
        build_library(corpus=ROOT / "corpus" / "posts", termbase=ROOT / "termbase", db_path=seed_db)
        import sqlite3

        conn = sqlite3.connect(seed_db)
        pairs += [r for r in conn.execute("select lv_text, en_text from beads where lv_text != '' and en_text != ''")]
        conn.close()
    return pairs


def _vocab(sentences, *, ascii_only=False) -> list[str]:
    seen = {}
    for s in sentences:
        for w in re.findall(r"[^\W\d_]{4,}", s):
            if w.islower() and (not ascii_only or w.isascii()):
                seen[w] = None
    return list(seen)


def lv_forms(word: str) -> list[str]:
    for ending in sorted(LV_PARADIGMS, key=len, reverse=True):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            return [stem + e for e in LV_PARADIGMS[ending]]
    return [word]


def make_concepts(pairs, n_terms: int, rng: random.Random) -> list[Concept]:
    from lvterm.terms.termbase import load_curated

    curated = load_curated(ROOT / "termbase")
    lv_vocab = [w for w in _vocab(p[0] for p in pairs) if len(lv_forms(w)) > 1]
    lv_heads = _vocab(p[0] for p in pairs)
    en_vocab = _vocab((p[1] for p in pairs), ascii_only=True)
    concepts, seen = list(curated), set()
    n_concepts = (max(0, n_terms - sum(len(c.terms) for c in curated)) + 1) // 2  # at least n_terms terms
    while len(concepts) < len(curated) + n_concepts:
        head, last = rng.choice(lv_heads), rng.choice(lv_vocab)
        e1, e2 = rng.choice(en_vocab), rng.choice(en_vocab)
        key = (fold(head + " " + last[:-1]), fold(e1 + " " + e2))
        if key in seen or head == last or e1 == e2:
            continue
        seen.add(key)
        forms = [f"{head} {f}" for f in lv_forms(last)]
        en_term = f"{e1} {e2}"
        en_forms = [en_term, en_term + "s"]
        concepts.append(Concept(
            id=f"s{len(concepts):06d}", subject_field=rng.choice(CATEGORIES), origin="extracted", source="scale",
            terms=(Term(lang="lv", text=forms[0], status=rng.choice(["preferred", "admitted", "proposed"]),
                        reliability=rng.randint(1, 4), forms=tuple(TermForm(f, 0) for f in forms)),
                   Term(lang="en", text=en_term, status="preferred", reliability=rng.randint(1, 4),
                        forms=tuple(TermForm(f, 0) for f in en_forms)))))
    return concepts


def _term_forms(concept: Concept, lang: str) -> tuple[Term, list[str]]:
    term = concept.terms_in(lang)[0]
    return term, [f.form for f in term.forms] or [term.text]


def generate(db, pairs, concepts, n_pairs: int, rng: random.Random) -> tuple[list[dict], dict]:
    """Write posts, segments and beads (streamed) and return the term occurrences."""
    posts, segments_written, beads_written = [], 0, 0
    occurrences: list[dict] = []
    weights = [1.0 / (i + 1) ** 0.6 for i in range(len(concepts))]  # some terms far more frequent than others
    order = list(range(len(pairs)))
    n_posts = (n_pairs + BEADS_PER_POST - 1) // BEADS_PER_POST

    def rows():
        nonlocal segments_written, beads_written
        seg_id, bead_id = 1, 1
        picks = rng.choices(range(len(concepts)), weights=weights, k=n_pairs)
        for k in range(n_posts):
            slug = f"scale-{k:05d}"
            count = min(BEADS_PER_POST, n_pairs - k * BEADS_PER_POST)
            lv_segs, en_segs = [], []
            rng.shuffle(order)
            for i in range(count):
                lv, en = pairs[order[i % len(order)]]
                if rng.random() < 0.35:
                    c = concepts[picks[k * BEADS_PER_POST + i]]
                    lv_term, lv_fs = _term_forms(c, "lv")
                    en_term, en_fs = _term_forms(c, "en")
                    lv_form, en_form = rng.choice(lv_fs), rng.choice(en_fs)
                    frame = rng.randrange(len(LV_FRAMES))
                    lv_extra, en_extra = LV_FRAMES[frame].format(lv_form), EN_FRAMES[frame].format(en_form)
                    en_extra = en_extra[0].upper() + en_extra[1:]
                    lv_start = len(lv) + 1 + LV_FRAMES[frame].index("{}")
                    en_start = len(en) + 1 + EN_FRAMES[frame].index("{}")
                    lv, en = f"{lv} {lv_extra}", f"{en} {en_extra}"
                    for lang, term, form, start, sid in (("lv", lv_term, lv_form, lv_start, seg_id + 2 * i),
                                                         ("en", en_term, en_form, en_start, seg_id + 2 * i + 1)):
                        text = lv if lang == "lv" else en
                        occurrences.append({"concept_id": c.id, "lang": lang, "term": term.text, "segment_id": sid,
                                            "bead_id": bead_id + i, "start": start, "end": start + len(form),
                                            "form": text[start:start + len(form)]})
                lv_segs.append(Segment(index=i, paragraph=i // 5, start=0, end=len(lv), text=lv))
                en_segs.append(Segment(index=i, paragraph=i // 5, start=0, end=len(en), text=en))
            author, year, cat = rng.choice(AUTHORS), rng.randint(2005, 2024), rng.choice(CATEGORIES)
            for lang, other in (("lv", "en"), ("en", "lv")):
                posts.append({"id": f"{slug}.{lang}", "slug": slug, "lang": lang, "title": f"{slug} ({lang})",
                              "author": author, "date": str(year), "year": year, "category": cat,
                              "source": "benchmarks/scale.py", "translation": f"{slug}.{other}",
                              "file": None, "paragraphs": (count + 4) // 5, "body": None})
            # segments interleaved lv/en so that ids match the occurrence ids computed above
            for i in range(count):
                yield ("seg", next(dbmod.segment_rows(f"{slug}.lv", "lv", [lv_segs[i]], first_id=seg_id + 2 * i)))
                yield ("seg", next(dbmod.segment_rows(f"{slug}.en", "en", [en_segs[i]], first_id=seg_id + 2 * i + 1)))
            beads = [Bead((i,), (i,), round(rng.betavariate(5, 1.5), 4)) for i in range(count)]
            for row in dbmod.bead_rows(slug, f"{slug}.lv", f"{slug}.en", beads, [s.text for s in lv_segs],
                                       [s.text for s in en_segs], first_id=bead_id):
                yield ("bead", row)
            seg_id += 2 * count
            bead_id += count
            if (k + 1) % 100 == 0:
                log(f"  generated {bead_id - 1:,} pairs")

    bead_buf: list[tuple] = []

    def segs():
        nonlocal beads_written
        for kind, row in rows():
            if kind == "seg":
                yield row
            else:
                bead_buf.append(row)
                if len(bead_buf) >= 20_000:
                    beads_written += dbmod.write_beads(db, bead_buf)
                    bead_buf.clear()

    segments_written = dbmod.write_segments(db, segs())
    beads_written += dbmod.write_beads(db, bead_buf)
    dbmod.write_posts(db, posts)
    return occurrences, {"posts": len(posts), "segments": segments_written, "beads": beads_written}


def build(out: Path, *, n_pairs: int, n_terms: int, seed: int) -> dict:
    from lvterm.terms.store import write_termbase

    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    db_path = out / "scale.db"
    with tempfile.TemporaryDirectory() as tmp:
        pairs = base_pairs(Path(tmp))
    log(f"{len(pairs)} base sentence pairs (newstest2017 lv-en + the seed)")
    t0 = time.perf_counter()
    concepts = make_concepts(pairs, n_terms, rng)
    with dbmod.open_build(db_path) as db:
        schema.create_tables(db)
        occurrences, counts = generate(db, pairs, concepts, n_pairs, rng)
        t_rows = time.perf_counter()
        log(f"rows written in {t_rows - t0:.0f} s; writing the termbase")
        write_termbase(db, concepts, occurrences=occurrences)
        t_terms = time.perf_counter()
        log(f"termbase written in {t_terms - t_rows:.0f} s; indexes and FTS5")
        dbmod.finish(db)
        counts.update({t: db[t].count for t in ("concepts", "terms", "term_forms", "occurrences")})
    t_end = time.perf_counter()
    return {"db": str(db_path), "build_seconds": round(t_end - t0, 1), "rows_seconds": round(t_rows - t0, 1),
            "termbase_seconds": round(t_terms - t_rows, 1), "index_fts_seconds": round(t_end - t_terms, 1),
            "db_bytes": db_path.stat().st_size, "counts": counts,
            "queries": _sample_queries(concepts, occurrences, rng)}


def _sample_queries(concepts, occurrences, rng: random.Random, n: int = 2000) -> dict:
    """What users type: forms seen in the corpus, often without diacritics or in capitals; some typos."""
    seen = [o for o in rng.sample(occurrences, min(n, len(occurrences)))]
    lookups, typos, concordance = [], [], []
    for o in seen:
        q = o["form"]
        r = rng.random()
        q = fold(q) if r < 0.4 else q.upper() if r < 0.5 else q
        lookups.append(q)
        concordance.append(q)
        if len(q) > 6:
            i = rng.randrange(1, len(q) - 1)
            typos.append(q[:i] + q[i + 1:])  # one letter dropped (never the first)
    return {"term_lookup": lookups, "term_lookup_typo": typos, "concordance": concordance}


# --- serving and latency ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[float, int, bytes]:
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            body, status = r.read(), r.status
    except urllib.error.HTTPError as e:
        body, status = e.read(), e.code
    return (time.perf_counter() - t) * 1000, status, body


def _pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def measure(db_path: str, queries: dict, *, requests: int, budget_s: float) -> dict:
    port = _free_port()
    lvterm = Path(sys.executable).with_name("lvterm")
    cmd = [str(lvterm), "serve", "--db", db_path, "--port", str(port)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    name = Path(db_path).stem
    try:
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.perf_counter() - t0 > 600:
                    raise SystemExit("server did not start: " + proc.stderr.read().decode(errors="replace")[-400:])
                time.sleep(0.5)
        startup = time.perf_counter() - t0
        loops = {
            "term_lookup": [f"/{name}/term_lookup.json?" + urllib.parse.urlencode({"q": q, "_shape": "array"})
                            for q in queries["term_lookup"]],
            "term_lookup (typo, fuzzy)": [f"/{name}/term_lookup.json?" + urllib.parse.urlencode({"q": q, "_shape": "array"})
                                          for q in queries["term_lookup_typo"]],
            "concordance": [f"/{name}/concordance.json?" + urllib.parse.urlencode({"q": q, "_shape": "array"})
                            for q in queries["concordance"]],
            "concordance (HTML page)": [f"/{name}/concordance?" + urllib.parse.urlencode({"q": q})
                                        for q in queries["concordance"]],
            # the home page's search: lookup's entries, longer terms with the words, 20 marked pairs
            "home page search (HTML)": ["/?" + urllib.parse.urlencode({"q": q}) for q in queries["term_lookup"]],
            "faceted posts page": [f"/{name}/posts?_facet=author&_facet=year&_facet=category"],
            "faceted terms page": [f"/{name}/terms?_facet=status&_facet=lang&_facet=reliability"],
        }
        results = {}
        for label, urls in loops.items():
            for url in urls[:3]:  # warm-up
                _get(base + url)
            times, errors, hits, t_start = [], 0, 0, time.perf_counter()
            for i in range(requests):  # bounded: a fixed number of requests and a time budget
                if time.perf_counter() - t_start > budget_s:
                    break
                ms, status, body = _get(base + urls[i % len(urls)])
                times.append(ms)
                errors += status != 200
                hits += status == 200 and body not in (b"[]", b"")
            results[label] = {"requests": len(times), "p50_ms": round(_pct(times, 50), 1),
                              "p99_ms": round(_pct(times, 99), 1), "errors": errors,
                              "non_empty": hits}
            log(f"  {label}: {results[label]}")
        return {"startup_seconds": round(startup, 1), "latency": results}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=1_000_000)
    ap.add_argument("--terms", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=300, help="requests per measured page (bounded loop)")
    ap.add_argument("--budget", type=float, default=120.0, help="seconds at most per measured page")
    ap.add_argument("--out", default=str(ROOT / "build" / "scale"))
    ap.add_argument("--seed", type=int, default=2011)
    ap.add_argument("--keep", action="store_true", help="keep the database (it is large)")
    ap.add_argument("--measure-only", action="store_true",
                    help="serve and measure the database a previous --keep run left in --out")
    args = ap.parse_args(argv)
    if not (SHARED / "data" / "newstest2017-lv-en").is_dir():
        raise SystemExit(f"{SHARED}/data/newstest2017-lv-en is needed for this benchmark")
    out = Path(args.out)
    if args.measure_only:
        figures = json.loads((out / "build.json").read_text(encoding="utf-8"))
    else:
        figures = build(out, n_pairs=args.pairs, n_terms=args.terms, seed=args.seed)
        (out / "build.json").write_text(json.dumps(figures, ensure_ascii=False), encoding="utf-8")
    queries = figures.pop("queries")
    log(f"built {figures['db']} in {figures['build_seconds']} s, {figures['db_bytes'] / 1e9:.2f} GB; serving")
    figures.update(measure(figures["db"], queries, requests=args.requests, budget_s=args.budget))
    figures["cpu"] = os.cpu_count()
    (out / "figures.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    c = figures["counts"]
    print(f"scale: {c['beads']:,} aligned pairs ({c['segments']:,} segments, {c['posts']:,} posts), "
          f"{c['terms']:,} terms ({c['term_forms']:,} forms, {c['occurrences']:,} occurrences)")
    print(f"build: {figures['build_seconds']} s (rows {figures['rows_seconds']} s, termbase "
          f"{figures['termbase_seconds']} s, indexes+FTS5 {figures['index_fts_seconds']} s); "
          f"database {figures['db_bytes'] / 1e9:.2f} GB; server start {figures['startup_seconds']} s")
    for label, r in figures["latency"].items():
        print(f"{label:28s} p50 {r['p50_ms']:7.1f} ms  p99 {r['p99_ms']:7.1f} ms  "
              f"({r['requests']} requests, {r['non_empty']} with results, {r['errors']} errors)")
    if not args.keep:
        for p in [*out.glob("scale.db*"), out / "build.json"]:
            p.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
