"""Where a run's posts go in the output folder: which post file a post updates, which slug a new
post takes, and which of a run's posts are one post read twice.

A post's **identity** says which post it is, whatever its title or slug: a post of a WordPress
export is its blog (`wp_site`), language and `wp_post_id` (a file or an export that names no blog
matches on language and id alone); any other post is its language and its source together with
its title, slug or text (`curl URL > page.html` gives one path to many pages: a post with that
source but another title, slug and text is another post; a post of a multi-post source without
post ids, its title); such a post with a `link` (a page's canonical URL) is also any post file
of its language without a `wp_post_id` that has that link (`link_key`: scheme, fragment and final
slash aside), whatever its source, title and text (a page saved again under another name, its
title and text edited). A source path is compared in its resolved absolute form where the file
is there (`page.html` and `/home/me/page.html` are one file); `source:` keeps the path as given. So:

- a post whose identity a post file of the folder carries updates that file, under that file's
  slug (a title edited in WordPress keeps its file and its translation);
- any other post is new: it takes its slug, or the next free `-2`, `-3` when a post file of its
  language already has that slug (a different post never replaces a file); a new post with the
  text of a post file there (or of a new post before it) is a warning naming that file (most
  likely one post read from two files); when the file of its slug cannot be read or parsed
  (UTF-16 without its byte-order mark, front matter broken by a hand edit), it may be this very
  post, so the post is not written (an error naming the file: never a silent second file); a
  file in Windows-1257 is read as such (`Folder`) and is a post like any other (a warning that
  says how to convert it, `legacy_warnings`);
- posts of one identity in one run (an export given twice, two dated exports of one blog, one
  page saved twice) are one post: the last read wins.

The folder's post files are read once, as bytes of their front matter (`Folder`), and parsed
only when their bytes name what is sought (a slug, a `wp_post_id`, a source, a link) or their
body is as long as a new post's, so adding a post to a large corpus stays fast.
"""
from __future__ import annotations

import codecs
import dataclasses
import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Iterator, Sequence

from .. import textio
from ..errors import InputError
from ..formats import post as post_format
from ..models import Post
from .clean import shorten_slug
from .draft import Draft, IngestWarning, capped

#: Post files textio reads whose bytes are not ASCII-compatible: parsed, never scanned as bytes.
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
_FILE_NAME = re.compile(r"([a-z0-9-]+)\.([a-z]{2,3})\.md")
#: What may follow a value on its line: a YAML comment (`wp_post_id: "54"  # mine`).
COMMENT = rb"(?:[ \t]+#[^\r\n]*)?"
WP_POST_ID = re.compile(rb"^wp_post_id:[ \t]*[\"']?(\d+)[\"']?" + COMMENT + rb"[ \t]*\r?$", re.M)
_SOURCE = re.compile(rb"^source: *(.*?) *\r?$", re.M)
_LINK = re.compile(rb"^link: *(.*?) *\r?$", re.M)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)")


def link_key(link) -> str | None:
    """A post's `link` (its canonical URL) as identities compare it: without scheme, fragment and
    final slash, its host in lower case ('https://Blog.lv/post/' and 'http://blog.lv/post' are
    one); None for none."""
    text = str(link or "").strip().split("#", 1)[0]
    m = _SCHEME.match(text)
    if m:
        text = m.group(1).lower() + text[m.end():]
    return text.rstrip("/") or None


