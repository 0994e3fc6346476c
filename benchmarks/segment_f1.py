"""Sentence-level F1 of our segmenter and of spaCy's plain `sentencizer` on the gold sets.

    .venv/bin/python benchmarks/segment_f1.py [--errors]

A predicted sentence counts when its exact span matches a gold one. Gold sets
(one sentence a line, blank lines between documents): tests/fixtures/segment/{lv,en}.txt, the set the
rules were developed on, and {lv,en}_heldout.txt, written afterwards and scored without changing a rule.
"""
from __future__ import annotations

import sys
from pathlib import Path

from lvterm.segment import make_nlp, make_pysbd_nlp, make_sentencizer_nlp
from lvterm.segment.evaluate import read_gold, score_gold

GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "segment"
NEWSTEST = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "newstest2017-lv-en"


def newstest(lang: str) -> list[list[str]]:
    """newstest2017, one line = one gold "sentence", five lines to a paragraph. Lines are translation
    units, not checked sentences: headlines run into the next sentence without a full stop, and some
    lines hold two sentences, so no segmenter can reach 1.0 here."""
    lines = [ln.strip() for ln in (NEWSTEST / f"newstest2017.{lang}").read_text(encoding="utf-8").splitlines()
             if ln.strip()]
    return [lines[i:i + 5] for i in range(0, len(lines), 5)]


def main(argv: list[str]) -> None:
    show_errors = "--errors" in argv
    print("| gold set | sentences | lvterm P | lvterm R | lvterm F1 | sentencizer P | sentencizer R "
          "| sentencizer F1 | pysbd alone F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    errors = {}
    sets = [(f"{name}.txt", name[:2], read_gold(GOLD / f"{name}.txt"))
            for name in ("lv", "lv_heldout", "en", "en_heldout")]
    if NEWSTEST.is_dir():
        sets += [(f"newstest2017.{lang} (lines)", lang, newstest(lang)) for lang in ("lv", "en")]
    for name, lang, docs in sets:
        ours = score_gold(docs, nlp=make_nlp(lang))
        base = score_gold(docs, nlp=make_sentencizer_nlp(lang))
        alone = f"{score_gold(docs, nlp=make_pysbd_nlp(lang))['f1']:.3f}" if lang == "en" else "–"
        print(f"| {name} | {ours['gold']} | {ours['precision']:.3f} | {ours['recall']:.3f} | {ours['f1']:.3f} "
              f"| {base['precision']:.3f} | {base['recall']:.3f} | {base['f1']:.3f} | {alone} |")
        errors[name] = ours["errors"]
    if show_errors:
        for lang, wrong in errors.items():
            for text in wrong:
                print(f"{lang}\twrong span\t{text}")


if __name__ == "__main__":
    main(sys.argv[1:])
