"""Term candidates: noun phrases grouped by stem key, put into their canonical form, ranked by termhood.

`extract_terms(texts, lang="lv")` returns `Candidate`s best first. The spans are the noun phrases
of `terms.patterns` (a phrase never crosses a verb, a clause or a name's edge). A candidate groups
every inflected occurrence whose stem key is the same ("biedra nauda", "biedra naudu", "biedra
naudas" -> key "biedr naud"). In a group that is a name (most of its occurrences whose writing
shows it are written as one; capitals show nothing, `writing._in_capitals`), the occurrences written
wholly in lower case are the common word's and are in no candidate (`writing._without_common_words`): the
newspaper Diena takes no "dienā" ("on the day"); a sentence's first word may be either and stays.
A stem key is one term of the termbase, so the common word is not proposed beside the name.
A text repeated verbatim is read once: its repeats add occurrences (and frequency), not termhood.

Canonical form (Latvian): `lv.canonical_term` of the occurrences: head and agreeing adjectives in
the nominative singular, from the Hunspell lexicon's paradigms; a plurale tantum stays plural
(autortiesības, metadati), and so does a term seen 5+ times and only in the plural (olimpiskās
spēles); adjectives definite as terminology writes them (atvērtā piekļuve, elektroniskais katalogs)
unless every occurrence shows an indefinite-only form (kopīgas intereses -> kopīga interese);
reflexive verbal nouns keep -šanās (iesaistīšanos -> iesaistīšanās); genitive modifiers unchanged.
A head the lexicon lacks takes its guessed nominative (`lv.lemma`); a form actually seen is
preferred among the results. A personal name (its first word a given name the lexicon lists, or
one it lacks whose ending shows the case) has every word in the nominative, as apposition puts
them in one case (`personal_names._personal_name`: Sergeju Ivanovu -> Sergejs Ivanovs, Jānim Bērziņam -> Jānis
Bērziņš; a woman's surname -a or -e as its ending shows: Gloriju Estefanu -> Glorija Estefana;
Dilmai Rousefai -> Dilma Rousefa), and such a nominative wins over an occurrence the rule cannot
read (Donalds Tramps, not Donalda Trampa); an indeclinable surname stays as written
(`personal_names._indeclinable`: Moniku Beluči -> Monika Beluči, Sergeju Verdi -> Sergejs Verdi), as does a word
seen unchanged while the others change case, and a word in capitals is kept as written (JAK, not
JAKS). English: the singular
(reading rooms -> reading room), except a name (CILIP Communities) and a noun terms use in the
plural (`en.PLURAL_NOUNS`: library holdings).

Termhood combines three signals multiplicatively:
    log2(min(words, 2) + 1) x sqrt(f - mean f of the longer candidates containing it) x (0.1 + spec)
The first two are C-value (Frantzi et al. 2000; log2(words + 1) so single words count, capped at
two words so that rare long chains do not outrank frequent two-word terms, and frequency damped by
a square root). The longer candidates counted are those seen twice or more, and for a name every
longer name containing it (a name's fragment seen only inside the whole name scores 0). `spec`,
the domain specificity clamped to [0, 3], is the mean log10 ratio of a word's relative
frequency in the corpus to its general-language frequency in wordfreq (floored at 1e-8), word forms
as written (a lemma's count here would gather forms that wordfreq counts apart).
`Candidate.cvalue` keeps the undamped C-value.

General words are not Latvian candidates on their own: a single common noun whose lemma is very
frequent in general language (wordfreq Zipf >= ALWAYS_GENERAL_ZIPF, of the most frequent of the
forms the corpus has and its dictionary form: gads, cilvēks, nedēļa, laiks, daļa), or frequent (Zipf >= GENERAL_ZIPF:
vajadzība, piemērs) unless the corpus uses it ten times more often than general language does,
counting only what the corpus proves: the lower bound count - 2 sqrt(count) of its occurrences (so
a general word met once or twice never passes: a short text cannot show that it is a term). They
stay words of longer terms (biedra nauda). Nor is a common noun met only inside longer candidates
and less than three times (sniegšana of apmācību sniegšana: no use of its own; organizācija heads
many phrases and stays), nor a phrase that starts with a participle and is met once (izveidotais
profils): a participle makes a predication, a term only when the phrase recurs (atvērtā piekļuve).
Nor, met once: a phrase whose adjective can only be indefinite (kopīgas intereses, jauns izdevums:
Latvian terms take the definite adjective, publiskā bibliotēka; an indefinite one describes), and a
phrase that holds a term of two or more words met twice or more (Latvijas profesionālajām
organizācijām, profesionālo organizāciju aktivitātēs: the recurring term used in context). These
two rules were written after reading the errors at the top of the seed post's list (docs/termbase.md).

This module gathers the occurrences into candidates, leaves out what is no term and ranks the rest;
the parts are modules of their own: the noun phrases (`terms.patterns`), an occurrence and the memos
of what is judged of it (`terms.occurrences`), names, common words and capitals (`terms.writing`),
specificity and general words (`terms.specificity`), the canonical form (`terms.canonical`) and
personal names in the nominative (`terms.personal_names`).
"""
from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from itertools import accumulate
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from ..constants import LANGUAGE_NAMES
from ..errors import LvtermError
from ..lang import get as get_lang
from ..models import Occurrence, Segment, Term, TermForm
from ..progress import advancing
from ..textio import SpanBack, nfc_spans
from .canonical import _en_canonical, _indefinite_only, _lv_canonical
from .occurrences import _Occ, _heading_id, _memo, _memoised, _signature_id
from .patterns import Word, analysed_words, genitive_place, noun_phrases
from .specificity import ALWAYS_GENERAL_ZIPF, GENERAL_MIN_SPEC, GENERAL_ZIPF  # noqa: F401 - extract's names too
from .specificity import _general, _occ_specificity, _specificity
from .writing import _in_capitals, _named, _proper, _surface, _without_common_words, _writing, _written_lower

