"""Post files: `corpus/posts/<slug>.<lang>.md`, YAML front matter then paragraphs separated by blank lines.

    ---
    slug: cpd23-5-...
    lang: lv
    title: ...
    translations: {en: cpd23-5-...}
    ---

    First paragraph.

    Second paragraph.

A file `lvterm ingest` writes records a digest of its own text, `ingested: sha256:...` after
`source:` (`dumps_ingested`; `ingest_digest`: the text without that line and without its
`translations:` entry), so a later run can tell a file edited by hand from one as ingest wrote it
(`ingest.edits`). It is no field of the Post (`load` leaves it out of `meta`); a file without it
is read as ever.

`dump(post, fp)` / `load(fp)` round-trip a `Post`; `dump_files` writes several post files all or
none; `load_corpus(folder)` reads every post file and `pairs(posts)` returns the (lv, en) pairs that
declare each other as translations (`match`: with the posts whose declared translation is not
their pair, and why).

A slug names files (`<slug>.<lang>.md`, `lvterm po`'s `<slug>.po`), so it is checked wherever a
post is read: lower-case ASCII letters, digits and hyphens, 1 to `SLUG_MAX_LENGTH` characters
(`check_slug`); a language is a lower-case ISO 639 code. Anything else (`slug: ../../escaped`) is
one InputError naming the file and line, never a path. A corpus where two files declare one post
(slug and language) is one error naming both (`load_corpus`).

Post files are read by `lvterm.textio` as Unicode only (UTF-8, a BOM dropped, UTF-16 with a BOM):
they are what `lvterm ingest` writes, and ingest is where legacy encodings are converted: a post
file of its output folder saved in Windows-1257 is read by textio's legacy rule there
(`decode_file`), and written back as UTF-8. Lines end at LF, CRLF or CR; a U+2028 in a title or
paragraph is text (front matter by `textio.parse_yaml`).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import IO, Iterable

import yaml

from .. import textio
from ..errors import InputError
from ..models import Post, Repair

# A blank line, spaces or tabs allowed (as `paragraph_lines` counts them).
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_KNOWN = ("slug", "lang", "title", "author", "date", "category", "source", "translations", "repairs", "ingested")

#: The longest slug: `lvterm ingest` shortens a title's slug to it (file names stay far below 255 bytes).
SLUG_MAX_LENGTH = 100
_SLUG = re.compile(rf"[a-z0-9-]{{1,{SLUG_MAX_LENGTH}}}")
_LANG = re.compile(r"[a-z]{2,3}")


def check_slug(value, *, path: str | os.PathLike | None = None, line: int | None = None, what: str = "slug") -> str:
    """`value` as a slug; InputError (file, line) unless it is 1-100 of [a-z0-9-]."""
    text = str(value)
    if not _SLUG.fullmatch(text):
        shown = repr(text) if len(text) <= 60 else f"{text[:57]!r}... ({len(text)} characters)"
        raise InputError(f"{what} {shown} is not a slug: lower-case ASCII letters, digits and hyphens, "
                         f"1-{SLUG_MAX_LENGTH} characters", path=path, line=line)
    return text


def check_lang(value, *, path: str | os.PathLike | None = None, line: int | None = None, what: str = "lang") -> str:
    """`value` as a language code; InputError (file, line) unless it is 2-3 lower-case letters (lv, en)."""
    text = str(value)
    if not _LANG.fullmatch(text):
        raise InputError(f"{what} {text[:20]!r} is not a language code such as lv or en", path=path, line=line)
    return text


def key_line(text: str, key: str, *, default: int = 2) -> int:
    """The file line of a top-level front matter key in a file's `text` (front matter starts on line 2)."""
    m = re.search(rf"^{re.escape(key)}\s*:", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else default


def check_translations(translations: dict, *, text: str, path: str | os.PathLike | None = None) -> dict[str, str]:
    """Front matter's `translations:` mapping as {language: slug}; InputError (file, and the line of
    `translations:` in the file's `text`) for a language or a slug that is none."""
    where = key_line(text, "translations")
    return {check_lang(k, path=path, line=where, what="translation language"):
            check_slug(v, path=path, line=where, what="translation slug") for k, v in translations.items()}


def dumps(post: Post, *, ingested: str | None = None) -> str:
    """The post file's text; `ingested` is the digest `lvterm ingest` records (`dumps_ingested`)."""
    front: dict = {"slug": post.slug, "lang": post.lang, "title": post.title}
    for key in ("author", "date", "category", "source"):
        value = getattr(post, key)
        if value is not None:
            front[key] = value
    if ingested is not None:
        front["ingested"] = ingested
    if post.translations:
        front["translations"] = dict(sorted(post.translations.items()))
    front.update({k: v for k, v in sorted(post.meta.items()) if k not in _KNOWN})
    if post.repairs:
        front["repairs"] = [r.as_dict() for r in post.repairs]
    head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=100)
    return "---\n" + head + "---\n\n" + body_text(post)


