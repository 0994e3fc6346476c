"""Golden test: the seed post as received -> cleaned paragraphs, metadata and repairs."""
import json
import re

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.formats import post as post_format

SEED = "corpus/raw/000_fdb2608ceedbb337.txt"
SLUG = "cpd23-5-socialie-tikli-un-profesionalas-organizacijas"


@pytest.fixture()
def seed_json(root, tmp_path, monkeypatch):
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["ingest", SEED, "--lang", "lv", "--json", "--out", str(tmp_path),
                                      "--translation", "en"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_ingest_seed_matches_golden(seed_json, fixtures):
    golden = json.loads((fixtures / "ingest" / "seed.golden.json").read_text(encoding="utf-8"))
    assert seed_json == golden


def test_ingest_seed_body_is_the_eight_paragraphs(seed_json, root):
    paras = seed_json["paragraphs"]
    assert len(paras) == 8
    assert paras[0].startswith("Piektās nedēļas ietvaros")
    assert paras[-1].endswith("savā interešu jomā.")
    raw_lines = (root / SEED).read_text(encoding="utf-8").splitlines()
    by_paragraph = {r["paragraph"]: r for r in seed_json["repairs"]}
    for i, para in enumerate(paras):  # undo the recorded repairs: the text as received comes back
        r = by_paragraph.get(i)
        if r:
            assert para[r["offset"]:r["offset"] + len(r["after"])] == r["after"]
            para = para[:r["offset"]] + r["before"] + para[r["offset"] + len(r["after"]):]
        assert para in raw_lines
    body = "\n".join(paras)
    for furniture in ("Advertisements", "Izsaki viedokli", "Fill in your details", "Connecting to",
                      "Log Out", "Autors:", "Posted in", "© Dace"):
        assert furniture not in body


def test_ingest_seed_metadata(seed_json):
    assert seed_json["title"] == "CPD23 #5: sociālie tīkli un profesionālās organizācijas"
    assert seed_json["slug"] == SLUG
    assert seed_json["author"] == "Dace Ūdre"
    assert seed_json["date"] == "2011"
    assert seed_json["category"] == "Profesionālā tālākizglītība"
    assert seed_json["copyright"] == "© Dace Ūdre, 2011"
    assert seed_json["author_description"].startswith("LBB valdes locekle, ")
    assert seed_json["lang"] == "lv"
    assert seed_json["source"] == SEED
    assert seed_json["translations"] == {"en": SLUG}


def test_ingest_seed_repairs_glued_links_only(seed_json):
    repairs = [(r["kind"], r["before"], r["after"], r["paragraph"]) for r in seed_json["repairs"]]
    assert repairs == [
        ("split-glued-link", "LISNPNLATnetwork", "LISNPN LATnetwork", 4),
        ("split-glued-link", "biedrībuLatvijas", "biedrību Latvijas", 5),
    ]
    body = " ".join(seed_json["paragraphs"])
    for keep in ("LinkedIn", "CILIP", "Draugiem.lv", "Facebook", "LATnetwork"):
        assert keep in body
    assert "biedrību Latvijas Skolu" in body and "biedrību, Latvijas" not in body  # no invented comma


def test_ingest_committed_corpus_post_is_current(root, tmp_path, monkeypatch):
    """corpus/posts/<slug>.lv.md is exactly what `lvterm ingest` writes for the seed, its
    `ingested:` digest included, and ingesting the seed again over a copy of it changes nothing; a
    copy without the record (as an older lvterm wrote it) gets only that line back (`recorded`)."""
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["ingest", SEED, "--lang", "lv", "--out", str(tmp_path), "--translation", "en"])
    assert result.exit_code == 0, result.output
    written = (tmp_path / f"{SLUG}.lv.md").read_text(encoding="utf-8")
    committed = (root / "corpus" / "posts" / f"{SLUG}.lv.md").read_text(encoding="utf-8")
    assert written == committed
    copy = tmp_path / "corpus"
    copy.mkdir()
    (copy / f"{SLUG}.lv.md").write_text(committed, encoding="utf-8")
    again = CliRunner().invoke(cli, ["ingest", SEED, "--lang", "lv", "--out", str(copy), "--translation", "en"])
    assert again.exit_code == 0 and again.stdout == f"unchanged {copy / (SLUG + '.lv.md')}\n", again.output
    older = re.sub(r"\ningested: sha256:[0-9a-f]{64}\n", "\n", committed, count=1)
    assert older != committed
    (copy / f"{SLUG}.lv.md").write_text(older, encoding="utf-8")
    again = CliRunner().invoke(cli, ["ingest", SEED, "--lang", "lv", "--out", str(copy), "--translation", "en"])
    assert again.exit_code == 0 and again.stdout == f"recorded {copy / (SLUG + '.lv.md')}\n", again.output
    assert (copy / f"{SLUG}.lv.md").read_text(encoding="utf-8") == written
    post = post_format.loads(committed)
    assert post.translations == {"en": SLUG}
    assert len(post.paragraphs) == 8
