"""Document pairing: which Latvian and English posts that declare no translation are translations
of each other (`lvterm pair`).

Every post becomes a bag of *anchors*, evidence that survives translation:
numbers ("2011." and "2011" alike), URLs and e-mail addresses, names and long words by their
cognate form (`lang.cognates.cognate_form`, first letters: "Rīgā"/"Riga", "organizācija"/
"organisation"), and the concepts of the termbase found by the one term matcher
("biedra naudu"/"membership fee" are one anchor). Anchors are weighted by idf over both sites;
a pair's score is the cosine of its two anchor vectors, times a length factor (translations are
of similar length) and a date factor (a translation rarely appears months later).

Blocking: only anchors in fewer than `max_df` posts are compared, through an inverted index, so
5,000 x 5,000 posts need no 25 million comparisons; a pair that shares no informative anchor is
never scored. Pairs are then linked one-to-one, best first (competitive linking), and those under
`threshold` are left out: a post without a convincing counterpart stays unpaired.
"""
from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from .lang import get as get_lang
from .lang.cognates import cognate_form
from .models import Concept, Post
from .progress import Progress, advancing

#: Score under which a pair is not proposed; chosen on one generated site, reported on another
#: (benchmarks/pairing.py).
DEFAULT_THRESHOLD = 0.38
#: Posts an anchor may appear in, at most, to be used for blocking and scoring: a share of the
#: posts of both sites, at least MIN_MAX_DF (small sites) and at most MAX_MAX_DF (so that work
#: grows with the number of posts, not with its square).
MAX_DF_SHARE, MIN_MAX_DF, MAX_MAX_DF = 0.1, 8, 60
#: Expected English/Latvian length ratio in characters and the spread of its logarithm.
LENGTH_RATIO, LENGTH_SPREAD = 1.08, 0.35
PREFIX = 5  # letters of a cognate form that make its anchor
#: Distinct anchors a pair must share to be scored: with only the anchors found on both sides in
#: the vectors, two short unrelated posts sharing a year would otherwise have a cosine near 1.
MIN_SHARED = 2

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"»«)]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_DOUBLE = re.compile(r"(.)\1")  # 'commission'/'komisija', 'association'/'asociācija'
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@dataclass(frozen=True)
class Proposal:
    """A proposed translation pair: source and target post, and the evidence score in [0, 1]."""

    src: Post
    tgt: Post
    score: float


def anchors(post: Post, *, matcher=None) -> Counter[str]:
    """The anchors of a post (title and body) with their counts."""
    text = "\n".join((post.title, *post.paragraphs))
    out: Counter[str] = Counter()
    for m in _URL.finditer(text):
        out["@" + m.group().lower().rstrip(".,;:")] += 1
    text_wo_urls = _URL.sub(" ", text)
    for m in _NUMBER.finditer(text_wo_urls):
        number = m.group().replace(",", ".").strip(".")
        if len(number) >= 2 or number != "0":
            out["#" + number] += 1
    for m in _WORD.finditer(text_wo_urls):
        word = m.group()
        if len(word) >= 4 and (word[0].isupper() or len(word) >= 7):
            out["~" + _DOUBLE.sub(r"\1", cognate_form(word, lang=post.lang))[:PREFIX]] += 1
    if matcher is not None:
        for match in matcher.find(text):
            out["=" + str(match.value)] += 1
    return out


def _matchers(concepts: Sequence[Concept], langs: Iterable[str]) -> dict:
    """One term matcher per language over the termbase's concepts (value = concept id)."""
    from .terms.matcher import TermMatcher

    out = {}
    for lang in langs:
        terms = [(c.id, tuple(t.text for t in c.terms_in(lang)) + tuple(f.form for t in c.terms_in(lang)
                                                                       for f in t.forms))
                 for c in concepts if c.terms_in(lang)]
        out[lang] = TermMatcher(terms, lang=lang) if terms else None
    return out


