"""Term candidates: pattern matches over the morphology guesses, grouped by stem key, ranked by termhood.

`extract_terms(texts, lang="lv")` returns `Candidate`s best first. A candidate groups every
inflected occurrence whose stem key is the same ("biedra nauda", "biedra naudu", "biedra naudas"
-> key "biedr naud"); its canonical text is the most frequent nominative singular form seen,
an unambiguous nominative plural when no singular is seen, or a form built from the lemma
(genitive modifiers kept, agreeing adjectives and the head noun put into the nominative).

Termhood combines the three signals multiplicatively:
    log2(min(words, 2) + 1) x sqrt(f - mean f of the longer candidates containing it) x (0.1 + spec)
The first two are C-value (Frantzi et al. 2000; log2(words + 1) so single words count, here capped
at two words so that rare long chains do not outrank frequent two-word terms, and frequency damped
by a square root so that frequent everyday words do not swamp the list); `spec`, the
domain specificity clamped to [0, 3], is the mean log10 ratio of a word's relative frequency in
the corpus to its general-language frequency in wordfreq (floored at 1e-8 for unseen words).
`Candidate.cvalue` keeps the undamped C-value.
"""
from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Iterable, Sequence

from ..constants import LINK_WORDS
from ..errors import LvtermError
from ..lang import get as get_lang
from ..models import Occurrence, Segment, Term, TermForm
from ..progress import advancing
from .patterns import agrees, morph_nlp, term_matcher

log = logging.getLogger(__name__)

GENERAL_FLOOR = 1e-8  # general-language frequency assumed for words wordfreq has never seen
SPEC_CAP = 3.0  # specificity (log10 ratio) at which the termhood factor saturates
SPEC_BASE = 0.1  # the factor of a word no more frequent here than in general language


@dataclass(frozen=True)
class Candidate:
    """A term candidate in one language with every form seen and where it occurs."""

    lang: str
    text: str  # canonical form
    key: str  # stem key (lang.<lv|en>.stem_key of any of its forms)
    forms: tuple[TermForm, ...]  # most frequent first
    frequency: int
    score: float  # termhood
    occurrences: tuple[Occurrence, ...] = ()
    words: int = 1
    cvalue: float = 0.0
    specificity: float = 0.0
    term_type: str = "fullForm"  # fullForm | properNoun

    @property
    def segments(self) -> frozenset[int]:
        return frozenset(o.segment_index for o in self.occurrences)

    def as_term(self, **changes) -> Term:
        """The candidate as a proposed `models.Term` (forms and frequency kept)."""
        term = Term(lang=self.lang, text=self.text, status="proposed", reliability=1,
                    term_type=self.term_type, forms=self.forms, frequency=self.frequency)
        return replace(term, **changes) if changes else term


@dataclass
class _Occ:
    segment: int
    start: int
    end: int
    tok_start: int
    tok_end: int
    form: str
    template: str
    tokens: list = field(default_factory=list)  # (text, Analysis)


def _texts(segments_or_texts: Iterable[Segment | str]) -> list[str]:
    return [s.text if isinstance(s, Segment) else str(s) for s in segments_or_texts]


def _surface(span) -> str:
    """The span's text, a sentence-initial capital lowered unless the word is a proper name."""
    text = span.text
    first = span[0]
    if first._.sent_start and first.pos_ != "PROPN" and first.text[1:].islower():
        text = text[:1].lower() + text[1:]
    return text


_LANGUAGE_NAMES = {"lv": "Latvian", "en": "English"}  # progress labels


