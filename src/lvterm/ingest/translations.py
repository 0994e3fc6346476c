"""Which posts translate each other, once a run's posts are read: the declarations of the run made
mutual with each other and with the post files already in the output folder, whichever came first.

A new post's declared translations (`translations: {en: slug}`) come from its source (front
matter, a Polylang translation group), from `--translation` and from the file it updates (its own
older version: `ingest.placement` gives a post the slug of that file, and never another post's
slug). Then:

1. each declaration is accepted unless it names the post itself (or its own language), or its
   translation is already another post's: the translation declares another one, or another post
   declared it first (two posts claiming one translation);
2. the translation of an accepted declaration declares it back: a post of the run directly, a post
   file already in the folder by an *update* (files of the folder are only ever added to);
3. a file in the folder that declares a new post as its translation is declared back by it;
4. a post left without a translation into another language pairs with the post of that language
   that has the same slug, when that post is free too (`lvterm ingest` a Latvian page, then its
   English version under the same slug). A same-slug post that is another's translation is a slug
   collision across languages. Posts whose source states all their translations (`complete`: the
   posts of an export whose items carry Polylang data) take no part: their translations are their
   groups', and a slug they share with another language's post is no problem.

Everything that cannot be declared is a problem, one (post, message) each; the posts are still
written, with the declarations that could be made. `resolve` is pure: the pipeline reads the
folder and writes the files.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from typing import Collection, Mapping, Sequence

from ..models import Post


@dataclass(frozen=True)
class Resolution:
    posts: list[Post]  # the new posts, in the order given, with their translations resolved
    updates: list[Post]  # posts of the folder that get a declaration back (their other fields as they were)
    problems: list[tuple[Post, str]]  # a new post and what of its translations could not be declared, and why


def _id(slug: str, lang: str) -> str:
    return f"{slug}.{lang}"


def resolve(new: Sequence[Post], existing: Mapping[str, Post] | None = None, *,
            complete: Collection[str] = ()) -> Resolution:
    """Make the translations of `new` posts (unique ids) and of the `existing` posts of the folder
    (by id; the post's own older file, which a new post of the same id updates, contributes its
    declarations to it) mutual. `complete`: ids of
    new posts never paired by slug (their source states all their translations). See the module."""
    existing = existing or {}
    new_ids = {p.id for p in new}
    fixed = {i: p for i, p in sorted(existing.items()) if i not in new_ids}  # only ever added to
    declared: dict[str, dict[str, str]] = {}
    for p in new:
        previous = existing.get(p.id)
        declared[p.id] = {**(previous.translations if previous is not None else {}), **p.translations}
    by_id = {p.id: p for p in new}
    final: dict[str, dict[str, str]] = {p.id: {} for p in new}
    added: dict[str, dict[str, str]] = defaultdict(dict)
    claimed: dict[tuple[str, str], str] = {}  # (post id, a language) -> the post of that language claiming it
    for pid, p in fixed.items():
        for lang, slug in sorted(p.translations.items()):
            claimed.setdefault((_id(slug, lang), p.lang), pid)
    problems: list[tuple[Post, str]] = []

    def slot(pid: str, lang: str) -> str | None:
        """The slug of the `lang` translation post `pid` has or intends to have."""
        if pid in final:
            return final[pid].get(lang) or declared[pid].get(lang)
        if pid in fixed:
            return fixed[pid].translations.get(lang) or added.get(pid, {}).get(lang)
        return None

    # 1. the declarations made
    for p in new:
        for lang, slug in sorted(declared[p.id].items()):
            target = _id(slug, lang)
            if lang == p.lang:
                problems.append((p, f"declares itself as its own {lang} translation" if slug == p.slug else
                                 f"declares {target} as its translation, in its own language {lang}"))
                continue
            theirs, owner = slot(target, p.lang), claimed.get((target, p.lang))
            if theirs not in (None, p.slug):
                problems.append((p, f"declares {target} as its {lang} translation, but {target} is the "
                                    f"translation of {_id(theirs, p.lang)}; not declared"))
                continue
            if theirs is None and owner not in (None, p.id):
                problems.append((p, f"declares {target} as its {lang} translation, as {owner} does; "
                                    f"not declared"))
                continue
            final[p.id][lang] = slug
            claimed[(target, p.lang)] = p.id

    # 2. declared back by the translation
    for p in new:
        for lang, slug in final[p.id].items():
            target = _id(slug, lang)
            if target in final:
                final[target].setdefault(p.lang, p.slug)
            elif target in fixed and slot(target, p.lang) is None:
                added[target][p.lang] = p.slug

    # 3. files of the folder that declare a new post
    for pid, d in fixed.items():
        for lang, slug in sorted(d.translations.items()):
            target = _id(slug, lang)
            if target not in final or lang == d.lang:
                continue
            mine = final[target].get(d.lang)
            if mine is None:
                final[target][d.lang] = d.slug
                claimed[(pid, lang)] = target
            elif mine != d.slug:
                problems.append((by_id[target], f"is declared by {pid} as its {lang} translation, but declares "
                                                f"{_id(mine, d.lang)}; {pid} left as it was"))

    # 4. the same slug in another language
    by_slug: dict[str, list[str]] = defaultdict(list)
    for pid in [*final, *fixed]:
        by_slug[pid.rsplit(".", 1)[0]].append(pid)
    reported: set[frozenset[str]] = set()
    for p in new:
        for other in by_slug[p.slug] if p.id not in complete else ():
            lang = other.rsplit(".", 1)[1]
            if lang == p.lang or other in complete:
                continue
            mine, theirs, owner = final[p.id].get(lang), slot(other, p.lang), claimed.get((other, p.lang))
            if mine == p.slug and theirs == p.slug:
                continue  # translations of each other
            if mine is None and theirs is None and owner in (None, p.id):
                final[p.id][lang] = p.slug
                if other in final:
                    final[other][p.lang] = p.slug
                else:
                    added[other][p.lang] = p.slug
                claimed[(other, p.lang)] = p.id
                continue
            if frozenset((p.id, other)) in reported:
                continue
            reported.add(frozenset((p.id, other)))
            if mine is not None and mine != p.slug:
                why = f"its {lang} translation is {_id(mine, lang)}"
            elif theirs is not None:
                why = f"{other} is the translation of {_id(theirs, p.lang)}"
            else:
                why = f"{owner} declares {other} as its translation"
            problems.append((p, f"shares its slug with {other}, which is not its translation ({why}); not paired: "
                                f"give one of them another slug (--slug)"))

    posts = [dataclasses.replace(p, translations=dict(sorted(final[p.id].items()))) for p in new]
    updates = [dataclasses.replace(fixed[pid], translations=dict(sorted({**fixed[pid].translations, **more}.items())))
               for pid, more in sorted(added.items()) if more]
    return Resolution(posts=posts, updates=updates, problems=problems)
