"""English language knowledge in one place: keys (lemma, stem, fold), and more below."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from .keys import fold, fold_key, spacing_variants, word_keys, words  # noqa: F401  (fold_key: one for all languages)

LANG = "en"

# --- keys -------------------------------------------------------------------

_SUFFIXES = ("ies", "es", "s")
#: A possessive ending, also in capitals (US'S as US's).
_POSSESSIVES = ("'s", "’s", "'S", "’S")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """simplemma's English lemma, lower-cased: 'fees' -> 'fee'."""
    from .lemmacache import lemmatize  # simplemma, its dictionary read from a cached trie

    return lemmatize(word.lower(), "en").lower()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light stem key: folded lemma with a plural/possessive ending removed.

    Words in -ing(s) key as the -ing noun: terms are mostly nouns, and 'networking' (tīklošana) is
    not 'networks' (tīkli), while 'meetings' and 'meeting' meet. simplemma alone would give 'network'.
    An acronym that spells a closed-class word keys as written, its plural and possessive as it
    ("US's", in capitals "US'S" -> 'US'): 'US' and 'IT' are not 'us' and 'it'
    (`morph.spells_closed_class`).
    """
    bare = word[:-2] if word.endswith(_POSSESSIVES) else word[:-1] if word.endswith("s") else word
    if spells_closed_class(bare, classes=CLOSED_CLASSES.items()):
        return bare
    ing = _ing_noun(word)
    if ing:
        return ing
    w = fold(lemma(word))
    if w.endswith("'s") or w.endswith("’s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


@lru_cache(maxsize=100_000)  # terms and forms are keyed again and again
def stem_key(text: str) -> str:
    return word_keys(stem, text)


def _ing_noun(word: str) -> str | None:
    """The folded singular of a word in -ing(s) ('Meetings' -> 'meeting'), else None."""
    f = fold(word)
    if f.endswith("ings") and len(f) > 6:
        return f[:-1]
    if f.endswith("ing") and len(f) > 5:
        return f
    return None


def lemma_key(text: str) -> str:
    """Lemmas of the words, -ing nouns kept as in `stem` (lookup: 'networks' is not 'networking')."""
    return " ".join(_ing_noun(w) or lemma(w) for w in words(text))


def is_word(word: str, *, folded: bool = True) -> bool:
    """An English word spelt right: a common word of three letters or more (wordfreq, Zipf >= 3, from
    the cached list; its two-letter "words" are mostly abbreviations and typos).
    Lookup corrects only words that are not ('memebrship'), so 'employee' is never taken for a
    typo of 'employer'. (`folded`, as `lv.is_word` has it, changes nothing: English has no
    diacritics to leave out.)"""
    from .wordlists import is_common

    return len(word) >= 3 and word.isalpha() and is_common(word, "en", min_zipf=3.0)


#: Articles a query may start with ("the membership fee"); no term does.
ARTICLES = frozenset({"the", "a", "an"})

#: American and British endings of the same words, longest first: organization/organisation,
#: center/centre, program/programme, catalog/catalogue, license/licence, color/colour.
SPELLINGS = (("izations", "isations"), ("ization", "isation"), ("izing", "ising"), ("izers", "isers"),
             ("izer", "iser"), ("izes", "ises"), ("ized", "ised"), ("ize", "ise"), ("yzing", "ysing"),
             ("yzes", "yses"), ("yzed", "ysed"), ("yze", "yse"), ("ogs", "ogues"), ("oging", "oguing"),
             ("oged", "ogued"), ("og", "ogue"), ("ams", "ammes"), ("am", "amme"), ("enses", "ences"),
             ("ense", "ence"), ("eling", "elling"), ("eled", "elled"), ("ors", "ours"), ("or", "our"),
             ("ers", "res"), ("er", "re"))
#: A respelt word is taken only if it is in use (wordfreq's Zipf, as `is_word` but lower: the
#: British "cataloguing" is 2.55) and keeps three letters before the ending ("four" is not "for").
RESPELT_MIN_ZIPF = 2.5
RESPELT_MIN_STEM = 3


@lru_cache(maxsize=20_000)
def respell(word: str, *, british: bool) -> str:
    """The word in British (`british`) or American spelling where the other is in use, else the word:
    'organization' -> 'organisation', 'centre' -> 'center' (british=False)."""
    from .wordlists import is_common

    low = word.lower()
    for us, uk in SPELLINGS:
        have, want = (us, uk) if british else (uk, us)
        if low.endswith(have) and len(low) - len(have) >= RESPELT_MIN_STEM:
            other = word[:len(word) - len(have)] + want
            return other if is_common(other.lower(), "en", min_zipf=RESPELT_MIN_ZIPF) else word
    return word


def query_variants(text: str, *, respelt: bool = True) -> tuple[str, ...]:
    """The ways a lookup query may name a term: itself, and without a leading article; with
    `respelt`, also with & read as "and" (and "and" as &, which keys drop), with its hyphens and
    spaces as `keys.spacing_variants` gives them ("marketing-tool", "on line"), and in British
    and in American spelling ("organization" finds "organisation")."""
    first, _, rest = text.partition(" ")
    out = [text, rest] if rest.strip() and first.lower() in ARTICLES else [text]
    if not respelt:
        return tuple(out)
    core = out[-1]  # the query without its article
    if "&" in core:
        out.append(" ".join(core.replace("&", " and ").split()))
    elif " and " in core.lower():
        out.append(re.sub(r"(?i) and ", " & ", core))
    for v in [core, *out[out.index(core) + 1:]]:
        for british in (True, False):
            out.append(re.sub(r"[^\W\d_]+", lambda m, b=british: respell(m.group(), british=b), v))
    out += spacing_variants(core)
    return tuple(dict.fromkeys(out))


# --- segmentation -----------------------------------------------------------
# English sentences are split by pysbd; these lists back our checks on top of it
# (keys lower-cased, without the final period and spaces: "e. g." -> "e.g").

SENT_ABBREV_NONFINAL = frozenset("""
    mr mrs ms dr prof rev hon gen col capt lt sgt sen rep gov st fig e.g i.e cf vs viz approx ca
    dept cmdr adm maj brig cpl pvt supt insp mt univ
