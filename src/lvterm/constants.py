"""Every threshold and shared list of lvterm, in one place (import-free, so any layer may use it)."""
from __future__ import annotations

from types import MappingProxyType

#: The library's language pair: Latvian source posts, English translations. Sentence segmentation
#: and alignment work for any pair from the command line; the library itself is Latvian-English.
SOURCE_LANG = "lv"
TARGET_LANG = "en"
LANGS = (SOURCE_LANG, TARGET_LANG)
#: The library's languages by name, as messages name them.
LANGUAGE_NAMES = MappingProxyType({"lv": "Latvian", "en": "English"})
#: The letters of Latvian beyond ASCII (what tells a Latvian word typed with its diacritics), both cases.
LATVIAN_LETTERS = frozenset("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ")

#: Bead confidence under which an alignment is for review: left out of TMX (unless --all),
#: `fuzzy` in .po, listed by the `review_alignments` query. The aligner's confidence is calibrated
#: so that this is the point where a bead is as likely wrong as right.
REVIEW_THRESHOLD = 0.5

#: Lowest confidence of a machine-paired lv-en term kept by `lvterm extract` and the build. The
#: pairing confidence is calibrated (terms.pair.CONFIDENCE): under this a pair is more likely wrong
#: than right, and the Latvian term is proposed without an English one.
EXTRACT_MIN_CONFIDENCE = 0.5

#: Lowest pairing confidence at which a machine proposal's English term is shown as the entry's
#: equivalent (the "lv → en" headline of `lvterm lookup` and the site), for a pair whose terms are
#: used together in two sentence pairs or more of the library, and (ONE_PAIR) in one only: a pair
#: seen once has agreement and Dice 1 by construction, and its confidence is too high in the
#: 0.9-0.95 band (0.72 right on newstest2017). Under it the entry shows no equivalent, only the
#: machine's guess, marked as one (`terms.lookup`). Chosen by benchmarks/display_threshold.py on
#: newstest2017 paired in post-sized pieces (as the build pairs a post), for each kind apart: the
#: lowest step of 0.05 where the judged pairs at or above it, and those in the 0.1 above it, are
#: right >= 95 %. Shown: 0.97 right on newstest2017; held out, 1.00 on the library-science bitext
#: and the seed post (docs/termbase.md has the table).
DISPLAY_MIN_CONFIDENCE = 0.75
DISPLAY_MIN_CONFIDENCE_ONE_PAIR = 0.95

#: Term statuses, best first (IATE's order; proposals rank below every decided status but deprecated).
STATUSES = ("preferred", "admitted", "proposed", "deprecated")
STATUS_ORDER = MappingProxyType({status: rank for rank, status in enumerate(STATUSES)})
UNKNOWN_STATUS_RANK = len(STATUSES)

#: Words that join the words of a term ("biedra nauda un ziedojumi", "reading room of the library"):
#: not content words, never a term's head, left out of term keys and word counts.
LINK_WORDS = frozenset({"un", "and", "of", "the"})


def status_rank(status: str | None) -> int:
    """Sort key of a status: preferred first, unknown last."""
    return STATUS_ORDER.get(status or "", UNKNOWN_STATUS_RANK)


#: How a machine proposal is named wherever a person reads it (lookup, review, export comments).
PROPOSAL_LABEL = "proposal (machine-made, not reviewed)"


def status_label(status: str | None) -> str:
    """A status as a reader should see it: a machine proposal says that it is one."""
    return PROPOSAL_LABEL if status == "proposed" else str(status)
