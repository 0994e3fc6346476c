"""Hostile and pathological inputs, one table a concern: every case ends in one line naming the file
(exit 2) or a bounded answer, never a traceback, a hang, a file outside its folder or a lost output.

Extend a table when a new case is found; each row is (id, what is done, what must hold).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.cli import cli
from lvterm.errors import InputError
from lvterm.fileio import STALE_SECONDS, atomic_write


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


# --- outputs: -o -, special files, symlinks, disk full, stale temp files ------------------------------


def test_hostile_output_dash_is_stdout(library_db):
    result = run("export", "tmx", "-o", "-", "--db", library_db)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", [("export", "tmx"), ("export", "tbx"), ("export", "tsv")])
def test_hostile_output_device_is_written_through_not_replaced(library_db, command):
    result = run(*command, "-o", "/dev/full", "--db", library_db)
    assert result.exit_code == 2
    assert "/dev/full: cannot write: No space left on device" in result.output
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # still the device


def test_hostile_output_fifo_is_written_through(library_db, tmp_path):
    import threading

    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run("export", "tsv", "-o", fifo, "--db", library_db)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got and b"\t" in got[0]


def test_hostile_output_symlink_keeps_the_link(library_db, tmp_path):
    real = tmp_path / "real.tsv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.tsv"
    link.symlink_to(real)
    result = run("export", "tsv", "-o", link, "--db", library_db)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8") != "old\n"


def test_hostile_output_nothing_written_on_error(tmp_path):
    link_target = tmp_path / "kept.txt"
    link_target.write_text("kept\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(link_target) as fp:
            fp.write("half")
            raise RuntimeError("boom")
    assert link_target.read_text(encoding="utf-8") == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.txt"]


def test_hostile_output_stale_temp_files_of_a_killed_run_are_removed(tmp_path):
    target = tmp_path / "lvterm.db"
    stale = tmp_path / ".lvterm.db.abc123.tmp"
    fresh = tmp_path / ".lvterm.db.def456.tmp"  # maybe another run's, still being written
    for p in (stale, fresh):
        p.write_bytes(b"x")
    old = time.time() - STALE_SECONDS - 60
    os.utime(stale, (old, old))
    with atomic_write(target) as fp:
        fp.write("new")
    assert not stale.exists() and fresh.exists() and target.read_text() == "new"


def test_hostile_output_disk_full_names_the_file(monkeypatch, tmp_path):
    import errno

    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InputError, match="out.po: cannot write: No space left on device"):
        with atomic_write(tmp_path / "out.po") as fp:
            fp.write("x")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert list(tmp_path.iterdir()) == []


# --- inputs: regular files only and bounded in size (issue 10, groups 6 and 8) --------------------------
# Every reader of every command gets the hostile input as `{bad}`; the other placeholders are good files
# (`_inputs`). Each row is one command; each test below is one kind of hostile input.

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LV_TEXT = "Biedra nauda jāmaksā katru gadu.\nTīklošana palīdz atrast kolēģus.\n"
EN_TEXT = "The membership fee is paid every year.\nNetworking helps to find colleagues.\n"
POT = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
       '#: app.py:1\nmsgid "Networking helps to find colleagues."\nmsgstr ""\n')

READERS = [  # (id, argv, name of the input under test `{bad}`; the other placeholders are good files)
    ("ingest", ["ingest", "--lang", "lv", "--out", "{out}", "{bad}"], "bad.lv.md"),
    ("segment", ["segment", "--lang", "lv", "{bad}"], "bad.lv.md"),
    ("align", ["align", "{bad}", "{en}", "--src-lang", "lv", "--tgt-lang", "en"], "bad.lv"),
    ("eval-align", ["eval-align", "--test", "{bad}", "--gold", "{beads}"], "bad.beads"),
    ("extract", ["extract", "{bad}", "{en}"], "bad.lv"),
    ("extract --tmx", ["extract", "--tmx", "{bad}"], "bad.tmx"),
    ("pretranslate", ["pretranslate", "{bad}", "-o", "{out}/x.po", "--db", "{db}"], "bad.pot"),
    ("pretranslate --tm", ["pretranslate", "{pot}", "-o", "{out}/x.po", "--tm", "{bad}"], "bad.tmx"),
    ("check-po", ["check-po", "{bad}", "--termbase", "{tb}"], "bad.po"),
    ("build (a post file)", ["build", "--corpus", "{hostile}", "--termbase", "{tb}", "--db", "{out}/l.db"],
     "bad.lv.md"),
]
# a FIFO or device where the memory should be is "not found" to the memory reader (it asks for a file)
SPECIAL_FILE = {"pretranslate --tm": "translation memory not found"}


def _inputs(tmp_path: Path, library_db) -> dict[str, str]:
    """Good input files for the placeholders; `{hostile}` is the folder the bad input goes into."""
    import shutil

    paths = {"out": tmp_path / "out", "hostile": tmp_path / "hostile", "lv": tmp_path / "lv.txt",
             "en": tmp_path / "en.txt", "beads": tmp_path / "gold.beads", "pot": tmp_path / "app.pot",
             "tb": tmp_path / "termbase", "corpus": tmp_path / "corpus", "db": library_db}
    paths["out"].mkdir()
    paths["hostile"].mkdir()
    paths["lv"].write_text(LV_TEXT, encoding="utf-8")
    paths["en"].write_text(EN_TEXT, encoding="utf-8")
    paths["beads"].write_text("[0]:[0]\n[1]:[1]\n", encoding="utf-8")
    paths["pot"].write_text(POT, encoding="utf-8")
    shutil.copytree(FIXTURES / "db" / "termbase", paths["tb"])
    shutil.copytree(FIXTURES / "db" / "posts", paths["corpus"])
    return {k: os.fspath(v) for k, v in paths.items()}


def _argv(argv: list[str], values: dict[str, str]) -> list[str]:
    return [a.format(**values) for a in argv]


def _run_unblocking(argv: list[str], *, fifo: Path | None = None, timeout: float = 60):
    """Run the CLI in a thread; if it is still running after `timeout`, end a read that blocks on
    `fifo` (open it for writing, close it) and fail: a FIFO given as input must never hang."""
    import threading

    box = []
    worker = threading.Thread(target=lambda: box.append(run(*argv)), daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        if fifo is not None:
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(10)
        pytest.fail(f"lvterm {' '.join(argv)} was still running after {timeout} s")
    return box[0]


def _one_error_line(result, *names: str, fragment: str) -> str:
    """Exit 2 and one line on stderr naming every one of `names`, with `fragment`; no traceback."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert all(n in lines[0] for n in names) and fragment in lines[0], lines[0]
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize("case", READERS, ids=[r[0] for r in READERS])
def test_hostile_input_fifo_is_one_line_never_a_hang(tmp_path, library_db, case):
    name, argv, file = case
    values = _inputs(tmp_path, library_db)
    fifo = Path(values["hostile"]) / file
    os.mkfifo(fifo)
    result = _run_unblocking(_argv(argv, {**values, "bad": os.fspath(fifo)}), fifo=fifo)
    _one_error_line(result, file, fragment=SPECIAL_FILE.get(name, "cannot read: not a regular file (a FIFO)"))


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null on this system")
@pytest.mark.parametrize("case", READERS, ids=[r[0] for r in READERS])
def test_hostile_input_device_is_one_line(tmp_path, library_db, case):
    name, argv, file = case
    values = _inputs(tmp_path, library_db)
    device = Path(values["hostile"]) / file
    device.symlink_to("/dev/null")  # e.g. a post file that is a device (the corpus folder finds it by name)
    result = run(*_argv(argv, {**values, "bad": os.fspath(device)}))
    _one_error_line(result, file,
                    fragment=SPECIAL_FILE.get(name, "cannot read: not a regular file (a character device)"))


