"""Where a machine proposal's English is shown as the equivalent: the precision of the pairing by
confidence band, and the display thresholds (`constants.DISPLAY_MIN_CONFIDENCE`, and
`DISPLAY_MIN_CONFIDENCE_ONE_PAIR` for a pair the post its confidence came from uses in one sentence
pair only) chosen from it.

What is measured is what a library built from the posts shows (`terms.lookup.machine_guess`). The
build pairs each post pair on its own and proposes each Latvian term's best English term at or
above `constants.EXTRACT_MIN_CONFIDENCE` (`terms.pair.proposals`), its note the confidence and the
distinct sentence pairs using both terms in that post (`TermPair.sentence_pairs`,
`termbase.confidence_note`); its merge keeps each distinct (Latvian, English) pair once, with the
note of the highest confidence any post gave it (of equal ones, the fewer sentence pairs), and an
English term paired with several Latvian ones with the surest (`termbase.merge`). Lookup takes the
lower threshold when the note gives two sentence pairs or more with the confidence
(`terms.lookup.display_threshold`), else the one-pair threshold. A library built before notes gave
the count falls back to the cautious rule: the lower threshold only when every post using the two
terms together uses them in two distinct sentence pairs or more (by text). This benchmark does the
same, and prints both (it counts a term where the extractor finds it, as the pairer does; lookup's
cautious rule counts the library's occurrences, which also find a term inside a longer one, as
*Latvijas* in *Latvijas Nacionālā bibliotēka*, so it may count more than this): newstest2017
(2,001 line-aligned pairs of news) is cut into consecutive pieces the size of a post, 25 sentence
pairs for one library and 50 for another (the tuning corpora, each pair counted once in each), and
each held-out corpus is one post: the library-science bitext (56 pairs) and the seed post (21
sentences).

A pair is judged when its Latvian term is a gold term of the corpus (benchmarks/gold/, as
benchmarks/terms.py reads them): right when its English term is one of the acceptable equivalents.
The pairs of other Latvian items (most of the proposals) are not judged: whether an item is a term
at all is termhood's business (benchmarks/fit_term_confidence.py), so the shares below are the
precision of the English given a Latvian gold term, on the judged subset only. Each share is given
with its size and a 95 % Wilson lower bound.

Each threshold is the lowest t of 0.50, 0.55, ..., 0.95 at which, on both tuning libraries, the
judged pairs of its kind (by the count noted with the confidence) in [t, t + 0.1), the least sure
of those shown, are right at least 95 % of the time, and so are all those at or above t (point
estimates). Also printed: the pairs proposed by several posts whose kept confidence came from a post
that used them once (a pair seen once in each of two posts: the case where counting sentence pairs
over the whole library overstated the evidence), the pairs the noted count shows that the cautious
rule held back, and what each rule shows.

Run: .venv/bin/python benchmarks/display_threshold.py        (needs ../shared for newstest2017)
"""
from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import terms as bench  # noqa: E402

from lvterm.constants import (DISPLAY_MIN_CONFIDENCE, DISPLAY_MIN_CONFIDENCE_ONE_PAIR,  # noqa: E402
                              EXTRACT_MIN_CONFIDENCE)
from lvterm.models import Bead  # noqa: E402
from lvterm.terms.lookup import display_threshold  # noqa: E402

POST_SIZES = (25, 50)
BANDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001)
STEPS = tuple(round(0.5 + 0.05 * i, 2) for i in range(10))
MIN_ABOVE = MIN_BAND = 0.95
Z = 1.96  # 95 %, two-sided


@dataclass(frozen=True)
class Shown:
    """One distinct (Latvian, English) pair of a library: the highest confidence any post gave it;
    `right` None when its Latvian term is no gold term; `own` the distinct sentence pairs using
    both terms in the post that gave that confidence, as the pairer counts them and the note
    records them (what lookup goes by); `fewest` the fewest any post using both terms together uses
    them in, by text (what lookup goes by when the note gives no count: a library built before);
    `posts` how many posts proposed it."""

    lv: str
    en: str
    confidence: float
    right: bool | None
    own: int
    fewest: int
    posts: int

    def threshold(self, *, evidence: str = "own") -> float:
        return display_threshold(self.fewest if evidence == "fewest" else self.own)

    def shown(self, *, evidence: str = "own") -> bool:
        return self.confidence >= self.threshold(evidence=evidence)


