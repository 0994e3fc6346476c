"""Thin click CLI over the lvterm library.

Every command parses options, calls library functions, and turns library errors
(`LvtermError`) into one line on stderr and exit code 2. Data goes to stdout, logs to stderr.
Each section below belongs to one pipeline stage; keep commands thin.
"""
from __future__ import annotations

import contextlib
import functools
import logging
import os
import sys
from typing import Iterator

import click

from .constants import EXTRACT_MIN_CONFIDENCE
from .errors import LvtermError
from .stdout import blocking_stdout, quiet_stdout

DEFAULT_DB = "build/lvterm.db"
log = logging.getLogger("lvterm")


def fail(message: str, code: int = 2) -> None:
    """Print one line on stderr and exit."""
    click.echo(f"lvterm: {message}", err=True)
    sys.exit(code)


def need_stdout() -> None:
    """For a command whose data goes to stdout: one line and exit 2 when stdout is closed
    (`lvterm segment FILE >&-`: Python then has no sys.stdout, and click.echo would drop every
    line without a word). Commands that only log (build, an export to a file) run without it."""
    if sys.stdout is None:
        fail("standard output is closed")


#: `click.Context.meta` key: the exit code a command settled on before writing its data (`settle_exit_code`).
_EXIT_CODE = "lvterm.exit_code"


def settle_exit_code(code: int) -> None:
    """The exit code the running command ends with even when its reader goes away before it has
    written everything (`lvterm check-po big.po | head -1`: 1 for the problems found, not the
    0 of a reader that had all it wanted), so `set -o pipefail` sees it."""
    click.get_current_context().meta[_EXIT_CODE] = code