log = logging.getLogger(__name__)

GENERAL_FLOOR = 1e-8  # general-language frequency assumed for words wordfreq has never seen
SPEC_CAP = 3.0  # specificity (log10 ratio) at which the termhood factor saturates
SPEC_BASE = 0.1  # the factor of a word no more frequent here than in general language
NESTED_MIN_FREQUENCY = 3  # a noun met only inside longer candidates is one of its own from this often


@dataclass(frozen=True)
class Candidate:
    """A term candidate in one language with every form seen and where it occurs."""

    lang: str
    text: str  # canonical form
    key: str  # stem key (lang.<lv|en>.stem_key of any of its forms)
    forms: tuple[TermForm, ...]  # most frequent first
    frequency: int  # occurrences, those in a text repeated verbatim too
    score: float  # termhood
    occurrences: tuple[Occurrence, ...] = ()
    words: int = 1
    cvalue: float = 0.0
    specificity: float = 0.0
    term_type: str = "fullForm"  # fullForm | properNoun
    repeats: int = 0  # of `frequency`, the occurrences in texts that repeat an earlier one verbatim
    # `writing`: (written as a name, written wholly in lower case) of its stem key's occurrences in
    # distinct texts (`_writing`: those a name's group leaves out too): the merge weighs posts' names
    # against their common words by it
    writing: tuple[int, int] = (0, 0)

    @property
    def segments(self) -> frozenset[int]:
        return frozenset(o.segment_index for o in self.occurrences)

    @property
    def distinct_frequency(self) -> int:
        """The occurrences in distinct texts (a text repeated verbatim counted once): what
        `extract_terms`' `min_freq` and the proposals' thresholds count."""
        return self.frequency - self.repeats

    def as_term(self, **changes) -> Term:
        """The candidate as a proposed `models.Term` (forms and frequency kept)."""
        term = Term(lang=self.lang, text=self.text, status="proposed", reliability=1,
                    term_type=self.term_type, forms=self.forms, frequency=self.frequency)
        return replace(term, **changes) if changes else term


def _candidate(lang: str, text: str, key: str, forms: tuple[TermForm, ...], frequency: int, score: float,
               occurrences: tuple[Occurrence, ...], words: int, cvalue: float, specificity: float,
               term_type: str, repeats: int, writing: tuple[int, int]) -> Candidate:
    """`Candidate(...)` of these fields, every one given, made in half the time: a frozen
    dataclass's __init__ sets each field with a call of object.__setattr__ (eleven a candidate,
    and a post has a hundred and more candidates); this fills the new instance's __dict__ at once,
    as that __init__ leaves it (tests/test_extract_memos.py compares the two)."""
    made = object.__new__(Candidate)
    made.__dict__.update(lang=lang, text=text, key=key, forms=forms, frequency=frequency, score=score,
                         occurrences=occurrences, words=words, cvalue=cvalue, specificity=specificity,
                         term_type=term_type, repeats=repeats, writing=writing)
    return made


