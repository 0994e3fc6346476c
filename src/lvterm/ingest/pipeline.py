"""Ingest: files -> readers -> cleaning -> posts, with per-input errors that never stop the run.

`ingest(paths, lang=...)` yields a Post or an InputError per post found; `run(...)` is what the CLI
calls: it writes post files (atomically) or JSON Lines and reports every error as one line.
"""
from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from ..errors import InputError
from ..fileio import atomic_write, path_in
from ..formats import post as post_format
from ..models import Post
from . import detect, htmlpage, markdown, text, wxr
from .clean import clean, shorten_slug
from .rules import Rules, default_rules

_BY_SUFFIX = {".html": "html", ".htm": "html", ".xhtml": "html", ".xml": "wxr", ".wxr": "wxr",
              ".md": "markdown", ".markdown": "markdown", ".txt": "text"}


def detect_format(path: Path, content: str) -> str:
    """'text', 'html', 'wxr' or 'markdown': the content's signature first, then the file suffix."""
    head = content[:4000].lstrip().lower()
    if wxr.looks_like_wxr(content):
        return "wxr"
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    if content.startswith("---\n"):
        return "markdown"
    return _BY_SUFFIX.get(path.suffix.lower(), "text")


def _expand(paths: Iterable[str | os.PathLike]) -> Iterator[Path | InputError]:
    """Each file given, and the files of each folder given (sorted); a folder that cannot be listed
    is an InputError in its place, and the run goes on."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            try:
                files = sorted(f for f in path.iterdir() if f.is_file() and not f.name.startswith("."))
            except OSError as exc:
                yield InputError(f"cannot read: {exc.strerror or exc}", path=path)
                continue
            yield from files
        else:
            yield path


def read_path(path: Path, *, rules: Rules) -> list:
    """Drafts (and per-item InputErrors) from one file; raises InputError for a bad file."""
    source = path.as_posix()
    content = detect.read(source).text
    fmt = detect_format(path, content)
    if fmt == "wxr":
        return wxr.read(content, source=source, rules=rules.html)
    if fmt == "html":
        return htmlpage.read(content, source=source, rules=rules.html)
    if fmt == "markdown":
        return markdown.read(content, source=source)
    return text.read(content, source=source)


def declare_translations(post: Post, *, out: str | os.PathLike | None, langs: Iterable[str] = ()) -> Post:
    """Add `translations` for each language in `langs`, and for each counterpart file
    `<out>/<slug>.<other>.md` that exists; keep what the post (or its previous file) declared."""
    found = dict(post.translations)
    folder = Path(out) if out is not None else None
    if folder is not None and folder.is_dir():
        previous = folder / f"{post.slug}.{post.lang}.md"
        if previous.is_file():
            try:
                found = {**post_format.load(previous).translations, **found}
            except InputError:
                pass
        for other in sorted(folder.glob(f"{post.slug}.*.md")):
            lang = other.name[len(post.slug) + 1:-3]
            if lang != post.lang and "." not in lang:
                found.setdefault(lang, post.slug)
    for lang in langs:
        if lang != post.lang:
            found[lang] = post.slug
    if found == dict(post.translations):
        return post
    return dataclasses.replace(post, translations=dict(sorted(found.items())))


def ingest(paths: Iterable[str | os.PathLike], *, lang: str, out: str | os.PathLike | None = None,
           translations: Iterable[str] = (), rules: Rules | None = None) -> Iterator[Post | InputError]:
    """A Post or an InputError for every post in `paths` (files, or folders of files)."""
    rules = rules or default_rules()
    translations = tuple(translations)
    taken: set[str] = set()
    for path in _expand(paths):
        if isinstance(path, InputError):
            yield path
            continue
        try:
            drafts = read_path(path, rules=rules)
        except InputError as exc:
            yield exc
            continue
        for draft in drafts:
            if isinstance(draft, InputError):
                yield draft
                continue
            try:
                post = clean(draft, lang=lang, rules=rules)
            except InputError as exc:
                yield exc
                continue
            slug, n = post.slug, 2
            while slug in taken:  # two posts with one title in a run: number the later ones
                suffix = f"-{n}"
                slug, n = shorten_slug(post.slug, max_length=post_format.SLUG_MAX_LENGTH - len(suffix)) + suffix, n + 1
            taken.add(slug)
            if slug != post.slug:
                post = dataclasses.replace(post, slug=slug)
            yield declare_translations(post, out=out, langs=translations)


def post_json(post: Post) -> dict:
    """The JSON object `lvterm ingest --json` prints for a post."""
    obj = {"slug": post.slug, "lang": post.lang, "title": post.title, "author": post.author, "date": post.date,
           "category": post.category, "source": post.source, "translations": dict(post.translations)}
    obj.update({k: v for k, v in post.meta.items() if k not in obj})
    obj["paragraphs"] = list(post.paragraphs)
    obj["repairs"] = [r.as_dict() for r in post.repairs]
    return obj


def _json_value(value):
    """What front matter may nest that JSON lacks: dates (ISO 8601), sets, binary."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def write_post(post: Post, *, out: str | os.PathLike) -> Path:
    """Write `<out>/<slug>.<lang>.md` atomically (the slug checked again: the file stays in `out`)."""
    post_format.check_slug(post.slug, path=post.source)
    target = path_in(out, f"{post.slug}.{post.lang}.md")
    try:
        with atomic_write(target) as fp:
            post_format.dump(post, fp)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", path=target, item=post.source) from None
    return target


def run(paths: Iterable[str | os.PathLike], *, lang: str, out: str | os.PathLike = "corpus/posts",
        json_lines: IO[str] | None = None, translations: Iterable[str] = (),
        on_error: Callable[[InputError], None], on_written: Callable[[Path], None] | None = None) -> int:
    """Ingest `paths`: write post files into `out`, or JSON Lines to `json_lines`. Returns the number
    of errors (each already passed to `on_error`); every good post is still written."""
    if json_lines is None and not Path(out).is_dir():
        raise InputError("output folder does not exist", path=out)
    errors = 0
    for result in ingest(paths, lang=lang, out=out, translations=translations):
        if isinstance(result, InputError):
            errors += 1
            on_error(result)
        elif json_lines is not None:
            json_lines.write(json.dumps(post_json(result), ensure_ascii=False, default=_json_value) + "\n")
        else:
            try:
                written = write_post(result, out=out)
            except InputError as exc:
                errors += 1
                on_error(exc)
                continue
            if on_written:
                on_written(written)
    return errors
