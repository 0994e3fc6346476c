"""The post files of a blog that a later export of it no longer holds.

A post deleted on the site (or unpublished in a way that leaves it out of the export) stays in
its post file: ingest never deletes one. Each such file is named in a warning, so the user can
delete it: a post file of `--out` whose blog (`wp_site`) is an export's of the run, whose language
is one of the posts read from that blog's exports (an export split by language holds none of the
other's), and whose `wp_post_id` is no item of them (of any type or status: a post made private
or a draft is named as such by ingest, `pipeline._still_published`). Nothing is named for a blog
whose exports all show they are of part of the site (`wxr.shows_partial`: an export of one post
type, of posts only or of one category, of pages only), or one of whose exports has items that
could not be read (their ids cannot be told); the line says that a partial export leaves posts
out too. The front matter's bytes are read as YAML writes them, a comment after a value too
(`wp_post_id: "54"  # mine`); a file whose ids are written otherwise is parsed. After
`buildcache.MAX_WARNINGS` (20) such lines, as the build does for its cache, one line counts the
rest (an export that shows nothing of being partial yet is, WP-CLI's by dates, would name every
older post each run).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Sequence

from ..models import Post
from .draft import Draft, IngestWarning, Inventory, capped
from .placement import COMMENT, WP_POST_ID, Folder

_WP_SITE = re.compile(rb"^wp_site:[ \t]*([\"']?)([^\"'\r\n]*?)\1" + COMMENT + rb"[ \t]*\r?$", re.M)


def not_in_exports(exports: Iterable[Inventory], folder: Folder, *,
                   read: Iterable[tuple[Draft, Post]]) -> list[IngestWarning]:
    """A warning for each post file of `folder` that the run's `exports` of its blog no longer
    hold (see the module); `read`: the run's posts, as (draft, post)."""
    langs: dict[str, set[str]] = {}
    for draft, post in read:
        langs.setdefault(draft.source, set()).add(post.lang)
    blogs: dict[str, list[Inventory]] = {}
    for export in exports:
        if export.site:
            blogs.setdefault(export.site, []).append(export)
    blogs = {site: found for site, found in blogs.items()
             if any(not e.partial for e in found) and all(e.post_ids is not None for e in found)}
    held = {site: set().union(*(e.post_ids for e in found)) for site, found in blogs.items()}

    def gone(front: bytes) -> bool:  # by the bytes of its front matter: only these files are parsed
        site, pid = _WP_SITE.search(front), WP_POST_ID.search(front)
        if site is None or pid is None:  # written otherwise (YAML escapes, a flow mapping): parsed
            return b"wp_site" in front and b"wp_post_id" in front
        ids = held.get(site.group(2).decode("utf-8", "replace"))
        return ids is not None and pid.group(1).decode("ascii") not in ids

    named: list[tuple[Path, list[str]]] = []  # each post file gone, with the exports it is not in
    for post, file in folder.scan(gone) if blogs else ():
        found = blogs.get(post.meta.get("wp_site"))
        if not found or str(post.meta.get("wp_post_id")) in held[post.meta["wp_site"]] or \
                post.lang not in set().union(*(langs.get(e.source, set()) for e in found)):
            continue
        named.append((file, list(dict.fromkeys(e.source for e in found))))
    def rest(others: Sequence[tuple[Path, list[str]]]) -> IngestWarning:
        names = list(dict.fromkeys(name for _, found in others for name in found))
        return IngestWarning(f"{len(others)} more post file{'s are' if len(others) > 1 else ' is'} not in "
                             f"{_exports(names)}; kept", path=folder.path)

    return capped(named, rest=rest, each=lambda gone: IngestWarning(
        f"not in {_exports(gone[1])} (deleted or unpublished on the site, or left out of a partial export?); kept: "
        f"delete it to take it out", path=gone[0]))


def _exports(names: list[str]) -> str:
    """'the export a.xml', 'the exports a.xml, b.xml'"""
    return f"the export{'s' * (len(names) > 1)} {', '.join(names)}"
