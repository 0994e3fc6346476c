"""Translation lexicon learned from the confident beads of a first alignment pass (hunalign's
realign): Dice or IBM Model 1 in both directions (`lvterm.wordalign`) over within-bead word pairs,
then competitive linking."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ..wordalign import ibm1_both_ways
from .scorers import Doc


def learn_lexicon(doc: Doc, beads: Sequence[tuple[Sequence[int], Sequence[int]]], *,
                  min_count: int = 2, min_dice: float = 0.3, max_df: float = 0.2,
                  links: int = 1, method: str = "dice") -> list[tuple[str, str]]:
    """Translation pairs from co-occurrence in confident beads, then competitive linking.

    Like hunalign's realign: words that keep appearing on the two sides of the same beads are
    taken as translations. The association is Dice (`method="dice"`) or IBM Model 1 in both
    directions (`"ibm1"`); each word is linked to at most `links` others, strongest first. Words
    identical on both sides are left to the anchor scorer.
    """
    if len(beads) < 20:
        return []
    ss, sw = doc.word_ids("src")
    ts, tw = doc.word_ids("tgt")
    nw = len(doc.words)
    if not nw:
        return []
    # bead number of every sentence (-1 when not in a chosen bead)
    sb = np.full(len(doc.src), -1, np.int64)
    tb = np.full(len(doc.tgt), -1, np.int64)
    for k, (src, tgt) in enumerate(beads):
        sb[list(src)] = k
        tb[list(tgt)] = k

    def bead_words(bead_of, sent, wid):
        b = bead_of[sent]
        keep = b >= 0
        u = np.unique(b[keep] * nw + wid[keep])
        return u // nw, u % nw

    word_list = list(doc.words)
    long_word = np.asarray([len(w) > 1 for w in word_list], bool)
    sbk, sww = bead_words(sb, ss[long_word[sw]], sw[long_word[sw]])
    tbk, tww = bead_words(tb, ts[long_word[tw]], tw[long_word[tw]])
    if not len(sbk) or not len(tbk):
        return []
    nb = len(beads)
    cs = np.bincount(sww, minlength=nw)
    ct = np.bincount(tww, minlength=nw)
    # words too frequent (or too rare) to be linked are left out before pairing
    ks = (cs[sww] <= max_df * nb + min_count) & (cs[sww] >= min_count)
    kt = (ct[tww] <= max_df * nb + min_count) & (ct[tww] >= min_count)
    sbk, sww, tbk, tww = sbk[ks], sww[ks], tbk[kt], tww[kt]
    if not len(sbk) or not len(tbk):
        return []
    # all (source word, target word) pairs within each bead
    s_start = np.searchsorted(sbk, np.arange(nb))
    s_cnt = np.bincount(sbk, minlength=nb)
    t_start = np.searchsorted(tbk, np.arange(nb))
    t_cnt = np.bincount(tbk, minlength=nb)
    per = s_cnt * t_cnt
    total = int(per.sum())
    bead = np.repeat(np.arange(nb), per)
    r = np.arange(total) - np.repeat(np.cumsum(per) - per, per)
    ia = s_start[bead] + r // t_cnt[bead]  # which (bead, source word) entry
    ib = t_start[bead] + r % t_cnt[bead]  # which (bead, target word) entry
    a, b = sww[ia], tww[ib]
    pair_keys, inv, joint = np.unique(a * nw + b, return_inverse=True, return_counts=True)
    ps, pt = pair_keys // nw, pair_keys % nw
    ok = (joint >= min_count) & (cs[ps] <= max_df * nb + min_count) & (ct[pt] <= max_df * nb + min_count)
    ok &= ps != pt
    if method == "ibm1":
        # a link is a within-bead word pair; ia/ib are its (bead, word) entries on each side
        dice = ibm1_both_ways(inv, ia, ib, ps, pt, n_words=nw)
    else:
        dice = 2.0 * joint / (cs[ps] + ct[pt])
    ok &= dice >= min_dice
    order = np.argsort(-dice[ok], kind="stable")
    ps, pt = ps[ok][order], pt[ok][order]
    n_s: dict[int, int] = {}
    n_t: dict[int, int] = {}
    out = []
    for x, y in zip(ps.tolist(), pt.tolist()):
        if n_s.get(x, 0) >= links or n_t.get(y, 0) >= links:
            continue
        n_s[x] = n_s.get(x, 0) + 1
        n_t[y] = n_t.get(y, 0) + 1
        out.append((word_list[x], word_list[y]))
    return out