def extract_terms(segments_or_texts: Sequence[Segment | str], *, lang: str, min_freq: int = 1,
                  max_words: int | None = None, limit: int | None = None,
                  general_floor: float = GENERAL_FLOOR, progress=None) -> list[Candidate]:
    """Term candidates of `lang` (lv or en) in the texts, best first.

    Occurrence segment indices are positions in `segments_or_texts`; start/end are character
    offsets in that text. `progress(iterable, label=, length=)`: a context manager showing the
    sentences go by (the CLI's progress bar).
    """
    if lang not in ("lv", "en"):
        raise LvtermError(f"term extraction knows Latvian (lv) and English (en), not {lang!r}")
    texts = _texts(segments_or_texts)
    module = get_lang(lang)
    if max_words is None:  # Latvian chains longer than 4 words are mostly two phrases run together
        max_words = 4 if lang == "lv" else 6
    nlp = morph_nlp(lang)
    matcher = term_matcher(nlp, lang)
    word_counts: Counter[str] = Counter()
    groups: dict[str, list[_Occ]] = defaultdict(list)
    by_segment: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    docs = advancing(nlp.pipe(texts, batch_size=256), progress, label=f"{_LANGUAGE_NAMES[lang]} terms",
                     length=len(texts))
    for seg, doc in enumerate(docs):
        word_counts.update(t.text.lower() for t in doc if t.is_alpha)
        seen: set[tuple[int, int]] = set()
        for match_id, s, e in matcher(doc):
            template = nlp.vocab.strings[match_id]
            if (s, e) in seen or e - s > max_words:
                continue
            span = doc[s:e]
            if not agrees(span, template, lang):
                continue
            if span[0].pos_ == "ADJ" and module.is_non_term_adjective(span[0].text):
                continue  # "noderīgs kontakts", "useful contacts": the noun alone is the term
            if _cuts_a_name(doc, s, e, titles=getattr(module, "TITLES", frozenset())):
                continue  # "Bibliotekāru biedrība" out of "Latvijas Bibliotekāru biedrība"
            key = module.stem_key(span.text)
            if not key:
                continue
            seen.add((s, e))
            occ = _Occ(seg, span.start_char, span.end_char, s, e, _surface(span), template,
                       [(t.text, t._.analysis) for t in span])
            groups[key].append(occ)
            by_segment[seg].append((s, e, key))
    containers = _containers(by_segment)
    spec_of = _specificity(word_counts, lang=lang, floor=general_floor)
    candidates = []
    for key, occs in groups.items():
        if len(occs) < min_freq:
            continue
        canonical = _canonical(occs, lang=lang)
        forms = Counter(o.form for o in occs)
        n_words = len(occs[0].tokens)
        freq = len(occs)
        # C-value's nesting correction, counting only longer terms seen at least twice: a chain
        # met once ("Latvijas Bibliotekāru biedrību Latvijas") explains nothing about its parts
        outer = {k for k in containers.get(key, ()) if len(groups[k]) >= 2}
        nested_mean = (sum(len(groups[k]) for k in outer) / len(outer)) if outer else 0.0
        own = max(freq - nested_mean, 0.0)  # occurrences not explained by longer terms
        cvalue = math.log2(n_words + 1) * own
        spec = sum(_occ_specificity(o, spec_of) for o in occs) / freq
        score = math.log2(min(n_words, 2) + 1) * math.sqrt(own) * (SPEC_BASE + min(max(spec, 0.0), SPEC_CAP))
        proper = all(a.pos == "PROPN" or text[:1].isupper() for text, a in occs[0].tokens
                     if text.lower() not in LINK_WORDS)
        candidates.append(Candidate(
            lang=lang, text=canonical, key=key,
            forms=tuple(TermForm(f, c) for f, c in sorted(forms.items(), key=lambda x: (-x[1], x[0]))),
            frequency=freq, score=round(score, 4),
            occurrences=tuple(Occurrence(canonical, lang, o.segment, o.start, o.end, o.form) for o in occs),
            words=n_words, cvalue=round(cvalue, 4), specificity=round(spec, 4),
            term_type="properNoun" if proper else "fullForm"))
    candidates.sort(key=lambda c: (-c.score, -c.frequency, c.text))
    log.info("%d %s candidates from %d texts", len(candidates), lang, len(texts))
    return candidates[:limit] if limit else candidates


def _cuts_a_name(doc, start: int, end: int, titles=frozenset()) -> bool:
    """A span that starts inside a capitalised name: its first word is capitalised mid-sentence
    and follows another capitalised word ("Latvijas Bibliotekāru ...", "Library Association of
    ..."). The whole name is matched from its first word anyway."""
    first = doc[start]
    if start > 0 and first.text[:1].isupper() and not first._.sent_start:
        prev = doc[start - 1]
        if prev.lower_.rstrip(".") in titles:
            return False
        if prev.text[:1].isupper() and prev.pos_ in ("PROPN", "NOUN", "ADJ") and not prev.is_punct:
            return True
    return False


def _containers(by_segment: dict[int, list[tuple[int, int, str]]]) -> dict[str, set[str]]:
    """For each key, the keys of the longer candidates its occurrences are nested in.

    A span can only be nested in a span that starts at most `longest` tokens before its end, so
    only those starts are looked at: linear in the spans of a segment (a line of one word repeated
    thousands of times has thousands of spans; comparing every pair of them was quadratic)."""
    out: dict[str, set[str]] = defaultdict(set)
    for spans in by_segment.values():
        by_start: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for s2, e2, key2 in spans:
            by_start[s2].append((e2, key2))
        longest = max((e - s for s, e, _ in spans), default=0)
        for s, e, key in spans:
            for s2 in range(max(e - longest, 0), s + 1):
                for e2, key2 in by_start.get(s2, ()):
                    if key2 != key and e <= e2 and (e2 - s2) > (e - s):
                        out[key].add(key2)
    return out


def _specificity(word_counts: Counter[str], *, lang: str, floor: float):
    import wordfreq

    total = sum(word_counts.values()) or 1
    cache: dict[str, float] = {}

    def spec(word: str) -> float:
        w = word.lower()
        if w not in cache:
            general = max(wordfreq.word_frequency(w, lang), floor)
            corpus = max(word_counts.get(w, 0), 1) / total
            cache[w] = math.log10(corpus / general)
        return cache[w]

    return spec