def library(name: str, *, post_size: int | None = None) -> list[Shown]:
    """The distinct pairs a library of the corpus `name` cut into posts of `post_size` sentence
    pairs (None: one post) proposes, as its merge keeps them."""
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
    uses: list[dict[str, dict[str, frozenset]]] = []  # per post: lang -> term key -> the sentence pairs using it
    proposed: dict[tuple[str, str], list[tuple[float, int, int, str, str]]] = {}  # (conf, post, own, lv, en)
    for at, (a, b, c) in enumerate(pieces):
        lv_c, en_c = extract_terms(a, lang="lv"), extract_terms(b, lang="en")
        text = [(" ".join(a[s] for s in bead.src), " ".join(b[t] for t in bead.tgt)) for bead in c]
        bead_of = {("lv", s): i for i, bead in enumerate(c) for s in bead.src}
        bead_of.update({("en", t): i for i, bead in enumerate(c) for t in bead.tgt})
        used = {lang: {x.key: frozenset(text[bead_of[lang, o.segment_index]] for o in x.occurrences) for x in found}
                for lang, found in (("lv", lv_c), ("en", en_c))}
        uses.append(used)
        for p in best_pairs(pair_terms(lv_c, en_c, c, lv_sentences=a, en_sentences=b, per_term=1)):
            if p.confidence < EXTRACT_MIN_CONFIDENCE or p.score <= 0:
                continue
            # the count the build notes with the confidence (`confidence_note`)
            proposed.setdefault((p.lv_key, p.en_key), []).append((p.confidence, at, p.sentence_pairs, p.lv, p.en))
    # the merge keeps the note of the highest confidence, of equal ones the fewer sentence pairs
    best = {pair: max(found, key=lambda f: (f[0], -f[2])) for pair, found in proposed.items()}
    owner: dict[str, tuple] = {}  # an English term paired with several Latvian ones stays with the surest
    for (lv_key, en_key), found in sorted(best.items()):
        if en_key not in owner or found[0] > best[owner[en_key]][0]:
            owner[en_key] = (lv_key, en_key)
    out = []
    for (lv_key, en_key), (confidence, _, own, lv_text, en_text) in sorted(best.items()):
        if owner[en_key] != (lv_key, en_key):
            continue
        together = [len(used["lv"].get(lv_key, frozenset()) & used["en"].get(en_key, frozenset())) for used in uses]
        right = (en_key in gold[lv_key]) if lv_key in gold else None
        out.append(Shown(lv_text, en_text, confidence, right, own, min(n for n in together if n),
                         len(proposed[lv_key, en_key])))
    return out


def wilson(right: int, n: int) -> float:
    """The 95 % Wilson lower bound of a share right/n."""
    if not n:
        return 0.0
    p = right / n
    return (p + Z * Z / (2 * n) - Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))) / (1 + Z * Z / n)


def share(rows, lo: float = 0.0, hi: float = 1.0001) -> tuple[int, int]:
    """(right, judged) of the judged rows with lo <= confidence < hi."""
    inside = [r.right for r in rows if lo <= r.confidence < hi and r.right is not None]
    return sum(inside), len(inside)


def cell(right: int, n: int, *, bound: bool = False) -> str:
    if not n:
        return "–"
    return f"{right / n:.2f} ({right}/{n}" + (f"; ≥ {wilson(right, n):.2f}" if bound else "") + ")"


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


def summary(corpora: dict[str, list], *, evidence: str) -> None:
    print("| corpus | shown: right (right/judged; Wilson 95 % lower bound) | held back: right | "
          "shown (judged) of proposed (judged) |\n|---|---|---|---|")
    for name, rows in corpora.items():
        shown = [r for r in rows if r.shown(evidence=evidence)]
        back = [r for r in rows if not r.shown(evidence=evidence)]
        judged = sum(r.right is not None for r in rows)
        print(f"| {name} | {cell(*share(shown), bound=True)} | {cell(*share(back))} | "
              f"{len(shown)} ({share(shown)[1]}) of {len(rows)} ({judged}) |")


def main() -> None:
    try:
        tuning = {f"newstest2017, posts of {size} (tuning)": library("newstest2017", post_size=size)
                  for size in POST_SIZES}
    except FileNotFoundError as exc:
        sys.exit(f"newstest2017 not found ({exc.filename}): the threshold is chosen on it")
    corpora = {**tuning, **{f"{name} (held out)": library(name) for name in ("library-science", "seed")}}
    for label, one, constant in (("two sentence pairs or more", False, DISPLAY_MIN_CONFIDENCE),
                                 ("one sentence pair", True, DISPLAY_MIN_CONFIDENCE_ONE_PAIR)):
        part = {name: [r for r in rows if (r.own < 2) == one] for name, rows in corpora.items()}
        print(f"\nPairs whose terms the post their confidence came from uses together in {label}: "
              "share right (right/judged) by confidence\n")
        table(part)
        chosen = [choose(part[name]) for name in tuning]
        t = None if None in chosen else max(chosen)
        each = " and ".join("none" if c is None else str(c) for c in chosen)
        print(f"\nchosen on newstest2017: {'none (no step meets it)' if t is None else t} ({each} on the posts of "
              f"{' and '.join(map(str, POST_SIZES))}; in constants: {constant})")
    several = {name: [r for r in rows if r.posts >= 2 and r.own < 2] for name, rows in tuning.items()}
    print("\nPairs proposed by two posts or more, one sentence pair in the post whose confidence is kept "
          "(seen once in each of two posts, say): share right by confidence\n")
    table(several)
    for name, rows in several.items():
        above = cell(*share(rows, DISPLAY_MIN_CONFIDENCE), bound=True)
        print(f"- {name}: at or above {DISPLAY_MIN_CONFIDENCE}: {above}")
    gained = {name: [r for r in rows if r.shown(evidence="own") and not r.shown(evidence="fewest")]
              for name, rows in corpora.items()}
    print("\nShown by the count noted with the confidence, held back by the cautious rule (some other post "
          "used the pair once):\n")
    for name, rows in gained.items():
        print(f"- {name}: {len(rows)} pairs, judged right {cell(*share(rows), bound=True)}")
    lost = sum(r.shown(evidence="fewest") and not r.shown(evidence="own")
               for rows in corpora.values() for r in rows)
    print(f"- shown by the cautious rule only: {lost}")
    print("\nWith the thresholds in constants, as lookup applies them (the sentence pairs noted with the "
          "confidence: those of the post it came from):\n")
    summary(corpora, evidence="own")
    print("\nA library built before notes gave the count (the cautious rule: the fewest sentence pairs of any "
          "post using the pair):\n")
    summary(corpora, evidence="fewest")


if __name__ == "__main__":
    main()
