"""Thin click CLI over the lvterm library.

Every command parses options, calls library functions, and turns library errors
(`LvtermError`) into one line on stderr and exit code 2. Data goes to stdout, logs to stderr.
Each section below belongs to one pipeline stage; keep commands thin.
"""
from __future__ import annotations

import functools
import logging
import sys

import click

from .errors import LvtermError

DEFAULT_DB = "build/lvterm.db"
log = logging.getLogger("lvterm")


def fail(message: str, code: int = 2) -> None:
    """Print one line on stderr and exit."""
    click.echo(f"lvterm: {message}", err=True)
    sys.exit(code)


def handle_errors(fn):
    """Turn library errors into a one-line message and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except LvtermError as exc:
            fail(str(exc))

    return wrapper


def progress(iterable, *, label: str, length: int | None = None):
    """A progress bar on stderr, quiet when stderr is not a TTY."""
    return click.progressbar(iterable, label=label, length=length, file=sys.stderr,
                             show_pos=True) if sys.stderr.isatty() else _NullBar(iterable)


class _NullBar:
    def __init__(self, iterable):
        self.iterable = iterable

    def __enter__(self):
        return self.iterable

    def __exit__(self, *exc):
        return False


@click.group()
@click.version_option(package_name="lvterm")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
def cli(verbose: bool):
    """lvterm: a Latvian-English translation memory and termbase."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="lvterm: %(message)s")


# --- corpus: ingest, segment -------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--lang", required=True, type=click.Choice(["lv", "en"]), help="Language of the posts.")
@click.option("--out", default="corpus/posts", show_default=True, type=click.Path(file_okay=False),
              help="Folder for <slug>.<lang>.md post files (must exist).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per post (JSON Lines) instead.")
@click.option("--translation", "translations", multiple=True, type=click.Choice(["lv", "en"]),
              help="Declare the post's translation into LANG (same slug). Repeatable. A counterpart "
                   "file <out>/<slug>.<other>.md that exists is declared without this option.")
@handle_errors
def ingest(paths, lang, out, as_json, translations):
    """Read scraped text, HTML pages, WordPress WXR exports or Markdown; clean; write post files.

    Bad inputs are reported one line each on stderr; the others are still ingested; exit code 2."""
    from .ingest import run

    errors = run(paths, lang=lang, out=out, json_lines=sys.stdout if as_json else None,
                 translations=translations, on_error=lambda exc: click.echo(f"lvterm: {exc}", err=True),
                 on_written=lambda path: log.info("wrote %s", path))
    if errors:
        sys.exit(2)

# --- alignment: align, eval-align --------------------------------------------

# --- terms: extract, lookup ---------------------------------------------------
@cli.command("lookup")
@click.argument("query")
@click.option("--lang", type=click.Choice(["lv", "en", "auto"]), default="auto", show_default=True,
              help="Language of the query (auto: guessed, both searched).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of matches.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000), help="Most matches to show.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@handle_errors
def lookup_cmd(query: str, lang: str, as_json: bool, limit: int, db_path: str):
    """Find a term from any form, with or without diacritics, with a typo (lvterm lookup QUERY)."""
    import json

    from .terms.lookup import check_query, format_entry, lookup, open_index

    q = check_query(query)
    results = lookup(q, index=open_index(db_path), lang=lang, limit=limit)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
        return
    if not results:
        click.echo(f"No entry matches {q!r}.")
        return
    style = (lambda s: click.style(s, bold=True)) if sys.stdout.isatty() else None
    click.echo("\n\n".join(format_entry(r, style=style) for r in results))


# --- export: tmx, tbx, tsv -----------------------------------------------------


@cli.group()
def export():
    """Export the library in the formats translators use."""


@export.command("tbx")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="TBX file to write (atomically).")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@handle_errors
def export_tbx_cmd(output: str, db_path: str):
    """Write the termbase as TBX v3, TBX-Basic dialect (lvterm export tbx -o FILE)."""
    from .terms.store import export_tbx

    n = export_tbx(db_path=db_path, output=output)
    click.echo(f"{output}: {n} concepts", err=True)


