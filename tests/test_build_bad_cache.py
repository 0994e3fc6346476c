"""A build cache file whose header is right but whose value cannot be its unit's (an index out of
range, a bead missing, a term of the wrong shape, null, no beads): one warning line naming the file,
the unit recomputed, and the library the same as a full build's. The corpus is
tests/fixtures/build/posts (three post pairs and one Latvian post without a pair)."""
from __future__ import annotations

import copy
import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_build_incremental import _cache_files, _entry, copy_corpus, tables

from lvterm import build as B
from lvterm.terms.termbase import load_termbase


@pytest.fixture(scope="module")
def built(fixtures, tmp_path_factory):
    """The corpus, the termbase and a full build with its cache (copied by each test that damages it)."""
    root = tmp_path_factory.mktemp("bad-cache")
    corpus = copy_corpus(fixtures, root / "posts")
    termbase = fixtures / "db" / "termbase"
    B.build_library(corpus=corpus, termbase=termbase, db_path=root / "lib" / "lvterm.db", cache=True, workers=1)
    return {"corpus": corpus, "termbase": termbase, "lib": root / "lib",
            "reference": tables(root / "lib" / "lvterm.db")}


@pytest.fixture(scope="module")
def pair(built):
    """A post pair's unit and the value `work_unit` gives for it, as the cache reads it back (JSON)."""
    docs = B._read_corpus(built["corpus"])
    unit = next(u for u in B._units(docs, {d.post.id: d for d in docs}) if len(u.docs) == 2)
    dictionary = B._dictionary(list(load_termbase(built["termbase"]).curated))
    return unit, json.loads(json.dumps(B.work_unit(unit.sides, dictionary)["value"]))


def _set(path, item):
    def damage(value):
        target = value
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = item
        return value
    return damage


def _delete(path):
    def damage(value):
        target = value
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]
        return value
    return damage


DAMAGES = {  # each makes a value `work_unit` cannot give for its unit
    "bead beyond the posts": _set(("beads", 0), [[999], [999], 0.5]),
    "negative bead ids": _set(("beads", 0), [[-1], [-1], 0.5]),
    "last bead missing": _delete(("beads", -1)),
    "bead id a float": _set(("beads", 0, 0, 0), 0.0),
    "empty bead": _set(("beads", 0), [[], [], 0.5]),
    "score a string": _set(("beads", 0, 2), "high"),
    "segment past its paragraph": _set(("segments", 0, 0, 2), 10 ** 6),
    "segment in no paragraph": _set(("segments", 1, 0, 0), 999),
    "segment of two numbers": _set(("segments", 0, 0), [0, 5]),
    "a key missing": _delete(("keys", 1, -1)),
    "key not a pair": _set(("keys", 0, 0), "folded"),
    "term of seven fields": lambda v: _set(("terms", 0, 1), v["terms"][0][1][:-1])(v),
    "term form not a pair": _set(("terms", 0, 1, B._FORMS_AT), [["form"]]),
    "term count a string": _set(("terms", 0, 1, B._FORMS_AT), [["form", "1"]]),
    "terms not a list": _set(("terms",), {}),
    "null": lambda v: None,
    "no beads": _delete(("beads",)),
    "no terms": _delete(("terms",)),
    "segments of one post": _delete(("segments", 1)),
}


def test_build_bad_cache_valid_accepts_what_work_unit_gives(pair):
    unit, value = pair
    assert value["beads"] and value["terms"] and B._valid(value, unit)
    alone = B._Unit(unit.docs[:1])
    assert B._valid({"segments": value["segments"][:1], "keys": value["keys"][:1]}, alone)
    assert len(B._TERM_TYPES[0]) == len(B._TERM_FIELDS)


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_build_bad_cache_valid_refuses_an_impossible_value(pair, damage):
    unit, value = pair
    assert not B._valid(DAMAGES[damage](copy.deepcopy(value)), unit)


def _copy_library(built, folder: Path) -> tuple[Path, Path]:
    shutil.copytree(built["lib"], folder)
    return folder / "lvterm.db", folder / "cache"


