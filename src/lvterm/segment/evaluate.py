"""Gold sentence files and sentence-level precision, recall and F1 against them."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from .. import textio
from .pipeline import _spans

# --- gold sets and scores ---------------------------------------------------------


def read_gold(path: str | Path) -> list[list[str]]:
    """A gold file: one sentence a line, blank lines between documents (each one paragraph).
    Read as sentence files are (`textio`, Windows-1257 fallback): only LF, CRLF and CR end a line."""
    docs: list[list[str]] = [[]]
    for line in textio.read_lines(path, fallback=textio.CP1257):
        if line.strip():
            docs[-1].append(line.strip())
        elif docs[-1]:
            docs.append([])
    return [d for d in docs if d]


def gold_spans(sentences: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The paragraph (sentences joined by one space) and each sentence's span in it."""
    spans, pos = [], 0
    for s in sentences:
        spans.append((pos, pos + len(s)))
        pos += len(s) + 1
    return " ".join(sentences), spans


def score_gold(docs: Sequence[Sequence[str]], *, nlp) -> dict:
    """Sentence-level precision, recall and F1: a predicted sentence counts when its span is exact."""
    paragraphs, gold = zip(*(gold_spans(d) for d in docs)) if docs else ((), ())
    tp = n_pred = n_gold = 0
    errors = []
    for text, doc, want in zip(paragraphs, nlp.pipe(paragraphs, batch_size=256), gold):
        got = _spans(doc, text)
        hit = set(got) & set(want)
        tp += len(hit)
        n_pred += len(got)
        n_gold += len(want)
        errors.extend(text[s:e] for s, e in got if (s, e) not in hit)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "gold": n_gold, "predicted": n_pred, "correct": tp,
            "errors": errors}

