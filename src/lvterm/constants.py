"""Every threshold and shared list of lvterm, in one place (import-free, so any layer may use it)."""
from __future__ import annotations

from types import MappingProxyType

#: The library's language pair: Latvian source posts, English translations. Sentence segmentation
#: and alignment work for any pair from the command line; the library itself is Latvian-English.
SOURCE_LANG = "lv"
TARGET_LANG = "en"
LANGS = (SOURCE_LANG, TARGET_LANG)

#: Bead confidence under which an alignment is for review: left out of TMX (unless --all),
#: `fuzzy` in .po, listed by the `review_alignments` query. The aligner's confidence is calibrated
#: so that this is the point where a bead is as likely wrong as right.
REVIEW_THRESHOLD = 0.5

#: Lowest confidence of a machine-paired lv-en term kept by `lvterm extract` and the build. The
#: pairing confidence is calibrated (terms.pair.CONFIDENCE): under this a pair is more likely wrong
#: than right, and the Latvian term is proposed without an English one.
EXTRACT_MIN_CONFIDENCE = 0.5

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
