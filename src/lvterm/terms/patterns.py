"""Where a term can be: words with their morphology, and the noun phrases a term may span.

`analysed_words(text, lang=)` tokenises a text (words with inner hyphens, apostrophes and dots
kept whole: *e-grāmata*, *author's*, *Draugiem.lv*; numbers; every punctuation mark alone) and
analyses each word with `lang.<lv|en>.analyse`. A word's `role` in a noun phrase is "N" (a noun or
proper noun: a head, or a modifier), "G" (a Latvian indeclinable genitive: a modifier only), "A"
(an adjective or a participle declined like one), "U" (*un*/*and* between modifiers), "O"
(English *of*) or "" (anything else: a boundary; also an evaluative or ordinal word used alone,
*sestais*, and a Latvian locative used as a postposition, *ietvaros*). Context turns some words
into boundaries, so that a phrase never crosses a verb or a clause:

- Latvian: a participle right after an auxiliary is a verb (*tiek publicēts*, *var tikt
  piedāvāti izdevīgāki nosacījumi*), and so is one right after a subordinator (*lai iegūtu*); a
  noun form that is also a finite verb is the verb after a subject (*bibliotēka atbalsta
  atvērto piekļuvi*: not *atbalsta atvērtā piekļuve*); a phrase right after a preposition never
  has a head that can only be a nominative (*pirms digitalizācijas bibliotēka*); a word the
  lexicon knows as an adverb only is no noun (*ceturtdien*, on Thursday); a word that can only
  be a genitive, joined by *un*/*vai* to an adjective, modifies the noun after them and heads no
  phrase of its own (*interešu vai profesionālajām grupām*);
- English (`english_context`): a noun-looking word is a verb after a subject pronoun or a modal
  (*we network*, *readers can access*) or before a determiner after a bare subject (*librarians
  check the metadata*), and a frequent verb is one after a plural noun opening a clause
  (*libraries offer free courses*); a verb-looking word is a noun after a determiner or adjective
  (*the plans*, *the reading room*), or after a noun it ends a phrase with (*a heart attack.*) but
  for a plural subject's verb before a preposition (*fishermen live in*); a past form never is
  (*fishermen caught*, *all took*), but a participle, irregular or in -ed, right before a noun
  after an article, a possessive, an adjective or a preposition, or at a sentence's start, is its
  modifier, an adjective (*the broken link*, *with controlled vocabulary*, *Linked data connects*;
  not *the library published reports*: `_participle_modifier`).

`noun_phrases(words, lang=, max_words=)` yields (start, end, head) of every span that can be a
term, in linear time (at most `max_words` spans end at each word):

- Latvian: the head noun last; before it adjectives agreeing with it (a shared case, number and
  gender reading from the Hunspell lexicon's slots), before them genitive groups (a noun with a
  genitive reading and its own agreeing adjectives), two of them joined by *un* once
  (*bibliotēku un informācijas speciālisti*); adjectives before the genitives that agree with the
  head, not with the genitive, are the head's (*īpašās interešu grupas*); an adjective that agrees
  with a genitive and with no noun after it is the genitive's, and no span starts at that genitive
  leaving it out (*liela mēroga projekts*: no *mēroga projekts*; `_owns_adjective`), but for an
  ordinal, which picks one of a series (*otrās dienas programma*: *dienas programma*); an acronym
  (`_acronym`: ES, LNB, NATO; no Roman numeral) is an indeclinable genitive with no adjective of
  its own (*ES fondi*, *LNB Digitālā bibliotēka*), joined by *un* to no genitive, and no modifier
  of a next word that can be its verb (*JAK uzskata*);
- English: modifiers (adjectives, nouns, names) before the head, once joined by *and* (*library
  and information professionals*), once *of* with its own modifiers (*Library Association of
  Latvia*, *importance of networking*);
- names are kept whole: a span may not start inside a run of capitalised words (*Bibliotekāru
  biedrība*, *Skolu bibliotekāru biedrība*, *Association of Latvian* are fragments), may not end
  on a capitalised word that a following word of the phrase continues (*Latvijas Skola* of
  *Latvijas Skolu bibliotekāru biedrība*), and a capitalised word never follows a lower-case
  one inside a span (*biedrību Latvijas Skolu ...*, *sociālo tīklu LinkedIn*); fragments of a
  name other than its head alone are not candidates;
- Latvian personal names are one span in every case (`_personal_names`): a given name and the
  capitalised nouns after it that share a case with it (*Jānim Bērziņam*, *Ilzi Ozolu*, *Paolo
  Rossi*), its given name no head of its own;
- a span never holds an evaluative, comparative or ordinal adjective (*noderīgs kontakts*,
  *mazāka biedra nauda*, *useful contacts*: `lang.*.is_non_term_adjective`).

`morph_nlp(lang)` is the same morphology as a spaCy component (a blank pipeline setting
`token.pos_`, `token.lemma_`, `token.morph` and `token._.case/number/definite/stem/fold/genitive`),
for code that works on spaCy documents.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Iterable, Iterator, Sequence

from ..lang import get as get_lang
from ..lang.keys import in_capitals
from ..lang.lexicon import CASES, NOUN_ENDINGS
from ..lang.morph import Analysis

_EXTENSIONS = ("analysis", "case", "number", "definite", "stem", "fold", "sent_start", "genitive")
_SENT_END = frozenset(".!?…")

# A word: letters with inner hyphens, apostrophes or dots between letters (e-grāmata, author's,
# Draugiem.lv); a number with inner . , : /; any other character but a space, alone.
_TOKEN_RE = re.compile(r"(?P<w>[^\W\d_]+(?:[-'’.][^\W\d_]+)*)|(?P<n>\d+(?:[.,:/]\d+)*)|(?P<p>\S)")


@lru_cache(maxsize=100_000)
def _token_kind(text: str) -> int:
    """0 for a word or number, 1 for punctuation, 2 for punctuation that ends a sentence (memoised:
    tokens repeat)."""
    is_punct = not any(ch.isalnum() for ch in text)
    if text in _SENT_END or (is_punct and text[-1:] in _SENT_END):
        return 2
    return 1 if is_punct else 0


def sentence_initial(texts: Sequence[str]) -> list[bool]:
    """True for the first word of the text and the first word after . ! ? (quotes skipped)."""
    return _sentence_initial(map(_token_kind, texts))


def _sentence_initial(kinds: Iterable[int]) -> list[bool]:
    """`sentence_initial` of the tokens of these `_token_kind`s."""
    flags, start = [], True
    for kind in kinds:
        flags.append(start and not kind)
        if kind == 2:
            # an ordinal "2011." is tokenised "2011" "."; a lowercase next word is no start anyway
            start = True
        elif not kind:
            start = False
    return flags


# --- words and their roles -----------------------------------------------------------------------


@dataclass(slots=True)
class Word:
    """One token of a text: its characters, analysis, and role in a noun phrase (see the module)."""

    text: str
    start: int
    end: int
    analysis: Analysis
    sent_start: bool
    role: str = ""
    genitive: bool = False
    slots: frozenset = frozenset()  # Latvian: (case, number, gender or None) readings
    capital: bool = False
    pos: str = ""  # analysis.pos
    lower: str = ""  # text.lower()
    acronyms: bool = True  # False in a sentence all in capitals (`analysed_words`)
    # (pos and lower are fields, set once by `analysed_words`: the phrase rules and term
    # extraction read them millions of times a build; a Word made another way must set them)


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every token: words, numbers, punctuation marks."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]


def analysed_words(text: str, *, lang: str) -> list[Word]:
    """The tokens of `text` (`tokenize`) with their analysis, roles and (Latvian) agreement slots.
    A word in capitals is an acronym (ES, US, NATO) only in a sentence with lower-case words too:
    in a heading all in capitals (TAS IR LABI, THE LIBRARY IS OPEN) each word keeps its class."""
    matches = list(_TOKEN_RE.finditer(text))
    # a word or a number is never punctuation (kind 0); only a lone other character is looked at
    starts = _sentence_initial([0 if m.lastgroup != "p" else _token_kind(m.group()) for m in matches])
    acronyms = _acronym_sentences(matches, starts) if _IN_CAPITALS_RE.search(text) else [True] * len(matches)
    if lang == "lv":
        out = [Word(m.group(), m.start(), m.end(), *_lv_word(m.group(), first, acr))
               for m, first, acr in zip(matches, starts, acronyms)]
        _latvian_context(out)
        return out
    out = [Word(m.group(), m.start(), m.end(), *_en_word(m.group(), first, lang, acr))
           for m, first, acr in zip(matches, starts, acronyms)]
    tags = english_context([w.text for w in out], [w.pos for w in out])
    for w, tag in zip(out, tags):
        if tag != w.pos:  # (`_en_word` gave the role of the word's own part of speech)
            w.role = _word_role(w.text, tag, lang)
    return out


#: Two capitals in a row: a text without them has no word in capitals (`analysed_words`' shortcut).
_IN_CAPITALS_RE = re.compile(r"[^\W\d_a-zāčēģīķļņōŗšūž]{2}")


def _acronym_sentences(matches: Sequence[re.Match], starts: Sequence[bool]) -> list[bool]:
    """For each token, whether its sentence (from one `starts` to the next) has a word with a
    lower-case letter, so that a word in capitals there is an acronym (`morph.closed_class`)."""
    sentences = list(accumulate(starts))
    mixed = {n for n, m in zip(sentences, matches) if m.lastgroup == "w" and not m.group().isupper()}
    return [n in mixed for n in sentences]


@lru_cache(maxsize=200_000)
def _en_word(text: str, sent_start: bool, lang: str, acronyms: bool = True) -> tuple:
    """(analysis, sent_start, role, genitive, slots, capital, pos, lower, acronyms) of an English
    word before its context is looked at (its role is that of its own part of speech; the context
    may change that): a function of the word, of whether it starts a sentence and of whether its
    sentence has lower-case words (`acronyms`) (memoised)."""
    analysis = get_lang(lang).analyse(text, sent_start=sent_start, acronyms=acronyms)
    return (analysis, sent_start, _word_role(text, analysis.pos, lang), False, frozenset(), text[:1].isupper(),
            analysis.pos, text.lower(), acronyms)


@lru_cache(maxsize=200_000)
def _word_role(text: str, pos: str, lang: str) -> str:
    """A word's role from its text and part of speech alone (memoised: words repeat)."""
    low = text.lower()
    if pos in ("NOUN", "PROPN"):
        if len(text) < 2 or (lang == "en" and low.endswith(("'s", "’s"))):
            return ""
        module = get_lang(lang)
        if module.is_non_term_adjective(text) or low in getattr(module, "POSTPOSITIONAL_NOUNS", ()):
            return ""  # an ordinal or evaluative word used alone (sestais, piektās, others); ietvaros
        return "N"
    if pos == "ADJ":
        return "A"
    if low == ("un" if lang == "lv" else "and"):
        return "U"
    if lang == "en" and low == "of":
        return "O"
    return ""


