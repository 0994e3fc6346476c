"""Boilerplate rules, loaded from data (src/lvterm/data/boilerplate.yml by default).

See the comments at the top of that file for the rule language. Loading validates the file and
reports a bad rule as an InputError naming the file.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import textio
from ..errors import InputError
from .dates import DATE_PATTERN

DEFAULT_RULES = Path(__file__).resolve().parent.parent / "data" / "boilerplate.yml"


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern

    def match(self, paragraph: str) -> re.Match | None:
        return self.regex.fullmatch(paragraph)


@dataclass(frozen=True)
class MetaRule:
    pattern: Pattern
    whole: str | None = None  # store the whole paragraph under this field
    header: bool = False  # only a page header's line (the first dated one, at the top): elsewhere it is text


@dataclass(frozen=True)
class LabelRule:
    pattern: Pattern
    next: str  # the field the following paragraph becomes


@dataclass(frozen=True)
class BlockRule:
    """A heading paragraph ("Related") that opens a block of furniture: it and the paragraphs after
    it are dropped, metadata rules unheard (a related post's date is not the post's), up to the
    next paragraph another rule claims that is not one of the block's own (`inside`), and at most
    `max` paragraphs."""

    pattern: Pattern
    inside: tuple[Pattern, ...] = ()
    max: int = 12


@dataclass(frozen=True)
class RuleSet:
    name: str
    lang: str
    drop: tuple[Pattern, ...] = ()
    meta: tuple[MetaRule, ...] = ()
    label: tuple[LabelRule, ...] = ()
    block: tuple[BlockRule, ...] = ()
    scraped: bool = False  # only for scraped page text (a bare date line is metadata there, text elsewhere)


@dataclass(frozen=True)
class HtmlRules:
    title_classes: tuple[str, ...] = ()
    content_classes: tuple[str, ...] = ()  # in order of preference
    drop_classes: frozenset[str] = frozenset()
    drop_tags: frozenset[str] = frozenset()
    meta_classes: frozenset[str] = frozenset()  # furniture whose text only metadata rules read
    file_classes: frozenset[str] = frozenset()  # a file block: its title stays, the file's name goes
    shortcodes_unwrap: frozenset[str] = frozenset()  # WordPress shortcodes (ingest.shortcodes)
    shortcodes_drop: frozenset[str] = frozenset()
    embed_hosts: frozenset[str] = frozenset()  # bare URLs WordPress shows as embeds (shortcodes.drop_autoembeds)
    embed_files: frozenset[str] = frozenset()


@dataclass(frozen=True)
class GluedRules:
    min_zipf: float = 3.0
    min_part: int = 2
    keep: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Rules:
    rulesets: tuple[RuleSet, ...]
    html: HtmlRules = field(default_factory=HtmlRules)
    glued: GluedRules = field(default_factory=GluedRules)

    def for_lang(self, lang: str, *, scraped: bool = False) -> tuple[RuleSet, ...]:
        """The rule sets for a post in `lang`; those marked `scraped` only for scraped page text."""
        return tuple(rs for rs in self.rulesets if rs.lang in ("any", lang) and (scraped or not rs.scraped))


def _pattern(spec, *, path, where: str) -> Pattern:
    if isinstance(spec, str):
        return Pattern(re.compile(re.escape(spec.strip())))
    if isinstance(spec, dict) and isinstance(spec.get("re"), str):
        try:  # {DATE}: a date as ingest.dates reads it, in words or in numbers
            return Pattern(re.compile(spec["re"].replace("{DATE}", DATE_PATTERN)))
        except re.error as exc:
            raise InputError(f"{where}: bad regular expression: {exc}", path=path) from None
    if isinstance(spec, dict) and isinstance(spec.get("match"), str):
        return Pattern(re.compile(re.escape(spec["match"].strip())))
    raise InputError(f"{where}: a pattern is a string or {{re: REGEX}}", path=path)


def parse(data, *, path: str | os.PathLike | None = None) -> Rules:
    """Build Rules from the parsed YAML mapping."""
    if not isinstance(data, dict) or not isinstance(data.get("rulesets"), list):
        raise InputError("boilerplate rules need a 'rulesets' list", path=path)
    sets = []
    for n, raw in enumerate(data["rulesets"], 1):
        if not isinstance(raw, dict):
            raise InputError(f"rule set {n} is not a mapping", path=path)
        name = str(raw.get("name") or f"rule set {n}")
        meta = []
        for spec in raw.get("meta") or ():
            meta.append(MetaRule(_pattern(spec, path=path, where=f"{name}: meta"),
                                 whole=spec.get("whole") if isinstance(spec, dict) else None,
                                 header=bool(spec.get("header")) if isinstance(spec, dict) else False))
        labels = []
        for spec in raw.get("label") or ():
            if not isinstance(spec, dict) or not spec.get("next"):
                raise InputError(f"{name}: a label rule needs 'next: FIELD'", path=path)
            labels.append(LabelRule(_pattern(spec, path=path, where=f"{name}: label"), next=str(spec["next"])))
        blocks = []
        for spec in raw.get("block") or ():
            if not isinstance(spec, dict) or not isinstance(spec.get("max", 12), int) or spec.get("max", 12) < 1:
                raise InputError(f"{name}: a block rule is {{match: HEADING, inside: [...], max: N}}", path=path)
            blocks.append(BlockRule(_pattern(spec, path=path, where=f"{name}: block"),
                                    inside=tuple(_pattern(s, path=path, where=f"{name}: block inside")
                                                 for s in spec.get("inside") or ()),
                                    max=spec.get("max", 12)))
        sets.append(RuleSet(
            name=name, lang=str(raw.get("lang") or "any"),
            drop=tuple(_pattern(s, path=path, where=f"{name}: drop") for s in raw.get("drop") or ()),
            meta=tuple(meta), label=tuple(labels), block=tuple(blocks), scraped=bool(raw.get("scraped"))))
    html = data.get("html") or {}
    shortcodes = data.get("shortcodes") or {}
    glued = data.get("glued_links") or {}
    embeds = data.get("autoembeds") or {}
    if not isinstance(embeds, dict) or not all(
            isinstance(embeds.get(k) or [], list) and all(isinstance(v, str) for v in embeds.get(k) or [])
            for k in ("hosts", "files")):
        raise InputError("'autoembeds' is {hosts: [youtube.com, ...], files: [mp3, ...]}", path=path)
    return Rules(
        rulesets=tuple(sets),
        html=HtmlRules(
            title_classes=tuple(html.get("title_classes") or ()),
            content_classes=tuple(html.get("content_classes") or ()),
            drop_classes=frozenset(html.get("drop_classes") or ()),
            drop_tags=frozenset(html.get("drop_tags") or ()),
            meta_classes=frozenset(html.get("meta_classes") or ()),
            file_classes=frozenset(html.get("file_classes") or ()),
            shortcodes_unwrap=frozenset(shortcodes.get("unwrap") or ()),
            shortcodes_drop=frozenset(shortcodes.get("drop") or ()),
            embed_hosts=frozenset(h.lower().strip(".") for h in embeds.get("hosts") or ()),
            embed_files=frozenset(f.lower().lstrip(".") for f in embeds.get("files") or ())),
        glued=GluedRules(
            min_zipf=float(glued.get("min_zipf", 3.0)), min_part=int(glued.get("min_part", 2)),
            keep=frozenset(glued.get("keep") or ())),
    )


def load(path: str | os.PathLike) -> Rules:
    data = textio.read_yaml(path, what="bad YAML in boilerplate rules")  # bounded, one line naming file and line
    return parse(data, path=path)


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    return load(DEFAULT_RULES)