def _texts(segments_or_texts: Iterable[Segment | str]) -> tuple[list[str], dict[int, SpanBack]]:
    """The texts in NFC, and for each that was not, by position, the way back to its offsets (`nfc_spans`)."""
    texts = [s.text if isinstance(s, Segment) else str(s) for s in segments_or_texts]
    backs = {}
    for i, text in enumerate(texts):
        nfc, back = nfc_spans(text)  # (None for NFC text, nearly every one)
        if back is not None:
            texts[i], backs[i] = nfc, back
    return texts, backs


def _given_offsets(occurrences: tuple[Occurrence, ...], backs: dict[int, SpanBack]) -> tuple[Occurrence, ...]:
    """The occurrences with offsets into the texts as given (`_texts`: offsets into a text's NFC form)."""
    if not backs:
        return occurrences
    out = []
    for o in occurrences:
        back = backs.get(o.segment_index)
        if back is not None:
            start, end = back(o.start, o.end)
            o = replace(o, start=start, end=end)
        out.append(o)
    return tuple(out)


_OPENING_QUOTES = frozenset('"“„«‘\'')
_CLOSING_QUOTES = frozenset('"”“»’\'')


def extract_terms(segments_or_texts: Sequence[Segment | str], *, lang: str, min_freq: int = 1,
                  max_words: int | None = None, limit: int | None = None,
                  general_floor: float = GENERAL_FLOOR, progress=None) -> list[Candidate]:
    """Term candidates of `lang` (lv or en) in the texts, best first.

    Occurrence segment indices are positions in `segments_or_texts`; start/end are character
    offsets in that text as given: a text not in NFC (decomposed diacritics) is read as its NFC
    form, as every file is, and gives the NFC text's candidates. `progress(iterable, label=,
    length=)`: a context manager showing the sentences go by (the CLI's progress bar).
    """
    if lang not in ("lv", "en"):
        raise LvtermError(f"term extraction knows Latvian (lv) and English (en), not {lang!r}")
    if not general_floor > 0:  # (also NaN) every word's specificity divides by it
        raise LvtermError(f"general_floor must be a frequency above 0, not {general_floor!r}")
    texts, backs = _texts(segments_or_texts)
    if max_words is None:  # Latvian chains longer than 4 words are mostly two phrases run together
        max_words = 4 if lang == "lv" else 6
    lowers: list[str] = []  # every word, lower-cased (counted once at the end)
    spans: list[tuple[int, str, str, list[Word], int, bool, tuple, int, int]] = []  # segment, text, key, words,
    # head, nested, (before a lower-case noun, quoted), first word, end
    names: set[str] = set()  # words written capitalised mid-sentence somewhere
    lower_words: set[str] = set()  # words written in lower case somewhere (`_written_lower`)
    by_segment: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    stem_key = get_lang(lang).stem_key
    latvian = lang == "lv"
    # a text repeated verbatim (boilerplate, a caption under every post) is read and counted once:
    # its repeats add their occurrences to the candidates (and to their frequency), not termhood
    first_of: dict[str, int] = {}
    repeats: dict[int, list[int]] = defaultdict(list)  # a text's first segment -> the later ones
    for seg, text in enumerate(advancing(texts, progress, label=f"{LANGUAGE_NAMES[lang]} terms",
                                         length=len(texts))):
        first = first_of.setdefault(text, seg)
        if first != seg:
            repeats[first].append(seg)
            continue
        ws = analysed_words(text, lang=lang)
        lowers += [w.lower for w in ws if w.text[:1].isalpha()]
        names.update([w.text for w in ws if w.capital and not w.sent_start])
        lower_words.update([w.text for w in ws if w.text.islower()])
        found = list(noun_phrases(ws, lang=lang, max_words=max_words))
        if not found:
            continue
        inside = [0] * (len(ws) + 1)  # how many longer spans cover each word (+1 at start, -1 at end)
        for s, e, _ in found:
            if e - s > 1:
                inside[s] += 1
                inside[e] -= 1
        covered = list(accumulate(inside))
        for s, e, h in found:
            raw = text[ws[s].start:ws[e - 1].end]
            key = stem_key(raw)
            if key:
                context = (latvian and e < len(ws) and genitive_place(ws[e]),
                           text[ws[s].start - 1:ws[s].start] in _OPENING_QUOTES
                           and text[ws[e - 1].end:ws[e - 1].end + 1] in _CLOSING_QUOTES)
                spans.append((seg, raw, key, ws[s:e], h - s, e - s == 1 and covered[s] > 0, context, s, e))
    word_counts = Counter(lowers)
    groups: dict[str, list[_Occ]] = defaultdict(list)
    made = []
    seen = _written_lower(lower_words, lang=lang)
    headings: dict[int, bool] = {}  # signature id -> capitals `writing._proper` took for a name's are a heading's
    for seg, raw, key, span, head, nested, context, _, _ in spans:
        form = _surface(raw, span[0], names)
        sig = _signature_id(lang, form, span, head, context)
        proper = _memoised("proper", sig, _proper, span)
        if proper:  # words in capitals the lexicons lack, and the texts write in lower case: a heading's
            heading = headings.get(sig)
            if heading is None:
                heading = headings[sig] = _in_capitals(span, seen=seen)
            if heading:
                sig, proper = _heading_id(sig), None
        occ = _Occ(seg, span[0].start, span[-1].end, form, span, head, proper, nested, sig, *context)
        groups[key if form is raw else stem_key(form)].append(occ)
        made.append(occ)
    left_by_key = _without_common_words(groups)
    left_out = set().union(*left_by_key.values())
    for (seg, _, key, *_, s, e), occ in zip(spans, made):  # (the spans of the candidates' occurrences)
        if id(occ) not in left_out:
            by_segment[seg].append((s, e, key))
    containers = _containers(by_segment)
    extends = _extends(containers, groups) if latvian else set()
    spec_of = _specificity(word_counts, lang=lang, floor=general_floor)
    occ_spec: dict[int, float] = {}  # an occurrence's specificity, by its signature (`_occ_specificity`)
    total = sum(word_counts.values()) or 1
    candidates = []
    named = _memo["canonical-forms"]  # (looked up here; `_memoised` computes what is not found)
    for key, occs in groups.items():
        freq = len(occs)
        if freq < min_freq:
            continue
        first = occs[0]
        n_words = len(first.words)
        proper = first.proper is True if freq == 1 else _named(occs)
        if latvian and (_not_a_term(occs, proper=proper, word_counts=word_counts, total=total,
                                    floor=general_floor) or (key in extends and not proper)):
            continue
        # C-value's nesting correction. A chain met once ("... biedrību Latvijas Skolu") explains
        # nothing about its parts, so only longer terms seen twice count; but a name's fragment
        # seen only inside the whole name is that name ("Latvijas Skolu bibliotekāri")
        outer = () if key not in containers else {
            k for k in containers[key] if len(groups.get(k, ())) >= 2
            or (proper and _named(groups.get(k, ())))}
        nested_mean = (sum(len(groups[k]) for k in outer) / len(outer)) if outer else 0.0
        own = max(freq - nested_mean, 0.0)  # occurrences not explained by longer terms
        cvalue = math.log2(n_words + 1) * own
        values = []
        for o in occs:
            value = occ_spec.get(o.sig)
            if value is None:
                value = occ_spec[o.sig] = _occ_specificity(o, spec_of)
            values.append(value)
        spec = sum(values) / freq
        score = math.log2(min(n_words, 2) + 1) * math.sqrt(own) * (SPEC_BASE + min(max(spec, 0.0), SPEC_CAP))
        # the canonical form and the forms are functions of the occurrences' signatures (their
        # forms give the key, their words `proper`): memoised, groups recur across posts
        signatures = tuple([o.sig for o in occs])
        shared = named.get(signatures)
        if shared is None:
            shared = _memoised("canonical-forms", signatures, _canonical_forms, occs, key, lang=lang,
                               proper=proper)
        canonical, forms = shared
        if not canonical:
            continue  # a personal name the name rule cannot put in the nominative, seen in the genitive only
        found = tuple([Occurrence(canonical, lang, o.segment, o.start, o.end, o.form) for o in occs])
        if repeats and not repeats.keys().isdisjoint([o.segment for o in occs]):
            found = _with_repeats(found, repeats)
            forms = _forms(found)
        candidates.append(_candidate(  # (by position, in the fields' order)
            lang, canonical, key, forms, len(found), round(score, 4), _given_offsets(found, backs),
            n_words, round(cvalue, 4), round(spec, 4), "properNoun" if proper else "fullForm", len(found) - freq,
            _writing(occs, len(left_by_key.get(key, ())))))
    candidates.sort(key=lambda c: (-c.score, -c.frequency, c.text, c.key))
    log.info("%d %s candidates from %d texts", len(candidates), lang, len(texts))
    return candidates[:limit] if limit else candidates