""".split())

SENT_ABBREV_FINAL = frozenset("""
    etc a.m p.m inc ltd co corp jr sr u.s u.k u.n ph.d b.a m.a
""".split())

SENT_ABBREV_LIST_END = frozenset({"etc"})

SENT_ABBREV_NUMERIC = frozenset("""
    no nos pp p vol ch art sec fig tel mon tue wed thu fri sat sun
    jan feb mar apr jun jul aug sep sept oct nov dec est
""".split())

SENT_ORDINAL_NOUNS: tuple[str, ...] = ()

# Words that start sentences, never names: after a title ("Lt. The …") they start a new sentence.
SENT_STARTERS = frozenset("""
    the a an it he she they we i you this that these those there here his her its our their my
    in on at but and so then however after before when while if as for what who how why where
    meanwhile also still now today since although though because during despite according
""".split())

# After these a capitalised name continues the sentence ("U.S. District Judge", "U.S. The …" ends).
SENT_ABBREV_BEFORE_NAMES = frozenset({"u.s", "u.k", "u.n"})


def looks_like_name(word: str) -> bool:
    """A capitalised word that is not a usual sentence opener ('District', not 'The')."""
    word = word.strip(".,;:!?…\"'“”‘’()[]")
    return word[:1].isupper() and word.lower() not in SENT_STARTERS


#: Word classes that open a sentence rather than continue a name ("U.S. Some …"); not AUX ("May").
_OPENING_CLASSES = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ", "ADV", "PART"})


def opens_sentence(word: str, next_words: Sequence[str] = (), *,
                   previous: Sequence[str] | None = None) -> bool:
    """Whether a capitalised `word` that `looks_like_name` after "U.S." opens a sentence instead: a
    word of a closed class ('Some', 'Both', 'Its'), or a plural common noun ('Members': simplemma's
    lemma is its singular) that no capitalised word follows, at once or after 'of', 'and', '&' or
    'for' ('U.S. Securities and Exchange Commission', 'U.S. Forces Korea'). A singular noun does
    not open an English sentence bare, so 'U.S. Congress passed …' and 'U.S. District Judge' go on;
    a plural does ('… moved to the U.S. Members came …'), though a plural name reads the same
    ('U.S. Marines said …'). Neither a word in capitals ('IT') nor an abbreviation ('No. 1') opens.

    `previous`, the words before the abbreviation, nearest last (two or three are enough; () for
    none; None: not known, taken for 'the'), tells the two plurals apart where it can: a sentence
    ends with 'the U.S.', the country, never with a bare 'U.S.', which modifies what follows
    ('U.S. Marines said …', 'two U.S. Marines …', 'said U.S. Marines'), nor with a sentence's
    'The U.S.' ('The U.S. Marines said …'). So a plural opens only after the country
    (`_names_the_country`); 'the U.S. Marines' in mid-sentence stays ambiguous."""
    bare = word.rstrip(",;:!?…\"'“”‘’()[]")
    if bare.endswith(".") or not bare[:1].isupper() or any(ch.isupper() for ch in bare[1:]):
        return False
    found = analyse(bare, sent_start=True)
    if found.pos in _OPENING_CLASSES:
        return True
    if found.pos != "NOUN" or found.number != "plur":
        return False
    if previous is not None and not _names_the_country(previous):
        return False
    rest = [w.lstrip("\"'“‘([") for w in next_words]
    if rest and rest[0].lower() in ("of", "and", "&", "for"):
        rest = rest[1:]
    return not (rest and rest[0][:1].isupper())


def _names_the_country(previous: Sequence[str]) -> bool:
    """Whether the words before 'U.S.' (nearest last) make it the country, a noun phrase that may
    end a sentence: a lower-case 'the', then up to two adjectives ('the U.S.', 'the whole U.S.',
    'the continental U.S.', 'the entire U.S.', 'the mainland U.S.', 'the north-western U.S.'). An
    adjective is a lower-case word (hyphens allowed) `analyse` reads as one; a number, determiner
    or participle keeps 'U.S.' a modifier ('the two U.S. Marines', 'the wounded U.S. Marines'),
    and so does a word `analyse` takes for a noun ('the top U.S. Officials')."""
    words = [w.lstrip("\"'“‘([") for w in previous][-3:]
    while words and words[-1] != "the" and words[-1].replace("-", "").isalpha() \
            and words[-1].islower() and analyse(words[-1]).pos == "ADJ":
        words.pop()
    return bool(words) and words[-1] == "the"


# --- morphology ---------------------------------------------------------------
# The same Analysis as Latvian (case and definite stay None): closed word classes, a list of
# frequent verbs, and derivational suffixes; anything else with letters is a noun.

from .morph import Analysis, closed_class, spells_closed_class, word_classes  # noqa: E402  (one Analysis for both languages)

# Closed word classes in the order `analyse` tries them: a UD tag, then its words. A word in two
# classes takes the first: "to" is an adposition, "not" a particle. The adpositions include the
# -ing forms that work as prepositions (concerning, regarding, according to, following,
# including; not pending, an adjective here: "pending requests", `_ADJECTIVES`): as a noun or a
# verb they are no term's words either, and a boundary keeps them out of the noun phrase before
# them ("opinion concerning", "members excluding").
CLOSED_CLASSES = word_classes("""
DET    a an the this that these those my your his her its our their some any no every each either
       neither another such what which whose all both many much more most few several
