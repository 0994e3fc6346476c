"""Latvian multi-word terms: their canonical form, and every inflected form.

A Latvian term is a noun phrase whose last word is its head noun. The adjectives and participles
right before the head agree with it in case, number and gender, and inflect with it; every word
before them is a modifier in the genitive and never changes:

    canonical_term("publiskajās bibliotēkās")   # 'publiskā bibliotēka'
    canonical_term("Latvijas Bibliotekāru biedrībai")   # 'Latvijas Bibliotekāru biedrība'
    canonical_term("autortiesību")              # 'autortiesības' (plurale tantum stays plural)
    inflect_term("biedra nauda")                # ('biedra nauda', 'biedra naudas', 'biedra naudai',
                                                #  'biedra naudu', 'biedra naudā', 'biedra naudām', ...)

The canonical form is the nominative singular (plural for a plurale tantum, or on request), with
the adjectives in the definite form that Latvian terminology uses (elektroniskais katalogs,
atvērtā piekļuve) unless `definite=False`; a word that is another word in the other definiteness
keeps the one it is written in (otra puse, the other side; otrā puse is the second one). Words come from `lang.lexicon` (Hunspell lv_LV): the
head's forms are the dictionary's own (alternations included: spēle -> spēļu); an adjective takes
the ending of the head's slot on its own stem, so comparatives and participles work too (lielākā,
atvērtā). A head the lexicon does not know inflects by the regular endings of the declension its
nominative shows; a term whose last word is not a noun (LinkedIn, a verb) is left as it is.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import lexicon
from .keys import tokens
from .lexicon import ADJECTIVE_ENDINGS, CASES, NUMBERS, NOUN_ENDINGS, Slot

#: The slots a term is inflected into, in this order (vocatives are left out: no term needs one).
SLOTS = tuple((case, number) for number in NUMBERS for case in CASES[:5])


@dataclass(frozen=True)
class TermShape:
    """How a term is built: its words (with their character spans), the head's index, lemma,
    gender and forms by slot, and for each agreeing word its stem and definiteness."""

    text: str
    spans: tuple[tuple[int, int, str], ...]
    head: int
    head_lemma: str
    gender: str | None
    head_forms: dict[tuple[str, str], str]
    agreeing: tuple[tuple[int, str, bool], ...]  # (word index, adjective base, definite as written)
    slots: frozenset[tuple[str, str]]  # the (case, number) slots the term is written in
    fixed: frozenset[int] = frozenset()  # agreeing words whose definiteness is their lemma's (`_own_definiteness`)


def _noun_readings(word: str) -> list[lexicon.Reading]:
    return [r for r in lexicon.readings(word) if r.pos in ("NOUN", "PROPN") and r.known_lemma]


#: The genitive plural of a 5th-declension noun (-e) alternates the consonant before its ending, as
#: lv_LV.aff's rules for it do (flag s, is:dpg), the longest ending first: upe -> upju, pūce ->
#: pūču, lāde -> lāžu, egle -> egļu, vietne -> vietņu, kase -> kašu, saite -> saišu, pieredze ->
#: pieredžu; st stays (kaste -> kastu), kst is kš; other consonants stay (vēsture -> vēsturu).
#: tests/test_morph_guesses.py checks it against every such noun the lexicon knows.
GENITIVE_PLURAL_5 = (("kste", "kšu"), ("ste", "stu"), ("lne", "ļņu"), ("sne", "šņu"), ("zne", "žņu"),
                     ("lle", "ļļu"), ("be", "bju"), ("me", "mju"), ("pe", "pju"), ("ve", "vju"), ("ce", "ču"),
                     ("de", "žu"), ("le", "ļu"), ("ne", "ņu"), ("se", "šu"), ("te", "šu"), ("ze", "žu"), ("e", "u"))


def genitive_plural_5(lemma: str) -> str:
    """The genitive plural of a 5th-declension noun by `GENITIVE_PLURAL_5`: 'tīmekļvietne' -> 'tīmekļvietņu'."""
    low = lemma.lower()
    for end, plural in GENITIVE_PLURAL_5:
        if low.endswith(end):
            return lemma[:len(lemma) - len(end)] + plural
    return lemma


def _regular_forms(lemma: str) -> tuple[dict[tuple[str, str], str], str | None]:
    """Slot forms of a noun the lexicon does not know, by the regular endings of its declension
    (the 5th's genitive plural with its alternation, `genitive_plural_5`)."""
    low = lemma.lower()
    for end, declension in (("is", 2), ("us", 3), ("s", 1), ("š", 1), ("a", 4), ("e", 5)):
        if low.endswith(end) and len(low) > len(end) + 1:
            endings = NOUN_ENDINGS[declension]
            if end == "š":
                endings = ("š",) + endings[1:]
            stem = lemma[:len(lemma) - len(endings[0])]
            forms = {slot: stem + e for slot, e in zip(SLOTS, endings)}
            if declension == 5:
                forms[("gen", "plur")] = genitive_plural_5(lemma)
            return forms, "masc" if declension <= 3 else "fem"
    return {}, None


def _head_forms(reading: lexicon.Reading) -> dict[tuple[str, str], str]:
    """(case, number) -> the form of the head's lemma in it (the dictionary's first spelling)."""
    out: dict[tuple[str, str], str] = {}
    for slot, form in lexicon.slot_forms(reading.lemma, pos=reading.pos).items():
        out.setdefault((slot.case, slot.number), form)
    return out


def _adjective_slots(word: str) -> list[tuple[Slot, str]]:
    """(slot, base) of every adjective-like reading of a word: adjectives, and participles that
    decline like adjectives; base is the word without its ending ('atvērtā' -> 'atvērt')."""
    out = []
    for r in lexicon.readings(word):
        if r.pos == "ADJ" or r.kind == "participle":
            for slot in r.slots:
                end = ADJECTIVE_ENDINGS.get(slot)
                if slot.gender is None or end is None:
                    continue
                if word.lower().endswith(end):
                    out.append((slot, word[:len(word) - len(end)]))
                elif end == "s" and word.lower().endswith("š"):
                    out.append((slot, word[:-1]))
    return out


def _own_definiteness(word: str, base: str, matches: list[tuple[Slot, str]]) -> bool:
    """Whether an agreeing word keeps the definiteness it is written in because in the other it is
    another word: otra, otru (otrs, other) and otrā, otrās (otrais, the second); desmitās (desmitais,
    the tenth) and desmitas (desmits). `matches`: its slots that agree with the head."""
    written = {slot.definite for slot, _ in matches}
    if len(written) != 1:
        return False
    slot = matches[0][0]
    other = Slot(slot.case, slot.number, slot.gender, not written.pop())

    def lemmas(form: str, slots: set[Slot]) -> set[str]:
        return {r.lemma for r in lexicon.readings(form)
                if (r.pos == "ADJ" or r.kind == "participle") and not slots.isdisjoint(r.slots)}

    ours, theirs = lemmas(word, {s for s, _ in matches}), lemmas(_adjective(base, other), {other})
    return bool(ours) and bool(theirs) and not ours & theirs


def _agrees(slot: Slot, head_slots: frozenset[tuple[str, str]], gender: str | None) -> bool:
    return (slot.case, slot.number) in head_slots and (gender is None or slot.gender == gender)


@lru_cache(maxsize=20_000)
def term_shape(text: str) -> TermShape | None:
    """The shape of a Latvian term, or None when its last word is not a noun."""
    spans = tuple(tokens(text))
    if not spans:
        return None
    head = len(spans) - 1
    word = spans[head][2]
    readings = _noun_readings(word)
    if readings:
        best = readings[0]
        same = [r for r in readings if r.lemma == best.lemma and r.pos == best.pos]
        head_forms = _head_forms(best)
        written = frozenset((s.case, s.number) for r in same for s in r.slots)
        genders = {s.gender for r in same for s in r.slots}
        gender = genders.pop() if len(genders) == 1 else None
        head_lemma = best.lemma if best.pos == "PROPN" or word[:1].isupper() else best.lemma.lower()
    elif lexicon.readings(word) or not word.isalpha() or word[:1].isupper():
        return None  # a verb, an adjective alone, a name or an English word (LinkedIn, Communities): as written
    else:
        head_forms, gender = _regular_forms(word)
        if not head_forms:
            return None
        written = frozenset(slot for slot, form in head_forms.items() if form == word)
        head_lemma = word
    if not written:
        written = frozenset(head_forms)
    agreeing, fixed = [], set()
    for i in range(head - 1, -1, -1):
        matches = [(slot, base) for slot, base in _adjective_slots(spans[i][2]) if _agrees(slot, written, gender)]
        if not matches:
            break
        definite = {slot.definite for slot, _ in matches}
        agreeing.append((i, matches[0][1], definite != {False}))
        if _own_definiteness(spans[i][2], matches[0][1], matches):
            fixed.add(i)
        if gender is None:
            gender = matches[0][0].gender
        written = frozenset((slot.case, slot.number) for slot, _ in matches)
    return TermShape(text, spans, head, head_lemma, gender, head_forms, tuple(agreeing), written, frozenset(fixed))


def _keep_case(written: str, new: str) -> str:
    if written.isupper() and len(written) > 1:
        return new.upper()
    if written[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _adjective(base: str, slot: Slot) -> str:
    end = ADJECTIVE_ENDINGS[slot]
    if end == "s" and lexicon.lemmas(base + "š") and not lexicon.lemmas(base + "s"):
        end = "š"  # zaļš, slapjš
    return base + end


def _render(shape: TermShape, case: str, number: str, *, definite: bool | None) -> str | None:
    head = shape.head_forms.get((case, number))
    if head is None:
        return None
    words = {shape.head: _keep_case(shape.spans[shape.head][2], head)}
    for i, base, written_definite in shape.agreeing:
        d = written_definite if definite is None or i in shape.fixed else definite
        slot = Slot(case, number, shape.gender or "masc", d)
        words[i] = _keep_case(shape.spans[i][2], _adjective(base, slot))
    out, pos = [], 0
    for i, (start, end, word) in enumerate(shape.spans):
        out += [shape.text[pos:start], words.get(i, word)]
        pos = end
    out.append(shape.text[pos:])
    return "".join(out)


def canonical_term(text: str, *, definite: bool | None = True, plural: bool | None = None) -> str:
    """The canonical form of a Latvian term: head and agreeing adjectives in the nominative
    singular (plural when `plural`, or for a plurale tantum when `plural` is None), adjectives
    definite (`definite=None`: as written; False: indefinite); genitive modifiers unchanged.
    A term that cannot be analysed is returned as it is."""
    shape = term_shape(" ".join(text.split()))
    if shape is None:
        return text
    forms = shape.head_forms
    plural_lemma = forms.get(("nom", "plur"), "").lower() == shape.head_lemma.lower() != \
        forms.get(("nom", "sing"), "").lower()  # a plurale tantum, or a noun used in the plural
    number = "plur" if plural or (plural is None and plural_lemma) else "sing"
    return _render(shape, "nom", number, definite=definite) or text


def term_paradigm(text: str, *, definite: bool | None = None) -> tuple[tuple[str, str, str], ...]:
    """(case, number, form) of a Latvian term in every slot its head has, singular then plural,
    nominative to locative; adjectives keep the definiteness written (or `definite`).
    A term that cannot be analysed has no slots: ()."""
    shape = term_shape(" ".join(text.split()))
    if shape is None:
        return ()
    out = []
    for case, number in SLOTS:
        form = _render(shape, case, number, definite=definite)
        if form is not None:
            out.append((case, number, form))
    return tuple(out)


def inflect_term(text: str, *, definite: bool | None = None, both_definite: bool = False) -> tuple[str, ...]:
    """Every distinct inflected form of a Latvian term, the term as written first, then in the
    order of `term_paradigm`: 'biedra nauda' -> biedra nauda, biedra naudas, biedra naudai, ...
    With `both_definite`, then also in the other definiteness of its adjectives, where
    `other_definiteness` has it: 'kopīga interese' -> ..., kopīgā interese, kopīgajām interesēm."""
    text = " ".join(text.split())
    forms = [text, *(form for _, _, form in term_paradigm(text, definite=definite))]
    other = other_definiteness(text) if both_definite and definite is None else None
    if other is not None:
        forms += (form for _, _, form in term_paradigm(text, definite=other))
    return tuple(dict.fromkeys(forms))


def other_definiteness(text: str) -> bool | None:
    """The definiteness (True: definite) a term's adjectives are not written in, when each of them
    is a word the lexicon has in it: 'jaunais speciālists' -> False (jauns), 'kopīga interese' ->
    True (kopīgā). None: no adjective agrees with the head, they are written in both, the lexicon
    lacks one ('vadošais' has no 'vadošs' there), or one is capitalised, part of a name
    (Latvijas Nacionālā bibliotēka)."""
    shape = term_shape(" ".join(text.split()))
    if shape is None or not shape.agreeing or shape.fixed:
        return None  # (otra puse, the other side: otrā puse is the second)
    written = {d for _, _, d in shape.agreeing}
    if len(written) != 1:
        return None
    other = not written.pop()
    for i, base, _ in shape.agreeing:
        word = _adjective(base, Slot("nom", "sing", shape.gender or "masc", other))
        if shape.spans[i][2][:1].isupper() or not any(slot.definite == other for slot, _ in _adjective_slots(word)):
            return None
    return other
