"""Builds are deterministic: the same inputs give the same library, whatever Python's string hash
seed (set iteration order) is. Each build runs in its own interpreter with another PYTHONHASHSEED."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from lvterm import schema

ROOT = Path(__file__).resolve().parents[1]

# Ties everywhere: every English word of a bead co-occurs with every Latvian candidate of it once,
# and max_options=1 keeps one option per Latvian term, so the order of ties decides the pairs.
PAIRING = """
import json
from lvterm.models import Bead
from lvterm.terms.extract import extract_terms
from lvterm.terms.pair import pair_terms
lv = ["Bibliotēkas lasītavā notika biedru sapulce.", "Valde apsprieda biedra naudu un budžetu.",
      "Konferencē runāja par sociālajiem tīkliem un tīklošanos."]
en = ["The members met in the reading room of the library.", "The board discussed the membership fee and the budget.",
      "The conference talked about social networks and networking."]
beads = [Bead((i,), (i,)) for i in range(3)]
lc, ec = extract_terms(lv, lang="lv"), extract_terms(en, lang="en")
pairs = pair_terms(lc, ec, beads, lv_sentences=lv, en_sentences=en, max_options=1, per_term=1, min_confidence=0.0)
print(json.dumps([(p.lv, p.en, p.confidence) for p in pairs], ensure_ascii=False))
"""


def _run(code: str, *, seed: int, cwd: Path) -> str:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_build_deterministic_term_pairing_breaks_ties_by_key(tmp_path):
    outputs = {_run(PAIRING, seed=seed, cwd=tmp_path) for seed in (1, 2, 3, 4)}
    assert len(outputs) == 1, outputs
    assert json.loads(outputs.pop())  # pairs were made


def _tables(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {t.name: conn.execute(f"select * from [{t.name}] order by rowid").fetchall() for t in schema.TABLES}
    finally:
        conn.close()


def _corpus(tmp_path: Path) -> Path:
    """The repository's posts plus two more post pairs written from the aligner's fixtures."""
    posts = tmp_path / "posts"
    shutil.copytree(ROOT / "corpus" / "posts", posts)
    for name in ("library", "seed"):
        for lang, other in (("lv", "en"), ("en", "lv")):
            lines = (ROOT / "tests" / "fixtures" / "align" / f"{name}.{lang}").read_text(encoding="utf-8").split("\n")
            body = "\n\n".join(line for line in lines if line.strip())
            (posts / f"extra-{name}.{lang}.md").write_text(
                f"---\nslug: extra-{name}\nlang: {lang}\ntitle: Extra {name}\ndate: '2012'\n"
                f"translations:\n  {other}: extra-{name}\n---\n\n{body}\n", encoding="utf-8")
    return posts


@pytest.mark.slow
def test_build_deterministic_two_builds_are_identical(tmp_path):
    posts = _corpus(tmp_path)
    code = ("import sys; from lvterm import Library; "
            "Library(sys.argv[1]).build(corpus={posts!r}, termbase={termbase!r})")
    dbs = []
    for seed in (1, 2):
        db = tmp_path / f"build{seed}.db"
        script = code.format(posts=str(posts), termbase=str(ROOT / "termbase")).replace("sys.argv[1]", repr(str(db)))
        _run(script, seed=seed, cwd=tmp_path)
        dbs.append(_tables(db))
    first, second = dbs
    assert first["beads"] and first["terms"] and first["occurrences"]
    for table in first:
        assert first[table] == second[table], f"{table} differs between two builds of the same corpus"
