"""The Latvian lexicon: lemmas of a word and every form of a lemma, from the Hunspell dictionary.

The dictionary is lv_LV (Jānis Eisaks, 2020 edition 1.4.0, LGPL-2.1), shipped in the package data
(`lvterm/data/hunspell/`, licence beside it) and read with spylls, the pure-Python port of Hunspell.
Its 66,000 entries carry affix flags (`biedrs/Oox`) and a part-of-speech and declension tag
(`po:lietv1r`); its affix rules carry case and number (`is:vpg`: singular genitive). From those:

    readings("naudām")      # (Reading(form='naudām', lemma='nauda', pos='NOUN', slots=(dat plur fem),...),)
    lemmas("tīklošanās")    # (('tīklošanās', 'NOUN'), ('tīklošana', 'NOUN'))   best first
    paradigm("biedrs")      # every form: biedrs, biedra, biedram, biedru, biedrā, biedri, ...

Lemmas follow Universal Dependencies' Latvian habits: nouns in the nominative singular (plurale
tantum in the plural: autortiesības, metadati), adjectives masculine indefinite positive (publiskajā,
lielākais -> publisks, liels), verbs and participles the infinitive (reflexive forms the reflexive
infinitive: reģistrējušies -> reģistrēties), verbal nouns, diminutives and derived feminines their
own nominative (tīklošanai -> tīklošana, tīklošanos -> tīklošanās, biedre), ordinals, which lv_LV
derives from the cardinal, their own masculine nominative (pirmās -> pirmais, not viens; ADJ).
Negated forms keep 'ne'.

lv_LV declares FULLSTRIP: a rule may strip a whole root (gāja, ej of iet; esmu, ir of būt), in
analysis as in generation. Where its rules make forms that are no Latvian words (jāej, būu,
pieteikies: Hunspell accepts them too), they are corrected or limited to the entries they are
written for (see "errors in lv_LV 1.4.0's rules" below).

spylls takes about a second to read the 1.8 MB .dic, so the first use writes a compact form of it
(entries and affix rules as plain tuples) to the user's cache folder, keyed by a hash of the two
files; later processes load that in tens of milliseconds. Nothing is read at import time.
"""
from __future__ import annotations

import hashlib
import logging
import math
import os
import pickle
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

log = logging.getLogger(__name__)

#: Bump when the cached layout or the reading of the dictionary changes (the cache is keyed by the
#: tables of lv_LV's errors too: `fixes_hash`).
FORMAT = 6
DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "hunspell"
NAME = "lv_LV"

CASES = ("nom", "gen", "dat", "acc", "loc", "voc")
NUMBERS = ("sing", "plur")
_CASE_OF = dict(zip("ngdalv", CASES))
_NUMBER_OF = {"v": "sing", "d": "plur"}


class Slot(NamedTuple):
    """One grammatical reading of a form: case, number, gender ('masc'/'fem'), definiteness
    (adjectives; None for nouns). Any may be None when the dictionary does not say."""

    case: str | None
    number: str | None
    gender: str | None = None
    definite: bool | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """One analysis of a form: its lemma and part of speech (UD tag), what kind of form it is
    (see KINDS), its grammatical slots, and how the dictionary makes it (root entry, its tag, the
    affix flags applied, prefix first)."""

    form: str
    lemma: str
    pos: str
    kind: str
    slots: tuple[Slot, ...]
    root: str
    tag: str
    affixes: tuple[str, ...]
    frequency: float = 0.0  # the root's Zipf frequency in Latvian text (wordfreq): ties go to it

    @property
    def derived(self) -> bool:
        """The lemma is made from the entry by an affix (verbal noun, diminutive, feminine)."""
        return self.kind in DERIVED_KINDS

    @property
    def known_lemma(self) -> bool:
        """False for entries that list one irregular form without its lemma."""
        return self.kind != "form"


#: kind -> what it is. "form": the dictionary lists the form alone, without its lemma.
KINDS = {
    "base": "the entry itself or its inflection (noun, proper noun, pronoun, adverb...)",
    "adjective": "an adjective form (positive, comparative, superlative; definite or not)",
    "verb": "a finite verb form, infinitive, debitive",
    "participle": "a participle or gerund (lemma: the verb)",
    "verbal_noun": "a noun in -šana or -šanās made from a verb",
    "feminine": "a feminine noun made from a masculine one (biedrs -> biedre)",
    "diminutive": "a diminutive noun (grāmata -> grāmatiņa)",
    "form": "a single irregular form listed without its lemma",
}
DERIVED_KINDS = frozenset({"verbal_noun", "feminine", "diminutive"})

# --- what the flags of lv_LV 1.4.0 do (data about this edition of the dictionary) --------------

_ROLE = {
    **dict.fromkeys("DIEdie9AFGH(afghBCbc<>", "verb"),
    **dict.fromkeys("578^012%6&*)!@+$34", "participle"),
    "J": "verbal_noun", "j": "verbal_noun",
    **dict.fromkeys("OoQqSsVx", "base"),  # x: with a continuation it makes a feminine (below)
    **dict.fromkeys("PpTtRr", "diminutive"),
    **dict.fromkeys("WYXyw", "adjective"),
}
#: Ordinals are adjectives by form (definite: pirmais, pirmā, pirmajam) and UD's ADJ (NumType=Ord),
#: their lemma their masculine nominative. lv_LV makes them from the cardinal's entry (`skv`) with
#: the flag w, whose rules make the numeral's own cases (divi -> divu, trīs -> triju) and the
#: ordinal, which the flag y declines (viens -> pirmais/y, četri -> ceturtais/y; trešais, piektais,
#: sestais, desmitais, simtais, tūkstošais, miljonais: `Lexicon._makes_ordinal`). Three ordinals
#: have an indefinite that is an entry of its own, with the adjective flag W: otrs (`skv`, the one
#: numeral with W: other, second), desmits, divdesmits (`īpv`, beside desmitais of desmit/w). Their
#: indefinite forms are their own (otra, otru, desmitiem: otrs, desmits; ADJ), their definite forms
#: the ordinal's (otrā, otrajā: otrais; desmitajā is read once, as desmit/w's): `Lexicon._ordinal`.
_ADJECTIVE_FLAG = "W"
_ORDINAL_SLOT = Slot("nom", "sing", "masc", True)
_NUMERAL_TAG = "skv"
#: Flags whose forms are reflexive (their lemma is the reflexive infinitive: lasīt -> lasīties).
_REFLEXIVE = frozenset("dief(afghbc<>)!@+$&*")
#: A diminutive's lemma is the nominative singular of its singular group.
_DIMINUTIVE_NOMINATIVE = {"P": "P", "p": "P", "T": "T", "t": "T", "R": "R", "r": "R"}
#: Prefixes that make a form of the same lemma (superlative vis-, debitive jā-); others ('ne') are
#: part of the lemma.
_INFLECTIONAL_PREFIXES = frozenset({"vis", "jā"})
_SKIP_FLAGS = frozenset("=")
_PLURAL_FLAGS = frozenset("oqs")  # the flags that make a noun's plural  # 'append a full stop': abbreviations, and noise on other entries
_NOUN_FLAGS = frozenset("OoQqSsx")
_VERB_FLAGS = frozenset(f for f, role in _ROLE.items() if role in ("verb", "participle", "verbal_noun"))