class Folder:
    """The post files of an output folder: each file's front matter read once as bytes (its line
    ends made LF: an old Mac's CR-only file is read as any other), and parsed on demand (once). A
    legacy file in Windows-1257 is read by textio's rule for it (`formats.post.decode_file`:
    `legacy`). A file that cannot be read or parsed is left out, and kept with its problem
    (`unreadable`): it may hold a post of the run (`place` names it); one that is no regular file
    (a FIFO named `x.lv.md`: opened without blocking, `textio.read_bytes`) is left out alone."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._files: list[Path] | None = None
        self._fronts: dict[Path, bytes | None] | None = None  # None: a UTF-16 file, always parsed
        self._sizes: dict[int, list[Path]] = {}  # the files by the length of their body in bytes
        self._parsed: dict[Path, Post | None] = {}
        self._legacy: dict[Path, str] = {}  # a Windows-1257 file's text
        self._unreadable: dict[Path, InputError] = {}

    def files(self) -> list[Path]:
        """The folder's post files (listed once)."""
        if self._files is None:
            self._files = post_format.post_files(self.path)
        return self._files

    def _front_bytes(self) -> dict[Path, bytes | None]:
        if self._fronts is None:
            self._fronts = {}
            for file in self.files():
                try:
                    data = textio.read_bytes(file)
                except InputError as exc:
                    if file.is_file():  # not a FIFO nor a device: it may hold a post
                        self._unreadable[file] = exc
                    continue
                if not data.startswith(_UTF16_BOMS) and not _utf8(data):
                    try:
                        self._legacy[file] = post_format.decode_file(data, path=file).text
                    except InputError as exc:  # UTF-16 without its byte-order mark, or undecodable
                        self._unreadable[file] = exc
                        continue
                    data = self._legacy[file].encode("utf-8")
                if b"\r" in data and not data.startswith(_UTF16_BOMS):
                    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
                end = data.find(b"\n---", 3)
                self._fronts[file] = None if data.startswith(_UTF16_BOMS) else data[:end if end > 0 else None]
                if end > 0 and data.startswith(b"---\n"):  # the body after "\n---\n\n", as `dumps` writes it
                    self._sizes.setdefault(len(data) - (end + 6), []).append(file)
        return self._fronts

    def same_text(self, post: Post) -> Iterator[tuple[Post, Path]]:
        """The post files of the post's language whose body is the post's, as ingest writes it (a
        file whose body is that long is parsed; the others are not)."""
        self._front_bytes()
        for file in self._sizes.get(len(post_format.body_text(post).encode("utf-8")), ()):
            if file.name.endswith(f".{post.lang}.md"):
                for other, _ in self.scan(lambda front: True, only=file):
                    if other.paragraphs == post.paragraphs:
                        yield other, file

    def scan(self, names: Callable[[bytes], bool], *, only: Path | None = None) -> Iterator[tuple[Post, Path]]:
        """The post files whose front matter's bytes `names` accepts (of `only`, the file), parsed."""
        fronts = self._front_bytes()
        for file, front in fronts.items() if only is None else [(only, fronts.get(only))]:
            if front is not None and not names(front):
                continue
            if file in self._unreadable:
                continue
            if file not in self._parsed:
                try:
                    self._parsed[file] = (post_format.loads(self._legacy[file], path=file) if file in self._legacy
                                          else post_format.load(file))
                except InputError as exc:
                    self._parsed[file], self._unreadable[file] = None, exc
            if self._parsed[file] is not None:
                yield self._parsed[file], file

    def unreadable(self) -> dict[Path, InputError]:
        """The post files that cannot be read (all of them) or parsed (of those parsed so far), with why."""
        self._front_bytes()
        return dict(self._unreadable)

    def legacy(self) -> list[Path]:
        """The post files read as Windows-1257 (`formats.post.decode_file`)."""
        self._front_bytes()
        return list(self._legacy)

    def problem(self, slug: str, lang: str) -> InputError | None:
        """Why the post file `<slug>.<lang>.md`, when there is one, cannot be read or parsed (None: it can)."""
        file = self.path / f"{slug}.{lang}.md"
        if file in self._front_bytes() and file not in self._parsed:
            list(self.scan(lambda front: True, only=file))
        return self._unreadable.get(file)

    def taken(self) -> set[tuple[str, str]]:
        """(slug, language) of every post file name (`<slug>.<lang>.md`), readable or not."""
        return {(m.group(1), m.group(2)) for m in map(_FILE_NAME.fullmatch, (f.name for f in self.files())) if m}


def _utf8(data: bytes) -> bool:
    """Whether `data` is UTF-8 without a NUL (UTF-16 without its byte-order mark has them)."""
    return b"\x00" not in data and textio.is_utf8(data)


def source_key(source) -> str | None:
    """A source path as identities compare it: resolved and absolute when the file is there (one
    file however it was typed), else normalised."""
    if not source:
        return None
    path = str(source)
    try:
        return os.path.realpath(path) if os.path.exists(path) else os.path.normpath(path)
    except (OSError, ValueError):  # a path the system cannot look up (NUL, too long)
        return os.path.normpath(path)


