"""Term lookup: find a concept from any inflected form, with or without diacritics, with a typo,
in either language.

Matching is on keys, never on surface strings, in this order (best score first):
  exact form (1.0) > folded form: case and diacritics ignored (0.97) > stem key: any inflection
  (0.92) > lemma key (0.9) > prefix of a folded form, the term being typed (<= 0.8) > typo (0.75 x
  similarity). A lemma key never reaches an acronym from another word (manis, the pronoun es, is
  not ES, the EU: `_homonym_of_a_name`).
A query that matches no term by key is also looked up in the other ways it may be typed (the
languages' `query_variants`: without an English article, "the membership fee"; in British or
American spelling; & for "and"; hyphens as spaces, words run together; Latvian typed as "aa" for ā).
Exact, folded, stem and prefix matches are SQLite index look-ups on `term_forms` (fold_key,
stem_key) and `terms` (lemma_key). A prefix counts only where the query stops inside a term's word
("biedra nau"): a whole word ("darba", "face") is no longer term (`related` offers those). The
typo fallback runs only when no key matched: `LookupIndex.typo_candidates` holds every key one edit
from the query (three expression-index blocks, and the query's edits in its first characters looked
up exactly where the blocks can all break), and rapidfuzz ranks them (optimal string alignment: a
swapped pair is one edit; where two tie, the diacritics typed decide). `typo_of` keeps only keys
the query can be a typo of: a word spelt right is not corrected into another ("employee" finds no
entry rather than "employer"; a wrong equivalent shown as a term is worse than none).
Nothing is held in memory, so a cold `lvterm lookup` is as fast as a warm one.

Where two concepts match as well (the same score), a decided entry (curated or accepted in
`lvterm review`) comes before a machine proposal, and the small bonus for the language the query
looks like goes to decided entries only: a proposal never outranks an entry a person decided on
that matches as well. `format_entry` labels a proposal as one, and a proposal's English term is
shown as an equivalent only at a pairing confidence where the pairing is likely right
(`machine_guess`, `display_threshold`); under it the term is a machine guess, which every
interface names as one (`guess_line`), never as the entry's equivalent (`en`), another of its terms
or a marked word of its examples.
"""
from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..constants import (DISPLAY_MIN_CONFIDENCE, DISPLAY_MIN_CONFIDENCE_ONE_PAIR, LANGS, LANGUAGE_NAMES,
                         LATVIAN_LETTERS, status_label, status_rank)
from .. import schema
from ..errors import InputError, LvtermError
from ..lang import get as get_lang
from ..lang.en import query_variants as en_query_variants
from ..lang.keys import fold, fold_key, heading_words, in_capitals, tokens, words
from ..textio import to_nfc
from .matcher import MAX_TERM_WORDS, Match, TermMatcher, highlight, library_matchers, spans

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200  # no term is longer; a longer query names no entry (its terms: `within`)
#: The most characters of a text `within` reads (a paragraph; `lvterm lookup` and the site take a
#: query this long and list the terms in it, where no entry can be the query itself).
MAX_TEXT_CHARS = 2000
#: The most terms of a pasted text `lvterm lookup` and the site count (2,000 characters have fewer).
MAX_LISTED = 1000
SCORES = {"exact": 1.0, "fold": 0.97, "stem": 0.92, "lemma": 0.9, "prefix": 0.8, "fuzzy": 0.75}
FUZZY_CUTOFF = 75.0  # rapidfuzz ratio (0-100) below which a key is no match
FUZZY_MIN_CHARS = 4
#: Taken off a typo's score for each edit that only its diacritics make, where the query has them:
#: "bibliotekāxs" is bibliotekārs (one edit) before bibliotēkas (one edit folded, three as typed).
FUZZY_DIACRITIC_TIE = 0.0001


def check_query(query: str, *, max_chars: int = MAX_QUERY_CHARS) -> str:
    """The query with whitespace normalised and in NFC (a decomposed "tīklošana" pasted from macOS is
    the composed one); InputError when it cannot name a term. `max_chars`: the longest query taken
    (`MAX_TEXT_CHARS` where a longer text is read for the terms in it, as `lvterm lookup` does)."""
    q = " ".join(to_nfc(query or "").split())
    if not q:
        raise InputError("empty query: give a term to look up, e.g. lvterm lookup \"biedra nauda\"")
    if len(q) > max_chars:
        limit = (f"terms are at most {MAX_QUERY_CHARS}" if max_chars <= MAX_QUERY_CHARS
                 else f"a text to find terms in is at most {max_chars}")
        raise InputError(f"query too long ({len(q)} characters; {limit})")
    if not words(q):
        raise InputError(f"query {q!r} has no letters or digits")
    return q


def detect_lang(query: str) -> str | None:
    """'lv' when the query has Latvian letters, 'en' when every word is a common English word,
    None when unsure (then both languages are searched equally)."""
    if any(ch in LATVIAN_LETTERS for ch in query):
        return "lv"
    ws = words(query)
    if not ws:
        return None
    from ..lang.wordlists import is_common  # wordfreq's Zipf >= 3.0, from a cached word list

    if all(is_common(w, "en", min_zipf=3.0) for w in ws):
        return "en"
    return None