_AGREE_SLOTS_CASES = ("nom", "gen", "dat", "acc", "loc")


def _lv_slots(word: str, a: Analysis) -> frozenset:
    """(case, number, gender) readings of a Latvian noun or adjective: the lexicon's slots of its
    readings of that part of speech; from the suffix guess (gender unknown) for a word it lacks."""
    from ..lang import lexicon

    if a.pos in ("NOUN", "PROPN"):
        readings = [r for r in lexicon.readings(word) if r.pos in ("NOUN", "PROPN") and r.known_lemma]
    else:
        readings = [r for r in lexicon.readings(word) if r.pos == "ADJ" or r.kind == "participle"]
    cases = a.case.split("|") if a.case else ()
    numbers = a.number.split("|") if a.number else ()
    slots = {(s.case, s.number, s.gender) for r in readings for s in r.slots
             if s.case in _AGREE_SLOTS_CASES and s.number}
    if a.pos in ("NOUN", "PROPN"):  # the analysis narrows a noun's readings (-šanu: accusative singular)
        slots = {s for s in slots if (not cases or s[0] in cases) and (not numbers or s[1] in numbers)} or slots
    if slots:
        return frozenset(slots)
    return frozenset((c, n, None) for c in cases for n in numbers)


_GENITIVE_ONLY_TAG = re.compile(r"^lietv\dg$")