def body_text(post: Post) -> str:
    """The body of a post file as `dumps` writes it: the paragraphs separated by blank lines."""
    return "\n\n".join(post.paragraphs) + "\n"


def dump(post: Post, fp: IO[str]) -> None:
    fp.write(dumps(post))


_TOP_LEVEL = re.compile(r"^\S", re.M)  # a line at the margin: the next key, or a comment before it
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.M)
_TRANSLATIONS_KEY = re.compile(r"^translations[ \t]*:", re.M)
_BEFORE_TRANSLATIONS = frozenset(("slug", "lang", "title", "author", "date", "category", "source",
                                  "ingested"))  # `dumps`' order
_RECORD = re.compile(r"^ingested[ \t]*:[^\n]*\n", re.M)
_RECORDED = re.compile(r"^ingested[ \t]*:[ \t]*(['\"]?)(sha256:[0-9a-f]{64})\1[ \t]*$", re.M)
_PLACEHOLDER = "sha256:" + "0" * 64


#: What a post file holds that ingest does not own: its digest leaves them out.
_NOT_DIGESTED = frozenset(("translations", "ingested"))


def _front_body(text: str) -> tuple[dict, tuple[str, ...]] | None:
    """A post file's front matter (parsed) and body paragraphs (each line's trailing spaces
    dropped); None when it has no front matter, or none that parses as a mapping."""
    text = textio.normalise_line_ends(text.lstrip("\ufeff"))
    if not text.startswith("---\n") or (end := text.find("\n---\n", 3)) < 0:
        return None
    try:  # as `loads` parses front matter (libyaml where it reads alike: ingest digests each file it writes)
        front = textio.parse_yaml(text[4:end + 1]) or {}
    except InputError:
        return None
    if not isinstance(front, dict):
        return None
    body = tuple("\n".join(line.rstrip() for line in p.strip().split("\n"))
                 for p in _BLANK_LINE.split(text[end + 5:]) if p.strip())
    return front, body


def front_keys(text: str) -> frozenset[str]:
    """The front matter keys of a post file's text that a digest covers (all but `_NOT_DIGESTED`)."""
    parsed = _front_body(text)
    return frozenset(map(str, parsed[0])) - _NOT_DIGESTED if parsed else frozenset()


def ingest_digest(text: str, *, keys: Iterable[str] | None = None) -> str | None:
    """The digest `lvterm ingest` records of a post file's text (`ingested: sha256:...`): of what
    ingest owns, as parsed, so YAML comments, quoting, key order and whitespace (trailing spaces,
    blank lines, line ends) are no part of it: the body's paragraphs and the front matter `keys`
    (by default every key but `ingested:` and `translations:`, which `lvterm pair --write` and
    later runs edit in; a key the user added is left out by naming the others). None when the
    text has no front matter."""
    parsed = _front_body(text)
    if parsed is None:
        return None
    front, body = parsed
    wanted = set(map(str, front) if keys is None else keys) - _NOT_DIGESTED  # (parsed once: `front_keys`)
    owned = {str(k): v for k, v in front.items() if str(k) in wanted}
    data = json.dumps({"front": owned, "body": body}, ensure_ascii=False, sort_keys=True, default=str)
    return "sha256:" + hashlib.sha256(data.encode("utf-8")).hexdigest()


def ingest_record(text: str) -> str | None:
    """The digest a post file records as `ingested:` (None: it records none)."""
    text = textio.normalise_line_ends(text.lstrip("\ufeff"))
    end = text.find("\n---\n", 3)
    found = _RECORDED.search(text, 0, end if end > 0 else 0)
    return found.group(2) if found else None