class LookupIndex:
    """Read-only access to a termbase database (opened lazily, through `lvterm.schema.connect`)."""

    def __init__(self, db_path: str | os.PathLike):
        self.path = Path(db_path)
        self._conn: sqlite3.Connection | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            conn = schema.connect(self.path, require=("concepts", "terms", "term_forms"), check_same_thread=False)
            self._tables = schema.table_names(conn)
            self._conn = conn
        return self._conn

    def has(self, table: str) -> bool:
        self.conn  # noqa: B018 - opens and lists tables
        return table in self._tables

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # --- typo blocking ------------------------------------------------------------------

    def typo_candidates(self, key: str) -> set[str]:
        """The folded keys a typed folded key may be one or two edits from: any key one edit away
        (an insertion, deletion, substitution or swap of two letters anywhere) is among them.

        Three blocks, each an expression index (lvterm.schema.EXPRESSION_INDEXES) on keys of the
        same length +-1: sharing characters 1-3, 4-7, or the three before the last three (counted
        from the end: a Latvian key ends in a case ending, too common to block on). An edit after
        the third character leaves the first block; one within the first three (or a swap of the
        third and fourth) leaves the end block of a key of ten characters or more. For a shorter
        one (a query of up to `HEAD_EDITS_MAX_CHARS`) the edit is undone instead: `head_edits`,
        looked up in the fold_key index. Keys two edits away come where a block survives both."""
        n = len(key)
        if n < FUZZY_MIN_CHARS:
            return set()
        block = "select fold_key from term_forms where {} = ? and length(fold_key) between ? and ?"
        sql = " union all ".join(block.format(e) for e in ("substr(fold_key, 1, 3)", "substr(fold_key, 4, 4)",
                                                           "substr(fold_key, -6, 3)"))
        args = []
        for part in (key[:3], key[3:7], key[-6:-3]):
            args += [part, n - 1, n + 1]
        cands = {r[0] for r in self.conn.execute(sql, args)}
        if n <= HEAD_EDITS_MAX_CHARS:
            edits = json.dumps(sorted(head_edits(key)), ensure_ascii=False)
            cands.update(r[0] for r in self.conn.execute(
                "select fold_key from term_forms where fold_key in (select value from json_each(?))", (edits,)))
        return cands

    def fuzzy_keys(self, key: str, *, limit: int) -> list[tuple[str, float]]:
        """Folded keys (any language) within one or two edits' similarity of `key`, best first:
        `typo_candidates` ranked by rapidfuzz's optimal-string-alignment similarity (a swap of two
        letters is one edit, as typists make it), then Indel ratio. The language is filtered
        when keys are resolved to terms."""
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import OSA

        cands = self.typo_candidates(key)
        if not cands:
            return []
        found = process.extract(key, list(cands), scorer=OSA.normalized_similarity, score_cutoff=FUZZY_CUTOFF / 100,
                                limit=limit * 3)
        ranked = sorted(((k, s * 100, fuzz.ratio(key, k)) for k, s, _ in found), key=lambda x: (-x[1], -x[2], x[0]))
        return [(k, s) for k, s, _ in ranked]


#: What a folded key is spelt with (`keys.fold`: lower-case, no diacritics; words joined by spaces,
#: inner hyphens and apostrophes kept): the characters a typo's undoing may put back.
KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 -'’"
HEAD_CHARS = 3  # the first characters, where the first block does not survive an edit
#: A key of HEAD_CHARS + 1 + 6 = 10 characters or more keeps its end block (characters -6 to -4)
#: through an edit in its first HEAD_CHARS (a swap reaching the fourth, too); a shorter key that
#: loses both blocks to one is typed in at most 9 (the swap in a 9-character key: a deletion makes
#: the query shorter, and an insertion loses the end block only in a key of 7 or fewer).
#: tests/test_lookup_gold_queries.py tries every edit of every key up to 12 characters.
HEAD_EDITS_MAX_CHARS = HEAD_CHARS + 6


def head_edits(key: str) -> set[str]:
    """Every string one edit from `key` in its first `HEAD_CHARS` characters: one of them deleted,
    replaced or swapped with the next, or a character inserted before one of them (from
    `KEY_ALPHABET` and the key's own)."""
    alphabet = set(KEY_ALPHABET) | set(key)
    out = set()
    for i in range(min(HEAD_CHARS, len(key) + 1)):
        head, tail = key[:i], key[i:]
        out.update(head + c + tail for c in alphabet)
        if tail:
            out.add(head + tail[1:])
            out.update(head + c + tail[1:] for c in alphabet)
        if len(tail) > 1:
            out.add(head + tail[1] + tail[0] + tail[2:])
    out.discard(key)
    return out


@lru_cache(maxsize=8)
def _open(path: str, mtime_ns: int, size: int) -> LookupIndex:
    return LookupIndex(path)


def open_index(db_path: str | os.PathLike) -> LookupIndex:
    """A cached LookupIndex for a database file (reopened when the file changes)."""
    p = Path(db_path)
    try:
        st = p.stat()
    except OSError:
        st = None
    if st is None or not p.is_file():
        schema.connect(p)  # raises the one wording for a missing library
    return _open(str(p.resolve()), st.st_mtime_ns, st.st_size)


# --- matching ---------------------------------------------------------------------------


def _key_hits(index: LookupIndex, q: str, lang: str, *, limit: int) -> dict[int, tuple[float, str, str]]:
    """term id -> (score, via, matched form) from the indexed keys of one language."""
    mod = get_lang(lang)
    fold, stem = mod.fold_key(q), mod.stem_key(q)
    hits: dict[int, tuple[float, str, str]] = {}

    def add(tid: int, score: float, via: str, form: str) -> None:
        if tid not in hits or hits[tid][0] < score:
            hits[tid] = (score, via, form)

    c = index.conn
    if fold:
        for r in c.execute("select f.term_id, f.form from term_forms f join terms t on t.id = f.term_id "
                           "where f.fold_key = ? and t.lang = ?", (fold, lang)):
            add(r[0], SCORES["exact"] if r[1] == q else SCORES["fold"], "exact" if r[1] == q else "fold", r[1])
    if stem:
        for r in c.execute("select f.term_id, f.form from term_forms f join terms t on t.id = f.term_id "
                           "where f.stem_key = ? and t.lang = ?", (stem, lang)):
            add(r[0], SCORES["stem"], "stem", r[1])
    # Where every inflected form of a term is in term_forms (generated from its paradigm: Latvian),
    # the lemma key, which loads the lexicon, is asked only when no form or stem matched.
    inflected = getattr(mod, "inflect_term", None) is not None
    lemma = "" if inflected and any(h[0] >= SCORES["stem"] for h in hits.values()) else mod.lemma_key(q)
    if lemma:
        for r in c.execute("select id, term from terms where lemma_key = ? and lang = ?", (lemma, lang)):
            if not _homonym_of_a_name(q, r[1]):
                add(r[0], SCORES["lemma"], "lemma", r[1])
    if len(hits) < limit and len(fold) >= 3:
        rows = c.execute("select f.term_id, f.form, f.fold_key from term_forms f join terms t on t.id = f.term_id "
                         "where f.fold_key > ? and f.fold_key < ? and t.lang = ? limit ?",
                         (fold, fold + "\uffff", lang, limit * 4)).fetchall()
        for r in rows:
            if _typed_so_far(q, fold, r[2], r[1]):
                add(r[0], SCORES["prefix"] * len(fold) / len(r[2]), "prefix", r[1])
    return hits