def _with_repeats(found: tuple[Occurrence, ...], repeats: dict[int, list[int]]) -> tuple[Occurrence, ...]:
    """The occurrences and those of the texts that repeat theirs verbatim (`repeats`: a text's first
    segment -> the later ones), in segment order."""
    out = list(found)
    for o in found:
        out += [replace(o, segment_index=later) for later in repeats.get(o.segment_index, ())]
    return tuple(sorted(out, key=lambda o: (o.segment_index, o.start, o.end)))


def _canonical_forms(occs: list[_Occ], key: str, *, lang: str, proper: bool) -> tuple[str, tuple[TermForm, ...]]:
    """The canonical form of a candidate (`_lv_canonical`, `_en_canonical`) and its forms (`_forms`).
    The canonical form is of the occurrences not written in capitals (`_in_capitals`), when there
    are any: the term a heading writes BIBLIOTĒKAS KRĀJUMS is bibliotēkas krājums."""
    shown = [o for o in occs if o.proper is not None] if len(occs) > 1 else occs
    shown = shown or occs
    canonical = _lv_canonical(shown, key) if lang == "lv" else _en_canonical(shown, key, proper=proper)
    return canonical, _forms(occs)


def _forms(occs: Sequence[_Occ | Occurrence]) -> tuple[TermForm, ...]:
    """Every form of the occurrences with its count, most frequent first (then alphabetical)."""
    if len(occs) == 1:  # (most candidates of a post: the one form once)
        return (TermForm(occs[0].form, 1),)
    forms = Counter([o.form for o in occs])
    return tuple(TermForm(f, c) for f, c in sorted(forms.items(), key=lambda x: (-x[1], x[0])))


