"""A Latvian personal name in the nominative, whatever case the text puts it in (`_personal_name`).

The words of a name agree by apposition, so a given name the lexicon knows (`patterns._given_names`)
shows the case of the whole name: Sergeju Ivanovu -> Sergejs Ivanovs, Jānim Bērziņam -> Jānis
Bērziņš. A woman's surname takes the nominative its ending shows (Gloriju Estefanu -> Glorija
Estefana), a man's surname the lexicon lacks the one `_masculine_nominative` reads (Kariņam ->
Kariņš), and a name whose given name the lexicon lacks is read by its endings
(`_unknown_given_name`: Dilmai Rousefai -> Dilma Rousefa). An indeclinable word stays as written
(`_indeclinable`: Moniku Beluči -> Monika Beluči), as does a word seen unchanged while the name's
other words change case (`_unchanged`). Also the tests of a name's shape that the canonical form
asks (`_is_person`, `_genitive_shaped`, `_name_genders`). Used by `terms.canonical`.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from .occurrences import _Occ
from .patterns import (_FEMININE_ENDINGS, _UNKNOWN_NAME_CASES, _VOWELS, Word, _feminine_nominative, _given_names,
                       _mans_genitive, _may_be_indeclinable, _name_extent)
from .specificity import _general_frequency

def _is_person(occ: _Occ) -> bool:
    """The occurrence is a personal name of two or more words (`patterns._name_extent`)."""
    words, n = occ.words, len(occ.words)
    return (n > 1 and occ.head == n - 1 and all(w.capital for w in words)
            and _name_extent(words, 0, n, noun_after=occ.before_noun)[0] == n - 1)


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


def _personal_name(occ: _Occ, canonical: str, fixed: frozenset[int],
                   genders: frozenset[str] = frozenset()) -> tuple[str, bool]:
    """A personal name's words in the nominative: the words of a name agree by apposition, so when
    the first is a given name the lexicon knows (`patterns._given_names`), every word of the name is
    in its case. Its given names take the lexicon's nominative (Sergeju Ivanovu -> Sergejs Ivanovs,
    Jānim Bērziņam -> Jānis Bērziņš). A woman's surname takes the nominative of the 4th or 5th
    declension that its ending in that case shows (Gloriju Estefanu -> Glorija Estefana, Ingrīdu
    Gūtmani -> Ingrīda Gūtmane); a man's keeps the head's nominative as `canonical._lv_inflected`
    made it, when that ends in -s or -š and the head can be in that case. An indeclinable surname
    stays as written (`_indeclinable`: Moniku Beluči -> Monika Beluči, Sergeju Verdi -> Sergejs
    Verdi), and so does a word at a `fixed` position (seen unchanged while the name's other words
    change case). A given name of a man's and a woman's reading (Robertu: Roberts or Roberta;
    Roberta: his genitive or her nominative) is of the gender the candidate's other occurrences show
    (`genders`: Robertam is his), else of the name more frequent in Latvian text, by its dative
    (wordfreq: Robertam, not Robertai), and only that reading is tried. A given name the lexicon
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
    morphology cannot tell (the name stays as `canonical._lv_inflected` has it, its head's guessed
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
            made.append(out[i])  # a man's surname as `canonical._lv_inflected` put it in the nominative (the lexicon's)
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
