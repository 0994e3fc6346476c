"""The optional embedding scorer (`lvterm.align.embed`, `lvterm align --scorer embed --model`).

No model can be downloaded here, so the tests build a tiny sentence-transformers model themselves:
a one-layer BERT with random weights over a word-level vocabulary of a few dozen words, saved to a
temporary folder and loaded back through the same code a user's LaBSE goes through. The tests check
the plumbing (loading, the CLI), shapes, batching and how the embedding rows combine with the
lexical features; alignment quality with a real model is a published figure, not a test
(docs/alignment.md). Without sentence-transformers (CI installs `.[test]` only) those tests skip.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import numpy as np
import pytest
from click.testing import CliRunner

from lvterm.align import align
from lvterm.align.scorers import AnchorScorer, Doc, combine, default_scorers
from lvterm.cli import cli
from lvterm.errors import InputError
from lvterm.formats.beads import parse_line, read_sentences

NEEDS_ST = "sentence-transformers is not installed (pip install 'lvterm[neural]')"
VOCAB = ("bibliotēka bibliotēkā grāmatas grāmatu lasītava lasītavā ir atvērta biedri biedru nauda "
         "library books book reading room is open members fee the a of in and").split()


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A sentence-transformers model folder: random BERT (hidden size 16) + mean pooling."""
    pytest.importorskip("sentence_transformers", reason=NEEDS_ST)
    import torch
    from sentence_transformers import SentenceTransformer
    try:
        from sentence_transformers.sentence_transformer import modules as st_models
    except ImportError:  # sentence-transformers before 6
        from sentence_transformers import models as st_models
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-model")
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    vocab = {w: k for k, w in enumerate(specials + VOCAB)}
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.Lowercase()
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]",
                                   cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]")
    torch.manual_seed(7)
    bert = BertModel(BertConfig(vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                                intermediate_size=32, max_position_embeddings=128))
    hf = folder / "hf"
    bert.save_pretrained(hf)
    fast.save_pretrained(hf)
    word = st_models.Transformer(str(hf), max_seq_length=64)
    size = getattr(word, "get_embedding_dimension", None) or word.get_word_embedding_dimension
    model = SentenceTransformer(modules=[word, st_models.Pooling(size(), pooling_mode="mean")])
    out = folder / "st"
    model.save(str(out))
    return out


@pytest.fixture(scope="module")
def seed(fixtures):
    lv, _ = read_sentences(fixtures / "align" / "seed.lv")
    en, _ = read_sentences(fixtures / "align" / "seed.en")
    return lv, en


def test_align_embed_not_imported_unless_asked():
    """Aligning, and loading the CLI, never import torch or sentence-transformers."""
    code = ("import sys\nfrom lvterm.align import align\nimport lvterm.cli\n"
            "align(['Bibliotēka ir atvērta.'] * 50, ['The library is open.'] * 50, src_lang='lv', tgt_lang='en')\n"
            "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_align_embed_cli_needs_a_model(fixtures):
    d = fixtures / "align"
    args = ["align", str(d / "seed.lv"), str(d / "seed.en"), "--src-lang", "lv", "--tgt-lang", "en"]
    result = CliRunner().invoke(cli, args + ["--scorer", "embed"])
    assert result.exit_code == 2
    assert "--scorer embed needs --model" in result.output
    result = CliRunner().invoke(cli, args + ["--model", "x"])
    assert result.exit_code == 2 and "--model is for --scorer embed" in result.output


def test_align_embed_without_the_extra_is_one_line(monkeypatch):
    from lvterm.align import embed

    embed.load_model.cache_clear()
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import fails as if not installed
    with pytest.raises(InputError, match=r"pip install 'lvterm\[neural\]'"):
        embed.load_model("sentence-transformers/LaBSE")
    embed.load_model.cache_clear()


def test_align_embed_path_or_name():
    from lvterm.align.embed import is_path_like

    for path in ("./bogusdir", "../m", "~/models/labse", "/opt/models/labse", "models/labse/", "a/b/c", "C:\\m"):
        assert is_path_like(path), path
    for name in ("sentence-transformers/LaBSE", "LaBSE", "bogusdir"):
        assert not is_path_like(name), name


@pytest.mark.parametrize("make", ["missing", "file", "empty", "relative"])
def test_align_embed_not_a_model_folder_is_one_line(tmp_path, monkeypatch, make):
    """A path that is no model folder is refused by name, before anything is loaded or asked."""
    from lvterm.align import embed

    monkeypatch.chdir(tmp_path)
    path = {"missing": str(tmp_path / "no-such-model"), "file": str(tmp_path / "model.txt"),
            "empty": str(tmp_path / "empty"), "relative": "./bogusdir"}[make]
    (tmp_path / "model.txt").write_text("not a model\n")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "README.md").write_text("no model here\n")
    with pytest.raises(InputError, match="not a sentence-transformers model folder") as info:
        embed.load_model(path)
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)