def _not_a_term(occs: list[_Occ], *, proper: bool, word_counts: Counter[str], total: int, floor: float) -> bool:
    """The Latvian candidates left out (see the module docstring): a general word alone (gads,
    nedēļa, cilvēks); a common noun met only inside longer candidates, and rarely ("sniegšana"
    once, in "apmācību sniegšana": no use of its own); a phrase met once starting with a participle
    ("bibliotēkas izveidotais profils": a predication, not a fixed term) or whose adjective can only
    be indefinite ("kopīgas intereses": a description)."""
    single = len(occs[0].words) == 1 and not proper
    if single and _general(occs, word_counts, total, floor=floor):
        return True
    if single and len(occs) < NESTED_MIN_FREQUENCY and all(o.nested for o in occs):
        return True
    if len(occs) >= 2:
        return False
    first = occs[0]  # (both judgements are functions of its signature: memoised, phrases recur)
    return (_memoised("participle-first", first.sig, _participle_first, first)
            or (not proper and _memoised("indefinite", first.sig, _indefinite_only, first)))


def _participle_first(occ: _Occ) -> bool:
    """The phrase starts with a participle that the lexicon has as no adjective (izveidotais,
    publicētais; atvērtā too: atvērtā piekļuve is a term because it recurs)."""
    from ..lang import lexicon

    first = occ.words[0]
    if first.role != "A":
        return False
    readings = lexicon.readings(first.text)
    return bool(readings) and all(r.kind == "participle" for r in readings)


def _extends(containers: dict[str, set[str]], groups: dict[str, list[_Occ]]) -> set[str]:
    """Keys of the phrases met once that hold a phrase of two or more words met twice or more: a
    recurring term used once in a longer phrase (Latvijas profesionālajām organizācijām,
    profesionālo organizāciju aktivitātēs, jauns bibliogrāfisks apraksts) is that term in context;
    a single occurrence does not show that the longer phrase is a unit of its own."""
    out = set()
    for inner, outers in containers.items():
        if len(groups.get(inner, ())) >= 2 and len(groups[inner][0].words) >= 2:
            out.update(k for k in outers if len(groups.get(k, ())) == 1)
    return out


def _containers(by_segment: dict[int, list[tuple[int, int, str]]]) -> dict[str, set[str]]:
    """For each key, the keys of the longer candidates its occurrences are nested in.

    A span can only be nested in a span that starts at most `longest` tokens before its end, so
    only those starts are looked at: linear in the spans of a segment (a line of one word repeated
    thousands of times has thousands of spans; comparing every pair of them was quadratic)."""
    out: dict[str, set[str]] = defaultdict(set)
    for spans in by_segment.values():
        # only a span of two or more words holds another (every span has a word)
        by_start: dict[int, list[tuple[int, str]]] = defaultdict(list)
        longest = 1
        for s2, e2, key2 in spans:
            if e2 - s2 > 1:
                by_start[s2].append((e2, key2))
                longest = max(longest, e2 - s2)
        if longest == 1:
            continue
        for s, e, key in spans:
            if e - s >= longest:
                continue  # nothing here is longer
            for s2 in range(max(e - longest, 0), s + 1):
                for e2, key2 in by_start.get(s2, ()):
                    if key2 != key and e <= e2 and (e2 - s2) > (e - s):
                        out[key].add(key2)
    return out
