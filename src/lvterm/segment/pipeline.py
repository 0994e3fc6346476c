"""The spaCy pipelines (blank lv/en + our `lvterm_sentences` component) and segmentation of
paragraphs, texts, posts and files.

Blank lines are hard paragraph boundaries. Every `Segment` satisfies
`segment.text == paragraphs[segment.paragraph][segment.start:segment.end]`, with surrounding
whitespace excluded; together the segments hold every non-space character exactly once, in order.
A paragraph that is not NFC (decomposed diacritics, as pasted from macOS) is segmented in its NFC
form, as every file is read, and the spans are put back into the paragraph as given (`textio.nfc_spans`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .. import textio
from ..errors import InputError
from ..lang import language_code
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

    code = language_code(lang)
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
    return _between(text, [int(idx[i]) for i in firsts])


#: The languages whose blank spaCy tokenizer starts a token wherever non-space follows whitespace
#: (checked at every whitespace and following code point: no special case of theirs holds a space).
#: Others (Spanish joins "EE. UU."; Japanese, Korean, Thai and Vietnamese tokenise with their own
#: libraries) always go through the pipeline.
_TOKEN_AT_EVERY_WORD = frozenset({"lv", "en"})


def _rule_spans(text: str, *, lang: str) -> list[tuple[int, int]] | None:
    """`_spans` of `make_nlp(lang)(text)` without making the doc, or None when only the doc can say.

    The pipeline's component moves each start our rules find to the first token at or after it.
    For `_TOKEN_AT_EVERY_WORD` languages spaCy's tokenizer starts a token wherever non-space
    follows whitespace (it splits at every change between the two before its prefix, suffix and
    infix rules, and no special case of theirs holds a space), so a start there stays where it
    is, and the sentences are the text between the starts. The rules only start sentences there
    (`rules._WORD` is a run of non-space); a start anywhere else, or a paragraph longer than the
    pipeline takes, is left to the pipeline."""
    from .rules import sentence_starts

    if len(text) > _MAX_CHARS:
        return None
    starts = sentence_starts(text, lang=lang)
    for o in starts:
        if not (0 < o < len(text) and text[o - 1].isspace() and not text[o].isspace()):
            return None
    return _between(text, starts)


def _between(text: str, starts: Iterable[int]) -> list[tuple[int, int]]:
    """The spans of `text` between sentence starts (and its ends), surrounding whitespace excluded."""
    bounds = sorted({0, *starts}) + [len(text)]
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
    """Sentences of a document's paragraphs; `index` runs over the whole document.

    A paragraph not in NFC is segmented in its NFC form; its segments' offsets and texts are the
    paragraph's as given (`textio.nfc_spans`).

    `nlp`: a pipeline to run instead of lvterm's (`make_nlp(lang)`). For Latvian and English,
    lvterm's gives the spans of `_rule_spans` where it can, without tokenising (the same
    sentences in a third of the time: tests/test_segment_fast_path.py compares them); other
    paragraphs and languages go through the pipeline."""
    paragraphs = list(paragraphs)
    texts, backs = list(paragraphs), {}  # backs: paragraph -> the way back from its NFC form
    for p, text in enumerate(paragraphs):
        nfc, back = textio.nfc_spans(text)  # (None for NFC text, nearly every paragraph)
        if back is not None:
            texts[p], backs[p] = nfc, back
    if nlp is None and (code := language_code(lang)) in _TOKEN_AT_EVERY_WORD:
        found = [_rule_spans(text, lang=code) for text in texts]
        rest = [text for text, spans in zip(texts, found) if spans is None]
    else:
        found, rest = [None] * len(texts), texts
    docs = iter((nlp or make_nlp(lang)).pipe(rest, batch_size=batch_size)) if rest else iter(())
    out: list[Segment] = []
    for p, (text, spans) in enumerate(zip(texts, found)):
        back, given = backs.get(p), paragraphs[p]
        for s, e in (spans if spans is not None else _spans(next(docs), text)):
            if back is not None:
                s, e = back(s, e)
            out.append(Segment(index=len(out), paragraph=p, start=s, end=e, text=given[s:e]))
    return out


def segment_text(text: str, *, lang: str) -> list[Segment]:
    """Sentences of a plain text; offsets refer to `split_paragraphs(text)` (the caller's characters:
    NFD text is segmented as its NFC form, see `segment_paragraphs`)."""
    return segment_paragraphs(split_paragraphs(text), lang=lang)


def segment_post(post: Post) -> list[Segment]:
    """Sentences of a post; offsets refer to `post.paragraphs`."""
    return segment_paragraphs(post.paragraphs, lang=post.lang)


def read_document(path: str | Path, *, lang: str | None = None) -> tuple[str, list[str]]:
    """(lang, paragraphs) of a post file (detected by its front matter) or a plain text file.

    Both are read by `textio`, lines ending at LF, CRLF or CR. A post file under the post files'
    rule, as `lvterm build` reads posts: Unicode only (UTF-8, a BOM dropped, UTF-16 with a BOM). A
    plain text file as `lvterm align` and `lvterm extract` read theirs: a legacy Latvian file in
    Windows-1257 is read as such when it reads like Latvian text.
    """
    from ..formats import post as post_format

    path = Path(path)
    data = textio.read_bytes(path)
    post = data.removeprefix(b"\xef\xbb\xbf").startswith(b"---")  # a post: Unicode only, as the build reads it
    text = textio.decode(data, path=path, fallback=None if post else textio.CP1257, allow_empty=False).text
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


