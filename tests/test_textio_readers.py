"""One reader for every text input (lvterm.textio).

Every reader is fed the same content in every encoding and line-end variant it allows and must
parse it as it parses plain UTF-8 with LF line ends; a U+2028 inside a line stays in that line (it
neither splits the line nor shifts later line numbers). Bad bytes are one InputError naming the
file and, where it applies, the line.
"""
from __future__ import annotations

import codecs
import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

from lvterm import textio
from lvterm.errors import InputError


def lv1(sep: str) -> str:
    return f"Biedra nauda{sep}2011. gadā bija 5 eiro."


LV2 = "Tīklošana palīdz bibliotēkām."
LV3 = "Lasītava atvērta arī sestdienās."
EN1 = "The membership fee in 2011 was 5 euros."
EN2 = "Networking helps libraries."
EN3 = "The reading room is open on Saturdays too."


# --- the content of each kind of file, with `sep` inside the first Latvian sentence ------------

def post_text(sep: str) -> str:
    return (f"---\nslug: biedra-nauda\nlang: lv\ntitle: Biedra{sep}nauda\ntranslations:\n  en: membership-fee\n"
            f"---\n\n{lv1(sep)}\n{LV2}\n\n{LV3}\n")


def plain_text(sep: str) -> str:
    return f"{lv1(sep)}\n{LV2}\n\n{LV3}\n"


def bead_text(sep: str) -> str:
    return f"[0]:[0]:{sep}0.900\n[1]:[1, 2]:0.750\n\n[]:[3]\n"


def dictionary_text(sep: str) -> str:
    return f"# vārdnīca\nbiedra{sep}nauda\tmembership fee\ntīklošana\tnetworking\n"


def po_text(sep: str) -> str:
    return ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: lv\\n"\n\n'
            f'#: lapa.py:1\nmsgid "{EN1}"\nmsgstr "{lv1(sep)}"\n\n#: lapa.py:2\nmsgid "{EN2}"\nmsgstr "{LV2}"\n')


def tmx_text(sep: str) -> str:
    units = "".join(f'    <tu>\n      <tuv xml:lang="en"><seg>{en}</seg></tuv>\n'
                    f'      <tuv xml:lang="lv"><seg>{lv}</seg></tuv>\n    </tu>\n'
                    for lv, en in ((lv1(sep), EN1), (LV2, EN2), (LV3, EN3)))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '  <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
            'srclang="en" datatype="plaintext"/>\n'
            f"  <body>\n{units}  </body>\n</tmx>\n")


def tbx_text(sep: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="lv">\n'
            "  <tbxHeader><fileDesc><sourceDesc><p>lvterm</p></sourceDesc></fileDesc></tbxHeader>\n"
            '  <text><body>\n    <conceptEntry id="fee">\n'
            f'      <descrip type="definition">{lv1(sep)}</descrip>\n'
            f'      <langSec xml:lang="lv"><termSec><term>biedra{sep}nauda</term></termSec></langSec>\n'
            '      <langSec xml:lang="en"><termSec><term>membership fee</term></termSec></langSec>\n'
            "    </conceptEntry>\n  </body></text>\n</tbx>\n")


def termbase_text(sep: str) -> str:
    return ("subject_field: bibliotēkas\nconcepts:\n  - id: fee\n"
            f"    definition: {lv1(sep)}\n    lv:\n      - biedra nauda\n    en:\n      - membership fee\n"
            "  - id: networking\n    lv:\n      - term: tīklošana\n        note: darbs ar cilvēkiem\n"
            "    en: [networking]\n")


def metadata_text(sep: str) -> str:
    return (f"title: Latviešu–angļu terminoloģija\ndescription: {lv1(sep)}\n"
            "databases:\n  lvterm:\n    title: Bibliotēka\n")


def gold_text(sep: str) -> str:
    return f"{lv1(sep)}\n{LV2}\n\n{LV3}\n"


# --- each reader, as plain data to compare ------------------------------------------------


def _post_load(folder: Path):
    from lvterm.formats import post

    return dataclasses.asdict(post.load(folder / "biedra-nauda.lv.md"))


def _build_corpus(folder: Path):
    from lvterm.build import _read_corpus

    return [(dataclasses.asdict(d.post), d.body, d.lines) for d in _read_corpus(folder)]


def _segment_document(folder: Path):
    from lvterm.segment import read_document

    return read_document(folder / "biedra-nauda.lv.md")


def _segment_plain(folder: Path):
    from lvterm.segment import read_document

    return read_document(folder / "teksts.txt", lang="lv")


