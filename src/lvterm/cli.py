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

# --- alignment: align, eval-align --------------------------------------------

# --- terms: extract, lookup ---------------------------------------------------

# --- export: tmx, tbx, tsv -----------------------------------------------------


@cli.group()
def export():
    """Export the library in the formats translators use."""


# --- localisation: po, pretranslate, check-po -----------------------------------

# --- library: build, serve ------------------------------------------------------
