"""Term candidates: noun phrases grouped by stem key, put into their canonical form, ranked by termhood.

`extract_terms(texts, lang="lv")` returns `Candidate`s best first. The spans are the noun phrases
of `terms.patterns` (a phrase never crosses a verb, a clause or a name's edge). A candidate groups
every inflected occurrence whose stem key is the same ("biedra nauda", "biedra naudu", "biedra
naudas" -> key "biedr naud"). In a group that is a name (most of its occurrences whose writing
shows it are written as one; capitals show nothing, `_in_capitals`), the occurrences written
wholly in lower case are the common word's and are in no candidate (`_without_common_words`): the
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
them in one case (`_personal_name`: Sergeju Ivanovu -> Sergejs Ivanovs, Jānim Bērziņam -> Jānis
Bērziņš; a woman's surname -a or -e as its ending shows: Gloriju Estefanu -> Glorija Estefana;
Dilmai Rousefai -> Dilma Rousefa), and such a nominative wins over an occurrence the rule cannot
read (Donalds Tramps, not Donalda Trampa); an indeclinable surname stays as written
(`_indeclinable`: Moniku Beluči -> Monika Beluči, Sergeju Verdi -> Sergejs Verdi), as does a word
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
"""
from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from itertools import accumulate, count
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from ..constants import LINK_WORDS
from ..errors import LvtermError
from ..lang import get as get_lang
from ..lang.keys import fold, in_capitals, read_as_words
from ..models import Occurrence, Segment, Term, TermForm
from ..progress import advancing
from ..textio import SpanBack, nfc_spans
from .patterns import (_FEMININE_ENDINGS, _UNKNOWN_NAME_CASES, _VOWELS, Word, _feminine_nominative, _given_names,
                       _mans_genitive, _may_be_indeclinable, _name_extent, _unknown_word, analysed_words,
                       genitive_place, noun_phrases)

log = logging.getLogger(__name__)

GENERAL_FLOOR = 1e-8  # general-language frequency assumed for words wordfreq has never seen
SPEC_CAP = 3.0  # specificity (log10 ratio) at which the termhood factor saturates
SPEC_BASE = 0.1  # the factor of a word no more frequent here than in general language
GENERAL_ZIPF = 4.3  # a Latvian noun this frequent in general language is a general word ...
GENERAL_MIN_SPEC = 1.0  # ... unless the corpus proves it 10 times more frequent here;
ALWAYS_GENERAL_ZIPF = 5.0  # one this frequent (gads, cilvēks, laiks, daļa) is general whatever the text
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


@dataclass(slots=True)
class _Occ:
    segment: int
    start: int
    end: int
    form: str
    words: list[Word]
    head: int  # index of the head word in `words`
    proper: bool
    nested: bool = False  # one word met inside a longer candidate
    sig: int = -1  # the id of what every per-occurrence judgement below depends on (`_signature_id`)
    before_noun: bool = False  # a lower-case noun or adjective follows (`patterns.genitive_place`)
    quoted: bool = False  # the span is the whole of a quotation ("The Beatles")


def _signature(lang: str, form: str, words: Sequence[Word], head: int, context: tuple = ()) -> tuple:
    """The key of an occurrence's memoised judgements: its form, head and each word's text,
    sentence start, role and `acronyms`. A word's analysis, slots and capital are functions of its
    text, sentence start and whether its sentence has lower-case words (`acronyms`:
    `patterns.analysed_words`), so two occurrences with one signature are judged
    alike: the properness, canonical form, specificity words and agreement are computed once a
    signature, not once an occurrence (terms recur across a corpus). `context`: what of the
    span's surroundings the judgements read (`_Occ.before_noun`, `_Occ.quoted`)."""
    return (lang, form, head, tuple([(w.text, w.sent_start, w.role, w.acronyms) for w in words]), context)


#: Memoised per-signature judgements; each table is emptied when it reaches this size.
_MEMO_LIMIT = 200_000
_memo: dict[str, dict] = defaultdict(dict)

#: Signature -> (its id, `_proper` of its words). The judgements are memoised by id: a signature
#: (a tuple of tuples, whose hash Python does not keep) is hashed once an occurrence, not once a
#: table. Ids are never given twice (the table is emptied at _MEMO_LIMIT and the count goes on),
#: so an id in a memo table always means the one signature.
_signature_ids: dict[tuple, tuple[int, bool]] = {}
_signature_count = count()


def _signature_id(lang: str, form: str, words: Sequence[Word], head: int, context: tuple = ()) -> tuple[int, bool]:
    """(id of `_signature`, whether the words are a name): see `_signature_ids`."""
    sig = _signature(lang, form, words, head, context)
    found = _signature_ids.get(sig)
    if found is None:
        if len(_signature_ids) >= _MEMO_LIMIT:
            _signature_ids.clear()
        found = _signature_ids[sig] = (next(_signature_count), _proper(words))
    return found


def _memoised(table: str, key, compute, *args, **kwargs):
    """compute(*args, **kwargs), remembered in `table` under `key` (what the value depends on)."""
    found = _memo[table]
    value = found.get(key, _MISSING)
    if value is _MISSING:
        if len(found) >= _MEMO_LIMIT:
            found.clear()
        value = found[key] = compute(*args, **kwargs)
    return value


_MISSING = object()


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


def _surface(text: str, first: Word, names: set[str]) -> str:
    """The span's text, a sentence-initial capital lowered unless the word is a proper name: a
    proper noun by its analysis, or a word the texts write capitalised mid-sentence (`names`)."""
    if first.sent_start and first.pos != "PROPN" and first.text[1:].islower() and first.text not in names:
        return text[:1].lower() + text[1:]
    return text


