"""Language codes on the command line and texts that read as the other language.

Every option that takes a language code goes through `lvterm.lang` (`language_code`, or
`library_language` for the library's lv/en), in any case, with one line for a bad code; a file
given as Latvian that reads as English (or the other way round) is a warning on stderr
(`lvterm.lang.guess`), never on the project's own fixtures and corpus; `lookup --lang` that
matches nothing says when the other language matches.
"""
from __future__ import annotations

import inspect
import re

import pytest
from click.testing import CliRunner

from lvterm import textio
from lvterm.cli import cli
from lvterm.formats import post as post_format


def run(*args):
    """stdout kept apart from stderr (click 8.1 needs mix_stderr=False, 8.2+ does it)."""
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters \
        else CliRunner()
    return runner.invoke(cli, [str(a) for a in args], prog_name="lvterm")


@pytest.fixture(scope="module")
def seed(fixtures):
    return fixtures / "align" / "seed.lv", fixtures / "align" / "seed.en"


POST = "corpus/posts/cpd23-5-socialie-tikli-un-profesionalas-organizacijas.lv.md"


# --- 1. language codes in any case, one check ---------------------------------------------------


def test_language_options_take_any_case(root, seed, tmp_path, library_db, fixtures):
    lv, en = seed
    lower = run("extract", lv, en, "--limit", "2")
    upper = run("extract", lv, en, "--src-lang", "LV", "--tgt-lang", " En", "--limit", "2")
    assert upper.exit_code == 0, upper.stderr
    assert upper.stdout == lower.stdout and upper.stderr == ""
    looked = run("lookup", "tīklošana", "--lang", "LV", "--db", library_db)
    assert looked.exit_code == 0 and looked.stdout.startswith("tīklošana  →  networking"), looked.output
    assert run("segment", root / POST, "--lang", "LV").stdout == run("segment", root / POST).stdout
    (tmp_path / "posts").mkdir()
    ingested = run("ingest", fixtures / "ingest" / "scraped" / "full-page.lv.txt", "--lang", "LV",
                   "--out", tmp_path / "posts")
    assert ingested.exit_code == 0, ingested.stderr
    [written] = (tmp_path / "posts").iterdir()
    assert post_format.load(written).lang == "lv"
    for srclang in ("LV", "En"):
        exported = run("export", "tsv", "-o", tmp_path / f"{srclang}.tsv", "--srclang", srclang, "--db", library_db)
        assert exported.exit_code == 0, exported.stderr
    assert (tmp_path / "LV.tsv").read_text("utf-8").startswith("tīklošana\tnetworking\t")
    assert (tmp_path / "En.tsv").read_text("utf-8").startswith("networking\ttīklošana\t")
    tmx = run("export", "tmx", "-o", tmp_path / "x.tmx", "--srclang", "LV", "--db", library_db)
    assert tmx.exit_code == 0 and 'srclang="lv"' in (tmp_path / "x.tmx").read_text("utf-8")


def test_language_translation_option_takes_any_case(fixtures, tmp_path):
    walk = fixtures / "walkthrough"
    assert run("ingest", walk / "gramatu-maina.html", "--out", tmp_path).exit_code == 0
    result = run("ingest", walk / "book-swap.md", "--out", tmp_path, "--translation", "LV:gramatu-mainas-plaukts")
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert post_format.load(tmp_path / "the-book-swap-shelf.en.md").translations == {"lv": "gramatu-mainas-plaukts"}