def _genitive_only(word: str) -> bool:
    """A noun the lexicon lists as an indeclinable genitive (`po:lietv4g`: starpbibliotēku,
    ārpusbudžeta): a modifier only, never a phrase's head."""
    from ..lang import lexicon

    readings = lexicon.readings(word)
    return bool(readings) and all(_GENITIVE_ONLY_TAG.match(r.tag) for r in readings)


def _adverb_only(word: str) -> bool:
    """A word the lexicon knows as an adverb and as nothing else (ceturtdien: on Thursday)."""
    from ..lang import lexicon

    readings = lexicon.readings(word)
    return bool(readings) and all(r.pos == "ADV" for r in readings)


@lru_cache(maxsize=20_000)
def _ordinal(word: str) -> bool:
    """A form of an ordinal (`lexicon.is_ordinal`: pirmās, otrās, trešās; memoised)."""
    from ..lang import lexicon

    return lexicon.is_ordinal(word)


def _is_participle(word: str) -> bool:
    from ..lang import lexicon

    return any(r.kind == "participle" for r in lexicon.readings(word))


def _is_finite_verb(word: str) -> bool:
    from ..lang import lexicon

    return any(r.pos == "VERB" and r.kind == "verb" for r in lexicon.readings(word))


def _subject_like(w: Word, after: Word | None = None) -> bool:
    """Whether `w`, before a word that may be a finite verb or a genitive, makes it the verb: a
    noun in the nominative that cannot be a genitive (a clause's subject), a pronoun in the
    nominative (`lv.NOMINATIVE_PRONOUNS`: tas, viņi, kura), or any other pronoun unless it agrees
    with the noun `after` the ambiguous word, whose determiner it then is (katrā atbalsta
    programmā, visus apraksta elementus: a genitive; To atbalsta valsts budžets, Tādus apraksta
    standarts, Viņu atbalsta pašvaldība: a verb)."""
    if w.pos == "PRON":
        from ..lang import lv

        return w.lower in lv.NOMINATIVE_PRONOUNS or not _determines(w.lower, after)
    cases = {s[0] for s in w.slots}
    return w.role == "N" and "nom" in cases and "gen" not in cases


def _determines(pronoun: str, noun: Word | None) -> bool:
    """An oblique pronoun agreeing with `noun` in case, number and gender, read off its longest
    adjective ending (`_pronoun_slots`: such pronouns decline like adjectives: katrā loc. sg., visus
    acc. pl., tādos loc. pl.; mūs, read as a masculine nominative, agrees with no feminine noun)."""
    if noun is None or noun.role != "N" or not noun.slots:
        return False
    readings = _pronoun_slots(pronoun)
    return any((case, number) == (c, n) and gender in (None, g)
               for case, number, gender in noun.slots for c, n, g in readings)


@lru_cache(maxsize=4096)
def _pronoun_slots(pronoun: str) -> frozenset:
    """(case, number, gender) of the adjective slots of `pronoun`'s longest adjective ending."""
    from ..lang import lexicon

    ends = [e for e in set(lexicon.ADJECTIVE_ENDINGS.values()) if e and pronoun.endswith(e) and len(pronoun) > len(e)]
    if not ends:
        return frozenset()
    longest = max(ends, key=len)
    return frozenset((slot.case, slot.number, slot.gender)
                     for slot, e in lexicon.ADJECTIVE_ENDINGS.items() if e == longest)


_GENITIVE_ONLY_SLOTS = frozenset({("gen", "sing", None), ("gen", "plur", None)})

#: A Roman numeral up to 39 (II, XX, XXI): an ordinal (XX gadsimts), written in capitals but no acronym.
_ROMAN_RE = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


def _acronym(text: str) -> bool:
    """An acronym that modifies a noun after it as an indeclinable genitive (ES fondi, LNB
    krājums, NATO valstis): a word `in_capitals` that is no Roman numeral (XX gadsimts)."""
    return in_capitals(text) and not _ROMAN_RE.fullmatch(text)


@lru_cache(maxsize=200_000)
def _lv_word(text: str, sent_start: bool, acronyms: bool = True) -> tuple:
    """(analysis, sent_start, role, genitive, slots, capital, pos, lower, acronyms) of a Latvian
    word before its context is looked at: a function of the word, of whether it starts a sentence
    and of whether its sentence has lower-case words (`acronyms`: a word in capitals is then an
    acronym) (memoised)."""
    from ..lang import lv

    analysis = lv.analyse(text, sent_start=sent_start, acronyms=acronyms)
    role = _word_role(text, analysis.pos, "lv")
    capital = text[:1].isupper()
    genitive, slots = False, frozenset()
    if role == "N" and _adverb_only(text) and not (capital and not sent_start):
        role = ""  # ceturtdien, pirmdien: the lexicon has them as adverbs only (on Thursday)
    if role == "N" and acronyms and _acronym(text):
        genitive = True  # ES fondi, LNB krājums: indeclinable, it heads a phrase or modifies the noun
        # after it; no adjective agrees with it (its gender and number are its full name's, unknown)
    elif role == "N" and _genitive_only(text):
        role, genitive = "G", True  # starpbibliotēku (abonements)
        slots = _GENITIVE_ONLY_SLOTS
    elif role in ("N", "A"):
        slots = _lv_slots(text, analysis)
        genitive = any(s[0] == "gen" for s in slots)
    return analysis, sent_start, role, genitive, slots, capital, analysis.pos, text.lower(), acronyms


# --- personal names (Latvian) -------------------------------------------------------------------

_DIMINUTIVE_FLAGS = frozenset("PpRrTt")  # lv_LV's affix flags of diminutives (-iņš, -ītis, -iņa)
_MANS_NAME_FLAG = "x"  # lv_LV's flag of a man's name that derives a woman's (Poters -> Potere, Džuzepe)
_VOWELS = frozenset("aāeēiīouū")


