"""Pluggable similarity scorers for the sentence aligner.

A scorer turns the sentences of both documents into sparse weighted features (`Entries`) in a
shared feature space; the DP in `align.py` only ever sees those features (it compares the
summed feature vectors of the two sides of a bead by cosine), so a new scorer - for example an
embedding scorer returning dense rows as entries - plugs in without touching the DP.

Scorers here:
- `AnchorScorer`: numbers, URLs, e-mail addresses, identical tokens and proper names, cognates
  (rapidfuzz on diacritic-folded forms) and punctuation such as parentheses and quotes;
- `DictionaryScorer`: a bilingual term list matched through stem keys (`lvterm.lang`), so that
  inflected Latvian forms count;
- `LexiconScorer`: word pairs learned from a first alignment pass (`learn_lexicon`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Protocol, Sequence, runtime_checkable

import numpy as np

from .lang import get as get_lang
from .lang.keys import TOKEN_RE, fold

URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"»«)]+", re.I)
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# a space (or no-break space) between digit groups of three is a thousands separator (lv: 30 000)
THOUSANDS_RE = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)")
PUNCT_CLASSES = {"(": "(", "[": "(", ")": ")", "]": ")", "«": "q", "»": "q", '"': "q", "“": "q",
                 "”": "q", "„": "q", "‘": "q", "’": "q", "‹": "q", "›": "q", "?": "?", "!": "!",
                 ":": ":", ";": ";", "%": "%", "€": "$", "$": "$", "£": "$", "…": "…", "/": "/"}


@dataclass
class Entries:
    """Sparse feature rows of one document: parallel arrays (sentence, feature id, weight)."""

    sent: np.ndarray
    feat: np.ndarray
    weight: np.ndarray

    @classmethod
    def build(cls, rows: Iterable[tuple[int, int, float]]) -> "Entries":
        arr = list(rows)
        if not arr:
            return cls.empty()
        s, f, w = zip(*arr)
        return cls(np.asarray(s, np.int64), np.asarray(f, np.int64), np.asarray(w, np.float64))

    @classmethod
    def empty(cls) -> "Entries":
        return cls(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float64))

    @staticmethod
    def concat(parts: Sequence["Entries"]) -> "Entries":
        parts = [p for p in parts if len(p.sent)]
        if not parts:
            return Entries.empty()
        return Entries(np.concatenate([p.sent for p in parts]), np.concatenate([p.feat for p in parts]),
                       np.concatenate([p.weight for p in parts]))


@dataclass
class Analysis:
    """What the lexical scorers need from one sentence."""

    words: list[str]  # folded word tokens (letters only)
    names: set[str]  # folded words written with a capital letter inside the sentence
    numbers: list[str]  # digit strings
    links: list[str]  # URLs and e-mail addresses, lower-cased
    punct: list[str]  # punctuation classes


def analyse(text: str) -> Analysis:
    links = [m.group().lower().rstrip(".,;:") for m in URL_RE.finditer(text)]
    links += [m.group().lower() for m in EMAIL_RE.finditer(text)]
    rest = THOUSANDS_RE.sub("", EMAIL_RE.sub(" ", URL_RE.sub(" ", text)))
    words: list[str] = []
    names: set[str] = set()
    numbers: list[str] = []
    for k, m in enumerate(TOKEN_RE.finditer(rest)):
        tok = m.group()
        if tok[0].isdigit():
            numbers.append(re.sub(r"\D", "", tok))
            continue
        w = fold(tok)
        words.append(w)
        if k > 0 and tok[0].isupper() and len(tok) > 1:
            names.add(w)
    punct = [PUNCT_CLASSES[ch] for ch in rest if ch in PUNCT_CLASSES]
    return Analysis(words=words, names=names, numbers=numbers, links=links, punct=punct)


@dataclass
class Doc:
    """Both documents with lazily computed, shared analyses and one feature vocabulary."""

    src: Sequence[str]
    tgt: Sequence[str]
    src_lang: str
    tgt_lang: str
    vocab: dict[str, int] = field(default_factory=dict)
    cache: dict[int, tuple] = field(default_factory=dict)

    def fid(self, key: str) -> int:
        v = self.vocab.get(key)
        if v is None:
            v = self.vocab[key] = len(self.vocab)
        return v

    @cached_property
    def src_analyses(self) -> list[Analysis]:
        return [analyse(s) for s in self.src]

    @cached_property
    def tgt_analyses(self) -> list[Analysis]:
        return [analyse(s) for s in self.tgt]


@runtime_checkable
class Scorer(Protocol):
    """Anything that maps both documents to sparse features in the shared space of `doc.vocab`."""

    name: str

    def features(self, doc: Doc) -> tuple[Entries, Entries]:
        ...


# --- anchors ------------------------------------------------------------------------------------


def cognate_classes(src_words: Iterable[str], tgt_words: Iterable[str], *, min_len: int = 4,
                    cutoff: float = 90.0) -> dict[str, str]:
    """Map folded words of both sides to a shared representative when they look like cognates.

    Candidates share their first three letters (a cheap blocking key) and are compared with
    rapidfuzz's normalised Indel similarity; a word maps to the representative of its cluster.
    """
    from rapidfuzz import fuzz, process

    def buckets(words):
        out: dict[str, list[str]] = {}
        for w in set(words):
            if len(w) >= min_len and w.isalpha():
                out.setdefault(w[:3], []).append(w)
        return out

    sb, tb = buckets(src_words), buckets(tgt_words)
    parent: dict[str, str] = {}
    members: set[str] = set()

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for key, sw in sb.items():
        tw = tb.get(key)
        if not tw:
            continue
        tw = [w for w in tw if w not in set(sw)] or []
        if not tw:
            continue
        sim = process.cdist(sw, tw, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.uint8)
        for a, b in zip(*np.nonzero(sim)):
            members.update((sw[a], tw[b]))
            ra, rb = find(sw[a]), find(tw[b])
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {w: find(w) for w in members}


@dataclass
class AnchorScorer:
    """Numbers, links, identical tokens and names, cognates and punctuation."""

    name: str = "anchors"
    number_weight: float = 1.2
    link_weight: float = 2.0
    word_weight: float = 1.0
    name_bonus: float = 0.5
    punct_weight: float = 0.5
    min_word_len: int = 2
    cognates: bool = True

    def features(self, doc: Doc) -> tuple[Entries, Entries]:
        sa, ta = doc.src_analyses, doc.tgt_analyses
        cog: dict[str, str] = {}
        if self.cognates:
            cog = cognate_classes((w for a in sa for w in a.words), (w for a in ta for w in a.words))
        return self._side(doc, sa, cog), self._side(doc, ta, cog)

    def _side(self, doc: Doc, analyses: list[Analysis], cog: dict[str, str]) -> Entries:
        rows: list[tuple[int, int, float]] = []
        fid = doc.fid
        for i, a in enumerate(analyses):
            feats: dict[int, float] = {}
            for n in a.numbers:
                k = fid("n:" + n)
                feats[k] = feats.get(k, 0.0) + self.number_weight
            for link in a.links:
                k = fid("u:" + link)
                feats[k] = feats.get(k, 0.0) + self.link_weight
            for w in a.words:
                if len(w) < self.min_word_len:
                    continue
                k = fid("w:" + cog.get(w, w))
                wt = self.word_weight + (self.name_bonus if w in a.names else 0.0)
                feats[k] = feats.get(k, 0.0) + wt
            for p in a.punct:
                k = fid("p:" + p)
                feats[k] = feats.get(k, 0.0) + self.punct_weight
            rows.extend((i, k, v) for k, v in feats.items())
        return Entries.build(rows)


# --- dictionary ---------------------------------------------------------------------------------


@dataclass
class DictionaryScorer:
    """A bilingual term list: pairs (source term, target term) matched through stem keys."""

    pairs: Sequence[tuple[str, str]]
    name: str = "dictionary"
    weight: float = 1.5
    max_len: int = 4

    def features(self, doc: Doc) -> tuple[Entries, Entries]:
        s_mod, t_mod = get_lang(doc.src_lang), get_lang(doc.tgt_lang)
        s_index: dict[tuple[str, ...], set[int]] = {}
        t_index: dict[tuple[str, ...], set[int]] = {}
        for k, (s, t) in enumerate(self.pairs):
            sk, tk = tuple(s_mod.stem_key(s).split()), tuple(t_mod.stem_key(t).split())
            if sk and tk and len(sk) <= self.max_len and len(tk) <= self.max_len:
                s_index.setdefault(sk, set()).add(k)
                t_index.setdefault(tk, set()).add(k)
        return (self._side(doc, doc.src_analyses, s_mod, s_index),
                self._side(doc, doc.tgt_analyses, t_mod, t_index))

    def _side(self, doc: Doc, analyses, mod, index) -> Entries:
        rows = []
        if not index:
            return Entries.empty()
        for i, a in enumerate(analyses):
            stems = [mod.stem(w) for w in a.words]
            seen: set[int] = set()
            for n in range(1, self.max_len + 1):
                for p in range(len(stems) - n + 1):
                    for k in index.get(tuple(stems[p:p + n]), ()):
                        if k not in seen:
                            seen.add(k)
                            rows.append((i, doc.fid(f"d:{k}"), self.weight))
        return Entries.build(rows)


# --- learned lexicon ----------------------------------------------------------------------------


@dataclass
class LexiconScorer:
    """Word pairs (folded source word, folded target word) learned from a first pass."""

    pairs: Sequence[tuple[str, str]]
    name: str = "lexicon"
    weight: float = 1.0

    def features(self, doc: Doc) -> tuple[Entries, Entries]:
        s_map: dict[str, list[int]] = {}
        t_map: dict[str, list[int]] = {}
        for k, (s, t) in enumerate(self.pairs):
            s_map.setdefault(s, []).append(k)
            t_map.setdefault(t, []).append(k)
        return self._side(doc, doc.src_analyses, s_map), self._side(doc, doc.tgt_analyses, t_map)

    def _side(self, doc: Doc, analyses, index) -> Entries:
        rows = []
        for i, a in enumerate(analyses):
            for k in {k for w in set(a.words) for k in index.get(w, ())}:
                rows.append((i, doc.fid(f"l:{k}"), self.weight))
        return Entries.build(rows)


def learn_lexicon(doc: Doc, beads: Sequence[tuple[Sequence[int], Sequence[int]]], *,
                  min_count: int = 2, min_dice: float = 0.3, max_df: float = 0.2,
                  links: int = 1) -> list[tuple[str, str]]:
    """Translation pairs from co-occurrence in confident beads (Dice, competitive linking).

    Like hunalign's realign: words that keep appearing on the two sides of the same beads are
    taken as translations. Words identical on both sides are left to the anchor scorer.
    """
    sa, ta = doc.src_analyses, doc.tgt_analyses
    if len(beads) < 20:
        return []
    s_vocab: dict[str, int] = {}
    t_vocab: dict[str, int] = {}
    s_ids, t_ids = [], []
    for src, tgt in beads:
        sw = {s_vocab.setdefault(w, len(s_vocab)) for i in src for w in sa[i].words if len(w) > 1}
        tw = {t_vocab.setdefault(w, len(t_vocab)) for j in tgt for w in ta[j].words if len(w) > 1}
        s_ids.append(np.fromiter(sw, np.int64, len(sw)))
        t_ids.append(np.fromiter(tw, np.int64, len(tw)))
    ns, nt = len(s_vocab), len(t_vocab)
    if not ns or not nt:
        return []
    cs = np.bincount(np.concatenate(s_ids), minlength=ns)
    ct = np.bincount(np.concatenate(t_ids), minlength=nt)
    keys = np.concatenate([(a[:, None] * nt + b[None, :]).ravel() for a, b in zip(s_ids, t_ids)])
    pair_keys, joint = np.unique(keys, return_counts=True)
    ps, pt = pair_keys // nt, pair_keys % nt
    nb = len(beads)
    ok = (joint >= min_count) & (cs[ps] <= max_df * nb + min_count) & (ct[pt] <= max_df * nb + min_count)
    dice = 2.0 * joint / (cs[ps] + ct[pt])
    ok &= dice >= min_dice
    order = np.argsort(-dice[ok], kind="stable")
    ps, pt = ps[ok][order], pt[ok][order]
    s_words, t_words = list(s_vocab), list(t_vocab)
    out = []
    n_s: dict[int, int] = {}
    n_t: dict[int, int] = {}
    for a, b in zip(ps.tolist(), pt.tolist()):
        if n_s.get(a, 0) >= links or n_t.get(b, 0) >= links:
            continue
        n_s[a] = n_s.get(a, 0) + 1
        n_t[b] = n_t.get(b, 0) + 1
        if s_words[a] != t_words[b]:
            out.append((s_words[a], t_words[b]))
    return out


def combine(doc: Doc, scorers: Sequence[Scorer]) -> tuple[Entries, Entries]:
    """All scorers' features, weighted by inverse document frequency over both documents."""
    xs, ys = [], []
    for sc in scorers:
        key = id(sc)
        if key not in doc.cache:  # each scorer's features are computed once per document pair
            doc.cache[key] = (sc, sc.features(doc))
        x, y = doc.cache[key][1]
        xs.append(x)
        ys.append(y)
    x, y = Entries.concat(xs), Entries.concat(ys)
    nf = max(len(doc.vocab), 1)
    n = max(len(doc.src) + len(doc.tgt), 1)
    df = np.zeros(nf)
    for e in (x, y):
        if len(e.sent):
            u = np.unique(e.sent * nf + e.feat)
            df += np.bincount(u % nf, minlength=nf)
    idf = np.log((n + 1.0) / (df + 1.0))
    # features found on one side only can never match: keep a little of their mass (coverage)
    in_x = np.zeros(nf, bool)
    in_y = np.zeros(nf, bool)
    in_x[x.feat] = True
    in_y[y.feat] = True
    both = in_x & in_y
    scale = np.where(both, idf, idf * UNMATCHED_WEIGHT)
    return (Entries(x.sent, x.feat, x.weight * scale[x.feat]), Entries(y.sent, y.feat, y.weight * scale[y.feat]))


UNMATCHED_WEIGHT = 0.5


def default_scorers(*, dictionary: Sequence[tuple[str, str]] | None = None) -> list[Scorer]:
    out: list[Scorer] = [AnchorScorer()]
    if dictionary:
        out.append(DictionaryScorer(pairs=list(dictionary)))
    return out


__all__ = ["Entries", "Analysis", "Doc", "Scorer", "AnchorScorer", "DictionaryScorer", "LexiconScorer",
           "learn_lexicon", "combine", "default_scorers", "cognate_classes", "analyse"]