def _date(value: str | None) -> date | None:
    m = re.match(r"\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    if not m:
        return None
    return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def _length(post: Post) -> int:
    return sum(len(p) for p in post.paragraphs) + len(post.title)


def _length_factor(src: Post, tgt: Post) -> float:
    a, b = _length(src), _length(tgt)
    if not a or not b:
        return 0.0
    z = math.log(b / a / LENGTH_RATIO) / LENGTH_SPREAD
    return math.exp(-0.5 * z * z)


def _date_factor(src: Post, tgt: Post) -> float:
    a, b = _date(src.date), _date(tgt.date)
    if a is None or b is None:
        return 1.0
    days = abs((b - a).days)
    return 1.0 if days <= 31 else 0.85 if days <= 366 else 0.6


def _stems(post: Post) -> list[str]:
    """The distinct stems of a post's longer words, sorted (the units of the learned dictionary)."""
    stem = get_lang(post.lang).stem
    text = "\n".join((post.title, *post.paragraphs))
    return sorted({stem(w) for w in _WORD.findall(_URL.sub(" ", text)) if len(w) >= 4})


def learn_dictionary(pairs: Sequence[tuple[Post, Post]], *, min_t: float = 0.2,
                     min_count: int = 2) -> dict[str, str]:
    """source stem -> target stem, learned from confidently paired posts with IBM Model 1 (the one
    in `wordalign`) over their distinct stems: the Moore-style second pass for words that are not
    spelled alike."""
    from .wordalign import ibm1

    # a very long pair's co-occurrences say little, and IBM Model 1's time and memory grow with
    # their product: only pairs under MAX_COOCCURRENCES take part (none: no dictionary)
    bitext = [(src, tgt) for src, tgt in ((_stems(a), _stems(b)) for a, b in pairs)
              if len(src) * len(tgt) < MAX_COOCCURRENCES]
    if not bitext:
        return {}
    together: Counter[tuple[str, str]] = Counter()
    for src, tgt in bitext:
        together.update((e, f) for e in tgt for f in src)
    table = ibm1(bitext, null=None)
    best: dict[str, tuple[float, str]] = {}
    for (e, f), t in table.items():
        if t >= min_t and together[(e, f)] >= min_count and (f not in best or best[f][0] < t):
            best[f] = (t, e)
    return {f: e for f, (t, e) in sorted(best.items())}


def score_pairs(src_posts: Sequence[Post], tgt_posts: Sequence[Post], *, concepts: Sequence[Concept] = (),
                learn: bool = True, progress: Progress | None = None) -> list[Proposal]:
    """Every blocked candidate pair with its score, best first (not yet one-to-one). With `learn`,
    a dictionary learned from the first pass's confident pairs adds anchors for a second pass.
    `progress`: a bar over the stages (anchors, first pass, dictionary, second pass)."""
    if not src_posts or not tgt_posts:
        return []
    stages = advancing(range(4), progress, label="pairing", length=4)
    next(stages, None)  # (the bar shows from the start)
    matchers = _matchers(concepts, {p.lang for p in (*src_posts, *tgt_posts)}) if concepts else {}
    src_bags = [anchors(p, matcher=matchers.get(p.lang)) for p in src_posts]
    tgt_bags = [anchors(p, matcher=matchers.get(p.lang)) for p in tgt_posts]
    next(stages, None)
    first = _score(src_posts, tgt_posts, src_bags, tgt_bags)
    next(stages, None)
    if not learn:
        return first
    confident = [(p.src, p.tgt) for p in link(first, threshold=LEARN_FROM)][:LEARN_MAX_PAIRS]
    if len(confident) < LEARN_MIN_PAIRS:
        return first
    dictionary = learn_dictionary(confident)
    next(stages, None)
    targets = set(dictionary.values())
    for post, bag in zip(src_posts, src_bags):
        bag.update("&" + dictionary[s] for s in _stems(post) if s in dictionary)
    for post, bag in zip(tgt_posts, tgt_bags):
        bag.update("&" + s for s in _stems(post) if s in targets)
    second = _score(src_posts, tgt_posts, src_bags, tgt_bags)
    next(stages, None)
    return second


#: The second pass learns from first-pass pairs at or above this score, when there are enough.
LEARN_FROM, LEARN_MIN_PAIRS = 0.2, 20
#: Distinct source stems x distinct target stems of a post pair the dictionary learns from, at most.
MAX_COOCCURRENCES = 40_000
#: ... and from the best this many at most: a dictionary is learned well from a thousand post pairs,
#: and IBM Model 1's time and memory grow with every pair (5,000 x 5,000 posts: 2.1 GB without it).
LEARN_MAX_PAIRS = 1000


def _score(src_posts, tgt_posts, src_bags, tgt_bags) -> list[Proposal]:
    df_src: Counter[str] = Counter()
    df_tgt: Counter[str] = Counter()
    for df, bags in ((df_src, src_bags), (df_tgt, tgt_bags)):
        for bag in bags:
            df.update(bag.keys())
    n = len(src_bags) + len(tgt_bags)
    max_df = min(MAX_MAX_DF, max(MIN_MAX_DF, int(MAX_DF_SHARE * n)))
    # Only anchors found on both sides can tell a pair (one side's alone would only lower every
    # score of its posts); smoothed (n + 1), since on a site of one post a language every anchor
    # the pair shares is in every post, and log(n / d) would weigh the whole evidence 0.
    idf = {a: math.log((n + 1) / (d + df_tgt[a])) for a, d in df_src.items()
           if a in df_tgt and d + df_tgt[a] <= max_df}

    def vector(bag: Counter[str]) -> tuple[dict[str, float], float]:
        v = {a: (1.0 + math.log(c)) * idf[a] for a, c in bag.items() if a in idf}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return v, norm

    src_vecs = [vector(b) for b in src_bags]
    tgt_vecs = [vector(b) for b in tgt_bags]
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, (v, _) in enumerate(tgt_vecs):
        for a, w in v.items():
            postings[a].append((j, w))
    out = []
    for i, (v, norm) in enumerate(src_vecs):
        dots: dict[int, float] = defaultdict(float)
        shared: Counter[int] = Counter()
        for a, w in v.items():
            for j, w2 in postings.get(a, ()):
                dots[j] += w * w2
                shared[j] += 1
        for j, dot in dots.items():
            if shared[j] < MIN_SHARED:
                continue
            cosine = dot / (norm * tgt_vecs[j][1])
            s, t = src_posts[i], tgt_posts[j]
            out.append(Proposal(s, t, round(cosine * _length_factor(s, t) * _date_factor(s, t), 4)))
    out.sort(key=lambda p: (-p.score, p.src.slug, p.tgt.slug))
    return out


def link(candidates: Iterable[Proposal], *, threshold: float = DEFAULT_THRESHOLD) -> list[Proposal]:
    """One-to-one, best first (competitive linking); pairs under `threshold` are left out."""
    taken_src: set[str] = set()
    taken_tgt: set[str] = set()
    out = []
    for p in candidates:
        if p.score < threshold:
            break
        if p.src.id in taken_src or p.tgt.id in taken_tgt:
            continue
        taken_src.add(p.src.id)
        taken_tgt.add(p.tgt.id)
        out.append(p)
    return out


def unpaired(posts: Iterable[Post], *, src_lang: str, tgt_lang: str) -> tuple[list[Post], list[Post]]:
    """The posts of the two languages in no declared translation pair: a post that declares a
    translation into the other language, or that a post of the other language declares as its
    translation (the build pairs the two from either side), is taken."""
    posts = list(posts)
    claimed = {(lang, slug) for p in posts for lang, slug in p.translations.items()
               if {p.lang, lang} == {src_lang, tgt_lang}}
    src = [p for p in posts if p.lang == src_lang and tgt_lang not in p.translations
           and (src_lang, p.slug) not in claimed]
    tgt = [p for p in posts if p.lang == tgt_lang and src_lang not in p.translations
           and (tgt_lang, p.slug) not in claimed]
    return sorted(src, key=lambda p: p.slug), sorted(tgt, key=lambda p: p.slug)


def propose(posts: Sequence[Post], *, src_lang: str = "lv", tgt_lang: str = "en",
            threshold: float = DEFAULT_THRESHOLD, concepts: Sequence[Concept] = (),
            progress: Progress | None = None) -> list[Proposal]:
    """Proposed translation pairs among the posts that declare none, one-to-one, best first."""
    if src_lang == tgt_lang:
        raise ValueError(f"src_lang and tgt_lang are both {src_lang!r}: pairs are between two languages")
    src, tgt = unpaired(posts, src_lang=src_lang, tgt_lang=tgt_lang)
    return link(score_pairs(src, tgt, concepts=concepts, progress=progress), threshold=threshold)


@dataclass(frozen=True)
class FolderPairing:
    """What `propose_folder` found: the proposals, the posts of each language that declare no
    translation (all of them, proposed or not), and the post files `write` changed."""

    proposals: list[Proposal]
    src_unpaired: list[Post]
    tgt_unpaired: list[Post]
    written: list[Path]


def propose_folder(folder: str | Path, *, src_lang: str = "lv", tgt_lang: str = "en",
                   threshold: float = DEFAULT_THRESHOLD, termbase: str | Path | None = None,
                   write: bool = False, progress: Progress | None = None) -> FolderPairing:
    """`lvterm pair` as a function: the post files of `folder` read, pairs proposed among those
    that declare no translation (`termbase`: a curated termbase folder whose terms count as
    evidence), and with `write` declared in both files of every proposed pair."""
    from .errors import InputError

    if src_lang == tgt_lang:
        raise InputError(f"--src-lang and --tgt-lang are both {src_lang}: pairing finds translations "
                         "between two languages")
    if not Path(folder).is_dir():
        raise InputError("not a folder of post files", path=folder)
    posts, files = load_posts(folder)
    concepts: Sequence[Concept] = ()
    if termbase is not None:
        from .terms.termbase import load_curated

        concepts = load_curated(termbase)
    found = propose(posts, src_lang=src_lang, tgt_lang=tgt_lang, concepts=concepts, threshold=threshold,
                    progress=progress)
    src, tgt = unpaired(posts, src_lang=src_lang, tgt_lang=tgt_lang)
    written = declare((p.src, files[p.src.id], p.tgt, files[p.tgt.id]) for p in found) if write and found else []
    return FolderPairing(found, src, tgt, written)


def declare(pairs: Iterable[tuple[Post, Path, Post, Path]]) -> list[Path]:
    """Declare each (source post, its file, target post, its file) as translations of each other
    in both files' front matter. Every new file is written beside its old one first; the renames
    follow only when all were written, so an error leaves every post file as it was."""
    from .formats import post as postfmt

    def declared(post: Post, other: Post) -> Post:
        return dataclasses.replace(post, translations={**post.translations, other.lang: other.slug})

    return postfmt.dump_files((declared(post, other), file) for src, src_file, tgt, tgt_file in pairs
                              for post, file, other in ((src, src_file, tgt), (tgt, tgt_file, src)))


def load_posts(folder: str | Path) -> tuple[list[Post], dict[str, Path]]:
    """Every post file of a folder, and each post's file by post id."""
    from .formats import post as postfmt

    files = postfmt.post_files(folder)
    posts = [postfmt.load(f) for f in files]
    postfmt.check_unique([(p.id, f) for p, f in zip(posts, files)])
    return posts, {p.id: f for p, f in zip(posts, files)}


def format_proposals(proposals: Sequence[Proposal], *, src_lang: str, tgt_lang: str) -> Iterable[str]:
    """The `lvterm pair` output: a header, then `source slug<TAB>target slug<TAB>score` lines."""
    yield f"{src_lang}\t{tgt_lang}\tscore"
    for p in proposals:
        yield f"{p.src.slug}\t{p.tgt.slug}\t{p.score:.3f}"


def by_slug(proposals: Sequence[Proposal]) -> Mapping[str, str]:
    return {p.src.slug: p.tgt.slug for p in proposals}
