"""spaCy components of lvterm, registered in this one module.

`lvterm_sentences` sets sentence starts from our rule-based segmenter
(`lvterm.segment.sentence_starts`): Latvian rules for "lv", pysbd plus our checks for "en",
language-neutral rules for any other language. Importing this module only registers the
factory; nothing is built until a pipeline adds the component.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "lvterm_sentences"


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
        from .segment import pysbd_starts, sentence_starts

        if not len(doc):
            return doc
        if self.method == "pysbd":
            found = pysbd_starts(doc.text, lang=self.lang) or []
        else:
            found = sentence_starts(doc.text, lang=self.lang)
        idx = [t.idx for t in doc]
        starts = set()
        for offset in found:
            i = bisect_left(idx, offset)  # first token at or after the offset
            if 0 < i < len(idx):
                starts.add(i)
        for token in doc:
            token.is_sent_start = token.i == 0 or token.i in starts
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
