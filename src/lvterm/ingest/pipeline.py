"""Ingest: files -> readers -> cleaning -> posts, with per-input errors that never stop the run.

`plan(paths, lang=...)` reads every post, takes its language from its source (else `lang`), finds
its place in the output folder (the file of the same post it updates, else a free slug:
`ingest.placement`), and resolves its translations (the source's, `--translation`'s, and those of
the post files already in the output folder: `ingest.translations`; a Polylang group's member
missing from the export is looked for there by its `wp_post_id`); `ingest(...)` yields its InputErrors and Posts;
`run(...)` is what the CLI calls: it writes post files (a post and its translation together,
atomically) or JSON Lines, reports every problem as one line, and says what became of each post
file: NEW (written where there was none), UPDATED (a file there written again), UNCHANGED (it
holds the very bytes it would be written as: not written at all, so its time stamp stays too) or
KEPT (edited by hand since it was ingested, while its source changed too: `ingest.edits`). A post
file that a later export of its blog no longer holds is named, never deleted (`ingest.absent`).
Warnings (`IngestWarning`: what an export holds that the library does not, such as drafts, a
third language or photo posts; a post file that needs a look) are reported without failing the run.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Collection, Iterable, Iterator, Mapping, Sequence

from .. import textio
from ..constants import LANGS
from ..errors import ArgumentError, InputError
from ..fileio import path_in
from ..formats import post as post_format
from ..lang import LANGUAGE_NAMES, library_language
from ..models import Post
from . import absent, detect, edits, htmlpage, markdown, placement, scope, text, wxr
from . import translations as translations_mod
from .clean import clean, post_lang
from .draft import Draft, IngestWarning, Inventory, LeftOut, capped
from .placement import Folder
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
    """Each file given, and the files of each folder given (sorted), each once (a file given twice
    is read once); a folder that cannot be listed is an InputError in its place, and the run goes on."""
    seen: set[str] = set()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            try:
                files = sorted(f for f in path.iterdir() if f.is_file() and not f.name.startswith("."))
            except OSError as exc:
                yield InputError(f"cannot read: {exc.strerror or exc}", path=path)
                continue
        else:
            files = [path]
        for file in files:
            if os.path.normpath(file) not in seen:
                seen.add(os.path.normpath(file))
                yield file


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


def parse_translation(value: str) -> tuple[str, str | None]:
    """`--translation` as (language, slug): `en` (the post's own slug) or `en:SLUG`, the language
    in any case (`LV:slug`), as every language option takes it."""
    lang, _, slug = value.partition(":")
    try:
        lang = library_language(lang, what=None)
    except ArgumentError as exc:
        raise InputError(f"translation {value!r}: {exc.message} (LANG or LANG:SLUG)") from None
    if slug:
        post_format.check_slug(slug, what=f"translation {value!r}: slug")
    return lang, slug or None


@dataclass
class Plan:
    """What an ingest run writes: the posts (translations resolved), the posts already in the
    output folder that are declared back (with their files), and every problem, in input order;
    and the posts it does not write as the post file of their name cannot be read (with that file)."""

    posts: list[Post] = field(default_factory=list)
    updates: list[tuple[Post, Path]] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    withheld: list[tuple[Post, Path]] = field(default_factory=list)  # not written: the file of its name cannot be read


_SLUG_TOKEN = re.compile(rb"[a-z0-9-]+")


def _posts_in(folder: Folder, *, slugs: set[str]) -> dict[str, tuple[Post, Path]]:
    """The post files of an output folder that name any of `slugs` in their front matter (as their
    slug or a translation's: the only ones a run's declarations can concern), by post id; the first
    of two files declaring one post counts."""
    wanted = {s.encode("ascii") for s in slugs}
    found: dict[str, tuple[Post, Path]] = {}
    for post, file in folder.scan(lambda front: not wanted.isdisjoint(_SLUG_TOKEN.findall(front))):
        found.setdefault(post.id, (post, file))
    return found


#: A translation group member looked for among the post files: (site, language, post id).
_Member = tuple[str | None, str, str]


def _posts_by_wp_id(folder: Folder, *, wanted: set[_Member]) -> dict[_Member, list[Post]]:
    """The post files of an output folder that carry one of the `wanted` (site, language,
    `wp_post_id`): the members of a Polylang group that an earlier run wrote (an export split by
    language). Post ids are per blog: a file of another site (`wp_site`) is not a member; a file
    or an export that names no site matches on language and id alone."""
    sites: dict[tuple[str, str], list[str | None]] = {}
    for site, lang, pid in wanted:
        sites.setdefault((lang, pid), []).append(site)
    ids = {pid.encode("ascii") for _, _, pid in wanted if pid.isascii()}
    found: dict[_Member, list[Post]] = {}
    for post, _ in folder.scan(lambda front: not ids.isdisjoint(placement.WP_POST_ID.findall(front))):
        there = post.meta.get("wp_site")
        for site in sites.get((post.lang, str(post.meta.get("wp_post_id"))), ()):
            if site is None or there is None or there == site:
                found.setdefault((site, post.lang, str(post.meta.get("wp_post_id"))), []).append(post)
    return found


def _still_published(left_out: list[LeftOut], folder: Folder, *,
                     read: list[tuple[Draft, Post]]) -> list[InputError]:
    """A warning for each post of an export that is not public (private, a draft, in the trash)
    while a post file of `folder` still holds it (by blog and `wp_post_id`; a post read public
    from another export of the run is not): ingest never deletes a post file, so the site would
    go on publishing it."""
    public = {(d.meta.get("wp_site"), d.post_id) for d, _ in read if d.post_id}
    wanted = {o.post_id: o for o in left_out if o.post_id and (o.site, o.post_id) not in public}
    ids = {pid.encode("ascii") for pid in wanted if pid.isascii()}
    found = []
    for post, file in folder.scan(lambda front: not ids.isdisjoint(placement.WP_POST_ID.findall(front))):
        hidden = wanted.get(str(post.meta.get("wp_post_id")))
        there = post.meta.get("wp_site")
        if hidden is not None and (hidden.site is None or there is None or there == hidden.site):
            found.append(IngestWarning(f"is now {wxr.STATUS.get(hidden.status, hidden.status)} in the export; "
                                       f"{file} still publishes it: delete it to take it out",
                                       path=hidden.source, item=hidden.item))
    return found


def _read(paths: Iterable[str | os.PathLike], *, lang: str | None, rules: Rules, errors: list[InputError],
          left_out: list[LeftOut], exports: list[Inventory], slug: str | None = None) -> list[tuple[Draft, Post]]:
    """Every post of `paths` as (draft, cleaned post); each problem appended to `errors`, each
    post of an export that is not public to `left_out`, each export's Inventory to `exports`.
    `slug` (`--slug`) is every post's slug."""
    found: list[tuple[Draft, Post]] = []
    for path in _expand(paths):
        if isinstance(path, InputError):
            errors.append(path)
            continue
        try:
            drafts = read_path(path, rules=rules)
        except InputError as exc:
            errors.append(exc)
            continue
        for draft in drafts:
            if isinstance(draft, Inventory):
                exports.append(draft)
                continue
            if isinstance(draft, (InputError, LeftOut)):
                (errors if isinstance(draft, InputError) else left_out).append(draft)
                continue
            if slug is not None:  # the slug given: the title need not make one
                draft = dataclasses.replace(draft, meta={**draft.meta, "slug": slug})
            try:
                code = post_lang(draft, default=lang)  # first: another language's title makes no slug
                if (problem := scope.problem(draft, lang=code)) is not None:
                    raise problem
                post = clean(draft, lang=lang, rules=rules)
                _check_lines(draft, post)
            except InputError as exc:
                errors.append(exc)
                continue
            found.append((draft, post))
    return found


def _check_lines(draft: Draft, post: Post) -> None:
    """InputError for a title or paragraph longer than a line any later command reads
    (`textio.MAX_LINE_CHARS`): a post file holds each on one line."""
    limit = textio.MAX_LINE_CHARS
    for what, text in (("the title", post.title), *((f"paragraph {n}", p) for n, p in enumerate(post.paragraphs, 1))):
        if len(text) > limit:
            raise InputError(f"{what} has {len(text):,} characters; the limit is {limit:,} (a post file holds it on "
                             f"one line); not ingested", path=draft.source, item=draft.item)


def _member_key(draft: Draft, post_id: str) -> tuple[str, str | None, str]:
    """A translation group member as a run knows it: post ids are per blog (`wp_site`), or per
    export when it names no blog."""
    site = draft.meta.get("wp_site")
    return ("site", site, post_id) if site else ("file", draft.source, post_id)


def _members(read: list[tuple[Draft, Post]], placed: list[tuple[Draft, Post]]) -> dict[tuple, Post]:
    """Each post id read (of every item read, one merged into a later one too) -> the post written
    for it."""
    final = {placement.identity(d, p): p for d, p in placed}
    return {_member_key(d, d.post_id): final[placement.identity(d, p)] for d, p in read
            if d.post_id is not None and placement.identity(d, p) in final}


def _missing_members(read: list[tuple[Draft, Post]], found: list[tuple[Draft, Post]]) -> set[_Member]:
    """(site, language, post id) of the translation group members (Latvian or English) not read
    from the export."""
    ids = {_member_key(d, d.post_id) for d, _ in read if d.post_id is not None}
    return {(d.meta.get("wp_site"), lang, pid) for d, _ in found for lang, pid in d.translation_ids.items()
            if lang in LANGS and _member_key(d, pid) not in ids}


def _source_translations(found: list[tuple[Draft, Post]], errors: list[InputError], *, folder: Path | None,
                         members: Mapping[tuple, Post], elsewhere: Mapping[_Member, list[Post]],
                         not_public: Mapping[tuple, LeftOut] = {}, unwritten: Collection[tuple] = ()) -> list[Post]:
    """Each post with the translations its source declares: front matter as read, and the ids of a
    translation group (WXR) turned into the slugs those posts were given in this run (`members`),
    or, for a member not in the export, the slug of the one post file of `folder` with its language
    and `wp_post_id` (`elsewhere`). Members in a language the library does not hold are left out
    (the post itself, when read, is reported as such); a member the export holds but not public
    (`not_public`: a draft), or one in neither the export nor the folder (an export of one
    category, of published posts only; the first of an export split by language), is a warning
    (declared once it is ingested); several files of the folder holding the member is an error. A
    member read but not written (`unwritten`: its own line says why, such as a post file of its
    name that cannot be read) is not declared, and no line of the post's says more: a post file
    that declares it keeps its declaration (`translations.resolve`)."""
    out = []
    for draft, post in found:
        declared = dict(post.translations)
        for lang, post_id in sorted(draft.translation_ids.items()):
            if lang not in LANGS:
                continue
            other = members.get(_member_key(draft, post_id))
            there = elsewhere.get((draft.meta.get("wp_site"), lang, post_id), [])
            if other is post:
                message = f"its translation group lists it as its own {lang} translation"
            elif other is None and len(there) == 1:
                declared[lang] = there[0].slug
                continue
            elif other is None and _member_key(draft, post_id) in unwritten:
                continue
            elif other is None and (hidden := not_public.get(_member_key(draft, post_id))) is not None:
                errors.append(IngestWarning(
                    f"its {lang} translation (post {post_id} of its translation group, {hidden.item}) is "
                    f"{wxr.STATUS.get(hidden.status, hidden.status)} in the export, not public; not declared (until "
                    f"it is published and ingested)", path=draft.source, item=draft.item))
                continue
            elif other is None:
                message = (f"its {lang} translation (post {post_id} of its translation group) is not among the "
                           f"posts read from the export")
                if folder is not None and there:
                    message += (f", and {len(there)} post files of {folder} carry wp_post_id {post_id}: "
                                f"{', '.join(sorted(p.id for p in there))}")
                else:  # not exported (a draft, another category): a normal export's, paired once ingested
                    message += f" nor among the post files of {folder} (by wp_post_id)" if folder is not None else ""
                    errors.append(IngestWarning(f"{message}; not declared", path=draft.source, item=draft.item))
                    continue
            elif other.lang != lang:
                message = f"its translation group lists post {post_id} as {lang}, but that post is {other.lang}"
            else:
                declared[lang] = other.slug
                continue
            errors.append(InputError(f"{message}; not declared", path=draft.source, item=draft.item))
        out.append(dataclasses.replace(post, translations=declared))
    return out


def plan(paths: Iterable[str | os.PathLike], *, lang: str | None = None, out: str | os.PathLike | None = None,
         translations: Iterable[str] = (), slug: str | None = None, rules: Rules | None = None) -> Plan:
    """Read, clean and pair every post of `paths` (files, or folders of files).

    `lang` is the language of posts whose source states none (a post with neither is an error);
    `translations` (`en`: the same slug, `en:SLUG`) declare each post's translations, `slug` sets
    the slug (these two name one post: inputs with more are an error and nothing is planned).
    Declarations are made mutual with each other and with the post files in `out`
    (`ingest.translations`): the files to update come back in `Plan.updates`."""
    rules = rules or default_rules()
    translations = tuple(translations)
    options = [parse_translation(t) for t in translations]
    if slug is not None:
        post_format.check_slug(slug, what="--slug")
    result = Plan()
    left_out: list[LeftOut] = []
    exports: list[Inventory] = []
    read = _read(paths, lang=lang, rules=rules, errors=result.errors, left_out=left_out, exports=exports, slug=slug)
    disputes: list[placement.Dispute] = []
    found = placement.merge(read, disputes=disputes)  # one post read twice (an export given twice): the last read
    if (slug is not None or any(s for _, s in options)) and len(found) > 1:
        named = "--slug" if slug is not None else "--translation LANG:SLUG"
        result.errors.append(InputError(f"{named} names one post, but the inputs hold {len(found)}; nothing written"))
        return result
    if slug is not None:
        found = [(draft, dataclasses.replace(post, slug=slug)) for draft, post in found]
    folder = Folder(out) if out is not None and Path(out).is_dir() else None
    if folder is not None and left_out:
        result.errors += _still_published(left_out, folder, read=read)
    if folder is not None and exports:
        result.errors += absent.not_in_exports(exports, folder, read=read)
    withheld: dict[Path, list[tuple[Draft, Post]]] = {}
    found = placement.place(found, folder, slug=slug, errors=result.errors, withheld=withheld)
    result.withheld = [(post, file) for file, held in withheld.items() for _, post in held]
    own = [InputError(f"--translation {value} declares a translation of {post.id} into its own language "
                      f"({post.lang}); nothing written", path=draft.source, item=draft.item)
           for draft, post in found for value, (other, _) in zip(translations, options) if other == post.lang]
    if own:
        result.errors += own
        return result
    missing = _missing_members(read, found)
    elsewhere = _posts_by_wp_id(folder, wanted=missing) if folder is not None and missing else {}
    members = _members(read, found)
    posts = _source_translations(found, result.errors, folder=folder.path if folder is not None else None,
                                 members=members, elsewhere=elsewhere,
                                 unwritten={_member_key(d, d.post_id) for d, _ in read if d.post_id is not None}
                                 - members.keys(),
                                 not_public={(("site", o.site) if o.site else ("file", o.source)) + (o.post_id,): o
                                             for o in left_out if o.post_id})
    posts = [dataclasses.replace(p, translations={**p.translations, **{other: s or p.slug for other, s in options}})
             for p in posts]
    slugs = {p.slug for p in posts} | {s for p in posts for s in p.translations.values()}
    existing = _posts_in(folder, slugs=slugs) if folder is not None else {}
    complete = {p.id for (d, _), p in zip(found, posts) if d.translations_complete}
    resolved = translations_mod.resolve(posts, {i: p for i, (p, _) in existing.items()}, complete=complete)
    origin = {p.id: d for (d, _), p in zip(found, posts)}
    for post, message in resolved.problems:
        draft = origin[post.id]
        result.errors.append(InputError(f"{post.id} {message}", path=draft.source, item=draft.item))
    result.posts = resolved.posts
    result.errors += _other_language(resolved.posts, origin)
    result.updates = [(p, existing[p.id][1]) for p in resolved.updates]
    final = {placement.identity(d, p): post for (d, p), post in zip(found, resolved.posts)}
    result.errors += [dispute.warning(final.get(dispute.ident)) for dispute in disputes]
    result.errors += _unpaired_from_partial(found, resolved.posts)
    if folder is not None:
        result.errors += _not_there(translations, options, found, resolved.posts, folder,
                                    known=existing.keys() | {p.id for p in resolved.posts})
        result.errors += placement.legacy_warnings(folder, written={f"{p.slug}.{p.lang}.md" for p in resolved.posts}
                                                   | {f.name for _, f in result.updates})
    return result


def _other_language(posts: Sequence[Post], origin: Mapping[str, Draft]) -> list[IngestWarning]:
    """A warning for each post whose text clearly reads as the library's other language (English
    text ingested with --lang lv, a Latvian body under `lang: en`): its terms would go to the wrong
    side of the termbase. Written all the same (the language given may be right for a short text)."""
    from ..lang import LANGUAGE_NAMES
    from ..lang.guess import reads_as_other

    out = []
    for post in posts:
        # names (Rīgas Centrālā bibliotēka in an English post) are no sign of the text's language
        words = " ".join(w for p in post.paragraphs for w in p.split() if not w[:1].isupper())
        other = reads_as_other(words, post.lang)
        if other is not None:
            draft = origin[post.id]
            fix = (f"set its source's lang: to {other}" if draft.meta.get("lang") else f"give --lang {other}")
            out.append(IngestWarning(f"its text reads as {LANGUAGE_NAMES[other]}, not {LANGUAGE_NAMES[post.lang]}: "
                                     f"written as {post.id} all the same; if it is {LANGUAGE_NAMES[other]}, {fix}",
                                     path=draft.source, item=draft.item))
    return out


def _not_there(values: Sequence[str], options: Sequence[tuple[str, str | None]], found: list[tuple[Draft, Post]],
               posts: list[Post], folder: Folder, *, known: Collection[str]) -> list[IngestWarning]:
    """A warning for each `--translation` (`values`, parsed: `options`) declared for a post while
    no post it names is in `folder` nor among the run's (`known` post ids; a file of that name
    counts too): most often a translation not ingested yet, which is fine (declared all the same:
    the post file of that slug declares it back when it is ingested), or a slug mistyped: a typo
    is suggested only when a slug of that language looks like it (rapidfuzz), with the option
    that corrects it."""
    files = {f.name for f in folder.files()}
    missing = []
    for (draft, _), post in zip(found, posts):
        for value, (lang, given) in zip(values, options):
            slug = given or post.slug
            if post.translations.get(lang) == slug and f"{slug}.{lang}" not in known \
                    and f"{slug}.{lang}.md" not in files:  # (a declaration resolve refused has its own line)
                missing.append((draft, value, lang, slug))

    def each(item) -> IngestWarning:
        draft, value, lang, slug = item
        like = _most_like(slug, [n.removesuffix(f".{lang}.md") for n in files if n.endswith(f".{lang}.md")]
                          + [p.slug for p in posts if p.lang == lang])
        name = LANGUAGE_NAMES[lang]
        typo = f" (did you mean {like}? then ingest this file again with --translation {lang}:{like})" if like else ""
        return IngestWarning(f"--translation {value}: no {name} post {slug} in {folder.path} yet{typo}; declared "
                             f"all the same, which is fine if {_article(name)} {name} post {slug} is still to be "
                             "ingested: it pairs with this one then", path=draft.source, item=draft.item)

    return capped(missing, each=each, rest=lambda more: IngestWarning(
        f"{len(more)} more --translation declarations name no post in {folder.path} yet; declared all the same "
        "(fine if those posts are still to be ingested)"))


def _article(word: str) -> str:
    """"a" or "an" before `word` (a language's name: an English post, a Latvian post)."""
    return "an" if word and word[0].lower() in "aeiou" else "a"


def _most_like(slug: str, slugs: Sequence[str]) -> str | None:
    """The slug of `slugs` most like `slug` (a typo, or a part of it: gramatu-maina for
    gramatu-mainas-plaukts), if any is like it at all."""
    from rapidfuzz import fuzz, process

    best = process.extractOne(slug, sorted(set(slugs)), scorer=fuzz.WRatio, score_cutoff=80)
    return best[0] if best else None


def _unpaired_from_partial(found: list[tuple[Draft, Post]], posts: list[Post]) -> list[IngestWarning]:
    """One warning for each export holding no translation groups (its header no Polylang term: one
    of part of the site) with posts that name a translation group it cannot hold and that the run
    leaves without a translation into another language of the library: not those a post file of
    `--out` or another export of the run pairs. `posts`: the `found` posts as resolved."""
    unpaired = Counter(draft.source for (draft, _), post in zip(found, posts) if draft.unread_group is not None
                       and not any(lang in post.translations for lang in LANGS if lang != post.lang))
    return [wxr.partial_groups(n, source=source) for source, n in unpaired.items()]


def ingest(paths: Iterable[str | os.PathLike], *, lang: str | None = None, out: str | os.PathLike | None = None,
           translations: Iterable[str] = (), slug: str | None = None,
           rules: Rules | None = None) -> Iterator[Post | InputError]:
    """An InputError for every problem (an IngestWarning for what is only reported: a post not
    public, in a third language, without text, ...), then a Post for every post in `paths` (see
    `plan`)."""
    done = plan(paths, lang=lang, out=out, translations=translations, slug=slug, rules=rules)
    yield from done.errors
    yield from done.posts


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


#: What writing a post file did (`write_posts`): no file was there; the file there was written
#: again; the file there holds the very bytes it would be written as, so it was left alone; the
#: file there holds hand edits and the source changed too, so it was kept (`ingest.edits`).
NEW, UPDATED, UNCHANGED, KEPT, RECORDED = edits.NEW, edits.UPDATED, edits.UNCHANGED, edits.KEPT, edits.RECORDED


def write_post(post: Post, *, out: str | os.PathLike, replace: bool = False) -> Path:
    """Write `<out>/<slug>.<lang>.md` atomically (the slug checked again: the file stays in `out`);
    an InputError, nothing written, when the file there was edited by hand since it was ingested
    and `replace` is not given (`ingest.edits`)."""
    return write_posts([post], out=out, replace=replace)[0][0]


def _target(post: Post, out: str | os.PathLike) -> Path:
    post_format.check_slug(post.slug, path=post.source)
    return path_in(out, f"{post.slug}.{post.lang}.md")


def write_posts(posts: Sequence[Post], *, out: str | os.PathLike, updates: Sequence[tuple[Post, Path]] = (),
                replace: bool = False, errors: list[InputError] | None = None) -> list[tuple[Path, str]]:
    """Write posts into `out` (`<slug>.<lang>.md`) and `updates` into their files, all or none
    (`formats.post.write_files`); a file that already holds what it would be written as is not
    written, nor is one edited by hand since it was ingested (`ingest.edits`: KEPT, its problem
    appended to `errors`; without `errors` it is raised and nothing is written; `replace` writes
    over it). Each file with what became of it: NEW, UPDATED, UNCHANGED or KEPT. A file there is
    read, and the text written over it made, once."""
    done = [(post, file, *edits.write_over(post, file, replace=replace))
            for post, file in ((p, _target(p, out)) for p in posts)]
    done += [(post, Path(file), *outcome(post, Path(file)), None) for post, file in updates]
    if errors is None and (kept := next((problem for *_, problem in done if problem is not None), None)):
        raise kept
    post_format.write_files([(post, file, text) for post, file, what, text, _ in done
                             if what in (NEW, UPDATED, RECORDED) or (what == KEPT and text is not None)])
    if errors is not None:
        errors += [problem for *_, problem in done if problem is not None]
    return [(file, what) for _, file, what, _, _ in done]


def outcome(post: Post, file: Path) -> tuple[str, bytes | None]:
    """What writing `post` to `file` would do, and the bytes it writes over the file there
    (`formats.post.rewritten_file`: its text kept but for the post's translations, in the file's
    line ends, byte-order mark and encoding; None: the post is dumped): NEW when there is no file;
    UNCHANGED when the file holds that text, line ends aside; else UPDATED (also when it cannot be
    read: writing says why)."""
    old, new = post_format.rewritten_file(post, file)
    if old is None:
        return (UPDATED if file.exists() else NEW), None
    return (UNCHANGED if post_format.same_text(new, old) else UPDATED), new


def _groups(done: Plan) -> list[tuple[list[Post], list[tuple[Post, Path]]]]:
    """The posts and updates to write together: a post with the translations declared in this run."""
    ids = {p.id: ("post", p) for p in done.posts} | {p.id: ("update", (p, f)) for p, f in done.updates}
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            i = parent[i]
        return i

    for post_id, (_, value) in ids.items():
        post = value if isinstance(value, Post) else value[0]
        for lang, slug in post.translations.items():
            if f"{slug}.{lang}" in ids:
                parent[root(f"{slug}.{lang}")] = root(post_id)
    groups: dict[str, tuple[list, list]] = {}
    for post_id, (kind, value) in ids.items():
        group = groups.setdefault(root(post_id), ([], []))
        group[0 if kind == "post" else 1].append(value)
    return list(groups.values())


def run(paths: Iterable[str | os.PathLike], *, lang: str | None = None, out: str | os.PathLike = "corpus/posts",
        json_lines: IO[str] | None = None, translations: Iterable[str] = (), slug: str | None = None,
        replace: bool = False, on_error: Callable[[InputError], None],
        on_file: Callable[[Path, str], None] | None = None) -> int:
    """Ingest `paths`: write post files into `out`, or JSON Lines to `json_lines`. Returns the number
    of errors (each already passed to `on_error`, as is every warning, an `IngestWarning`, which
    is not counted); every good post is still written. A post and its translation (new, or a file
    of `out` declared back) are written together, all or none. A post file edited by hand since
    it was ingested is kept (`ingest.edits`) unless `replace`. `on_file(path, what)`: each post
    file of the run, once written (or found unchanged, or kept), with NEW, UPDATED, UNCHANGED or
    KEPT."""
    if json_lines is None and not Path(out).is_dir():
        raise InputError("output folder does not exist", path=out)
    done = plan(paths, lang=lang, out=out, translations=translations, slug=slug)
    for exc in done.errors:
        on_error(exc)
    errors = sum(not isinstance(exc, IngestWarning) for exc in done.errors)
    if json_lines is not None:
        for obj in [*map(post_json, done.posts), *({**post_json(p), "withheld": str(f)} for p, f in done.withheld)]:
            json_lines.write(json.dumps(obj, ensure_ascii=False, default=_json_value) + "\n")
        return errors
    for posts, updates in _groups(done):
        kept: list[InputError] = []
        try:
            files = write_posts(posts, out=out, updates=updates, replace=replace, errors=kept)
        except InputError as exc:
            errors += 1
            on_error(exc)
            continue
        for exc in kept:
            errors += 1
            on_error(exc)
        for path, what in files if on_file else ():
            on_file(path, what)
    return errors
