"""The spaCy pipelines (blank lv/en + our `lvterm_sentences` component) and segmentation of
paragraphs, texts, posts and files.

Blank lines are hard paragraph boundaries. Every `Segment` satisfies
`segment.text == paragraphs[segment.paragraph][segment.start:segment.end]`, with surrounding
whitespace excluded; together the segments hold every non-space character exactly once, in order.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .. import textio
from ..errors import InputError
from ..models import Post, Segment

# --- pipeline -----------------------------------------------------------------

_PARA_BREAK = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")  # one or more blank lines
_MAX_CHARS = 100_000_000  # per paragraph; spaCy's default limit is 1,000,000


@lru_cache(maxsize=None)
def make_nlp(lang: str):
    """A blank spaCy pipeline for `lang` with our sentence component; cached per language."""
    from ..spacyload import import_spacy

    spacy = import_spacy()
    from spacy.util import get_lang_class

    from . import component as components  # spaCy is imported only when a pipeline is made

    code = (lang or "").strip().lower()
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise InputError(f"not a language code: {lang!r}")
    try:
        get_lang_class(code)
    except Exception:  # spaCy has no class for this language
        code = "xx"
    nlp = spacy.blank(code)
    nlp.max_length = _MAX_CHARS  # a blank pipeline has no parser or NER to run out of memory
    nlp.tokenizer = components.KeepText(nlp.tokenizer)
    nlp.add_pipe(components.COMPONENT, config={"lang": lang.strip().lower()})
    return nlp


@lru_cache(maxsize=None)
def make_pysbd_nlp(lang: str):
    """The blank pipeline with pysbd alone setting sentence starts (measured against ours)."""
    from ..spacyload import import_spacy

    spacy = import_spacy()

    from . import component as components

    nlp = spacy.blank(make_nlp(lang).lang)
    nlp.add_pipe(components.COMPONENT, config={"lang": lang, "method": "pysbd"})
    return nlp


@lru_cache(maxsize=None)
def make_sentencizer_nlp(lang: str):
    """spaCy's blank pipeline with its plain rule `sentencizer`: the baseline we measure against."""
    from ..spacyload import import_spacy

    spacy = import_spacy()

    nlp = spacy.blank(make_nlp(lang).lang)
    nlp.max_length = _MAX_CHARS
    nlp.add_pipe("sentencizer")
    return nlp


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain text: blank lines separate them; surrounding whitespace is dropped."""
    text = textio.normalise_line_ends(text)  # Windows and old Mac line ends
    return [p.strip() for p in _PARA_BREAK.split(text) if p.strip()]


def _spans(doc, text: str) -> list[tuple[int, int]]:
    """Character spans of a doc's sentences, surrounding whitespace excluded. `text` is the doc's text
    (spaCy rebuilds doc.text from tokens on every access); arrays, not doc.sents, for speed."""
    from spacy.attrs import IDX, SENT_START

    if not len(doc):
        return []
    idx = doc.to_array(IDX)
    firsts = (doc.to_array(SENT_START) == 1).nonzero()[0].tolist()
    bounds = sorted({0, *(int(idx[i]) for i in firsts)}) + [len(text)]
    out = []
    for s, e in zip(bounds, bounds[1:]):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def segment_paragraphs(paragraphs: Iterable[str], *, lang: str, nlp=None,
                       batch_size: int = 256) -> list[Segment]:
    """Sentences of a document's paragraphs; `index` runs over the whole document."""
    nlp = nlp or make_nlp(lang)
    paragraphs = list(paragraphs)
    out: list[Segment] = []
    for p, (text, doc) in enumerate(zip(paragraphs, nlp.pipe(paragraphs, batch_size=batch_size))):
        for s, e in _spans(doc, text):
            out.append(Segment(index=len(out), paragraph=p, start=s, end=e, text=text[s:e]))
    return out


def segment_text(text: str, *, lang: str) -> list[Segment]:
    """Sentences of a plain text; offsets refer to `split_paragraphs(text)`."""
    return segment_paragraphs(split_paragraphs(text), lang=lang)


def segment_post(post: Post) -> list[Segment]:
    """Sentences of a post; offsets refer to `post.paragraphs`."""
    return segment_paragraphs(post.paragraphs, lang=post.lang)


def read_document(path: str | Path, *, lang: str | None = None) -> tuple[str, list[str]]:
    """(lang, paragraphs) of a post file (detected by its front matter) or a plain text file.

    Both are read by `textio` under the post files' rule, as `lvterm build` reads posts: Unicode
    only (UTF-8, a BOM dropped, UTF-16 with a BOM), lines ending at LF, CRLF or CR.
    """
    from ..formats import post as post_format

    path = Path(path)
    text = textio.read_text(path, allow_empty=False)
    if text.startswith("---\n"):
        post = post_format.loads(text, path=path)
        return (lang or post.lang), list(post.paragraphs)
    if not lang:
        raise InputError("plain text needs --lang", path=path)
    return lang, split_paragraphs(text)


def segment_file(path: str | Path, *, lang: str | None = None) -> list[Segment]:
    """Sentences of a plain-text or post file (see `read_document`)."""
    lang, paragraphs = read_document(path, lang=lang)
    return segment_paragraphs(paragraphs, lang=lang)