#: Adjective endings after the stem (publisk-, lielāk-): (case, number, gender, definite) -> ending.
ADJECTIVE_ENDINGS: dict[Slot, str] = {}
for _gender, _definite, _endings in (
        ("masc", False, "s a am u ā  i u iem us os"),
        ("fem", False, "a as ai u ā  as u ām as ās"),
        ("masc", True, "ais ā ajam o ajā  ie o ajiem os ajos"),
        ("fem", True, "ā ās ajai o ajā  ās o ajām ās ajās")):
    for _i, _end in enumerate(_endings.split()):
        ADJECTIVE_ENDINGS[Slot(CASES[_i % 5], NUMBERS[_i // 5], _gender, _definite)] = _end
#: Ending -> the slots it fills, in ADJECTIVE_ENDINGS order; -š (zaļš) fills the masculine -s slots.
_ADJECTIVE_SLOTS_BY_ENDING = {
    ending: tuple(slot for slot, end in ADJECTIVE_ENDINGS.items()
                  if end == ending or (ending == "š" and end == "s" and slot.gender == "masc"))
    for ending in (*ADJECTIVE_ENDINGS.values(), "š")}

#: Noun endings by declension: singular nom gen dat acc loc, then plural. Forms that differ only by
#: an alternation of the stem's last consonant (skapis -> skapja, spēle -> spēļu) get their slot
#: from the dictionary's own tags; these endings give every slot a form shares with others (the
#: dictionary spells such a form once: bibliotēku is tagged accusative singular, and is the
#: genitive plural too).
NOUN_ENDINGS: dict[int, tuple[str, ...]] = {
    1: tuple("s a am u ā  i u iem us os".split()),
    2: tuple("is a im i ī  i u iem us os".split()),
    3: tuple("us us um u ū  i u iem us os".split()),
    4: tuple("a as ai u ā  as u ām as ās".split()),
    5: tuple("e es ei i ē  es u ēm es ēs".split()),
    6: tuple("s s ij i ī  is u īm is īs".split()),
}

#: The reflexive verbal noun (-šanās) has no dative or locative; its two forms serve these slots.
_REFLEXIVE_VERBAL_NOUN = {
    "n": (Slot("nom", "sing", "fem"), Slot("gen", "sing", "fem"), Slot("nom", "plur", "fem"),
          Slot("acc", "plur", "fem")),
    "a": (Slot("acc", "sing", "fem"), Slot("gen", "plur", "fem")),
}
_REFLEXIVE_VERBAL_NOUN_ENDINGS = ("šanās", "šanos")
_POS_ORDER = {"NOUN": 0, "PROPN": 0, "ADJ": 1, "VERB": 2}

#: Nouns Latvian uses in the plural that lv_LV lists (or derives) in the singular only: their lemma
#: is the plural, like the pluralia tantum the dictionary marks (autortiesības, metadati). A lemma
#: ending in a key (cilvēktiesība) takes the plural ending too.
PLURAL_USAGE = {"tiesība": "tiesības", "zināšana": "zināšanas", "sacensība": "sacensības"}
_PLURAL_USAGE_ENDINGS = tuple(PLURAL_USAGE)


def _pos_of(tag: str, flags: str, root: str) -> str | None:
    """UD part of speech from an entry's `po:` tag, or from its flags when it has none."""
    if tag.startswith("liet"):
        return "PROPN" if tag.endswith("i") else "NOUN"
    for prefix, pos in (("īpv", "ADJ"), ("darb", "VERB"), ("apstv", "ADV"), ("skv", "NUM"),
                        ("vietnv", "PRON"), ("vientv", "PRON"), ("izs", "INTJ"), ("saiklis", "X"),
                        ("abrev", "X")):
        if tag.startswith(prefix):
            return pos
    if any(f in _VERB_FLAGS for f in flags):
        return "VERB"
    if "W" in flags:
        return "ADJ"
    if any(f in _NOUN_FLAGS for f in flags):
        return "PROPN" if root[:1].isupper() else "NOUN"
    return None


def _declension(tag: str, lemma: str, *, from_tag: bool) -> int | None:
    """A noun's declension (1-6) from its `po:lietvN` tag, else from its lemma's ending; None for
    an indeclinable noun (lietv0)."""
    if from_tag and tag.startswith("lietv") and tag[5:6].isdecimal():  # re's \d: a decimal digit
        return int(tag[5]) or None
    low = lemma.lower()
    for end, declension in (("is", 2), ("us", 3), ("s", 1), ("š", 1), ("a", 4), ("e", 5),
                            ("i", 1), ("as", 4), ("es", 5)):
        if low.endswith(end):
            return declension
    return None


def noun_slots(form: str, lemma: str, declension: int | None, *, plural_only: bool = False,
               gender: str | None = None) -> tuple[Slot, ...]:
    """The slots a noun form fills by the endings of its declension: ('naudas', 'nauda', 4) ->
    gen sing, nom plur, acc plur. A plurale tantum (`plural_only`) has the plural slots only."""
    endings = NOUN_ENDINGS.get(declension or 0)
    if not endings:
        return ()
    low, lem = form.lower(), lemma.lower()
    nominative = endings[5] if plural_only else endings[0]
    if declension == 2 and not lem.endswith("is"):  # ūdens, suns: nominative and genitive in -s
        nominative, endings = "s", ("s", "s") + endings[2:]
    if declension == 1 and lem.endswith("š"):
        nominative, endings = "š", ("š",) + endings[1:]
    if not lem.endswith(nominative):
        return ()
    stem = lem[:len(lem) - len(nominative)]
    if not low.startswith(stem):
        return ()
    return _noun_slots_by_ending(endings, plural_only, gender).get(low[len(stem):], ())


@lru_cache(maxsize=256)
def _noun_slots_by_ending(endings: tuple[str, ...], plural_only: bool,
                          gender: str | None) -> dict[str, tuple[Slot, ...]]:
    """Ending -> the slots it fills among `endings` (singular nom..loc, plural nom..loc), in their
    order: a table per declension (and variant), gender, plural_only; a few dozen in all."""
    out: dict[str, tuple[Slot, ...]] = {}
    for i, end in enumerate(endings):
        if i >= 5 or not plural_only:
            out[end] = out.get(end, ()) + (Slot(CASES[i % 5], NUMBERS[i // 5], gender),)
    return out


# --- errors in lv_LV 1.4.0's rules: forms Hunspell accepts too, which are no Latvian words ------
# A rule is named by (flag, strip, add, condition, continuation flags sorted), as in the .aff file.

#: Rules rewritten when the dictionary is compiled: a rule -> the rules that stand for it, each
#: (strip, add, condition, continuation), with its morphology and cross product.
#: - The flag & (past active participles of reflexive verbs) makes the masculine singular with
#:   -t -> -ies after any consonant but r, so for 382 entries in -kt, -gt (teikt, sākt, vilkt, degt)
#:   it made pieteikies, atteikies, aizsākies, aizdegies; Latvian alternates there: pieteicies,
#:   aizsācies, aizdedzies, as the flag *'s rules `kt cies kt`, `gt dzies gt` make them. The & rule
#:   loses k, g from its condition; those two join. (aizsākies, aizdegies stay words: the past tense
#:   of aizsākties, aizdegties, which the flag d makes.)
#: - The debitive of A's -iet verbs is jā- and ej (jālej, jāsmej of liet, smiet: right, their third
#:   person is lej, smej); iet and its prefixed verbs say (viņš) iet, so jāiet, jāaiziet, which the
#:   dictionary lists alone (`jāiet/=`), not jāej: a rule `0 0/]| [i]et` joins, and `_ENTRY_RULES`
#:   gives each of the two its verbs.
#: - The debitive of būt and its prefixed verbs is jā- and the infinitive, jābūt, jāpabūt (which
#:   lv_LV lists alone, as an adverb: `jābūt/= po:apstv`), not jā- and the third person as for
#:   other verbs: A's `būt ir/]| būt` made jāir, jāpair; `0 0/]| būt` stands for it.
_RULE_FIXES: dict[tuple[str, str, str, str, str], tuple[tuple[str, str, str, str], ...]] = {
    ("&", "t", "ies", "[^āēīor]t", ""): (("t", "ies", "[^āēīorkg]t", ""), ("kt", "cies", "kt", ""),
                                         ("gt", "dzies", "gt", "")),
    ("A", "iet", "ej", "[i]et", "]|"): (("iet", "ej", "[i]et", "]|"), ("", "", "[i]et", "]|")),
    ("A", "būt", "ir", "būt", "]|"): (("", "", "būt", "]|"),),
}
#: Groups of rules (flag, strip, condition) written for roots with a longer ending than their
#: condition says -> that ending, their condition when the dictionary is compiled: 9's present of
#: -irt verbs (erdu, erd, jāerd) is virt's (v + erdu: verdu); of any other -irt verb it makes no
#: word (irt, izirt, sairt, aizirt -> erdu, izerdu, saerdu, aizerdu).
_CONDITION_FIXES: dict[tuple[str, str, str], str] = {("9", "irt", "[i]rt"): "virt"}
#: Rules that make words of some entries only: a rule -> (a flag, whether the entry has it). iet and
#: its prefixed verbs are the -iet entries with the flag D (past gāju); liet, smiet take E (lēju).
_ENTRY_RULES: dict[tuple[str, str, str, str, str], tuple[str, bool]] = {
    ("A", "iet", "ej", "[i]et", "]|"): ("D", False),  # jālej, jāaizlej; not jāej
    ("A", "", "", "[i]et", "]|"): ("D", True),  # jāiet, jāaiziet
}
#: Cardinals that make no ordinal, by how they start, though the flag w's rules make one of them: a
#: fraction (pusviens, pussimts, pusmiljons, ceturtdaļmiljards: half past twelve, fifty, half a
#: million, a quarter of a billion; no puspirmais, pussimtais, pusmiljonais) or a collective
#: numeral (trejdeviņi, thrice nine: no trejdevītais).
_NO_ORDINAL: tuple[str, ...] = ("pus", "ceturtdaļ", "trej")
#: Forms that ne- makes no word of, with the negated form Latvian has instead: of būt, ir -> nav
#: (not neir). (root, form) -> the negated form.
_NEGATED: dict[tuple[str, str], str] = {("būt", "ir"): "nav"}
# And one error `Lexicon._limits` finds itself: a flag whose rules strip a whole root (FULLSTRIP:
# būt -> esmu, ir; es -> manis, man) inflects that root, and the entries that end in it (pabūt,
# sabūt), with them alone; the flag's rules for other words whose conditions such a root meets
# too (A's -t rules: būu, bū, jābū, pabūu, jāpabū; V's: ea, eu) make none.


@lru_cache(maxsize=1)
def fixes_hash() -> str:
    """A hash of the tables above: the compiled dictionary and its cache depend on them."""
    tables = (_RULE_FIXES, _CONDITION_FIXES, _ENTRY_RULES, _NO_ORDINAL, _NEGATED)
    return hashlib.sha256(repr(tables).encode()).hexdigest()


# --- the dictionary, compiled ----------------------------------------------------------------

# A rule: (kind "S"/"P", flag, strip, add, condition, continuation flags, morphology tags, cross).
Rule = tuple[str, str, str, str, str, str, str, bool]


def _rule_key(rule: Rule) -> tuple[str, str, str, str, str]:
    """How the tables of errors above name a rule."""
    return rule[1], rule[2], rule[3], rule[4], rule[5]


def _fixed(rules: list[Rule]) -> list[Rule]:
    """The rules with `_RULE_FIXES` and `_CONDITION_FIXES` made, in their order (a rewritten rule's
    rules where it stood)."""
    out: list[Rule] = []
    for r in rules:
        if r[0] == "S" and (r[1], r[2], r[4]) in _CONDITION_FIXES:
            r = (*r[:4], _CONDITION_FIXES[r[1], r[2], r[4]], *r[5:])
        fix = _RULE_FIXES.get(_rule_key(r)) if r[0] == "S" else None
        out += [r] if fix is None else [(r[0], r[1], *f, r[6], r[7]) for f in fix]
    return out


@lru_cache(maxsize=4096)
def _condition(cond: str, kind: str) -> re.Pattern:
    cond = cond.replace("-", "\\-")
    return re.compile(cond + "$") if kind == "S" else re.compile("^" + cond)


def _applies(rule: Rule, word: str, *, full_strip: bool = False) -> bool:
    """Whether a rule's condition lets it apply to `word`; a suffix leaves some of the word, but
    with `full_strip` (the dictionary's FULLSTRIP) it may strip all of it (iet -> gāju)."""
    kind, _, strip, _, cond, *_ = rule
    if kind == "S":
        return (word.endswith(strip) and (len(word) > len(strip) or full_strip and len(word) == len(strip))
                and bool(_condition(cond, "S").search(word)))
    return word.startswith(strip) and bool(_condition(cond, "P").match(word))


def _apply(rule: Rule, word: str) -> str:
    kind, _, strip, add = rule[:4]
    if kind == "S":
        return word[:len(word) - len(strip)] + add
    return add + word[len(strip):]


@lru_cache(maxsize=4096)
def _is_field(fields: str) -> str:
    """The `is:` field (case and number: 'vpg') of a rule's morphology fields (its rule[6]), ''
    when it has none: asked for each form made, of a few hundred distinct strings."""
    return dict(field.split(":", 1) for field in fields.split() if ":" in field).get("is", "")


def _tails(adds: Iterable[str]) -> frozenset[str]:
    """Every ending of every string of `adds`, the empty one included."""
    return frozenset(add[i:] for add in adds for i in range(len(add) + 1)) | {""}


def dictionary_files(folder: str | os.PathLike | None = None) -> tuple[Path, Path]:
    """The .aff and .dic files: the package's own, or lv_LV.aff/.dic in `folder`."""
    base = Path(folder) if folder else DATA_DIR
    return base / f"{NAME}.aff", base / f"{NAME}.dic"


def dictionary_hash(aff: Path, dic: Path) -> str:
    """A hash of the two files' bytes: which dictionary a cache file holds."""
    h = hashlib.sha256(b"lvterm-lexicon\n")
    for path in (aff, dic):
        h.update(path.read_bytes())
    return h.hexdigest()


def cache_path(aff: Path, dic: Path) -> Path:
    """The cache file of the compiled dictionary: lexicon-lv_LV-<FORMAT>-<fixes>-<files>.pickle, keyed
    by this module's FORMAT, its tables of lv_LV's errors (`fixes_hash`: edited without a new
    FORMAT, they never serve a stale cache) and the two files (`dictionary_hash`)."""
    return cache_dir() / f"lexicon-{NAME}-{FORMAT}-{fixes_hash()[:8]}-{dictionary_hash(aff, dic)[:20]}.pickle"


def _superseded(path: Path) -> re.Pattern[str]:
    """The names of the cache files that `path` (a `cache_path`) makes useless: of another FORMAT,
    which this version cannot read (with the names before FORMAT 6: lexicon-lv_LV-<hash>.pickle),
    and of the same files with other fixes. Never another dictionary's file of this FORMAT: a
    `Lexicon.load(folder)` of one leaves the package dictionary's own cache alone."""
    files = path.stem.rsplit("-", 1)[1]
    return re.compile(rf"lexicon-{re.escape(NAME)}-(?:[0-9a-f]{{20}}|(?!{FORMAT}-)\d+-[0-9a-f]{{8}}-[0-9a-f]{{20}}"
                      rf"|{FORMAT}-[0-9a-f]{{8}}-{files})\.pickle")


def cache_dir() -> Path:
    """$LVTERM_CACHE_DIR, else $XDG_CACHE_HOME/lvterm, else ~/.cache/lvterm."""
    if os.environ.get("LVTERM_CACHE_DIR"):
        return Path(os.environ["LVTERM_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "lvterm"


def _affix_tags(aff_path: Path) -> dict[tuple[str, str], list[str]]:
    """(SFX/PFX, flag) -> the morphology fields of its rules in file order (spylls drops them)."""
    from ..textio import read_lines

    out: dict[tuple[str, str], list[str]] = {}
    for line in read_lines(aff_path):
        fields = line.split()
        if len(fields) >= 5 and fields[0] in ("SFX", "PFX"):
            out.setdefault((fields[0], fields[1]), []).append(" ".join(fields[5:]))
    return out


def compile_dictionary(aff_path: Path, dic_path: Path) -> dict:
    """Read the dictionary with spylls and keep what lvterm needs as plain data (picklable)."""
    from spylls.hunspell import readers
    from spylls.hunspell.readers.file_reader import FileReader

    aff, context = readers.read_aff(FileReader(str(aff_path)))
    dic = readers.read_dic(FileReader(str(dic_path), encoding=context.encoding), aff=aff, context=context)
    tags = _affix_tags(aff_path)
    rules: list[Rule] = []
    for kind, table in (("S", aff.SFX), ("P", aff.PFX)):
        for flag, affixes in table.items():
            morph = tags.get(("SFX" if kind == "S" else "PFX", flag), [])
            if len(morph) != len(affixes):  # cannot pair them up: no morphology for this flag
                morph = [""] * len(affixes)
            for affix, fields in zip(affixes, morph):
                rules.append((kind, flag, affix.strip, affix.add, affix.condition,
                              "".join(sorted(affix.flags)), fields, bool(affix.crossproduct)))
    rules = _fixed(rules)
    from wordfreq import get_frequency_dict

    frequencies = get_frequency_dict("lv")  # word -> share of tokens; Zipf = log10(share) + 9
    entries: dict[str, list[tuple[str, str, int]]] = {}
    for word in dic.words:
        tag = " ".join(word.data.get("po", [])).split(" ")[0]
        share = frequencies.get(word.stem.lower(), 0.0)
        frequency = round(100 * (math.log10(share) + 9)) if share > 1e-9 else 0
        entries.setdefault(word.stem, []).append(("".join(sorted(word.flags)), tag, frequency))
    # two long strings (stems; their entries as flags<TAB>tag<TAB>frequency, ';' between
    # homonyms): a cached copy loads in a few milliseconds, and entries are parsed when asked for
    return {"format": FORMAT, "rules": rules, "stems": "\n".join(entries),
            "entries": "\n".join(";".join("\t".join(map(str, e)) for e in v) for v in entries.values()),
            "needaffix": aff.NEEDAFFIX or "", "circumfix": aff.CIRCUMFIX or "", "fullstrip": bool(aff.FULLSTRIP)}


class Lexicon:
    """Analysis and generation over one compiled dictionary (`Lexicon.load()` for lvterm's)."""

    def __init__(self, data: dict):
        self.rules: list[Rule] = [tuple(r) for r in data["rules"]]
        self._raw: dict[str, str] = dict(zip(data["stems"].split("\n"), data["entries"].split("\n")))
        self._entries: dict[str, tuple[tuple[str, str, int], ...]] = {}
        self.needaffix: str = data["needaffix"]
        self.circumfix: str = data["circumfix"]
        self.fullstrip: bool = data.get("fullstrip", False)  # a rule may strip a whole root (iet -> gāju)
        self.suffix_by_add: dict[str, list[Rule]] = {}
        self.by_flag: dict[str, list[Rule]] = {}
        self.prefixes: list[Rule] = []
        self.continued_by: dict[str, list[Rule]] = {}  # flag -> suffixes that a suffix of `flag` may follow
        for r in self.rules:
            self.by_flag.setdefault(r[1], []).append(r)
            if r[0] == "S":
                self.suffix_by_add.setdefault(r[3], []).append(r)
                for f in r[5]:
                    self.continued_by.setdefault(f, []).append(r)
            else:
                self.prefixes.append(r)
        self.max_add = max((len(a) for a in self.suffix_by_add), default=0)
        self._limits = self._find_limits()
        # the forms of rules that strip a whole root (FULLSTRIP: gāja of iet, ir of būt, man of es)
        # -> those roots
        self._whole_forms: dict[str, frozenset[str]] = {}
        for r in self.rules:
            if (self.fullstrip and r[0] == "S" and r[2] in self._raw and _applies(r, r[2], full_strip=True)
                    and any(r[1] in flags and self._fits(r, r[2], flags) for flags, _, _ in self.entries(r[2]))):
                self._whole_forms[r[3]] = self._whole_forms.get(r[3], frozenset()) | {r[2]}
        # ne- of the forms of `_NEGATED` (neir) is none; their negated form (nav) is read as one
        self._negation = next((p for p in self.prefixes if p[3] == "ne" and not p[2]), None)
        self._negated_of = {negated: key for key, negated in _NEGATED.items()}
        self._readings: dict[str, tuple[Reading, ...]] = {}
        self._ordinal_rules = [r for r in self.rules if r[0] == "S" and self._makes_ordinal(r)]
        self._ordinal_adjectives: dict[str, bool] = {}
        # for analysis (`_strip_suffixes`): the suffixes that may precede a flag's suffix, indexed
        # by what they add, with their condition's compiled search; and the last letters of what
        # they add (None when one adds nothing): a word ending otherwise has no such suffix
        self._inner_by_add: dict[str, dict[str, list[tuple[Rule, Any]]]] = {}
        for flag, rules in self.continued_by.items():
            table = self._inner_by_add[flag] = {}
            for r in rules:
                table.setdefault(r[3], []).append((r, _condition(r[4], "S").search))
        inner_last = {flag: None if "" in table else frozenset(add[-1] for add in table)
                      for flag, table in self._inner_by_add.items()}
        # the suffix rules by what they add, then by what they strip (one candidate root per
        # group); in each group every rule with its condition's compiled search, and apart the
        # rules a second suffix may precede, by their flag (with that flag's `inner_last`)
        self._outer_by_add: dict[str, list[tuple[str, list, list]]] = {}
        for add, rules in self.suffix_by_add.items():
            groups: dict[str, tuple[list, dict]] = {}
            for r in rules:
                searches, continued = groups.setdefault(r[2], ([], {}))
                search = _condition(r[4], "S").search
                searches.append((r, search))
                if r[1] in self._inner_by_add:
                    continued.setdefault(r[1], []).append((r, search))
            self._outer_by_add[add] = [
                (strip, searches, [(flag, outers, inner_last[flag]) for flag, outers in continued.items()])
                for strip, (searches, continued) in groups.items()]
        # for generation (`_chains`, `expand`): a flag's suffix rules that may apply to a word by
        # its last letter (made when first asked), and each prefix rule with its compiled match
        self._suffix_tests: dict[str, list[tuple[Rule, str, Any, bool]]] = {}
        self._prefix_tests = [(p, p[2], _condition(p[4], "P").match) for p in self.prefixes]
        # every ending of what the suffixes add ("", "s", "ms", "ams" of "ams"): a word's ending that
        # is none of them ends no longer add either, so the search for adds stops there
        self._outer_tails = _tails(self.suffix_by_add)
        self._inner_tails = {flag: _tails(table) for flag, table in self._inner_by_add.items()}

    def _find_limits(self) -> dict[Rule, tuple[tuple[str, ...], tuple[str, ...], str, bool]]:
        """Rule -> (the endings, the beginnings of roots it makes no word of, a flag, whether the
        entry must have it: '' for any entry) for the rules that do not apply to every entry whose
        condition they meet: those of `_ENTRY_RULES`; a flag's rules for other words where it has
        its own for a whole root (with FULLSTRIP: a rule with an `is:` field whose strip and
        condition are an entry with its flag), which make no word of that root nor of an entry
        ending in it (būt; pabūt, sabūt); and the rules that make ordinals (`_makes_ordinal`) for
        the cardinals of `_NO_ORDINAL`."""
        own: dict[str, dict[str, str]] = {}  # flag -> root -> the condition of its own rules
        if self.fullstrip:
            for r in self.rules:
                if r[0] == "S" and r[2] and r[4] == r[2] and _is_field(r[6]) and any(
                        r[1] in flags for flags, _, _ in self.entries(r[2])):
                    own.setdefault(r[1], {})[r[2]] = r[4]
        limits = {}
        for r in self.rules:
            if r[0] != "S":
                continue
            ends = tuple(sorted(root for root, cond in own.get(r[1], {}).items()  # (only those it applies to)
                                if r[4] != cond and _applies(r, root, full_strip=True)))
            starts = _NO_ORDINAL if self._makes_ordinal(r) else ()
            flag, has = _ENTRY_RULES.get(_rule_key(r), ("", True))
            if ends or starts or flag:
                limits[r] = (ends, starts, flag, has)
        return limits

    def _fits(self, rule: Rule, root: str, flags: str) -> bool:
        """Whether `rule`, whose condition `root` meets, makes a word of the entry `root` (with
        `flags`): not where the data is wrong (`_limits`)."""
        limit = self._limits.get(rule)
        if limit is None:
            return True
        ends, starts, flag, has = limit
        return not root.endswith(ends) and not root.startswith(starts) and (not flag or (flag in flags) == has)

    def entries(self, stem: str) -> tuple[tuple[str, str, int], ...]:
        """The dictionary entries spelt `stem`: (flags, po tag, Zipf frequency x 100) each."""
        found = self._entries.get(stem)
        if found is None:
            raw = self._raw.get(stem)
            found = () if raw is None else tuple(
                (flags, tag, int(freq)) for flags, tag, freq in (e.split("\t") for e in raw.split(";")))
            self._entries[stem] = found
        return found

    def __len__(self) -> int:
        return len(self._raw)

    def __iter__(self) -> Iterator[str]:
        """The spellings of the dictionary's entries (roots), in file order."""
        return iter(self._raw)

    # -- loading -------------------------------------------------------------------------------

    @classmethod
    def load(cls, folder: str | os.PathLike | None = None, *, cache: bool = True) -> "Lexicon":
        """The lexicon of lv_LV.aff/.dic in `folder` (default: the package's), from the cache when
        one was written for these exact files, else read with spylls (and cached when `cache`)."""
        aff, dic = dictionary_files(folder)
        if not cache:
            return cls(compile_dictionary(aff, dic))
        path = cache_path(aff, dic)
        try:
            with open(path, "rb") as fp:
                data = pickle.load(fp)
            if data.get("format") == FORMAT:
                return cls(data)
        except FileNotFoundError:
            pass
        except Exception as exc:  # a damaged or foreign cache file: rebuild it
            log.debug("lexicon cache %s unreadable (%s): rebuilding", path, exc)
        data = compile_dictionary(aff, dic)
        _write_cache(path, data)
        return cls(data)

    # -- analysis ------------------------------------------------------------------------------

    def readings(self, word: str) -> tuple[Reading, ...]:
        """Every analysis of `word`, best first (see `rank`); () for a word the dictionary lacks.
        Case: a capitalised or upper-case word is also looked up lower-cased (a sentence start);
        a hyphenated word unknown as a whole inflects at its end (e-grāmatām -> e-grāmata)."""
        found = self._readings.get(word)
        if found is None:
            found = tuple(sorted(set(self._analyse(word)),
                                 key=lambda r: rank(r, word, suppletive=self._suppletive(r))))
            if not found and "-" in word.strip("-"):
                head, _, tail = word.rpartition("-")
                found = tuple(_with_head(r, head + "-", word) for r in self.readings(tail))
            if len(self._readings) > 500_000:
                self._readings.clear()
            self._readings[word] = found
        return found

    def _suppletive(self, r: Reading) -> bool:
        """A pronoun's form that a rule stripping its whole root makes (FULLSTRIP: man, mani, tevis of
        es, tu): the dictionary's own paradigm of that pronoun, not a declension's ending."""
        return r.pos == "PRON" and r.root in self._whole_forms.get(r.form.lower(), ())

    def _variants(self, word: str) -> list[str]:
        out = [word]
        if word[:1].isupper():
            out.append(word.lower())
            if word.isupper() and len(word) > 1:
                out.append(word[0] + word[1:].lower())
        return out

    def _analyse(self, word: str) -> Iterator[Reading]:
        for variant in self._variants(word):
            yield from self._strip_suffixes(word, variant, None)
            for p in self.prefixes:
                if variant.startswith(p[3]) and len(variant) > len(p[3]):
                    rest = p[2] + variant[len(p[3]):]
                    if _applies(p, rest):
                        yield from self._strip_suffixes(word, rest, p)
            negated = self._negated_of.get(variant)
            if negated is not None and self._negation is not None:  # nav: ne- and ir of būt
                root, form = negated
                yield from (r for r in self._strip_suffixes(word, form, self._negation) if r.root == root)

    def _strip_suffixes(self, word: str, rest: str, prefix: Rule | None) -> Iterator[Reading]:
        """The readings of `rest` as an entry with no suffix, one, or two (`word` with `prefix`
        stripped). What the rules could make is looked up before their conditions are tested:
        nearly every candidate root is no entry, and the dictionary lookup is the cheaper test."""
        raw = self._raw
        n = len(rest)
        for stem_tag in self.entries(rest):  # no suffix
            yield from self._valid(word, rest, stem_tag, (), prefix)
        # as `_applies` would judge them: mid and root end with the rule's strip by construction
        # and are longer than it (k < n; j < len(mid)), or as long with FULLSTRIP (k == n: the
        # suffix is the whole word, gāja -> iet), so the condition decides
        tails = self._outer_tails
        for k in range(0, min(n if self.fullstrip else n - 1, self.max_add) + 1):
            add = rest[n - k:]
            if add not in tails:
                break
            for strip, searches, continued in self._outer_by_add.get(add, ()):
                mid = rest[:n - k] + strip
                if mid in raw:  # one suffix
                    entries = self.entries(mid)
                    for outer, condition in searches:
                        if condition(mid):
                            for stem_tag in entries:
                                yield from self._valid(word, mid, stem_tag, (outer,), prefix)
                for flag, outers, last in continued:  # two suffixes
                    if last is not None and mid[-1:] not in last:
                        continue
                    roots = self._inner_roots(flag, mid)
                    if not roots:
                        continue
                    for outer, condition in outers:
                        if not condition(mid):
                            continue
                        for inner, root in roots:
                            for stem_tag in self.entries(root):
                                yield from self._valid(word, root, stem_tag, (inner, outer), prefix)

    def _inner_roots(self, flag: str, mid: str) -> list[tuple[Rule, str]]:
        """(rule, root) of the suffixes of `continued_by[flag]` that `mid` ends with, whose root is
        an entry and meets the rule's condition."""
        table = self._inner_by_add.get(flag)
        if not table:
            return []
        raw, tails = self._raw, self._inner_tails[flag]
        m = len(mid)
        found = []
        for j in range(m + 1 if self.fullstrip else m):  # len(mid) > len(add), or == with FULLSTRIP
            add = mid[m - j:]
            if add not in tails:
                break
            for inner, condition in table.get(add, ()):
                root = mid[:m - j] + inner[2]
                if root in raw and condition(root):
                    found.append((inner, root))
        return found

    def _valid(self, word: str, root: str, entry: tuple[str, str, int], chain: tuple[Rule, ...],
               prefix: Rule | None) -> tuple[Reading, ...]:
        """The readings of `word` as `root` + `chain` (+ `prefix`) (`_readings_of`), () when the
        flags forbid it or it is no word (`_fits`, `_NEGATED`)."""
        flags, tag, _ = entry
        if chain:
            if chain[0][1] not in flags or len(chain) > 1 and any(
                    r[1] not in prev[5] for prev, r in zip(chain, chain[1:])):
                return ()
            if not self._fits(chain[0], root, flags):
                return ()
            if self.needaffix and self.needaffix in chain[-1][5]:
                return ()
        elif self.needaffix and self.needaffix in flags and prefix is None:
            return ()
        if not self._prefix_fits(flags, chain, prefix):
            return ()
        if prefix is not None and prefix == self._negation and (root, word[len(prefix[3]):].lower()) in _NEGATED:
            return ()  # neir: of būt, ne- and ir is nav
        return self._readings_of(word, root, entry, chain, prefix)

    def _prefix_fits(self, flags: str, chain: tuple[Rule, ...], prefix: Rule | None) -> bool:
        """`prefix` (or none) may go with the entry's `flags` and `chain`: its flag is the entry's
        or a suffix's continuation (tested first: most entries take no prefix), the circumfix
        flag is on both or neither, and prefix and suffixes combine (cross product)."""
        if prefix is not None and prefix[1] not in flags and not any(prefix[1] in r[5] for r in chain):
            return False
        circ = self.circumfix
        wants = bool(circ) and any(circ in r[5] for r in chain)
        if prefix is None:
            return not wants
        if bool(circ) and (circ in prefix[5]) != wants:
            return False
        return not chain or (prefix[7] and all(r[7] for r in chain))

    def _readings_of(self, form: str, root: str, entry: tuple[str, str, int], chain: tuple[Rule, ...],
                     prefix: Rule | None) -> tuple[Reading, ...]:
        """The readings of `form` as `root` + `chain` (+ `prefix`): one, but for a form of an
        ordinal's entry, which may be two or none (`_ordinal`)."""
        flags, tag, frequency = entry
        pos = _pos_of(tag, flags, root)
        inner = chain[0] if chain else None
        role = _ROLE.get(inner[1], "base") if inner else "base"
        if role == "verb" and inner[3].endswith(_REFLEXIVE_VERBAL_NOUN_ENDINGS):
            role = "verbal_noun"  # a -ties verb's own group makes its -šanās noun (sadarboties)
        lemma, kind = root, role
        if role == "base" and inner and inner[1] == "x" and inner[5]:
            lemma, kind, pos = _apply(inner, root), "feminine", "NOUN"
        elif role == "verbal_noun":
            lemma = _apply(inner, root)  # -šana, or the reflexive -šanās / -šanos
            if lemma.endswith("šanos"):
                lemma = lemma[:-len("šanos")] + "šanās"
            pos = "NOUN"
        elif role == "diminutive":
            lemma = self._nominative(_DIMINUTIVE_NOMINATIVE[inner[1]], root) or root
            pos = "PROPN" if pos == "PROPN" else "NOUN"
        elif role in ("verb", "participle"):
            pos = "VERB"
            if _is_reflexive(inner) and not root.endswith("ies"):
                lemma = root + "ies"
        if kind == "base" and (not pos or tag.endswith("f") and tag.startswith(("liet", "īpv"))
                               or not tag and not chain and not set(flags) - _SKIP_FLAGS - {"-"}
                               or not chain and root in self._whole_forms and not set(flags) - _SKIP_FLAGS):
            # an irregular form listed alone (no part of speech, or tagged 'f'; or a form that a
            # rule stripping a whole root makes, listed again without inflection: ir/= po:saiklis)
            kind = "form"
        surface = form[len(prefix[3]):] if prefix is not None else form
        head = prefix[3] if prefix is not None and prefix[3] not in _INFLECTIONAL_PREFIXES else ""
        affixes = ((prefix[1],) if prefix else ()) + tuple(r[1] for r in chain)
        ordinal = self._ordinal(surface, root, flags, chain, pos) if pos in ("NUM", "ADJ") else None
        if ordinal is not None:  # pirmās, otrajā: pirmais, otrais (not viens, otrs); otra: otrs
            return tuple(Reading(form, head + lemma, "ADJ", kind, slots, root, tag, affixes, frequency / 100)
                         for lemma, slots in ordinal)
        lemma = head + lemma
        slots = self._slots(form, surface, root, lemma, flags, tag, chain, prefix, kind=kind, pos=pos or "X")
        if pos in ("NOUN", "PROPN"):
            lemma = _plural_usage(lemma)
        return (Reading(form, lemma, pos or "X", kind, slots, root, tag, affixes, frequency / 100),)

    def _ordinal(self, surface: str, root: str, flags: str, chain: tuple[Rule, ...],
                 pos: str) -> tuple[tuple[str, tuple[Slot, ...]], ...] | None:
        """(lemma, slots) of each reading of a form (`surface`, without a prefix) of an entry that
        makes an ordinal, all ADJ (see `_ADJECTIVE_FLAG`), or None for another form or entry.
        - A numeral's rule that makes the ordinal (viens -> pirmais/y): the ordinal's, with the
          definite slots on its own stem (pirmās of viens -> pirmais: gen. sg. fem., ...).
        - otrs/W, the ordinal's indefinite: its indefinite forms are otrs's (otra, otru, otrā: loc.),
          its definite forms otrais's (otrā: gen. sg. masc., nom. sg. fem.; otrajā).
        - desmits, divdesmits/W: their indefinite forms are their own (desmitiem, desmitā: loc.);
          the definite ones are read as desmit/w's ordinal (desmitajā: desmitais), so none here.
        None too for a numeral's own forms (divu, triju), other adjectives, and a form no adjective
        has (y's `ais 0` rule makes daudz, miljon of daudzais, miljonais)."""
        inner = chain[0] if chain else None
        if pos == "NUM" and inner is not None and self._makes_ordinal(inner):
            ordinal = _apply(inner, root)
            slots = tuple(sl for sl in adjective_slots(surface.lower(), ordinal) if sl.definite)
            return ((ordinal, slots),) if slots else None
        if not (_ADJECTIVE_FLAG in flags and (inner is None or inner[1] == _ADJECTIVE_FLAG)
                and (pos == "NUM" or self._ordinal_adjective(root))):
            return None
        slots = adjective_slots(surface.lower(), root)
        if not slots:
            return None
        own = tuple(sl for sl in slots if not sl.definite)
        definite = tuple(sl for sl in slots if sl.definite) if pos == "NUM" else ()
        return tuple((lemma, sl) for lemma, sl in ((root, own), (adjective_form(root, _ORDINAL_SLOT), definite)) if sl)

    def _ordinal_adjective(self, root: str) -> bool:
        """An adjective entry whose definite form is an ordinal a numeral entry makes (desmits:
        desmitais, which desmit/w makes; memoised: asked of every adjective's readings)."""
        found = self._ordinal_adjectives.get(root)
        if found is None:
            ordinal = adjective_form(root, _ORDINAL_SLOT)
            found = False
            for r in self._ordinal_rules:
                if not ordinal.endswith(r[3]):
                    continue
                numeral = ordinal[:len(ordinal) - len(r[3])] + r[2]  # the rule undone
                if _applies(r, numeral, full_strip=self.fullstrip) and any(
                        r[1] in flags and tag.startswith(_NUMERAL_TAG) and self._fits(r, numeral, flags)
                        for flags, tag, _ in self.entries(numeral)):
                    found = True
                    break
            self._ordinal_adjectives[root] = found
        return found

    def _makes_ordinal(self, rule: Rule) -> bool:
        """A rule of an adjective flag that makes a stem for an adjective flag to decline, itself a
        word (lv_LV's w: viens -> pirmais/y; not daudzi -> daudzais/{y, which needs an affix)."""
        return (_ROLE.get(rule[1]) == "adjective" and any(_ROLE.get(f) == "adjective" for f in rule[5])
                and not (self.needaffix and self.needaffix in rule[5]))

    def _nominative(self, flag: str, root: str) -> str | None:
        """The nominative singular a group of `flag` makes of `root` (verbal nouns, diminutives)."""
        for r in self.by_flag.get(flag, ()):
            if _is_field(r[6]).endswith("n") and _applies(r, root):
                return _apply(r, root)
        return None

    def _slots(self, form: str, surface: str, root: str, lemma: str, flags: str, tag: str,
               chain: tuple[Rule, ...], prefix: Rule | None, *, kind: str, pos: str) -> tuple[Slot, ...]:
        """The slots of `form` (`surface`: without its prefix) as `root` + `chain` (+ `prefix`)."""
        adjective_rules = [r for r in chain if _ROLE.get(r[1]) == "adjective"]
        if adjective_rules or (pos == "ADJ" and not chain):
            stem_form = root if not chain or chain[0] is adjective_rules[0] else _apply(chain[0], root)
            return adjective_slots(surface.lower(), stem_form.lower(),
                                   comparative=any(r[1] in "YX" for r in adjective_rules))
        if pos not in ("NOUN", "PROPN") or kind == "form":
            return ()
        is_field = _is_field(chain[-1][6]) if chain else ""
        if kind == "verbal_noun" and lemma.endswith("šanās"):
            return _REFLEXIVE_VERBAL_NOUN["n" if form.lower().endswith("šanās") else "a"]
        if prefix is not None and prefix[3] not in _INFLECTIONAL_PREFIXES:
            form, lemma = surface, lemma[len(prefix[3]):]
        declension = _declension(tag, lemma, from_tag=kind == "base")
        plural_only = kind == "base" and tag.startswith("liet") and tag.endswith("d")
        gender = None if declension is None else "masc" if declension <= 3 else "fem"
        out = noun_slots(form, lemma, declension, plural_only=plural_only, gender=gender)  # in slot order
        plural_flags = flags if kind == "base" else chain[0][5] if chain else ""
        if not plural_only and _PLURAL_FLAGS.isdisjoint(plural_flags):
            out = tuple(sl for sl in out if sl.number == "sing")  # no plural (Latvija, nauda)
        if len(is_field) == 3 and is_field[0] in _NUMBER_OF and is_field[2] in _CASE_OF:
            tagged = Slot(_CASE_OF[is_field[2]], _NUMBER_OF[is_field[0]], gender)
            if tagged not in out:
                out = tuple(sorted((*out, tagged), key=_slot_order))
        if not out and form.lower() == lemma.lower():
            out = (Slot("nom", "plur" if plural_only else "sing", gender),)
        return out

    # -- generation ----------------------------------------------------------------------------

    def expand(self, root: str, *, negated: bool = False, roles: Iterable[str] | None = None) -> Iterator[Reading]:
        """Every form of every entry spelt `root`, with its reading (vocatives included; forms
        with 'ne' only when `negated`; only the flags of `roles`, see _ROLE, when given). Where
        the dictionary allows it (FULLSTRIP), a rule may strip the whole root, as in analysis:
        iet -> gāju, eju, ejot; būt -> esmu, ir."""
        for reading, _ in self._expand(root, negated=negated, roles=roles):
            yield reading

    def _expand(self, root: str, *, negated: bool = False,
                roles: Iterable[str] | None = None) -> Iterator[tuple[Reading, tuple[Rule, ...]]]:
        """`expand`, each reading with the suffix rules that made it."""
        roles = frozenset(roles) if roles is not None else None
        for entry in self.entries(root):
            flags = entry[0]
            if roles is not None:
                flags = "".join(f for f in flags if _ROLE.get(f, "base") in roles or f in _PREFIX_FLAGS)
            for form, chain in self._chains(root, flags):
                continuations = "".join(r[5] for r in chain)  # the flags the suffixes allow after them
                needs_prefix = bool(self.circumfix) and self.circumfix in continuations
                for reading in () if needs_prefix else self._valid(form, root, entry, chain, None):
                    yield reading, chain
                for p, strip, match in self._prefix_tests:  # as `_applies` would judge them
                    if p[3] not in _INFLECTIONAL_PREFIXES and not negated:
                        continue
                    if p[1] not in flags and p[1] not in continuations:
                        continue  # (what `_prefix_fits` tests first, without a call)
                    if form.startswith(strip) and match(form) and self._prefix_fits(flags, chain, p):
                        made = p[3] + form[len(strip):]
                        if p == self._negation:
                            made = _NEGATED.get((root, form), made)  # nav, not neir
                        for reading in self._readings_of(made, root, entry, chain, p):
                            yield reading, chain

    def _chains(self, root: str, flags: str) -> Iterator[tuple[str, tuple[Rule, ...]]]:
        """(form, suffix rules applied) of `root` with the suffixes of `flags`: none, one, two
        (with FULLSTRIP, a rule may strip all of the word it applies to). The rules' tests are
        `_applies` and `_fits`, spelt out: it is the inner loop of generation."""
        needaffix = self.needaffix
        if not (needaffix and needaffix in flags):
            yield root, ()
        whole = 1 if self.fullstrip else 0
        n = len(root) + whole
        for flag in flags:
            if flag in _SKIP_FLAGS:
                continue
            for r, strip, search, limited in self._suffix_tests_for(flag, root[-1:]):
                if not (n > len(strip) and root.endswith(strip) and search(root)):
                    continue
                if limited and not self._fits(r, root, flags):
                    continue
                form = root[:len(root) - len(strip)] + r[3]
                if not (needaffix and needaffix in r[5]):
                    yield form, (r,)
                m = len(form)
                for flag2 in r[5]:
                    for r2, strip2, search2, _ in self._suffix_tests_for(flag2, form[-1:]):
                        if m + whole > len(strip2) and form.endswith(strip2) and search2(form):
                            yield form[:m - len(strip2)] + r2[3], (r, r2)

    def _suffix_tests_for(self, flag: str, last: str) -> list[tuple[Rule, str, Any, bool]]:
        """(rule, strip, compiled condition, whether `_fits` may refuse it) of the suffix rules of
        `flag`, in their order, but for those that strip what a word ending in `last` does not
        end with: made once per flag and letter (the letters that end the dictionary's roots and
        their forms)."""
        key = flag + last
        found = self._suffix_tests.get(key)
        if found is None:
            found = self._suffix_tests[key] = [
                (r, r[2], _condition(r[4], "S").search, r in self._limits) for r in self.by_flag.get(flag, ())
                if r[0] == "S" and (not r[2] or r[2][-1:] == last)]
        return found

    def paradigm(self, lemma: str, *, pos: str | None = None) -> tuple[Reading, ...]:
        """Every form whose lemma is `lemma` (of part of speech `pos`, if given), generated from
        the affix flags of the entries that make it: the dictionary order of the flags, the
        lemma first, no duplicates of (form, slots). () when the dictionary cannot make it."""
        out, seen = [], set()
        for r in self._made(lemma, pos=pos):
            if (r.form, r.slots) not in seen:
                seen.add((r.form, r.slots))
                out.append(r)
        out.sort(key=lambda r: r.form != lemma)  # stable: the lemma first, then the flags' order
        return tuple(out)

    def present_forms(self, lemma: str) -> frozenset[str]:
        """The forms of the verb `lemma` that only rules of its present stem make (`_present_stem`:
        the present tense, imperative, debitive, present gerund and participles: saku, sakiet,
        jāsaka, sakot, sakošs, sakāms of sacīt); not one a past or future rule makes too (lv_LV
        makes teicu, teikt's past, with its present rules as well)."""
        present: dict[str, bool] = {}
        for r, chain in self._made(lemma, pos="VERB", chains=True):
            present[r.form] = present.get(r.form, True) and bool(chain) and _present_stem(chain[0])
        return frozenset(form for form, only in present.items() if only)

    def _made(self, lemma: str, *, pos: str | None, chains: bool = False) -> Iterator:
        """Every reading the entries that make `lemma` generate of it (`paradigm`), repeats too;
        with `chains`, (reading, the suffix rules that made it)."""
        makers = [r for r in self.readings(lemma)
                  if r.lemma == lemma and (pos is None or r.pos == pos) and self.entries(r.root)]
        roots = {r.root for r in makers}
        # only the flags that can make this lemma: a verbal noun's paradigm needs none of its verb's
        roles = set().union(*(_LEMMA_ROLES.get(_role_of(r), ()) for r in makers))
        if not roots and "-" in lemma.strip("-"):
            head, _, tail = lemma.rpartition("-")
            for made in self._made(tail, pos=pos, chains=chains):
                r = made[0] if chains else made
                r = _with_head(r, head + "-", head + "-" + r.form)
                yield (r, made[1]) if chains else r
            return
        negated = lemma.startswith("ne")
        for root in sorted(roots):
            for r, chain in self._expand(root, negated=negated, roles=roles):
                if r.lemma == lemma and (pos is None or r.pos == pos):
                    yield (r, chain) if chains else r


def _write_cache(path: Path, data: dict) -> None:
    """Write the compiled dictionary to `path`, and remove the cache files it supersedes (`_superseded`)."""
    from ..fileio import atomic_write, remove_others

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path, mode="wb", encoding=None) as fp:
            pickle.dump(data, fp, protocol=pickle.HIGHEST_PROTOCOL)
        log.debug("lexicon cache written to %s", path)
    except Exception as exc:  # a read-only home: work from memory, read again next time
        log.debug("lexicon cache not written (%s)", exc)
        return
    remove_others(path, _superseded(path))


#: The flag roles whose forms a lemma made by a role's flag has (a noun's: its inflection and,
#: for adjectives, degrees; a verb's: finite forms and participles).
_LEMMA_ROLES = {"base": ("base", "adjective"), "adjective": ("base", "adjective"),
                "verb": ("verb", "participle"), "participle": ("verb", "participle"),
                "verbal_noun": ("verbal_noun",), "diminutive": ("diminutive",)}
_PREFIX_FLAGS = frozenset("-][")
#: The flags of present participles (-ošs, -ams/-āms, -ošies: sakošs, sakāms), whose rules have no is: field.
_PRESENT_PARTICIPLE_FLAGS = frozenset("012%!)@")


def _present_stem(rule: Rule) -> bool:
    """Whether a suffix rule makes a form on a verb's present stem: its is: field (person, number,
    tense, voice, mood: is:1vtt0) says the present tense (t), but for the reflexive infinitive
    (is:0xta0: no person, mood 0) and the conditional (mood l: teiktos), which the group of a
    verb's present forms makes too; or it makes a present participle (`_PRESENT_PARTICIPLE_FLAGS`)."""
    field = _is_field(rule[6])
    if len(field) == 5:
        return field[2] == "t" and field[4] != "l" and not (field[0] == "0" and field[1] == "x" and field[4] == "0")
    return rule[1] in _PRESENT_PARTICIPLE_FLAGS


def _role_of(r: Reading) -> str:
    """The role of the flag that made a reading's lemma (of its entry: by part of speech)."""
    first = next((f for f in r.affixes if f not in _PREFIX_FLAGS), "")
    if first:
        return _ROLE.get(first, "base")
    return "verb" if r.pos == "VERB" else "base"


def _slot_order(slot: Slot) -> tuple[int, int]:
    """The order of a noun's slots: singular first, then by case (nominative first)."""
    return NUMBERS.index(slot.number), CASES.index(slot.case)


def _plural_usage(lemma: str) -> str:
    if not lemma.endswith(_PLURAL_USAGE_ENDINGS):
        return lemma
    for singular, plural in PLURAL_USAGE.items():
        if lemma.endswith(singular):
            return lemma[:len(lemma) - len(singular)] + plural
    return lemma


def _is_reflexive(rule: Rule) -> bool:
    return rule[1] in _REFLEXIVE or (rule[1] == "%" and rule[3].endswith("ies"))


def _with_head(r: Reading, head: str, form: str) -> Reading:
    """A reading of a hyphenated word's last part, as a reading of the whole word."""
    return Reading(form, head + r.lemma, r.pos, r.kind, r.slots, head + r.root, r.tag, r.affixes, r.frequency)


def adjective_slots(form: str, stem_form: str, *, comparative: bool = False) -> tuple[Slot, ...]:
    """The slots of an adjective (or participle) form, given its masculine indefinite nominative
    (`stem_form`: publisks, zaļš, atvērts, strādājošs; -ais and plural-only -i words too):
    publiskajām -> dat plur fem definite; publiskā -> nom sing fem def, gen sing masc def, loc..."""
    base = adjective_base(stem_form) + ("āk" if comparative else "")
    if not form.startswith(base):
        return ()
    return _ADJECTIVE_SLOTS_BY_ENDING.get(form[len(base):], ())


def adjective_base(stem_form: str) -> str:
    """What the endings follow: publisks -> publisk, zaļš -> zaļ, pirmais -> pirm, abēji -> abēj."""
    for end in ("ais", "s", "š", "i"):
        if stem_form.endswith(end) and len(stem_form) > len(end):
            return stem_form[:-len(end)]
    return stem_form


def adjective_form(stem_form: str, slot: Slot) -> str:
    """An adjective in a slot: ('publisks', dat plur fem definite) -> 'publiskajām'; a comparative
    stem form works too ('lielāks' -> 'lielākajām')."""
    base = adjective_base(stem_form)
    end = ADJECTIVE_ENDINGS[Slot(slot.case, slot.number, slot.gender or "masc",
                                 True if slot.definite is None else slot.definite)]
    if end == "s" and stem_form.endswith("š"):
        end = "š"
    return base + end


def rank(r: Reading, word: str, *, suppletive: bool = False) -> tuple:
    """How readings of `word` are ordered, best first: a lemma listed in the dictionary before an
    irregular form alone; a lemma that is an entry before one derived from it (biedru, lasītāja:
    biedrs, lasītājs before the feminine biedre, lasītāja); the form that is its own lemma
    (tīklošanās the noun before the locative plural of tīklošana; autortiesības); a personal
    pronoun's `suppletive` form (`Lexicon._suppletive`: man, mani are es before the rare noun mans's
    vocative and plural, and before the possessive mans); an entry spelt
    with the word's capitalisation; nouns, then adjectives, then verbs; fewer affixes; the more
    frequent entry (ceļu: ceļš, not celis; pili: pils, not pile); then alphabetical (lemma, part
    of speech, kind, slots, and last the root, tag and affixes, which tell apart two entries that
    make the same reading: līderi by the flags Q and q), so the order is deterministic."""
    return (not r.known_lemma, r.derived, r.lemma.lower() != word.lower(), not suppletive,
            not r.root.startswith(word[:1]),
            _POS_ORDER.get(r.pos, 3), len(r.affixes), -r.frequency, r.lemma, r.pos, r.kind, r.slots,
            r.root, r.tag, r.affixes)


# --- the process-wide lexicon ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def get() -> Lexicon:
    """lvterm's lexicon (the package's dictionary), loaded on first use."""
    return Lexicon.load()


def readings(word: str) -> tuple[Reading, ...]:
    """Every analysis of one word, best first (() when the dictionary does not know it)."""
    return get().readings(word) if word else ()


def lemmas(word: str) -> tuple[tuple[str, str], ...]:
    """(lemma, part of speech) of every reading of `word`, best first, without repeats."""
    out: list[tuple[str, str]] = []
    for r in readings(word):
        if r.known_lemma and (r.lemma, r.pos) not in out:
            out.append((r.lemma, r.pos))
    return tuple(out)


def negated(verb: str, form: str) -> str:
    """A form of `verb` negated: ne- before it (lasa -> nelasa), or the form Latvian negates it with
    instead (`_NEGATED`: būt's ir -> nav)."""
    return _NEGATED.get((verb, form), "ne" + form)


def is_ordinal(word: str) -> bool:
    """A form of an ordinal numeral (pirmās, otrajā, trešā; otru, otras: the indefinite otrs): an
    adjective reading of a numeral's entry (`Lexicon._ordinal`); not a cardinal (divu), nor
    desmitiem (desmits, a ten)."""
    return any(r.pos == "ADJ" and r.tag.startswith(_NUMERAL_TAG) for r in readings(word))


def is_known(word: str) -> bool:
    """The dictionary spells `word` (as some form of some entry)."""
    return bool(readings(word))


@lru_cache(maxsize=20_000)
def paradigm(lemma: str, *, pos: str | None = None) -> tuple[Reading, ...]:
    """Every form of `lemma` with its reading (see Lexicon.paradigm); cached per lemma."""
    return get().paradigm(lemma, pos=pos)


def forms(lemma: str, *, pos: str | None = None) -> tuple[str, ...]:
    """The distinct forms of `lemma`, the lemma first."""
    return tuple(dict.fromkeys(r.form for r in paradigm(lemma, pos=pos)))


@lru_cache(maxsize=2_000)
def present_forms(lemma: str) -> frozenset[str]:
    """The forms of the verb `lemma` made on its present stem alone (`Lexicon.present_forms`)."""
    return get().present_forms(lemma)


def slot_forms(lemma: str, *, pos: str | None = None) -> dict[Slot, str]:
    """Slot -> the first form the dictionary gives for it (nouns: case, number, gender)."""
    out: dict[Slot, str] = {}
    for r in paradigm(lemma, pos=pos):
        for slot in r.slots:
            out.setdefault(slot, r.form)
    return out

