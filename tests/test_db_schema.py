"""The library database: tables, foreign keys, indexes, FTS5 with diacritic folding, the bitext view."""
from __future__ import annotations

import json
import sqlite3

import pytest
import sqlite_utils
from hypothesis import example, given
from hypothesis import strategies as st

from lvterm import db as dbmod
from lvterm import schema
from lvterm.datasette_plugin import fts_query
from lvterm.errors import InputError
from lvterm.lang.keys import fold


@pytest.fixture(scope="module")
def db(library_db):
    return sqlite_utils.Database(sqlite3.connect(f"file:{library_db}?mode=ro", uri=True))


def test_db_schema_tables_and_columns(db):
    names = set(db.table_names())
    assert {"posts", "segments", "beads", "concepts", "terms", "term_forms", "occurrences",
            "segments_fts", "beads_fts"} <= names
    assert list(db["posts"].columns_dict) == list(dbmod.POST_COLUMNS)
    assert list(db["segments"].columns_dict) == list(dbmod.SEGMENT_COLUMNS)
    assert list(db["beads"].columns_dict) == list(dbmod.BEAD_COLUMNS)
    assert "bitext" in db.view_names()


def test_db_schema_foreign_keys_and_indexes(db):
    fks = {(fk.table, fk.column, fk.other_table) for t in ("posts", "segments", "beads") for fk in db[t].foreign_keys}
    assert ("segments", "post_id", "posts") in fks
    assert ("beads", "lv_post", "posts") in fks and ("beads", "en_post", "posts") in fks
    assert ("posts", "translation", "posts") in fks
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    indexed = {tuple(ix.columns) for t in ("segments", "beads", "terms") for ix in db[t].indexes}
    assert ("post_id", "idx") in indexed and ("score",) in indexed and ("fold_key",) in indexed


def test_db_schema_fts_tokenizer_removes_diacritics(db):
    for fts in ("segments_fts", "beads_fts"):
        sql = db[fts].schema
        assert "unicode61 remove_diacritics 2" in sql


def test_db_schema_fts_made_as_sqlite_utils_makes_it_and_left_with_fts5_defaults(library_db, tmp_path):
    """`enable_search` writes the table sqlite-utils' `enable_fts` would (Datasette finds it by its
    SQL), loads it without merging (FTS5 `automerge` 0) and leaves FTS5's defaults behind; run again
    on a library whose rows changed, it indexes them afresh."""
    import shutil

    path = tmp_path / "copy.db"
    shutil.copy(library_db, path)
    db = sqlite_utils.Database(path)
    built = {t: db[t].schema for t in ("segments_fts", "beads_fts")}
    for t in built:
        assert dict(db.execute(f"select k, v from [{t}_config]").fetchall()) == {
            **{k: default for k, (_, default) in schema.FTS_BULK_LOAD.items()}, "version": 4}
    plain = sqlite_utils.Database(tmp_path / "plain.db")
    for table in ("segments", "beads"):
        plain[table].create({c: str for c in dict.fromkeys(next(x.fts for x in schema.TABLES if x.name == table))})
        plain[table].enable_fts(next(x.fts for x in schema.TABLES if x.name == table), tokenize=schema.FTS_TOKENIZE)
        assert plain[f"{table}_fts"].schema == built[f"{table}_fts"]
        assert db[table].detect_fts() == f"{table}_fts"
    word = "zzqxyword"
    db.execute("update segments set text = text || ? where id = (select min(id) from segments)", [f" {word}"])
    schema.enable_search(db)
    assert db.execute("select count(*) from segments_fts where segments_fts match ?", [word]).fetchone()[0] == 1
    assert db.execute("insert into segments_fts(segments_fts) values ('integrity-check')") is not None


def test_db_schema_rows_follow_the_posts(db):
    lv = db["posts"].get("biedribas-dzive.lv")
    assert (lv["year"], lv["translation"], lv["paragraphs"]) == (2019, "biedribas-dzive.en", 3)
    assert lv["file"].endswith("biedribas-dzive.lv.md")
    assert lv["copyright"] is None  # the front matter's notice, for the exports: only the English states one
    assert db["posts"].get("biedribas-dzive.en")["copyright"] == "© Testa Autore, 2019"
    for seg in db.query("select s.*, p.body from segments s join posts p on p.id = s.post_id"):
        para = seg["body"].split("\n\n")[seg["paragraph"]]
        assert para[seg["start"]:seg["end"]] == seg["text"]
        assert seg["line"] >= 1 and seg["stems"] and seg["fold"] == seg["fold"].lower()
    first = next(db.query("select * from segments where post_id = 'biedribas-dzive.lv' and idx = 0"))
    assert first["line"] == 12  # the first body line of the fixture post file