@export.command("tsv")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="Glossary file to write (atomically).")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@handle_errors
def export_tsv_cmd(output: str, db_path: str):
    """Write the termbase as an OmegaT glossary: source, target, comment (lvterm export tsv -o FILE)."""
    from .terms.store import export_tsv

    n = export_tsv(db_path=db_path, output=output)
    click.echo(f"{output}: {n} glossary entries", err=True)



# --- localisation: po, pretranslate, check-po -----------------------------------

# --- library: build, serve ------------------------------------------------------

@export.command("tmx")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="TMX file to write (atomically).")
@click.option("--all", "include_all", is_flag=True, help="Include beads under the confidence threshold.")
@click.option("--srclang", type=click.Choice(["en", "lv"]), default="en", show_default=True,
              help="The header's srclang (the side CAT tools and pot2po match on).")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@handle_errors
def export_tmx_cmd(output: str, include_all: bool, srclang: str, db_path: str):
    """Write the library's beads as TMX 1.4 (lvterm export tmx -o FILE)."""
    from .localise.tmx_export import export_tmx

    n = export_tmx(db=db_path, out=output, include_all=include_all, srclang=srclang)
    click.echo(f"{output}: {n} translation units", err=True)


@cli.command("po")
@click.option("--out", default="locale", show_default=True, type=click.Path(file_okay=False),
              help="Locale folder: writes OUT/lv/LC_MESSAGES/<post-slug>.po and glossary.po.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@handle_errors
def po_cmd(out: str, db_path: str):
    """Write a Latvian .po file per aligned post pair, and glossary.po from the termbase."""
    from .localise.po_export import export_po

    for path in export_po(db=db_path, out=out):
        click.echo(str(path))


@cli.command("pretranslate")
@click.argument("template", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False), help="The .po to write.")
@click.option("--tm", "tm_files", multiple=True, type=click.Path(dir_okay=False),
              help="TMX or .po translation memory (repeatable; default: the built library).")
@click.option("--threshold", default=75.0, show_default=True, type=float,
              help="Lowest fuzzy score (0-100, rapidfuzz ratio) to use a match.")
@click.option("--update", type=click.Path(dir_okay=False), help="Existing .po whose translations are kept.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@handle_errors
def pretranslate_cmd(template: str, output: str, tm_files: tuple[str, ...], threshold: float,
                     update: str | None, db_path: str):
    """Fill a .pot's msgstr from the translation memory: exact, fuzzy (#, fuzzy) or empty."""
    from .localise.pretranslate import pretranslate

    stats = pretranslate(template=template, out=output, tm_files=tm_files, db=db_path, threshold=threshold,
                         update=update)
    click.echo(f"{output}: {stats.summary()}", err=True)


@cli.command("check-po")
@click.argument("po_file", type=click.Path(dir_okay=False))
@click.option("--termbase", "termbase", multiple=True, type=click.Path(),
              help="Curated YAML folder/file or TBX (repeatable; default: termbase/ and the built library).")
@click.option("--include-fuzzy", is_flag=True, help="Check fuzzy and untranslated entries too.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@handle_errors
def check_po_cmd(po_file: str, termbase: tuple[str, ...], include_fuzzy: bool, db_path: str):
    """Check that translations use the termbase's preferred Latvian terms (exit 1 on problems)."""
    from .localise.check_po import check_po
    from .localise.termsource import load_concepts

    concepts = load_concepts(termbase, db=db_path)
    report = check_po(po_file, concepts, include_fuzzy=include_fuzzy)
    for problem in report.problems:
        click.echo(str(problem))
    click.echo(report.summary())
    sys.exit(1 if report.problems else 0)