@dataclass(frozen=True)
class Identity:
    """Which post a post is (see the module): a WordPress post id, else its source with its title
    (a post file with that source and the same slug or text is this post too)."""

    lang: str
    wp_post_id: str | None = None
    site: str | None = None
    source: str | None = None
    title: str | None = None
    multi: bool = False  # a post of a multi-post source without post ids: its title alone tells it
    slug: str | None = dataclasses.field(default=None, compare=False)
    paragraphs: tuple[str, ...] = dataclasses.field(default=(), compare=False)
    given: str | None = dataclasses.field(default=None, compare=False)  # the source as given
    link: str | None = dataclasses.field(default=None, compare=False)  # its canonical URL (`link_key`)

    @classmethod
    def of(cls, post: Post, *, multi: bool = False) -> "Identity":
        wp_id = post.meta.get("wp_post_id")
        if wp_id not in (None, ""):
            return cls(lang=post.lang, wp_post_id=str(wp_id), site=post.meta.get("wp_site") or None)
        return cls(lang=post.lang, source=source_key(post.source), title=post.title, multi=multi, slug=post.slug,
                   paragraphs=tuple(post.paragraphs), given=str(post.source) if post.source else None,
                   link=link_key(post.meta.get("link")))

    def matches(self, other: Post) -> bool:
        """Whether the post file `other` holds this post."""
        if other.lang != self.lang:
            return False
        other_id = other.meta.get("wp_post_id")
        if self.wp_post_id is not None:
            there = other.meta.get("wp_site") or None
            return str(other_id) == self.wp_post_id and (self.site is None or there is None or there == self.site)
        if other_id not in (None, ""):
            return False
        if self.link is not None and link_key(other.meta.get("link")) == self.link and self.related(other):
            return True  # the same canonical URL: saved again under another name, its title edited
        if self.source is None or source_key(other.source) != self.source:
            return False
        if self.multi:
            return other.title == self.title
        return other.title == self.title or other.slug == self.slug or tuple(other.paragraphs) == self.paragraphs

    def related(self, other: Post) -> bool:
        """Whether a post with this one's canonical link is this post: the same source or title
        too, or half its paragraphs or more in common (a page saved again with its title and a
        sentence edited); a theme may give every page the home page's URL as its link."""
        if source_key(other.source) == self.source or other.title == self.title:
            return True
        theirs = set(other.paragraphs)
        shared = sum(p in theirs for p in self.paragraphs)
        return 2 * shared >= max(len(self.paragraphs), len(theirs), 1)

    def key(self) -> tuple[str, str, str | None]:
        """What `matches` compares first (language and post id, or language and source)."""
        if self.wp_post_id is not None:
            return self.lang, "wp", self.wp_post_id
        return self.lang, "source", self.source

    @staticmethod
    def key_of(post: Post) -> tuple[str, str, str | None]:
        wp_id = post.meta.get("wp_post_id")
        if wp_id not in (None, ""):
            return post.lang, "wp", str(wp_id)
        return post.lang, "source", source_key(post.source)

    def __str__(self) -> str:
        if self.wp_post_id is not None:
            return f"wp_post_id {self.wp_post_id}" + (f" of {self.site}" if self.site else "")
        return f"source {self.source}, title {self.title!r}" + (f", link {self.link}" if self.link else "")


def _may_hold(ids: list[Identity]) -> Callable[[bytes], bool]:
    """A quick test of a front matter's bytes before parsing: does it name a `wp_post_id` or a
    source (by its file name) of `ids`? (A source written with YAML escapes is always parsed.)"""
    wp_ids = {i.wp_post_id.encode("ascii", "replace") for i in ids if i.wp_post_id is not None}
    names = {os.path.basename(name).encode("utf-8", "surrogateescape") for i in ids if i.wp_post_id is None
             for name in (i.source, i.given) if name}  # a symlink's name, or its target's
    links = {i.link for i in ids if i.wp_post_id is None and i.link}

    def test(front: bytes) -> bool:
        if wp_ids and not wp_ids.isdisjoint(WP_POST_ID.findall(front)):
            return True
        for value in _LINK.findall(front) if links else ():
            value = value.strip(b"'\"")
            if b"\\" in value or link_key(value.decode("utf-8", "replace")) in links:
                return True
        for value in _SOURCE.findall(front) if names else ():
            value = value.strip(b"'\"")
            if b"\\" in value or value.rsplit(b"/", 1)[-1] in names:
                return True
        return False

    return test