def dumps_ingested(post: Post) -> tuple[str, str]:
    """The text `lvterm ingest` writes for a post, recording its own digest (`ingested:`), and the
    digest (rendered once)."""
    text = dumps(post, ingested=_PLACEHOLDER)
    digest = ingest_digest(text)
    return text.replace(f"\ningested: {_PLACEHOLDER}\n", f"\ningested: {digest}\n", 1), digest


def _blocks(front: str) -> tuple[list[tuple[str, str, str]], str]:
    """Front matter text as (key, the comment and blank lines before it, its entry) in order, and the
    comment and blank lines after the last entry."""
    blocks: list[tuple[str, str, str]] = []
    lead, key, key_lead, entry = "", None, "", ""
    for line in front.splitlines(keepends=True):
        found = _TOP_KEY.match(line)
        if found:
            if key is not None:
                blocks.append((key, key_lead, entry))
            key, key_lead, entry, lead = found.group(1), lead, line, ""
        elif line.startswith("#") or not line.strip() or key is None:
            lead += line
        else:  # indented under the key (a list, a mapping, a folded value)
            entry, lead = entry + lead + line, ""
    if key is not None:
        blocks.append((key, key_lead, entry))
    return blocks, lead


def _inline_comment(entry: str) -> str:
    """The comment after a one-line entry's value (`title: X  # checked` -> '  # checked'), or ''."""
    line = entry.rstrip("\n")
    if "\n" in line:
        return ""
    for at in (i for i in range(len(line)) if line.startswith(" #", i) or line.startswith("\t#", i)):
        try:
            if yaml.safe_load(line[:at]) == yaml.safe_load(line):
                return line[len(line[:at].rstrip()):]
        except yaml.YAMLError:
            continue
    return ""


def carry_over(new: str, old: str, *, keys: Iterable[str]) -> str | None:
    """The post file text `new` (as ingest writes it) with what the user added to `old`, the file
    there: its front matter `keys` (entries ingest does not write) and its YAML comments (before
    an entry, after a one-line value, after the last entry). None when the result would not read
    back as `new` with those keys (then the caller keeps the file)."""
    parsed_old, parsed_new = _front_body(old), _front_body(new)
    if parsed_old is None or parsed_new is None or not new.startswith("---\n"):
        return None
    old = textio.normalise_line_ends(old.lstrip("\ufeff"))
    end_old, end_new = old.find("\n---\n", 3), new.find("\n---\n", 3)
    blocks_old, tail = _blocks(old[4:end_old + 1])
    blocks_new, _ = _blocks(new[4:end_new + 1])
    keys = set(keys)
    by_key = {k: (lead, entry) for k, lead, entry in blocks_old}
    front = ""
    for key, lead, entry in blocks_new:
        before, was = by_key.get(key, ("", ""))
        comment = _inline_comment(was)
        front += (before or lead) + (entry.rstrip("\n") + comment + "\n" if comment and entry.count("\n") == 1 else entry)
    front += "".join(lead + entry for k, lead, entry in blocks_old if k in keys) + tail
    text = "---\n" + front + new[end_new + 1:]
    parsed = _front_body(text)
    want = {**parsed_new[0], **{k: v for k, v in parsed_old[0].items() if k in keys}}
    return text if parsed is not None and parsed == (want, parsed_new[1]) else None


def with_record(text: str, digest: str) -> str | None:
    """A post file's `text` with the record `ingested: DIGEST` added where `dumps` puts it (after
    `source:`, else before the closing `---`), its line ends and all else as they were; None when
    it has no front matter or records one already."""
    crlf = "\r\n" in text
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    norm = textio.normalise_line_ends(text[len(bom):])
    if not norm.startswith("---\n") or (end := norm.find("\n---\n", 3)) < 0 or _RECORD.search(norm, 0, end + 1):
        return None
    source = re.search(r"^source[ \t]*:", norm[:end + 1], re.M)
    after = _TOP_LEVEL.search(norm, source.end(), end + 1) if source else None
    at = after.start() if after else end + 1
    norm = norm[:at] + f"ingested: {digest}\n" + norm[at:]
    return bom + (norm.replace("\n", "\r\n") if crlf else norm)