def test_align_embed_bad_name_is_one_line():
    from lvterm.align import embed

    with pytest.raises(InputError, match="not a Hugging Face model name") as info:
        embed.load_model("no such model")
    assert str(info.value).startswith("no such model: ")


NAMES = ["no such model", "sentence-transformers/LaBSE", "LaBSE", "a/b/c", "x--y", "ok.git", "a..b",
         "bert-base-uncased", "-lead", "trail-", "owner/", "/name", "a" * 96, "a" * 97, "ünï/cødé", ""]


def test_align_embed_name_check_without_the_extra(monkeypatch):
    """A fresh install has no huggingface_hub (it comes with lvterm[neural]): a name the hub could
    never hold is still one line naming it, by the same rules as huggingface_hub's own check."""
    import sys

    from lvterm.align import embed

    try:
        from huggingface_hub.utils import validate_repo_id
    except ImportError:
        validate_repo_id = None
    expected = {}
    for name in NAMES:
        if validate_repo_id is not None:
            try:
                validate_repo_id(name)
                expected[name] = True
            except ValueError:
                expected[name] = False
    monkeypatch.setitem(sys.modules, "huggingface_hub.utils", None)  # import fails as without the extra
    for name in NAMES:
        try:
            embed._check_name(name)
            ok = True
        except InputError as exc:
            ok = False
            assert str(exc).startswith(f"{name}: " if name else "no such") and "not a Hugging Face model name" in str(exc)
        if expected:
            assert ok == expected[name], name
    with pytest.raises(InputError, match="not a Hugging Face model name"):
        embed.load_model("no such model")


def _hub_cache(folder, model_folder, repo: str):
    """A Hugging Face hub cache holding `model_folder` as `repo` (the layout `hf download` leaves)."""
    root = folder / f"models--{repo.replace('/', '--')}"
    commit = "0123456789abcdef0123456789abcdef01234567"
    shutil.copytree(model_folder, root / "snapshots" / commit)
    (root / "refs").mkdir()
    (root / "refs" / "main").write_text(commit)
    return folder


# Runs the CLI with the network and sleeping refused and recorded: a hub request, or a retry's
# back-off, shows in the file NOTES names.
OFFLINE_CLI = """
import os, socket, sys, time
notes = []
def no_network(*args, **kwargs):
    notes.append("network")
    raise OSError("the network is off in this test")
socket.getaddrinfo = socket.create_connection = socket.socket.connect = no_network
time.sleep = lambda seconds: notes.append("sleep")
from lvterm.cli import cli
sys.argv[0] = "lvterm"
try:
    cli()
finally:
    open(os.environ["NOTES"], "w").write(" ".join(notes))
"""


def _run_cli_offline(tmp_path, fixtures, model: str, *, hf_offline: bool, cache=None):
    d = fixtures / "align"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_", "HUGGINGFACE_"))}
    env.update(NOTES=str(tmp_path / "notes"), HF_HOME=str(tmp_path / "hf-home"),
               HF_HUB_CACHE=str(cache or tmp_path / "empty-cache"))
    if hf_offline:
        env["HF_HUB_OFFLINE"] = "1"
    done = subprocess.run([sys.executable, "-c", OFFLINE_CLI, "align", str(d / "seed.lv"), str(d / "seed.en"),
                           "--src-lang", "lv", "--tgt-lang", "en", "--scorer", "embed", "--model", model],
                          env=env, capture_output=True, text=True, timeout=600)
    return done, (tmp_path / "notes").read_text().split()


@pytest.mark.parametrize("hf_offline", [True, False])
def test_align_embed_unknown_name_is_one_line(tmp_path, fixtures, hf_offline):
    """A name in neither a folder nor the cache: the cache is tried without the network; then,
    unless HF_HUB_OFFLINE is set, the hub is asked once (no retries, nothing re-logged)."""
    pytest.importorskip("sentence_transformers", reason=NEEDS_ST)
    done, notes = _run_cli_offline(tmp_path, fixtures, "lvterm-test/absent", hf_offline=hf_offline)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("lvterm: lvterm-test/absent: not a model folder")
    assert "sleep" not in notes  # no back-off, so no retries
    if hf_offline:
        assert notes == [] and "HF_HUB_OFFLINE is set" in done.stderr
    else:
        assert notes == ["network"] and "hub did not answer" in done.stderr  # one request


