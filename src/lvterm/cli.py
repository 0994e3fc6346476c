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

# --- export: tmx, tbx, tsv -----------------------------------------------------


@cli.group()
def export():
    """Export the library in the formats translators use."""


# --- localisation: po, pretranslate, check-po -----------------------------------

# --- library: build, serve ------------------------------------------------------