def test_db_schema_beads_and_bitext(db):
    beads = list(db.query("select * from beads order by position"))
    assert [b["position"] for b in beads] == list(range(len(beads)))
    for b in beads:
        assert 0.0 <= b["score"] <= 1.0
        assert b["kind"] == f"{len(json.loads(b['lv_ids']))}-{len(json.loads(b['en_ids']))}"
    row = next(db.query("select * from bitext where lv_text like '%Tīklošana palīdz%'"))
    assert row["en_text"].startswith("Networking helps")
    assert row["title"] == "Biedrības dzīve un tīklošana"
    assert set(row) >= {"id", "pair", "title", "lv_text", "en_text", "score", "kind"}


@pytest.mark.parametrize("query, expected", [
    ("biedra naudu", {"biedra nauda", "biedra naudu", "biedra naudas"}),
    ("BIEDRA NAUDA", {"biedra nauda", "biedra naudu", "biedra naudas"}),
    ("tiklosana", {"Tīklošana", "tīklošanu"}),
    ("membership fees", {"membership fee"}),
])
def test_db_schema_fts_finds_every_inflected_form(db, query, expected):
    texts = [r["text"] for r in db.query("select s.text from segments_fts f join segments s on s.id = f.rowid "
                                         "where segments_fts match ?", [fts_query(query)])]
    found = {form for form in expected if any(form in t for t in texts)}
    assert found == expected


def test_db_schema_stems_column_is_searchable(db):
    rows = list(db.query("select rowid from segments_fts where segments_fts match ?", ['stems : "naud"']))
    assert len(rows) == 3  # three Latvian sentences with a form of nauda


def test_db_schema_failed_build_leaves_no_file(tmp_path):
    target = tmp_path / "x.db"
    with pytest.raises(RuntimeError):
        with dbmod.open_build(target) as db:
            schema.create_tables(db)
            raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_db_schema_dangling_reference_is_an_error(tmp_path):
    with pytest.raises(InputError, match="missing posts row"):
        with dbmod.open_build(tmp_path / "x.db") as db:
            schema.create_tables(db)
            dbmod.write_segments(db, [(1, "nowhere.lv", "lv", 0, 0, 0, 1, None, "x", "x", "x")])
            dbmod.finish(db)
    assert list(tmp_path.iterdir()) == []


def test_db_schema_check_rejects_missing_and_corrupt(tmp_path):
    with pytest.raises(InputError, match="not found"):
        schema.check(tmp_path / "none.db")
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(InputError, match="not a readable SQLite database"):
        schema.check(bad)
    other = tmp_path / "other.db"
    sqlite_utils.Database(other)["t"].insert({"a": 1})
    with pytest.raises(InputError, match="not an lvterm database"):
        schema.check(other)


@given(st.text(alphabet=st.sampled_from(list("aAāĀčČēĒģĢīĪķĶļĻņŅšŠūŪžŽ„”ß İ\u0301e-.!Ǆ")), max_size=40))
def test_db_schema_segments_store_the_one_fold(text):
    assert dbmod.text_keys("lv", text)[0] == fold(text)  # lang.keys.fold (its fast path: test_term_matcher)


def test_db_schema_check_accepts_uri_characters_in_the_name(library_db, tmp_path):
    import shutil

    odd = tmp_path / "lib #1?%20.db"
    shutil.copy(library_db, odd)
    schema.check(odd)  # the file itself, not "lib " cut at '#'


def test_db_schema_every_table_as_declared(tmp_path):
    """The build, the termbase writer and the fixtures all create the tables lvterm.schema declares."""
    from lvterm.terms.store import write_termbase

    with dbmod.open_build(tmp_path / "bare.db") as db:
        schema.create_tables(db)
        dbmod.finish(db)
    with dbmod.open_build(tmp_path / "store.db") as db:
        write_termbase(db, [])  # creates what is missing, as declared
        dbmod.finish(db)
    for name in ("bare.db", "store.db"):
        built = sqlite_utils.Database(tmp_path / name)
        for table in schema.TABLES:
            assert tuple(built[table.name].columns_dict) == table.column_names, (name, table.name)
            assert built[table.name].count == 0
        assert "bitext" in built.view_names()


def test_db_schema_indexes_declared_once_are_all_built(library_db):
    built = sqlite_utils.Database(library_db)
    have = {tuple(ix.columns) for t in schema.TABLES for ix in built[t.name].indexes}
    for table in schema.TABLES:
        for cols in table.indexes:
            assert cols in have, (table.name, cols)
    names = {r[0] for r in built.execute("select name from sqlite_master where type = 'index'")}
    assert set(schema.EXPRESSION_INDEXES) <= names


