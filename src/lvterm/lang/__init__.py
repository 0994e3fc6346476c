"""Per-language knowledge. `get(lang)` returns the module for a language code, or a generic fallback;
`language_code(value)` is the one check of a language code given by a user (CLI, `align`, `segment`)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import import_module
from types import ModuleType

from ..constants import LANGUAGE_NAMES  # noqa: F401 - lang.LANGUAGE_NAMES, as messages name them
from ..errors import ArgumentError

#: The ISO 639-1 two-letter language codes (184, with the withdrawn "bh").
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en
eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka
kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl
nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split())

_CODE = re.compile(r"[a-z]{2,3}")


def language_code(value: object, *, iso_639_1: bool = False, what: str | None = None) -> str:
    """`value` as lvterm's language code: stripped and lower-cased ('LV ' -> 'lv'). ArgumentError unless
    it is two or three ASCII letters (an ISO 639-1 or 639-3 code: lv, en, ltg), or with `iso_639_1`
    unless it is one of `ISO_639_1`. `what` names the value in the message ('src_lang')."""
    code = value.strip().lower() if isinstance(value, str) else ""
    if iso_639_1 and code not in ISO_639_1:
        kind = "an ISO 639-1 code such as lv, en, de"
    elif not _CODE.fullmatch(code):
        kind = "a language code such as lv, en, de"
    else:
        return code
    shown = repr(value) if len(repr(value)) <= 42 else f"{repr(value)[:39]}..."
    raise ArgumentError(f"{what + ' ' if what else ''}{shown} is not {kind}")


#: The languages a library holds (its posts, terms and exports).
LIBRARY_LANGUAGES = ("lv", "en")



#: What a file's own declaration of its language may call Latvian besides lv (`declared_language`):
#: its English and Latvian names, and its ISO 639-2 (lav) and 639-3 (lvs, Standard Latvian) codes.
LATVIAN_ALIASES = frozenset({"latvian", "latviešu", "latviesu", "lav", "lvs"})

_DECLARED_PARTS = re.compile(r"[\s_\-@.(]")


def declared_language(value: str) -> str:
    """The language code a file declares (a .po header's Language): lower case, without its
    country, script or charset ("lv_LV", "lv-LV", "lv_LV.UTF-8" -> "lv"), Latvian named by name
    or another code as lv ("Latvian", "latviešu", "lav", "lvs" -> "lv", `LATVIAN_ALIASES`); ""
    when it declares none. Another language is its first word, lower case ("de_DE" -> "de")."""
    code = _DECLARED_PARTS.split(unicodedata.normalize("NFC", value).strip().casefold(), maxsplit=1)[0]
    return "lv" if code in LATVIAN_ALIASES else code


def library_language(value: object, *, what: str | None = "lang", auto: bool = False) -> str:
    """`value` as one of the library's languages, lower-cased ('EN' -> 'en'), or 'auto' with `auto`:
    the one check of the Python API's, the exports' and the command line's `lang`/`srclang`. A str
    of another language is an ArgumentError naming `what` (None: the message names only the value,
    as `language_code`'s does, for an option's "Invalid value for '--lang': ..."); anything else a
    TypeError."""
    if not isinstance(value, str):
        raise TypeError(f"{what or 'language'} must be a str, not {type(value).__name__}")
    codes = LIBRARY_LANGUAGES + ("auto",) * auto
    code = value.strip().lower()
    if code not in codes:
        allowed = ", ".join(map(repr, codes[:-1])) + f" or {codes[-1]!r}"
        raise ArgumentError(f"{what} must be {allowed}, not {value!r}" if what else f"{value!r} is not {allowed}")
    return code


@lru_cache(maxsize=64)
def get(lang: str) -> ModuleType:
    """The language module for an ISO 639-1 code (lv, en); other languages get `generic`."""
    if lang in ("lv", "en"):
        return import_module(f"lvterm.lang.{lang}")
    return import_module("lvterm.lang.generic")


@lru_cache(maxsize=65_536)
def sentence_keys(lang: str, text: str) -> tuple[str, str]:
    """(folded text, stem keys) of a sentence: the segments table's `fold` and `stems` columns, and
    the word keys the aligner's dictionary scorer matches terms by. Cached: the build computes them
    for every sentence of a post pair before aligning it, and corpora repeat boilerplate."""
    from .keys import fold

    return fold(text), get(lang).stem_key(text)
