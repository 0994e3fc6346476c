"""A rebuild rewrites only the .po downloads whose content changes (the memo in the build cache)."""
from __future__ import annotations

import shutil

from lvterm import Library
from lvterm.exports import export_po


def _built(root, tmp_path):
    """The repository's corpus copied and built with downloads: (library, corpus, a post's .po)."""
    corpus = tmp_path / "posts"
    shutil.copytree(root / "corpus" / "posts", corpus)
    lib = Library(tmp_path / "lvterm.db")
    lib.build(corpus=corpus, termbase=root / "termbase", workers=1)
    folder = tmp_path / "locale" / "lv" / "LC_MESSAGES"
    return lib, corpus, next(p for p in folder.glob("*.po") if p.name != "glossary.po")


def test_rebuild_leaves_unchanged_po_files_alone_and_repairs_edited_ones(root, tmp_path):
    lib, corpus, post_po = _built(root, tmp_path)
    folder = post_po.parent
    first = {p.name: (p.stat().st_ino, p.read_bytes()) for p in folder.glob("*.po")}
    assert (tmp_path / "cache" / "corpus" / "downloads-po.json").is_file()

    lib.build(corpus=corpus, termbase=root / "termbase", workers=1)  # nothing changed: nothing rewritten
    assert {p.name: (p.stat().st_ino, p.read_bytes()) for p in folder.glob("*.po")} == first

    post_po.write_text("# edited by hand\n", encoding="utf-8")  # bytes no longer those written: repaired
    lib.build(corpus=corpus, termbase=root / "termbase", workers=1)
    assert post_po.read_bytes() == first[post_po.name][1]

    # what the memo kept is what a fresh render writes
    export_po(db=tmp_path / "lvterm.db", out=tmp_path / "fresh")
    fresh = tmp_path / "fresh" / "lv" / "LC_MESSAGES"
    assert {p.name: p.read_bytes() for p in fresh.glob("*.po")} == {k: v for k, (_, v) in first.items()}


def test_an_edited_post_rewrites_its_po(root, tmp_path):
    lib, corpus, post_po = _built(root, tmp_path)
    before = post_po.read_text(encoding="utf-8")
    en = next(corpus.glob("*.en.md"))
    en.write_text(en.read_text(encoding="utf-8").replace("membership fee", "membership charge", 1), encoding="utf-8")
    lib.build(corpus=corpus, termbase=root / "termbase", workers=1)
    after = post_po.read_text(encoding="utf-8")
    assert after != before and "membership charge" in after