@pytest.mark.parametrize("args, option, message", [
    (["lookup", "tīkls", "--lang", "latvian"], "--lang", "'latvian' is not 'lv', 'en' or 'auto'"),
    (["extract", "{lv}", "{en}", "--src-lang", "de"], "--src-lang", "'de' is not 'lv' or 'en'"),
    (["extract", "{lv}", "{en}", "--tgt-lang", ""], "--tgt-lang", "'' is not 'lv' or 'en'"),
    (["ingest", "{lv}", "--lang", "lv-LV"], "--lang", "'lv-LV' is not 'lv' or 'en'"),
    (["export", "tsv", "-o", "x.tsv", "--srclang", "xx"], "--srclang", "'xx' is not 'lv' or 'en'"),
    (["export", "tmx", "-o", "x.tmx", "--srclang", "de"], "--srclang", "'de' is not 'lv' or 'en'"),
    (["segment", "{lv}", "--lang", "latvian"], "--lang", "'latvian' is not an ISO 639-1 code such as lv, en, de"),
    (["align", "{lv}", "{en}", "--src-lang", "latvian", "--tgt-lang", "en"], "--src-lang",
     "'latvian' is not an ISO 639-1 code such as lv, en, de"),
])
def test_language_bad_code_is_one_line(seed, tmp_path, monkeypatch, args, option, message):
    monkeypatch.chdir(tmp_path)
    lv, en = seed
    result = run(*[a.format(lv=lv, en=en) for a in args])
    assert result.exit_code == 2 and result.stdout == ""
    command = " ".join(args[:2] if args[0] == "export" else args[:1])
    assert result.stderr == f"lvterm: Invalid value for '{option}': {message} (see `lvterm {command} --help`)\n"
    assert list(tmp_path.iterdir()) == []


def test_language_bad_translation_code_is_one_line(seed, tmp_path):
    result = run("ingest", seed[0], "--out", tmp_path, "--translation", "de:x")
    assert result.exit_code == 2 and list(tmp_path.iterdir()) == []
    assert result.stderr == ("lvterm: Invalid value for '--translation': translation 'de:x': 'de' is not 'lv' or "
                             "'en' (LANG or LANG:SLUG) (see `lvterm ingest --help`)\n")


# --- 3. a text that reads as the other language ----------------------------------------------------


def test_language_extract_and_align_swapped_files_warn(seed):
    lv, en = seed
    for command in (["extract", en, lv, "--limit", "1"], ["align", en, lv, "--src-lang", "lv", "--tgt-lang", "en"]):
        result = run(*command)
        assert result.exit_code == 0, result.stderr
        assert result.stderr == (f"lvterm: warning: {en} reads mostly as English and {lv} as Latvian: are SRC and TGT "
                                 "swapped? (--src-lang lv, --tgt-lang en)\n")
    for command in (["extract", lv, en, "--limit", "1"], ["align", lv, en, "--src-lang", "lv", "--tgt-lang", "en"]):
        assert run(*command).stderr == ""  # the right order: nothing said


def test_language_one_file_in_the_wrong_language_warns(seed):
    lv, en = seed
    result = run("align", lv, lv, "--src-lang", "lv", "--tgt-lang", "en")
    assert result.exit_code == 0 and result.stdout.startswith("[0]:[0]:")
    assert result.stderr == f"lvterm: {lv}: warning: reads mostly as Latvian, not English (--tgt-lang en)\n"


def test_language_segment_lang_overriding_a_post_warns(root):
    result = run("segment", root / POST, "--lang", "en")
    assert result.exit_code == 0 and result.stdout.startswith("Piektās nedēļas ietvaros")
    assert result.stderr == f"lvterm: {root / POST}: warning: reads mostly as Latvian, not English (--lang en)\n"
    assert run("segment", root / POST).stderr == ""
    post = root / POST.replace(".lv.md", ".en.md")
    assert run("segment", post, "--lang", "en").stderr == ""


def test_language_segment_a_post_whose_own_lang_is_wrong_warns(root, tmp_path):
    post = post_format.load(root / POST)
    wrong = tmp_path / "x.en.md"
    wrong.write_text(post_format.dumps(post).replace("lang: lv\n", "lang: en\n", 1), encoding="utf-8")
    result = run("segment", wrong)
    assert result.exit_code == 0
    assert result.stderr == f"lvterm: {wrong}: warning: reads mostly as Latvian, not English (its lang: en)\n"