@lru_cache(maxsize=20_000)
def _given_names(word: str) -> tuple[tuple[str, str, frozenset[str]], ...]:
    """(nominative, gender, cases in the singular) of each reading of `word` as a personal name the
    lexicon lists, the more frequent name first (lexicon frequency): a proper noun whose entry
    forms diminutives (Sergejs/OoPp, Glorija/SsTt, Jānis/QqRr; the lexicon's surnames and places
    form none: Andersons/O, Tukums/O, Eiropa/S), or carries the flag of a man's name that derives
    a woman's (x: Džuzepe, its dative Džuzepem a man's, though the lexicon reads the -e as a woman's
    5th declension). Robertu is two readings: Roberts's and Roberta's accusative. Empty for any
    other word."""
    from ..lang import lexicon

    lx = lexicon.get()
    found: dict[tuple[str, str], tuple[set[str], float]] = {}
    for r in lexicon.readings(word):
        if r.pos != "PROPN" or r.root != r.lemma:
            continue
        entries = lx.entries(r.root)
        mans = any(_MANS_NAME_FLAG in flags for flags, _, _ in entries)
        if not mans and not any(not _DIMINUTIVE_FLAGS.isdisjoint(flags) for flags, tag, _ in entries
                                if tag.startswith("lietv") and tag.endswith("i")):
            continue
        for s in r.slots:
            gender = "masc" if mans else s.gender
            if s.number == "sing" and s.case and gender in ("masc", "fem"):
                found.setdefault((r.lemma, gender), (set(), r.frequency))[0].add(s.case)
    ordered = sorted(found.items(), key=lambda x: (-x[1][1], x[0]))
    return tuple((lemma, gender, frozenset(cases)) for (lemma, gender), (cases, _) in ordered)


def _may_be_indeclinable(word: str) -> bool:
    """A word a personal name may leave as written in every case: one the lexicon lists as an
    indeclinable noun only (`po:lietv0`: Verdi, Paganīni), or one it lacks that ends in a vowel
    other than -a and -e (Paolo, Hosē, Rossi, Beluči; a name in -a or -e declines). Which of the
    latter stay as written in a given case is `personal_names._indeclinable`'s question."""
    from ..lang import lexicon

    readings = lexicon.readings(word)
    if readings:
        nouns = [r for r in readings if r.pos in ("NOUN", "PROPN")]
        return bool(nouns) and all(r.tag.startswith("lietv0") for r in nouns)
    low = word.lower()
    return len(low) >= 3 and low[-1] in _VOWELS and low[-1] not in "ae"


def _proper_only(word: str) -> bool:
    """A word the lexicon lists as a proper noun only (Patriks, Keitija; Rīga too)."""
    from ..lang import lexicon

    readings = lexicon.readings(word)
    return bool(readings) and all(r.pos == "PROPN" for r in readings)


def _unknown_word(w: Word) -> bool:
    """A word the lexicon lacks, not a sentence's first (whose capital says nothing)."""
    from ..lang import lexicon

    return not w.sent_start and not lexicon.readings(w.text)


#: The cases a personal name is found in: a person is hardly ever in the locative (Saltašā
#: Kornvolā, in Saltash, Cornwall: two places); nor, when the lexicon lacks its first word, in
#: the genitive, which is then as likely a place's or a body's before a noun (Ņujorkas Universitātes).
_NAME_CASES = frozenset({"nom", "gen", "dat", "acc"})
_UNKNOWN_NAME_CASES = frozenset({"nom", "dat", "acc"})


def _name_cases(w: Word, *, first: bool, declined: bool = False, before_noun: bool = False,
                genitive: bool = False) -> frozenset[str]:
    """The cases (singular, `_NAME_CASES`) `w` can be in as a word of a personal name; empty if
    it can be none. A word of a name is capitalised, a noun, not in capitals (an abbreviation:
    ASV) and not a sentence's first word unless it is a given name the lexicon lists
    (`_given_names`: their cases). The `first` word must be such a given name, or a word the
    lexicon lacks or lists as a proper noun only (Paolo, Hosē, Angela; Patriks, Keitija, whose
    entries form no diminutives: `_UNKNOWN_NAME_CASES`); a later one may be any noun, a
    woman's surname in the 4th or 5th declension too (Kalniņa, Gūtmane, whatever the lexicon's
    kalniņš, gūtmanis). A word that may be indeclinable (`_may_be_indeclinable`) can be in any,
    unless only its `declined` readings count. A word `before_noun` (`genitive_place`) is in no
    woman's nominative in -a (`_mans_genitive`): a Latvian genitive stands there (Mariano Rahoja partija,
    Māra Kučinska padomnieks: his genitive), and a later word there shaped as a man's genitive
    (`_mans_genitive`) may be one. A first word the lexicon lacks is in no genitive unless
    `genitive` (`_name_extent` keeps it only for such a man's genitive before a noun)."""
    if not w.capital or w.role != "N" or in_capitals(w.text):
        return frozenset()
    given = _given_names(w.text)
    if given:
        return _NAME_CASES.intersection(frozenset().union(*[cases for _, _, cases in given]))
    if w.sent_start or (first and not _unknown_word(w) and not _proper_only(w.text)):
        return frozenset()  # the lexicon's common noun (Ministrs; a title: Sers, Ģenerālis)
    if _may_be_indeclinable(w.text):
        if declined:
            return frozenset()
        cases = _NAME_CASES
    else:
        cases = frozenset(s[0] for s in w.slots if s[1] == "sing")
        if not first:
            cases |= {case for case in _FEMININE_ENDINGS if _feminine_nominative(w.text, case)}
    if before_noun and _mans_genitive(w.text):
        cases -= {"nom"}
    if ((before_noun and not first) or (first and genitive)) and _mans_genitive(w.text):
        cases |= {"gen"}  # (the guesser reads Kučinska, Rahoja, Bērnija as nominatives only)
    return cases & (_UNKNOWN_NAME_CASES if first and not genitive else _NAME_CASES)


def _mans_genitive(word: str) -> bool:
    """A word shaped as a man's genitive singular: -a after a consonant (Rahoja, Kučinska)."""
    return len(word) > 2 and word.endswith("a") and word[-2].lower() not in _VOWELS


def genitive_place(w: Word | None) -> bool:
    """A lower-case noun, adjective or participle: a Latvian genitive stands before one."""
    return w is not None and not w.capital and w.role in ("N", "A")


