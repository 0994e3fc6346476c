"""Terms marked in text: <mark> around every inflected form of some terms (`mark_terms`, a SQL
function), a marked cell shown safely (`render_marked`), spans as HTML (`render_spans`), and the
spans of an entry's terms in aligned pairs as `lvterm lookup` finds them (`bead_marks`, `shown_terms`)."""
from __future__ import annotations

import html
from functools import lru_cache
from typing import Iterable

from markupsafe import Markup

from ..terms.matcher import TermMatcher, highlight, library_matchers, spans

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


def _mark(fragment: str) -> str:
    return MARK_OPEN + fragment + MARK_CLOSE


@lru_cache(maxsize=256)
def _terms_matcher(terms: str, lang: str) -> TermMatcher:
    """A matcher of '|'-separated terms, best first (a canned query marks the same terms row after row)."""
    return TermMatcher(((term, (term,)) for term in terms.split("|")), lang=lang)


def mark_terms(text: str | None, terms: str | None, lang: str = "lv") -> str | None:
    """Wrap every inflected form of the given terms ('|'-separated, best first) in <mark>…</mark>:
    `TermMatcher` with the stem keys of `lang`, longest match first. The SQL function of the canned
    queries; the text is not escaped here (`render_marked` does that when the cell is shown)."""
    if not text or not terms:
        return text
    return highlight(text, spans(_terms_matcher(terms, lang).find(text)), style=_mark)


def render_marked(value: str) -> Markup:
    """Escape everything, then restore only <mark> and </mark>."""
    escaped = html.escape(value, quote=False)
    return Markup(escaped.replace("&lt;mark&gt;", MARK_OPEN).replace("&lt;/mark&gt;", MARK_CLOSE))


def _escape(fragment: str) -> str:
    return html.escape(fragment, quote=False)


def render_spans(text: str | None, marks: list[list[int]]) -> Markup:
    """`text` escaped, each [start, end] span in <mark>: the HTML twin of `lvterm lookup`'s «…»."""
    return Markup(highlight(text or "", marks, style=lambda fragment: _mark(_escape(fragment)), plain=_escape))


def bead_marks(conn, beads: list[dict], term_ids: list[int], *, queries: tuple[str, ...] = ()) -> list[dict]:
    """For each bead (a dict with lv_text, en_text), lang -> the [start, end] spans of the given
    terms (and query words) in that side: what `lvterm lookup` gives its examples for the same
    terms, as both go through `library_matchers`. Runs on a connection (Database.execute_fn)."""
    matchers = library_matchers(conn, term_ids, queries=queries)
    return [{lang: spans(matchers[lang].find(b[f"{lang}_text"] or "")) for lang in ("lv", "en")} for b in beads]


def shown_terms(conn, term_ids: Iterable[int]) -> list[int]:
    """These terms of the library (ids, in order) but those held back as machine guesses
    (`lookup.term_guess`), which no page marks in a sentence, counts as the entry's English in an
    example or shows as an equivalent, as `lvterm lookup` does not. Runs on a connection."""
    from ..terms.lookup import index_on, term_guess

    index = index_on(conn)
    return [tid for tid in term_ids if not term_guess(index, tid)]