def _homonym_of_a_name(query: str, term: str) -> bool:
    """A lemma-key match that reaches a word of the term written in capitals (an acronym, a name:
    ES, the EU) from another word of the query (manis, manī, man: es, "I", whose lemma the acronym
    spells): an acronym has no inflected forms, so the query's word is a homonym's form, and the
    match no match (the term as typed, in any case, matches by its fold key)."""
    typed, theirs = heading_words(query), heading_words(term)
    return len(typed) == len(theirs) and any(in_capitals(t) and fold(q) != fold(t) for q, t in zip(typed, theirs))


def _typed_so_far(query: str, fold: str, key: str, form: str) -> bool:
    """Whether a query whose folded key `fold` starts a term's form (folded `key`) is that term
    typed so far. It stops in a word of the term ("biedra nau", "tīklo") and, if it is a single
    word, that word is not a word spelt right ("face" is not Facebook, "pieredze" not pieredzes
    apmaiņa, "social" not sociālā tīkla); a single word that is the term's first word whole
    ("darba" of darba devējs, "membership" of membership fee) names a longer term, which `related`
    offers; but two or more words that open a name, written with its capitals, are that name typed
    so far ("Latvijas Nacionālās", "LIS New Professionals"; not "national library"). A name
    written as one dotted token is named by its first part: Draugiem.lv."""
    typed = words(query)
    if key[len(fold)].isalnum():  # mid-word
        return len(typed) > 1 or not _real_word(typed[-1])
    spans = tokens(form)
    if len(typed) > 1:
        opening = [w for _, _, w in spans[:len(typed)]]
        capitals = [w[:1].isupper() for w in opening]
        return any(capitals) and all(t[:1].isupper() == c for t, c in zip(typed, capitals))
    n = fold.count(" ") + 1
    return 0 < n < len(spans) and form[spans[n - 1][1]:spans[n][0]] == "."


def _variant_hits(index: LookupIndex, q: str, langs: tuple[str, ...], *,
                  limit: int) -> dict[str, dict[int, tuple[float, str, str]]]:
    """lang -> `_key_hits` of the query and of the other ways it may name a term in that language
    (English: without a leading article, "the membership fee", in British spelling; Latvian: read
    as typed with aa for ā, sh for š; both: "&" as a word, hyphens as spaces), the best hit of each
    term. The query itself is asked first, in every language; the other ways, in their order, only
    until one matches a term by key (lemma or better): a query that does names that term as typed."""
    def matched(hits: dict) -> bool:
        return any(h[0] >= SCORES["lemma"] for h in hits.values())

    out = {L: _key_hits(index, q, L, limit=limit) for L in langs}
    if any(matched(hits) for hits in out.values()):
        return out
    for L, hits in out.items():
        for v in get_lang(L).query_variants(q)[1:]:
            for tid, hit in _key_hits(index, v, L, limit=limit).items():
                if tid not in hits or hits[tid][0] < hit[0]:
                    hits[tid] = hit
            if matched(hits):
                break
    return out


def _real_word(word: str, *, lang: str | None = None) -> bool:
    """A word of three letters or more spelt right (`lang.lv.is_word`, `lang.en.is_word`; a
    possessive 's dropped): typed, it means itself, not a term one letter away. In `lang`, the
    language of the term it would be a typo of, also typed without its diacritics ("biedriba" is
    biedrība); in the other language only as that language spells it: "Profesionals" is no
    English word, nor Latvian as typed (profesionāls), so it can be a typo of Professionals, while
    the English "profits" is never the Latvian "profils". `lang` None: either language, either way."""
    for ending in ("'s", "’s"):
        if word.lower().endswith(ending):
            word = word[:-2]
    if len(word) < 3:
        return False
    if lang is None:
        return any(get_lang(L).is_word(word) for L in LANGS)
    return any(get_lang(L).is_word(word) if L == lang else get_lang(L).is_word(word, folded=False) for L in LANGS)


def typo_of(query: str, key: str, *, lang: str | None = None) -> bool:
    """Whether a term's folded key can be what the query meant, mistyped. Word by word, each word
    of the query that differs from the term's is at most one edit away (a swap of two letters is
    one; two in a word of eight letters or more) and is not itself a word spelt right (`_real_word`
    for a term of `lang`): "biedra nuada" and "memebrship fee" are typos, "employee" is not
    "employer", "profits" not "profils", "darba nemejs" (ņēmējs typed without its letters) not "darba
    devejs". A query that splits or joins words ("LAT network") is measured whole, one edit per
    eight letters. A wrong equivalent shown as a term is worse than none."""
    from rapidfuzz.distance import OSA

    typed = words(query)
    qs, ks = fold_key(query).split(), key.split()
    if len(qs) != len(ks):
        return OSA.distance(" ".join(qs), key) <= 1 + len(key) // 8
    for word, a, b in zip(typed, qs, ks):
        if a != b and (OSA.distance(a, b) > (1 if len(b) < 8 else 2) or _real_word(word, lang=lang)):
            return False
    return True


def _fuzzy_hits(index: LookupIndex, q: str, langs: tuple[str, ...], *,
                limit: int) -> dict[str, dict[int, tuple[float, str, str]]]:
    """lang -> term id -> (score, "fuzzy", form): the typo fallback over folded keys."""
    from rapidfuzz.distance import OSA

    hits: dict[str, dict[int, tuple[float, str, str]]] = {L: {} for L in langs}
    # the query, and without a leading article ("the memebrship fee"): one candidate search each
    queries = {fold_key(v): v for v in en_query_variants(q, respelt=False)}
    sim: dict[str, tuple[float, str]] = {}  # key -> (similarity, the query variant it is measured from)
    for folded, typed in queries.items():
        for k, score in index.fuzzy_keys(folded, limit=limit):
            if k not in sim or sim[k][0] < score:
                sim[k] = (score, typed)
    if not sim:
        return hits
    marks = ",".join("?" * len(sim))
    typo: dict[tuple[str, str, str], bool] = {}  # (typed, key, lang) -> typo_of
    for r in index.conn.execute(f"select f.term_id, f.form, f.fold_key, t.lang from term_forms f join terms t "
                                f"on t.id = f.term_id where f.fold_key in ({marks})", tuple(sim)):
        tid, form, key, L = r[0], r[1], r[2], r[3]
        if L not in hits:
            continue
        similarity, typed = sim[key]
        if (typed, key, L) not in typo:
            typo[(typed, key, L)] = typo_of(typed, key, lang=L)
        if not typo[(typed, key, L)]:
            continue
        score = SCORES["fuzzy"] * similarity / 100.0
        if not typed.isascii():  # typed with its diacritics: they count where the folded keys tie
            low, written = typed.lower(), form.lower()
            score -= FUZZY_DIACRITIC_TIE * (OSA.distance(low, written) - OSA.distance(fold(low), fold(written)))
        if tid not in hits[L] or hits[L][tid][0] < score:
            hits[L][tid] = (score, "fuzzy", form)
    return hits


