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


@Language.factory(COMPONENT, default_config={"lang": None})
def make_sentence_rules(nlp: Language, name: str, lang: str | None) -> "SentenceRules":
    return SentenceRules(lang=lang or nlp.lang)


class SentenceRules:
    """Marks `token.is_sent_start` at the character offsets our rules choose."""

    def __init__(self, *, lang: str):
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        from .segment import sentence_starts

        if not len(doc):
            return doc
        idx = [t.idx for t in doc]
        starts = set()
        for offset in sentence_starts(doc.text, lang=self.lang):
            i = bisect_left(idx, offset)  # first token at or after the offset
            if 0 < i < len(idx):
                starts.add(i)
        for token in doc:
            token.is_sent_start = token.i == 0 or token.i in starts
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