def _pair_entry(cache: Path) -> Path:
    """The cache file of a post pair that has beads and terms."""
    return next(p for p in _cache_files(cache) if _entry(p)["value"].get("beads") and _entry(p)["value"]["terms"])


def _damage(victim: Path, damage) -> dict:
    entry = _entry(victim)
    before = copy.deepcopy(entry["value"])
    entry["value"] = damage(entry["value"])
    victim.write_bytes(gzip.compress(json.dumps(entry).encode()))
    return before


@pytest.mark.parametrize("damage", ["bead beyond the posts", "last bead missing", "term of seven fields", "null",
                                    "no beads"])
def test_build_bad_cache_impossible_value_is_one_warning_and_recomputed(built, tmp_path, caplog, damage):
    db, cache = _copy_library(built, tmp_path / "lib")
    victim = _pair_entry(cache)
    value = _damage(victim, DAMAGES[damage])
    with caplog.at_level("WARNING"):
        report = B.build_library(corpus=built["corpus"], termbase=built["termbase"], db_path=db, cache=True,
                                 workers=1)
    warnings = [r.getMessage() for r in caplog.records if "cache file" in r.getMessage()]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"{victim}: cache file is damaged") and warnings[0].endswith("; recomputed")
    assert (report.cached, report.computed) == (3, 1)
    assert tables(db) == built["reference"]
    assert _entry(victim)["value"] == value  # rewritten
    caplog.clear()
    with caplog.at_level("WARNING"):
        again = B.build_library(corpus=built["corpus"], termbase=built["termbase"], db_path=db, cache=True,
                                workers=1)
    assert "cache file" not in caplog.text and again.computed == 0


def _aux_file(cache: Path, name: str, shard: int | None = None) -> Path:
    """A `cache/corpus/` file: an entry's shard, or the scan's patterns (no shards)."""
    return cache / "corpus" / f"{B._Aux.key(name, shard)}.json.gz"


def _items(name: str, value: dict) -> dict:
    """A shard's items (a scan shard holds them under "runs", beside its patterns' digest)."""
    return value["runs"] if name == B._Aux.SCANS else value


def _aux_shard(cache: Path, name: str) -> Path:
    """The first shard of an entry that holds something."""
    return next(f for f in (_aux_file(cache, name, n) for n in range(B._Aux.SHARDS)) if _items(name, _entry(f)["value"]))


def test_build_bad_cache_corpus_entry_of_the_wrong_shape_is_one_warning(built, tmp_path, caplog):
    db, cache = _copy_library(built, tmp_path / "lib")
    # parsed posts, generated forms, occurrence matches, form keys, term proposals: 16 shards
    # each; the patterns, the library's manifest and the pairs' curated entries
    assert len(_cache_files(cache / "corpus")) == 5 * B._Aux.SHARDS + 3
    victims = [_aux_shard(cache, B._Aux.POSTS), _aux_shard(cache, B._Aux.FORMS), _aux_shard(cache, B._Aux.SCANS),
               _aux_file(cache, B._Aux.PATTERNS), _aux_file(cache, B._Aux.LIBRARY),
               _aux_shard(cache, B._Aux.PROPOSALS), _aux_file(cache, B._Aux.RELEVANCE)]
    for victim in victims[:2]:
        _damage(victim, lambda v: None)
    _damage(victims[2], lambda v: [])
    _damage(victims[3], lambda v: {"lv": [1, 2]})
    _damage(victims[4], lambda v: {**v, "db": [str(db), "size", 0, 0]})
    _damage(victims[5], lambda v: {key: [["a key", "not a term", None]] for key in v})
    _damage(victims[6], lambda v: {**v, "units": {key: 1 for key in v["units"]}})
    with caplog.at_level("WARNING"):
        B.build_library(corpus=built["corpus"], termbase=built["termbase"], db_path=db, cache=True, workers=1)
    warnings = [r.getMessage() for r in caplog.records if "cache file" in r.getMessage()]
    assert sorted(w.split(": ")[0] for w in warnings) == sorted(str(v) for v in victims), warnings
    assert all("cache file is damaged" in w for w in warnings)
    assert tables(db) == built["reference"]
    assert all(isinstance(_entry(v)["value"], dict) for v in victims)  # rewritten


