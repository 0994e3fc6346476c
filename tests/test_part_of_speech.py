"""A term's part of speech: the curated `part_of_speech` key (TBX-Basic's picklist and properNoun),
its default, its validation (one line naming file and line), TBX export and load, and the library's
`terms.part_of_speech` column."""
from __future__ import annotations

import io
import sqlite3

import pytest
from click.testing import CliRunner

from fixtures.termbase.minidb import make_db
from lvterm import db as dbrows
from lvterm.cli import cli
from lvterm.errors import InputError
from lvterm.formats import tbx
from lvterm.models import Concept, Term
from lvterm.terms.termbase import load_curated, load_file

NS = {"t": "urn:iso:std:iso:30042:ed-2"}


@pytest.fixture(scope="module")
def curated(root):
    return load_curated(root / "termbase")


def _term(concepts, cid, lang, text):
    concept = next(c for c in concepts if c.id == cid)
    return next(t for t in concept.terms_in(lang) if t.text == text)


def _dumps(concepts) -> str:
    buf = io.StringIO()
    tbx.dump(concepts, buf)
    return buf.getvalue()


def _term_notes(text, term):
    from lxml import etree

    doc = etree.fromstring(text.encode("utf-8"))
    sec = doc.xpath("//t:termSec[t:term=$term]", namespaces=NS, term=term)
    assert len(sec) >= 1, term
    sec = sec[0]
    return ({n.get("type"): n.text for n in sec.xpath("t:termNote", namespaces=NS)},
            sec.xpath("t:note/text()", namespaces=NS))


def test_part_of_speech_default_follows_term_type():
    assert Term("lv", "biedrs").part_of_speech == "noun"
    assert Term("en", "CPD", term_type="acronym").part_of_speech == "noun"
    assert Term("en", "LinkedIn", term_type="properNoun").part_of_speech == "properNoun"
    assert Term("en", "online", part_of_speech="adverb").part_of_speech == "adverb"


def test_part_of_speech_curated_terms(curated):
    # English "online" and "face to face" are adverbs; their Latvian terms stay nouns
    assert _term(curated, "online", "en", "online").part_of_speech == "adverb"
    assert _term(curated, "online", "lv", "tiešsaiste").part_of_speech == "noun"
    assert _term(curated, "face-to-face", "en", "face to face").part_of_speech == "adverb"
    assert _term(curated, "face-to-face", "en", "in person").part_of_speech == "adverb"
    assert _term(curated, "face-to-face", "lv", "klātiene").part_of_speech == "noun"
    assert _term(curated, "membership-fee", "en", "membership fee").part_of_speech == "noun"
    # names: in full by their term type, acronyms by the key
    assert _term(curated, "org-linkedin", "en", "LinkedIn").part_of_speech == "properNoun"
    assert _term(curated, "org-lnb", "lv", "Latvijas Nacionālā bibliotēka").part_of_speech == "properNoun"
    cilip = _term(curated, "org-cilip", "en", "CILIP")
    assert (cilip.term_type, cilip.part_of_speech) == ("acronym", "properNoun")
    # every name of the organisations file is a proper noun, and nothing else is
    for c in curated:
        for t in c.terms:
            assert (t.part_of_speech == "properNoun") == c.id.startswith("org-"), (c.id, t.text)


@pytest.mark.parametrize("value, term_type, line, words", [
    ("Noun", None, 6, "part_of_speech must be one of noun, verb, adjective, adverb, properNoun, other "
                      "(got 'Noun')"),
    ("[adverb]", None, 6, "part_of_speech must be one of"),
    ("noun", "properNoun", 6, "a properNoun term is a proper noun: drop part_of_speech 'noun'"),
    ("properNoun", None, 6, "a name in full is term_type: properNoun"),
])
def test_part_of_speech_bad_value_names_file_and_line(tmp_path, value, term_type, line, words):
    lines = ["concepts:", "  - id: tiessaiste", "    lv:", "      - term: tiešsaiste", "    en:"]
    lines += ["      - term: online"] if term_type is None else ["      - term: Online Ltd",
                                                                  f"        term_type: {term_type}"]
    lines += [f"        part_of_speech: {value}"]
    path = tmp_path / "bad-pos.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_file(path)
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith(f"{path}:{line}: "), msg
    assert words in msg


def test_part_of_speech_bad_value_stops_lvterm_build(tmp_path, fixtures, root):
    folder = tmp_path / "termbase"
    folder.mkdir()
    (folder / "a.yml").write_text("concepts:\n  - id: online\n    lv:\n      - term: tiešsaiste\n"
                                  "        part_of_speech: adverbial\n", encoding="utf-8")
    db = tmp_path / "out" / "lvterm.db"
    db.parent.mkdir()
    r = CliRunner().invoke(cli, ["build", "--corpus", str(root / "corpus" / "posts"), "--termbase", str(folder),
                                 "--db", str(db)])
    assert r.exit_code == 2, r.output
    assert f"{folder / 'a.yml'}:4: part_of_speech must be one of" in r.output
    assert len(r.output.strip().splitlines()) == 1 and list(db.parent.iterdir()) == []


