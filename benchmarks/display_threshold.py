"""Where a machine proposal's English is shown as the equivalent: the precision of the pairing by
confidence band, and the display thresholds (`constants.DISPLAY_MIN_CONFIDENCE`, and
`DISPLAY_MIN_CONFIDENCE_ONE_PAIR` for a pair whose terms are used together in one sentence pair
only) chosen from it.

What is measured is what the build proposes (`terms.pair.proposals`): the best English term of each
Latvian term, at or above `constants.EXTRACT_MIN_CONFIDENCE`. The build pairs each post pair on its
own, so newstest2017 (2,001 line-aligned pairs of news) is paired in consecutive pieces the size of
a post, 25 and 50 sentence pairs (both, pooled): the tuning corpus. Held out, each paired whole as
one post: the library-science bitext (56 pairs) and the seed post (21 sentences). The pairs are
split by how many distinct sentence pairs (by text) use both terms, as `terms.lookup` counts them
in a library: one (a pair seen once has agreement and Dice 1 by construction), or more.

A pair is judged when its Latvian term is a gold term of the corpus (benchmarks/gold/, as
benchmarks/terms.py reads them): right when its English term is one of the acceptable equivalents.
Pairs of other Latvian items are left out (whether an item is a term at all is termhood's business,
as in benchmarks/fit_term_confidence.py).

Each threshold is the lowest t of 0.50, 0.55, ..., 0.95 at which, on the tuning corpus, the judged
pairs of its kind in [t, t + 0.1), the least sure of those shown, are right at least 95 % of the
time, and so are all those at or above t: a translator meets a wrong equivalent in a headline at
most about once in twenty (a wrong equivalent shown as a term is worse than none). Also printed:
how many of all the proposals with an English term (judged or not) are shown.

Run: .venv/bin/python benchmarks/display_threshold.py        (needs ../shared for newstest2017)
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import terms as bench  # noqa: E402

from lvterm.constants import (DISPLAY_MIN_CONFIDENCE, DISPLAY_MIN_CONFIDENCE_ONE_PAIR,  # noqa: E402
                              EXTRACT_MIN_CONFIDENCE)
from lvterm.models import Bead  # noqa: E402

POST_SIZES = (25, 50)
BANDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001)
STEPS = tuple(round(0.5 + 0.05 * i, 2) for i in range(10))
MIN_ABOVE = MIN_BAND = 0.95


def judged(name: str, *, post_size: int | None = None) -> list[tuple[float, bool | None, int, str, str]]:
    """(confidence, right, sentence pairs, Latvian term, English term) of every proposed pair: right
    is None where the Latvian term is no gold term (not judged); sentence pairs: the distinct ones
    (by text) using both terms, as `terms.lookup` counts them in a library."""
    from lvterm.terms.extract import extract_terms
    from lvterm.terms.pair import best_pairs, pair_terms

    lv, en, beads = bench.CORPORA[name]()
    gold = bench.load_gold(name)
    if post_size is None:
        pieces = [(lv, en, beads)]
    else:
        pieces = []
        for s in range(0, len(lv), post_size):
            a, b = lv[s:s + post_size], en[s:s + post_size]
            pieces.append((a, b, [Bead((i,), (i,)) for i in range(len(a))]))
    out = []
    for a, b, c in pieces:
        lv_c, en_c = extract_terms(a, lang="lv"), extract_terms(b, lang="en")
        by_key = {x.key: x for x in (*lv_c, *en_c)}
        text = {i: (" ".join(a[s] for s in bead.src), " ".join(b[t] for t in bead.tgt)) for i, bead in enumerate(c)}
        bead_of = {("lv", s): i for i, bead in enumerate(c) for s in bead.src}
        bead_of.update({("en", t): i for i, bead in enumerate(c) for t in bead.tgt})
        for p in best_pairs(pair_terms(lv_c, en_c, c, lv_sentences=a, en_sentences=b, per_term=1)):
            if p.confidence < EXTRACT_MIN_CONFIDENCE or p.score <= 0:
                continue
            both = ({bead_of["lv", o.segment_index] for o in by_key[p.lv_key].occurrences}
                    & {bead_of["en", o.segment_index] for o in by_key[p.en_key].occurrences})
            ok = (p.en_key in gold[p.lv_key]) if p.lv_key in gold else None
            out.append((p.confidence, ok, len({text[i] for i in both}), p.lv, p.en))
    return out


def share(rows, lo: float, hi: float = 1.0001) -> tuple[int, int]:
    """(right, judged) of the judged rows with lo <= confidence < hi."""
    inside = [ok for conf, ok, *_ in rows if lo <= conf < hi and ok is not None]
    return sum(inside), len(inside)


def cell(right: int, n: int) -> str:
    return f"{right / n:.2f} ({right}/{n})" if n else "–"


def choose(rows) -> float | None:
    for t in STEPS:
        above, band = share(rows, t), share(rows, t, t + 0.1)
        if above[1] and above[0] >= MIN_ABOVE * above[1] and band[1] and band[0] >= MIN_BAND * band[1]:
            return t
    return None


def table(corpora: dict[str, list]) -> None:
    print("| confidence | " + " | ".join(corpora) + " |")
    print("|---|" + "---|" * len(corpora))
    for lo, hi in zip(BANDS, BANDS[1:]):
        print(f"| [{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'} | "
              + " | ".join(cell(*share(rows, lo, hi)) for rows in corpora.values()) + " |")


def main() -> None:
    try:
        tuning = [row for size in POST_SIZES for row in judged("newstest2017", post_size=size)]
    except FileNotFoundError as exc:
        sys.exit(f"newstest2017 not found ({exc.filename}): the threshold is chosen on it")
    held = {name: judged(name) for name in ("library-science", "seed")}
    corpora = {f"newstest2017 (posts of {'/'.join(map(str, POST_SIZES))}, tuning)": tuning, **held}
    thresholds = {}
    for label, one, constant in (("two sentence pairs or more", False, DISPLAY_MIN_CONFIDENCE),
                                 ("one sentence pair", True, DISPLAY_MIN_CONFIDENCE_ONE_PAIR)):
        part = {name: [r for r in rows if (r[2] <= 1) == one] for name, rows in corpora.items()}
        print(f"\nPairs whose terms are used together in {label}: share right (right/judged) by confidence\n")
        table(part)
        t = choose(part[next(iter(part))])
        print(f"\nchosen on newstest2017: {t} (in constants: {constant})")
        thresholds[one] = constant
    print("\nWith the thresholds in constants (DISPLAY_MIN_CONFIDENCE for two sentence pairs or more, "
          "DISPLAY_MIN_CONFIDENCE_ONE_PAIR for one):\n")
    print("| corpus | right, shown | right, held back | proposals shown |\n|---|---|---|---|")
    for name, rows in corpora.items():
        shown = [r[:2] + r[2:] for r in rows if r[0] >= thresholds[r[2] <= 1]]
        back = [r for r in rows if r[0] < thresholds[r[2] <= 1]]
        print(f"| {name} | {cell(*share(shown, 0.0))} | {cell(*share(back, 0.0))} | {len(shown)} of {len(rows)} |")


if __name__ == "__main__":
    main()
