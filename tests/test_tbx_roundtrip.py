"""TBX-Basic: dump/load round trip (golden file and property test), validity against the TBX v3
core RNG and only values the TBX-Basic Schematron permits; inflected forms stay notes of one term."""
from __future__ import annotations

import io
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.errors import InputError
from lvterm.formats import tbx
from lvterm.models import PARTS_OF_SPEECH, Concept, Term, TermForm
from lvterm.terms.termbase import load_curated, load_file

NS = {"t": "urn:iso:std:iso:30042:ed-2"}


def _dumps(concepts, **kw) -> str:
    buf = io.StringIO()
    tbx.dump(concepts, buf, **kw)
    return buf.getvalue()


def test_tbx_golden(fixtures):
    concepts = load_file(fixtures / "termbase" / "good.yml")
    text = _dumps(concepts, contexts={("fee", "lv", "biedra nauda"): ["Biedra nauda jāmaksā katru gadu."]})
    golden = fixtures / "termbase" / "good.tbx"
    assert text == golden.read_text(encoding="utf-8")


def test_tbx_roundtrip_curated(root):
    concepts = load_curated(root / "termbase")
    assert tbx.load(io.StringIO(_dumps(concepts))) == concepts


TEXT = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), min_size=1, max_size=20).map(
    lambda s: " ".join(unicodedata.normalize("NFC", s).split())).filter(  # lvterm's text is NFC (textio)
    lambda s: re.search(r"\w", s) and not s.startswith(
        ("Status:", "Reliability:", "Origin:", "Inflected", "Corpus", "Proper")))
FORM = st.builds(TermForm, TEXT, st.integers(0, 50))
LINES = st.lists(TEXT, min_size=2, max_size=3).map("\n".join)  # a curated definition of several lines


def _parts_of_speech(term_type):
    """What the termbase lets a term of this type be (a name in full is term type properNoun)."""
    if term_type == "properNoun":
        return st.sampled_from([None, "properNoun"])
    pos = [p for p in PARTS_OF_SPEECH if term_type != "fullForm" or p != "properNoun"]
    return st.none() | st.sampled_from(pos)


@st.composite
def terms(draw, lang):
    text = draw(TEXT)
    forms = draw(st.lists(FORM, max_size=3, unique_by=lambda f: f.form).filter(
        lambda fs: all(f.form != text for f in fs)))
    term_type = draw(st.sampled_from(["fullForm", "acronym", "properNoun", "abbreviation"]))
    return Term(lang=lang, text=text, status=draw(st.sampled_from(["preferred", "admitted", "deprecated",
                                                                    "proposed"])),
                reliability=draw(st.integers(1, 4)), term_type=term_type,
                forms=(TermForm(text, draw(st.integers(0, 9))), *forms), frequency=draw(st.integers(0, 99)),
                note=draw(st.none() | TEXT), part_of_speech=draw(_parts_of_speech(term_type)))


@st.composite
def concepts(draw):
    n = draw(st.integers(1, 4))
    out = []
    for i in range(n):
        ts = draw(st.lists(terms("lv"), min_size=1, max_size=2)) + draw(st.lists(terms("en"), max_size=2))
        out.append(Concept(id=f"c{i}", terms=tuple(ts), subject_field=draw(st.none() | TEXT),
                           definition=draw(st.none() | TEXT | LINES), note=draw(st.none() | TEXT),
                           origin=draw(st.sampled_from(["curated", "extracted"])), source=draw(st.none() | TEXT)))
    return out


@settings(max_examples=80, deadline=None)
@given(concepts())
def test_tbx_roundtrip_property(cs):
    assert tbx.load(io.StringIO(_dumps(cs))) == cs


def test_tbx_forms_are_notes_not_terms(fixtures):
    from lxml import etree

    concepts = load_file(fixtures / "termbase" / "good.yml")
    doc = etree.fromstring(_dumps(concepts).encode("utf-8"))
    assert doc.xpath("//t:term/text()", namespaces=NS) == [t.text for c in concepts for t in c.terms]
    notes = doc.xpath("//t:termSec[t:term='biedra nauda']/t:note/text()", namespaces=NS)
    assert "Inflected form (seen 0): biedra naudu" in notes