def test_part_of_speech_tbx_written_and_read_back(curated):
    text = _dumps(curated)
    notes, _ = _term_notes(text, "online")
    assert notes["partOfSpeech"] == "adverb"
    assert _term_notes(text, "tiešsaiste")[0]["partOfSpeech"] == "noun"
    assert _term_notes(text, "face to face")[0]["partOfSpeech"] == "adverb"
    back = tbx.load(io.StringIO(text))
    assert back == curated
    assert _term(back, "online", "en", "online").part_of_speech == "adverb"
    assert _term(back, "face-to-face", "en", "in person").part_of_speech == "adverb"


def test_part_of_speech_tbx_of_an_organisation_says_proper_noun(curated):
    """TBX-Basic's partOfSpeech picklist has no properNoun (the Schematron permits adjective, noun,
    other, verb, adverb): a name is a noun there, with the note "Proper name", and reads back as properNoun,
    an acronym of a name too."""
    orgs = [c for c in curated if c.id in ("org-cilip", "org-linkedin")]
    text = _dumps(orgs)
    for term, ttype in (("LinkedIn", "fullForm"), ("CILIP", "acronym"),
                        ("Chartered Institute of Library and Information Professionals", "fullForm")):
        notes, free = _term_notes(text, term)
        assert (notes["termType"], notes["partOfSpeech"]) == (ttype, "noun"), term
        assert "Proper name" in free, term
    back = tbx.load(io.StringIO(text))
    cilip = _term(back, "org-cilip", "en", "CILIP")
    assert (cilip.term_type, cilip.part_of_speech) == ("acronym", "properNoun")
    assert _term(back, "org-linkedin", "lv", "LinkedIn").term_type == "properNoun"
    assert back == orgs


def test_part_of_speech_tbx_load_of_other_files():
    """A TBX without the note, or with TBX-Basic v2's partOfSpeech properNoun, reads as its parts of speech say;
    a value TBX-Basic does not permit goes out as other, so the file stays valid."""
    def doc(pos, ttype="fullForm"):
        return (f'<tbx xmlns="{tbx.NS}" type="TBX-Basic" style="dca"><text><body><conceptEntry id="c">'
                f'<langSec xml:lang="en"><termSec><term>x</term><termNote type="termType">{ttype}</termNote>'
                f'<termNote type="partOfSpeech">{pos}</termNote></termSec></langSec></conceptEntry></body></text></tbx>')

    assert tbx.loads(doc("verb"))[0].terms[0].part_of_speech == "verb"
    assert tbx.loads(doc("noun"))[0].terms[0].term_type == "fullForm"
    old = tbx.loads(doc("properNoun"))[0].terms[0]
    assert (old.term_type, old.part_of_speech) == ("properNoun", "properNoun")
    abbr = tbx.loads(doc("properNoun", "abbreviation"))[0].terms[0]
    assert (abbr.term_type, abbr.part_of_speech) == ("abbreviation", "properNoun")
    odd = [Concept(id="c", terms=(Term("en", "x", part_of_speech="pronoun"),))]
    assert _term_notes(_dumps(odd), "x")[0]["partOfSpeech"] == "other"


def test_part_of_speech_library_column(curated, tmp_path):
    path = make_db(tmp_path / "lvterm.db", curated)
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    rows = {(r["concept_id"], r["lang"], r["term"]): r["part_of_speech"]
            for r in conn.execute("select concept_id, lang, term, part_of_speech from terms")}
    assert rows[("online", "en", "online")] == "adverb"
    assert rows[("online", "lv", "tiešsaiste")] == "noun"
    assert rows[("org-cilip", "en", "CILIP")] == "properNoun"
    assert rows[("org-linkedin", "en", "LinkedIn")] == "properNoun"
    assert None not in rows.values()
    # the existing columns keep their order; the new one comes last, indexed for the facet
    cols = [r[1] for r in conn.execute("pragma table_info(terms)")]
    assert cols[:7] == ["id", "concept_id", "lang", "term", "status", "reliability", "term_type"]
    assert cols[-2:] == ["note", "part_of_speech"]
    indexed = [conn.execute(f"pragma index_info([{r[1]}])").fetchall() for r in conn.execute("pragma index_list(terms)")]
    assert any([c[2] for c in cols_] == ["part_of_speech"] for cols_ in indexed)
    # read back as the exports read it, and exported to TBX from the library
    def parts(concepts):
        return {(c.id, t.lang, t.text): (t.term_type, t.part_of_speech) for c in concepts for t in c.terms}

    assert parts(dbrows.read_concepts(conn)) == parts(curated)
    conn.close()
    out = tmp_path / "lvterm.tbx"
    r = CliRunner().invoke(cli, ["export", "tbx", "-o", str(out), "--db", str(path)])
    assert r.exit_code == 0, r.output
    assert _term_notes(out.read_text(encoding="utf-8"), "online")[0]["partOfSpeech"] == "adverb"


def test_part_of_speech_library_without_the_column_reads_defaults(curated, tmp_path):
    """A library built before the column existed still reads: every part of speech is the default."""
    path = make_db(tmp_path / "lvterm.db", curated)
    conn = sqlite3.connect(path)
    conn.execute("drop index if exists idx_terms_part_of_speech")
    conn.execute("alter table terms drop column part_of_speech")
    conn.row_factory = sqlite3.Row
    back = dbrows.read_concepts(conn)
    conn.close()
    assert _term(back, "online", "en", "online").part_of_speech == "noun"
    assert _term(back, "org-linkedin", "en", "LinkedIn").part_of_speech == "properNoun"