def identity(draft: Draft, post: Post) -> Identity:
    return Identity.of(post, multi=draft.item is not None)


@dataclass(frozen=True)
class Dispute:
    """A post that a partial export of the run (`partial`: no translation groups in it, its item
    naming one) and an export of the whole site (`whole`) put in different translation groups: they
    were exported at different times, so neither pairing is taken (`merge`). `ident`: the post."""

    partial: Draft
    whole: Draft
    ident: Identity

    def warning(self, post: Post | None) -> IngestWarning:
        """The warning, saying what the run makes of it: `post` as resolved (None: not written), whose
        translations can only have come from elsewhere (its post file, `--translation`)."""
        kept = sorted(f"{slug}.{lang}" for lang, slug in (post.translations.items() if post else ())
                      if lang != post.lang)
        then = (f"paired by neither export: it keeps the translation its post files declare ({', '.join(kept)})"
                if kept else "paired by neither: ingest one export of the whole site as it is now, or pair it with "
                "'lvterm pair --write'")
        return IngestWarning(f"names its translation group {self.partial.unread_group!r}, but {self.whole.source} "
                             f"[{self.whole.item}] names {self.whole.group!r} for this post (exported at different "
                             f"times?); {then}", path=self.partial.source, item=self.partial.item)


def merge(found: list[tuple[Draft, Post]], *, disputes: list[Dispute]) -> list[tuple[Draft, Post]]:
    """The run's posts with those of one identity made one: the last read, in its place. Read from
    an export of part of the site, which cannot hold its translation group, it takes the group's
    ids from the last other read of it whose export holds the group (the whole site's export),
    when that read names the same group. When the last read of it from a partial export and the
    last from a whole one name different groups (exported at different times), in whichever
    order, it is read unpaired, and so is it in its translations' groups: a `Dispute` in
    `disputes` (the pipeline words its warning once the run's translations are resolved). Posts
    of one canonical link are one post when the source, title or text is one too (`Identity.related`)."""
    group: list[int] = []  # each post's group: the index of its first post
    firsts: dict = {}
    by_link: dict[tuple, list[int]] = {}
    for n, (draft, post) in enumerate(found):
        ident = identity(draft, post)
        first = firsts.get(ident)
        if first is None and ident.wp_post_id is None and ident.link:
            first = next((g for g in by_link.get((ident.lang, ident.link), ()) if ident.related(found[g][1])), None)
        if first is None:
            first = firsts[ident] = n
            if ident.wp_post_id is None and ident.link:
                by_link.setdefault((ident.lang, ident.link), []).append(n)
        group.append(first)
    last = {g: n for n, g in enumerate(group)}
    whole: dict[int, Draft] = {}  # group -> its last read from an export that holds its translation group
    partial: dict[int, Draft] = {}  # group -> its last read from an export that cannot hold it
    for n, (draft, _) in enumerate(found):
        if draft.unread_group is not None:
            partial[group[n]] = draft
        elif draft.group is not None:
            whole[group[n]] = draft
    out, disputed = [], set()  # disputed: (site, post id) of the posts two exports group differently
    for n, (draft, post) in enumerate(found):
        if last[group[n]] != n:
            continue
        other, part = whole.get(group[n]), partial.get(group[n])
        if other is not None and part is not None and other.group != part.unread_group:
            disputes.append(Dispute(partial=part, whole=other, ident=identity(draft, post)))
            disputed.add((draft.meta.get("wp_site"), draft.post_id))
            draft = dataclasses.replace(draft, unread_group=None, translation_ids={})  # not in the count of unpaired
        elif other is not None and draft.unread_group is not None:
            draft = dataclasses.replace(draft, translation_ids=other.translation_ids)
        out.append((draft, post))
    if not disputed:
        return out
    return [(dataclasses.replace(draft, translation_ids={lang: pid for lang, pid in draft.translation_ids.items()
                                                         if (draft.meta.get("wp_site"), pid) not in disputed}), post)
            for draft, post in out]