def test_db_rows_follow_the_schemas_column_order():
    """`segment_rows` and `bead_rows` give tuples in the declared column order (what the writers insert)."""
    import json

    from lvterm.models import Bead, Segment

    seg = Segment(index=0, paragraph=1, start=4, end=20, text="Biedra nauda aug.")
    row = dict(zip(dbmod.SEGMENT_COLUMNS, next(dbmod.segment_rows("p.lv", "lv", [seg], lines=[3, 7], first_id=5))))
    assert row == {"id": 5, "post_id": "p.lv", "lang": "lv", "idx": 0, "paragraph": 1, "start": 4, "end": 20,
                   "line": 7, "text": "Biedra nauda aug.", "fold": "biedra nauda aug.", "stems": row["stems"]}
    assert row["stems"].split() == ["biedr", "naud", "aug"]
    bead = Bead((0, 1), (2,), 0.87654)
    row = dict(zip(dbmod.BEAD_COLUMNS, next(dbmod.bead_rows("p", "p.lv", "p.en", [bead], ["A.", "B.", "C."],
                                                            ["x", "y", "Z."], first_id=9))))
    assert row == {"id": 9, "pair": "p", "position": 0, "lv_post": "p.lv", "en_post": "p.en", "lv_ids": "[0, 1]",
                   "en_ids": "[2]", "lv_text": "A. B.", "en_text": "Z.", "score": 0.8765, "kind": "2-1"}
    assert json.loads(row["lv_ids"]) == [0, 1] and row["lv_ids"] == json.dumps([0, 1])


def test_db_search_alongside_indexes_the_corpus_and_raises_its_error(tmp_path, monkeypatch):
    """`db.search_alongside` builds the FTS5 indexes in a second thread while the block does
    Python work; the search then finds what it finds when built in line, and an error of the
    indexing thread is raised in the caller once the block is done."""
    from lvterm.models import Segment

    texts = ["Biedra nauda jāmaksā katru gadu.", "Tīklošana palīdz bibliotekāriem.", "Biedra naudu maksā darba devējs."]
    segments = [Segment(index=i, paragraph=i, start=0, end=len(t), text=t) for i, t in enumerate(texts)]
    with dbmod.open_build(tmp_path / "lib.db") as db:
        schema.create_tables(db)
        db.execute("insert into posts (id, slug, lang, title) values ('p.lv', 'p', 'lv', 'P')")
        dbmod.write_segments(db, dbmod.segment_rows("p.lv", "lv", segments, first_id=1))
        db.conn.commit()
        with dbmod.search_alongside(db):
            concepts = [{"id": f"c{i}", "origin": "curated"} for i in range(2000)]
        dbmod.write_rows(db, "concepts", concepts)
        dbmod.finish(db, search=False)
    conn = sqlite3.connect(tmp_path / "lib.db")
    found = [r[0] for r in conn.execute("select rowid from segments_fts where segments_fts match 'biedra' order by rowid")]
    assert found == [1, 3]
    assert [r[0] for r in conn.execute("select rowid from segments_fts where segments_fts match 'tiklosana'")] == [2]
    assert conn.execute("select count(*) from concepts").fetchone()[0] == 2000
    conn.close()

    def broken(db):
        raise RuntimeError("disk full")

    monkeypatch.setattr(schema, "enable_search", broken)
    with dbmod.open_build(tmp_path / "other.db") as db:
        schema.create_tables(db)
        with pytest.raises(RuntimeError, match="disk full"):
            with dbmod.search_alongside(db):
                pass


@given(ids=st.lists(st.integers(0, 10**6), max_size=6),
       text=st.text(alphabet="[]0123456789, -.e\"x", max_size=12))
@example(ids=[], text="[01]")  # (JSON has no leading zeros)
def test_db_bead_ids_read_back_as_json_reads_them(ids, text):
    """A bead side's ids as the build writes them read back without a JSON parser, and anything
    else a hand-edited library may hold reads as a JSON parser reads it (or as no ids)."""
    from lvterm.db import _ids, _ids_json

    assert _ids(_ids_json(ids)) == tuple(ids)
    try:
        expected = tuple(int(i) for i in json.loads(text))
    except (ValueError, TypeError):
        expected = ()
    assert _ids(text) == (expected if text else ())


def test_db_schema_termbase_statistics_are_not_sampled(tmp_path):
    """The planner's statistics of the termbase tables are read in full: sampled, a column of two
    values (terms.lang) looked as if each value picked out 1,001 of 3,000 rows, and a lookup on a
    large termbase walked every Latvian term instead of using its key index. The corpus tables
    are still sampled (ANALYSIS_LIMIT)."""
    db = sqlite_utils.Database(tmp_path / "x.db")
    schema.create_tables(db)
    db["concepts"].insert_all({"id": f"c{i}"} for i in range(1_500))
    db["terms"].insert_all({"concept_id": f"c{i // 2}", "lang": ("lv", "en")[i % 2], "term": f"t{i}",
                            "stem_key": f"k{i}", "fold_key": f"t{i}"} for i in range(3_000))
    db["posts"].insert_all({"id": f"p{i}.lv", "slug": f"p{i}", "lang": "lv", "title": "T"} for i in range(3_000))
    schema.finish_tables(db)
    stats = {idx: stat for tbl, idx, stat in db.execute("select tbl, idx, stat from sqlite_stat1")}
    assert stats["idx_terms_lang_stem_key"] == "3000 1500 1"
    assert stats["idx_posts_lang"].split()[0] != "3000"  # sampled: an estimate, not the count