def rewritten(post: Post, old: str) -> str:
    """The text that writes `post` over a post file whose text is `old`: when `old` is the same
    post but for its translations, `old` with only its `translations:` entry replaced (or added
    where `dumps` puts it: after slug, lang, title, author, date, category and source), so
    comments, quoting, key order and the body stay as written; otherwise `dumps(post)`. The
    result always reads back as `post`."""
    edited = with_translations(post, old)
    return edited if edited is not None else dumps(post)


def _keys_of(front: str) -> list:
    """The top-level keys of front matter text, however written (quoted, `? key`)."""
    try:
        node = yaml.compose(front)
    except yaml.YAMLError:
        return []
    return [k.value for k, _ in node.value] if isinstance(node, yaml.MappingNode) else []


def with_translations(post: Post, old: str) -> str | None:
    """`rewritten`'s edit of `old` (its `translations:` entry made the post's), or None when `old`
    is not the post but for its translations (then `rewritten` dumps the post)."""
    if "\r" in old or not old.startswith("---\n") or (end := old.find("\n---\n", 3)) < 0:
        return None
    front = old[4:end + 1]
    entry = (yaml.safe_dump({"translations": dict(sorted(post.translations.items()))}, allow_unicode=True,
                            sort_keys=False, width=100) if post.translations else "")
    key = _TRANSLATIONS_KEY.search(front)
    if key is None and "translations" in _keys_of(front):  # written otherwise ('"translations":'): dumped
        return None
    if key is None:  # before the first key that `dumps` writes after the translations
        keys = list(_TOP_KEY.finditer(front))
        known = [k for k in keys if k.group(1) in _BEFORE_TRANSLATIONS]
        after = [k for k in keys if k.group(1) not in _BEFORE_TRANSLATIONS and (not known or k.start() > known[-1].start())]
        at = after[0].start() if after else len(front)
        front = front[:at] + entry + front[at:]
    else:  # the entry: its key line and the lines indented under it
        following = _TOP_LEVEL.search(front, key.end())
        front = front[:key.start()] + entry + (front[following.start():] if following else "")
    text = "---\n" + front + old[end + 1:]
    try:
        return text if loads(text, path=post.source) == post else None
    except InputError:
        return None


def loads(text: str, *, path: str | os.PathLike | None = None) -> Post:
    """Parse a post file. Raises InputError naming the file and line on bad input."""
    text = textio.normalise_line_ends(text.lstrip("\ufeff"))  # a post saved with Windows or old Mac line ends
    if not text.startswith("---\n"):
        raise InputError("post file must start with '---' front matter", path=path, line=1)
    end = text.find("\n---\n", 3)
    if end < 0:
        raise InputError("front matter is not closed with '---'", path=path, line=1)
    front = textio.parse_yaml(text[4:end + 1], path=path, what="bad YAML front matter", first_line=2) or {}
    if not isinstance(front, dict):
        raise InputError("front matter must be a mapping", path=path, line=2)
    for key in ("slug", "lang", "title"):
        if not front.get(key):
            raise InputError(f"front matter lacks '{key}'", path=path, line=2)
    body = text[end + 5:]
    paragraphs = tuple(p.strip() for p in _BLANK_LINE.split(body) if p.strip())
    translations = front.get("translations") or {}
    if not isinstance(translations, dict):
        raise InputError("'translations' must map languages to slugs ({en: slug})", path=path, line=2)
    slug = check_slug(front["slug"], path=path, line=key_line(text, "slug"))
    lang = check_lang(front["lang"], path=path, line=key_line(text, "lang"))
    translations = check_translations(translations, text=text, path=path)
    try:
        repairs = tuple(Repair(**r) for r in front.get("repairs") or ())
    except TypeError:
        raise InputError("'repairs' must be a list of {kind, before, after, paragraph, offset}",
                         path=path, line=2) from None
    date = front.get("date")
    return Post(
        slug=slug, lang=lang, title=str(front["title"]),
        paragraphs=paragraphs, author=front.get("author"),
        date=str(date) if date is not None else None, category=front.get("category"),
        source=front.get("source"), translations=dict(translations),
        repairs=repairs, meta={k: v for k, v in front.items() if k not in _KNOWN},
    )


def load(fp: IO[str] | str | os.PathLike) -> Post:
    """A post from a path (read by `textio`) or a text stream."""
    if isinstance(fp, (str, os.PathLike)):
        return loads(textio.read_text(fp), path=fp)
    return loads(fp.read(), path=getattr(fp, "name", None))


