"""Latvian verb terms for `lvterm check-po`: which terms are verbs, and the forms a translation may use of them.

A Latvian term is a verb when its part_of_speech says so or its first word is an infinitive the
lexicon conjugates (`_is_verb`, `_infinitive`: "dzēst", "Dzēst"; not "Padlet" or "IKT"). A verb
term is matched by the very forms the lexicon makes of it (`_verb_forms`, `_verb_forms_of`: its
participles and negated ones, "pieteicies" of "pieteikties"), told apart case- and
diacritics-folded (`_folded`), not by a noun of its stem ("raksts" is no form of "rakstīt"). Its
prefixed verbs are not its forms: a translation that uses one the termbase does not list is a
`Perfective`, which the problem names (`_perfective`: "Izdzēsts" for "dzēst").
"""
from __future__ import annotations

from typing import Callable, Collection, Mapping, NamedTuple, Sequence

from ..lang import get as get_lang
from ..lang.keys import TOKEN_RE, fold, heading_words
from ..models import Term


class Perfective(NamedTuple):
    """A word of a msgstr that is a form of a prefixed verb of the preferred verb term (izdzēst of
    dzēst) no term of the termbase is: maybe the term's perfective, which its entry does not list."""

    found: str  # the word as the msgstr writes it
    verb: str  # the prefixed verb ("izdzēst"; with the term's other words: "izdzēst failu")
    term: str  # the preferred term it is a prefixed verb of

    def __str__(self) -> str:
        return (f', found "{self.found}", a form of "{self.verb}" (if "{self.verb}" is right, add it to the forms '
                f'of "{self.term}" in the termbase)')


def _infinitive(word: str) -> str | None:
    """The word as a Latvian infinitive the lexicon conjugates ("dzēst", "pieteikties"; "Dzēst",
    capitalised, is "dzēst"), else None: a name or an acronym ("Padlet", "IKT", "PowerPoint": only
    a word whose first letter alone is a capital is read in lower case), a form that is no
    infinitive ("dzēš"), a verb the lexicon does not know ("kopīgot")."""
    if word[:1].isupper() and word[1:] == word[1:].lower():
        word = word.lower()
    if word != word.lower():
        return None
    reading = get_lang("lv").analyse(word)
    if reading.pos != "VERB" or reading.lemma != word:
        return None
    return word if get_lang("lv").verb_forms(word) else None


def _is_verb(term: Term) -> bool:
    """Whether a Latvian term is a verb: its part_of_speech says so, or (left at the default, noun)
    its first word is an infinitive the lexicon conjugates, as no Latvian noun is ("dzēst",
    "pieteikties", "dzēst failu", "Dzēst"; not a name or an acronym: "Padlet", "IKT" are no
    infinitives: `_infinitive`)."""
    if term.part_of_speech != "noun":
        return term.part_of_speech == "verb"
    words = heading_words(term.text)
    return bool(words) and _infinitive(words[0]) is not None


def _verb_forms(text: str) -> tuple[str, ...]:
    """The forms a translation may use of a Latvian verb term (`_is_verb`), or of a verb listed
    among its forms, by its first word (`lang.lv.verb_forms`: its participles, "pieteicies" for
    "pieteikties", and negated ones; "dzēst failu": "dzēsts failu", ...; not its prefixed verbs:
    "izdzēsts" is a form of "dzēst" only when the termbase lists "izdzēst"); () for a first word that
    is no infinitive the lexicon conjugates: its forms cannot be known."""
    first, _, rest = text.strip().partition(" ")
    infinitive = _infinitive(first)
    if infinitive is None:
        return ()
    return tuple(f"{form} {rest}" if rest else form for form in get_lang("lv").verb_forms(infinitive))


def _folded(text: str) -> str:
    """A text's words case-folded, diacritics folded and space-joined: how a verb's forms are told
    apart ("Izdzēsts", "izdzests" are one; "raksts" and "raksta" two)."""
    return fold(" ".join(TOKEN_RE.findall(text)).casefold())


def _verb_forms_of(texts: Sequence[str], *, terms: frozenset[str], nouns: Mapping[str, Sequence[str]]
                   ) -> dict[str, tuple[str, ...]]:
    """Verb text -> the forms a translation may use of it: `_verb_forms`, with the other words of a
    term of several as `inflect_term` inflects them ("dzēst failu": "izdzēsts fails"); a listed
    form's (not a term itself) without those another term has, verb or noun (`_folded`: "apraksta"
    of "aprakstīt" is the term "apraksts"'s too)."""
    generate = get_lang("lv").inflect_term
    out: dict[str, tuple[str, ...]] = {}
    for text in texts:
        first, _, rest = text.strip().partition(" ")
        rests = dict.fromkeys((rest, *(g.partition(" ")[2] for g in generate(text)))) if rest else {"": None}
        out[text] = tuple(dict.fromkeys((text, *(f"{form} {r}" if r else form
                                                 for form in _verb_forms(first) for r in rests))))
    listed = [text for text in out if text not in terms]
    if listed:
        owners: dict[str, set[str]] = {}
        for forms in (*((t, f) for t, fs in nouns.items() if t in terms for f in fs),
                       *((t, f) for t, fs in out.items() if t in terms for f in fs)):
            owners.setdefault(_folded(forms[1]), set()).add(forms[0])
        for text in listed:
            out[text] = tuple(f for f in out[text] if not owners.get(_folded(f), set()) - {text})
    return out


def _perfective(msgstr: str, *, preferred: Sequence[str], verbs: Collection[str], terms: Collection[str],
                folded_forms: Callable[[str], Collection[str]]) -> Perfective | None:
    """The first words of `msgstr` that are a form of a prefixed verb (`lang.lv.perfectives`) of a
    preferred term that is a verb (`preferred` among `verbs`: a rule's), that verb no term of the
    termbase (`terms`: a deprecated one, or another concept's, is that term: "pārsūtīt" is
    "forward"), its forms as `folded_forms` gives them (`_folded`): "Izdzēsts" for "dzēst" when the
    termbase does not list "izdzēst" ("Izdzēsti faili" for "dzēst failu": "izdzēst failu"); None
    when there is none, or the words are forms of two such verbs."""
    toks = TOKEN_RE.findall(msgstr)
    folded = [fold(w) for w in toks]
    for term in preferred:
        if term not in verbs:
            continue
        first, _, rest = term.strip().partition(" ")
        n = len(TOKEN_RE.findall(term))
        spans = {" ".join(folded[i:i + n]): " ".join(toks[i:i + n]) for i in range(len(toks) - n + 1)}
        found: dict[str, list[str]] = {}
        for verb in get_lang("lv").perfectives(_infinitive(first) or first):
            text = f"{verb} {rest}" if rest else verb
            if text not in terms:
                for said in spans.keys() & folded_forms(text):
                    found.setdefault(spans[said], []).append(text)
        for said, prefixed in found.items():
            if len(prefixed) == 1:
                return Perfective(said, prefixed[0], term)
    return None