def test_align_embed_name_from_the_cache_needs_no_network(tiny_model, tmp_path, fixtures):
    """A hub name already in the local cache loads without asking the hub, even when the user
    has not set HF_HUB_OFFLINE, and with stderr not a terminal nothing is written there."""
    cache = _hub_cache(tmp_path / "cache", tiny_model, "lvterm-test/tiny")
    done, notes = _run_cli_offline(tmp_path, fixtures, "lvterm-test/tiny", hf_offline=False, cache=cache)
    assert done.returncode == 0, done.stderr
    assert notes == [] and done.stderr == ""
    assert len(done.stdout.splitlines()) == 20


def test_align_embed_loading_restores_logging(tiny_model):
    """Loading silences the hub's and transformers' loggers and progress bars only meanwhile."""
    import logging
    import warnings

    from transformers.utils import logging as tf_logging

    from lvterm.align import embed

    embed.load_model.cache_clear()
    hub = logging.getLogger("huggingface_hub")
    before = (hub.level, logging.getLogger("transformers").level, tf_logging.is_progress_bar_enabled(),
              list(warnings.filters))
    embed.load_model(str(tiny_model))
    after = (hub.level, logging.getLogger("transformers").level, tf_logging.is_progress_bar_enabled(),
             list(warnings.filters))
    assert after == before


def test_align_embed_shapes_and_batching(tiny_model, seed):
    from lvterm.align.embed import EmbeddingScorer

    lv, en = seed
    one = EmbeddingScorer(model=str(tiny_model), batch_size=1)
    many = EmbeddingScorer(model=str(tiny_model), batch_size=16)
    e1, e16 = one.embed(lv), many.embed(lv)
    assert e1.shape == (len(lv), 16) and e1.dtype == np.float32
    np.testing.assert_allclose(e1, e16, atol=1e-5)  # padding inside a batch changes nothing
    np.testing.assert_allclose(np.linalg.norm(e1, axis=1), 1.0, atol=1e-5)
    assert one.embed([]).shape == (0, 16)

    doc = Doc(src=lv, tgt=en, src_lang="lv", tgt_lang="en")
    x, y = many.features(doc)
    assert len(x.sent) == len(lv) * 16 and len(y.sent) == len(en) * 16
    assert set(np.unique(x.feat)) == set(np.unique(y.feat))  # one shared block of 16 dimension ids
    rows = np.zeros((len(lv), 16))
    np.add.at(rows, (x.sent, x.feat - x.feat.min()), x.weight)
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), many.weight, rtol=1e-5)  # centred, unit, scaled

    pairs, scores = many.candidates(doc)
    assert pairs.shape == (len(lv) * many.top_k, 2) and len(scores) == len(pairs)
    assert pairs[:, 0].min() == 0 and pairs[:, 0].max() == len(lv) - 1
    assert 0 <= pairs[:, 1].min() and pairs[:, 1].max() < len(en)
    assert np.all(scores <= 1.0 + 1e-6)


def test_align_embed_combines_with_the_lexical_scorers(tiny_model, seed):
    from lvterm.align.embed import EmbeddingScorer

    lv, en = seed
    lexical = align(lv, en, src_lang="lv", tgt_lang="en")
    silent = align(lv, en, src_lang="lv", tgt_lang="en",
                   scorers=default_scorers() + [EmbeddingScorer(model=str(tiny_model), weight=0.0)])
    assert [(b.src, b.tgt) for b in silent] == [(b.src, b.tgt) for b in lexical]

    doc = Doc(src=lv, tgt=en, src_lang="lv", tgt_lang="en")
    both = combine(doc, [AnchorScorer(), EmbeddingScorer(model=str(tiny_model))])
    names = [k for k in doc.vocab]
    assert any(k.startswith("e:embed:") for k in names) and any(k.startswith("w:") for k in names)
    assert len(both[0].sent) > len(lv) * 16  # lexical features beside the dense rows

    beads = align(lv, en, src_lang="lv", tgt_lang="en",
                  scorers=default_scorers() + [EmbeddingScorer(model=str(tiny_model))])
    assert [i for b in beads for i in b.src] == list(range(len(lv)))
    assert [j for b in beads for j in b.tgt] == list(range(len(en)))


