"""`lvterm pair`: translation pairs among posts that declare none, from numbers, names, cognates and
the termbase; one-to-one, best first; `--write` declares them in both files."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lvterm import pairing
from lvterm.cli import cli
from lvterm.formats import post as postfmt
from lvterm.models import Post

ROOT = Path(__file__).resolve().parents[1]

# Four short post pairs written for this test (numbers, names and terms that survive translation),
# one Latvian post and one English post without a counterpart.
PAIRS = [
    ("lasitava", "reading-room",
     ["Rīgas Centrālās bibliotēkas lasītava 2014. gadā bija atvērta 312 dienas.",
      "Lasītavā strādāja 14 bibliotekāri, un to apmeklēja 48 500 lasītāju."],
     ["In 2014 the reading room of the Riga Central Library was open on 312 days.",
      "Fourteen librarians worked in the reading room, and 48,500 readers visited it."]),
    ("biedra-nauda", "membership-fee",
     ["Latvijas Bibliotekāru biedrības biedra nauda 2016. gadā bija 15 eiro.",
      "Studentiem biedra nauda ir 5 eiro, un to var samaksāt līdz 31. martam."],
     ["The membership fee of the Library Association of Latvia was 15 euros in 2016.",
      "Students pay a membership fee of 5 euros, due by 31 March."]),
    ("konference", "conference",
     ["IFLA konference Helsinkos pulcēja 3100 dalībnieku no 120 valstīm.",
      "Latvijas delegācijā bija 23 bibliotekāri."],
     ["The IFLA conference in Helsinki brought together 3,100 participants from 120 countries.",
      "The Latvian delegation had 23 librarians."]),
    ("tiklosana", "networking",
     ["Tīklošana LinkedIn un Twitter palīdz atrast kolēģus; mūsu grupā ir 870 biedru.",
      "Grupas adrese ir https://example.org/lbb-tikls."],
     ["Networking on LinkedIn and Twitter helps to find colleagues; our group has 870 members.",
      "The group's address is https://example.org/lbb-tikls."]),
]
LONE_LV = ("gramatu-diena", ["Grāmatu dienā 1997. gadā skolās lasīja dzeju.", "Piedalījās 64 skolas."])
LONE_EN = ("archive-news", ["The archive digitised 9,212 maps of Kurzeme in 2019.", "Volunteers helped."])


def _site(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    posts = [Post(slug=lv, lang="lv", title="Ieraksts", paragraphs=tuple(lv_text), date="2016-03-01")
             for lv, _, lv_text, _ in PAIRS]
    posts += [Post(slug=en, lang="en", title="Post", paragraphs=tuple(en_text), date="2016-03-02")
              for _, en, _, en_text in PAIRS]
    posts.append(Post(slug=LONE_LV[0], lang="lv", title="Ieraksts", paragraphs=tuple(LONE_LV[1])))
    posts.append(Post(slug=LONE_EN[0], lang="en", title="Post", paragraphs=tuple(LONE_EN[1])))
    # an already declared pair is not considered again
    posts.append(Post(slug="jau-parots", lang="lv", title="Ieraksts", paragraphs=("2016. gadā 15 eiro.",),
                      translations={"en": "already-paired"}))
    posts.append(Post(slug="already-paired", lang="en", title="Post", paragraphs=("15 euros in 2016.",),
                      translations={"lv": "jau-parots"}))
    for p in posts:
        (folder / f"{p.slug}.{p.lang}.md").write_text(postfmt.dumps(p), encoding="utf-8")
    return folder


def test_pairing_documents_cli_output_contract(tmp_path, monkeypatch):
    site = _site(tmp_path / "posts")
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["pair", str(site), "--src-lang", "lv", "--tgt-lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "lv\ten\tscore"
    rows = [line.split("\t") for line in lines[1:]]
    assert {(lv, en) for lv, en, _ in rows} == {(lv, en) for lv, en, _, _ in PAIRS}
    scores = [float(s) for _, _, s in rows]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)


def test_pairing_documents_write_declares_both_files(tmp_path, monkeypatch):
    site = _site(tmp_path / "posts")
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["pair", str(site), "--write"])
    assert result.exit_code == 0, result.output
    for lv, en, _, _ in PAIRS:
        assert postfmt.load(site / f"{lv}.lv.md").translations == {"en": en}
        assert postfmt.load(site / f"{en}.en.md").translations == {"lv": lv}
    assert postfmt.load(site / f"{LONE_LV[0]}.lv.md").translations == {}
    again = CliRunner().invoke(cli, ["pair", str(site)])
    assert again.stdout.splitlines() == ["lv\ten\tscore"]  # nothing left to pair
    assert not list(site.glob(".*.tmp"))


def test_pairing_documents_high_threshold_leaves_posts_unpaired(tmp_path):
    posts, _ = pairing.load_posts(_site(tmp_path / "posts"))
    every = pairing.propose(posts, threshold=0.0)
    cut = sorted(p.score for p in every)[len(every) // 2]
    kept = pairing.propose(posts, threshold=cut)
    assert kept == [p for p in every if p.score >= cut] and len(kept) < len(every)
    assert {LONE_LV[0], LONE_EN[0]}.isdisjoint(s for p in every for s in (p.src.slug, p.tgt.slug))


def test_pairing_documents_one_to_one():
    a = Post(slug="a", lang="lv", title="A", paragraphs=("IFLA 2016 Helsinki 3100 120",))
    b = Post(slug="b", lang="lv", title="B", paragraphs=("IFLA 2016 Helsinki 3100 120",))
    c = Post(slug="c", lang="en", title="C", paragraphs=("IFLA 2016 Helsinki 3,100 120",))
    found = pairing.propose([a, b, c], threshold=0.0)
    assert len(found) == 1 and found[0].tgt.slug == "c"


@pytest.mark.parametrize("args", [["pair", "/nonexistent-folder"], ["pair", ".", "--src-lang", "latvian"]])
def test_pairing_documents_bad_input_is_one_line(args):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_pairing_documents_one_post_a_language(tmp_path):
    """A site of one Latvian and one English post (the README walkthrough's, before declaring
    them): every anchor the two share is in every post, and must still count."""
    out = tmp_path / "posts"
    out.mkdir()
    for name in ("gramatu-maina.html", "book-swap.md"):
        result = CliRunner().invoke(cli, ["ingest", str(ROOT / "tests" / "fixtures" / "walkthrough" / name),
                                          "--out", str(out)])
        assert result.exit_code == 0, result.output
    posts, _ = pairing.load_posts(out)
    found = pairing.propose(posts)
    assert [(p.src.slug, p.tgt.slug) for p in found] == [("gramatu-mainas-plaukts", "the-book-swap-shelf")]


def test_pairing_documents_one_shared_anchor_is_not_enough():
    lv = Post(slug="lasitava", lang="lv", title="Ieraksts", date="2016-03-01",
              paragraphs=("Lasītava 2016. gadā bija slēgta remonta dēļ, un grāmatas glabāja noliktavā.",))
    en = Post(slug="recipes", lang="en", title="Post", date="2016-03-01",
              paragraphs=("In 2016 we baked bread with rye flour, honey and caraway seeds.",))
    assert pairing.propose([lv, en], threshold=0.0) == []


def test_pairing_documents_a_post_declared_from_the_other_side_is_taken():
    """The build pairs two posts when either declares the other: neither is proposed again."""
    text = ("IFLA 2016 Helsinki 3100 120 https://example.org/a",)
    lv = Post(slug="a", lang="lv", title="A", paragraphs=text)
    en = Post(slug="b", lang="en", title="B", paragraphs=text, translations={"lv": "a"})
    other = Post(slug="c", lang="en", title="C", paragraphs=text)
    src, tgt = pairing.unpaired([lv, en, other], src_lang="lv", tgt_lang="en")
    assert src == [] and [p.slug for p in tgt] == ["c"]
    assert pairing.propose([lv, en, other], threshold=0.0) == []


@pytest.mark.parametrize("args", [["--threshold", "nan"], ["--src-lang", "lv", "--tgt-lang", "lv"]])
def test_pairing_documents_refuses_nonsense_options(tmp_path, args):
    site = _site(tmp_path / "posts")
    before = {f: f.read_bytes() for f in site.iterdir()}
    result = CliRunner().invoke(cli, ["pair", str(site), *args, "--write"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert {f: f.read_bytes() for f in site.iterdir()} == before


def test_pairing_documents_learns_from_the_best_pairs_at_most(monkeypatch):
    """The second pass learns its dictionary from at most LEARN_MAX_PAIRS confident pairs, the best."""
    seen = []
    monkeypatch.setattr(pairing, "LEARN_MIN_PAIRS", 2)
    monkeypatch.setattr(pairing, "LEARN_MAX_PAIRS", 3)
    monkeypatch.setattr(pairing, "learn_dictionary", lambda pairs: seen.append(list(pairs)) or {})
    src = [Post(slug=f"lv-{k}", lang="lv", title="A", paragraphs=(f"IFLA {k} Helsinki {100 + k} Rīga {k}00",))
           for k in range(6)]
    tgt = [Post(slug=f"en-{k}", lang="en", title="B", paragraphs=(f"IFLA {k} Helsinki {100 + k} Riga {k}00",))
           for k in range(6)]
    first = pairing.link(pairing.score_pairs(src, tgt, learn=False), threshold=pairing.LEARN_FROM)
    assert len(first) == 6
    pairing.score_pairs(src, tgt)
    assert [(a.slug, b.slug) for a, b in seen[0]] == [(p.src.slug, p.tgt.slug) for p in first[:3]]


def test_pairing_documents_an_empty_answer_says_why(tmp_path):
    """No pair proposed: the header alone on stdout, and one line on stderr saying what there was to
    pair, so an empty folder or a corpus already paired is not mistaken for a failed search."""
    import inspect

    runner = CliRunner(mix_stderr=False) if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters \
        else CliRunner()
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(cli, ["pair", str(empty)])
    assert result.exit_code == 0 and result.stdout == "lv\ten\tscore\n"
    assert result.stderr == f"{empty}: no pairs proposed (0 lv and 0 en posts declare no translation: nothing to pair)\n"
    lone = tmp_path / "lone"  # a Latvian and an English post that do not translate each other
    lone.mkdir()
    for slug, lang, text in ((*LONE_LV[:1], "lv", LONE_LV[1]), (*LONE_EN[:1], "en", LONE_EN[1])):
        postfmt.dump_files([(Post(slug=slug, lang=lang, title="x", paragraphs=tuple(text)), lone / f"{slug}.{lang}.md")])
    result = runner.invoke(cli, ["pair", str(lone)])
    assert result.exit_code == 0 and result.stdout == "lv\ten\tscore\n"
    assert result.stderr == f"{lone}: no pairs proposed (1 lv and 1 en posts declare no translation)\n"


def test_pairing_documents_the_cli_is_the_function(tmp_path, monkeypatch):
    """`lvterm pair --write` and `pairing.propose_folder(write=True)` do the same on two copies of
    one site: the same proposals, the same files declared, the same unpaired posts."""
    monkeypatch.chdir(ROOT)
    by_cli, by_function = _site(tmp_path / "a"), _site(tmp_path / "b")
    result = CliRunner().invoke(cli, ["pair", str(by_cli), "--write", "--termbase", str(ROOT / "termbase")])
    assert result.exit_code == 0, result.output
    found = pairing.propose_folder(by_function, termbase=ROOT / "termbase", write=True)
    rows = [f"{p.src.slug}\t{p.tgt.slug}\t{p.score:.3f}" for p in found.proposals]
    assert result.stdout.splitlines() == ["lv\ten\tscore", *rows]
    assert sorted(p.name for p in found.written) == sorted(f"{s}.{lang}.md" for lv, en, _, _ in PAIRS
                                                           for s, lang in ((lv, "lv"), (en, "en")))
    for path in sorted(by_cli.iterdir()):
        assert path.read_bytes() == (by_function / path.name).read_bytes(), path.name
    assert {p.slug for p in found.src_unpaired} == {lv for lv, _, _, _ in PAIRS} | {LONE_LV[0]}


def test_pairing_documents_long_posts_are_not_learned_from(monkeypatch):
    """The second pass's dictionary learns only from post pairs whose distinct stems multiply to
    under MAX_COOCCURRENCES: twenty long pairs (about 600 stems a side) once cost 22 s and 2 GB
    in IBM Model 1 to learn nothing, since their co-occurrences could never count."""
    from lvterm import wordalign

    def words(seed: str, n: int) -> tuple[str, ...]:  # n distinct letter-only words
        return (" ".join(seed + "".join("abcdefghij"[int(d)] for d in f"{k:03d}") for k in range(n)) + ".",)

    long_pairs = [(Post(slug=f"l{i}", lang="lv", title="Ieraksts", paragraphs=words("garš", 300)),
                   Post(slug=f"e{i}", lang="en", title="Post", paragraphs=words("long", 300))) for i in range(3)]
    monkeypatch.setattr(wordalign, "ibm1", lambda *a, **k: pytest.fail("IBM Model 1 ran on long pairs"))
    assert pairing.learn_dictionary(long_pairs) == {}
    monkeypatch.undo()
    short = [(Post(slug=f"s{i}", lang="lv", title="Ieraksts", paragraphs=(f"Bibliotēka {i} lasītava.",)),
              Post(slug=f"t{i}", lang="en", title="Post", paragraphs=(f"Library {i} reading.",))) for i in range(3)]
    learned = pairing.learn_dictionary(long_pairs + short)
    assert learned and set(learned) <= {s for p, _ in short for s in pairing._stems(p)}
