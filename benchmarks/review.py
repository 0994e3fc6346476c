"""Review benchmark: a terminologist's 1,000 decisions on the machine's proposals, and the rebuild
that applies them. Target: under a second per decision, review and rebuild together.

Corpus: the shared newstest2017 lv-en test set (../shared/data/newstest2017-lv-en), consecutive
sentences cut into post pairs of 40 sentences (paragraphs of 4), written as post files with the
repository's curated termbase. Steps, all on the paths a user runs:

  build        `lvterm build` (a fresh interpreter): the library with its proposals
  proposals    `Library.proposals()`: what `lvterm review` reads, best first
  interactive  `lvterm review` in one session, driven through click's CliRunner with 1,000 answers
               (accept, reject, not a term, in turn): shows each proposal with its examples,
               writes each decision to termbase/accepted.yaml or rejected.yaml at once
  per decision the same loop through the Python API the command calls (examples, display text,
               decision written atomically), each step timed: p50 / p99 / max
  scripted     `lvterm review --accept ID ... --reject ID ...` with 1,000 ids, one process
  rebuild      `lvterm build` with the 1,000 decisions, beside the same rebuild without them
               (baseline, same run); both with the build cache of the first build
Afterwards it checks that no rejected pair came back and that every accepted entry is curated.

    .venv/bin/python benchmarks/review.py                    # 1,000 decisions
    .venv/bin/python benchmarks/review.py --decisions 200 --pairs 10 --keep /tmp/review-bench
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lvterm.formats import post as postfmt  # noqa: E402
from lvterm.models import Post  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "newstest2017-lv-en"
LVTERM = Path(sys.executable).with_name("lvterm")
ANSWERS = ("a", "r", "n")  # accept, reject, not a term: every answer is a decision


def write_corpus(out: Path, *, pairs: int | None, per_post: int = 40) -> int:
    lv = (SHARED / "newstest2017.lv").read_text(encoding="utf-8").splitlines()
    en = (SHARED / "newstest2017.en").read_text(encoding="utf-8").splitlines()
    out.mkdir(parents=True)
    starts = list(range(0, len(lv), per_post))[:pairs]
    for n, i in enumerate(starts):
        slug = f"news-{n:03d}"
        for lang, side, other in (("lv", lv, "en"), ("en", en, "lv")):
            sents = side[i:i + per_post]
            paragraphs = tuple(" ".join(sents[j:j + 4]) for j in range(0, len(sents), 4))
            post = Post(slug=slug, lang=lang, title=f"News {n}", paragraphs=paragraphs, date="2017-01-01",
                        translations={other: slug})
            (out / f"{slug}.{lang}.md").write_text(postfmt.dumps(post), encoding="utf-8")
    return len(starts)


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - t


def lvterm(*args: str, cwd: Path) -> float:
    t = time.perf_counter()
    run = subprocess.run([str(LVTERM), *args], cwd=cwd, capture_output=True, text=True)
    if run.returncode:
        sys.exit(f"lvterm {args[0]} failed ({run.returncode}): {run.stderr.strip()}")
    return time.perf_counter() - t


def fresh_termbase(work: Path, name: str) -> Path:
    folder = work / name
    shutil.copytree(ROOT / "termbase", folder)
    return folder


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--decisions", type=int, default=1000)
    ap.add_argument("--pairs", type=int, default=None, help="post pairs of 40 sentences (default: all 51)")
    ap.add_argument("--keep", type=Path, default=None, help="work in this (new) folder and keep it")
    args = ap.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"benchmarks/review.py needs {SHARED} (the shared development data)")
    from click.testing import CliRunner

    from lvterm import Library
    from lvterm.cli import cli
    from lvterm.terms.review import Review, format_proposal
    from lvterm.terms.termbase import is_rejected, load_rejected, rejected_keys

    work = args.keep or Path(tempfile.mkdtemp(prefix="review-bench-"))
    pairs = write_corpus(work / "posts", pairs=args.pairs)
    fresh_termbase(work, "termbase")
    db = work / "lvterm.db"
    t_build = lvterm("build", "--corpus", "posts", "--termbase", "termbase", "--db", "lvterm.db", cwd=work)
    lib = Library(db)
    proposals, t_props = timed(lib.proposals)
    n = min(args.decisions, len(proposals))
    print(f"corpus: {pairs} post pairs of newstest2017; library: {len(proposals):,} proposals; "
          f"first build {t_build:.1f} s")
    print(f"proposals: Library.proposals() {t_props * 1000:.0f} ms")

    # interactive: one `lvterm review` session, 1,000 answers
    tb_cli = fresh_termbase(work, "termbase-cli")
    answers = "".join(ANSWERS[i % len(ANSWERS)] + "\n" for i in range(n)) + "q\n"
    result, t_cli = timed(CliRunner().invoke, cli, ["review", "--db", str(db), "--termbase", str(tb_cli)],
                          input=answers)
    assert result.exit_code == 0, result.output[-2000:]
    print(f"interactive `lvterm review`: {n:,} decisions in {t_cli:.1f} s = {t_cli / n * 1000:.1f} ms a decision")

    # per decision, through the API the command calls
    session = Review(fresh_termbase(work, "termbase-api"))
    steps = []
    for i, proposal in enumerate(session.pending(proposals)[:n]):
        t = time.perf_counter()
        format_proposal(proposal, lib.proposal_examples(proposal), position=f"[{i + 1}/{n}]")
        answer = ANSWERS[i % len(ANSWERS)]
        session.accept(proposal) if answer == "a" else session.reject(proposal, whole_term=answer == "n")
        steps.append(time.perf_counter() - t)
    print(f"per decision (examples, display, atomic write): p50 {statistics.median(steps) * 1000:.1f} ms, "
          f"p99 {percentile(steps, 0.99) * 1000:.1f} ms, max {max(steps) * 1000:.1f} ms "
          f"(first {steps[0] * 1000:.1f} ms, last {steps[-1] * 1000:.1f} ms: the files grow)")

    # scripted: one process, 1,000 ids
    ids = [p.id for p in proposals[:n]]
    flags = [x for i, cid in enumerate(ids) for x in (("--accept", cid) if i % 2 == 0 else ("--reject", cid))]
    fresh_termbase(work, "termbase-script")
    t_script = lvterm("review", "--db", "lvterm.db", "--termbase", "termbase-script", *flags, cwd=work)
    print(f"scripted `lvterm review --accept/--reject` x {n:,}: {t_script:.1f} s (one process)")

    # rebuilds: without decisions (baseline) and with the interactive session's 1,000
    lib.close()
    t_base = lvterm("build", "--corpus", "posts", "--termbase", "termbase", "--db", "base.db", cwd=work)
    t_rebuild = lvterm("build", "--corpus", "posts", "--termbase", "termbase-cli", "--db", "rebuilt.db", cwd=work)
    print(f"rebuild: {t_rebuild:.1f} s with {n:,} decisions; baseline without them {t_base:.1f} s (same run)")
    total = t_cli + t_rebuild
    print(f"review + rebuild: {total:.1f} s = {total / n * 1000:.0f} ms a decision (target < 1,000 ms)")

    # the decisions held
    rebuilt = Library(work / "rebuilt.db")
    concepts = {c.id: c for c in rebuilt.concepts()}
    refused = rejected_keys(load_rejected(tb_cli))
    back = [c.id for c in concepts.values() if c.origin == "extracted" and is_rejected(c, refused)]
    accepted = [p.id for i, p in enumerate(proposals[:n]) if ANSWERS[i % len(ANSWERS)] == "a"]
    missing = [cid for cid in accepted if cid not in concepts or concepts[cid].origin != "curated"]
    print(f"check: {len(back)} rejected proposals came back, {len(missing)} of {len(accepted)} accepted entries "
          f"not curated; {len(rebuilt.proposals()):,} proposals left")
    rebuilt.close()
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
