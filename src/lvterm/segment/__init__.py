"""Sentence segmentation with character offsets into the cleaned paragraph.

    >>> [s.text for s in segment_text("Tas notika 2011. gadā. Bija arī lekcijas u.c. Nākamajā gadā...", lang="lv")]
    ['Tas notika 2011. gadā.', 'Bija arī lekcijas u.c.', 'Nākamajā gadā...']

- `rules`: where sentences start (Latvian and English abbreviation lists, ordinals, dates; pysbd
  settles the ambiguous English cases); pure functions over text.
- `pysbd_scope`: which pieces of an English paragraph pysbd can change, and which it provably cannot.
- `component`: the spaCy component `lvterm_sentences` that applies the rules to a Doc.
- `pipeline`: blank spaCy pipelines (spacy.blank("lv"), spacy.blank("en"), the language's own blank
  class for any other ISO code spaCy knows, else "xx") with the component; segmentation of
  paragraphs, texts, posts and files.
- `evaluate`: gold files and sentence-level scores.

Nothing heavy is imported until a pipeline is made.
"""
from __future__ import annotations

from .pipeline import (make_nlp, make_pysbd_nlp, make_sentencizer_nlp, read_document, segment_file,
                       segment_paragraphs, segment_post, segment_text, split_paragraphs)
from .rules import pysbd_starts, rule_starts, sentence_starts

__all__ = ["make_nlp", "make_pysbd_nlp", "make_sentencizer_nlp", "pysbd_starts", "read_document", "rule_starts",
           "segment_file", "segment_paragraphs", "segment_post", "segment_text", "sentence_starts",
           "split_paragraphs"]