def test_build_bad_cache_scan_patterns_missing_scans_every_post_again(built, tmp_path, monkeypatch):
    """The scan's matches mean nothing without the patterns they were scanned for (a build that
    died while writing them leaves none): every post is scanned again, the library unchanged."""
    from lvterm.terms.matcher import TermMatcher

    db, cache = _copy_library(built, tmp_path / "lib")
    _aux_file(cache, B._Aux.PATTERNS).unlink()
    scanned = []
    locate = TermMatcher.locate  # (what the occurrence scan asks of a sentence)
    monkeypatch.setattr(TermMatcher, "locate", lambda self, text, **kw: scanned.append(text) or locate(self, text, **kw))
    B.build_library(corpus=built["corpus"], termbase=built["termbase"], db_path=db, cache=True, workers=1)
    texts = {row[8] for row in tables(db)["segments"]}  # every sentence, in either language
    assert len(scanned) == len(texts) and set(scanned) == texts
    assert tables(db) == built["reference"]
    assert _aux_file(cache, B._Aux.PATTERNS).is_file()


def test_build_bad_cache_cli_builds_with_one_warning_line(built, tmp_path):
    """The audit's case, as `lvterm build` prints it (a process of its own: its stderr as a user sees it)."""
    db, cache = _copy_library(built, tmp_path / "lib")
    victim = _pair_entry(cache)
    _damage(victim, DAMAGES["bead beyond the posts"])
    lvterm = Path(sys.executable).with_name("lvterm")
    done = subprocess.run([str(lvterm), "build", "--corpus", str(built["corpus"]), "--termbase", str(built["termbase"]),
                           "--db", str(db), "--workers", "1"], capture_output=True, text=True, timeout=600,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == f"lvterm: {victim}: cache file is damaged (a value that cannot be right for its key); recomputed"
    assert len(lines) == 2 and lines[1].startswith(f"wrote {db}: "), done.stderr
    assert tables(db) == built["reference"]


RECORD_DAMAGES = {  # a parsed post file (`build._post_record`) that `formats.post.loads` cannot give
    "slug a number": ("slug", 5),
    "slug not a slug": ("slug", "../x"),
    "paragraphs numbers": ("paragraphs", [1, 2]),
    "a line number missing": ("lines", []),
    "translations a list": ("translations", ["en"]),
    "date a number": ("date", 2025),
    "repairs not repairs": ("repairs", [{"kind": "x"}]),
}


@pytest.mark.parametrize("damage", list(RECORD_DAMAGES))
def test_build_bad_cache_parsed_post_that_cannot_be_is_one_warning(built, tmp_path, caplog, damage):
    """Before, these built a wrong library (line numbers, dates), or failed naming another file."""
    db, cache = _copy_library(built, tmp_path / "lib")
    field, item = RECORD_DAMAGES[damage]
    victim = _aux_shard(cache, B._Aux.POSTS)

    def spoil(value):
        for record in value.values():
            record[field] = item
        return value

    _damage(victim, spoil)
    with caplog.at_level("WARNING"):
        B.build_library(corpus=built["corpus"], termbase=built["termbase"], db_path=db, cache=True, workers=1)
    warnings = [r.getMessage() for r in caplog.records if "cache file" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].startswith(f"{victim}: cache file is damaged"), warnings
    assert tables(db) == built["reference"]


def _set_item(at, item):
    def damage(value):
        value[at] = item
    return damage


AUX_DAMAGES = {  # an item of a `cache/corpus/` entry `terms.store` cannot have written; each was a
    # traceback (IndexError, TypeError, KeyError), a different library, or recomputed without a word
    # the occurrence scan's matches of a post: [segment position, start, end, pattern position, ...]
    "match in no segment of the post": (B._Aux.SCANS, _set_item(0, 999)),
    "negative segment position": (B._Aux.SCANS, _set_item(0, -5)),
    "negative start": (B._Aux.SCANS, _set_item(1, -5)),
    "position a string": (B._Aux.SCANS, _set_item(0, "a")),
    "position a boolean": (B._Aux.SCANS, _set_item(0, True)),
    "end past the segment": (B._Aux.SCANS, _set_item(2, 10 ** 6)),
    "start after end": (B._Aux.SCANS, lambda flat: _set_item(1, flat[2] + 1)(flat)),
    "a match of three numbers": (B._Aux.SCANS, lambda flat: flat.pop()),
    "pattern position of no pattern": (B._Aux.SCANS, _set_item(3, 10 ** 6)),
    # a term's generated forms: [forms, {fold_key, stem_key, lemma_key}]
    "forms numbers": (B._Aux.FORMS, _set_item(0, [1, 2])),
    "term keys null": (B._Aux.FORMS, _set_item(1, None)),
    "term keys missing": (B._Aux.FORMS, lambda hit: hit.pop()),
    "a term key a number": (B._Aux.FORMS, lambda hit: hit[1].__setitem__("stem_key", 5)),
    "a term key gone": (B._Aux.FORMS, lambda hit: hit[1].pop("lemma_key")),
    # a form's [fold key, stem key]
    "one form key": (B._Aux.FORM_KEYS, lambda pair: pair.pop()),
    "fold key a number": (B._Aux.FORM_KEYS, _set_item(0, 5)),
    "stem key a number": (B._Aux.FORM_KEYS, _set_item(1, 5)),
}


@pytest.mark.parametrize("damage", list(AUX_DAMAGES))
def test_build_bad_cache_corpus_entry_item_that_cannot_be_is_one_warning(built, tmp_path, caplog, damage):
    """Every item of the entry damaged alike (the scan's: every post with matches): one warning
    line naming the file, the library a full build's, and the file rewritten, so the next build
    says nothing. (A post's matches damaged to [] cannot be told from a post without matches.)"""
    name, spoil = AUX_DAMAGES[damage]
    db, cache = _copy_library(built, tmp_path / "lib")
    victim = _aux_shard(cache, name)

    def spoil_all(value):
        items = [item for item in _items(name, value).values() if item]
        assert items
        for item in items:
            spoil(item)
        return value

    before = _damage(victim, spoil_all)
    with caplog.at_level("WARNING"):
        B.build_library(corpus=built["corpus"], termbase=built["termbase"], db_path=db, cache=True, workers=1)
    warnings = [r.getMessage() for r in caplog.records if "cache file" in r.getMessage()]
    assert warnings == [f"{victim}: cache file is damaged (a value that cannot be right for its key); recomputed"]
    assert tables(db) == built["reference"]
    assert _entry(victim)["value"] == before  # rewritten
    caplog.clear()
    with caplog.at_level("WARNING"):
        B.build_library(corpus=built["corpus"], termbase=built["termbase"], db_path=db, cache=True, workers=1)
    assert "cache file" not in caplog.text


def test_build_bad_cache_fifo_in_place_of_a_file_is_one_warning(built, tmp_path, caplog):
    """A FIFO where a cache file should be (a post unit's, a proposals shard) is not waited on:
    one warning naming each, recomputed, the library the same, and the FIFO replaced by the file."""
    import os

    db, cache = _copy_library(built, tmp_path / "lib")
    unit = _pair_entry(cache)  # (read whole only because its proposals' shard is the other FIFO)
    forget = [unit, _aux_file(cache, B._Aux.PROPOSALS, B._Aux.shard(unit.name.split(".")[0]))]
    for victim in forget:
        victim.unlink()
        os.mkfifo(victim)
    with caplog.at_level("WARNING"):
        B.build_library(corpus=built["corpus"], termbase=built["termbase"], db_path=db, cache=True, workers=1)
    warnings = sorted(r.getMessage() for r in caplog.records if "cache file" in r.getMessage())
    assert warnings == sorted(f"{v}: cache file cannot be read (not a regular file (a FIFO)); recomputed" for v in forget)
    assert tables(db) == built["reference"]
    assert all(v.is_file() for v in forget)