def _numbered(slug: str, n: int) -> str:
    suffix = f"-{n}"
    return shorten_slug(slug, max_length=post_format.SLUG_MAX_LENGTH - len(suffix)) + suffix


def place(found: list[tuple[Draft, Post]], folder: Folder | None, *, slug: str | None = None,
          errors: list[InputError], withheld: dict[Path, list[tuple[Draft, Post]]] | None = None,
          ) -> list[tuple[Draft, Post]]:
    """Each post with the slug it is written under (see the module); a post that cannot be placed
    is an InputError in `errors` and left out, one whose file cannot be read (it may be this
    post) in `withheld` too, under that file. `slug` is `--slug` (one post): it never moves a
    post that is in the folder under another slug, nor takes another post's file."""
    ids = [identity(d, p) for d, p in found]
    same: dict[Identity, list[tuple[Post, Path]]] = {i: [] for i in ids}
    linked: dict[Identity, list[Path]] = {}  # post files of a post's link that are other posts
    if folder is not None and ids:
        by_key: dict[tuple, list[Identity]] = {}
        for i in same:
            by_key.setdefault(i.key(), []).append(i)
            if i.wp_post_id is None and i.link:
                by_key.setdefault((i.lang, "link", i.link), []).append(i)
        for other, file in folder.scan(_may_hold(ids)):
            keys = [Identity.key_of(other), (other.lang, "link", link_key(other.meta.get("link")))]
            for i in dict.fromkeys(i for key in keys for i in by_key.get(key, ())):
                if i.matches(other):
                    same[i].append((other, file))
                elif i.link is not None and link_key(other.meta.get("link")) == i.link and other.lang == i.lang:
                    linked.setdefault(i, []).append(file)
    taken = folder.taken() if folder is not None else set()
    where = folder.path if folder is not None else None
    claimed: set[Path] = set()
    placed: list = [None] * len(found)  # (draft, post) placed, False: left out, None: not yet
    for n, ((draft, post), ident) in enumerate(zip(found, ids)):  # 1. the posts already in the folder
        files = [(p, f) for p, f in same[ident] if f not in claimed]
        if len(files) > 1:
            errors.append(InputError(f"{len(files)} post files of {where} hold this post ({ident}): "
                                     f"{', '.join(sorted(p.id for p, _ in files))}; not written: keep one of them",
                                     path=draft.source, item=draft.item))
            placed[n] = False
        elif files:
            (old, file), = files
            if slug is not None and old.slug != slug:
                errors.append(InputError(f"--slug {slug}: this post is in {where} as {old.id} ({ident}); "
                                         f"nothing written", path=draft.source, item=draft.item))
                placed[n] = False
                continue
            claimed.add(file)
            placed[n] = (draft, post if post.slug == old.slug else dataclasses.replace(post, slug=old.slug))
    used = {(pair[1].slug, pair[1].lang) for pair in placed if pair}
    withheld = {} if withheld is None else withheld  # unreadable post files named as a new post: the posts not written
    for n, (draft, post) in enumerate(found):  # 2. new posts: a free slug
        if placed[n] is not None:
            continue
        if (post.slug, post.lang) in taken and (post.slug, post.lang) not in used and \
                folder.problem(post.slug, post.lang) is not None:  # the file may be this post: no second one
            withheld.setdefault(folder.path / f"{post.slug}.{post.lang}.md", []).append((draft, post))
            continue
        new, k = post.slug, 2
        while (new, post.lang) in taken or (new, post.lang) in used:
            new, k = _numbered(post.slug, k), k + 1
        if slug is not None and new != slug:
            errors.append(InputError(f"--slug {slug}: {slug}.{post.lang} in {where} is another post; nothing "
                                     f"written: choose another slug", path=draft.source, item=draft.item))
            continue
        used.add((new, post.lang))
        placed[n] = (draft, post if new == post.slug else dataclasses.replace(post, slug=new))
        if new != post.slug and draft.meta.get("slug"):  # the source named its slug: links to it may mean it
            errors.append(IngestWarning(f"its slug {post.slug!r} is another post's ({post.slug}.{post.lang}); written as "
                                        f"{new}.{post.lang}: a translation naming {post.slug} means that other post",
                                        path=draft.source, item=draft.item))
        shared = [str(f) for f in linked.get(ids[n], ())] + [
            p.id for p in (pair[1] for pair in placed[:n] if pair) if ids[n].link and p.lang == post.lang
            and link_key(p.meta.get("link")) == ids[n].link]
        if shared:
            errors.append(IngestWarning(f"shares its canonical link with {shared[0]} but not its title or most of its text: "
                                        f"written as {new}.{post.lang}, a post of its own", path=draft.source,
                                        item=draft.item))
        twin = _twin(post, folder, new_posts=[pair[1] for pair in placed[:n] if pair and pair[1].lang == post.lang])
        if twin is not None:
            errors.append(IngestWarning(f"has the same text as {twin}; written as {new}.{post.lang} all the same: "
                                        f"if they are one post, delete one of them", path=draft.source,
                                        item=draft.item))
    if folder is not None:
        errors += _unreadable(folder, withheld=withheld)
    return [pair for pair in placed if pair]