def test_language_other_languages_and_mixed_texts_are_not_guessed(fixtures):
    """No guess for German or French (alps.de, alps.fr), nor for a text that mixes the two languages
    (a Latvian sentence, then its English translation, in turns), nor for a few words."""
    from lvterm.lang.guess import reads_as_other, text_language

    result = run("align", fixtures / "align" / "alps.de", fixtures / "align" / "alps.fr", "--src-lang", "de",
                 "--tgt-lang", "fr")
    assert result.exit_code == 0 and result.stderr == ""
    lv = textio.read_lines(fixtures / "align" / "seed.lv")
    en = textio.read_lines(fixtures / "align" / "seed.en")
    mixed = "\n".join(f"{a}\n{b}" for a, b in zip(lv, en))
    assert text_language(mixed) is None
    assert reads_as_other(mixed, "lv") is None and reads_as_other(mixed, "en") is None
    assert text_language("The library and the reader") is None  # too few words to tell
    assert reads_as_other(textio.read_text(fixtures / "align" / "seed.en"), "de") is None
    # a text typed without its diacritics still reads as Latvian, by its function words
    bare = "Biedri ir aicinati uz sapulci, kas notiks bibliotekas zale, un var nakt ar draugiem, bet lai " \
           "pieteiktos, jo vietu skaits ir ierobezots; ja kads nevar, tad ar e-pastu par to, kur un kad."
    assert text_language(bare) == "lv"


#: Keywords of the code and markup a text file may hold (JavaScript, Python's are `keyword.kwlist`; HTML elements).
_CODE_WORDS = frozenset("""var let const function return new this typeof instanceof delete void in of if else
for while do switch case break continue default try catch finally throw class extends import export from null
true false undefined nav div span main header footer section article aside body head table tr td th ul ol li
form input label button select option script style link meta title""".split())


def test_language_function_words_are_no_english_word_nor_keyword():
    """The Latvian function words the guess counts are no English word (the en_US Hunspell
    dictionary: was par, bet, tie, tam, tad, var, pie) nor a keyword of code or markup (var, nav);
    the English ones no Latvian word (lv_LV: was "as", of "AS Latvijas Gāze")."""
    import keyword
    import os

    import spylls.hunspell
    from spylls.hunspell import Dictionary

    from lvterm.lang import guess

    english = Dictionary.from_files(os.path.join(os.path.dirname(spylls.hunspell.__file__), "data", "en", "en_US"))
    assert sorted(w for w in guess._LATVIAN if english.lookup(w)) == []
    assert sorted(guess._LATVIAN & (_CODE_WORDS | set(keyword.kwlist))) == []
    assert guess.LATVIAN_NOT == {"var", "tad", "bet", "tie", "pie", "par", "tam", "nav"}
    latvian = Dictionary.from_files(os.fspath(_hunspell_lv()))
    assert sorted(w for w in guess._ENGLISH if latvian.lookup(w)) == []


def _hunspell_lv():
    from pathlib import Path

    import lvterm

    return Path(lvterm.__file__).parent / "data" / "hunspell" / "lv_LV"


#: An English page that is mostly a JavaScript listing (one `var` a line): my own text.
ENGLISH_WITH_CODE = """The visit counter (JavaScript):

var visits = Number(localStorage.getItem("visits") || 0) + 1;
var today = new Date().toDateString();
var last = localStorage.getItem("last");
var first = last === null;
var again = last === today;
var label = document.getElementById("label");
var counter = document.getElementById("counter");
var reset = document.getElementById("reset");
var greeting = first ? "Welcome!" : "Welcome back!";
var shown = "Visits: " + visits;
var stored = String(visits);
var note = again ? "Seen today" : "";
var style = counter.style;
var colour = visits > 10 ? "green" : "grey";
localStorage.setItem("visits", stored);
label.textContent = greeting;
counter.textContent = shown;
"""

def test_language_english_with_javascript_is_not_latvian(tmp_path):
    """Was "reads as Latvian, not English": each `var` counted as a Latvian word."""
    from lvterm.lang.guess import text_language

    assert text_language(ENGLISH_WITH_CODE) != "lv"
    page = tmp_path / "counter.en.txt"
    page.write_text(ENGLISH_WITH_CODE, encoding="utf-8")
    result = run("segment", page, "--lang", "en")
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    assert result.stdout.startswith("The visit counter (JavaScript):\n")


def test_language_latvian_page_listing_english_titles_reads_mostly_as_english(tmp_path):
    """A Latvian post that is mostly an English reading list is a warning that says "mostly"
    (the text mixes the two; nothing is refused)."""
    titles = "\n".join(f"{n}. The Library and the Reader in the Age of the Network, vol. {n}. Oxford: "
                       "The University Press, with an index of the names" for n in range(1, 13))
    page = tmp_path / "saraksts.lv.txt"
    page.write_text("Ieteicamā literatūra\n\n" + titles + "\n", encoding="utf-8")
    result = run("segment", page, "--lang", "lv")
    assert result.exit_code == 0 and result.stdout.startswith("Ieteicamā literatūra\n")
    assert result.stderr == f"lvterm: {page}: warning: reads mostly as English, not Latvian (--lang lv)\n"


