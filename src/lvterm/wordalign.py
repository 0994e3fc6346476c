"""Word alignment: IBM Model 1 word-translation probabilities, a diagonal Model 2, symmetrisation.

The one implementation in the library. The aligner's second-pass lexicon (`align.lexicon`, Model 1
both directions over the distinct words of confident beads), document pairing (`ibm1`) and term
pairing (`align_words`: the words of every aligned bead linked, each way, then symmetrised) reduce
their bitext to *links* and share one EM loop, `ibm1_em`:

- a link is one way of explaining one target-word occurrence: (that occurrence, one source word
  of the same sentence pair);
- links of one occurrence share its unit count in proportion to the current t (the E step);
- t(target | source) is the expected count of a distinct (target, source) pair over all counts of
  its source word (the M step);
- a link may carry a fixed weight that multiplies t in the E step: a distortion prior that favours
  the diagonal makes it Model 2 as fast_align has it (Dyer et al. 2013), and a prior for word
  pairs known to be translations (a dictionary, cognates) steers the counts towards them.

`align_words(pairs)` trains Model 1 and then that Model 2 in each direction, takes each
direction's most probable link for every word (Viterbi) and symmetrises the two with
grow-diag-final-and (Koehn et al. 2003): the links two directions agree on, grown to neighbouring
links either direction has, then any link of either direction between two words still unlinked.

numpy is imported inside the functions: importing this module costs nothing.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Mapping, Sequence

NULL = "<null>"


def ibm1_em(link_pair, link_group, pair_given, *, n_given: int, iterations: int = 5, link_weight=None,
            t=None):
    """t per distinct pair after `iterations` rounds of IBM Model 1 EM (a float array).

    `link_pair[k]`: the distinct pair of link k; `link_group[k]`: the target-word occurrence it
    explains (links of one occurrence share its count); `pair_given[p]`: the conditioning word of
    pair p, over which t is normalised (ids below `n_given`). t starts uniform, or at `t`.
    `link_weight[k]`: a fixed weight of link k in the E step (distortion, prior; None: 1).
    """
    import numpy as np

    link_pair = np.asarray(link_pair, np.int64)
    link_group = np.asarray(link_group, np.int64)
    pair_given = np.asarray(pair_given, np.int64)
    n_pairs = len(pair_given)
    t = np.ones(n_pairs) if t is None else np.asarray(t, float)
    weight = None if link_weight is None else np.asarray(link_weight, float)
    for _ in range(iterations):  # (take: a gather, faster than indexing with an array)
        v = t.take(link_pair) if weight is None else t.take(link_pair) * weight
        z = np.bincount(link_group, weights=v)
        count = np.bincount(link_pair, weights=v / z.take(link_group), minlength=n_pairs)
        total = np.bincount(pair_given, weights=count, minlength=n_given)
        t = count / np.maximum(total, 1e-12).take(pair_given)  # (the floor per word: as per pair)
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


# --- word alignment of sentence pairs: Model 1, then diagonal Model 2, both ways, symmetrised ---------

#: How strongly links keep to the diagonal, and the NULL word's share (fast_align's default).
#: fast_align's default tension is 4; Latvian moves whole phrases ("Par starpbibliotēku abonementu
#: atbild ... nodaļa" = "The ... department is responsible for interlibrary loan"), and at 4 the
#: diagonal outweighs the lexicon across a sentence. 2 was chosen from {1, 2, 3, 4} on newstest2017,
#: the corpus the term confidence is fitted on (docs/termbase.md).
TENSION = 2.0
NULL_PROBABILITY = 0.08


def _distortion(offset, group, *, tension: float, p_null: float, n_groups: int):
    """fast_align's diagonal prior per link: p_null for NULL (offset < 0), else (1 - p_null) x
    exp(-tension x offset) normalised over the source words of its target word."""
    import numpy as np

    closeness = np.where(offset >= 0, np.exp(-tension * np.maximum(offset, 0.0)), 0.0)
    per_word = np.bincount(group, weights=closeness, minlength=n_groups)
    dist = (1 - p_null) * closeness / np.maximum(per_word[group], 1e-300)
    return np.where(offset >= 0, dist, p_null)


#: The largest sentence pair (in links) whose `_diagonal` is memoised: with the memo's 1,024
#: shapes at most 32 MB (a pair of dozen-word sentences: 2 kB; 721 shapes at 1,000 posts).
_DIAGONAL_MEMO_LINKS = 2048


def _diagonal(m1: int, n: int, tension: float, p_null: float):
    """The links of a sentence pair of `m1` source words (NULL first) and `n` target words, target
    word by target word: each link's source position counted from NULL (0), and its diagonal
    prior (`_distortion`). A function of the pair's shape alone, and shapes (sentence lengths)
    recur in any corpus: memoised up to _DIAGONAL_MEMO_LINKS links (read-only arrays)."""
    if m1 * n <= _DIAGONAL_MEMO_LINKS:
        return _diagonal_memo(m1, n, tension, p_null)
    return _diagonal_memo.__wrapped__(m1, n, tension, p_null)


@lru_cache(maxsize=1024)
def _diagonal_memo(m1: int, n: int, tension: float, p_null: float):
    import numpy as np

    within = np.tile(np.arange(m1), n)
    group = np.repeat(np.arange(n), m1)
    offset = np.where(within == 0, -1.0, np.abs(within / max(m1 - 1, 1) - (group + 1) / n))
    prior = _distortion(offset, group, tension=tension, p_null=p_null, n_groups=n)
    within.flags.writeable = prior.flags.writeable = False
    return within, prior


def _distinct(codes, *, size: int):
    """`np.unique(codes, return_inverse=True)` of codes in [0, size): the distinct codes, sorted,
    and the index of each code among them. A post's links are a few thousand, its codes (pairs of
    words) a few hundred thousand: a table of every code finds them faster than sorting the links
    (a larger range is sorted)."""
    import numpy as np

    if size > min(32 * len(codes), 1 << 20):
        return np.unique(codes, return_inverse=True)
    seen = np.zeros(size, bool)
    seen[codes] = True
    keys = np.flatnonzero(seen)
    index = np.empty(size, np.intp)  # (read only at the codes)
    index[keys] = np.arange(len(keys))
    return keys, index[codes]


def _numbered(sides: Sequence[Sequence[str]]) -> tuple[dict[str, int], list[int]]:
    """The words of one side of every pair numbered in the order they first come ({word: id}), and
    the id of each word, the pairs one after the other."""
    seq = [w for side in sides for w in side]
    ids = {w: k for k, w in enumerate(dict.fromkeys(seq))}
    return ids, list(map(ids.__getitem__, seq))


def _both_directions(pairs, *, prior, model1: int, model2: int, tension: float, p_null: float):
    """The two directions of `align_words` (source -> target, then target -> source): per
    sentence pair, the source index each target word links to (-1: NULL) and that link's
    posterior probability (as lists).

    The directions share nothing and are trained as one system, the backward direction's words,
    pairs and link groups numbered after the forward's: every step of the EM is elementwise or a
    sum per word, pair or group (`np.bincount`, in link order), so each direction's numbers are
    those it gets trained alone, bit for bit (tests/test_pair_fast_paths.py), with one set of
    numpy calls for both."""
    import numpy as np

    src_ids, src_seq = _numbered([src for src, _ in pairs])
    tgt_ids, tgt_seq = _numbered([tgt for _, tgt in pairs])
    sizes = [(len(src) + 1, len(tgt)) for src, tgt in pairs]  # (source words with NULL, target words)
    n_pairs = len(sizes)
    sizes += [(n + 1, m - 1) for m, n in sizes]  # the backward direction's
    if not any(m > 1 and n for m, n in sizes):
        return [[([-1] * n, [0.0] * n) for _, n in sizes[k * n_pairs:(k + 1) * n_pairs]] for k in (0, 1)]
    # Ids. Forward: a source word's is 1 + its id (NULL: 0, and a word spelled as NULL is NULL), a
    # target word's its id. Backward the same, after the forward's: source ids from `src_shift`
    # (its NULL), target ids from `tgt_shift`. (Ids keep the order words first come in: the
    # order of the pairs of words, and so of every sum over them.)
    src_shift, tgt_shift = 1 + len(src_ids), len(tgt_ids)
    n_src = src_shift + 1 + len(tgt_ids)
    m1 = np.array([m for m, _ in sizes], np.int64)
    n = np.array([n for _, n in sizes], np.int64)
    src_start = np.concatenate(([0], np.cumsum(m1)[:-1]))  # each pair's NULL in `src_flat`
    forward_src = np.asarray(src_seq, np.int64) + 1
    backward_src = np.asarray(tgt_seq, np.int64) + 1 + src_shift
    if NULL in src_ids:  # (a word spelled as NULL is NULL)
        forward_src[forward_src == 1 + src_ids[NULL]] = 0
    if NULL in tgt_ids:
        backward_src[backward_src == src_shift + 1 + tgt_ids[NULL]] = src_shift
    is_word = np.ones(len(src_seq) + len(tgt_seq) + 2 * n_pairs, bool)
    is_word[src_start] = False
    src_flat = np.empty(len(is_word), np.int64)  # every pair's source ids, NULL first
    src_flat[is_word] = np.concatenate((forward_src, backward_src))
    src_flat[src_start[:n_pairs]] = 0
    src_flat[src_start[n_pairs:]] = src_shift
    tgt_flat = np.concatenate((np.asarray(tgt_seq, np.int64), np.asarray(src_seq, np.int64) + tgt_shift))
    # Every target word links to every source word of its pair (NULL first): the links of target
    # word g are width[g] consecutive ones, their source position running from 0 (NULL) (`within`).
    blocks = [_diagonal(m, n, tension, p_null) for m, n in sizes if n]
    within = np.concatenate([b[0] for b in blocks])
    diagonal = np.concatenate([b[1] for b in blocks])
    width = np.repeat(m1, n)
    n_groups = len(width)
    link_group = np.repeat(np.arange(n_groups), width)
    starts = np.concatenate(([0], np.cumsum(width)[:-1]))  # each group's first link
    link_src = src_flat[np.repeat(src_start, m1 * n) + within]
    link_tgt = tgt_flat[link_group]
    keys, link_pair = _distinct(link_tgt * n_src + link_src, size=(tgt_shift + len(src_ids)) * n_src)
    boost = np.ones(len(keys))
    if isinstance(prior, Mapping):  # only the pairs weighed up are looked at
        codes, weights = [], []
        for (s_word, t_word), w in prior.items():
            sid, tid = src_ids.get(s_word), tgt_ids.get(t_word)
            if sid is None or tid is None:
                continue
            if s_word != NULL:
                codes.append(tid * n_src + 1 + sid)
                weights.append(w)
            if t_word != NULL:
                codes.append((tgt_shift + sid) * n_src + src_shift + 1 + tid)
                weights.append(w)
        if codes:  # each code once (a mapping's keys): the order they are set in does not matter
            codes = np.asarray(codes, np.int64)
            k = np.minimum(np.searchsorted(keys, codes), len(keys) - 1)
            found = keys[k] == codes
            boost[k[found]] = np.asarray(weights, float)[found]
    elif prior is not None:
        src_words, tgt_words = list(src_ids), list(tgt_ids)
        for k, key in enumerate(keys.tolist()):
            sid, tid = key % n_src, key // n_src
            if 0 < sid < src_shift:
                boost[k] = prior(src_words[sid - 1], tgt_words[tid])
            elif sid > src_shift:
                boost[k] = prior(src_words[tid - tgt_shift], tgt_words[sid - src_shift - 1])
    link_boost = boost[link_pair]
    given = keys % n_src
    t = ibm1_em(link_pair, link_group, given, n_given=n_src, iterations=model1, link_weight=link_boost)
    weight = diagonal * link_boost
    t = ibm1_em(link_pair, link_group, given, n_given=n_src, iterations=model2, link_weight=weight, t=t)
    v = t[link_pair] * weight
    z = np.bincount(link_group, weights=v, minlength=n_groups)
    best = np.maximum.reduceat(v, starts)
    hit = np.flatnonzero(v >= best[link_group] * (1 - 1e-12))
    hit_group = link_group[hit]  # non-decreasing: a group's first hit is where the group changes
    chosen = hit[np.concatenate(([True], hit_group[1:] != hit_group[:-1]))]  # the leftmost best link
    source = (within[chosen] - 1).tolist()
    posterior = np.where(z > 0, best / np.maximum(z, 1e-300), 0.0).tolist()
    out, k = [], 0
    for _, n_words in sizes:
        out.append((source[k:k + n_words], posterior[k:k + n_words]))
        k += n_words
    return out[:n_pairs], out[n_pairs:]


#: The neighbours of a link in the order grow-diag looks at them: (which, row step, column step).
_NEIGHBOURS = tuple((k, di, dj) for k, (di, dj) in enumerate(
    ((-1, 0), (0, -1), (1, 0), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1))))


def grow_diag_final_and(forward, backward, *, n_src: int, n_tgt: int) -> set[tuple[int, int]]:
    """Symmetrised links (source index, target index) from the two directions' links: their
    intersection, grown to neighbours (diagonals too) in their union that link a word not yet
    linked, then union links between two words both still unlinked (Koehn et al. 2003)."""
    union = forward | backward
    links = forward & backward  # (a set filled in one fixed order: its iteration order is a caller's sum order)
    src_linked = {i for i, _ in links}
    tgt_linked = {j for _, j in links}
    # Each pass looks at the links in order and, for each, its neighbours in order, adding those
    # in the union. Only the union's links not yet taken can be added, and they are few: each
    # pass goes through them instead (which link, in the pass's order, has each as its which
    # neighbour), and decides them in that order, as the loop over every link would. A link
    # between two words both linked is never added (words only get linked): it is dropped.
    pending = [(a, b) for a, b in union - links if 0 <= a < n_src and 0 <= b < n_tgt]
    while pending:
        events = []  # (the link a pending one neighbours, which neighbour it is, the pending link)
        for a, b in pending:
            for k, di, dj in _NEIGHBOURS:
                if (a - di, b - dj) in links:
                    events.append((a - di, b - dj, k, a, b))
        events.sort()  # distinct (link, which neighbour): in the pass's order
        grown = False
        for _, _, _, a, b in events:
            if (a, b) not in links and (a not in src_linked or b not in tgt_linked):
                links.add((a, b))
                src_linked.add(a)
                tgt_linked.add(b)
                grown = True
        if not grown:
            break
        pending = [(a, b) for a, b in pending if a not in src_linked or b not in tgt_linked]
    # final-and: only a link between two words both unlinked now can be added (in this order)
    final = {(i, j) for i, j in union if i not in src_linked and j not in tgt_linked}
    if final:
        for i, j in sorted(forward) + sorted(backward):
            if (i, j) in final and i not in src_linked and j not in tgt_linked:
                links.add((i, j))
                src_linked.add(i)
                tgt_linked.add(j)
    return links


def align_words(pairs: Sequence[tuple[Sequence[str], Sequence[str]]], *, prior=None, model1: int = 5,
                model2: int = 5, tension: float = TENSION, p_null: float = NULL_PROBABILITY
                ) -> list[tuple[set[tuple[int, int]], dict[tuple[int, int], float]]]:
    """Word alignment of sentence pairs of tokens (source words, target words).

    Per pair: the symmetrised links (source index, target index), and for every link the mean of
    its two directions' posterior probabilities (a link one direction lacks counts 0 there).
    `prior(source word, target word)`: a weight >= 1 for pairs believed translations (None: none),
    or a mapping {(source word, target word): weight} of the pairs weighed up (the rest weigh 1).
    Model 1 runs `model1` rounds, then the diagonal Model 2 `model2` rounds, in each direction.
    `tension`: how strongly links keep to the diagonal (TENSION; learning it as fast_align does
    was measured worse on lvterm's benchmarks: docs/termbase.md).
    """
    pairs = [(list(s), list(t)) for s, t in pairs]
    forward, backward = _both_directions(pairs, prior=prior, model1=model1, model2=model2, tension=tension,
                                         p_null=p_null)
    out = []
    for (src, tgt), (f_src, f_post), (b_tgt, b_post) in zip(pairs, forward, backward):
        fwd = {(i, j): p for j, (i, p) in enumerate(zip(f_src, f_post)) if i >= 0}
        bwd = {(i, j): p for i, (j, p) in enumerate(zip(b_tgt, b_post)) if j >= 0}
        links = grow_diag_final_and(set(fwd), set(bwd), n_src=len(src), n_tgt=len(tgt))
        out.append((links, {link: (fwd.get(link, 0.0) + bwd.get(link, 0.0)) / 2 for link in links}))
    return out