def _occ_specificity(occ: _Occ, spec) -> float:
    words = [text for text, _ in occ.tokens if text.lower() not in LINK_WORDS]
    return sum(spec(w) for w in words) / len(words) if words else 0.0


# --- canonical form ---------------------------------------------------------------


def _head_index(occ: _Occ, lang: str) -> int:
    if lang == "en" and "O" in occ.template:
        return occ.template.index("O") - 1
    return len(occ.tokens) - 1


def _agreeing(occ: _Occ, head: int) -> list[int]:
    """Indices of the adjectives directly before the head (they agree with it)."""
    out, i = [], head - 1
    while i >= 0 and occ.tokens[i][1].pos == "ADJ":
        out.append(i)
        i -= 1
    return out


def _has(value: str | None, item: str) -> bool:
    return value is not None and item in value.split("|")


def _lv_kind(occ: _Occ) -> str:
    """'sg' nominative singular, 'pl' unambiguous nominative plural, else 'oblique'."""
    head_text, head = occ.tokens[-1]
    adjs = [occ.tokens[i][1] for i in _agreeing(occ, len(occ.tokens) - 1)]
    adj_nom = all(_has(a.case, "nom") or a.case is None for a in adjs)
    if head.case is None:  # indeclinable (LinkedIn, a foreign word)
        return "sg" if adj_nom and all(_has(a.number, "sing") or a.number is None for a in adjs) else "oblique"
    if head_text.lower() == head.lemma.lower() and head.case == "nom" and adj_nom:
        return "sg"
    if head.case == "nom" and _has(head.number, "plur") and adj_nom:
        return "pl"
    return "oblique"


def _en_kind(occ: _Occ, lang: str) -> str:
    head = occ.tokens[_head_index(occ, lang)][1]
    return "pl" if head.number == "plur" else "sg"


def _canonical(occs: list[_Occ], *, lang: str) -> str:
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for o in occs:
        by_kind[_lv_kind(o) if lang == "lv" else _en_kind(o, lang)][o.form] += 1
    if by_kind.get("sg"):
        return _most_common(by_kind["sg"])
    if lang == "lv" and by_kind.get("pl"):
        return _most_common(by_kind["pl"])
    forms = Counter(o.form for o in occs)
    best = _most_common(forms)
    model = next(o for o in occs if o.form == best)
    built = _build_nominative(model, occs, lang=lang, plural=lang == "lv" and _usually_plural(occs))
    module = get_lang(lang)
    # a lemma from another word (simplemma: Republikāņu -> Republika) would break the grouping key
    return built if module.stem_key(built) == module.stem_key(best) else best


def _most_common(counter: Counter[str]) -> str:
    return sorted(counter.items(), key=lambda x: (-x[1], x[0]))[0][0]


def _keep_case(surface: str, word: str) -> str:
    if surface.isupper() and len(surface) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if surface[:1].isupper() else word.lower()


def _usually_plural(occs: list[_Occ]) -> bool:
    """IATE's exception to the singular: a term seen 5+ times, never in the singular, unambiguously
    plural in at least 80% of its occurrences (Olimpiskajās spēlēs, olimpiskajām spēlēm)."""
    numbers = [o.tokens[-1][1].number for o in occs]
    return (len(occs) >= 5 and "sing" not in numbers
            and sum(n == "plur" for n in numbers) >= 0.8 * len(numbers))


def _build_nominative(model: _Occ, occs: list[_Occ], *, lang: str, plural: bool = False) -> str:
    """The model occurrence with the head noun (and, in Latvian, its agreeing adjectives) in the
    nominative singular (plural for a term usually plural); genitive modifiers stay as they are."""
    words = model.form.split()
    if len(words) != len(model.tokens):  # a token with inner spaces: keep the form as seen
        return model.form
    head = _head_index(model, lang)
    head_text, head_a = model.tokens[head]
    head_surface = words[head]
    words[head] = _keep_case(head_surface, head_a.lemma) if head_a.lemma else head_surface
    if lang == "lv":
        from ..lang import lv

        plural_head = lv.noun_nominative_plural(words[head]) if plural else None
        words[head] = plural_head or words[head]
        feminine = lv.is_feminine(head_a.lemma)
        for i in _agreeing(model, head):
            definite = _definiteness(occs, i)
            words[i] = lv.adjective_nominative(words[i], feminine=feminine, definite=definite,
                                               plural=plural_head is not None)
    return " ".join(words)


def _definiteness(occs: list[_Occ], index: int) -> bool:
    """An adjective is indefinite only if some occurrence shows an indefinite-only form."""
    for o in occs:
        if index < len(o.tokens) and o.tokens[index][1].definite is False:
            return False
    return True
