"""lv<->en pairing on a small aligned fixture, and the `lvterm extract` command."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.cli import cli
from lvterm.lang import en, lv
from lvterm.lang.cognates import cognate_similarity
from lvterm.models import Bead
from lvterm.terms.extract import extract_terms
from lvterm.terms.pair import best_pairs, extract_pairs, pair_terms
from lvterm.wordalign import ibm1


@pytest.fixture(scope="module")
def bitext(terms_bitext):
    return terms_bitext


@pytest.fixture(scope="module")
def gold(terms_gold):
    return terms_gold


@pytest.fixture(scope="module")
def pairs(bitext):
    lv_lines, en_lines = bitext
    beads = [Bead((i,), (i,)) for i in range(len(lv_lines))]
    return pair_terms(extract_terms(lv_lines, lang="lv"), extract_terms(en_lines, lang="en"), beads,
                      lv_sentences=lv_lines, en_sentences=en_lines)


def test_pair_gold_equivalents_come_first(pairs, gold):
    best = {p.lv_key: p for p in best_pairs(pairs)}
    right = [row["lv"] for row in gold
             if best[lv.stem_key(row["lv"])].en_key == en.stem_key(row["en"])]
    assert len(right) >= len(gold) - 1, right


def test_pair_confidence_and_beads(pairs, bitext):
    lv_lines, en_lines = bitext
    assert pairs
    for p in pairs:
        assert 0.0 <= p.confidence <= 1.0
        assert p.beads and all(0 <= b < len(lv_lines) for b in p.beads)
        assert p.rank >= 1
    fee = next(p for p in pairs if p.lv == "biedra nauda" and p.rank == 1)
    assert fee.en == "membership fee" and fee.beads == (7, 8, 9)
    for b in fee.beads:
        assert "biedra nau" in lv_lines[b].lower() and "membership fee" in en_lines[b].lower()


def test_pair_dictionary_wins(bitext):
    lv_lines, en_lines = bitext
    beads = [Bead((i,), (i,)) for i in range(len(lv_lines))]
    lvc, enc = extract_terms(lv_lines, lang="lv"), extract_terms(en_lines, lang="en")
    plain = {p.lv: p for p in best_pairs(pair_terms(lvc, enc, beads, lv_sentences=lv_lines,
                                                    en_sentences=en_lines))}
    assert plain["biedrs"].en != "member"
    curated = {p.lv: p for p in best_pairs(pair_terms(
        lvc, enc, beads, lv_sentences=lv_lines, en_sentences=en_lines,
        dictionary=[("biedri", "members")]))}
    assert curated["biedrs"].en == "member" and curated["biedrs"].confidence >= 0.9
    assert curated["biedrs"].evidence["dictionary"] == 1.0


def test_pair_follows_beads_not_line_numbers():
    lv_lines = ["Biedra nauda ir jāsamaksā.", "Sociālie tīkli palīdz.", "Interneta pieslēgums strādā."]
    en_lines = ["Social networks help.", "The internet connection works.", "The membership fee must be paid."]
    beads = [Bead((0,), (2,)), Bead((1,), (0,)), Bead((2,), (1,))]
    best = {p.lv: p for p in best_pairs(pair_terms(
        extract_terms(lv_lines, lang="lv"), extract_terms(en_lines, lang="en"), beads,
        lv_sentences=lv_lines, en_sentences=en_lines))}
    assert best["biedra nauda"].en == "membership fee" and best["biedra nauda"].beads == (0,)
    assert best["sociālie tīkli"].en == "social network"


@pytest.mark.parametrize("lv_text,en_text,low", [
    ("LinkedIn", "LinkedIn", 1.0), ("organizācija", "organisation", 0.7),
    ("profesionālā organizācija", "professional organisation", 0.7), ("Latvija", "Latvia", 0.7),
])
def test_pair_cognates(lv_text, en_text, low):
    assert cognate_similarity(lv_text, en_text) >= low
    assert cognate_similarity(lv_text, "membership fee") < 0.5


def test_pair_ibm1_learns_a_lexicon():
    pairs = [(["biedr", "naud"], ["membership", "fee"]), (["naud"], ["fee"]),
             (["biedr"], ["membership"]), (["naud", "maz"], ["fee", "small"])]
    t = ibm1(pairs, iterations=10)
    assert t[("fee", "naud")] > t.get(("fee", "biedr"), 0)
    assert t[("membership", "biedr")] > t.get(("membership", "naud"), 0)


def test_pair_ibm1_is_the_textbook_em():
    """The shared numpy EM gives what a plain dict-based Model 1 (with a NULL word) gives."""
    from collections import defaultdict

    pairs = [(["biedr", "naud"], ["membership", "fee", "fee"]), (["naud"], ["fee"]),
             (["biedr", "biedr"], ["membership"]), (["naud", "maz"], ["fee", "small"])]
    t: dict = {}
    for _ in range(5):
        count, total = defaultdict(float), defaultdict(float)
        for ls, es in pairs:
            src = ["<null>", *ls]
            for e in es:
                z = sum(t.get((e, l), 1.0) for l in src)
                for l in src:
                    count[(e, l)] += t.get((e, l), 1.0) / z
                    total[l] += t.get((e, l), 1.0) / z
        t = {k: v / total[k[1]] for k, v in count.items()}
    got = ibm1(pairs)
    assert got.keys() == t.keys()
    assert all(abs(got[k] - t[k]) < 1e-12 for k in t)


def test_pair_extract_pairs_rejects_other_languages(bitext):
    from lvterm.errors import InputError

    with pytest.raises(InputError):
        extract_pairs(["a"], ["b"], src_lang="lv", tgt_lang="de")
    with pytest.raises(InputError):
        extract_pairs(["a", "b"], ["b"])


def test_pair_swapped_languages_give_the_same_pairs(bitext):
    lv_lines, en_lines = bitext
    a = [(p.lv, p.en) for p in extract_pairs(lv_lines, en_lines)]
    b = [(p.lv, p.en) for p in extract_pairs(en_lines, lv_lines, src_lang="en", tgt_lang="lv")]
    assert a == b


# --- lvterm extract ---------------------------------------------------------------------


@pytest.fixture
def away_from_termbase(tmp_path, monkeypatch):
    """Run where no ./termbase is found, so the curated entries do not steer the CLI."""
    monkeypatch.chdir(tmp_path)


@pytest.mark.usefixtures("away_from_termbase")
def test_pair_cli_extract_tsv(fixtures):
    d = fixtures / "terms"
    result = CliRunner().invoke(cli, ["extract", str(d / "library.lv"), str(d / "library.en"),
                                      "--src-lang", "lv", "--tgt-lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "lv\ten\tscore\tfreq"
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(r) == 4 for r in rows)
    scores = [float(r[2]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert ["biedra nauda", "membership fee", rows[[r[0] for r in rows].index("biedra nauda")][2], "3"] in rows


@pytest.mark.usefixtures("away_from_termbase")
def test_pair_cli_extract_mismatched_lines(tmp_path, fixtures):
    short = tmp_path / "short.en"
    short.write_text("One line only.\n", encoding="utf-8")
    src = fixtures / "terms" / "library.lv"
    result = CliRunner().invoke(cli, ["extract", str(src), str(short)])
    assert result.exit_code == 2
    message = result.output.strip()
    assert len(message.splitlines()) == 1
    assert str(src) in message and str(short) in message


@pytest.mark.usefixtures("away_from_termbase")
def test_pair_cli_extract_byte_order_mark(tmp_path, fixtures):
    """A BOM (Windows editors) is not part of the first word: same pairs as without it."""
    d = fixtures / "terms"
    src = tmp_path / "bom.lv"
    src.write_bytes(b"\xef\xbb\xbf" + (d / "library.lv").read_bytes())
    plain = CliRunner().invoke(cli, ["extract", str(d / "library.lv"), str(d / "library.en")])
    bom = CliRunner().invoke(cli, ["extract", str(src), str(d / "library.en")])
    assert bom.exit_code == 0, bom.output
    assert "\ufeff" not in bom.output and bom.output == plain.output


def test_pair_read_aligned_splits_at_line_ends_only(tmp_path):
    """A U+2028 or form feed inside a sentence is text: line i still translates line i."""
    from lvterm.formats.beads import read_aligned

    lv, en = tmp_path / "a.lv", tmp_path / "a.en"
    lv.write_text("Biedra nauda\u2028ir jāmaksā.\r\nTīklošana\fpalīdz.\n\nBeigas.\n", encoding="utf-8")
    en.write_text("The membership fee must be paid.\nNetworking helps.\n\nThe end.\n", encoding="utf-8")
    src, tgt = read_aligned(lv, en)
    assert len(src) == len(tgt) == 4
    assert src[0] == "Biedra nauda\u2028ir jāmaksā." and src[2] == "" and tgt[3] == "The end."


@pytest.mark.usefixtures("away_from_termbase")
def test_pair_cli_extract_tmx_missing_seg(fixtures, caplog):
    result = CliRunner().invoke(cli, ["extract", "--tmx", str(fixtures / "terms" / "missing_seg.tmx")])
    assert result.exit_code == 0, result.output
    assert "missing_seg.tmx [tu 2]" in caplog.text and "no <seg>" in caplog.text  # reported on stderr
    assert "biedra nauda\tmembership fee\t" in result.output
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("away_from_termbase")
def test_pair_cli_extract_bad_tmx(tmp_path):
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--tmx", str(bad)])
    assert result.exit_code == 2
    assert str(bad) in result.output and "Traceback" not in result.output


@pytest.mark.usefixtures("away_from_termbase")
def test_pair_cli_extract_needs_input():
    result = CliRunner().invoke(cli, ["extract"])
    assert result.exit_code == 2


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=17), min_size=1, max_size=10, unique=True))
def test_pair_invariants(terms_bitext, picked):
    lv_all, en_all = terms_bitext
    lv_lines = [lv_all[i] for i in picked]
    en_lines = [en_all[i] for i in reversed(picked)]  # English in the opposite order
    beads = [Bead((k,), (len(picked) - 1 - k,)) for k in range(len(picked))]
    lvc, enc = extract_terms(lv_lines, lang="lv"), extract_terms(en_lines, lang="en")
    lv_beads = {c.key: {o.segment_index for o in c.occurrences} for c in lvc}
    en_beads = {c.key: {len(picked) - 1 - o.segment_index for o in c.occurrences} for c in enc}
    for p in pair_terms(lvc, enc, beads, lv_sentences=lv_lines, en_sentences=en_lines):
        assert 0.0 <= p.confidence <= 1.0 and 0.0 <= p.score <= 1.0
        assert set(p.beads) <= lv_beads[p.lv_key] & en_beads[p.en_key]
        assert p.beads


@pytest.mark.usefixtures("away_from_termbase")
def test_pair_cli_extract_uses_a_curated_termbase(fixtures, tmp_path):
    folder = tmp_path / "curated"
    folder.mkdir()
    (folder / "members.yml").write_text(
        "subject_field: library and information science\n"
        "concepts:\n"
        "  - id: member\n"
        "    lv:\n"
        "      - term: biedrs\n"
        "    en:\n"
        "      - term: member\n", encoding="utf-8")
    d = fixtures / "terms"
    args = ["extract", str(d / "library.lv"), str(d / "library.en")]
    plain = CliRunner().invoke(cli, args)
    curated = CliRunner().invoke(cli, args + ["--termbase", str(folder)])
    assert plain.exit_code == 0 and curated.exit_code == 0, curated.output
    assert "biedrs\tmember\t" not in plain.output
    assert "biedrs\tmember\t" in curated.output