def paragraph_lines(text: str) -> list[int]:
    """1-based line numbers where each body paragraph starts in a post file's text."""
    text = textio.normalise_line_ends(text.lstrip("\ufeff"))
    end = text.find("\n---\n", 3)
    offset = end + 5
    line = text.count("\n", 0, offset) + 1
    lines, in_para = [], False
    for raw in textio.split_lines(text[offset:]):
        if raw.strip():
            if not in_para:
                lines.append(line)
            in_para = True
        else:
            in_para = False
        line += 1
    return lines


def post_files(folder: str | os.PathLike) -> list[Path]:
    return sorted(Path(folder).glob("*.md"))


def load_corpus(folder: str | os.PathLike) -> list[Post]:
    """Every post file of `folder`; two files declaring one post (slug and lang) are an InputError."""
    posts, files = [], []
    for p in post_files(folder):
        posts.append(load(p))
        files.append(p)
    check_unique([(post.id, f) for post, f in zip(posts, files)])
    return posts


def check_unique(ids_and_files: Iterable[tuple[str, str | os.PathLike]]) -> None:
    """InputError naming both files when two post files declare the same post id (`slug.lang`)."""
    first: dict[str, str | os.PathLike] = {}
    for post_id, file in ids_and_files:
        if post_id in first:
            raise InputError(f"declares post {post_id!r} (slug and lang), as {os.fspath(first[post_id])} does; "
                             f"give one of them another slug", path=file)
        first[post_id] = file


def pairs(posts: Iterable[Post], *, src_lang: str = "lv", tgt_lang: str = "en") -> list[tuple[Post, Post]]:
    """(source, target) post pairs that declare each other as translations (`match`)."""
    return match(posts, src_lang=src_lang, tgt_lang=tgt_lang)[0]


def match(posts: Iterable[Post], *, src_lang: str = "lv",
          tgt_lang: str = "en") -> tuple[list[tuple[Post, Post]], list[tuple[Post, str]]]:
    """The (source, target) pairs of a corpus, one-to-one, by source slug; and every post whose
    declared translation is not its pair, with the reason (for one warning line each).

    Two posts pair when one declares the other and the other declares it back or declares no
    translation into that language (a file written by hand may declare one side only). A
    translation claimed by two posts pairs with the one it declares, else with the first."""
    by_id = {p.id: p for p in posts}
    problems: list[tuple[Post, str]] = []
    for post_id, post in sorted(by_id.items()):
        for lang, slug in sorted(post.translations.items()):
            other = by_id.get(f"{slug}.{lang}")
            if lang == post.lang:
                problems.append((post, "declares itself as its translation" if slug == post.slug else
                                 f"declares {slug}.{lang} as its translation, in its own language"))
            elif other is None:
                problems.append((post, f"its translation {slug}.{lang} is not in the corpus"))
            elif other.translations.get(post.lang) not in (None, post.slug):
                problems.append((post, f"its translation {other.id} declares "
                                       f"{other.translations[post.lang]}.{post.lang} as its translation"))

    def agrees(a: Post, b: Post) -> bool:  # a declares b, and b declares a or nothing in a's language
        return (a.translations.get(b.lang) == b.slug and b.translations.get(a.lang) in (None, a.slug)
                and a.lang != b.lang)

    partner: dict[str, Post] = {}
    for a_lang, b_lang in ((src_lang, tgt_lang), (tgt_lang, src_lang)):
        for post_id, post in sorted(by_id.items()):
            other = by_id.get(f"{post.translations.get(b_lang)}.{b_lang}")
            if post.lang != a_lang or post_id in partner or other is None or not agrees(post, other):
                continue
            if other.id in partner:
                problems.append((post, f"its translation {other.id} is the pair of {partner[other.id].id}"))
                continue
            partner[post_id], partner[other.id] = other, post
    out = sorted(((p, partner[p.id]) for p in by_id.values() if p.lang == src_lang and p.id in partner),
                 key=lambda pair: pair[0].slug)
    return out, problems


def decode_file(data: bytes, *, path: str | os.PathLike | None = None) -> textio.Decoded:
    """The text of a post file's bytes `data` as ingest reads a file it may write over: by textio's
    rule, and a legacy Windows-1257 file (an editor's "ANSI" on a Baltic Windows) by textio's
    fallback for it (`Decoded.encoding` "cp1257"; `in_form_of` writes it back as UTF-8). An
    InputError (textio's) for anything else."""
    return textio.decode(data, path=path, fallback=textio.CP1257)


