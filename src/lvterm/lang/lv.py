"""Latvian language knowledge in one place: keys (lemma, stem, fold), and more below.

Lemmas come from the Hunspell lexicon (`lang.lexicon`); simplemma and an ending-based guess answer
only for words the lexicon does not know, and `lemma_source` says which one did. Multi-word terms:
`canonical_term` and `inflect_term` (from `lang.inflect`). Nothing heavy is loaded at import time:
the lexicon and simplemma load their data on first use.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from .keys import fold, fold_key, in_capitals, spacing_variants, word_keys  # noqa: F401  (fold_key: one for all languages)

LANG = "lv"

# --- keys -------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """LatvianStemmer's stem of one word, diacritic-folded: 'biedrībā' and 'biedribu' -> 'biedrib'.
    A hyphenated word inflects at its end: 'e-pastā' and 'e-pasts' -> 'e-past'. An acronym that
    spells a closed-class word keys as written: 'ES' (the EU) is not 'es' (I)
    (`morph.spells_closed_class`)."""
    import LatvianStemmer

    if spells_closed_class(word, classes=_CLOSED_CLASSES):
        return word
    w = word.lower()
    head, sep, tail = w.rpartition("-")
    if sep and head and tail:
        return f"{fold(head)}-{stem(tail)}"
    if not w.isalpha() or len(w) < 3:
        return fold(w)
    return fold(LatvianStemmer.stem(w))


#: Who gave a lemma, best first: the Hunspell lexicon, simplemma (a word it knows), a nominative
#: guessed from the ending (profilus -> profils), or nobody (the word itself).
LEMMA_SOURCES = ("lexicon", "simplemma", "guess", "none")


@lru_cache(maxsize=200_000)
def lemma_info(word: str) -> tuple[str, str]:
    """(lemma, source) of one word, the lemma lower-cased (see LEMMA_SOURCES): the lexicon's best
    reading ('tīklošanai' -> 'tīklošana', 'autortiesībām' -> 'autortiesības'), else the fallbacks."""
    from . import lexicon

    low = word.lower()
    if word.replace("-", "").isalpha():
        found = lexicon.lemmas(word)
        if found:
            return found[0][0].lower(), "lexicon"
    from . import lemmacache as simplemma  # simplemma, its dictionary read from a cached trie

    if simplemma.is_known(low, lang="lv"):
        return simplemma.lemmatize(low, lang="lv").lower(), "simplemma"
    guess = _guess_noun_lemma(low, force=True) if low.isalpha() else low
    return (guess, "guess") if guess != low else (low, "none")


def lemma(word: str) -> str:
    """The lemma (dictionary form) of one word, lower-cased: the lexicon's, else a fallback's."""
    return lemma_info(word)[0]


def lemma_source(word: str) -> str:
    """Which of LEMMA_SOURCES gave `lemma(word)`."""
    return lemma_info(word)[1]


def canonical_term(text: str, **options) -> str:
    """The canonical form of a multi-word term (see `lvterm.lang.inflect.canonical_term`)."""
    from .inflect import canonical_term as canonical

    return canonical(text, **options)


def inflect_term(text: str, **options) -> tuple[str, ...]:
    """Every inflected form of a multi-word term (see `lvterm.lang.inflect.inflect_term`)."""
    from .inflect import inflect_term as inflect

    return inflect(text, **options)


#: The prefixes of Latvian perfective verbs (dzēst -> izdzēst, drukāt -> izdrukāt, teikties ->
#: pieteikties); pa- is left out: its verbs drift furthest (rakstīt -> parakstīt, to sign). Most
#: prefixed verbs are verbs of their own (sūtīt -> pārsūtīt, to forward; dot -> pārdot, to sell;
#: vērt -> atvērt, aizvērt: open, close), so `verb_forms` never adds them: `perfectives` names
#: them, for a curator to choose from.
VERB_PREFIXES = ("aiz", "ap", "at", "ie", "iz", "no", "pār", "pie", "sa", "uz")


#: Verbs whose present stem is another verb's (suppletion), by ending: ...teikt(ies) says (es)
#: saku, (viņš) saka, sakiet, jāsaka, sakot, as ...sacīt(ies) does (pieteikties: piesakos,
#: piesakās, piesakieties, jāpiesakās; the past and future are its own: pieteicos, pieteiksies).
#: lv_LV makes the present forms of ...teikt(ies) from its past stem instead (pieteicas,
#: pieteicieties, jāpieteicas, pieteicot: no words), and has the right ones under ...sacīt(ies).
_PRESENT_OF = {"teikt": "sacīt", "teikties": "sacīties"}


@lru_cache(maxsize=2_000)
def verb_forms(infinitive: str) -> tuple[str, ...]:
    """Every form the lexicon makes of a Latvian verb: finite forms, the debitive, participles and
    gerunds (dzēš, dzēsts, dzēšot; pieteicies, pieteikusies), and negated (nedzēsts, nedzēš); lower
    case, the infinitive first. Only the verb's own: izdzēsts is izdzēst's (`perfectives`). () when
    the lexicon does not know `infinitive` as a verb (a guess would make forms that are no words).
    The forms of rules that strip a whole root are in (iet: eju, ej, ejot, gāju, gāja: the
    dictionary's FULLSTRIP, `lexicon.Lexicon.expand`); a suppletive present is taken from its verb
    (`_PRESENT_OF`: piesakās, not pieteicas, for pieteikties)."""
    from . import lexicon

    low = infinitive.lower()
    own = lexicon.forms(low, pos="VERB")
    if not own:
        return ()
    own = _suppletive_present(low, own)
    # negated: ne- before each form (what the lexicon makes of "ne" + the verb, at half the cost; būt's
    # ir: nav, `lexicon.negated`), but for the debitive ("nav jādzēš") and the superlative ("visdzēstākais")
    known = set(own)
    negated = (lexicon.negated(low, form) for form in own if not (form.startswith("jā") and not low.startswith("jā"))
               and not (form.startswith("vis") and form[3:] in known))
    return tuple(dict.fromkeys((*own, *negated)))


def _suppletive_present(low: str, own: tuple[str, ...]) -> tuple[str, ...]:
    """The forms `own` of the verb `low` with its present-stem forms those of the verb it takes its
    present from (`_PRESENT_OF`), with its prefix (pieteikt: piesaku, jāpiesaka, from sacīt's saku,
    jāsaka); `own` as it is for any other verb."""
    from . import lexicon

    for ending, other in _PRESENT_OF.items():
        if low.endswith(ending) and (their_forms := lexicon.forms(other, pos="VERB")):
            prefix = low[:len(low) - len(ending)]
            theirs = lexicon.present_forms(other)
            dropped = lexicon.present_forms(low)
            taken = []
            for form in their_forms:
                if form in theirs:
                    # (the lexicon's prefixes before a verb's own: jāpiesaka, vispiesakāmākais)
                    mark = next((p for p in lexicon._INFLECTIONAL_PREFIXES if form.startswith(p)), "")
                    taken.append(mark + prefix + form[len(mark):])
            return tuple(dict.fromkeys((*(f for f in own if f not in dropped), *taken)))
    return own


@lru_cache(maxsize=2_000)
def perfectives(infinitive: str) -> tuple[str, ...]:
    """The verbs the lexicon knows that are `infinitive` with a `VERB_PREFIXES` prefix (dzēst ->
    izdzēst, nodzēst, ...): each may be its perfective, or another verb altogether (sūtīt ->
    pārsūtīt); lower case. () for a verb the lexicon does not know."""
    from . import lexicon

    low = infinitive.lower()
    if not lexicon.forms(low, pos="VERB"):
        return ()
    return tuple(prefix + low for prefix in VERB_PREFIXES if lexicon.forms(prefix + low, pos="VERB"))


@lru_cache(maxsize=100_000)  # terms and forms are keyed again and again
def stem_key(text: str) -> str:
    """Space-joined stems of every word: 'biedra naudu' -> 'biedr naud' (matches 'biedra nauda')."""
    return word_keys(stem, text)


def lemma_key(text: str) -> str:
    """Space-joined lemmas of every word: 'biedra naudu' -> 'biedrs nauda'."""
    return word_keys(lemma, text)


#: The ASCII spellings of Latvian letters people type without a Latvian keyboard ("translits"):
#: bibliotekaa for bibliotēkā, shis for šis, zhurnaals for žurnāls.
_TRANSLIT = (("aa", "ā"), ("ee", "ē"), ("ii", "ī"), ("uu", "ū"), ("ch", "č"), ("sh", "š"), ("zh", "ž"),
             ("gj", "ģ"), ("kj", "ķ"), ("lj", "ļ"), ("nj", "ņ"))


def query_variants(text: str) -> tuple[str, ...]:
    """The ways a lookup query may name a Latvian term: itself, and read as typed in the ASCII
    convention for Latvian letters ("bibliotekaa" -> "bibliotēkā", "zhurnaals" -> "žurnāls"); a
    word spelt with Latvian letters already is left as it is. Also with & read as "un" (and "un"
    as &, which keys drop), and with its hyphens and spaces as `keys.spacing_variants` gives
    them ("e grāmata" for e-grāmata)."""
    out = [text]
    low = text.lower()
    if low.isascii() and any(a in low for a, _ in _TRANSLIT):
        for a, b in _TRANSLIT:
            low = low.replace(a, b)
        out.append(low)
    if "&" in text:
        out.append(" ".join(text.replace("&", " un ").split()))
    elif " un " in low:
        out.append(re.sub(r"(?i) un ", " & ", text))
    out += spacing_variants(text)
    return tuple(dict.fromkeys(out))


def is_word(word: str, *, folded: bool = True) -> bool:
    """A Latvian word spelt right, as typed, and in use: some form of an entry of the Hunspell
    lexicon that wordfreq counts common (Zipf >= 3). Lookup does not correct such a word into a term
    one letter away ('vecais' is not 'jaunais'); a rare form the dictionary also spells ('bieda', one
    letter from 'biedra') is more likely a typo. Typed without Latvian letters, a word that folds to a
    common Latvian word (and is no common English one) counts too (`folded`): 'biedriba' is
    'biedrība', not a typo of 'biedriem'."""
    from . import lexicon
    from .wordlists import is_common, is_common_folded

    if not word.isalpha():
        return False
    if is_common(word, "lv", min_zipf=3.0) and (lexicon.is_known(word) or lexicon.is_known(word.lower())):
        return True
    # typed without Latvian letters ('biedriba'): a common word once folded, and no English one
    return (folded and word.isascii() and is_common_folded(word, "lv", min_zipf=3.0)
            and not is_common(word, "en", min_zipf=3.0))


# --- segmentation -----------------------------------------------------------
# Abbreviation keys: lower-cased, without the final period and without spaces ("u. c." -> "u.c").

# Never end a sentence: titles, and words always followed by a name or a number.
SENT_ABBREV_NONFINAL = frozenset("""
    prof doc asoc dr mg bc ak god k-gs kgs kdz tālr tel mob fakss plkst apm piem t.i t.sk sk skat
    sal nr resp red sast tulk sēj izd att tab p nod pag iel dž kr fr ed pl vsk dsk
    philol hist paed oec sc soc comp med biol chem phys art iur bibl geogr ing math habil
    t.s inž akad kand dz
""".split())

# May end a sentence: a following capitalised word starts a new one.
SENT_ABBREV_FINAL = frozenset("""
    u.c u.tml utt u.t.t etc g gs lpp tūkst milj mljrd min sek u.c.tml
""".split())

# Close a list ("… kartes u.c."): a number after them starts a new sentence ("u.c. 2012. gadā …").
SENT_ABBREV_LIST_END = frozenset("u.c u.tml utt u.t.t u.c.tml etc".split())

# Stand before a number ("Nr. 5"): no sentence ends between them.
SENT_ABBREV_NUMERIC = frozenset("nr p lpp att tab sēj nod tālr tel".split())

# Capitalised words that follow an ordinal inside a sentence ("13. Saeima", "2. Pasaules karš").
SENT_ORDINAL_NOUNS = ("saeim", "pasaules", "starptautisk", "vispārēj", "dziesmu", "deju")

# Latvian writes ordinals with a full stop ("2011. gadā"): a small number with a stop before a name
# is an ordinal ("3. Latvijas bibliotekāru kongress"), not a sentence end.
SENT_PERIOD_ORDINALS = True

# After these a capitalised name continues the sentence ("1525. g. Lībekā", "18. gs. Kurzemes").
SENT_ABBREV_BEFORE_NAMES = frozenset({"g", "gs"})

# Stand for words that take a head noun ("u.c." = "un citi", "u.tml." = "un tamlīdzīgi"), which a
# capitalised name may begin ("muzeji u.c. Latvijas kultūras iestādes"): `continues_list`. "utt."
# ("un tā tālāk") and "etc." take none: a capital after them always opens a sentence.
SENT_ABBREV_HEADED = frozenset({"u.c", "u.tml", "u.c.tml"})
_HEAD_WORDS = 3  # lower-case words looked at for the head noun after the name
_SENT_PUNCT = ".,;:!?…\"'„“”«»()[]"


@lru_cache(maxsize=50_000)
def looks_like_name(word: str) -> bool:
    """A capitalised word that is a proper name: simplemma knows it with a capitalised lemma
    ('Kurzemes' -> 'Kurzeme'), or neither simplemma nor wordfreq knows it and it has Latvian
    letters ('Lībekā'; an unknown plain-ASCII word may be Latvian typed without diacritics)."""
    word = word.strip(_SENT_PUNCT)
    if not word[:1].isupper():
        return False
    from .lemmacache import dictionary

    lexicon = dictionary("lv")  # simplemma's, read from a cached trie
    lemma = lexicon.get(word) or lexicon.get(word.lower())
    if lemma is not None:
        return lemma[:1].isupper()
    if word.isascii():  # may be a common word typed without diacritics ("Lasitaji")
        return False
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "lv") < 2.0


def continues_list(before: str, after: Sequence[str]) -> bool:
    """Whether the capitalised words `after` a list's closing "u.c." ("un citi/citas") go on with the
    list's head noun rather than open a sentence; `before` is the list's last member. They do when
    they are a proper name in the genitive (Latvijas, Rīgas Stradiņa; its first word read as a
    sentence's first word is, so "Balvu" is the prize's genitive, not the town's), then, within
    `_HEAD_WORDS` lower-case words and past genitives, a noun that agrees with `before` in case and
    number together (`plural_cases`): "citi" is plural and agrees with its head, and so does every
    member of the list ("muzejos u.c. Kurzemes pilsētu bibliotēkās"). A plural `before` agrees as a
    plural, case and number read together: "grāmatu" (gen. plural) and "bibliotēkas" (gen. singular
    or nom. plural) share no reading, so "daudz grāmatu u.c. Latvijas bibliotēkas ir atvērtas" is
    two sentences. A `before` that cannot be a plural, a list of singular names, agrees with the
    plural head in case ("Rīga, Liepāja u.c. Latvijas pilsētas", "Rīgā, Liepājā u.c. Latvijas
    pilsētās": `singular_cases`).

    A word that may be a genitive and has a lower-case noun or adjective after it is that word's
    attribute, not the head, as Latvian puts the genitive first ("Latvijas kultūras iestādes"). So
    after a genitive plural "grāmatu u.c. Latvijas bibliotēku krājumi ir lieli" splits:
    "bibliotēku" agrees with "grāmatu" but modifies "krājumi", which does not, and "Latvijas
    bibliotēku krājumi ir lieli" is a sentence. A genitive plural that ends the phrase is the head
    ("daudz grāmatu, žurnālu u.c. Latvijas izdevumu.", "… bibliotēku krājumu."): such a phrase is
    no sentence of its own. One with a noun after it ("grāmatu u.c. Latvijas izdevumu bibliotēkā")
    may be either and splits, as before the rule. A head in another case or number opens a sentence
    ("žurnāli u.c. Latvijas bibliotēkās to var pasūtīt", "u.c. Latvijas Nacionālā bibliotēka
    rīko"); one that agrees by chance does not ("izdevumi u.c. Rīgas bibliotēkas ir atvērtas" reads
    as one sentence)."""
    last = before.strip(_SENT_PUNCT)
    if in_capitals(last):  # an acronym declines not: any case ("RTU u.c. …")
        from . import lexicon

        cases = frozenset(lexicon.CASES[:5])
    else:  # a plural agrees as a plural; a singular name in case ("Rīga, Liepāja u.c. … pilsētas")
        cases = plural_cases(last) or singular_cases(last)
    if not cases or not after:
        return False
    found = analyse(after[0].strip(_SENT_PUNCT), sent_start=True)
    if found.pos != "PROPN" or not found.has_case("gen") or after[0][-1] in _SENT_PUNCT:
        return False
    rest = list(after[1:])
    while rest and rest[0][:1].isupper() and rest[0][-1] not in _SENT_PUNCT \
            and analyse(rest[0].strip(_SENT_PUNCT)).has_case("gen"):
        rest.pop(0)  # "Latvijas Universitātes", "Rīgas Stradiņa"
    for k, word in enumerate(rest[:_HEAD_WORDS]):
        bare = word.strip(_SENT_PUNCT)
        if not bare[:1].islower():
            return False
        found = analyse(bare)
        ends = word[-1] in _SENT_PUNCT  # the phrase ends here
        nxt = rest[k + 1] if k + 1 < len(rest) else ""
        attribute = found.has_case("gen") and not ends and nxt[:1].islower() \
            and analyse(nxt.strip(_SENT_PUNCT)).pos in ("NOUN", "ADJ")  # "bibliotēku krājumi"
        if not attribute and cases & plural_cases(bare):
            return True
        if not found.has_case("gen") or ends:
            return False  # neither the head nor a genitive before it, or the phrase ends here
    return False


def plural_cases(word: str) -> frozenset[str]:
    """The cases a noun `word` may be in as a plural: case and number read together, so "grāmatu"
    is a genitive plural (its accusative is singular), "bibliotēkas" a nominative or accusative
    plural (its genitive is singular), "krājumi" a nominative plural; empty for a word that cannot
    be a plural noun ("Latvijas", "bibliotēka", "izsniedz"). The lexicon's (case, number) slots answer
    for a word it knows; for one it lacks, the plural endings of every declension
    (`lexicon.NOUN_ENDINGS`: -i nominative, -u genitive, -iem/-ām/-ēm/-īm dative, -us/-as/-es/-is
    accusative, -os/-ās/-ēs/-īs locative, -as/-es/-is nominative too), narrowed by `analyse`."""
    return _noun_cases(word, number="plur")


def singular_cases(word: str) -> frozenset[str]:
    """`plural_cases` for the singular: "Liepāja" nominative, "Liepājā" locative, "grāmatu"
    accusative."""
    return _noun_cases(word, number="sing")


def _noun_cases(word: str, *, number: str) -> frozenset[str]:
    from . import lexicon

    found = analyse(word)
    if found.pos not in ("NOUN", "PROPN") or not found.case \
            or number not in (found.number or "").split("|"):
        return frozenset()
    slots = [s for r in lexicon.readings(word) if r.known_lemma and r.pos in ("NOUN", "PROPN")
             for s in r.slots]
    low = word.lower()
    plural = number == "plur"
    cases = {s.case for s in slots if s.number == number} if slots else {
        lexicon.CASES[i % 5] for endings in lexicon.NOUN_ENDINGS.values()
        for i, end in enumerate(endings) if (i >= 5) == plural and low.endswith(end)}
    return frozenset(cases.intersection(found.case.split("|")))


# --- morphology ---------------------------------------------------------------
# A suffix-based guess of part of speech, case and number for one word (no tagger is available
# for Latvian in spaCy). Values follow Universal Dependencies names in lower case; an ambiguous
# ending keeps every reading, most likely first, joined by "|" ("gen|acc").

from .morph import Analysis, closed_class, spells_closed_class  # noqa: E402  (one Analysis type for both languages)

ADPOSITIONS = frozenset(
    "ar uz no par pie pēc līdz bez aiz pa pār starp zem virs pret priekš caur dēļ ap gar iekš "
    "pāri kopš labad ārpus iekšpus apakš augšpus virspus lejpus aizmugurē priekšā pirms "
    "saskaņā attiecībā atbilstoši".split())
CONJUNCTIONS = frozenset("un vai bet taču nedz jeb tomēr gan".split())
SUBORDINATORS = frozenset("ka lai ja kad kamēr jo kaut nekā kā kopš".split())
PARTICLES = frozenset("ne arī pat tikai vēl jau vien nu it jā nē ik".split())
AUXILIARIES = frozenset(
    "ir nav bija nebija būs nebūs būt būtu esmu esi esam esat esot bijis bijusi bijuši bijušas "
    "tiek netiek tika netika tiks netiks tikt tiktu var nevar varēja varēs varētu varam varat "
    "varu vari varot jābūt kļūst kļuva kļūs kļuvis kļuvusi kļuvuši vajag vajadzētu".split())
# Frequent verb forms that no ending gives away (present and past tense of irregular verbs).
VERB_FORMS = frozenset(
    "veic veica saka sacīja teica sāka sāk dara darīja iet gāja nāk nāca notiek notika ļauj ļāva "
    "redz redzēja zina zināja grib gribēja dod deva ņem ņēma liek lika tiekas tikās prasa "
    "prasīja sedz sedza atrod atrada paliek palika mācās strādā strādāja dzīvo dzīvoja".split())
# Pronouns in every case form, one pronoun a line: nominative, genitive, dative, accusative and
# locative singular, then plural, masculine, then the feminine forms that differ (indented on a
# line of their own where the line is long; -u is the genitive plural of both genders, -as the
# feminine nominative and accusative plural); tanī, šinī (-s) are older spellings of tajā, šajā
# (-s). Written by hand: lv_LV lists these pronouns but lacks forms (sevī, šās) and makes forms no
# one writes from its adjective rules (ciša from "cits");
# `tests/test_morph_lv_pronouns.py` checks each form. Last, words that are not pronouns and have
# long been taken for ones here (kur, tur, šeit, nekad, citādi; kaut, of "kaut kas").
PRONOUNS = frozenset("""
    es manis man mani manī
    tu tevis tev tevi tevī
    mēs mūsu mums mūs mūsos
    jūs jūsu jums jūsos
    sevis sev sevi sevī
    viņš viņa viņam viņu viņā viņi viņiem viņus viņos viņas viņai viņām viņās
    tas tā tam to tajā tanī tie tiem tos tajos tanīs tās tai tām tajās
    šis šī šā šim šo šajā šinī šie šiem šos šajos šinīs šīs šās šai šīm šajās
    šitas šitā šitam šito šitajā šitie šitiem šitos šitajos šitās šitai šitām šitajās
    kas kā kam ko
    nekas nekā nekam neko
    jebkas jebkā jebkam jebko
    kurš kura kuram kuru kurā kuri kuriem kurus kuros kuras kurai kurām kurās
    jebkurš jebkura jebkuram jebkuru jebkurā jebkuri jebkuriem jebkurus jebkuros
        jebkuras jebkurai jebkurām jebkurās
    ikkurš ikkura ikkuram ikkuru ikkurā ikkuri ikkuriem ikkurus ikkuros
        ikkuras ikkurai ikkurām ikkurās
    kāds kāda kādam kādu kādā kādi kādiem kādus kādos kādas kādai kādām kādās
    nekāds nekāda nekādam nekādu nekādā nekādi nekādiem nekādus nekādos
        nekādas nekādai nekādām nekādās
    jebkāds jebkāda jebkādam jebkādu jebkādā jebkādi jebkādiem jebkādus jebkādos
        jebkādas jebkādai jebkādām jebkādās
    tāds tāda tādam tādu tādā tādi tādiem tādus tādos tādas tādai tādām tādās
    šāds šāda šādam šādu šādā šādi šādiem šādus šādos šādas šādai šādām šādās
    šitāds šitāda šitādam šitādu šitādā šitādi šitādiem šitādus šitādos
        šitādas šitādai šitādām šitādās
    pats paša pašam pašu pašā paši pašiem pašus pašos pati pašas pašai pašām pašās
    viss visa visam visu visā visi visiem visus visos visas visai visām visās
    katrs katra katram katru katrā katri katriem katrus katros katras katrai katrām katrās
    ikkatrs ikkatra ikkatram ikkatru ikkatrā ikkatri ikkatriem ikkatrus ikkatros
        ikkatras ikkatrai ikkatrām ikkatrās
    cits cita citam citu citā citi citiem citus citos citas citai citām citās
    dažs daža dažam dažu dažā daži dažiem dažus dažos dažas dažai dažām dažās
    neviens neviena nevienam nevienu nevienā nevieni nevieniem nevienus nevienos
        nevienas nevienai nevienām nevienās
    ikviens ikviena ikvienam ikvienu ikvienā ikvieni ikvieniem ikvienus ikvienos
        ikvienas ikvienai ikvienām ikvienās
    mans mana manam manu manā mani maniem manus manos manas manai manām manās
    tavs tava tavam tavu tavā tavi taviem tavus tavos tavas tavai tavām tavās
    savs sava savam savu savā savi saviem savus savos savas savai savām savās
    kur tur šeit nekad citādi kaut
""".split())
# The nominative forms (a clause's subject can be one; an oblique form, katrā, visus, tādus, kurus,
# stands before a noun phrase as well: katrā atbalsta programmā): those of the pronouns declined
# otherwise, and of each declined as an adjective (a dative plural in -iem: viņš viņiem, kurš
# kuriem), its masculine and feminine, singular and plural (-s/-š, -a, -i, -as). A form that is
# also another case (tā, viņa, kura: the genitive too; jūs: the accusative) counts.
NOMINATIVE_PRONOUNS = frozenset(
    "es tu mēs jūs tas tā tie tās šis šī šie šīs šitas šitā šitie šitās kas nekas jebkas "
    "pats pati paši pašas".split()) | frozenset(
    w[:-1] + end for w in PRONOUNS if w.endswith(("s", "š")) and w[:-1] + "iem" in PRONOUNS
    for end in ("s", "š", "a", "i", "as") if w[:-1] + end in PRONOUNS)
ADVERBS = frozenset(
    "ļoti daudz maz vairāk mazāk vairs tagad šodien vakar rīt kur tad tur šeit bieži parasti "
    "tieši galvenokārt pilnībā piemēram savukārt turklāt vienmēr nekad kopā atkal drīz tāpat "
    "šonedēļ nesen beidzot tāpēc tādēļ vēlāk agrāk pašlaik joprojām īpaši pēkšņi ātri labi "
    "slikti aptuveni apmēram gandrīz šogad pērn pagaidām klātienē tiešsaistē kopumā vispār "
    "pirmoreiz visbiežāk diemžēl protams varbūt noteikti acīmredzot pat līdz šim tālāk kādreiz "
    "vienlaikus arvien tomēr jau gan dažreiz reizēm kāpēc kurp šurp turp".split())
NUMERALS = frozenset(
    "viens viena vienu divi divas divu trīs četri četras pieci piecas seši sešas septiņi "
    "septiņas astoņi astoņas deviņi deviņas desmit simts simt simti tūkstotis tūkstoši tūkstošiem "
    "tūkstošus miljons miljoni miljonu miljardi miljardu".split())
# Common adjectives whose lemma carries no adjective suffix.
ADJECTIVES = frozenset(
    "liels mazs jauns vecs labs slikts plašs īpašs dažāds augsts zems garš īss ātrs lēns svešs "
    "pirmais otrais trešais pēdējais nākamais galvenais vienots brīvs balts melns sarkans zaļš "
    "zils dzeltens pilns tukšs viegls grūts smags silts auksts jauks skaists gudrs stiprs vājš "
    "bagāts nabags dārgs lēts tīrs netīrs slavens pazīstams iespējams nepieciešams apaļš aktīvs "
    "kopējs pašreizējs iepriekšējs tagadējs bijušais populārs regulārs elementārs militārs "
    "solidārs vulgārs".split())

# Derivational suffixes of adjective lemmas (masculine indefinite nominative).
_ADJ_LEMMA_SUFFIXES = ("isks", "īgs", "āls", "īvs", "ēts", "ains", "āks", "ošs", "ējais",
                       "iskais", "ālais", "īgais", "īvais", "ais", "ēls", "ēns", "ots")
_DEF_ADJ = {
    # definite endings that nouns do not have (longest first is handled by sorting)
    "ajiem": (("dat",), "plur"), "ajām": (("dat",), "plur"), "ajās": (("loc",), "plur"),
    "ajos": (("loc",), "plur"), "ajam": (("dat",), "sing"), "ajai": (("dat",), "sing"),
    "ajā": (("loc",), "sing"), "ais": (("nom",), "sing"), "ie": (("nom",), "plur"),
}
_ADJ_AMBIG = {
    # endings shared by definite and indefinite adjectives, with their readings
    "ā": (("nom", "loc"), "sing", True), "o": (("gen", "acc"), "plur|sing", True),
    "ās": (("nom", "gen", "acc", "loc"), "plur|sing", True),
    "s": (("nom",), "sing", False), "š": (("nom",), "sing", False),
    "a": (("nom", "gen"), "sing", False), "am": (("dat",), "sing", False),
    "ai": (("dat",), "sing", False), "u": (("acc", "gen"), "sing|plur", False),
    "i": (("nom",), "plur", False), "as": (("gen", "nom", "acc"), "sing|plur", False),
    "iem": (("dat",), "plur", False), "ām": (("dat",), "plur", False),
    "us": (("acc",), "plur", False), "os": (("loc",), "plur", False),
}
# Noun endings: ending -> (cases, number). Order matters only through length (longest first).
_NOUN_ENDINGS = {
    "iem": (("dat",), "plur"), "ām": (("dat",), "plur"), "ēm": (("dat",), "plur"),
    "īm": (("dat",), "plur"), "os": (("loc",), "plur"), "ās": (("loc",), "plur"),
    "ēs": (("loc",), "plur"), "īs": (("loc",), "plur"), "am": (("dat",), "sing"),
    "im": (("dat",), "sing"), "um": (("dat",), "sing"), "ai": (("dat",), "sing"),
    "ei": (("dat",), "sing"), "ij": (("dat",), "sing"), "us": (("acc",), "plur"),
    "u": (("acc", "gen"), "sing|plur"), "ā": (("loc",), "sing"), "ē": (("loc",), "sing"),
    "ī": (("loc",), "sing"), "ū": (("loc",), "sing"), "as": (("gen", "nom", "acc"), "sing|plur"),
    "es": (("gen", "nom", "acc"), "sing|plur"), "is": (("nom",), "sing"),
    "i": (("nom", "acc"), "plur|sing"), "a": (("gen",), "sing"), "e": (("nom",), "sing"),
    "s": (("nom",), "sing"), "š": (("nom",), "sing"),
}
_VERBAL_NOUN = {  # -šanu is taken for an accusative: the genitive plural of these is rare
    "šana": (("nom",), "sing"), "šanas": (("gen", "nom", "acc"), "sing|plur"),
    "šanai": (("dat",), "sing"), "šanu": (("acc",), "sing"), "šanā": (("loc",), "sing"),
    "šanām": (("dat",), "plur"), "šanās": (("loc",), "plur"),
}
_VERB_ENDINGS = ("amies", "āmies", "imies", "ojam", "ojat", "ātos", "ētos", "ītos", "otos",
                 "ami", "amas", "ēmi", "ēmas", "oja", "ties", "ities", "ēties", "āties", "oties",
                 "joties", "dams", "dama", "damies",
                 "damas", "dami", "ušies", "usies", "ušās", "jies", "jusies", "uši", "usi",
                 "ušas", "ušo", "ušu", "ušajiem")
_INFINITIVE = ("āt", "ēt", "īt", "ot", "ut", "at", "et", "it", "st", "zt")


def _ending(word: str, table) -> str | None:
    for end in sorted(table, key=len, reverse=True):
        if word.endswith(end) and len(word) > len(end) + 1:
            return end
    return None


def _is_proper(word: str, *, sent_start: bool) -> bool:
    """Capitalised mid-sentence, mixed case (LinkedIn) or all capitals (LISNPN); at a sentence
    start only when the lexicon knows it as a proper noun alone (Latvijas; not Interneta, which
    is also a common noun), or, for a word it lacks, simplemma does (its lemma keeps the capital)."""
    if not word[:1].isupper():
        return False
    if any(ch.isupper() for ch in word[1:]) or any(ch.isdigit() or ch == "." for ch in word):
        return True
    if not sent_start:
        return True
    from . import lexicon

    known_readings = [r for r in lexicon.readings(word) if r.known_lemma] if word.isalpha() else []
    if known_readings:
        return all(r.root[:1].isupper() for r in known_readings)
    from . import lemmacache as simplemma  # simplemma, its dictionary read from a cached trie

    known = simplemma.lemmatize(word, lang="lv")
    return known[:1].isupper() and simplemma.is_known(word, lang="lv")


_NOUN_LEMMA_GUESS = (("iem", "s"), ("us", "s"), ("os", "s"), ("am", "s"), ("ām", "a"),
                     ("ās", "a"), ("ai", "a"), ("as", "a"), ("ēm", "e"), ("ēs", "e"), ("ei", "e"),
                     ("es", "e"), ("u", "s"), ("i", "s"), ("ā", "s"))


def _guess_noun_lemma(low: str, *, force: bool = False) -> str:
    """A nominative for a noun simplemma does not know ('profilus' -> 'profils'), from its ending.
    After -ij- the ending tells an -ijs noun (kritērijs, Dmitrijs) from an -ija one (kolekcija):
    one only the 1st declension has (`_ij_masculine_endings`) gives -ijs (Dmitrijam, Dmitrijiem,
    Dmitrijos -> dmitrijs); one only the 4th has gives -ija (kolekcijām, kolekcijai); one both share
    (-iju, -ijā) reads as -ija too, the far more common noun (kolekciju -> kolekcija, and so
    Dmitriju -> dmitrija)."""
    from . import lemmacache as simplemma  # simplemma, its dictionary read from a cached trie

    if len(low) < 5 or not force and simplemma.is_known(low, lang="lv"):
        return low
    for end, nom in _NOUN_LEMMA_GUESS:
        if low.endswith(end):
            base = low[: -len(end)]
            if base.endswith("ij"):
                return base + ("s" if end in _ij_masculine_endings() else "a")
            return base + nom
    return low


@lru_cache(maxsize=1)
def _ij_masculine_endings() -> frozenset[str]:
    """The endings of the 1st declension (kritērijs) that the 4th (kolekcija) lacks: -am, -i, -iem,
    -us, -os (and the nominative's -s), from `lexicon.NOUN_ENDINGS`."""
    from .lexicon import NOUN_ENDINGS

    return frozenset(NOUN_ENDINGS[1]) - frozenset(NOUN_ENDINGS[4])


# (two endings of one length never both end a word: their order among themselves does not matter)
_ADJ_ENDINGS_LONGEST_FIRST = tuple(sorted(set(_DEF_ADJ) | set(_ADJ_AMBIG), key=len, reverse=True))


def _adjective_lemma(word: str) -> str | None:
    """The masculine indefinite lemma of an adjective form, from its ending alone."""
    w = word.lower()
    for end in _ADJ_ENDINGS_LONGEST_FIRST:
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[: -len(end)] + "s"
    return None


def _looks_adjective(word: str, lem: str) -> bool:
    w = word.lower()
    if lem in ADJECTIVES or lem.endswith(_ADJ_LEMMA_SUFFIXES):
        return True
    guess = _adjective_lemma(w)
    if guess and (guess in ADJECTIVES or guess.endswith(_ADJ_LEMMA_SUFFIXES)):
        return True
    # a comparative: lielāka, labāku, izdevīgāki
    return bool(re.search(r"āk(ais|ā|ajam|ajai|ajā|ie|ās|ajos|ajiem|ajām|o|s|a|am|ai|u|i|as|iem|ām|us|os)$", w))


def _readings(word: str, table) -> tuple[tuple[str, ...], str]:
    end = _ending(word, table)
    if end is None:
        return (), ""
    return table[end][0], table[end][1]


# Closed word classes in the order `analyse` tries them ("kā" is a subordinator before a pronoun).
_CLOSED_CLASSES = (("ADP", ADPOSITIONS), ("CCONJ", CONJUNCTIONS), ("SCONJ", SUBORDINATORS),
                   ("AUX", AUXILIARIES), ("PRON", PRONOUNS), ("PART", PARTICLES),
                   ("ADV", ADVERBS), ("NUM", NUMERALS), ("VERB", VERB_FORMS))


@lru_cache(maxsize=200_000)
def analyse(word: str, *, sent_start: bool = False, acronyms: bool = True) -> Analysis:
    """Guess part of speech, case, number and definiteness of one Latvian word from its ending,
    closed word lists and simplemma's lemma; attach lemma, stem and folded keys. `acronyms=False`:
    the word's sentence is all in capitals, a word in capitals is no acronym (`morph.closed_class`).

    >>> analyse("biedra").case, analyse("sociālajos").definite
    ('gen', True)
    """
    low = word.lower()
    keys = dict(stem=stem(word), fold=fold(word))
    closed = closed_class(word, low=low, keys=keys, classes=_CLOSED_CLASSES, acronyms=acronyms)
    if closed:
        return closed
    if "." in word and word.islower():  # an abbreviation: u.c., t.i., piem.
        return Analysis("X", None, None, None, low, **keys)
    proper = _is_proper(word, sent_start=sent_start)
    known = _from_lexicon(word, low=low, proper=proper, keys=keys)
    if known is not None:
        return known
    lem = lemma(word)
    # verbal nouns in -šana keep their own nominative (simplemma gives the verb for some)
    end = _ending(low, _VERBAL_NOUN)
    if end and not proper:
        cases, number = _VERBAL_NOUN[end]
        return Analysis("NOUN", "|".join(cases), number, None, low[: -len(end)] + "šana", **keys)
    if not proper:
        if low.endswith(_VERB_ENDINGS) or (lem.endswith("t") or lem.endswith("ties")) \
                and len(lem) > 3 and not low.endswith(("iem", "ēm")):  # interesēm: a noun
            return Analysis("VERB", None, None, None, lem, **keys)
        if low.endswith("t") and lem == low:  # an infinitive: no Latvian noun ends in -t
            return Analysis("VERB", None, None, None, lem, **keys)
    if (not proper or word[1:].islower()) and _looks_adjective(low, lem):
        alem = lem if lem.endswith(("s", "š")) and lem != low else (_adjective_lemma(low) or lem)
        return _adjective_analysis(low, alem, keys)
    # a noun (or proper noun): readings from the ending, narrowed by the lemma
    if lem.endswith(_INFINITIVE) and not proper:  # simplemma took a noun for a verb form
        lem = _guess_noun_lemma(low, force=True)
    elif lem == low and not proper:
        lem = _guess_noun_lemma(low)
    cases, number = _readings(low, _NOUN_ENDINGS)
    if not cases:
        return Analysis("PROPN" if proper else "NOUN", None, None, None, lem if not proper else word,
                        **keys)
    lem_low = lem.lower()
    if low == lem_low and not low.endswith(("as", "es", "i", "u", "us")) or low.endswith("is"):
        cases, number = ("nom",), "sing"  # the dictionary form itself
    elif low.endswith("a") and lem_low.endswith(("s", "š", "is", "us")):
        cases, number = ("gen",), "sing"  # biedra <- biedrs
    elif low.endswith("u") and lem_low.endswith("e"):
        cases, number = ("gen",), "plur"  # spēļu, interešu <- spēle, interese (acc sg is -i)
    elif low.endswith("i") and lem_low.endswith("is"):
        cases, number = ("acc", "nom"), "sing|plur"  # skapi: acc sg, or nom pl
    elif low.endswith("i") and lem_low.endswith(("s", "š")):
        cases, number = ("nom",), "plur"  # tīkli <- tīkls
    elif low.endswith("s") and lem_low.endswith("s") and low != lem_low and not low.endswith(
            ("os", "ās", "ēs", "īs", "us", "as", "es")):
        cases, number = ("gen",), "sing"  # ūdens, suns (gen of -s nouns)
    pos = "PROPN" if proper else "NOUN"
    lem_out = lem if not proper else (lem[:1].upper() + lem[1:] if lem.lower() != low else word)
    return Analysis(pos, "|".join(cases), number, None, lem_out, **keys)


def _adjective_analysis(low: str, lem: str, keys) -> Analysis:
    """An adjective's case, number and definiteness from its ending (ambiguous endings keep every
    reading, most likely first)."""
    def_end = _ending(low, _DEF_ADJ)
    if def_end:
        (cases, number), definite = _DEF_ADJ[def_end], True
    else:
        amb = _ending(low, _ADJ_AMBIG)
        if amb is None:
            return Analysis("ADJ", None, None, None, lem, **keys)
        cases, number, definite = _ADJ_AMBIG[amb]
        if amb in ("ā", "ās"):
            definite = None  # definite nominative/genitive, or a locative of either
    return Analysis("ADJ", "|".join(cases), number, definite, lem, **keys)


# Noun cases, most frequent first: the order of an ambiguous form's readings ("gen|nom|acc").
_CASE_ORDER = ("gen", "nom", "acc", "dat", "loc", "voc")


def _from_lexicon(word: str, *, low: str, proper: bool, keys) -> Analysis | None:
    """The analysis from the lexicon's best reading (its lemma, part of speech and, for nouns, the
    cases and numbers of every reading of that lemma); None for a word the lexicon lacks.
    A participle that declines like an adjective (atvērtā, strādājošie) is an ADJ here: it agrees
    with its noun like one. Verbal nouns keep their singular readings when they have one
    (-šanu: accusative singular; the genitive plural of these is rare)."""
    from . import lexicon

    if not word.replace("-", "").isalpha():
        return None
    readings = [r for r in lexicon.readings(word) if r.known_lemma]
    if not readings:
        return None
    # a capitalised word the context calls common (a sentence start) reads as a common word when
    # the lexicon has one (Interneta: internets, not the name Internets), and a name as a name
    as_written = [r for r in readings if r.root[:1].isupper() == proper]
    readings = as_written or readings
    best = readings[0]
    same = [r for r in readings if (r.lemma, r.pos) == (best.lemma, best.pos)]
    if best.pos == "ADJ" or (best.kind == "participle" and best.slots):
        if proper and not word[1:].islower():
            return None
        return _adjective_analysis(low, best.lemma, keys)
    if best.pos == "VERB" and not proper:
        return Analysis("VERB", None, None, None, best.lemma, **keys)
    if best.pos not in ("NOUN", "PROPN"):
        return None  # adverbs, numerals, pronouns the closed lists lack: the guesser decides
    slots = [slot for r in same for slot in r.slots]
    if best.kind == "verbal_noun" and any(sl.number == "sing" for sl in slots):
        slots = [sl for sl in slots if sl.number == "sing"]
    cases = sorted({sl.case for sl in slots if sl.case and sl.case != "voc"}, key=_CASE_ORDER.index)
    numbers = sorted({sl.number for sl in slots if sl.number}, key=("sing", "plur").index)
    pos = "PROPN" if proper or best.pos == "PROPN" else "NOUN"
    lem = best.lemma if pos == "NOUN" else best.lemma[:1].upper() + best.lemma[1:]
    if pos == "NOUN":
        lem = lem.lower()
    return Analysis(pos, "|".join(cases) or None, "|".join(numbers) or None, None, lem, **keys)


# Feminine nouns of the 6th declension end in -s like masculine ones.
_FEMININE_S = frozenset("valsts nakts sirds govs zivs pils krāsns acs auss dzelzs klēts kūts "
                        "pirts šalts uts vēsts zoss asins debess rudens".split())


def is_feminine(noun_lemma: str) -> bool:
    """Grammatical gender from a noun's nominative singular: -a, -e and a few -s nouns are feminine."""
    low = noun_lemma.lower()
    return low.endswith(("a", "e")) or low in _FEMININE_S


def adjective_nominative(word: str, *, feminine: bool, definite: bool = True,
                         plural: bool = False) -> str:
    """An adjective form put into the nominative of a gender and number, comparatives kept:
    ('sociālajos', masculine, definite) -> 'sociālais'; ('mazāka', feminine, indefinite) -> 'mazāka';
    ('olimpiskajās', feminine, definite, plural) -> 'olimpiskās'."""
    low = word.lower()
    guess = _adjective_lemma(low) or low
    base = guess[:-1] if guess.endswith(("s", "š")) else guess
    if plural:
        out = base + (("ās" if definite else "as") if feminine else ("ie" if definite else "i"))
    elif feminine:
        out = base + ("ā" if definite else "a")
    else:
        out = base + ("ais" if definite else ("š" if guess.endswith("š") else "s"))
    return out[:1].upper() + out[1:] if word[:1].isupper() else out


def noun_nominative_plural(noun_lemma: str) -> str | None:
    """The nominative plural of a noun from its nominative singular, where no consonant
    alternation can intervene: spēle -> spēles, tīkls -> tīkli, grupa -> grupas; None otherwise."""
    low = noun_lemma.lower()
    if low.endswith(("a", "e")):
        out = noun_lemma + "s"
    elif low.endswith(("s", "š")) and not low.endswith(("is", "us")) and low not in _FEMININE_S:
        out = noun_lemma[:-1] + "i"
    else:
        return None
    return out


# Adjectives that evaluate, compare, count or order rather than classify: a term does not start
# with one ("noderīgs kontakts", "mazāka biedra nauda", "septītais uzdevums"). Masculine
# indefinite forms, as `adjective_nominative(..., feminine=False, definite=False)` gives them.
NON_TERM_ADJECTIVES = frozenset(
    "labs labāks vislabāks slikts sliktāks noderīgs atšķirīgs dažāds izdevīgs izdevīgāks mazs "
    "mazāks liels lielāks vislielāks jaunāks vecāks cits potenciāls iespaidīgs īsts pareizs "
    "svarīgs svarīgāks otrs trešs ceturts piekts sests septīts astots devīts desmits pēdējs "
    "nākams iepriekšējs plašs vairāks daudzs noteikts konkrēts pašreizējs tagadējs ikdienišķs "
    "parasts vienkāršs nestrādājošs dažs visāds šāds tāds kāds nepilnīgs pilnīgs kvalitatīvs vajadzīgs "
    "nepieciešams".split())


@lru_cache(maxsize=100_000)  # asked of every adjective of every phrase: words repeat
def is_non_term_adjective(word: str) -> bool:
    """True for an evaluative, comparative or ordinal adjective form (see NON_TERM_ADJECTIVES)."""
    return adjective_nominative(word, feminine=False, definite=False).lower() in NON_TERM_ADJECTIVES


# Nouns in the locative that work as postpositions after a genitive ("nedēļas ietvaros": within
# the week, "gada laikā": during the year): never a term's head (term extraction).
POSTPOSITIONAL_NOUNS = frozenset("ietvaros laikā gaitā rezultātā vietā sakarā labad".split())