def lookup(query: str, *, db_path: str | os.PathLike | None = None, index: LookupIndex | None = None,
           lang: str = "auto", limit: int = 10, examples: int = 3) -> list[dict[str, Any]]:
    """Best-matching concepts first, as dicts (lv, en, status, score, forms, examples, ...).

    Bad queries (empty, punctuation only, longer than any term) give an empty list; use
    `check_query` first to get a message instead. `lang` is lv, en or auto.
    """
    if lang not in ("lv", "en", "auto"):
        raise InputError(f"--lang must be lv, en or auto (got {lang!r})")
    try:
        q = check_query(query)
    except InputError as exc:
        log.info("%s", exc)
        return []
    if limit < 1:
        return []
    if index is None:
        if db_path is None:
            raise LvtermError("lookup needs db_path or index")
        index = open_index(db_path)
    detected = detect_lang(q) if lang == "auto" else lang
    langs = (lang,) if lang in LANGS else LANGS
    best: dict[str, tuple[float, int, str, str, str]] = {}  # concept -> (score, term id, via, form, lang)
    per_lang = _variant_hits(index, q, langs, limit=limit)
    if not any(h[0] >= SCORES["lemma"] for hits in per_lang.values() for h in hits.values()):
        for L, fuzzy in _fuzzy_hits(index, q, langs, limit=limit).items():  # no key matched: typo fallback
            for tid, hit in fuzzy.items():
                if tid not in per_lang[L] or per_lang[L][tid][0] < hit[0]:
                    per_lang[L][tid] = hit
    concept_of: dict[int, str] = {}
    for L, hits in per_lang.items():
        if hits:
            marks = ",".join("?" * len(hits))
            concept_of.update(index.conn.execute(f"select id, concept_id from terms where id in ({marks})",
                                                 tuple(hits)))
    if not concept_of:
        return []
    info = _concept_info(index, sorted(set(concept_of.values())))
    for L, hits in per_lang.items():
        for tid, (score, via, form) in hits.items():
            cid = concept_of[tid]
            if lang == "auto" and detected == L and info[cid]["decided"]:
                score = min(1.0, score + 0.01)  # the language bonus never lifts a proposal over a decided entry
            if cid not in best or best[cid][0] < score:
                best[cid] = (score, tid, via, form, L)
    ranked = sorted(best.items(), key=lambda kv: _rank(kv[1], info[kv[0]]))
    out = []
    for cid, (score, tid, via, form, L) in ranked[:limit]:
        out.append(_entry(index, cid, score=score, matched=(tid, via, form, L), n_examples=examples))
    return out


def _rank(hit: tuple, info: dict) -> tuple:
    """Sort key of a concept: better match first; where two match as well, a decided entry
    (curated or accepted) before a machine proposal, then curated first, then more frequent."""
    return -round(hit[0], 6), -info["decided"], -info["curated"], -info["frequency"]