def _proper(words: Sequence[Word]) -> bool | None:
    """A name: its first two words are capitalised (Latvijas Bibliotekāru biedrība, Library
    Association of Latvia), or every content word is capitalised mid-sentence, written like a
    name (LinkedIn, LISNPN) or a proper noun by its analysis (a sentence's first word: Latvija).
    A sentence's first word before an acronym is no name's for its capital (Jaunās NATO valstis).
    None: written in capitals (`_in_capitals`), which shows neither (a heading: LIBRARY HOLDINGS)."""
    if _in_capitals(words):
        return None
    if len(words) > 1 and words[0].capital and words[1].capital and not (words[0].sent_start
                                                                         and in_capitals(words[1].text)):
        return True
    content = [w for w in words if w.lower not in LINK_WORDS]
    return bool(content) and all(
        (w.capital and not w.sent_start) or w.pos == "PROPN" or any(ch.isupper() for ch in w.text[1:])
        for w in content)


def _in_capitals(words: Sequence[Word], *, seen: Callable[[str], bool] | None = None) -> bool:
    """The span is written wholly in capitals and is no acronym: a heading writes every word so,
    name or common noun alike (BIBLIOTĒKAS KRĀJUMS, LIBRARY HOLDINGS, a one-word heading
    KATALOGS). Acronyms are written as names, their capitals their spelling: a word in capitals
    alone in a sentence with lower-case words (`Word.acronyms`: VID, NICE), and words in capitals
    that do not read as words the lexicons know (`keys.read_as_words`: BBC TV, ABC KGO; NATO, LNB
    in a heading) nor, `seen`, as words the texts write in lower case (`_written_lower`: HAKATONS
    heading a text about a hakatons)."""
    written = [w.text for w in words if w.text[:1].isalpha()]
    if not written or not all(t.isupper() for t in written) or not any(in_capitals(t) for t in written):
        return False
    return not (len(words) == 1 and words[0].acronyms) and read_as_words(written, rare=True, also=seen)


def _written_lower(words: Iterable[str], *, lang: str) -> Callable[[str], bool]:
    """Whether a word (lower-cased) is one of `words` (those the texts write in lower case) in
    another inflection, for `_in_capitals`: the same stem (the language's `stem`: hakatons,
    hakatonu) with the same letters, diacritics included (`_marked_stem`: capitals keep their
    diacritics, so LETA, the news agency, is not lēts, "cheap", whose stem folds to LETA's). The
    stems are taken when first asked for: most texts have no word in capitals the lexicons lack."""
    stem = get_lang(lang).stem
    stems: set[str] | None = None

    def seen(low: str) -> bool:
        nonlocal stems
        if stems is None:
            stems = {_marked_stem(w, stem) for w in words}
        return _marked_stem(low, stem) in stems

    return seen


def _marked_stem(word: str, stem: Callable[[str], str]) -> str:
    """A lower-case word's stem with its diacritics: its letters as written up to the length of its
    `stem` (diacritic-folded, the ending cut: lēts, lēti -> lēt; leta -> let), or the stem itself
    where it is not the word's beginning folded (an English lemma, libraries -> library; a Latvian
    stem's consonant change)."""
    folded = stem(word)
    marked = word[:len(folded)]
    return marked if fold(marked) == folded else folded


#: Signature id -> the id of the same signature read as a heading's (`_heading_id`).
_heading_ids: dict[int, int] = {}


def _heading_id(sig: int) -> int:
    """The signature id of an occurrence whose capitals `_proper` read as a name's and the texts
    show to be a heading's (`_in_capitals` with `seen`): the judgements memoised by signature
    (the canonical form reads `_Occ.proper`) are another signature's. Never given twice."""
    found = _heading_ids.get(sig)
    if found is None:
        if len(_heading_ids) >= _MEMO_LIMIT:
            _heading_ids.clear()
        found = _heading_ids[sig] = next(_signature_count)
    return found


def _named(occs: Sequence[_Occ]) -> bool:
    """A group of occurrences is a name: most of those whose writing shows it are written as one
    (`_Occ.proper`); one in capitals shows nothing, and a group seen only so is no name."""
    shown = [o.proper for o in occs if o.proper is not None]
    return sum(shown) * 2 > len(shown)


def _without_common_words(groups: dict[str, list[_Occ]]) -> dict[str, set[int]]:
    """Leaves out, of each group that is a name (`_named`), the occurrences written wholly in lower
    case: the common word's (the newspaper Diena takes no "dienā", "on the day"; VID, the revenue
    service, no "vidē"). A sentence's first word may be either and stays with the name. The common
    word is no candidate: a stem key is one term of a termbase (`termbase.CuratedIndex`; the
    library's look-ups and occurrences are by stem key), which the name has. Returns, by group
    key, the ids of the occurrences left out."""
    left: dict[str, set[int]] = {}
    for key, occs in groups.items():
        if len(occs) > 1 and _named(occs):
            common = {id(o) for o in occs if _lower_case(o)}
            if common:
                groups[key] = [o for o in occs if id(o) not in common]
                left[key] = common
    return left


def _lower_case(o: _Occ) -> bool:
    """The occurrence is written wholly in lower case (and not read as a name for all that)."""
    return o.proper is False and "".join([w.text for w in o.words]).islower()


