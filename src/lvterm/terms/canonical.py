"""A term candidate's canonical form: Latvian in the nominative (`_lv_canonical`), English in the
singular (`_en_canonical`).

Latvian: the head and its agreeing adjectives in the nominative singular (`_lv_inflected`: the
lexicon's `lv.canonical_term`, else the head's guessed nominative), a plurale tantum or a term seen
only in the plural staying plural (`_usually_plural`), adjectives definite unless every occurrence
shows an indefinite-only form (`_indefinite_only`), genitive modifiers unchanged, words in capitals
and foreign words as written (`_lv_nominative`); a personal name in the nominative
(`terms.personal_names`) wins, and one the name rule cannot read stays as seen (`_seen_name`).
English: a singular form seen, else the head made singular (`_en_singular`); names and the nouns
terms use in the plural as written. A form actually seen is preferred among the results (`_pick`);
a Latvian result whose stem key differs from the candidate's by a stem alternation the key does not
undo is taken when the lexicon reads the form seen one way only (`_alternated`: ceļvežus -> ceļvedis).
The rules and their examples: `terms.extract`'s docstring.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from ..lang import get as get_lang
from ..lang.keys import in_capitals
from .occurrences import _Occ, _memoised
from .patterns import Word, _unknown_word
from .personal_names import (_genitive_shaped, _is_person, _masculine_nominative, _name_genders, _personal_name,
                             _unchanged)

def _most_common(counter: Counter[str]) -> str:
    return sorted(counter.items(), key=lambda x: (-x[1], x[0]))[0][0]


def _pick(options: Counter[str], seen: Iterable[str], key: str, lang: str, fallback: str) -> str:
    """The option with the candidate's key: one seen as a form first, then the most frequent.
    Latvian: else an option that is a form seen with a stem alternation its stem key does not undo
    (`_alternated`: ceļvedis of ceļvežus, d/ž), so the term is not kept in the accusative plural."""
    stem_key = get_lang(lang).stem_key
    seen = set(seen)
    ordered = sorted(options, key=lambda t: (t not in seen, -options[t], t))
    for text in ordered:
        if stem_key(text) == key:
            return text
    if lang == "lv":
        for text in ordered:
            if any(_alternated(text, form) for form in seen):
                return text
    return fallback


def _alternated(text: str, form: str) -> bool:
    """Whether `text` is `form` in another case or number, word by word: the same stem, or, for a
    word in lower case, the one lemma of all the lexicon's readings of the form where a stem
    alternation (ceļvedis, ceļvežus; ezis, ežus) gives two stems. A lemma only guessed, or one of
    two (rikšu: riksis, or a word the lexicon lacks), never counts, nor a name's (Boks is no
    bokss): such a word stays as seen."""
    from ..lang import lexicon, lv

    ours, theirs = text.split(), form.split()
    if len(ours) != len(theirs):
        return False
    for a, b in zip(ours, theirs):
        if lv.stem(a) == lv.stem(b):
            continue
        if not (a.islower() and b.islower()):
            return False
        lemmas = {(r.lemma, r.known_lemma) for r in lexicon.readings(b)}
        if lemmas != {(a, True)}:
            return False
    return True


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


def _keep_case(surface: str, word: str) -> str:
    if in_capitals(surface):
        return word.upper()
    return word[:1].upper() + word[1:] if surface[:1].isupper() else word.lower()


# --- English ---------------------------------------------------------------------


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