def rewritten_file(post: Post, file: str | os.PathLike) -> tuple[bytes | None, bytes | None]:
    """The bytes of the post file `file`, read once, and the bytes that write `post` over it
    (`rewritten` over its text, in the file's line ends, byte-order mark and encoding: `in_form_of`);
    (None, None) when there is none or it is no text `decode_file` reads (then the post is dumped)."""
    try:
        old = textio.read_bytes(file)
        text = decode_file(old, path=file).text
    except (UnicodeError, InputError):
        return None, None
    return old, in_form_of(rewritten(post, text), old)


_LINE_END = re.compile("\r\n|\r|\n")


def _line_end(text: str) -> str:
    """The line end most lines of `text` end with; on a tie, its first line's; LF when none."""
    counts = {"\n": 0, "\r\n": 0, "\r": 0}
    for end in _LINE_END.findall(text):
        counts[end] += 1
    first = _LINE_END.search(text)
    if first is None:
        return "\n"
    return max(counts, key=lambda end: (counts[end], end == first.group()))


def in_form_of(text: str, old: bytes) -> bytes:
    """`text` as the bytes the file whose bytes are `old` holds it in: the line end most of its lines
    end with (CRLF from a Windows checkout, CR from an old Mac; on a tie, its first line's, so one
    stray CRLF line does not make an LF file CRLF), its byte-order mark and its encoding (UTF-8, or
    UTF-16 or UTF-32 after their mark; a legacy Windows-1257 file, `decode_file`, becomes UTF-8).
    Whatever rewrites a post file (ingest, `lvterm pair --write`) writes it so; `same_text` tells a
    file that would differ only in its line ends."""
    bom, codec = textio.byte_order_mark(old)
    text = textio.normalise_line_ends(text.lstrip("\ufeff"))
    newline = _line_end(old[len(bom):].decode(codec, "replace"))
    return bom + (text if newline == "\n" else text.replace("\n", newline)).encode(codec)


def same_text(new: bytes, old: bytes) -> bool:
    """Whether the bytes `new` hold the text of the file whose bytes are `old`, line ends aside (a
    file a stray CRLF line makes mixed is not written again for it)."""
    if new == old:
        return True
    texts = []
    for data in (new, old):
        bom, codec = textio.byte_order_mark(data)
        try:
            texts.append(textio.normalise_line_ends(data[len(bom):].decode(codec)))
        except UnicodeDecodeError:
            return False
    return texts[0] == texts[1]


def dump_files(items: Iterable[tuple[Post, str | os.PathLike]]) -> list[Path]:
    """Write each post to its file, all or none (`write_files`). Returns the files. A post file
    already there that differs only in its translations keeps its text but for them, and its line
    ends, byte-order mark and encoding (`rewritten_file`: a declared translation does not drop the
    comments of a hand-written file, nor turn a Windows checkout's CRLF into LF)."""
    return write_files((post, file, rewritten_file(post, file)[1]) for post, file in items)


def write_files(items: Iterable[tuple[Post, str | os.PathLike, str | bytes | None]]) -> list[Path]:
    """Write each post to its file as the text (UTF-8) or bytes given (`rewritten_file`'s), or dumped when None, all
    or none: every new file is written beside its old one first (a temp file, synced), and the
    renames follow only when all were written, so an error leaves every post file as it was (one
    InputError naming the file). Returns the files."""
    staged: list[tuple[str, Path]] = []
    file = None
    try:
        for post, file, text in items:
            file = Path(file)
            fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
            staged.append((tmp, file))
            text = dumps(post) if text is None else text
            with os.fdopen(fd, "wb") as fp:
                fp.write(text if isinstance(text, bytes) else text.encode("utf-8"))
                fp.flush()
                os.fsync(fp.fileno())
            os.chmod(tmp, 0o644)
        for tmp, file in staged:
            os.replace(tmp, file)
    except BaseException as exc:  # an OSError, a post that cannot be dumped, Ctrl-C: no temp file left
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write: {exc.strerror or exc}", path=file) from None
        raise
    return [file for _, file in staged]