def _other_gender_place(w: Word, gender: str | None) -> bool:
    """A word the lexicon lists as a proper noun only, no given name, all of whose readings are of
    the gender other than a man's given name's and that the lexicon counts in text: no surname of
    his, a place (Jāni | Rīgu, Jānis Ozols | Latvija; not Dainis Virga)."""
    from ..lang import lexicon

    if gender != "masc" or _given_names(w.text) or not _proper_only(w.text):
        return False
    readings = lexicon.readings(w.text)  # (the lexicon counts places: Rīga, Latvija; not Virga, a surname too)
    return {s.gender for r in readings for s in r.slots} == {"fem"} and any(r.frequency > 0 for r in readings)


def _name_extent(ws: Sequence[Word], i: int, end: int, *, noun_after: bool = False) -> tuple[int, frozenset[str]]:
    """The last word (before `end`) of the personal name that starts at ws[i], and the cases its
    words share (`_name_cases`): a given name and the words after it that share a case with it.
    After the first word that is no given name (a surname) a word joins by a declined reading
    only (Frenklins Delano Rūzvelts, Džozefam Gordonam Levitam; not Kaspars Pone Riodežaneiro,
    Rio de Janeiro, whose -o is indeclinable), and a place of the other gender than a man's given
    name ends it (`_other_gender_place`). A word before a lower-case noun (`genitive_place`; the
    word after ws[-1] is one when `noun_after`) is in no woman's nominative in -a when the given
    name may be a man's genitive (Māra Kučinska padomnieks; not Aivars Stranga, Hetere Staninga).
    (i, empty) when no name starts there."""
    cases = _name_cases(ws[i], first=True, genitive=True) if ws[i].capital and i + 1 < end and ws[i + 1].capital \
        else frozenset()
    if cases and _proper_only(ws[i].text) and not _given_names(ws[i].text) and _given_names(ws[i + 1].text):
        return i, frozenset()  # the lexicon's place before a given name: Rīga | Jānis Bērziņš
    j, surname = i, False
    genders = {g for _, g, _ in _given_names(ws[i].text)}
    gender = genders.pop() if len(genders) == 1 else None
    ambiguous = gender is None and "gen" in cases  # the given name may be a man's genitive (Māra, Mariano, Bērnija)
    while cases and j + 1 < end:
        before = ambiguous and (genitive_place(ws[j + 2]) if j + 2 < len(ws) else noun_after)
        if _other_gender_place(ws[j + 1], gender):
            break
        shared = cases & _name_cases(ws[j + 1], first=False, declined=surname, before_noun=before)
        if not shared:
            break
        cases, j = shared, j + 1
        surname = surname or not _given_names(ws[j].text)
    if "gen" in cases and not _given_names(ws[i].text) and not (
            _mans_genitive(ws[j].text) and (genitive_place(ws[j + 1]) if j + 1 < len(ws) else noun_after)):
        cases -= {"gen"}  # (Ņujorkas Universitātes: a place's, a body's; Mariano Rahoja partija: his)
    return (j, cases) if j > i and cases else (i, frozenset())


def _personal_names(ws: Sequence[Word], max_words: int) -> dict[int, tuple[int, frozenset[str]]]:
    """Latvian personal names (`_name_extent`): index of the last word -> (index of the first,
    the cases the name can be in), as apposition puts its words in one case: Jānim Bērziņam,
    Ilzi Kalniņu, Paolo Rossi, Hosē Karrerasu, Monikai Beluči, Džuzepes Verdi; not Kārļa
    Universitāte, Marijas Baznīcu (a genitive before a nominative or an accusative: the genitive
    modifier rules make those phrases), nor Jānis Ozola mājā (a genitive that modifies the noun
    after it, in a name that cannot be a genitive)."""
    out: dict[int, tuple[int, frozenset[str]]] = {}
    i, n = 0, len(ws)
    while i < n - 1:
        j, cases = _name_extent(ws, i, min(n, i + max_words))
        if j > i and ("gen" in cases or not _continues(ws, j, "lv")):
            out[j] = (i, cases)
        i = j + 1
    return out


#: A woman's name is of the 4th declension (-a) or the 5th (-e): its singular ending in each case, so.
#: A woman's name's singular endings by case, of the 4th and the 5th declension (Ozola, Gūtmane).
_FEMININE_ENDINGS = {case: (NOUN_ENDINGS[4][i], NOUN_ENDINGS[5][i]) for i, case in enumerate(CASES[:5])}


def _feminine_nominative(word: str, case: str) -> str:
    """The nominative of a woman's name in `case`; "" when its ending is not that case's, or what
    precedes the ending is a vowel: a Latvian noun's stem ends in a consonant, so *Dimitriu* is no
    accusative of a *Dimitria* (an indeclinable foreign name, as written)."""
    if "-" in word:  # a double surname: each part declines (Reizniecei-Ozolai)
        parts = [_feminine_nominative(part, case) for part in word.split("-")]
        return "-".join(parts) if all(parts) else ""
    for ending, nominative in zip(_FEMININE_ENDINGS[case], ("a", "e")):
        stem = word[: len(word) - len(ending)]
        if word.endswith(ending) and len(stem) > 1 and stem[-1].lower() not in _VOWELS:
            return stem + nominative
    return ""


def _latvian_context(ws: list[Word]) -> None:
    """Context turns some Latvian words into boundaries (see the module docstring)."""
    for i in range(1, len(ws)):
        w, prev = ws[i], ws[i - 1]
        if w.role == "A" and prev.pos in ("AUX", "SCONJ") and _is_participle(w.text):
            w.role = ""  # tiek publicēts, var tikt piedāvāti; lai iegūtu (a subjunctive)
        elif w.role == "N" and w.genitive and not w.capital and _is_finite_verb(w.text) \
                and _subject_like(prev, ws[i + 1] if i + 1 < len(ws) else None):
            w.role = ""  # bibliotēka atbalsta (supports), metadati apraksta (describe)
        if (prev.genitive and prev.role == "N" and _acronym(prev.text) and w.role in ("N", "A") and not w.capital
                and _is_finite_verb(w.text)):
            prev.genitive = False  # JAK uzskata, LPF pārrauga (thinks, oversees): the acronym is the subject