ADP    of in on at by for with about against between into through during before after above below
       to from up down over under again across along among around behind beside beyond despite
       near off onto out outside per since than toward towards upon via within without
       amid amidst amongst atop alongside beneath underneath besides throughout unlike unto versus
       vs notwithstanding except
       concerning regarding according following including excluding considering barring
       excepting owing
CCONJ  and or but nor yet so
SCONJ  if because although though while whilst whereas whether unless until when where as that once
PRON   i you he she it we they me him us them myself yourself himself herself itself ourselves
       themselves who whom what which someone anyone everyone nobody somebody anybody everybody
       something anything everything nothing one mine yours hers ours theirs
       i'm i've i'd i'll you're you've you'd you'll he'd he'll she'd she'll it'd it'll we're we've
       we'd we'll they're they've they'd they'll
AUX    be am is are was were been being have has had having do does did done doing will would shall
       should can could may might must ought isn't aren't wasn't weren't don't doesn't didn't won't
       can't couldn't wouldn't shouldn't hasn't haven't hadn't 's 're 've 'd 'll
PART   to not n't
ADV    not also very too just only even still already never always often sometimes now then here
       there today yesterday tomorrow soon again however therefore thus instead perhaps maybe quite
       rather almost well back away ago ever yet else once twice how why
NUM    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
       hundred thousand million billion
