"""IBM Model 1 word-translation probabilities, the one implementation in the library.

Two callers learn word translations from sentence pairs: term pairing (`terms.pair`, t(e | l) over
the stems of aligned beads, with a NULL word) and the aligner's second-pass lexicon
(`align.lexicon`, both directions over the distinct words of confident beads). Both reduce their
bitext to *links* and share one EM loop, `ibm1_em`:

- a link is one way of explaining one target-word occurrence: (that occurrence, one source word
  of the same sentence pair);
- links of one occurrence share its unit count in proportion to the current t (the E step);
- t(target | source) is the expected count of a distinct (target, source) pair over all counts of
  its source word (the M step).

numpy is imported inside the functions: importing this module costs nothing.
"""
from __future__ import annotations

from typing import Sequence

NULL = "<null>"


def ibm1_em(link_pair, link_group, pair_given, *, n_given: int, iterations: int = 5):
    """t per distinct pair after `iterations` rounds of IBM Model 1 EM (a float array).

    `link_pair[k]`: the distinct pair of link k; `link_group[k]`: the target-word occurrence it
    explains (links of one occurrence share its count); `pair_given[p]`: the conditioning word of
    pair p, over which t is normalised (ids below `n_given`). t starts uniform.
    """
    import numpy as np

    link_pair = np.asarray(link_pair, np.int64)
    link_group = np.asarray(link_group, np.int64)
    pair_given = np.asarray(pair_given, np.int64)
    n_pairs = len(pair_given)
    t = np.ones(n_pairs)
    for _ in range(iterations):
        v = t[link_pair]
        z = np.bincount(link_group, weights=v)
        count = np.bincount(link_pair, weights=v / z[link_group], minlength=n_pairs)
        total = np.bincount(pair_given, weights=count, minlength=n_given)
        t = count / np.maximum(total[pair_given], 1e-12)
    return t


def ibm1_both_ways(link_pair, link_src, link_tgt, pair_src, pair_tgt, *, n_words: int,
                   iterations: int = 5):
    """sqrt(t(tgt | src) * t(src | tgt)) per distinct pair: Model 1 run in both directions.

    A symmetric association for competitive linking. `link_src`/`link_tgt` name the source and
    target occurrence of every link, `pair_src`/`pair_tgt` the words of every distinct pair.
    """
    import numpy as np

    forward = ibm1_em(link_pair, link_tgt, pair_src, n_given=n_words, iterations=iterations)
    backward = ibm1_em(link_pair, link_src, pair_tgt, n_given=n_words, iterations=iterations)
    return np.sqrt(forward * backward)


def ibm1(pairs: Sequence[tuple[Sequence[str], Sequence[str]]], *, iterations: int = 5,
         null: str | None = NULL) -> dict[tuple[str, str], float]:
    """t(e | l) as a dict keyed (e, l), from sentence pairs of tokens (source l, target e).

    Every occurrence counts, and a `null` source word (None: none) lets a target word stay
    unexplained. Pairs that never share a sentence pair are absent (read them as 0).
    """
    import numpy as np

    src_ids: dict[str, int] = {}
    tgt_ids: dict[str, int] = {}
    head = (null,) if null is not None else ()
    src_parts, tgt_parts, widths = [], [], []
    for ls, es in pairs:
        s = np.fromiter((src_ids.setdefault(w, len(src_ids)) for w in (*head, *ls)), np.int64)
        e = np.fromiter((tgt_ids.setdefault(w, len(tgt_ids)) for w in es), np.int64)
        if len(s) and len(e):  # every target occurrence links to every source word
            src_parts.append(np.tile(s, len(e)))
            tgt_parts.append(np.repeat(e, len(s)))
            widths.append(np.full(len(e), len(s)))
    if not src_parts:
        return {}
    link_src, link_tgt = np.concatenate(src_parts), np.concatenate(tgt_parts)
    width = np.concatenate(widths)  # links per target occurrence, in link order
    link_group = np.repeat(np.arange(len(width)), width)
    n_src = len(src_ids)
    keys, link_pair = np.unique(link_tgt * n_src + link_src, return_inverse=True)
    t = ibm1_em(link_pair, link_group, keys % n_src, n_given=n_src, iterations=iterations)
    src_words, tgt_words = list(src_ids), list(tgt_ids)
    return {(tgt_words[k // n_src], src_words[k % n_src]): p
            for k, p in zip(keys.tolist(), t.tolist())}