_SUBJECTS = frozenset("i you we they he she who".split())
_MODALS = frozenset("can could may might must shall should will would".split())
_DETERMINERS = frozenset("the a an this that these those their his her its our your my every each".split())


def english_context(texts: Sequence[str], tags: Sequence[str]) -> list[str]:
    """English parts of speech corrected by their neighbours (see the module docstring)."""
    out = list(tags)
    lows = [t.lower() for t in texts]
    for i, tag in enumerate(out):
        prev_low = lows[i - 1] if i else ""
        if tag == "NOUN" and texts[i].islower() and (prev_low in _SUBJECTS or prev_low in _MODALS):
            out[i] = "VERB"  # "they need", "we network", "readers can access"
            continue
        if (tag == "NOUN" and texts[i].islower() and i + 1 < len(out) and out[i + 1] != "PUNCT"
                and _en_frequent_verb(lows[i]) and i and _plural_subject(out, lows, i - 1)):
            out[i] = "VERB"  # "Libraries offer free courses": a frequent verb, a noun by its ending alone
            continue
        if (tag == "NOUN" and texts[i].islower() and i + 1 < len(out) and lows[i + 1] in _DETERMINERS
                and i and out[i - 1] in ("NOUN", "PROPN")
                and (i == 1 or lows[i - 1].endswith("s") or _en_plural(lows[i - 1]))):
            out[i] = "VERB"  # "Librarians check the metadata": a subject without a determiner, a verb
            continue
        if tag == "VERB" and _participle_modifier(texts, out, lows, i):
            out[i] = "ADJ"  # "the broken link", "Torn pages", "with controlled vocabulary": a modifier
            continue
        if not i or tag != "VERB" or lows[i].endswith("ed"):
            continue
        prev = out[i - 1]
        if lows[i].endswith("ing"):
            if prev in ("DET", "ADJ"):
                out[i] = "NOUN"  # "the reading room", "a meeting"
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        ends = nxt is None or nxt in ("PUNCT", "CCONJ") or (nxt == "ADP" and lows[i + 1] != "to")
        plural = lows[i].endswith("s")
        if not plural and not _en_base(lows[i]):
            continue  # a past form is no noun: "all took", "fishermen caught" (nor, as -ed, a modifier)
        if prev in ("DET", "ADJ") or (prev == "NOUN" and ends and not plural
                                      and not (nxt in ("ADP", "CCONJ") and lows[i + 1] != "of"
                                               and _plural_subject(out, lows, i - 1))):
            out[i] = "NOUN"  # "the plans", "annual report", "a heart attack." (not "fishermen live in":
            # a plural subject's verb stays one)
    return out


#: Determiners after which an irregular participle before a noun is its modifier (the articles,
#: the possessives and every): not those that can be a subject themselves ("all took part",
#: "those found guilty", "each gave a talk", "the book that held ...").
_MODIFIER_DETERMINERS = frozenset("the a an their his her its our your my every".split())


def _participle_modifier(texts: Sequence[str], tags: Sequence[str], lows: Sequence[str], i: int) -> bool:
    """Word i, a past form (broken, given, lost, taught; controlled, linked, published: not an -ing
    or -s form, not its own lemma), modifies the noun right after it (a noun, an adjective, or a
    verb's base, -ing or -s form that is then a noun: "your given name", "of published reports"):
    after an article, a possessive ("the library's hidden collections"), an adjective or a
    preposition ("with controlled vocabulary"), or opening a sentence with no word before it
    ("Torn pages are repaired", "Linked data connects catalogues", a quote or bracket before it).
    After a noun it is the noun's verb ("fishermen caught fish", "the library published reports",
    "users reserved items"), and after a determiner that can be a subject too it is left a verb
    ("all took part")."""
    low = lows[i]
    if low.endswith(("ing", "s")) or _en_base(low) or i + 1 >= len(tags):
        return False
    nxt, nxt_low = tags[i + 1], lows[i + 1]
    if not (nxt in ("NOUN", "PROPN", "ADJ") or nxt == "VERB" and not nxt_low.endswith("ed")
            and (_en_base(nxt_low) or nxt_low.endswith(("ing", "s")))):
        return False
    prev = lows[i - 1] if i else ""
    if prev in _MODIFIER_DETERMINERS or (i and tags[i - 1] in ("ADJ", "ADP")) or _possessive(prev):
        return True
    k = i - 1
    while k >= 0 and _token_kind(texts[k]) == 1:
        k -= 1  # an opening quote or bracket
    return k < 0 or _token_kind(texts[k]) == 2


def _possessive(low: str) -> bool:
    """The lower-case English word is a noun's possessive (the library's, Latvia's), not a closed-class
    word's contraction (it's, that's, there's: "It's called ...")."""
    if not low.endswith(("'s", "’s")):
        return False
    return not any(low[:-2] in words for words in get_lang("en").CLOSED_CLASSES.values())


#: Words that open a clause a subject may start (with SCONJ, CCONJ and punctuation, `_plural_subject`).
_RELATIVES = frozenset({"that", "which", "who", "whom", "whose"})


def _en_plural(low: str) -> bool:
    """The lower-case English word is a plural noun (libraries, fishermen, people)."""
    return get_lang("en").analyse(low).number == "plur"


def _en_base(low: str) -> bool:
    """The English word may be a singular noun: its own lemma (report, attack; not caught, took,
    sought), or a verb form that is a noun too (`lang.en.VERB_FORM_NOUNS`: a circular saw)."""
    en = get_lang("en")
    return en.lemma(low) == low or low in en.VERB_FORM_NOUNS


def _en_frequent_verb(low: str) -> bool:
    """The English word is a frequent verb in its own form (`lang.en.VERBS`: offer, register)."""
    en = get_lang("en")
    return low in en.VERBS and en.lemma(low) == low


def _plural_subject(tags: Sequence[str], lows: Sequence[str], j: int) -> bool:
    """Word j is a plural noun heading a phrase that opens a clause, so the subject of a verb after
    it ("Fishermen live in", "The local fishermen live in", "where libraries offer"): before its
    modifiers and at most one determiner comes the text's start, punctuation, a conjunction or a
    relative word; not a preposition or a verb, whose object it is ("courses for adults", "we help
    fishermen")."""
    if tags[j] != "NOUN" or not _en_plural(lows[j]):
        return False
    k = j - 1
    while k >= 0 and tags[k] in ("NOUN", "PROPN", "ADJ", "NUM"):
        k -= 1
    if k >= 0 and tags[k] == "DET" and lows[k] not in _RELATIVES:
        k -= 1
    return k < 0 or tags[k] in ("PUNCT", "CCONJ", "SCONJ") or lows[k] in _RELATIVES


