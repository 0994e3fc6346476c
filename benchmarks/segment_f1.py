"""Sentence-level F1 of our segmenter and of spaCy's plain `sentencizer` on the gold sets.

    .venv/bin/python benchmarks/segment_f1.py [--errors]

A predicted sentence counts when its exact span matches a gold one. Gold sets
(one sentence a line, blank lines between documents): tests/fixtures/segment/{lv,en}.txt, the set the
rules were developed on, and {lv,en}_heldout.txt, written afterwards and scored without changing a rule.
"""
from __future__ import annotations

import sys
from pathlib import Path

from lvterm.segment import make_nlp, make_pysbd_nlp, make_sentencizer_nlp, read_gold, score_gold

GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "segment"


def main(argv: list[str]) -> None:
    show_errors = "--errors" in argv
    print("| gold set | sentences | lvterm P | lvterm R | lvterm F1 | sentencizer P | sentencizer R "
          "| sentencizer F1 | pysbd alone F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    errors = {}
    for name in ("lv", "lv_heldout", "en", "en_heldout"):
        lang = name[:2]
        docs = read_gold(GOLD / f"{name}.txt")
        ours = score_gold(docs, nlp=make_nlp(lang))
        base = score_gold(docs, nlp=make_sentencizer_nlp(lang))
        alone = f"{score_gold(docs, nlp=make_pysbd_nlp(lang))['f1']:.3f}" if lang == "en" else "–"
        print(f"| {name}.txt | {ours['gold']} | {ours['precision']:.3f} | {ours['recall']:.3f} | {ours['f1']:.3f} "
              f"| {base['precision']:.3f} | {base['recall']:.3f} | {base['f1']:.3f} | {alone} |")
        errors[name] = ours["errors"]
    if show_errors:
        for lang, wrong in errors.items():
            for text in wrong:
                print(f"{lang}\twrong span\t{text}")


if __name__ == "__main__":
    main(sys.argv[1:])
