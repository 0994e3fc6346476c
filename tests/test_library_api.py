"""`lvterm.Library`: the facade the CLI mirrors. Same answers as the commands, one wording for a
file that is not a library, connections closed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import lvterm
from lvterm import Library, LookupHit
from lvterm.cli import cli
from lvterm.errors import InputError


def test_library_api_public_names():
    assert {"Library", "segment_text", "align", "LookupHit"} <= set(lvterm.__all__)
    from lvterm import align, segment_text

    assert [s.text for s in segment_text("Tas notika 2011. gadā. Bija labi.", lang="lv")] == \
        ["Tas notika 2011. gadā.", "Bija labi."]
    beads = align(["Viens.", "Divi."], ["One.", "Two."], src_lang="lv", tgt_lang="en")
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,)), ((1,), (1,))]


def test_library_api_lookup_is_the_cli_json(library_db):
    hits = Library(library_db).lookup("biedra naudu", limit=3)
    assert hits and isinstance(hits[0], LookupHit)
    assert (hits[0].lv, hits[0].en) == ("biedra nauda", "membership fee")
    result = CliRunner().invoke(cli, ["lookup", "biedra naudu", "--json", "--limit", "3", "--db", str(library_db)])
    assert result.exit_code == 0, result.output
    assert [h.as_dict() for h in hits] == json.loads(result.output)


@pytest.mark.parametrize("content, message", [
    (None, "database not found"),
    (b"this is not sqlite" * 100, "not a readable SQLite database"),
])
def test_library_api_one_wording_for_bad_files(tmp_path, content, message):
    path = tmp_path / "lib.db"
    if content is not None:
        path.write_bytes(content)
    for call in (lambda lib: lib.lookup("nauda"), lambda lib: lib.concepts(), lambda lib: lib.beads(),
                 lambda lib: lib.export_tmx(tmp_path / "x.tmx"), lambda lib: lib.export_tbx(tmp_path / "x.tbx"),
                 lambda lib: lib.export_tsv(tmp_path / "x.tsv"), lambda lib: lib.po(tmp_path / "locale")):
        with pytest.raises(InputError, match=message) as info:
            call(Library(path))
        assert str(path) in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == (["lib.db"] if content else [])  # nothing written


def test_library_api_foreign_database(tmp_path):
    import sqlite3

    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("create table t (a)").connection.close()
    with pytest.raises(InputError, match="not an lvterm database"):
        Library(path).beads()


def test_library_api_exports_and_reading(library_db, tmp_path):
    lib = Library(library_db)
    assert lib.export_tmx(tmp_path / "a.tmx") > 0
    assert lib.export_tbx(tmp_path / "a.tbx", include_proposed=True) == len(lib.concepts())
    decided = [c for c in lib.concepts() if any(t.status != "proposed" for t in c.terms_in("lv"))]
    assert lib.export_tbx(tmp_path / "b.tbx") == len(decided) < len(lib.concepts())  # proposals left out
    assert lib.export_tsv(tmp_path / "a.tsv") > 0
    names = sorted(p.name for p in lib.po(tmp_path / "locale"))
    assert "glossary.po" in names
    counts = lib.table_counts()
    assert counts["beads"] == len(lib.beads()) and counts["concepts"] == len(lib.concepts())
    memory = lib.memory()
    assert len(memory) > 0
    lib.close()
    assert lib._conn is None


def test_library_api_export_language_is_checked_first(library_db, tmp_path):
    """A language the exports do not write is a ValueError naming `srclang`, raised before the
    library is read, and no file is written (TMX said ValueError from its writer, after reading
    the whole library). The export functions themselves say it as an lvterm error."""
    from lvterm import exports

    lib = Library(library_db)
    for export in (lib.export_tmx, lib.export_tsv):
        with pytest.raises(ValueError, match="srclang must be 'lv' or 'en', not 'de'"):
            export(tmp_path / "x.out", srclang="de")
    for export in (exports.export_tmx, exports.export_tsv):
        with pytest.raises(InputError, match="srclang must be .lv. or .en., not .de."):
            export(db=library_db, out=tmp_path / "x.out", srclang="de")
    assert not (tmp_path / "x.out").exists()


def test_library_api_connections_are_closed(library_db, tmp_path, monkeypatch):
    """Every read-only open is closed again: exports and readers leave no connection behind."""
    import sqlite3

    from lvterm import schema

    opened = []
    real = schema.connect

    def tracking(*args, **kwargs):
        conn = real(*args, **kwargs)
        opened.append(conn)
        return conn

    monkeypatch.setattr(schema, "connect", tracking)
    lib = Library(library_db)
    lib.export_tmx(tmp_path / "a.tmx")
    lib.export_tbx(tmp_path / "a.tbx")
    lib.export_tsv(tmp_path / "a.tsv")
    lib.po(tmp_path / "locale")
    assert opened
    for conn in opened:
        with pytest.raises(sqlite3.ProgrammingError):
            conn.execute("select 1")


def test_library_api_build_info_names_what_made_it(tmp_path):
    """`build_info` records the version and digests of the code, corpus and termbase: the same for
    a rebuild of the same inputs from another folder, another corpus digest after an edit of a
    post, another termbase digest after an edit of the termbase; no time or path in it."""
    import os
    import shutil

    from lvterm import __version__
    from lvterm.buildcache import code_fingerprint

    fixtures = Path(__file__).parent / "fixtures" / "db"
    shutil.copytree(fixtures / "posts", tmp_path / "posts")
    shutil.copytree(fixtures / "termbase", tmp_path / "termbase")
    first = Library(tmp_path / "a.db")
    first.build(corpus=tmp_path / "posts", termbase=tmp_path / "termbase", cache=False, downloads=False)
    info = first.build_info()
    assert info["lvterm"] == __version__ and info["code"] == code_fingerprint()
    assert (info["posts"], info["pairs"], info["review_threshold"]) == ("2", "1", "0.5")
    assert all(str(tmp_path) not in value for value in info.values())
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:  # the same inputs named from elsewhere
        again = Library("b.db")
        again.build(corpus="posts", termbase="termbase", cache=False, downloads=False)
        assert again.build_info() == info
    finally:
        os.chdir(cwd)
    post = tmp_path / "posts" / "biedribas-dzive.en.md"
    post.write_text(post.read_text(encoding="utf-8").replace("networking", "net-working", 1), encoding="utf-8")
    edited = Library(tmp_path / "c.db")
    edited.build(corpus=tmp_path / "posts", termbase=tmp_path / "termbase", cache=False, downloads=False)
    assert edited.build_info()["corpus"] != info["corpus"]
    assert edited.build_info()["termbase"] == info["termbase"]
    termbase_file = sorted((tmp_path / "termbase").glob("*.yml"))[0]
    termbase_file.write_text(termbase_file.read_text(encoding="utf-8").replace("Making and keeping", "Building", 1),
                             encoding="utf-8")
    edited.build(corpus=tmp_path / "posts", termbase=tmp_path / "termbase", cache=False, downloads=False)
    assert edited.build_info()["termbase"] != info["termbase"]


def test_library_api_bitext_filters(library_db):
    lib = Library(library_db)
    every = list(lib.bitext())
    assert [r["id"] for r in every] == [b.id for b in lib.beads()]
    assert set(every[0]) == {"id", "pair", "title", "lv_text", "en_text", "score", "kind", "position", "year"}
    cut = sorted(r["score"] for r in every)[len(every) // 2]
    assert [r["id"] for r in lib.bitext(min_score=cut)] == [r["id"] for r in every if r["score"] >= cut]
    year, pair = every[0]["year"], every[0]["pair"]
    assert list(lib.bitext(year=year, pair=pair)) == [r for r in every if r["year"] == year and r["pair"] == pair]
    assert list(lib.bitext(year=1900)) == []


def test_library_api_segments_lists_the_corpus_sentences(library_db):
    # the sentences without SQL: every row of the segments table, by language and by post, in order
    import sqlite3

    from lvterm.errors import ArgumentError

    conn = sqlite3.connect(library_db)
    counts = dict(conn.execute("select lang, count(*) from segments group by lang"))
    post, first = conn.execute("select post_id, text from segments where lang = 'lv' order by post_id, idx").fetchone()
    conn.close()
    with Library(library_db) as lib:
        assert {lang: len(list(lib.segments(lang=lang))) for lang in counts} == counts
        assert len(list(lib.segments())) == sum(counts.values())
        rows = list(lib.segments(lang="LV", post=post))
        assert rows[0]["text"] == first and [r["idx"] for r in rows] == sorted(r["idx"] for r in rows)
        assert {r["post_id"] for r in rows} == {post} and set(rows[0]) >= {"id", "lang", "paragraph", "start", "end"}
        with pytest.raises(ArgumentError, match="lang must be"):
            lib.segments(lang="de")


def test_library_api_posts_and_pairs_by_slug_or_id(library_db):
    # a post by its id or its slug, a pair by either post's slug or id; a name of nothing is an
    # ArgumentError naming the parameter, not an empty result
    import sqlite3

    from lvterm.errors import ArgumentError

    conn = sqlite3.connect(library_db)
    pair, lv_post, en_post = conn.execute("select pair, lv_post, en_post from beads limit 1").fetchone()
    en_slug = conn.execute("select slug from posts where id = ?", (en_post,)).fetchone()[0]
    conn.close()
    with Library(library_db) as lib:
        by_id = list(lib.segments(post=lv_post))
        assert by_id and {r["post_id"] for r in by_id} == {lv_post}
        slug = lv_post.rsplit(".", 1)[0]
        assert {r["post_id"] for r in lib.segments(post=slug)} >= {lv_post}
        whole = [r["id"] for r in lib.bitext(pair=pair)]
        assert whole and [r["id"] for r in lib.bitext(pair=en_slug)] == whole == [r["id"] for r in lib.bitext(pair=en_post)]
        with pytest.raises(ArgumentError, match=r"^post: no post 'nav-tada'"):
            lib.segments(post="nav-tada")
        with pytest.raises(ArgumentError, match=r"^pair: no post pair 'nav-tada'"):
            lib.bitext(pair="nav-tada")