@pytest.mark.parametrize("case", READERS, ids=[r[0] for r in READERS])
def test_hostile_input_over_the_size_bound_is_refused_unread(tmp_path, library_db, case, monkeypatch):
    from lvterm import textio

    _, argv, file = case
    values = _inputs(tmp_path, library_db)
    monkeypatch.setattr(textio, "MAX_INPUT_BYTES", 5_000)  # the good inputs are under 1 KB
    big = Path(values["hostile"]) / file
    big.write_text("---\nslug: bad\nlang: lv\ntitle: Liels\n---\n\n" + "Teksts. " * 1000, encoding="utf-8")
    result = run(*_argv(argv, {**values, "bad": os.fspath(big)}))
    _one_error_line(result, file, fragment=f"cannot read: too large ({big.stat().st_size:,} bytes; "
                                           f"the limit is 5,000 bytes)")


def test_hostile_input_the_real_size_bound_is_200_mb(tmp_path):
    from lvterm import textio

    sparse = tmp_path / "liels.txt"
    with sparse.open("wb") as fp:
        fp.truncate(201_000_000)  # a sparse file: no disk used, nothing read
    result = run("segment", "--lang", "lv", sparse)
    _one_error_line(result, "liels.txt", fragment="too large (201 MB; the limit is 200 MB)")
    assert textio.MAX_INPUT_BYTES == 200_000_000


def _limited_subprocess(argv: list[str], *, cwd: Path, timeout: float = 120):
    """`lvterm ARGV` in a child limited to 2 GB of memory and `timeout` seconds (a regression fails fast)."""
    import subprocess

    def limit():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run([sys.executable, "-c", "from lvterm.cli import cli; cli()", *argv], cwd=cwd, check=False,
                          capture_output=True, text=True, timeout=timeout,
                          preexec_fn=limit if os.name == "posix" else None)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")