def handle_errors(fn):
    """Turn library errors into a one-line message and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        import sqlite3

        try:
            result = fn(*args, **kwargs)
            if sys.stdout is not None:  # (None: started with stdout closed)
                sys.stdout.flush()  # a reader that went away shows here, inside the handler
            return result
        except BrokenPipeError:  # `lvterm segment post.md | head -5`: the reader has all it wanted
            quiet_stdout()
            ctx = click.get_current_context(silent=True)
            sys.exit(ctx.meta.get(_EXIT_CODE, 0) if ctx is not None else 0)
        except LvtermError as exc:  # (several files that could not be written: a line each)
            for error in getattr(exc, "errors", None) or [exc]:
                click.echo(f"lvterm: {error}", err=True)
            sys.exit(2)
        except sqlite3.DatabaseError as exc:  # a damaged database file: one line, never a traceback
            where = f"{kwargs['db_path']}: " if kwargs.get("db_path") else ""
            fail(f"{where}database error ({exc}); rebuild it with `lvterm build`")
        except OSError as exc:  # the environment (no permission, a read-only or full disk): one line
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"{where}{exc.strerror or exc}")

    return wrapper


def wrote(paths, *, what: str, folder=None, verb: str = "wrote") -> str:
    """One line saying what a command wrote: `wrote corpus/posts/a.lv.md` or `wrote 3 post files
    in corpus/posts: a.lv.md, b.lv.md, c.lv.md` (names left out past six); `verb` for another
    deed (`updated 2 post files in ...`)."""
    from pathlib import Path

    paths = [Path(p) for p in paths]
    if not paths:
        return f"{verb} no {what}s"
    if len(paths) == 1:
        return f"{verb} {paths[0]}"
    where = Path(folder) if folder is not None else paths[0].parent
    names = ", ".join(_under(p, where) for p in paths) if len(paths) <= 6 else ""
    return f"{verb} {len(paths)} {what}s in {where}" + (f": {names}" if names else "")


def _under(path, folder) -> str:
    """`path` as seen from `folder` (`locale/lv/LC_MESSAGES/glossary.po` in `build`), else its name."""
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.name


def progress(iterable, *, label: str, length: int | None = None):
    """A progress bar on stderr, quiet when stderr is not a TTY (or closed)."""
    return click.progressbar(iterable, label=label, length=length, file=sys.stderr,
                             show_pos=True) if _tty(sys.stderr) else _NullBar(iterable)


def _tty(stream) -> bool:
    """A terminal (a closed stream is None: `lvterm ... 2>&-`)."""
    return stream is not None and stream.isatty()


class _NullBar:
    def __init__(self, iterable):
        self.iterable = iterable

    def __enter__(self):
        return self.iterable

    def __exit__(self, *exc):
        return False


class _Cli(click.Group):
    """The lvterm group: a usage error (an unknown option, a bad value, a missing argument) is one
    line on stderr with exit code 2, like every other problem, instead of click's usage block."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # `lvterm` alone: the help, as click shows it
                exc.show()
                sys.exit(exc.exit_code)
            where = exc.ctx.command_path if exc.ctx is not None else "lvterm"
            click.echo(f"lvterm: {exc.format_message().rstrip('.')} (see `{where} --help`)", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort as exc:  # Ctrl-C: 130 (128 + SIGINT), as the shell's convention has it
            click.echo("Aborted!", err=True)
            interrupted = isinstance(exc.__cause__ or exc.__context__, KeyboardInterrupt)
            sys.exit(130 if interrupted else 1)  # (1: the end of the input at a prompt)
        except SystemExit:
            # click ends a broken pipe during its own output (`lvterm --help | true`) with exit 1,
            # having wrapped stdout against the pipe: end quietly, as a command does at `| head`
            if type(sys.stdout).__name__ == "_PacifyFlushWrapper":
                quiet_stdout()
                sys.exit(0)
            raise
        sys.exit(rv if isinstance(rv, int) else 0)


@click.group(cls=_Cli)
@click.version_option(package_name="lvterm")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
def cli(verbose: bool):
    """lvterm: a Latvian-English translation memory and termbase."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="lvterm: %(message)s")
    blocking_stdout()


# --- language codes: every option that takes one -------------------------------


def _language_callback(check):
    """An option callback that passes a language code given (any case: `--lang LV`) through
    `check`, one of `lvterm.lang`'s checks, as the Python API does; a bad code is click's one
    line, "Invalid value for '--lang': 'xx' is not 'lv' or 'en'"."""

    def callback(ctx, param, value):
        from .errors import ArgumentError

        if value is None:  # an optional option left out
            return None
        try:
            return check(value)
        except ArgumentError as exc:
            raise click.BadParameter(str(exc)) from None

    return callback


def _any_code(value: str) -> str:
    from .lang import language_code

    return language_code(value, iso_639_1=True)


def _library_code(value: str, *, auto: bool = False) -> str:
    from .lang import library_language

    return library_language(value, what=None, auto=auto)


#: Any ISO 639-1 code (segment, align, pair: sentences and posts of any language pair).
_lang_code = _language_callback(_any_code)
#: A language of the library: lv or en (ingest, extract, the exports' --srclang).
_library_lang = _language_callback(_library_code)
#: lv, en or auto (lookup).
_library_lang_or_auto = _language_callback(functools.partial(_library_code, auto=True))
LIBRARY_LANGS = "[lv|en]"


def _warn_language(src: str, tgt: str, *, src_lang: str, tgt_lang: str) -> None:
    """`lang.guess.pair_warnings` on stderr, once the command's arguments have passed its checks
    (a refusal comes alone)."""
    from .lang.guess import pair_warnings

    for line in pair_warnings(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang):
        click.echo(line, err=True)


# --- corpus: ingest, segment -------------------------------------------------


def _translation_option(ctx, param, values):
    from .ingest.pipeline import parse_translation

    try:
        for value in values:
            parse_translation(value)
    except LvtermError as exc:
        raise click.BadParameter(getattr(exc, "message", str(exc))) from None
    return values


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--lang", callback=_library_lang, metavar=LIBRARY_LANGS,
              help="Language of the posts whose source states none (WXR language, <html lang>, front matter "
                   "lang:). Without it such a post is reported and the others are ingested.")
@click.option("--out", default="corpus/posts", show_default=True, type=click.Path(file_okay=False),
              help="Folder for <slug>.<lang>.md post files (must exist).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per post (JSON Lines) instead.")
@click.option("--slug", default=None, metavar="SLUG",
              help="Slug of the post (its file <slug>.<lang>.md); the inputs must hold one post.")
@click.option("--translation", "translations", multiple=True, metavar="LANG[:SLUG]", callback=_translation_option,
              help="Declare the post's translation into LANG (lv or en): the post with the same slug, or with "
                   "SLUG. Repeatable. Both post files declare it. A counterpart file <out>/<slug>.<other>.md "
                   "that exists is declared without this option.")
@click.option("--replace", is_flag=True,
              help="Write the source's text over post files edited by hand since they were ingested (without "
                   "it such a file is kept, and named on stderr when its source changed too).")
@handle_errors
def ingest(paths, lang, out, as_json, slug, translations, replace):
    """Read scraped text, HTML pages, WordPress WXR exports or Markdown; clean; write post files.

    Each post's language and translations come from its source where it states them (a Polylang
    export's languages and translation groups), else from --lang and --translation. Declaring a
    translation writes it into both post files, whichever was ingested first. One line says which
    post files it wrote (new), updated, left unchanged (not written: the same bytes), or kept (edited
    by hand since they were ingested, while their source changed too: --replace takes the source's
    text). Bad inputs are reported one line each on stderr; the others are still ingested; exit
    code 2. Posts an export holds but the library does not (not public, a third language, photos
    only) are warnings: exit code 0."""
    from .ingest import run
    from .ingest.pipeline import KEPT, NEW, RECORDED, UNCHANGED, UPDATED

    if as_json:
        need_stdout()
    files: dict[str, list] = {NEW: [], UPDATED: [], UNCHANGED: [], RECORDED: [], KEPT: []}
    errors = run(paths, lang=lang, out=out, json_lines=sys.stdout if as_json else None, slug=slug,
                 translations=translations, replace=replace,
                 on_error=lambda exc: click.echo(f"lvterm: {exc}", err=True),
                 on_file=lambda path, what: files[what].append(path))
    if not as_json:  # what was written, one line on stdout (stderr holds only the problems)
        said = [wrote(files[what], what="post file", folder=out, verb=verb) for what, verb in
                ((NEW, "wrote"), (UPDATED, "updated"), (UNCHANGED, "unchanged"), (RECORDED, "recorded"),
                 (KEPT, "kept")) if files[what]]
        click.echo("; ".join(said) or wrote([], what="post file"))
    if errors:
        sys.exit(2)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("--lang", callback=_lang_code, metavar="CODE",
              help="Language of the text, an ISO 639-1 code such as lv or en (a post file's own `lang` when "
                   "omitted).")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object per sentence: index, paragraph, start, end, text.")
@handle_errors
def segment(file, lang, as_json):
    """Split a plain-text or post file into sentences, one per line on stdout.

    Blank lines are paragraph boundaries; a post file (corpus/posts/*.md) is recognised by its front matter."""
    import dataclasses
    import json

    from .lang.guess import language_warning, reads_as_other
    from .segment.pipeline import read_document, segment_paragraphs

    need_stdout()
    code, paragraphs = read_document(file, lang=lang)
    if (other := reads_as_other("\n\n".join(paragraphs), code)) is not None:
        click.echo(language_warning(file, lang=code, other=other,
                                    given=f"--lang {lang}" if lang else f"its lang: {code}"), err=True)
    for seg in segment_paragraphs(paragraphs, lang=code):
        if as_json:
            click.echo(json.dumps(dataclasses.asdict(seg), ensure_ascii=False))
        else:
            click.echo(" ".join(seg.text.split()))

# --- alignment: align, eval-align --------------------------------------------


class _Range(click.FloatRange):
    """A closed float range that also refuses NaN (which compares false with both bounds)."""

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if number != number:
            self.fail(f"{value!r} is not a number in the range {self.min:g}<=x<={self.max:g}", param, ctx)
        return number


@cli.command("align")
@click.argument("src", type=click.Path(dir_okay=False), required=False)
@click.argument("tgt", type=click.Path(dir_okay=False), required=False)
@click.option("--src-lang", required=True, callback=_lang_code, help="ISO 639-1 code of SRC.")
@click.option("--tgt-lang", required=True, callback=_lang_code, help="ISO 639-1 code of TGT.")
@click.option("--dictionary", type=click.Path(dir_okay=False), default=None,
              help="Optional term list, one 'source term<TAB>target term' a line.")
@click.option("--scorer", type=click.Choice(["lexical", "embed"]), default="lexical", show_default=True,
              help="embed: add sentence embeddings (needs --model and pip install 'lvterm[neural]').")
@click.option("--model", default=None, metavar="PATH_OR_NAME",
              help="sentence-transformers model for --scorer embed: a local folder or a hub name (LaBSE).")
@click.option("--batch", "batch", type=click.Path(dir_okay=False), default=None, metavar="LIST",
              help="Align many pairs in one process: LIST has 'source<TAB>target<TAB>output' lines "
                   "(paths relative to LIST's folder); each output is a bead file.")
@handle_errors
def align_cmd(src: str | None, tgt: str | None, src_lang: str, tgt_lang: str, dictionary: str | None,
              scorer: str, model: str | None, batch: str | None):
    """Align two sentence files (one sentence a line; blank lines mark paragraphs, not sentences).

    Prints one bead a line, `[src ids]:[tgt ids]:confidence`, ids 0-based over non-blank lines.
    With --batch LIST instead of SRC TGT, aligns every pair LIST names and writes the bead files.
    """
    if scorer == "lexical":  # no BLAS work in the lexical DP: spare numpy starting its thread pool
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if scorer == "embed" and not model:
        fail("--scorer embed needs --model PATH_OR_NAME (a sentence-transformers model, e.g. LaBSE)")
    if model and scorer != "embed":
        fail("--model is for --scorer embed")
    if batch and (src or tgt):
        fail("give either SRC TGT or --batch LIST, not both")
    if batch:
        _align_batch(batch, src_lang=src_lang, tgt_lang=tgt_lang, dictionary=dictionary, model=model)
        return
    if not (src and tgt):
        fail("align needs SRC and TGT (two sentence files) or --batch LIST")
    need_stdout()
    from .align import align_files
    from .formats.beads import format_bead

    beads = align_files(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, dictionary_path=dictionary,
                        model=model, progress=progress)
    _warn_language(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang)  # (once the files, dictionary and model passed)
    for bead in beads:
        click.echo(format_bead(bead))


def _align_batch(batch: str, *, src_lang: str, tgt_lang: str, dictionary: str | None, model: str | None):
    """Every pair of the list; a failed pair is one line on stderr, the others are still written."""
    from .align.files import align_batch

    done = failed = 0
    for job, error in align_batch(batch, src_lang=src_lang, tgt_lang=tgt_lang, dictionary_path=dictionary,
                                  model=model):
        if error is None:
            done += 1
        else:
            failed += 1
            click.echo(f"lvterm: {batch}:{job.line}: {error}", err=True)
    click.echo(f"aligned {done} of {done + failed} pairs in {batch}", err=True)
    if failed:
        sys.exit(2)


class _GreedyOption(click.Option):
    """An option taking one or more values: `--test T1 T2 --gold G1 G2` (or repeated flags)."""

    def add_to_parser(self, parser, ctx):
        super().add_to_parser(parser, ctx)
        opt = parser._long_opt.get(self.opts[0])
        if opt is None:
            return
        plain = opt.process

        def process(value, state):
            plain(value, state)
            while state.rargs and not state.rargs[0].startswith("-"):
                plain(state.rargs.pop(0), state)

        opt.process = process


@cli.command("eval-align")
@click.option("--test", "test", cls=_GreedyOption, multiple=True, required=True,
              type=click.Path(dir_okay=False), help="Test bead file(s).")
@click.option("--gold", "gold", cls=_GreedyOption, multiple=True, required=True,
              type=click.Path(dir_okay=False), help="Gold bead file(s), in the same order.")
@handle_errors
def eval_align_cmd(test: tuple[str, ...], gold: tuple[str, ...]):
    """Strict and lax precision, recall and F1 (Sennrich & Volk 2011), pooled over files."""
    from .align import evaluate_files
    from .align.evaluate import format_scores

    need_stdout()
    click.echo(format_scores(evaluate_files(list(test), list(gold))))

# --- terms: extract, lookup ---------------------------------------------------


@cli.command("extract")
@click.argument("src", required=False, type=click.Path(dir_okay=False))
@click.argument("tgt", required=False, type=click.Path(dir_okay=False))
@click.option("--tmx", "tmx_file", type=click.Path(dir_okay=False),
              help="Read the bitext from a TMX file instead of two line-aligned files.")
@click.option("--src-lang", callback=_library_lang, metavar=LIBRARY_LANGS, default="lv", show_default=True)
@click.option("--tgt-lang", callback=_library_lang, metavar=LIBRARY_LANGS, default="en", show_default=True)
@click.option("--min-confidence", type=_Range(0.0, 1.0), default=EXTRACT_MIN_CONFIDENCE, show_default=True,
              help="Leave out pairs below this confidence.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="Print at most N pairs (0: the header only).")
@click.option("--termbase", "termbase_dir", type=click.Path(file_okay=False), default=None,
              help="Curated termbase folder used as a dictionary [default: ./termbase when present].")
@handle_errors
def extract_cmd(src, tgt, tmx_file, src_lang, tgt_lang, min_confidence, limit, termbase_dir):
    """Extract Latvian-English term pairs from aligned text (line i of SRC translates line i of
    TGT) or from a TMX; print TSV `lv en score freq`, best first."""
    from pathlib import Path

    from .terms.pair import extract_files

    need_stdout()
    if termbase_dir is None and Path("termbase").is_dir():  # the curated entries of this folder
        termbase_dir = "termbase"
    pairs = extract_files(src, tgt, tmx=tmx_file, src_lang=src_lang, tgt_lang=tgt_lang, termbase=termbase_dir,
                          min_confidence=min_confidence, progress=progress)
    if src is not None and tgt is not None and tmx_file is None:  # (once the arguments have passed: no
        # warning before "term pairing needs Latvian and English")
        _warn_language(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang)
    out = ["lv\ten\tscore\tfreq"]
    out += [f"{p.lv}\t{p.en}\t{p.score:.3f}\t{p.frequency}" for p in pairs[:limit]]
    click.echo("\n".join(out))


@cli.command("lookup")
@click.argument("query")
@click.option("--lang", callback=_library_lang_or_auto, metavar="[lv|en|auto]", default="auto", show_default=True,
              help="Language of the query (auto: guessed, both searched).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of matches.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000), help="Most matches to show.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="Library database to read (written by `lvterm build`).")
@handle_errors
def lookup_cmd(query: str, lang: str, as_json: bool, limit: int, db_path: str):
    """Find a term from any form, with or without diacritics, with a typo (lvterm lookup QUERY)."""
    import json
    import shlex

    from .lang import LANGUAGE_NAMES
    from .library import Library
    from .terms.lookup import MAX_LISTED, MAX_QUERY_CHARS, MAX_TEXT_CHARS, check_query, format_entry, written_form

    need_stdout()
    q = check_query(query, max_chars=MAX_TEXT_CHARS)  # past MAX_QUERY_CHARS only the terms in it
    library = Library(db_path)
    results = [hit.as_dict() for hit in library.lookup(q, lang=lang, limit=limit)]
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
        if not results and lang != "auto" and (other := _other_side(library, q, lang)):  # (stdout: the JSON)
            click.echo(f"lvterm: no entry matches {q!r} in {LANGUAGE_NAMES[lang]}; it matches in "
                       f"{LANGUAGE_NAMES[other]} (--lang {other})", err=True)
        elif not results and (inside := library.within(q, lang=lang, limit=MAX_LISTED)):
            click.echo(f"lvterm: no entry is these words; {len(inside)} term{'s' * (len(inside) != 1)} occur in "
                       "them (without --json they are listed; in Python: Library.within)", err=True)
        return
    if not results:
        named = repr(q) if len(q) <= MAX_QUERY_CHARS else f"this text ({len(q)} characters; no term is that long)"
        click.echo(f"No entry matches {named}" + (f" in {LANGUAGE_NAMES[lang]}." if lang != "auto" else "."))
        named_there = lang != "auto" and (other := _other_side(library, q, lang))
        if named_there:
            click.echo(f"It matches in {LANGUAGE_NAMES[other]}: lvterm lookup {shlex.quote(q)} --lang {other} "
                       "(or leave out --lang)")
        longer = library.related(q, lang=lang, limit=limit)
        if longer:  # as the site lists them: the words are part of these terms
            click.echo("Longer terms with these words:")
            for hit in longer:
                click.echo(f"  {hit.lv or '–'}  →  {hit.en or '–'}  ({_listed_status(hit)})")
        known = [hit.concept_id for hit in longer]
        inside = library.within(q, lang=lang, limit=MAX_LISTED, exclude=known)
        if inside:  # a sentence or paragraph pasted: the terms it uses (all of them, unless --limit says)
            if click.get_current_context().get_parameter_source("limit").name == "DEFAULT":
                limit = len(inside)
            click.echo("Terms in these words:")
            for hit in inside[:limit]:
                written = written_form(hit.as_dict())
                shown = f"; as “{written}”" if written else ""
                click.echo(f"  {hit.lv or '–'}  →  {hit.en or '–'}  ({_listed_status(hit)}{shown})")
            if len(inside) > limit:
                click.echo(f"  … and {len(inside) - limit} more (--limit {len(inside)} lists them all)")
        if lang != "auto" and not named_there:  # terms only the other language finds (a name may be both)
            mine = {hit.concept_id for hit in inside}
            theirs = library.within(q, lang=(other := OTHER[lang]), limit=MAX_LISTED, exclude=known)
            if any(hit.concept_id not in mine for hit in theirs):
                click.echo(f"Read as {LANGUAGE_NAMES[other]}, these words have {'more ' if inside else ''}terms: "
                           f"--lang {other} (or leave out --lang)")
        return
    style = (lambda s: click.style(s, bold=True)) if _tty(sys.stdout) else None
    click.echo("\n\n".join(format_entry(r, style=style) for r in results))


def _listed_status(hit) -> str:
    """An entry's status in a list of terms (a machine proposal says that it is one), and its
    English term's where that differs (an admitted unofficial translation of a preferred name)."""
    from .terms.lookup import english_apart

    def said(status: str) -> str:
        return "machine proposal, not reviewed" if status == "proposed" else status

    apart = english_apart(hit.as_dict())
    also = f", English {said(apart[0])}" if apart and apart[0] != hit.status else ""
    return said(hit.status) + also


#: The other language of the library's two.
OTHER = {"lv": "en", "en": "lv"}


def _other_side(library, query: str, lang: str) -> str | None:
    """The other library language when `query`, which matches nothing as `lang`, matches there."""
    return OTHER[lang] if library.lookup(query, lang=OTHER[lang], limit=1) else None


# --- review: a person decides on the machine's proposals ----------------------------

_ANSWERS = {"a": "accept", "e": "edit", "r": "reject", "n": "not a term", "s": "skip", "q": "quit"}


def _answer(value: str) -> str:
    """An answer of the review prompt: its letter or its word."""
    v = " ".join(value.lower().replace("-", " ").split())
    for key, word in _ANSWERS.items():
        if v in (key, word):
            return key
    raise click.UsageError("answer " + ", ".join(f"{k} ({w})" for k, w in _ANSWERS.items()))


def _review_one(session, proposal, *, refused: set) -> object:
    """Ask about one proposal until a decision is taken; the Decision, "skip" or "quit". A decision
    that could not be written is said on stderr, and the proposal added to `refused` until one is
    (or the proposal is skipped)."""
    from .errors import InputError

    while True:
        key = click.prompt("[a]ccept [e]dit [r]eject [n]ot a term [s]kip [q]uit", value_proc=_answer)
        if key in ("s", "q"):
            if key == "s":  # (skipped on purpose: no longer a failure)
                refused.discard(proposal.id)
            return {"s": "skip", "q": "quit"}[key]
        try:
            if key == "e":
                lv = click.prompt("  Latvian term", default=proposal.lv.text)
                en = click.prompt("  English term (- for none)", default=proposal.en.text if proposal.en else "-")
                decision = session.accept(proposal, lv=lv, en=en, keep_en=en.strip() != "-")
            else:
                decision = session.accept(proposal) if key == "a" else session.reject(proposal, whole_term=key == "n")
        except InputError as exc:  # e.g. an edit that clashes with a curated term: ask again
            click.echo(f"lvterm: {exc}", err=True)
            refused.add(proposal.id)
            continue
        refused.discard(proposal.id)
        return decision


@cli.command("review")
@click.option("--accept", "accept_ids", multiple=True, metavar="ID",
              help="Accept the proposal ID (its concept id, as listed: x-...) without asking. Repeatable.")
@click.option("--reject", "reject_ids", multiple=True, metavar="ID",
              help="Reject the proposal ID without asking: it is never proposed again. Repeatable.")
@click.option("--termbase", default="termbase", show_default=True, type=click.Path(file_okay=False),
              help="Termbase folder: decisions are added to accepted.yaml and rejected.yaml there.")
@click.option("--limit", type=click.IntRange(1, None), default=None, help="Review at most N proposals.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="Library database to read (written by `lvterm build`).")
@handle_errors
def review_cmd(accept_ids: tuple[str, ...], reject_ids: tuple[str, ...], termbase: str, limit: int | None,
               db_path: str):
    """Accept, edit or reject the machine's term proposals, best first.

    Shows each proposal (both terms, pairing confidence, two examples with the terms marked) and
    asks: accept, edit, reject, not a term (reject the Latvian term with any English), skip or quit.
    With --accept/--reject ID it decides without asking. Each decision is written at once to
    TERMBASE/accepted.yaml or TERMBASE/rejected.yaml; the next `lvterm build` applies them, and a
    rejected pair never comes back."""
    from .library import Library
    from .terms.review import Review, format_proposal

    lib = Library(db_path)
    if accept_ids or reject_ids:
        for decision in lib.review(accept=accept_ids, reject=reject_ids, termbase=termbase):
            click.echo(f"{decision.id}: {decision.action} ({decision.where})")
        return
    need_stdout()  # the proposals and the questions
    session = Review(termbase)
    todo = session.pending(lib.proposals())[:limit]
    if not todo:
        click.echo("No proposals to review.")
        return
    from .terms.lookup import machine_guesses

    guesses = machine_guesses(lib.conn)
    style = (lambda s: click.style(s, bold=True)) if _tty(sys.stdout) else None
    done: dict[str, int] = {}
    refused: set[str] = set()  # proposals whose decision could not be written (and none was since)
    for n, proposal in enumerate(todo, 1):
        if session.decision_on(proposal) is not None:
            continue
        click.echo(format_proposal(proposal, lib.proposal_examples(proposal), position=f"[{n}/{len(todo)}]",
                                   style=style, guess=guesses.get((proposal.id, proposal.en.text)) if proposal.en else None))
        try:
            outcome = _review_one(session, proposal, refused=refused)
        except click.Abort:  # end of input (or ^C): what was decided is written already
            click.echo()
            outcome = "quit"
        if outcome == "quit":
            break
        action = outcome if isinstance(outcome, str) else outcome.action
        click.echo(f"  {outcome.action} ({outcome.where})\n" if not isinstance(outcome, str) else "  skipped\n")
        done[action] = done.get(action, 0) + 1
    decided = sum(v for k, v in done.items() if k != "skip")
    summary = ", ".join(f"{k} {v}" for k, v in done.items()) or "nothing decided"
    click.echo(f"lvterm: {summary}" + ("; `lvterm build` applies the decisions" if decided else ""), err=True)
    if refused:
        fail(f"{len(refused)} decision{'s' * (len(refused) != 1)} could not be written "
             f"({', '.join(sorted(refused))}): see the lines above")


# --- export: tmx, tbx, tsv -----------------------------------------------------


@cli.group()
def export():
    """Export the library in the formats translators use."""


#: Machine proposals stay out of what translators get unless asked for (export tsv/tbx, po's glossary).
include_proposed_option = click.option(
    "--include-proposed", is_flag=True,
    help="Include machine proposals that nobody has reviewed yet (status proposed; fuzzy in the glossary).")


def _termbase_export(name: str, *, what: str):
    """Register `lvterm export NAME -o FILE [--db DB] [--include-proposed]`, the options every
    termbase export shares.

    One place for the `-o`/`--db` options and error handling, so the exports cannot drift apart.
    """

    def register(fn):
        fn = handle_errors(fn)
        fn = include_proposed_option(fn)
        fn = click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
                          type=click.Path(dir_okay=False),
                          help="Library database to read (written by `lvterm build`).")(fn)
        fn = click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
                          help=f"{what} to write (atomically).")(fn)
        return export.command(name)(fn)

    return register


def _output_to(output: str) -> None:
    """`-o -` writes the data to stdout: it must be open."""
    from .fileio import STDOUT

    if output == STDOUT:
        need_stdout()


def _output_name(output: str) -> str:
    """How the line on stderr names an output: `stdout` for `-o -`."""
    from .fileio import STDOUT

    return "stdout" if output == STDOUT else output


@_termbase_export("tbx", what="TBX file")
def export_tbx_cmd(output: str, db_path: str, include_proposed: bool):
    """Write the termbase as TBX v3, TBX-Basic dialect (lvterm export tbx -o FILE)."""
    from .library import Library

    _output_to(output)
    n = Library(db_path).export_tbx(output, include_proposed=include_proposed)
    click.echo(f"wrote {_output_name(output)}: {n} concept{'s' * (n != 1)}", err=True)


@_termbase_export("tsv", what="Glossary file")
@click.option("--srclang", callback=_library_lang, metavar=LIBRARY_LANGS, default="lv", show_default=True,
              help="The language of the first column, the one OmegaT matches on (en for an en -> lv project).")
def export_tsv_cmd(output: str, db_path: str, include_proposed: bool, srclang: str):
    """Write the termbase as an OmegaT glossary: source, target, comment (lvterm export tsv -o FILE)."""
    from .library import Library

    _output_to(output)
    n = Library(db_path).export_tsv(output, include_proposed=include_proposed, srclang=srclang)
    click.echo(f"wrote {_output_name(output)}: {n} glossary {'entry' if n == 1 else 'entries'}", err=True)


# --- localisation: po, pretranslate, check-po -----------------------------------


@export.command("tmx")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="TMX file to write (atomically).")
@click.option("--all", "include_all", is_flag=True, help="Include beads under the confidence threshold.")
@click.option("--srclang", callback=_library_lang, metavar="[en|lv]", default="en", show_default=True,
              help="The header's srclang (the side CAT tools and pot2po match on).")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="Library database to read (written by `lvterm build`).")
@handle_errors
def export_tmx_cmd(output: str, include_all: bool, srclang: str, db_path: str):
    """Write the library's beads as TMX 1.4 (lvterm export tmx -o FILE)."""
    from .library import Library

    _output_to(output)
    n = Library(db_path).export_tmx(output, include_all=include_all, srclang=srclang)
    click.echo(f"wrote {_output_name(output)}: {n} translation unit{'s' * (n != 1)}", err=True)


@cli.command("po")
@click.option("--out", default="locale", show_default=True, type=click.Path(file_okay=False),
              help="Locale folder: writes OUT/lv/LC_MESSAGES/<post-slug>.po and glossary.po.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="Library database to read (written by `lvterm build`).")
@include_proposed_option
@handle_errors
def po_cmd(out: str, db_path: str, include_proposed: bool):
    """Write a Latvian .po file per aligned post pair, and glossary.po from the termbase.

    A file that cannot be written is one line on stderr; the others are still written; exit code 2."""
    from .exports import NotAllWritten
    from .library import Library

    try:
        paths = Library(db_path).po(out, include_proposed=include_proposed)
    except NotAllWritten as exc:
        for error in exc.errors:
            click.echo(f"lvterm: {error}", err=True)
        click.echo(wrote(exc.written, what=".po file"))
        sys.exit(2)
    click.echo(wrote(paths, what=".po file"))


@cli.command("pretranslate")
@click.argument("template", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="The .po to write (may be the --update file, updated in place).")
@click.option("--tm", "tm_files", multiple=True, type=click.Path(dir_okay=False),
              help="TMX or .po translation memory (repeatable; default: the built library).")
@click.option("--threshold", default=75.0, show_default=True, type=float,
              help="Lowest fuzzy score (0-100, rapidfuzz ratio) to use a match.")
@click.option("--update", type=click.Path(dir_okay=False), help="Existing .po whose translations are kept.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="Library database to read (written by `lvterm build`).")
@handle_errors
def pretranslate_cmd(template: str, output: str, tm_files: tuple[str, ...], threshold: float,
                     update: str | None, db_path: str):
    """Fill a .pot's msgstr from the translation memory: exact, fuzzy (#, fuzzy) or empty.

    `lvterm pretranslate lv.po -o lv.po --update lv.po` fills a Latvian .po's empty entries in place
    (never a .pot's)."""
    from .localise.pretranslate import pretranslate

    _output_to(output)
    stats = pretranslate(template=template, out=output, tm_files=tm_files, db=db_path, threshold=threshold,
                         update=update, progress=progress)
    if not stats.written:
        click.echo(f"left {output} as it was (nothing to fill): {stats.summary()}", err=True)
        return
    click.echo(f"wrote {_output_name(output)}: {stats.summary()}", err=True)


@cli.command("check-po")
@click.argument("po_file", type=click.Path(dir_okay=False))
@click.option("--termbase", "termbase", multiple=True, type=click.Path(),
              help="Curated YAML folder/file or TBX (repeatable; default: termbase/ and the built library).")
@click.option("--include-fuzzy", is_flag=True, help="Check fuzzy entries too (untranslated ones: nothing to check).")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="Library database to read (written by `lvterm build`).")
@handle_errors
def check_po_cmd(po_file: str, termbase: tuple[str, ...], include_fuzzy: bool, db_path: str):
    """Check that translations use the termbase's preferred Latvian terms, and that no msgid is
    defined twice (exit 1 on problems)."""
    from .localise.check_po import check_po
    from .localise.termsource import load_concepts

    need_stdout()  # the problems found are the command's data
    named = click.get_current_context().get_parameter_source("db_path") is not click.core.ParameterSource.DEFAULT
    concepts = load_concepts(termbase, db=db_path, db_required=named)
    report = check_po(po_file, concepts, include_fuzzy=include_fuzzy)
    code = 1 if report.problems else 0
    settle_exit_code(code)  # (`| head -1` does not turn problems into a pass)
    for problem in report.problems:
        click.echo(str(problem))
    click.echo(report.summary())
    sys.exit(code)

# --- corpus: document pairing --------------------------------------------------


@cli.command("pair")
@click.argument("posts_dir", type=click.Path(file_okay=False))
@click.option("--src-lang", default="lv", show_default=True, callback=_lang_code, help="Language of the source posts.")
@click.option("--tgt-lang", default="en", show_default=True, callback=_lang_code, help="Language of their translations.")
@click.option("--threshold", type=_Range(0.0, 1.0), default=None,
              help="Lowest score of a proposed pair [default: the calibrated 0.38].")
@click.option("--termbase", "termbase_dir", type=click.Path(file_okay=False), default=None,
              help="Curated termbase folder whose terms count as evidence [default: ./termbase when present].")
@click.option("--write", is_flag=True, help="Declare the proposed pairs as translations in both post files.")
@handle_errors
def pair_cmd(posts_dir: str, src_lang: str, tgt_lang: str, threshold: float | None, termbase_dir: str | None,
             write: bool):
    """Propose translation pairs among the posts of POSTS_DIR that declare no translation.

    Prints `SRC<TAB>TGT<TAB>score` (slugs), one-to-one, best first, after a header line; posts
    without a convincing counterpart are left out. --write declares the pairs in both files."""
    from pathlib import Path

    from . import pairing

    need_stdout()  # the proposals; checked before --write declares them
    if termbase_dir is None and Path("termbase").is_dir():  # the curated entries of this folder
        termbase_dir = "termbase"
    result = pairing.propose_folder(posts_dir, src_lang=src_lang, tgt_lang=tgt_lang, termbase=termbase_dir,
                                    threshold=pairing.DEFAULT_THRESHOLD if threshold is None else threshold,
                                    write=write, progress=progress)
    for line in pairing.format_proposals(result.proposals, src_lang=src_lang, tgt_lang=tgt_lang):
        click.echo(line)
    if not result.proposals:  # say why the list is empty: nothing to pair, or nothing convincing
        src, tgt = result.src_unpaired, result.tgt_unpaired
        click.echo(f"{posts_dir}: no pairs proposed ({len(src)} {src_lang} and {len(tgt)} {tgt_lang} posts "
                   f"declare no translation{'' if src and tgt else ': nothing to pair'})", err=True)
    if result.written:
        pairs, files = len(result.proposals), len(result.written)
        click.echo(f"{posts_dir}: declared {pairs} translation pair{'s' * (pairs != 1)} in {files} "
                   f"post file{'s' * (files != 1)}", err=True)


# --- library: build, serve ------------------------------------------------------


class _Terminated(KeyboardInterrupt):
    """SIGTERM while `lvterm build` builds (`_sigterm_as_interrupt`): an interrupt as Ctrl-C's is,
    so that the build reports one after the library is in place as it reports Ctrl-C
    (`build.Interrupted`, whose cause it is); the exit code stays SIGTERM's, 143."""


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM raises `_Terminated` in the block (elsewhere `__main__._terminate` makes it SystemExit,
    which the build would not tell from another exit); as there, a second SIGTERM kills at once.
    The handler before is back after the block, unless a SIGTERM came. Only in the main thread
    (the only one Python runs handlers in)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise _Terminated

    before = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        if signal.getsignal(signal.SIGTERM) is terminate:
            signal.signal(signal.SIGTERM, before if before is not None else signal.SIG_DFL)


@cli.command()
@click.option("--corpus", default="corpus/posts", show_default=True, type=click.Path(file_okay=False),
              help="Folder of post files <slug>.<lang>.md.")
@click.option("--termbase", default="termbase", show_default=True, type=click.Path(file_okay=False),
              help="Folder of curated termbase files.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="Database to write (built in a temp file, then renamed).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes for the per-post work (default: all cores; small builds run in one).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:8786",
              help="Send the per-post work to this Dask cluster instead of local processes.")
@click.option("--no-cache", is_flag=True,
              help="Full build: neither read nor write the per-post cache (cache/ beside the database).")
@handle_errors
def build(corpus: str, termbase: str, db_path: str, workers: int | None, scheduler: str | None, no_cache: bool):
    """Build the library database (posts, segments, beads, termbase, full-text search).

    Per-post work is cached: a rebuild recomputes only the post pairs that changed."""
    import gc
    import signal
    import sqlite3

    from .build import Interrupted
    from .library import Library
    from .prior import file_identity

    # the build and the downloads after it make almost no reference cycles: no cyclic garbage
    # collection while they run (the build alone turns it off inside; this covers the downloads)
    enabled = gc.isenabled()
    gc.disable()
    before = file_identity(db_path)
    try:  # (the library is renamed into place with its inspect file; downloads that fail: NotAllWritten)
        with _sigterm_as_interrupt():
            report = Library(db_path).build(corpus=corpus, termbase=termbase, progress=progress, workers=workers,
                                            scheduler=scheduler, cache=not no_cache)
    except Interrupted as exc:  # Ctrl-C or SIGTERM once the new library was in place: not "Aborted!" (the old kept)
        term = isinstance(exc.__cause__, _Terminated)
        click.echo(f"lvterm: {'terminated (SIGTERM)' if term else 'interrupted'} after the library was built: wrote "
                   f"{exc.report.summary()}; the downloads beside it may be an earlier build's (`lvterm build` "
                   "again writes them)", err=True)
        sys.exit(128 + (signal.SIGTERM if term else signal.SIGINT))  # (143 or 130, as after any SIGTERM or Ctrl-C)
    except _Terminated:  # before the new library was in place: the old one kept, as after SIGTERM anywhere
        sys.exit(128 + signal.SIGTERM)
    except sqlite3.DatabaseError as exc:  # the new library could not be written (a full disk): say what is there
        if file_identity(db_path) != before:  # (another library is in place: the usual "rebuild it")
            raise
        kept = "the previous library is unchanged" if before is not None else "no library was written"
        fail(f"{db_path}: database error ({exc}) while building; {kept}")
    finally:
        if enabled:
            gc.enable()
    from pathlib import Path

    downloads = wrote(report.downloads, what="download", folder=Path(db_path).parent)
    reuse = f" ({report.reuse()})" if report.reuse() else ""
    click.echo(f"wrote {report.summary()}{reuse}; {downloads.replace('wrote ', '', 1)}", err=True)


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="Database to serve (read-only, immutable).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@click.option("--metadata", default=None, type=click.Path(dir_okay=False),
              help="Datasette metadata (default: ./metadata.yml).")
@handle_errors
def serve(db_path: str, host: str, port: int, metadata: str | None):
    """Serve the library with Datasette: browse, search, canned queries, JSON API."""
    from .serve import serve as run

    sys.exit(run(db_path=db_path, host=host, port=port, metadata=metadata))