def _unreadable(folder: Folder, *, withheld: dict[Path, list[tuple[Draft, Post]]]) -> list[InputError]:
    """One line for each post file of `folder` that cannot be read or parsed (an error: it may hold a
    post of the run, so no post is written under its name, `withheld`)."""
    out: list[InputError] = []
    for file, problem in sorted(folder.unreadable().items()):
        held = [post.id for _, post in withheld.get(file, ())]
        what = (f"whether it holds {', '.join(held)} of this run cannot be told, so that post is not written beside "
                f"it" if held else "it may hold a post of this run (then written again beside it)")
        out.append(InputError(f"cannot be read ({problem.message}): {what}; mend it (a post file is UTF-8 text with "
                              f"YAML front matter) or delete it, and ingest again", path=file, line=problem.line))
    return out


def legacy_warnings(folder: Folder, *, written: Collection[str]) -> list[IngestWarning]:
    """A warning for each post file of `folder` read as Windows-1257 (`Folder`), which the build
    does not read: one the run writes (its name in `written`) becomes UTF-8; any other is named
    with the command that converts it (ingesting the file itself: its post, its edits and its
    translations kept). After 20 lines, one counts the rest (`draft.capped`)."""

    def each(file: Path) -> IngestWarning:
        if file.name in written:
            return IngestWarning("Windows-1257 text, not UTF-8: read as such, and written as UTF-8 when ingest writes "
                                 "its post (the build reads UTF-8 post files only)", path=file)
        return IngestWarning(f"Windows-1257 text, not UTF-8, which the build does not read: convert it with "
                             f"'{_convert(file, folder)}' (its post, edits and translations kept)", path=file)

    def rest(files: Sequence[Path]) -> IngestWarning:
        return IngestWarning(f"{len(files)} more post file{'s are' if len(files) > 1 else ' is'} Windows-1257 text, "
                             f"not UTF-8, which the build does not read: convert each with "
                             f"'{_convert('FILE', folder)}'", path=folder.path)

    return capped(sorted(folder.legacy()), each=each, rest=rest)


def _convert(file, folder: Folder) -> str:
    """The command that writes a post file of `folder` again as UTF-8: `lvterm ingest FILE --out FOLDER`."""
    return shlex.join(["lvterm", "ingest", str(file), "--out", str(folder.path)])


def _twin(post: Post, folder: Folder | None, *, new_posts: list[Post]) -> str | None:
    """A post file of the folder (`file (source SOURCE)`), or a post of the run placed before it, with
    the new post's text: the same post read from another file, most likely."""
    for other, file in folder.same_text(post) if folder is not None else ():
        return f"{file}" + (f" (from {other.source})" if other.source else "")
    for other in new_posts:
        if other.paragraphs == post.paragraphs:
            return f"{other.id}" + (f" (from {other.source})" if other.source else "")
    return None