# --- noun phrases ------------------------------------------------------------------------------


def _agree(adjective: frozenset, noun: frozenset) -> frozenset:
    """The noun readings an adjective's readings agree with (same case and number, gender when
    both know it); a word without readings agrees with nothing."""
    return frozenset(n for n in noun for a in adjective
                     if a[0] == n[0] and a[1] == n[1] and (a[2] is None or n[2] is None or a[2] == n[2]))


def _genitive_slots(w: Word) -> frozenset:
    return frozenset(s for s in w.slots if s[0] == "gen")


def _adjectives(ws: Sequence[Word], i: int, first: int, slots: frozenset, starts: list[int]) -> tuple[int, frozenset]:
    """Take the adjectives ending at ws[i], right to left and not before ws[first], that agree
    with `slots`: each is a start. Returns the index left of them and the readings they share."""
    while i >= first and ws[i].role == "A":
        narrowed = _agree(ws[i].slots, slots)
        if not narrowed:
            break
        slots = narrowed
        starts.append(i)
        i -= 1
    return i, slots


def _lv_starts(ws: Sequence[Word], h: int, max_words: int) -> list[int]:
    """Every start of a Latvian noun phrase headed by ws[h], nearest first: its adjectives, then
    genitive groups (each with its own adjectives), two joined by "un" once; adjectives before the
    leftmost genitive group that agree with the head and not with that genitive are the head's
    (īpašās interešu grupas) and end the phrase."""
    starts = [h]
    first = max(h - max_words + 1, 0)  # never before the sentence (a negative index wraps around)
    i, head_slots = _adjectives(ws, h - 1, first, ws[h].slots, starts)
    joined = last_genitive = False
    while i >= first:
        w = ws[i]
        if w.role in ("N", "G") and w.genitive:
            starts.append(i)
            last_genitive = True
            j, _ = _adjectives(ws, i - 1, first, _genitive_slots(w), starts)
            if j == i - 1:  # none agrees with the genitive: any agreeing with the head?
                k, _ = _adjectives(ws, j, first, head_slots, starts)
                if k != j:
                    break
            i = j
        elif (w.role == "U" and not joined and last_genitive and i >= 1 and ws[i - 1].role in ("N", "G")
              and ws[i - 1].genitive and not (i >= 2 and ws[i - 2].text == ",")
              and not _acronym(ws[i - 1].text) and not _acronym(ws[i + 1].text)):
            joined = True  # bibliotēku un informācijas (not a list: "kartes, ... un skaņu ieraksti";
            # nor an acronym, more often a body of its own: "rīko LNB un Rīgas bibliotēka")
            i -= 1
        else:
            break
    return starts


def _owns_adjective(ws: Sequence[Word], i: int) -> bool:
    """The genitive ws[i] has an adjective of its own before it: one that agrees with the genitive
    and with no noun after it in the phrase (*liela* of *liela mēroga projekts*, *profesionālās* of
    *profesionālās pilnveides kurss*; not *iespējamo* of *iespējamo Portlendas kausētavas
    slēgšanu*, which agrees with *slēgšanu*). A phrase starting at ws[i] would cut the genitive
    group in two, whether or not the adjective may itself be in a term (*mēroga projekts* is a
    fragment either way). Every noun up to the end of the run of nouns and adjectives counts: a
    participle agrees across a genitive group (*apstiprinātu finanšu ministres virzīto
    kandidāti*: *apstiprinātu* is *kandidāti*'s, so *finanšu ministre* stays a phrase). An ordinal
    owns no genitive: it picks one of a series of what the genitive names, and the phrase without
    it is whole (*dienas programma* of *otrās dienas programma*, the second day's programme; with
    *pirmās*, whose phrase may be a term itself, *pirmās dienas programma* is one too)."""
    if i == 0 or ws[i - 1].role != "A" or ws[i].role not in ("N", "G") or not ws[i].genitive:
        return False
    if _ordinal(ws[i - 1].text):
        return False
    adjective = ws[i - 1].slots
    if not _agree(adjective, _genitive_slots(ws[i])):
        return False
    for k in range(i + 1, len(ws)):
        w = ws[k]
        if w.role not in ("N", "G", "A"):
            return True
        if w.role == "N" and _agree(adjective, w.slots):
            return False
    return True


def _en_starts(ws: Sequence[Word], h: int, max_words: int) -> list[int]:
    """Every start of an English noun phrase headed by ws[h], nearest first."""
    starts = [h]
    i = h - 1
    used_of = used_and = False
    while i >= 0 and h - i < max_words:
        w = ws[i]
        if w.role in ("N", "A"):
            starts.append(i)
            i -= 1
        elif w.role == "O" and not used_of and i >= 1 and ws[i - 1].role == "N":
            used_of = True
            i -= 1
        elif w.role == "U" and not used_and and len(starts) > 1 and i >= 1 and ws[i - 1].role in ("N", "A") \
                and not _name_like(ws[i - 1]) and not _name_like(ws[i + 1]):
            used_and = True  # library and information professionals (never two names: X and Y Communities)
            i -= 1
        else:
            break
    return starts


def _name_like(w: Word) -> bool:
    """Capitalised where a common word would not be: not a sentence's first word."""
    return w.capital and not w.sent_start


def _continues(ws: Sequence[Word], h: int, lang: str) -> bool:
    """The capitalised word ws[h] is not the end of the name it is in: a word of the same phrase
    follows (Latvijas | Skolu bibliotekāru biedrība; Latvian | School Librarians Association;
    Library Association | of Latvia)."""
    w = ws[h]
    if not w.capital or h + 1 >= len(ws):
        return False
    nxt = ws[h + 1]
    if w.sent_start and not nxt.capital:
        return False  # "Bibliotēkas krājums", "Library staff": a sentence's first word, no name
    if lang == "lv":  # (an acronym is a name of its own: LNB of LNB Digitālā bibliotēka, ES of ES fondi)
        return w.genitive and nxt.role in ("N", "A", "G") and not _acronym(w.text)
    if nxt.role in ("N", "A") and nxt.capital:
        return True
    return nxt.role == "O" and h + 2 < len(ws) and ws[h + 2].capital and ws[h + 2].role in ("N", "A")