def test_align_embed_candidates_draw_the_band_on_long_input(tiny_model):
    """Identical long documents: each sentence's best candidate is itself, the chain through the
    candidates is the diagonal and the DP over its band keeps it."""
    from dataclasses import replace

    from lvterm.align import params_for
    from lvterm.align.embed import EmbeddingScorer

    words = VOCAB[:12]
    src = [" ".join(words[k // 12 ** p % 12] for p in range(3)) + f" {k}." for k in range(400)]  # all differ
    params = replace(params_for("lv", "lv"), base_cells=1_000)
    beads = align(src, list(src), src_lang="lv", tgt_lang="lv", params=params,
                  scorers=[AnchorScorer(), EmbeddingScorer(model=str(tiny_model))])
    assert [(b.src, b.tgt) for b in beads] == [((k,), (k,)) for k in range(400)]


def test_align_embed_cli(tiny_model, fixtures):
    from lvterm.align import embed

    embed.load_model.cache_clear()  # so that this run loads the model, and could draw progress bars
    d = fixtures / "align"
    result = CliRunner().invoke(cli, ["align", str(d / "seed.lv"), str(d / "seed.en"), "--src-lang", "lv",
                                      "--tgt-lang", "en", "--scorer", "embed", "--model", str(tiny_model)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # stderr is no terminal: no "Loading weights" bar
    beads = [parse_line(line) for line in result.stdout.splitlines()]
    assert [i for b in beads for i in b.src] == list(range(21))
    assert [j for b in beads for j in b.tgt] == list(range(21))


# Twelve short sentence pairs written for this test.
PERIODIC = [
    ("Bibliotēka ir atvērta no pirmdienas līdz piektdienai.", "The library is open from Monday to Friday."),
    ("Lasītavā ir četrdesmit vietu.", "The reading room has forty seats."),
    ("Grāmatas var pagarināt tiešsaistē.", "Books can be renewed online."),
    ("Biedra nauda jāsamaksā līdz marta beigām.", "The membership fee is due by the end of March."),
    ("Bērnu nodaļa atrodas otrajā stāvā.", "The children's section is on the second floor."),
    ("Konference notiks rudenī Rīgā.", "The conference will take place in Riga in autumn."),
    ("Katalogā ir vairāk nekā simt tūkstoš ierakstu.", "The catalogue holds more than a hundred thousand records."),
    ("Žurnālus uz mājām neizsniedz.", "Magazines are not lent for home reading."),
    ("Jautājumus var uzdot pa e-pastu.", "Questions can be asked by e-mail."),
    ("Svētku dienās bibliotēka ir slēgta.", "The library is closed on public holidays."),
    ("Jaunās grāmatas ir izliktas pie ieejas.", "New books are on display by the entrance."),
    ("Tīklošana palīdz atrast kolēģus.", "Networking helps to find colleagues."),
]


class _Oracle:
    """An ideal, deterministic encoder: a sentence and its translation share one unit vector."""

    def __init__(self):
        import numpy as np

        rng = np.random.default_rng(3)
        self.vectors = {}
        for lv, en in PERIODIC:
            v = rng.normal(size=32)
            self.vectors[lv] = self.vectors[en] = v / np.linalg.norm(v)

    def encode(self, sentences, **kwargs):
        import numpy as np

        return np.array([self.vectors[s] for s in sentences], dtype=np.float32)


def test_align_embed_periodic_input_aligns_each_copy_to_itself():
    """A document repeated ten times: identical sentences have identical embeddings, so the
    candidates tie across copies; the chain must keep each copy with itself, not a shifted one."""
    from dataclasses import replace

    from lvterm.align import params_for
    from lvterm.align.embed import EmbeddingScorer

    src = [lv for lv, _ in PERIODIC] * 10
    tgt = [en for _, en in PERIODIC] * 10
    params = replace(params_for("lv", "en"), base_cells=1_000)  # the candidates' chain draws the band
    beads = align(src, tgt, src_lang="lv", tgt_lang="en", params=params,
                  scorers=default_scorers() + [EmbeddingScorer(model="oracle", encoder=_Oracle())])
    assert [(b.src, b.tgt) for b in beads] == [((k,), (k,)) for k in range(len(src))]