def test_tbx_valid_rng_and_schematron_values(schemas, root):
    from lxml import etree

    concepts = load_curated(root / "termbase")
    doc = etree.fromstring(_dumps(concepts, contexts={("networking", "lv", "tīklošana"): ["Teikums."]})
                           .encode("utf-8"))
    rng = etree.RelaxNG(etree.parse(str(schemas / "TBXcoreStructV03.rng")))
    assert rng.validate(doc), rng.error_log
    sch = (schemas / "TBX-Basic_DCA.sch").read_text(encoding="utf-8")
    assert doc.get("type") == "TBX-Basic" and doc.get("style") == "dca"

    def allowed(context):  # the values one Schematron rule permits
        rule = re.search(re.escape(f'<rule context="{context}">') + r"\s*<assert test=\"([^\"]*)\"", sch)
        return set(re.findall(r"\.='([^']+)'", rule.group(1)))

    for el in ("admin", "descrip", "termNote", "transac", "xref", "ref"):
        types = set(doc.xpath(f"//t:{el}/@type", namespaces=NS))
        assert types <= allowed(f"tbx:{el}/@type"), el
    for kind in ("administrativeStatus", "partOfSpeech", "termType"):
        values = set(doc.xpath(f"//t:termNote[@type='{kind}']/text()", namespaces=NS))
        assert values and values <= allowed(f"tbx:termNote[@type='{kind}']"), kind
    # levels: subjectField on conceptEntry, context on termSec, definition on conceptEntry/langSec
    assert all(e.getparent().tag.endswith("conceptEntry")
               for e in doc.xpath("//t:descrip[@type='subjectField']", namespaces=NS))
    assert all(e.getparent().tag.endswith("termSec") for e in doc.xpath("//t:descrip[@type='context']",
                                                                         namespaces=NS))


def test_tbx_load_rejects_non_tbx(tmp_path):
    with pytest.raises(InputError, match="not a TBX"):
        tbx.load(io.StringIO("<tmx/>"))
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx><unclosed></tbx>", encoding="utf-8")
    with bad.open(encoding="utf-8") as fp, pytest.raises(InputError, match=r"bad\.tbx:1: not well-formed"):
        tbx.load(fp)


def test_tbx_invalid_ids_and_control_chars_stay_valid(schemas):
    from lxml import etree

    cs = [Concept(id="x-biedr naud", terms=(Term("lv", "biedra\x0bnauda"),)),
          Concept(id="1abc", terms=(Term("lv", "sekcija"),)), Concept(id="1abc", terms=(Term("lv", "komiteja"),))]
    doc = etree.fromstring(_dumps(cs).encode("utf-8"))
    ids = doc.xpath("//t:conceptEntry/@id", namespaces=NS)
    assert len(set(ids)) == 3 and ids[0] == "c-x-biedr-naud"
    rng = etree.RelaxNG(etree.parse(str(schemas / "TBXcoreStructV03.rng")))
    assert rng.validate(doc), rng.error_log


def test_tbx_roundtrip_several_notes_stay_apart():
    """Notes are read back joined by line breaks; each goes out as its own <note> again."""
    cs = [Concept(id="c1", terms=(Term("lv", "biedra nauda", note="pirmā piezīme\notrā piezīme"),),
                  note="avots: vārdnīca\npārbaudīts")]
    back = tbx.load(io.StringIO(_dumps(cs)))[0]
    assert back.note == "avots: vārdnīca\npārbaudīts"
    assert back.terms[0].note == "pirmā piezīme\notrā piezīme"


def test_tbx_load_refuses_entities(tmp_path):
    bomb = tmp_path / "bomb.tbx"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaa">]>'
                    f'<tbx xmlns="{tbx.NS}">&a;</tbx>', encoding="utf-8")
    with bomb.open("rb") as fp, pytest.raises(InputError, match=r"bomb\.tbx: refused unsafe XML"):
        tbx.load(fp)


def test_tbx_definition_keeps_its_line_breaks():
    cs = [Concept(id="c1", terms=(Term("lv", "biedra nauda"),), definition="Ikgadējs maksājums.\nTo maksā biedri.")]
    assert tbx.load(io.StringIO(_dumps(cs)))[0].definition == "Ikgadējs maksājums.\nTo maksā biedri."


@pytest.mark.parametrize("value, pos", [("noun", "noun"), ("Noun", "noun"), ("ADJECTIVE", "adjective"),
                                        ("proper noun", "properNoun"), ("properNoun", "properNoun"),
                                        ("noun phrase", "other"), ("  ", "noun")])
def test_tbx_part_of_speech_of_other_tools(value, pos):
    """Another tool's partOfSpeech is read as one of lvterm's values ("noun phrase" is other; an
    empty one the default), never kept as written: it was re-exported as other ("Noun")."""
    doc = _dumps([Concept(id="c1", terms=(Term("en", "membership fee"),))])
    doc = doc.replace('<termNote type="partOfSpeech">noun</termNote>', f'<termNote type="partOfSpeech">{value}</termNote>')
    assert value in doc
    assert tbx.load(io.StringIO(doc))[0].terms[0].part_of_speech == pos
