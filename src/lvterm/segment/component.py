"""spaCy components of lvterm, registered in this one module.

`lvterm_sentences` sets sentence starts from our rule-based segmenter
(`lvterm.segment.rules.sentence_starts`): Latvian rules for "lv", English rules with pysbd settling the
ambiguous cases for "en", language-neutral rules for any other language. Importing this module only registers the
factory; nothing is built until a pipeline adds the component.
"""
from __future__ import annotations

from typing import Iterable, Iterator

import numpy

from ..spacyload import import_spacy

import_spacy()  # before spaCy's submodules: thinc's torch probe skipped (see lvterm.spacyload)
from spacy.attrs import IDX, SENT_START  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from .rules import pysbd_starts, sentence_starts

COMPONENT = "lvterm_sentences"
TEXT_KEY = "lvterm_text"  # doc.user_data key: the input text, kept by KeepText


class KeepText:
    """Tokenizer wrapper that keeps the input text on the doc: spaCy rebuilds `doc.text` from its tokens
    on every access, which costs as much as our whole rule pass."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name):
        if name == "tokenizer":  # not set yet (copy, unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


@Language.factory(COMPONENT, default_config={"lang": None, "method": "lvterm"})
def make_sentence_rules(nlp: Language, name: str, lang: str | None, method: str) -> "SentenceRules":
    """method "lvterm" (our rules, pysbd inside for English) or "pysbd" (pysbd alone, to measure it)."""
    return SentenceRules(lang=lang or nlp.lang, method=method)


class SentenceRules:
    """Marks `token.is_sent_start` at the character offsets our rules choose."""

    def __init__(self, *, lang: str, method: str = "lvterm"):
        if method not in ("lvterm", "pysbd"):
            raise ValueError(f"unknown sentence method: {method!r}")
        self.lang = lang
        self.method = method

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        text = doc.user_data.get(TEXT_KEY)
        last = doc[-1]
        if text is None or len(text) != last.idx + len(last.text_with_ws):  # not from KeepText
            text = doc.text
        if self.method == "pysbd":
            found = pysbd_starts(text, lang=self.lang) or []
        else:
            found = sentence_starts(text, lang=self.lang)
        sent_start = numpy.full(len(doc), -1, dtype="int64")
        sent_start[0] = 1
        if found:
            # the first token at or after each offset starts a sentence
            at = numpy.searchsorted(doc.to_array(IDX).astype("int64"), numpy.asarray(found, dtype="int64"))
            sent_start[at[at < len(doc)]] = 1
        doc.from_array([SENT_START], sent_start.view("uint64").reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