""")
(DETERMINERS, ADPOSITIONS, CONJUNCTIONS, SUBORDINATORS, PRONOUNS, AUXILIARIES, PARTICLES, ADVERBS,
 NUMERALS) = (CLOSED_CLASSES[tag] for tag in ("DET", "ADP", "CCONJ", "SCONJ", "PRON", "AUX", "PART",
                                               "ADV", "NUM"))
# Frequent verbs (lemmas); their inflections are recognised through simplemma's lemma.
VERBS = frozenset(
    "say get make go know take see come think look want give use find tell ask work seem feel "
    "try leave call keep let begin help talk turn start show hear play run move like live believe "
    "hold bring happen write provide sit stand lose pay meet include continue set learn change "
    "lead understand watch follow stop create speak read allow add spend grow open walk win offer "
    "remember love consider appear buy wait serve die send expect build stay fall cut reach kill "
    "remain suggest raise pass sell require report decide pull explore share join register teach "
    "study choose gain bring introduce manage mention aim mean lets become put face communicate "
    "describe announce claim accuse arrest charge confirm deny receive return hope plan agree "
    "argue warn urge vote elect discover hit attack injure die shoot happen reveal release "
    "launch increase reduce improve develop support protect prevent involve establish "
    "identify cause produce base publish tweet name sign ban".split())
#: The suffix of adjectives that are adverbs too, never nouns: worldwide, nationwide, company-wide
#: (and wide itself). One tag a word: ADJ, which a noun phrase may start with ("a worldwide
#: network"), where ADV would cut it; either way the word is no term of its own.
_WIDE = "wide"
#: Adjectives of direction: a compass point and -ern (western, north-eastern, midwestern; -ernmost:
#: southernmost). Nouns in -ern (pattern, concern, lantern) have no compass point before it.
_COMPASS_POINTS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                             "southwest"})
_COMPASS_ENDINGS = ("ernmost", "ern")


def _is_compass_adjective(low: str) -> bool:
    """'western', 'north-western', 'mid-western', 'easternmost': a compass point, then -ern(most)."""
    for end in _COMPASS_ENDINGS:
        if low.endswith(end):
            point = low[:-len(end)].replace("-", "")
            return point.removeprefix("mid") in _COMPASS_POINTS
    return False


_ADJ_SUFFIXES = ("al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ish", "ical",
                 "ian", "ese", "ent", "ant")
_NOUN_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ship", "ance", "ence", "ism", "ist",
                  "age", "ure", "dom", "hood", "er", "or", "ee")


@lru_cache(maxsize=200_000)
def analyse(word: str, *, sent_start: bool = False, acronyms: bool = True) -> Analysis:
    """Guess the part of speech and number of one English word; attach lemma, stem, fold keys.
    `acronyms=False`: the word's sentence is all in capitals, a word in capitals is no acronym
    (`morph.closed_class`)."""
    low = word.lower().replace("’", "'")
    keys = dict(stem=stem(word), fold=fold(word))
    closed = closed_class(word, low=low, keys=keys, classes=CLOSED_CLASSES.items(), acronyms=acronyms)
    if closed:
        return closed
    lem = lemma(word)
    if word[:1].isupper() and (not sent_start or any(ch.isupper() for ch in word[1:])):
        return Analysis("PROPN", None, "sing", None, word, **keys)
    plural = low.endswith("s") and lem != low and not low.endswith("ss") or _irregular_plural(low, lem)
    number = "plur" if plural else "sing"
    if low in _ADJECTIVES or low.endswith(_WIDE) or _is_compass_adjective(low):
        return Analysis("ADJ", None, None, None, low, **keys)
    if number == "plur" and lem not in VERBS:
        return Analysis("NOUN", None, number, None, lem, **keys)
    if lem in VERBS and not low.endswith(_NOUN_SUFFIXES):
        return Analysis("VERB", None, None, None, lem, **keys)
    if low.endswith("ly") and len(low) > 4:
        return Analysis("ADV", None, None, None, low, **keys)
    if low.endswith("ed") and len(low) > 4 and lem != low:
        return Analysis("VERB", None, None, None, lem, **keys)
    if low.endswith(_ADJ_SUFFIXES) and lem == low and not low.endswith(("ent", "ant")) \
            or lem in _ADJECTIVES:
        return Analysis("ADJ", None, None, None, lem, **keys)
    if lem != low and _irregular_verb_form(low, lem):
        return Analysis("VERB", None, None, None, lem, **keys)
    return Analysis("NOUN", None, number, None, lem, **keys)


#: Plurals not in -s, by the endings of singular and plural: fisherman/fishermen, child/children,
#: foot/feet, tooth/teeth, goose/geese, mouse/mice, louse/lice, ox/oxen (simplemma's lemma is the
#: singular, so 'specimen', 'omen' stay singular); and a plural that is its own lemma, people.
_IRREGULAR_PLURALS = (("man", "men"), ("child", "children"), ("foot", "feet"), ("tooth", "teeth"),
                      ("goose", "geese"), ("mouse", "mice"), ("louse", "lice"), ("ox", "oxen"))
_UNMARKED_PLURALS = frozenset({"people"})
#: Latin and Greek plurals (stimulus/stimuli, focus/foci, medium/media, criterion/criteria,
#: larva/larvae, genus/genera): nouns, no verb forms, though their number is left singular (the
#: singular is mostly another word for English terms: "social media", never "social medium").
_CLASSICAL_PLURALS = (("us", "i"), ("um", "a"), ("on", "a"), ("a", "ae"), ("us", "era"))
#: Forms simplemma takes for a verb's (an irregular past or participle) that are nouns too: after a
#: determiner or an adjective they are (a circular saw, a time span: `terms.patterns.english_context`),
#: and alone those whose verb is not a frequent one (`VERBS`) are read as nouns (span: spin, outlay:
#: outlie; not saw: see, fell: fall).
VERB_FORM_NOUNS = frozenset({"saw", "fell", "span", "dice", "outlay", "overlay"})
#: Endings of a comparison (faster, happiest, nicer) and of an agent noun (gamer, eraser).
_COMPARISON_ENDINGS = ("er", "est", "r", "st")


def _irregular_plural(low: str, lem: str) -> bool:
    """A plural not in -s: 'fishermen' (lemma 'fisherman'), 'children', 'feet', 'people'."""
    return low in _UNMARKED_PLURALS or _ends_as(low, lem, _IRREGULAR_PLURALS)


def _ends_as(low: str, lem: str, pairs: tuple[tuple[str, str], ...]) -> bool:
    """Whether `low` is its lemma `lem` with one of the (lemma ending, word ending) `pairs` swapped."""
    return any(lem.endswith(a) and low == lem[:len(lem) - len(a)] + b for a, b in pairs)


def _irregular_verb_form(low: str, lem: str) -> bool:
    """A past tense or participle not made with -ed (caught, sought, fought, driven, went, fled):
    the word has a lemma other than itself (simplemma's), a verb's (its -ing form is a common word:
    catching, seeking), and it is none of the other words with a lemma of their own: a plural
    (libraries, fishermen, feet, foci, media), an -ing or a regular -ed form (aged, tied), a
    comparison or an agent noun (faster, happiest, bigger, gamer), a spelling of its lemma (e-mail:
    email), a noun too (`VERB_FORM_NOUNS`: span), a word of two letters (Ai: be) or of other
    characters than letters and hyphens. 'thought', 'felt', 'ground', 'left' are their own lemmas:
    nouns as before."""
    if len(low) < 3 or not low.replace("-", "").isalpha() or low.endswith(("s", "ing")) \
            or low in VERB_FORM_NOUNS or low in _UNMARKED_PLURALS:
        return False
    if low.replace("-", "") == lem.replace("-", "") or lem in (respell(low, british=b) for b in (True, False)):
        return False
    if low.endswith("ed") and low in (lem + "d", lem + "ed", lem[:-1] + "ied", lem + lem[-1:] + "ed"):
        return False
    if _ends_as(low, lem, _IRREGULAR_PLURALS) or _ends_as(low, lem, _CLASSICAL_PLURALS):
        return False
    bases = (lem, lem[:-1] + "i" if lem.endswith("y") else lem, lem + lem[-1:])
    if any(low == base + end for base in bases for end in _COMPARISON_ENDINGS):
        return False
    stem = lem[:-2] + "y" if lem.endswith("ie") else \
        lem[:-1] if lem.endswith("e") and len(lem) > 2 and not lem.endswith(("ee", "ye", "oe")) else lem
    return is_word(stem + "ing") or is_word(stem + stem[-1:] + "ing")


_ADJECTIVES = frozenset(
    "good bad new old great big small large little long short high low young early late own "
    "other same different important possible available local free full special common main "
    "public private real whole certain clear recent current potential active useful personal "
    "online annual reduced social professional national international academic continuing "
    "global former final major minor single open close hard easy strong weak necessary primary "
    "military ordinary temporary voluntary secondary literary contrary "
    # attributive: they come before a noun ('the entire collection', 'mainland Europe'); 'the
    # mainland' as a head names a place, never a term, so the noun reading is not missed
    "entire mainland "
    # 'pending requests', 'all pending reservations': an adjective before a noun, alone no term
    "pending".split())


# Adjectives that evaluate, compare, count or order rather than classify: a term does not start
# with one ("useful contacts", "better terms", "different social networks").
NON_TERM_ADJECTIVES = frozenset(
    "good better best bad worse worst useful different bigger smaller larger greater own other "
    "same certain whole entire real second third last next previous former recent potential "
    "impressive important possible available various several many few further together "
    "reduced incomplete complete needed necessary".split())


def is_non_term_adjective(word: str) -> bool:
    return word.lower() in NON_TERM_ADJECTIVES


# Titles before a name: "Mr Putin" still contains the name "Putin".
TITLES = frozenset("mr mrs ms miss dr prof sir dame lady lord king queen prince princess president "
                   "minister senator governor mayor judge general captain coach chancellor pope "
                   "saint st rev".split())


# Nouns a term keeps in the plural, where the singular is another word or not in use: term
# extraction singularises every other English head ("reading rooms" -> "reading room"), not these
# ("library holdings", "conference proceedings").
PLURAL_NOUNS = frozenset(
    "holdings proceedings premises minutes news goods means series species headquarters arms "
    "clothes earnings savings thanks outskirts surroundings belongings whereabouts humanities "
    "economics politics statistics mathematics physics ethics logistics".split())