def test_hostile_input_dev_zero_is_refused(tmp_path):
    (tmp_path / "out").mkdir()
    done = _limited_subprocess(["ingest", "--lang", "lv", "--out", "out", "/dev/zero"], cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == "lvterm: /dev/zero: cannot read: not a regular file (a character device)"


def test_hostile_ingest_unreadable_input_is_one_line_and_the_run_goes_on(tmp_path):
    (tmp_path / "out").mkdir()
    loop = tmp_path / "cilpa.txt"
    loop.symlink_to(loop)  # unreadable even for root: "Too many levels of symbolic links"
    good = tmp_path / "laba.txt"
    good.write_text("Bibliotēka\n\nBibliotēka ir vieta, kur lasīt grāmatas.\n", encoding="utf-8")
    result = run("ingest", "--lang", "lv", "--out", tmp_path / "out", loop, tmp_path / "nav.txt", good)
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert [e.split(": ")[1] for e in errors] == [os.fspath(loop), os.fspath(tmp_path / "nav.txt")]
    assert "Usage:" not in result.output and "Traceback" not in result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["biblioteka.lv.md"]


def test_hostile_ingest_folder_that_cannot_be_listed_is_one_line_and_the_run_goes_on(tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    locked = tmp_path / "slegta"
    locked.mkdir()
    good = tmp_path / "laba.txt"
    good.write_text("Bibliotēka\n\nBibliotēka ir vieta, kur lasīt grāmatas.\n", encoding="utf-8")
    listing = Path.iterdir

    def iterdir(self):
        if self == locked:  # what a folder without read permission does (root reads every folder)
            raise PermissionError(13, "Permission denied", os.fspath(self))
        return listing(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    result = run("ingest", "--lang", "lv", "--out", tmp_path / "out", locked, good)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"lvterm: {locked}: cannot read: Permission denied"
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["biblioteka.lv.md"]


# --- YAML: aliases refused, depth bounded, in every YAML reader (group 4) ---------------------------------

DEEP_YAML = "[" * 1000 + "]" * 1000
# anchors expanded 9^9 times: 374 bytes that PyYAML turned into 6.2 GB
ALIAS_BOMB = "".join(f"{k}: &{k} [{','.join([prev] * 9)}]\n" for k, prev in
                     zip("abcdefghi", ["lol", "*a", "*b", "*c", "*d", "*e", "*f", "*g", "*h"]))
SMALL_BOMB = "".join(f"{k}: &{k} [{','.join([prev] * 9)}]\n" for k, prev in zip("abcd", ['"lol"', "*a", "*b", "*c"]))

YAML_PLACES = [  # (id, argv, file name, text with {yaml}: the hostile YAML in its place)
    ("ingest front matter", ["ingest", "--lang", "lv", "--out", "{out}", "{lv}", "{bad}"], "bad.lv.md",
     "---\nslug: slikts\nlang: lv\ntitle: Slikts\n{yaml}---\n\nTeksts.\n"),
    ("segment: post file", ["segment", "{bad}"], "bad.lv.md",
     "---\nslug: slikts\nlang: lv\ntitle: Slikts\n{yaml}---\n\nTeksts.\n"),
    ("build: corpus", ["build", "--corpus", "{hostile}", "--termbase", "{tb}", "--db", "{out}/l.db"], "bad.lv.md",
     "---\nslug: slikts\nlang: lv\ntitle: Slikts\n{yaml}---\n\nTeksts.\n"),
    ("build: termbase", ["build", "--corpus", "{corpus}", "--termbase", "{hostile}", "--db", "{out}/l.db"],
     "bad.yml", "subject_field: x\n{yaml}concepts: []\n"),
    ("check-po --termbase", ["check-po", "{po}", "--termbase", "{bad}"], "bad.yml",
     "subject_field: x\n{yaml}concepts: []\n"),
    ("serve --metadata", ["serve", "--db", "{db}", "--metadata", "{bad}", "--port", "0"], "bad.yml",
     "title: lvterm\n{yaml}"),
]
HOSTILE_YAML = [  # (id, YAML placed as keys, what the one error line says)
    ("1,000 nested [", f"deep: {DEEP_YAML}\n", "nested more than 100 levels deep"),
    ("alias bomb", SMALL_BOMB, "anchor &a: aliases and anchors are not allowed"),
]


@pytest.mark.parametrize("yaml_id, hostile, fragment", HOSTILE_YAML, ids=[i for i, *_ in HOSTILE_YAML])
@pytest.mark.parametrize("argv, name, text", [p[1:] for p in YAML_PLACES], ids=[p[0] for p in YAML_PLACES])
def test_hostile_yaml_is_one_line_in_every_reader(tmp_path, library_db, monkeypatch, argv, name, text, yaml_id,
                                                  hostile, fragment):
    import lvterm.serve

    def no_server(*args, **kwargs):
        raise AssertionError("the server was started with hostile metadata")

    monkeypatch.setattr(lvterm.serve.os, "execv", no_server)
    monkeypatch.setattr(lvterm.serve.subprocess, "call", no_server)
    values = _inputs(tmp_path, library_db)
    values["po"] = os.fspath(FIXTURES / "po" / "test_check_po_terms.po")
    bad = Path(values["hostile"]) / name
    bad.write_text(text.format(yaml=hostile), encoding="utf-8")
    result = run(*_argv(argv, {**values, "bad": os.fspath(bad)}))
    line = _one_error_line(result, name, fragment=fragment)
    assert re.search(rf"{re.escape(name)}:\d+: ", line)  # the line of the deep value or the first anchor
    if argv[0] == "ingest":  # the good file given alongside is still ingested
        assert [p.name for p in Path(values["out"]).iterdir()] == ["biedra-nauda-jamaksa-katru-gadu.lv.md"]


def test_hostile_yaml_the_374_byte_alias_bomb_is_refused_at_once(tmp_path):
    front = f"---\nslug: bumba\nlang: lv\ntitle: B\n{ALIAS_BOMB}---\n\nTeksts.\n"
    assert len(front.encode()) <= 374
    (tmp_path / "bumba.md").write_text(front, encoding="utf-8")
    done = _limited_subprocess(["ingest", "--lang", "lv", "--json", "bumba.md"], cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == ("lvterm: bumba.md:5: bad YAML front matter: anchor &a: aliases and anchors are "
                                   "not allowed (write the value out)")


# --- XML and HTML nested to any depth; binary metadata (groups 5 and 7) -----------------------------------


def _tmx(lv_seg: str, en_seg: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
            'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>'
            f'<body><tu><tuv xml:lang="lv"><seg>{lv_seg}</seg></tuv><tuv xml:lang="en"><seg>{en_seg}</seg></tuv></tu>'
            '<tu><tuv xml:lang="lv"><seg>Biedra nauda ir jāmaksā.</seg></tuv>'
            '<tuv xml:lang="en"><seg>The membership fee must be paid.</seg></tuv></tu></body></tmx>\n')


def _nested(tag: str, n: int, text: str) -> str:
    return f"<{tag}>" * n + text + f"</{tag}>" * n


@pytest.mark.parametrize("argv", [
    ["extract", "--tmx", "{tmx}", "--min-confidence", "0"],
    ["pretranslate", "{pot}", "-o", "{out}/x.po", "--tm", "{tmx}", "--threshold", "0"],
], ids=["extract --tmx", "pretranslate --tm"])
def test_hostile_tmx_seg_with_1000_nested_hi_is_read(tmp_path, library_db, argv):
    values = _inputs(tmp_path, library_db)
    tmx_file = tmp_path / "dzila.tmx"
    tmx_file.write_text(_tmx(_nested("hi", 1000, "Tīklošana palīdz atrast kolēģus."),
                             _nested("hi", 1000, "Networking helps to find colleagues.")), encoding="utf-8")
    result = run(*_argv(argv, {**values, "tmx": os.fspath(tmx_file)}))
    assert result.exit_code == 0, result.output
    if argv[0] == "extract":
        assert "tīklošana\tnetworking" in result.stdout
    else:
        written = (tmp_path / "out" / "x.po").read_text(encoding="utf-8")
        assert 'msgstr "Tīklošana palīdz atrast kolēģus."' in written


@pytest.mark.parametrize("argv, make", [
    (["ingest", "--lang", "lv", "--json", "{file}"],
     lambda x: _wxr("Teksts.").replace("<item><title>Dziļš", f"<item>{x}<title>Dziļš")),
    (["extract", "--tmx", "{file}", "--min-confidence", "0"],
     lambda x: _tmx("Tīklošana palīdz.", "Networking helps.").replace("<body>", f"<body>{x}")),
], ids=["WXR item", "TMX body"])
def test_hostile_xml_nested_100k_elements_is_read(tmp_path, argv, make):
    """The XML parser and every walk over its tree are loops: 100,000 nested elements are no RecursionError."""
    path = tmp_path / "dzila.xml"
    path.write_text(make("<x>" * 100_000 + "</x>" * 100_000), encoding="utf-8")
    result = run(*[a.format(file=path) for a in argv])
    assert result.exit_code == 0, result.output
    assert "Dziļš ieraksts" in result.stdout or "tīklošana\tnetworking" in result.stdout


def test_hostile_serve_metadata_binary_file_is_one_line(tmp_path, library_db):
    import random

    noise = tmp_path / "metadata.yml"
    noise.write_bytes(bytes(random.Random(10).randrange(1, 256) for _ in range(4000)))  # no NUL: not "binary" by NUL
    result = run("serve", "--db", library_db, "--metadata", noise)
    _one_error_line(result, "metadata.yml", fragment="not UTF-8 text")


def _html_page(depth: int) -> str:
    return ("<!doctype html><html><body><h1 class=\"entry-title\">Dziļa lapa</h1><div class=\"entry-content\">"
            + _nested("div", depth, "Lasītava atvērta.") + "</div></body></html>\n")


def _wxr(deep_html: str) -> str:
    from xml.sax.saxutils import escape

    def item(title, html):
        return (f"<item><title>{title}</title><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>"
                f"<content:encoded>{escape(html)}</content:encoded></item>")

    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">'
            f'<channel><title>Blogs</title>{item("Dziļš ieraksts", deep_html)}'
            f'{item("Labs ieraksts", "Bibliotēka ir laba vieta.")}</channel></rss>\n')


def test_hostile_html_nesting_is_linear_up_to_the_bound_and_refused_past_it(tmp_path):
    from lvterm.ingest import htmlpage

    (tmp_path / "out").mkdir()
    ok, deep = tmp_path / "dzila.html", tmp_path / "parak-dzila.html"
    ok.write_text(_html_page(htmlpage.MAX_DEPTH - 10), encoding="utf-8")
    deep.write_text(_html_page(100_000), encoding="utf-8")  # 180 s when every start tag searched the open ones
    start = time.perf_counter()
    result = run("ingest", "--lang", "lv", "--json", ok, deep)
    assert time.perf_counter() - start < 30
    _one_error_line(result, "parak-dzila.html:1", fragment=f"elements nested more than {htmlpage.MAX_DEPTH} deep")
    assert json.loads(result.stdout)["paragraphs"] == ["Lasītava atvērta."]


def test_hostile_wxr_item_nested_50k_deep_is_one_line_and_the_other_items_are_read(tmp_path):
    export = tmp_path / "eksports.xml"
    export.write_text(_wxr(_nested("div", 50_000, "Teksts.")), encoding="utf-8")
    start = time.perf_counter()
    result = run("ingest", "--lang", "lv", "--json", export)
    assert time.perf_counter() - start < 30
    _one_error_line(result, "eksports.xml", "item 1 'Dziļš ieraksts'", fragment="elements nested more than")
    assert json.loads(result.stdout)["title"] == "Labs ieraksts"


# --- linear on long lines and repeated words (group 7): generous bounds, the figures in benchmarks/ --------


def test_hostile_extract_one_line_of_a_repeated_word_is_linear(tmp_path):
    """30,000 characters of one word took about 45 s (every span compared with every other, twice)."""
    (tmp_path / "a.lv").write_text(("bibliotēka " * 2700).strip() + "\n", encoding="utf-8")
    (tmp_path / "a.en").write_text(("library " * 3700).strip() + "\n", encoding="utf-8")
    start = time.perf_counter()
    result = run("extract", tmp_path / "a.lv", tmp_path / "a.en", "--min-confidence", "0")
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - start < 20
    assert result.stdout.splitlines()[1].startswith("bibliotēka\tlibrary\t")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 6), st.sampled_from("abcdef")), max_size=60))