def test_language_extract_refuses_two_english_files_before_any_warning(seed):
    """The "needs Latvian and English" refusal comes alone: no language warning before it (seed.lv
    given as English read as Latvian)."""
    lv, en = seed
    result = run("extract", lv, en, "--src-lang", "en", "--tgt-lang", "en")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "lvterm: term pairing needs Latvian and English, got en and en\n"


def test_language_align_refuses_a_missing_dictionary_before_any_warning(seed, tmp_path):
    lv, en = seed
    result = run("align", en, lv, "--src-lang", "lv", "--tgt-lang", "en", "--dictionary", tmp_path / "none.tsv")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "warning" not in result.stderr and "none.tsv" in result.stderr


def _language_of(path, text: str) -> str | None:
    """The language a fixture or corpus file is in: its post file's `lang`, else its name's."""
    if text.startswith("---\n") and (declared := re.search(r"^lang: *(lv|en) *$", text, re.M)):
        return declared.group(1)
    named = re.search(r"[._-](lv|en)(\.md|\.txt)?$", path.name)
    return named.group(1) if named else None


def _own_texts(root):
    for folder in ("tests/fixtures", "corpus"):
        for path in sorted((root / folder).rglob("*")):
            if not path.is_file() or path.suffix in (".py", ".pyc", ".db", ".png"):
                continue
            try:
                text = textio.read_text(path, fallback=textio.CP1257)
            except Exception:  # a fixture of bad input
                continue
            if (lang := _language_of(path, text)) is not None:
                yield path, lang, text


def test_language_no_warning_on_the_projects_own_files(root):
    """Every fixture and corpus file in Latvian or English (by its `lang:` or its name) reads as
    its own language or neither; most read as their own (the guess is not just silent)."""
    from lvterm.lang.guess import text_language

    checked = [(path, lang, text_language(text)) for path, lang, text in _own_texts(root)]
    assert [(p, lang, guess) for p, lang, guess in checked if guess not in (None, lang)] == []
    assert len(checked) >= 20 and sum(guess == lang for _, lang, guess in checked) >= 0.8 * len(checked)


def test_language_no_warning_on_the_development_data(shared):
    """The newstest2017 Latvian-English test set, 20 lines at a time: never the other language."""
    from lvterm.lang.guess import reads_as_other

    folder = shared / "data" / "newstest2017-lv-en"
    if not folder.is_dir():
        pytest.skip("development data (shared/data/newstest2017-lv-en) not available")
    for lang in ("lv", "en"):
        lines = textio.read_lines(folder / f"newstest2017.{lang}")
        chunks = ["\n".join(lines[i:i + 20]) for i in range(0, len(lines), 20)]
        assert [c for c in chunks if reads_as_other(c, lang)] == []


# --- 4. lookup --lang that matches nothing: the other language ----------------------------------


def test_language_lookup_names_the_other_language_that_matches(library_db):
    result = run("lookup", "tīklošana", "--lang", "en", "--db", library_db)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["No entry matches 'tīklošana' in English.",
                                          "It matches in Latvian: lvterm lookup 'tīklošana' --lang lv (or leave "
                                          "out --lang)"]
    result = run("lookup", "membership fees", "--lang", "lv", "--db", library_db)
    assert result.stdout.splitlines()[1] == ("It matches in English: lvterm lookup 'membership fees' --lang en "
                                             "(or leave out --lang)")
    as_json = run("lookup", "tīklošana", "--lang", "en", "--json", "--db", library_db)
    assert as_json.stdout.strip() == "[]"  # the JSON is lookup's answer alone; the hint is on stderr
    assert as_json.stderr == "lvterm: no entry matches 'tīklošana' in English; it matches in Latvian (--lang lv)\n"
    nothing = run("lookup", "zzzz", "--lang", "lv", "--db", library_db)
    assert nothing.stdout.splitlines() == ["No entry matches 'zzzz' in Latvian."]