def _sentences(folder: Path):
    from lvterm.formats import beads

    return beads.read_sentences(folder / "teikumi.lv")


def _beads(folder: Path):
    from lvterm.formats import beads

    return [(b.src, b.tgt, b.score) for b in beads.read_beads(folder / "zelts.beads")]


def _dictionary(folder: Path):
    from lvterm.formats import beads

    return beads.read_dictionary(folder / "terms.tsv")


def _po(folder: Path):
    from lvterm.formats import po

    path = folder / "lv.po"
    pofile = po.load(path)
    lines = po.read_lines(path)
    return dict(pofile.metadata), [(e.msgid, e.msgstr, e.linenum, po.msgid_line(path, e, lines)) for e in pofile]


def _tmx(folder: Path):
    from lvterm.formats import tmx

    return tmx.load(folder / "atmina.tmx", langs=("lv", "en"))


def _pair_tmx(folder: Path):
    from lvterm.formats.tmx import read_tmx_bitext as read_tmx

    return read_tmx(folder / "atmina.tmx", src_lang="en", tgt_lang="lv")


def _tbx(folder: Path):
    from lvterm.formats import tbx

    return [dataclasses.asdict(c) for c in tbx.load(folder / "terms.tbx")]


def _termbase(folder: Path):
    from lvterm.terms.termbase import load_file

    return [dataclasses.asdict(c) for c in load_file(folder / "biblioteka.yml")]


def _metadata(folder: Path):
    from lvterm.serve import metadata_for

    return metadata_for(folder / "lvterm.db", metadata=folder / "metadata.yml")


def _gold(folder: Path):
    from lvterm.segment.evaluate import read_gold

    return read_gold(folder / "zelts.txt")


def _aligned(folder: Path):
    from lvterm.formats.beads import read_aligned

    return read_aligned(folder / "teksts.lv", folder / "teksts.en")


@dataclass(frozen=True)
class Reader:
    name: str
    files: Callable[[str], dict[str, str]]  # sep -> {file name: text}; the first file is the one checked
    parse: Callable[[Path], Any]
    cp1257: bool = False  # the format allows the Windows-1257 fallback
    keeps_u2028: bool = True  # the parsed text keeps it (TBX and curated YAML collapse whitespace)
    xml: bool = False


def _aligned_files(sep: str) -> dict[str, str]:
    return {"teksts.lv": plain_text(sep), "teksts.en": f"{EN1}\n{EN2}\n\n{EN3}\n"}


READERS = [
    Reader("post via formats.post", lambda s: {"biedra-nauda.lv.md": post_text(s)}, _post_load),
    Reader("post via build's corpus reader", lambda s: {"biedra-nauda.lv.md": post_text(s)}, _build_corpus),
    Reader("post via segment.read_document", lambda s: {"biedra-nauda.lv.md": post_text(s)}, _segment_document),
    Reader("plain text via segment.read_document", lambda s: {"teksts.txt": plain_text(s)}, _segment_plain, cp1257=True),
    Reader("sentence file", lambda s: {"teikumi.lv": plain_text(s)}, _sentences, cp1257=True),
    Reader("bead file", lambda s: {"zelts.beads": bead_text(s)}, _beads, keeps_u2028=False),
    Reader("aligner dictionary", lambda s: {"terms.tsv": dictionary_text(s)}, _dictionary, cp1257=True),
    Reader(".po via formats.po", lambda s: {"lv.po": po_text(s)}, _po),
    Reader("TMX via formats.tmx", lambda s: {"atmina.tmx": tmx_text(s)}, _tmx, xml=True),
    Reader("TMX via formats.tmx.read_tmx_bitext", lambda s: {"atmina.tmx": tmx_text(s)}, _pair_tmx, xml=True),
    Reader("TBX via formats.tbx", lambda s: {"terms.tbx": tbx_text(s)}, _tbx, keeps_u2028=False, xml=True),
    Reader("YAML termbase via termbase.load_file", lambda s: {"biblioteka.yml": termbase_text(s)}, _termbase,
           keeps_u2028=False),
    Reader("metadata YAML via serve.metadata_for", lambda s: {"metadata.yml": metadata_text(s)}, _metadata),
    Reader("gold sentence file via segment.evaluate.read_gold", lambda s: {"zelts.txt": gold_text(s)}, _gold,
           cp1257=True),
    Reader("line-aligned files via formats.beads.read_aligned", _aligned_files, _aligned, cp1257=True),
]