def _coordinated_modifier(ws: Sequence[Word], h: int) -> bool:
    """ws[h] can only be a genitive and *un*/*vai* joins it to an adjective: both modify the noun
    after them (interešu vai profesionālajām grupām: interest or professional groups), so ws[h]
    heads no phrase of its own. (Two genitives joined by *un* are one modifier: `_lv_starts`.)"""
    w = ws[h]
    return (h + 2 < len(ws) and ws[h + 1].lower in ("un", "vai") and ws[h + 2].role == "A"
            and bool(w.slots) and all(s[0] == "gen" for s in w.slots))


def noun_phrases(ws: Sequence[Word], *, lang: str, max_words: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, head) of every span of `ws` that can be a term (see the module docstring)."""
    module = get_lang(lang)
    titles = getattr(module, "TITLES", frozenset())
    non_term = module.is_non_term_adjective
    latvian = lang == "lv"
    starts_of = _lv_starts if latvian else _en_starts
    names = _personal_names(ws, max_words) if latvian else {}
    in_name = {k for end, (first, _) in names.items() for k in range(first, end)}  # words a surname follows
    for h, head in enumerate(ws):
        if head.role != "N" or (head.capital and (_continues(ws, h, lang) or h in in_name)):
            continue  # (`_continues` is False for a word not capitalised)
        if latvian and _coordinated_modifier(ws, h):
            continue
        valid = []
        clean = h  # the words from here to the head hold no non-term adjective
        starts = starts_of(ws, h, max_words)
        person, person_cases = names.get(h, (None, None))
        if person is not None and person not in starts:  # (in order: nearest first)
            starts = [x for x in starts if x > person] + [person] + [x for x in starts if x < person]
        for s in starts:  # nearest first: each start left of the one before
            if s < clean and any(ws[k].role == "A" and non_term(ws[k].text) for k in range(s, clean)):
                break  # "noderīgs kontakts", "mazāka biedra nauda": nor anything longer
            clean = s
            if s < h and ws[s + 1].capital and not ws[s].capital and not ws[s + 1].sent_start:
                break  # a capitalised word after a lower-case one: another name starts there
            if latvian and s > 0 and ws[s - 1].pos == "ADP" and (
                    person_cases == {"nom"} if s == person else head.slots and all(x[0] == "nom" for x in head.slots)):
                continue  # "pirms digitalizācijas bibliotēka": a preposition never governs a nominative
                # (a name's case is what its words share: "ar Angelu Merkeli")
            if s > 0 and ws[s].capital and not ws[s].sent_start and ws[s - 1].capital \
                    and ws[s - 1].role in ("N", "A") and ws[s - 1].lower.rstrip(".") not in titles and s != person:
                continue  # starts inside a name: "Bibliotekāru biedrība", "Library of Latvia"
                # (not a personal name's given name: "Ministrs Jānis Bērziņš", "no Ņujorkas Ronu Mizraki")
            if s < h and s > 1 and ws[s - 1].role == "O" and ws[s - 2].capital and _name_like(ws[s]):
                continue  # "Latvian Academic Libraries" of "Association of Latvian Academic Libraries"
            if latvian and s < h and _owns_adjective(ws, s):
                continue  # "mēroga projekts" of "liela mēroga projekts": the genitive's adjective left out
            valid.append(s)
        if len(valid) == 1 and valid[0] == h:  # (the head alone, as the loop below has it)
            yield h, h + 1, h
            continue
        name = next((s for s in valid if s < h and ws[s].capital and ws[s + 1].capital), None)
        for s in valid:
            if name is not None and name < s < h:
                continue  # a fragment of the name: only the whole name (and its head word)
            if s < h and ws[s].role == "U":
                continue
            yield s, h + 1, h


# --- the same morphology as a spaCy component ----------------------------------------------------


def _register_extensions() -> None:
    from ..spacyload import import_spacy

    import_spacy()
    from spacy.tokens import Token

    for name in _EXTENSIONS:
        if not Token.has_extension(name):
            Token.set_extension(name, default=None)


class Morphology:
    """spaCy component: the morphology guesses of `lang.<lang>.analyse` on every token (English
    parts of speech corrected by `english_context`)."""

    def __init__(self, lang: str):
        self.lang = lang
        self.module = get_lang(lang)

    def __call__(self, doc):
        analyse = self.module.analyse
        starts = sentence_initial([tok.text for tok in doc])
        analyses = [analyse(tok.text, sent_start=start) for tok, start in zip(doc, starts)]
        tags = [a.pos for a in analyses]
        if self.lang == "en":
            tags = english_context([tok.text for tok in doc], tags)
        for tok, start, a, tag in zip(doc, starts, analyses, tags):
            tok.pos_ = tag
            tok.lemma_ = a.lemma
            tok.set_morph(a.morph or None)  # a "Case=Gen|Number=Sing" string, as MorphAnalysis takes it
            u = tok._  # one extension accessor a token (each `tok._` makes a new one)
            u.analysis = a
            u.case, u.number, u.definite = a.case, a.number, a.definite
            u.stem, u.fold, u.sent_start = a.stem, a.fold, start
            u.genitive = a.has_case("gen")
        return doc


@lru_cache(maxsize=4)
def morph_nlp(lang: str):
    """A blank spaCy pipeline for `lang` (lv, en) with the morphology component."""
    from ..spacyload import import_spacy

    spacy = import_spacy()
    from spacy.language import Language

    _register_extensions()
    if not Language.has_factory("lvterm_morphology"):
        Language.factory("lvterm_morphology", default_config={"lang": "lv"},
                         func=lambda nlp, name, lang: Morphology(lang))
    nlp = spacy.blank(lang)
    nlp.add_pipe("lvterm_morphology", config={"lang": lang})
    return nlp