def test_hostile_extract_containers_are_those_of_every_pair(spans):
    """The bounded search for containing spans finds exactly what comparing every pair finds."""
    from collections import defaultdict

    from lvterm.terms.extract import _containers

    segment = list({(s, s + n): (s, s + n, key) for s, n, key in spans}.values())  # one key a span
    brute = defaultdict(set)
    for s, e, key in segment:
        for s2, e2, key2 in segment:
            if key2 != key and s2 <= s and e <= e2 and (e2 - s2) > (e - s):
                brute[key].add(key2)
    assert _containers({0: segment}) == brute


def test_hostile_pair_closest_positions_is_the_minimum_over_every_pair():
    import random

    from lvterm.terms.pair import _closest

    rng = random.Random(7)
    for _ in range(300):
        a = [rng.random() for _ in range(rng.randint(1, 12))]
        b = [rng.random() for _ in range(rng.randint(1, 12))]
        assert _closest(a, b) == min(abs(x - y) for x in a for y in b)


def test_hostile_check_po_one_long_msgid_is_linear(tmp_path):
    """A fuzzy entry with a 1 MB msgid took 85 s; now the one term matcher reads it once."""
    words = "membership fee and networking for the library association "
    po = tmp_path / "garss.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: lv\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  f'#, fuzzy\nmsgid "{words * (1_000_000 // len(words))}"\nmsgstr "Garš teksts"\n', encoding="utf-8")
    start = time.perf_counter()
    result = run("check-po", po, "--termbase", FIXTURES / "db" / "termbase", "--include-fuzzy")
    assert time.perf_counter() - start < 30
    assert result.exit_code == 1 and "2 terminology problems" in result.stdout


# --- wrong results: binary and damaged text, missing termbases, NFD, duplicates (groups 9-13, 15) ------------


@pytest.mark.parametrize("content, fragment", [
    ("Biedra nauda.\nTīklošana.\n".encode("utf-16-le"),
     "binary file (NUL byte at offset 1; UTF-16 needs a byte-order mark)"),
    (b"Biedra nauda.\nT\x00klo\x00ana.\n", "binary file (NUL byte at offset 15"),
    (b"Ta ir biblioteka un gramatas ir labas. " * 20 + b"T\xc4\nOtra rinda.\n", "undecodable bytes: byte 0xC4"),
], ids=["UTF-16 without BOM", "NUL bytes", "UTF-8 cut short in ASCII text"])
@pytest.mark.parametrize("argv", [["align", "{bad}", "{en}", "--src-lang", "lv", "--tgt-lang", "en"],
                                  ["extract", "{bad}", "{en}"], ["segment", "--lang", "lv", "{bad}"],
                                  ["ingest", "--lang", "lv", "--json", "{bad}"]],
                         ids=["align", "extract", "segment", "ingest"])
def test_hostile_binary_or_damaged_text_is_refused_by_every_reader(tmp_path, library_db, argv, content, fragment):
    values = _inputs(tmp_path, library_db)
    bad = Path(values["hostile"]) / "bad.txt"
    bad.write_bytes(content)
    result = run(*_argv(argv, {**values, "bad": os.fspath(bad)}))
    _one_error_line(result, "bad.txt", fragment=fragment)


def test_hostile_cp1257_with_latvian_letters_is_still_read():
    from lvterm import textio

    text = "Bibliotēkā ir grāmatas un žurnāli; lasītāji nāk katru dienu.\n"
    assert textio.decode(text.encode("cp1257"), fallback=textio.CP1257).text == text


@pytest.mark.parametrize("argv", [
    ["build", "--corpus", "{corpus}", "--termbase", "{missing}", "--db", "{out}/l.db"],
    ["extract", "{lv}", "{en}", "--termbase", "{missing}"],
], ids=["build", "extract"])
def test_hostile_missing_termbase_is_one_line(tmp_path, library_db, argv):
    values = _inputs(tmp_path, library_db)
    result = run(*_argv(argv, {**values, "missing": os.fspath(tmp_path / "nav")}))
    _one_error_line(result, "nav", fragment="termbase folder not found")
    assert not (tmp_path / "out" / "l.db").exists()


def test_hostile_extract_limit_zero_prints_the_header_and_negative_is_a_usage_error(tmp_path, library_db):
    values = _inputs(tmp_path, library_db)
    result = run("extract", values["lv"], values["en"], "--limit", "0")
    assert result.exit_code == 0 and result.stdout == "lv\ten\tscore\tfreq\n"
    result = run("extract", values["lv"], values["en"], "--limit", "-5")
    assert result.exit_code == 2 and "Invalid value for '--limit'" in result.stderr


NFD = unicodedata.normalize("NFD", "tīklošana")


def test_hostile_nfd_lookup_finds_what_nfc_finds(library_db):
    from lvterm import Library

    assert NFD != "tīklošana"
    nfd = run("lookup", NFD, "--json", "--db", library_db)
    nfc = run("lookup", "tīklošana", "--json", "--db", library_db)
    assert nfd.exit_code == 0 and json.loads(nfd.stdout) == json.loads(nfc.stdout) != []
    hits = Library(library_db).lookup(NFD)  # the examples (concordance lines) too
    assert hits and hits[0].as_dict() == Library(library_db).lookup("tīklošana")[0].as_dict()


def test_hostile_nfd_files_are_read_as_nfc(tmp_path, library_db):
    po = tmp_path / "nfd.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: lv\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  f'msgid "Networking helps."\nmsgstr "{NFD.capitalize()} palīdz."\n', encoding="utf-8")
    termbase = tmp_path / "nfd.yml"
    termbase.write_text(f"concepts:\n  - id: networking\n    lv: [{NFD}]\n    en: [networking]\n", encoding="utf-8")
    for tb in (termbase, FIXTURES / "db" / "termbase"):  # an NFD termbase and an NFD translation
        result = run("check-po", po, "--termbase", tb)
        assert result.exit_code == 0 and "0 terminology problems (1 term use" in result.stdout, result.output
    from lvterm import textio

    assert textio.parse_xml(f"<a b='{NFD}'>{NFD}</a>".encode()).text == "tīklošana"


def test_hostile_nfd_template_keeps_its_msgids_and_still_matches(tmp_path, library_db):
    """Pretranslate matches in NFC but writes each msgid byte for byte (gettext looks it up so)."""
    tm = tmp_path / "tm.tmx"
    tm.write_text(_tmx("Tīklošana palīdz.", "Tīklošana helps."), encoding="utf-8")
    pot = tmp_path / "app.pot"
    pot.write_text(POT.replace("Networking helps to find colleagues.", f"{NFD.capitalize()} helps."),
                   encoding="utf-8")
    result = run("pretranslate", pot, "-o", tmp_path / "lv.po", "--tm", tm)
    assert result.exit_code == 0, result.output
    written = (tmp_path / "lv.po").read_text(encoding="utf-8")
    assert f'msgid "{NFD.capitalize()} helps."\nmsgstr "Tīklošana palīdz."' in written


def test_hostile_pretranslate_duplicate_msgid_is_one_line(tmp_path, library_db):
    pot = tmp_path / "dup.pot"
    pot.write_text(POT + '\n#: app.py:9\nmsgid "Networking helps to find colleagues."\nmsgstr ""\n', encoding="utf-8")
    result = run("pretranslate", pot, "-o", tmp_path / "lv.po", "--db", library_db)
    line = _one_error_line(result, "dup.pot:10", fragment="duplicate message definition")
    assert "first at line 6" in line and "msguniq" in line
    assert not (tmp_path / "lv.po").exists()


def test_hostile_two_post_files_with_one_slug_name_both(tmp_path, library_db):
    values = _inputs(tmp_path, library_db)
    corpus = Path(values["corpus"])
    (corpus / "kopija.lv.md").write_text((corpus / "biedribas-dzive.lv.md").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    result = run("build", "--corpus", corpus, "--termbase", values["tb"], "--db", tmp_path / "l.db")
    line = _one_error_line(result, "kopija.lv.md", "biedribas-dzive.lv.md",
                           fragment="declares post 'biedribas-dzive.lv'")
    assert "UNIQUE" not in line


@pytest.mark.parametrize("command", [
    ["export", "tbx", "-o", "{out}/t.tbx", "--db", "{db}"],
    ["po", "--out", "{out}/locale", "--db", "{db}"],
    ["pretranslate", "{pot}", "-o", "{out}/x.po", "--db", "{db}"],
], ids=["export tbx", "po", "pretranslate"])
def test_hostile_disk_full_names_the_file(tmp_path, library_db, monkeypatch, command):
    import errno

    values = _inputs(tmp_path, library_db)

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = run(*_argv(command, values))
    line = _one_error_line(result, values["out"], fragment="cannot write: No space left on device")
    assert re.search(r"\.(tbx|po): cannot write", line)
    assert not [p for p in Path(values["out"]).rglob("*") if p.is_file()]  # no temp file left


# --- slugs: checked wherever read, every output inside its folder (groups 1 and 8) ----------------------------


def _post(slug: str = "biedribas-dzive", *, lang: str = "lv", other: str = "biedribas-dzive") -> str:
    return (f"---\nslug: {slug}\nlang: {lang}\ntitle: Biedrības dzīve\ntranslations:\n  en: {other}\n---\n\n"
            "Mūsu biedrībā jāmaksā biedra nauda.\n")


@pytest.mark.parametrize("text, line, fragment, made_by_ingest", [  # made_by_ingest: the slug ingest makes instead
    (_post("'../../../../escaped'"), 2, "slug '../../../../escaped' is not a slug", "escaped"),
    (_post("Biedribas_Dzive"), 2, "slug 'Biedribas_Dzive' is not a slug", "biedribas-dzive"),
    (_post("a" * 101), 2, "(101 characters) is not a slug", "a" * 100),
    (_post(other="'../../x'"), 5, "translation slug '../../x' is not a slug", None),
    (_post(lang="'../x'"), 3, "lang '../x' is not a language code", None),
], ids=["traversal", "not lower-case ASCII", "101 characters", "translation", "lang"])
@pytest.mark.parametrize("argv", [
    ["build", "--corpus", "{hostile}", "--termbase", "{tb}", "--db", "{out}/l.db"],
    ["segment", "{bad}"],
    ["ingest", "--lang", "lv", "--json", "{bad}"],
], ids=["build", "segment", "ingest"])
def test_hostile_bad_slug_is_one_line_naming_file_and_line(tmp_path, library_db, argv, text, line, fragment,
                                                           made_by_ingest):
    values = _inputs(tmp_path, library_db)
    bad = Path(values["hostile"]) / "slikts.lv.md"
    bad.write_text(text, encoding="utf-8")
    result = run(*_argv(argv, {**values, "bad": os.fspath(bad)}))
    if argv[0] == "ingest" and made_by_ingest:  # not an lvterm post file: its slug is made like a title's
        assert result.exit_code == 0 and json.loads(result.stdout)["slug"] == made_by_ingest
        return
    _one_error_line(result, f"slikts.lv.md:{line}", fragment=fragment)


def test_hostile_ingest_long_title_is_shortened_not_a_stopped_run(tmp_path):
    (tmp_path / "out").mkdir()
    title = "Garš virsraksts " * 16 + "xxx"
    assert len(title) == 259
    for name in ("a.md", "b.md"):  # one title twice: numbered, still within the bound
        (tmp_path / name).write_text(f"---\ntitle: {title}\n---\n\nTeksts par bibliotēkām.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Bibliotēka\n\nBibliotēka ir vieta, kur lasīt grāmatas.\n", encoding="utf-8")
    files = (tmp_path / n for n in ("a.md", "b.md", "c.txt"))
    result = run("ingest", "--lang", "lv", "--out", tmp_path / "out", *files)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 3 and "biblioteka.lv.md" in names
    assert all(len(n.removesuffix(".lv.md")) <= 100 and re.fullmatch(r"[a-z0-9-]+\.lv\.md", n) for n in names)
    assert any(n.endswith("-2.lv.md") for n in names)


def test_hostile_ingest_slug_from_front_matter_stays_in_the_folder(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "post.md").write_text("---\ntitle: Aizbēgt\nslug: ../../../escaped\n---\n\nTeksts.\n",
                                      encoding="utf-8")
    result = run("ingest", "--lang", "lv", "--out", tmp_path / "out", tmp_path / "post.md")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["escaped.lv.md"]


def test_hostile_po_out_never_writes_outside_its_folder(tmp_path, library_db):
    """A library built before slugs were checked (or edited by hand) names a pair '../../../../escaped'."""
    import shutil
    import sqlite3

    db = tmp_path / "old.db"
    shutil.copy(library_db, db)
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("update beads set pair = '../../../../escaped'")
    (tmp_path / "a" / "b").mkdir(parents=True)
    result = run("po", "--out", tmp_path / "a" / "b" / "po", "--db", db)
    _one_error_line(result, "LC_MESSAGES", fragment="refused to write '../../../../escaped.po'")
    assert not list(tmp_path.rglob("*.po"))


def test_hostile_output_name_from_data_must_stay_in_its_folder(tmp_path):
    from lvterm.fileio import path_in

    assert path_in(tmp_path, "biedri.po") == tmp_path / "biedri.po"
    for name in ("../x.po", "/etc/x.po", "a/b.po", "..", "", "a\\b.po"):
        with pytest.raises(InputError, match="must stay inside the folder"):
            path_in(tmp_path, name)


# --- the public server: bounded SQL functions and values ---------------------------------------------


@pytest.fixture(scope="module")
def plugin_conn(library_db):
    import sqlite3

    from lvterm import datasette_plugin

    conn = sqlite3.connect(library_db)
    datasette_plugin.prepare_connection(conn)
    yield conn
    conn.close()


BIG = 1_000_000
# a function raising inside SQLite is reported through sys.unraisablehook as well as to the query
server_case = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@server_case
@pytest.mark.parametrize("sql", [
    f"select fuzzy_score(printf('%.*c', {BIG}, 'a'), printf('%.*c', {BIG}, 'b'))",
    f"select lv_stem(printf('%.*c', {5 * BIG}, 'a'))",
    "select length(printf('%.*c', 2000000000, 'x'))",
    "select length(printf('%2000000000c', 'x'))",
    "select length(format('%.*c', 300000000, 'x'))",
    f"select mark_terms(printf('%.*c', {BIG}, 'a'), 'biedra nauda', 'lv')",
    f"select fts_query(printf('%.*c', {BIG}, 'a'))",
    "select length(printf('%.*c', 300000000, 'x'))",
    "select length(zeroblob(1000000000))",
    "select length(replace(printf('%.*c', 3000000, 'x'), 'x', 'xx'))",
])
def test_hostile_server_sql_is_refused_fast(plugin_conn, sql):
    import sqlite3

    start = time.perf_counter()
    with pytest.raises(sqlite3.Error):
        plugin_conn.execute(sql).fetchall()
    assert time.perf_counter() - start < 0.5


def test_hostile_server_printf_still_formats(plugin_conn):
    assert plugin_conn.execute("select printf('%05.1f|%s|%d', 3.14159, 'x', 42), format('%.*c', 3, 'y')").fetchone() \
        == ("003.1|x|42", "yyy")


def test_hostile_server_functions_still_answer_normal_input(plugin_conn):
    row = plugin_conn.execute("select lv_stem('biedra naudu'), fuzzy_score('tiklosana', 'tīklošana'), "
                              "mark_terms('Biedra naudu maksā', 'biedra nauda', 'lv'), review_threshold()").fetchone()
    assert row[0] and row[1] == 100.0 and row[2].startswith("<mark>Biedra naudu</mark>") and row[3] == 0.5


# --- the public server: bad query strings are 400s, decomposed Unicode is the same query --------------


@pytest.fixture(scope="module")
def ds(library_db):
    from datasette.app import Datasette

    from lvterm.serve import SETTINGS, metadata_for

    settings = {k: (v == "on") if v in ("on", "off") else v for k, v in SETTINGS.items() if k != "num_sql_threads"}
    return Datasette([], immutables=[str(library_db)], metadata=metadata_for(library_db), settings=settings)


def _get(ds, path):
    import asyncio

    return asyncio.run(ds.client.get(path))


@server_case
@pytest.mark.parametrize("path", [
    "/lvterm.json?sql=&_shape=array", "/lvterm/terms?_sort=nocol", "/lvterm/terms.json?_sort=nocol",
    "/lvterm/terms?_sort_desc=nocol", "/lvterm/terms?_where=term=:p", "/lvterm/terms.json?_where=term=:p",
    "/lvterm/terms?_through=zz", "/lvterm/terms?_facet=nocol", "/lvterm/terms?_size=abc",
    "/lvterm.json?sql=select+fuzzy_score(printf('%25.*c',1000000,'a'),'b')",
    "/lvterm.json?sql=select+length(printf('%25.*c',300000000,'x'))",
])
def test_hostile_server_bad_query_strings_are_400(ds, path):
    start = time.perf_counter()
    response = _get(ds, path)
    assert response.status_code == 400, (path, response.status_code, response.text[:300])
    assert time.perf_counter() - start < 2.0
    if ".json" in path:
        assert response.json()["ok"] is False


def test_hostile_server_decomposed_unicode_is_the_same_query(ds):
    import unicodedata

    nfc = "tīklošana"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    for query in ("concordance", "term_lookup"):
        got = [_get(ds, f"/lvterm/{query}.json?_shape=array&q={q}").json() for q in (nfc, nfd)]
        assert got[0] == got[1] and got[0], query