# name -> (separator inside the first Latvian sentence, text -> bytes)
VARIANTS: dict[str, tuple[str, Callable[[str], bytes]]] = {
    "UTF-8 BOM": (" ", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    "UTF-16 LE BOM": (" ", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
    "UTF-16 BE BOM": (" ", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
    "CRLF": (" ", lambda t: t.replace("\n", "\r\n").encode("utf-8")),
    "CR": (" ", lambda t: t.replace("\n", "\r").encode("utf-8")),
    "cp1257": (" ", lambda t: t.encode("cp1257")),
    "U+2028": ("\u2028", lambda t: t.encode("utf-8")),
    "U+2028 UTF-16 CRLF": ("\u2028", lambda t: codecs.BOM_UTF16_LE + t.replace("\n", "\r\n").encode("utf-16-le")),
}


def _write(folder: Path, reader: Reader, *, sep: str, encode: Callable[[str], bytes]) -> Path:
    """The reader's files in `folder`/data (one name for every variant); returns the first file."""
    data = folder / "data"
    data.mkdir(parents=True)
    for name, text in reader.files(sep).items():
        (data / name).write_bytes(encode(text))
    return data / next(iter(reader.files(sep)))


def _as_plain(value: Any) -> Any:
    """The parsed result with U+2028 as the space it replaced (tuples as lists)."""
    if isinstance(value, str):
        return value.replace("\u2028", " ")
    if isinstance(value, dict):
        return {_as_plain(k): _as_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_as_plain(v) for v in value]
    return value


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def _baseline(tmp_path: Path, reader: Reader):
    _write(tmp_path / "baseline", reader, sep=" ", encode=lambda t: t.encode("utf-8"))
    return _as_plain(reader.parse(tmp_path / "baseline" / "data"))


@pytest.mark.parametrize("reader, variant", [
    pytest.param(r, v, id=f"{r.name}-{v}") for r in READERS for v in sorted(VARIANTS)
    if v != "cp1257" or r.cp1257  # elsewhere Windows-1257 is refused: test_textio_reader_refuses_cp1257
])
def test_textio_every_reader_reads_every_variant_alike(tmp_path, reader, variant):
    sep, encode = VARIANTS[variant]
    _write(tmp_path / "variant", reader, sep=sep, encode=encode)
    got = reader.parse(tmp_path / "variant" / "data")
    assert _as_plain(got) == _baseline(tmp_path, reader)
    if sep == "\u2028" and reader.keeps_u2028:
        assert any("\u2028" in s for s in _strings(got))  # kept inside its line, not dropped or split at


def _first_line_with(text: str, predicate: Callable[[str], bool]) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if predicate(line))


def _last_text_line(text: str) -> int:
    return len(text.rstrip("\n").split("\n"))


def _inject(text: str, junk: bytes) -> bytes:
    """UTF-8 bytes of `text` with `junk` at the end of its last line."""
    body = text.rstrip("\n")
    return body.encode("utf-8") + junk + b"\n"


@pytest.mark.parametrize("reader", [r for r in READERS if not r.cp1257 and not all(
    t.isascii() for t in r.files(" ").values())], ids=lambda r: r.name)
def test_textio_reader_refuses_cp1257(tmp_path, reader):
    """Where the format does not allow Windows-1257: one InputError at the first non-ASCII line."""
    path = _write(tmp_path, reader, sep=" ", encode=lambda t: t.encode("cp1257"))
    text = reader.files(" ")[path.name]
    with pytest.raises(InputError) as err:
        reader.parse(path.parent)
    assert err.value.path == os.fspath(path)
    assert err.value.line == _first_line_with(text, lambda line: not line.isascii())
    assert "\n" not in str(err.value)


def _error_for(tmp_path: Path, reader: Reader, junk: bytes) -> tuple[InputError, str]:
    """The one-line InputError naming the file that `reader` raises for its first file in UTF-8
    with `junk` at the end of the last line, and that file's text."""
    path = _write(tmp_path, reader, sep=" ", encode=lambda t: t.encode("utf-8"))
    text = reader.files(" ")[path.name]
    path.write_bytes(_inject(text, junk))
    with pytest.raises(InputError) as err:
        reader.parse(path.parent)
    assert err.value.path == os.fspath(path) and "\n" not in str(err.value)
    return err.value, text


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_textio_reader_invalid_utf8_names_file_and_line(tmp_path, reader):
    """A stray byte in otherwise UTF-8 text: never taken for Windows-1257, one error at its line."""
    error, text = _error_for(tmp_path, reader, b" \xff")
    assert error.line == _last_text_line(text)
    if not reader.xml:
        assert ("undecodable bytes" if reader.cp1257 else "not UTF-8 text") in error.message


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_textio_reader_nul_byte_is_one_error_naming_the_file(tmp_path, reader):
    error, text = _error_for(tmp_path, reader, b"\x00")
    if reader.xml:
        assert error.line == _last_text_line(text)
    else:  # the whole file is binary: the message says so, without a line
        assert "binary file" in error.message and error.line is None


@pytest.mark.parametrize("reader", [r for r in READERS if r.parse is not _build_corpus], ids=lambda r: r.name)
def test_textio_reader_missing_file_or_folder(tmp_path, reader):
    """A missing file, or a folder where the file should be: one InputError naming it."""
    (tmp_path / "data").mkdir()
    first = tmp_path / "data" / next(iter(reader.files(" ")))
    with pytest.raises(InputError, match="file not found") as err:  # serve: "metadata file not found"
        reader.parse(tmp_path / "data")
    assert err.value.path == os.fspath(first) and "\n" not in str(err.value)
    for name in reader.files(" "):
        (tmp_path / "data" / name).mkdir()
    with pytest.raises(InputError, match="cannot read: Is a directory|metadata file not found") as err:
        reader.parse(tmp_path / "data")
    assert err.value.path == os.fspath(first)


# --- textio itself ---------------------------------------------------------------------


@pytest.mark.parametrize("text, lines", [
    ("", []),
    ("viens", ["viens"]),
    ("viens\n", ["viens"]),
    ("viens\r\ndivi\rtrīs\n\n", ["viens", "divi", "trīs", ""]),
    ("a\u2028b\u2029c\x85d\x0ce\x0bf\n", ["a\u2028b\u2029c\x85d\x0ce\x0bf"]),
])
def test_textio_split_lines_only_at_lf_crlf_cr(text, lines):
    assert textio.split_lines(text) == lines


def test_textio_bad_byte_line_counts_cr_line_ends(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("pirmā\rotrā\r\ntrešā ".encode("utf-8") + b"\xff\n")
    with pytest.raises(InputError) as err:
        textio.read_text(path)
    assert (err.value.path, err.value.line, err.value.message) == (str(path), 3, "not UTF-8 text")


def test_textio_fallback_reads_windows_1257_and_says_so():
    text = f"{lv1(' ')}\n{LV2}\n"
    decoded = textio.decode(text.encode("cp1257"), fallback=textio.CP1257)
    assert (decoded.text, decoded.encoding) == (text, "cp1257")
    with pytest.raises(InputError, match="not UTF-8 text"):
        textio.decode(text.encode("cp1257"))


def test_textio_yaml_keeps_line_separators_inside_a_line():
    data = textio.parse_yaml("a: viens\u2028divi\nb:\n  - \"trīs\u2029četri\"\nc: pieci\x85seši\n")
    assert data == {"a": "viens\u2028divi", "b": ["trīs\u2029četri"], "c": "pieci\x85seši"}
    with pytest.raises(InputError) as err:
        textio.parse_yaml("a: viens\u2028divi\nb: [nav aizvērts\n", path="m.yml", what="bad YAML")
    assert str(err.value).startswith("m.yml:2: bad YAML: ")  # the line of the bracket left open


def test_textio_xml_utf16_bom_wins_over_a_stale_declaration():
    doc = '<?xml version="1.0" encoding="UTF-8"?>\n<a>Tīklošana</a>\n'
    assert textio.parse_xml(doc.encode("utf-16")).text == "Tīklošana"
    assert textio.parse_xml(doc.replace("UTF-8", "windows-1257").encode("cp1257")).text == "Tīklošana"


def test_textio_a_line_past_the_limit_is_refused_with_its_number(tmp_path):
    """A line of more than MAX_LINE_CHARS characters is one error naming the file and the line,
    before any per-line work; lines at the limit, and raw pages for ingest, are read."""
    limit = textio.MAX_LINE_CHARS
    path = tmp_path / "a.txt"
    path.write_text("Biedra nauda.\nTīklošana.\n" + "ā" * (limit + 1) + "\nBeigas.\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        textio.read_lines(path)
    assert str(caught.value) == f"{path}:3: a line of {limit + 1:,} characters; the limit is {limit:,}"
    path.write_text("x\n" + "ā" * limit + "\n", encoding="utf-8")
    assert [len(line) for line in textio.read_lines(path)] == [1, limit]
    page = ("<p>" + "vārds " * (limit // 6 + 10) + "</p>").encode("utf-8")
    from lvterm.ingest.detect import decode

    assert decode(page, path="page.html").text.startswith("<p>vārds")