def _concept_info(index: LookupIndex, ids: list[str]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for chunk in range(0, len(ids), 500):  # SQLite's bound-parameter limit
        part = ids[chunk:chunk + 500]
        rows = index.conn.execute(
            f"select concept_id, max(curated), sum(frequency), max(status != 'proposed') from terms "
            f"where concept_id in ({','.join('?' * len(part))}) group by concept_id", tuple(part))
        out.update({r[0]: {"curated": r[1] or 0, "frequency": r[2] or 0, "decided": r[3] or 0} for r in rows})
    return out


def _entry(index: LookupIndex, cid: str, *, score: float, matched: tuple, n_examples: int) -> dict[str, Any]:
    c = index.conn
    concept = c.execute("select * from concepts where id = ?", (cid,)).fetchone()
    terms = [dict(r) for r in c.execute("select * from terms where concept_id = ? order by id", (cid,))]
    terms.sort(key=lambda t: (t["lang"], status_rank(t["status"]), t["id"]))
    lv_terms = [t for t in terms if t["lang"] == "lv"]
    en_terms = [t for t in terms if t["lang"] == "en"]
    head = lv_terms[0] if lv_terms else terms[0]
    lv_ids = [t["id"] for t in lv_terms]
    guesses = {t["id"]: machine_guess(index, t, lv_ids) for t in en_terms}  # every English term against its bar
    shown = [t for t in en_terms if guesses[t["id"]] is None]
    tid, via, form, lang = matched
    # the forms seen or recorded; the generated paradigm (generated = 1) is there to be matched
    forms = {r["form"]: r["count"] for r in c.execute("select * from term_forms where term_id = ? "
                                                      "order by count desc, id", (head["id"],))
             if not (r["generated"] if "generated" in r.keys() else 0)}
    return {
        "concept_id": cid,
        "lv": head["term"],
        "en": shown[0]["term"] if shown else None,
        "machine_guess": None if shown else next((guesses[t["id"]] for t in en_terms), None),
        "en_terms": [t["term"] for t in shown],  # (a guess is no equivalent: `machine_guess`, `terms`)
        "lv_terms": [t["term"] for t in lv_terms],
        "status": head["status"],
        "reliability": head["reliability"],
        "term_type": head["term_type"],
        "score": round(score, 4),
        "matched": {"lang": lang, "term": next(t["term"] for t in terms if t["id"] == tid), "form": form,
                    "via": via},
        "forms": forms,
        "frequency": head["frequency"],
        "subject_field": concept["subject_field"],
        "definition": concept["definition"],
        "note": concept["note"],
        "origin": concept["origin"],
        "terms": [{"lang": t["lang"], "term": t["term"], "status": t["status"], "reliability": t["reliability"],
                   "term_type": t["term_type"], "machine_guess": guesses.get(t["id"])} for t in terms],
        "examples": guess_notes(c, _examples(index, [t["id"] for t in terms if not guesses.get(t["id"])],
                                             limit=n_examples), [tid for tid, g in guesses.items() if g]),
    }


def display_threshold(sentence_pairs: int) -> float:
    """The pairing confidence a machine proposal's English term needs to be shown as the entry's
    equivalent, when the post its confidence came from used its terms together in `sentence_pairs`
    distinct sentence pairs (`constants.DISPLAY_MIN_CONFIDENCE`; one or none:
    `DISPLAY_MIN_CONFIDENCE_ONE_PAIR`, a pair seen once being surer by its confidence than it is)."""
    return DISPLAY_MIN_CONFIDENCE if sentence_pairs >= 2 else DISPLAY_MIN_CONFIDENCE_ONE_PAIR


def machine_guess(index: LookupIndex, en_term: dict[str, Any], lv_ids: list[int]) -> dict[str, Any] | None:
    """An English term of an entry (`en_term`, a `terms` row) held back from being shown as its
    equivalent: a machine proposal (not curated, nobody accepted it) whose pairing confidence (its
    note's; none noted counts as too low) is under its `display_threshold`. Then {"en": the term,
    "confidence", "threshold": the one it missed}: interfaces show it only as the machine's guess,
    never as an equivalent (`guess_line`). None: it may be shown as an equivalent. A wrong
    equivalent shown as a term is worse than none.

    The confidence is the highest any one post gave the pair (the build's merge keeps that post's
    note whole), computed in that post alone; a pair a post used once is overconfident whatever
    other posts add. The note gives, with the confidence, the distinct sentence pairs of that post
    (`termbase.confidence_note`), and the threshold is theirs: a pair a post used in two, held back
    by no other post's using it once (*apmeklētājs -> visitor*), while a pair seen once in each of
    two posts still needs the one-pair threshold. A note without them (a library built before they
    were noted) takes the lower threshold only when every post pair using the two terms together
    uses them in two distinct sentence pairs or more (`_fewest_sentence_pairs`)."""
    from .termbase import note_evidence

    if en_term["status"] != "proposed" or en_term.get("curated") or en_term["lang"] != "en":
        return None
    confidence, pairs = note_evidence(en_term.get("note"))
    if confidence is not None and confidence >= max(DISPLAY_MIN_CONFIDENCE, DISPLAY_MIN_CONFIDENCE_ONE_PAIR):
        return None
    threshold = display_threshold(_fewest_sentence_pairs(index, lv_ids, en_term["id"]) if pairs is None else pairs)
    if confidence is not None and confidence >= threshold:
        return None
    return {"en": en_term["term"], "confidence": confidence, "threshold": threshold}


def _fewest_sentence_pairs(index: LookupIndex, lv_ids: list[int], en_id: int) -> int:
    """Of the post pairs (beads' `pair`) that use the English term and one of the Latvian terms
    together, the fewest distinct sentence pairs (by text: a sentence repeated in a post is one) any
    of them uses them in; 0 when none does (or the library has no occurrences)."""
    if not lv_ids or not index.has("occurrences") or not index.has("beads"):
        return 0
    marks = ",".join("?" * len(lv_ids))
    found = index.conn.execute(
        f"select min(n) from (select count(*) as n from (select distinct b.pair, b.lv_text, b.en_text from beads b "
        f"where b.id in (select bead_id from occurrences where term_id = ?) and b.id in "
        f"(select bead_id from occurrences where term_id in ({marks}))) group by pair)", (en_id, *lv_ids)).fetchone()
    return found[0] or 0


def term_guess(index: LookupIndex, term_id: int) -> dict[str, Any] | None:
    """`machine_guess` of one term of the library by its id (None for a Latvian term, a decided
    one, one shown as an equivalent); LookupError when the library has no such term."""
    row = index.conn.execute("select * from terms where id = ?", (term_id,)).fetchone()
    if row is None:
        raise LookupError(f"no term {term_id}")
    if row["lang"] != "en" or row["status"] != "proposed":
        return None
    lv_ids = [r[0] for r in index.conn.execute("select id from terms where concept_id = ? and lang = 'lv'",
                                               (row["concept_id"],))]
    return machine_guess(index, dict(row), lv_ids)


def machine_guesses(conn: sqlite3.Connection) -> dict[tuple[str, str], dict[str, Any]]:
    """(concept id, English term) -> `machine_guess` of every English term of the library held
    back from being shown as an equivalent: what the exports mark as guesses."""
    factory = conn.row_factory
    try:
        index = index_on(conn)
        lv_ids: dict[str, list[int]] = {}  # concept id -> its Latvian terms' ids (`term_guess`'s, in one query)
        for tid, cid in conn.execute("select id, concept_id from terms where lang = 'lv' order by id").fetchall():
            lv_ids.setdefault(cid, []).append(tid)
        out = {}
        for row in conn.execute("select * from terms where lang = 'en' and status = 'proposed' order by id").fetchall():
            term = dict(row)
            guess = machine_guess(index, term, lv_ids.get(term["concept_id"], []))
            if guess:
                out[(term["concept_id"], term["term"])] = guess
        return out
    finally:
        conn.row_factory = factory


def entry_guesses(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """Every English term of a `lookup` entry held back as a machine guess (`machine_guess`), in
    the entry's order: what an interface names as guesses and leaves out of its other terms."""
    return [t["machine_guess"] for t in entry["terms"] if t.get("machine_guess")]


def _examples(index: LookupIndex, term_ids: list[int], *, limit: int) -> list[dict[str, Any]]:
    if not index.has("occurrences") or not index.has("beads"):
        return []
    return concept_examples(index.conn, term_ids, limit=limit)


def concept_examples(conn: sqlite3.Connection, term_ids: list[int], *, limit: int,
                     in_order: bool = False) -> list[dict[str, Any]]:
    """Up to `limit` sentence pairs (beads) where a term of the concept occurs, with the spans of its
    terms (`TermMatcher`), best-aligned first (`in_order`: in pair order, as the entry page lists
    them). Only pairs using a term of the concept on both sides when there is one; a pair with a term
    on one side only (the other side says it with another word: *nodaļa* for *section*) is shown
    only when no pair has both, and says so (`both_sides`, `one_side_note`). `conn`: a library with
    occurrences and beads (`lvterm lookup`'s examples, the site's, and `lvterm review`'s). Lookup
    and the site leave out the terms held back as machine guesses (`machine_guess`): no example
    marks a guess, nor counts as using the entry's English for it."""
    if limit < 1 or not term_ids:
        return []
    marks = ",".join("?" * len(term_ids))
    rows = conn.execute(
        f"select b.id, b.lv_text, b.en_text, b.score, count(distinct t.lang) as sides from occurrences o "
        f"join terms t on t.id = o.term_id join beads b on b.id = o.bead_id "
        f"where o.term_id in ({marks}) and b.lv_text != '' and b.en_text != '' "
        f"group by b.id order by sides desc, {'b.id' if in_order else 'b.score desc, b.id'} limit ?",
        (*term_ids, limit)).fetchall()
    if not rows:
        return []
    matchers = library_matchers(conn, term_ids)
    return both_sides_first([{"lv": r[1], "en": r[2], "bead_id": r[0], "score": r[3],
                              "lv_spans": spans(matchers["lv"].find(r[1] or "")),
                              "en_spans": spans(matchers["en"].find(r[2] or ""))} for r in rows])


def both_sides_first(examples: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The examples (dicts with `lv_spans` and `en_spans`, in the order to show them), each with
    `both_sides` (a term of the entry marked in both languages), keeping only those with both sides
    when there is one: a pair whose other side uses another word shows a translator a wrong
    equivalent next to the term, so it is shown only when it is all there is."""
    for ex in examples:
        ex["both_sides"] = bool(ex.get("lv_spans")) and bool(ex.get("en_spans"))
    two = [ex for ex in examples if ex["both_sides"]]
    return two or examples


def guess_notes(conn: sqlite3.Connection, examples: list[dict[str, Any]], guess_ids: list[int]) -> list[dict[str, Any]]:
    """The examples (dicts with `en` and `en_spans`), each whose English side has none of the
    entry's terms but one of its English terms held back as machine guesses (`guess_ids`, found as
    lookup finds terms: `library_matchers`) with `en_guess`, that term, for `one_side_note` to name
    ("Latvija": the English side has the guess "Latvia", not another word). `lvterm lookup`, the
    home page, the entry page and term_lookup's `example_note` all go through this."""
    bare = [ex for ex in examples if not ex.get("en_spans") and ex.get("en")]
    if not bare or not guess_ids:
        return examples
    matcher = library_matchers(conn, guess_ids)["en"]
    marks = ",".join("?" * len(guess_ids))
    names = dict(conn.execute(f"select id, term from terms where id in ({marks})", tuple(guess_ids)).fetchall())
    for ex in bare:
        found = matcher.find(ex["en"])
        if found:
            ex["en_guess"] = names.get(found[0].value)
    return examples


def one_side_note(example: dict[str, Any]) -> str | None:
    """What an example with a term of the entry on one side only says about the other ("the Latvian
    side uses another word"; an English side with the entry's machine guess, `guess_notes`: "the
    English side has the machine guess «Latvia»"); None for a pair using the entry's terms on both
    sides."""
    if example.get("both_sides", True):
        return None
    bare = [LANGUAGE_NAMES[L] for L in ("lv", "en") if not example.get(f"{L}_spans")]
    guess = example.get("en_guess")
    if guess:
        has = f"the English side has the machine guess «{guess}»"
        return has if len(bare) == 1 else f"the Latvian side uses another word, {has}"
    if len(bare) == 2:
        return "neither side uses a term of the entry"
    return f"the {bare[0]} side uses another word"


def format_examples(examples, *, style=None, limit: int = 2) -> list[str]:
    """Numbered lv/en example lines with the terms' spans highlighted (`matcher.highlight`), and
    under a pair using the entry's terms on one side only, which side uses another word
    (`one_side_note`)."""
    lines = []
    for i, ex in enumerate(list(examples)[:limit], 1):
        lines.append(f"  {i}. lv: {highlight(ex['lv'], ex.get('lv_spans', []), style=style)}")
        lines.append(f"     en: {highlight(ex['en'], ex.get('en_spans', []), style=style)}")
        note = one_side_note(ex)
        if note:
            lines.append(f"     ({note})")
    return lines


def guess_line(guesses: list[dict[str, Any]]) -> str:
    """What an entry says of its English terms held back as machine guesses (`entry_guesses`):
    "machine guess: touch (confidence 0.52), not reviewed"; of several, "machine guesses: touch
    (confidence 0.52), contact (no confidence noted), not reviewed"."""
    def one(guess):
        confidence = guess.get("confidence")
        return f"{guess['en']} ({'no confidence noted' if confidence is None else f'confidence {confidence:.2f}'})"

    return f"machine guess{'es' * (len(guesses) > 1)}: {', '.join(map(one, guesses))}, not reviewed"


def format_entry(entry: dict[str, Any], *, style=None, n_examples: int = 2) -> str:
    """A readable dictionary-page entry for one lookup result. A machine proposal's English under
    its display threshold is never shown as an equivalent: with no other, "saziņa  →  (no English
    equivalent yet)"; under the headline, `guess_line` names every guess, which "also" leaves out,
    and the examples do not mark it."""
    lines = [f"{entry['lv']}  →  {entry['en'] or '(no English equivalent yet)'}"]
    guesses = entry_guesses(entry)
    if guesses:
        lines.append(f"  {guess_line(guesses)}")
    others = [t for t in entry["terms"] if t["term"] not in (entry["lv"], entry["en"]) and not t.get("machine_guess")]
    meta = f"  status: {status_label(entry['status'])} · reliability {entry['reliability']}/4"
    if entry.get("subject_field"):
        meta += f" · {entry['subject_field']}"
    meta += f" · match: {entry['matched']['via']} ({entry['score']:.2f})"
    if entry["matched"]["via"] == "fuzzy":
        meta += f", did you mean “{entry['matched']['form']}”?"
    lines.append(meta)
    if apart := english_apart(entry):
        status, rel = apart
        lines.append(f"  English: {status_label(status)}" + (f" · reliability {rel}/4" if rel else ""))
    if others:
        lines.append("  also: " + "; ".join(f"{t['term']} ({t['lang']}, {t['status']})" for t in others))
    if entry.get("definition"):  # (a curated definition may have several lines: each indented)
        first, *rest = entry["definition"].splitlines() or [""]
        lines.append(f"  definition: {first}")
        lines += [f"              {line}" for line in rest]
    for note in (entry.get("note") or "").splitlines():
        lines.append(f"  note: {note}")
    seen = [f"{f} ({n})" for f, n in entry["forms"].items() if n > 0]
    lines.append("  forms seen: " + (", ".join(seen) if seen else "none in the corpus yet"))
    lines += format_examples(entry["examples"], style=style, limit=n_examples)
    return "\n".join(lines)


# --- the web's search: the same engine on the server's connection, and longer terms ------------------


def index_on(conn: sqlite3.Connection) -> LookupIndex:
    """A LookupIndex on a connection someone else opened and owns (the web server's, in its thread,
    rows as sqlite3.Row), so the site's search is `lookup` itself."""
    index = LookupIndex(Path(os.devnull))
    if conn.row_factory is None:  # the look-ups read columns by name (a plain connection gets sqlite3.Row)
        conn.row_factory = sqlite3.Row
    index._conn, index._tables = conn, schema.table_names(conn)
    return index


def related(query: str, *, index: LookupIndex, lang: str = "auto", limit: int = 10,
            exclude: tuple[str, ...] = (), examples: int = 1) -> list[dict[str, Any]]:
    """Entries whose term contains the query's words as whole words, in any inflection ("networks"
    -> social network, network of libraries): what a searcher also wants to see after `lookup`'s
    own matches. Same dicts as `lookup` (matched via "contains"), decided entries first, then
    curated, then more frequent; concepts in `exclude` left out. A scan of the terms' stem keys."""
    try:
        q = check_query(query)
    except InputError:
        return []
    langs = (lang,) if lang in LANGS else LANGS
    keys: dict[str, set[str]] = {}  # stem key -> the languages it is the query's key in
    for L in langs:
        key = get_lang(L).stem_key(q)
        if key:
            keys.setdefault(key, set()).add(L)
    found: dict[str, tuple[int, str]] = {}
    for key, key_langs in keys.items():  # one scan a distinct key; whole words checked here
        for tid, cid, L, stem_key in index.conn.execute(
                "select id, concept_id, lang, stem_key from terms where instr(stem_key, ?) > 0 order by id", (key,)):
            if (L in key_langs and stem_key != key and cid not in exclude
                    and f" {key} " in f" {stem_key} "):
                found.setdefault(cid, (tid, L))
    if not found:
        return []
    info = _concept_info(index, sorted(found))
    ranked = sorted(found, key=lambda cid: (-info[cid]["decided"], -info[cid]["curated"], -info[cid]["frequency"],
                                            cid))
    return [_entry(index, cid, score=SCORES["prefix"] / 2, matched=(found[cid][0], "contains", q, found[cid][1]),
                   n_examples=examples) for cid in ranked[:limit]]


#: A break between two words: punctuation then space ("biedrs. Naudu", "biedra, naudu"), a bracket
#: or quote, a dash between spaces; no term spans one unless it has it itself ("21. gadsimta
#: prasmes", "U.S. Library of Congress"; a name's inner dot, "Draugiem.lv", is no break).
_WORD_BREAK = re.compile(r"[.,;:!?…]\s|[()\[\]{}«»“”„\"]|\s[–—]\s")


#: A hyphen joining two words ("round-table", "in-person") and an apostrophe before a Latvian case
#: ending of a foreign name ("Facebook'ā", "LinkedIn’ā"): `within` also reads the text with them as
#: spaces, so that a term written apart ("round table") or the name alone is found there.
_JOINS = re.compile(r"(?<=\w)-(?=\w)|(?<=\w)['’](?=[a-zāčēģīķļņšūž]{1,3}\b)")


def _apart(text: str) -> str:
    """`text` with `_JOINS` as spaces: the same length, so a match's offsets are the text's."""
    return _JOINS.sub(" ", text)


def _reads_as_term(form: str, term: str, *, capitals: bool) -> bool:
    """Whether words of a text matched to `term` by their keys are that term: no break between them
    that the term does not have; a term in capitals (UN, AR; NGO as "NGOs") only where written so
    in a text that is not all in capitals (`capitals`: a heading, where "UN" is still "and"), not
    the word "un" (and) or "ar" (with); and never a term of one letter (vitamin A is no "A" opening
    a sentence)."""
    if len(term) == 1 or (_WORD_BREAK.search(form) and not _WORD_BREAK.search(term)):
        return False
    return not in_capitals(term) or (re.sub(r"['’]?s$", "", form).isupper() and not capitals)


def within(query: str, *, index: LookupIndex, lang: str = "auto", limit: int = 10, exclude: tuple[str, ...] = (),
           examples: int = 1) -> list[dict[str, Any]]:
    """Entries whose terms occur in a text ("Tiklosana ir svariga, bet biedra naudu maksa darba
    devejs" -> tīklošana, biedra nauda, darba devējs): the terms of a sentence a translator pasted,
    the counterpart of `related`. Same dicts as `lookup` (matched via "within", `form` the words as
    the text writes them), in the text's order; [] for a text of no words or over
    `MAX_TEXT_CHARS` characters.

    A term occurs where the stem keys of some of the text's words, in a row, are those of one of
    its forms (`term_forms`: the forms seen and the generated paradigm, so "zuša" is zutis), with or
    without diacritics, in the text's language (`lang.guess.text_language` of the sentence: its
    function words and Latvian letters; both when it does not tell). In the other language only a
    form written as stored counts (an English text's "Latvijas", "Facebook"; its "date" is no
    Latvian dati, though they share a stem key). Never across a sentence or clause break, a term
    in capitals only where written so, a term of one letter never (`_reads_as_term`); an English
    term the machine proposed is not looked for where its English is held back as a guess (it is
    no equivalent). The one term matcher marks them: where terms overlap the longest wins, and a
    decided term is never hidden by a machine proposal (those are marked where no decided term
    is); terms that share a key (homonyms) are all listed. Concepts in `exclude` are left out."""
    if lang not in ("lv", "en", "auto"):
        raise InputError(f"--lang must be lv, en or auto (got {lang!r})")
    q = " ".join(to_nfc(query or "").split())
    if limit < 1 or not words(q) or len(q) > MAX_TEXT_CHARS:
        return []
    from ..lang.guess import text_language

    own = text_language(q, min_signs=1, share=0.6)
    capitals = not any(ch.islower() for ch in q)
    texts = list(dict.fromkeys((q, _apart(q))))  # the text, and its joined words apart (same offsets)
    joins = [m.start() for m in _JOINS.finditer(q)]
    hyphens = [at for at in joins if q[at] == "-"]
    apostrophes = set(joins) - set(hyphens)

    def joined(m: Match) -> bool:
        """A match of the text read apart takes what the join joined: it spans a hyphen ("round
        table" in "round-table"; never "member" in "non-member") or is a name up to its apostrophe."""
        return any(m.start < h < m.end for h in hyphens) or m.end in apostrophes
    found: dict[str, tuple[int, bool, int, str, str]] = {}  # concept -> (offset, not as stored, term id, form, lang)
    for L in (lang,) if lang in LANGS else LANGS:
        stem = get_lang(L).stem
        runs: set[str] = set()
        for text in texts:
            keys = [stem(w) for w in heading_words(text)]
            runs |= {" ".join(keys[i:i + n]) for i in range(len(keys)) for n in range(1, MAX_TERM_WORDS + 1)
                     if i + n <= len(keys)}
        runs = sorted(runs - {""})
        rows = [r for r in _forms_with_keys(index, L, runs) if r["concept_id"] not in exclude
                and not (L == "en" and r["status"] == "proposed" and term_guess(index, r["id"]) is not None)]
        term = {r["id"]: r["term"] for r in rows}
        stored: dict[int, set[str]] = {}
        for r in rows:
            stored.setdefault(r["id"], set()).add(fold_key(r["form"]))
        foreign = own is not None and own != L

        def fits(m: Match, tid: int) -> bool:
            return (_reads_as_term(m.form, term[tid], capitals=capitals)
                    and (not foreign or fold_key(m.form) in stored[tid]))

        def keep(m: Match) -> bool:
            return any(fits(m, tid) for tid in m.values)

        marked: list[Match] = []
        for decided in (True, False):  # a decided term before a proposal, the text as written before apart
            matcher = _term_matcher([r for r in rows if (r["status"] != "proposed") == decided], L)
            for apart, text in enumerate(texts):
                taken = [(m.start, m.end) for m in marked]
                marked += matcher.find(text, keep=lambda m: keep(m) and (not apart or joined(m)) and not any(
                    m.start < e and s < m.end for s, e in taken))
        concept = {r["id"]: r["concept_id"] for r in rows}
        for m in marked:
            for tid in m.values:
                if fits(m, tid):
                    cid = concept[tid]
                    hit = (m.start, fold_key(m.form) not in stored[tid], tid, q[m.start:m.end], L)
                    if cid not in found or found[cid][:2] > hit[:2]:
                        found[cid] = hit
    ranked = sorted(found, key=lambda cid: found[cid][:2])[:limit]
    return [_entry(index, cid, score=SCORES["prefix"] / 2, matched=(found[cid][2], "within", found[cid][3],
                                                                     found[cid][4]), n_examples=examples)
            for cid in ranked]


def _forms_with_keys(index: LookupIndex, lang: str, keys: list[str]) -> list[dict[str, Any]]:
    """The terms of `lang` one of whose forms (or the term itself) has one of the stem `keys`, one
    row a form: id, concept_id, term, status, curated, frequency, form, stem_key; best term first
    (decided, curated, frequent). The forms are read by their stem key's index first (`cross join`:
    the plan cannot turn into a scan of a language's terms)."""
    rows: dict[tuple[int, str], dict[str, Any]] = {}
    for chunk in range(0, len(keys), 400):  # SQLite's bound-parameter limit
        part = keys[chunk:chunk + 400]
        marks = ",".join("?" * len(part))
        for r in index.conn.execute(
                f"select t.id, t.concept_id, t.term, t.status, t.curated, t.frequency, t.term as form, t.stem_key "
                f"from terms t where t.lang = ? and t.stem_key in ({marks}) "
                f"union all select t.id, t.concept_id, t.term, t.status, t.curated, t.frequency, f.form, f.stem_key "
                f"from term_forms f cross join terms t on t.id = f.term_id "
                f"where f.stem_key in ({marks}) and t.lang = ?",
                (lang, *part, *part, lang)):
            rows.setdefault((r[0], r[6]), dict(zip(("id", "concept_id", "term", "status", "curated", "frequency",
                                                   "form", "stem_key"), r)))
    return sorted(rows.values(), key=lambda r: (status_rank(r["status"]), -(r["curated"] or 0),
                                                -(r["frequency"] or 0), r["id"]))


def _term_matcher(rows: list[dict[str, Any]], lang: str) -> TermMatcher:
    """A matcher of these terms' forms with their stem keys, best term first (the rows' order)."""
    forms: dict[int, list[str]] = {}
    for r in rows:
        forms.setdefault(r["id"], []).append(r["form"])
    return TermMatcher(forms.items(), lang=lang, keys={r["form"]: r["stem_key"] for r in rows})


def english_apart(entry: dict[str, Any]) -> tuple[str, int | None] | None:
    """The status of the English term an entry shows (`en`) and its reliability, where they differ
    from the entry's (a Latvian name's unofficial English translation: admitted, 2/4); the
    reliability None when it is the entry's; None when the English is shown as the entry is."""
    english = next((t for t in entry["terms"] if t["lang"] == "en" and t["term"] == entry["en"]), None) \
        if entry["en"] else None
    if english is None:
        return None
    rel = english.get("reliability")
    rel = None if rel is None or rel == entry.get("reliability") else rel
    return (english["status"], rel) if english["status"] != entry["status"] or rel is not None else None


def written_form(entry: dict[str, Any]) -> str | None:
    """The words a query wrote for an entry `within` found, when they are not the entry's shown
    Latvian or English term but for case ("biedra naudu", "Tiklosana", a synonym's "professional
    development"); None when they are, or for another kind of match."""
    matched = entry.get("matched") or {}
    form = matched.get("form")
    if matched.get("via") != "within" or not form:
        return None
    shown = {(t or "").casefold() for t in (entry.get("lv"), entry.get("en"))}
    return None if form.casefold() in shown else form
