"""Term patterns over the morphology guesses, and the spaCy pipeline that sets them on tokens.

`morph_nlp(lang)` is a blank spaCy pipeline plus the `lvterm_morphology` component, which sets
`token.pos_`, `token.lemma_`, `token.morph` and the extensions `token._.case`, `._.number`,
`._.definite`, `._.stem`, `._.fold`, `._.analysis` from `lang.<lv|en>.analyse`.
`term_matcher(nlp, lang)` returns a spaCy Matcher with the multi-word term patterns, and
`agrees(span, lang)` filters matches whose adjectives do not agree with their noun.
"""
from __future__ import annotations

from functools import lru_cache

from ..lang import get as get_lang

_EXTENSIONS = ("analysis", "case", "number", "definite", "stem", "fold", "sent_start", "genitive")
_SENT_END = frozenset(".!?…")


def _register_extensions() -> None:
    from spacy.tokens import Token

    for name in _EXTENSIONS:
        if not Token.has_extension(name):
            Token.set_extension(name, default=None)


@lru_cache(maxsize=100_000)
def _is_punct(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


def _sentence_initial(doc) -> list[bool]:
    """True for the first word of the text and the first word after . ! ? (quotes skipped)."""
    flags, start = [], True
    for text in (tok.text for tok in doc):
        is_punct = _is_punct(text)
        flags.append(start and not is_punct)
        if text in _SENT_END or (is_punct and text[-1:] in _SENT_END):
            # an ordinal "2011." is tokenised "2011" "."; a lowercase next word is no start anyway
            start = True
        elif not is_punct:
            start = False
    return flags


class Morphology:
    """spaCy component: the suffix-based morphology guesses of `lang.<lang>.analyse` on every token."""

    def __init__(self, lang: str):
        self.lang = lang
        self.module = get_lang(lang)

    def __call__(self, doc):
        analyse = self.module.analyse
        starts = _sentence_initial(doc)
        for tok, start in zip(doc, starts):
            a = analyse(tok.text, sent_start=start)
            tok.pos_ = a.pos
            tok.lemma_ = a.lemma
            tok.set_morph(a.morph or None)  # a "Case=Gen|Number=Sing" string, as MorphAnalysis takes it
            u = tok._  # one extension accessor a token (each `tok._` makes a new one)
            u.analysis = a
            u.case, u.number, u.definite = a.case, a.number, a.definite
            u.stem, u.fold, u.sent_start = a.stem, a.fold, start
            u.genitive = a.has_case("gen")
        if self.lang == "en":
            _english_context(doc)
        return doc


_SUBJECTS = frozenset("i you we they he she who".split())


def _english_context(doc) -> None:
    """A verb-looking word is a noun after a determiner or adjective ("the plans", "annual
    report"), or after a noun when a phrase ends there ("a heart attack.", "heart attack and")."""
    for i, tok in enumerate(doc):
        if i and tok.pos_ == "NOUN" and doc[i - 1].lower_ in _SUBJECTS and tok.text.islower():
            tok.pos_ = "VERB"  # "they need", "we network"
            continue
        if not i or tok.pos_ != "VERB" or tok.text.endswith(("ed", "ing")):
            continue
        prev = doc[i - 1].pos_
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        ends = nxt is None or nxt.pos_ in ("PUNCT", "CCONJ") or (nxt.pos_ == "ADP" and nxt.lower_ != "to")
        if prev in ("DET", "ADJ") or (prev == "NOUN" and ends and not tok.text.endswith("s")):
            tok.pos_ = "NOUN"


@lru_cache(maxsize=4)
def morph_nlp(lang: str):
    """A blank spaCy pipeline for `lang` (lv, en) with the morphology component."""
    import spacy
    from spacy.language import Language

    _register_extensions()
    if not Language.has_factory("lvterm_morphology"):
        Language.factory("lvterm_morphology", default_config={"lang": "lv"},
                         func=lambda nlp, name, lang: Morphology(lang))
    nlp = spacy.blank(lang)
    nlp.add_pipe("lvterm_morphology", config={"lang": lang})
    return nlp


# --- patterns -------------------------------------------------------------------
# Each template is a sequence of token classes; the last is the head noun.
#   A adjective, G noun/proper noun with a genitive reading, N head noun or proper noun,
#   U the conjunction "un"/"and", O the preposition "of", P proper noun, M English modifier.
LV_TEMPLATES = (
    "N", "AN", "GN", "AAN", "GAN", "AGN", "GGN", "GAAN", "GGGN", "GAGN", "AGGN", "GUGN",
    "AGUGN", "GGAN",
)
EN_TEMPLATES = (
    "N", "MN", "MMN", "MMMN", "NON", "MNON", "NOMN", "POP", "PPOP", "MNOP", "MUMN", "MNOMN",
    "NOMMN", "MNOMMN",
)


def _token_pattern(symbol: str, lang: str) -> dict:
    nouns = {"IN": ["NOUN", "PROPN"]}
    if symbol == "N":
        return {"POS": nouns, "LENGTH": {">=": 2}}
    if symbol == "A":
        return {"POS": "ADJ"}
    if symbol == "G":
        return {"POS": nouns, "_": {"genitive": True}}
    if symbol == "U":
        return {"LOWER": "un" if lang == "lv" else "and"}
    if symbol == "O":
        return {"LOWER": "of"}
    if symbol == "P":
        return {"POS": "PROPN"}
    if symbol == "M":
        return {"POS": {"IN": ["ADJ", "NOUN", "PROPN"]}}
    raise ValueError(symbol)


def templates(lang: str) -> tuple[str, ...]:
    return LV_TEMPLATES if lang == "lv" else EN_TEMPLATES


@lru_cache(maxsize=4)
def _patterns(lang: str) -> dict[str, list[list[dict]]]:
    return {t: [[_token_pattern(s, lang) for s in t]] for t in templates(lang)}


def term_matcher(nlp, lang: str):
    """A Matcher with one rule per template (the rule's label is the template string)."""
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab)
    for name, pats in _patterns(lang).items():
        matcher.add(name, pats)
    return matcher


def _cases(tok) -> set[str]:
    return set(tok._.case.split("|")) if tok._.case else set()


def _numbers(tok) -> set[str]:
    return set(tok._.number.split("|")) if tok._.number else set()


def agrees(span, template: str, lang: str) -> bool:
    """Latvian adjectives must share a case and number reading with the noun they precede;
    no token may be a bare letter or a number; an English term may not start with "of"/"and"."""
    if any(not any(ch.isalpha() for ch in t.text) for t in span):
        return False
    if lang != "lv":
        return True
    toks = list(span)
    for i, sym in enumerate(template):
        if sym != "A":
            continue
        j = i + 1
        while j < len(template) and template[j] == "A":
            j += 1
        if j >= len(toks):
            return False
        adj, noun = toks[i], toks[j]
        if _cases(adj) and _cases(noun) and not _cases(adj) & _cases(noun):
            return False
        if _numbers(adj) and _numbers(noun) and not _numbers(adj) & _numbers(noun):
            return False
    return True
