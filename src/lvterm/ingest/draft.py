"""What a reader hands on: a Draft (candidate paragraphs and the metadata the format itself
carries) for cleaning, a LeftOut for an export's post that is not public, an Inventory of an
export's items, and IngestWarnings."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence, TypeVar

from ..buildcache import MAX_WARNINGS
from ..errors import InputError
from ..models import Repair

T = TypeVar("T")


class IngestWarning(InputError):
    """A problem that is reported (one line naming the file and item) but leaves the run a success
    (exit code 0): what a normal export holds and ingest leaves out (a post in a third language,
    a photo-only post, a translation that is a draft), or a post file that needs a look."""


def capped(found: Sequence[T], *, each: Callable[[T], IngestWarning],
           rest: Callable[[Sequence[T]], IngestWarning]) -> list[IngestWarning]:
    """A warning for each of the first `buildcache.MAX_WARNINGS` (20) of `found` (`each`), then one
    line for the others (`rest`), as the build does for its cache: a corpus of a thousand files
    that need a look is 21 lines, not a thousand."""
    lines = [each(x) for x in found[:MAX_WARNINGS]]
    return lines + ([rest(found[MAX_WARNINGS:])] if len(found) > MAX_WARNINGS else [])


@dataclass(frozen=True)
class LeftOut:
    """A post or page of an export that is not public, so not read: its item, post id, blog and
    why (`wxr.not_public`'s status: "draft", "private", "trash", ...)."""

    source: str
    item: str
    status: str
    post_id: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class Inventory:
    """What an export holds, to tell which post files of its blog it no longer does: its blog
    (`wp_site`), the post ids of all its items (any type or status; None when an item could not
    be read, so it cannot be told), and whether it shows it is an export of part of the site
    (`wxr.shows_partial`)."""

    source: str
    site: str | None
    post_ids: frozenset[str] | None
    partial: bool


@dataclass(frozen=True)
class Draft:
    """One post as read, before cleaning.

    `paragraphs` still hold boilerplate (comment forms, "Posted in ..." lines); `meta` holds what the
    format states explicitly (WXR <title>, front matter, <meta name="author">, the language as the
    source tags it: `meta["lang"]` "lv-LV"). With `title_in_body`
    the title is the first paragraph that no boilerplate rule claims (scraped page text).
    """

    source: str
    paragraphs: tuple[str, ...]
    meta: Mapping[str, Any] = field(default_factory=dict)
    item: str | None = None  # "item 3 'Title'" inside a multi-post file
    title_in_body: bool = False
    repairs: tuple[Repair, ...] = ()  # repairs already recorded (a post file read back)
    # Page furniture that carries metadata (Kubrick's "This entry was posted on ..."): only the
    # metadata rules read these, and whatever they do not claim is dropped, never body text.
    meta_paragraphs: tuple[str, ...] = ()
    # A multi-post source's own post ids (WXR wp:post_id) and the ids of the post's translations by
    # language (Polylang's translation group): ingest turns them into slugs once every post is read.
    post_id: str | None = None
    translation_ids: Mapping[str, str] = field(default_factory=dict)
    # The source states every translation the post has (an export whose items carry Polylang data):
    # the post is never paired by slug.
    translations_complete: bool = False
    # The translation group the item names (Polylang's `post_translations`), and that name again
    # when its export holds no groups at all (one of part of the site: `wxr._terms`): ingest warns
    # about such a post when the run leaves it without a translation.
    group: str | None = None
    unread_group: str | None = None