def _writing(occs: Sequence[_Occ], left_out: int) -> tuple[int, int]:
    """(occurrences written as a name, written wholly in lower case) of a group, `left_out` lower-case
    ones (`_without_common_words`) among the latter: the evidence `_named` weighs, but that a
    sentence's first word with its capital counts neither way (nor do capitals): across posts a
    name met first in a sentence in one post is no common word's evidence against the name written
    mid-sentence in another."""
    return sum([o.proper is True for o in occs]), sum([_lower_case(o) for o in occs]) + left_out


_LANGUAGE_NAMES = {"lv": "Latvian", "en": "English"}  # progress labels
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
    for seg, text in enumerate(advancing(texts, progress, label=f"{_LANGUAGE_NAMES[lang]} terms",
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
    headings: dict[int, bool] = {}  # signature id -> capitals `_proper` took for a name's are a heading's
    for seg, raw, key, span, head, nested, context, _, _ in spans:
        form = _surface(raw, span[0], names)
        sig, proper = _signature_id(lang, form, span, head, context)
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


# --- specificity and general words -----------------------------------------------------------


@lru_cache(maxsize=200_000)  # every post asks again for its words
def _general_frequency(word: str, lang: str) -> float:
    """wordfreq's frequency of a word in general language (0 for a word it has never seen), from
    the cached table of `lang.wordlists` (no wordfreq import in a process that has it)."""
    from ..lang.wordlists import frequency

    return frequency(word, lang)


class _Specificity(dict):
    """Word (lower-cased: `Word.lower`) -> log10(its relative frequency in the corpus / its
    frequency in wordfreq), computed at a word's first look-up (a dict, so that a word looked up
    again costs no Python call: a post asks for its words hundreds of times)."""

    __slots__ = ("floor", "lang", "total", "word_counts")

    def __init__(self, word_counts: Counter[str], *, lang: str, floor: float):
        super().__init__()
        self.word_counts, self.lang, self.floor = word_counts, lang, floor
        self.total = sum(word_counts.values()) or 1

    def __missing__(self, word: str) -> float:
        general = max(_general_frequency(word, self.lang), self.floor)
        corpus = max(self.word_counts.get(word, 0), 1) / self.total
        value = self[word] = math.log10(corpus / general)
        return value


def _specificity(word_counts: Counter[str], *, lang: str, floor: float) -> _Specificity:
    """log10(relative frequency of a word form in the corpus / its frequency in wordfreq), by word."""
    return _Specificity(word_counts, lang=lang, floor=floor)


def _content_words(occ: _Occ) -> tuple[str, ...]:
    """The lower-cased words of an occurrence that are no link words."""
    return tuple([w.lower for w in occ.words if w.lower not in LINK_WORDS])


def _occ_specificity(occ: _Occ, spec) -> float:
    content = _memo["content-lower"].get(occ.sig) or _memoised("content-lower", occ.sig, _content_words, occ)
    return sum([spec[x] for x in content]) / len(content) if content else 0.0


def _general(occs: list[_Occ], word_counts: Counter[str], total: int, *, floor: float) -> bool:
    """A single word frequent in general language that the corpus does not prove specific (see
    the module docstring). Its general frequency is that of its most frequent form here or its
    dictionary form (a word's frequency is spread over its forms: piemēru is rarer than piemērs),
    its count here that of all its forms seen. A hyphenated
    compound is never general (e-grāmata; wordfreq counts its parts)."""
    general = 0.0
    memo = _memo["general-word"]
    for o in occs:  # (the word's own judgement is a function of its signature: memoised)
        hyphen, frequency = memo.get(o.sig) or _memoised("general-word", o.sig, _general_word, o.words[0])
        if hyphen:
            return False
        general = max(general, frequency)
    if general <= 0:
        return False
    forms = {o.words[0].lower for o in occs}
    zipf = math.log10(general) + 9
    if zipf < GENERAL_ZIPF:
        return False
    if zipf >= ALWAYS_GENERAL_ZIPF:
        return True
    count = sum(word_counts.get(f, 0) for f in forms)
    proven = max(count - 2 * math.sqrt(count), 0.0) / total
    return proven <= 0 or math.log10(proven / max(general, floor)) < GENERAL_MIN_SPEC


def _general_word(word: Word) -> tuple[bool, float]:
    """Whether a word is hyphenated, and the greater general-language frequency of its form
    and its lemma (`_general` takes the greatest over a candidate's occurrences)."""
    low, lemma = word.lower, word.analysis.lemma
    frequency = _general_frequency(low, "lv")
    return "-" in low, max(frequency, _general_frequency(lemma.lower(), "lv")) if lemma else frequency


# --- canonical form ---------------------------------------------------------------


def _most_common(counter: Counter[str]) -> str:
    return sorted(counter.items(), key=lambda x: (-x[1], x[0]))[0][0]


def _pick(options: Counter[str], seen: Iterable[str], key: str, lang: str, fallback: str) -> str:
    """The option with the candidate's key: one seen as a form first, then the most frequent."""
    stem_key = get_lang(lang).stem_key
    seen = set(seen)
    for text in sorted(options, key=lambda t: (t not in seen, -options[t], t)):
        if stem_key(text) == key:
            return text
    return fallback


def _participle_first(occ: _Occ) -> bool:
    """The phrase starts with a participle that the lexicon has as no adjective (izveidotais,
    publicētais; atvērtā too: atvērtā piekļuve is a term because it recurs)."""
    from ..lang import lexicon

    first = occ.words[0]
    if first.role != "A":
        return False
    readings = lexicon.readings(first.text)
    return bool(readings) and all(r.kind == "participle" for r in readings)


def _agreeing(occ: _Occ) -> list[Word]:
    """The adjectives that agree with the head: right before it, and (Latvian) those before the
    genitives that agree with the head, not with the genitive after them (īpašās interešu grupas)."""
    return [occ.words[i] for i in _agreeing_positions(occ)]


def _agreeing_positions(occ: _Occ, *, outer: bool = False) -> list[int]:
    """Where `_agreeing`'s adjectives stand (`outer`: as `_outer`'s `known`)."""
    out, i = [], occ.head - 1
    while i >= 0 and occ.words[i].role == "A":
        out.append(i)
        i -= 1
    return out + [k for k in range(_outer(occ, known=outer)) if k not in out]


def _outer(occ: _Occ, *, known: bool = False) -> int:
    """How many leading adjectives of a Latvian phrase agree with its head across its genitives
    (`known`: another occurrence of the term showed that they do; this one may be ambiguous:
    īpašo interešu grupu, where īpašo could be a genitive plural too)."""
    from .patterns import _agree

    k = 0
    while k < occ.head and occ.words[k].role == "A":
        k += 1
    if not k or k >= occ.head or occ.words[k].role not in ("N", "G"):
        return 0
    if known:
        return k
    genitive = frozenset(x for x in occ.words[k].slots if x[0] == "gen")
    return 0 if _agree(occ.words[k - 1].slots, genitive) else k


def _usually_plural(occs: list[_Occ]) -> bool:
    """IATE's exception to the singular: a phrase seen 5+ times, never possibly in the singular, in
    the plural in at least 80% of its occurrences (Olimpiskajās spēlēs, olimpiskajām spēlēm). A
    single noun's number is the lexicon's (plurale tantum: autortiesības; bibliotekāri is not one)."""
    numbers = [{s[1] for s in o.words[o.head].slots} for o in occs]
    return (len(occs) >= 5 and len(occs[0].words) > 1 and not any(n == {"sing"} for n in numbers)
            and sum(n == {"plur"} for n in numbers) >= 0.8 * len(numbers))


def _indefinite_only(occ: _Occ) -> bool:
    """An agreeing adjective of this occurrence has only indefinite readings (kopīgām, atvērtu)."""
    from ..lang import lexicon

    for w in _agreeing(occ):
        definite = {s.definite for r in lexicon.readings(w.text) if r.pos == "ADJ" or r.kind == "participle"
                    for s in r.slots}
        if definite == {False} or (not definite and w.analysis.definite is False):
            return True
    return False


def _lv_canonical(occs: list[_Occ], key: str) -> str:
    plural = True if _usually_plural(occs) else None
    definite = not all(_memoised("indefinite", o.sig, _indefinite_only, o) for o in occs)
    outer = any(_memoised("outer", o.sig, _outer, o) for o in occs)
    fixed = _unchanged(occs)
    genders = _name_genders(occs)
    made = [_memoised("nominative", (o.sig, plural, definite, outer, fixed, genders), _lv_nominative, o,
                      plural=plural, definite=definite, outer=outer, fixed=fixed, genders=genders) for o in occs]
    seen = [o.form for o in occs]
    named = Counter(text for text, is_name in made if is_name)  # a personal name's nominative comes first
    if named and (text := _pick(named, seen, key, "lv", "")):
        return text  # (Donalds Tramps, not Donalda Trampa, whose surname's case its ending does not show)
    if named and all("-" in form for form in seen):  # a double surname, which stem keys do not stem part by part
        return _most_common(named)  # (Annai Kalniņai-Ozolai -> Anna Kalniņa-Ozola)
    if any(_memoised("person", o.sig, _is_person, o) for o in occs):
        return _seen_name(occs)
    options = Counter(text for text, _ in made)
    if all(len(o.words) == 1 and o.words[0].capital for o in occs):  # a seen man's nominative first
        shown = [t for t in options if t in seen and t[:1].isupper() and _masculine_nominative(t, "nom")]
        # (Dmitrijs, not Dmitrija)
        if shown and (text := _pick(Counter(shown), seen, key, "lv", "")):
            return text
    return _pick(options, seen, key, "lv", _most_common(Counter(seen)))


def _is_person(occ: _Occ) -> bool:
    """The occurrence is a personal name of two or more words (`patterns._name_extent`)."""
    words, n = occ.words, len(occ.words)
    return (n > 1 and occ.head == n - 1 and all(w.capital for w in words)
            and _name_extent(words, 0, n, noun_after=occ.before_noun)[0] == n - 1)


def _seen_name(occs: list[_Occ]) -> str:
    """A personal name the name rule cannot put in the nominative, as seen: a form shaped as a
    nominative first (its last word in -s or -š, not -as or -es: Bairons Makdonalds), else the
    most frequent, never one that may be a genitive (`_genitive_shaped`: Mariano Rahoja partija,
    his genitive, which a translator would take for a woman's nominative; a form in the dative or
    accusative is kept, its case plain to a translator: Stīvenu Džī). "" when there is none: no
    candidate."""
    seen = [o.form for o in occs if not _genitive_shaped(o.form)]
    nominative = [f for f in seen if _masculine_nominative(f.split()[-1], "nom")]
    return _most_common(Counter(nominative or seen)) if seen else ""


def _name_genders(occs: list[_Occ]) -> frozenset[str]:
    """The genders of the given name that every occurrence of a candidate allows: of a first word
    the lexicon lists (`patterns._given_names`: Robertu alone may be Roberts's or Roberta's, with
    Robertam (his) it is his), or of one it lacks by its ending (`_ending_genders`: Bairona may be
    his genitive or her nominative, with Bairons it is his). Empty when they leave none or the
    word is none."""
    genders = None
    for o in occs:
        first = o.words[0]
        if not first.capital:
            continue
        names = _given_names(first.text)
        found = frozenset(x[1] for x in names) if names else _ending_genders(first.text) if len(o.words) > 1 else None
        if found:
            genders = found if genders is None else genders & found
    return genders or frozenset()


def _genitive_shaped(form: str) -> bool:
    """A name that may be in the genitive: its last word in -a after a consonant (a man's:
    Rahoja), its first in -as or -es before no man's nominative (a woman's: Dināras, Greisas;
    not Gilles Hofstellers) or a given name the lexicon
    lists in the genitive only (Jāņa Čakstes)."""
    words = form.split()
    names = _given_names(words[0])
    return (_mans_genitive(words[-1])
            or (words[0].endswith(("as", "es")) and not _masculine_nominative(words[-1], "nom"))
            or (bool(names) and all(cases == {"gen"} for _, _, cases in names)))


def _ending_genders(word: str) -> frozenset[str]:
    """The genders a given name the lexicon lacks may be of, by its ending: a woman's dative
    (-ai, -ei), a man's dative or nominative (-am, -im, -um; -s, -š), else either."""
    if word.endswith(("ai", "ei")) and word[-3:-2].lower() not in _VOWELS:
        return frozenset({"fem"})
    if _masculine_nominative(word, "dat") or _masculine_nominative(word, "nom"):
        return frozenset({"masc"})
    return frozenset({"masc", "fem"})


def _lv_nominative(occ: _Occ, *, plural: bool | None, definite: bool, outer: bool = False,
                   fixed: frozenset[int] = frozenset(), genders: frozenset[str] = frozenset()) -> tuple[str, bool]:
    """One occurrence in the canonical form (`_lv_inflected`), a personal name's words all in the
    nominative (`_personal_name`; `fixed`: positions of words the candidate never inflects;
    `genders`: its given name's, as `_name_genders`), and a word written in capitals as written
    (JAK, not JAKS: an abbreviation takes no ending); and whether the name rule made it."""
    texts = occ.form.split()
    if occ.quoted and all(_foreign(w.text) for w in occ.words) and (len(texts) > 1 or texts[0].endswith("os")):
        return occ.form, False  # a foreign title or name in quotes: "The Beatles", "Podemos" (not "Redas": Reda's)
    inflected = _lv_inflected(occ, plural=plural, definite=definite, outer=outer)
    if len(texts) == 1 and occ.words[0].capital and _unknown_word(occ.words[0]):
        # a man's dative the noun guess misreads: Kučinskim -> Kučinskis, Kariņam -> Kariņš
        inflected = _masculine_nominative(texts[0], "dat") or inflected
    text, is_name = _personal_name(occ, inflected, fixed, genders)
    out = text.split()
    if len(texts) == len(out) and any(in_capitals(t) or _foreign(t, script=True) for t in texts):
        text = " ".join([t if in_capitals(t) or _foreign(t, script=True) else o for t, o in zip(texts, out)])
    return text, is_name


#: The letters of Latvian words; a word with another (Washington, Müller) is foreign, as written.
_LATVIAN_LETTERS = frozenset("aābcčdeēfgģhiījkķlļmnņoprsštuūvzž")


def _foreign(word: str, *, script: bool = False) -> bool:
    """A foreign word Latvian does not inflect: one with a letter no Latvian word has (`script`:
    that alone), else one the lexicon lacks."""
    from ..lang import lexicon

    if any(ch.isalpha() and ch.lower() not in _LATVIAN_LETTERS for ch in word):
        return True
    return not script and not lexicon.readings(word)


def _lv_inflected(occ: _Occ, *, plural: bool | None, definite: bool, outer: bool = False) -> str:
    """`lv.canonical_term` of an occurrence when the lexicon knows the head noun; else the head's
    guessed nominative, its adjectives put into agreement."""
    from ..lang import lexicon, lv

    head = occ.words[occ.head]
    if any(r.pos in ("NOUN", "PROPN") and r.known_lemma for r in lexicon.readings(head.text)):
        outer = _outer(occ, known=outer)
        texts = occ.form.split()
        if not outer or len(texts) != len(occ.words):
            return lv.canonical_term(occ.form, definite=definite, plural=plural)
        # īpašās interešu grupas: the adjectives and the head inflect together, the genitives stay
        short = lv.canonical_term(" ".join(texts[:outer] + texts[occ.head:]), definite=definite, plural=plural).split()
        return " ".join(short[:outer] + texts[outer:occ.head] + short[outer:])
    texts = occ.form.split()
    if len(texts) != len(occ.words) or not head.analysis.lemma:
        return occ.form
    lemma = head.analysis.lemma
    texts[occ.head] = _keep_case(texts[occ.head], lemma)
    for i in _agreeing_positions(occ, outer=outer):  # never the genitives between them and the head
        texts[i] = lv.adjective_nominative(texts[i], feminine=lv.is_feminine(lemma), definite=definite)
    return " ".join(texts)


def _personal_name(occ: _Occ, canonical: str, fixed: frozenset[int],
                   genders: frozenset[str] = frozenset()) -> tuple[str, bool]:
    """A personal name's words in the nominative: the words of a name agree by apposition, so
    when the first is a given name the lexicon knows (`patterns._given_names`), every word of the
    name is in its case. Its given names take the lexicon's nominative (Sergeju Ivanovu -> Sergejs
    Ivanovs, Jānim Bērziņam -> Jānis Bērziņš). A woman's surname takes the nominative of the 4th or
    5th declension that its ending in that case shows (Gloriju Estefanu -> Glorija Estefana,
    Ingrīdu Gūtmani -> Ingrīda Gūtmane); a man's keeps the head's nominative as `_lv_inflected`
    made it, when that ends in -s or -š and the head can be in that case. An indeclinable surname
    stays as written (`_indeclinable`: Moniku Beluči -> Monika Beluči, Sergeju Verdi -> Sergejs
    Verdi), and so does a word at a `fixed` position (seen unchanged while the name's other words
    change case). A given name of a man's and a woman's reading (Robertu: Roberts or Roberta;
    Roberta: his genitive or her nominative) is of the gender the candidate's other occurrences
    show (`genders`: Robertam is his), else of the name more frequent in Latvian text, by its
    dative (wordfreq: Robertam, not Robertai), and only that reading is tried. A given name the lexicon
    lacks: `_unknown_given_name`. Returns the text and whether it is such a nominative (else
    `canonical`)."""
    words, texts, out = occ.words, occ.form.split(), canonical.split()
    n = len(words)
    if n < 2 or not len(texts) == len(out) == n or occ.head != n - 1 or not all(w.capital for w in words):
        return canonical, False
    names = _given_names(words[0].text)
    if not names:
        made = _unknown_given_name(occ, out, fixed, genders) if _is_person(occ) else ""
        return (made, True) if made else (canonical, False)
    ambiguous = len({x[1] for x in names}) > 1  # (Māra: his genitive or her nominative)
    names = [x for x in names if x[1] in genders] or names
    gender = max(names, key=lambda x: _general_frequency(_dative(x[0], x[1]), "lv"))[1]  # (first of a tie)
    for nominative, _, cases in [x for x in names if x[1] == gender]:
        for case in sorted(cases):  # the first case (alphabetical) that every word can be in
            text, _ = _name_in_case(words, texts, out, fixed, case, gender, nominative,
                                    before_noun=occ.before_noun and ambiguous)
            if text:
                return text, True
    return canonical, False


def _dative(nominative: str, gender: str) -> str:
    """The dative of a given name, lower-cased: the form that tells a man's name from a woman's
    (Robertam, Robertai; the nominative Roberta is his genitive too)."""
    low = nominative.lower()
    if gender == "fem":
        return low + "i"  # -a -> -ai, -e -> -ei
    for ending, dative in (("is", "im"), ("us", "um"), ("s", "am"), ("š", "am")):
        if low.endswith(ending):
            return low[: len(low) - len(ending)] + dative
    return low


def _unknown_given_name(occ: _Occ, out: list[str], fixed: frozenset[int], genders: frozenset[str] = frozenset()) -> str:
    """`_personal_name` of a name (`patterns._name_extent`) whose given name the lexicon lacks,
    in each case a name is in (`patterns._UNKNOWN_NAME_CASES`) and each reading its ending shows:
    a woman's of the 4th or 5th declension in the nominative or the dative (Dilmai Rousefai ->
    Dilma Rousefa), a man's in the nominative or the dative (Dougam Smitam -> Dougs Smits), or as
    written when no case a name is in has its ending, its gender unknown (Paolo Rossi, Hosē
    Karrerasu -> Hosē Karrerass, Ugo Čavesu -> Ugo Čavess). An accusative in -u or -i is a man's
    or a woman's (Endiju Mureju: Endijs Murejs or Endija Mureja?): no reading. The reading that
    keeps fewest words as written wins; two that tie and differ, or none, give "": Latvian
    morphology cannot tell (the name stays as `_lv_inflected` has it, its head's guessed
    nominative: Endiju Murejs, Gregu Ruterfords). Only readings of `genders` (`_name_genders`:
    those every occurrence allows) count: with Bairons Makdonalds seen, Bairona Makdonalda is his
    genitive, no woman's nominative; with one gender left an accusative reads too."""
    words, texts = occ.words, occ.form.split()
    found: dict[str, int] = {}
    indeclinable = all(_indeclinable(texts[0], c, g) for c in _UNKNOWN_NAME_CASES for g in ("masc", "fem"))
    for case in sorted(_UNKNOWN_NAME_CASES):
        readings = [(None, texts[0])] if indeclinable else []
        if case != "acc" or len(genders) == 1:  # (Bairona: her nominative only if no occurrence shows him)
            readings += [(g, _feminine_nominative(texts[0], case) if g == "fem" else
                          _masculine_nominative(texts[0], case, accusative=True))
                         for g in ("fem", "masc") if not genders or g in genders]
        for gender, nominative in readings:
            text, kept = _name_in_case(words, texts, out, fixed, case, gender, nominative,
                                       before_noun=occ.before_noun and (indeclinable or _mans_genitive(texts[0]))
                                       ) if nominative else ("", 0)
            if text:
                found[text] = min(kept, found.get(text, kept))
    best = [t for t, kept in found.items() if kept == min(found.values())]
    return best[0] if len(best) == 1 else ""


def _name_in_case(words: Sequence[Word], texts: list[str], out: list[str], fixed: frozenset[int], case: str,
                  gender: str | None, first: str, *, before_noun: bool = False) -> tuple[str, int]:
    """`_personal_name`'s nominative of a name in `case` whose first word's nominative is `first`,
    a given name of `gender` (None: unknown, so no woman's declension), and how many of its words
    stay as written, indeclinable; ("", 0) if a word cannot be in that case. A name `before_noun`
    (`patterns.genitive_place`) whose first word may be a man's genitive, ending in -a, is no
    nominative: a genitive stands there. A man's nominative surname in -a is as written (Aivars
    Stranga). A
    man's surname the lexicon lacks takes the nominative its ending shows (`_masculine_nominative`:
    Kariņam -> Kariņš, Dombrovski -> Dombrovskis), none in the genitive (Kučinska: Kučinsks or
    Kučinskis?)."""
    if case == "nom" and before_noun and _mans_genitive(texts[-1]):
        return "", 0
    genders = (gender,) if gender else ("masc", "fem")
    made, kept, n = [first], int(first == texts[0] and 0 not in fixed), len(words)
    for i in range(1, n):
        w, written = words[i], texts[i]
        name = [x for x in _given_names(w.text) if case in x[2] and (gender is None or x[1] == gender)] \
            if i < n - 1 else []
        if i in fixed:
            made.append(written)
        elif len({x[0] for x in name}) == 1:
            made.append(name[0][0])
        elif all(_indeclinable(written, case, g) for g in genders):
            made.append(written)
            kept += 1
        elif gender == "fem":
            made.append(_feminine_nominative(written, case) if case in _FEMININE_ENDINGS else "")
        elif (i == n - 1 and (gender is None or _known_noun(written)) and "-" not in written
              and case in (w.analysis.case or "").split("|")
              and out[i].endswith(("s", "š"))):
            made.append(out[i])  # a man's surname as `_lv_inflected` put it in the nominative (the lexicon's)
        elif (case == "nom" and gender == "masc" and i == n - 1 and written.endswith("a")
              and first.endswith(("s", "š"))):
            made.append(written)  # a man's surname of the 4th declension after his nominative: Aivars Stranga
        else:  # Smitam -> Smits; Labsons of Bets Labsons Frīmens
            made.append(_masculine_nominative(written, case, accusative=gender == "masc"))
        if not made[-1]:
            return "", 0
    return " ".join(made), kept


#: A man's dative endings and his nominative's: the 1st to 3rd and the 5th declensions' (Smitam,
#: Kārlim, Ikarum, Zvaigznem); -am is the 4th's too (Liepam: Liepa, a man's name of the lexicon's liepa).
_MASCULINE_DATIVES = (("am", "s"), ("im", "is"), ("um", "us"), ("em", "e"))
#: A man's accusative endings and his nominative's: the 1st declension's -u (Ozolu), the 2nd's -i
#: (Dombrovski: Dombrovskis).
_MASCULINE_ACCUSATIVES = (("u", "s"), ("i", "is"))
#: The declensions (the lexicon's noun tag, the nominative ending) a man's accusative ending may be
#: of: -u 1st (-s, -š) or 4th (-a), -i 2nd (-is) or 5th (-e).
_ACCUSATIVE_DECLENSIONS = {"u": (("lietv1", "s"), ("lietv1", "š"), ("lietv4", "a")),
                           "i": (("lietv2", "is"), ("lietv5", "e"))}


def _lexicon_nominative(stem: str, declensions) -> str:
    """The nominative of `stem` in the one of `declensions` the lexicon has a noun of, else ""."""
    from ..lang import lexicon

    found = [stem + end for tag, end in declensions
             if any(r.tag.startswith(tag) and r.lemma.lower() == (stem + end).lower()
                    for r in lexicon.readings(stem + end))]
    return found[0] if len(found) == 1 else ""
_SH_STEM_END = frozenset("ņļ")  # a 1st-declension stem in ņ or ļ takes -š: Kariņš, Bērziņš, Ceļš


def _masculine_nominative(word: str, case: str, *, accusative: bool = False) -> str:
    """The nominative of a man's name in `case`: the nominative in -s or -š as written, a dative
    by `_MASCULINE_DATIVES` (-am of the 4th declension when the lexicon has a noun of the 4th
    with that stem: Liepam -> Liepa, Smitam -> Smits; -š after ņ or ļ: Kariņam -> Kariņš), and,
    when the name is known to be a man's (`accusative`), an accusative by `_MASCULINE_ACCUSATIVES`
    (Dombrovski -> Dombrovskis, Porziņģi -> Porziņģis); "" for another case, whose ending does not
    show a man (Robertu, Roberta: Roberta's too; a genitive: Kučinska, Kučinsks or Kučinskis?), a
    nominative in -as or -es (a woman's genitive too: Dināras), or an ending after a vowel (no
    Latvian stem). Each part of a double surname declines (Kalniņam-Ozolam -> Kalniņš-Ozols)."""
    from ..lang import lexicon

    if "-" in word:
        parts = [_masculine_nominative(part, case, accusative=accusative) for part in word.split("-")]
        return "-".join(parts) if all(parts) else ""
    if case == "nom":
        return word if len(word) > 2 and word.endswith(("s", "š")) and not word.endswith(("as", "es")) else ""
    endings = _MASCULINE_DATIVES if case == "dat" else _MASCULINE_ACCUSATIVES if case == "acc" and accusative else ()
    for ending, nominative in endings:
        stem = word[: len(word) - len(ending)]
        if case == "acc" and word.endswith(ending) and len(stem) > 1 and stem[-1].lower() not in _VOWELS:
            # -u is a man's accusative of the 1st declension or of the 4th (Liepu: Liepa), -i of the
            # 2nd or of the 5th (Čaksti: Čakste, Zvaigzni: Zvaigzne): the lexicon's noun of that stem
            # decides; a surname it lacks takes the men's usual declension, the 1st or the 2nd
            # (Ivanovu: Ivanovs, Dombrovski: Dombrovskis)
            known = _lexicon_nominative(stem, _ACCUSATIVE_DECLENSIONS[ending])
            if known:
                return known
        if word.endswith(ending) and len(stem) > 1 and stem[-1].lower() not in _VOWELS:
            if ending == "am" and any(r.tag.startswith("lietv4") and r.lemma.lower() == stem.lower() + "a"
                                      for r in lexicon.readings(stem + "a")):
                return stem + "a"
            if nominative == "s" and stem[-1].lower() in _SH_STEM_END:
                return stem + "š"
            return stem + nominative
    return ""


def _known_noun(word: str) -> bool:
    """A noun whose lemma the lexicon lists (its nominative is the lexicon's, no guess)."""
    from ..lang import lexicon

    return any(r.pos in ("NOUN", "PROPN") and r.known_lemma for r in lexicon.readings(word))


#: Endings of the singular of the 2nd and 5th declensions (Kārlis: Kārli, Kārlī; Gūtmane: Gūtmanei,
#: Gūtmani, Gūtmanē) that end in a vowel, and the letters no stem of those declensions ends in:
#: none of the lexicon's 6,600 nouns in -e and 4,000 in -is has a stem in č, š, ž (dž), ļ, ņ or a
#: consonant + j (these consonants come there by the alternation of other forms: Gūtmaņu, Kārļa).
#: So *Beluči*, *Karolji* are no accusative of a *Beluče*, *Karolje*. A foreign name the lexicon
#: lacks can still be one (Nīče, Nietzsche: Nīči is taken for indeclinable).
_E_STEM_ENDINGS = ("ei", "i", "ē", "ī")
_NO_E_STEM_END = frozenset("čšžļņ")


def _indeclinable(word: str, case: str, gender: str) -> bool:
    """A word of a personal name that Latvian leaves as written in every case: one the lexicon
    lists as an indeclinable noun (`po:lietv0`: Verdi, Paganīni, Dalī), or, unknown to the lexicon,
    one ending in a vowel other than -a and -e (a name in -a or -e declines) that no declension's
    singular puts in `case` for `gender`: no ending of that case (Ugo, Hosē in the accusative;
    Beluči in the genitive), a vowel before the ending (Dimitriu: a Latvian stem ends in a
    consonant), or an ending of the 2nd or 5th declension after a letter no stem of theirs ends in
    (Beluči, Karolji, Fukudži: `_NO_E_STEM_END`). False when Latvian morphology cannot tell: an
    -i or -u after another consonant (Rossi, Gūtmani: Gūtmane, or Gūtmanis for a man) declines."""
    from ..lang import lexicon

    if not _may_be_indeclinable(word):
        return False
    if lexicon.readings(word):  # the lexicon's lietv0
        return True
    low = word.lower()
    endings = _case_endings(case, gender)
    ending = next((e for e in endings if low.endswith(e)), None)
    if ending is None:
        return bool(endings)  # (no case to compare: the vocative)
    stem = low[: len(low) - len(ending)]
    if stem[-1] in _VOWELS:
        return True
    return ending in _E_STEM_ENDINGS and (stem[-1] in _NO_E_STEM_END
                                          or (stem[-1] == "j" and stem[-2:-1] not in _VOWELS))


@lru_cache(maxsize=32)
def _case_endings(case: str, gender: str) -> tuple[str, ...]:
    """The singular endings of `case` in the declensions of a woman's name (4th, 5th: Liepa,
    Gūtmane) or a man's (1st to 5th: Ozols, Kārlis, Ikarus, Liepa, Zāle), longest first."""
    from ..lang.lexicon import CASES, NOUN_ENDINGS

    i = CASES.index(case) if case in CASES else 5
    if i >= 5:  # the vocative: no ending to compare
        return ()
    declensions = (4, 5) if gender == "fem" else (1, 2, 3, 4, 5)
    return tuple(sorted({NOUN_ENDINGS[d][i] for d in declensions}, key=len, reverse=True))


def _unchanged(occs: list[_Occ]) -> frozenset[int]:
    """Positions of the words written the same in every occurrence while another word of the
    candidate changes: seen unchanged in several case positions, they are indeclinable (Pedru of
    Pedru Solbergs, Pedru Solbergam). Empty when nothing changes (one form: no evidence)."""
    forms = {o.form for o in occs}
    if len(forms) < 2:
        return frozenset()
    split = [f.split() for f in forms]
    if len({len(x) for x in split}) != 1:
        return frozenset()
    return frozenset(i for i in range(len(split[0])) if len({x[i] for x in split}) == 1)


def _keep_case(surface: str, word: str) -> str:
    if in_capitals(surface):
        return word.upper()
    return word[:1].upper() + word[1:] if surface[:1].isupper() else word.lower()


def _en_head(occ: _Occ) -> int:
    """The head of an English term: the last word, or the word before "of" (importance of networking)."""
    for i, w in enumerate(occ.words):
        if w.role == "O":
            return i - 1
    return occ.head


def _en_canonical(occs: list[_Occ], key: str, *, proper: bool) -> str:
    """The singular: a singular form seen, else the most frequent form with its head singular;
    names and nouns terms use in the plural stay as written."""
    forms = Counter(o.form for o in occs)
    if proper:
        return _most_common(forms)
    options: Counter[str] = Counter()
    for o in occs:
        option = _memoised("en-singular", o.sig, _en_singular, o)
        if option is not None:
            options[option] += 1
    return _pick(options, forms, key, "en", _most_common(forms))


def _en_singular(o: _Occ) -> str | None:
    """The occurrence with its head singular (None when its form and words do not match up)."""
    from ..lang import en

    texts = o.form.split()
    head = _en_head(o)
    if len(texts) != len(o.words):
        return None
    word = texts[head]
    if word.lower() not in en.PLURAL_NOUNS and o.words[head].analysis.number == "plur":
        texts[head] = _keep_case(word, en.lemma(word))
    return " ".join(texts)
